"""Page metadata: meta tags, links, labelled fields (source, author, editor), the date, the category, the language."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .dates import DateValue, date_from_url, date_line, lead_date, parse_date, unlabelled_date
from .dom import (
    CJK_RE,
    Document,
    Line,
    collapse,
    select_first,
)
from .fields import (
    clean_value,
    find_labelled,
    is_metadata_line,
)
from .labels import (
    AUTHOR_MARKUP_EXCLUDED_WORDS,
    AUTHOR_MARKUP_WORDS,
    AUTHOR_NAME_CHILD_CLASSES,
    BYLINE_DATE_LEAD_WORDS,
    DATE_LEAD_PATTERN,
    DATE_META_EXCLUDED_WORDS,
    DATE_META_NAMES,
    DATE_META_WORDS,
    MARKUP_BYLINE_LEAD,
)
from .latin_bylines import latin_byline, latin_names, titled
from .model import ExtractionHints
from .structured import StructuredData
from .urls import names_a_parent, normalize_url

_AUTHOR_MARKUP_RE = re.compile(AUTHOR_MARKUP_WORDS, re.IGNORECASE)
_AUTHOR_MARKUP_EXCLUDED_RE = re.compile(AUTHOR_MARKUP_EXCLUDED_WORDS, re.IGNORECASE)
_NAME_CHILD_RE = re.compile(AUTHOR_NAME_CHILD_CLASSES)
_MARKUP_LEAD_RE = re.compile(MARKUP_BYLINE_LEAD, re.IGNORECASE)
_BYLINE_SEPARATOR_RE = re.compile(r"\s*[»|•]\s*|\s+·\s+")  # (a '·' without spaces joins a name: 阿曼达·帕克)
_AND_LEAD_RE = re.compile(r"^(and|&|und|et|y)\s+\S", re.IGNORECASE)
_MAX_LINKED_NAMES = 4
_NAME_JOINTS_RE = re.compile(r"(\s|,|&|\band\b|\bund\b)*")
_HANDLE_RE = re.compile(r"\s*@[A-Za-z_]\w{2,}")
_LONE_LEAD_RE = re.compile(r"^(by|von|par|por|de|written by|posted by)\s*$", re.IGNORECASE)
_CREDIT_PREFIX_RE = re.compile(r"^[^:：]{1,15}[:：]\s*(?=\S)")
_TRAILING_LABEL_RE = re.compile(r"\s+[A-ZÄÖÜ]?[a-zäöü]+:\s.*$")
_BYLINE_DATE_TAIL_RE = re.compile(r"\s+" + BYLINE_DATE_LEAD_WORDS + r"\s+.*$")  # 'Jane Doe am Samstag, ...'
_NOT_NAME_RE = re.compile(r"^(发布|发表|时间|日期)")
_NAME_CHILD_SHARE = 0.4  # a name child this much of the markup's text is the name
_MARKUP_NAME_CHARS = 40
_DATE_META_WORDS_RE = re.compile(DATE_META_WORDS)
_DATE_LEAD_LINE_RE = re.compile(DATE_LEAD_PATTERN, re.IGNORECASE)
_DATE_META_EXCLUDED_RE = re.compile(DATE_META_EXCLUDED_WORDS)
_WEAK_DATE_METHODS = ("head-line", "pre-line")
_LINES_ABOVE = 3
_HEAD_LINES = 8
_HEAD_LINE_CHARS = 60
_TAIL_LINES = 15
_FAR_LINES = 80
_PROSE_CHARS = 100
_BYLINE_PREFIX_RE = re.compile(r"^(by|von|par|por|di|door|autor(in)?|author|作者|文)\s*[:：]?\s+", re.IGNORECASE)


def meta_tags(root: etree._Element) -> dict[str, str]:
    """Meta tags by lower-cased name/property/itemprop (the first value of each). A name or property meta wins
    over microdata (itemprop), and an itemprop that repeats with other values (the authors of every cited
    reference, the dates of every list item) describes other things than the page and is left out."""
    metas: dict[str, str] = {}
    microdata: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        value = collapse(meta.get("content"))
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key:
            if value and key not in metas:
                metas[key] = value
            continue
        item_key = (meta.get("itemprop") or "").strip().lower()
        if item_key and value:
            microdata.setdefault(item_key, []).append(value)
    for key, values in microdata.items():
        if key not in metas and len(set(values)) == 1:
            metas[key] = values[0]
    return metas


def canonical_url(root: etree._Element, url: str) -> str:
    """The page's rel=canonical URL when it names a page of the same kind on the same host, else the URL itself.

    A canonical link that names a directory above the page (the home page, its column: a template that points
    every page at ``/``) is a template's mistake, not another address of this page."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            target = normalize_url(link.get("href", ""), url)
            if target and urlsplit(target).netloc == urlsplit(url).netloc and not names_a_parent(target, url):
                return target
    return url


