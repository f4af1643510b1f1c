"""Articles and their versions: ``save_article`` (with its images and attachments), content hashing, and the
history kept in ``article_versions`` (every version, the current one included).

Input is plain dicts; nothing here knows about Scrapy. ``save_article`` takes::

    {"url": str,                       # canonical first-page URL (required)
     "aliases": [{"url", "reason"}],   # reason: 'redirect' (default) | 'canonical' | 'variant'
     "site", "title", "published_at", "source", "author", "editor", "category", "body_text",
     "body_html", "lang", "encoding",  # stored as given (published_at is not converted to UTC)
     "field_methods", "page_type_reason",
     "page_count": int,                # default: number of distinct raw page numbers, else 1
     "extractor_version", "etag", "last_modified",
     "fetched_at": ISO 8601 str,       # normalised to UTC; default: now
     "images": [{"url", "alt", "caption"}],         # position = 1-based order unless given
     "attachments": [{"url", "text"}],              # file_type guessed from the URL or the link text
     "listings": [{"heading", "kind", "block", "position", "target_url", "title", "label", "teaser"}],
     "raw_pages": [{"url", "page_no", "status", "headers": {str: str}, "encoding", "body": bytes}]}

Missing optional keys are fine.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .connection import ArchiveConnection
from .errors import ArchiveError
from .grams import index_article, unindex_article
from .identity import add_aliases, prepare_aliases
from .incremental import forget_requested
from .listings import insert_listings, prepare_listings
from .moves import locate_for_save, merge_redirected_rows
from .pages import RawPage, prepare_raw_page, store_article_pages
from .schema import CONTENT_COLUMNS
from .values import to_utc_iso, utc_now

# Fields whose normalised values make up content_hash. Anything else (body_html, images, validators)
# can change without creating a new version.
HASH_FIELDS = ("title", "published_at", "source", "author", "editor", "category", "body_text")

# Characters of body text from which two articles of a site with the same content hash are taken for one (shorter
# texts, a one-sentence notice, can repeat word for word across articles).
CONTENT_MATCH_CHARS = 200

# Extensions of dynamic download endpoints: they say nothing about the attachment's file type.
_SCRIPT_EXTENSIONS = frozenset({"jsp", "php", "asp", "aspx", "do", "action", "cgi", "htm", "html", "shtml"})
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})\s*$")
_WHITESPACE = re.compile(r"\s+")

_CONTENT_COLS = ", ".join(CONTENT_COLUMNS)
_CONTENT_PARAMS = ", ".join(f":{c}" for c in CONTENT_COLUMNS)
# How a save that (re)confirms an article moves its check and withdrawal marks (shared by both updates).
_CONFIRMED = """last_seen_at = max(last_seen_at, :fetched_at), last_crawl_id = :crawl_id,
    last_checked_at = coalesce(max(last_checked_at, :checked_at), last_checked_at, :checked_at),
    gone_at = CASE WHEN :checked_at IS NULL THEN gone_at END,
    gone_status = CASE WHEN :checked_at IS NULL THEN gone_status END"""

# --- SQL: prepared once by sqlite3's statement cache, no schema introspection on the hot path ---------

SQL_INDEXED_TEXT = "SELECT title, body_text FROM articles WHERE id = ?"
SQL_INSERT_ARTICLE = f"""
INSERT INTO articles (url, site, {_CONTENT_COLS}, content_hash, version, extractor_version, etag,
    last_modified, first_seen_at, last_seen_at, changed_at, last_checked_at, first_crawl_id, last_crawl_id)
VALUES (:url, :site, {_CONTENT_PARAMS}, :content_hash, 1, :extractor_version, :etag,
    :last_modified, :fetched_at, :fetched_at, :fetched_at, :checked_at, :crawl_id, :crawl_id)
"""
SQL_UPDATE_ARTICLE_UNCHANGED = f"""
UPDATE articles SET etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, last_modified),
    {_CONFIRMED}
