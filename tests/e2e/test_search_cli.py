"""Chinese full-text search, exports and `show`, on real SQLite archives and through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLES, run_cli

from archive import Archive


@pytest.fixture
def archive(sample_archive: Archive) -> Archive:
    """The sample archive of conftest (five articles of two sites)."""
    return sample_archive


def test_cli_search_export_show(archive, tmp_path):
    db = archive.path
    archive.save_listings(archive.crawl_id, "https://cnfa.test/a5.html", [
        {"heading": "热点内容", "kind": "hot", "block": 0, "position": 1, "target_url": "https://cnfa.test/a1.html",
         "title": "再生铝行业推进…", "label": "行业资讯"}])
    archive.close()

    result = run_cli("search", "再生铝", "--db", str(db))
    assert result.returncode == 0 and "2 articles match" in result.stdout and "[再生铝]" in result.stdout
    data = json.loads(run_cli("search", "再生", "--db", str(db), "--site", "steel", "--format", "json").stdout)
    assert data["total"] == 1 and data["results"][0]["title"] == "废钢价格小幅回落"
    rows = list(csv.DictReader(io.StringIO(run_cli("search", "铝", "--db", str(db), "--format", "csv").stdout)))
    assert {r["title"] for r in rows} == {"再生铝行业推进碳达峰行动", "协会召开理事会"}
    bad = run_cli("search", '"unclosed', "--db", str(db))
    assert bad.returncode == 2 and "unclosed quote" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("search", "x", "--db", str(tmp_path / "none.db")).returncode == 2

    out = tmp_path / "all.csv"
    assert run_cli("export", "--db", str(db), "--format", "csv", "--bom", "--out", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "再生铜原料进口保持增长".encode() in raw
    exported = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(exported) == len(SAMPLE_ARTICLES) and exported[0]["title"] == SAMPLE_ARTICLES[0][2]

    lines = run_cli("export", "--db", str(db), "--format", "jsonl", "--query", "再生铝").stdout.splitlines()
    records = {json.loads(line)["title"]: json.loads(line) for line in lines}
    assert set(records) == {"再生铝行业推进碳达峰行动", "协会召开理事会"}
    assert records["协会召开理事会"]["listings"][0]["kind"] == "hot"
    assert {"attachments", "images", "aliases", "versions", "field_methods", "body_text"} <= set(
        records["协会召开理事会"])

    short = run_cli("export", "--db", str(db), "--format", "csv", "--query", "鋁")  # a 1-character, 2-form term
    assert short.returncode == 0 and len(list(csv.DictReader(io.StringIO(short.stdout)))) == 2

    shown = run_cli("show", "https://cnfa.test/a1.html", "--db", str(db))
    assert shown.returncode == 0 and "再生铝行业推进碳达峰行动" in shown.stdout and "热点内容" in shown.stdout
    report = json.loads(run_cli("show", "https://cnfa.test/a1.html", "--db", str(db), "--json").stdout)
    assert report["listed_in"][0]["kind"] == "hot" and report["versions"][0]["version"] == 1
    assert run_cli("show", "https://cnfa.test/none.html", "--db", str(db)).returncode == 2


def test_parquet_export(archive, tmp_path):
    import pyarrow.parquet as pq  # in the `test` extra: missing, the test fails rather than skips

    db = archive.path
    archive.close()
    out = tmp_path / "a.parquet"
    result = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out), "--site", "cnfa")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and "再生铝行业推进碳达峰行动" in table.column("title").to_pylist()
    assert run_cli("export", "--db", str(db), "--format", "parquet").returncode == 2  # needs --out


def test_stats_and_chart(archive, tmp_path):
    import xml.etree.ElementTree as ElementTree

    db = archive.path
    archive.close()
    chart = tmp_path / "months.svg"
    result = run_cli("stats", "--db", str(db), "--json", "--chart", str(chart))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["articles"] == 5
    assert {r["site"]: r["articles"] for r in stats["sites"]} == {"cnfa": 3, "steel": 2}
    assert {r["month"]: r["articles"] for r in stats["months"]} == {
        "2023-12": 1, "2024-03": 1, "2024-04": 1, "2024-05": 1, "2024-06": 1}
    assert stats["editors"][0] == {"editor": "再生分会", "articles": 3}
    assert stats["coverage"]["editor"] == {"articles": 4, "share": 0.8}
    svg = ElementTree.parse(chart).getroot()
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert sorted(line.get("data-site") for line in lines) == ["cnfa", "steel"]
    assert all(len(line.get("points").split()) == 7 for line in lines)  # 2023-12 .. 2024-06, one point a month
    text = run_cli("stats", "--db", str(db), "--site", "steel")
    assert text.returncode == 0 and "2 articles" in text.stdout and "Field coverage" in text.stdout
    assert run_cli("stats", "--db", str(db), "--chart", str(tmp_path / "x.png")).returncode == 2


def test_a_failed_export_leaves_the_file_it_would_have_replaced(archive, tmp_path):
    db, out = archive.path, tmp_path / "out.csv"
    archive.close()
    assert run_cli("export", "--db", str(db), "--format", "csv", "--out", str(out)).returncode == 0
    before = out.read_bytes()
    typo = run_cli("export", "--db", str(db), "--format", "csv", "--out", str(out), "--query", "铝 OR")
    assert typo.returncode == 2 and "Traceback" not in typo.stderr
    assert out.read_bytes() == before and not list(tmp_path.glob(".out.csv.*"))  # no leftover part file


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("x", "cnfa")
        for k, title in enumerate(["=HYPERLINK(\"http://x.test\",\"点击\")", "+1+1", "-2 再生铝", "@SUM(A1)", "再生铝"]):
            archive.save_article(crawl_id, {"url": f"https://cnfa.test/{k}.html", "site": "cnfa", "title": title,
                                            "body_text": f"第{k}篇正文，再生铝行业动态。"})
    safe = run_cli("export", "--db", str(db), "--format", "csv", "--bom")
    titles = {row["title"] for row in csv.DictReader(io.StringIO(safe.stdout.lstrip("\ufeff")))}
    assert titles == {"'=HYPERLINK(\"http://x.test\",\"点击\")", "'+1+1", "'-2 再生铝", "'@SUM(A1)", "再生铝"}
    raw = run_cli("export", "--db", str(db), "--format", "csv", "--raw-cells")
    assert "+1+1" in {row["title"] for row in csv.DictReader(io.StringIO(raw.stdout))}


def test_reading_commands_never_migrate_an_older_archive_and_name_the_command_that_does(tmp_path):
    """A colleague's archive of schema 6: search, show, export, stats, summary and serve leave it byte for byte
    as it was and say to run `assoc-crawler migrate`; `migrate` upgrades it; then they answer."""
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location(  # the migration tests' builder of archives of old versions
        "migration_cases", Path(__file__).resolve().parents[1] / "unit" / "archive" / "test_migrations.py")
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    build_old_archive = cases.build_old_archive

    db = tmp_path / "colleague.db"
    build_old_archive(db, 6)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for command in (["search", "再生铝"], ["show", "https://x.test/a.html"], ["export", "--format", "csv", "--out", str(tmp_path / "o.csv")],
                    ["stats"], ["summary"], ["serve", "--port", "0"]):
        result = run_cli(*command, "--db", str(db))
        assert result.returncode == 2, (command, result.stdout[-500:], result.stderr[-2000:])
        assert "assoc-crawler migrate --db" in result.stderr and "Traceback" not in result.stderr, command
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, command
        assert sorted(p.name for p in tmp_path.iterdir()) == ["colleague.db"], command  # no -wal, -shm, export
    migrated = run_cli("migrate", "--db", str(db))
    assert migrated.returncode == 0 and "6 -> " in migrated.stdout, migrated.stderr
    found = run_cli("search", "再生铝", "--db", str(db), "--format", "json")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 1, found.stderr
    again = run_cli("migrate", "--db", str(db))
    assert again.returncode == 0 and "nothing to do" in again.stdout
