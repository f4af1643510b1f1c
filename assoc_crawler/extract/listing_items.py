"""The items of a listing box: one per row, its title link (not the column link that labels it), the label, the
teaser. Rows read 'label | title', '[label]title', 'title（label）' or '<span>label</span>title' alike.

Which of a row's two links is the item: where the site's link shapes are known (``shapes``, learned from the pages
it decided; see :meth:`~assoc_crawler.extract.site_model.SiteModel.link_shapes`), the link to an article shape when
its partner leads to a column's: the site's own structure, whatever the lengths of the two texts or the marks
between them. Otherwise the page alone decides: the short link set apart is the label."""

from __future__ import annotations

import re

from lxml import etree

from .dates import DATE_RE
from .dom import Document, collapse, el_text
from .model import LinkShapes, ListingItem
from .site_model import link_shape
from .urls import normalize_url, same_host

__all__ = ["MAX_LABEL_CHARS", "MIN_ITEM_TITLE_CHARS", "NO_SHAPES", "is_labelled_row", "listing_items",
           "pair_by_shape", "reads_as_label", "set_apart"]

MIN_ITEM_TITLE_CHARS = 6
#: The longest text a column link labelling an item has ('会议与考察', '政策法规与标准解读').
MAX_LABEL_CHARS = 16
NO_SHAPES = LinkShapes()
_ITEM_PREFIX_RE = re.compile(r"^(?:\d{1,2}(?:[.、．]\s*|\s+)(?=\D|\d{4})|\d{1,2}\s*(?:秒|分钟|小时|天)前\s*)")
_LABEL_SPLIT = re.compile(r"\s*[|｜丨]\s*")
_LABEL_SEPARATORS = frozenset({"|", "｜", "丨", "]", "】", "·", "/"})
_LABEL_OPENERS_RE = re.compile(r"[\[【(（]\s*$")  # a label opened by a bracket: [label]title, title（label）
_LABEL_STRIP_RE = re.compile(r"^[\[【(（\]】)）\s|｜]+|[\[【(（\]】)）\s|｜]+$")
_MORE_LINK_RE = re.compile(r"(更多|详细|详情|全文|阅读全文|more)\W*", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")
_TEASER_NOISE = re.compile(r"^[\s\d\-/:.年月日()（）\[\]【】点击阅读次浏览]*$")


def is_labelled_row(doc: Document, row: etree._Element, base_url: str = "",
                    shapes: LinkShapes = NO_SHAPES) -> bool:
    """A row of a label and a title, the label set apart ('label | title', '[label]title', 'title（label）',
    '<span>label</span>title') or told apart by the site's link shapes (see `labelled_pair`)."""
    return labelled_pair(doc, row, base_url, shapes) is not None


def labelled_pair(doc: Document, row: etree._Element, base_url: str = "",
                  shapes: LinkShapes = NO_SHAPES) -> tuple[etree._Element, etree._Element] | None:
    """(label link, title link) of a labelled row: by the site's link shapes (see `pair_by_shape`), else a
    row of a short and a long link (see `_label_and_title`) whose label is set apart by a separator, brackets or
    an element of its own; None for any other row."""
    by_shape = pair_by_shape(doc, row, base_url, shapes)
    if by_shape is not None:
        return by_shape
    pair = _label_and_title(doc, row)
    if pair is None:
        return None
    label = pair[0]
    bracketed = (label.tail or "").strip()[:1] in _LABEL_SEPARATORS or (label.getparent() is not row and doc.text(
        label.getparent()) != doc.text(row))
    if bracketed or _LABEL_OPENERS_RE.search(doc.text(row).split(doc.text(label))[0][-2:] or "") is not None:
        return pair
    return None


def pair_by_shape(doc: Document, row: etree._Element, base_url: str,
                  shapes: LinkShapes) -> tuple[etree._Element, etree._Element] | None:
    """(label link, title link) of a row of two links to the page's own site: one to an article link shape of the
    site, the other to a column link shape (its text 2 to MAX_LABEL_CHARS characters with a letter in them, not
    'more'). None otherwise, the page's own rules decide: a date, an author or a file link, a shape both articles
    and columns have, a link to another site."""
    if not shapes:
        return None
    links = row.findall(".//a[@href]")
    if len(links) != 2:
        return None
    targets = [normalize_url(link.get("href", ""), base_url) for link in links]
    if not all(targets) or targets[0] == targets[1] or any(not same_host(t, base_url) for t in targets):
        return None
    kinds = [_shape_kind(target, shapes) for target in targets]
    if set(kinds) != {"article", "column"}:
        return None
    title, label = (links[0], links[1]) if kinds[0] == "article" else (links[1], links[0])
    return (label, title) if reads_as_label(doc.text(label)) and doc.text(title) else None


def reads_as_label(text: str) -> bool:
    """A column's name as a row shows it: 2 to MAX_LABEL_CHARS characters, a letter among them, not 'more'."""
    return 2 <= len(text) <= MAX_LABEL_CHARS and bool(_LETTER_RE.search(text)) and not _MORE_LINK_RE.fullmatch(text)


def _shape_kind(url: str, shapes: LinkShapes) -> str | None:
    """'article' or 'column' when ``url``'s link shape is one of the site's articles' or columns' (not both)."""
    shape = link_shape(url)
    article, column = shape in shapes.articles, shape in shapes.columns
    return "article" if article and not column else "column" if column and not article else None


def set_apart(link: etree._Element) -> bool:
    """A link followed by a separator ('label | ', '[label]'), or alone in an element of its own (<span>)."""
    if link.tail is not None and link.tail.strip()[:1] in _LABEL_SEPARATORS:
        return True
    parent = link.getparent()
    return parent is not None and parent.tag in ("span", "em", "i", "b", "font") and len(parent) == 1


def _label_and_title(doc: Document, row: etree._Element) -> tuple[etree._Element, etree._Element] | None:
    """(label link, title link) of a row of exactly two links, one short (a column's name: the item's label)
    and one long (the item's title), in either order; None for any other row."""
    links = row.findall(".//a[@href]")
    if len(links) != 2:
        return None
    sizes = [len(doc.text(link)) for link in links]
    short = [link for link, size in zip(links, sizes, strict=True) if 2 <= size < MIN_ITEM_TITLE_CHARS]
    long = [link for link, size in zip(links, sizes, strict=True) if size >= MIN_ITEM_TITLE_CHARS]
    if len(short) != 1 or len(long) != 1 or _MORE_LINK_RE.fullmatch(doc.text(short[0])):
        return None
    return short[0], long[0]


def listing_items(doc: Document, links: list[etree._Element], base_url: str,
                  shapes: LinkShapes = NO_SHAPES) -> list[ListingItem]:
    """One item per row of ``links``: its title link's target and text, its label and teaser (``shapes``:
    the site's link shapes, see the module docstring)."""
    items: list[ListingItem] = []
    seen_rows: set[etree._Element] = set()
    for a in links:
        url = normalize_url(a.get("href", ""), base_url)
        if not url:
            continue
        row = _row_of(a)
        if row is None:
            row = _shaped_row(doc, a, base_url, shapes)
        if row is not None and row in seen_rows:
            continue
        shown = doc.text(a) or collapse(a.get("title", ""))
        shown = _ITEM_PREFIX_RE.sub("", shown) or shown  # "1 标题", "6小时前 标题": rank or age, not title
        if not shown:
            continue  # an image link: the row's title link may follow
        pair = labelled_pair(doc, row, base_url, shapes) if row is not None else None
        if pair is not None and a is not pair[1]:
            continue  # 'label | title': the column link is the item's label, not the item
        if pair is not None:
            shown = doc.text(pair[1]) or shown
            url = normalize_url(pair[1].get("href", ""), base_url) or url
        if row is not None:
            seen_rows.add(row)
        label = _LABEL_STRIP_RE.sub("", doc.text(pair[0])) if pair is not None else None
        parts = _LABEL_SPLIT.split(shown, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1] and len(parts[0]) <= 12:
            label, shown = parts[0], parts[1]
        teaser = None
        if row is not None:
            prefix, rest = _row_texts(row, a)
            if pair is not None:  # (the label and its brackets are not a teaser: 'title（label）')
                prefix, rest = "", _row_texts(row, pair[1], pair[0])[1]
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
            titled = {x.get("href") for x in links if len(collapse(el_text(x))) >= MIN_ITEM_TITLE_CHARS}
            if len(links) <= 2 and len(titled) <= 1:  # one item (with an image or a label link at most)
                return node
            return None
        node = node.getparent()
    return None


def _shaped_row(doc: Document, a: etree._Element, base_url: str,
                shapes: LinkShapes) -> etree._Element | None:
    """The row of a link whose partner is a column link by the site's link shapes (see `pair_by_shape`):
    a row of two titled links `_row_of` cannot tell apart ('政策法规与标准解读 | 标题')."""
    if not shapes:
        return None
    node = a.getparent()
    for _ in range(3):
        if node is None:
            return None
        if node.tag in ("li", "dd", "tr", "p", "dl", "div", "article"):
            return node if pair_by_shape(doc, node, base_url, shapes) is not None else None
        node = node.getparent()
    return None


def _row_texts(row: etree._Element, link: etree._Element,
               label: etree._Element | None = None) -> tuple[str, str]:
    """Text of the row before the link (a label) and the first text block after it (a teaser); the text of a
    ``label`` link and lone brackets around it are neither."""
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
        own = node.text if node is not label else None
        texts = [t for t in (own, node.tail if node is not row else None) if t and _LABEL_STRIP_RE.sub("", t)]
        if not seen_link:
            before.extend(texts)
        else:
            after.extend(texts)
    teaser = next((collapse(t) for t in after if not _TEASER_NOISE.match(DATE_RE.sub("", t))), "")
    return collapse(" ".join(before)), teaser
