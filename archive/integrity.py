"""Is the archive sound enough to write to? `PRAGMA quick_check` on a read-only connection, before any write.

A crawl into a damaged file would add to the damage (and SQLite may stop it half-way with an I/O error). The
check reads every page of the file once (see `bench/archive_check.py` for its cost on a 1 GB archive) and
changes nothing: the connection is opened read-only, so it neither migrates, nor checkpoints, nor recovers a
journal."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .connection import read_only_uri
from .errors import ArchiveError

_SHOWN_PROBLEMS = 3


class ArchiveDamaged(ArchiveError):
    """The archive file fails SQLite's quick check: nothing is written to it."""


def recover_advice(path: str) -> str:
    """How to get the rows of a damaged archive into a sound file, with SQLite's own tool."""
    return (f"nothing was written to it. Copy its rows into a new file with SQLite's .recover (sqlite3 3.29 or "
            f"later): sqlite3 {path} .recover | sqlite3 {path}.recovered; check that one with "
            f"sqlite3 {path}.recovered 'PRAGMA integrity_check', then crawl into it (or move it in place of "
            f"{path})")


def check_integrity(path: str | os.PathLike[str]) -> None:
    """Raise ArchiveDamaged when the existing archive at path fails `PRAGMA quick_check`; a missing file, or one
    that is not an SQLite database at all, is left to the opening code to report.

    With no write-ahead log beside the file (no writer connected), the file is read as immutable, so no -wal or
    -shm file is created either; a problem found that way is checked again through the log, in case a writer
    started meanwhile."""
    target = Path(path)
    if not target.is_file():
        return
    quiet = not any(Path(f"{target}{suffix}").exists() for suffix in ("-wal", "-shm"))
    problems = _quick_check(target, immutable=quiet)
    if problems and quiet:
        problems = _quick_check(target, immutable=False)
    if problems:
        problems = [" ".join(problem.split()) for problem in problems]  # one line
        raise ArchiveDamaged(f"the archive {os.fspath(path)} is damaged (PRAGMA quick_check: "
                             f"{'; '.join(problems)[:300]}); {recover_advice(os.fspath(path))}")


def _has_sqlite_header(target: Path) -> bool:
    """Whether the file starts as every SQLite database does (then "not a database" means a damaged first page).
    Read only after SQLite refused the file, so no connection of this process holds a lock that closing this
    descriptor could drop."""
    try:
        with target.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _quick_check(target: Path, immutable: bool) -> list[str]:
    """The quick check's problems (empty when it says ok, or when the file cannot be read as a database)."""
    try:
        conn = sqlite3.connect(read_only_uri(target, immutable), uri=True, isolation_level=None)
    except sqlite3.Error:
        return []  # cannot even open it: the opening code says why
    try:
        problems = [row[0] for row in conn.execute(f"PRAGMA quick_check({_SHOWN_PROBLEMS})")]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc).lower() and not _has_sqlite_header(target):
            return []  # not an SQLite file at all: the opening code says so
        problems = [str(exc)]
    except sqlite3.Error:
        return []  # locked, unreadable ...: not evidence of damage; the opening code reports it
    finally:
        conn.close()
    return [] if problems == ["ok"] else problems
