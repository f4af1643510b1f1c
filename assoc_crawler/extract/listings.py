"""Listing blocks: recommended (推荐), hot (热点/排行) and related (相关) lists of other articles."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from lxml import etree

from .dom import CJK_RE, Document, collapse
from .labels import CONTENT_CLASS_PATTERN, LISTING_HEADINGS, LISTING_KEYWORDS, NOT_LISTING_HEADING_PATTERN
from .listing_items import (
    MIN_ITEM_TITLE_CHARS,
    NO_SHAPES,
    is_labelled_row,
    listing_items,
    reads_as_label,
    set_apart,
)
from .model import LinkShapes, ListingBlock
from .urls import normalize_url

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "b", "dt", "p", "em", "a",
                           "td", "th", "li", "label", "font", "i", "header", "caption", "legend"})
_HEADING_DECORATION = re.compile(
    r"(更多|more|MORE|More|\+|>>|»|›|>|＞|[:：]|[\s\u3000\xa0]|[【】\[\]<>《》·•■□◆●▪■|｜])"
)
_HEADING_TO_KIND = {
    re.sub(r"\s+", "", heading).lower(): kind for kind, headings in LISTING_HEADINGS.items() for heading in headings
}
_KEYWORD_RES = [(kind, re.compile("|".join(words), re.IGNORECASE)) for kind, words in LISTING_KEYWORDS.items()]
_NOT_LISTING_RE = re.compile(NOT_LISTING_HEADING_PATTERN, re.IGNORECASE)
_CONTENT_CLASS_RE = re.compile(CONTENT_CLASS_PATTERN, re.IGNORECASE)
# Any kind word: only elements whose text holds one are looked at as headings (a keyword's anchors dropped: the
# search runs over the page's text pieces joined; heading_kind checks the whole keyword on the heading).
# (Lower-case, matched against lower-cased text: much faster than re.IGNORECASE over a whole page.)
_KIND_WORD_RE = re.compile(
    "|".join([word.lstrip("^").rstrip("$").lower() for words in LISTING_KEYWORDS.values() for word in words]
             + [re.escape(heading.lower()) for headings in LISTING_HEADINGS.values() for heading in headings])
)
_MAX_HEADING_TEXT_NODE = 200
_MAX_TAB_CHARS = 4
_MORE_LINK = re.compile(r"^(更多.{0,6}|more.{0,3}|查看更多.{0,6}|进入.{0,8}|查看全部.{0,6}|>>|»|\+)$", re.IGNORECASE)
_MIN_LABELLED_ROWS = 3
_MAX_HEADING_CHARS = 16
_MAX_TEXT_BEFORE_HEADING = 150  # prose above a list heading in its block: the heading closes an article's text
_PROSE_PARAGRAPH_CHARS = 20
_PROSE_LINE_CHARS = 40  # a line this long that ends a sentence is prose
_MIN_SENTENCES_BEFORE_HEADING = 3
_SENTENCE_END_RE = re.compile(r"[。！？]\s*[”」』）)]?\s*$")
_ANY_SENTENCE_END_RE = re.compile(r"[.!?。！？]\s*[\"'”」』）)]?\s*$")  # Latin full stops too
_SENTENCE_RE = re.compile(r"[^。！？]{8,}[。！？]")
_MARKED_TEXT_BEFORE_HEADING = 40  # in a block marked as the content, a sentence or two (a gallery's text)
_MAX_HEADING_DESCENDANTS = 12
_MAX_KEYWORD_HEADING_CHARS = 10
_MAX_LATIN_HEADING_CHARS = 32  # (spaces removed)


def heading_kind(text: str, spaced: bool = True) -> str | None:
    """The listing kind ('recommended', 'hot', 'related') a heading's text names, or None. With ``spaced``, a
    keyword of several words also names it when the heading opens with it ('See also', 'More from Markets'; not
    'What comes up next')."""
    key = _HEADING_DECORATION.sub("", text or "").lower()
    latin = key.isascii() or not CJK_RE.search(key)  # Latin words are longer than Chinese ones
    if not key or len(key) > (_MAX_LATIN_HEADING_CHARS if latin else _MAX_HEADING_CHARS):
        return None
    if key in _HEADING_TO_KIND:
        return _HEADING_TO_KIND[key]
    if _NOT_LISTING_RE.search(key) or len(key) > (_MAX_LATIN_HEADING_CHARS if latin else _MAX_KEYWORD_HEADING_CHARS):
        return None
    words = collapse(text).lower()
    for kind, regex in _KEYWORD_RES:
        if regex.search(key) or (spaced and regex.match(words)):
            return kind
    return None


def _exact_kind(text: str) -> str | None:
    return _HEADING_TO_KIND.get(_HEADING_DECORATION.sub("", text or "").lower())


def _own_heading_text(doc: Document, el: etree._Element) -> str:
    if doc.chars[doc.index[el]] > 30:
        return ""
    text = doc.text(el)
    return text if len(text) <= 30 else ""


def _list_headings(doc: Document, page_title: str) -> list[tuple[etree._Element, str, str]]:
    """(element, text, kind) of every innermost element that names a listing block (相关阅读, 热点 ...), leaving out
    (part of) the page's headline and list items that merely mention a listing word."""
    headline_text = re.sub(r"\s+", "", page_title)
    headings: list[tuple[etree._Element, str, str]] = []
    for i in _heading_candidates(doc):
        el = doc.elements[i]
        text = _own_heading_text(doc, el)
        kind = heading_kind(text)
        if not kind and el.text and el.text.strip():
            text = collapse(el.text)  # "关键词阅读： <a>…</a> <a>…</a>": the heading is the element's own text
            kind = heading_kind(text)
        if not kind or (el.tag == "h1" and heading_kind(text, spaced=False) is None):
            continue  # (a page's own heading that opens with 'More from our members' names its page, not a box)
        squeezed = re.sub(r"\s+", "", text)
        if _exact_kind(text) is None and len(squeezed) >= MIN_ITEM_TITLE_CHARS and squeezed in headline_text:
            continue  # (part of) the page's headline
        if _exact_kind(text) is None and (el.tag in ("li", "dd") or any(
                anc.tag in ("li", "dd", "p") for anc in el.iterancestors())):
            continue  # an item that merely mentions 热点/推荐 is not a heading
        headings.append((el, text, kind))
    # the innermost element naming a block is its heading (not the title box around it)
    return [h for h in headings if not any(o[0] is not h[0] and doc.contains(h[0], doc.index[o[0]])
                                           for o in headings)]