WHERE id = :id
"""
SQL_UPDATE_ARTICLE_CHANGED = (
    "UPDATE articles SET site = coalesce(site, :site), "
    + ", ".join(f"{c} = :{c}" for c in CONTENT_COLUMNS)
    + f""", content_hash = :content_hash, version = :version, extractor_version = :extractor_version,
    etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, last_modified),
    changed_at = :fetched_at, {_CONFIRMED}
WHERE id = :id"""
)
SQL_INSERT_VERSION = f"""
INSERT INTO article_versions (article_id, version, {_CONTENT_COLS}, content_hash, extractor_version,
    images_json, attachments_json, fetched_at, crawl_id)
VALUES (:id, :version, {_CONTENT_PARAMS}, :content_hash, :extractor_version,
    :images_json, :attachments_json, :fetched_at, :crawl_id)
"""
# Safety net before an article row is overwritten: copy its current content to article_versions unless
# that version is already there (it normally is, every version is written when it becomes current).
SQL_SNAPSHOT_CURRENT = f"""
INSERT OR IGNORE INTO article_versions (article_id, version, {_CONTENT_COLS}, content_hash,
    extractor_version, images_json, attachments_json, fetched_at, crawl_id)
SELECT id, version, {_CONTENT_COLS}, content_hash, extractor_version,
    (SELECT json_group_array(json_object('position', position, 'url', url, 'alt', alt, 'caption', caption))
     FROM (SELECT position, url, alt, caption FROM images WHERE article_id = :id ORDER BY position)),
    (SELECT json_group_array(json_object('position', position, 'url', url, 'text', text,
                                         'file_type', file_type))
     FROM (SELECT position, url, text, file_type FROM attachments WHERE article_id = :id ORDER BY position)),
    changed_at, last_crawl_id
FROM articles WHERE id = :id
"""
SQL_DELETE_IMAGES = "DELETE FROM images WHERE article_id = ?"
SQL_DELETE_ATTACHMENTS = "DELETE FROM attachments WHERE article_id = ?"
SQL_INSERT_IMAGE = "INSERT INTO images (article_id, position, url, alt, caption) VALUES (?, ?, ?, ?, ?)"
SQL_INSERT_ATTACHMENT = (
    "INSERT INTO attachments (article_id, position, url, text, file_type) VALUES (?, ?, ?, ?, ?)"
)


def _normalise_text(value: Any) -> str:
    return "" if value is None else _WHITESPACE.sub(" ", str(value)).strip()


def content_hash(article: Mapping[str, Any]) -> str:
    """sha256 hex of the article's identity-relevant text: ``HASH_FIELDS``, whitespace runs collapsed.

    ``None`` and ``""`` hash alike; leading and trailing whitespace is ignored.
    """
    payload = {field: _normalise_text(article.get(field)) for field in HASH_FIELDS}
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def file_type_of(url: str | None, text: str | None = None) -> str | None:
    """Guess an attachment's file type (lower-case extension such as ``'pdf'``) from its URL or link text."""
    candidates: list[str] = []
    if url:
        parts = urlsplit(url)
        candidates += [unquote(parts.path), unquote(parts.query)]
    if text:
        candidates.append(text)
    for candidate in candidates:
        match = _EXTENSION.search(candidate)
        if match and match.group(1).lower() not in _SCRIPT_EXTENSIONS:
            return match.group(1).lower()
    return None


@dataclass(frozen=True)
class SaveResult:
    """Outcome of ``Archive.save_article``: the article's id, ``'new' | 'changed' | 'unchanged'``, the
    article's (current) version number, the URL its row moved from (`archive.identity`, rule 4) if it did, and
    how many URLs became its aliases."""

    article_id: int
    status: str
    version: int
    moved_from: str | None = None
    aliases_added: int = 0
    merged: int = 0  # rows of URLs that redirected to it, merged into it


