# ruff: noqa: E501  (frozen SQL, kept byte for byte as SQLite stores it)
"""Schema version 8, as the code of the commit after 4dbf4e9 wrote it.

New in version 8: pages.template: the skeleton of the page's template (the classed elements around its
headline), which consolidation groups a site's pages by besides their URL shape; an index of articles by site (in
id order: the site's latest articles, which the lines a site repeats are learned from).

FROZEN: this is what the code of that version wrote; never edit it. A new schema is a new module.
"""

from __future__ import annotations

import sqlite3

VERSION = 8

# The statements that create a fresh version-8 archive, in order (FTS5 shadow tables left out: each
# CREATE VIRTUAL TABLE makes its own).
CREATE: tuple[str, ...] = (
    """CREATE TABLE "crawls" (
   "id" INTEGER PRIMARY KEY,
   "target" TEXT NOT NULL,
   "site" TEXT NOT NULL,
   "started_at" TEXT NOT NULL,
   "finished_at" TEXT,
   "status" TEXT NOT NULL DEFAULT 'running',
   "requests" INTEGER,
   "responses" INTEGER,
   "pages_fetched" INTEGER,
   "articles_new" INTEGER,
   "articles_changed" INTEGER,
   "articles_unchanged" INTEGER,
   "articles_not_modified" INTEGER,
   "articles_gone" INTEGER,
   "errors" INTEGER,
   "stats_json" TEXT,
   "settings_json" TEXT,
   "alerts_json" TEXT
)""",
    """CREATE TABLE "articles" (
   "id" INTEGER PRIMARY KEY,
   "url" TEXT NOT NULL,
   "site" TEXT,
   "title" TEXT,
   "published_at" TEXT,
   "source" TEXT,
   "author" TEXT,
   "editor" TEXT,
   "category" TEXT,
   "body_text" TEXT,
   "body_html" TEXT,
   "lang" TEXT,
   "encoding" TEXT,
   "page_count" INTEGER DEFAULT 1,
   "field_methods" TEXT,
   "page_type_reason" TEXT,
   "content_hash" TEXT NOT NULL,
   "version" INTEGER NOT NULL DEFAULT 1,
   "extractor_version" TEXT,
   "etag" TEXT,
   "last_modified" TEXT,
   "first_seen_at" TEXT NOT NULL,
   "last_seen_at" TEXT NOT NULL,
   "changed_at" TEXT NOT NULL,
   "last_checked_at" TEXT,
   "gone_at" TEXT,
   "gone_status" INTEGER,
   "first_crawl_id" INTEGER REFERENCES "crawls"("id"),
   "last_crawl_id" INTEGER REFERENCES "crawls"("id")
)""",
    """CREATE TABLE "article_versions" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "version" INTEGER NOT NULL,
   "title" TEXT,
   "published_at" TEXT,
   "source" TEXT,
   "author" TEXT,
   "editor" TEXT,
   "category" TEXT,
   "body_text" TEXT,
   "body_html" TEXT,
   "lang" TEXT,
   "encoding" TEXT,
   "page_count" INTEGER,
   "field_methods" TEXT,
   "page_type_reason" TEXT,
   "content_hash" TEXT NOT NULL,
   "extractor_version" TEXT,
   "images_json" TEXT,
   "attachments_json" TEXT,
   "fetched_at" TEXT NOT NULL,
   "crawl_id" INTEGER REFERENCES "crawls"("id")
)""",
    """CREATE TABLE "article_aliases" (
   "url" TEXT PRIMARY KEY NOT NULL,
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "reason" TEXT NOT NULL,
   "first_seen_at" TEXT NOT NULL
)""",
    """CREATE TABLE "listings" (
   "id" INTEGER PRIMARY KEY,
   "crawl_id" INTEGER NOT NULL REFERENCES "crawls"("id"),
   "page_url" TEXT NOT NULL,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "block" INTEGER NOT NULL,
   "heading" TEXT,
   "kind" TEXT NOT NULL DEFAULT 'other',
   "position" INTEGER NOT NULL,
   "target_url" TEXT,
   "title" TEXT,
   "label" TEXT,
   "teaser" TEXT,
   "seen_at" TEXT NOT NULL
)""",
    """CREATE TABLE "images" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "position" INTEGER NOT NULL,
   "url" TEXT NOT NULL,
   "alt" TEXT,
   "caption" TEXT
)""",
    """CREATE TABLE "attachments" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "position" INTEGER NOT NULL,
   "url" TEXT NOT NULL,
   "text" TEXT,
   "file_type" TEXT
)""",
    """CREATE TABLE "raw_pages" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "url" TEXT NOT NULL,
   "page_no" INTEGER NOT NULL DEFAULT 1,
   "crawl_id" INTEGER REFERENCES "crawls"("id"),
   "fetched_at" TEXT NOT NULL,
   "status" INTEGER,
   "headers_json" TEXT,
   "encoding" TEXT,
   "body" BLOB NOT NULL,
   "body_sha256" TEXT NOT NULL
)""",
    """CREATE TABLE "pages" (
   "url" TEXT PRIMARY KEY NOT NULL,
   "site" TEXT,
   "page_type" TEXT NOT NULL,
   "page_type_reason" TEXT,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "first_seen_at" TEXT NOT NULL,
   "last_fetched_at" TEXT NOT NULL,
   "last_status" INTEGER,
   "last_crawl_id" INTEGER REFERENCES "crawls"("id"),
   "template" TEXT
)""",
    """CREATE TABLE "frontier" (
   "url" TEXT PRIMARY KEY NOT NULL,
   "site" TEXT,
   "crawl_id" INTEGER REFERENCES "crawls"("id"),
   "discovered_at" TEXT NOT NULL,
   "attempts" INTEGER NOT NULL DEFAULT 0
)""",
    """CREATE TABLE "errors" (
   "id" INTEGER PRIMARY KEY,
   "crawl_id" INTEGER REFERENCES "crawls"("id"),
   "url" TEXT NOT NULL,
   "status" INTEGER,
   "error" TEXT NOT NULL,
   "message" TEXT,
   "occurred_at" TEXT NOT NULL
)""",
    """CREATE INDEX "idx_crawls_site"
    ON "crawls" ("site")""",
    """CREATE INDEX "idx_crawls_target"
    ON "crawls" ("target")""",
    """CREATE UNIQUE INDEX "idx_articles_url"
    ON "articles" ("url")""",
    """CREATE INDEX "idx_articles_site_published_at"
    ON "articles" ("site", "published_at")""",
    """CREATE INDEX "idx_articles_published_at"
    ON "articles" ("published_at")""",
    """CREATE INDEX "idx_articles_content_hash"
    ON "articles" ("content_hash")""",
    """CREATE INDEX "idx_articles_last_crawl_id"
    ON "articles" ("last_crawl_id")""",
    """CREATE UNIQUE INDEX "idx_article_versions_article_id_version"
    ON "article_versions" ("article_id", "version")""",
    """CREATE INDEX "idx_article_versions_crawl_id"
    ON "article_versions" ("crawl_id")""",
    """CREATE INDEX "idx_article_aliases_article_id"
    ON "article_aliases" ("article_id")""",
    """CREATE UNIQUE INDEX "idx_listings_crawl_id_page_url_block_position"
    ON "listings" ("crawl_id", "page_url", "block", "position")""",
    """CREATE INDEX "idx_listings_page_url"
    ON "listings" ("page_url")""",
    """CREATE INDEX "idx_listings_target_url"
    ON "listings" ("target_url")""",
    """CREATE INDEX "idx_listings_article_id"
    ON "listings" ("article_id")""",
    """CREATE UNIQUE INDEX "idx_images_article_id_position"
    ON "images" ("article_id", "position")""",
    """CREATE UNIQUE INDEX "idx_attachments_article_id_position"
    ON "attachments" ("article_id", "position")""",
    """CREATE INDEX "idx_raw_pages_url"
    ON "raw_pages" ("url")""",
    """CREATE INDEX "idx_raw_pages_article_id_page_no"
    ON "raw_pages" ("article_id", "page_no")""",
    """CREATE INDEX "idx_raw_pages_crawl_id"
    ON "raw_pages" ("crawl_id")""",
    """CREATE INDEX "idx_pages_site_page_type"
    ON "pages" ("site", "page_type")""",
    """CREATE INDEX "idx_pages_article_id"
    ON "pages" ("article_id")""",
    """CREATE INDEX "idx_frontier_site"
    ON "frontier" ("site")""",
    """CREATE INDEX "idx_articles_site_last_checked_at"
    ON "articles" ("site", "last_checked_at")""",
    """CREATE INDEX "idx_articles_site"
    ON "articles" ("site")""",
    """CREATE INDEX "idx_errors_crawl_id"
    ON "errors" ("crawl_id")""",
    """CREATE INDEX "idx_errors_url"
    ON "errors" ("url")""",
    """CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "body_text",
    tokenize='trigram',
    content="articles"
)""",
    '''INSERT INTO "articles_fts" ("articles_fts", rank) VALUES ('rank', 'bm25(10.0, 1.0)')''',
    """CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "body_text") VALUES('delete', old.rowid, old."title", old."body_text");
END""",
    """CREATE TRIGGER "articles_au" AFTER UPDATE OF "title", "body_text" ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "body_text") VALUES('delete', old.rowid, old."title", old."body_text");
  INSERT INTO "articles_fts" (rowid, "title", "body_text") VALUES (new.rowid, new."title", new."body_text");
END""",
    """CREATE VIEW "listing_history" AS SELECT l.target_url, a.id AS article_id, a.title, a.site, l.kind,
       count(DISTINCT l.crawl_id) AS crawls, count(DISTINCT l.page_url) AS pages, count(*) AS appearances,
       min(l.seen_at) AS first_seen, max(l.seen_at) AS last_seen
FROM listings AS l LEFT JOIN articles AS a ON a.url = l.target_url
WHERE l.target_url IS NOT NULL
GROUP BY l.target_url, l.kind""",
    "CREATE VIRTUAL TABLE articles_grams USING fts5(grams, content='', detail='none', columnsize=0)",
)

# 7 -> 8: the statements that turn a version-7 archive into a version-8 one.
UPGRADE: tuple[str, ...] = (
    "ALTER TABLE pages ADD COLUMN template TEXT",
    'CREATE INDEX "idx_articles_site"\n    ON "articles" ("site")',
)


def upgrade(conn: sqlite3.Connection) -> None:
    """Migrate a version-7 archive to version 8 (inside the caller's transaction)."""
    for statement in UPGRADE:
        conn.execute(statement)
