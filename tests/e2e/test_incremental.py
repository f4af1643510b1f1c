"""Scheduled, incremental crawls end to end: real `assoc-crawler crawl` processes against a generated site served
on 127.0.0.1 whose content the tests change between runs; request counts come from the server's log."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, REPO_ROOT, run_cli, wait_until

from archive import Archive, RecheckPolicy
from archive.lock import lock_path
from assoc_crawler.cli.shared import EXIT_DRIFT, EXIT_LOCKED
from assoc_crawler.demo.generate import GeneratedSite
from assoc_crawler.demo.server import DemoSite

ARTICLES, CATEGORIES, PER_PAGE = 60, 3, 10


def _site(directory: Path, delay: float = 0.0) -> tuple[GeneratedSite, DemoSite]:
    generated = GeneratedSite.create(directory, articles=ARTICLES, categories=CATEGORIES, per_page=PER_PAGE,
                                     delay=delay)
    return generated, DemoSite("gen", directory).start()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[GeneratedSite, DemoSite]]:
    generated, served = _site(tmp_path / "site")
    yield generated, served
    served.stop()


def crawl(served: DemoSite, db: Path, *extra: str) -> tuple[int, dict, list]:
    """One `assoc-crawler crawl --json` run; (exit status, its summary, the requests the server saw)."""
    served.clear_requests()
    result = run_cli("crawl", served.base_url + "/", "--db", str(db), "--json", *FAST, *extra)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert rows, result.stderr[-3000:]
    return result.returncode, rows[0], list(served.requests)


def scrapy_crawl(served: DemoSite, db: Path, *settings: str) -> None:
    """One crawl through `scrapy crawl site` (Scrapy's own command, as Scrapyd runs it) with `-s` settings."""
    served.clear_requests()
    options = [x for setting in (*settings, "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "LOG_LEVEL=WARNING")
               for x in ("-s", setting)]
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"target={served.base_url}/",
                             "-a", f"db={db}", *options], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def article_requests(requests: list) -> list[str]:
    return [r.path for r in requests if r.path.endswith(".html") and "/list_" not in r.path]


def test_later_runs_fetch_only_what_is_new(site, tmp_path):
    generated, served = site
    db = tmp_path / "a.db"
    status, first, _ = crawl(served, db)
    assert status == 0 and first["mode"] == "full" and first["articles_new"] == ARTICLES

    # unchanged site: the home page and the first page of each category, nothing else
    status, second, requests = crawl(served, db)
    assert status == 0 and second["mode"] == "incremental"
    assert second["articles_new"] == second["articles_changed"] == 0
    assert article_requests(requests) == []
    assert len(requests) <= 2 + CATEGORIES and len(requests) <= first["requests"] * 0.1
    assert sorted(r.path for r in requests if r.path != "/robots.txt") == ["/", "/news1/", "/news2/", "/news3/"]

    # five new articles: all found, lists read from page 1 back only as far as something new was on them
    new_ids = generated.add_articles(5)
    generated.write()
    status, third, requests = crawl(served, db)
    assert status == 0 and third["articles_new"] == 5
    archived = {row[0] for row in query(db, "SELECT url FROM articles")}
    assert {served.base_url + generated.article(i).path for i in new_ids} <= archived
    assert sorted(article_requests(requests)) == sorted(generated.article(i).path for i in new_ids)
    assert len([r for r in requests if "/list_" in r.path]) <= CATEGORIES
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM articles")[0] == (ARTICLES + 5,) * 2
    assert query(db, "SELECT count(*) FROM frontier") == [(0,)]

    # configurable: one list page more past the first that holds nothing new (here through `scrapy crawl`)
    scrapy_crawl(served, db, "ASSOC_LIST_PAGES_PAST_KNOWN=1")
    assert sorted(r.path for r in served.requests if "/list_" in r.path) == [
        f"/news{k}/list_{k}_2.html" for k in range(1, CATEGORIES + 1)]
    assert article_requests(served.requests) == []


def test_recheck_all_finds_edits_and_withdrawals_with_conditional_requests(site, tmp_path):
    generated, served = site
    db = tmp_path / "a.db"
    assert crawl(served, db)[0] == 0
    ids = generated.ids()
    edited, withdrawn = ids[5:7], ids[9]
    old_title = generated.article(edited[1]).title
    generated.edit_articles(edited[:1])
    generated.edit_articles(edited[1:], retitle=True)
    generated.withdraw_articles([withdrawn])
    generated.write()

    status, run, requests = crawl(served, db, "--recheck", "all")
    assert status == 0
    paths = {generated.article(i).path for i in ids}
    rechecks = [r for r in requests if r.path in paths]
    assert len(rechecks) == ARTICLES
    assert all("If-None-Match" in r.headers and "If-Modified-Since" in r.headers for r in rechecks)
    assert sum(r.status == 304 for r in rechecks) == ARTICLES - 3
    assert (run["articles_changed"], run["articles_gone"], run["articles_not_modified"]) == (2, 1, ARTICLES - 3)
    assert run["articles_new"] == 0

    versions = dict(query(db, "SELECT url, version FROM articles"))
    url = {i: served.base_url + generated.article(i).path for i in ids}
    assert {versions[url[i]] for i in edited} == {2}
    assert {v for u, v in versions.items() if u not in {url[i] for i in edited}} == {1}  # nothing else bumped
    old_bodies = query(db, "SELECT v.body_text FROM article_versions v JOIN articles a ON a.id = v.article_id "
                           "WHERE a.url = ? ORDER BY v.version", url[edited[0]])
    assert len(old_bodies) == 2 and old_bodies[0] != old_bodies[1]  # every version stays readable
    retitled = query(db, "SELECT a.id, a.title, v.title FROM articles a JOIN article_versions v "
                         "ON v.article_id = a.id AND v.version = 1 WHERE a.url = ?", url[edited[1]])
    assert retitled[0][1] == generated.article(edited[1]).title != old_title == retitled[0][2]  # same article
    gone = query(db, "SELECT gone_at, gone_status, title FROM articles WHERE url = ?", url[withdrawn])
    assert gone[0][0] and gone[0][1] == 404 and gone[0][2]  # withdrawn: kept, marked, content intact
    assert query(db, "SELECT count(*) FROM articles WHERE last_checked_at IS NULL") == [(0,)]

    status, quiet, requests = crawl(served, db, "--recheck", "none")
    assert status == 0 and article_requests(requests) == [] and quiet["articles_not_modified"] == 0

    # a withdrawal is counted once; rechecks do not eat the budget for links, so new articles are still found
    new_ids = generated.add_articles(2)
    generated.write()
    status, again, _ = crawl(served, db, "--recheck", "all", "--max-pages", "10")
    assert status == 0 and again["articles_gone"] == 0 and again["articles_new"] == 2
    assert {served.base_url + generated.article(i).path for i in new_ids} <= {
        row[0] for row in query(db, "SELECT url FROM articles")}
    assert query(db, "SELECT count(*) FROM articles WHERE gone_at IS NOT NULL") == [(1,)]


def test_a_page_that_failed_is_fetched_again_once_stale(site, tmp_path):
    generated, served = site
    db = tmp_path / "a.db"
    newest = generated.article(generated.ids()[0])
    page = generated.file_for(newest.path)
    hidden = page.with_name(page.name + ".away")
    page.rename(hidden)  # the newest article answers 404 on the first crawl
    assert crawl(served, db)[0] == 0
    url = served.base_url + newest.path
    assert query(db, "SELECT page_type, last_status FROM pages WHERE url = ?", url) == [("error", 404)]
    hidden.rename(page)
    assert crawl(served, db)[1]["articles_new"] == 0  # failed minutes ago: not yet
    scrapy_crawl(served, db, "ASSOC_RECHECK_PAGES_HOURS=0")  # a day later, as far as the crawl can tell
    assert query(db, "SELECT count(*) FROM articles WHERE url = ?", url) == [(1,)]


def test_extraction_in_worker_processes_archives_the_same(site, tmp_path):
    generated, served = site
    archives = {}
    for workers in (0, 1):
        db = tmp_path / f"w{workers}.db"
        scrapy_crawl(served, db, f"ASSOC_EXTRACT_WORKERS={workers}")
        archives[workers] = query(db, "SELECT url, title, published_at, source, editor, content_hash FROM articles "
                                      "ORDER BY url")
        stats = json.loads(query(db, "SELECT stats_json FROM crawls")[0][0])
        assert stats.get("assoc/extracted_in_workers", 0) == (0 if workers == 0 else stats["response_received_count"]
                                                              - 1)  # every page but robots.txt
    assert len(archives[1]) == ARTICLES and archives[0] == archives[1]


def test_recheck_policy_picks_recent_articles_daily_and_old_ones_monthly(tmp_path):
    db = tmp_path / "p.db"
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("t", "s")
        for name, published in (("recent", "2026-12-01 09:00"), ("old", "2025-01-05"), ("undated", None)):
            archive.save_article(crawl_id, {
                "url": f"https://s.test/{name}.html", "site": "s", "title": name, "published_at": published,
                "body_text": "x", "fetched_at": (now - timedelta(hours=30)).isoformat(), "etag": f'"{name}"',
                "raw_pages": [{"url": f"https://s.test/{name}.html", "status": 200, "body": b"<html></html>"}]})

        def due(at: datetime, mode: str = "policy") -> set[str]:
            state = archive.crawl_state("s", mode, RecheckPolicy(), now=at)
            return {url.rsplit("/", 1)[1] for url, _, _ in state.due}

        # the undated article counts as recent: the archive first saw it 30 hours ago
        assert due(now) == {"recent.html", "undated.html"}
        assert due(now - timedelta(hours=12)) == set()  # checked 18 hours before: not yet
        assert due(now + timedelta(days=40)) == {"recent.html", "old.html", "undated.html"}
        assert due(now, "none") == set() and len(due(now, "all")) == 3
        state = archive.crawl_state("s", "all", now=now)
        assert ("https://s.test/old.html", '"old"', None) in state.due


def test_a_second_run_while_one_is_active_exits_at_once_without_touching_the_archive(tmp_path):
    generated, served = _site(tmp_path / "site", delay=0.05)
    db = tmp_path / "a.db"
    try:
        first = start_crawl(served, db, 1, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lock = lock_path(db, "127.0.0.1")  # a start URL's site: its host
        wait_until(lambda: query_ok(db, "SELECT count(*) FROM articles"), 60, "the first crawl's first article")
        assert first.poll() is None, "the first crawl ended before the second could be refused"
        assert lock.exists() and "pid" in lock.read_text()
        crawls_before = query(db, "SELECT id, status FROM crawls")
        started = time.monotonic()
        second = run_cli("crawl", served.base_url + "/", "--db", str(db), *FAST)
        assert second.returncode == EXIT_LOCKED
        assert time.monotonic() - started < 15
        assert "another crawl" in second.stderr and "Traceback" not in second.stderr
        assert query(db, "SELECT id, status FROM crawls") == crawls_before  # the archive was not touched
        out, err = first.communicate(timeout=120)
        assert first.returncode == 0, out[-1000:] + repr(query(db, "SELECT * FROM crawls")) + "\n".join(
            line for line in err.splitlines() if "ERROR" in line or "WARNING" in line or "Traceback" in line)
        assert query(db, "SELECT count(*) FROM crawls") == [(1,)]
        assert run_cli("crawl", served.base_url + "/", "--db", str(db), *FAST).returncode == 0  # lock released
    finally:
        served.stop()


def start_crawl(served: DemoSite, db: Path, concurrency: int, **popen: Any) -> subprocess.Popen:
    """`assoc-crawler crawl` started in the background (to be locked out or killed while it runs)."""
    return subprocess.Popen([sys.executable, "-m", "assoc_crawler", "crawl", served.base_url + "/", "--db", str(db),
                             *FAST, "--concurrency", str(concurrency)], cwd=REPO_ROOT, **popen)


def child_pids(pid: int) -> set[int]:
    """The processes a process started (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found.update(int(x) for x in (task / "children").read_text().split())
    return found


def wait_gone(pids: set[int], seconds: float = 10) -> bool:
    """Whether every one of pids has exited (zombies count as gone) within the time."""
    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(running(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def query_ok(db: Path, sql: str) -> int:
    """The first column of the first row, or 0 while the archive is not there yet."""
    try:
        return int(query(db, sql)[0][0])
    except (sqlite3.Error, IndexError):
        return 0


def test_kill_9_mid_crawl_loses_nothing_and_the_next_run_finishes_the_work(tmp_path):
    generated, served = _site(tmp_path / "site", delay=0.03)
    db = tmp_path / "a.db"
    try:
        process = start_crawl(served, db, 2, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: query_ok(db, "SELECT count(*) FROM articles") >= 15, 90, "15 articles in the archive")
        children = child_pids(process.pid)
        assert children, "the crawl runs an extraction worker"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert wait_gone(children), "the extraction worker (and its helpers) died with the crawl"
        saved = {row[0] for row in query(db, "SELECT url FROM articles")}
        assert 15 <= len(saved) < ARTICLES, "the kill came too late to test anything"
        assert query(db, "SELECT status FROM crawls") == [("running",)]
        assert query(db, "PRAGMA integrity_check") == [("ok",)]

        status, resumed, requests = crawl(served, db)
        assert status == 0 and resumed["status"] == "finished"
        crawls = query(db, "SELECT id, status, finished_at IS NOT NULL, articles_new FROM crawls ORDER BY id")
        assert [c[1] for c in crawls] == ["interrupted", "finished"] and crawls[0][2]
        assert crawls[0][3] == len(saved)  # the interrupted row counts what it archived
        urls = [row[0] for row in query(db, "SELECT url FROM articles")]
        expected = {served.base_url + p for p in generated.article_paths()}
        assert set(urls) == expected and len(urls) == ARTICLES  # every article, once
        assert {row[0] for row in query(db, "SELECT url FROM articles")} >= saved  # nothing lost
        assert query(db, "SELECT count(*), max(version) FROM article_versions") == [(ARTICLES, 1)]
        refetched = [p for p in article_requests(requests) if served.base_url + p in saved]
        assert len(refetched) <= 4  # at most the pages in flight when the kill came
        assert query(db, "SELECT count(*) FROM frontier") == [(0,)]
    finally:
        served.stop()


def test_drift_alarm_on_a_template_change(site, tmp_path):
    generated, served = site
    db = tmp_path / "a.db"
    assert crawl(served, db)[0] == 0

    generated.set_template("broken")  # the redesign: no headline, no date, no source or editor line
    generated.add_articles(4)
    generated.write()
    status, run, _ = crawl(served, db)
    assert status == EXIT_DRIFT and run["status"] == "finished" and run["articles_new"] == 4
    dropped = {alert["field"] for alert in run["alerts"]}
    assert {"source", "editor"} <= dropped
    stored = json.loads(query(db, "SELECT alerts_json FROM crawls ORDER BY id DESC LIMIT 1")[0][0])
    assert stored == run["alerts"]

    generated.set_template("default")  # mended: healthy again
    generated.add_articles(4)
    generated.write()
    status, run, _ = crawl(served, db)
    assert status == 0 and run["alerts"] == []

    served.stop()  # the site is down: nothing answers
    result = run_cli("crawl", served.base_url + "/", "--db", str(db), "--json", *FAST, "--timeout", "1")
    assert result.returncode == EXIT_DRIFT
    assert json.loads(result.stdout)["alerts"][0]["kind"] == "no_pages"
