"""Tests of the SQLite archive (archive/): listings, pages, errors and crawls, and the summary. Real files in
tmp_path, no mocks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import archive_samples
import pytest
from archive_samples import OLD_URL, URL, make_article, rows

from archive import Archive, ArchiveError, archive_summary, format_summary
from archive.schema import SCHEMA_VERSION

archive = archive_samples.archive  # the shared fixtures: a fresh archive file in tmp_path, and its path
db_path = archive_samples.db_path


# --- listings, pages, errors, crawls ---------------------------------------------------------------------


def test_save_listings_per_crawl(archive: Archive) -> None:
    crawl1 = archive.start_crawl("cnfa", "cnfa")
    home = "https://www.cnfa.org.cn/"
    listings = make_article()["listings"]
    assert archive.save_listings(crawl1, home, listings) == 3
    assert archive.save_listings(crawl1, home, listings) == 3
    assert archive.counts()["listings"] == 3
    # The latest observation within a crawl wins.
    assert archive.save_listings(crawl1, home, listings[:1]) == 1
    assert rows(archive, "SELECT count(*) FROM listings WHERE page_url = ?", (home,))[0][0] == 1
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    archive.save_listings(crawl2, home, listings)
    assert rows(archive, "SELECT crawl_id, count(*) FROM listings GROUP BY crawl_id ORDER BY crawl_id") == [
        (crawl1, 1),
        (crawl2, 3),
    ]
    assert rows(archive, "SELECT DISTINCT article_id FROM listings") == [(None,)]
    # A page that is an article (or an alias of one) gets its article_id.
    result = archive.save_article(crawl2, make_article(listings=[]))
    archive.save_listings(crawl2, OLD_URL, listings)
    assert rows(archive, "SELECT DISTINCT article_id FROM listings WHERE page_url = ?", (OLD_URL,)) == [
        (result.article_id,)
    ]
    # Missing kind means 'other'.
    archive.save_listings(crawl2, home + "x", [{"block": 0, "position": 1, "target_url": home}])
    assert rows(archive, "SELECT kind FROM listings WHERE page_url = ?", (home + "x",)) == [("other",)]


def test_a_page_left_out_keeps_its_latest_response_until_an_article_claims_it(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    url = "https://www.cnfa.org.cn/notice/7.html"
    for body in (b"<html>v1</html>", b"<html>v1</html>", b"<html>v2</html>"):
        archive.record_page(crawl_id, url, "cnfa", "other", 200, reason="no-body",
                            raw={"url": url, "status": 200, "headers": {"Content-Type": "text/html"}, "body": body})
    assert rows(archive, "SELECT article_id, body_sha256 FROM raw_pages") == [
        (None, hashlib.sha256(b"<html>v2</html>").hexdigest())]  # the latest only, and unchanged bytes not again
    (page,) = list(archive.pages_with_raw("cnfa"))
    assert (page["page_type"], page["raw"]["body"], page["raw"]["headers"]) == (
        "other", b"<html>v2</html>", {"Content-Type": "text/html"})
    assert rows(archive, "SELECT page_type_reason FROM pages") == [("no-body",)]
    result = archive.save_article(crawl_id, {"url": url, "title": "t", "body_text": "b", "raw_pages": [
        {"url": url, "status": 200, "body": b"<html>v2</html>"}]})
    assert rows(archive, "SELECT article_id FROM raw_pages") == [(result.article_id,)]  # claimed, not copied
    assert list(archive.pages_with_raw()) == []


def test_record_page_and_error(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    list_url = "https://www.cnfa.org.cn/news/list_1.html"
    archive.record_page(crawl_id, list_url, "cnfa", "list", 200)
    first = rows(
        archive, "SELECT first_seen_at, page_type, last_status FROM pages WHERE url = ?", (list_url,)
    )
    archive.record_page(crawl_id, list_url, "cnfa", "error", 503)
    second = rows(
        archive, "SELECT first_seen_at, page_type, last_status FROM pages WHERE url = ?", (list_url,)
    )
    assert first[0][1:] == ("list", 200)
    assert second[0] == (first[0][0], "error", 503)
    assert archive.counts()["pages"] == 1

    archive.record_error(crawl_id, list_url, "http_503", "Service Unavailable", status=503)
    archive.record_error(crawl_id, "https://gone.example/", "dns", "DNS lookup failed")
    assert rows(archive, "SELECT error, status, message FROM errors ORDER BY id") == [
        ("http_503", 503, "Service Unavailable"),
        ("dns", None, "DNS lookup failed"),
    ]


def test_crawl_lifecycle(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa-news", "cnfa", settings={"DOWNLOAD_DELAY": 0.5, "USER_AGENT": "x"})
    crawl = archive.crawl(crawl_id)
    assert crawl["status"] == "running" and crawl["finished_at"] is None
    assert '"DOWNLOAD_DELAY": 0.5' in crawl["settings_json"]

    archive.save_article(crawl_id, make_article())
    archive.save_article(crawl_id, make_article())
    archive.save_article(crawl_id, make_article(title="改"))
    archive.record_error(crawl_id, URL + "x", "http_404", status=404)
    stats = {
        "downloader/request_count": 12,
        "downloader/response_count": 11,
        "start_time": datetime(2024, 3, 2, tzinfo=UTC),
        "item_scraped_count": 3,
    }
    archive.finish_crawl(crawl_id, "finished", {"requests": 10}, stats=stats)
    crawl = archive.crawl(crawl_id)
    assert crawl["status"] == "finished" and crawl["finished_at"].endswith("Z")
    assert (crawl["requests"], crawl["responses"]) == (10, 11)
    assert (crawl["articles_new"], crawl["articles_changed"], crawl["articles_unchanged"]) == (1, 1, 1)
    assert crawl["errors"] == 1
    assert crawl["pages_fetched"] == 2
    assert '"start_time": "2024-03-02T00:00:00+00:00"' in crawl["stats_json"]

    with pytest.raises(ArchiveError, match="finished"):
        archive.finish_crawl(crawl_id, "done", {})
    with pytest.raises(ArchiveError, match="unknown crawl counters"):
        archive.finish_crawl(crawl_id, "failed", {"article_new": 1})
    with pytest.raises(ArchiveError, match="no crawl"):
        archive.finish_crawl(4242, "failed", {})



# --- summary ---------------------------------------------------------------------------------------------


def test_summary_and_report(db_path: Path) -> None:
    with Archive(db_path) as writer:
        crawl_id = writer.start_crawl("cnfa-news", "cnfa")
        writer.save_article(crawl_id, make_article())
        writer.save_article(
            crawl_id,
            {
                "url": "https://www.cfla.org.cn/a/1.html",
                "site": "cfla",
                "title": "无日期的文章",
                "body_text": "正文",
            },
        )
        writer.save_listings(crawl_id, "https://www.cnfa.org.cn/", make_article()["listings"])
        writer.record_error(crawl_id, "https://www.cnfa.org.cn/x", "timeout")
        writer.finish_crawl(crawl_id, "finished", {"requests": 5, "responses": 4})

    summary = archive_summary(db_path)
    assert summary["counts"]["articles"] == 2
    assert summary["schema_version"] == SCHEMA_VERSION
    sites = {s["site"]: s for s in summary["sites"]}
    assert sites["cnfa"]["articles"] == 1
    assert (
        sites["cnfa"]["first_published_at"]
        == sites["cnfa"]["last_published_at"]
        == "2024-03-01T10:00:00+08:00"
    )
    assert summary["crawls"][0]["id"] == crawl_id and summary["crawls"][0]["status"] == "finished"
    recent = summary["recent_articles"]
    assert [a["url"] for a in recent] == [URL, "https://www.cfla.org.cn/a/1.html"]  # dated first
    assert recent[0]["body_chars"] == len(make_article()["body_text"])
    assert recent[0]["editor"] == "李四"
    kinds = {k["kind"]: k for k in summary["listing_kinds"]}
    assert kinds["hot"] == {"kind": "hot", "blocks": 2, "items": 4, "pages": 2}
    assert kinds["related"]["blocks"] == 2
    assert summary["errors"] == {"timeout": 1}

    with Archive(db_path, readonly=True) as reader:
        assert archive_summary(reader)["counts"] == summary["counts"]

    report = format_summary(summary)
    for expected in (
        "Rows per table",
        "Sites",
        "Latest crawls",
        "Recent articles",
        "Listing blocks by kind",
        "2024年全国家具行业经济运行情况",
        "无日期的文章",
        "cnfa-news",
        "热点新闻",
        URL,
    ):
        assert expected in report
    assert "\t" not in report


def test_summary_of_empty_archive(db_path: Path) -> None:
    Archive(db_path).close()
    summary = archive_summary(db_path)
    assert summary["recent_articles"] == [] and summary["crawls"] == []
    report = format_summary(summary)
    assert "(none)" in report
    with pytest.raises(ArchiveError):
        archive_summary(db_path.parent / "missing.db")


def test_finish_crawl_counts_from_another_archive_object(db_path: Path) -> None:
    with Archive(db_path) as crawler:
        crawl_id = crawler.start_crawl("cnfa", "cnfa")
        crawler.save_article(crawl_id, make_article())
        crawler.save_article(crawl_id, make_article(title="改"))
        crawler.save_article(crawl_id, make_article(url=URL + "?2", aliases=[]))
    with Archive(db_path) as other:
        other.finish_crawl(crawl_id, "interrupted", {})
        crawl = other.crawl(crawl_id)
    assert crawl["status"] == "interrupted"
    assert (crawl["articles_new"], crawl["articles_changed"], crawl["articles_unchanged"]) == (2, 1, None)
