"""Rows that follow their article: moves (rule 4 of `archive.identity`), an alias that becomes an article of its
own (rule 5) and merges of duplicate rows (rule 6). Every function runs inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from .connection import ArchiveConnection
from .errors import ArchiveError
from .grams import unindex_article
from .identity import (
    SQL_ALIAS_TARGET,
    SQL_FIND_ARTICLE,
    SQL_SITE_ARTICLE_AT,
    SQL_UPSERT_ALIAS,
    find_article,
    site_name,
    twin_urls,
    url_address,
)
from .schema import ALIAS_REASONS
from .values import utc_now

Found = tuple[int, str, int, str]  # (id, url, version, content_hash) of an article row

SQL_FIND = "SELECT id, url, version, content_hash FROM articles WHERE id = ?"
SQL_SAME_CONTENT = (  # by the content hash index (+site: not by the site index, which reads the whole site)
    "SELECT id, url, version, content_hash FROM articles WHERE content_hash = ? AND +site IS ? LIMIT 1")
SQL_MOVE_ROW = "UPDATE articles SET url = :new WHERE id = :id"
SQL_DROP_ALIAS = "DELETE FROM article_aliases WHERE url = ?"
SQL_PUT_ALIAS = """
INSERT INTO article_aliases (url, article_id, reason, first_seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, reason = excluded.reason
"""
SQL_VERSIONS_OF = "SELECT article_id, version, fetched_at FROM article_versions WHERE article_id IN (?, ?)"
SQL_RENUMBER = ("UPDATE article_versions SET article_id = :keep, version = :new "
                "WHERE article_id = :id AND version = :old")
SQL_UNSIGN = "UPDATE article_versions SET version = -version WHERE article_id = ? AND version < 0"
SQL_ROW = "SELECT id, url, version, title, body_text, first_seen_at, first_crawl_id FROM articles WHERE id = ?"
SQL_KEEP_FIRST = """
UPDATE articles SET version = :version,
    first_seen_at = min(first_seen_at, :first_seen_at), first_crawl_id = min(first_crawl_id, :first_crawl_id)
WHERE id = :id
"""
# What points at an article by id, and follows the row it is merged into.
FOLLOWING_TABLES = ("article_aliases", "listings", "raw_pages", "pages")
SQL_DROP_MEDIA = ("DELETE FROM images WHERE article_id = ?", "DELETE FROM attachments WHERE article_id = ?")
SQL_DELETE_ARTICLE = "DELETE FROM articles WHERE id = ?"


def move_article(conn: sqlite3.Connection, found: Found, new_url: str, seen_at: str) -> Found:
    """The row of ``found`` now lives at ``new_url``; its old URL is an alias (``moved``)."""
    article_id, old_url, version, content_hash = found
    conn.execute(SQL_DROP_ALIAS, (new_url,))
    conn.execute(SQL_MOVE_ROW, {"new": new_url, "id": article_id})
    conn.execute(SQL_PUT_ALIAS, (old_url, article_id, "moved", seen_at))
    return article_id, new_url, version, content_hash


def locate_for_save(conn: sqlite3.Connection, url: str, site: str | None, title: str | None, content_hash: str,
                    redirected_from: Sequence[str], seen_at: str,
                    matchable: bool = True) -> tuple[Found | None, str | None, bool]:
    """The row an article saved under ``url`` updates, after the moves the identity rules call for: (the row or
    None for a new article, the URL the row moved from or None, whether ``url`` is to be an alias of the row).

    Rule 4: the row of the same address at another origin, or of a URL that redirected here, follows to ``url``;
    so does the row ``url`` is an alias of when the row's own URL redirected here. Rule 5: an alias of an article
    with another title is dropped (a new article). Rule 2, by content: a new URL whose page is word for word an
    article of the site (the same content hash: a move the crawl met through a link before it rechecked the old
    URL) is an alias of that article, when the text is long enough to tell articles apart and no attachment
    could (``matchable``: two notices of one title and date that say 详见附件 are two articles)."""
    found = conn.execute(SQL_FIND_ARTICLE, (url,)).fetchone()
    if found is not None:
        return found, None, False
    alias = conn.execute(SQL_ALIAS_TARGET, (url,)).fetchone()
    if alias is not None:
        if title is not None and alias[4] == title:  # the same article, reached at another of its URLs
            if alias[1] in redirected_from:  # ... whose own URL now redirects here: it moved
                return move_article(conn, alias[:4], url, seen_at), alias[1], False
            return alias[:4], None, False
        conn.execute(SQL_DROP_ALIAS, (url,))  # another page now lives at the URL: an article of its own
    for candidate in (*twin_urls(url), *redirected_from):
        row = conn.execute(SQL_SITE_ARTICLE_AT, (candidate, site)).fetchone()
        if row is not None:
            return move_article(conn, row, url, seen_at), row[1], False
    if matchable:
        same = conn.execute(SQL_SAME_CONTENT, (content_hash, site)).fetchone()
        if same is not None:
            return same, None, True
    return None, None, False


def merge_redirected_rows(conn: sqlite3.Connection, article_id: int, site: str | None,
                          redirected_from: Iterable[str], seen_at: str, index_pending: Callable[[int], None]) -> int:
    """Rows of the site at URLs that redirected to the article (it was archived again at its new URL before
    its old one was rechecked) are merged into it (rule 6); how many."""
    merged = 0
    for old_url in redirected_from:
        row = conn.execute(SQL_SITE_ARTICLE_AT, (old_url, site)).fetchone()
        if row is not None and row[0] != article_id:
            merge_articles(conn, article_id, row[0], seen_at, index_pending)
            merged += 1
    return merged


def merge_articles(conn: sqlite3.Connection, keep_id: int, drop_id: int, seen_at: str,
                   index_pending: Callable[[int], None]) -> None:
    """Merge the row ``drop_id`` into ``keep_id``: every version of both is kept, numbered by fetch time, the
    kept row's current version last (it is what the row holds, so its number is the highest); what pointed at
    the dropped row follows; its URL becomes an alias (``merged``). ``index_pending``: make sure an article's
    full-text entries are written (a batch may hold them back) before its row goes."""
    keep, drop = conn.execute(SQL_ROW, (keep_id,)).fetchone(), conn.execute(SQL_ROW, (drop_id,)).fetchone()
    current = (keep_id, keep[2])
    versions = sorted(conn.execute(SQL_VERSIONS_OF, (keep_id, drop_id)).fetchall(),
                      key=lambda row: ((row[0], row[1]) == current, row[2] or "", row[0] == keep_id, row[1]))
    numbers = {(row[0], row[1]): n for n, row in enumerate(versions, 1)}
    for (article_id, old), new in numbers.items():  # negative first: no clash with a number not yet moved
        conn.execute(SQL_RENUMBER, {"keep": keep_id, "new": -new, "id": article_id, "old": old})
    conn.execute(SQL_UNSIGN, (keep_id,))
    for table in FOLLOWING_TABLES:
        conn.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", (keep_id, drop_id))
    for sql in SQL_DROP_MEDIA:
        conn.execute(sql, (drop_id,))
    index_pending(drop_id)
    unindex_article(conn, drop_id, drop[3], drop[4])
    conn.execute(SQL_DELETE_ARTICLE, (drop_id,))  # its trigger takes it out of the trigram index
    conn.execute(SQL_KEEP_FIRST, {"id": keep_id, "version": numbers[(keep_id, keep[2])],
                                  "first_seen_at": drop[5], "first_crawl_id": drop[6]})
    conn.execute(SQL_PUT_ALIAS, (drop[1], keep_id, "merged", seen_at))


SQL_SITE_ROWS = "SELECT id, url, last_checked_at, last_seen_at, site FROM articles WHERE site IS ? ORDER BY id"
SQL_ALL_ROWS = "SELECT id, url, last_checked_at, last_seen_at, site FROM articles ORDER BY id"
SQL_AT_URL = "SELECT id, url, last_checked_at, last_seen_at FROM articles WHERE url = ?"
SQL_SITES = "SELECT DISTINCT site FROM articles ORDER BY site"


def _other_port(url: str, origin: str) -> bool:
    """Whether url is on origin's scheme and host but another port (a site served anew, as the demo's are): its
    rows follow at once. Another scheme or ``www.`` is left to the crawl's redirects and twins (a start URL on
    http for a site that lives on https would move its rows back and forth)."""
    parts, there = urlsplit(url), urlsplit(origin)
    return (parts.scheme == there.scheme and parts.hostname == there.hostname and parts.netloc != there.netloc)


def _checked_last(rows: list[tuple]) -> tuple:
    """Of a site's rows that name one article, the one checked (else seen) last; the oldest id on a tie."""
    return max(rows, key=lambda row: (row[2] or "", row[3] or "", -row[0]))


