"""One article with everything the archive knows about it (the `show` command)."""

from __future__ import annotations

import sqlite3
from typing import Any

from .export import SQL_ALIASES, SQL_ATTACHMENTS, SQL_IMAGES
from .values import query_dicts

SQL_ARTICLE_BY_URL = """
SELECT * FROM articles WHERE url = :url
UNION ALL
SELECT a.* FROM article_aliases AS al JOIN articles AS a ON a.id = al.article_id WHERE al.url = :url
LIMIT 1
"""
SQL_VERSIONS = """
SELECT version, fetched_at, title, length(body_text) AS chars, content_hash, extractor_version, crawl_id
FROM article_versions WHERE article_id = ? ORDER BY version
"""
# Where the article appeared in other pages' listing blocks: per kind and heading, how often and when.
SQL_LISTED_IN = """
SELECT kind, heading, count(DISTINCT page_url) AS pages, count(DISTINCT crawl_id) AS crawls,
       min(seen_at) AS first_seen, max(seen_at) AS last_seen
FROM listings WHERE target_url = ? AND page_url != ?
GROUP BY kind, heading ORDER BY crawls DESC, pages DESC
"""


def article_report(conn: sqlite3.Connection, url: str) -> dict[str, Any] | None:
    """The article at ``url`` (or an alias), its versions, the listings that pointed at it, its files; None if
    the archive has no such article."""
    found = query_dicts(conn, SQL_ARTICLE_BY_URL, {"url": url})
    if not found:
        return None
    article = found[0]
    article.pop("body_html", None)
    return {
        "article": article,
        "versions": query_dicts(conn, SQL_VERSIONS, (article["id"],)),
        "listed_in": query_dicts(conn, SQL_LISTED_IN, (article["url"], article["url"])),
        "attachments": query_dicts(conn, SQL_ATTACHMENTS, (article["id"],)),
        "images": query_dicts(conn, SQL_IMAGES, (article["id"],)),
        "aliases": query_dicts(conn, SQL_ALIASES, (article["id"],)),
    }
