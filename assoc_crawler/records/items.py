"""Items the spider yields; the pipeline hands each to the archive unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticleItem:
    """One article (all its pages merged), in the shape `archive.Archive.save_article` takes."""

    record: dict[str, Any]
    # its page had listing rows of two links that neither its own rules nor the site's link shapes, as the crawl
    # knew them then, could read (PageExtraction.unread_rows): consolidation reads it again (records.relist)
    rows_unread: bool = False


@dataclass
class PageItem:
    """A fetched page that is not an article (list, home, about ...), and the listing blocks seen on it."""

    url: str
    site: str
    page_type: str
    status: int | None
    listings: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None  # why extraction did not call it an article (service-url:login, many-links ...)
    raw: dict[str, Any] | None = None  # the response, kept (latest only) so that reextract can re-decide the page
    rows_unread: bool = False  # as ArticleItem.rows_unread


@dataclass
class ErrorItem:
    """A page that failed: HTTP error status, network failure, non-HTML or unusable response."""

    url: str
    error: str
    message: str = ""
    status: int | None = None
    requested_url: str | None = None  # the URL the crawl asked for, when a redirect led to `url`


@dataclass
class AliasItem:
    """A URL that redirected (or canonicalised) to an article already archived in this crawl."""

    url: str
    article_url: str
    reason: str = "redirect"


@dataclass
class RecheckItem:
    """A known article fetched again that answered 304 (unchanged) or 404/410 (withdrawn)."""

    url: str
    status: int


@dataclass
class FrontierItem:
    """URLs a page led the crawl to request, and the URL(s) whose handling is complete: the archive keeps
    requested-but-unanswered URLs so that a killed crawl's next run fetches them."""

    discovered: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


# every item class by name (what a message names; see assoc_crawler.distributed.codec)

ITEM_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    ArticleItem, PageItem, ErrorItem, AliasItem, RecheckItem, FrontierItem)}
