"""The ``Archive``: opens (creating or migrating) an archive file and performs every write of a crawl.

Input is plain dicts; nothing here knows about Scrapy. ``save_article`` takes::

    {"url": str,                       # canonical first-page URL (required)
     "aliases": [{"url", "reason"}],   # reason: 'redirect' (default) | 'canonical' | 'variant'
     "site", "title", "published_at", "source", "author", "editor", "category", "body_text",
     "body_html", "lang", "encoding",  # stored as given (published_at is not converted to UTC)
     "page_count": int,                # default: number of distinct raw page numbers, else 1
     "extractor_version", "etag", "last_modified",
     "fetched_at": ISO 8601 str,       # normalised to UTC; default: now
     "images": [{"url", "alt", "caption"}],         # position = 1-based order unless given
     "attachments": [{"url", "text"}],              # file_type guessed from the URL or the link text
     "listings": [{"heading", "kind", "block", "position", "target_url", "title", "label", "teaser"}],
     "raw_pages": [{"url", "page_no", "status", "headers": {str: str}, "encoding", "body": bytes}]}

Missing optional keys are fine. All timestamps written by the archive are ISO 8601 UTC with a ``Z``
suffix and second precision (``2024-05-01T08:30:00Z``), so they sort as text. Every write method
commits before returning; failures raise ``ArchiveError`` after a full rollback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sqlite_utils import Database

from .errors import ArchiveError, write_error
from .grams import index_article, unindex_article
from .incremental import IncrementalState
from .schema import (
    ALIAS_REASONS,
    CONTENT_COLUMNS,
    CRAWL_COUNT_COLUMNS,
    CRAWL_STATUSES,
    LISTING_KINDS,
    PAGE_TYPES,
    SCHEMA_VERSION,
    TABLE_NAMES,
    ensure_schema,
    schema_version,
)

__all__ = ["Archive", "ArchiveError", "SaveResult", "content_hash", "utc_now", "to_utc_iso"]

def busy_timeout() -> float:
    """Seconds a write waits for a lock another program holds on the archive (ASSOC_BUSY_TIMEOUT, default 30),
    read when an archive is opened."""
    try:
        return max(0.0, float(os.environ.get("ASSOC_BUSY_TIMEOUT", "30")))
    except ValueError:
        return 30.0

ZLIB_LEVEL = 6

# Fields whose normalised values make up content_hash. Anything else (body_html, images, validators)
# can change without creating a new version.
HASH_FIELDS = ("title", "published_at", "source", "author", "editor", "category", "body_text")

# Extensions of dynamic download endpoints: they say nothing about the attachment's file type.
_SCRIPT_EXTENSIONS = frozenset({"jsp", "php", "asp", "aspx", "do", "action", "cgi", "htm", "html", "shtml"})
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})\s*$")
_WHITESPACE = re.compile(r"\s+")

_CONTENT_COLS = ", ".join(CONTENT_COLUMNS)
_CONTENT_PARAMS = ", ".join(f":{c}" for c in CONTENT_COLUMNS)

# --- SQL: prepared once by sqlite3's statement cache, no schema introspection on the hot path ---------

SQL_FIND_ARTICLE = "SELECT id, url, version, content_hash FROM articles WHERE url = ?"
SQL_INDEXED_TEXT = "SELECT title, body_text FROM articles WHERE id = ?"
SQL_FIND_ARTICLE_BY_ALIAS = (
    "SELECT a.id, a.url, a.version, a.content_hash FROM article_aliases AS al "
    "JOIN articles AS a ON a.id = al.article_id WHERE al.url = ?"
)
SQL_INSERT_ARTICLE = f"""
INSERT INTO articles (url, site, {_CONTENT_COLS}, content_hash, version, extractor_version, etag,
    last_modified, first_seen_at, last_seen_at, changed_at, last_checked_at, first_crawl_id, last_crawl_id)
VALUES (:url, :site, {_CONTENT_PARAMS}, :content_hash, 1, :extractor_version, :etag,
    :last_modified, :fetched_at, :fetched_at, :fetched_at, :checked_at, :crawl_id, :crawl_id)
"""
SQL_UPDATE_ARTICLE_UNCHANGED = """
UPDATE articles SET etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, last_modified),
    last_seen_at = max(last_seen_at, :fetched_at), last_crawl_id = :crawl_id,
    last_checked_at = coalesce(max(last_checked_at, :checked_at), last_checked_at, :checked_at),
    gone_at = CASE WHEN :checked_at IS NULL THEN gone_at END,
    gone_status = CASE WHEN :checked_at IS NULL THEN gone_status END
