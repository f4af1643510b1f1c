"""The headline: headings and emphasised lines scored against <title>, their place and their markup."""

from __future__ import annotations

import re

from lxml import etree

from .dom import (
    BLOCK_TAGS,
    CELL_TAGS,
    DROP_TAGS,
    Document,
    collapse,
    el_text,
    select_first,
)
from .fields import (
    DATE_RE,
    find_labelled,
    similarity_to_page_title,
    title_from_page_title,
)
from .labels import (
    BOILERPLATE_CLASS_PATTERN,
    TITLE_CLASS_PATTERN,
    TITLE_META_NAMES,
)
from .model import ExtractionHints

_TITLE_RE = re.compile(TITLE_CLASS_PATTERN, re.IGNORECASE)
_BOILER_RE = re.compile(BOILERPLATE_CLASS_PATTERN, re.IGNORECASE)
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong", "b", "font", "header", "center")
_LINE_BREAKING_TAGS = BLOCK_TAGS | CELL_TAGS | DROP_TAGS
_MAX_TITLE_DESCENDANTS = 20
_TAG_TEXT_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")  # markup shown as text
_DATE_LINE_RE = re.compile(r"^([\d\s年月日:：/.\-]+$|(发布时间|发布日期|更新时间|发表时间|时间|日期)\s*[:：])")
_TITLE_PREFIX_RE = re.compile(r"^(主题|标题|题目|文章标题|Title|Subject)\s*[:：]\s*", re.IGNORECASE)


def find_title(
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
        chosen = select_first(doc.root, hints.title)
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


