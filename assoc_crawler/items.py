"""Items the spider yields; the pipeline hands each to the archive unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticleItem:
    """One article (all its pages merged), in the shape `archive.Archive.save_article` takes."""

    record: dict[str, Any]


@dataclass
class PageItem:
    """A fetched page that is not an article (list, home, about ...), and the listing blocks seen on it."""

    url: str
    site: str
    page_type: str
    status: int | None
    listings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ErrorItem:
    """A page that failed: HTTP error status, network failure, non-HTML or unusable response."""

    url: str
    error: str
    message: str = ""
    status: int | None = None


@dataclass
class AliasItem:
    """A URL that redirected (or canonicalised) to an article already archived in this crawl."""

    url: str
    article_url: str
    reason: str = "redirect"
