"""URL identity: which article a URL names (its canonical URL or an alias of it), and the aliases themselves
(redirects, canonical links, variants of an article's URL)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from .connection import ArchiveConnection
from .errors import ArchiveError
from .schema import ALIAS_REASONS
from .values import dict_rows, utc_now

SQL_FIND_ARTICLE = "SELECT id, url, version, content_hash FROM articles WHERE url = ?"
SQL_FIND_ARTICLE_BY_ALIAS = (
    "SELECT a.id, a.url, a.version, a.content_hash FROM article_aliases AS al "
    "JOIN articles AS a ON a.id = al.article_id WHERE al.url = ?"
)
SQL_IS_ARTICLE_URL = "SELECT 1 FROM articles WHERE url = ?"
SQL_UPSERT_ALIAS = """
INSERT INTO article_aliases (url, article_id, reason, first_seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, reason = excluded.reason
"""
SQL_ARTICLE_BY_URL = "SELECT * FROM articles WHERE url = ?"
SQL_ARTICLE_BY_ALIAS = (
    "SELECT a.* FROM article_aliases AS al JOIN articles AS a ON a.id = al.article_id WHERE al.url = ?"
)
SQL_IMAGES_OF = "SELECT position, url, alt, caption FROM images WHERE article_id = ? ORDER BY position"
SQL_ATTACHMENTS_OF = (
    "SELECT position, url, text, file_type FROM attachments WHERE article_id = ? ORDER BY position"
)
SQL_ALIASES_OF = "SELECT url, reason, first_seen_at FROM article_aliases WHERE article_id = ? ORDER BY url"


def find_article(conn: sqlite3.Connection, url: str) -> tuple[int, str, int, str] | None:
    """(id, canonical url, version, content_hash) of the article ``url`` names, directly or as an alias."""
    return conn.execute(SQL_FIND_ARTICLE, (url,)).fetchone() or conn.execute(
        SQL_FIND_ARTICLE_BY_ALIAS, (url,)).fetchone()


def prepare_aliases(aliases: Iterable[Mapping[str, Any]] | None) -> list[tuple[str, str]]:
    """Checked (url, reason) pairs of an article's aliases; reason defaults to 'redirect'."""
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


def add_aliases(conn: sqlite3.Connection, article_id: int, canonical_url: str,
                aliases: Iterable[tuple[str, str]], seen_at: str) -> None:
    """Point the aliases at the article; a canonical URL (its own or another article's) is never an alias."""
    for alias_url, reason in aliases:
        if alias_url == canonical_url or conn.execute(SQL_IS_ARTICLE_URL, (alias_url,)).fetchone():
            continue
        conn.execute(SQL_UPSERT_ALIAS, (alias_url, article_id, reason, seen_at))


class UrlIdentity(ArchiveConnection):
    """Methods of ``Archive`` about the URLs an article is known by."""

    def record_alias(self, alias_url: str, article_url: str, reason: str = "redirect") -> bool:
        """Point alias_url at the article stored under article_url; False when there is no such article."""
        if reason not in ALIAS_REASONS:
            raise ArchiveError(f"alias reason must be one of {ALIAS_REASONS}, got {reason!r}")
        if alias_url == article_url:
            return False
        with self._transaction(f"recording alias {alias_url}") as conn:
            row = find_article(conn, article_url)
            if row is None or conn.execute(SQL_IS_ARTICLE_URL, (alias_url,)).fetchone():
                return False
            conn.execute(SQL_UPSERT_ALIAS, (alias_url, row[0], reason, utc_now()))
        return True

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        """The article stored under ``url`` (its canonical url or an alias), or None.

        The articles row as a dict, plus ``images``, ``attachments`` (lists of dicts in position order)
        and ``aliases`` (list of {url, reason, first_seen_at}).
        """
        conn = self.conn
        rows = dict_rows(conn.execute(SQL_ARTICLE_BY_URL, (url,))) or dict_rows(
            conn.execute(SQL_ARTICLE_BY_ALIAS, (url,)))
        if not rows:
            return None
        found = rows[0]
        article_id = found["id"]
        found["images"] = dict_rows(conn.execute(SQL_IMAGES_OF, (article_id,)))
        found["attachments"] = dict_rows(conn.execute(SQL_ATTACHMENTS_OF, (article_id,)))
        found["aliases"] = dict_rows(conn.execute(SQL_ALIASES_OF, (article_id,)))
        return found
