"""Schema version 9, as the code of the commit after d7c81d7 wrote it.

New in version 9: no new table or column; the site of a crawl started from a URL is named by its host without the
port or a leading ``www.`` (``archive.identity``, rule 1) where it was ``host:port``. The step renames such site
names in crawls, articles, pages and the frontier, so that the next crawl of the site finds its rows (and moves
and merges them by the identity rules).

FROZEN: this is what the code of that version wrote; never edit it. A new schema is a new module.
"""

from __future__ import annotations

import re
import sqlite3

from .v8 import CREATE as V8_CREATE

VERSION = 9

# A fresh version-9 archive is a fresh version-8 one.
CREATE: tuple[str, ...] = V8_CREATE

# 8 -> 9: no statement; `upgrade` renames the sites named by host:port.
UPGRADE: tuple[str, ...] = ()

_NETLOC = re.compile(r"^(?:www\.)?(?P<host>[a-z0-9.-]+\.[a-z0-9-]+|\d+\.\d+\.\d+\.\d+|localhost)(?::\d+)?$")
_SITE_TABLES = ("crawls", "articles", "pages", "frontier")


def _renamed(site: str) -> str | None:
    """The version-9 name of a version-8 site name that is a host[:port], or None when it stays."""
    match = _NETLOC.match(site)
    if not match or (":" not in site and not site.startswith("www.")):
        return None
    host = match["host"]
    return host if host != site else None


def upgrade(conn: sqlite3.Connection) -> None:
    """Migrate a version-8 archive to version 9 (inside the caller's transaction)."""
    names = {row[0] for table in _SITE_TABLES for row in conn.execute(f"SELECT DISTINCT site FROM {table}")}
    for old in sorted(n for n in names if n):
        new = _renamed(old)
        if new is not None:
            for table in _SITE_TABLES:
                conn.execute(f"UPDATE {table} SET site = ? WHERE site = ?", (new, old))
