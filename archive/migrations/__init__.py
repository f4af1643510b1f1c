"""Frozen schema versions and the migrations between them.

Each ``vN`` module holds what version N of the code wrote, byte for byte: ``CREATE`` (the statements of a fresh
version-N archive) and, from version 2 on, ``UPGRADE`` / ``upgrade`` (the step from version N-1). None of them
ever changes; a new schema version is a new module appended to ``VERSIONS``. The version an archive has is
``PRAGMA user_version`` (0: no archive schema yet), as it has been since version 1.

A new archive is created from the current version's ``CREATE``; an older archive runs the steps it lacks, in
order, in one ``BEGIN IMMEDIATE`` transaction. ``tests/unit/archive/test_migrations.py`` checks that every path
leads to the same schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from types import ModuleType

from ..errors import ArchiveError
from ..schema import SCHEMA_VERSION
from . import v1, v2, v3, v4, v5, v6, v7, v8, v9

VERSIONS: tuple[ModuleType, ...] = (v1, v2, v3, v4, v5, v6, v7, v8, v9)
CURRENT = VERSIONS[-1]
# STEPS[n] turns a version-n archive into a version-(n+1) one.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    module.VERSION - 1: module.upgrade for module in VERSIONS[1:]
}

if CURRENT.VERSION != SCHEMA_VERSION or [m.VERSION for m in VERSIONS] != list(range(1, SCHEMA_VERSION + 1)):
    raise ImportError(f"archive.migrations holds versions up to {CURRENT.VERSION}, schema.py says {SCHEMA_VERSION}")


def schema_version(conn: sqlite3.Connection) -> int:
    """The archive's ``PRAGMA user_version`` (0 for a database without archive schema)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create(conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Create the schema of ``version`` (default: the current one) in an empty database and record the version.

    Runs in the caller's transaction, if any. Older versions are for tests that build old archives.
    """
    for statement in VERSIONS[version - 1].CREATE:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {int(version)}")


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Run the steps from ``version`` up to the current one, in order; return the new version."""
    while version < SCHEMA_VERSION:
        STEPS[version](conn)
        version += 1
    conn.execute(f"PRAGMA user_version = {int(version)}")
    return version


def _refuse_foreign_tables(conn: sqlite3.Connection) -> None:
    """Raise ArchiveError when a database without archive schema already holds tables of its own."""
    foreign = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    if foreign:
        raise ArchiveError(
            "this SQLite database is not an assoc-crawler archive (it already holds the tables "
            + ", ".join(sorted(foreign)[:8])
            + "); refusing to add archive tables to it"
        )


def ensure_schema(conn: sqlite3.Connection) -> int:
    """Create the schema in an empty database or migrate an older archive; return the schema version.

    Runs in one ``BEGIN IMMEDIATE`` transaction, so concurrent openers cannot both create tables.
    Raises ``ArchiveError`` for a database that holds other tables but no archive schema, and for an
    archive written by a newer version of this code.
    """
    if schema_version(conn) == SCHEMA_VERSION:  # the usual case: nothing to do, no write lock taken
        return SCHEMA_VERSION
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version == 0:
            _refuse_foreign_tables(conn)
            create(conn)
            version = SCHEMA_VERSION
        elif version > SCHEMA_VERSION:
            raise ArchiveError(
                f"the archive has schema version {version}, newer than this assoc-crawler supports "
                f"({SCHEMA_VERSION}); upgrade assoc-crawler"
            )
        version = migrate(conn, version)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return version
