"""The headline: headings and emphasised lines scored against <title>, their place and their markup."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .dates import DATE_RE, parse_date
from .dom import (
    BLOCK_TAGS,
    CELL_TAGS,
    DROP_TAGS,
    Document,
    Line,
    collapse,
    el_text,
    select_first,
)
from .fields import (
    find_labelled,
    is_metadata_line,
    similarity_to_page_title,
    title_parts,
)
from .labels import (
    BOILERPLATE_CLASS_PATTERN,
    CAPTION_PATTERN,
    SUBTITLE_CLASS_PATTERN,
    TITLE_CLASS_PATTERN,
    TITLE_META_NAMES,
)
from .model import ExtractionHints
from .site_names import headline_of_page_title, linked_name, site_name_of, title_segments
from .urls import names_a_parent, normalize_url

_TITLE_RE = re.compile(TITLE_CLASS_PATTERN, re.IGNORECASE)
# The site's home: '/', './', 'index.html', 'http://host/' (no other path, no query)
_SUBTITLE_DASH_RE = re.compile(r"^[—─－-]{2}|^—")
_SUBTITLE_CLASS_RE = re.compile(SUBTITLE_CLASS_PATTERN, re.IGNORECASE)
_DASH_LINE_RE = re.compile(r"^(?:——|--|─{2}|－{2})")  # a subtitle line inside a headline (not a single dash)
_CAPTION_RE = re.compile(CAPTION_PATTERN, re.IGNORECASE)
_BOILER_RE = re.compile(BOILERPLATE_CLASS_PATTERN, re.IGNORECASE)
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "td", "strong", "b", "font", "header",
               "center")
_HEADING_BONUS = {"h1": 2.0, "h2": 1.2, "h3": 0.6, "h4": 0.3, "h5": 0.2, "h6": 0.1}
_MIN_TITLE_SCORE = 1.0
_MAX_TITLE_CHARS = 400  # a candidate's own characters (a headline with its info line inside stays below)
_LINE_BREAKING_TAGS = BLOCK_TAGS | CELL_TAGS | DROP_TAGS
_MAX_TITLE_DESCENDANTS = 20
_TAG_TEXT_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")  # markup shown as text
_TAG_TEXT_SPACED_RE = re.compile(r"\s*</?[a-zA-Z][^<>]{0,200}>\s*")
_CJK_CHAR_RE = re.compile(r"[\u4e00-\u9fff，、：“”《》（）]")
_LONG_NUMBER_RE = re.compile(r"[\d\s:：/.\-年月日]{6,}")
_CRUMB_SEPARATOR_RE = re.compile(r"\s*(?:»|›|>|→|＞)\s*")
_LEADING_DECORATION_RE = re.compile(r"^[@*$■□◆◇★☆●○▲△▶►·•]+\s*")
_CATEGORY_LINK_RE = re.compile(r"[\[【][^\]】]{1,12}[\]】]")
_SUFFIX_SEPARATOR_RE = re.compile(r"^\s*(?:[|｜_–—-]|::)\s*\S")
_DATE_LINE_RE = re.compile(r"^([\d\s年月日:：/.\-]+$|(发布时间|发布日期|更新时间|发表时间|时间|日期)\s*[:：])")
_TITLE_PREFIX_RE = re.compile(r"^(主题|标题|题目|文章标题|Title|Subject)\s*[:：]\s*", re.IGNORECASE)


@dataclass
class _Candidate:
    score: float
    index: int
    element: etree._Element
    text: str
    template: tuple[str, str]
    links_out: bool


def find_title(
    doc: Document,
    skip: list[tuple[int, int]],
    page_title: str,
    metas: dict[str, str],
    hints: ExtractionHints,
    methods: dict[str, str],
    page_lines: list[Line],
    content: etree._Element | None,
    page_url: str = "",
) -> tuple[str | None, etree._Element | None]:
    """The headline: the heading or emphasised line that best matches <title>, looks like a title and stands
    just before the main content; else a meta title or the headline part of <title>."""
    if hints.title:
        chosen = select_first(doc.root, hints.title)
        if chosen is not None and doc.text(chosen):
            methods["title"] = "profile"
            return doc.text(chosen), chosen
    meta_title = next((metas[name] for name in TITLE_META_NAMES if metas.get(name)), "") or metas.get(
        "json-ld:headline", "")
    meta_title = collapse(_TAG_TEXT_SPACED_RE.sub("", meta_title))  # '<div>' shown as text in a meta title
    site_name = site_name_of(page_title, metas, hints, doc)
    lines = _LinePositions(doc, page_lines)
    content_line = None
    if content is not None:
        ci = doc.index[content]
        content_line = next((k for k, line in enumerate(page_lines) if ci <= line.index <= doc.end[ci]), None)
    headline_part = headline_of_page_title(page_title, site_name, doc, page_url)
    names = _title_names(doc, page_title, site_name, headline_part, page_url)
    context = _TitleContext(page_title, meta_title, site_name, names, lines, content_line, page_lines, page_url,
                            headline_part)
    skipped = doc.mask(skip)
    candidates: list[_Candidate] = []
    templates_seen: set[tuple[str, str]] = set()
    for el in doc.body.iter(*_TITLE_TAGS):
        i = doc.index[el]
        if skipped[i] or doc.end[i] - i > _MAX_TITLE_DESCENDANTS or not 2 <= doc.chars[i] <= _MAX_TITLE_CHARS:
            continue
        candidate = _score_candidate(doc, el, i, context, templates_seen)
        if candidate is not None:
            candidates.append(candidate)
    # headings of one template, each a link to another page, are list entries: none is this page's headline
    entry_templates = Counter(c.template for c in candidates if c.links_out)
    # (and a minor heading, h5/h6, counts as a headline only when it is not a link away)
    candidates = [c for c in candidates
                  if not (c.links_out and (entry_templates[c.template] >= 2 or c.template[0] in ("h5", "h6")))]
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is not None and best.score > _MIN_TITLE_SCORE:
        best = _first_of_template(candidates, best)
        best = _meta_title_neighbour(doc, candidates, best, meta_title, lines)
        methods["title"] = "heading"
        return _reconcile_with_meta(best.text, meta_title), best.element
    if meta_title:
        methods["title"] = "meta"
        return meta_title, None
    fallback = headline_part
    if fallback:
        methods["title"] = "page-title"
    return fallback, None


@dataclass
class _TitleContext:
    """What every headline candidate of a page is scored against."""

    page_title: str
    meta_title: str
    site_name: str
    names: set[str]  # the site's and channels' names from <title>
    lines: _LinePositions
    content_line: int | None  # the page line where the main content starts
    page_lines: list[Line]
    page_url: str
    headline_part: str | None  # the part of <title> that is the headline (see headline_of_page_title)


def _score_candidate(
    doc: Document, el: etree._Element, i: int, context: _TitleContext, templates_seen: set[tuple[str, str]],
) -> _Candidate | None:
    """The scored headline candidate of a heading, title-classed or emphasised element; None when it is no
    headline (no such markup, a name, a caption, a menu, an info line). Adds its template to templates_seen."""
    hints_text = f"{el.get('class', '')} {el.get('id', '')}"
    heading_bonus = _HEADING_BONUS.get(el.tag, 0.0)
    subtitled = bool(_SUBTITLE_CLASS_RE.search(hints_text))
    class_bonus = 1.0 if _TITLE_RE.search(hints_text) and not subtitled else 0.0
    emphasis = 0.5 if not heading_bonus and not class_bonus and _is_emphasised(doc, el) else 0.0
    if not (heading_bonus or class_bonus or emphasis or _starts_with_title_label(el)):
        return None
    raw_text = _heading_text(doc, el, context.page_title)
    text = collapse(_TAG_TEXT_RE.sub(" ", _TITLE_PREFIX_RE.sub("", raw_text)))
    if text != raw_text:
        class_bonus += 1.5  # 主题：… / 标题：… labels a headline
    text = _strip_decoration(doc, el, text)
    site_name = context.site_name
    shortest = 2 if text == context.headline_part else 4  # '碳足迹': as short as <title>'s headline part
    if not (shortest <= len(text) <= 200) or (site_name and text == site_name) or text[-1] in ":：":
        return None
    if text in context.names:
        return None  # the site's or a channel's name from <title> ('Headline_网易娱乐', '标题-大话四川-站名')
    if _CAPTION_RE.match(text) or _is_caption(el):
        return None  # a photo's caption, however emphasised
    if _links_to_parent(doc, el, text, context.page_url) and not _dated(doc, el, context):
        return None  # the site's, a blog's or a channel's name, linked to its home (a dated one is a post's own)
    if sum(1 for d in el.iter("p", "div", "li", "table", "ul") if d is not el) > 2:
        return None
    if len(el.findall(".//a")) >= 3 or _DATE_LINE_RE.match(text):
        return None  # a menu, an info line or a date is not a headline
    similarity = _similarity(text, context.page_title, context.headline_part)
    score = 4 * similarity + heading_bonus + class_bonus + emphasis
    if context.meta_title and context.meta_title == text:
        score += 2.0
    if any(anc.tag == "li" for anc in el.iterancestors()) or _BOILER_RE.search(hints_text):
        score -= 2.0
    if re.search(r"^(当前位置|您的位置|首页)", text):
        score -= 3.0
    if (_SUBTITLE_DASH_RE.match(text) or subtitled) and similarity < 0.5:
        score -= 3.0  # ——记…, ——在…上的讲话, <h2 class="subtitle">: a subtitle under the headline, not in <title>
    own_line = context.lines.line_of(el)
    score += _proximity_bonus(own_line, context.content_line)
    template = (el.tag, (el.get("class") or "").strip())
    if template[1] and template in templates_seen:
        score -= 1.5  # the same tag and class as an earlier candidate: section headings, not the headline
    templates_seen.add(template)
    if own_line is not None and _info_line_follows(doc, el, context.page_lines, own_line):
        score += 1.5  # a date or 来源/作者 line right below: the headline's info line
    return _Candidate(score, i, el, text, template, _links_elsewhere(doc, el, text, context.page_url))


def _title_names(doc: Document, page_title: str, site_name: str, headline: str | None, page_url: str) -> set[str]:
    """The parts of a <title> of several parts that are not its headline part: the site's and channels' names."""
    parts = title_parts(page_title)
    if len(parts) < 2:
        return {site_name} if site_name else set()
    longest = max(parts, key=len)  # whichever part is the headline, the longest is no name (unless only a link)
    kept = ((headline,) if headline and headline != longest and linked_name(doc, longest, headline, page_url)
            else (headline, longest))
    return {p for p in parts if p not in kept} | ({site_name} if site_name else set())


def _is_caption(el: etree._Element) -> bool:
    """An element of a figure (figcaption, or a block that holds an image) is a caption, not the headline."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("figure", "figcaption", "body"):
            return node.tag != "body"
    return el.find(".//img") is not None and el.tag not in ("h1", "h2")


