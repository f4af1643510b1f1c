"""Table definitions of the archive and ``ensure_schema``, which creates or migrates them.

The schema version lives in ``PRAGMA user_version``: 0 means "no archive schema yet", ``SCHEMA_VERSION``
is what this code writes and reads. A migration from version N to N+1 is a function registered in
``MIGRATIONS[N]``; ``ensure_schema`` runs the missing ones in order, inside one transaction.

History model: ``article_versions`` holds EVERY version of an article, the current one included
(version 1 is written at first insert, version N+1 when the content hash changes). ``articles`` is the
"current state" table; joining it to ``article_versions`` on (id, version) gives the current snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from .errors import ArchiveError

SCHEMA_VERSION = 6

CRAWL_STATUSES = ("running", "finished", "failed", "interrupted")
CRAWL_COUNT_COLUMNS = (
    "requests",
    "responses",
    "pages_fetched",
    "articles_new",
    "articles_changed",
    "articles_unchanged",
    "articles_not_modified",  # rechecks answered 304 Not Modified
    "articles_gone",  # known articles answered 404/410 on a recheck (withdrawn)
    "errors",
)
ALIAS_REASONS = ("redirect", "canonical", "variant")
LISTING_KINDS = ("recommended", "hot", "related", "other")
PAGE_TYPES = ("article", "list", "other", "error")

# The article columns that make up one version of its content (snapshotted in article_versions).
# The first seven plus body_text, normalised, feed content_hash (see store.content_hash).
CONTENT_COLUMNS = (
    "title",
    "published_at",
    "source",
    "author",
    "editor",
    "category",
    "body_text",
    "body_html",
    "lang",
    "encoding",
    "page_count",
    "field_methods",  # JSON object: how extraction found each field (meta tag, label, content scoring ...)
    "page_type_reason",  # why extraction called the page an article (title-date-body, or a doubtful short-notice ...)
)

# (table name, columns in order, Table.create keyword arguments). Order matters: parents first.
TABLES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "crawls",
        {
            "id": int,
            "target": str,
            "site": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            **{name: int for name in CRAWL_COUNT_COLUMNS},
            "stats_json": str,
            "settings_json": str,
            "alerts_json": str,  # JSON list of drift alarms raised by this crawl (null or [] when healthy)
        },
        {
            "pk": "id",
            "not_null": ["target", "site", "started_at", "status"],
            "defaults": {"status": "running"},
        },
    ),
    (
        "articles",
        {
            "id": int,
            "url": str,
            "site": str,
            "title": str,
            "published_at": str,
            "source": str,
            "author": str,
            "editor": str,
            "category": str,
            "body_text": str,
            "body_html": str,
            "lang": str,
            "encoding": str,
            "page_count": int,
            "field_methods": str,
            "page_type_reason": str,
            "content_hash": str,
            "version": int,
            "extractor_version": str,
            "etag": str,
            "last_modified": str,
            "first_seen_at": str,
            "last_seen_at": str,
            "changed_at": str,
            "last_checked_at": str,  # last fetch that confirmed the article (200 or 304)
            "gone_at": str,  # when a recheck found it withdrawn (404/410); null while it is online
            "gone_status": int,
            "first_crawl_id": int,
            "last_crawl_id": int,
        },
        {
            "pk": "id",
            "foreign_keys": [("first_crawl_id", "crawls", "id"), ("last_crawl_id", "crawls", "id")],
            "not_null": ["url", "content_hash", "version", "first_seen_at", "last_seen_at", "changed_at"],
            "defaults": {"version": 1, "page_count": 1},
        },
    ),
    (
        "article_versions",
        {
            "id": int,
            "article_id": int,
            "version": int,
            **{name: (int if name == "page_count" else str) for name in CONTENT_COLUMNS},
            "content_hash": str,
            "extractor_version": str,
            "images_json": str,
            "attachments_json": str,
            "fetched_at": str,
            "crawl_id": int,
        },
        {
            "pk": "id",
            "foreign_keys": [("article_id", "articles", "id"), ("crawl_id", "crawls", "id")],
            "not_null": ["article_id", "version", "content_hash", "fetched_at"],
        },
    ),
    (
        "article_aliases",
        {"url": str, "article_id": int, "reason": str, "first_seen_at": str},
        {
            "pk": "url",
            "foreign_keys": [("article_id", "articles", "id")],
            "not_null": ["url", "article_id", "reason", "first_seen_at"],
        },
    ),
    (
        "listings",
        {
            "id": int,
            "crawl_id": int,
            "page_url": str,
            "article_id": int,
            "block": int,
            "heading": str,
            "kind": str,
            "position": int,
            "target_url": str,
            "title": str,
            "label": str,
            "teaser": str,
            "seen_at": str,
        },
        {
            "pk": "id",
            "foreign_keys": [("crawl_id", "crawls", "id"), ("article_id", "articles", "id")],
            "not_null": ["crawl_id", "page_url", "block", "kind", "position", "seen_at"],
            "defaults": {"kind": "other"},
        },
    ),
    (
        "images",
        {"id": int, "article_id": int, "position": int, "url": str, "alt": str, "caption": str},
        {
            "pk": "id",
            "foreign_keys": [("article_id", "articles", "id")],
            "not_null": ["article_id", "position", "url"],
        },
    ),
    (
        "attachments",
        {"id": int, "article_id": int, "position": int, "url": str, "text": str, "file_type": str},
        {
            "pk": "id",
            "foreign_keys": [("article_id", "articles", "id")],
            "not_null": ["article_id", "position", "url"],
        },
    ),
    (
        "raw_pages",
        {
            "id": int,
            "article_id": int,
            "url": str,
            "page_no": int,
            "crawl_id": int,
            "fetched_at": str,
            "status": int,
            "headers_json": str,
            "encoding": str,
            "body": bytes,
            "body_sha256": str,
        },
        {
            "pk": "id",
            "foreign_keys": [("article_id", "articles", "id"), ("crawl_id", "crawls", "id")],
            "not_null": ["url", "page_no", "fetched_at", "body", "body_sha256"],
            "defaults": {"page_no": 1},
        },
    ),
    (
        "pages",
        {
            "url": str,
            "site": str,
            "page_type": str,
            "page_type_reason": str,
            "article_id": int,
            "first_seen_at": str,
            "last_fetched_at": str,
            "last_status": int,
            "last_crawl_id": int,
        },
        {
            "pk": "url",
            "foreign_keys": [("article_id", "articles", "id"), ("last_crawl_id", "crawls", "id")],
            "not_null": ["url", "page_type", "first_seen_at", "last_fetched_at"],
        },
    ),
    (
        "frontier",
        {"url": str, "site": str, "crawl_id": int, "discovered_at": str, "attempts": int},
        {
            "pk": "url",
            "foreign_keys": [("crawl_id", "crawls", "id")],
            "not_null": ["url", "discovered_at", "attempts"],
            "defaults": {"attempts": 0},
        },
    ),
    (
        "errors",
        {
            "id": int,
            "crawl_id": int,
            "url": str,
            "status": int,
            "error": str,
            "message": str,
            "occurred_at": str,
        },
        {
            "pk": "id",
            "foreign_keys": [("crawl_id", "crawls", "id")],
            "not_null": ["url", "error", "occurred_at"],
        },
    ),
]

TABLE_NAMES: tuple[str, ...] = tuple(name for name, _, _ in TABLES)

# Full-text search: an FTS5 index of article titles and bodies with the trigram tokenizer (a Chinese text has
# no spaces, so unicode61 would index a whole sentence as one token; trigrams find any substring of 3+
# characters). Named and shaped as sqlite-utils' `enable_fts(..., create_triggers=True)` makes it, so
# sqlite-utils and Datasette recognise it; the update trigger fires only when the indexed columns change (a
# recheck that only touches last_seen_at does not re-index the body).
FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("title", "body_text")
_FTS_COLS = ", ".join(f'"{c}"' for c in FTS_COLUMNS)
_FTS_NEW = ", ".join(f'new."{c}"' for c in FTS_COLUMNS)
_FTS_OLD = ", ".join(f'old."{c}"' for c in FTS_COLUMNS)
FTS_SQL: tuple[str, ...] = (
    f"""CREATE VIRTUAL TABLE "{FTS_TABLE}" USING FTS5 (
    {_FTS_COLS},
    tokenize='trigram',
    content="articles"
)""",
    f'INSERT INTO "{FTS_TABLE}" (rowid, {_FTS_COLS}) SELECT rowid, {_FTS_COLS} FROM "articles"',
    # rank = bm25 with a title match weighing ten times a body match (used by ORDER BY rank, and by Datasette)
    f"""INSERT INTO "{FTS_TABLE}" ("{FTS_TABLE}", rank) VALUES ('rank', 'bm25(10.0, 1.0)')""",
    f"""CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN
  INSERT INTO "{FTS_TABLE}" (rowid, {_FTS_COLS}) VALUES (new.rowid, {_FTS_NEW});
