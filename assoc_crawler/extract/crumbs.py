"""The breadcrumb (当前位置：首页 > 行业资讯 > 正文): the page's category, and the link shapes of the site's columns
that a page alone gives away."""

from __future__ import annotations

import re
from collections.abc import Iterator
from weakref import WeakKeyDictionary

from lxml import etree

from .dom import Document, el_text, select_first
from .fields import breadcrumb_leaf, split_breadcrumb
from .labels import BREADCRUMB_CLASS_PATTERN, BREADCRUMB_LEADIN, BREADCRUMB_TRAIL
from .model import ExtractionHints, LinkShapes
from .pagination import article_pages
from .site_model import link_shape
from .urls import normalize_url

_CRUMB_RE = re.compile(BREADCRUMB_CLASS_PATTERN, re.IGNORECASE)
_CRUMB_LEADIN_RE = re.compile(BREADCRUMB_LEADIN)
_CRUMB_TRAIL_RE = re.compile(BREADCRUMB_TRAIL, re.IGNORECASE)
_MAX_CRUMB_CHARS = 200
_Crumb = tuple[etree._Element, bool]
_CRUMBS: WeakKeyDictionary[Document, tuple[list[_Crumb], Iterator[_Crumb]]] = WeakKeyDictionary()


def breadcrumbs(doc: Document) -> Iterator[tuple[etree._Element, bool]]:
    """Elements that read as a breadcrumb, in document order: a class that says so, a 当前位置 lead-in, or a
    trail of two links or more; with whether the lead-in opens it. Read once per page, as far as asked for."""
    found, rest = _CRUMBS.setdefault(doc, ([], _find_breadcrumbs(doc)))
    yield from list(found)
    for crumb in rest:
        found.append(crumb)
        yield crumb


def _find_breadcrumbs(doc: Document) -> Iterator[tuple[etree._Element, bool]]:
    for el in doc.body.iter("div", "p", "span", "nav", "ol", "ul", "td", "section"):
        if not 0 < doc.chars[doc.index[el]] <= _MAX_CRUMB_CHARS:
            continue
        hinted = bool(_CRUMB_RE.search(f"{el.get('class', '')} {el.get('id', '')}"))
        if not hinted and len(el.findall(".//a")) < 2 and not _CRUMB_LEADIN_RE.match(_first_words(el)):
            continue  # no class that says so, no trail of links, no 当前位置 lead-in: no breadcrumb (no text to read)
        text = doc.text(el)
        if not text or len(text) > _MAX_CRUMB_CHARS:
            continue
        led_in = bool(_CRUMB_LEADIN_RE.match(text))
        if hinted or led_in or (_CRUMB_TRAIL_RE.match(text) and len(el.findall(".//a")) >= 2):
            yield el, led_in


def _first_words(el: etree._Element) -> str:
    """The element's first text that is not blank (where a 当前位置 lead-in stands)."""
    return next((text.lstrip() for text in el.itertext() if text.strip()), "")


def find_category(
    doc: Document,
    root: etree._Element,
    hints: ExtractionHints,
    title: str | None,
    methods: dict[str, str],
) -> str | None:
    """The breadcrumb's leaf section."""
    if hints.category:
        el = select_first(root, hints.category)
        if el is not None:
            parts = [doc.text(a) for a in el.iter("a")] or split_breadcrumb(el_text(el))
            leaf = breadcrumb_leaf(parts, title)
            if leaf:
                methods["category"] = "profile"
                return leaf
    for el, led_in in breadcrumbs(doc):
        anchors = [doc.text(a) for a in el.iter("a")]
        if not anchors and not led_in:
            continue
        leaf = breadcrumb_leaf(anchors if anchors else split_breadcrumb(doc.text(el)), title)
        if leaf:
            methods["category"] = "breadcrumb"
            return leaf
    return None


def _first_linked_crumb(doc: Document) -> etree._Element | None:
    """The page's first breadcrumb that holds a link."""
    return next((el for el, _ in breadcrumbs(doc) if el.find(".//a[@href]") is not None), None)


def crumb_trail(doc: Document) -> tuple[set[str], str]:
    """The first linked breadcrumb read as a trail: the texts of its links (the site's and its columns' names),
    and the page's own crumb, the unlinked text after its last link ('首页 > 行业资讯 > 正文'); '' when the trail
    ends with a link, has no column between home and that text, or does not split into one part per link and
    one more."""
    crumb = _first_linked_crumb(doc)
    if crumb is None:
        return set(), ""
    names = [doc.text(a) for a in crumb.iter("a")]
    parts = split_breadcrumb(doc.text(crumb))
    own = len(names) >= 2 and len(parts) == len(names) + 1 and parts[:-1] == names  # home, a column, the page
    return {name for name in names if name}, parts[-1] if own else ""


def page_link_shapes(doc: Document, url: str, base_url: str, links: list[str]) -> LinkShapes:
    """Link shapes a page gives away alone: its (first linked) breadcrumb's links to columns (the site's root
    aside), and when none of them has the page's own shape, the page's URL (its first page's, for page 2 of an
    article: see ``links``) is an article's shape. Empty when the page has no breadcrumb links or its own URL has
    a column's shape (a list page, or a crumb naming the page itself)."""
    page_no, pages = article_pages(url, links)
    own = link_shape(pages.get(1, url) if page_no > 1 else url)
    crumb = _first_linked_crumb(doc)
    if crumb is None:
        return LinkShapes()
    targets = [normalize_url(a.get("href") or "", base_url) for a in crumb.iter("a")]
    columns = frozenset(link_shape(t) for t in targets if t and _below_root(t))
    return LinkShapes(frozenset({own}), columns) if columns and own not in columns else LinkShapes()


def _below_root(url: str) -> bool:
    """A URL below the site's root page (not /, /index.html, /index.php ...)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url).split("#")[0]
    return bool(path.strip("/")) and not re.fullmatch(r"/?(index|default|main)\.\w+", path)
