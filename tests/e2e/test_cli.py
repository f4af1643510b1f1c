"""The command line on bad input (clear message, non-zero exit, no traceback) and Scrapy's own `scrapy crawl`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from conftest import FAST, REPO_ROOT, RoutedSite, run_cli, serving
from demo_truth import truth


def _no_traceback(result):
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_unknown_profile_is_a_clear_error(tmp_path):
    result = run_cli("crawl", "no-such-site", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert "unknown site profile 'no-such-site'" in result.stderr
    _no_traceback(result)
    assert not (tmp_path / "a.db").exists()


def test_bad_url_target(tmp_path):
    for target in ("ftp://example.org/", "http://", "mailto:someone@example.org"):
        result = run_cli("crawl", target, "--db", str(tmp_path / "a.db"))
        assert result.returncode == 2, target
        assert "error" in result.stderr
        _no_traceback(result)


def test_unusable_db_paths(tmp_path, demo_server):
    url = demo_server.sites["trs"].base_url + "/"
    demo_server.sites["trs"].clear_requests()
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("this is not a database\n" * 100)
    for db in (tmp_path, tmp_path / "missing-dir" / "a.db", not_sqlite):
        result = run_cli("crawl", url, "--db", str(db), *FAST)
        assert result.returncode == 2, db
        assert "cannot use --db" in result.stderr
        _no_traceback(result)
    assert not_sqlite.read_text().startswith("this is not a database")
    assert demo_server.sites["trs"].requested_paths() == []  # a bad --db fails before any request


def test_bad_option_values(tmp_path):
    result = run_cli("crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "a.db"), "--max-pages", "0")
    assert result.returncode == 2 and "must be at least 1" in result.stderr
    result = run_cli("crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "a.db"), "--delay", "soon")
    assert result.returncode == 2 and "is not a number" in result.stderr


def test_unreachable_site_finishes_with_an_error_row(tmp_path):
    db = tmp_path / "a.db"
    result = run_cli("crawl", "http://127.0.0.1:9/", "--db", str(db), *FAST)
    assert result.returncode == 3, result.stderr[-2000:]  # the crawl finished, and says that nothing answered
    assert "DRIFT ALARM: no page of the site answered" in result.stdout
    _no_traceback(result)
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT error FROM errors").fetchall()
    status, alerts = conn.execute("SELECT status, alerts_json FROM crawls").fetchone()
    conn.close()
    assert status == "finished" and [a["kind"] for a in json.loads(alerts)] == ["no_pages"]
    assert errors, "the failed start page is recorded"


def test_a_first_crawl_that_finds_no_article_raises_an_alarm(tmp_path):
    login = RoutedSite({"/": "<html><head><title>登录</title></head><body><form><input type='password' name='p'>"
                             "</form></body></html>"})
    with serving(login.handler()) as base:
        result = run_cli("crawl", base + "/", "--db", str(tmp_path / "a.db"), "--json", *FAST)
    assert result.returncode == 3, result.stderr[-2000:]
    assert [a["kind"] for a in json.loads(result.stdout)["alerts"]] == ["no_articles"]


def test_summary_and_json(crawled_archive):
    db, _ = crawled_archive
    result = run_cli("summary", "--db", str(db))
    assert result.returncode == 0
    assert "recycle" in result.stdout and "Rows per table" in result.stdout
    as_json = run_cli("summary", "--db", str(db), "--json")
    import json

    data = json.loads(as_json.stdout)
    with sqlite3.connect(db) as conn:  # the counts are the archive's own
        articles, crawls = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM crawls)").fetchone()
    assert data["counts"]["articles"] == articles > 40 and data["counts"]["crawls"] == crawls >= 7
    missing = run_cli("summary", "--db", str(db) + ".missing")
    assert missing.returncode == 2 and "no archive" in missing.stderr


def test_crawl_json_summary(demo_server, tmp_path):
    import json

    url = demo_server.sites["wp"].base_url + "/"
    result = run_cli("crawl", url, "--db", str(tmp_path / "w.db"), "--json", "--max-pages", "5", *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    row = json.loads(result.stdout.strip().splitlines()[-1])
    assert row["status"] == "finished" and row["requests"] >= 1 and row["target"] == url


def test_max_pages_bounds_requests(demo_server, tmp_path):
    site = demo_server.sites["recycle"]
    before = len(site.requested_paths())
    result = run_cli("crawl", site.base_url + "/", "--db", str(tmp_path / "m.db"), "--max-pages", "3", *FAST)
    assert result.returncode == 0
    fetched = [p for p in site.requested_paths()[before:] if p != "/robots.txt"]
    assert len(fetched) <= 3


@pytest.mark.parametrize(("arguments", "message"), [
    (["-a", "target=nonsense", "-a", "db=x.db"], "-a target: unknown site profile 'nonsense'"),
    (["-a", "target=http://127.0.0.1:9/"], "-a db=PATH is required"),
])
def test_scrapy_crawl_with_bad_arguments_says_so_in_one_line(tmp_path, arguments, message):
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", *arguments], capture_output=True,
                            text=True, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (REPO_ROOT / "archive.db").exists() and not (REPO_ROOT / "x.db").exists()


def test_scrapy_crawl_from_project_root(demo_server, tmp_path):
    db = tmp_path / "s.db"
    url = demo_server.sites["pboot"].base_url + "/"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"target={url}", "-a", f"db={db}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_TIMEOUT=2",
         "-s", "LOG_LEVEL=WARNING"],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    conn = sqlite3.connect(db)
    urls = {url for (url,) in conn.execute("SELECT url FROM articles")}
    assert conn.execute("SELECT status FROM crawls").fetchone()[0] == "finished"
    conn.close()
    base = demo_server.sites["pboot"].base_url
    pboot = truth("pboot")  # every article of the site (and its site pages, kept as such), as `crawl` archives them
    expected = {base + a["path"] for a in pboot["articles"]} | {base + p for p in pboot.get("site_pages", [])}
    assert urls == expected


def test_extract_command_prints_json(tmp_path):
    import json

    page = tmp_path / "p.html"
    page.write_bytes("<html><head><meta charset=gbk><title>测试标题_网站</title></head><body><h1>测试标题</h1>"
                     "<div class=info>发布时间：2021-01-15 来源：中国有色金属报</div><div class=content><p>正文第一段，"
                     "内容足够长，以便被识别为文章的正文部分。</p><p>第二段也有一些文字。</p></div></body></html>"
                     .encode("gbk"))
    result = run_cli("extract", str(page), "--url", "http://example.test/a/1.html")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "测试标题" and data["source"] == "中国有色金属报" and data["encoding"] == "gb18030"
    bad = run_cli("extract", str(tmp_path / "nope.html"), "--url", "http://example.test/")
    assert bad.returncode == 2 and "no such file" in bad.stderr


def test_help_and_version():
    assert run_cli("--help").returncode == 0
    assert "assoc-crawler" in run_cli("--version").stdout
    assert run_cli().returncode == 2


def test_demo_command_crawls_every_sample_site_into_one_archive(tmp_path):
    """The README's first command: seven sites crawled by one process into one archive (their pipelines share
    one connection; two connections on one thread would wait on each other's write lock)."""
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--db", str(db), "--progress", "never", timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count(": finished;") == 7 and "Rows per table" in result.stdout
    with sqlite3.connect(db) as conn:
        per_site = dict(conn.execute("SELECT site, count(*) FROM articles GROUP BY site").fetchall())
    assert len(per_site) == 7 and sum(per_site.values()) >= 50 and min(per_site.values()) >= 5
    assert "database is locked" not in result.stderr