END""",
    f"""CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN
  INSERT INTO "{FTS_TABLE}" ("{FTS_TABLE}", rowid, {_FTS_COLS}) VALUES('delete', old.rowid, {_FTS_OLD});
END""",
    f"""CREATE TRIGGER "articles_au" AFTER UPDATE OF {_FTS_COLS} ON "articles" BEGIN
  INSERT INTO "{FTS_TABLE}" ("{FTS_TABLE}", rowid, {_FTS_COLS}) VALUES('delete', old.rowid, {_FTS_OLD});
  INSERT INTO "{FTS_TABLE}" (rowid, {_FTS_COLS}) VALUES (new.rowid, {_FTS_NEW});
END""",
)

# (table, columns, unique). Index names follow sqlite-utils: idx_<table>_<columns>.
INDEXES: list[tuple[str, list[str], bool]] = [
    ("crawls", ["site"], False),
    ("crawls", ["target"], False),
    ("articles", ["url"], True),
    ("articles", ["site", "published_at"], False),
    ("articles", ["published_at"], False),
    ("articles", ["content_hash"], False),
    ("articles", ["last_crawl_id"], False),
    ("article_versions", ["article_id", "version"], True),
    ("article_versions", ["crawl_id"], False),
    ("article_aliases", ["article_id"], False),
    ("listings", ["crawl_id", "page_url", "block", "position"], True),
    ("listings", ["page_url"], False),
    ("listings", ["target_url"], False),
    ("listings", ["article_id"], False),
    ("images", ["article_id", "position"], True),
    ("attachments", ["article_id", "position"], True),
    ("raw_pages", ["url"], False),
    ("raw_pages", ["article_id", "page_no"], False),
    ("raw_pages", ["crawl_id"], False),
    ("pages", ["site", "page_type"], False),
    ("pages", ["article_id"], False),
    ("frontier", ["site"], False),
    ("articles", ["site", "last_checked_at"], False),
    ("errors", ["crawl_id"], False),
    ("errors", ["url"], False),
]

# MIGRATIONS[n] upgrades a version-n archive to version n+1.
def _add_field_methods(db: Database) -> None:
    """1 -> 2: articles and article_versions record how each field was found."""
    for table in ("articles", "article_versions"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN field_methods TEXT")


def _add_incremental_state(db: Database) -> None:
    """2 -> 3: recheck and withdrawal times of articles, 304/gone counts and drift alarms of crawls, and the
    persistent frontier (URLs requested but not yet answered, so a killed crawl's next run resumes them)."""
    for column in ("last_checked_at TEXT", "gone_at TEXT", "gone_status INTEGER"):
        db.execute(f"ALTER TABLE articles ADD COLUMN {column}")
    for column in ("articles_not_modified INTEGER", "articles_gone INTEGER", "alerts_json TEXT"):
        db.execute(f"ALTER TABLE crawls ADD COLUMN {column}")
    for name, columns, options in TABLES:
        if name == "frontier":
            db.table(name).create(columns, **options)
    for table, columns, unique in INDEXES:
        if table == "frontier" or columns == ["site", "last_checked_at"]:
            db.table(table).create_index(columns, unique=unique)


# Views for researchers (and Datasette's canned queries).
VIEWS: tuple[tuple[str, str], ...] = (
    # How each article appeared in recommended / hot / related blocks over time: per target and kind, in how
    # many crawls and on how many pages, between which dates.
    ("listing_history", """
SELECT l.target_url, a.id AS article_id, a.title, a.site, l.kind,
       count(DISTINCT l.crawl_id) AS crawls, count(DISTINCT l.page_url) AS pages, count(*) AS appearances,
       min(l.seen_at) AS first_seen, max(l.seen_at) AS last_seen
FROM listings AS l LEFT JOIN articles AS a ON a.url = l.target_url
WHERE l.target_url IS NOT NULL
GROUP BY l.target_url, l.kind"""),
)


def _create_search(db: Database) -> None:
    """3 -> 4 (and new archives): the full-text index of articles, filled from what is archived, and the views."""
    for statement in FTS_SQL:
        db.execute(statement)
    for name, select in VIEWS:
        db.execute(f'CREATE VIEW "{name}" AS {select.strip()}')


def _create_short_term_index(db: Database) -> None:
    """4 -> 5 (and new archives): the index of 1-2 character Chinese terms, filled from what is archived."""
    from .grams import CREATE_SQL, rebuild

    db.execute(CREATE_SQL)
    rebuild(db.conn)


def _add_page_type_reasons(db: Database) -> None:
    """5 -> 6: why each article (and each page left out of articles) got its page type."""
    for table in ("articles", "article_versions", "pages"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN page_type_reason TEXT")


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _add_field_methods, 2: _add_incremental_state, 3: _create_search, 4: _create_short_term_index,
    5: _add_page_type_reasons,
}


def schema_version(db: Database) -> int:
    """Return the archive's ``PRAGMA user_version`` (0 for a database without archive schema)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _create_all(db: Database) -> None:
    for name, columns, options in TABLES:
        db.table(name).create(columns, **options)
    for table, columns, unique in INDEXES:
        db.table(table).create_index(columns, unique=unique)
    _create_search(db)
    _create_short_term_index(db)



def ensure_schema(db: Database) -> int:
    """Create the schema in an empty database or migrate an older archive; return the schema version.

    Runs in one ``BEGIN IMMEDIATE`` transaction, so concurrent openers cannot both create tables.
    Raises ``ArchiveError`` for a database that holds other tables but no archive schema, and for an
    archive written by a newer version of this code.
    """
    if schema_version(db) == SCHEMA_VERSION:  # the usual case: nothing to do, no write lock taken
        return SCHEMA_VERSION
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        if version == 0:
            foreign = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            if foreign:
                raise ArchiveError(
                    "this SQLite database is not an assoc-crawler archive (it already holds the tables "
                    + ", ".join(sorted(foreign)[:8])
                    + "); refusing to add archive tables to it"
                )
            _create_all(db)
            version = SCHEMA_VERSION
        elif version > SCHEMA_VERSION:
            raise ArchiveError(
                f"the archive has schema version {version}, newer than this assoc-crawler supports "
                f"({SCHEMA_VERSION}); upgrade assoc-crawler"
            )
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](db)
            version += 1
        db.execute(f"PRAGMA user_version = {int(version)}")
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    return version
