"""Pages read again with the site's link shapes, after a crawl (no network).

A listing row of two links ('会议与考察 | title', or the two side by side) holds the item and its column's link;
:func:`~assoc_crawler.extract.listing_items.pair_by_shape` tells them apart by the link shapes of the site's
articles and columns. A crawl learns those shapes as it decides pages (or from the archive, when it starts), so a
page it extracted before it knew (all of) them may have rows that neither its own rules nor the shapes it was given
could read (``PageExtraction.unread_rows``; the crawl's items say so): a column link may stand as an item, a sidebar
of such rows may be missed, the page may even look like a list of entries. After the crawl, those pages are
extracted again from their stored responses with the shapes of all the site's pages: their listings of this crawl
are replaced when they come out different, and a page that now reads as an article is handed back to be archived.
An article of several pages keeps its listings (they are those of all its pages).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from archive import Archive, ArchiveError, ArchiveUnwritable
from assoc_crawler.extract import ExtractionHints, PageExtraction, extract_page

from .article import listing_rows

logger = logging.getLogger(__name__)

__all__ = ["Relisting", "relist_pages"]


@dataclass
class Relisting:
    """Pages whose listings changed, and the non-article pages that read as articles with the shapes known (their
    new listings, stored once they are archived)."""

    relisted: int = 0
    articles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def relist_pages(archive: Archive, site: str, crawl_id: int, hints: ExtractionHints, dry_run: bool = False,
                 unread: Iterable[str] = ()) -> Relisting:
    """Extract again, with ``hints.link_shapes``, the pages of ``site`` crawl ``crawl_id`` could not read all
    listing rows of (``unread``; see the module docstring); store their new listings (unless ``dry_run``)."""
    done = Relisting()
    pages = sorted(set(unread))
    if not hints.link_shapes or not pages:
        return done
    for page_url in pages:
        try:
            article = archive.article_by_url(page_url)
            if article is not None and (article.get("page_count") or 1) > 1:
                continue  # its listings are those of all its pages: page 1 read again would lose the others'
            extraction = _extract_again(archive, page_url, hints)
            if extraction is None:
                continue
            rows = listing_rows(extraction)
            if extraction.page_type == "article" and article is None:
                done.articles[page_url] = rows
            elif [(row["target_url"], row["label"]) for row in rows] != archive.listings_of(crawl_id, page_url):
                if not dry_run:
                    archive.save_listings(crawl_id, page_url, rows)
                done.relisted += 1
        except ArchiveUnwritable:
            raise
        except ArchiveError as exc:  # the page keeps the listings it has; the others go on
            logger.warning("could not store the listings of %s read again: %s", page_url, exc)
    return done


def _extract_again(archive: Archive, page_url: str, hints: ExtractionHints) -> PageExtraction | None:
    """The page extracted from its latest stored response, or None (no response kept, or it fails: logged)."""
    try:
        raw = archive.latest_page_raw(page_url)
        if raw is None or raw["body"] is None:
            return None
        return extract_page(raw["body"], raw["url"], raw["headers"], hints)
    except ArchiveUnwritable:
        raise
    except Exception as exc:  # one unreadable page keeps what it has
        logger.warning("could not read %s again with its site's article URL shapes: %s", page_url, exc)
        return None