def headline_agrees(title: str | None, page_title: str, metas: dict[str, str]) -> bool:
    """Whether the headline is what <title> or a meta title names (the page's own subject)."""
    if not title:
        return False
    meta_title = next((metas[name] for name in TITLE_META_NAMES if metas.get(name)), "")
    return max(similarity_to_page_title(title, page_title), similarity_to_page_title(title, meta_title)) >= 0.8


class _LinePositions:
    """Which line of the page an element's text is on."""

    def __init__(self, doc: Document, page_lines: list[Line]) -> None:
        self.doc = doc
        self.page_lines = page_lines
        self.first_line: dict[int, int] = {}
        for k, line in enumerate(page_lines):
            self.first_line.setdefault(line.index, k)
        self.starts = [line.index for line in page_lines]

    def line_of(self, el: etree._Element) -> int | None:
        """The first line starting inside the element; for an element inside a line (a table cell, an inline
        tag), the nearby line it makes at least half of (dates left out)."""
        doc = self.doc
        i = doc.index[el]
        own = next((self.first_line[j] for j in range(i, doc.end[i] + 1) if j in self.first_line), None)
        if own is not None:
            return own
        text = doc.text(el)
        if not text:
            return None
        k0 = bisect_right(self.starts, i) - 1
        for k in (k0, k0 + 1, k0 + 2, k0 - 1):
            if 0 <= k < len(self.page_lines):
                line = self.page_lines[k].text
                if text[:20] in line and len(text) >= 0.5 * len(_LONG_NUMBER_RE.sub("", line)):
                    return k
        return None


