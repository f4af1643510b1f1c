"""Extraction entry points: (bytes, URL, headers) -> PageExtraction, and merging multi-page articles."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from .byline_markup import structural_author
from .classify import (
    MIN_UNDATED_ARTICLE_CHARS,
    PageSignals,
    classify_page,
    date_is_update,
    is_home_url,
    issue_files,
)
from .content import BodyResult, ContentScorer, extract_body
from .crumbs import find_category, page_link_shapes
from .dom import (
    CJK_RE,
    Document,
    Line,
    collapse,
    el_text,
    parse_html,
    strip_invisible,
)
from .encoding import decode_html, header_value
from .fields import (
    LabelledValue,
    clean_value,
    dateline_reporter,
    find_labelled,
    find_segment_labels,
    is_bracketed_line,
    is_name_line,
    is_widget_line,
    match_byline,
    source_byline,
    strip_source_person,
    title_parts,
)
from .gate_entries import consent_buttons, entry_signals, is_login_page, wall_signals
from .info_markup import markup_source
from .labels import (
    AUTHOR_META_NAMES,
    SOURCE_META_NAMES,
)
from .latin_bylines import latin_byline
from .layout import (
    chrome_ranges,
    entries_after,
    form_chars,
    in_link_row,
    link_led_rows,
    linked_headlines,
    repeated_entries,
)
from .lead import lead_blocks
from .listings import find_listing_blocks, unread_rows
from .main_block import MainBlock, find_main_block
from .metadata import (
    canonical_url,
    far_editor_labels,
    find_published,
    first_meta,
    guess_lang,
    head_lines,
    hidden_labels,
    lines_above,
    meta_tags,
    page_links,
    pick_label,
    table_credits,
)
from .model import ExtractionHints, PageExtraction
from .pagination import article_pages, list_pager, script_pager_links
from .signature import letter_signature
from .site_model import page_skeleton
from .site_names import column_first_title, site_name_of, title_segments
from .structured import StructuredData, json_ld
from .template_fields import field_at
from .title import headline_agrees
from .urls import normalize_url

EXTRACTOR_VERSION = "1.6"
_INFO_WINDOW_LINES = 8
_COLUMN_NAME_CHARS = 10  # a menu entry's text at most (a headline is longer)
_EDGE_LINES = 3  # body lines at each end searched for a Latin byline
_CAPTION_CHARS = 30  # a photo caption below the text is a short line without a sentence end
_SENTENCE_END_RE = re.compile(r"[。！？!?]")



@dataclass
class _ParsedPage:
    """A page decoded and parsed, with what is read from it before its invisible parts are stripped."""

    url: str  # normalised
    text: str
    encoding: str
    root: etree._Element
    head: etree._Element | None
    metas: dict[str, str]
    page_title: str
    base: str  # the URL relative links resolve against
    canonical: str
    password_inputs: list
    html_lang: str
    structured: StructuredData
    doc: Document
    consent_buttons: bool  # a button to accept or reject cookies


def extract_page(
    body: bytes | str,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: ExtractionHints | None = None,
) -> PageExtraction:
    """Extract everything from one HTML page. Pure: no network, no Scrapy. Never raises on bad HTML."""
    hints = hints or ExtractionHints()
    page = _parse_page(body, url, headers)
    doc, base, canonical = page.doc, page.base, page.canonical
    links = _all_links(page)
    shapes = hints.link_shapes or page_link_shapes(doc, page.url, base, links)
    listings, containers = find_listing_blocks(doc, base, page.page_title, shapes)
    skip = [(doc.index[c], doc.end[doc.index[c]]) for c in containers]
    skip.extend(chrome_ranges(doc))
    page_lines = doc.lines(doc.body, skip=skip)

    methods: dict[str, str] = {}
    scorer = ContentScorer(doc)
    main = find_main_block(page, hints, scorer, skip, page_lines, methods)
    result = extract_body(doc, main.content, main.skip, scorer, base, main.title, _leads(doc, page_lines, main))
    fields, published_at, has_date, lang = _fields_and_date(page, hints, main, result, page_lines, methods)
    fields["category"] = find_category(doc, page.root, hints, main.title, methods)
    template = _fields_from_template(page.root, main.title_el, main.title, hints, fields, methods)
    category = fields.pop("category")
    page_no, page_urls, canonical = _page_numbering(page.url, canonical, links)
    page_type, reason = _classify(page, hints, main, result, (has_date, methods.get("published_at", "")), skip,
                                  page_lines)
    pager_links, next_page_url = [], None
    if page_type != "article":
        page_no, page_urls = 1, {}
        pager_links, next_page_url = _list_pager(page, base)
    return PageExtraction(
        url=page.url,
        canonical_url=canonical,
        encoding=page.encoding,
        page_type=page_type,
        page_type_reason=reason,
        title=main.title,
        published_at=published_at,
        source=strip_source_person(fields["source"]),
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
        pager_links=pager_links,
        next_page_url=next_page_url,
        page_no=page_no,
        page_urls=page_urls,
        field_methods=methods,
        template=template,
        unread_rows=unread_rows(doc, base, shapes),
    )


def _fields_from_template(root: etree._Element, headline: etree._Element | None, title: str | None,
                          hints: ExtractionHints, fields: dict[str, str | None], methods: dict[str, str]) -> str | None:
    """The page's template (its skeleton); the fields its rules found nothing for, read where that template
    prints them (hints.field_paths, learned from the site's pages)."""
    template = page_skeleton(headline)
    for name, path in hints.field_paths.get(template or "", {}).items():
        if name in fields and not fields[name] and methods.get(name) != "placeholder":  # (佚名: nobody, said so)
            value = field_at(root, path, name, title)
            if value:
                fields[name], methods[name], methods[f"{name}_position"] = value, "template-position", path
    return template


def _all_links(page: _ParsedPage) -> list[str]:
    """The page's links, and the pages of a pager a script writes (createPageHTML)."""
    links = page_links(page.doc, page.base)
    if "createPageHTML" in page.text:
        links.extend(x for x in (normalize_url(u) for u in script_pager_links(page.text, page.url))
                     if x and x not in links)
    return links


def _parse_page(body: bytes | str, url: str, headers: Mapping[str, str] | None) -> _ParsedPage:
    """Decode and parse the page; read its head (meta tags, <title>, <base>, canonical URL, lang, JSON-LD) and
    password fields, then strip its invisible parts and index it."""
    if isinstance(body, str):
        text, encoding = body, "unicode"
    else:
        text, encoding = decode_html(body, header_value(headers, "content-type"))
    url = normalize_url(url) or url
    root = parse_html(text)
    head = root.find("head")
    metas = meta_tags(root)
    page_title = collapse(el_text(root.find(".//title"))) if root.find(".//title") is not None else ""
    base_href = root.find(".//base[@href]")
    base = normalize_url(base_href.get("href"), url) if base_href is not None else None
    base = base or url
    canonical = canonical_url(root, url)
    password_inputs = root.xpath("//input[translate(@type,'PASSWORD','password')='password']")
    has_consent_buttons = consent_buttons(root)
    html_lang = (root.get("lang") or (head.get("lang") if head is not None else None) or "").lower()
    structured = json_ld(root)
    if structured.headline:
        metas.setdefault("json-ld:headline", structured.headline)
    if structured.date_published:
        metas.setdefault("json-ld:datepublished", structured.date_published)
    strip_invisible(root)
    return _ParsedPage(url, text, encoding, root, head, metas, page_title, base, canonical, password_inputs,
                       html_lang, structured, Document(root), has_consent_buttons)


def _fields_and_date(
    page: _ParsedPage, hints: ExtractionHints, main: MainBlock, result: BodyResult, page_lines: list[Line],
    methods: dict[str, str],
) -> tuple[dict[str, str | None], str | None, bool, str | None]:
    """(source/author/editor, published_at, whether the date is trustworthy, language), from the labelled lines
    around the headline and the main block, bylines, markup and meta tags."""
    doc, core, title, title_el = page.doc, main.core, main.title, main.title_el
    window = _info_window(doc, page_lines, title, title_el, core)
    info = [lv for line in window for lv in find_labelled(line)]
    above = lines_above(page_lines, [main.title_index, doc.index[core] if core is not None else -1])
    above_flat = [line for group in above for line in group]
    info += [lv for line in window + above_flat for lv in find_segment_labels(line)]
    after = _lines_after(doc, page_lines, core)
    after_info = [lv for line in after if len(line) <= 160 for lv in find_labelled(line)]
    tail_labels = (result.labelled + after_info
                   + hidden_labels(doc, page_lines, main.content, result.lines, main.extra_skip)
                   + far_editor_labels(doc, page_lines, main.content))
    credits = table_credits(doc, main.content)  # (a table's 'Source: …' names its figures' origin, not the text's)
    tail_labels = [lv for lv in tail_labels
                   if not (lv.field == "source" and lv.raw.strip() and any(lv.raw.strip() in c for c in credits))]
    above_info = [lv for line in above_flat if len(line) <= 120 for lv in find_labelled(line)]

    # a <time> or byline markup in a sibling block dropped as not prose still counts
    time_skip = [r for r in main.skip if r not in main.extra_skip]
    body_lines = set(result.lines)  # a text's last line may sit past its scored block (text after its last <br>)
    below = [line for line in after if line not in body_lines]
    fields = _people_fields(doc, info, tail_labels + above_info, result, window, below, main.extra_skip, time_skip,
                            page.structured, page.metas, page.page_title, methods, main.content, hints)
    if not fields["source"] and "source" not in methods:
        fields["source"] = markup_source(doc, title_el, core)
        if fields["source"]:
            methods["source"] = "source-markup"

    lang = guess_lang(title, result.lines, page.html_lang)
    tz = hints.timezone or ("+08:00" if lang == "zh" else None)
    published, has_date = find_published(doc, page.root, hints, window, info, page.metas, page.url, after,
                                         tail_labels, time_skip, methods, trust_after=title_el is not None,
                                         head=head_lines(doc, page_lines, core), above=above,
                                         body_lines=result.lines)
    return fields, (published.iso(tz) if published else None), has_date, lang


def _classify(
    page: _ParsedPage, hints: ExtractionHints, main: MainBlock, result: BodyResult, dated: tuple[bool, str],
    boxes: list[tuple[int, int]], page_lines: list[Line],
) -> tuple[str, str]:
    """(page type, reason) from the page's signals: headline, date (whether trusted, how found), body size, media,
    links, login field, entries, a paywall."""
    has_date, date_method = dated
    doc, title, page_title, metas = page.doc, main.title, page.page_title, page.metas
    read = result.lines + result.captions  # a photo's caption is the page's text for the gate (a photo recap)
    body_chars = sum(len(re.sub(r"\s", "", line)) for line in read)
    agrees = headline_agrees(title, page_title, metas)
    parts = tuple(title_segments(page_title))
    text = "\n".join(read)
    short_undated = not has_date and body_chars < MIN_UNDATED_ARTICLE_CHARS
    return classify_page(PageSignals(
        page.canonical,
        title=title,
        headline_agrees=agrees,
        # only an undated short page is judged by whose name heads it
        title_names=(_title_names(title, page_title, metas, hints, doc, page.canonical)
                     if short_undated else None),
        has_date=has_date,
        body_chars=body_chars,
        image_count=len(result.images),
        attachment_count=len(result.attachments),
        link_count=result.link_count,
        link_density=result.link_density,
        date_lines=result.date_count,
        body_text=text,
        has_password_field=is_login_page(doc, page.password_inputs, main.core, bool(title and has_date)),
        # rows led by a column's label link: a list's entries, unless the page is dated and its headline agrees
        repeated_entries=max(repeated_entries(doc, main.content),
                             link_led_rows(doc, main.content, main.skip, past_labels=not (has_date and agrees)),
                             linked_headlines(doc, main.skip, page.canonical, main.title_index, main.content,
                                              title)),
        # (read by the gate only on undated pages, the entries only on short ones: not measured elsewhere)
        entries_after=entries_after(doc, main.content) if short_undated else 0,
        form_chars=form_chars(doc, main.content) if not has_date else 0,
        issue_files=issue_files([f"{a.text or ''} {a.url}" for a in result.attachments]) if not has_date else 0,
        **entry_signals(doc, boxes, main.title_index, main.content, text, (title or "", *parts), has_date, body_chars,
                        page.canonical, page.base),
        title_parts=parts,
        consent_buttons=page.consent_buttons,
        headline_on_page=main.title_el is not None,
        date_is_update=date_is_update(date_method),
        **wall_signals(doc, main.content, page_lines, read, body_chars,
                       (page.password_inputs, main.title_index)),
        login_in_content=is_login_page(doc, page.password_inputs, main.core, True),
    ))


def _list_pager(page: _ParsedPage, base: str) -> tuple[list[str], str | None]:
    """(pager links, next page URL) of a page that is not an article, scripted pager links (createPageHTML)
    included."""
    pager_links, next_page_url = list_pager(_anchors(page.doc, base), page.canonical)
    if "createPageHTML" in page.text:
        scripted = [x for x in (normalize_url(u) for u in script_pager_links(page.text, page.url))
                    if x and x != page.canonical]
        pager_links.extend(x for x in scripted if x not in pager_links)
    return pager_links, next_page_url


def _title_names(
    title: str | None, page_title: str, metas: dict[str, str], hints: ExtractionHints, doc: Document, url: str
) -> str | None:
    """'site' when the headline is the site's name (the profile's, og:site_name, the name the link home shows, the
    last of several parts of <title>, or the whole <title> of the site's root); 'column' when it is the short text
    of one of the page's links (a column's name in the menu: '行业动态'); None for a headline of its own."""
    if not title:
        return None
    parts = title_parts(page_title)
    if parts == [title] and is_home_url(url):
        return "site"
    site_name = site_name_of(page_title, metas, hints, doc)
    last = parts[-1] if len(parts) > 1 and not column_first_title(page_title, doc) else None  # '栏目 - Headline'
    if title == (site_name or last):
        return "site"
    if len(title) <= _COLUMN_NAME_CHARS and any(collapse(el_text(a)) == title for a in doc.body.iter("a")):
        return "column"
    return None


def _anchors(doc: Document, base: str) -> list[tuple[str, str, bool]]:
    """(normalised URL, text, rel=next) of every link of the page, for the pager."""
    found: list[tuple[str, str, bool]] = []
    for el in doc.root.iter("a"):
        url = normalize_url(el.get("href") or "", base)
        if url:
            found.append((url, collapse(el_text(el)), "next" in (el.get("rel") or "").lower().split()))
    return found


def _people_fields(
    doc: Document,
    info: list[LabelledValue],
    tail_labels: list[LabelledValue],
    result: BodyResult,
    window: list[str],
    after: list[str],
    sibling_skip: list[tuple[int, int]],
    time_skip: list[tuple[int, int]],
    structured: StructuredData,
    metas: dict[str, str],
    page_title: str,
    methods: dict[str, str],
    content: etree._Element | None,
    hints: ExtractionHints,
) -> dict[str, str | None]:
    """Source, author and editor, strongest evidence first: labelled lines (info line, then lines moved out of
    the body and around it), bylines, meta source, JSON-LD and byline markup, Latin bylines, meta author."""
    fields: dict[str, str | None] = {}
    for name in ("source", "author", "editor"):
        fields[name] = pick_label(name, info, tail_labels, methods)
    fields["source"], carried = source_byline(fields["source"])  # 来源：东川在线 东川在线记者 邱明 摄影报道
    if carried and not fields["author"]:
        fields["author"] = carried
        methods["author"] = "source-byline"
    # a byline stands in the body, under the headline, or just below the body's block: bracketed ((文/赵磊 赵静)) in
    # the first two lines, or a short line of names alone (记者 朱建国 通讯员 林磊) with only bracketed lines or
    # photo captions (short, no sentence) above it
    quiet = [is_bracketed_line(line) or (len(line) <= _CAPTION_CHARS and not _SENTENCE_END_RE.search(line))
             for line in after[:3]]
    below = [line for n, line in enumerate(after[:3])
             if (n < 2 and is_bracketed_line(line)) or (all(quiet[:n]) and is_name_line(line))]
    bylines = result.bylines + [b for b in (match_byline(line) for line in window + below) if b]
    bylines += [b for b in (dateline_reporter(line) for line in result.lines[:2] + window[:4]) if b][:1]
    if not fields["author"] and bylines:
        fields["author"] = clean_value(bylines[0])
        methods["author"] = "byline"
    if not fields["source"] and "source" not in methods:
        fields["source"] = first_meta(metas, SOURCE_META_NAMES, methods, "source")
    outlet = site_name_of(page_title, metas, hints, doc) if not fields["author"] else ""  # 'A und B, Kieler Post'
    if not fields["author"] and "author" not in methods:
        fields["author"] = structural_author(doc, time_skip, structured, methods, content, outlet)
    if not fields["author"] and "author" not in methods:
        # colon-less Latin bylines under the headline, at the body's edges, below it or in dropped sibling blocks
        edges = result.lines[:_EDGE_LINES] + result.lines[-_EDGE_LINES:]
        siblings = [line.text for start, _ in sibling_skip for line in doc.lines(doc.elements[start])]
        latin = next((b for b in (latin_byline(line, outlet) for line in window + edges + after + siblings) if b),
                     None)
        if latin:
            fields["author"] = latin
            methods["author"] = "latin-byline"
    if not fields["author"] and "author" not in methods and not CJK_RE.search(page_title):
        fields["author"] = first_meta(metas, AUTHOR_META_NAMES, methods, "author")
    if not fields["author"] and "author" not in methods:
        fields["author"] = _weak_author(result, after, methods)
    return fields


def _weak_author(result: BodyResult, after: list[str], methods: dict[str, str]) -> str | None:
    """The last resort: a closing signature, a byline opening the text, a letter's signature just below it."""
    signed = (letter_signature(result.lines[-1:] + after[:2], closed=True, letter=result.letter)
              if result.lines else None)
    weak = result.weak_bylines + ([signed[1]] if signed else [])
    if weak:
        methods["author"] = "weak-byline"
    return weak[0] if weak else None


def _info_window(
    doc: Document, page_lines: list[Line], title: str | None, title_el: etree._Element | None,
    core: etree._Element | None,
) -> list[str]:
    """The lines between the headline and the main block, where the info line (date, 来源, 作者) stands; when the
    main block holds the headline, the short lines right below it."""
    title_index = doc.index[title_el] if title_el is not None else -1
    if core is not None and title_el is not None and doc.contains(core, title_index):
        window: list[str] = []
        for line in page_lines:
            if line.index <= title_index or doc.contains(title_el, line.index):
                continue
            if not doc.contains(core, line.index) or len(line.text) >= 60 or len(window) >= _INFO_WINDOW_LINES:
                break
            window.append(line.text)
        return window
    content_index = doc.index[core] if core is not None else len(doc.elements)
    return [
        line.text for line in page_lines
        if 0 <= title_index < line.index < content_index
        and not (line.index == title_index and line.text == title)
        and not in_link_row(doc, doc.elements[line.index])
    ][:_INFO_WINDOW_LINES]


def _page_numbering(url: str, canonical: str, links: list[str]) -> tuple[int, dict[int, str], str]:
    """(the page's number in its article, its pages, its canonical URL). A continuation page whose canonical link
    names the article's first page is that page's page 2, not page 1 again: it keeps its own URL."""
    page_no, page_urls = article_pages(canonical, links)
    if canonical != url and page_no == 1:
        own_no, own_pages = article_pages(url, links)
        if own_no > 1 and own_pages.get(1) == canonical:
            return own_no, own_pages, url
    return page_no, page_urls, canonical


def _lines_after(doc: Document, page_lines: list[Line], core: etree._Element | None) -> list[str]:
    """The first lines after the main block (before sibling sections joined it): a post's signature line, a
    责任编辑 line below the text."""
    content_end = doc.end[doc.index[core]] if core is not None else len(doc.elements)
    return [
        line.text for line in page_lines
        if line.index > content_end and not is_widget_line(line.text)
        and not in_link_row(doc, doc.elements[line.index])
    ][:_INFO_WINDOW_LINES]


def _leads(doc: Document, page_lines: list[Line], main: MainBlock) -> list[etree._Element]:
    """The lead paragraphs between the headline and the text block. When the text block's siblings joined it and
    the story's header among them was left out (a byline box, a share bar), a standfirst in that header is looked
    for above the text block itself."""
    leads = lead_blocks(doc, page_lines, main.title_index, main.content)
    core = main.core
    if leads or core is None or core is main.content or main.title_index < 0 or main.title_index > doc.index[core]:
        return leads
    masked = doc.mask(main.skip)
    return [el for el in lead_blocks(doc, page_lines, main.title_index, core) if masked[doc.index[el]]]


__all__ = ["EXTRACTOR_VERSION", "ExtractionHints", "extract_page"]
