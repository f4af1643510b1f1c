"""The lead: the paragraph a page sets between its headline and its text block (a standfirst, an intro, a 导语).

Templates print it in the article's header, beside the byline and the date, or in a box of its own above the
text; the content scoring picks the text block below it and would leave it out. A lead is prose (sentences,
not a label and a value), without links, and no picture's caption or credit.
"""

from __future__ import annotations

import re

from lxml import etree

from .dates import parse_date
from .dom import Document, Line, attr_text
from .fields import is_metadata_line, is_widget_line, match_byline

_MIN_LEAD_CHARS = 60  # a CJK character counts twice: 30 of them make a sentence or two
_MAX_LEAD_CHARS = 800  # a standfirst is a few sentences; a longer block above the text is a post of its own
_DATE_LINE_CHARS = 80
_MAX_LEAD_LINK_SHARE = 0.1
_MAX_LEADS = 3
_SENTENCE_END_RE = re.compile(r"[.!?。！？…](?:[\"'”’»«)）」]*)$")
# a picture's caption or credit, an author's bio, a box beside the text (a sidebar, a sign-up, a notice, a
# disclosure): never the lead, whatever their prose
_NOT_LEAD_CLASS_RE = re.compile(
    r"caption|credit|copyright|bildunterschrift|legende|photo|foto|image|img|pic|media|hero|author|autor|bio|"
    r"profile|byline|sidebar|newsletter|signup|subscribe|promo|disclosure|disclaimer|affiliate|notice|alert|"
    r"warning|recommend|related|share|comment|widget|(?:^|[\s_-])(?:bu|side|hot|ad|ads)(?:[\s_-]|$)",
    re.IGNORECASE)
_LEAD_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:lead|intro|standfirst|daoyu)(?:[\s_-]|$)", re.IGNORECASE)
_CREDIT_RE = re.compile(r"(?:^|[\s.:。，,(（])(?:Foto|Fotos|Bild|Photo|Photos|Image|Picture|Credit|Quelle|图片|摄影|图)"
                        r"\s*[:：]", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CAPTION_TAGS = frozenset({"figure", "figcaption", "picture"})
_SPACES_RE = re.compile(r"\s+")
_REPEAT_CHARS = 40
_CUT_END_RE = re.compile(r"\s*(?:\.{3,}|…+|。{3,})\s*$")
_BOX_SHARE = 1.5


def lead_blocks(
    doc: Document, page_lines: list[Line], title_index: int, content: etree._Element | None,
) -> list[etree._Element]:
    """The elements of prose between the headline and the content block, in order (at most a few)."""
    if content is None or title_index < 0:
        return []
    start, content_index = doc.end[title_index], doc.index[content]
    if start >= content_index:
        return []
    leads: list[etree._Element] = []
    dated_after_lead = False
    content_text: str | None = None
    for line in page_lines:
        if not start < line.index < content_index:
            continue
        el = doc.elements[line.index]
        if el in leads or any(doc.contains(lead, line.index) for lead in leads):
            continue
        if _is_lead(doc, el, line.text, content):
            if dated_after_lead:
                return []  # prose, a date line, prose again: entries of a blog or a list, not a lead
            if content_text is None:
                content_text = _SPACES_RE.sub("", doc.text(content))
            if _SPACES_RE.sub("", line.text)[:_REPEAT_CHARS] not in content_text:  # not a summary the text repeats
                leads.append(el)
        elif leads and len(line.text) <= _DATE_LINE_CHARS and parse_date(line.text) is not None:
            dated_after_lead = True
    return leads[:_MAX_LEADS]


def repeats_text(line: str, following: str) -> bool:
    """Whether a line opening a text is a summary cut from the text below it ('今年上半年，…总体保持平稳...' over
    the paragraph it was cut from: a CMS's description shown above the text)."""
    cut = _CUT_END_RE.sub("", line)
    if cut == line or len(cut) < _REPEAT_CHARS // 2:
        return False
    return _SPACES_RE.sub("", following).startswith(_SPACES_RE.sub("", cut))


def _is_lead(doc: Document, el: etree._Element, text: str, content: etree._Element) -> bool:
    """A line of sentences in an element of its own, without links, that is no info line, byline, caption or
    bio."""
    i = doc.index[el]
    if not _MIN_LEAD_CHARS <= len(text) + len(_CJK_RE.findall(text)) or len(text) > _MAX_LEAD_CHARS:
        return False
    if doc.text(el) != text:
        return False
    if doc.contains(el, doc.index[content]):
        return False
    if doc.link_chars[i] > _MAX_LEAD_LINK_SHARE * max(doc.chars[i], 1) or not _SENTENCE_END_RE.search(text):
        return False
    if is_metadata_line(text) or is_widget_line(text) or match_byline(text) or _CREDIT_RE.search(text):
        return False
    return not _in_caption_or_bio(el) and not _beside_picture_or_form(doc, el, text)


def _beside_picture_or_form(doc: Document, el: etree._Element, text: str) -> bool:
    """A line that is all the text of a box holding a picture (its caption) or a form (a sign-up box)."""
    parent = el.getparent()
    for _ in range(2):
        if parent is None or parent.tag in ("body", "html"):
            return False
        if doc.text(parent) == text and parent.find(".//img") is not None:
            return True
        boxed = doc.chars[doc.index[parent]] <= _BOX_SHARE * len(text)  # a box holding little but the line
        if boxed and (parent.find(".//form") is not None or parent.find(".//input") is not None):
            return True
        parent = parent.getparent()
    return False


def _in_caption_or_bio(el: etree._Element) -> bool:
    """Whether the element is a picture's caption or credit or an author's bio, or sits in one (a few levels
    up)."""
    node: etree._Element | None = el
    for _ in range(4):
        if node is None or node.tag in ("body", "html"):
            return False
        if _LEAD_CLASS_RE.search(attr_text(node)):
            return False  # 'photo-lead': named a lead, whatever else its name says
        if node.tag in _CAPTION_TAGS or _NOT_LEAD_CLASS_RE.search(attr_text(node)):
            return True
        node = node.getparent()
    return False