class RowMoves(ArchiveConnection):
    """Methods of ``Archive`` that record aliases, move a site's rows to where it lives now, and merge duplicate
    rows."""

    def record_alias(self, alias_url: str, article_url: str, reason: str = "redirect") -> bool:
        """Point alias_url at the article stored under article_url; False when there is no such article, or
        alias_url is another article's URL that did not redirect here. A row of the same site at a URL that now
        redirects to the article is merged into it (rule 6)."""
        if reason not in ALIAS_REASONS:
            raise ArchiveError(f"alias reason must be one of {ALIAS_REASONS}, got {reason!r}")
        if alias_url == article_url:
            return False
        with self._transaction(f"recording alias {alias_url}") as conn:
            row = find_article(conn, article_url)
            if row is None:
                return False
            other = conn.execute(SQL_FIND_ARTICLE, (alias_url,)).fetchone()
            if other is not None:
                site = conn.execute("SELECT site FROM articles WHERE id = ?", (row[0],)).fetchone()[0]
                return reason == "redirect" and merge_redirected_rows(
                    conn, row[0], site, [alias_url], utc_now(), lambda a: self._write_unindexed(conn, a)) > 0
            conn.execute(SQL_UPSERT_ALIAS, (alias_url, row[0], reason, utc_now()))
        return True

    def rebase_site(self, site: str, origin: str) -> dict[str, int]:
        """A crawl of ``site`` starts at ``origin`` (scheme://host[:port]): the site's rows, pages and frontier on
        the same scheme and host at another port follow to it (rule 4), merged into a row already there (rule 6).
        ``{"moved": n, "merged": n}``."""
        done = {"moved": 0, "merged": 0}
        seen_at = utc_now()
        with self._transaction(f"moving the articles of {site} to {origin}") as conn:
            for article_id, url, checked, seen, _ in conn.execute(SQL_SITE_ROWS, (site,)).fetchall():
                if not _other_port(url, origin):
                    continue
                new_url = origin + url_address(url)
                there = conn.execute(SQL_AT_URL, (new_url,)).fetchone()
                if there is None:
                    found = conn.execute(SQL_FIND, (article_id,)).fetchone()
                    move_article(conn, found, new_url, seen_at)
                    done["moved"] += 1
                    continue
                keep = _checked_last([there, (article_id, url, checked, seen)])
                drop_id = article_id if keep[0] == there[0] else there[0]
                merge_articles(conn, keep[0], drop_id, seen_at, lambda a: self._write_unindexed(conn, a))
                if keep[0] == article_id:
                    move_article(conn, conn.execute(SQL_FIND, (article_id,)).fetchone(), new_url, seen_at)
                done["merged"] += 1
            for table in ("frontier", "pages"):  # what the crawl knows of its other pages follows too
                for (url,) in conn.execute(f"SELECT url FROM {table} WHERE site IS ?", (site,)).fetchall():
                    if _other_port(url, origin):
                        conn.execute(f"UPDATE OR IGNORE {table} SET url = ? WHERE url = ?",
                                     (origin + url_address(url), url))
                        conn.execute(f"DELETE FROM {table} WHERE url = ?", (url,))
        return done

    def site_names(self) -> list[str]:
        """The names of the sites the archive holds articles of."""
        return [row[0] for row in self.conn.execute(SQL_SITES) if row[0] is not None]

    def merge_duplicates(self, site: str | None = None) -> int:
        """Merge the rows that the identity rules call one article (one site, one host, one address: rule 6),
        of ``site`` or of every site, into the row checked last. The number of rows merged away."""
        merged = 0
        seen_at = utc_now()
        with self._transaction(f"merging duplicate articles of {site or 'every site'}") as conn:
            rows = (conn.execute(SQL_SITE_ROWS, (site,)) if site is not None
                    else conn.execute(SQL_ALL_ROWS)).fetchall()
            groups: dict[tuple, list[tuple]] = {}
            for row in rows:
                groups.setdefault((row[4], site_name(row[1]), url_address(row[1])), []).append(row[:4])
            for group in groups.values():
                if len(group) < 2:
                    continue
                keep = _checked_last(group)
                for row in group:
                    if row[0] != keep[0]:
                        merge_articles(conn, keep[0], row[0], seen_at, lambda a: self._write_unindexed(conn, a))
                        merged += 1
        return merged