def page_links(doc: Document, base: str) -> list[str]:
    """Every distinct normalised link of the page (a, area, rel=next, frames), in document order."""
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


def pick_label(name: str, info: list, tail: list, methods: dict[str, str]) -> str | None:
    """A field from the info line, else from a labelled line moved out of the body; placeholders (未知) are null, an
    empty label (its value in the next element) lets later sources answer."""
    for source_name, values in (("label", info), ("body-label", tail)):
        for lv in values:
            if lv.field == name and lv.value:
                methods[name] = f"{source_name}:{lv.label}"
                return lv.value
    if any(lv.field == name and lv.raw.strip() for lv in [*info, *tail]):
        methods[name] = "placeholder"
    return None


def lines_above(page_lines: list[Line], stops: list[int], count: int = _LINES_ABOVE) -> list[list[str]]:
    """The lines right above each stop (the headline, the content block), nearest first, one list per stop."""
    out: list[list[str]] = []
    for stop in sorted({s for s in stops if s >= 0}):
        above = [line.text for line in page_lines if line.index < stop][-count:]
        out.append(above[::-1])
    return out


def head_lines(doc: Document, page_lines: list[Line], block: etree._Element | None) -> list[str]:
    """The first short lines of a block (where an info line sits when the block holds the headline)."""
    if block is None:
        return []
    start = doc.index[block]
    out: list[str] = []
    for line in page_lines:
        if line.index < start or line.index > doc.end[start]:
            continue
        if len(line.text) >= _HEAD_LINE_CHARS or len(out) >= _HEAD_LINES:
            break
        out.append(line.text)
    return out


def hidden_labels(
    doc: Document, page_lines: list[Line], content: etree._Element | None, body_lines: list[str],
    sibling_ranges: list[tuple[int, int]],
) -> list:
    """Labelled values the body left out: in sibling blocks dropped as not prose, in content lines the body dropped
    (widgets, meta bars), and at the body's end (metadata lines, and Chinese editor labels on short lines)."""
    found = [lv for start, _ in sibling_ranges for line in doc.lines(doc.elements[start])
             if len(line.text) <= 160 for lv in find_labelled(line.text)]
    if content is not None:
        start = doc.index[content]
        kept = set(body_lines)
        found += [lv for line in page_lines
                  if start <= line.index <= doc.end[start] and line.text not in kept and len(line.text) <= 80
                  for lv in find_labelled(line.text)]
    for line in body_lines[-_TAIL_LINES:]:
        if len(line) <= 80 and is_metadata_line(line):
            found += find_labelled(line)
        elif len(line) <= 60:
            found += [lv for lv in find_labelled(line) if lv.field == "editor" and not lv.label.isascii()]
    return found


def far_editor_labels(doc: Document, page_lines: list[Line], content: etree._Element | None) -> list:
    """Editor labels on metadata lines below the content, up to the next prose (another post or article)."""
    if content is None:
        return []
    end = doc.end[doc.index[content]]
    found = []
    for line in [line for line in page_lines if line.index > end][:_FAR_LINES]:
        if len(line.text) > _PROSE_CHARS:
            break
        if len(line.text) <= 80 and is_metadata_line(line.text):
            found += [lv for lv in find_labelled(line.text) if lv.field == "editor"]
    return found


