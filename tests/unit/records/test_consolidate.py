"""Consolidation (records/consolidate.py) against a real SQLite archive: what it promotes, what it never touches,
and a page whose stored response cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import Archive
from assoc_crawler.records.consolidate import consolidate_site
from assoc_crawler.records.drift import DriftThresholds
from assoc_crawler.records.writer import ItemWriter, Tally

SITE = "demo"
BASE = "https://www.demo.test"
NOTICE = f"{BASE}/news/20240309/9.html"


def _html(title: str, inner: str) -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}_演示协会</title></head><body><h1>{title}</h1>'
            f'{inner}</body></html>').encode()


def _raw(url: str, body: bytes) -> dict:
    return {"url": url, "page_no": 1, "status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"},
            "encoding": "utf-8", "body": body, "fetched_at": "2024-03-09T08:00:00Z"}


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        crawl = opened.start_crawl("t", SITE)
        for k in range(1, 6):
            url = f"{BASE}/news/2024030{k}/{k}.html"
            opened.save_article(crawl, {"url": url, "site": SITE, "title": f"协会第{k}次会议", "body_text": "会议。" * 20,
                                        "page_type_reason": "title-date-body",
                                        "raw_pages": [_raw(url, _html(f"协会第{k}次会议", "<p>会议。</p>"))]})
        opened.record_page(crawl, NOTICE, SITE, "other", 200, reason="no-date",
                           raw=_raw(NOTICE, _html("会员风采", '<div class="content"><img src="/u/9.jpg" /></div>')))
        opened.finish_crawl(crawl, "finished", {})
        yield opened


def test_a_weak_page_of_the_article_shape_is_archived_once(archive):
    crawl = archive.start_crawl("t", SITE)
    first = consolidate_site(archive, SITE, crawl)
    assert (first.promoted, first.retracted, first.skipped) == (1, 0, 0)
    assert archive.article_by_url(NOTICE)["page_type_reason"] == "site-template"
    # the page is an article now: a second pass (or a recheck the gate rejects) changes nothing
    archive.record_page(crawl, NOTICE, SITE, "other", 200, reason="no-date")
    again = consolidate_site(archive, SITE, crawl)
    assert (again.promoted, again.retracted) == (0, 0)
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_an_unreadable_stored_response_is_skipped_and_the_crawl_still_finishes(archive):
    archive.conn.execute("UPDATE raw_pages SET body = x'00ff' WHERE url = ?", (NOTICE,))  # not zlib: cannot be read
    archive.conn.commit()
    crawl = archive.start_crawl("t", SITE)
    done = consolidate_site(archive, SITE, crawl)
    assert (done.promoted, done.skipped) == (0, 1)
    writer = ItemWriter(archive, crawl, SITE, Tally())
    writer.finish("finished", {}, DriftThresholds(min_articles=3, min_history=10, max_drop=0.5))
    assert archive.crawl(crawl)["status"] == "finished"


def test_a_dry_run_and_no_retraction_write_nothing(archive):
    crawl = archive.start_crawl("t", SITE)
    done = consolidate_site(archive, SITE, crawl, dry_run=True)
    assert done.promoted == 1 and archive.article_by_url(NOTICE) is None
    skipped = consolidate_site(archive, SITE, crawl, counted={NOTICE})
    assert skipped.promoted == 0 and archive.article_by_url(NOTICE) is None
