"""The article body: score blocks by their prose, pick the main one, strip what is not the article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from urllib.parse import urlsplit

from lxml import etree

from .dates import DATE_RE, parse_date
from .dom import BLOCK_TAGS, CELL_TAGS, CJK_RE, HEADING_TAGS, Document, Line, attr_text
from .fields import LabelledValue, find_labelled, is_metadata_line, is_promo_line, is_widget_line, match_byline
from .labels import (
    BOILERPLATE_CLASS_PATTERN,
    CONTENT_CLASS_PATTERN,
    POINTER_LINE_PATTERN,
)
from .latin_bylines import byline_opening, latin_byline, signature_name
from .lead import repeats_text
from .media import body_attachments, body_images, caption_ranges, is_content_image, is_file_link
from .model import Attachment, Image
from .sanitize import sanitize_html
from .signature import letter_signature, names_a_letter
from .teasers import link_card_ranges, pointer_box_ranges, teaser_card_ranges
from .text_edges import first_kept, headline_span, is_date_line, tail_byline_candidates
from .text_end import after_end_mark, footer_run, is_credit_line

_PUNCT = frozenset("，。！？；：、,.!?;:“”")
_CONTENT_RE = re.compile(CONTENT_CLASS_PATTERN, re.IGNORECASE)
_BOILER_RE = re.compile(BOILERPLATE_CLASS_PATTERN, re.IGNORECASE)
_POINTER_LINE_RE = re.compile(POINTER_LINE_PATTERN, re.IGNORECASE)
_POINTER_LINE_CHARS = 160
_QUOTE_END_RE = re.compile(r"[”\"’」』»]\W{0,2}$")  # a quotation's end: the line below attributes it
_KICKER_CHARS = 20  # a line above a split headline shorter than this is its kicker
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PARAGRAPH_TAGS = frozenset({"p", "li", "dd", "dt", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                             "figcaption", "tr", "caption", "address"})
_MIN_CONTENT_SCORE = 1.5
_ASIDE_FACTOR = 0.5
_BOILER_ONLY = 0.5  # _hint_factor of a boilerplate class without a content one
_MIN_FLAT_SCORE = 10.0  # <body>'s own paragraphs: a few lines of prose, not a stray sentence
_FLAT_ENTRY_DATES = 3  # short lines with a bare date each that make <body>'s paragraphs a list's entries
_FLAT_ENTRY_LINE_CHARS = 40
_FLAT_SHARE = 0.5  # the best block scores under this share of <body>'s own paragraphs: the page is flat
_LABELLED_RE = re.compile(r"[:：]")
_ROW_WEIGHT = 2.0
_BREAK_TAGS = frozenset({"br", "hr"})
_FOOTER_RE = re.compile(r"(^|[\s_-])(footer|foot|copyright)([\s_-]|$|\d)", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_SIGNATURE_LOOK = 4  # the text's last lines read for a letter's signature


@dataclass
class BodyResult:
    """The chosen content element and what was found in and around it."""

    element: etree._Element | None = None
    lines: list[str] = field(default_factory=list)
    html: str = ""
    labelled: list[LabelledValue] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    weak_bylines: list[str] = field(default_factory=list)  # a signature closing the text ('— Jane Doe'), a byline
    letter: bool = False  # the headline names a letter (会长致辞, Message from the President): signature.py
    # opening its first paragraph: the writer when nothing else names one
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    link_density: float = 0.0
    link_count: int = 0
    date_count: int = 0
    head_lines: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # photo captions left out of ``lines`` (the gate reads them)



class ContentScorer:
    """Readability-style scoring of blocks by their prose (punctuation, length), discounted by link text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._cache: tuple[list[Line], dict[int, float]] | None = None
        self._weight_at: list[int] = []
        self._hint_factors: dict[int, float] = {}
        self._weight_sums: list[float] = [0.0]
        self.total_chars = doc.chars
        self.link_chars = doc.link_chars

    def link_density(self, el: etree._Element) -> float:
        """Share of an element's characters inside links."""
        return self.doc.link_density(el)

    def _scores(self, lines: list[Line]) -> dict[int, float]:
        """Raw prose score of each element (cached for the same list of lines)."""
        if self._cache is not None and self._cache[0] is lines:
            return self._cache[1]
        doc = self.doc
        scores: dict[int, float] = {}
        weights: list[tuple[int, float]] = []  # (element index, weight) of each scored line and image
        for line in lines:
            text = line.text
            punct = sum(map(text.count, _PUNCT))
            if (len(text) < 10 and not punct) or (len(text) < 80 and (is_widget_line(text) or is_metadata_line(text))):
                continue
            block = self._block_of(line.index)
            if block is not None and not self._in_footer(line.index):
                # a data-table row is not prose: its dots and commas are numbers and addresses
                weight = _ROW_WEIGHT if line.tag == "tr" else 1 + punct + min(len(text) / 100, 3)
                weight *= self._aside_factor(line.index)
                self._credit(block, weight, scores)
                weights.append((line.index, weight))
        for img in doc.body.iter("img"):
            if is_content_image(img):
                block = self._block_of(doc.index[img])
                if block is not None:
                    self._credit(block, 3.0, scores)
                    weights.append((doc.index[img], 3.0))
        weights.sort()
        self._weight_at = [i for i, _ in weights]
        self._weight_sums = list(accumulate((w for _, w in weights), initial=0.0))
        self._cache = (lines, scores)
        return scores

    def prose_of(self, el: etree._Element, lines: list[Line]) -> float:
        """All the prose inside an element, however deep (not decayed like score_of), discounted by link text."""
        self._scores(lines)
        i = self.doc.index[el]
        lo, hi = bisect_left(self._weight_at, i), bisect_right(self._weight_at, self.doc.end[i])
        return (self._weight_sums[hi] - self._weight_sums[lo]) * (1 - self.link_density(el))

    def best(self, lines: list[Line], after_index: int = -1) -> etree._Element | None:
        """The element with the highest prose score, starting after after_index or containing it."""
        doc = self.doc
        scores = self._scores(lines)
        ranked: list[tuple[float, int]] = []
        for i in scores:
            el = doc.elements[i]
            if el.tag in ("html", "body"):
                continue
            if after_index >= 0 and doc.end[i] < after_index:
                continue
            ranked.append((self.score_of(el, lines), i))
        best_score, best_i = max(ranked, default=(0.0, -1))
        if best_score < _MIN_CONTENT_SCORE:
            return self._flat_body(lines) if after_index < 0 else None
        if after_index < 0 and best_score < _FLAT_SHARE * self.score_of(doc.body, lines):
            flat = self._flat_body(lines)  # most of the prose straight under <body>: one <p> is not the text
            if flat is not None:
                return flat
        best = doc.elements[best_i]
        # a line after a <br> scores the break; the text is its block's
        return best.getparent() if best.tag in _BREAK_TAGS and best.getparent() is not None else best

    def _flat_body(self, lines: list[Line]) -> etree._Element | None:
        """<body> itself when its own paragraphs hold the prose (an old static page: <p>s straight under <body>,
        no block around them), else None; not when short lines carry a bare date each (a list written flat:
        'Title（2021-03-12）', '[2021-03-01]'; a notice's labelled 发布时间：… and 截止：… lines are no entries)."""
        body, doc = self.doc.body, self.doc
        dated = sum(1 for line in lines if len(line.text) <= _FLAT_ENTRY_LINE_CHARS and DATE_RE.search(line.text)
                    and not _LABELLED_RE.search(line.text) and doc.contains(body, line.index))
        if dated >= _FLAT_ENTRY_DATES:
            return None
        return body if self.score_of(body, lines) >= _MIN_FLAT_SCORE else None

    def in_aside(self, index: int) -> bool:
        """Whether an element sits in a block classed as not the text (see _aside_factor)."""
        return self._aside_factor(index) < 1.0

    def _aside_factor(self, index: int) -> float:
        """x0.5 for a line in a block whose class marks it as not the text (an author's bio, a share bar, a meta
        line), within three levels, unless a content class comes first: it counts less toward the blocks around
        it. (Not captions: on a photo news page they are the text.) Read from the cached class hints."""
        doc = self.doc
        el: etree._Element | None = doc.elements[index]
        for _ in range(4):
            if el is None:
                return 1.0
            if el.attrib:
                factor = self._hint_factor(doc.index[el], el)
                if factor == _BOILER_ONLY:
                    return _ASIDE_FACTOR
                if factor != 1.0:
                    return 1.0  # a content class (with or without a boilerplate one)
            el = el.getparent()
        return 1.0

    def _in_footer(self, index: int) -> bool:
        """Whether the element or one of its four nearest ancestors is classed as the page's footer (footer,
        copyright): its lines (an address, a telephone, a licence number) are never the text."""
        el: etree._Element | None = self.doc.elements[index]
        for _ in range(5):
            if el is None:
                return False
            if el.attrib and _FOOTER_RE.search(f"{el.get('class', '')} {el.get('id', '')}"):
                return True
            el = el.getparent()
        return False

    def score_of(self, el: etree._Element, lines: list[Line]) -> float:
        """The prose score of one element (the same measure `best` ranks by)."""
        i = self.doc.index[el]
        raw = self._scores(lines).get(i, 0.0)
        if not raw:
            return 0.0
        return raw * (1 - self.link_density(el)) * self._hint_factor(i, el)

    def content_hinted(self, el: etree._Element) -> bool:
        """Whether the element's class or id says it holds the content (and nothing says boilerplate)."""
        return self._hint_factor(self.doc.index[el], el) > 1.0

    def _hint_factor(self, i: int, el: etree._Element) -> float:
        """x1.3 for a content-like class/id, x0.5 for a boilerplate one (cached per element)."""
        factor = self._hint_factors.get(i)
        if factor is None:
            factor = 1.0
            if el.attrib:
                hints = attr_text(el)
                if _CONTENT_RE.search(hints):
                    factor *= 1.3
                if _BOILER_RE.search(hints):
                    factor *= 0.5
            self._hint_factors[i] = factor
        return factor

    def _block_of(self, index: int) -> etree._Element | None:
        el = self.doc.elements[index]
        while el is not None and el.tag not in BLOCK_TAGS and el.tag not in CELL_TAGS:
            el = el.getparent()
        return el

    def _credit(self, block: etree._Element, weight: float, scores: dict[int, float]) -> None:
        target = block.getparent() if block.tag in _PARAGRAPH_TAGS else block
        if block.tag == "tr":
            target = block.getparent()
            if target is not None and target.tag in ("tbody", "thead"):
                target = target.getparent()
            if target is not None:
                target = target.getparent()
        for share in (1.0, 0.5, 0.25):
            if target is None:
                return
            i = self.doc.index.get(target)
            if i is None:
                return
            scores[i] = scores.get(i, 0.0) + weight * share
            target = target.getparent()


