"""A crawl's pace and reach (delay, concurrency, timeout, depth, page budget) as Scrapy settings: one mapping for
the crawl command's options and a profile's [crawl] table alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The [crawl] keys (and crawl options) this module maps; allow/deny are the spider's scope.
PACE_KEYS = ("delay", "concurrency", "timeout", "depth", "max_pages")


def pace_settings(delay: float | None = None, concurrency: int | None = None, timeout: float | None = None,
                  depth: int | None = None, max_pages: int | None = None) -> dict[str, Any]:
    """The Scrapy settings for the values given (None: not set). A delay of 0 also switches AutoThrottle off
    (it would otherwise slow the crawl down again); a delay is AutoThrottle's starting delay."""
    settings: dict[str, Any] = {}
    if delay is not None:
        settings["DOWNLOAD_DELAY"] = delay
        settings["AUTOTHROTTLE_START_DELAY"] = max(delay, 0.01)
        if delay == 0:
            settings["AUTOTHROTTLE_ENABLED"] = False
    if concurrency is not None:
        settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = concurrency
        settings["CONCURRENT_REQUESTS"] = max(16, concurrency)
        settings["AUTOTHROTTLE_TARGET_CONCURRENCY"] = float(concurrency)
    if timeout is not None:
        settings["DOWNLOAD_TIMEOUT"] = timeout
    if depth is not None:
        settings["DEPTH_LIMIT"] = depth
    if max_pages is not None:
        settings["ASSOC_MAX_PAGES"] = max_pages
    return settings


def profile_pace(crawl: Mapping[str, Any]) -> dict[str, Any]:
    """The settings of a profile's [crawl] table's pace keys (those it has)."""
    return pace_settings(**{key: crawl[key] for key in PACE_KEYS if key in crawl})


#: Scrapy's resolver that knows IPv6 (its default one knows IPv4 only); it ignores DNS_TIMEOUT, so only crawls of
#: an IPv6 address use it.
IPV6_RESOLVER = "scrapy.resolver.CachingHostnameResolver"


def resolver_settings(host: str) -> dict[str, Any]:
    """The settings a crawl of ``host`` (host[:port] of its start URL) needs to resolve it: for an IPv6 address
    (``[::1]:8080``) Scrapy's IPv6-capable resolver, otherwise nothing. Process-wide: set it where the crawl
    process is made."""
    return {"TWISTED_DNS_RESOLVER": IPV6_RESOLVER} if host.startswith("[") else {}
