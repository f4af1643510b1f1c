"""Extraction benchmark: our extractor against trafilatura and GNE on corpora with truth JSON.

Usage: python bench/extraction.py CORPUS_DIR [CORPUS_DIR ...] [--out bench/results] [--only SET] [--no-peers]
                                  [--repeat N] [--details FILE] [--half tune|check|all]

A CORPUS_DIR is either a corpus root holding sets (``<set>/pages/<id>.html`` + ``<set>/truth/<id>.json``) or one
set directory; the truth format is described in the corpus README. Scores follow the maintainers' rules: body =
character-bigram F1 with whitespace removed; fields = exact match after trimming (``alt`` values count as right);
published_at on the date part and, separately, on the time where truth has one; non-articles must not be called
articles. An extractor that raises on a page counts as an empty result and the page is listed as an error.

Tune half and check half: every page belongs to one half by a fixed rule on its set name and id (``half_of``: the
first 8 hex digits of sha1("<set>/<id>"), even -> tune, odd -> check), so that rules can be tuned on one half and
checked on the other. Every figure is also given per half: groups "<set>/tune", "<set>/check", "overall/tune" and
"overall/check" beside "<set>" and "overall" (speed: per half in the JSON). ``--half tune`` (or check) runs on that
half's pages only, e.g. to look at tune-half details alone with ``--details``.

"ours-archive" is a view of our results, not a run: what the crawler archives. A page ours does not call an article
(page_type 'list' or 'other', or no page type after a crash) is never archived, so the view has no body, no fields
and no listings for it: a true article dropped that way scores body F1 0, finds no body_with snippet and has every
field None (right only where truth is null). Its body mean is the body F1 over all true articles with the dropped
ones as 0. It has no timing of its own and is left out of the speed figures.

The results hold numbers and short field values only (at most 200 characters): never copies of page text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from assoc_crawler.extract import EXTRACTOR_VERSION, decode_html, extract_page
from assoc_crawler.extract.dom import parse_html

FIELDS = ("title", "published_at", "source", "author", "editor")
LISTING_KINDS = ("recommended", "hot", "related", "other")
TARGET_KINDS = ("recommended", "hot", "related")
EXTRACTORS = ("ours", "trafilatura", "gne")
ARCHIVE = "ours-archive"  # derived view of ours: what the crawler archives (see the module docstring)
CLASSIFIERS = ("ours", ARCHIVE)  # extractors whose page_type is scored
HALVES = ("tune", "check")
HALF_RULE = 'sha1("<set>/<id>"): first 8 hex digits as an integer, even -> tune, odd -> check'
MAX_VALUE_CHARS = 200
BODY_GOOD = 0.8
DEFAULT_OUT = Path(__file__).resolve().parent / "results"

# ---------------------------------------------------------------------------------------------------------------
# Data


@dataclass
class Page:
    """One corpus page: raw bytes, its truth and the URL to pass to extractors."""

    set: str
    id: str
    url: str
    body: bytes
    truth: dict[str, Any]
    text: str | None = None  # decoded by our decode_html, for extractors that need text (set before timing)
    half: str = field(init=False, default="")  # "tune" or "check", from set and id (half_of)

    def __post_init__(self) -> None:
        self.half = half_of(self.set, self.id)


@dataclass
class Block:
    """The parts of a listing block that scoring needs."""

    heading: str
    kind: str
    count: int
    first_title: str
    first_href: str


@dataclass
class Extracted:
    """What one extractor returned for one page, in a shape common to all extractors."""

    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: str = ""
    page_type: str | None = None  # None: the extractor does not classify pages (or raised)
    listings: list[Block] = field(default_factory=list)
    error: str | None = None


@dataclass
class Run:
    """The outcome of running one extractor over all pages."""

    name: str
    results: list[Extracted]
    seconds: list[float]  # total extract-call time of each timing pass
    half_seconds: dict[str, list[float]] = field(default_factory=dict)  # the same, per half

    @property
    def best_seconds(self) -> float:
        return min(self.seconds) if self.seconds else 0.0


Extractor = Callable[[Page], Extracted]


def half_of(set_name: str, page_id: str) -> str:
    """The half a page belongs to, "tune" or "check": a fixed rule on set name and page id (HALF_RULE)."""
    h = hashlib.sha1(f"{set_name}/{page_id}".encode()).hexdigest()
    return "tune" if int(h[:8], 16) % 2 == 0 else "check"


def halves_for(option: str) -> tuple[str, ...]:
    """The halves a run covers for the --half option ("all": both)."""
    return HALVES if option == "all" else (option,)


# ---------------------------------------------------------------------------------------------------------------
# Corpus loading


def is_set_dir(path: Path) -> bool:
    """A set directory holds pages/ and truth/."""
    return (path / "pages").is_dir() and (path / "truth").is_dir()


def find_sets(roots: Iterable[Path]) -> list[tuple[str, Path]]:
    """(set name, directory) for every set under the given corpus roots or set directories; names made unique."""
    found: list[tuple[str, Path]] = []
    for root in roots:
        dirs = [root] if is_set_dir(root) else sorted(p for p in root.iterdir() if p.is_dir() and is_set_dir(p))
        found.extend((d.resolve().name, d) for d in dirs)
    names: Counter[str] = Counter()
    unique: list[tuple[str, Path]] = []
    for name, path in found:
        names[name] += 1
        unique.append((name if names[name] == 1 else f"{name}#{names[name]}", path))
    return unique


def load_set(name: str, directory: Path) -> tuple[list[Page], list[str]]:
    """The pages of one set, and the reasons for pages skipped (unreadable truth, missing page file)."""
    pages: list[Page] = []
    skipped: list[str] = []
    for truth_path in sorted((directory / "truth").glob("*.json")):
        page_id = truth_path.stem
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            if not isinstance(truth, dict):
                raise ValueError("truth is not an object")
            page_path = directory / str(truth.get("page") or f"pages/{page_id}.html")
            body = page_path.read_bytes()
        except (OSError, ValueError) as exc:
            skipped.append(f"{name}/{page_id}: {type(exc).__name__}")
            continue
        url = truth.get("url") or f"http://bench.invalid/{name}/{page_id}.html"
        pages.append(Page(set=name, id=page_id, url=str(url), body=body, truth=truth))
    return pages, skipped


def load_corpus(
    roots: list[Path], only: set[str] | None, half: str = "all",
) -> tuple[list[Page], dict[str, dict[str, Any]]]:
    """All pages of the selected sets (of one half unless `half` is "all"), plus per-set info (path, page count,
    skipped pages)."""
    pages: list[Page] = []
    info: dict[str, dict[str, Any]] = {}
    for name, directory in find_sets(roots):
        if only and name not in only:
            continue
        set_pages, skipped = load_set(name, directory)
        set_pages = [p for p in set_pages if p.half in halves_for(half)]
        pages.extend(set_pages)
        info[name] = {"path": str(directory), "pages": len(set_pages), "skipped": skipped}
    return pages, info


# ---------------------------------------------------------------------------------------------------------------
# Extractors (adapters to the common Extracted shape)


def _text(value: Any) -> str | None:
    """A field value as a string, or None."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def run_ours(page: Page) -> Extracted:
    """assoc_crawler's extract_page on the raw bytes, without headers."""
    got = extract_page(page.body, page.url)
    blocks = [
        Block(
            heading=b.heading or "",
            kind=b.kind,
            count=len(b.items),
            first_title=b.items[0].title if b.items else "",
            first_href=b.items[0].target_url if b.items else "",
        )
        for b in got.listings
    ]
    return Extracted(
        title=got.title, published_at=got.published_at, source=got.source, author=got.author, editor=got.editor,
        body=got.body_text or "", page_type=got.page_type, listings=blocks,
    )


