"""The ``Archive``: opens (creating or migrating) an archive file and performs every write of a crawl.

``Archive`` is composed of one mixin per thing the archive stores, each in its own module:

* ``connection.ArchiveConnection``: opening, closing, WAL, the busy timeout, transactions and batches;
* ``articles.ArticleStore``: ``save_article`` (versions, images, attachments; the input format is documented
  in ``archive.articles``);
* ``pages.PageStore``: pages and their stored responses (``record_page``, ``pages_with_raw`` ...);
* ``crawls.CrawlStore``: ``start_crawl``, ``finish_crawl``, ``crawl``, ``record_error``;
* ``listings.ListingStore``: ``save_listings``;
* ``identity.UrlIdentity``: aliases and ``article_by_url`` (the identity rules are in ``archive.identity``);
* ``moves.RowMoves``: ``rebase_site`` and ``merge_duplicates`` (rows that follow their article);
* ``incremental.IncrementalState``: what an incremental crawl needs (due rechecks, the frontier, 304/gone);
* ``decisions.GateDecisions``: the page gate's decisions of a site, and a crawl taking back its own article.

All timestamps written by the archive are ISO 8601 UTC with a ``Z`` suffix and second precision
(``2024-05-01T08:30:00Z``), so they sort as text. Every write method commits before returning (or, after
``batch()``, joins the batch); failures raise ``ArchiveError`` after a full rollback.
"""

from __future__ import annotations

import os
from collections import Counter

from .articles import ArticleStore, SaveResult, content_hash, file_type_of
from .connection import on_read_only_media
from .crawls import CrawlStore
from .decisions import GateDecisions
from .errors import ArchiveError
from .identity import UrlIdentity
from .incremental import IncrementalState
from .listings import ListingStore
from .moves import RowMoves
from .pages import PageStore
from .schema import TABLE_NAMES
from .values import dict_rows, query_dicts, to_utc_iso, utc_now

__all__ = [
    "Archive",
    "ArchiveError",
    "SaveResult",
    "content_hash",
    "dict_rows",
    "file_type_of",
    "on_read_only_media",
    "query_dicts",
    "to_utc_iso",
    "utc_now",
]


class Archive(ArticleStore, PageStore, CrawlStore, ListingStore, UrlIdentity, RowMoves, IncrementalState,
              GateDecisions):
    """An assoc-crawler archive file (SQLite, WAL mode, foreign keys on).

    The parent directory must exist; a missing file is created with the current schema, an older
    archive is migrated. ``readonly=True`` opens an existing, current archive without writing to it.
    Not thread-safe: use one ``Archive`` per thread (SQLite allows several per file).
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self._tally: dict[int, Counter[str]] = {}  # per crawl: the save and recheck outcomes of this object
        super().__init__(path, readonly=readonly)

    def counts(self) -> dict[str, int]:
        """Number of rows in every archive table."""
        conn = self.conn
        return {name: int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in TABLE_NAMES}
