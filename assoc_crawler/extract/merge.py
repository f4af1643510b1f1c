"""One article from its pages: the extractions of a paginated article's pages merged in page order."""

from __future__ import annotations

from .model import ListingBlock, PageExtraction

__all__ = ["merge_pages"]


def merge_pages(pages: list[PageExtraction]) -> PageExtraction:
    """Merge the pages of one article (in page order) into one extraction keyed by the first page's URL."""
    if not pages:
        raise ValueError("merge_pages needs at least one page")
    pages = sorted(pages, key=lambda p: p.page_no)
    first = pages[0]
    if len(pages) == 1:
        return first
    merged = PageExtraction(**{**first.__dict__})
    merged.url = first.first_page_url
    merged.canonical_url = first.first_page_url
    merged.body_text = "\n".join(p.body_text for p in pages if p.body_text)
    merged.body_html = "".join(p.body_html for p in pages)
    merged.images = _unique_by_url([img for p in pages for img in p.images])
    merged.attachments = _unique_by_url([a for p in pages for a in p.attachments])
    for name in ("title", "published_at", "source", "author", "editor", "category", "lang"):
        if getattr(merged, name) is None:
            setattr(merged, name, next((getattr(p, name) for p in pages if getattr(p, name)), None))
    blocks: list[ListingBlock] = []
    signatures: set[tuple] = set()
    for page in pages:
        for block in page.listings:
            signature = (block.kind, block.heading, tuple(item.target_url for item in block.items))
            if signature in signatures:
                continue
            signatures.add(signature)
            blocks.append(ListingBlock(block.heading, block.kind, len(blocks), list(block.items)))
    merged.listings = blocks
    merged.links = list(dict.fromkeys(link for p in pages for link in p.links))
    merged.page_no = 1
    return merged


def _unique_by_url(items: list) -> list:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out