def find_listing_blocks(
    doc: Document, base_url: str, page_title: str = "", shapes: LinkShapes = NO_SHAPES
) -> tuple[list[ListingBlock], list[etree._Element]]:
    """Every listing block on the page and the container element of each (to keep them out of the body).
    ``page_title`` (the page's <title>): a heading that is part of it is the headline, not a list's heading
    (a headline '…相关政策解读' names no related-articles block). ``shapes``: the site's link
    shapes, which tell a row's item from its column link (see listing_items)."""
    headings = _list_headings(doc, page_title)
    heading_elements = {h[0] for h in headings}
    blocks: list[ListingBlock] = []
    containers: list[etree._Element] = []
    for el, text, kind in headings:
        container, links = _block_for_heading(doc, el, heading_elements)
        closing = container is not None and _closes_text(doc, container, doc.index[el])
        if closing:
            # the heading closes an article's text (相关阅读: a list at the end of the body): the list is the block
            # after the heading, never the text above it
            container, links = _next_block(doc, el, heading_elements)
        if container is None or not links or not _link_dominated(doc, container):
            continue
        if _exact_kind(text) is None and _links_in_sentences(doc, container, links):
            continue  # a subheading of the text ('Mehr aus der Region') and its paragraph, not a box of entries
        heading_index = doc.index[el]
        if any(doc.index[h] < heading_index and not doc.contains(h, heading_index)
               for h in container.iter("h1", "h2", "h3")):
            continue  # a headline above the list heading in the same block: that block is the article
        if any(c is container for c in containers):
            continue
        items = listing_items(doc, links, base_url, shapes)
        if not items or (len(items) < 2 and _exact_kind(text) is None):
            continue  # a keyword-named block needs a real list
        heading = _HEADING_DECORATION.sub(" ", text)
        heading = collapse(re.sub(r"(更多|more)", "", heading, flags=re.IGNORECASE)) or collapse(text)
        blocks.append(ListingBlock(heading=heading, kind=kind, block=len(blocks), items=items))
        containers.append(container)
        if closing:
            containers.append(el)  # its heading line leaves the body with it
    for container in _labelled_lists(doc, containers, base_url, shapes):
        items = listing_items(doc, _item_links(container, after=-1, doc=doc), base_url, shapes)
        heading = _box_heading(doc, container)
        kind = (heading_kind(heading) if heading else None) or "other"
        blocks.append(ListingBlock(heading=heading, kind=kind, block=len(blocks), items=items))
        containers.append(container)
    return blocks, containers


