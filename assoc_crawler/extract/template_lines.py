"""Boilerplate by repetition: the lines a site prints at the top or the bottom of (nearly) every article, inside
the article's own block, where no page-level rule can tell them from the text (a notice of the site's own wording,
a call for contributions, a disclaimer nobody has put in a label table).

:func:`learn_repeated_lines` learns them per template (URL shape, see :mod:`.site_model`) and for the site as a
whole from the site's articles; :func:`strip_repeated_lines` takes them off an article's body text and HTML. A
line is the site's when

* it stands among the first or last :data:`EDGE_LINES` lines of at least :data:`MIN_TEMPLATE_PAGES` articles of
  the template (or of the site) and of :data:`REPEAT_SHARE` of them;
* it stands beside other text on at least :data:`MIN_TEMPLATE_PAGES` of them (a body that is the same on every
  page is their text);
* it is a sentence, not a formula: :data:`MIN_LINE_CHARS` characters or more (特此通知, 各会员单位：, 详见附件 and
  a report's section headings are shorter);
* it stands in articles of at least two columns (their category, else their URL shape), no one column holding
  more than :data:`MAX_COLUMN_SHARE` of them: a column's own formula (a notices column's salutation and closing,
  a weekly report's fixed headings) is that column's text, even when a stray article of another column repeats
  it. A site whose articles show one column only (one URL shape, no category) learns nothing: there a notice
  and a formula look alike.

Lines taken off earlier count as seen, so that an archive of stripped bodies keeps the evidence. Stripping is all
or nothing: when the body HTML cannot lose a line the text loses, neither does. Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import lxml.html
from lxml import etree

from .dom import collapse
from .fields import match_byline
from .labels import PLACEHOLDER_VALUES
from .model import PageExtraction
from .sanitize import remove_keep_tail
from .site_model import MIN_TEMPLATE_PAGES, url_shape

__all__ = ["EDGE_LINES", "REMOVED_KEY", "REPEAT_SHARE", "SITE_WIDE", "ArticleText", "apply_template_lines",
           "bylines_at_cut_edges", "cut_template_lines", "learn_repeated_lines", "lines_for", "record_removed",
           "remembered_lines", "removed_lines", "strip_repeated_lines", "take_edge_byline"]

#: Lines at each end of a body where template lines are looked for, and the share of a template's articles that
#: must show a line.
EDGE_LINES = 3
REPEAT_SHARE = 0.6
#: The key of the lines learned from all of a site's articles together.
SITE_WIDE = "*"
#: The shortest line that can be a site's own line (visible characters).
MIN_LINE_CHARS = 10
#: Columns (categories, else URL shapes) a line must stand in, and the largest share one of them may hold.
MIN_COLUMNS = 2
MAX_COLUMN_SHARE = 0.75
_NEAR_EDGE = 3  # a template line among this many first or last lines of a body is cut too
#: Elements that hold a line of their own in the body HTML.
_LINE_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "center",
                        "table", "span", "font", "strong", "b", "em", "i", "a"})


@dataclass(frozen=True)
class ArticleText:
    """An archived article as the learning sees it: its URL, body text and the lines taken off it before."""

    url: str
    body_text: str
    removed: tuple[str, ...] = ()
    category: str | None = None


def _lines(body_text: str) -> list[str]:
    return [line for line in (collapse(raw) for raw in body_text.split("\n")) if line]


def learn_repeated_lines(articles: Iterable[ArticleText]) -> dict[str, frozenset[str]]:
    """Per URL shape, the lines that are the template's (see the module docstring), and under :data:`SITE_WIDE`
    the lines of nearly all the site's articles, whatever their URLs (a site whose article URLs carry their
    column's code in the path has a shape per column); shapes without any are left out."""
    pages: Counter[str] = Counter()
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    beside_text: dict[str, Counter[str]] = defaultdict(Counter)  # ... in a body that has other lines too
    columns: dict[str, Counter[str]] = defaultdict(Counter)  # line -> columns of the articles it stands in
    for article in articles:
        lines = _lines(article.body_text or "")
        removed = set(map(collapse, article.removed))
        edges = {line for line in {*lines[:EDGE_LINES], *lines[-EDGE_LINES:], *removed}
                 if _visible(line) >= MIN_LINE_CHARS}
        shape = url_shape(article.url)
        for line in edges:
            columns[line][article.category or shape] += 1
        for key in (shape, SITE_WIDE):
            pages[key] += 1
            seen[key].update(edges)
            if len({*lines, *removed}) > 1:
                beside_text[key].update(edges)
    learned = {}
    for key, counts in seen.items():
        needed = max(MIN_TEMPLATE_PAGES, REPEAT_SHARE * pages[key])
        repeated = frozenset(line for line, count in counts.items()
                             if count >= needed and beside_text[key][line] >= MIN_TEMPLATE_PAGES
                             and _spread(columns[line]))
        if repeated:
            learned[key] = repeated
    return learned


