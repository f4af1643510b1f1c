"""Opening and closing an archive file, and the transactions every write runs in.

``ArchiveConnection`` opens the file (WAL mode, foreign keys on, the busy timeout of ASSOC_BUSY_TIMEOUT), creates
or migrates its schema, and gives the writing mixins of ``Archive`` one transaction per write (``_transaction``,
``_execute``) or, after ``batch()``, one savepoint per write inside a longer transaction.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from sqlite_utils import Database

from .errors import ArchiveError, write_error
from .fulltext import IndexRow, index_new_articles
from .migrations import ensure_schema, schema_version
from .schema import SCHEMA_VERSION


def busy_timeout() -> float:
    """Seconds a write waits for a lock another program holds on the archive (ASSOC_BUSY_TIMEOUT, default 30),
    read when an archive is opened."""
    try:
        return max(0.0, float(os.environ.get("ASSOC_BUSY_TIMEOUT", "30")))
    except ValueError:
        return 30.0


def describe_open_error(path: str, exc: sqlite3.Error) -> str:
    """A message for humans about why SQLite could not open ``path``."""
    text = str(exc)
    lowered = text.lower()
    if "not a database" in lowered:
        return f"{path} is not an SQLite database, so it cannot be an archive (or it is encrypted or damaged): {text}"
    if "malformed" in lowered or "corrupt" in lowered:
        return f"the archive {path} is corrupt: {text}"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the archive {path} is not writable: {text}"
    if "locked" in lowered or "busy" in lowered:
        return f"the archive {path} is locked by another process: {text}"
    return f"cannot open the archive {path}: {text}"


def on_read_only_media(target: str | os.PathLike[str]) -> bool:
    """Whether the archive can only be read as it stands: no writer is connected to it (no -wal or -shm file
    beside it) and none can be: its file system is mounted read-only, or this user cannot write its folder, so
    SQLite cannot create the shared-memory file its write-ahead log needs. Then it is opened immutable."""
    return _wal_reader(target) == "immutable"


def _wal_reader(target: str | os.PathLike[str]) -> str:
    """How a read-only connection can read the archive: 'normal' where the -shm file a WAL reader needs exists or
    can be created; else 'immutable' when no writer is connected (no -wal or -shm file), 'stuck' when a -wal
    holds changes that cannot be read without a -shm file."""
    real = Path(os.path.realpath(target))  # SQLite keeps the -wal beside the file a symlink points at
    try:
        if os.access(real.parent, os.W_OK) and not os.statvfs(real.parent).f_flag & os.ST_RDONLY:
            return "normal"
        if Path(f"{real}-shm").exists():
            return "normal"  # read through the existing shared-memory file
        return "stuck" if Path(f"{real}-wal").exists() else "immutable"
    except OSError:
        return "normal"


def _check_path(path: str, readonly: bool) -> Path:
    """The archive's path, once it is known to be usable as asked (raises ArchiveError otherwise)."""
    target = Path(path)
    if target.is_dir():
        raise ArchiveError(f"{path} is a directory; the archive must be a file path such as archive.db")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise ArchiveError(f"cannot create the archive {path}: the directory {parent} does not exist")
    if target.exists():
        if not target.is_file():
            raise ArchiveError(f"{path} is not a regular file")
        # The file is not opened here to read its header: closing any descriptor of a database file drops
        # every POSIX lock this process holds on it, so another Archive open in this process (a crawl's
        # writer) would lose its locks and another process could checkpoint and delete the WAL under it.
        # SQLite checks the header itself (see ArchiveConnection.__init__).
        if not os.access(target, os.R_OK):
            raise ArchiveError(f"cannot read the archive {path}: permission denied")
        if not readonly and not os.access(target, os.W_OK):
            raise ArchiveError(f"the archive {path} is not writable (open it read-only to query it)")
    elif readonly:
        raise ArchiveError(f"the archive {path} does not exist")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise ArchiveError(f"cannot create the archive {path}: the directory {parent} is not writable")
    return target


def read_only_uri(target: Path, immutable: bool = False) -> str:
    """The SQLite URI that opens the file ``target`` read-only (``immutable``: as it stands, without its WAL)."""
    return "file:" + quote(str(target.absolute())) + "?mode=ro" + ("&immutable=1" if immutable else "")


def _read_only_uri(path: str, target: Path) -> str:
    """The URI that opens ``target`` read-only (immutable where no WAL reader is possible)."""
    reader = _wal_reader(target)
    uri = read_only_uri(target, immutable=reader == "immutable")  # see on_read_only_media: no -shm can be made
    if reader == "stuck":
        raise ArchiveError(
            f"cannot read the archive {path} where it is: its write-ahead log ({path}-wal) holds changes "
            f"and SQLite cannot create {path}-shm in a folder you cannot write; copy {path} and "
            f"{path}-wal to a writable folder and read the copy")
    return uri


