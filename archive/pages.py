"""Pages and raw responses: the ``pages`` row of every URL a crawl fetched (its page type and last status) and
the stored responses (``raw_pages``, zlib-compressed; an unchanged body is not stored again)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from .connection import ArchiveConnection
from .errors import ArchiveError
from .schema import PAGE_TYPES
from .values import utc_now

ZLIB_LEVEL = 6

SQL_LATEST_RAW_SHA = "SELECT body_sha256 FROM raw_pages WHERE url = ? ORDER BY id DESC LIMIT 1"
# A page that is not (yet) an article keeps its latest response only, with no article; an article that a page
# turns out to be (a later crawl, or reextract with a better gate) claims it.
SQL_DROP_PAGE_RAW = "DELETE FROM raw_pages WHERE url = ? AND article_id IS NULL"
SQL_CLAIM_PAGE_RAW = "UPDATE raw_pages SET article_id = ? WHERE url = ? AND article_id IS NULL"
SQL_PAGES_WITH_RAW = """
SELECT p.url, p.site, p.page_type, r.page_no, r.status, r.headers_json, r.encoding, r.body, r.fetched_at
FROM pages AS p JOIN raw_pages AS r
    ON r.id = (SELECT max(id) FROM raw_pages WHERE url = p.url AND article_id IS NULL)
WHERE p.page_type IN ('list', 'other') AND (:site IS NULL OR p.site = :site)
ORDER BY p.url
"""
SQL_ARTICLES = "SELECT * FROM articles ORDER BY id"
SQL_ARTICLES_OF_SITE = "SELECT * FROM articles WHERE site = ? ORDER BY id"
SQL_LATEST_RAW_OF_ARTICLE = """
SELECT url, page_no, status, headers_json, encoding, body, fetched_at FROM raw_pages
WHERE id IN (SELECT max(id) FROM raw_pages WHERE article_id = ? GROUP BY page_no) ORDER BY page_no
"""
SQL_INSERT_RAW = """
INSERT INTO raw_pages (article_id, url, page_no, crawl_id, fetched_at, status, headers_json, encoding,
    body, body_sha256)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SQL_UPSERT_PAGE = """
INSERT INTO pages (url, site, page_type, article_id, first_seen_at, last_fetched_at, last_status,
    last_crawl_id, page_type_reason, template)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET site = coalesce(excluded.site, pages.site), page_type = excluded.page_type,
    page_type_reason = coalesce(excluded.page_type_reason, pages.page_type_reason),
    template = CASE WHEN ? THEN excluded.template ELSE pages.template END,
    article_id = coalesce(excluded.article_id, pages.article_id), last_fetched_at = excluded.last_fetched_at,
    last_status = excluded.last_status, last_crawl_id = excluded.last_crawl_id
"""


class RawPage(NamedTuple):
    """One response, ready to store: compressed body and the sha256 of the uncompressed one."""

    url: str
    page_no: int
    status: int | None
    headers_json: str | None
    encoding: str | None
    body: bytes
    sha256: str
    template: str | None = None  # the page's skeleton (see the pages table): its pages row takes it, None too


