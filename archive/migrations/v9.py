"""Schema version 9, as the code of the commit after d7c81d7 wrote it.

New in version 9: no new table or column; the site of a crawl started from a URL is named by its host without the
port or a leading ``www.`` (``archive.identity``, rule 1) where it was ``host:port``. The step renames such site
names in crawls, articles, pages and the frontier, so that the next crawl of the site finds its rows (and moves
and merges them by the identity rules); not a profile's site, and not two sites on one host (two ports).

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
# the sites of crawls started from a URL (a profile's crawl records the profile, not a URL, as its target)
_URL_SITES = "SELECT DISTINCT site FROM crawls WHERE target LIKE '%://%'"


def _renames(url_sites: set[str]) -> dict[str, str]:
    """Old name -> version-9 name, for the sites of start URLs named host:port or www.host. A host that several
    such sites share (two ports of one machine: maybe two sites) is left as it was: nothing is merged by guess."""
    hosts: dict[str, list[str]] = {}
    for site in url_sites:
        match = _NETLOC.match(site)
        if match and (":" in site or site.startswith("www.")) and match["host"] != site:
            hosts.setdefault(match["host"], []).append(site)
    return {names[0]: host for host, names in hosts.items() if len(names) == 1 and host not in url_sites}


def upgrade(conn: sqlite3.Connection) -> None:
    """Migrate a version-8 archive to version 9 (inside the caller's transaction)."""
    renames = _renames({row[0] for row in conn.execute(_URL_SITES) if row[0]})
    for old, new in sorted(renames.items()):
        for table in _SITE_TABLES:
            conn.execute(f"UPDATE {table} SET site = ? WHERE site = ?", (new, old))
