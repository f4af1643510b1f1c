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
    """Exclusive lock of (archive, site). ``acquire()`` raises ``ArchiveLocked`` at once when it is held.

    ``shared``: a shared hold, for the all-sites lock (``ALL_SITES``): every crawl holds it shared, so crawls of
    different sites go on together, while work on every site at once (a `reextract` without --site) holds it
    exclusively and excludes them all, the crawls of sites it did not know of included."""

    def __init__(self, db: str | os.PathLike[str], site: str, shared: bool = False) -> None:
        self.path = lock_path(db, site)
        self.site = site
        self.shared = shared
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
            fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            what = ("work on every site of this archive (a reextract)" if self.site == ALL_SITES
                    else f"another crawl of {self.site} into this archive")
            raise ArchiveLocked(f"{what} is running ({holder}); lock file {self.path}") from None
        if not self.shared:  # (shared holders leave the file to the exclusive one's message)
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
            if not self.shared:
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


class CrawlLock:
    """What a crawl (or the writer of a distributed run) of one site holds: the all-sites lock, shared, and the
    site's lock. ``acquire()`` raises ``ArchiveLocked`` at once when either is held against it."""

    def __init__(self, db: str | os.PathLike[str], site: str) -> None:
        self.site = site
        self.all_sites = SiteLock(db, ALL_SITES, shared=True)
        self.site_lock = SiteLock(db, site)
        self.path = self.site_lock.path

    def acquire(self) -> CrawlLock:
        """Take both without waiting (none when either is held against it)."""
        self.all_sites.acquire()
        try:
            self.site_lock.acquire()
        except BaseException:
            self.all_sites.release()
            raise
        return self

    def release(self) -> None:
        """Let go of both (idempotent)."""
        self.site_lock.release()
        self.all_sites.release()

    @property
    def held(self) -> bool:
        return self.site_lock.held

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()
