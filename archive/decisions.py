"""The page gate's decisions as the archive holds them, and the one correction a crawl may make to its own:
taking back an article it archived itself when the site's templates show the page is something else."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .connection import ArchiveConnection
from .grams import unindex_article
from .pages import _raw_dict
from .schema import PAGE_TYPES

SQL_DECISIONS = """
SELECT url, page_type, page_type_reason, template FROM pages
WHERE site = ? AND page_type IN ('article', 'list', 'other') ORDER BY url
"""
SQL_SITES = "SELECT DISTINCT site FROM pages WHERE site IS NOT NULL ORDER BY site"
SQL_LATEST_ARTICLE_TEXTS = """
SELECT url, body_text, field_methods, category FROM articles WHERE site = ? AND gone_at IS NULL
ORDER BY id DESC LIMIT ?
"""
SQL_LINES_TAKEN_OFF = """
SELECT url, field_methods, category FROM articles WHERE site = ? AND field_methods LIKE '%"body_removed"%'
"""
SQL_LATEST_ARTICLE_FIELDS = """
SELECT a.url, p.template, a.title, a.author, a.source, a.editor, coalesce(a.category, (
    SELECT l.label FROM listings AS l WHERE l.target_url = a.url AND l.label IS NOT NULL
    GROUP BY l.label ORDER BY count(*) DESC, l.label LIMIT 1))
