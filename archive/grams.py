"""An index for short Chinese terms: every distinct character and pair of adjacent characters of an article's
title and body, in an FTS5 table (``articles_grams``: contentless, no positions). The trigram index cannot hold
terms of one or two characters; without this one, a short term that occurs nowhere meant reading every text.

It is maintained by the archive's own writes (``save_article``); ``rebuild`` refills it from the articles.
"""

from __future__ import annotations

import operator
import re
import sqlite3

GRAMS_TABLE = "articles_grams"
CREATE_SQL = f"CREATE VIRTUAL TABLE {GRAMS_TABLE} USING fts5(grams, content='', detail='none', columnsize=0)"
SQL_INSERT = f"INSERT INTO {GRAMS_TABLE} (rowid, grams) VALUES (?, ?)"
SQL_DELETE = f"INSERT INTO {GRAMS_TABLE} ({GRAMS_TABLE}, rowid, grams) VALUES ('delete', ?, ?)"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def is_gram_term(text: str) -> bool:
    """True for a term this index answers: one or two Chinese characters."""
    return 1 <= len(text) <= 2 and _CJK_RUN.fullmatch(text) is not None


def grams(*texts: str | None) -> str:
    """The distinct characters and adjacent pairs of the Chinese runs of the texts, space-separated (in no
    particular order: FTS5 sorts its terms itself, and a contentless delete needs the same terms, not the same
    order)."""
    found: set[str] = set()
    for text in texts:
        for run in _CJK_RUN.findall(text or ""):
            found.update(run)
            found.update(map(operator.add, run, run[1:]))  # adjacent pairs (map: twice as fast as slicing)
    return " ".join(found)


def index_article(conn: sqlite3.Connection, rowid: int, title: str | None, body: str | None) -> None:
    """Add an article's grams."""
    conn.execute(SQL_INSERT, (rowid, grams(title, body)))


def unindex_article(conn: sqlite3.Connection, rowid: int, title: str | None, body: str | None) -> None:
    """Remove an article's grams (the title and body it was indexed with)."""
    conn.execute(SQL_DELETE, (rowid, grams(title, body)))


def rebuild(conn: sqlite3.Connection) -> int:
    """Refill the index from every article; returns the number indexed. Run inside a transaction."""
    conn.execute(f"INSERT INTO {GRAMS_TABLE} ({GRAMS_TABLE}) VALUES ('delete-all')")
    count = 0
    for rowid, title, body in conn.execute("SELECT id, title, body_text FROM articles").fetchall():
        index_article(conn, rowid, title, body)
        count += 1
    return count


def has_index(conn: sqlite3.Connection) -> bool:
    """True when the archive has the short-term index."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (GRAMS_TABLE,)).fetchone() is not None
