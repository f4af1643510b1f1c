"""The item writer (records/writer.py) shared by the Scrapy pipeline and `ingest`: each item type against a real
SQLite archive in tmp_path, with a :class:`Tally` for stats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archive import Archive
from assoc_crawler.records.drift import DriftThresholds
from assoc_crawler.records.items import AliasItem, ArticleItem, ErrorItem, FrontierItem, PageItem, RecheckItem
from assoc_crawler.records.writer import ItemWriter, Tally, drift_thresholds, is_complete

SITE = "demo"
BASE = "https://www.demo.test"
ARTICLE = f"{BASE}/news/20240301/1.html"


def article_record(url: str = ARTICLE, title: str = "协会召开年会", **fields: Any) -> dict[str, Any]:
    """A minimal record in the shape `Archive.save_article` takes."""
    return {"url": url, "site": SITE, "title": title, "body_text": "会议总结了一年的工作。" * 5, **fields}


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


@pytest.fixture
def writer(archive: Archive) -> ItemWriter:
    crawl_id = archive.start_crawl("demo-target", SITE)
    return ItemWriter(archive, crawl_id, SITE, Tally(), known_pages=lambda: {f"{BASE}/known/": "list"})


def rows(archive: Archive, sql: str, params: tuple = ()) -> list[tuple]:
    return archive.conn.execute(sql, params).fetchall()


def test_articles_are_saved_and_counted_by_outcome(writer: ItemWriter, archive: Archive) -> None:
    writer.write(ArticleItem(record=article_record()))
    writer.write(ArticleItem(record=article_record()))
    writer.write(ArticleItem(record=article_record(title="协会召开年会（更新）")))
    assert archive.article_by_url(ARTICLE)["title"] == "协会召开年会（更新）"
    assert (writer.stats["assoc/articles_new"], writer.stats["assoc/articles_unchanged"],
            writer.stats["assoc/articles_changed"]) == (1, 1, 1)


def test_pages_are_recorded_with_listings_and_only_unknown_ones_count_as_new(writer: ItemWriter,
                                                                            archive: Archive) -> None:
    listing = {"heading": "推荐内容", "kind": "recommended", "block": 0, "position": 1, "target_url": ARTICLE,
               "title": "协会召开年会", "label": None, "teaser": None}
    writer.write(PageItem(url=f"{BASE}/news/", site=SITE, page_type="list", status=200, listings=[listing]))
    writer.write(PageItem(url=f"{BASE}/known/", site=SITE, page_type="list", status=200))
    writer.write(PageItem(url=f"{BASE}/about/", site=SITE, page_type="other", status=200, reason="site-page-short"))
    writer.write(PageItem(url=f"{BASE}/e/pl/?id=3", site=SITE, page_type="other", status=200,
                          reason="service-url:pl"))  # a comment view, named as such: no sign of drift
    assert sorted(rows(archive, "SELECT url, page_type, last_status FROM pages")) == [
        (f"{BASE}/about/", "other", 200), (f"{BASE}/e/pl/?id=3", "other", 200), (f"{BASE}/known/", "list", 200),
        (f"{BASE}/news/", "list", 200)]
    assert rows(archive, "SELECT page_url, target_url, title FROM listings") == [
        (f"{BASE}/news/", ARTICLE, "协会召开年会")]
    assert writer.new_pages == 2  # /known/ was in the archive before this crawl; the comment view is named
    assert "assoc/archive_errors" not in writer.stats
    assert (writer.stats["assoc/pages_list"], writer.stats["assoc/pages_other"]) == (2, 2)


def test_the_pages_with_unread_rows_are_kept_for_consolidation(writer: ItemWriter) -> None:
    writer.write(ArticleItem(record=article_record(), rows_unread=True))
    writer.write(ArticleItem(record=article_record(f"{BASE}/news/20240302/2.html")))
    writer.write(PageItem(url=f"{BASE}/news/", site=SITE, page_type="list", status=200, rows_unread=True))
    writer.write(PageItem(url=f"{BASE}/about/", site=SITE, page_type="other", status=200))
    assert writer.rows_unread == {ARTICLE, f"{BASE}/news/"}


def test_an_alias_leads_to_its_article(writer: ItemWriter, archive: Archive) -> None:
    writer.write(ArticleItem(record=article_record()))
    writer.write(AliasItem(url=f"{BASE}/show.php?id=1", article_url=ARTICLE, reason="redirect"))
    found = archive.article_by_url(f"{BASE}/show.php?id=1")
    assert found is not None and found["url"] == ARTICLE


def test_the_frontier_keeps_discovered_urls_until_they_are_done(writer: ItemWriter, archive: Archive) -> None:
    writer.write(FrontierItem(discovered=[f"{BASE}/a.html", f"{BASE}/b.html"], done=[]))
    assert sorted(archive.pending_urls(SITE)) == [f"{BASE}/a.html", f"{BASE}/b.html"]
    writer.write(FrontierItem(discovered=[], done=[f"{BASE}/a.html"]))
    assert list(archive.pending_urls(SITE)) == [f"{BASE}/b.html"]


@pytest.mark.parametrize(("error", "status", "kept"), [
    ("http_503", 503, True),  # the server is busy: the next run tries again
    ("http_429", 429, True),
    ("timeout", None, True),
    ("http_404", 404, False),  # the same page will fail again
    ("too_large", None, False),
    ("parse", None, False),
])
def test_errors_are_recorded_and_only_transient_ones_stay_in_the_frontier(
        writer: ItemWriter, archive: Archive, error: str, status: int | None, kept: bool) -> None:
    url = f"{BASE}/news/2.html"
    writer.write(FrontierItem(discovered=[url]))
    writer.write(ErrorItem(url=url + "?moved", error=error, message="boom", status=status, requested_url=url))
    assert rows(archive, "SELECT url, error, status, message FROM errors") == [(url + "?moved", error, status, "boom")]
    assert rows(archive, "SELECT page_type, last_status FROM pages WHERE url = ?", (url + "?moved",)) == [
        ("error", status)]
    assert (url in set(archive.pending_urls(SITE))) is kept
    assert (writer.stats["assoc/errors"], writer.stats[f"assoc/errors/{error}"]) == (1, 1)


def test_rechecks_mark_articles_not_modified_or_gone(writer: ItemWriter, archive: Archive) -> None:
    writer.write(ArticleItem(record=article_record()))
    writer.write(RecheckItem(url=ARTICLE, status=304))
    writer.write(RecheckItem(url=f"{BASE}/never-archived.html", status=304))
    writer.write(RecheckItem(url=ARTICLE, status=410))
    writer.write(RecheckItem(url=ARTICLE, status=404))
    assert writer.stats["assoc/articles_not_modified"] == 1
    assert writer.stats["assoc/recheck_unknown"] == 1
    assert (writer.stats["assoc/articles_gone"], writer.stats["assoc/articles_still_gone"]) == (1, 1)
    assert archive.article_by_url(ARTICLE)["gone_at"] is not None


def test_an_item_the_archive_refuses_is_recorded_as_an_archive_error_and_the_crawl_goes_on(
        writer: ItemWriter, archive: Archive) -> None:
    writer.write(ArticleItem(record=article_record(fetched_at="yesterday")))  # not ISO 8601: refused
    writer.write(PageItem(url=f"{BASE}/odd/", site=SITE, page_type="home", status=200))  # no such page type
    assert [row[:2] for row in rows(archive, "SELECT url, error FROM errors ORDER BY id")] == [
        (ARTICLE, "archive"), (f"{BASE}/odd/", "archive")]
    assert writer.stats["assoc/archive_errors"] == 2
    writer.write(ArticleItem(record=article_record()))
    assert archive.article_by_url(ARTICLE) is not None


def test_finish_closes_the_crawl_with_the_counts_of_its_stats(writer: ItemWriter, archive: Archive) -> None:
    writer.write(ArticleItem(record=article_record()))
    alerts = writer.finish("finished", writer.stats, DriftThresholds())
    crawl = archive.crawl(writer.crawl_id)
    assert alerts == [] and crawl["status"] == "finished"
    assert (crawl["articles_new"], crawl["articles_changed"]) == (1, 0)


def test_finish_takes_the_counts_from_the_stats_it_is_given(tmp_path: Path) -> None:
    """The counts come from the stats, not from the Archive object that closes the crawl (which may not be the
    one that saved the articles: it knows nothing of the unchanged ones)."""
    with Archive(tmp_path / "archive.db") as first:
        crawl_id = first.start_crawl("demo-target", SITE)
        saving = ItemWriter(first, crawl_id, SITE, Tally())
        saving.write(ArticleItem(record=article_record()))
        saving.write(ArticleItem(record=article_record()))
    with Archive(tmp_path / "archive.db") as second:
        closing = ItemWriter(second, crawl_id, SITE, Tally())
        closing.finish("interrupted", saving.stats, DriftThresholds())
        crawl = second.crawl(crawl_id)
    assert (crawl["status"], crawl["articles_new"], crawl["articles_unchanged"]) == ("interrupted", 1, 1)


def test_finish_raises_drift_alarms_only_for_a_finished_crawl(archive: Archive) -> None:
    """A site whose articles always had a date and an author suddenly has neither: the extraction broke."""
    history = archive.start_crawl("demo-target", SITE)
    for number in range(12):
        archive.save_article(history, article_record(
            url=f"{BASE}/old/{number}.html", title=f"协会召开第{number}次理事会", published_at="2024-03-01T10:00:00+08:00",
            author="王伟", source="协会"))
    archive.finish_crawl(history, "finished", {})
    for status, alarmed in (("failed", False), ("finished", True)):
        crawl_id = archive.start_crawl("demo-target", SITE)
        writer = ItemWriter(archive, crawl_id, SITE, Tally())
        for number in range(5):
            writer.write(ArticleItem(record=article_record(url=f"{BASE}/{status}/{number}.html",
                                                           title=f"{status}：协会召开第{number}次年会")))
        alerts = writer.finish(status, writer.stats, DriftThresholds())
        assert bool(alerts) is alarmed, alerts
        assert archive.crawl(crawl_id)["status"] == status


def test_settings_helpers() -> None:
    thresholds = drift_thresholds({"ASSOC_DRIFT_MIN_ARTICLES": "7", "ASSOC_DRIFT_MAX_DROP": "0.25"})
    assert (thresholds.min_articles, thresholds.min_history, thresholds.max_drop) == (7, 10, 0.25)
    assert is_complete("finished") and is_complete("closespider_pagecount")
    assert not is_complete("shutdown") and not is_complete(None)


def test_tally_counts_like_scrapys_stats_collector() -> None:
    tally = Tally()
    tally.inc_value("a")
    tally.inc_value("a", 2)
    tally.set_value("b", "x")
    assert tally == {"a": 3, "b": "x"}
