"""A progress line on a terminal: pages fetched, articles saved, errors."""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task


class CrawlProgress:
    """Prints `pages N | articles M | errors E` every second to stderr when it is a terminal (ASSOC_PROGRESS)."""

    def __init__(self, crawler: Crawler, enabled: bool) -> None:
        self.crawler = crawler
        self.enabled = enabled
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        mode = crawler.settings.get("ASSOC_PROGRESS", "auto")
        enabled = mode == "always" or (mode == "auto" and sys.stderr.isatty())
        ext = cls(crawler, enabled)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        stats = self.crawler.stats
        saved = sum(int(stats.get_value(f"assoc/articles_{k}", 0)) for k in ("new", "changed", "unchanged"))
        return (
            f"[{getattr(self.crawler.spider, 'site', '')}] pages {stats.get_value('response_received_count', 0)}"
            f" | articles {saved} (new {stats.get_value('assoc/articles_new', 0)})"
            f" | errors {stats.get_value('assoc/errors', 0)} | {time.monotonic() - self.started:.0f}s"
        )

    def spider_opened(self, spider: Any) -> None:
        if self.enabled:
            self.loop = task.LoopingCall(self.show)
            self.loop.start(1.0, now=False)

    def show(self) -> None:
        sys.stderr.write("\r" + self.line() + "\x1b[K")
        sys.stderr.flush()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            self.show()
            sys.stderr.write("\n")