def remembered_lines(articles: Iterable[ArticleText]) -> frozenset[str]:
    """The lines taken off at least :data:`MIN_TEMPLATE_PAGES` articles of at least :data:`MIN_COLUMNS` columns
    (``articles``: every article of the site with lines taken off): the site's lines for good, however few of
    its latest articles still show them."""
    columns: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for line in set(map(collapse, article.removed)):
            columns[line][article.category or url_shape(article.url)] += 1
    return frozenset(line for line, spread in columns.items()
                     if spread.total() >= MIN_TEMPLATE_PAGES and _spread(spread))


def _spread(columns: Counter[str]) -> bool:
    """Whether a line stands in articles of several columns, not of one column and a stray article or two."""
    return len(columns) >= MIN_COLUMNS and columns.most_common(1)[0][1] <= MAX_COLUMN_SHARE * columns.total()


def _visible(line: str) -> int:
    return len("".join(line.split()))


def strip_repeated_lines(body_text: str, body_html: str, lines: frozenset[str]) -> tuple[str, str, tuple[str, ...]]:
    """The body without the template ``lines`` that open or close it, or stand among its first or last
    lines (a notice under a subtitle): (text, html, the lines taken off). A body of template lines only (an
    article that is an image or an attachment) is left empty; nothing else changes."""
    kept = [raw for raw in body_text.split("\n") if collapse(raw)]
    start, end = 0, len(kept)
    while start < end and collapse(kept[start]) in lines:
        start += 1
    while end > start and collapse(kept[end - 1]) in lines:
        end -= 1
    near = [k for k in (*range(start, min(start + _NEAR_EDGE, end)), *range(max(end - _NEAR_EDGE, start), end))
            if collapse(kept[k]) in lines]
    cut = sorted({*range(start), *range(end, len(kept)), *near})
    if not cut:
        return body_text, body_html, ()
    leading = [collapse(kept[k]) for k in cut if k < (start + end) / 2]
    trailing = [collapse(kept[k]) for k in cut if k >= (start + end) / 2]
    html = _strip_html(body_html, leading, trailing)
    if body_html and html is None:
        return body_text, body_html, ()  # all or nothing: the text keeps what the HTML could not lose
    taken = set(cut)
    text = "\n".join(raw for k, raw in enumerate(kept) if k not in taken)
    return text, html if body_html else body_html, (*leading, *trailing)


def take_edge_byline(body_text: str, body_html: str, at_end: bool) -> tuple[str, str, str | None]:
    """The body without its last (or first) line when that line is a byline (通讯员 史明), and the byline's
    names; unchanged and None otherwise. After the template's lines are gone, a byline they stood beside is at
    the body's edge, where the page's own rules would have taken it."""
    kept = [raw for raw in body_text.split("\n") if collapse(raw)]
    if len(kept) < 2:
        return body_text, body_html, None
    edge = kept[-1] if at_end else kept[0]
    names = match_byline(edge)
    if not names or names.lower() in PLACEHOLDER_VALUES:
        return body_text, body_html, None
    rest = kept[:-1] if at_end else kept[1:]
    line = collapse(edge)
    html = _strip_html(body_html, [] if at_end else [line], [line] if at_end else []) if body_html else body_html
    if html is None:
        return body_text, body_html, None
    return "\n".join(rest), html, names


def _strip_html(body_html: str, leading: list[str], trailing: list[str]) -> str | None:
    """``body_html`` without the first element (or text between <br>) of each leading line and the last of each
    trailing one; None when one of them cannot be found (a line that is a table row, a line with a link between
    <br>) or the HTML cannot be parsed."""
    try:
        root, wrapped = lxml.html.fragment_fromstring(body_html), False  # the sanitized body: one <div>
    except etree.ParserError:
        try:
            root, wrapped = lxml.html.fragment_fromstring(body_html, create_parent="div"), True
        except (etree.ParserError, ValueError):
            return None
    dropped = [_drop(root, line, last=False) for line in leading]
    dropped += [_drop(root, line, last=True) for line in reversed(trailing)]
    if not all(dropped):
        return None
    if not wrapped:
        return lxml.html.tostring(root, encoding="unicode", method="html")
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode", method="html")
                                       for child in root)


