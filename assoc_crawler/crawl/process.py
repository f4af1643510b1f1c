"""The process that runs crawls: Scrapy's CrawlerProcess, with the stop an operator expects from Ctrl-C.

The first SIGINT or SIGTERM prints one line saying what is kept and stops gracefully: no new request starts, the
pages in flight are extracted and archived, and each crawl's row is marked interrupted (its frontier waits for the
next run). A second one stops the process at once: everything committed stays, and the next run marks the crawl
interrupted and takes up its frontier, as after a kill."""

from __future__ import annotations

import os
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.ossignal import install_shutdown_handlers, signal_names
from twisted.python.failure import Failure

from .errors import LeftForNextRun
from .middlewares import put_back

#: The exit status of a crawl stopped at once by a second signal (128 + SIGINT, as shells report it).
EXIT_STOPPED_AT_ONCE = 130


class CrawlProcess(CrawlerProcess):
    """A CrawlerProcess whose signal handling talks to the operator (on stderr) and whose second signal is
    immediate. ``distributed``: the crawls are workers of a distributed run (their items go to its writer)."""

    def __init__(self, settings: Any = None, distributed: bool = False) -> None:
        super().__init__(settings)
        self.distributed = distributed

    def _signal_shutdown(self, signum: int, _: Any) -> None:
        from twisted.internet import reactor

        install_shutdown_handlers(self._signal_kill)
        kept = ("the items sent so far stay with the run's writer, and the requests not started go back to the "
                "run's queue"
                if self.distributed else f"{self._archived()} article(s) archived so far are kept, and the next "
                "run goes on from where this one stopped")
        _say(f"{signal_names.get(signum, 'signal')}: stopping after the pages in flight; {kept} "
             "(press Ctrl-C again to stop at once)")
        reactor.callFromThread(self._stop_gracefully)

    def _stop_gracefully(self) -> None:
        for crawler in self.crawlers:
            if crawler.spider is not None:
                crawler.spider.stopping = True  # nothing more is fetched (crawl.middlewares.StoppingMiddleware)
            drop_unstarted_downloads(crawler)
        self._graceful_stop_reactor()

    def _signal_kill(self, signum: int, _: Any) -> None:
        _say("stopped at once; what was committed is kept, and the next run marks this crawl interrupted and goes "
             "on from its frontier")
        os._exit(EXIT_STOPPED_AT_ONCE)

    def _archived(self) -> int:
        return sum(int(crawler.stats.get_value("assoc/articles_new", 0) or 0)
                   + int(crawler.stats.get_value("assoc/articles_changed", 0) or 0)
                   for crawler in self.crawlers if crawler.stats is not None)


def drop_unstarted_downloads(crawler: Crawler) -> int:
    """Fail, as `LeftForNextRun`, the requests waiting in the downloader's per-host queues (with a download delay
    they can hold minutes of work): Scrapy's graceful stop would fetch them all. A distributed run's requests go
    back to its queue first. Downloads under way finish. Returns how many were dropped."""
    downloader = getattr(getattr(crawler, "engine", None), "downloader", None)
    dropped = 0
    for slot in list(getattr(downloader, "slots", {}).values()):
        queue = getattr(slot, "queue", None)
        while queue:
            request, waiting = queue.popleft()
            put_back(crawler, request)
            waiting.errback(Failure(LeftForNextRun(f"crawl stopping: {request.url} left for the next run")))
            dropped += 1
    return dropped


def _say(line: str) -> None:
    """One line on stderr, written in one system call (safe inside a signal handler, unlike `print`)."""
    try:
        os.write(2, f"\nassoc-crawler: {line}\n".encode())
    except OSError:
        pass