def make_trafilatura() -> Extractor:
    """trafilatura.extract on the raw bytes (it decodes them itself), JSON output with metadata."""
    import trafilatura

    def run(page: Page) -> Extracted:
        raw = trafilatura.extract(
            page.body, url=page.url, output_format="json", with_metadata=True,
            include_comments=False, include_tables=True,
        )
        if not raw:
            return Extracted()
        data = json.loads(raw)
        return Extracted(
            title=_text(data.get("title")), published_at=_text(data.get("date")),
            author=_text(data.get("author")), body=data.get("text") or "",
        )

    return run


def make_gne() -> Extractor:
    """GNE on the text our decode_html gives (GNE needs text; every extractor then sees the same characters)."""
    from gne import GeneralNewsExtractor

    def run(page: Page) -> Extracted:
        text = page.text if page.text is not None else decode_html(page.body)[0]
        data = GeneralNewsExtractor().extract(text, with_body_html=False)
        return Extracted(
            title=_text(data.get("title")), published_at=_text(data.get("publish_time")),
            author=_text(data.get("author")), body=data.get("content") or "",
        )

    return run


def make_extractors(no_peers: bool) -> tuple[dict[str, Extractor], dict[str, str]]:
    """The extractors to run, and the status of each ('ok' or why it is not run)."""
    extractors: dict[str, Extractor] = {"ours": run_ours}
    status = {"ours": "ok"}
    factories = {"trafilatura": make_trafilatura, "gne": make_gne}
    for name, factory in factories.items():
        if no_peers:
            status[name] = "not run (--no-peers)"
            continue
        try:
            extractors[name] = factory()
            status[name] = "ok"
        except ImportError as exc:
            status[name] = f"not installed ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    return extractors, status


def decode_pages(pages: list[Page]) -> None:
    """Decode every page with our decode_html before timing, so that GNE's timed calls cover extraction only."""
    for page in pages:
        try:
            page.text = decode_html(page.body)[0]
        except Exception:  # the GNE call then decodes (and fails) by itself, and is counted as an error
            page.text = None


# ---------------------------------------------------------------------------------------------------------------
# Running


def call_safely(extractor: Extractor, page: Page) -> tuple[Extracted, float]:
    """One extract call, timed; an exception gives an empty result carrying the exception type."""
    start = time.perf_counter()
    try:
        result = extractor(page)
    except Exception as exc:  # the benchmark must never fail on a page
        elapsed = time.perf_counter() - start
        return Extracted(error=f"{type(exc).__name__}: {str(exc)[:MAX_VALUE_CHARS]}"), elapsed
    return result, time.perf_counter() - start


