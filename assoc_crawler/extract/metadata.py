"""Page metadata: meta tags, links, labelled fields (source, author, editor), the date, the category, the language."""

from __future__ import annotations

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
    DATE_LEAD_PATTERN,
    DATE_META_EXCLUDED_WORDS,
    DATE_META_NAMES,
    DATE_META_WORDS,
)
from .model import ExtractionHints
from .urls import names_a_parent, normalize_url

_DATE_META_WORDS_RE = re.compile(DATE_META_WORDS)
_DATE_LEAD_LINE_RE = re.compile(DATE_LEAD_PATTERN, re.IGNORECASE)
_DATE_META_EXCLUDED_RE = re.compile(DATE_META_EXCLUDED_WORDS)
_WEAK_DATE_METHODS = ("head-line", "pre-line")
_LINES_ABOVE = 3
_HEAD_LINES = 8
_HEAD_LINE_CHARS = 60
_TAIL_LINES = 15
_FAR_LINES = 80
_CREDIT_CHARS = 200  # a table's credit line
_PROSE_CHARS = 100


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


def table_credits(doc: Document, content: etree._Element | None) -> list[str]:
    """The short lines right after a table (or a figure of one) in the content: a table's credit ('Source: National
    Weather Service', 数据来源：国家统计局) names where its figures came from, not the article's source."""
    if content is None:
        return []
    credits = []
    for table in content.iter("table"):
        holder = table
        while holder.getnext() is None and holder.getparent() is not None and holder is not content:
            holder = holder.getparent()  # (a table wrapped in a figure or a div: the credit follows the wrapper)
        if holder is content:
            continue  # (a table that ends the text: what follows the text is the page's, not the table's)
        after = holder.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        text = doc.text(after) if after is not None and after in doc.index else ""
        if 0 < len(text) <= _CREDIT_CHARS:
            credits.append(text)
    return credits


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