def _links_in_sentences(doc: Document, container: etree._Element, links: list[etree._Element]) -> bool:
    """Whether the block is prose that holds its links inside sentences ('Auch in <a>Blankenburg</a> und
    <a>Ilsenburg</a> wurde gefeiert.'), not entries that each open with their link (a teaser line has none)."""
    names = [name for name in (doc.text(a) for a in links) if name]
    for line in doc.lines(container):
        text = line.text
        if (len(text) >= _PROSE_LINE_CHARS and _ANY_SENTENCE_END_RE.search(text)
                and any(name in text and not text.startswith(name) for name in names)):
            return True
    return False


def _closes_text(doc: Document, container: etree._Element, heading_index: int) -> bool:
    """Whether a list heading stands at the end of an article's text in the block found for it: paragraphs of
    prose above it, or text above it in a block marked as the content (class 'content', 'TRS_Editor' ...)."""
    if _prose_before(doc, container, heading_index) > _MAX_TEXT_BEFORE_HEADING or _sentences_before(
            doc, container, heading_index) or _unlinked_text_before(doc, container, heading_index):
        return True
    marked = _CONTENT_CLASS_RE.search(f"{container.get('class', '')} {container.get('id', '')}")
    if not marked:
        return False
    linked = sum(doc.chars[doc.index[a]] for a in container.iter("a")
                 if doc.index.get(a, heading_index) < heading_index)
    return doc.chars_before(container, heading_index) - linked > _MARKED_TEXT_BEFORE_HEADING  # text, not links


def _prose_before(doc: Document, container: etree._Element, heading_index: int) -> int:
    """Characters of the paragraphs of prose (long, few links) that stand in a block above a heading: an article's
    text, which a list heading at its end (相关阅读) closes. Comments and teasers above it are short."""
    total = 0
    for p in container.iter("p"):
        i = doc.index.get(p, -1)
        if i < 0 or i >= heading_index:
            break
        if doc.chars[i] >= _PROSE_PARAGRAPH_CHARS and doc.link_chars[i] < 0.3 * doc.chars[i]:
            total += doc.chars[i]
    return total


def _sentences_before(doc: Document, container: etree._Element, heading_index: int) -> bool:
    """A text of several sentences above the heading in its block, in whatever markup (a <div> broken with <br>,
    not <p>): an article's text, however short. A list's entries above a heading end no sentences."""
    lines = [line.text for line in doc.lines(container) if line.index < heading_index]
    prose = [text for text in lines if len(text) >= _PROSE_LINE_CHARS and _SENTENCE_END_RE.search(text)]
    return sum(len(_SENTENCE_RE.findall(text)) for text in prose) >= _MIN_SENTENCES_BEFORE_HEADING


def _unlinked_text_before(doc: Document, container: etree._Element, heading_index: int) -> bool:
    """A sentence of text above the heading in its block, and no link there: an article's short text (a gallery's
    one sentence and captions) that a list heading closes. A box of entries above a heading is links."""
    if any(doc.index.get(a, heading_index) < heading_index for a in container.iter("a")):
        return False
    lines = [line.text for line in doc.lines(container) if line.index < heading_index]
    return any(len(text) >= _PROSE_LINE_CHARS and _SENTENCE_END_RE.search(text) for text in lines)


def _labelled_lists(doc: Document, known: list[etree._Element], base_url: str = "",
                    shapes: LinkShapes = NO_SHAPES) -> list[etree._Element]:
    """Lists whose rows read 'label | title' (a column link set apart, or told apart by the site's article URL
    shapes, and an article link; see `is_labelled_row`), whatever their heading says: never an article's text.
    Lists inside (or around) a block already found are left alone."""
    found: list[etree._Element] = []
    checked: set[etree._Element] = set()
    for row in _candidate_rows(doc, shapes):
        container = row.getparent()
        if container is None or container in checked or not is_labelled_row(doc, row, base_url, shapes):
            continue
        checked.add(container)
        i = doc.index.get(container, -1)
        if i < 0 or any(doc.contains(k, i) or doc.contains(container, doc.index[k]) for k in known):
            continue
        rows = [r for r in container if isinstance(r.tag, str) and r.tag == row.tag]
        if sum(1 for r in rows if is_labelled_row(doc, r, base_url, shapes)) >= _MIN_LABELLED_ROWS:
            found.append(container)
    return found