def run_extractor(name: str, extractor: Extractor, pages: list[Page], repeat: int = 1) -> Run:
    """Run an extractor over all pages `repeat` times; keep the first pass's results and every pass's time (in all
    and per half)."""
    results: list[Extracted] = []
    seconds: list[float] = []
    half_seconds: dict[str, list[float]] = {half: [] for half in HALVES if any(p.half == half for p in pages)}
    for attempt in range(max(1, repeat)):
        totals = dict.fromkeys(half_seconds, 0.0)
        for page in pages:
            result, elapsed = call_safely(extractor, page)
            totals[page.half] += elapsed
            if attempt == 0:
                results.append(result)
        seconds.append(sum(totals.values()))
        for half, total in totals.items():
            half_seconds[half].append(total)
    return Run(name=name, results=results, seconds=seconds, half_seconds=half_seconds)


def archived(result: Extracted) -> Extracted:
    """What the crawler archives of one of our results: all of it when ours calls the page an article, else nothing
    (no body, fields or listings; the page type and any error stay)."""
    if result.page_type == "article":
        return result
    return Extracted(page_type=result.page_type, error=result.error)


def archive_view(ours: Run) -> Run:
    """The ours-archive view of our run: no extraction is run again, and it has no timing of its own."""
    return Run(name=ARCHIVE, results=[archived(r) for r in ours.results], seconds=[])


# ---------------------------------------------------------------------------------------------------------------
# Scoring: pure functions of (what an extractor gave, truth)

_WS_RE = re.compile(r"\s+")
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_PARTIAL_DATE_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?)?\s*$")


def bigrams(text: str) -> Counter[str]:
    """The multiset of character bigrams of a text with all whitespace removed."""
    squashed = _WS_RE.sub("", text or "")
    return Counter(squashed[i:i + 2] for i in range(len(squashed) - 1))