def _similarity(text: str, page_title: str, headline_part: str | None) -> float:
    """similarity_to_page_title, except for breadcrumb-ordered <title>s (Site » Section » Headline): there the
    last crumb is the headline and the earlier ones are site or section names."""
    if _CRUMB_SEPARATOR_RE.search(page_title):
        crumbs = [c.strip() for c in _CRUMB_SEPARATOR_RE.split(page_title) if c.strip()]
        if len(crumbs) > 1:
            if text == crumbs[-1]:
                return 1.0
            parts = [p for c in crumbs for p in title_segments(c)]
            if text in parts:
                return 0.3
    parts = title_parts(page_title)
    if len(parts) > 1 and text in parts:  # a whole part: the headline part fits best, wherever it stands
        return 1.0 if text == headline_part else 0.8
    return similarity_to_page_title(text, page_title)


def _strip_decoration(doc: Document, el: etree._Element, text: str) -> str:
    """Drop a leading bullet or @ and a leading [栏目] category link (a separate link before the headline)."""
    stripped = _LEADING_DECORATION_RE.sub("", text)
    text = stripped if len(stripped) >= 4 else text
    links = el.findall(".//a")
    if links and (len(links) >= 2 or el.text is None or not el.text.strip()):  # '<a>[身边事]</a> 标题'
        first = doc.text(links[0])
        if _CATEGORY_LINK_RE.fullmatch(first) and text.startswith(first) and len(text) - len(first) >= 4:
            text = text[len(first):].strip()
    return text


