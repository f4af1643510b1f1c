"""The body's HTML: the content element copied with safe tags and attributes only, without what extraction left out."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .dom import Document, collapse
from .urls import normalize_url

__all__ = ["image_src", "sanitize_html"]

_IMG_SRC_ATTRS = ("data-original", "data-src", "original", "data-url", "src")
_ALLOWED = {
    "p": "p", "br": "br", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6", "ul": "ul",
    "ol": "ol", "li": "li", "dl": "dl", "dt": "dt", "dd": "dd", "table": "table", "thead": "thead",
    "tbody": "tbody", "tfoot": "tfoot", "tr": "tr", "td": "td", "th": "th", "caption": "caption",
    "blockquote": "blockquote", "pre": "pre", "code": "code", "strong": "strong", "b": "strong", "em": "em",
    "i": "em", "u": "u", "sub": "sub", "sup": "sup", "img": "img", "a": "a", "figure": "figure",
    "figcaption": "figcaption", "div": "div", "section": "div", "article": "div", "center": "div", "hr": "hr",
}


def sanitize_html(
    doc: Document,
    content: etree._Element,
    ranges: list[tuple[int, int]],
    drop_elements: set[int],
    base_url: str,
) -> str:
    """Safe minimal HTML of the content: an allow-list of tags, no attributes but absolute http(s) links."""
    root = etree.Element("div")
    masked = doc.mask(ranges)

    def skipped(el: etree._Element) -> bool:
        i = doc.index.get(el, -1)
        return i in drop_elements or (i >= 0 and masked[i] == 1)

    def append_text(parent: etree._Element, text: str | None) -> None:
        if not text:
            return
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def walk(src: etree._Element, dst: etree._Element) -> None:
        append_text(dst, src.text)
        for child in src:
            if not isinstance(child.tag, str):
                append_text(dst, child.tail)
                continue
            if skipped(child) or child.tag in ("script", "style", "iframe", "form", "input", "object", "embed"):
                append_text(dst, child.tail)
                continue
            tag = _ALLOWED.get(child.tag)
            if tag is None:
                walk(child, dst)
                append_text(dst, child.tail)
                continue
            new = etree.SubElement(dst, tag)
            if not _copy_safe_attributes(child, new, base_url):
                dst.remove(new)
                append_text(dst, child.tail)
                continue
            walk(child, new)
            new.tail = None
            append_text(dst, child.tail)

    walk(content, root)
    _prune_empty(root)
    html = lxml.html.tostring(root, encoding="unicode", method="html")
    return re.sub(r"[ \t\r\n\u3000\xa0]{2,}", " ", html).strip()


def _copy_safe_attributes(src: etree._Element, new: etree._Element, base_url: str) -> bool:
    """Copy the attributes kept in the safe HTML onto its copy of src: a link's absolute href, an image's src and
    alt, a cell's numeric colspan/rowspan. False for an image without a usable source (it is left out)."""
    tag = new.tag
    if tag == "a":
        href = normalize_url(src.get("href", ""), base_url)
        if href:
            new.set("href", href)
    elif tag == "img":
        src_url = normalize_url(image_src(src), base_url)
        if not src_url:
            return False
        new.set("src", src_url)
        if src.get("alt"):
            new.set("alt", collapse(src.get("alt")))
    elif tag in ("td", "th"):
        for name in ("colspan", "rowspan"):
            value = src.get(name, "")
            if value.isdigit():
                new.set(name, value)
    return True


def _prune_empty(root: etree._Element) -> None:
    for el in reversed(list(root.iter())):
        if el is root or el.tag in ("img", "br", "hr", "td", "th"):
            continue
        if len(el) == 0 and not collapse(el.text):
            remove_keep_tail(el)


def remove_keep_tail(el: etree._Element) -> None:
    """Take ``el`` out of its tree; the text after it stays where it was."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def image_src(img: etree._Element) -> str:
    for name in _IMG_SRC_ATTRS:
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return ""
