"""Parsing and walking the DOM: one lxml parse per page, text lines with document positions."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from lxml import etree

BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "thead", "tbody", "tfoot",
        "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure", "figcaption", "dl",
        "dt", "dd", "center", "form", "hr", "address", "main", "fieldset", "details", "summary", "caption", "body",
        "html", "br", "title", "option", "select", "iframe", "frame", "noframes",
    }
)
CELL_TAGS = frozenset({"td", "th"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
STRIP_TAGS = ("script", "style", "noscript", "template", "textarea", "select", "button", "svg", "object", "embed",
              "canvas", "audio", "video", "map")
DROP_TAGS = frozenset({*STRIP_TAGS, "head", "input", "iframe"})
_WS = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")  # the white space collapse() squeezes (done with str.split)
CJK_RE = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character (the unified ideographs)
_END_TAG_BYTES_RE = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_END_TAG_TAIL = 400
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_PARSERS = threading.local()  # one reusable lxml parser per thread (a parser must not be shared by threads)


def _visible_count(text: str) -> int:
    """Characters of text that are not white space (the ones collapse() keeps).

    str.split() drops exactly the str.isspace() characters, which with the zero-width and byte-order marks are the
    characters _WS matches; all of them except the plain space are unprintable.
    """
    if text.isprintable() and " " not in text:
        return len(text)  # the common case: no space, tab, newline or other separator at all
    if text.isspace():
        return 0
    count = len("".join(text.split()))
    if "\u200b" in text or "\ufeff" in text:
        count -= text.count("\u200b") + text.count("\ufeff")
    return count


def collapse(text: str | None) -> str:
    """Whitespace runs (full-width and no-break spaces included) to one space, stripped."""
    if not text:
        return ""
    # str.split() splits on exactly the characters _WS matches but the zero-width space and byte-order mark
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


def parse_html(text: str) -> etree._Element:
    """Parse HTML text into an lxml tree, never raising: broken or empty input gives an empty document."""
    # control characters are deleted from the UTF-8 bytes (they never occur inside a multi-byte sequence)
    data = text.encode("utf-8", errors="replace").translate(None, _CONTROL_BYTES)
    # a stray </body> or </html> mid-page (an included header fragment) makes libxml2 drop the rest of the page
    if _has_early_end_tag(data):
        data = _END_TAG_BYTES_RE.sub(b"", data)
    parser = _parser()
    try:
        root = etree.fromstring(data, parser=parser)
        if any("Excessive depth" in error.message for error in parser.error_log):
            # libxml2 stops at 2,048 levels and drops the rest of the page: flatten the excess and parse again
            root = etree.fromstring(cap_nesting(data, MAX_NESTING), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser=_parser())
    return root


MAX_NESTING = 256  # element depth kept when a page nests deeper than libxml2 allows
# a comment or a raw-text element (script, style, textarea: what looks like tags in them is text, up to their
# own end tag), else a tag. [^<>] keeps every attempt from scanning past the next '<': linear on any input.
_TAG_RE = re.compile(
    rb"(?P<raw><!--.*?(?:-->|\Z)|<(?P<rawname>script|style|textarea)\b[^<>]*>.*?(?:</(?P=rawname)\s*>|\Z))"
    rb"|<(?P<closing>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(?P<selfclosing>/?)>",
    re.DOTALL | re.IGNORECASE,
)
_VOID_TAGS = frozenset({b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
                        b"param", b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th",
                        b"option"})  # void, or closed implicitly by their next sibling


def cap_nesting(data: bytes, limit: int) -> bytes:
    """The HTML bytes with every start tag (and its end tag) deeper than ``limit`` removed; the text stays.
    Comments, scripts and styles are left alone: the tags written inside them open no element."""
    out: list[bytes] = []
    stack: list[tuple[bytes, bool]] = []  # open elements: (tag, kept)
    depth = 0  # kept elements on the stack
    position = 0
    for match in _TAG_RE.finditer(data):
        if match.group("raw"):
            continue  # kept as it is, and counts no depth
        closing, name, self_closing = match.group("closing"), match.group("name").lower(), match.group("selfclosing")
        keep = True
        if name in _VOID_TAGS or self_closing:
            pass
        elif closing:
            for index in range(len(stack) - 1, max(len(stack) - 64, 0) - 1, -1):  # the nearest open one
                if stack[index][0] == name:
                    keep = stack[index][1]
                    depth -= sum(kept for _, kept in stack[index:])
                    del stack[index:]
                    break
        else:
            keep = depth < limit
            stack.append((name, keep))
            depth += keep
        if not keep:
            out.append(data[position:match.start()])
            position = match.end()
    out.append(data[position:])
    return b"".join(out)


def _parser() -> etree.HTMLParser:
    """A plain lxml HTML parser (plain elements: lxml.html's per-element Python class lookup costs time and
    nothing here needs its HtmlElement methods), one per thread."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                                    recover=True, huge_tree=True)
    return parser


