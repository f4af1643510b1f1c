"""Extraction entry points: (bytes, URL, headers) -> PageExtraction, and merging multi-page articles."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from .classify import classify_page
from .content import ContentScorer, extract_body
from .dom import BLOCK_TAGS, CELL_TAGS, DROP_TAGS, Document, collapse, el_text, parse_html, strip_invisible
from .encoding import decode_html
from .fields import (
    DATE_RE,
    DateValue,
    breadcrumb_leaf,
    clean_value,
    date_from_url,
    find_labelled,
    is_widget_line,
    parse_date,
    similarity_to_page_title,
    split_breadcrumb,
    title_from_page_title,
)
from .labels import (
    AUTHOR_META_NAMES,
    BOILERPLATE_CLASS_PATTERN,
    BREADCRUMB_CLASS_PATTERN,
    BREADCRUMB_LEADIN,
    DATE_META_NAMES,
    SOURCE_META_NAMES,
    TITLE_CLASS_PATTERN,
    TITLE_META_NAMES,
)
from .listings import find_listing_blocks
from .model import ListingBlock, PageExtraction
from .pagination import article_pages, script_pager_links
from .structured import StructuredData, json_ld
from .urls import normalize_url

EXTRACTOR_VERSION = "1.0"

_TITLE_RE = re.compile(TITLE_CLASS_PATTERN, re.IGNORECASE)
_BOILER_RE = re.compile(BOILERPLATE_CLASS_PATTERN, re.IGNORECASE)
_CRUMB_RE = re.compile(BREADCRUMB_CLASS_PATTERN, re.IGNORECASE)
_CRUMB_LEADIN_RE = re.compile(BREADCRUMB_LEADIN)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong", "b", "font", "header", "center")
_SKIP_TAGS = ("nav", "aside", "footer")
_LINE_BREAKING_TAGS = BLOCK_TAGS | CELL_TAGS | DROP_TAGS
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
_INFO_WINDOW_LINES = 8
_SIBLING_MIN_SCORE = 5.0
_LISTY_DENSITY = 0.4
_NEAR_LINES = 6
_SIBLING_SHARE = 0.05
_AUTHOR_MARKUP_RE = re.compile(r"(^|\s)(author|byline|author-name|authorname|autor|entry-author|post-author)(\s|$)")
_BYLINE_PREFIX_RE = re.compile(r"^(by|von|par|por|di|door|autor(in)?|author|作者|文)\s*[:：]?\s+", re.IGNORECASE)
_MAX_TITLE_DESCENDANTS = 20
_TAG_TEXT_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")  # markup shown as text
_DATE_LINE_RE = re.compile(r"^([\d\s年月日:：/.\-]+$|(发布时间|发布日期|更新时间|发表时间|时间|日期)\s*[:：])")
_TITLE_PREFIX_RE = re.compile(r"^(主题|标题|题目|文章标题|Title|Subject)\s*[:：]\s*", re.IGNORECASE)


@dataclass
class ExtractionHints:
    """Optional per-site help from a profile: XPath or CSS selectors and the site's time zone."""

    content: str | None = None
    title: str | None = None
    date: str | None = None
    category: str | None = None
    timezone: str | None = None
    site_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _select(root: etree._Element, selector: str | None) -> etree._Element | None:
    if not selector:
        return None
    try:
        if selector.startswith(("/", "(", "./")):
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


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def extract_page(
    body: bytes | str,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: ExtractionHints | None = None,
) -> PageExtraction:
    """Extract everything from one HTML page. Pure: no network, no Scrapy. Never raises on bad HTML."""
    hints = hints or ExtractionHints()
    if isinstance(body, str):
        text, encoding = body, "unicode"
    else:
        text, encoding = decode_html(body, _header(headers, "content-type"))
    url = normalize_url(url) or url
    root = parse_html(text)
    head = root.find("head")
    metas = _meta_tags(root)
    page_title = collapse(el_text(root.find(".//title"))) if root.find(".//title") is not None else ""
    base_href = root.find(".//base[@href]")
    base = normalize_url(base_href.get("href"), url) if base_href is not None else None
    base = base or url
    canonical = _canonical(root, url)
    has_password = bool(root.xpath("//input[translate(@type,'PASSWORD','password')='password']"))
    html_lang = (root.get("lang") or (head.get("lang") if head is not None else None) or "").lower()
    structured = json_ld(root)
    if structured.headline:
        metas.setdefault("json-ld:headline", structured.headline)
    if structured.date_published:
        metas.setdefault("json-ld:datepublished", structured.date_published)
    strip_invisible(root)
    doc = Document(root)

    links = _links(doc, base)
    if "createPageHTML" in text:
        links.extend(x for x in (normalize_url(u) for u in script_pager_links(text, url)) if x and x not in links)

    listings, containers = find_listing_blocks(doc, base)
    skip = [(doc.index[c], doc.end[doc.index[c]]) for c in containers]
    skip.extend(_chrome_ranges(doc))
    page_lines = doc.lines(doc.body, skip=skip)

    methods: dict[str, str] = {}
    scorer = ContentScorer(doc)
    content = _select(root, hints.content)
    if content is None or content not in doc.index:
        content = None
    first_guess = content if content is not None else scorer.best(page_lines)
    title, title_el = _title(doc, skip, page_title, metas, hints, methods, page_lines, first_guess)
    title_index = doc.index[title_el] if title_el is not None else -1
    if content is not None:
        methods["body_text"] = "profile"
    else:
        title_below = first_guess is not None and title_index > doc.end[doc.index[first_guess]]
        if title_el is None or title_below:
            content = first_guess
        else:
            content = scorer.best(page_lines, after_index=title_index)
        methods["body_text"] = "content-scoring"
    if methods["body_text"] == "content-scoring" and content is not None:
        content = _prose_below_headline(doc, content, scorer, page_lines, title_index)
        post = _first_post(doc, content, scorer, page_lines, title_index)
        if post is not content:
            content = post
            title, title_el = _title(doc, skip, page_title, metas, hints, methods, page_lines, content)
            title_index = doc.index[title_el] if title_el is not None else -1
    core = content  # the main block: the info line is looked for between the headline and it
    if methods["body_text"] == "content-scoring" and content is not None:
        content, extra_skip = _with_sibling_sections(doc, content, scorer, page_lines, title_index)
        skip = skip + extra_skip
    result = extract_body(doc, content, skip, scorer, base, title)

    content_index = doc.index[core] if core is not None else len(doc.elements)
    window = [
        line.text for line in page_lines
        if 0 <= title_index < line.index < content_index
        and not (line.index == title_index and line.text == title)
        and not _in_link_row(doc, doc.elements[line.index])
    ][:_INFO_WINDOW_LINES]
    if core is not None and title_el is not None and doc.contains(core, title_index):
        # the main block holds the headline: the info line is among the short lines right below it
        window = []
        for line in page_lines:
            if line.index <= title_index or doc.contains(title_el, line.index):
                continue
            if not doc.contains(core, line.index) or len(line.text) >= 60 or len(window) >= _INFO_WINDOW_LINES:
                break
            window.append(line.text)
    info = [lv for line in window for lv in find_labelled(line)]
    content_end = doc.end[doc.index[content]] if content is not None else len(doc.elements)
    after = [
        line.text for line in page_lines
        if line.index > content_end and not is_widget_line(line.text)
        and not _in_link_row(doc, doc.elements[line.index])
    ][:_INFO_WINDOW_LINES]
    after_info = [lv for line in after if len(line) <= 160 for lv in find_labelled(line)]

    fields: dict[str, str | None] = {}
    for name in ("source", "author", "editor"):
        fields[name] = _pick_label(name, info, result.labelled + after_info, methods)
    if not fields["author"] and result.bylines:
        fields["author"] = clean_value(result.bylines[0])
        methods["author"] = "byline"
    if not fields["source"] and "source" not in methods:
        fields["source"] = _first_meta(metas, SOURCE_META_NAMES, methods, "source")
    if not fields["author"] and "author" not in methods:
        fields["author"] = _structural_author(doc, skip, structured, methods, content)
    if not fields["author"] and "author" not in methods and not _CJK_RE.search(page_title):
        fields["author"] = _first_meta(metas, AUTHOR_META_NAMES, methods, "author")

    lang = _lang(title, result.lines, html_lang)
    tz = hints.timezone or ("+08:00" if lang == "zh" else None)
    published, has_date = _published(doc, root, hints, window, info, metas, url, after, result.labelled + after_info,
                                     skip, methods, trust_after=title_el is not None)
    published_at = published.iso(tz) if published else None

    category = _category(doc, root, hints, skip, title, methods)
    page_no, page_urls = article_pages(canonical, links)
    body_chars = sum(len(re.sub(r"\s", "", line)) for line in result.lines)
    page_type, reason = classify_page(
        canonical,
        title=title,
        has_date=has_date,
        body_chars=body_chars,
        image_count=len(result.images),
        link_count=result.link_count,
        link_density=result.link_density,
        date_lines=result.date_count,
        body_text="\n".join(result.lines),
        has_password_field=has_password,
        repeated_entries=max(_repeated_entries(doc, content), _link_led_rows(doc, content),
                             _linked_headlines(doc, skip, canonical, title_index, content)),
    )
    if page_type != "article":
        page_no, page_urls = 1, {}
    return PageExtraction(
        url=url,
        canonical_url=canonical,
        encoding=encoding,
        page_type=page_type,
        page_type_reason=reason,
        title=title,
        published_at=published_at,
        source=fields["source"],
        author=fields["author"],
        editor=fields["editor"],
        category=category,
        lang=lang,
        body_text="\n".join(result.lines),
        body_html=result.html,
        images=result.images,
        attachments=result.attachments,
        listings=listings,
        links=links,
        page_no=page_no,
        page_urls=page_urls,
        field_methods=methods,
    )


