"""Pages read again with the site's link shapes, after a crawl (no network).

A listing row of two links ('会议与考察 | title', or the two side by side) holds the item and its column's link;
:func:`~assoc_crawler.extract.listing_items.pair_by_shape` tells them apart by the link shapes of the site's
articles and columns. A crawl learns those shapes as it decides pages (or from the archive, when it starts), so a
page it extracted before it knew (all of) them may have rows that neither its own rules nor the shapes it was given
could read (``PageExtraction.unread_rows``; the crawl's items say so): a column link may stand as an item, a sidebar
of such rows may be missed, the page may even look like a list of entries. After the crawl, those pages are
extracted again from their stored responses with the shapes of all the site's pages: their listings of this crawl
are replaced when they come out different, a one-page article whose text or fields come out different (a sidebar
it had taken for text) gets a new version, and a page that now reads as an article is handed back to be archived.
An article of several pages is left as it is (its listings are those of all its pages).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archive import Archive, ArchiveError, ArchiveUnwritable
from assoc_crawler.extract import ExtractionHints, PageExtraction, extract_page

from .article import listing_rows

logger = logging.getLogger(__name__)

__all__ = ["Relisting", "Reviser", "relist_pages"]

#: Gives an archived one-page article (``Archive.article_by_url``'s dict) a new version from its page read again
#: (the extraction and the stored response); True when it did.
Reviser = Callable[[dict[str, Any], PageExtraction, dict[str, Any]], bool]


@dataclass
class Relisting:
    """Pages whose listings changed, and the non-article pages that read as articles with the shapes known (their
    new listings, stored once they are archived)."""

    relisted: int = 0
    articles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def relist_pages(archive: Archive, site: str, crawl_id: int, hints: ExtractionHints, dry_run: bool = False,
                 unread: Iterable[str] = (), revise: Reviser | None = None) -> Relisting:
    """Extract again, with ``hints.link_shapes``, the pages of ``site`` crawl ``crawl_id`` could not read all
    listing rows of (``unread``; see the module docstring); store their new listings (unless ``dry_run``); hand a
    one-page article and its page read again to ``revise`` (a new version when its text or fields differ)."""
    done = Relisting()
    pages = sorted(set(unread))
    if not hints.link_shapes or not pages:
        return done
    for page_url in pages:
        try:
            article = archive.article_by_url(page_url)
            if article is not None and (article.get("page_count") or 1) > 1:
                continue  # its listings are those of all its pages: page 1 read again would lose the others'
            raw = _raw_of(archive, page_url)
            extraction = _extract_again(raw, hints) if raw is not None else None
            if extraction is None:
                continue
            rows = listing_rows(extraction)
            if extraction.page_type == "article" and article is None:
                done.articles[page_url] = rows
                continue
            changed = [(row["target_url"], row["label"]) for row in rows] != archive.listings_of(crawl_id, page_url)
            if changed and not dry_run:
                archive.save_listings(crawl_id, page_url, rows)
            revised = article is not None and revise is not None and revise(article, extraction, raw)
            done.relisted += changed or revised
        except ArchiveUnwritable:
            raise
        except ArchiveError as exc:  # the page keeps the listings it has; the others go on
            logger.warning("could not store the listings of %s read again: %s", page_url, exc)
    return done


def _raw_of(archive: Archive, page_url: str) -> dict[str, Any] | None:
    """The page's latest stored response, or None (none kept, or it cannot be read: logged)."""
    try:
        raw = archive.latest_page_raw(page_url)
    except ArchiveError:
        raise
    except Exception as exc:  # (a stored body that does not decompress)
        logger.warning("could not read the stored response of %s: %s", page_url, exc)
        return None
    return raw if raw is not None and raw["body"] is not None else None


def _extract_again(raw: dict[str, Any], hints: ExtractionHints) -> PageExtraction | None:
    """The page extracted from its stored response, or None (it fails: logged)."""
    try:
        return extract_page(raw["body"], raw["url"], raw["headers"], hints)
    except Exception as exc:  # one unreadable page keeps what it has
        logger.warning("could not read %s again with its site's link shapes: %s", raw["url"], exc)
        return None