def _has_early_end_tag(data: bytes) -> bool:
    """Whether </body> or </html> (any case) occurs before the page's last few hundred bytes."""
    limit = len(data) - _END_TAG_TAIL
    for tag in (b"</body", b"</html", b"</BODY", b"</HTML", b"</Body", b"</Html"):
        position = data.find(tag)
        if 0 <= position < limit:
            return True
    return False


def strip_invisible(root: etree._Element) -> None:
    """Remove elements that never render as text (scripts, styles, form controls, media)."""
    etree.strip_elements(root, *STRIP_TAGS, with_tail=False)


@dataclass
class Line:
    """A line of rendered text and the document index of the element it started in."""

    text: str
    index: int
    tag: str


class Document:
    """A parsed page with pre-order element indexes, subtree extents and text counts, computed in one pass.

    `end[i]` is the index of the last element inside element i; `chars[i]` counts the non-space characters of
    its text (tails of its descendants included, its own tail not) and `link_chars[i]` those inside links.
    """

    def __init__(self, root: etree._Element) -> None:
        # elements only: comments, processing instructions and entities go (their tails stay); parse_html's trees
        # have none, this makes any other tree the same
        etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction, etree.Entity)
        self.root = root
        self.elements: list[etree._Element] = list(root.iter(etree.Element))
        self.index: dict[etree._Element, int] = {el: i for i, el in enumerate(self.elements)}
        n = len(self.elements)
        self.end: list[int] = list(range(n))
        self.chars: list[int] = [0] * n
        self.link_chars: list[int] = [0] * n
        self._text: dict[int, str] = {}
        # tag, text and tail per element, kept by the elements-only pass for rendering lines without lxml calls
        self._tags: list[str] = [""] * n
        self._texts: list[str | None] = [None] * n
        self._tails: list[str | None] = [None] * n
        self._count()
        body = root.find("body")
        self.body = body if body is not None else root

    def _count(self) -> None:
        """Fill end, chars and link_chars (and the tag, text and tail lists).

        In reverse document order every child is done before its parent; the element children of element i sit
        at i + 1, then one past the end of each previous child, so no index lookup is needed.
        """
        elements, end, chars, link_chars = self.elements, self.end, self.chars, self.link_chars
        tags, texts, tails = self._tags, self._texts, self._tails
        visible = _visible_count
        for i in range(len(elements) - 1, -1, -1):
            el = elements[i]
            texts[i] = text = el.text
            total = visible(text) if text else 0
            links = 0
            j = i + 1
            for child in el:
                total += chars[j]
                links += link_chars[j]
                tails[j] = tail = child.tail
                j = end[j] + 1
                if tail:
                    total += visible(tail)
            end[i] = j - 1
            chars[i] = total
            tags[i] = tag = el.tag
            link_chars[i] = total if tag == "a" else links
        if elements:
            tails[0] = elements[0].tail

    def text(self, el: etree._Element) -> str:
        """The collapsed text of an element (cached per element)."""
        i = self.index.get(el)
        if i is None:
            return collapse(el_text(el))
        cached = self._text.get(i)
        if cached is None:
            cached = self._text[i] = collapse(el_text(el)) if self.chars[i] else ""
        return cached

    def link_density(self, el: etree._Element) -> float:
        """Share of an element's characters that sit inside links."""
        i = self.index[el]
        return self.link_chars[i] / self.chars[i] if self.chars[i] else 0.0

    def contains(self, outer: etree._Element, inner_index: int) -> bool:
        """Whether the element at inner_index is outer or inside it."""
        i = self.index[outer]
        return i <= inner_index <= self.end[i]

    def chars_before(self, outer: etree._Element, inner_index: int) -> int:
        """Non-space characters of outer's text that come before the element at inner_index (inside outer)."""
        start = self.index[outer]
        total = _visible_count(self._texts[start]) if self._texts[start] else 0
        for k in range(start + 1, inner_index):
            text, tail = self._texts[k], self._tails[k]
            if text:
                total += _visible_count(text)
            if tail and self.end[k] < inner_index:  # the tail of an element that encloses inner comes after it
                total += _visible_count(tail)
        return total

    def mask(self, ranges: list[tuple[int, int]]) -> bytearray:
        """One byte per element, 1 where the element lies in one of the (start, end) index ranges."""
        flags = bytearray(len(self.elements))
        for a, b in ranges:
            flags[a:b + 1] = b"\x01" * (b - a + 1)
        return flags

    def lines(self, element: etree._Element, skip: list[tuple[int, int]] | None = None) -> list[Line]:
        """Render an element to text lines (block elements break lines, table rows become tab-joined lines).

        skip lists (start, end) index ranges of elements whose text is left out. The element's own tail ends the
        last line. Rendered from the per-element lists in one loop over indexes (the tree is not changed after
        the Document is built).
        """
        return self._render_lines(self.index[element], self.mask(skip) if skip else None)

    def _render_lines(self, first: int, flags: bytearray | None) -> list[Line]:
        """The lines of the element at index first, leaving out the elements flagged 1 in flags (see lines)."""
        tags, texts, tails, end = self._tags, self._texts, self._tails, self.end
        last_element = len(self.elements) - 1
        out: list[Line] = []
        buffer: list[str] = []
        start, start_tag = first, tags[first]
        open_blocks: list[int] = []  # elements whose subtree is being rendered, innermost last

        i, stop = first, end[first]
        while True:
            # close the elements whose subtree ends before i (all of them once past the rendered element)
            while open_blocks and (i > stop or end[open_blocks[-1]] < i):
                j = open_blocks.pop()
                tag = tags[j]
                if tag in BLOCK_TAGS:
                    if buffer:
                        _flush_line(buffer, out, start, start_tag)
                    # text after a block (its tail) starts a line at the next element in document order
                    following = min(end[j] + 1, last_element)
                    start, start_tag = following, tags[following]
                elif tag in CELL_TAGS:
                    buffer.append(" ")
                tail = tails[j]
                if tail:
                    buffer.append(tail)
            if i > stop:
                break
            tag = tags[i]
            if tag in DROP_TAGS or (flags is not None and flags[i] == 1):
                tail = tails[i]
                if tail:
                    buffer.append(tail)
                i = end[i] + 1
                continue
            if tag == "tr" and _is_data_row(self.elements[i]):
                if buffer:
                    _flush_line(buffer, out, start, start_tag)
                row = _row_text(self.elements[i])
                if row.strip():
                    out.append(Line(row, i, "tr"))
                buffer.append(tails[i] or "")
                i = end[i] + 1
                continue
            if tag in BLOCK_TAGS:
                if buffer:
                    _flush_line(buffer, out, start, start_tag)
                start, start_tag = i, tag
            text = texts[i]
            if text:
                if not buffer:
                    start, start_tag = i, tag
                buffer.append(text)
            open_blocks.append(i)
            i += 1
        if buffer:
            _flush_line(buffer, out, start, start_tag)
        return out