def _meta_tags(root: etree._Element) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        value = collapse(meta.get("content"))
        if key and value and key not in metas:
            metas[key] = value
    return metas


def _canonical(root: etree._Element, url: str) -> str:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            target = normalize_url(link.get("href", ""), url)
            if target and urlsplit(target).netloc == urlsplit(url).netloc:
                return target
    return url


def _links(doc: Document, base: str) -> list[str]:
    seen: set[str] = set()
    links: list[str] = []
    for el in doc.root.iter("a", "area", "link", "iframe", "frame"):
        if el.tag == "link" and "next" not in (el.get("rel") or "").lower().split():
            continue
        href = el.get("src") if el.tag in ("iframe", "frame") else el.get("href")
        url = normalize_url(href or "", base)
        if url and url not in seen:
            seen.add(url)
            links.append(url)
    return links


def _chrome_ranges(doc: Document) -> list[tuple[int, int]]:
    """Page chrome: nav/aside/footer elements, small blocks whose class says footer, menu or copyright, and
    comment sections (readers' comments are never the article)."""
    ranges: list[tuple[int, int]] = []
    body_chars = max(doc.chars[doc.index[doc.body]], 1)
    covered_until = -1  # ranges are added in document order: a descendant of a taken block is skipped
    for el in doc.body.iter():
        if not isinstance(el.tag, str):
            continue
        i = doc.index[el]
        if i <= covered_until or not _is_chrome(doc, el, body_chars):
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
    if _OVERLAY_RE.search(hints) or _CHROME_RE.search(hints):
        return doc.chars[doc.index[el]] < 0.25 * body_chars
    return bool(_COMMENTS_RE.search(hints)) and doc.chars[doc.index[el]] < 0.9 * body_chars


