"""What the gate reads from the document itself: cookie buttons, password fields, and the entries below a page's
headline that it weighs against its text: its own list (own_list.py), a list of people (people_list.py) and a
collection's entries (collection.py). Entries are measured only on the pages the gate reads them on (short ones),
since reading them costs."""

from __future__ import annotations

import re

from lxml import etree

from .classify import (
    COLLECTION_PAGE_MAX_CHARS,
    LIST_INTRO_MAX_CHARS,
    PAYWALL_TEASER_MAX_CHARS,
    PEOPLE_PAGE_MAX_CHARS,
    SHORT_INTRO_CHARS,
    paywalled,
)
from .collection import collection_chars
from .dom import Document, Line, collapse, el_text
from .own_list import own_list_chars
from .people_list import people_list_chars

_CONSENT_BUTTON_RE = re.compile(
    r"^(accept|agree|i agree|i accept|accept all( cookies)?|accept cookies|allow all( cookies)?|reject all( cookies)?|"
    r"refuse all|decline all|manage (options|preferences|settings|cookies)|cookie settings|got it)[.!]?$",
    re.IGNORECASE)

_WALL_LINES = 8  # lines below the text read for a members' wall
_FRAME_TAGS = frozenset({"header", "nav", "aside", "footer"})
_FRAME_CLASS_RE = re.compile(r"(^|[\s_-])(header|masthead|topbar|top-bar|navbar|sidebar|side-bar|footer)([\s_-]|$)",
                             re.IGNORECASE)


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
        "people_chars": people_list_chars(doc, boxes, title_index) if body_chars < PEOPLE_PAGE_MAX_CHARS else 0,
        "collection_chars": (collection_chars(doc, boxes, title_index)
                             if body_chars < COLLECTION_PAGE_MAX_CHARS else 0),
    }


def consent_buttons(root: etree._Element) -> bool:
    """Whether the page offers to accept or reject cookies with a button (a consent wall's; read before buttons
    are stripped)."""
    return any(_CONSENT_BUTTON_RE.match(collapse(el_text(el)) or el.get("value") or "")
               for el in root.iter("button", "input"))


def is_login_page(doc: Document, password_inputs: list, core: etree._Element | None, dated_article: bool) -> bool:
    """A password field in the main block, or anywhere on a page without a dated headline (a header login box
    beside a short dated news item does not make a login page)."""
    if not password_inputs:
        return False
    if core is None or not dated_article:
        return True
    return any(doc.contains(core, doc.index[i]) for i in password_inputs if i in doc.index)


def wall_signals(doc: Document, content: etree._Element | None, page_lines: list[Line], text: list[str],
                 body_chars: int, login: tuple[list, int]) -> dict[str, bool]:
    """PageSignals' paywall and members_wall, read on short pages only. A paywall's box may be classed as
    boilerplate: every line of the page is read for it; a members' wall is read in the page's text (``text``), its
    block's parent and the first lines below it, not in sidebars, and needs a password field below the headline
    outside the page's frame (``login``: the password fields and the headline's index): a login box beside the
    teaser, not the header's or a sidebar's."""
    password_inputs, title_index = login
    if body_chars >= PAYWALL_TEASER_MAX_CHARS:
        return {"paywall": False, "members_wall": False}
    around: list[str] = []
    if content is not None:
        holder = content.getparent() if content.getparent() is not None else content
        holder = content if holder.tag in ("body", "html") else holder
        end = doc.end[doc.index[content]]
        around = [line.text for line in doc.lines(holder)] + [
            line.text for line in page_lines if line.index > end][:_WALL_LINES]
    near = any(field in doc.index and doc.index[field] > title_index and not _in_page_frame(field)
               for field in password_inputs)
    return {"paywall": paywalled([line.text for line in doc.lines(doc.body)]),
            "members_wall": near and paywalled(text + around, members_only=True)}


def _in_page_frame(field: etree._Element) -> bool:
    """Whether a form field sits in the page's header, navigation, sidebar or footer."""
    return any(el.tag in _FRAME_TAGS or _FRAME_CLASS_RE.search(f"{el.get('class', '')} {el.get('id', '')}")
               for el in field.iterancestors() if el.tag not in ("body", "html"))
