"""A crawl of the hostile site (assoc_crawler/demo/hostile.py): traps, transport faults, broken and unsafe content.
One real `assoc-crawler crawl` over HTTP on 127.0.0.1 into real SQLite; every fault must be bounded, recorded, and
leave the rest of the crawl whole."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from assoc_crawler.demo.hostile import (
    BURST_503,
    FAULTS,
    GOOD_ARTICLES,
    LONG_PARAGRAPHS,
    RETRY_AFTER_SECONDS,
    UNSAFE_MARKERS,
    HostileSite,
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile site, crawled once: its request log, the crawl's summary, the archive."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with HostileSite() as site:
        started = time.monotonic()
        result = run_cli("crawl", site.base_url + "/", "--db", str(db), "--json", "--delay", "0", "--timeout", "3",
                         "--concurrency", "8", "--progress", "never", "--max-pages", "400", timeout=300)
        seconds = time.monotonic() - started
        rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert rows, result.stderr[-3000:]
        return {"site": site, "result": result, "row": rows[0], "db": db, "seconds": seconds,
                "requests": dict(site.requests), "times": dict(site.times), "base": site.base_url}


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_the_crawl_ends_by_itself_without_a_traceback(crawled):
    assert crawled["result"].returncode == 0 and crawled["row"]["status"] == "finished"
    assert "Traceback" not in crawled["result"].stderr
    assert crawled["seconds"] < 120  # the ten-minute drip and the endless traps are cut short
    assert query(crawled["db"], "PRAGMA integrity_check") == [("ok",)]


def test_sound_articles_are_archived_whatever_the_rest_does(crawled):
    base = crawled["base"]
    urls = {u for (u,) in query(crawled["db"], "SELECT url FROM articles")}
    assert {f"{base}/news/good-{n}.html" for n in range(1, GOOD_ARTICLES + 1)} <= urls


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.expect.startswith("error")], ids=lambda f: f.path)
def test_each_transport_and_content_fault_is_an_errors_row(crawled, fault):
    base = crawled["base"]
    kinds = {error for (error,) in query(crawled["db"], "SELECT error FROM errors WHERE url LIKE ?",
                                         base + re.sub(r"/1\.html$", "/%", fault.path))}
    assert kinds, f"no errors row for {fault.path}"
    if ":" in fault.expect:
        assert fault.expect.split(":", 1)[1] in kinds
    assert not query(crawled["db"], "SELECT 1 FROM articles WHERE url = ?", base + fault.path)


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.expect in ("article", "not_article")],
                         ids=lambda f: f.path)
def test_content_faults_give_an_article_or_none(crawled, fault):
    archived = query(crawled["db"], "SELECT body_text FROM articles WHERE url = ?", crawled["base"] + fault.path)
    if fault.expect == "not_article":  # a login page or an error page served with 200: fetched, not an article
        assert query(crawled["db"], "SELECT page_type FROM pages WHERE url = ?", crawled["base"] + fault.path) == [
            ("other",)]
        assert not archived
    else:
        assert archived and len(archived[0][0]) > 60, fault.path


def test_traps_are_cut_and_reported(crawled):
    requests = crawled["requests"]
    assert sum(n for path, n in requests.items() if path.startswith("/calendar/")) <= 40
    assert sum(n for path, n in requests.items() if path.startswith("/search/")) <= 40
    assert max(path.count("/") for path in requests) <= 8  # /trap/a/b/a/b/... stops
    assert sum(n for path, n in requests.items() if path.startswith("/session/")) <= 3  # session ids dropped
    stats = json.loads(query(crawled["db"], "SELECT stats_json FROM crawls")[0][0])
    assert stats.get("bounds/cut/barren_pattern", 0) > 0 and stats.get("bounds/cut/repeated_path", 0) > 0


def test_redirect_loops_and_retries_are_bounded(crawled):
    requests = crawled["requests"]
    assert requests["/fault/redirect-loop.html"] <= 11  # REDIRECT_MAX_TIMES 10
    assert sum(n for path, n in requests.items() if path.startswith("/fault/redirect-chain/")) <= 11
    for path in ("/fault/reset.html", "/fault/midbody.html", "/fault/drip.html"):
        assert requests[path] <= 3  # RETRY_TIMES 2
    assert requests["/fault/truncated-gzip.html"] == 3  # a body cut short is retried too
    assert requests["/fault/truncated-once.html"] == 2
    assert requests["/fault/gzip-bomb.html"] == 1 and requests["/fault/huge.html"] == 1


def test_retry_after_is_honoured(crawled):
    first, second = crawled["times"]["/fault/retry-after.html"][:2]
    assert second - first >= RETRY_AFTER_SECONDS - 0.1
    attempts = crawled["times"]["/fault/burst-503.html"]
    # three 503s, then the page: retried past RETRY_TIMES (2) within the time budget, backing off 1, 2, 4 s
    assert len(attempts) == BURST_503 + 1 == 4 and attempts[3] - attempts[0] >= 1.0 + 2.0 + 4.0 - 0.3
    (title,), = query(crawled["db"], "SELECT title FROM articles WHERE url = ?", crawled["base"] + "/fault/burst-503.html")
    assert title == "服务恢复之后的文章"  # archived in this run


def test_unsafe_markup_never_reaches_the_archive(crawled):
    (body_html, body_text), = query(crawled["db"], "SELECT body_html, body_text FROM articles WHERE url = ?",
                                    crawled["base"] + "/content/unsafe.html")
    assert "企业代表发言" in body_text
    for marker in UNSAFE_MARKERS:
        assert marker not in body_html, marker
        assert marker.strip("<=:") not in body_text or marker.startswith(("on", "style")), marker
    for href in re.findall(r'(?:href|src)="([^"]*)"', body_html):
        assert href.startswith(("http://", "https://")), href


def test_long_broken_and_odd_pages_keep_their_text(crawled):
    db, base = crawled["db"], crawled["base"]
    (long_text,), = query(db, "SELECT body_text FROM articles WHERE url = ?", base + "/content/long.html")
    assert f"第{LONG_PARAGRAPHS}段" in long_text and "第1段" in long_text
    titles = dict(query(db, "SELECT url, title FROM articles"))
    assert titles[base + "/content/mixed-encoding.html"] == "混合编码页面"
    assert titles[base + "/content/charset-conflict.html"] == "头部与元标签编码不一致"
    assert titles[base + "/content/bad-gbk.html"] == "编码损坏的国标页面"
    (entities,), = query(db, "SELECT body_text FROM articles WHERE url = ?", base + "/content/entities.html")
    assert "实体&符号<b>不是标签</b>" in entities and "中文" in entities
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", entities)


def test_permanent_faults_are_not_retried_by_the_next_run(crawled):
    """A bomb, an oversized page and a redirect loop give the same failure again: they leave the frontier, while
    transient failures (resets, timeouts) stay in it for the next run."""
    pending = {u for (u,) in query(crawled["db"], "SELECT url FROM frontier WHERE attempts > 0")}
    base = crawled["base"]
    for path in ("/fault/gzip-bomb.html", "/fault/huge.html", "/fault/redirect-loop.html"):
        assert base + path not in pending, path
    assert base + "/fault/reset.html" in pending


def test_error_kinds_come_from_the_failure_not_only_its_class():
    from scrapy.exceptions import DownloadCancelledError
    from twisted.internet.error import ConnectionLost, TimeoutError

    from assoc_crawler.crawl.spider import _error_kind

    too_big = DownloadCancelledError("Received 10485761 bytes which is larger than download max size (10485760) "
                                     "in request <GET http://127.0.0.1/x.html>.")
    assert _error_kind(too_big) == "too_large"
    assert _error_kind(DownloadCancelledError("")) == "too_large"  # a body that outgrew the limit unannounced
    assert _error_kind(DownloadCancelledError("the crawl is shutting down")) == "cancelled"
    assert _error_kind(TimeoutError("Getting http://127.0.0.1/maxsize-larger-than-download-max-size.html took "
                                    "longer than 30 seconds")) == "timeout"  # a URL is not a reason
    assert _error_kind(ConnectionLost()) == "connection_lost"
    assert _error_kind(ValueError("odd")) == "download"
