"""The one pipeline: hand every item to the archive. No decisions about content are made here."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archive import Archive, ArchiveError, ArchiveLocked, ArchiveUnwritable, CrawlLock, check_integrity
from archive.identity import url_origin
from archive.lock import ALL_SITES
from assoc_crawler.records.writer import RECORDED_SETTINGS, ItemWriter, drift_thresholds, is_complete

logger = logging.getLogger(__name__)

# Crawls of several sites in one process (`assoc-crawler demo`, one CrawlerProcess) share one connection per
# archive file: they run on one thread, so a second connection waiting for the first one's write lock would
# wait for a commit that cannot happen meanwhile.
_SHARED: dict[str, list[Any]] = {}  # resolved path -> [Archive, users]


def _open_shared(path: str, checked: bool = False) -> Archive:
    """The process's connection to the archive at path; its integrity is checked (read-only) before the first
    one is opened for writing, unless the caller has just done so (``checked``)."""
    key = str(Path(path).resolve())
    entry = _SHARED.get(key)
    if entry is None or entry[0].db is None:
        if not checked:
            check_integrity(path)
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
        self.writer: ItemWriter | None = None
        self.unwritable: str | None = None  # why the archive refused a write, once it has
        self.lock: CrawlLock | None = None
        self.site = ""
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
        lock = CrawlLock(path, self.site)  # the site's lock, and the all-sites lock shared
        try:
            lock.acquire()
        except ArchiveLocked as exc:
            spider.refused = True  # type: ignore[attr-defined]
            self.crawler.stats.set_value("assoc/locked", str(exc))
            logger.error("%s", exc)
            return
        self.lock = lock
        try:
            self.archive = _open_shared(path, self.crawler.settings.getbool("ASSOC_ARCHIVE_CHECKED"))
            recovered = self.archive.recover_interrupted_crawls(self.site)
            self.archive.recover_interrupted_crawls(ALL_SITES)  # a killed reextract (none runs: lock held)
            settings = {name: self.crawler.settings.get(name) for name in RECORDED_SETTINGS}
            crawl_id = self.archive.start_crawl(str(getattr(spider, "target", None) or spider.name), self.site,
                                                settings)
            self._follow_the_site(spider)
        except ArchiveError as exc:  # locked by another program past the busy timeout, disk full, damaged ...
            spider.refused = True  # type: ignore[attr-defined]
            self.crawler.stats.set_value("assoc/archive_unwritable", str(exc)[:500])
            logger.error("cannot write to the archive: %s", exc)
            if self.archive is not None:
                with contextlib.suppress(ArchiveError):
                    _release_shared(self.archive)
                self.archive = None
            lock.release()
            self.lock = None
            return
        except BaseException:
            lock.release()
            raise
        if recovered:
            logger.warning("crawl(s) %s of %s had been interrupted; marked as such", recovered, self.site)
            self.crawler.stats.set_value("assoc/recovered_crawls", recovered)
        self.writer = ItemWriter(self.archive, crawl_id, self.site, self.crawler.stats,
                                 known_pages=lambda: spider.state.page_types,  # loaded when the crawl starts
                                 consolidate=self.crawler.settings.getbool("ASSOC_CONSOLIDATE", True),
                                 hints=getattr(getattr(spider, "profile", None), "hints", None))
        settings_ = self.crawler.settings
        # writes are grouped into transactions (a crash loses at most the last batch, which the frontier,
        # written in the same transactions, makes the next run fetch again)
        seconds = settings_.getfloat("ASSOC_BATCH_SECONDS", 1.0)
        self.archive.batch(settings_.getint("ASSOC_BATCH_WRITES", 200), seconds)
        self.flusher = task.LoopingCall(self._flush)  # an idle crawl must not keep the write lock
        self.flusher.start(max(seconds, 0.1), now=False)
        spider.crawl_id = crawl_id  # type: ignore[attr-defined]
        self.crawler.stats.set_value("assoc/crawl_id", crawl_id)

    def _follow_the_site(self, spider: Spider) -> None:
        """The site's rows follow it to the origin this crawl starts at (another port: archive.identity, rule 4),
        and rows the identity rules call one article are merged; both are counted."""
        profile = getattr(spider, "profile", None)
        if self.archive is None or profile is None or not profile.start_urls:
            return
        done = self.archive.rebase_site(self.site, url_origin(profile.start_urls[0]))
        merged = done["merged"] + self.archive.merge_duplicates(self.site)
        stats = self.crawler.stats
        stats.inc_value("identity/moves_followed", done["moved"])
        stats.inc_value("identity/duplicates_merged", merged)
        if done["moved"] or merged:
            self.archive.flush()  # committed now (another crawl of the process may hold a batch open) ...
            spider.load_state()  # ... and read again, if the spider's start read the archive before this
            logger.warning("%s: %d article(s) followed to %s, %d duplicate row(s) merged", self.site, done["moved"],
                           url_origin(profile.start_urls[0]), merged)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.writer is not None and self.unwritable is None:
            try:
                self.writer.write(item)
            except ArchiveUnwritable as exc:
                self._stop_unwritable(exc)
        return item

    def _stop_unwritable(self, exc: ArchiveError) -> None:
        """The archive refuses writes (disk full, I/O error, locked, read-only): stop the crawl, once. What was
        committed stays; the pages of the lost batch stay in the frontier for the next run."""
        if self.unwritable is not None:
            return
        self.unwritable = str(exc)
        logger.error("cannot write to the archive, stopping the crawl: %s", exc)
        self.crawler.stats.set_value("assoc/archive_unwritable", str(exc)[:500])
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="archive_unwritable"))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.writer is None:
            return
        if self.flusher is not None and self.flusher.running:
            self.flusher.stop()
        archive, self.archive = self.archive, None
        try:
            if self.unwritable is None:
                stats = self.crawler.stats.get_stats()
                status = "finished" if is_complete(str(reason)) else "interrupted"
                alerts = self.writer.finish(status, stats, drift_thresholds(self.crawler.settings))
                if alerts:
                    self.crawler.stats.set_value("assoc/drift_alerts", len(alerts))
        except ArchiveError as exc:  # the crawl row stays 'running': the next crawl marks it interrupted
            self._stop_unwritable(exc)
        finally:
            try:
                _release_shared(archive)
            except ArchiveError as exc:  # the last batch could not be committed
                self._stop_unwritable(exc)
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _flush(self) -> None:
        if self.archive is not None and self.unwritable is None:
            try:
                self.archive.flush()
            except ArchiveUnwritable as exc:
                self._stop_unwritable(exc)
            except ArchiveError as exc:
                logger.error("could not commit archive writes: %s", exc)
