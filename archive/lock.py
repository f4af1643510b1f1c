"""One crawl at a time per archive and site: an advisory lock file beside the archive.

The lock is ``flock`` on ``<archive>.<site>.lock``: the operating system drops it when the holder dies (kill -9
included), so a stale lock never blocks the next run. The file itself stays (removing it would race with a new
holder) and holds the holder's pid and start time, for the message a second run prints.
"""

from __future__ import annotations

import fcntl
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from .errors import ArchiveError


class ArchiveLocked(ArchiveError):
    """Another process is crawling this site into this archive."""


#: The "site" of work on every site of an archive at once (a `reextract` without --site): its own lock.
ALL_SITES = "*"


def lock_path(db: str | os.PathLike[str], site: str) -> Path:
    """The lock file of ``site`` in the archive ``db``."""
    if site == ALL_SITES:
        path = Path(db)
        return path.with_name(f"{path.name}.all-sites.lock")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", site).strip("._") or "site"
    path = Path(db)
    return path.with_name(f"{path.name}.{slug}.lock")


class SiteLock:
    """Exclusive lock of (archive, site). ``acquire()`` raises ``ArchiveLocked`` at once when it is held."""

    def __init__(self, db: str | os.PathLike[str], site: str) -> None:
        self.path = lock_path(db, site)
        self.site = site
        self._fd: int | None = None

    def acquire(self) -> SiteLock:
        """Take the lock without waiting."""
        if self._fd is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ArchiveError(f"cannot create the lock file {self.path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise ArchiveLocked(
                f"another crawl of {self.site} into this archive is running ({holder}); lock file {self.path}"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (idempotent)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> SiteLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()
