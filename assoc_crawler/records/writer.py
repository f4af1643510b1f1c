"""Items into the archive: what the Scrapy pipeline and the distributed writer (`assoc-crawler ingest`) share.

No Scrapy here: the pipeline calls it with Scrapy's stats collector, `ingest` with a :class:`Tally`.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from archive import Archive, ArchiveError, ArchiveUnwritable
from assoc_crawler.extract import ExtractionHints

from .consolidate import consolidate_site
from .drift import DriftThresholds, drift_alerts
from .items import AliasItem, ArticleItem, ErrorItem, FrontierItem, PageItem, RecheckItem

logger = logging.getLogger(__name__)

# Scrapy settings recorded in each `crawls` row (settings_json).
RECORDED_SETTINGS = (
    "USER_AGENT", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
    "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "DEPTH_LIMIT", "ASSOC_MAX_PAGES", "ASSOC_PATTERN_MAX_PAGES",
    "ASSOC_BARREN_PATTERN_LIMIT", "ASSOC_RECHECK", "ASSOC_RECHECK_RECENT_DAYS", "ASSOC_RECHECK_RECENT_HOURS",
    "ASSOC_RECHECK_OLD_DAYS", "ASSOC_CONSOLIDATE",
)
# Gate reasons that name what a page is (a comment or print view, a login, an error page ...): such a page, new
# to the archive, is no sign of a broken extraction (the drift alarm counts only the others).
POSITIVE_NON_ARTICLE_REASONS = ("service-url", "service-title", "login-form", "error-page", "download-page",
                                "home-page")


def is_positively_not_article(reason: str | None) -> bool:
    """Whether the gate's reason says what a non-article page is, rather than what it lacks."""
    return bool(reason) and reason.startswith(POSITIVE_NON_ARTICLE_REASONS)


# Failures that the same page will give again: not retried by later runs (timeouts, resets, 5xx are).
PERMANENT_ERRORS = frozenset({"too_large", "redirect_loop", "offsite_redirect", "ignored", "parse"})
CRAWL_COUNTS = ("articles_new", "articles_changed", "articles_unchanged", "articles_not_modified", "articles_gone")


class Stats(Protocol):
    """The part of Scrapy's stats collector the writer uses."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...

    def set_value(self, key: str, value: Any) -> None: ...


class Tally(Counter):
    """Stats outside Scrapy: a Counter with the stats collector's two write methods."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] += count

    def set_value(self, key: str, value: Any) -> None:
        self[key] = value


