"""The page's own list: entries below the headline whose links lead to pages of another kind than the page.

An author's page lists their stories under a bio, a directory its members under an intro, a podcast its
episodes, a topic hub its stories: each entry is a block of one template titled by a link, and the links share a
URL shape that the page's own URL does not have (the stories are at /2024/04/29/slug/, the author at
/people/name/). A story's own related items link to pages shaped like the story itself, so they never count; nor do
entries under a heading of their own that does not name the page's headline ('More from Business' below a company's
summary; 'Stories by Jane Doe' below Jane Doe's bio is her page's list).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from .dates import parse_date
from .dom import HEADING_TAGS, Document
from .layout import entry_key
from .listings import heading_kind
from .media import is_file_link
from .urls import normalize_url, same_page

_MIN_ENTRIES = 4
_MIN_ENTRY_CHARS = 15  # a block shorter than this is no entry (a rule, a page number)
_TITLE_CHARS = 8  # an entry's title link at least (not 'More', a name's initials, a page number)
_SHAPE_SHARE = 0.75  # of a run's entries whose title links share one shape
_FILE_NAME_RE = re.compile(r"([^.]+)(\.[A-Za-z0-9]{2,5})")
_DATE_ELEMENT_CHARS = 30
_BOX_TITLE_CHARS = 40
_MONTH_DAY_RE = re.compile(r"[\[(（]?(0?[1-9]|1[0-2])[-/.月](0?[1-9]|[12]\d|3[01])日?[\])）]?(\s+\d{1,2}:\d{2})?")
_TITLE_CLASS_RE = re.compile(r"(^|[\s_-])(title|headline|heading)([\s_-]|$)", re.IGNORECASE)
_SLUG_RE = re.compile(r"[\w-]*[A-Za-z][\w-]*[-_][\w-]*")


def url_kinds(url: str) -> str:
    """A URL reduced to the kind of each path segment: a number ``N``, words (a word, or a slug of words and
    numbers joined by '-' or '_') ``W``, anything else with its digits as ``N``; a file's extension and the query's
    keys are kept. ``/stories/2019/08/14/fair-board-names.html`` -> ``/W/N/N/N/W.html``; ``/list/member/acme-12``
    -> ``/W/W/W``; ``/news/show.php?id=3`` -> ``/W/W.php?id``."""
    parts = urlsplit(url)
    keys = sorted(key for key, _ in parse_qsl(parts.query, keep_blank_values=True))
    return "/".join(_segment_kind(s) for s in parts.path.split("/")) + ("?" + "&".join(keys) if keys else "")


def _segment_kind(segment: str) -> str:
    match = _FILE_NAME_RE.fullmatch(segment)
    stem, extension = (match[1], match[2]) if match else (segment, "")
    if stem.isdigit():
        kind = "N"
    elif (stem.isascii() and stem.isalpha()) or _SLUG_RE.fullmatch(stem):
        kind = "W"
    else:
        kind = re.sub(r"\d+", "N", stem)
    return kind + extension


def own_list_chars(doc: Document, boxes: list[tuple[int, int]], title_index: int, content: etree._Element | None,
                   body_text: str, names: tuple[str, ...], intro_only: bool, url: str, base: str) -> int:
    """Characters of the largest run of entries below the headline whose title links lead to pages of one URL
    shape other than the page's own; 0 when there is none. ``content``, ``body_text``: the page's text block and
    text; ``names``: the page's headline and the parts of its <title>; ``intro_only``: whether the page's own text is
    a short undated intro (a topic's or a column's page). Runs in ``boxes`` (navigation, sidebars, footers,
    labelled listing boxes), holding the page's text (a thread's posts, an article's sections) or under a heading
    that does not name the page (see _headed_as_page) do not count, nor do runs inside the text's block whose titles
    are not headings."""
    masked = doc.mask(boxes)
    own = url_kinds(url)
    headings = [doc.index[h] for h in doc.body.iter(etree.Element)
                if not masked[doc.index[h]] and _heading_like(doc, h)]
    text_at = doc.index[content] if content is not None else -1
    best = 0
    for run in entry_runs(doc, boxes, title_index, masked):
        first, last = doc.index[run[0]], doc.index[run[-1]]
        inside = content is not None and doc.contains(content, first)
        if (not (first <= text_at <= doc.end[last])
                and _headed_as_page(doc, headings, title_index, first, names, intro_only)
                and _shape_of_titles(doc, run, url, base, body_text, headed=inside) not in (None, own)):
            best = max(best, sum(doc.chars[doc.index[entry]] for entry in run))
    return best


def entry_runs(doc: Document, boxes: list[tuple[int, int]], title_index: int,
               masked: bytearray | None = None) -> Iterator[list[etree._Element]]:
    """Runs of four or more consecutive blocks of one template with some text, below the headline and outside
    ``boxes`` (navigation, sidebars, footers, listing boxes)."""
    masked = masked if masked is not None else doc.mask(boxes)
    for parent in doc.body.iter(etree.Element):
        i = doc.index[parent]
        if doc.end[i] <= title_index or masked[i] or len(parent) < _MIN_ENTRIES:
            continue
        for run in _runs(doc, parent):
            first = doc.index[run[0]]
            if first > title_index and not masked[first]:
                yield run


def _heading_like(doc: Document, el: etree._Element) -> bool:
    """A heading, or a short block classed as a title ('<div class="pane-title">Upcoming events</div>')."""
    if el.tag in HEADING_TAGS:
        return True
    return (el.tag in ("div", "p", "span", "strong") and 0 < doc.chars[doc.index[el]] <= _BOX_TITLE_CHARS
            and bool(_TITLE_CLASS_RE.search(el.get("class") or "")) and el.find(".//a") is None)


def _headed_as_page(doc: Document, headings: list[int], title_index: int, first: int, names: tuple[str, ...],
                    intro_only: bool) -> bool:
    """Whether no heading stands between the headline and a run's first entry, or the last one names the page: it
    holds the headline or is a part of the <title> (通知公告 over the notices of 通知公告-某协会). Under a short
    undated intro (a topic's or a column's page, whose boxes have headings of their own: 最新报道, All Episodes) any
    heading but a listing box's (相关阅读, More from Business) will do; below an undated text of some length (an
    obituary over a box of other members' tributes) it will not."""
    between = [i for i in headings if title_index < i < first]
    if not between:
        return True
    heading = doc.text(doc.elements[between[-1]])
    folded = heading.casefold()
    if names and ((names[0] and names[0].casefold() in folded) or any(folded == n.casefold() for n in names[1:])):
        return True
    return intro_only and heading_kind(heading) is None


