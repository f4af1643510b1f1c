"""The one pipeline: hand every item to the archive. No decisions about content are made here."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.internet import task

from archive import Archive, ArchiveError, ArchiveLocked, SiteLock

from .health import DriftThresholds, drift_alerts
from .items import AliasItem, ArticleItem, ErrorItem, FrontierItem, PageItem, RecheckItem

logger = logging.getLogger(__name__)

_RECORDED_SETTINGS = (
    "USER_AGENT", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
    "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "DEPTH_LIMIT", "ASSOC_MAX_PAGES", "ASSOC_PATTERN_MAX_PAGES",
    "ASSOC_BARREN_PATTERN_LIMIT", "ASSOC_RECHECK", "ASSOC_RECHECK_RECENT_DAYS", "ASSOC_RECHECK_RECENT_HOURS",
    "ASSOC_RECHECK_OLD_DAYS",
)


# Crawls of several sites in one process (`assoc-crawler demo`, one CrawlerProcess) share one connection per
# archive file: they run on one thread, so a second connection waiting for the first one's write lock would
# wait for a commit that cannot happen meanwhile.
_SHARED: dict[str, list[Any]] = {}  # resolved path -> [Archive, users]


def _open_shared(path: str) -> Archive:
    key = str(Path(path).resolve())
    entry = _SHARED.get(key)
    if entry is None or entry[0].db is None:
        entry = _SHARED[key] = [Archive(path), 0]
    entry[1] += 1
    return entry[0]


def _release_shared(archive: Archive) -> None:
    for key, entry in list(_SHARED.items()):
        if entry[0] is archive:
            entry[1] -= 1
            if entry[1] <= 0:
                del _SHARED[key]
                archive.close()
            else:
                archive.flush()
            return
    archive.close()


class ArchivePipeline:
    """Takes the site's lock, opens the archive, records one `crawls` row, saves items, closes the crawl with
    its drift alarms, lets go of the lock. A site already being crawled into the archive is left untouched."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive: Archive | None = None
        self.crawl_id: int | None = None
        self.lock: SiteLock | None = None
        self.site = ""
        self.new_pages = 0  # non-article pages this crawl saw first (for the drift alarm)
        self.flusher: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(crawler)
        # finish the crawl row on spider_closed, when Scrapy knows the finish reason
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        path = getattr(spider, "db", None) or self.crawler.settings.get("ASSOC_ARCHIVE_DB")
        self.site = str(getattr(spider, "site", None) or spider.name)
        lock = SiteLock(path, self.site)
        try:
            lock.acquire()
        except ArchiveLocked as exc:
            spider.locked = True  # type: ignore[attr-defined]
            self.crawler.stats.set_value("assoc/locked", str(exc))
            logger.error("%s", exc)
            return
        self.lock = lock
        try:
            self.archive = _open_shared(path)
            recovered = self.archive.recover_interrupted_crawls(self.site)
        except BaseException:
            lock.release()
            raise
        if recovered:
            logger.warning("crawl(s) %s of %s had been interrupted; marked as such", recovered, self.site)
            self.crawler.stats.set_value("assoc/recovered_crawls", recovered)
        settings = {name: self.crawler.settings.get(name) for name in _RECORDED_SETTINGS}
        target = getattr(spider, "target", None) or spider.name
        self.crawl_id = self.archive.start_crawl(str(target), self.site, settings)
        settings_ = self.crawler.settings
        # writes are grouped into transactions (a crash loses at most the last batch, which the frontier,
        # written in the same transactions, makes the next run fetch again)
        seconds = settings_.getfloat("ASSOC_BATCH_SECONDS", 1.0)
        self.archive.batch(settings_.getint("ASSOC_BATCH_WRITES", 200), seconds)
        self.flusher = task.LoopingCall(self._flush)  # an idle crawl must not keep the write lock
        self.flusher.start(max(seconds, 0.1), now=False)
        spider.crawl_id = self.crawl_id  # type: ignore[attr-defined]
        self.crawler.stats.set_value("assoc/crawl_id", self.crawl_id)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.archive is None or self.crawl_id is None:
            return item  # locked out: nothing is written
        stats = self.crawler.stats
        site = getattr(spider, "site", None) or getattr(self.crawler.spider, "site", "")
        try:
            if isinstance(item, ArticleItem):
                result = self.archive.save_article(self.crawl_id, item.record)
                stats.inc_value(f"assoc/articles_{result.status}")
            elif isinstance(item, PageItem):
                known = getattr(getattr(self.crawler.spider, "state", None), "page_types", {})
                self.new_pages += item.url not in known
                self.archive.record_page(self.crawl_id, item.url, item.site, item.page_type, item.status)
                if item.listings:
                    self.archive.save_listings(self.crawl_id, item.url, item.listings)
                stats.inc_value(f"assoc/pages_{item.page_type}")
            elif isinstance(item, AliasItem):
                self.archive.record_alias(item.url, item.article_url, item.reason)
            elif isinstance(item, ErrorItem):
                self.archive.record_error(self.crawl_id, item.url, item.error, item.message, item.status)
                self.archive.record_page(self.crawl_id, item.url, site, "error", item.status)
                transient = item.status is None or item.status >= 500 or item.status == 429
                self.archive.frontier_failed(item.requested_url or item.url, transient)
                stats.inc_value("assoc/errors")
                stats.inc_value(f"assoc/errors/{item.error}")
            elif isinstance(item, FrontierItem):
                self.archive.frontier_add(self.crawl_id, site, item.discovered)
                self.archive.frontier_done(item.done)
            elif isinstance(item, RecheckItem):
                if item.status == 304:
                    found = self.archive.mark_not_modified(self.crawl_id, item.url)
                    stats.inc_value("assoc/articles_not_modified" if found else "assoc/recheck_unknown")
                else:
                    outcome = self.archive.mark_gone(self.crawl_id, item.url, item.status)
                    stats.inc_value({"new": "assoc/articles_gone", "again": "assoc/articles_still_gone"}.get(
                        outcome, "assoc/recheck_unknown"))
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
        try:
            stats = self.crawler.stats.get_stats()
            status = "finished" if reason == "finished" or str(reason).startswith("closespider") else "interrupted"
            counts = {name: int(stats.get(f"assoc/{name}", 0)) for name in (
                "articles_new", "articles_changed", "articles_unchanged", "articles_not_modified", "articles_gone")}
            alerts = self._drift_alerts() if status == "finished" else []
            if alerts:
                self.crawler.stats.set_value("assoc/drift_alerts", len(alerts))
                for alert in alerts:
                    logger.error("drift alarm for %s: %s", self.site, alert["message"])
            self.archive.finish_crawl(self.crawl_id, status, counts, stats, alerts=alerts)
            if self.flusher is not None and self.flusher.running:
                self.flusher.stop()
            _release_shared(self.archive)
            self.archive = None
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _flush(self) -> None:
        if self.archive is not None:
            try:
                self.archive.flush()
            except ArchiveError as exc:
                logger.error("could not commit archive writes: %s", exc)

    def _drift_alerts(self) -> list[dict[str, Any]]:
        """Compare this crawl's extraction health with the site's history (see `assoc_crawler.health`)."""
        assert self.archive is not None and self.crawl_id is not None
        settings = self.crawler.settings
        thresholds = DriftThresholds(
            min_articles=settings.getint("ASSOC_DRIFT_MIN_ARTICLES", 3),
            min_history=settings.getint("ASSOC_DRIFT_MIN_HISTORY", 10),
            max_drop=settings.getfloat("ASSOC_DRIFT_MAX_DROP", 0.5),
        )
        current = self.archive.coverage(self.site, self.crawl_id)
        history = self.archive.coverage(self.site, self.crawl_id, history=True)
        answered = self.archive.answered_pages(self.site, self.crawl_id)
        return drift_alerts(current, history, new_pages=self.new_pages, answered_pages=answered,
                            thresholds=thresholds)