def boilerplate_ranges(doc: Document, content: etree._Element, scorer: ContentScorer) -> list[tuple[int, int]]:
    """Index ranges of widgets, pagers, share bars, hidden and meta blocks inside the content element."""
    ranges: list[tuple[int, int]] = []
    ci = doc.index[content]
    total = max(scorer.total_chars[ci], 1)
    covered_until = -1  # ranges are added in document order: a descendant of a taken block is skipped
    for el in content.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        i = doc.index[el]
        if i <= covered_until:
            continue
        hints = attr_text(el)
        hidden = bool(_HIDDEN_RE.search(el.get("style", ""))) or el.get("hidden") is not None
        small = scorer.total_chars[i] < 0.3 * total
        marked = small and hints.strip() and _BOILER_RE.search(hints) and not _CONTENT_RE.search(hints)
        if hidden or marked or (small and _is_link_stack(doc, el, i)):
            ranges.append((i, doc.end[i]))
            covered_until = doc.end[i]
    return ranges


def _is_link_stack(doc: Document, el: etree._Element, i: int) -> bool:
    """A block of three or more links to other pages with almost no text of its own (a teaser stack)."""
    if doc.chars[i] < 20 or doc.link_chars[i] < 0.8 * doc.chars[i]:
        return False
    targets = {a.get("href") for a in el.iter("a") if a.get("href") and not a.get("href").startswith("#")}
    return len(targets) >= 3