class ItemWriter:
    """Writes one crawl's items into the archive and closes the crawl with its counts and drift alarms."""

    def __init__(self, archive: Archive, crawl_id: int, site: str, stats: Stats,
                 known_pages: Callable[[], Mapping[str, str]] | None = None, consolidate: bool = True,
                 hints: ExtractionHints | None = None) -> None:
        self.archive = archive
        self.hints = hints  # the site profile's extraction hints: consolidation extracts as the crawl did
        self.crawl_id = crawl_id
        self.site = site
        self.stats = stats
        self.consolidate = consolidate  # re-decide weak pages by the site's templates when the crawl finishes
        self.known_pages = known_pages or dict  # pages the archive knew before this crawl (url -> type)
        self.new_pages = 0  # non-article pages this crawl saw first (for the drift alarm)
        self.rows_unread: set[str] = set()  # pages with listing rows their extraction could not read

    def write(self, item: Any) -> None:
        """Save one item. An archive failure is logged and recorded as an `archive` error; it never raises."""
        stats, archive, crawl_id = self.stats, self.archive, self.crawl_id
        try:
            if isinstance(item, ArticleItem):
                result = archive.save_article(crawl_id, item.record)
                if item.rows_unread:
                    self.rows_unread.add(item.record["url"])
                stats.inc_value(f"assoc/articles_{result.status}")
                stats.inc_value("identity/aliases_added", result.aliases_added)
                stats.inc_value("identity/moves_followed", result.moved_from is not None)
                stats.inc_value("identity/duplicates_merged", result.merged)
            elif isinstance(item, PageItem):
                self.new_pages += item.url not in self.known_pages() and not is_positively_not_article(item.reason)
                archive.record_page(crawl_id, item.url, item.site, item.page_type, item.status, reason=item.reason,
                                   raw=item.raw)
                if item.listings:
                    archive.save_listings(crawl_id, item.url, item.listings)
                if item.rows_unread:
                    self.rows_unread.add(item.url)
                stats.inc_value(f"assoc/pages_{item.page_type}")
            elif isinstance(item, AliasItem):
                stats.inc_value("identity/aliases_added", archive.record_alias(item.url, item.article_url, item.reason))
            elif isinstance(item, ErrorItem):
                archive.record_error(crawl_id, item.url, item.error, item.message, item.status)
                archive.record_page(crawl_id, item.url, self.site, "error", item.status)
                transient = item.error not in PERMANENT_ERRORS and (
                    item.status is None or item.status >= 500 or item.status == 429)
                archive.frontier_failed(item.requested_url or item.url, transient)
                stats.inc_value("assoc/errors")
                stats.inc_value(f"assoc/errors/{item.error}")
            elif isinstance(item, FrontierItem):
                archive.frontier_add(crawl_id, self.site, item.discovered)
                archive.frontier_done(item.done)
            elif isinstance(item, RecheckItem):
                if item.status == 304:
                    found = archive.mark_not_modified(crawl_id, item.url)
                    stats.inc_value("assoc/articles_not_modified" if found else "assoc/recheck_unknown")
                else:
                    outcome = archive.mark_gone(crawl_id, item.url, item.status)
                    stats.inc_value({"new": "assoc/articles_gone", "again": "assoc/articles_still_gone"}.get(
                        outcome, "assoc/recheck_unknown"))
        except ArchiveUnwritable:
            raise  # the storage refuses writes: the caller stops the crawl
        except ArchiveError as exc:
            # one bad item must not end the crawl; the failure itself is recorded
            url = getattr(item, "url", None) or getattr(item, "record", {}).get("url", "")
            logger.error("could not archive %s: %s", url, exc)
            stats.inc_value("assoc/archive_errors")
            archive.record_error(crawl_id, url, "archive", str(exc)[:500])

    def finish(self, status: str, stats: Mapping[str, Any], thresholds: DriftThresholds) -> list[dict[str, Any]]:
        """Close the crawl row (counts from ``stats``); return its drift alarms (only a finished crawl has any)."""
        counts = {name: int(stats.get(f"assoc/{name}", 0)) for name in CRAWL_COUNTS}
        # the drift alarm judges what the crawl itself fetched and decided, before the templates re-decide pages
        cut_short = bool(stats.get("bounds/cut/max_pages"))  # the page budget ran out: a small crawl on purpose
        alerts = self.drift_alerts(thresholds, cut_short) if status == "finished" else []
        if status == "finished" and self.consolidate:
            stats = {**stats, **self._consolidate(counts)}
        for alert in alerts:
            logger.error("drift alarm for %s: %s", self.site, alert["message"])
        self.archive.finish_crawl(self.crawl_id, status, counts, stats, alerts=alerts)
        return alerts

    def _consolidate(self, counts: dict[str, int]) -> dict[str, int]:
        """Consolidation (see `assoc_crawler.records.consolidate`); its counts as stats, the new articles
        corrected in ``counts``. A failure is logged and recorded; the crawl still finishes."""
        try:
            done = consolidate_site(self.archive, self.site, self.crawl_id, hints=self.hints,
                                    unread=self.rows_unread)
        except ArchiveUnwritable:
            raise
        except Exception as exc:  # the crawl's own work is done: it still finishes, with the failure recorded
            logger.error("consolidation of %s failed: %s", self.site, exc)
            with contextlib.suppress(ArchiveError):
                self.archive.record_error(self.crawl_id, "", "consolidation", str(exc)[:500])
            return {"consolidation/failed": 1}
        counts["articles_new"] += done.promoted - done.retracted
        return {f"consolidation/{name}": value for name, value in done.to_dict().items()}

    def drift_alerts(self, thresholds: DriftThresholds, cut_short: bool = False) -> list[dict[str, Any]]:
        """This crawl's extraction health against the site's history (see `assoc_crawler.records.drift`)."""
        current = self.archive.coverage(self.site, self.crawl_id)
        history = self.archive.coverage(self.site, self.crawl_id, history=True)
        answered = self.archive.answered_pages(self.site, self.crawl_id)
        return drift_alerts(current, history, new_pages=self.new_pages, answered_pages=answered,
                            thresholds=thresholds, cut_short=cut_short)


def drift_thresholds(settings: Mapping[str, Any] | Any) -> DriftThresholds:
    """The drift alarm's thresholds from Scrapy settings (or a plain mapping of the same names)."""
    return DriftThresholds(
        min_articles=int(settings.get("ASSOC_DRIFT_MIN_ARTICLES", 3)),
        min_history=int(settings.get("ASSOC_DRIFT_MIN_HISTORY", 10)),
        max_drop=float(settings.get("ASSOC_DRIFT_MAX_DROP", 0.5)),
    )


def is_complete(reason: str | None) -> bool:
    """A crawl's close reason that means it did its work ('finished', or a CLOSESPIDER_* limit it was given)."""
    return reason is not None and (reason == "finished" or reason.startswith("closespider"))
