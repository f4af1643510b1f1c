"""The entries below a page's headline that the gate weighs against its text: its own list (own_list.py), a list of
people (people_list.py) and a collection's entries (collection.py). Each is measured only on the pages the gate
reads it on (short ones; people on undated ones), since reading entries costs."""

from __future__ import annotations

from lxml import etree

from .classify import COLLECTION_PAGE_MAX_CHARS, LIST_INTRO_MAX_CHARS, PEOPLE_PAGE_MAX_CHARS, SHORT_INTRO_CHARS
from .collection import collection_chars
from .dom import Document
from .own_list import own_list_chars
from .people_list import people_list_chars


def entry_signals(doc: Document, boxes: list[tuple[int, int]], title_index: int, content: etree._Element | None,
                  text: str, names: tuple[str, ...], has_date: bool, body_chars: int, url: str,
                  base: str) -> dict[str, int]:
    """PageSignals' own_list_chars, people_chars and collection_chars. ``names``: the headline and the parts of
    the <title>; ``text``: the page's text, ``body_chars`` its length without spaces."""
    short = body_chars < LIST_INTRO_MAX_CHARS
    return {
        "own_list_chars": (own_list_chars(doc, boxes, title_index, content, text, names,
                                          not has_date and body_chars < SHORT_INTRO_CHARS, url, base)
                           if short else 0),
        "people_chars": (people_list_chars(doc, boxes, title_index)
                         if not has_date and body_chars < PEOPLE_PAGE_MAX_CHARS else 0),
        "collection_chars": (collection_chars(doc, boxes, title_index)
                             if body_chars < COLLECTION_PAGE_MAX_CHARS else 0),
    }
