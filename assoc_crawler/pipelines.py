"""The one pipeline: hand every item to the archive. No decisions about content are made here."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from archive import Archive, ArchiveError

from .items import AliasItem, ArticleItem, ErrorItem, PageItem

logger = logging.getLogger(__name__)

_RECORDED_SETTINGS = (
    "USER_AGENT", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
    "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "DEPTH_LIMIT", "ASSOC_MAX_PAGES", "ASSOC_PATTERN_MAX_PAGES",
    "ASSOC_BARREN_PATTERN_LIMIT",
)


class ArchivePipeline:
    """Opens the archive when the spider opens, records one `crawls` row, saves items, closes the crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive: Archive | None = None
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(crawler)
        # finish the crawl row on spider_closed, when Scrapy knows the finish reason
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        path = getattr(spider, "db", None) or self.crawler.settings.get("ASSOC_ARCHIVE_DB")
        self.archive = Archive(path)
        settings = {name: self.crawler.settings.get(name) for name in _RECORDED_SETTINGS}
        target = getattr(spider, "target", None) or spider.name
        self.crawl_id = self.archive.start_crawl(str(target), getattr(spider, "site", spider.name), settings)
        spider.crawl_id = self.crawl_id  # type: ignore[attr-defined]
        self.crawler.stats.set_value("assoc/crawl_id", self.crawl_id)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        assert self.archive is not None and self.crawl_id is not None
        stats = self.crawler.stats
        site = getattr(spider, "site", None) or getattr(self.crawler.spider, "site", "")
        try:
            if isinstance(item, ArticleItem):
                result = self.archive.save_article(self.crawl_id, item.record)
                stats.inc_value(f"assoc/articles_{result.status}")
            elif isinstance(item, PageItem):
                self.archive.record_page(self.crawl_id, item.url, item.site, item.page_type, item.status)
                if item.listings:
                    self.archive.save_listings(self.crawl_id, item.url, item.listings)
                stats.inc_value(f"assoc/pages_{item.page_type}")
            elif isinstance(item, AliasItem):
                self.archive.record_alias(item.url, item.article_url, item.reason)
            elif isinstance(item, ErrorItem):
                self.archive.record_error(self.crawl_id, item.url, item.error, item.message, item.status)
                self.archive.record_page(self.crawl_id, item.url, site, "error", item.status)
                stats.inc_value("assoc/errors")
                stats.inc_value(f"assoc/errors/{item.error}")
        except ArchiveError as exc:
            # one bad item must not end the crawl; the failure itself is recorded
            url = getattr(item, "url", None) or getattr(item, "record", {}).get("url", "")
            logger.error("could not archive %s: %s", url, exc)
            stats.inc_value("assoc/archive_errors")
            self.archive.record_error(self.crawl_id, url, "archive", str(exc)[:500])
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.crawl_id is None:
            return
        stats = self.crawler.stats.get_stats()
        status = "finished" if reason == "finished" or str(reason).startswith("closespider") else "interrupted"
        counts = {
            "articles_new": int(stats.get("assoc/articles_new", 0)),
            "articles_changed": int(stats.get("assoc/articles_changed", 0)),
            "articles_unchanged": int(stats.get("assoc/articles_unchanged", 0)),
        }
        self.archive.finish_crawl(self.crawl_id, status, counts, stats)
        self.archive.close()
        self.archive = None