def extract_body(
    doc: Document,
    content: etree._Element | None,
    skip: list[tuple[int, int]],
    scorer: ContentScorer,
    base_url: str,
    title: str | None,
    lead: list[etree._Element] | None = None,
) -> BodyResult:
    """Body lines and HTML of the content element, metadata and bylines moved out of the head and tail; the
    ``lead`` elements (paragraphs between the headline and the content, see lead.py) open it."""
    result = BodyResult(element=content)
    if content is None:
        return result
    ranges = (skip + boilerplate_ranges(doc, content, scorer) + teaser_card_ranges(doc, content, base_url)
              + link_card_ranges(doc, content, base_url) + pointer_box_ranges(doc, content))
    lines = doc.lines(content, skip=ranges)
    keep = [True] * len(lines)
    _drop_edges(doc, lines, keep, result, title)
    for k, line in enumerate(lines):
        if keep[k] and ((len(line.text) < 60 and is_widget_line(line.text)) or _calls_to_act(doc, line)
                        or _points_elsewhere(doc, line, base_url)):
            keep[k] = False
    lead = lead or []
    result.lines, result.captions = _text_and_captions(doc, content, lead, lines, keep)
    drop_elements = _elements_of_lines(doc, content, [ln for k, ln in enumerate(lines) if not keep[k]])
    result.html = "".join(sanitize_html(doc, el, [], set(), base_url) for el in lead) + sanitize_html(
        doc, content, ranges, drop_elements, base_url)
    result.images = body_images(doc, content, ranges, base_url)
    result.attachments = body_attachments(doc, content, skip, base_url)
    _count_signals(doc, content, ranges, result)
    return result


