"""The article record handed to the archive, built from an extraction (shared by the spider and reextract)."""

from __future__ import annotations

import json
from typing import Any

from assoc_crawler.extract import EXTRACTOR_VERSION, PageExtraction
from assoc_crawler.extract.template_lines import record_removed

#: The columns of an archived article that its record carries over unchanged (see stripped_record).
RECORD_COLUMNS = ("url", "site", "title", "published_at", "source", "author", "editor", "category", "lang",
                  "encoding", "page_count", "page_type_reason", "extractor_version", "etag", "last_modified")


def article_record(
    merged: PageExtraction,
    *,
    site: str,
    page_count: int,
    fetched_at: str,
    aliases: list[dict[str, str]] | None = None,
    validators: dict[str, str | None] | None = None,
    raw_pages: list[dict[str, Any]] | None = None,
    with_listings: bool = True,
) -> dict[str, Any]:
    """The dict `archive.Archive.save_article` takes, for one (merged) article."""
    validators = validators or {}
    record: dict[str, Any] = {
        "url": merged.first_page_url,
        "aliases": aliases or [],
        "site": site,
        "title": merged.title,
        "published_at": merged.published_at,
        "source": merged.source,
        "author": merged.author,
        "editor": merged.editor,
        "category": merged.category,
        "body_text": merged.body_text,
        "body_html": merged.body_html,
        "lang": merged.lang,
        "encoding": merged.encoding,
        "page_count": page_count,
        "field_methods": json.dumps(merged.field_methods, ensure_ascii=False, sort_keys=True),
        "page_type_reason": merged.page_type_reason or None,
        "extractor_version": EXTRACTOR_VERSION,
        "etag": validators.get("etag"),
        "last_modified": validators.get("last_modified"),
        "fetched_at": fetched_at,
        "images": [{"url": i.url, "alt": i.alt, "caption": i.caption} for i in merged.images],
        "attachments": [{"url": a.url, "text": a.text} for a in merged.attachments],
        "raw_pages": raw_pages or [],
    }
    if with_listings:
        record["listings"] = listing_rows(merged)
    return record


def page_article_record(extraction: PageExtraction, *, site: str, url: str, raw: dict[str, Any],
                        validators: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The record of a page archived (again) from its stored response ``raw`` under ``url`` (by reextract or
    consolidation), with the article's ``validators`` if it is one. No listings: they were recorded when it was
    fetched."""
    raw = {**raw, "template": extraction.template}  # (the stored response's own skeleton, as extracted now)
    record = article_record(extraction, site=site, page_count=1, fetched_at=raw["fetched_at"], raw_pages=[raw],
                            validators=validators, with_listings=False)
    record["url"] = url
    return record


def stripped_record(article: dict[str, Any], body_text: str, body_html: str, removed: tuple[str, ...],
                    author: str | None = None) -> dict[str, Any]:
    """The record of an archived article (``Archive.article_by_url``'s dict) with a new body: its lines in
    ``removed`` taken off (and added to its ``field_methods``' body_removed), and ``author`` (a byline that stood
    beside them) when it had none. Nothing is fetched: no raw pages, no listings."""
    methods = json.loads(article.get("field_methods") or "{}")
    record_removed(methods, removed)
    values = {"author": author} if author and not article.get("author") else {}
    record = revised_record(article, values, methods, "byline:site-template")
    record.update(body_text=body_text, body_html=body_html if article.get("body_html") is not None else None)
    return record


def revised_record(article: dict[str, Any], values: dict[str, str], methods: dict[str, str] | None = None,
                   method: str = "template-position", extra_methods: dict[str, str] | None = None) -> dict[str, Any]:
    """The record of an archived article (``Archive.article_by_url``'s dict) with the field ``values`` it lacked,
    found by ``method`` (recorded in its ``field_methods``, with ``extra_methods``). Nothing is fetched: no raw
    pages, no listings."""
    methods = dict(json.loads(article.get("field_methods") or "{}") if methods is None else methods)
    methods.update(extra_methods or {})
    record = {name: article.get(name) for name in RECORD_COLUMNS}
    for name, value in values.items():
        record[name], methods[name] = value, method
    record.update(body_text=article.get("body_text"), body_html=article.get("body_html"), raw_pages=[],
                  field_methods=json.dumps(methods, ensure_ascii=False, sort_keys=True),
                  fetched_at=article.get("last_seen_at") or article.get("first_seen_at"),
                  images=[{k: i.get(k) for k in ("url", "alt", "caption")} for i in article.get("images") or []],
                  attachments=[{k: a.get(k) for k in ("url", "text")} for a in article.get("attachments") or []])
    return record


def listing_rows(extraction: PageExtraction) -> list[dict[str, Any]]:
    """One row per listing item, in the shape of the archive's `listings` table."""
    return [
        {"heading": block.heading, "kind": block.kind, "block": block.block, "position": item.position,
         "target_url": item.target_url, "title": item.title, "label": item.label, "teaser": item.teaser}
        for block in extraction.listings
        for item in block.items
    ]
