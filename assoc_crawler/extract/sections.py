"""An article's text split over sibling blocks (a lede, sections, a data table, a notice's attachments and closing
lines after its text block): which siblings of the main block join it (see with_sibling_sections)."""

from __future__ import annotations

import re

from lxml import etree

from .content import ContentScorer
from .dates import DATE_RE
from .dom import Document, attr_text, collapse, el_text
from .fields import is_metadata_line, is_widget_line
from .labels import CLOSING_DATE_PATTERN
from .layout import SIBLING_MIN_SCORE, link_led_rows
from .media import is_file_link

_FILE_LABEL_CHARS = 8  # text beside each link of an attachment list ('相关附件：', '（点击下载）')
_CLOSING_LINES = 4  # 特此通知, two senders, the date
_CLOSING_LINE_CHARS = 40
_CLOSING_DATE_RE = re.compile(CLOSING_DATE_PATTERN)
_SIBLING_SHARE = 0.05
_SIBLING_MAX_THRESHOLD = 15.0
_SIBLING_LEVELS = 4
_UPPER_SIBLING_MIN_SCORE = 10.0
_PARAGRAPH_MIN_SCORE = 4.0  # a sentence or two: prose
_PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "h2", "h3", "h4", "ul", "ol", "dl", "table", "figure"})
_UPPER_SIBLING_SHARE = 0.3
# sibling blocks that are never a section of the article, whatever their prose
_NOT_SECTION_RE = re.compile(
    r"(^|[\s_-])(author|authors|bio|biography|about-author|autor|comments?|replies|respond|feedback|credits?|"
    r"newsletter|subscribe|signup|promo|teaser|teasers)([\s_-]|$|\d)"
)


def with_sibling_sections(
    doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list, title_index: int
) -> tuple[etree._Element, list[tuple[int, int]]]:
    """An article split over sibling blocks (lede, sections): take the parent, skipping the siblings that are
    not prose; looked for a few levels up. Returns (content element, extra skip ranges)."""
    best = scorer.score_of(content, page_lines)
    threshold = max(SIBLING_MIN_SCORE, min(_SIBLING_SHARE * best, _SIBLING_MAX_THRESHOLD))
    upper_threshold = max(_UPPER_SIBLING_MIN_SCORE, _UPPER_SIBLING_SHARE * scorer.prose_of(content, page_lines))
    accepted, skip, pending = content, [], []
    node = content
    for _ in range(_SIBLING_LEVELS):
        anchor = node  # climb wrappers that hold nothing but the content (td in a one-row layout table ...)
        while (anchor.getparent() is not None and anchor.getparent().tag not in ("body", "html")
               and sum(1 for c in anchor.getparent() if isinstance(c.tag, str)) == 1):
            anchor = anchor.getparent()
        parent = anchor.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        keep, entries = 0, False
        closing = _closing_lines(doc, anchor) if node is content else set()
        for sibling in parent:
            if not isinstance(sibling.tag, str) or sibling is anchor:
                continue
            i = doc.index[sibling]
            if node is content:  # the content's own siblings: scored like the content (a paragraph by its prose)
                if sibling.tag in _PARAGRAPH_TAGS:
                    level_threshold, measure = _PARAGRAPH_MIN_SCORE, scorer.prose_of(sibling, page_lines)
                else:
                    level_threshold, measure = threshold, scorer.score_of(sibling, page_lines)
            else:  # further up, sections are wrapped deeper: all their prose counts
                level_threshold, measure = upper_threshold, scorer.prose_of(sibling, page_lines)
            prose = ((measure >= level_threshold or _is_data_table(sibling))
                     and scorer.link_density(sibling) < 0.3 and not _NOT_SECTION_RE.search(attr_text(sibling))
                     and (_same_template(sibling, anchor) or not link_led_rows(doc, sibling)))
            if node is content and i > doc.index[content] and (_files_only(sibling) or sibling in closing):
                prose = True  # the notice's attachments (附件1：….doc) or its closing lines, after its text
            # (a box of entries with teasers is no section, unless it is cut from the text's own cloth)
            after_title = title_index < 0 or i > title_index or doc.contains(sibling, title_index)
            if prose and after_title and node is not content and _dated_entry(doc, sibling, page_lines):
                entries = True  # further posts with their own date: a list of entries, not sections
            if prose and after_title:
                keep += 1
            else:
                pending.append((i, doc.end[i]))
        if entries:
            break
        if keep:
            accepted = parent
            skip.extend(pending)
            pending = []
        node = parent
    return accepted, skip


def _closing_lines(doc: Document, anchor: etree._Element) -> set[etree._Element]:
    """The blocks right after the text block that close a notice (特此通知, the sender, the date): at most a few
    short lines without links, a notice's attachment list among them, the last ending with a date written out
    (2024年3月1日); none when no such date ends the run (a widget line, a heading or a link comes first)."""
    run: list[etree._Element] = []
    for sibling in anchor.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = collapse(el_text(sibling))
        if _files_only(sibling) or not text:
            continue
        if (len(run) == _CLOSING_LINES or len(text) > _CLOSING_LINE_CHARS or sibling.find(".//a") is not None
                or is_metadata_line(text) or is_widget_line(text)):
            return set()
        run.append(sibling)
        if _CLOSING_DATE_RE.search(text):
            return set(run)
    return set()


def _files_only(el: etree._Element) -> bool:
    """A block whose links all download files (a notice's attachment list), with no other text than their labels."""
    links = [a for a in el.iter("a") if a.get("href")]
    if not links or not all(is_file_link(a) for a in links):
        return False
    linked = sum(len(el_text(a)) for a in links)
    return len(el_text(el)) - linked <= _FILE_LABEL_CHARS * len(links)


def _same_template(a: etree._Element, b: etree._Element) -> bool:
    """The same tag and the same (non-empty) class."""
    return a.tag == b.tag and bool(a.get("class")) and a.get("class") == b.get("class")


def _dated_entry(doc: Document, el: etree._Element, page_lines: list) -> bool:
    """A block with a short date line of its own (an entry's "posted on" line)."""
    i, end = doc.index[el], doc.end[doc.index[el]]
    return any(i <= line.index <= end and len(line.text) <= 60 and DATE_RE.search(line.text) for line in page_lines)


def _is_data_table(el: etree._Element) -> bool:
    """A table of data (several rows of several cells with text), the kind articles carry, not a layout table."""
    table = el if el.tag == "table" else el.find(".//table")
    if table is None or el.tag not in ("table", "div", "p", "center"):
        return False
    rows = [tr for tr in table.iter("tr")
            if sum(1 for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")) >= 2]
    return len(rows) >= 3 and table.find(".//table") is None
