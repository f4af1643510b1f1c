"""An article's text split over sibling blocks (a lede, sections, a data table, a notice's attachments and closing
lines after its text block): which siblings of the main block join it (see with_sibling_sections)."""

from __future__ import annotations

import re

from lxml import etree

from .content import ContentScorer
from .dates import DATE_RE
from .dom import HEADING_TAGS, Document, attr_text, collapse, el_text
from .fields import is_widget_line
from .labels import CLOSING_DATE_PATTERN, NOTICE_HEADLINE_PATTERN, SENDER_PATTERN, SO_NOTIFIED_PATTERN
from .layout import SIBLING_MIN_SCORE, link_led_rows
from .media import is_file_link

_FILE_LABEL_CHARS = 8  # text beside each link of an attachment list ('相关附件：', '（点击下载）')
_CLOSING_LINES = 4  # 特此通知, two senders, the date
_CLOSING_LINE_CHARS = 40
_CLOSING_DATE_RE = re.compile(CLOSING_DATE_PATTERN)
_SENDER_RE = re.compile(SENDER_PATTERN)
_SO_NOTIFIED_RE = re.compile(SO_NOTIFIED_PATTERN)
_NOTICE_HEADLINE_RE = re.compile(NOTICE_HEADLINE_PATTERN)
_COLON_RE = re.compile(r"[:：]")
_FILE_NAME_RE = re.compile(r"\.[A-Za-z0-9]{2,4}$")
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
    headline = doc.text(doc.elements[title_index]) if title_index >= 0 else ""
    for _ in range(_SIBLING_LEVELS):
        anchor = node  # climb wrappers that hold nothing but the content (td in a one-row layout table ...)
        while (anchor.getparent() is not None and anchor.getparent().tag not in ("body", "html")
               and sum(1 for c in anchor.getparent() if isinstance(c.tag, str)) == 1):
            anchor = anchor.getparent()
        parent = anchor.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        keep, entries = 0, False
        tail = _notice_tail(doc, anchor, headline) if node is content else set()
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
            if sibling in tail:
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


def _notice_tail(doc: Document, anchor: etree._Element, headline: str) -> set[etree._Element]:
    """The blocks right after a notice's text block that are still the notice's, before anything else: its
    attachment list and its closing lines (特此通知, the sender, the date), in either order. Closing lines are
    short unlabelled lines without links, the last ending with a date, among them a sender (an organisation's
    name), and the notice says it is one (a 特此 line, or a headline ending as an official notice does)."""
    tail: set[etree._Element] = set()
    run: list[etree._Element] = []
    lines: list[str] = []
    closed = False
    for sibling in anchor.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _NOT_SECTION_RE.search(attr_text(sibling)):
            break
        own = [line.text for line in doc.lines(sibling)]
        if not own:
            continue  # an empty block, a seal's picture
        if _attachment_list(sibling, anchor):
            tail.add(sibling)
            continue
        if (closed or len(lines) + len(own) > _CLOSING_LINES or sibling.find(".//a") is not None
                or not all(_closing_line(line) for line in own)):
            break
        run.append(sibling)
        lines += own
        if _CLOSING_DATE_RE.search(lines[-1]):
            if not _closes_notice(lines, headline):
                break
            tail.update(run)
            closed = True
    return tail


def _closing_line(line: str) -> bool:
    """A line that may close a notice: short, unlabelled (no colon: 更新：, 发稿时间：, 来源：), no widget."""
    return len(line) <= _CLOSING_LINE_CHARS and not _COLON_RE.search(line) and not is_widget_line(line)


def _closes_notice(lines: list[str], headline: str) -> bool:
    """Whether closing lines (the last ends with a date) close a notice: a sender among them, and a 特此 line or a
    headline that names an official notice (…的通知, …公告)."""
    if not any(_SENDER_RE.search(_CLOSING_DATE_RE.sub("", line).strip()) for line in lines):
        return False
    return any(_SO_NOTIFIED_RE.search(line) for line in lines) or bool(_NOTICE_HEADLINE_RE.search(headline))


def _attachment_list(el: etree._Element, text_block: etree._Element) -> bool:
    """A notice's attachment list: every link downloads a file, little text beside them, named as attachments
    (附件, or link texts that are file names), and not the files the text block links already."""
    links = [a for a in el.iter("a") if a.get("href")]
    if not links or not all(is_file_link(a) for a in links) or next(el.iter(*HEADING_TAGS), None) is not None:
        return False
    names = [collapse(el_text(a)) for a in links]
    if len(collapse(el_text(el))) - sum(len(n) for n in names) > _FILE_LABEL_CHARS * len(links):
        return False
    if "附件" not in el_text(el) and not all(_FILE_NAME_RE.search(n) for n in names):
        return False
    listed = {a.get("href") for a in text_block.iter("a")}
    return not all(a.get("href") in listed for a in links)


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
