"""Extraction benchmark (bench/extraction.py), scoring: pure functions of (what an extractor gave, truth) per
page, then pooled per set, overall and half; timing figures and the list of errors."""

from __future__ import annotations

import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.extraction_corpus import (  # noqa: E402
    BODY_GOOD,
    FIELDS,
    HALVES,
    LISTING_KINDS,
    MAX_VALUE_CHARS,
    TARGET_KINDS,
    Block,
    Extracted,
    Page,
    Run,
)

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