def bigram_scores(got: str, want: str) -> tuple[float, float, float]:
    """Character-bigram (precision, recall, F1), multisets, after removing whitespace. 1 - precision is the share
    of the extracted text that is not the article: leakage of navigation, sidebars, comments, footers."""
    g, w = bigrams(got), bigrams(want)
    if not g or not w:
        same = 1.0 if _WS_RE.sub("", got or "") == _WS_RE.sub("", want or "") else 0.0
        return (same if g else 1.0), (same if w else 1.0), same
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(w.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def bigram_f1(got: str, want: str) -> float:
    """Character-bigram F1 (multiset precision/recall) after removing whitespace."""
    return bigram_scores(got, want)[2]


def collapse(text: str | None) -> str:
    """Whitespace runs to one space, trimmed."""
    return _WS_RE.sub(" ", text or "").strip()


def snippet_counts(body: str, with_: list[str], without: list[str]) -> tuple[int, int]:
    """(body_with snippets found, body_without snippets absent) in a body, comparing collapsed whitespace."""
    text = collapse(body)
    found = sum(1 for s in with_ if collapse(s) in text)
    absent = sum(1 for s in without if collapse(s) not in text)
    return found, absent


def blank(value: str | None) -> bool:
    """No value: None or only whitespace."""
    return value is None or not str(value).strip()


def text_matches(got: str | None, want: str | None) -> bool:
    """Exact match after trimming; a null truth is matched by no value."""
    if blank(want):
        return blank(got)
    return not blank(got) and str(got).strip() == str(want).strip()


def normalise_datetime(value: str | None) -> str | None:
    """'YYYY-MM-DD[THH:MM[:SS]]' from a date string in common forms (time zone dropped); 'YYYY[-MM]' for partial
    dates; the trimmed input when it is not a date; None when blank."""
    if blank(value):
        return None
    text = str(value).strip()
    m = _DATE_RE.search(text)
    if m:
        year, month, day, hour, minute, second = m.groups()
        out = f"{year}-{int(month):02d}-{int(day):02d}"
        if hour is not None:
            out += f"T{int(hour):02d}:{int(minute):02d}"
            if second is not None:
                out += f":{int(second):02d}"
        return out
    m = _PARTIAL_DATE_RE.match(text)
    if m:
        return m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return text


def has_time(value: str | None) -> bool:
    """Whether a (normalised) date value carries a time."""
    norm = normalise_datetime(value)
    return bool(norm) and len(norm) > 10 and norm[10] == "T"


def date_matches(got: str | None, want: str | None) -> tuple[bool, bool | None]:
    """(date part right, time right or None when `want` has no time) for one truth value.

    A null `want` is matched by no value. A partial `want` ('YYYY-MM', a date known to the month) is matched by any
    date within it. Time: HH:MM must agree, and :SS too when `want` has seconds.
    """
    g, w = normalise_datetime(got), normalise_datetime(want)
    if w is None:
        return g is None, None
    if g is None:
        return False, (False if has_time(want) else None)
    date_ok = g[:10] == w[:10] if len(w) >= 10 else g[:10].startswith(w) and len(g) >= 10
    if not has_time(want):
        return date_ok, None
    seconds = len(w) >= 19
    time_ok = date_ok and len(g) >= (19 if seconds else 16) and g[11:16] == w[11:16]
    if seconds:
        time_ok = time_ok and g[17:19] == w[17:19]
    return date_ok, time_ok


def clip(value: Any) -> Any:
    """A field value short enough for the results (at most MAX_VALUE_CHARS characters)."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS - 1] + "…"
    return value


def alternatives(truth: dict[str, Any], name: str) -> list[str]:
    """The alternative values truth accepts for a field (`alt[field]` when it is a list)."""
    alt = truth.get("alt") or {}
    values = alt.get(name) if isinstance(alt, dict) else None
    if isinstance(values, str):
        return [values]
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def score_field(name: str, got: str | None, truth: dict[str, Any]) -> dict[str, Any]:
    """Right/wrong for one labelled field, whether it is a false value (a value where truth is null)."""
    want = truth.get(name)
    candidates = [want, *alternatives(truth, name)]
    if name == "published_at":
        right = any(date_matches(got, c)[0] for c in candidates)
    else:
        right = any(text_matches(got, c) for c in candidates)
    return {
        "right": right, "got": clip(got), "want": clip(want),
        "null": blank(want), "false_value": blank(want) and not blank(got) and not right,
    }


def score_time(got: str | None, truth: dict[str, Any]) -> dict[str, Any] | None:
    """Date+time right, on pages whose truth published_at has a time (None elsewhere)."""
    want = truth.get("published_at")
    if not has_time(want):
        return None
    candidates = [want, *(a for a in alternatives(truth, "published_at") if has_time(a))]
    right = any(all(date_matches(got, c)) for c in candidates)
    return {"right": right, "got": clip(got), "want": clip(want)}


def _squash(text: str | None) -> str:
    return _WS_RE.sub("", text or "")


def _href_key(href: str | None) -> str:
    """A URL compared loosely: no fragment, no scheme, no trailing slash."""
    href = (href or "").strip().split("#", 1)[0]
    return re.sub(r"^[a-z]+://", "", href, flags=re.IGNORECASE).rstrip("/")


def first_item_matches(block: Block, first: dict[str, Any]) -> bool:
    """Our block's first item has the truth block's first title or href."""
    title, href = _squash(first.get("title")), _href_key(first.get("href"))
    return bool(title and title == _squash(block.first_title)) or bool(href and href == _href_key(block.first_href))


def match_blocks(truth_blocks: list[dict[str, Any]], ours: list[Block]) -> list[int | None]:
    """For each truth block, the index of our matching block (each used once): same heading and first item, then
    same heading, then same first item."""
    matched: list[int | None] = [None] * len(truth_blocks)
    used: set[int] = set()

    def same_heading(t: dict[str, Any], b: Block) -> bool:
        return bool(_squash(t.get("heading"))) and _squash(t.get("heading")) == _squash(b.heading)

    tests: list[Callable[[dict[str, Any], Block], bool]] = [
        lambda t, b: same_heading(t, b) and first_item_matches(b, t.get("first") or {}),
        same_heading,
        lambda t, b: first_item_matches(b, t.get("first") or {}),
    ]
    for test in tests:
        for i, t in enumerate(truth_blocks):
            if matched[i] is not None:
                continue
            j = next((j for j, b in enumerate(ours) if j not in used and test(t, b)), None)
            if j is not None:
                matched[i] = j
                used.add(j)
    return matched


def score_listings(ours: list[Block], truth_blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """Per truth block: found, kind right, item count right; plus our blocks that matched no truth block."""
    matched = match_blocks(truth_blocks, ours)
    blocks = []
    for t, j in zip(truth_blocks, matched, strict=True):
        got = ours[j] if j is not None else None
        blocks.append({
            "heading": clip(t.get("heading")), "kind": t.get("kind"), "found": got is not None,
            "got_heading": clip(got.heading) if got else None, "got_kind": got.kind if got else None,
            "kind_right": got is not None and got.kind == t.get("kind"),
            "count_right": got is not None and got.count == t.get("count"),
        })
    return {"blocks": blocks, "extra": len(ours) - sum(1 for j in matched if j is not None), "ours": len(ours)}


def score_page(page: Page, got: Extracted, classifies: bool) -> dict[str, Any]:
    """Every score for one page and one extractor (classifies: whether the extractor's page_type is scored)."""
    truth = page.truth
    article = truth.get("page_type", "article") == "article"
    out: dict[str, Any] = {"id": page.id, "set": page.set, "half": page.half, "article": article, "error": got.error}
    if article and isinstance(truth.get("body"), str):
        precision, recall, f1 = bigram_scores(got.body, truth["body"])
        out["body_f1"] = round(f1, 4)
        out["body_precision"], out["body_recall"] = round(precision, 4), round(recall, 4)
    with_, without = truth.get("body_with") or [], truth.get("body_without") or []
    if article and (with_ or without):
        found, absent = snippet_counts(got.body, with_, without)
        out["snippets"] = {"with_found": found, "with_n": len(with_), "without_absent": absent,
                           "without_n": len(without)}
    out["fields"] = {name: score_field(name, getattr(got, name), truth) for name in FIELDS if name in truth}
    date_time = score_time(got.published_at, truth) if "published_at" in truth else None
    if date_time is not None:
        out["date_time"] = date_time
    if classifies:
        said_article = got.page_type == "article" if got.error is None else None
        out["page_type"] = {"got": got.page_type, "want": truth.get("page_type", "article")}
        if not article:  # an extractor that raised said nothing: not credited with "not an article"
            out["page_type"]["right"] = said_article is False
        else:
            out["page_type"]["article_kept"] = bool(said_article)
    if classifies and isinstance(truth.get("listings"), list):
        out["listings"] = score_listings(got.listings, [b for b in truth["listings"] if isinstance(b, dict)])
    return out


# ---------------------------------------------------------------------------------------------------------------
# Aggregation


def ratio(right: int, n: int) -> float | None:
    return round(right / n, 4) if n else None


def aggregate(scores: list[dict[str, Any]], classifies: bool) -> dict[str, Any]:
    """Pool per-page scores of one extractor into the report's numbers."""
    f1s = [s["body_f1"] for s in scores if "body_f1" in s]
    body = {"n": len(f1s), "mean": round(statistics.fmean(f1s), 4) if f1s else None,
            "median": round(statistics.median(f1s), 4) if f1s else None,
            "below_0.8": sum(1 for f in f1s if f < BODY_GOOD)}
    precisions = [s["body_precision"] for s in scores if "body_precision" in s]
    recalls = [s["body_recall"] for s in scores if "body_recall" in s]
    body["precision"] = round(statistics.fmean(precisions), 4) if precisions else None
    body["recall"] = round(statistics.fmean(recalls), 4) if recalls else None
    snips = [s["snippets"] for s in scores if "snippets" in s]
    snippets = {
        "n": len(snips),
        "with": ratio(sum(x["with_found"] for x in snips), sum(x["with_n"] for x in snips)),
        "without": ratio(sum(x["without_absent"] for x in snips), sum(x["without_n"] for x in snips)),
        "with_n": sum(x["with_n"] for x in snips), "without_n": sum(x["without_n"] for x in snips),
    }
    fields: dict[str, Any] = {}
    for name in FIELDS:
        rows = [s["fields"][name] for s in scores if name in s["fields"]]
        right = sum(1 for r in rows if r["right"])
        fields[name] = {"accuracy": ratio(right, len(rows)), "right": right, "n": len(rows),
                        "false_values": sum(1 for r in rows if r["false_value"]),
                        "null_n": sum(1 for r in rows if r["null"])}
    times = [s["date_time"] for s in scores if "date_time" in s]
    t_right = sum(1 for t in times if t["right"])
    out: dict[str, Any] = {
        "pages": len(scores), "errors": sum(1 for s in scores if s["error"]), "body": body, "snippets": snippets,
        "fields": fields, "date_time": {"accuracy": ratio(t_right, len(times)), "right": t_right, "n": len(times)},
    }
    if classifies:
        non = [s["page_type"]["right"] for s in scores if "page_type" in s and "right" in s["page_type"]]
        kept = [s["page_type"]["article_kept"] for s in scores if "page_type" in s and "article_kept" in s["page_type"]]
        out["page_type"] = {"accuracy": ratio(sum(non), len(non)), "right": sum(non), "n": len(non),
                            "articles_kept": ratio(sum(kept), len(kept)), "articles_n": len(kept)}
    else:
        out["page_type"] = None
    return out


def aggregate_listings(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Listing-block numbers (ours): by kind found / kind right / count right; target-kind and overall accuracy."""
    blocks = [b for s in scores for b in (s.get("listings") or {}).get("blocks", [])]
    by_kind: dict[str, dict[str, int]] = {}
    for kind in LISTING_KINDS:
        rows = [b for b in blocks if b["kind"] == kind]
        by_kind[kind] = {"n": len(rows), "found": sum(b["found"] for b in rows),
                         "kind_right": sum(b["kind_right"] for b in rows),
                         "count_right": sum(b["count_right"] for b in rows)}
    target = [b for b in blocks if b["kind"] in TARGET_KINDS]
    labelled = [s["listings"] for s in scores if s.get("listings") is not None]
    return {
        "pages": len(labelled), "blocks": len(blocks), "by_kind": by_kind,
        "target_kind_accuracy": ratio(sum(b["kind_right"] for b in target), len(target)), "target_n": len(target),
        "all_kind_accuracy": ratio(sum(b["kind_right"] for b in blocks), len(blocks)),
        "found": ratio(sum(b["found"] for b in blocks), len(blocks)),
        "ours_blocks": sum(x["ours"] for x in labelled), "extra_blocks": sum(x["extra"] for x in labelled),
    }


def group_by_set(scores: list[dict[str, Any]], sets: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Scores per set, plus 'overall' with all pages pooled."""
    groups = {name: [s for s in scores if s["set"] == name] for name in sets}
    groups["overall"] = list(scores)
    return groups


def half_group(group: str, half: str) -> str:
    """The name of one half of a group: "<set>/tune", "overall/check"."""
    return f"{group}/{half}"


def is_half_group(group: str) -> bool:
    """Whether a group name is one half of a set or of overall (set names are directory names: no '/')."""
    return "/" in group and group.rsplit("/", 1)[1] in HALVES


def group_scores(
    scores: list[dict[str, Any]], sets: list[str], halves: tuple[str, ...] = HALVES,
) -> dict[str, list[dict[str, Any]]]:
    """Scores per set and 'overall' (group_by_set), then per half of each: "<set>/<half>", "overall/<half>"."""
    plain = group_by_set(scores, sets)
    halved = {half_group(g, half): [s for s in rows if s["half"] == half]
              for g, rows in plain.items() for half in halves}
    return {**plain, **halved}


def parse_floor(page: Page) -> Extracted:
    """The reference every extractor pays at least: decode the bytes and build one lxml tree, nothing else."""
    parse_html(decode_html(page.body)[0])
    return Extracted()


def timing(n_pages: int, passes: list[float]) -> dict[str, Any]:
    """Pages, best pass, every pass and pages per second (best pass) of some timed pages."""
    best = min(passes) if passes else 0.0
    return {"pages": n_pages, "best_seconds": round(best, 4), "passes": [round(s, 4) for s in passes],
            "pages_per_second": round(n_pages / best, 2) if best > 0 else None}


def speed(
    runs: dict[str, Run], n_pages: int, floor: Run | None = None, half_pages: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Pages per second of each extractor (best timing pass; also per half, each half's best pass, given the page
    count of each half in `half_pages`) and ours/trafilatura; with `floor`, the decode+parse reference and the
    milliseconds per page that 10x trafilatura's speed would leave."""
    half_pages = half_pages or {}
    out: dict[str, Any] = {}
    for name, run in [*runs.items(), *([("parse_floor", floor)] if floor else [])]:
        out[name] = timing(n_pages, run.seconds)
        out[name]["halves"] = {half: timing(half_pages.get(half, 0), passes)
                               for half, passes in run.half_seconds.items()}
    ours, traf = out.get("ours", {}).get("pages_per_second"), out.get("trafilatura", {}).get("pages_per_second")
    out["ours_over_trafilatura"] = round(ours / traf, 2) if ours and traf else None
    if floor and traf and out["parse_floor"]["pages_per_second"]:
        out["ms_per_page_at_10x_trafilatura"] = round(1000 / (10 * traf), 2)
        out["ms_per_page_parse_floor"] = round(1000 / out["parse_floor"]["pages_per_second"], 2)
    return out


def errors(runs: dict[str, Run], pages: list[Page]) -> list[dict[str, str]]:
    """Every page on which an extractor raised, with the exception."""
    return [
        {"extractor": name, "set": page.set, "id": page.id, "error": result.error}
        for name, run in runs.items()
        for page, result in zip(pages, run.results, strict=True)
        if result.error
    ]


# ---------------------------------------------------------------------------------------------------------------
# Report


def environment(
    roots: list[Path], info: dict[str, dict[str, Any]], status: dict[str, str], repeat: int, half: str = "all",
) -> dict:
    """When, where and with what versions the benchmark ran, and on which half of the pages."""

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    try:
        repo = Path(__file__).resolve().parent.parent
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=repo, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "cpu_count": os.cpu_count(), "python": platform.python_version(),
        "versions": {"lxml": version("lxml"), "trafilatura": version("trafilatura"), "gne": version("gne"),
                     "assoc-crawler": version("assoc-crawler")},
        "extractor_version": EXTRACTOR_VERSION, "git": commit, "corpora": [str(r) for r in roots],
        "sets": {name: {"pages": i["pages"], "path": i["path"], "skipped": i["skipped"]} for name, i in info.items()},
        "pages": sum(i["pages"] for i in info.values()), "repeat": repeat, "extractors": status,
        "half_rule": HALF_RULE, "half": half,
    }


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def cell(stats: dict[str, Any]) -> str:
    """'0.83 (28)': accuracy and n; '–' when nothing was labelled."""
    return f"{fmt(stats['accuracy'])} ({stats['n']})" if stats["n"] else "–"


def plain_groups(groups: dict[str, Any]) -> dict[str, Any]:
    """The per-set and overall groups, without their halves (the tables that predate the halves show these)."""
    return {g: v for g, v in groups.items() if not is_half_group(g)}


def body_cell(body: dict[str, Any]) -> str:
    """'0.94 (37)': body F1 mean and n; '–' when no page has a truth body."""
    return f"{fmt(body['mean'])} ({body['n']})" if body["n"] else "–"


def kept_cell(pt: dict[str, Any] | None) -> str:
    """Articles kept as articles: 'n/a' for an extractor that does not classify, '–' without true articles."""
    if pt is None:
        return "n/a"
    return f"{fmt(pt['articles_kept'])} ({pt['articles_n']})" if pt["articles_n"] else "–"


def main_table(metrics: dict[str, dict[str, Any]]) -> list[str]:
    """Per set x extractor: body, snippets, fields, page type."""
    head = ["set", "extractor", "pages", "body mean", "median", "<0.8", "body P/R", "snip with", "snip w/o", "title",
            "date",
            "date+time", "source", "author", "editor", "non-article", "errors"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for set_name, per in plain_groups(metrics).items():
        for name, m in per.items():
            b, sn, f = m["body"], m["snippets"], m["fields"]
            pt = m["page_type"]
            row = [
                set_name, name, str(m["pages"]),
                body_cell(b), fmt(b["median"]) if b["n"] else "–",
                str(b["below_0.8"]) if b["n"] else "–",
                f"{fmt(b.get('precision'))}/{fmt(b.get('recall'))}" if b["n"] else "–",
                f"{fmt(sn['with'])} ({sn['n']})" if sn["n"] else "–", fmt(sn["without"]) if sn["n"] else "–",
                *(cell(f[x]) for x in ("title", "published_at")), cell(m["date_time"]),
                *(cell(f[x]) for x in ("source", "author", "editor")),
                "n/a" if pt is None else cell(pt), str(m["errors"]),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def false_value_table(metrics: dict[str, dict[str, Any]]) -> list[str]:
    """Per set x extractor: values given where truth is null (false values / null-labelled pages)."""
    lines = ["| set | extractor | " + " | ".join(FIELDS) + " | articles kept |", "|" + "---|" * (len(FIELDS) + 3)]
    for set_name, per in plain_groups(metrics).items():
        for name, m in per.items():
            cells = [f"{m['fields'][x]['false_values']}/{m['fields'][x]['null_n']}" for x in FIELDS]
            lines.append(f"| {set_name} | {name} | " + " | ".join(cells) + f" | {kept_cell(m['page_type'])} |")
    return lines


HALF_HEAD = ("extractor", "set", "half", "pages", "body mean", "snip with", "snip w/o", "title", "date", "source",
             "author", "editor", "articles kept", "non-article")


def half_row(name: str, group: str, m: dict[str, Any]) -> str:
    """One row of the half table: the main figures of one extractor on one half of a set (or of overall)."""
    set_name, half = group.rsplit("/", 1)
    sn, f, pt = m["snippets"], m["fields"], m["page_type"]
    cells = [
        name, set_name, half, str(m["pages"]), body_cell(m["body"]),
        f"{fmt(sn['with'])} ({sn['n']})" if sn["n"] else "–", fmt(sn["without"]) if sn["n"] else "–",
        *(cell(f[x]) for x in FIELDS), kept_cell(pt), "n/a" if pt is None else cell(pt),
    ]
    return "| " + " | ".join(cells) + " |"


def half_table(
    metrics: dict[str, dict[str, Any]], extractors: Iterable[str] | None = None, groups: Iterable[str] | None = None,
) -> list[str]:
    """Per extractor, one row per (set or overall) x half: body, snippets, fields, articles kept, non-article
    kept out. `extractors` and `groups` (plain group names) restrict the rows."""
    plain = [g for g in (groups or plain_groups(metrics)) if g in metrics]
    names = list(extractors or next(iter(metrics.values()), {}))
    lines = ["| " + " | ".join(HALF_HEAD) + " |", "|" + "---|" * len(HALF_HEAD)]
    for name in names:
        for group in plain:
            lines += [half_row(name, g, metrics[g][name]) for g in (half_group(group, h) for h in HALVES)
                      if name in metrics.get(g, {})]
    return lines


def listings_table(listings: dict[str, dict[str, Any]]) -> list[str]:
    """Per set: blocks found / kind right by kind, target and overall kind accuracy, extra blocks."""
    head = ["set", "pages", "blocks", *(f"{k} found/kind/n" for k in LISTING_KINDS), "kind acc (rec/hot/rel)",
            "kind acc (all)", "found", "ours blocks", "extra"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for set_name, m in plain_groups(listings).items():
        if not m["blocks"]:
            continue
        kinds = [f"{m['by_kind'][k]['found']}/{m['by_kind'][k]['kind_right']}/{m['by_kind'][k]['n']}"
                 for k in LISTING_KINDS]
        lines.append("| " + " | ".join([
            set_name, str(m["pages"]), str(m["blocks"]), *kinds,
            f"{fmt(m['target_kind_accuracy'])} ({m['target_n']})", fmt(m["all_kind_accuracy"]), fmt(m["found"]),
            str(m["ours_blocks"]), str(m["extra_blocks"]),
        ]) + " |")
    return lines


def speed_table(sp: dict[str, Any]) -> list[str]:
    lines = ["| extractor | pages | best s | pages/s |", "|---|---|---|---|"]
    for name in (*EXTRACTORS, "parse_floor"):
        if name in sp:
            s = sp[name]
            label = "decode + lxml parse only (floor)" if name == "parse_floor" else name
            lines.append(f"| {label} | {s['pages']} | {s['best_seconds']:.2f} | {fmt(s['pages_per_second'], 1)} |")
    lines.append(f"\nours / trafilatura speed: {fmt(sp['ours_over_trafilatura'])}")
    if sp.get("ms_per_page_at_10x_trafilatura") is not None:
        lines.append(f"\n10x trafilatura leaves {sp['ms_per_page_at_10x_trafilatura']:.2f} ms per page; decoding and "
                     f"parsing alone take {sp['ms_per_page_parse_floor']:.2f} ms per page.")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as markdown."""
    env = report["environment"]
    sets = ", ".join(f"{k} {v['pages']}" for k, v in env["sets"].items())
    lines = [
        "# Extraction benchmark", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}",
        "- versions: " + ", ".join(f"{k} {v or 'not installed'}" for k, v in env["versions"].items())
        + f"; EXTRACTOR_VERSION {env['extractor_version']}; git {env['git'] or '?'}",
        f"- corpus: {', '.join(env['corpora'])}; pages: {env['pages']} ({sets}); timing passes: {env['repeat']}",
        f"- halves: {env['half_rule']}; pages run: {env['half']}",
        "- extractors: " + "; ".join(f"{k}: {v}" for k, v in env["extractors"].items()), "",
        "Body = character-bigram F1 without whitespace (mean (n), median, pages < 0.8); body P/R = mean bigram "
        "precision / recall (1 - P is leakage: text that is not the article); snippets = share of "
        "body_with found / body_without absent; fields = exact after trimming, accuracy (n labelled); "
        "non-article = non-article pages not called articles. ours-archive = what the crawler archives of ours: "
        "a page ours does not call an article is never archived (body F1 0, no snippet found, every field None).", "",
        "## Per set and extractor", "", *main_table(report["metrics"]), "",
        "## False values (value given where truth is null: false/null-labelled), articles kept as articles", "",
        *false_value_table(report["metrics"]), "",
        "## Tune half and check half", "",
        "The same figures on each half of every set and of overall (rule above); every other figure is in the JSON "
        "under the groups \"<set>/tune\", \"<set>/check\", \"overall/tune\", \"overall/check\".", "",
        *half_table(report["metrics"]), "",
        "## Listing blocks (ours)", "", *listings_table(report["listings"]), "",
        "## Speed (extract call only, best pass, one process)", "", *speed_table(report["speed"]), "",
        f"## Errors ({len(report['errors'])})", "",
    ]
    lines += [f"- {e['extractor']} {e['set']}/{e['id']}: {e['error']}" for e in report["errors"]] or ["none"]
    skipped = [s for v in env["sets"].values() for s in v["skipped"]]
    if skipped:
        lines += ["", f"## Skipped pages ({len(skipped)})", "", *(f"- {s}" for s in skipped)]
    return "\n".join(lines) + "\n"


def render_stdout(report: dict[str, Any]) -> str:
    """The compact tables printed at the end of a run."""
    lines = [*main_table(report["metrics"]), "", *listings_table(report["listings"]), "",
             *speed_table(report["speed"]), f"errors: {len(report['errors'])}", "",
             *half_table(report["metrics"], extractors=[x for x in CLASSIFIERS if x in report["metrics"]["overall"]],
                         groups=["overall"])]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# Entry point


def with_views(runs: dict[str, Run]) -> dict[str, Run]:
    """The runs to score: every extractor run, and the ours-archive view right after ours."""
    out: dict[str, Run] = {}
    for name, run in runs.items():
        out[name] = run
        if name == "ours":
            out[ARCHIVE] = archive_view(run)
    return out


def score_runs(
    runs: dict[str, Run], pages: list[Page], sets: list[str], halves: tuple[str, ...] = HALVES,
) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(metrics[group][extractor], per-page scores of every extractor) for every group of group_scores."""
    details: dict[str, list[dict[str, Any]]] = {}
    metrics: dict[str, dict[str, Any]] = {}
    for name, run in runs.items():
        classifies = name in CLASSIFIERS
        details[name] = [score_page(p, r, classifies) for p, r in zip(pages, run.results, strict=True)]
        for group, rows in group_scores(details[name], sets, halves).items():
            metrics.setdefault(group, {})[name] = aggregate(rows, classifies)
    return metrics, details


def benchmark(
    roots: list[Path], only: set[str] | None, no_peers: bool, repeat: int, half: str = "all",
) -> tuple[dict, dict]:
    """Run everything (on one half of the pages unless `half` is "all"); return (report, per-page details for every
    extractor and view)."""
    pages, info = load_corpus(roots, only, half)
    extractors, status = make_extractors(no_peers)
    status[ARCHIVE] = "view of ours (not run): pages ours does not call articles are not archived"
    if "gne" in extractors:
        decode_pages(pages)
    runs = {name: run_extractor(name, fn, pages, repeat) for name, fn in extractors.items()}
    floor = run_extractor("parse_floor", parse_floor, pages, repeat)
    sets, halves = list(info), halves_for(half)
    metrics, details = score_runs(with_views(runs), pages, sets, halves)
    half_pages = {h: sum(1 for p in pages if p.half == h) for h in halves}
    report = {
        "environment": environment(roots, info, status, repeat, half), "metrics": metrics,
        "listings": {g: aggregate_listings(rows) for g, rows in group_scores(details["ours"], sets, halves).items()},
        "speed": speed(runs, len(pages), floor, half_pages), "errors": errors(runs, pages), "pages": details["ours"],
    }
    return report, details


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="corpus root(s) or set directories")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for extraction.md/.json")
    parser.add_argument("--only", action="append", help="only this set (repeatable, or comma-separated)")
    parser.add_argument("--no-peers", action="store_true", help="run ours only")
    parser.add_argument("--repeat", type=int, default=1, help="timing passes (best one is reported)")
    parser.add_argument("--details", type=Path, help="write per-page results of every extractor to this JSON file")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all",
                        help="only the pages of this half (half_of: a fixed rule on set and page id); default all")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [str(p) for p in args.corpus if not p.is_dir()]
    if missing:
        print(f"not a directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    only = {s.strip() for arg in args.only for s in arg.split(",") if s.strip()} if args.only else None
    logging.disable(logging.WARNING)  # peers log a warning per odd page
    report, details = benchmark(args.corpus, only, args.no_peers, args.repeat, args.half)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "extraction.md").write_text(render_markdown(report), encoding="utf-8")
    (args.out / "extraction.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.details:
        args.details.parent.mkdir(parents=True, exist_ok=True)
        args.details.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")
    print(render_stdout(report))
    print(f"\nwrote {args.out / 'extraction.md'}, {args.out / 'extraction.json'}"
          + (f", {args.details}" if args.details else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