def structural_author(
    doc: Document, skip: list[tuple[int, int]], structured: StructuredData, methods: dict[str, str],
    content: etree._Element | None, outlet: str = "",
) -> str | None:
    """The author named by JSON-LD, or by byline markup (itemprop/rel/class author) in the article's container."""
    authors = [a for a in (_BYLINE_PREFIX_RE.sub("", html.unescape(a)).strip() for a in structured.authors) if a]
    if authors:
        value = clean_value(", ".join(authors))
        if value:
            methods["author"] = "json-ld"
            return value
    return markup_author(doc, skip, content, methods, outlet)


def markup_author(
    doc: Document, skip: list[tuple[int, int]], content: etree._Element | None, methods: dict[str, str],
    outlet: str = "",
) -> str | None:
    """The author named by byline markup (a class/itemprop/rel token with author/byline, a <byline> element) in the
    article's container; not an author's bio/avatar box, a comment's author or a login form. ``outlet``: the
    site's name, which a byline may name after its writers."""
    if content is None:
        return None
    scope = content
    for _ in range(3):
        if scope.getparent() is None or scope.getparent().tag in ("body", "html"):
            break
        scope = scope.getparent()
    masked = doc.mask(skip)
    for el in scope.iter():
        if not isinstance(el.tag, str) or masked[doc.index[el]] or not _is_byline_markup(el):
            continue
        value = _markup_name(doc, el, outlet)
        if value:
            methods["author"] = "byline-markup"
            return value
    return None


def _is_byline_markup(el: etree._Element) -> bool:
    """Byline markup that is not part of a form (a comment form's name field, a login box)."""
    tokens = f"{el.get('itemprop', '')} {el.get('rel', '')} {el.get('class', '')}".split()
    if el.tag != "byline" and not any(
        _AUTHOR_MARKUP_RE.search(t) and not _AUTHOR_MARKUP_EXCLUDED_RE.search(t) for t in tokens
    ):
        return False
    if el.find(".//input") is not None:
        return False
    parent = el.getparent()
    if parent is None:
        return True
    grandparent = parent.getparent()
    return parent.find(".//input") is None and (
        grandparent is None or grandparent.find(".//input[@type='password']") is None
    )


def _markup_name(doc: Document, el: etree._Element, outlet: str = "") -> str | None:
    """The name in byline markup: its single name/link child when that is most of it, cut at », |, a date or
    another label; dates and other fields' values are not names."""
    raw = _HANDLE_RE.sub("", doc.text(el))  # 'Luis Ortega@samgreer_btv': a social handle glued to the names
    if not raw or raw.endswith((":", "：")):
        return None
    named = _names_line(doc, el, outlet)
    if named:
        return named  # 'By A and B<br>Staff Writers', a name's block over a title's: the names' line
    names = {doc.text(k) for k in el.iter() if k is not el and isinstance(k.tag, str)
             and (k.tag == "a" or _NAME_CHILD_RE.search(k.get("class") or "") or k.get("itemprop") == "name")}
    names.discard("")
    listed = _linked_names(raw, names)
    if listed:
        return listed  # 'By <a>Tyler Benson</a>, <a>Jenna Ruiz</a>': each name its own link, a comma between
    if len(names) == 1:
        name = names.pop()
        if len(name) >= _NAME_CHILD_SHARE * len(raw):
            raw = name
    if _BYLINE_SEPARATOR_RE.search(raw[2:]):
        raw = _BYLINE_SEPARATOR_RE.split(raw)[0]
    latin = latin_byline(raw, outlet)
    if latin:
        return latin
    raw = _MARKUP_LEAD_RE.sub("", _BYLINE_PREFIX_RE.sub("", raw))
    labelled = find_labelled(raw)
    if labelled:
        if labelled[0].field != "author":
            return None
        raw = labelled[0].value or ""
    credit = _CREDIT_PREFIX_RE.match(raw)
    if credit and not parse_date(raw[credit.end():]):
        raw = raw[credit.end():]  # 'Text & Fotos: Jane Doe'
    raw = _TRAILING_LABEL_RE.sub("", raw)  # 'Jane Doe Stand: 5. Februar 2020'
    raw = _BYLINE_DATE_TAIL_RE.sub("", raw)
    listed = latin_names(raw, outlet)
    if listed and titled(raw[len(listed):]):
        raw = listed  # 'A, B und C, Redakteure': the names without the job title (a long list stays whole)
    value = clean_value(raw)
    names = latin_names(value, outlet) if value else None
    if names and len(names) < len(value) and titled(value[len(names):]):
        value = names  # 'Jane Doe Reporter': the name without its job title
    if not value or len(value) > (_MARKUP_NAME_CHARS * 3 if names == value else _MARKUP_NAME_CHARS):
        return None  # (a list of names closed by 'and' may be long)
    if parse_date(value) or _DATE_LEAD_LINE_RE.match(value) or _NOT_NAME_RE.match(value):
        return None
    return value


