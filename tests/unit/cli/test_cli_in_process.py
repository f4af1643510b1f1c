"""The command line called in-process (`assoc_crawler.cli.main(argv)`): exit statuses, one-line errors, output.
Crawls and servers are in tests/e2e/; these need neither."""

from __future__ import annotations

import json

import pytest

from assoc_crawler import __version__
from assoc_crawler.cli import main
from assoc_crawler.cli.shared import EXIT_OK, EXIT_USAGE

ARTICLE = ("<html><head><meta charset='utf-8'><title>再生铝分会召开理事会_协会动态_某协会</title></head><body>"
           "<h1>再生铝分会召开理事会</h1><div class='info'>发布时间：2024-05-06 来源：协会秘书处</div>"
           "<div class='content'><p>5月6日，再生铝分会在北京召开理事会，审议年度工作报告和新会员入会申请。</p>"
           "<p>会议要求各理事单位加强行业自律，推动再生铝产业高质量发展。</p></div></body></html>")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.strip() == f"assoc-crawler {__version__}"
    assert main([]) == EXIT_USAGE
    assert "COMMAND" in capsys.readouterr().out


def test_a_bad_value_is_a_usage_error_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["crawl", "x", "--db", "a.db", "--max-pages", "0"])
    assert stop.value.code == EXIT_USAGE and "must be at least 1" in capsys.readouterr().err


def test_bad_input_gives_one_line_and_status_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        ["search", "铝", "--db", str(tmp_path / "none.db")],
        ["summary", "--db", str(tmp_path / "none.db")],
        ["extract", str(tmp_path / "missing.html"), "--url", "http://assoc.test/a.html"],
        ["crawl", "no-such-profile-or-url", "--db", str(tmp_path / "a.db")],
    ]
    for argv in cases:
        assert main(argv) == EXIT_USAGE, argv
        err = capsys.readouterr().err
        assert err.startswith("assoc-crawler: error: ") and err.count("\n") == 1 and "Traceback" not in err, err


def test_extract_prints_the_page_as_json(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(page), "--url", "http://assoc.test/xhdt/2024/0506/7.html"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "再生铝分会召开理事会" and data["source"] == "协会秘书处"
    assert data["page_type"] == "article" and "links" not in data


def test_summary_and_search_read_an_archive(sample_archive, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert main(["summary", "--db", db, "--json"]) == EXIT_OK
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"]["articles"] == 5
    assert main(["search", "再生", "--db", db, "--site", "cnfa", "--format", "json"]) == EXIT_OK
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 3 and {row["url"] for row in found["results"]} == {"https://cnfa.test/a1.html", "https://cnfa.test/a2.html",
                                             "https://cnfa.test/a5.html"}