def _header_text(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("latin-1")
    if isinstance(value, list | tuple):
        return ", ".join(_header_text(v) for v in value)
    return str(value)


class PackedBody(NamedTuple):
    """A response body as the archive stores it: zlib-compressed, with the SHA-256 of the original bytes."""

    body_zlib: bytes
    sha256: str


def pack_body(body: bytes) -> PackedBody:
    """Compress and hash a response body the archive's way. A crawl may run it in another process (its
    extraction worker) and hand the result in as the raw page's ``body_zlib`` and ``sha256``."""
    return PackedBody(zlib.compress(body, ZLIB_LEVEL), hashlib.sha256(body).hexdigest())


def _packed(page: Mapping[str, Any], index: int, article_url: str) -> PackedBody:
    """The page's body packed: as handed in (``body_zlib`` + ``sha256``, packed by :func:`pack_body` elsewhere;
    then no ``body`` is needed), else packed now from its ``body``."""
    body_zlib, sha256 = page.get("body_zlib"), page.get("sha256")
    if isinstance(body_zlib, bytes) and isinstance(sha256, str) and len(sha256) == 64:
        return PackedBody(body_zlib, sha256)
    body = page.get("body")
    if isinstance(body, memoryview | bytearray):
        body = bytes(body)
    if not isinstance(body, bytes):
        raise ArchiveError(
            f"raw page {index} of {article_url}: 'body' must be the response bytes, got {type(body).__name__}"
        )
    return pack_body(body)


def prepare_raw_page(article_url: str, index: int, page: Mapping[str, Any]) -> RawPage:
    """Compress and hash one raw response (done before the transaction opens, to keep it short), unless the
    crawl packed it already."""
    headers = page.get("headers")
    headers_json = (
        json.dumps({str(k): _header_text(v) for k, v in headers.items()}, ensure_ascii=False) if headers else None
    )
    return RawPage(
        page.get("url") or article_url,
        page.get("page_no") or index,
        page.get("status"),
        headers_json,
        page.get("encoding"),
        *_packed(page, index, article_url),
        page.get("template") if isinstance(page.get("template"), str) else None,
    )


def _insert_raw_if_changed(conn: sqlite3.Connection, article_id: int | None, page: RawPage, crawl_id: int,
                           fetched_at: str) -> bool:
    """Store the response unless the latest one of its URL has the same body; True when stored."""
    latest = conn.execute(SQL_LATEST_RAW_SHA, (page.url,)).fetchone()
    if latest is not None and latest[0] == page.sha256:
        return False
    if article_id is None:
        conn.execute(SQL_DROP_PAGE_RAW, (page.url,))
    conn.execute(SQL_INSERT_RAW, (article_id, page.url, page.page_no, crawl_id, fetched_at, page.status,
                                  page.headers_json, page.encoding, page.body, page.sha256))
    return True


def store_article_pages(conn: sqlite3.Connection, article_id: int, url: str, site: str | None,
                        raw_pages: list[RawPage], crawl_id: int, fetched_at: str, reason: str | None) -> set[str]:
    """Write an article's pages: claim responses stored while its URLs were no article, store its new responses
    and upsert the ``pages`` rows. Returns the URLs of the pages fetched (none for a re-extraction)."""
    page_status: dict[str, int | None] = {url: raw_pages[0].status} if raw_pages else {}
    templates = {url: raw_pages[0].template} if raw_pages else {}
    for page_url in {url, *(page.url for page in raw_pages)}:
        conn.execute(SQL_CLAIM_PAGE_RAW, (article_id, page_url))
    for page in raw_pages:
        page_status.setdefault(page.url, page.status)
        templates.setdefault(page.url, page.template)
        _insert_raw_if_changed(conn, article_id, page, crawl_id, fetched_at)
    for page_url, code in page_status.items():
        conn.execute(SQL_UPSERT_PAGE, (page_url, site, "article", article_id, fetched_at, fetched_at, code,
                                       crawl_id, reason, templates.get(page_url), page_url in templates))
    return set(page_status)


def _raw_dict(url: str, page_no: int, status: int | None, headers: str | None, encoding: str | None,
              body: bytes, fetched_at: str) -> dict[str, Any]:
    """A stored response as handed back: headers parsed, body decompressed."""
    return {"url": url, "page_no": page_no, "status": status, "headers": json.loads(headers or "{}"),
            "encoding": encoding, "body": zlib.decompress(body), "fetched_at": fetched_at}


class PageStore(ArchiveConnection):
    """Methods of ``Archive`` for pages and their stored responses."""

    def record_page(
        self,
        crawl_id: int,
        url: str,
        site: str,
        page_type: str,
        status: int | None,
        article_id: int | None = None,
        reason: str | None = None,
        raw: Mapping[str, Any] | None = None,
    ) -> None:
        """Upsert the crawl-frontier row of ``url`` (page_type: 'article', 'list', 'other', 'error'; reason: why
        extraction gave it that type, so a researcher can see what the gate left out). ``raw`` (the response, in
        the shape of an article's raw page) is kept, latest only, so that ``reextract`` can re-decide the page."""
        if page_type not in PAGE_TYPES:
            raise ArchiveError(f"page_type must be one of {PAGE_TYPES}, got {page_type!r}")
        now = utc_now()
        if raw is None:
            row = (url, site, page_type, article_id, now, now, status, crawl_id, reason, None, False)
            self._execute(f"recording page {url}", SQL_UPSERT_PAGE, row)
            return
        page = prepare_raw_page(url, 1, raw)
        row = (url, site, page_type, article_id, now, now, status, crawl_id, reason, page.template, True)
        with self._transaction(f"recording page {url}") as conn:
            conn.execute(SQL_UPSERT_PAGE, row)
            _insert_raw_if_changed(conn, None, page, crawl_id, now)

    def pages_with_raw(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every page kept out of the articles (list, other) with its stored response: {url, site, page_type,
        raw: {url, page_no, status, headers, encoding, body (bytes), fetched_at}}. Streams, one at a time."""
        for url, page_site, page_type, page_no, status, headers, encoding, body, fetched_at in self.conn.execute(
                SQL_PAGES_WITH_RAW, {"site": site}):
            yield {"url": url, "site": page_site, "page_type": page_type,
                   "raw": _raw_dict(url, page_no, status, headers, encoding, body, fetched_at)}

    def articles_with_raw_pages(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every article (of one site, or all) with the latest stored raw response of each of its pages.

        Yields the article row as a dict plus ``raw_pages``: [{url, page_no, status, headers, encoding, body
        (decompressed bytes), fetched_at}] in page order. Streams: one article in memory at a time.
        """
        cursor = self.conn.execute(SQL_ARTICLES_OF_SITE, (site,)) if site else self.conn.execute(SQL_ARTICLES)
        columns = [d[0] for d in cursor.description]
        for values in cursor:
            article = dict(zip(columns, values, strict=True))
            pages = self.conn.execute(SQL_LATEST_RAW_OF_ARTICLE, (article["id"],)).fetchall()
            article["raw_pages"] = [_raw_dict(*page) for page in pages]
            yield article
