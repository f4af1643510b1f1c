"""The extraction process pool: `extract_page` in worker processes, so extraction overlaps the crawl.

A worker must never outlive the crawl that started it, and a worker's death must cost the crawl no page: the pool
is replaced, the pages it held are extracted again, and after too many deaths the crawl extracts in its own
process for the rest of the run."""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from archive import PackedBody, pack_body
from assoc_crawler.extract import PageExtraction, extract_page

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
#: Pools replaced in one crawl before the crawl gives up on workers and extracts in its own process.
MAX_POOL_RESTARTS = 5


def prepare_worker(parent: int) -> None:
    """ProcessPoolExecutor initializer. The worker ignores SIGINT (a Ctrl-C reaches the whole process group; the
    crawl decides how to stop and its workers finish the pages in hand). On Linux the kernel kills the worker when
    its parent dies, however the parent ends (kill -9 included); a worker whose parent (``parent``, the pid the
    crawl gave it, not the one it finds: a dead crawl's worker is adopted by init or a subreaper) is already gone
    exits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the death signal was armed


def extract_and_pack(body: bytes, url: str, headers: Mapping[str, str],
                     hints: Any) -> tuple[PageExtraction, PackedBody]:
    """What a worker does with one response: extract it and pack its body as the archive stores it."""
    return extract_page(body, url, headers, hints), pack_body(body)


class ExtractionPool:
    """``workers`` spawned extraction processes, started on first use and stopped by :meth:`shutdown`.

    A page whose worker died is submitted once more to a new pool; if that one dies too (or the pool was given up
    after :data:`MAX_POOL_RESTARTS` replacements), the page is extracted in the calling process. Exceptions of
    `extract_page` itself are raised to the caller either way."""

    def __init__(self, workers: int, max_restarts: int = MAX_POOL_RESTARTS) -> None:
        self.workers = workers
        self.max_restarts = max_restarts
        self.restarts = 0  # pools replaced after a worker died
        self.in_process = 0  # pages extracted in the calling process because workers died
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0  # bumped at each replacement: a failure of an older pool replaces nothing

    async def extract(self, body: bytes, url: str, headers: Mapping[str, str],
                      hints: Any) -> tuple[PageExtraction, PackedBody]:
        """`extract_page` in a worker process, with the body packed for the archive there too (so the crawl's own
        process does not compress it)."""
        for _attempt in range(2):
            if self.restarts > self.max_restarts:
                break
            executor, generation = self._current()
            try:
                future = executor.submit(extract_and_pack, body, url, headers, hints)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                self._replace(generation, url)
        self.in_process += 1
        return extract_and_pack(body, url, headers, hints)

    def _current(self) -> tuple[ProcessPoolExecutor, int]:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=prepare_worker, initargs=(os.getpid(),))
        return self._executor, self._generation

    def _replace(self, generation: int, url: str) -> None:
        """Drop the broken pool (once, however many of its pages failed); the next submit starts a new one."""
        if generation != self._generation:
            return
        self._generation += 1
        self.restarts += 1
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        if self.restarts > self.max_restarts:
            logger.warning("extraction workers died %d times; extracting in the crawl's own process from now on",
                           self.restarts)
        else:
            logger.warning("an extraction worker died (while extracting near %s); starting a new one", url)

    def shutdown(self) -> None:
        """Stop the workers (cancelling what they have not started)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
