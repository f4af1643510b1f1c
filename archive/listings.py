"""Listings: the link blocks (recommended, hot, related ...) seen on a page in a crawl."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from .connection import ArchiveConnection
from .errors import ArchiveError
from .identity import find_article
from .schema import LISTING_KINDS
from .values import utc_now

SQL_DELETE_LISTINGS = "DELETE FROM listings WHERE crawl_id = ? AND page_url = ?"
SQL_INSERT_LISTING = """
INSERT INTO listings (crawl_id, page_url, article_id, block, heading, kind, position, target_url, title,
    label, teaser, seen_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def prepare_listings(listings: Iterable[Mapping[str, Any]] | None) -> list[Mapping[str, Any]] | None:
    """The listings as a list, each kind checked (None stays None: nothing to replace)."""
    if listings is None:
        return None
    prepared = list(listings)
    for item in prepared:
        kind = item.get("kind") or "other"
        if kind not in LISTING_KINDS:
            raise ArchiveError(f"listing kind must be one of {LISTING_KINDS}, got {kind!r}")
    return prepared


def insert_listings(
    conn: sqlite3.Connection,
    crawl_id: int,
    page_url: str,
    listings: list[Mapping[str, Any]],
    article_id: int | None,
    seen_at: str,
) -> int:
    """Replace this crawl's listings of ``page_url`` (latest observation in a crawl wins); return the rows written."""
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


class ListingStore(ArchiveConnection):
    """Methods of ``Archive`` that write listings."""

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
        prepared = prepare_listings(listings) or []
        with self._transaction(f"saving the listings of {page_url}") as conn:
            if article_id is None:
                row = find_article(conn, page_url)
                article_id = row[0] if row else None
            return insert_listings(conn, crawl_id, page_url, prepared, article_id, utc_now())
