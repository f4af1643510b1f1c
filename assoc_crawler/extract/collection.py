"""A collection's entries: below the headline, four blocks or more of one template (cards, rows, list items) each
holding a link or a picture, outside the page's boxes (navigation, sidebars, footers, listing boxes). A page
headed by a collection's name (Member Directory, Resource Library, Photo Gallery, Events, 图片新闻) whose text is
outweighed by such entries is the collection's index, not a story (classify.py reads both)."""

from __future__ import annotations

from lxml import etree

from .dom import Document
from .own_list import entry_runs

_ENTRY_SHARE = 0.75  # of a run's entries holding a link or a picture
_MIN_CELLS = 4
_TEXT_TAGS = frozenset({"p", "br", "span", "em", "strong", "b", "i"})  # paragraphs of a story, not entries


def collection_chars(doc: Document, boxes: list[tuple[int, int]], title_index: int) -> int:
    """Characters of the largest run of entries below the headline most of which hold a link (to a page or a file)
    or a picture; 0 when there is none. Runs of paragraphs do not count: a story's paragraphs may each hold a
    link."""
    best = 0
    for run in [*entry_runs(doc, boxes, title_index), *_grid_cells(doc, boxes, title_index)]:
        if run[0].tag in _TEXT_TAGS:
            continue
        linked = sum(1 for entry in run if _links_or_shows(entry))
        if linked >= _ENTRY_SHARE * len(run):
            best = max(best, sum(doc.chars[doc.index[entry]] for entry in run))
    return best


def _grid_cells(doc: Document, boxes: list[tuple[int, int]], title_index: int) -> list[list[etree._Element]]:
    """The cells of tables laid out as grids below the headline (an old site's photo albums, three to a row): rows of
    two cells or more, the same number in each, four cells or more in all."""
    masked = doc.mask(boxes)
    grids = []
    for table in doc.body.iter("table"):
        i = doc.index[table]
        if i <= title_index or masked[i]:
            continue
        rows = table.findall("./tr") + table.findall("./tbody/tr")
        widths = {len(row.findall("./td")) for row in rows}
        if len(rows) >= 2 and len(widths) == 1 and min(widths) >= 2:
            cells = [cell for row in rows for cell in row.findall("./td") if doc.chars[doc.index[cell]]]
            if len(cells) >= _MIN_CELLS:
                grids.append(cells)
    return grids


def _links_or_shows(entry: etree._Element) -> bool:
    """Whether an entry holds a link, a picture or an embedded video."""
    return any(True for _ in entry.iterfind(".//a[@href]")) or any(True for _ in entry.iter("img", "iframe", "video"))