def _names_line(doc: Document, el: etree._Element, outlet: str) -> str | None:
    """The names of byline markup set over several lines, read from its first line: 'By' alone on a line joins
    the next, a line opening with 'and' joins the one above ('By A<br>and B'), and a title below is left."""
    lines = [line.text for line in doc.lines(el)]
    while len(lines) > 1 and _LONE_LEAD_RE.match(lines[0]):
        lines[:2] = [f"{lines[0]} {lines[1]}"]  # 'By' on a line of its own, the name on the next
    while len(lines) > 1 and _AND_LEAD_RE.match(lines[1]):
        lines[:2] = [f"{lines[0]} {lines[1]}"]  # 'By A<br>and B': one byline
    first = next((line for line in lines if not line.endswith((":", "："))), "") if len(lines) > 1 else ""
    return latin_byline(first, outlet) or (first if first and latin_names(first, outlet) == first else None)


def _linked_names(raw: str, names: set[str]) -> str | None:
    """A byline made of two to four names, each its own link or name element, and only separators between them
    (commas, 'and', '&'), as shown: what follows a comma is then a person, not an outlet."""
    if not 2 <= len(names) <= _MAX_LINKED_NAMES or not all(latin_names(name) == name for name in names):
        return None
    shown = _MARKUP_LEAD_RE.sub("", _BYLINE_PREFIX_RE.sub("", raw)).strip()
    residue = shown
    for name in sorted(names, key=len, reverse=True):
        residue = residue.replace(name, " ")
    return shown if _NAME_JOINTS_RE.fullmatch(residue) else None


def first_meta(metas: dict[str, str], names: tuple[str, ...], methods: dict[str, str], field_name: str) -> str | None:
    """The first meta value among names (recording the method), or None."""
    for name in names:
        value = clean_value(metas.get(name))
        if value:
            methods[field_name] = f"meta:{name}"
            return value
    return None


def guess_lang(title: str | None, lines: list[str], html_lang: str) -> str | None:
    """Chinese ("zh") when the title or body is mostly Chinese, else the <html lang> primary tag, else None."""
    sample = (title or "") + "".join(lines[:20])
    if not sample:
        return html_lang[:2] or None
    cjk = len(CJK_RE.findall(sample))
    letters = len(re.findall(r"[A-Za-z]", sample))
    if cjk >= max(5, 0.1 * len(sample)) or (cjk and cjk * 3 >= letters):
        return "zh"
    if letters:
        return html_lang[:2] if html_lang and not html_lang.startswith("zh") else "en"
    return html_lang[:2] or None


def find_published(
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
    head: list[str] | None = None,
    above: list[list[str]] | None = None,
    body_lines: list[str] | None = None,
) -> tuple[DateValue | None, bool]:
    """(date, whether it came from a trustworthy place). Visible info line first, enriched by meta times.

    head: the first short lines of the content block; above: the lines above the headline and the content block
    (nearest first); skip: ranges whose <time> elements do not count.
    """
    above = above or []
    candidates = _info_line_dates(doc, root, hints, window, info, head)
    candidates += _time_and_meta_dates(doc, metas, skip)
    candidates += _surrounding_dates(above, url, tail_labels, after, body_lines)
    if not candidates:
        candidates = _any_meta_date(metas)
    if not candidates:
        return None, False
    method, best = _with_time_of_day(candidates)
    methods["published_at"] = method
    # a date seen only below the content proves an article only when the page has a headline element; a bare date
    # line above the headline or among the first lines of the content block (a list entry's date) proves nothing
    return best, not method.startswith(_WEAK_DATE_METHODS) and (trust_after or not method.startswith("after"))