FROM articles AS a JOIN pages AS p ON p.url = a.url
WHERE a.site = ? AND a.gone_at IS NULL AND a.page_count = 1 AND p.template IS NOT NULL ORDER BY a.id DESC LIMIT ?
"""
SQL_ARTICLES_WRITTEN = """
SELECT a.url, p.template FROM article_versions AS v
CROSS JOIN articles AS a ON a.id = v.article_id AND a.version = v.version
LEFT JOIN pages AS p ON p.url = a.url
WHERE v.crawl_id = ? AND a.site = ? AND a.gone_at IS NULL AND a.page_count = 1 ORDER BY a.id
"""
SQL_FIELDS_READ_AT_POSITIONS = """
SELECT p.template, a.field_methods FROM articles AS a JOIN pages AS p ON p.url = a.url
WHERE a.site = ? AND p.template IS NOT NULL AND instr(a.field_methods, '_position"') > 0
"""
SQL_LISTINGS_OF = "SELECT target_url, label FROM listings WHERE crawl_id = ? AND page_url = ? ORDER BY block, position"
SQL_ARTICLES_SEEN = "SELECT url FROM articles WHERE site = ? AND last_crawl_id = ? AND gone_at IS NULL ORDER BY id"
SQL_LATEST_PAGE_RAW = """
SELECT url, page_no, status, headers_json, encoding, body, fetched_at FROM raw_pages
WHERE url = ? AND page_no = 1 ORDER BY id DESC LIMIT 1
"""
SQL_NEW_ARTICLE = """
SELECT id, title, body_text FROM articles WHERE url = ? AND first_crawl_id = ? AND version = 1
"""
# Every row that names the article: its own rows go, the page's observations (listings, responses) stay.
SQL_RETRACT = (
    "DELETE FROM article_versions WHERE article_id = :id",
    "DELETE FROM images WHERE article_id = :id",
    "DELETE FROM attachments WHERE article_id = :id",
    "DELETE FROM article_aliases WHERE article_id = :id",
    "UPDATE listings SET article_id = NULL WHERE article_id = :id",
    "UPDATE raw_pages SET article_id = NULL WHERE article_id = :id",
    "UPDATE pages SET article_id = NULL, page_type = :type, page_type_reason = :reason "
    "WHERE article_id = :id OR url = :url",
    "DELETE FROM articles WHERE id = :id",
)


class GateDecisions(ArchiveConnection):
    """Methods of ``Archive`` for the page gate's decisions of a site."""

    _tally: dict[int, Counter[str]]  # per crawl: what this Archive object saved (set by Archive.__init__)

    def page_decisions(self, site: str) -> list[tuple[str, str, str | None, str | None]]:
        """(url, page_type, reason, template) of every page of ``site`` the gate decided (articles, lists, other
        pages)."""
        return [tuple(row) for row in self.conn.execute(SQL_DECISIONS, (site,))]

    def decided_sites(self) -> list[str]:
        """The sites whose pages the archive holds."""
        return [row[0] for row in self.conn.execute(SQL_SITES)]

    def latest_article_texts(self, site: str,
                             limit: int) -> list[tuple[str, str | None, dict[str, str], str | None]]:
        """(url, body_text, field_methods, category) of the ``limit`` articles of ``site`` archived last (not
        withdrawn)."""
        return [(url, body, json.loads(methods) if methods else {}, category)
                for url, body, methods, category in self.conn.execute(SQL_LATEST_ARTICLE_TEXTS, (site, limit))]

    def articles_with_lines_taken_off(self, site: str) -> list[tuple[str, dict[str, str], str | None]]:
        """(url, field_methods, category) of every article of ``site`` whose body lost lines its site repeats."""
        return [(url, json.loads(methods), category)
                for url, methods, category in self.conn.execute(SQL_LINES_TAKEN_OFF, (site,))]

    def latest_article_fields(self, site: str,
                              limit: int) -> list[tuple[str, str, str | None, dict[str, str | None]]]:
        """(url, template, title, {author, source, editor, category}) of the ``limit`` one-page articles of
        ``site`` archived last whose page has a template (see pages.template). An article without a category gets
        the label the site's listings give it most (its column, as the sidebars name it)."""
        return [(url, template, title, {"author": author, "source": source, "editor": editor, "category": category})
                for url, template, title, author, source, editor, category in self.conn.execute(
                    SQL_LATEST_ARTICLE_FIELDS, (site, limit))]

    def articles_written_by(self, crawl_id: int, site: str) -> list[tuple[str, str | None]]:
        """(url, template) of ``site``'s one-page articles (not withdrawn) whose current version crawl ``crawl_id``
        wrote (new or changed)."""
        return [(url, template) for url, template in self.conn.execute(SQL_ARTICLES_WRITTEN, (crawl_id, site))]

    def fields_read_at_positions(self, site: str) -> list[tuple[str, dict[str, str]]]:
        """(template, field_methods) of ``site``'s articles with a field read where their template prints it."""
        return [(template, json.loads(methods))
                for template, methods in self.conn.execute(SQL_FIELDS_READ_AT_POSITIONS, (site,))]

    def articles_seen_by(self, crawl_id: int, site: str) -> list[str]:
        """The URLs of ``site``'s articles (not withdrawn) that crawl ``crawl_id`` saved or confirmed last."""
        return [row[0] for row in self.conn.execute(SQL_ARTICLES_SEEN, (site, crawl_id))]

    def listings_of(self, crawl_id: int, page_url: str) -> list[tuple[str | None, str | None]]:
        """The (target_url, label) of the listing items crawl ``crawl_id`` stored for ``page_url``, in order."""
        return [tuple(row) for row in self.conn.execute(SQL_LISTINGS_OF, (crawl_id, page_url))]

    def latest_page_raw(self, url: str) -> dict[str, Any] | None:
        """The latest stored response of ``url`` ({url, page_no, status, headers, encoding, body, fetched_at}), or
        None."""
        row = self.conn.execute(SQL_LATEST_PAGE_RAW, (url,)).fetchone()
        return _raw_dict(*row) if row else None

    def retract_new_article(self, crawl_id: int, url: str, page_type: str, reason: str) -> bool:
        """Take back the article ``crawl_id`` itself archived first at ``url`` (version 1, never seen by an earlier
        crawl): the page becomes ``page_type`` with ``reason``; its response and listings stay. An article an
        earlier crawl archived is never taken back: returns False and changes nothing."""
        if page_type not in PAGE_TYPES or page_type == "article":
            raise ValueError(f"cannot retract into page type {page_type!r}")
        with self._transaction(f"retracting {url}") as conn:
            row = conn.execute(SQL_NEW_ARTICLE, (url, crawl_id)).fetchone()
            if row is None:
                return False
            article_id, title, body = row
            self._write_unindexed(conn, article_id)  # its index entries are there before they are taken out
            unindex_article(conn, article_id, title, body)
            for statement in SQL_RETRACT:
                conn.execute(statement, {"id": article_id, "type": page_type, "reason": reason, "url": url})
        tally = self._tally.get(crawl_id)
        if tally is not None and tally["articles_new"] > 0:
            tally["articles_new"] -= 1  # it is no longer new: it is no article
        return True