def _prose_below_headline(
    doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list, title_index: int
) -> etree._Element:
    """When the best block is a list of links (replies, related items) and a clean prose block opens right below
    the headline, that prose block is the article (a thread's first post above its reply list)."""
    if title_index < 0 or scorer.link_density(content) < _LISTY_DENSITY:
        return content
    best = scorer.score_of(content, page_lines)
    following = [line for line in page_lines if line.index > title_index][:_NEAR_LINES]
    for line in following:
        block = doc.elements[line.index]
        for _ in range(3):
            if block is None or doc.contains(block, title_index):
                break
            if (scorer.score_of(block, page_lines) >= max(_SIBLING_MIN_SCORE * 2, 0.05 * best)
                    and scorer.link_density(block) < 0.2 and not doc.contains(block, doc.index[content])):
                return block
            block = block.getparent()
    return content


def _first_post(
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
        if scorer.score_of(twin, page_lines) < _SIBLING_MIN_SCORE or scorer.link_density(twin) >= 0.3:
            continue
        between = [line.text for line in page_lines if doc.end[i] < line.index < ci]
        if any(len(text) <= 80 and parse_date(text) for text in between):
            return twin  # posts carry their own date line; sections of one article do not
    return content


def _with_sibling_sections(
    doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list, title_index: int
) -> tuple[etree._Element, list[tuple[int, int]]]:
    """An article split over sibling blocks (lede, sections): take the parent, skipping the siblings that are
    not prose. Returns (content element, extra skip ranges)."""
    best = scorer.score_of(content, page_lines)
    anchor = content  # climb wrappers that hold nothing but the content (td in a one-row layout table ...)
    while (anchor.getparent() is not None and anchor.getparent().tag not in ("body", "html")
           and sum(1 for c in anchor.getparent() if isinstance(c.tag, str)) == 1):
        anchor = anchor.getparent()
    parent = anchor.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return content, []
    keep, drop = [], []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is anchor:
            keep.append(sibling)
            continue
        score = scorer.score_of(sibling, page_lines)
        i = doc.index[sibling]
        prose = (score >= max(_SIBLING_MIN_SCORE, _SIBLING_SHARE * best) or _is_data_table(sibling)) \
            and scorer.link_density(sibling) < 0.3
        after_title = title_index < 0 or i > title_index or doc.contains(sibling, title_index)
        (keep if prose and after_title else drop).append(sibling)
    if len(keep) < 2:
        return content, []
    return parent, [(doc.index[s], doc.end[doc.index[s]]) for s in drop]


def _is_data_table(el: etree._Element) -> bool:
    """A table of data (several rows of several cells with text), the kind articles carry, not a layout table."""
    table = el if el.tag == "table" else el.find(".//table")
    if table is None or el.tag not in ("table", "div", "p", "center"):
        return False
    rows = [tr for tr in table.iter("tr")
            if sum(1 for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")) >= 2]
    return len(rows) >= 3 and table.find(".//table") is None


def _is_hidden(el: etree._Element) -> bool:
    """Elements a browser does not show: display:none, the hidden attribute, aria-hidden."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _repeated_entries(doc: Document, content: etree._Element | None) -> int:
    """How many siblings look like the content block (same tag and class, similar size, each with a link):
    the entries of a list page."""
    best = 0
    node = content
    for _ in range(3):  # the content block, or the entry (article.post, li.item) that holds it
        if node is None or node.getparent() is None or node.tag in ("body", "html"):
            break
        key = _entry_key(node)
        if not (key[0] in ("div", "p", "span") and not key[1]):
            size = max(doc.chars[doc.index[node]], 1)
            best = max(best, sum(
                1 for sibling in node.getparent()
                if isinstance(sibling.tag, str) and _entry_key(sibling) == key
                and sibling.find(".//a[@href]") is not None
                and 0.3 * size <= doc.chars[doc.index[sibling]] <= 3 * size
            ))
        node = node.getparent()
    return best


def _linked_headlines(
    doc: Document, skip: list[tuple[int, int]], url: str, title_index: int, content: etree._Element | None
) -> int:
    """Headings wholly linking to another page (list entries), outside listing blocks.

    One after the headline and before or inside the content makes a list (an archive page, even with a single
    entry); linked headings elsewhere (sidebars, related lists) say nothing.
    """
    near = 0
    content_index = doc.index[content] if content is not None else -1
    masked = doc.mask(skip)
    for heading in doc.body.iter("h1", "h2", "h3", "h4"):
        i = doc.index[heading]
        if masked[i]:
            continue
        links = heading.findall(".//a[@href]")
        if len(links) != 1:
            continue
        target = normalize_url(links[0].get("href", ""), url)
        text = doc.text(heading)
        if target and target != url and text and doc.text(links[0]) == text:
            inside = content is not None and doc.contains(content, i)
            if title_index >= 0 and title_index < i and (i < content_index or inside):
                near += 1  # an entry below the headline links to another page
    return 3 if near else 0


def _entry_key(el: etree._Element) -> tuple[str, str]:
    """Tag and first class without digits: post-141 and post-128 entries are the same kind of entry."""
    tokens = [t for t in (el.get("class") or "").split() if not any(ch.isdigit() for ch in t)]
    return str(el.tag), tokens[0] if tokens else ""


def _link_led_rows(doc: Document, content: etree._Element | None) -> int:
    """List entries inside the content: rows that open with a title-like link and hold most of its text.

    Returns the number of such rows when they make up at least half of the content's text, else 0.
    """
    if content is None:
        return 0
    total = max(doc.chars[doc.index[content]], 1)
    rows, row_chars = 0, 0
    for row in content.iter("li", "dd", "tr", "dl"):
        first_link = row.find(".//a[@href]")
        if first_link is None:
            continue
        link_text = doc.text(first_link)
        row_text = doc.text(row)
        if 6 <= len(link_text) <= 80 and row_text.startswith(link_text[:6]):
            rows += 1
            row_chars += doc.chars[doc.index[row]]
    return rows if rows >= 4 and row_chars >= 0.5 * total else 0


def _in_link_row(doc: Document, el: etree._Element) -> bool:
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


def _title(
    doc: Document,
    skip: list[tuple[int, int]],
    page_title: str,
    metas: dict[str, str],
    hints: ExtractionHints,
    methods: dict[str, str],
    page_lines: list,
    content: etree._Element | None,
) -> tuple[str | None, etree._Element | None]:
    """The headline: the heading or emphasised line that best matches <title>, looks like a title and stands
    just before the main content; else a meta title or the headline part of <title>."""
    if hints.title:
        chosen = _select(doc.root, hints.title)
        if chosen is not None and doc.text(chosen):
            methods["title"] = "profile"
            return doc.text(chosen), chosen
    meta_title = next((metas[name] for name in TITLE_META_NAMES if metas.get(name)), "") or metas.get(
        "json-ld:headline", "")
    segments = [s for s in re.split(r"\s*(?:[_|｜]| - | — |--)\s*", page_title) if s.strip()]
    site_name = hints.site_name or metas.get("og:site_name") or (segments[-1] if len(segments) > 1 else "")
    line_of = {}
    for k, line in enumerate(page_lines):
        line_of.setdefault(line.index, k)
    content_line = None
    if content is not None:
        ci = doc.index[content]
        content_line = next((k for k, line in enumerate(page_lines) if ci <= line.index <= doc.end[ci]), None)
    skipped = doc.mask(skip)
    best_score, best_el, best_text = 1.0, None, None
    for el in doc.body.iter(*_TITLE_TAGS):
        i = doc.index[el]
        if skipped[i] or doc.end[i] - i > _MAX_TITLE_DESCENDANTS:
            continue
        hints_text = f"{el.get('class', '')} {el.get('id', '')}"
        heading_bonus = {"h1": 2.0, "h2": 1.2, "h3": 0.6, "h4": 0.3}.get(el.tag, 0.0)
        class_bonus = 1.0 if _TITLE_RE.search(hints_text) else 0.0
        emphasis = 0.5 if not heading_bonus and not class_bonus and _is_emphasised(doc, el) else 0.0
        if not (heading_bonus or class_bonus or emphasis or _starts_with_title_label(el)):
            continue
        raw_text = _heading_text(doc, el)
        text = collapse(_TAG_TEXT_RE.sub(" ", _TITLE_PREFIX_RE.sub("", raw_text)))
        if text != raw_text:
            class_bonus += 1.5  # 主题：… / 标题：… labels a headline
        if not (4 <= len(text) <= 200) or (site_name and text == site_name) or text[-1] in ":：":
            continue
        if sum(1 for d in el.iter("p", "div", "li", "table", "ul") if d is not el) > 2:
            continue
        if len(el.findall(".//a")) >= 3 or _DATE_LINE_RE.match(text):
            continue  # a menu, an info line or a date is not a headline
        score = 4 * similarity_to_page_title(text, page_title) + heading_bonus + class_bonus + emphasis
        if meta_title and collapse(meta_title) == text:
            score += 2.0
        if any(anc.tag == "li" for anc in el.iterancestors()) or _BOILER_RE.search(hints_text):
            score -= 2.0
        if re.search(r"^(当前位置|您的位置|首页)", text):
            score -= 3.0
        score += _proximity_bonus(line_of, doc, el, content_line)
        if score > best_score:
            best_score, best_el, best_text = score, el, text
    if best_el is not None:
        methods["title"] = "heading"
        return best_text, best_el
    if meta_title:
        methods["title"] = "meta"
        return meta_title, None
    fallback = title_from_page_title(page_title, site_name or None)
    if fallback:
        methods["title"] = "page-title"
    return fallback, None


def _proximity_bonus(line_of: dict[int, int], doc: Document, el: etree._Element, content_line: int | None) -> float:
    """Headlines stand just before the content (or open it); far away or below it, they are something else."""
    if content_line is None:
        return 0.0
    i = doc.index[el]
    own_line = next((line_of[j] for j in range(i, doc.end[i] + 1) if j in line_of), None)
    if own_line is None:
        return 0.0
    distance = content_line - own_line
    if -3 <= distance <= 4:
        return 2.0
    if 0 < distance <= 12:
        return 1.0
    if distance < -3:
        return -3.0
    return 0.0


def _starts_with_title_label(el: etree._Element) -> bool:
    """A short block whose text starts with 主题：/标题： (forum and old CMS templates)."""
    if el.tag not in ("td", "div", "p", "span", "font", "b", "strong"):
        return False
    text = (el.text or "").strip() or (el[0].text or "").strip() if len(el) else (el.text or "").strip()
    return bool(_TITLE_PREFIX_RE.match(text or "")) and len(collapse(el_text(el))) <= 120


def _is_emphasised(doc: Document, el: etree._Element) -> bool:
    """A short block shown centred or bold: how old templates set a headline without <h1>."""
    if el.tag not in ("p", "div", "td", "center", "font", "strong", "b", "span"):
        return False
    if not 4 <= doc.chars[doc.index[el]] <= 80:
        return False
    text = doc.text(el)
    if not (4 <= len(text) <= 80):
        return False
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.tag == "center" or (el.get("align") or "").lower() == "center" or "text-align:center" in style:
        return True
    if el.tag in ("strong", "b"):
        return True
    return any(doc.text(b) == text for b in el.iter("strong", "b") if b is not el)


def _heading_text(doc: Document, el: etree._Element) -> str:
    """A heading's text; when a <br> or block puts the info line inside the heading, only its first line."""
    if not any(d.tag in _LINE_BREAKING_TAGS for d in el.iterdescendants(etree.Element)):
        return doc.text(el)  # no line break inside: one line
    lines = doc.lines(el)
    if len(lines) > 1 and any(DATE_RE.search(line.text) or find_labelled(line.text) for line in lines[1:]):
        return lines[0].text
    return doc.text(el)


def _pick_label(name: str, info: list, tail: list, methods: dict[str, str]) -> str | None:
    """A field from the info line, else from a labelled line moved out of the body; placeholders are null."""
    for source_name, values in (("label", info), ("body-label", tail)):
        for lv in values:
            if lv.field == name and lv.value:
                methods[name] = f"{source_name}:{lv.label}"
                return lv.value
    if any(lv.field == name for lv in [*info, *tail]):
        methods[name] = "placeholder"
    return None


def _structural_author(
    doc: Document, skip: list[tuple[int, int]], structured: StructuredData, methods: dict[str, str],
    content: etree._Element | None,
) -> str | None:
    """The author named by JSON-LD, or by byline markup (itemprop/rel/class author) in the article's container."""
    if structured.authors:
        value = clean_value(" ".join(structured.authors[:1]) if len(structured.authors) == 1
                            else ", ".join(structured.authors))
        if value:
            methods["author"] = "json-ld"
            return value
    if content is None:
        return None
    scope = content
    for _ in range(3):
        if scope.getparent() is None or scope.getparent().tag in ("body", "html"):
            break
        scope = scope.getparent()
    masked = doc.mask(skip)
    for el in scope.iter():
        if not isinstance(el.tag, str) or masked[doc.index[el]]:
            continue
        marker = f"{el.get('itemprop', '')} {el.get('rel', '')} {el.get('class', '')}".lower()
        if not _AUTHOR_MARKUP_RE.search(marker) or el.find(".//input") is not None:
            continue  # a comment form's name field is not a byline
        raw = doc.text(el)
        if raw.endswith((":", "：")):
            continue
        value = clean_value(_BYLINE_PREFIX_RE.sub("", raw))
        if value and len(value) <= 40:
            methods["author"] = "byline-markup"
            return value
    return None


def _first_meta(metas: dict[str, str], names: tuple[str, ...], methods: dict[str, str], field_name: str) -> str | None:
    for name in names:
        value = clean_value(metas.get(name))
        if value:
            methods[field_name] = f"meta:{name}"
            return value
    return None


def _lang(title: str | None, lines: list[str], html_lang: str) -> str | None:
    sample = (title or "") + "".join(lines[:20])
    if not sample:
        return html_lang[:2] or None
    cjk = len(_CJK_RE.findall(sample))
    letters = len(re.findall(r"[A-Za-z]", sample))
    if cjk >= max(5, 0.1 * len(sample)) or (cjk and cjk * 3 >= letters):
        return "zh"
    if letters:
        return html_lang[:2] if html_lang and not html_lang.startswith("zh") else "en"
    return html_lang[:2] or None


def _published(
    doc: Document,
    root: etree._Element,
    hints: ExtractionHints,
    window: list[str],
    info: list,
    metas: dict[str, str],
    url: str,
    after: list[str],
    tail_labels: list,
    skip: list[tuple[int, int]],
    methods: dict[str, str],
    trust_after: bool,
) -> tuple[DateValue | None, bool]:
    """(date, whether it came from a trustworthy place). Visible info line first, enriched by meta times."""
    candidates: list[tuple[str, DateValue]] = []
    if hints.date:
        el = _select(root, hints.date)
        value = parse_date(doc.text(el)) if el is not None else None
        if value:
            candidates.append(("profile", value))
    labelled = [lv for lv in info if lv.field == "date"]
    for lv in labelled:
        value = parse_date(lv.raw)
        if value:
            candidates.append((f"label:{lv.label}", value))
            break
    for line in window:
        value = parse_date(line)
        if value:
            candidates.append(("info-line", value))
            break
    masked = doc.mask(skip)
    for el in doc.body.iter("time"):
        if masked[doc.index[el]]:
            continue
        value = parse_date(el.get("datetime") or "") or parse_date(doc.text(el))
        if value:
            candidates.append(("time-element", value))
            break
    for name in DATE_META_NAMES:
        if metas.get(name):
            value = parse_date(metas[name])
            if value:
                candidates.append((f"meta:{name}", value))
                break
    url_value = date_from_url(url)
    if url_value:
        candidates.append(("url", url_value))
    for lv in tail_labels:
        value = parse_date(lv.raw) if lv.field == "date" else None
        if value:
            candidates.append((f"after-label:{lv.label}", value))
            break
    for line in after:
        value = parse_date(line) if len(line) <= 80 else None
        if value:
            candidates.append(("after-line", value))
            break
    if not candidates:
        return None, False
    method, best = candidates[0]
    if not best.has_time:
        for other_method, other in candidates[1:]:
            if other.has_time and other.value.date() == best.value.date():
                best = other
                method = f"{method}+{other_method}"
                break
    methods["published_at"] = method
    # a date seen only below the content proves an article only when the page has a headline element
    return best, trust_after or not method.startswith("after")


def _category(
    doc: Document,
    root: etree._Element,
    hints: ExtractionHints,
    skip: list[tuple[int, int]],
    title: str | None,
    methods: dict[str, str],
) -> str | None:
    """The breadcrumb's leaf section."""
    if hints.category:
        el = _select(root, hints.category)
        if el is not None:
            parts = [doc.text(a) for a in el.iter("a")] or split_breadcrumb(el_text(el))
            leaf = breadcrumb_leaf(parts, title)
            if leaf:
                methods["category"] = "profile"
                return leaf
    for el in doc.body.iter("div", "p", "span", "nav", "ol", "ul", "td", "section"):
        if not 0 < doc.chars[doc.index[el]] <= 200:
            continue
        text = doc.text(el)
        if not text or len(text) > 200:
            continue
        hinted = bool(_CRUMB_RE.search(f"{el.get('class', '')} {el.get('id', '')}"))
        led_in = bool(_CRUMB_LEADIN_RE.match(text))
        if not (hinted or led_in):
            continue
        anchors = [doc.text(a) for a in el.iter("a")]
        if not anchors and not led_in:
            continue
        parts = anchors
        if led_in and not anchors:
            parts = split_breadcrumb(text)
        leaf = breadcrumb_leaf(parts, title)
        if leaf:
            methods["category"] = "breadcrumb"
            return leaf
    return None


def merge_pages(pages: list[PageExtraction]) -> PageExtraction:
    """Merge the pages of one article (in page order) into one extraction keyed by the first page's URL."""
    if not pages:
        raise ValueError("merge_pages needs at least one page")
    pages = sorted(pages, key=lambda p: p.page_no)
    first = pages[0]
    if len(pages) == 1:
        return first
    merged = PageExtraction(**{**first.__dict__})
    merged.url = first.first_page_url
    merged.canonical_url = first.first_page_url
    merged.body_text = "\n".join(p.body_text for p in pages if p.body_text)
    merged.body_html = "".join(p.body_html for p in pages)
    merged.images = _unique_by_url([img for p in pages for img in p.images])
    merged.attachments = _unique_by_url([a for p in pages for a in p.attachments])
    for name in ("title", "published_at", "source", "author", "editor", "category", "lang"):
        if getattr(merged, name) is None:
            setattr(merged, name, next((getattr(p, name) for p in pages if getattr(p, name)), None))
    blocks: list[ListingBlock] = []
    signatures: set[tuple] = set()
    for page in pages:
        for block in page.listings:
            signature = (block.kind, block.heading, tuple(item.target_url for item in block.items))
            if signature in signatures:
                continue
            signatures.add(signature)
            blocks.append(ListingBlock(block.heading, block.kind, len(blocks), list(block.items)))
    merged.listings = blocks
    merged.links = list(dict.fromkeys(link for p in pages for link in p.links))
    merged.page_no = 1
    return merged


def _unique_by_url(items: list) -> list:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out


__all__ = ["EXTRACTOR_VERSION", "ExtractionHints", "extract_page", "merge_pages"]
