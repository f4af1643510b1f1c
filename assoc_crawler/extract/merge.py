"""One article from its pages: the extractions of a paginated article's pages merged in page order."""

from __future__ import annotations

from .model import ListingBlock, PageExtraction
from .template_lines import record_removed, removed_lines

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
    merged.field_methods = dict(first.field_methods)
    for name in ("title", "published_at", "source", "author", "editor", "category", "lang"):
        if getattr(merged, name) is None:
            page = next((p for p in pages if getattr(p, name)), None)
            setattr(merged, name, getattr(page, name) if page else None)
            if page is not None:  # how the page that gave the field found it (and where, for a position)
                merged.field_methods.update({key: value for key, value in page.field_methods.items()
                                             if key in (name, f"{name}_position")})
    for page in pages[1:]:  # the lines each page's body lost to its template: the learning's evidence
        removed = tuple(line for line in removed_lines(page.field_methods)
                        if line not in removed_lines(merged.field_methods))
        if removed:
            record_removed(merged.field_methods, removed)
    merged.unread_rows = sum(p.unread_rows for p in pages)
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