def _info_line_follows(doc: Document, el: etree._Element, page_lines: list[Line], own_line: int,
                       any_language: bool = False) -> bool:
    """One of the next two lines after the element is an info line (a date, 来源/作者 labels), not a table row;
    ``any_language``: a date as parse_date reads it (May 4, 2023) counts too."""
    end = doc.end[doc.index[el]]
    following = [line for line in page_lines[own_line + 1:own_line + 4] if line.index > end][:2]
    for line in following:
        if line.tag in _HEADING_BONUS:
            return False  # another heading comes first: the info line is that one's
        if "\t" not in line.text and (is_metadata_line(line.text) or (len(line.text) <= 60
                                                                     and DATE_RE.search(line.text))):
            return True
        if any_language and len(line.text) <= 60 and parse_date(line.text) is not None:
            return True
    return False


def _whole_link(doc: Document, el: etree._Element, text: str) -> etree._Element | None:
    """The one link that is the element's whole text, if it is one."""
    links = el.findall(".//a[@href]") if el.tag != "a" else [el]
    return links[0] if len(links) == 1 and doc.text(links[0]) == text else None


def _links_elsewhere(doc: Document, el: etree._Element, text: str, page_url: str) -> bool:
    """The element's whole text is one link, and it leads to another page."""
    link = _whole_link(doc, el, text)
    target = normalize_url(link.get("href", ""), page_url or None) if link is not None else None
    return bool(target) and target != page_url and not target.startswith(page_url + "#")


def _dated(doc: Document, el: etree._Element, context: _TitleContext) -> bool:
    """Whether an info line (a date in any language, 来源/作者) follows the element: a headline's, not a name's."""
    own_line = context.lines.line_of(el)
    return own_line is not None and _info_line_follows(doc, el, context.page_lines, own_line, any_language=True)