WHERE id = :id
"""
SQL_UPDATE_ARTICLE_CHANGED = (
    "UPDATE articles SET site = coalesce(site, :site), "
    + ", ".join(f"{c} = :{c}" for c in CONTENT_COLUMNS)
    + """, content_hash = :content_hash, version = :version, extractor_version = :extractor_version,
    etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, last_modified),
    last_seen_at = max(last_seen_at, :fetched_at), changed_at = :fetched_at, last_crawl_id = :crawl_id,
    last_checked_at = coalesce(max(last_checked_at, :checked_at), last_checked_at, :checked_at),
    gone_at = CASE WHEN :checked_at IS NULL THEN gone_at END,
    gone_status = CASE WHEN :checked_at IS NULL THEN gone_status END
WHERE id = :id"""
)
SQL_INSERT_VERSION = f"""
INSERT INTO article_versions (article_id, version, {_CONTENT_COLS}, content_hash, extractor_version,
    images_json, attachments_json, fetched_at, crawl_id)
VALUES (:id, :version, {_CONTENT_PARAMS}, :content_hash, :extractor_version,
    :images_json, :attachments_json, :fetched_at, :crawl_id)
"""
# Safety net before an article row is overwritten: copy its current content to article_versions unless
# that version is already there (it normally is, every version is written when it becomes current).
SQL_SNAPSHOT_CURRENT = f"""
INSERT OR IGNORE INTO article_versions (article_id, version, {_CONTENT_COLS}, content_hash,
    extractor_version, images_json, attachments_json, fetched_at, crawl_id)
SELECT id, version, {_CONTENT_COLS}, content_hash, extractor_version,
    (SELECT json_group_array(json_object('position', position, 'url', url, 'alt', alt, 'caption', caption))
     FROM (SELECT position, url, alt, caption FROM images WHERE article_id = :id ORDER BY position)),
    (SELECT json_group_array(json_object('position', position, 'url', url, 'text', text,
                                         'file_type', file_type))
     FROM (SELECT position, url, text, file_type FROM attachments WHERE article_id = :id ORDER BY position)),
    changed_at, last_crawl_id