def unread_rows(doc: Document, base_url: str, shapes: LinkShapes = NO_SHAPES) -> int:
    """The li/dd rows of two links to two targets, one of them with a text that reads as a column's name, that
    neither the marks between them, nor their lengths, nor ``shapes`` read as 'label | title' (see
    `is_labelled_row`), in lists of _MIN_LABELLED_ROWS or more such rows (read or not): rows only (more of) the
    site's link shapes can read."""
    rows_by_list: dict[etree._Element, list[bool]] = {}
    for row in doc.body.iter("li", "dd"):
        links = row.findall(".//a[@href]")
        if len(links) != 2 or not all(doc.text(a) for a in links) or not any(
                reads_as_label(doc.text(a)) for a in links):
            continue
        targets = {normalize_url(a.get("href", ""), base_url) for a in links}
        if len(targets) == 2 and all(targets):
            rows_by_list.setdefault(row.getparent(), []).append(not is_labelled_row(doc, row, base_url, shapes))
    return sum(sum(unread) for unread in rows_by_list.values() if len(unread) >= _MIN_LABELLED_ROWS)


def _candidate_rows(doc: Document, shapes: LinkShapes) -> Iterator[etree._Element]:
    """The li/dd rows that may read 'label | title': those of a link set apart (cheap test first: most links are
    not) and, where the site's link shapes are known, every row of two links."""
    for label in doc.body.iter("a"):
        if not set_apart(label):
            continue
        row = label.getparent()
        while row is not None and row.tag not in ("li", "dd", "body"):
            row = row.getparent()
        if row is not None and row.tag != "body":
            yield row
    if shapes:
        for row in doc.body.iter("li", "dd"):
            if len(row.findall(".//a[@href]")) == 2:
                yield row


def _box_heading(doc: Document, container: etree._Element) -> str:
    """The short title of the box a list stands in (the text of the block just before it, or of its box's)."""
    node = container
    for _ in range(3):
        previous = node.getprevious()
        while previous is not None and not (isinstance(previous.tag, str) and doc.text(previous)):
            previous = previous.getprevious()
        if previous is not None:
            text = collapse(re.sub(r"(更多|more)\S*", "", doc.text(previous), flags=re.IGNORECASE))
            return text if len(text) <= _MAX_HEADING_CHARS else ""
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break
    return ""


def _heading_candidates(doc: Document) -> list[int]:
    """Indexes (in document order) of the small elements whose text holds a kind word: one regular expression
    search over the page's short text pieces instead of a test per element."""
    pieces = [t for t in doc.body.xpath(".//text()") if len(t) <= _MAX_HEADING_TEXT_NODE]
    if not pieces:
        return []
    starts = list(accumulate((len(t) for t in pieces[:-1]), initial=0))
    found: set[int] = set()
    text = "".join(pieces)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two: keep offsets right
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for match in _KIND_WORD_RE.finditer(lowered):  # "今日<br>推荐": a word may span two pieces
        for offset in {match.start(), match.end() - 1}:
            piece = pieces[bisect_right(starts, offset) - 1]
            _add_heading_candidates(doc, piece, found)
    return sorted(found)


def _add_heading_candidates(doc: Document, piece: etree._ElementUnicodeResult, found: set[int]) -> None:
    """The element a text piece belongs to and its small ancestors."""
    owner = piece.getparent()
    if piece.is_tail and owner is not None:
        owner = owner.getparent()
    first = True
    while owner is not None and owner in doc.index:
        i = doc.index[owner]
        if doc.end[i] - i > _MAX_HEADING_DESCENDANTS or (doc.chars[i] > 30 and not first):
            break  # ancestors only grow: none of them is a heading either
        if owner.tag in _HEADING_TAGS:
            found.add(i)
        owner, first = owner.getparent(), False