def _links_to_parent(doc: Document, el: etree._Element, text: str, page_url: str) -> bool:
    """The element's whole text is one link to a directory above the page (the site's root, a blog's home, a
    channel's first page): a name, not this page's headline."""
    link = _whole_link(doc, el, text)
    target = normalize_url(link.get("href", ""), page_url) if link is not None and page_url else None
    return bool(target) and names_a_parent(target, page_url)


def _first_of_template(candidates: list[_Candidate], best: _Candidate) -> _Candidate:
    """Entries of one template (the posts of a blog page): the first entry's title is the page's headline."""
    if not best.template[1]:
        return best
    for other in candidates:
        if other.index >= best.index:
            break
        if other.template == best.template:
            return other if other.score >= best.score - 2 else best
    return best


def _meta_title_neighbour(
    doc: Document, candidates: list[_Candidate], best: _Candidate, meta_title: str, lines: _LinePositions
) -> _Candidate:
    """A heading equal to the meta title, within two lines of the best candidate and scoring nearly as well,
    is the headline (the best one is then a kicker or a subtitle)."""
    if not meta_title or best.text == meta_title:
        return best
    best_line = lines.line_of(best.element)
    if best_line is None:
        return best
    for other in candidates:
        if (other.text == meta_title and other.element.tag in ("h1", "h2", "h3")
                and not doc.contains(other.element, best.index) and not doc.contains(best.element, other.index)
                and other.score >= best.score - 3):
            other_line = lines.line_of(other.element)
            if other_line is not None and 0 < abs(other_line - best_line) <= 2:
                return other
    return best


def _reconcile_with_meta(text: str, meta_title: str) -> str:
    """The heading read against the meta title: a kicker before it or a site name after it is dropped, and a
    spelling that differs only in spaces follows the meta title."""
    if not meta_title or text == meta_title:
        return text
    if len(meta_title) >= 8:
        if text.endswith(meta_title) and len(text) - len(meta_title) <= 60:
            return meta_title
        if text.startswith(meta_title) and _SUFFIX_SEPARATOR_RE.match(text[len(meta_title):]):
            return meta_title
    if re.sub(r"\s+", "", text) == re.sub(r"\s+", "", meta_title):
        return meta_title
    return text


def _proximity_bonus(own_line: int | None, content_line: int | None) -> float:
    """Headlines stand just before the content (or open it); far away or below it, they are something else."""
    if content_line is None or own_line is None:
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


def _joins_tight(left: str, right: str) -> bool:
    """Whether two parts of a broken headline join without a space: Chinese beside Chinese or beside a number
    (2017<br>年度); Latin words and numbers between themselves keep their space."""
    cjk_left, cjk_right = bool(_CJK_CHAR_RE.fullmatch(left)), bool(_CJK_CHAR_RE.fullmatch(right))
    return (cjk_left or cjk_right) and (cjk_left or left.isdecimal()) and (cjk_right or right.isdecimal())


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _heading_text(doc: Document, el: etree._Element, page_title: str = "") -> str:
    """A heading's text; when a <br> or block puts the info line inside the heading, only its first line."""
    if not any(d.tag in _LINE_BREAKING_TAGS for d in el.iterdescendants(etree.Element)):
        return doc.text(el)  # no line break inside: one line
    lines = doc.lines(el)
    if len(lines) > 1 and any(DATE_RE.search(line.text) or find_labelled(line.text) for line in lines[1:]):
        return lines[0].text
    if len(lines) > 1:  # a headline broken with <br>: Chinese joins without a space; a ——subtitle line ends it
        joined = lines[0].text  # (unless <title> spells the subtitle too: then it is part of the headline)
        for line in lines[1:]:
            if _DASH_LINE_RE.match(line.text) and _squeezed(line.text) not in _squeezed(page_title):
                break
            joined += ("" if _joins_tight(joined[-1:], line.text[:1]) else " ") + line.text
        return joined
    return doc.text(el)