def _drop_edges(doc: Document, lines: list[Line], keep: list[bool], result: BodyResult, title: str | None) -> None:
    """Unmark what is not the text at its edges: the headline and what stands above it, the info lines, bylines and
    widgets at the head and the tail (their values go to ``result``), a summary cut from the first paragraph, the
    site's footer, a press release's end mark and what follows it, and a byline among the last lines."""
    # the headline and info line when the container holds them (a headline split by <br>: its lines together)
    start, end = headline_span(lines, title)
    if end:
        # above a one-line headline everything goes (a kicker, a breadcrumb); above one split into lines, only short
        # labels (a kicker), not a lead or an editor's note set above it
        for j in range(end):
            if j >= start or end - start == 1 or len(lines[j].text) < _KICKER_CHARS:
                keep[j] = False
        result.head_lines = [ln.text for ln in lines[:end]]
    head = end if end else first_kept(keep)  # (below the headline: a lead kept above it is no info line)
    while head is not None and head < len(lines) and _take_edge_line(lines[head], result, at_head=True):
        keep[head] = False
        head += 1
    if head is not None and head < len(lines) and keep[head]:
        opened = byline_opening(lines[head].text)  # 'By Carl Dempsey – The state House voted …'
        if opened:
            result.weak_bylines.append(opened[0])
            lines[head] = Line(opened[1], lines[head].index, lines[head].tag)
    if head is not None and head + 1 < len(lines) and repeats_text(lines[head].text, lines[head + 1].text):
        keep[head] = False  # a summary cut from the paragraph below it
    tail = len(lines) - 1
    while tail >= 0 and keep[tail] and _take_edge_line(lines[tail], result, at_head=False):
        keep[tail] = False
        tail -= 1
    signed = _signature(doc, lines, keep, tail)
    if signed:
        result.weak_bylines.append(signed)
        keep[tail] = False
    kept_lines = [k for k in range(len(lines)) if keep[k]][-_SIGNATURE_LOOK:]
    result.letter = names_a_letter(title)
    letter = letter_signature([lines[k].text for k in kept_lines],  # 会长 张三; Dr Jane Doe / Chair of Council
                              letter=result.letter)
    if letter:
        result.weak_bylines.append(letter[1])
        for k in kept_lines[-letter[0]:]:
            keep[k] = False
    kept = [(k, ln.text) for k, ln in enumerate(lines) if keep[k]]
    for k in footer_run(kept) + after_end_mark(kept):
        keep[k] = False
    for k in tail_byline_candidates(lines, keep):
        byline = match_byline(lines[k].text)  # 本报记者 张三 报道 above a reprint notice: a byline all the same
        if byline:
            result.bylines.append(byline)
            keep[k] = False