def _drop(root: etree._Element, line: str, last: bool) -> bool:
    """Remove the innermost element, or text run between <br>, whose text is ``line`` (the first or the last)."""
    elements = [el for el in root.iter() if el is not root and isinstance(el.tag, str) and el.tag in _LINE_TAGS
                and collapse(el.text_content()) == line]
    innermost = [el for el in elements if not any(collapse(child.text_content()) == line for child in el)]
    if innermost:
        element = innermost[-1] if last else innermost[0]
        remove_keep_tail(element)
        return True
    return _drop_text_run(root, line, last)


def _drop_text_run(root: etree._Element, line: str, last: bool) -> bool:
    """A line of a <br>-separated block: an element's text or a <br>'s tail; the <br> beside it goes too."""
    runs = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if collapse(el.text) == line and (len(el) == 0 or el[0].tag == "br"):
            runs.append((el, "text"))
        if el.tag == "br" and collapse(el.tail) == line:
            runs.append((el, "tail"))
    if not runs:
        return False
    el, where = runs[-1] if last else runs[0]
    if where == "text":
        el.text = None
        if len(el) and el[0].tag == "br":
            remove_keep_tail(el[0])
    else:
        el.tail = None
        remove_keep_tail(el)
    return True


#: The key of ``field_methods`` that keeps the lines taken off a body (one per line), the learning's evidence.
REMOVED_KEY = "body_removed"


def removed_lines(field_methods: dict[str, str] | None) -> tuple[str, ...]:
    """The lines an article's body lost to its template (from its ``field_methods``)."""
    value = (field_methods or {}).get(REMOVED_KEY) or ""
    return tuple(line for line in value.split("\n") if line)


def record_removed(field_methods: dict[str, str], removed: tuple[str, ...]) -> None:
    """Add ``removed`` to the lines ``field_methods`` says the body lost, in place."""
    field_methods[REMOVED_KEY] = "\n".join((*removed_lines(field_methods), *removed))


def lines_for(learned: dict[str, frozenset[str]], url: str) -> frozenset[str]:
    """The learned lines that apply to the article at ``url``: its template's and the site's."""
    return learned.get(url_shape(url), frozenset()) | learned.get(SITE_WIDE, frozenset())


def apply_template_lines(extraction: PageExtraction, learned: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """Take the lines of its template (``learned``: see :func:`learn_repeated_lines`) off an extraction's body, in
    place; the lines taken off are recorded in its ``field_methods`` and returned."""
    lines = lines_for(learned, extraction.first_page_url or extraction.url)
    if not lines or not extraction.body_text:
        return ()
    text, html, removed, author = cut_template_lines(extraction.body_text, extraction.body_html or "", lines)
    if removed:
        extraction.body_text, extraction.body_html = text, html
        record_removed(extraction.field_methods, removed)
        if author and not extraction.author:
            extraction.author = author
            extraction.field_methods["author"] = "byline:site-template"
    return removed


def cut_template_lines(body_text: str, body_html: str,
                       lines: frozenset[str]) -> tuple[str, str, tuple[str, ...], str | None]:
    """:func:`strip_repeated_lines`, then :func:`bylines_at_cut_edges`: (text, html, the lines taken off, the
    names of a byline that stood beside them or None)."""
    text, html, removed = strip_repeated_lines(body_text, body_html, lines)
    if not removed:
        return body_text, body_html, (), None
    text, html, author = bylines_at_cut_edges(body_text, text, html)
    return text, html, removed, author


def bylines_at_cut_edges(before: str, text: str, html: str) -> tuple[str, str, str | None]:
    """``text``/``html`` (a body after its template lines were cut from ``before``) without a byline now at an edge
    that was cut, and that byline's names (the first found), or None."""
    old, new = _lines(before), _lines(text)
    author = None
    if new and old and old[0] != new[0]:
        text, html, author = take_edge_byline(text, html, at_end=False)
    if new and old and old[-1] != new[-1]:
        text, html, names = take_edge_byline(text, html, at_end=True)
        author = author or names
    return text, html, author
