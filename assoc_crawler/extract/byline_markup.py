"""Byline markup: the author named by JSON-LD or by an element whose class, itemprop or rel says author or byline
(its name child, its names' line, its linked names), not an author's bio box, a comment's author or a form."""

from __future__ import annotations

import html
import re

from lxml import etree

from .dates import parse_date
from .dom import CJK_RE, Document
from .fields import clean_value, find_labelled, match_byline
from .labels import (
    AUTHOR_MARKUP_EXCLUDED_WORDS,
    AUTHOR_MARKUP_WORDS,
    AUTHOR_NAME_CHILD_CLASSES,
    BYLINE_DATE_LEAD_WORDS,
    DATE_LEAD_PATTERN,
    MARKUP_BYLINE_LEAD,
)
from .latin_bylines import job_title, latin_byline, latin_names, titled
from .structured import StructuredData

_AUTHOR_MARKUP_RE = re.compile(AUTHOR_MARKUP_WORDS, re.IGNORECASE)
_AUTHOR_MARKUP_EXCLUDED_RE = re.compile(AUTHOR_MARKUP_EXCLUDED_WORDS, re.IGNORECASE)
_NAME_CHILD_RE = re.compile(AUTHOR_NAME_CHILD_CLASSES)
_MARKUP_LEAD_RE = re.compile(MARKUP_BYLINE_LEAD, re.IGNORECASE)
_BYLINE_SEPARATOR_RE = re.compile(r"\s*[»|•]\s*|\s+·\s+")  # (a '·' without spaces joins a name: 阿曼达·帕克)
_AND_LEAD_RE = re.compile(r"^(and|&|und|et|y)\s+\S", re.IGNORECASE)
_MAX_LINKED_NAMES = 4
_NAME_JOINTS_RE = re.compile(r"(\s|,|&|\band\b|\bund\b)*")
_HANDLE_RE = re.compile(r"\s*@[A-Za-z_]\w{2,}")
_LONE_LEAD_RE = re.compile(r"^(by|von|par|por|de|written by|posted by)\s*$", re.IGNORECASE)
_CREDIT_PREFIX_RE = re.compile(r"^[^:：]{1,15}[:：]\s*(?=\S)")
_TRAILING_LABEL_RE = re.compile(r"\s+[A-ZÄÖÜ]?[a-zäöü]+:\s.*$")
_BYLINE_DATE_TAIL_RE = re.compile(r"\s+" + BYLINE_DATE_LEAD_WORDS + r"\s+.*$")  # 'Jane Doe am Samstag, ...'
_NOT_NAME_RE = re.compile(r"^(发布|发表|时间|日期)")
_NAME_CHILD_SHARE = 0.4  # a name child this much of the markup's text is the name
_MARKUP_NAME_CHARS = 40
_BYLINE_PREFIX_RE = re.compile(r"^(by|von|par|por|di|door|autor(in)?|author|作者|文)\s*[:：]?\s+", re.IGNORECASE)
_DATE_LEAD_LINE_RE = re.compile(DATE_LEAD_PATTERN, re.IGNORECASE)
_PICTURE_ROLE_RE = re.compile(r"photo|illustrat|graphic|video|camera|visual", re.IGNORECASE)


def structural_author(
    doc: Document, skip: list[tuple[int, int]], structured: StructuredData, methods: dict[str, str],
    content: etree._Element | None, outlet: str = "",
) -> str | None:
    """The author named by JSON-LD, or by byline markup (itemprop/rel/class author) in the article's container."""
    authors = [a for a in (_BYLINE_PREFIX_RE.sub("", html.unescape(a)).strip() for a in structured.authors) if a]
    if authors:
        value = clean_value(", ".join(authors))
        if value:
            methods["author"] = "json-ld"
            return value
    return markup_author(doc, skip, content, methods, outlet)


def markup_author(
    doc: Document, skip: list[tuple[int, int]], content: etree._Element | None, methods: dict[str, str],
    outlet: str = "",
) -> str | None:
    """The author named by byline markup (a class/itemprop/rel token with author/byline, a <byline> element) in the
    article's container; not an author's bio/avatar box, a comment's author or a login form. ``outlet``: the
    site's name, which a byline may name after its writers."""
    if content is None:
        return None
    scope = content
    for _ in range(3):
        if scope.getparent() is None or scope.getparent().tag in ("body", "html"):
            break
        scope = scope.getparent()
    masked = doc.mask(skip)
    for el in scope.iter():
        if not isinstance(el.tag, str) or masked[doc.index[el]] or not _is_byline_markup(el):
            continue
        value = _markup_name(doc, el, outlet)
        if value:
            methods["author"] = "byline-markup"
            return value
    return None


def _is_byline_markup(el: etree._Element) -> bool:
    """Byline markup that is not part of a form (a comment form's name field, a login box)."""
    tokens = f"{el.get('itemprop', '')} {el.get('rel', '')} {el.get('class', '')}".split()
    if el.tag != "byline" and not any(
        _AUTHOR_MARKUP_RE.search(t) and not _AUTHOR_MARKUP_EXCLUDED_RE.search(t) for t in tokens
    ):
        return False
    if el.find(".//input") is not None:
        return False
    parent = el.getparent()
    if parent is None:
        return True
    grandparent = parent.getparent()
    return parent.find(".//input") is None and (
        grandparent is None or grandparent.find(".//input[@type='password']") is None
    )