def stored_schema_version(path: str | os.PathLike[str]) -> int:
    """The schema version of the archive file at path, read without writing to it (0: no archive schema)."""
    target = _check_path(os.fspath(path), readonly=True)
    try:
        conn = sqlite3.connect(_read_only_uri(os.fspath(path), target), uri=True, isolation_level=None)
        try:
            return schema_version(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ArchiveError(describe_open_error(os.fspath(path), exc)) from exc


class ArchiveConnection:
    """An open archive file (SQLite, WAL mode, foreign keys on) and its write transactions.

    The parent directory must exist; a missing file is created with the current schema, an older
    archive is migrated. ``readonly=True`` opens an existing, current archive without writing to it.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        self.readonly = readonly
        self._batch_limits: tuple[int, float] | None = None  # (max writes, max seconds) once batch() is called
        self._batch_writes = 0
        self._batch_started = 0.0
        self._unindexed: dict[int, IndexRow] = {}  # new articles of the open batch, indexed when it commits
        self.busy_timeout = busy_timeout()
        conn = self._connect()
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header: not a database -> error here
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            db = Database(conn, execute_plugins=False)
            version = self._open_schema(db)
        except ArchiveError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise ArchiveError(describe_open_error(self.path, exc)) from exc
        self.db: Database | None = db
        self.schema_version = version

    def _open_schema(self, db: Database) -> int:
        """Check (read-only) or create/migrate (writable) the schema; return its version."""
        if self.readonly:
            version = schema_version(db.conn)
            if version != SCHEMA_VERSION:
                raise ArchiveError(self._readonly_version_message(version))
            return version
        db.enable_wal()
        db.conn.execute("PRAGMA synchronous = NORMAL")  # durable across crashes in WAL mode
        return ensure_schema(db.conn)

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        if path == ":memory:":
            if self.readonly:
                raise ArchiveError("an in-memory archive cannot be opened read-only")
            return sqlite3.connect(path, isolation_level=None, timeout=self.busy_timeout)
        target = _check_path(path, self.readonly)
        try:
            if self.readonly:
                uri = _read_only_uri(path, target)
                return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=self.busy_timeout)
            return sqlite3.connect(path, isolation_level=None, timeout=self.busy_timeout)
        except sqlite3.Error as exc:
            raise ArchiveError(describe_open_error(path, exc)) from exc

    def _readonly_version_message(self, version: int) -> str:
        if version == 0:
            return f"{self.path} is not an assoc-crawler archive (it has no archive schema)"
        if version < SCHEMA_VERSION:
            return (
                f"the archive {self.path} was written by an older assoc-crawler (schema version {version}, this "
                f"one reads {SCHEMA_VERSION}); reading commands never change an archive: upgrade it with "
                f"`assoc-crawler migrate --db {self.path}` (a crawl into it upgrades it too), then run this again"
            )
        return (
            f"the archive {self.path} has schema version {version}, newer than this assoc-crawler "
            f"supports ({SCHEMA_VERSION}); upgrade assoc-crawler"
        )

    def close(self) -> None:
        """Close the archive (idempotent). A pending batch is committed first (each of its writes completed); if
        that commit fails (disk full ...), the connection is closed all the same and the ArchiveError raised."""
        if self.db is None:
            return
        failed: ArchiveError | None = None
        try:
            self.flush()
        except ArchiveError as exc:
            failed = exc
        conn = self.db.conn
        self.db = None
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if not self.readonly:
                conn.execute("PRAGMA optimize")
                # copy the WAL into the main file, so that a copy of archive.db alone holds everything; without
                # waiting: beside a reader or another writer this gives up, and the last connection to close
                # checkpoints anyway
                conn.execute("PRAGMA busy_timeout = 0")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        finally:
            conn.close()
        if failed is not None:
            raise failed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.db is None else ("read-only" if self.readonly else "open")
        return f"<{type(self).__name__} {self.path!r} {state}>"

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying connection (raises ``ArchiveError`` once closed)."""
        if self.db is None:
            raise ArchiveError(f"the archive {self.path} is closed")
        return self.db.conn

    def _writable_conn(self) -> sqlite3.Connection:
        conn = self.conn
        if self.readonly:
            raise ArchiveError(f"the archive {self.path} is open read-only")
        return conn

    # -- transactions

    def batch(self, max_writes: int = 200, max_seconds: float = 1.0) -> None:
        """From now on, group writes into transactions of up to ``max_writes`` writes or ``max_seconds``.

        Each write still succeeds or fails as a whole (a savepoint), and a failed one leaves the others in the
        batch alone; a crash loses at most the uncommitted batch, which a crawl's frontier (kept in the same
        transactions) fetches again. ``flush()`` commits; ``close()`` flushes. ``max_writes`` 0 commits and
        goes back to one transaction per write.
        """
        if max_writes <= 0:
            self.flush()
            self._batch_limits = None
            return
        self._batch_limits = (max_writes, max_seconds)

    def flush(self) -> None:
        """Index the batch's new articles and commit the batch, if any."""
        conn = self.conn
        if self._batch_limits and conn.in_transaction:
            try:
                self._index_batch(conn)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise write_error(f"committing a batch of writes failed: {exc}", exc) from exc
            finally:
                if not conn.in_transaction:  # committed, or rolled back by SQLite: nothing left to index
                    self._unindexed.clear()
        self._batch_writes = 0

    def _index_batch(self, conn: sqlite3.Connection) -> None:
        """Index the batch's new articles in a savepoint of their own: if it fails, no entry of it stays and they
        stay queued (a later flush writes them once, not twice)."""
        if not self._unindexed:
            return
        conn.execute("SAVEPOINT index_batch")
        try:
            self._write_unindexed(conn)
            conn.execute("RELEASE index_batch")
        except sqlite3.Error:
            self._roll_back_savepoint(conn, "index_batch")
            raise

    def _index_new_article(self, conn: sqlite3.Connection, row: IndexRow) -> None:
        """Put a new article (rowid, title, body_text) into the full-text indexes: at once outside a batch, else
        when the batch commits (FTS5 writes its pending terms out at every savepoint: one segment per write would
        triple the work)."""
        if self._batch_limits and conn.in_transaction:
            self._unindexed[row[0]] = row
        else:
            index_new_articles(conn, [row])

    def _write_unindexed(self, conn: sqlite3.Connection, article_id: int | None = None) -> None:
        """Index the batch's new articles now: all of them, or none unless ``article_id`` is among them (before an
        indexed article's text changes or it is deleted, its index entries must be there)."""
        if self._unindexed and (article_id is None or article_id in self._unindexed):
            index_new_articles(conn, self._unindexed.values())
            self._unindexed.clear()

    def _begin_savepoint(self, conn: sqlite3.Connection, what: str) -> None:
        """Open the batch's transaction if none is open, then this write's savepoint."""
        try:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
                self._batch_started = time.monotonic()
                self._batch_writes = 0
            conn.execute("SAVEPOINT write")
        except sqlite3.Error as exc:
            raise write_error(f"{what}: cannot start a transaction: {exc}", exc) from exc

    @staticmethod
    def _roll_back_savepoint(conn: sqlite3.Connection, name: str = "write") -> None:
        """Undo this write only; if SQLite already rolled the whole transaction back, make sure it is over."""
        try:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        except sqlite3.Error:  # SQLite already rolled the whole transaction back (disk full, I/O error ...)
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")

    @contextmanager
    def _batched(self, conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
        assert self._batch_limits is not None
        max_writes, max_seconds = self._batch_limits
        self._begin_savepoint(conn, what)
        unindexed = dict(self._unindexed)
        try:
            yield conn
            conn.execute("RELEASE write")
        except BaseException as exc:
            self._roll_back_savepoint(conn)
            self._unindexed = unindexed if conn.in_transaction else {}  # as before the write
            if isinstance(exc, sqlite3.Error):
                raise write_error(f"{what} failed, nothing of it was saved: {exc}", exc) from exc
            raise
        self._batch_writes += 1
        if self._batch_writes >= max_writes or time.monotonic() - self._batch_started >= max_seconds:
            self.flush()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` .. ``COMMIT``; any failure rolls everything back (in batch mode: one
        savepoint inside the batch's transaction).

        ``sqlite3`` errors come out as ``ArchiveError`` naming ``what``.
        """
        conn = self._writable_conn()
        if self._batch_limits:
            with self._batched(conn, what) as batched:
                yield batched
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise write_error(f"{what}: cannot start a transaction: {exc}", exc) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise write_error(f"{what} failed, nothing was saved: {exc}", exc) from exc
            raise

    def _execute(self, what: str, sql: str, params: Iterable[Any] | Mapping[str, Any]) -> sqlite3.Cursor:
        """Run one write statement: autocommitted, or part of the current batch."""
        conn = self._writable_conn()
        if self._batch_limits:
            with self._batched(conn, what):
                try:
                    return conn.execute(sql, params)
                except sqlite3.Error as exc:
                    raise write_error(f"{what} failed: {exc}", exc) from exc
        try:
            return conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise write_error(f"{what} failed: {exc}", exc) from exc