def _flush_line(buffer: list[str], out: list[Line], start: int, start_tag: str) -> None:
    """End the line being rendered: append its collapsed text (if any) as a Line, and empty the buffer."""
    text = collapse("".join(buffer))
    if text:
        out.append(Line(text, start, start_tag))
    buffer.clear()


def _row_text(tr: etree._Element) -> str:
    """A data row's cells, each collapsed, joined by tabs."""
    cells = [collapse(el_text(cell)) for cell in tr if isinstance(cell.tag, str) and cell.tag in CELL_TAGS]
    return "\t".join(cells).strip("\t")


def _is_data_row(tr: etree._Element) -> bool:
    """A table row of two or more cells with text, holding only inline content (not a layout row)."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in CELL_TAGS]
    if sum(1 for c in cells if collapse(el_text(c))) < 2:
        return False
    for cell in tr:
        if not isinstance(cell.tag, str):
            continue
        for sub in cell.iter():
            if isinstance(sub.tag, str) and sub.tag in {"table", "div", "p", "ul", "ol", "h1", "h2", "h3", "br"}:
                if sub.tag in {"p", "br"} and _inline_only(cell):
                    continue
                return False
    return True


def _inline_only(cell: etree._Element) -> bool:
    """A cell whose paragraphs/line breaks are few and short (a data cell with a <p> or <br> inside)."""
    return len(collapse(el_text(cell))) < 200 and sum(1 for s in cell.iter("p", "br")) <= 3


def el_text(el: etree._Element) -> str:
    """All text of an element (not collapsed). Scripts and styles were stripped at parse time."""
    return "".join(el.itertext())


def attr_text(el: etree._Element) -> str:
    """class and id of an element, lower-cased, for hint matching."""
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def is_xpath(selector: str) -> bool:
    """Whether a profile's selector is XPath (it starts as a path does); else it is CSS."""
    return selector.startswith(("/", "(", "./"))


def selector_problem(selector: str) -> str | None:
    """Why a profile's XPath or CSS selector cannot be used (the parser's message), or None when it compiles."""
    try:
        if is_xpath(selector):
            etree.XPath(selector)
        else:
            from lxml.cssselect import CSSSelector

            CSSSelector(selector)
    except Exception as exc:  # lxml's XPathSyntaxError, cssselect's SelectorSyntaxError and ExpressionError
        return f"{type(exc).__name__}: {exc}"
    return None


def select_first(root: etree._Element, selector: str | None) -> etree._Element | None:
    """The first element an XPath or CSS selector finds, or None (a bad selector finds nothing)."""
    if not selector:
        return None
    try:
        if is_xpath(selector):
            found = root.xpath(selector)
        else:
            from lxml.cssselect import CSSSelector

            found = CSSSelector(selector)(root)
    except Exception:  # a bad selector in a profile must not break extraction
        return None
    for item in found:
        if isinstance(item, etree._Element):
            return item
    return None
