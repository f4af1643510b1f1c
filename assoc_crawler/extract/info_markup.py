"""Fields the info line's markup names without a label: the medium in an element classed as a source (a portal's
'2015年11月28日07:12 <a>江州晚报</a>' in ``time-source``, an app page's ``<span class="source">东川日报</span>``)."""

from __future__ import annotations

import re

from lxml import etree

from .dates import DATE_RE
from .dom import CJK_RE, Document, attr_text
from .fields import clean_value, find_labelled, strip_source_person

_SOURCE_CLASS_RE = re.compile(r"(^|[-_])(source|laiyuan|media[-_]?name)($|[-_])", re.IGNORECASE)
_TIME_RE = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_FROM_RE = re.compile(r"^(来自|出自|转自)\s*")  # '来自 <a>北辰晚报</a>': a source shown as where the story comes from
_PICTURE_RE = re.compile(r"img|image|photo|pic|video", re.IGNORECASE)
_NOT_MEDIUM_RE = re.compile(r"原创|转载|独家|阅读|浏览|点击|评论|点赞|收藏")
_SENTENCE_RE = re.compile(r"[，。！？；,.!?;]")
_INFO_ELEMENTS = 60  # the info line stands within this many elements after the headline
_MAX_SOURCE_CHARS = 30


def markup_source(doc: Document, title_el: etree._Element | None, core: etree._Element | None) -> str | None:
    """The Chinese medium named, without a label, by a source-classed element between the headline and the text
    (dates and times in it left out); None when there is none or it says something else (a label, a sentence)."""
    if title_el is None:
        return None
    start = doc.end[doc.index[title_el]] + 1
    stop = start + _INFO_ELEMENTS
    if core is not None and not doc.contains(core, start):
        stop = min(stop, doc.index[core])
    for el in doc.elements[start:stop]:
        if not any(_SOURCE_CLASS_RE.search(t) and not _PICTURE_RE.search(t) for t in attr_text(el).split()):
            continue  # (an image-source is a photo's credit)
        value = _source_value(doc.text(el))
        if value:
            return value
    return None


def _source_value(text: str) -> str | None:
    """A source-classed element's text as a medium's name, or None (labelled, a sentence, not Chinese)."""
    if not text or find_labelled(text):
        return None  # a labelled value is the labels' to read (or was refused there)
    value = clean_value(_FROM_RE.sub("", _TIME_RE.sub(" ", DATE_RE.sub(" ", text)).strip()))
    if not value or len(value) > _MAX_SOURCE_CHARS or _SENTENCE_RE.search(value) or not CJK_RE.search(value):
        return None
    if _NOT_MEDIUM_RE.search(value):
        return None  # 原创, 阅读量 1024: a mark or a counter, not a medium
    return strip_source_person(value)