def _signature(doc: Document, lines: list[Line], keep: list[bool], tail: int) -> str | None:
    """The name of a signature closing the text ('— Jane Doe'), unless it attributes a quotation above it (a line
    ending in a quotation mark, or set in a blockquote)."""
    if tail < 1 or not keep[tail] or lines[tail].tag == "figcaption":
        return None
    name = signature_name(lines[tail].text)
    above = next((lines[k] for k in range(tail - 1, -1, -1) if keep[k]), None)
    if not name or above is None or _QUOTE_END_RE.search(above.text):
        return None
    el = doc.elements[above.index]
    return None if any(a.tag in ("blockquote", "q") for a in (el, *el.iterancestors())) else name


def _text_and_captions(doc: Document, content: etree._Element, lead: list[etree._Element], lines: list[Line],
                       keep: list[bool]) -> tuple[list[str], list[str]]:
    """The text's lines (the lead's first) and the photo captions left out of them (the HTML keeps those)."""
    captions = set(_photo_captions(doc, content, lines, keep))
    text = [ln.text for el in lead for ln in doc.lines(el)] + [
        ln.text for k, ln in enumerate(lines) if keep[k] and k not in captions]
    return text, [lines[k].text for k in sorted(captions)]


def _photo_captions(doc: Document, content: etree._Element, lines: list[Line], keep: list[bool]) -> list[int]:
    """The kept lines that are photo captions (see media.caption_ranges), which go with the photos, unless the
    captions tell the story (a gallery, photo news: they hold as much of the kept text as the rest) or the text is
    Chinese (图片新闻 and government pages write their captions as the story's sentences; the Chinese sets of the
    corpus show no caption of a photo left out of a text)."""
    ranges = caption_ranges(doc, content)
    if not ranges or _mostly_chinese(lines, keep):
        return []
    found = [k for k, line in enumerate(lines) if keep[k] and any(a <= line.index <= b for a, b in ranges)]
    told = sum(len(lines[k].text) for k in found)
    rest = sum(len(line.text) for k, line in enumerate(lines) if keep[k]) - told
    return [] if told >= rest else found


def _mostly_chinese(lines: list[Line], keep: list[bool]) -> bool:
    text = "".join(line.text for k, line in enumerate(lines) if keep[k])
    return len(CJK_RE.findall(text)) * 2 >= len(text) > 0


