"""Multi-page articles: the pages fetched so far, the ones still to fetch, and the merged article item."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from assoc_crawler.extract import PageExtraction, merge_pages
from assoc_crawler.extract.template_lines import apply_template_lines
from assoc_crawler.records.article import article_record
from assoc_crawler.records.items import ArticleItem


@dataclass
class FetchedPage:
    """One fetched page of an article: its extraction and the raw response to keep."""

    extraction: PageExtraction
    raw: dict[str, Any]


@dataclass
class MultiPageArticle:
    """An article whose pages are being fetched one after another."""

    pages: list[FetchedPage]
    remaining: list[str]
    aliases: list[dict[str, str]] = field(default_factory=list)
    validators: dict[str, str | None] = field(default_factory=dict)
    requested_url: str = ""  # the URL the crawl requested for page 1 (leaves the frontier once archived)
    link_depth: int = 0  # page 1's link depth: links of the other pages are followed from there


def article_item(pages: list[FetchedPage], aliases: list[dict[str, str]], validators: dict[str, str | None],
                 site: str, pending_aliases: dict[str, list[dict[str, str]]],
                 template_lines: dict[str, frozenset[str]] | None = None) -> ArticleItem:
    """The article of these pages merged, with its aliases (and those that arrived while its pages were being
    fetched: taken out of ``pending_aliases``), without the lines its site's template repeats."""
    if template_lines:  # page by page: every page of an article of several carries the site's lines
        for page in pages:
            apply_template_lines(page.extraction, template_lines)
    merged = merge_pages([p.extraction for p in pages])
    aliases = aliases + pending_aliases.pop(merged.first_page_url, [])
    record = article_record(
        merged, site=site, page_count=len(pages), aliases=aliases, validators=validators,
        fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), raw_pages=[p.raw for p in pages],
    )
    return ArticleItem(record=record, rows_unread=merged.unread_rows > 0)