def _runs(doc: Document, parent: etree._Element) -> list[list[etree._Element]]:
    """Runs of at least four consecutive children of one template (tag and first class) with some text."""
    runs: list[list[etree._Element]] = []
    current: list[etree._Element] = []
    for child in parent:
        if not isinstance(child.tag, str) or doc.chars[doc.index[child]] < _MIN_ENTRY_CHARS:
            continue
        if current and entry_key(child) != entry_key(current[0]):
            runs.append(current)
            current = []
        current.append(child)
    runs.append(current)
    return [run for run in runs if len(run) >= _MIN_ENTRIES]


def _shape_of_titles(doc: Document, run: list[etree._Element], url: str, base: str, body_text: str,
                     headed: bool) -> str | None:
    """The URL shape that most of the run's entries' title links share, or None (also when the entries are read
    as the page's text: its own sections or rows). With ``headed`` (a run inside the text's block), only titles set
    as headings count: a thread's replies, led by their writers' names and dates, are no entries."""
    shapes: Counter[str] = Counter()
    unread = [entry for entry in run if not _read_as_text(doc, entry, body_text)]  # (the text may take a few)
    for entry in unread:
        title = _title_link(doc, entry, headed)
        target = normalize_url(title.get("href", ""), base) if title is not None else None
        if target and not same_page(target, url):
            shapes[url_kinds(target)] += 1
    if not shapes or len(unread) < _MIN_ENTRIES:
        return None
    shape, count = shapes.most_common(1)[0]
    return shape if count >= _SHAPE_SHARE * len(unread) else None


def _read_as_text(doc: Document, entry: etree._Element, body_text: str) -> bool:
    """Whether the longest line of an entry is in the page's text."""
    lines = [line.text.strip() for line in doc.lines(entry)]
    longest = max(lines, key=len, default="")
    return bool(longest) and longest in body_text


def _title_link(doc: Document, entry: etree._Element, headed: bool = False) -> etree._Element | None:
    """An entry's title: its first link of some length set as a heading (a heading tag, a class that says title),
    else its link of longest text beside a date on a line of its own (a reply's user name, a bare link, a link inside
    a sentence and a photo's caption are no entry's title)."""
    links = [a for a in entry.iter("a") if a.get("href") and not is_file_link(a) and a in doc.index
             and len(doc.text(a)) >= _TITLE_CHARS and not any(x.tag == "figcaption" for x in a.iterancestors())]
    set_as_heading = [a for a in links if any(
        el.tag in HEADING_TAGS or _TITLE_CLASS_RE.search(el.get("class") or "")
        for el in (*a.iterancestors(), *a.iter()) if el is not entry and doc.contains(entry, doc.index[el]))]
    if set_as_heading:
        return set_as_heading[0]
    title = max(links, key=lambda a: len(doc.text(a)), default=None)
    return title if title is not None and not headed and _dated(doc, entry, title) else None


def _dated(doc: Document, entry: etree._Element, title: etree._Element) -> bool:
    """Whether an entry shows a date outside its title: on a line of its own or in a short element (a date's
    <span> set beside a count's, which the lines run together)."""
    name = doc.text(title)
    if any(_date_text(line.text) for line in doc.lines(entry) if line.text.strip() and line.text not in name):
        return True
    inside = doc.index[title], doc.end[doc.index[title]]
    return any(_date_text(doc.text(el)) for el in entry.iter(etree.Element)
               if 0 < doc.chars[doc.index[el]] <= _DATE_ELEMENT_CHARS and not inside[0] <= doc.index[el] <= inside[1])


def _date_text(text: str) -> bool:
    """A date, or a list's month and day alone ('03-24 12:41', '[05-17]')."""
    return parse_date(text) is not None or bool(_MONTH_DAY_RE.fullmatch(text.strip()))