def _count_signals(doc: Document, content: etree._Element, ranges: list[tuple[int, int]], result: BodyResult) -> None:
    """The link density, link count and date lines of the body, over the kept part only: a listing or widget
    block skipped inside the content says nothing."""
    ci = doc.index[content]
    skipped = doc.mask(ranges)
    outer = [(a, b) for a, b in _outermost(ranges) if ci < a <= doc.end[ci]]
    kept_chars = doc.chars[ci] - sum(doc.chars[a] for a, _ in outer)
    kept_links = doc.link_chars[ci] - sum(doc.link_chars[a] for a, _ in outer)
    result.link_density = kept_links / kept_chars if kept_chars > 0 else 0.0
    result.link_count = sum(1 for a in content.iter("a") if a.get("href") and not skipped[doc.index[a]])
    result.date_count = sum(1 for line in result.lines
                            if len(line) < 120 and _DIGIT_RE.search(line) and parse_date(line) is not None)


def _outermost(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges not inside another one (so that nothing is counted twice)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if out and start <= out[-1][1]:
            continue
        out.append((start, end))
    return out


def _take_edge_line(line: Line, result: BodyResult, at_head: bool) -> bool:
    """Whether a line at the head or tail of the body is metadata, a byline or a widget (its values are kept). A
    photo's caption names its photographer, not the writer ('By Greg Holm' under a picture)."""
    text = line.text
    if is_metadata_line(text) or (at_head and is_date_line(text)):
        result.labelled.extend(find_labelled(text))
        if at_head:
            result.head_lines.append(text)
        return True
    byline = match_byline(text) or _edge_latin_byline(line)
    if byline:
        result.bylines.append(byline)
        return True
    return (is_widget_line(text) and len(text) < (60 if at_head else 80)) or (not at_head and is_credit_line(text))


def _edge_latin_byline(line: Line) -> str | None:
    """A Latin byline line at the text's edge naming a person of two words or more; never a photo's caption ('By
    Greg Holm' under a picture names its photographer) or a heading ('By Air' over a travel guide's section)."""
    if line.tag == "figcaption" or line.tag in HEADING_TAGS:
        return None
    name = latin_byline(line.text)
    return name if name and len(name.split()) >= 2 else None


def _calls_to_act(doc: Document, line: Line) -> bool:
    """A call to sign up or join (fields.is_promo_line) with its link or button in it or in the small box around
    it: a promotion, not a sentence of the story that reports such a call."""
    if not is_promo_line(line.text):
        return False
    el = doc.elements[line.index]
    parent = el.getparent()
    boxes = [el] + ([parent] if parent is not None and doc.chars[doc.index[parent]] <= 3 * len(line.text) else [])
    return any(box.find(f".//{tag}") is not None for box in boxes for tag in ("a", "button", "input"))


def _points_elsewhere(doc: Document, line: Line, base_url: str) -> bool:
    """A line of its own that points at another story of the site: a label ('Related:', 'See also:', '相关阅读：')
    and a relative link to a page, its headline most of the line."""
    if len(line.text) > _POINTER_LINE_CHARS or not _POINTER_LINE_RE.match(line.text):
        return False
    block = doc.elements[line.index]  # (the line may open inside its label's <strong>)
    while block.tag not in BLOCK_TAGS and block.getparent() is not None:
        block = block.getparent()
    i = doc.index[block]
    links = list(block.iter("a"))
    # a story of the same site (a file, another site's page: what the text refers the reader to stays)
    host = urlsplit(base_url).netloc.lower()
    own = bool(links) and all(not is_file_link(a) and urlsplit(a.get("href") or "").netloc.lower() in ("", host)
                               for a in links)
    return own and doc.link_chars[i] >= 0.6 * max(doc.chars[i], 1) and doc.chars[i] <= len(line.text) + 10


def _elements_of_lines(doc: Document, content: etree._Element, lines: list[Line]) -> set[int]:
    """Indexes of the block elements that hold exactly the dropped lines (to drop them from the HTML too)."""
    out: set[int] = set()
    for line in lines:
        el = doc.elements[line.index]
        while el is not None and el is not content:
            if el.tag in BLOCK_TAGS and doc.text(el) == line.text:
                out.add(doc.index[el])
                break
            el = el.getparent()
    return out


