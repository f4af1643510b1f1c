"""Listing blocks: recommended (推荐), hot (热点/排行) and related (相关) lists of other articles."""

from __future__ import annotations

import re

from lxml import etree

from .dom import Document, collapse, el_text
from .fields import DATE_RE
from .labels import LISTING_HEADINGS
from .model import ListingBlock, ListingItem
from .urls import normalize_url

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "b", "dt", "p", "em", "a",
                           "td", "th", "li", "label", "font", "i", "header", "caption", "legend"})
_HEADING_DECORATION = re.compile(
    r"(更多|more|MORE|More|\+|>>|»|›|>|＞|[:：]|[\s\u3000\xa0]|[【】\[\]<>《》·•■□◆●▪■|｜])"
)
_HEADING_TO_KIND = {
    re.sub(r"\s+", "", heading).lower(): kind for kind, headings in LISTING_HEADINGS.items() for heading in headings
}
_MORE_LINK = re.compile(r"^(更多|more|查看更多|更多>>|>>|»|\+|more\+|更多\+)$", re.IGNORECASE)
_LABEL_SPLIT = re.compile(r"\s*[|｜丨]\s*")
_TEASER_NOISE = re.compile(r"^[\s\d\-/:.年月日()（）\[\]【】点击阅读次浏览]*$")
_MAX_HEADING_CHARS = 16


def heading_kind(text: str) -> str | None:
    """The listing kind ('recommended', 'hot', 'related') a heading's text names, or None."""
    key = _HEADING_DECORATION.sub("", text or "").lower()
    if not key or len(key) > _MAX_HEADING_CHARS:
        return None
    return _HEADING_TO_KIND.get(key)


def _own_heading_text(el: etree._Element) -> str:
    text = collapse(el_text(el))
    return text if len(text) <= 30 else ""


def find_listing_blocks(doc: Document, base_url: str) -> tuple[list[ListingBlock], list[etree._Element]]:
    """Every listing block on the page and the container element of each (to keep them out of the body)."""
    headings: list[tuple[etree._Element, str, str]] = []
    for el in doc.body.iter():
        if not isinstance(el.tag, str) or el.tag not in _HEADING_TAGS:
            continue
        text = _own_heading_text(el)
        kind = heading_kind(text)
        if not kind:
            continue
        # the innermost element carrying the heading text
        if any(_own_heading_text(child) == text for child in el if isinstance(child.tag, str)):
            continue
        headings.append((el, text, kind))
    heading_elements = {h[0] for h in headings}
    blocks: list[ListingBlock] = []
    containers: list[etree._Element] = []
    for el, text, kind in headings:
        container, links = _block_for_heading(doc, el, heading_elements)
        if container is None or not links:
            continue
        if any(c is container for c in containers):
            continue
        items = _items(links, base_url)
        if not items:
            continue
        heading = _HEADING_DECORATION.sub(" ", text)
        heading = collapse(re.sub(r"(更多|more)", "", heading, flags=re.IGNORECASE)) or collapse(text)
        blocks.append(ListingBlock(heading=heading, kind=kind, block=len(blocks), items=items))
        containers.append(container)
    return blocks, containers


def _block_for_heading(
    doc: Document, heading: etree._Element, headings: set[etree._Element]
) -> tuple[etree._Element | None, list[etree._Element]]:
    """Climb from the heading to the smallest ancestor that holds links after it, and no other heading."""
    h_index = doc.index[heading]
    h_end = doc.end[h_index]
    node = heading
    for _ in range(5):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None, []
        node = parent
        others = [h for h in headings if h is not heading and doc.contains(node, doc.index[h])]
        if others:
            return None, []
        links = [
            a for a in node.iter("a")
            if a.get("href") and doc.index.get(a, -1) > h_end and not _MORE_LINK.match(collapse(el_text(a)))
        ]
        if links:
            return node, links
    return None, []


def _items(links: list[etree._Element], base_url: str) -> list[ListingItem]:
    items: list[ListingItem] = []
    seen_rows: set[etree._Element] = set()
    for a in links:
        url = normalize_url(a.get("href", ""), base_url)
        if not url:
            continue
        row = _row_of(a)
        if row is not None and row in seen_rows:
            continue
        if row is not None:
            seen_rows.add(row)
        shown = collapse(el_text(a)) or collapse(a.get("title", ""))
        if not shown:
            continue
        label = None
        parts = _LABEL_SPLIT.split(shown, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1] and len(parts[0]) <= 12:
            label, shown = parts[0], parts[1]
        teaser = None
        if row is not None:
            prefix, rest = _row_texts(row, a)
            if not label and prefix:
                candidate = prefix.strip("[]【】()（）| ｜丨")
                if candidate and len(candidate) <= 12 and re.search(r"[^\W\d_]", candidate):
                    label = candidate
            rest = DATE_RE.sub("", rest)
            rest = collapse(rest)
            if rest and not _TEASER_NOISE.match(rest):
                teaser = rest
        items.append(ListingItem(position=len(items) + 1, target_url=url, title=shown, label=label, teaser=teaser))
    return items


def _row_of(a: etree._Element) -> etree._Element | None:
    """The list row (li/dd/tr/p/div) an item link sits in, if it holds only this one item link."""
    node = a.getparent()
    for _ in range(3):
        if node is None:
            return None
        if node.tag in ("li", "dd", "tr", "p", "dl", "div", "article"):
            links = [x for x in node.iter("a") if x.get("href")]
            if len(links) <= 2:
                return node
            return None
        node = node.getparent()
    return None


def _row_texts(row: etree._Element, link: etree._Element) -> tuple[str, str]:
    """Text of the row before the link (a label) and the first text block after it (a teaser)."""
    before: list[str] = []
    after: list[str] = []
    seen_link = False
    for node in row.iter():
        if node is link:
            seen_link = True
            if node.tail and node.tail.strip():
                after.append(node.tail)
            continue
        if not isinstance(node.tag, str) or any(anc is link for anc in node.iterancestors()):
            continue
        texts = [t for t in (node.text, node.tail if node is not row else None) if t and t.strip()]
        if not seen_link:
            before.extend(texts)
        else:
            after.extend(texts)
    teaser = next((collapse(t) for t in after if not _TEASER_NOISE.match(DATE_RE.sub("", t))), "")
    return collapse(" ".join(before)), teaser