@dataclass
class _PreparedArticle:
    """An article's rows, built before the transaction opens (to keep it short)."""

    url: str
    params: dict[str, Any]  # the named parameters of the articles and article_versions statements
    images: list[tuple]  # (position, url, alt, caption)
    attachments: list[tuple]  # (position, url, text, file_type)
    raw_pages: list[RawPage]
    aliases: list[tuple[str, str]]
    listings: list[Mapping[str, Any]] | None


def _positioned(items: Iterable[Mapping[str, Any]] | None) -> list[tuple[int, Mapping[str, Any]]]:
    """(position, item) pairs: an item's own 'position' or its 1-based index."""
    return [(item.get("position") or index, item) for index, item in enumerate(items or [], 1)]


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _media_of(article: Mapping[str, Any]) -> tuple[list[tuple], list[tuple]]:
    """The article's images and attachments as rows (attachment file types guessed where not given)."""
    images = [(pos, img.get("url"), img.get("alt"), img.get("caption"))
              for pos, img in _positioned(article.get("images"))]
    attachments = [(pos, att.get("url"), att.get("text"),
                    att.get("file_type") or file_type_of(att.get("url"), att.get("text")))
                   for pos, att in _positioned(article.get("attachments"))]
    return images, attachments


def _prepare_article(crawl_id: int, article: Mapping[str, Any]) -> _PreparedArticle:
    """Check the article dict and build its rows (raises ArchiveError for invalid input)."""
    url = article.get("url")
    if not isinstance(url, str) or not url:
        raise ArchiveError(f"an article needs a non-empty 'url', got {url!r}")
    fetched_at = to_utc_iso(article.get("fetched_at")) or utc_now()
    images, attachments = _media_of(article)
    raw_pages = [prepare_raw_page(url, index, page) for index, page in enumerate(article.get("raw_pages") or [], 1)]
    params: dict[str, Any] = {c: article.get(c) for c in CONTENT_COLUMNS}
    params.update(
        url=url,
        site=article.get("site"),
        page_count=article.get("page_count") or len({page.page_no for page in raw_pages}) or 1,
        content_hash=content_hash(article),
        extractor_version=article.get("extractor_version"),
        etag=article.get("etag"),
        last_modified=article.get("last_modified"),
        fetched_at=fetched_at,
        checked_at=fetched_at if raw_pages else None,  # re-extraction fetches nothing, so checks nothing
        crawl_id=crawl_id,
        images_json=_compact_json([{"position": p, "url": u, "alt": a, "caption": c} for p, u, a, c in images]),
        attachments_json=_compact_json(
            [{"position": p, "url": u, "text": t, "file_type": f} for p, u, t, f in attachments]),
    )
    return _PreparedArticle(url, params, images, attachments, raw_pages, prepare_aliases(article.get("aliases")),
                            prepare_listings(article.get("listings")))


def _insert_media(conn: sqlite3.Connection, article_id: int, images: list[tuple], attachments: list[tuple]) -> None:
    if images:
        conn.executemany(SQL_INSERT_IMAGE, [(article_id, *image) for image in images])
    if attachments:
        conn.executemany(SQL_INSERT_ATTACHMENT, [(article_id, *att) for att in attachments])


def _insert_new(conn: sqlite3.Connection, prepared: _PreparedArticle) -> tuple[int, str, int, str]:
    """Insert a new article as version 1 (not indexed yet: see save_article); (id, canonical url, version,
    status)."""
    params = prepared.params
    article_id = int(conn.execute(SQL_INSERT_ARTICLE, params).lastrowid or 0)
    params.update(id=article_id, version=1)
    conn.execute(SQL_INSERT_VERSION, params)
    _insert_media(conn, article_id, prepared.images, prepared.attachments)
    return article_id, prepared.url, 1, "new"


