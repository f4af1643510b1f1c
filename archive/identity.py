"""URL identity: what a site is, which article a URL names, and what happens when an article moves.

The rules (the README's "URL identity" section says the same):

1. **A site** is named by its profile (``name``) or, for a start URL, by its host: lower-case, without the port,
   user info or a leading ``www.`` (``http://www.Example.org:8080/`` and ``https://example.org/`` are the site
   ``example.org``). The name survives port, scheme and ``www.`` changes; sites told apart only by their port
   need profiles.
2. **An article** is named by its URL, normalised by the crawl (``extract.urls.normalize_url``: lower-case
   scheme and host, default port dropped, tracking parameters and fragments removed, query sorted). Within a
   site, the part after the origin, its **address** (path and query), is what names it: the same address at
   another origin of the site (http and https, with or without ``www.``, another port) is the same article.
3. **Aliases** are the other URLs of an article: redirects that led to it, variants it was fetched at, canonical
   links (only to a page of the same kind: extraction ignores one that names a directory above the page), and
   the URLs it had before it moved or was merged. A URL is an article's or an alias, never both.
4. **A move**: when an article is saved under a URL the archive has no row for, and the site holds the same
   address at another origin, or the page was reached by a redirect from a URL that has a row, that row follows:
   its URL becomes the new one, the old URL becomes an alias (``moved``), and the version goes up only if the
   content changed. A new URL whose page is word for word an article of the site (the same content hash) is an
   alias of it, and the row follows when the old URL's recheck redirects there. When a crawl starts at a new
   origin of its site on another port, the site's rows there follow at once.
5. **An alias can become an article**: a page saved under its own URL that is an alias of an article with
   another title is an article of its own; the alias goes.
6. **Duplicates** (two rows the rules above call one article, left by older versions) are merged into the row
   checked last: every version of both is kept, numbered by fetch time; listings, pages, raw responses and
   aliases follow; the other URL becomes an alias (``merged``). So is a row at a URL that now redirects to an
   article archived at its new URL.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .connection import ArchiveConnection
from .errors import ArchiveError
from .schema import ALIAS_REASONS
from .values import dict_rows

SQL_FIND_ARTICLE = "SELECT id, url, version, content_hash FROM articles WHERE url = ?"
SQL_ALIAS_TARGET = (
    "SELECT a.id, a.url, a.version, a.content_hash, a.title, al.reason FROM article_aliases AS al "
    "JOIN articles AS a ON a.id = al.article_id WHERE al.url = ?"
)
SQL_SITE_ARTICLE_AT = "SELECT id, url, version, content_hash FROM articles WHERE url = ? AND site IS ?"
SQL_FIND_ARTICLE_BY_ALIAS = (
    "SELECT a.id, a.url, a.version, a.content_hash FROM article_aliases AS al "
    "JOIN articles AS a ON a.id = al.article_id WHERE al.url = ?"
)
SQL_IS_ARTICLE_URL = "SELECT 1 FROM articles WHERE url = ?"
SQL_ALIAS_OWNER = "SELECT article_id FROM article_aliases WHERE url = ?"
SQL_UPSERT_ALIAS = """
INSERT INTO article_aliases (url, article_id, reason, first_seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id,
    reason = CASE WHEN article_aliases.article_id = excluded.article_id
                       AND article_aliases.reason IN ('moved', 'merged') THEN article_aliases.reason
                  ELSE excluded.reason END
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


def site_name(url_or_host: str) -> str:
    """The name of the site a start URL (or a host[:port]) is on: its host, lower-case, without user info, port
    or a leading ``www.`` (rule 1)."""
    netloc = urlsplit(url_or_host).netloc if "://" in url_or_host else url_or_host
    host = netloc.rsplit("@", 1)[-1].lower()
    if host.startswith("["):  # an IPv6 literal keeps its colons
        host = host[:host.find("]") + 1]
    else:
        host = host.split(":", 1)[0]
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def url_origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def url_address(url: str) -> str:
    """What names an article within its site: the path and query of its URL (rule 2)."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def same_host(url: str, other: str) -> bool:
    """Whether two URLs are on one host, whatever their scheme, port and ``www.``."""
    return site_name(url) == site_name(other)


def twin_urls(url: str) -> list[str]:
    """The same address at the other origins a site commonly has: http and https, with and without ``www.``
    (default ports; another port is met by `moves.RowMoves.rebase_site` when a crawl starts there)."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    bare = host[4:] if host.lower().startswith("www.") else host
    bare = bare.rsplit(":", 1)[0] if re.search(r":\d+$", bare) and parts.scheme in ("http", "https") else bare
    port = host.rsplit(":", 1)[1] if re.search(r":\d+$", host) else None
    hosts = [bare, f"www.{bare}"] if bare.count(".") >= 1 and not bare.replace(".", "").isdigit() else [bare]
    twins = []
    for scheme in ("https", "http"):
        for name in hosts:
            netloc = f"{name}:{port}" if port and scheme == parts.scheme else name
            twin = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
            if twin != url and twin not in twins:
                twins.append(twin)
    return twins


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
                aliases: Iterable[tuple[str, str]], seen_at: str) -> int:
    """Point the aliases at the article; a canonical URL (its own or another article's) is never an alias. The
    number of aliases that are new to the article."""
    added = 0
    for alias_url, reason in aliases:
        if alias_url == canonical_url or conn.execute(SQL_IS_ARTICLE_URL, (alias_url,)).fetchone():
            continue
        known = conn.execute(SQL_ALIAS_OWNER, (alias_url,)).fetchone()
        conn.execute(SQL_UPSERT_ALIAS, (alias_url, article_id, reason, seen_at))
        added += known is None or known[0] != article_id
    return added


class UrlIdentity(ArchiveConnection):
    """Methods of ``Archive`` about the URLs an article is known by."""

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
