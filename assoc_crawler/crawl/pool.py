"""The extraction process pool: `extract_page` in worker processes, so extraction overlaps the crawl. A worker
must never outlive the crawl that started it."""

from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from archive import PackedBody, pack_body
from assoc_crawler.extract import PageExtraction, extract_page

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent() -> None:
    """ProcessPoolExecutor initializer: on Linux the kernel kills this worker when its parent dies, however the
    parent ends (kill -9 included); a worker whose parent is already gone exits at once. Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent or parent == 1:
        os._exit(0)  # the parent died before the death signal was armed


def extract_and_pack(body: bytes, url: str, headers: Mapping[str, str],
                     hints: Any) -> tuple[PageExtraction, PackedBody]:
    """What a worker does with one response: extract it and pack its body as the archive stores it."""
    return extract_page(body, url, headers, hints), pack_body(body)


class ExtractionPool:
    """``workers`` spawned extraction processes, started on first use and stopped by :meth:`shutdown`."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    async def extract(self, body: bytes, url: str, headers: Mapping[str, str],
                      hints: Any) -> tuple[PageExtraction, PackedBody]:
        """`extract_page` in a worker process, with the body packed for the archive there too (so the crawl's own
        process does not compress it); its exceptions (a dead worker's included) are raised here."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=die_with_parent)
        future = self._executor.submit(extract_and_pack, body, url, headers, hints)
        return await asyncio.wrap_future(future)

    def shutdown(self) -> None:
        """Stop the workers (cancelling what they have not started)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
