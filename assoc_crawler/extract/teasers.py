"""Teaser cards inside the text block: runs of sibling boxes that each show another page's headline and link.

News and magazine templates put "more on this topic" grids inside the article's container: boxes of one class,
each a short headline (and perhaps a one-line teaser) with a link to another page. Their link share is low when
the headline is a heading and the link is a "read more" button, so link-density rules miss them; what gives them
away is the repetition: three or more siblings of one class, each short, each linking to a different page.
The paragraphs of a text are not boxes of a class, and their links sit inside sentences.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from .dom import Document
from .labels import ATTACHMENT_EXTENSIONS
from .urls import normalize_url, url_extension

_MIN_CARDS = 3
_CARD_MAX_CHARS = 400  # a headline, a teaser sentence or two and a byline
_CARD_MAX_TARGETS = 2  # the headline's link, and perhaps an image's or a kicker's
_CARD_LEAD_CHARS = 40  # text before a card's link or heading (a label, a kicker)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "svg", "bmp"})
_NOT_CARDS = frozenset({"tr", "td", "th", "tbody", "option"})  # rows of a table are its data


def _class_key(el: etree._Element) -> tuple[str, str] | None:
    """Tag and first class without digits, or None for an element without a class (plain text markup)."""
    if el.tag in _NOT_CARDS:
        return None
    tokens = [t for t in (el.get("class") or "").split() if not any(ch.isdigit() for ch in t)]
    return (str(el.tag), tokens[0]) if tokens else None


def _card_target(doc: Document, card: etree._Element, base_url: str) -> str | None:
    """The page a short box links to first, when it links to one or two pages and opens with a link or a
    heading: a teaser card."""
    i = doc.index.get(card)
    if i is None or not 0 < doc.chars[i] <= _CARD_MAX_CHARS:
        return None
    targets: list[str] = []
    first_link = None
    for link in card.iter("a"):
        target = normalize_url(link.get("href") or "", base_url)
        if not target or not target.startswith("http"):
            continue
        if url_extension(target) in ATTACHMENT_EXTENSIONS or url_extension(target) in _IMAGE_EXTENSIONS:
            return None  # a gallery or a list of files: the article's own material
        if target.split("#")[0] not in targets:
            targets.append(target.split("#")[0])
        first_link = first_link if first_link is not None else link
    if not 1 <= len(targets) <= _CARD_MAX_TARGETS or first_link is None:
        return None
    opener = next((h for h in card.iter(*_HEADINGS)), None)
    opens = min(doc.chars_before(card, doc.index[el]) for el in (first_link, opener) if el is not None)
    return targets[0] if opens <= _CARD_LEAD_CHARS else None


def teaser_card_ranges(doc: Document, content: etree._Element, base_url: str) -> list[tuple[int, int]]:
    """Index ranges of runs of three or more teaser cards (siblings of one class) inside the content element."""
    ranges: list[tuple[int, int]] = []
    for parent in content.iter():
        if not isinstance(parent.tag, str) or len(parent) < _MIN_CARDS:
            continue
        keyed = [(key, child) for child in parent if isinstance(child.tag, str) and (key := _class_key(child))]
        common = Counter(key for key, _ in keyed)
        runs: dict[tuple[str, str], list[tuple[etree._Element, str]]] = {}
        for key, child in keyed:
            if common[key] < _MIN_CARDS:
                continue  # fewer boxes of this class than a run needs: no need to read them
            target = _card_target(doc, child, base_url)
            if target is not None:
                runs.setdefault(key, []).append((child, target))
        for cards in runs.values():
            if len({target for _, target in cards}) >= _MIN_CARDS:
                ranges.extend((doc.index[c], doc.end[doc.index[c]]) for c, _ in cards)
    return sorted(ranges)
