"""Teaser cards inside the text block: runs of sibling boxes that each show another page's headline and link.

News and magazine templates put "more on this topic" grids inside the article's container: boxes of one class,
each a short headline (and perhaps a one-line teaser) with a link to another page. Their link share is low when
the headline is a heading and the link is a "read more" button, so link-density rules miss them; what gives them
away is the repetition: three or more siblings of one class, each short, each linking to a different page.
The paragraphs of a text are not boxes of a class, and their links sit inside sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from lxml import etree

from .dom import BLOCK_TAGS, Document
from .labels import ATTACHMENT_EXTENSIONS
from .urls import normalize_url, same_host, url_extension

_MIN_CARDS = 3
_CARD_MAX_CHARS = 400  # a headline, a teaser sentence or two and a byline
_CARD_MAX_TARGETS = 2  # the headline's link, and perhaps an image's or a kicker's
_CARD_LEAD_CHARS = 40  # text before a card's link or heading (a label, a kicker)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "svg", "bmp"})
_CARD_TAGS = frozenset({"div", "article", "section", "li", "aside"})  # boxes; not paragraphs, not table rows
_CARD_TEASER_CHARS = 20  # the unlinked text of a card without a heading: a teaser sentence
_MAX_LINK_CARDS = 2
_LABEL_TAGS = ("p", "strong", "b", "span", "div", "h2", "h3", "h4", "h5", "h6")
_POINTER_LABEL_RE = re.compile(
    r"^(read (more|next|also)|related( stories| articles| content| coverage)?|also read|see also|more on this( story)?|"
    r"recommended( for you)?|you (may|might) also like|(read )?more from [^:：]{1,40}|"
    r"相关阅读|延伸阅读|推荐阅读|相关新闻|相关文章)\s*[:：]?$",
    re.IGNORECASE)
_LABEL_LEAD_CHARS = 5
_POINTER_BOX_CHARS = 600  # a label and a few linked headlines, a teaser at most
_POINTER_LINK_SHARE = 0.4  # of the box's text after its label
_TEXT_PER_CARD_CHARS = 600  # a text with an embedded link card has this much text of its own per card


def _class_key(el: etree._Element) -> tuple[str, str] | None:
    """Tag and first class without digits of a box, or None for anything else (plain text markup, a paragraph)."""
    if el.tag not in _CARD_TAGS:
        return None
    tokens = [t for t in (el.get("class") or "").split() if not any(ch.isdigit() for ch in t)]
    return (str(el.tag), tokens[0]) if tokens else None


def _card_target(doc: Document, card: etree._Element, base_url: str) -> str | None:
    """The page of the site a short box links to first, when it links to one or two pages with a link that
    stands alone (a headline, a 'read more' button: not a link inside a sentence), opens with that link or a
    heading, and shows a headline or a teaser besides: a teaser card."""
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
        if urlsplit(base_url).hostname and not same_host(target, base_url):  # (a page of unknown host: any)
            return None  # a list of other organisations' sites or shops: the article's own material
        if target.split("#")[0] not in targets:
            targets.append(target.split("#")[0])
        first_link = first_link if first_link is not None else link
    if not 1 <= len(targets) <= _CARD_MAX_TARGETS or first_link is None or not _stands_alone(doc, first_link):
        return None
    opener = next((h for h in card.iter(*_HEADINGS)), None)
    if opener is None and doc.chars[i] - doc.link_chars[i] < _CARD_TEASER_CHARS:
        return None  # a link with a date or a file size at most: a list of links or files, not teasers
    opens = min(doc.chars_before(card, doc.index[el]) for el in (first_link, opener) if el is not None)
    return targets[0] if opens <= _CARD_LEAD_CHARS else None


def _stands_alone(doc: Document, link: etree._Element) -> bool:
    """A link that is the whole text of its parent, or a direct part of its box: not a word of a sentence."""
    parent = link.getparent()
    return parent is None or doc.text(parent) == doc.text(link) or parent.tag in _CARD_TAGS | set(_HEADINGS)


def teaser_card_ranges(doc: Document, content: etree._Element, base_url: str) -> list[tuple[int, int]]:
    """Index ranges of runs of three or more teaser cards (sibling boxes of one class) that follow most of the
    content element's other text (a grid of teasers closes a text; boxes amid it are the text's own)."""
    runs = [cards for parent in content.iter() if isinstance(parent.tag, str) and len(parent) >= _MIN_CARDS
            for cards in _card_runs(doc, parent, base_url)]
    if not runs:
        return []
    ci = doc.index[content]
    spans = [(doc.index[cards[0]], doc.end[doc.index[cards[-1]]], sum(doc.chars[doc.index[c]] for c in cards))
             for cards in runs]
    ranges: list[tuple[int, int]] = []
    for cards, (first, last, _) in zip(runs, spans, strict=True):
        runs_before = sum(chars for f, _, chars in spans if f < first)
        runs_after = sum(chars for f, _, chars in spans if f > last)
        before = doc.chars_before(content, first) - runs_before if first > ci else 0
        after = doc.chars[ci] - doc.chars_before(content, last) - runs_after
        if after <= before:
            ranges.extend((doc.index[c], doc.end[doc.index[c]]) for c in cards)
    return sorted(ranges)


def _card_runs(doc: Document, parent: etree._Element, base_url: str) -> list[list[etree._Element]]:
    """The runs of teaser cards among a parent's children: three boxes or more of one class, each a card (see
    `_card_target`), linking to three pages or more."""
    keyed = [(key, child) for child in parent if isinstance(child.tag, str) and (key := _class_key(child))]
    common = Counter(key for key, _ in keyed)
    runs: dict[tuple[str, str], list[tuple[etree._Element, str]]] = {}
    for key, child in keyed:
        if common[key] < _MIN_CARDS:
            continue  # fewer boxes of this class than a run needs: no need to read them
        target = _card_target(doc, child, base_url)
        if target is not None:
            runs.setdefault(key, []).append((child, target))
    return [[c for c, _ in cards] for cards in runs.values() if len({t for _, t in cards}) >= _MIN_CARDS]


def link_card_ranges(doc: Document, content: etree._Element, base_url: str) -> list[tuple[int, int]]:
    """Index ranges of one or two link cards amid a text: a link to another page that holds lines of its own (a
    bookmark or link embed: a publication, a headline, a description, a byline, all inside one <a>). The text's
    links sit inside its sentences; three cards or more are a list of teasers, left to the other rules."""
    cards = [a for a in content.iter("a") if _is_link_card(doc, a, base_url)]
    if not 1 <= len(cards) <= _MAX_LINK_CARDS:
        return []
    card_chars = sum(doc.chars[doc.index[a]] for a in cards)
    if doc.chars[doc.index[content]] - card_chars < _TEXT_PER_CARD_CHARS * len(cards):
        return []  # mostly cards: a page of links, not a text with an embed
    return [(doc.index[a], doc.end[doc.index[a]]) for a in cards]


def _is_link_card(doc: Document, link: etree._Element, base_url: str) -> bool:
    """A short link to another page of the web (not a file, not a picture) whose text is set on several lines."""
    i = doc.index.get(link)
    if i is None or not 0 < doc.chars[i] <= _CARD_MAX_CHARS:
        return False
    if not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in link.iterdescendants()):
        return False
    target = normalize_url(link.get("href") or "", base_url)
    if not target or not target.startswith("http") or target.split("#")[0] == base_url.split("#")[0]:
        return False
    if url_extension(target) in ATTACHMENT_EXTENSIONS or url_extension(target) in _IMAGE_EXTENSIONS:
        return False
    return len(doc.lines(link)) >= 2


def pointer_box_ranges(doc: Document, content: etree._Element) -> list[tuple[int, int]]:
    """Index ranges of small boxes amid a text that a pointer label opens ('Read More', 'Read Next', 'Related',
    '相关阅读' alone on its line) over links to other stories: the site's teasers, not the text."""
    ranges: list[tuple[int, int]] = []
    ci = doc.index[content]
    for el in content.iter(*_LABEL_TAGS):
        i = doc.index.get(el)
        if i is None or any(a <= i <= b for a, b in ranges) or not _POINTER_LABEL_RE.match(doc.text(el)):
            continue
        box = next((anc for anc in el.iterancestors() if anc.tag in _CARD_TAGS or doc.index.get(anc) == ci), None)
        if box is None or doc.index[box] == ci:
            continue
        b = doc.index[box]
        if doc.chars_before(box, i) > _LABEL_LEAD_CHARS:
            continue  # text before the label in its box: the text's own paragraph shares it
        rest = doc.chars[b] - doc.chars[i]
        if 0 < rest and doc.chars[b] <= _POINTER_BOX_CHARS and doc.link_chars[b] >= _POINTER_LINK_SHARE * rest:
            ranges.append((b, doc.end[b]))
    return ranges