def _info_line_dates(
    doc: Document, root: etree._Element, hints: ExtractionHints, window: list[str], info: list,
    head: list[str] | None,
) -> list[tuple[str, DateValue]]:
    """Date candidates of the headline's info line: the profile's date element, a labelled date, an unlabelled
    date line (else one among the content block's first lines), a date led by 发表于/Posted on."""
    candidates: list[tuple[str, DateValue]] = []
    if hints.date:
        el = select_first(root, hints.date)
        value = parse_date(doc.text(el)) if el is not None else None
        if value:
            candidates.append(("profile", value))
    labelled = [lv for lv in info if lv.field == "date"]
    for lv in labelled:
        value = parse_date(lv.raw)
        if value:
            candidates.append((f"label:{lv.label}", value))
            break
    _first(candidates, "info-line", (unlabelled_date(line) for line in window))
    if not any(method == "info-line" for method, _ in candidates):
        _first(candidates, "head-line", (unlabelled_date(line) for line in head or [] if line not in window))
    _first(candidates, "lead", (lead_date(line) for line in window))
    return candidates


def _time_and_meta_dates(
    doc: Document, metas: dict[str, str], skip: list[tuple[int, int]],
) -> list[tuple[str, DateValue]]:
    """Date candidates of the first <time> element outside skip and the first dated meta tag of DATE_META_NAMES."""
    candidates: list[tuple[str, DateValue]] = []
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
    return candidates


def _surrounding_dates(
    above: list[list[str]], url: str, tail_labels: list, after: list[str], body_lines: list[str] | None,
) -> list[tuple[str, DateValue]]:
    """Date candidates around the article: above the headline (labelled, led, a date line), in the URL, then
    below the text (labelled, led, any short dated line)."""
    above_flat = [line for group in above for line in group]
    candidates: list[tuple[str, DateValue]] = []
    above_labels = [lv for line in above_flat if len(line) <= 120 for lv in find_labelled(line) if lv.field == "date"]
    _first(candidates, "pre-label", ((parse_date(lv.raw), lv.label) for lv in above_labels))
    _first(candidates, "pre-lead", (lead_date(line) for line in above_flat))
    _first(candidates, "pre-line", (date_line(group[0]) for group in above if group))
    url_value = date_from_url(url)
    if url_value:
        candidates.append(("url", url_value))
    for lv in tail_labels:
        value = parse_date(lv.raw) if lv.field == "date" else None
        if value:
            candidates.append((f"after-label:{lv.label}", value))
            break
    led = [line for line in body_lines or [] if len(line) <= 80 and _DATE_LEAD_LINE_RE.match(line)]
    _first(candidates, "after-lead", (lead_date(line) for line in led + after))
    for line in after:
        value = parse_date(line) if len(line) <= 80 else None
        if value:
            candidates.append(("after-line", value))
            break
    return candidates


def _any_meta_date(metas: dict[str, str]) -> list[tuple[str, DateValue]]:
    """The last resort: the date of the first meta tag whose name speaks of a date (and is not excluded)."""
    for name, text in metas.items():
        if _DATE_META_WORDS_RE.search(name) and not _DATE_META_EXCLUDED_RE.search(name):
            value = parse_date(text)
            if value:
                return [(f"meta-any:{name}", value)]
    return []


def _with_time_of_day(candidates: list[tuple[str, DateValue]]) -> tuple[str, DateValue]:
    """The first candidate; a date without a time takes the time of a later candidate of the same day."""
    method, best = candidates[0]
    if not best.has_time:
        for other_method, other in candidates[1:]:
            if other.has_time and other.value.date() == best.value.date():
                best = other
                method = f"{method}+{other_method}"
                break
    return method, best


def _first(candidates: list, method: str, values: Iterable[Any]) -> None:
    """Add the first found value of an iterable of values (or (value, label) pairs) as a candidate."""
    for item in values:
        value, label = item if isinstance(item, tuple) else (item, None)
        if value:
            candidates.append((f"{method}:{label}" if label else method, value))
            return