def _block_for_heading(
    doc: Document, heading: etree._Element, headings: set[etree._Element]
) -> tuple[etree._Element | None, list[etree._Element]]:
    """The element holding the heading's list: the smallest ancestor with links after the heading and no other
    heading; else the tab panel matching a tab heading; else the block right after the heading's box."""
    h_end = doc.end[doc.index[heading]]
    node = heading
    single: tuple[etree._Element, list[etree._Element]] | None = None
    for _ in range(5):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
        if any(h is not heading and doc.contains(node, doc.index[h]) for h in headings):
            break
        links = _item_links(node, after=h_end, doc=doc)
        if len(links) >= 2:
            return node, links
        if links:
            single = node, links  # a title box with one link beside the heading: the list is the next block
            break
    found = _tab_panel(doc, heading, headings) or _next_block(doc, heading, headings)
    return found if found[0] is not None or single is None else single


def _link_dominated(doc: Document, container: etree._Element) -> bool:
    """A list of links (with teasers at most), not a block of prose that happens to follow a heading."""
    i = doc.index[container]
    total, links = doc.chars[i], doc.link_chars[i]
    if total > 2000:
        return links >= 0.5 * total
    return links >= 0.2 * total


def _item_links(node: etree._Element, after: int, doc: Document) -> list[etree._Element]:
    return [
        a for a in node.iter("a")
        if a.get("href") and doc.index.get(a, -1) > after and not _MORE_LINK.match(doc.text(a))
    ]


def _tab_panel(
    doc: Document, heading: etree._Element, headings: set[etree._Element]
) -> tuple[etree._Element, list[etree._Element]] | None:
    """Tabs: headings side by side in one strip, panels in the same order in the block after the strip."""
    tab = heading
    for _ in range(2):
        strip = tab.getparent()
        if strip is None:
            return None
        tabs = [child for child in strip if isinstance(child.tag, str)
                and any(h is child or doc.contains(child, doc.index[h]) for h in headings)]
        if len(tabs) >= 2:
            body = strip.getnext()
            while body is not None and not isinstance(body.tag, str):
                body = body.getnext()
            if body is None:
                return None
            panels = [c for c in body if isinstance(c.tag, str) and c.find(".//a[@href]") is not None]
            if len(panels) == 1 and len(tabs) > 1:
                panels = [c for c in panels[0] if isinstance(c.tag, str) and c.find(".//a[@href]") is not None]
            position = tabs.index(tab)
            if len(panels) > position:
                panel = panels[position]
                return panel, _item_links(panel, after=-1, doc=doc)
            return None
        tab = strip
    return None


def _next_block(
    doc: Document, heading: etree._Element, headings: set[etree._Element]
) -> tuple[etree._Element | None, list[etree._Element]]:
    """A heading in a title box of its own: the list is the next sibling block of the box (or of the heading)."""
    node = heading
    fallback: tuple[etree._Element, list[etree._Element]] | None = None
    for _ in range(3):
        sibling = node.getnext()
        while sibling is not None and (not isinstance(sibling.tag, str) or not doc.text(sibling)
                                       and sibling.find(".//a[@href]") is None):
            sibling = sibling.getnext()
        if sibling is not None:
            if any(doc.contains(sibling, doc.index[h]) for h in headings):
                return fallback or (None, [])
            links = _item_links(sibling, after=-1, doc=doc)
            if links and _is_tab_strip(doc, links):
                # 今日 | 三天 | 一周: tabs over the list; when a list of longer titles follows, that is the list
                following = sibling.getnext()
                while following is not None and not isinstance(following.tag, str):
                    following = following.getnext()
                if following is not None and not any(doc.contains(following, doc.index[h]) for h in headings):
                    following_links = _item_links(following, after=-1, doc=doc)
                    if following_links and not _is_tab_strip(doc, following_links):
                        sibling, links = following, following_links
            if len(links) >= 2:
                return sibling, links
            if links and fallback is None:
                fallback = sibling, links  # one link beside the heading in its title box: the list is further on
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
    return fallback or (None, [])


def _is_tab_strip(doc: Document, links: list[etree._Element]) -> bool:
    """Links too short to be article titles (今日, 一周, 更多): tabs or filters, not a list."""
    return all(len(doc.text(a)) <= _MAX_TAB_CHARS for a in links)
