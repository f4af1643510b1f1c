"""Page layout: chrome (navigation, footers, comments), the main block and its sibling sections, list-page signals."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from .content import ContentScorer
from .dates import DATE_RE, DMY_RE, MONTH_NAME_RE, SLASH_DATE_RE, parse_date
from .dom import HEADING_TAGS, Document, attr_text
from .labels import CUT_TEXT_PATTERN
from .media import is_file_link
from .urls import normalize_url, same_page

_SKIP_TAGS = ("nav", "aside", "footer")
_ENTRY_LEAD_CHARS = 24  # text before an entry's title link (a date, a label) at most
_ENTRY_TEASER_CHARS = 150  # the unlinked text of a list entry (a date, a teaser) at most
_CUT_TEXT_RE = re.compile(CUT_TEXT_PATTERN, re.IGNORECASE)
_LABEL_CHARS = 12  # a column's label before an entry's title link ('新闻中心频道')
_LABEL_JOINT_RE = re.compile(r"^[\s|｜\]】)）>·:：/-]*")  # what stands between a label link and a title link
_CHROME_CANDIDATES = etree.XPath(
    ".//*[@class or @id or @hidden or @aria-hidden or @style] | .//nav | .//aside | .//footer"
)
_CHROME_RE = re.compile(
    r"(^|\s)(footer|foot|copyright|topbar|top-bar|menu|mainnav|navbar|nav|subnav|site-nav|header-nav)(\s|$|\d)"
)
_OVERLAY_RE = re.compile(
    r"(^|[\s_-])(modal|overlay|popup|pop-up|dialog|lightbox|login|signin|sign-in|register|cookie|cookies|consent|"
    r"gdpr|newsletter|paywall|subscribe)([\s_-]|$|\d)"
)
_COMMENTS_RE = re.compile(
    r"(^|[\s_-])(comments?|commentlist|comment-list|comment-area|replies|feedback|pinglun|gentie|discuss)([\s_-]|$|\d)"
)
_CHROME_HINT, _COMMENTS_HINT = 1, 2  # _hint_kind() verdicts
_PARAGRAPH_TAGS = frozenset({"p", "blockquote"})
_BYLINE_HINT_RE = re.compile(r"(^|[\s_-])(author|byline|writer)([\s_-]|$)", re.IGNORECASE)
_PAYWALLED_TEXT_RE = re.compile(r"(^|\s)(paywall|paywalled|premium|fence-body)(\s|$)")
SIBLING_MIN_SCORE = 5.0
_LISTY_DENSITY = 0.4
_FILE_BLOCK_TAGS = frozenset({"div", "td", "section", "article"})
_NEAR_LINES = 6
_MIN_ENTRIES_AFTER = 4
_ENTRY_TITLE_CHARS = 8  # an entry's linked title at least (not a share button, a page number, 关于我们)
_LABEL_COLON_RE = re.compile(r"[:：]")
_FILLED_INPUT_TYPES = frozenset({"text", "email", "password", "checkbox", "radio", "tel", "number", "date"})
_FORM_ROW_TAGS = frozenset({"li", "p", "tr", "dd", "dt", "div", "fieldset"})
_SEARCH_FIELD_RE = re.compile(r"(^|[\s_-])(q|s|wd|kw|keywords?|query|search\w*|sousuo)([\s_-]|$)", re.IGNORECASE)


def chrome_ranges(doc: Document) -> list[tuple[int, int]]:
    """Page chrome: nav/aside/footer elements, small blocks whose class says footer, menu or copyright, and
    comment sections (readers' comments are never the article)."""
    ranges: list[tuple[int, int]] = []
    body_chars = max(doc.chars[doc.index[doc.body]], 1)
    covered_until = -1  # ranges are added in document order: a descendant of a taken block is skipped
    for el in _CHROME_CANDIDATES(doc.body):  # only elements that can be chrome, in document order
        i = doc.index.get(el)
        if i is None or i <= covered_until or not _is_chrome(doc, el, body_chars):
            continue
        ranges.append((i, doc.end[i]))
        covered_until = doc.end[i]
    return ranges


def _is_chrome(doc: Document, el: etree._Element, body_chars: int) -> bool:
    if not el.attrib and el.tag not in _SKIP_TAGS:
        return False
    if el.tag in _SKIP_TAGS or _is_hidden(el):
        return True
    hints = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if not hints.strip():
        return False
    kind = _hint_kind(hints)
    if kind == _CHROME_HINT and el.tag in _PARAGRAPH_TAGS and _PAYWALLED_TEXT_RE.search(hints):
        return False  # <p class="paywall">: a paragraph of the text marked as behind the paywall, not an overlay
    if kind == _CHROME_HINT:
        return doc.chars[doc.index[el]] < 0.25 * body_chars
    return kind == _COMMENTS_HINT and doc.chars[doc.index[el]] < 0.9 * body_chars


@lru_cache(maxsize=4096)
def _hint_kind(hints: str) -> int:
    """What class and id hints say: chrome or an overlay, a comment section, or nothing (cached: pages repeat
    the same few classes on many elements)."""
    if _OVERLAY_RE.search(hints) or _CHROME_RE.search(hints):
        return _CHROME_HINT
    return _COMMENTS_HINT if _COMMENTS_RE.search(hints) else 0


def prose_below_headline(
    doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list, title_index: int
) -> etree._Element:
    """When the best block is a list of links (replies, related items, teasers) and a clean prose block opens right
    below the headline, that prose block is the article (a thread's first post above its reply list)."""
    if title_index < 0:
        return content
    rows = link_led_rows(doc, content)  # a list's entries, each led by its link (a teaser's sentences score well)
    if not rows and scorer.link_density(content) < _LISTY_DENSITY:
        return content
    best = scorer.score_of(content, page_lines)
    floor = SIBLING_MIN_SCORE / 2 if rows else SIBLING_MIN_SCORE * 2  # (teasers outscore a short entry's text)
    following = [line for line in page_lines if line.index > title_index][:_NEAR_LINES]
    for line in following:
        block = doc.elements[line.index]
        for _ in range(3):
            if block is None or doc.contains(block, title_index):
                break
            introduces = rows and block.getparent() is content.getparent()  # (a topic page's intro to its rows)
            if (scorer.score_of(block, page_lines) >= max(floor, 0.05 * best) and not introduces
                    and scorer.link_density(block) < 0.2 and not doc.contains(block, doc.index[content])):
                return block
            block = block.getparent()
    return content


def first_post(
    doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list, title_index: int
) -> etree._Element:
    """On a page of several posts of one template (blog pages, forum threads), the article is the first post:
    an earlier element of the same tag and class as the chosen one, after the headline, with real prose."""
    classes = (content.get("class") or "").strip()
    if not classes:
        return content
    ci = doc.index[content]
    for twin in doc.body.iter(content.tag):
        i = doc.index[twin]
        if i >= ci:
            break
        if (twin.get("class") or "").strip() != classes or doc.contains(twin, ci) or i <= title_index:
            continue
        if scorer.score_of(twin, page_lines) < SIBLING_MIN_SCORE or scorer.link_density(twin) >= 0.3:
            continue
        between = [line.text for line in page_lines if doc.end[i] < line.index < ci]
        if any(len(text) <= 80 and parse_date(text) for text in between):
            return twin  # posts carry their own date line; sections of one article do not
    return content


def _is_hidden(el: etree._Element) -> bool:
    """Elements a browser does not show: display:none, the hidden attribute, aria-hidden."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def repeated_entries(doc: Document, content: etree._Element | None) -> int:
    """How many siblings look like the content block (same tag and class, similar size, each with a link):
    the entries of a list page."""
    best = 0
    node = content
    for _ in range(3):  # the content block, or the entry (article.post, li.item) that holds it
        if node is None or node.getparent() is None or node.tag in ("body", "html"):
            break
        key = entry_key(node)
        if not (key[0] in ("div", "p", "span") and not key[1]):
            size = max(doc.chars[doc.index[node]], 1)
            best = max(best, sum(
                1 for sibling in node.getparent()
                if isinstance(sibling.tag, str) and entry_key(sibling) == key
                and 0.3 * size <= doc.chars[doc.index[sibling]] <= 3 * size
                and _opens_with_link(doc, sibling)
            ))
        node = node.getparent()
    return best


def linked_headlines(
    doc: Document, skip: list[tuple[int, int]], url: str, title_index: int, content: etree._Element | None,
    headline: str | None = None,
) -> int:
    """Headings wholly linking to another page (list entries), outside listing blocks.

    One after the headline and before or inside the content makes a list (an archive page, even with a single
    entry); linked headings elsewhere (sidebars, related lists) say nothing, and neither does the headline
    repeated as a link to the page itself (a blog's permalink, by another scheme or with a trailing slash).
    """
    near = 0
    below_headline: list[etree._Element] = []  # linked headings inside a content that holds the headline
    content_index = doc.index[content] if content is not None else -1
    masked = doc.mask(skip)
    headings = list(doc.body.iter("h1", "h2", "h3", "h4", "h5", "h6"))
    bylines = sum(1 for h in headings if _BYLINE_HINT_RE.search(attr_text(h)))
    for heading in headings:
        i = doc.index[heading]
        if masked[i]:
            continue
        links = heading.findall(".//a[@href]")
        if len(links) != 1:
            continue
        target = normalize_url(links[0].get("href", ""), url)
        text = doc.text(heading)
        if _BYLINE_HINT_RE.search(f"{attr_text(heading)} {attr_text(links[0])}") and bylines == 1:
            continue  # <h4 class="author-name"><a href="/author/x/">: a byline set as a heading, not an entry
        if target and not same_page(target, url) and text and doc.text(links[0]) == text and text != headline:
            # an entry's heading opens its entry; a linked heading after the text (a video or a related story in an
            # article) is not an entry
            inside = content is not None and doc.contains(content, i)
            if title_index >= 0 and title_index < i and (i < content_index or (
                    inside and doc.chars_before(content, i) < 60)):
                near += 1  # an entry below the headline links to another page
            elif 0 <= title_index < i and inside and doc.contains(content, title_index):
                below_headline.append(heading)
    return 3 if near or _archive_entries(doc, content, below_headline, title_index) else 0


def _archive_entries(doc: Document, content: etree._Element | None, headings: list[etree._Element],
                     title_index: int) -> bool:
    """Linked headings of one template, the first right below the headline (an archive's heading and breadcrumb
    above it in the content): the entries of an archive. One linked heading is a series' or a part's link."""
    if content is None or len(headings) < 2 or _text_before(doc, content, doc.index[headings[0]], title_index) >= 60:
        return False
    first = (headings[0].tag, headings[0].get("class") or "")
    return any((h.tag, h.get("class") or "") == first for h in headings[1:])


def _text_before(doc: Document, content: etree._Element, i: int, title_index: int) -> int:
    """Characters of the content before element i, counted from the headline's end when the content holds the
    headline too (an archive's breadcrumb and heading above its first entry are not text before it)."""
    chars = doc.chars_before(content, i)
    if 0 <= title_index < i and doc.contains(content, title_index):
        chars -= doc.chars_before(content, title_index) + doc.chars[title_index]
    return chars


def _opens_with_link(doc: Document, entry: etree._Element) -> bool:
    """Whether a block opens with a link (after a date or a label at most): a list entry's title. The sections
    of an article's text carry their links inside sentences."""
    link = entry.find(".//a[@href]")
    if link is None or is_file_link(link) or link not in doc.index:
        return False
    return doc.chars_before(entry, doc.index[link]) <= _ENTRY_LEAD_CHARS


_STRIPE_CLASSES = frozenset({"odd", "even", "alt", "alternate", "row-odd", "row-even", "first", "last"})


def entry_key(el: etree._Element) -> tuple[str, str]:
    """Tag and first class without digits nor stripes: post-141 and post-128 entries are the same kind of entry, and
    so are a table's odd and even rows."""
    tokens = [t for t in (el.get("class") or "").split()
              if not any(ch.isdigit() for ch in t) and t.casefold() not in _STRIPE_CLASSES]
    return str(el.tag), tokens[0] if tokens else ""


def entries_after(doc: Document, content: etree._Element | None) -> int:
    """Entries that follow the page's text with no heading between: four or more blocks of one template (tag and
    class), each a linked title of some length with a date (see _is_entry), or one box of them; inside the
    content (after its first block of text), right after it or after its parent. Below a short intro (an
    author's bio, a topic's summary) they are the page's own list. A box under a heading of its own (More from,
    相关阅读) is not, nor are bare links (related items, a forwarded notice's documents, keywords, share buttons,
    pagers, a footer's links)."""
    if content is None:
        return 0
    best, node = _entries_inside(doc, content), content
    for _ in range(2):
        if node.getparent() is None or node.tag in ("body", "html"):
            break
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str) or not doc.chars[doc.index[sibling]]:
                continue  # an empty slot (an advertisement's frame) between the intro and the entries
            if sibling.tag not in HEADING_TAGS:
                best = max(best, _entry_run(doc, [sibling, *sibling.itersiblings()]), _entry_run(doc, list(sibling)))
            break
        node = node.getparent()
    return best if best >= _MIN_ENTRIES_AFTER else 0


def _entries_inside(doc: Document, content: etree._Element) -> int:
    """The run of entries among the content's children that starts after its first block of text, unless a
    heading stands between that text and them."""
    kids = [kid for kid in content if isinstance(kid.tag, str) and doc.chars[doc.index[kid]]]
    text_seen = False
    for n, kid in enumerate(kids):
        if kid.tag in HEADING_TAGS:
            if text_seen:
                return 0
            continue
        run = _entry_run(doc, kids[n:])
        if run:
            return run if text_seen else 0
        text_seen = True
    return 0


def _entry_run(doc: Document, blocks: list[etree._Element]) -> int:
    """How many of ``blocks``, from the first, are entries of the first one's template."""
    run, key = 0, None
    for block in blocks:
        if not isinstance(block.tag, str):
            continue
        if block not in doc.index or (key is not None and entry_key(block) != key) or not _is_entry(doc, block):
            break
        key, run = entry_key(block), run + 1
    return run


def _is_entry(doc: Document, block: etree._Element) -> bool:
    """A list entry: it opens with a link to a page (a title of some length) and carries a date, with a short
    teaser at most (no labelled field, nothing much longer than its title)."""
    link = block.find(".//a[@href]")
    if link is None or is_file_link(link) or not _opens_with_link(doc, block):
        return False
    title, i = doc.text(link), doc.index[block]
    own = doc.chars[i] - doc.link_chars[i]
    if len(title) < _ENTRY_TITLE_CHARS or own > _ENTRY_TEASER_CHARS:
        return False
    rest = doc.text(block).replace(title, "", 1)
    teaser = rest
    for pattern in (DATE_RE, MONTH_NAME_RE, SLASH_DATE_RE, DMY_RE):
        teaser = pattern.sub("", teaser)
    teaser = teaser.strip()
    if _LABEL_COLON_RE.search(teaser) or len(title) < 0.5 * len(teaser):
        return False  # a labelled field (完成单位：…), or a name leading a comment or an answer longer than it
    return parse_date(rest) is not None  # (undated cards below a statement are related items, not its entries)


def form_chars(doc: Document, content: etree._Element | None) -> int:
    """Characters of the content's text in the rows of a form a reader fills in: the smallest block around each
    text, e-mail or password field, box to tick, list to pick from or text area (a sign-up page's newsletters and
    their descriptions). Search boxes do not count, and neither does the text around the rows (a notice's rules
    above its application form)."""
    if content is None:
        return 0
    rows: list[etree._Element] = []
    for field in content.iter("input", "select", "textarea"):
        if field.tag == "input" and (field.get("type") or "text").lower() not in _FILLED_INPUT_TYPES:
            continue
        if _SEARCH_FIELD_RE.search(f"{field.get('name', '')} {field.get('id', '')} {field.get('type', '')}"):
            continue
        row = field.getparent()
        while row is not None and row is not content and row.tag not in _FORM_ROW_TAGS:
            row = row.getparent()
        if row is None or row is content or any(row is r or doc.contains(r, doc.index[row]) for r in rows):
            continue
        rows.append(row)
    return sum(doc.chars[doc.index[row]] for row in rows)


def link_led_rows(doc: Document, content: etree._Element | None, skip: list[tuple[int, int]] = (),
                  past_labels: bool = True) -> int:
    """List entries inside the content: rows that open with a title-like link and hold most of its text.

    Returns the number of such rows when they make up at least half of the content's text and there are four
    of them, or three that each carry a date (the last page of a list), else 0. Rows inside ``skip`` (listing
    boxes under a heading of their own, 延伸阅读 below an article's text) are not the page's entries. With
    ``past_labels``, a row may open with a column's label link before its title link.
    """
    if content is None:
        return 0
    total = max(doc.chars[doc.index[content]], 1)
    masked = doc.mask(skip) if skip else None
    rows, dated, row_chars = 0, 0, 0
    tags = ("li", "dd", "tr", "dl") + (("p",) if content is doc.body else ())  # (a flat page's rows are <p>s)
    for row in content.iter(*tags):
        first_link = row.find(".//a[@href]")
        if first_link is None or is_file_link(first_link):
            continue  # a row of attachments is the article's files, not a list entry
        if masked is not None and masked[doc.index[row]]:
            continue
        row_text = doc.text(row)
        if past_labels:
            first_link, row_text = _past_label_link(doc, row, first_link, row_text)
        link_text = doc.text(first_link)
        i = doc.index[row]
        # an entry is its link with a date or a short (often cut) teaser; a bullet of prose that opens with a
        # link is not
        entry_like = doc.chars[i] - doc.link_chars[i] <= _ENTRY_TEASER_CHARS or _CUT_TEXT_RE.search(row_text)
        if 6 <= len(link_text) <= 80 and row_text.startswith(link_text[:6]) and entry_like:
            rows += 1
            dated += bool(DATE_RE.search(row_text[len(link_text):]))
            row_chars += doc.chars[doc.index[row]]
    if row_chars < 0.5 * total:
        return 0
    return rows if rows >= 4 or (rows >= 3 and dated >= 3) else 0


def _past_label_link(
    doc: Document, row: etree._Element, first_link: etree._Element, row_text: str,
) -> tuple[etree._Element, str]:
    """A row that opens with a column's label link and then its title link ('行业资讯 | Title', '[行业资讯]Title'):
    the title link and the row's text from it; else the first link and the row's text."""
    label = doc.text(first_link)
    links = row.findall(".//a[@href]")
    at = row_text.find(label)
    if not 2 <= len(label) <= _LABEL_CHARS or len(links) < 2 or not 0 <= at <= 1:  # (after a '[' or '【')
        return first_link, row_text
    rest = _LABEL_JOINT_RE.sub("", row_text[at + len(label):])
    title = doc.text(links[1]) if not is_file_link(links[1]) else ""
    return (links[1], rest) if title and rest.startswith(title[:6]) else (first_link, row_text)


def in_link_row(doc: Document, el: etree._Element) -> bool:
    """Whether the element sits in a list row (li/dd/tr) that holds a link: a listing, not an info line."""
    node: etree._Element | None = el
    for _ in range(4):
        if node is None:
            return False
        if node.tag in ("li", "dd", "dt", "tr") and node.find(".//a[@href]") is not None:
            i = doc.index[node]
            # a list row is short and mostly its link; an info row with a 来源 link is not
            return doc.chars[i] < 300 and doc.link_chars[i] >= 0.4 * doc.chars[i]
        node = node.getparent()
    return False


def file_block(doc: Document, skip: list[tuple[int, int]], title_index: int) -> etree._Element | None:
    """A notice that is only a file (附件下载：报名回执.docx) has no prose to score: its content is the block that
    holds the first attachment link after the headline."""
    masked = doc.mask(skip)
    for a in doc.body.iter("a"):
        i = doc.index.get(a, -1)
        if i <= title_index or masked[i] or not is_file_link(a):
            continue
        return next((anc for anc in a.iterancestors() if anc.tag in _FILE_BLOCK_TAGS), None)
    return None
