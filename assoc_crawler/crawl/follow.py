"""Which links of a page a crawl follows: every new one on a first (or --full) crawl; on a later one, the
incremental policy that reads lists from the newest page back and leaves known pages alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from archive import CrawlState
from assoc_crawler.extract import PageExtraction
from assoc_crawler.extract.urls import url_pattern
from assoc_crawler.records.writer import Stats


@dataclass(frozen=True)
class Link:
    """A link to request, at its link depth (a list's next pages keep the list's depth), with request meta."""

    url: str
    depth: int
    meta: dict[str, Any] | None = None


def links_to_follow(extraction: PageExtraction, depth: int, state: CrawlState, incremental: bool, stats: Stats,
                    is_new: Callable[[str], bool], stale_pages: int = 0, pages_past_known: int = 0) -> Iterator[Link]:
    """The page's links to request. Known articles are never requested from links: the ones due for a recheck
    were scheduled from the archive at the start. A first or --full crawl follows every other link. A later crawl
    also skips known pages other than list pages, and follows a list's pager only from a page that links to
    something new, and then only to the next page: lists are read from the newest page back until one holds
    nothing new (and ``pages_past_known`` more; ``stale_pages`` counts those). ``is_new``: not yet requested
    and in scope. Lazy: each link is decided when the caller asks for it."""
    if not incremental:
        yield from _all_new_links(extraction, depth, state, stats)
    else:
        yield from _incremental_links(extraction, depth, state, stats, is_new, stale_pages, pages_past_known)


def _all_new_links(extraction: PageExtraction, depth: int, state: CrawlState, stats: Stats) -> Iterator[Link]:
    """A first or --full crawl: every link but known articles (an alias is followed again: its URL may hold
    another article now). A list's own pages are one level, however they are linked: its pager, and links of a
    list page to pages of its own URL shape, keep the list's depth."""
    pager = set(extraction.pager_links)
    own_shape = url_pattern(extraction.canonical_url) if extraction.page_type == "list" else None
    for link in extraction.links:
        if link in state.article_urls and link not in state.alias_urls:
            stats.inc_value("incremental/skipped_known_article")
            continue
        same_level = link in pager or (own_shape is not None and url_pattern(link) == own_shape)
        yield Link(link, depth if same_level else depth + 1)


def _incremental_links(extraction: PageExtraction, depth: int, state: CrawlState, stats: Stats,
                       is_new: Callable[[str], bool], stale_pages: int, pages_past_known: int) -> Iterator[Link]:
    """A later crawl: new links, known list pages and stale known pages; the pager only while the list is new."""
    pager = set(extraction.pager_links)
    known_articles, page_types = state.article_urls, state.page_types
    fresh = any(link not in known_articles and link not in page_types and link not in pager and is_new(link)
                for link in extraction.links)
    read_on = fresh or stale_pages < pages_past_known
    for link in extraction.links:
        if link in pager:
            if not read_on or (extraction.next_page_url and link != extraction.next_page_url):
                stats.inc_value("incremental/skipped_pager")
                continue
            yield Link(link, depth, {"stale_pages": 0 if fresh else stale_pages + 1})
            continue
        if link in known_articles:
            stats.inc_value("incremental/skipped_known_article")
            continue
        if page_types.get(link, "list") != "list" and link not in state.stale_pages:
            stats.inc_value("incremental/skipped_known_page")  # fetched lately; again once it is stale
            continue
        yield Link(link, depth + 1)