FROM articles WHERE id = :id
"""
SQL_DELETE_IMAGES = "DELETE FROM images WHERE article_id = ?"
SQL_DELETE_ATTACHMENTS = "DELETE FROM attachments WHERE article_id = ?"
SQL_INSERT_IMAGE = "INSERT INTO images (article_id, position, url, alt, caption) VALUES (?, ?, ?, ?, ?)"
SQL_INSERT_ATTACHMENT = (
    "INSERT INTO attachments (article_id, position, url, text, file_type) VALUES (?, ?, ?, ?, ?)"
)
SQL_IS_ARTICLE_URL = "SELECT 1 FROM articles WHERE url = ?"
SQL_UPSERT_ALIAS = """
INSERT INTO article_aliases (url, article_id, reason, first_seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, reason = excluded.reason
"""
SQL_LATEST_RAW_SHA = "SELECT body_sha256 FROM raw_pages WHERE url = ? ORDER BY id DESC LIMIT 1"
# A page that is not (yet) an article keeps its latest response only, with no article; an article that a page
# turns out to be (a later crawl, or reextract with a better gate) claims it.
SQL_DROP_PAGE_RAW = "DELETE FROM raw_pages WHERE url = ? AND article_id IS NULL"
SQL_CLAIM_PAGE_RAW = "UPDATE raw_pages SET article_id = ? WHERE url = ? AND article_id IS NULL"
SQL_PAGES_WITH_RAW = """
SELECT p.url, p.site, p.page_type, r.page_no, r.status, r.headers_json, r.encoding, r.body, r.fetched_at
FROM pages AS p JOIN raw_pages AS r
    ON r.id = (SELECT max(id) FROM raw_pages WHERE url = p.url AND article_id IS NULL)
WHERE p.page_type IN ('list', 'other') AND (:site IS NULL OR p.site = :site)
ORDER BY p.url
"""
SQL_INSERT_RAW = """
INSERT INTO raw_pages (article_id, url, page_no, crawl_id, fetched_at, status, headers_json, encoding,
    body, body_sha256)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SQL_UPSERT_PAGE = """
INSERT INTO pages (url, site, page_type, article_id, first_seen_at, last_fetched_at, last_status,
    last_crawl_id, page_type_reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET site = coalesce(excluded.site, pages.site), page_type = excluded.page_type,
    page_type_reason = coalesce(excluded.page_type_reason, pages.page_type_reason),
    article_id = coalesce(excluded.article_id, pages.article_id), last_fetched_at = excluded.last_fetched_at,
    last_status = excluded.last_status, last_crawl_id = excluded.last_crawl_id
"""
SQL_FRONTIER_DONE = "DELETE FROM frontier WHERE url = ?"
SQL_DELETE_LISTINGS = "DELETE FROM listings WHERE crawl_id = ? AND page_url = ?"
SQL_INSERT_LISTING = """
INSERT INTO listings (crawl_id, page_url, article_id, block, heading, kind, position, target_url, title,
    label, teaser, seen_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SQL_INSERT_CRAWL = (
    "INSERT INTO crawls (target, site, started_at, status, settings_json) VALUES (?, ?, ?, 'running', ?)"
)
SQL_FINISH_CRAWL = (
    "UPDATE crawls SET finished_at = :finished_at, status = :status, "
    + ", ".join(f"{c} = :{c}" for c in CRAWL_COUNT_COLUMNS)
    + ", stats_json = coalesce(:stats_json, stats_json), alerts_json = coalesce(:alerts_json, alerts_json)"
    " WHERE id = :id"
)
SQL_INSERT_ERROR = (
    "INSERT INTO errors (crawl_id, url, status, error, message, occurred_at) VALUES (?, ?, ?, ?, ?, ?)"
)


# --- helpers ---------------------------------------------------------------------------------------------


def utc_now() -> str:
    """The current time as the archive writes timestamps: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_utc_iso(value: str | datetime | None) -> str | None:
    """Normalise an ISO 8601 string or datetime to the archive's UTC format; naive values count as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ArchiveError(f"not an ISO 8601 timestamp: {value!r}") from exc
    else:
        raise ArchiveError(f"expected an ISO 8601 timestamp, got {type(value).__name__}: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _normalise_text(value: Any) -> str:
    return "" if value is None else _WHITESPACE.sub(" ", str(value)).strip()


def content_hash(article: Mapping[str, Any]) -> str:
    """sha256 hex of the article's identity-relevant text: ``HASH_FIELDS``, whitespace runs collapsed.

    ``None`` and ``""`` hash alike; leading and trailing whitespace is ignored.
    """
    payload = {field: _normalise_text(article.get(field)) for field in HASH_FIELDS}
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def file_type_of(url: str | None, text: str | None = None) -> str | None:
    """Guess an attachment's file type (lower-case extension such as ``'pdf'``) from its URL or link text."""
    candidates: list[str] = []
    if url:
        parts = urlsplit(url)
        candidates += [unquote(parts.path), unquote(parts.query)]
    if text:
        candidates.append(text)
    for candidate in candidates:
        match = _EXTENSION.search(candidate)
        if match and match.group(1).lower() not in _SCRIPT_EXTENSIONS:
            return match.group(1).lower()
    return None


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def _header_text(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("latin-1")
    if isinstance(value, list | tuple):
        return ", ".join(_header_text(v) for v in value)
    return str(value)


def dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def query_dicts(conn: sqlite3.Connection, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> list[dict]:
    """Run a read query; its rows as dicts."""
    return dict_rows(conn.execute(sql, params))


def _describe_open_error(path: str, exc: sqlite3.Error) -> str:
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


@dataclass(frozen=True)
class SaveResult:
    """Outcome of ``Archive.save_article``: the article's id, ``'new' | 'changed' | 'unchanged'`` and the
    article's (current) version number."""

    article_id: int
    status: str
    version: int


# --- the archive -----------------------------------------------------------------------------------------


class Archive(IncrementalState):
    """An assoc-crawler archive file (SQLite, WAL mode, foreign keys on).

    The parent directory must exist; a missing file is created with the current schema, an older
    archive is migrated. ``readonly=True`` opens an existing, current archive without writing to it.
    Not thread-safe: use one ``Archive`` per thread (SQLite allows several per file).
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        self.readonly = readonly
        self._tally: dict[int, Counter[str]] = {}
        self._batch_limits: tuple[int, float] | None = None  # (max writes, max seconds) once batch() is called
        self._batch_writes = 0
        self._batch_started = 0.0
        self.busy_timeout = busy_timeout()
        conn = self._connect()
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header: not a database -> error here
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            db = Database(conn, execute_plugins=False)
            if readonly:
                version = schema_version(db)
                if version != SCHEMA_VERSION:
                    raise ArchiveError(self._readonly_version_message(version))
            else:
                db.enable_wal()
                conn.execute("PRAGMA synchronous = NORMAL")  # durable across crashes in WAL mode
                version = ensure_schema(db)
        except ArchiveError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise ArchiveError(_describe_open_error(self.path, exc)) from exc
        self.db: Database | None = db
        self.schema_version = version

    # -- opening and closing

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        if path == ":memory:":
            if self.readonly:
                raise ArchiveError("an in-memory archive cannot be opened read-only")
            return sqlite3.connect(path, isolation_level=None, timeout=self.busy_timeout)
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
            # SQLite checks the header itself (see __init__).
            if not os.access(target, os.R_OK):
                raise ArchiveError(f"cannot read the archive {path}: permission denied")
            if not self.readonly and not os.access(target, os.W_OK):
                raise ArchiveError(f"the archive {path} is not writable (open it read-only to query it)")
        elif self.readonly:
            raise ArchiveError(f"the archive {path} does not exist")
        elif not os.access(parent, os.W_OK | os.X_OK):
            raise ArchiveError(f"cannot create the archive {path}: the directory {parent} is not writable")
        try:
            if self.readonly:
                uri = "file:" + quote(str(target.absolute())) + "?mode=ro"
                reader = _wal_reader(target)
                if reader == "immutable":
                    uri += "&immutable=1"  # see on_read_only_media: no -shm file can be made for a WAL reader
                elif reader == "stuck":
                    raise ArchiveError(
                        f"cannot read the archive {path} where it is: its write-ahead log ({path}-wal) holds changes "
                        f"and SQLite cannot create {path}-shm in a folder you cannot write; copy {path} and "
                        f"{path}-wal to a writable folder and read the copy")
                return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=self.busy_timeout)
            return sqlite3.connect(path, isolation_level=None, timeout=self.busy_timeout)
        except sqlite3.Error as exc:
            raise ArchiveError(_describe_open_error(path, exc)) from exc

    def _readonly_version_message(self, version: int) -> str:
        if version == 0:
            return f"{self.path} is not an assoc-crawler archive (it has no archive schema)"
        if version < SCHEMA_VERSION:
            return (
                f"the archive {self.path} has schema version {version} and needs migrating to "
                f"{SCHEMA_VERSION}; open it once without readonly"
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

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.db is None else ("read-only" if self.readonly else "open")
        return f"<Archive {self.path!r} {state}>"

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
        """Commit the pending batch, if any."""
        conn = self.conn
        if self._batch_limits and conn.in_transaction:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise write_error(f"committing a batch of writes failed: {exc}", exc) from exc
        self._batch_writes = 0

    @contextmanager
    def _batched(self, conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
        assert self._batch_limits is not None
        max_writes, max_seconds = self._batch_limits
        try:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
                self._batch_started = time.monotonic()
                self._batch_writes = 0
            conn.execute("SAVEPOINT write")
        except sqlite3.Error as exc:
            raise write_error(f"{what}: cannot start a transaction: {exc}", exc) from exc
        try:
            yield conn
            conn.execute("RELEASE write")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK TO write")
                conn.execute("RELEASE write")
            except sqlite3.Error:  # SQLite already rolled the whole transaction back (disk full, I/O error ...)
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
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

    # -- crawls

    def start_crawl(self, target: str, site: str, settings: Mapping[str, Any] | None = None) -> int:
        """Record a crawl as ``'running'`` and return its id."""
        cursor = self._execute(
            f"starting a crawl of {target}",
            SQL_INSERT_CRAWL,
            (target, site, utc_now(), _to_json(dict(settings)) if settings is not None else None),
        )
        crawl_id = int(cursor.lastrowid or 0)
        self._tally[crawl_id] = Counter()
        return crawl_id

    def finish_crawl(
        self,
        crawl_id: int,
        status: str,
        counts: Mapping[str, int],
        stats: Mapping[str, Any] | None = None,
        alerts: list[dict[str, Any]] | None = None,
    ) -> None:
        """Close a crawl with a terminal ``status`` ('finished', 'failed', 'interrupted') and its counters.

        ``counts`` keys are the crawls count columns (requests, responses, pages_fetched, articles_new,
        articles_changed, articles_unchanged, errors). Missing ones are filled in: articles_* from this
        Archive's own tally of ``save_article`` results (new/changed from the versions the crawl wrote
        if the saves went through another Archive object; unchanged then stays NULL), errors from the
        errors table, pages_fetched from the pages rows this crawl touched last, requests/responses from
        Scrapy's ``downloader/request_count`` / ``downloader/response_count`` stats. ``alerts``: the drift
        alarms of the crawl (stored as JSON in ``alerts_json``).
        """
        if status not in CRAWL_STATUSES or status == "running":
            raise ArchiveError(f"a crawl finishes as 'finished', 'failed' or 'interrupted', not {status!r}")
        unknown = set(counts) - set(CRAWL_COUNT_COLUMNS)
        if unknown:
            raise ArchiveError(
                f"unknown crawl counters {sorted(unknown)}; expected some of {list(CRAWL_COUNT_COLUMNS)}"
            )
        conn = self._writable_conn()
        values: dict[str, Any] = {c: counts.get(c) for c in CRAWL_COUNT_COLUMNS}
        tally = self._tally.get(crawl_id)
        if tally is not None:
            for name in ("articles_new", "articles_changed", "articles_unchanged", "articles_not_modified",
                         "articles_gone"):
                if values[name] is None:
                    values[name] = tally[name]
        stats = dict(stats) if stats is not None else None
        if stats:
            if values["requests"] is None:
                values["requests"] = stats.get("downloader/request_count")
            if values["responses"] is None:
                values["responses"] = stats.get("downloader/response_count")
        try:
            if values["articles_new"] is None or values["articles_changed"] is None:
                # Saved through another Archive object: the versions this crawl wrote tell new from changed.
                new, changed = conn.execute(
                    "SELECT count(*) FILTER (WHERE version = 1), count(*) FILTER (WHERE version > 1) "
                    "FROM article_versions WHERE crawl_id = ?",
                    (crawl_id,),
                ).fetchone()
                values["articles_new"] = new if values["articles_new"] is None else values["articles_new"]
                if values["articles_changed"] is None:
                    values["articles_changed"] = changed
            if values["errors"] is None:
                values["errors"] = conn.execute(
                    "SELECT count(*) FROM errors WHERE crawl_id = ?", (crawl_id,)
                ).fetchone()[0]
            if values["pages_fetched"] is None:
                values["pages_fetched"] = conn.execute(
                    "SELECT count(*) FROM pages WHERE last_crawl_id = ?", (crawl_id,)
                ).fetchone()[0]
        except sqlite3.Error as exc:
            raise write_error(f"finishing crawl {crawl_id} failed: {exc}", exc) from exc
        params = {
            **values,
            "id": crawl_id,
            "status": status,
            "finished_at": utc_now(),
            "stats_json": _to_json(stats),
            "alerts_json": _to_json(alerts),
        }
        cursor = self._execute(f"finishing crawl {crawl_id}", SQL_FINISH_CRAWL, params)
        if cursor.rowcount == 0:
            raise ArchiveError(f"there is no crawl {crawl_id} in {self.path}")
        self._tally.pop(crawl_id, None)

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        """The crawls row for ``crawl_id`` as a dict, or None."""
        rows = dict_rows(self.conn.execute("SELECT * FROM crawls WHERE id = ?", (crawl_id,)))
        return rows[0] if rows else None

    # -- articles

    def save_article(self, crawl_id: int, article: Mapping[str, Any]) -> SaveResult:
        """Archive one extracted article (all its pages) in one transaction; dict format: module docstring.

        New url: insert version 1. Same ``content_hash`` as stored: only last_seen_at, last_crawl_id and
        the validators (etag, last_modified) change. Different hash: the version goes up by one, the new
        content replaces the row (every version, the current one included, is kept in
        article_versions) and images/attachments are replaced. A url that is a known alias saves to its
        article. Aliases, raw pages, the pages rows and the page's listings are written too.
        Raises ``ArchiveError`` (after rolling everything back) if anything fails.
        """
        url = article.get("url")
        if not isinstance(url, str) or not url:
            raise ArchiveError(f"an article needs a non-empty 'url', got {url!r}")
        what = f"saving article {url}"
        fetched_at = to_utc_iso(article.get("fetched_at")) or utc_now()
        site = article.get("site")
        images = [
            (pos, img.get("url"), img.get("alt"), img.get("caption"))
            for pos, img in self._positioned(article.get("images"))
        ]
        attachments = [
            (
                pos,
                att.get("url"),
                att.get("text"),
                att.get("file_type") or file_type_of(att.get("url"), att.get("text")),
            )
            for pos, att in self._positioned(article.get("attachments"))
        ]
        raw_pages = [
            self._prepare_raw_page(url, index, page)
            for index, page in enumerate(article.get("raw_pages") or [], 1)
        ]
        page_count = article.get("page_count") or len({page[1] for page in raw_pages}) or 1
        params: dict[str, Any] = {c: article.get(c) for c in CONTENT_COLUMNS}
        params.update(
            url=url,
            site=site,
            page_count=page_count,
            content_hash=content_hash(article),
            extractor_version=article.get("extractor_version"),
            etag=article.get("etag"),
            last_modified=article.get("last_modified"),
            fetched_at=fetched_at,
            checked_at=fetched_at if raw_pages else None,  # re-extraction fetches nothing, so checks nothing
            crawl_id=crawl_id,
            images_json=json.dumps(
                [{"position": p, "url": u, "alt": a, "caption": c} for p, u, a, c in images],
                ensure_ascii=False,
                separators=(",", ":"),
            ),
            attachments_json=json.dumps(
                [{"position": p, "url": u, "text": t, "file_type": f} for p, u, t, f in attachments],
                ensure_ascii=False,
                separators=(",", ":"),
            ),
        )
        aliases = self._prepare_aliases(article.get("aliases"))
        listings = self._prepare_listings(article.get("listings"))

        with self._transaction(what) as conn:
            row = conn.execute(SQL_FIND_ARTICLE, (url,)).fetchone()
            if row is None:
                row = conn.execute(SQL_FIND_ARTICLE_BY_ALIAS, (url,)).fetchone()
            if row is None:
                article_id = int(conn.execute(SQL_INSERT_ARTICLE, params).lastrowid or 0)
                canonical_url, version, status = url, 1, "new"
                params.update(id=article_id, version=1)
                conn.execute(SQL_INSERT_VERSION, params)
                index_article(conn, article_id, params["title"], params["body_text"])
                self._insert_media(conn, article_id, images, attachments)
            else:
                article_id, canonical_url, old_version, old_hash = row
                params["id"] = article_id
                if old_hash == params["content_hash"]:
                    version, status = old_version, "unchanged"
                    conn.execute(SQL_UPDATE_ARTICLE_UNCHANGED, params)
                else:
                    version, status = old_version + 1, "changed"
                    params["version"] = version
                    old_title, old_body = conn.execute(SQL_INDEXED_TEXT, (article_id,)).fetchone()
                    unindex_article(conn, article_id, old_title, old_body)
                    index_article(conn, article_id, params["title"], params["body_text"])
                    conn.execute(SQL_SNAPSHOT_CURRENT, {"id": article_id})
                    conn.execute(SQL_UPDATE_ARTICLE_CHANGED, params)
                    conn.execute(SQL_INSERT_VERSION, params)
                    conn.execute(SQL_DELETE_IMAGES, (article_id,))
                    conn.execute(SQL_DELETE_ATTACHMENTS, (article_id,))
                    self._insert_media(conn, article_id, images, attachments)

            for alias_url, reason in aliases:
                if alias_url == canonical_url or conn.execute(SQL_IS_ARTICLE_URL, (alias_url,)).fetchone():
                    continue  # a canonical url is never an alias (of itself or of another article)
                conn.execute(SQL_UPSERT_ALIAS, (alias_url, article_id, reason, fetched_at))

            # re-extraction passes no raw pages: nothing was fetched, so the frontier rows stay as they are
            page_status: dict[str, int | None] = {url: raw_pages[0][2]} if raw_pages else {}
            for page_url in {url, *(page[0] for page in raw_pages)}:
                conn.execute(SQL_CLAIM_PAGE_RAW, (article_id, page_url))
            for page in raw_pages:
                page_url, page_no, page_status_code, headers_json, encoding, body, sha = page
                page_status.setdefault(page_url, page_status_code)
                latest = conn.execute(SQL_LATEST_RAW_SHA, (page_url,)).fetchone()
                if latest is None or latest[0] != sha:
                    conn.execute(
                        SQL_INSERT_RAW,
                        (
                            article_id,
                            page_url,
                            page_no,
                            crawl_id,
                            fetched_at,
                            page_status_code,
                            headers_json,
                            encoding,
                            body,
                            sha,
                        ),
                    )
            for page_url, code in page_status.items():
                conn.execute(
                    SQL_UPSERT_PAGE,
                    (page_url, site, "article", article_id, fetched_at, fetched_at, code, crawl_id,
                     params["page_type_reason"]),
                )
            if raw_pages:  # answered: these URLs leave the frontier
                done = {url, *page_status, *(alias_url for alias_url, _ in aliases)}
                conn.executemany(SQL_FRONTIER_DONE, [(done_url,) for done_url in done])

            if listings is not None:
                self._insert_listings(conn, crawl_id, canonical_url, listings, article_id, fetched_at)

        self._tally.setdefault(crawl_id, Counter())[f"articles_{status}"] += 1
        return SaveResult(article_id=article_id, status=status, version=version)

    @staticmethod
    def _positioned(items: Iterable[Mapping[str, Any]] | None) -> list[tuple[int, Mapping[str, Any]]]:
        """(position, item) pairs: an item's own 'position' or its 1-based index."""
        return [(item.get("position") or index, item) for index, item in enumerate(items or [], 1)]

    @staticmethod
    def _insert_media(
        conn: sqlite3.Connection, article_id: int, images: list[tuple], attachments: list[tuple]
    ) -> None:
        if images:
            conn.executemany(SQL_INSERT_IMAGE, [(article_id, *image) for image in images])
        if attachments:
            conn.executemany(SQL_INSERT_ATTACHMENT, [(article_id, *att) for att in attachments])

    @staticmethod
    def _prepare_raw_page(article_url: str, index: int, page: Mapping[str, Any]) -> tuple:
        """Compress and hash one raw response (done before the transaction opens, to keep it short)."""
        body = page.get("body")
        if isinstance(body, memoryview | bytearray):
            body = bytes(body)
        if not isinstance(body, bytes):
            raise ArchiveError(
                f"raw page {index} of {article_url}: 'body' must be the response bytes, "
                f"got {type(body).__name__}"
            )
        headers = page.get("headers")
        headers_json = (
            json.dumps({str(k): _header_text(v) for k, v in headers.items()}, ensure_ascii=False)
            if headers
            else None
        )
        return (
            page.get("url") or article_url,
            page.get("page_no") or index,
            page.get("status"),
            headers_json,
            page.get("encoding"),
            zlib.compress(body, ZLIB_LEVEL),
            hashlib.sha256(body).hexdigest(),
        )

    @staticmethod
    def _prepare_aliases(aliases: Iterable[Mapping[str, Any]] | None) -> list[tuple[str, str]]:
        prepared = []
        for alias in aliases or []:
            alias_url = alias.get("url")
            reason = alias.get("reason") or "redirect"
            if not isinstance(alias_url, str) or not alias_url:
                raise ArchiveError(f"an alias needs a non-empty 'url', got {alias!r}")
            if reason not in ALIAS_REASONS:
                raise ArchiveError(f"alias reason must be one of {ALIAS_REASONS}, got {reason!r}")
            prepared.append((alias_url, reason))
        return prepared

    @staticmethod
    def _prepare_listings(listings: Iterable[Mapping[str, Any]] | None) -> list[Mapping[str, Any]] | None:
        if listings is None:
            return None
        prepared = list(listings)
        for item in prepared:
            kind = item.get("kind") or "other"
            if kind not in LISTING_KINDS:
                raise ArchiveError(f"listing kind must be one of {LISTING_KINDS}, got {kind!r}")
        return prepared

    @staticmethod
    def _insert_listings(
        conn: sqlite3.Connection,
        crawl_id: int,
        page_url: str,
        listings: list[Mapping[str, Any]],
        article_id: int | None,
        seen_at: str,
    ) -> int:
        """Replace this crawl's listings of ``page_url`` (latest observation in a crawl wins)."""
        conn.execute(SQL_DELETE_LISTINGS, (crawl_id, page_url))
        rows = [
            (
                crawl_id,
                page_url,
                article_id,
                item.get("block"),
                item.get("heading"),
                item.get("kind") or "other",
                item.get("position"),
                item.get("target_url"),
                item.get("title"),
                item.get("label"),
                item.get("teaser"),
                seen_at,
            )
            for item in listings
        ]
        conn.executemany(SQL_INSERT_LISTING, rows)
        return len(rows)

    def save_listings(
        self,
        crawl_id: int,
        page_url: str,
        listings: list[dict[str, Any]],
        article_id: int | None = None,
    ) -> int:
        """Store the link blocks seen on ``page_url`` in this crawl; return the number of rows written.

        Each call replaces what this crawl stored for the page before (no duplicates within a crawl);
        other crawls' observations are kept. ``article_id`` defaults to the article ``page_url`` is (or
        is an alias of), if any.
        """
        prepared = self._prepare_listings(listings) or []
        with self._transaction(f"saving the listings of {page_url}") as conn:
            if article_id is None:
                row = (
                    conn.execute(SQL_FIND_ARTICLE, (page_url,)).fetchone()
                    or conn.execute(SQL_FIND_ARTICLE_BY_ALIAS, (page_url,)).fetchone()
                )
                article_id = row[0] if row else None
            return self._insert_listings(conn, crawl_id, page_url, prepared, article_id, utc_now())

    # -- pages and errors

    def record_page(
        self,
        crawl_id: int,
        url: str,
        site: str,
        page_type: str,
        status: int | None,
        article_id: int | None = None,
        reason: str | None = None,
        raw: Mapping[str, Any] | None = None,
    ) -> None:
        """Upsert the crawl-frontier row of ``url`` (page_type: 'article', 'list', 'other', 'error'; reason: why
        extraction gave it that type, so a researcher can see what the gate left out). ``raw`` (the response, in
        the shape of an article's raw page) is kept, latest only, so that ``reextract`` can re-decide the page."""
        if page_type not in PAGE_TYPES:
            raise ArchiveError(f"page_type must be one of {PAGE_TYPES}, got {page_type!r}")
        now = utc_now()
        row = (url, site, page_type, article_id, now, now, status, crawl_id, reason)
        if raw is None:
            self._execute(f"recording page {url}", SQL_UPSERT_PAGE, row)
            return
        page_url, page_no, raw_status, headers_json, encoding, body, sha = self._prepare_raw_page(url, 1, raw)
        with self._transaction(f"recording page {url}") as conn:
            conn.execute(SQL_UPSERT_PAGE, row)
            latest = conn.execute(SQL_LATEST_RAW_SHA, (page_url,)).fetchone()
            if latest is None or latest[0] != sha:
                conn.execute(SQL_DROP_PAGE_RAW, (page_url,))
                conn.execute(SQL_INSERT_RAW, (None, page_url, page_no, crawl_id, now, raw_status, headers_json,
                                              encoding, body, sha))

    def pages_with_raw(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every page kept out of the articles (list, other) with its stored response: {url, site, page_type,
        raw: {url, page_no, status, headers, encoding, body (bytes), fetched_at}}. Streams, one at a time."""
        for url, page_site, page_type, page_no, status, headers, encoding, body, fetched_at in self.conn.execute(
                SQL_PAGES_WITH_RAW, {"site": site}):
            yield {"url": url, "site": page_site, "page_type": page_type,
                   "raw": {"url": url, "page_no": page_no, "status": status, "headers": json.loads(headers or "{}"),
                           "encoding": encoding, "body": zlib.decompress(body), "fetched_at": fetched_at}}

    def articles_with_raw_pages(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every article (of one site, or all) with the latest stored raw response of each of its pages.

        Yields the article row as a dict plus ``raw_pages``: [{url, page_no, status, headers, encoding, body
        (decompressed bytes), fetched_at}] in page order. Streams: one article in memory at a time.
        """
        sql = "SELECT * FROM articles" + (" WHERE site = ?" if site else "") + " ORDER BY id"
        cursor = self.conn.execute(sql, (site,) if site else ())
        columns = [d[0] for d in cursor.description]
        for values in cursor:
            article = dict(zip(columns, values, strict=True))
            pages = self.conn.execute(
                "SELECT url, page_no, status, headers_json, encoding, body, fetched_at FROM raw_pages "
                "WHERE id IN (SELECT max(id) FROM raw_pages WHERE article_id = ? GROUP BY page_no) ORDER BY page_no",
                (article["id"],),
            ).fetchall()
            article["raw_pages"] = [
                {"url": url, "page_no": page_no, "status": status, "headers": json.loads(headers or "{}"),
                 "encoding": encoding, "body": zlib.decompress(body), "fetched_at": fetched_at}
                for url, page_no, status, headers, encoding, body, fetched_at in pages
            ]
            yield article

    def record_alias(self, alias_url: str, article_url: str, reason: str = "redirect") -> bool:
        """Point alias_url at the article stored under article_url; False when there is no such article."""
        if reason not in ALIAS_REASONS:
            raise ArchiveError(f"alias reason must be one of {ALIAS_REASONS}, got {reason!r}")
        if alias_url == article_url:
            return False
        with self._transaction(f"recording alias {alias_url}") as conn:
            row = conn.execute(SQL_FIND_ARTICLE, (article_url,)).fetchone() or conn.execute(
                SQL_FIND_ARTICLE_BY_ALIAS, (article_url,)).fetchone()
            if row is None or conn.execute(SQL_IS_ARTICLE_URL, (alias_url,)).fetchone():
                return False
            conn.execute(SQL_UPSERT_ALIAS, (alias_url, row[0], reason, utc_now()))
        return True

    def record_error(
        self, crawl_id: int, url: str, error: str, message: str = "", status: int | None = None
    ) -> None:
        """Log a failed fetch or extraction; ``error`` is a short kind such as 'http_404' or 'timeout'."""
        if not error:
            raise ArchiveError("record_error needs a short error kind such as 'http_404' or 'timeout'")
        self._execute(
            f"recording an error for {url}",
            SQL_INSERT_ERROR,
            (crawl_id, url, status, error, message, utc_now()),
        )

    # -- reads

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        """The article stored under ``url`` (its canonical url or an alias), or None.

        The articles row as a dict, plus ``images``, ``attachments`` (lists of dicts in position order)
        and ``aliases`` (list of {url, reason, first_seen_at}).
        """
        conn = self.conn
        rows = dict_rows(conn.execute("SELECT * FROM articles WHERE url = ?", (url,)))
        if not rows:
            rows = dict_rows(
                conn.execute(
                    "SELECT a.* FROM article_aliases AS al JOIN articles AS a ON a.id = al.article_id "
                    "WHERE al.url = ?",
                    (url,),
                )
            )
        if not rows:
            return None
        found = rows[0]
        article_id = found["id"]
        found["images"] = dict_rows(
            conn.execute(
                "SELECT position, url, alt, caption FROM images WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        )
        found["attachments"] = dict_rows(
            conn.execute(
                "SELECT position, url, text, file_type FROM attachments WHERE article_id = ? "
                "ORDER BY position",
                (article_id,),
            )
        )
        found["aliases"] = dict_rows(
            conn.execute(
                "SELECT url, reason, first_seen_at FROM article_aliases WHERE article_id = ? ORDER BY url",
                (article_id,),
            )
        )
        return found

    def counts(self) -> dict[str, int]:
        """Number of rows in every archive table."""
        conn = self.conn
        return {name: int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in TABLE_NAMES}
