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
import json
import logging
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The pieces live in bench/extraction_*.py by job; the names the tests use stay importable from here (__all__).
from bench.extraction_corpus import (  # noqa: E402
    ARCHIVE,
    CLASSIFIERS,
    FIELDS,
    HALVES,
    MAX_VALUE_CHARS,
    Block,
    CorpusError,
    Extracted,
    Page,
    Run,
    find_sets,
    half_of,
    halves_for,
    load_corpus,
)
from bench.extraction_report import environment, render_markdown, render_stdout  # noqa: E402
from bench.extraction_run import (  # noqa: E402
    archive_view,
    archived,
    decode_pages,
    make_extractors,
    parse_floor,
    run_extractor,
)
from bench.extraction_score import (  # noqa: E402
    aggregate,
    aggregate_listings,
    bigram_f1,
    bigram_scores,
    date_matches,
    errors,
    group_scores,
    is_half_group,
    normalise_datetime,
    score_field,
    score_listings,
    score_page,
    score_time,
    snippet_counts,
    speed,
)

__all__ = [
    "FIELDS", "MAX_VALUE_CHARS", "Block", "CorpusError", "Extracted", "Page", "Run", "aggregate", "archived",
    "benchmark",
    "bigram_f1", "bigram_scores", "date_matches", "errors", "find_sets", "group_scores", "half_of", "is_half_group",
    "load_corpus", "main", "normalise_datetime", "run_extractor", "score_field", "score_listings", "score_page",
    "score_runs", "score_time", "snippet_counts", "with_views",
]

DEFAULT_OUT = Path(__file__).resolve().parent / "results"

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
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for NAME.md/.json")
    parser.add_argument("--name", default="extraction",
                        help="file stem of the results (default extraction; e.g. handmade for bench/handmade)")
    parser.add_argument("--only", action="append", help="only this set (repeatable, or comma-separated)")
    parser.add_argument("--no-peers", action="store_true", help="run ours only")
    parser.add_argument("--repeat", type=int, default=1, help="timing passes (best one is reported)")
    parser.add_argument("--details", type=Path, help="write per-page results of every extractor to this JSON file")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all",
                        help="only the pages of this half (half_of on set and page id, or the set's HALF file)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [str(p) for p in args.corpus if not p.is_dir()]
    if missing:
        print(f"not a directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    only = {s.strip() for arg in args.only for s in arg.split(",") if s.strip()} if args.only else None
    logging.disable(logging.WARNING)  # peers log a warning per odd page
    try:
        report, details = benchmark(args.corpus, only, args.no_peers, args.repeat, args.half)
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    markdown_path, json_path = args.out / f"{args.name}.md", args.out / f"{args.name}.json"
    markdown_path.write_text(render_markdown(report), encoding="utf-8")
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.details:
        args.details.parent.mkdir(parents=True, exist_ok=True)
        args.details.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")
    print(render_stdout(report))
    print(f"\nwrote {markdown_path}, {json_path}"
          + (f", {args.details}" if args.details else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
