"""Start-up of an extraction worker process: it must never outlive the crawl that started it."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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
