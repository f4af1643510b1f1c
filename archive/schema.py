"""Names and allowed values of the archive's schema, for the code that reads and writes it.

The tables themselves are defined by the frozen DDL of ``archive.migrations`` (one module per schema version);
``SCHEMA_VERSION`` is the version this code writes and reads, kept in ``PRAGMA user_version``.

History model: ``article_versions`` holds EVERY version of an article, the current one included
(version 1 is written at first insert, version N+1 when the content hash changes). ``articles`` is the
"current state" table; joining it to ``article_versions`` on (id, version) gives the current snapshot.
"""

from __future__ import annotations

SCHEMA_VERSION = 9

CRAWL_STATUSES = ("running", "finished", "failed", "interrupted")
CRAWL_COUNT_COLUMNS = (
    "requests",
    "responses",
    "pages_fetched",
    "articles_new",
    "articles_changed",
    "articles_unchanged",
    "articles_not_modified",  # rechecks answered 304 Not Modified
    "articles_gone",  # known articles answered 404/410 on a recheck (withdrawn)
    "errors",
)
ALIAS_REASONS = ("redirect", "canonical", "variant", "moved", "merged")
LISTING_KINDS = ("recommended", "hot", "related", "other")
PAGE_TYPES = ("article", "list", "other", "error")

# The article columns that make up one version of its content (snapshotted in article_versions).
# The first seven plus body_text, normalised, feed content_hash (see store.content_hash).
CONTENT_COLUMNS = (
    "title",
    "published_at",
    "source",
    "author",
    "editor",
    "category",
    "body_text",
    "body_html",
    "lang",
    "encoding",
    "page_count",
    "field_methods",  # JSON object: how extraction found each field (meta tag, label, content scoring ...)
    "page_type_reason",  # why extraction called the page an article (title-date-body, or a doubtful short-notice ...)
)

# The archive's tables, parents first (as created by archive.migrations.v6).
TABLE_NAMES: tuple[str, ...] = (
    "crawls",
    "articles",
    "article_versions",
    "article_aliases",
    "listings",
    "images",
    "attachments",
    "raw_pages",
    "pages",
    "frontier",
    "errors",
)

# Full-text search: an FTS5 index of article titles and bodies with the trigram tokenizer (named and shaped as
# sqlite-utils' ``enable_fts`` makes it, so sqlite-utils and Datasette recognise it), and the view for
# researchers. Triggers keep it on updates and deletions; a new article is indexed by the archive itself, once per
# batch of writes (see ArchiveConnection._index_new_article).
FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("title", "body_text")
VIEW_NAMES = ("listing_history",)