def _update_known(conn: sqlite3.Connection, prepared: _PreparedArticle,
                  found: tuple[int, str, int, str]) -> tuple[int, str, int, str]:
    """Confirm an unchanged article, or write the next version of a changed one; (id, canonical url, version,
    status)."""
    article_id, canonical_url, old_version, old_hash = found
    params = prepared.params
    params["id"] = article_id
    if old_hash == params["content_hash"]:
        conn.execute(SQL_UPDATE_ARTICLE_UNCHANGED, params)
        return article_id, canonical_url, old_version, "unchanged"
    params["version"] = version = old_version + 1
    old_title, old_body = conn.execute(SQL_INDEXED_TEXT, (article_id,)).fetchone()
    unindex_article(conn, article_id, old_title, old_body)
    index_article(conn, article_id, params["title"], params["body_text"])
    conn.execute(SQL_SNAPSHOT_CURRENT, {"id": article_id})
    conn.execute(SQL_UPDATE_ARTICLE_CHANGED, params)
    conn.execute(SQL_INSERT_VERSION, params)
    conn.execute(SQL_DELETE_IMAGES, (article_id,))
    conn.execute(SQL_DELETE_ATTACHMENTS, (article_id,))
    _insert_media(conn, article_id, prepared.images, prepared.attachments)
    return article_id, canonical_url, version, "changed"


class ArticleStore(ArchiveConnection):
    """The method of ``Archive`` that archives an article."""

    _tally: dict[int, Counter[str]]  # per crawl: what this Archive object saved (set by Archive.__init__)

    def save_article(self, crawl_id: int, article: Mapping[str, Any]) -> SaveResult:
        """Archive one extracted article (all its pages) in one transaction; dict format: module docstring.

        New url: insert version 1. Same ``content_hash`` as stored: only last_seen_at, last_crawl_id and
        the validators (etag, last_modified) change. Different hash: the version goes up by one, the new
        content replaces the row (every version, the current one included, is kept in
        article_versions) and images/attachments are replaced. A url that is a known alias saves to its
        article. Aliases, raw pages, the pages rows and the page's listings are written too.
        Raises ``ArchiveError`` (after rolling everything back) if anything fails.
        """
        prepared = _prepare_article(crawl_id, article)
        url, params = prepared.url, prepared.params
        fetched_at = params["fetched_at"]
        with self._transaction(f"saving article {url}") as conn:
            redirects = [alias_url for alias_url, reason in prepared.aliases if reason == "redirect"]
            matchable = len(params.get("body_text") or "") >= CONTENT_MATCH_CHARS and not prepared.attachments
            found, moved_from, url_is_alias = locate_for_save(conn, url, params["site"], params["title"],
                                                              params["content_hash"], redirects, fetched_at,
                                                              matchable)
            if url_is_alias:
                prepared.aliases.append((url, "variant"))
            if found is None:
                article_id, canonical_url, version, status = _insert_new(conn, prepared)
                self._index_new_article(conn, (article_id, params["title"], params["body_text"]))
            else:
                self._write_unindexed(conn, found[0])  # its index entries are there before its text changes
                article_id, canonical_url, version, status = _update_known(conn, prepared, found)
            merged = merge_redirected_rows(conn, article_id, params["site"], redirects, fetched_at,
                                           lambda other: self._write_unindexed(conn, other))
            added = add_aliases(conn, article_id, canonical_url, prepared.aliases, fetched_at)
            page_urls = store_article_pages(conn, article_id, url, params["site"], prepared.raw_pages, crawl_id,
                                            fetched_at, params["page_type_reason"])
            if prepared.raw_pages:  # answered: these URLs leave the frontier (re-extraction fetched nothing)
                forget_requested(conn, {url, *page_urls, *(alias_url for alias_url, _ in prepared.aliases)})
            if prepared.listings is not None:
                insert_listings(conn, crawl_id, canonical_url, prepared.listings, article_id, fetched_at)
        self._tally.setdefault(crawl_id, Counter())[f"articles_{status}"] += 1
        return SaveResult(article_id=article_id, status=status, version=version, moved_from=moved_from,
                          aliases_added=added, merged=merged)
