"""A new article into both full-text indexes at once: ``articles_fts`` (trigram, external content) and
``articles_grams`` (short Chinese terms). Updates and deletions of indexed articles keep the trigram index by
triggers and the grams index by :func:`~archive.grams.unindex_article` / :func:`~archive.grams.index_article`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .grams import SQL_INSERT as SQL_GRAMS_INSERT
from .grams import grams
from .schema import FTS_TABLE

SQL_FTS_INSERT = f'INSERT INTO "{FTS_TABLE}" (rowid, "title", "body_text") VALUES (?, ?, ?)'

#: (rowid, title, body_text) of an article to index.
IndexRow = tuple[int, str | None, str | None]


def index_new_articles(conn: sqlite3.Connection, rows: Iterable[IndexRow]) -> None:
    """Index articles that are in neither index yet (in the caller's transaction)."""
    rows = list(rows)
    if rows:
        conn.executemany(SQL_FTS_INSERT, rows)
        conn.executemany(SQL_GRAMS_INSERT, [(rowid, grams(title, body)) for rowid, title, body in rows])