def _markup_name(doc: Document, el: etree._Element, outlet: str = "") -> str | None:
    """The name in byline markup: its single name/link child when that is most of it, cut at », |, a date or
    another label; dates and other fields' values are not names."""
    raw = _HANDLE_RE.sub("", doc.text(el))  # 'Luis Ortega@samgreer_btv': a social handle glued to the names
    if not raw or raw.endswith((":", "：")):
        return None
    named = _names_line(doc, el, outlet)
    if named:
        return named  # 'By A and B<br>Staff Writers', a name's block over a title's: the names' line
    named_elements = [k for k in el.iter() if k is not el and isinstance(k.tag, str) and doc.text(k) and (
        k.tag == "a" or _NAME_CHILD_RE.search(k.get("class") or "") or k.get("itemprop") == "name")]
    names = {doc.text(k) for k in named_elements}
    listed = _linked_names(raw, names) or _titled_rows(doc, el, named_elements)
    if listed:
        return listed  # 'By <a>Tyler Benson</a>, <a>Jenna Ruiz</a>': each name its own link, a comma between
    if len(names) == 1:
        name = names.pop()
        if len(name) >= _NAME_CHILD_SHARE * len(raw) or job_title(raw.replace(name, "", 1).strip(" ,|·")):
            raw = name  # (most of the markup, or beside a job title only: 'Tom Ashdown' 'Transport Correspondent')
    if _BYLINE_SEPARATOR_RE.search(raw[2:]):
        raw = _BYLINE_SEPARATOR_RE.split(raw)[0]
    latin = latin_byline(raw, outlet)
    if latin:
        return latin
    # 记者 张三 摄影 李四: the writer, not the photographer
    byline = match_byline(raw) if CJK_RE.search(raw) else None
    if byline:
        return clean_value(byline)
    raw = _MARKUP_LEAD_RE.sub("", _BYLINE_PREFIX_RE.sub("", raw))
    labelled = find_labelled(raw)
    if labelled:
        if labelled[0].field != "author":
            return None
        raw = labelled[0].value or ""
    credit = _CREDIT_PREFIX_RE.match(raw)
    if credit and not parse_date(raw[credit.end():]):
        raw = raw[credit.end():]  # 'Text & Fotos: Jane Doe'
    raw = _TRAILING_LABEL_RE.sub("", raw)  # 'Jane Doe Stand: 5. Februar 2020'
    raw = _BYLINE_DATE_TAIL_RE.sub("", raw)
    listed = latin_names(raw, outlet)
    if listed and titled(raw[len(listed):]):
        raw = listed  # 'A, B und C, Redakteure': the names without the job title (a long list stays whole)
    value = clean_value(raw)
    names = latin_names(value, outlet) if value else None
    if names and len(names) < len(value) and titled(value[len(names):]):
        value = names  # 'Jane Doe Reporter': the name without its job title
    if not value or len(value) > (_MARKUP_NAME_CHARS * 3 if names == value else _MARKUP_NAME_CHARS):
        return None  # (a list of names closed by 'and' may be long)
    if parse_date(value) or _DATE_LEAD_LINE_RE.match(value) or _NOT_NAME_RE.match(value):
        return None
    return value


def _names_line(doc: Document, el: etree._Element, outlet: str) -> str | None:
    """The names of byline markup set over several lines, read from its first line: 'By' alone on a line joins
    the next, a line opening with 'and' joins the one above ('By A<br>and B'), and a title below is left."""
    lines = [line.text for line in doc.lines(el)]
    while len(lines) > 1 and _LONE_LEAD_RE.match(lines[0]):
        lines[:2] = [f"{lines[0]} {lines[1]}"]  # 'By' on a line of its own, the name on the next
    while len(lines) > 1 and _AND_LEAD_RE.match(lines[1]):
        lines[:2] = [f"{lines[0]} {lines[1]}"]  # 'By A<br>and B': one byline
    first = next((line for line in lines if not line.endswith((":", "："))), "") if len(lines) > 1 else ""
    return latin_byline(first, outlet) or (first if first and latin_names(first, outlet) == first else None)


def _linked_names(raw: str, names: set[str]) -> str | None:
    """A byline made of two to four names, each its own link or name element, and only separators between them
    (commas, 'and', '&'), as shown: what follows a comma is then a person, not an outlet."""
    if not 2 <= len(names) <= _MAX_LINKED_NAMES or not all(latin_names(name) == name for name in names):
        return None
    shown = _MARKUP_LEAD_RE.sub("", _BYLINE_PREFIX_RE.sub("", raw)).strip()
    residue = shown
    for name in sorted(names, key=len, reverse=True):
        residue = residue.replace(name, " ")
    return shown if _NAME_JOINTS_RE.fullmatch(residue) else None


def _titled_rows(doc: Document, el: etree._Element, named: list[etree._Element]) -> str | None:
    """Two to four names in byline markup, each in a row of its own with at most a job title beside it (a photo,
    'Devin Castellanos', 'Logistics Editor'; then the next writer's row) and no words between the rows ('and',
    'translated by' are read as a line): the names, joined by commas."""
    rows: dict[etree._Element, str] = {}
    for name_el in named:
        row = name_el
        while row.getparent() is not None and row.getparent() is not el:
            row = row.getparent()
        name = doc.text(name_el)
        if rows.get(row, name) != name or latin_names(name) != name:
            return None  # two names in one row: a line of names, read as such
        rows[row] = name
    if not 2 <= len(rows) <= _MAX_LINKED_NAMES:
        return None
    for row, name in rows.items():
        rest = doc.text(row).replace(name, "", 1).strip(" ,|·")
        if (rest and not job_title(rest)) or _PICTURE_ROLE_RE.search(rest):
            return None  # (a photographer's or an illustrator's row beside the writer's: read as a line)
    between = "".join(t for t in (el.text, *(row.tail for row in el)) if t)
    return None if any(ch.isalpha() for ch in between) else ", ".join(rows.values())
