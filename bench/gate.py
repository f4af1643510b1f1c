"""Page gate benchmark: article or not, on randomised pages the project writes itself (assoc_crawler.demo.page_kinds).

Each seed is one generated site of one CMS family with every kind of page (news, notices, policy texts with links,
undated entries, English, tables, multi-page articles; lists, search, login, registration, comments, print views,
downloads, error pages served with 200, tags, site maps, home pages). Half of the sites are the "tune" half (seeds
0, 1, ...) and half the "check" half (seeds 1000, 1001, ...). ``extract_page(body, url, headers)`` runs on every page;
a true article is right when its page_type is 'article', any other page when it is not.

Only the tune half's misclassified pages are listed (URL, page_type, reason); the check half is reported as counts
only, so that nobody tunes the gate on it.

Writes `gate.md` and `gate.json` to `--out` (default bench/results) and prints a short summary.

    python bench/gate.py [--sites 40] [--out bench/results]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.page_kinds import ARTICLE_KINDS, FAMILIES, NON_ARTICLE_KINDS, generate_pages  # noqa: E402
from assoc_crawler.extract import EXTRACTOR_VERSION, extract_page  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
HALVES = {"tune": 0, "check": 1000}  # first seed of each half


def sites_environment(sites: int) -> dict[str, Any]:
    """The environment block of a generated-sites report: machine, extractor, and the seeds of each half."""
    pairs = seeds(sites)
    span = {half: [s for h, s in pairs if h == half] for half in HALVES}
    return environment(sites=sites, extractor_version=EXTRACTOR_VERSION, extract_changed=extract_changed(),
                       **{f"{half}_seeds": f"{v[0]}-{v[-1]}" if v else "none" for half, v in span.items()})


def write_quietly(out: Path, name: str, report: dict[str, Any], text: str) -> None:
    """write_results, without its printing the whole markdown (the caller prints a summary)."""
    with contextlib.redirect_stdout(io.StringIO()):
        write_results(out, name, report, text)


def seeds(sites: int) -> list[tuple[str, int]]:
    """(half, seed) pairs: ceil(sites/2) tune seeds from 0, floor(sites/2) check seeds from 1000."""
    tune = [("tune", HALVES["tune"] + n) for n in range((sites + 1) // 2)]
    return tune + [("check", HALVES["check"] + n) for n in range(sites // 2)]


def run(sites: int) -> tuple[list[dict[str, Any]], float]:
    """One row per page (half, seed, family, kind, url, is_article, got, reason) and the seconds spent extracting."""
    rows, spent = [], 0.0
    for half, seed in seeds(sites):
        for page in generate_pages(seed):
            start = time.perf_counter()
            result = extract_page(page.body, page.url, page.headers)
            spent += time.perf_counter() - start
            rows.append({"half": half, "seed": seed, "family": page.family, "kind": page.kind, "url": page.url,
                         "is_article": page.is_article, "got": result.page_type, "reason": result.page_type_reason})
    return rows, spent


def extract_changed() -> bool:
    """Whether assoc_crawler/extract/ differs from the commit (the figures are then the working tree's)."""
    status = subprocess.run(["git", "status", "--porcelain", "--", "assoc_crawler/extract"], capture_output=True,
                            text=True, cwd=REPO)
    return bool(status.stdout.strip())


def right(row: dict[str, Any]) -> bool:
    return (row["got"] == "article") == row["is_article"]


def tally(rows: list[dict[str, Any]], key: str, articles: bool) -> dict[str, dict[str, list[int]]]:
    """{key value: {half: [right, total]}} over the true articles (``articles``) or the other pages."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: {half: [0, 0] for half in HALVES})
    for row in rows:
        if row["is_article"] == articles:
            cell = table[row[key]][row["half"]]
            cell[0] += right(row)
            cell[1] += 1
    return dict(table)


def rate(cell: list[int]) -> str:
    return f"{cell[0] / cell[1]:.2f} ({cell[0]}/{cell[1]})" if cell[1] else "-"


def table_lines(title: str, counts: dict[str, dict[str, list[int]]], order: tuple[str, ...]) -> list[str]:
    lines = [f"| {title} | tune | check |", "|---|---|---|"]
    for name in order:
        if name in counts:
            lines.append(f"| {name} | {rate(counts[name]['tune'])} | {rate(counts[name]['check'])} |")
    return lines


def summarise(rows: list[dict[str, Any]], spent: float) -> dict[str, Any]:
    totals = {}
    for label, articles in (("articles_kept", True), ("non_articles_kept_out", False)):
        totals[label] = {half: [sum(right(r) for r in rows if r["half"] == half and r["is_article"] == articles),
                                sum(1 for r in rows if r["half"] == half and r["is_article"] == articles)]
                         for half in HALVES}
    wrong = [r for r in rows if not right(r)]
    return {
        "totals": totals,
        "by_kind": {"articles": tally(rows, "kind", True), "non_articles": tally(rows, "kind", False)},
        "by_family": {"articles": tally(rows, "family", True), "non_articles": tally(rows, "family", False)},
        "tune_misclassified": [{k: r[k] for k in ("half", "family", "kind", "url", "got", "reason")}
                               for r in wrong if r["half"] == "tune"],
        "check_misclassified_count": sum(1 for r in wrong if r["half"] == "check"),
        "pages": len(rows), "extract_seconds": round(spent, 3), "pages_per_second": round(len(rows) / spent, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    env, totals = report["environment"], report["totals"]
    lines = [
        "# Page gate on generated pages (assoc_crawler.demo.page_kinds)", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}"
        f"{' + uncommitted changes in assoc_crawler/extract' if env['extract_changed'] else ''}; "
        f"extractor {env['extractor_version']}",
        f"- {env['sites']} sites (tune seeds {env['tune_seeds']}, check seeds {env['check_seeds']}), "
        f"{report['pages']} pages; extract_page {report['pages_per_second']} pages/s "
        "(one process, page generation not timed)",
        "", "| | tune | check |", "|---|---|---|",
        f"| true articles kept as articles | {rate(totals['articles_kept']['tune'])} | "
        f"{rate(totals['articles_kept']['check'])} |",
        f"| non-article pages kept out | {rate(totals['non_articles_kept_out']['tune'])} | "
        f"{rate(totals['non_articles_kept_out']['check'])} |", "",
        "## True articles kept as articles, per kind", "",
        *table_lines("kind", report["by_kind"]["articles"], ARTICLE_KINDS), "",
        "## Non-article pages kept out, per kind", "",
        *table_lines("kind", report["by_kind"]["non_articles"], NON_ARTICLE_KINDS), "",
        "## Per family", "", *table_lines("family: articles kept", report["by_family"]["articles"], FAMILIES), "",
        *table_lines("family: non-articles kept out", report["by_family"]["non_articles"], FAMILIES), "",
        f"## Misclassified, tune half only ({len(report['tune_misclassified'])}; check half: "
        f"{report['check_misclassified_count']}, not listed)", "",
        "| family | kind | url | got | reason |", "|---|---|---|---|---|",
    ]
    for row in report["tune_misclassified"]:
        reason = row["reason"].replace("|", "/")
        lines.append(f"| {row['family']} | {row['kind']} | {row['url']} | {row['got']} | {reason} |")
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any], out: Path) -> str:
    totals = report["totals"]
    lines = [f"page gate on {report['pages']} generated pages ({report['environment']['sites']} sites), "
             f"{report['pages_per_second']} pages/s"]
    for label in ("articles_kept", "non_articles_kept_out"):
        lines.append(f"  {label}: tune {rate(totals[label]['tune'])}, check {rate(totals[label]['check'])}")
    for group, order in (("articles", ARTICLE_KINDS), ("non_articles", NON_ARTICLE_KINDS)):
        counts = report["by_kind"][group]
        lines.append(f"  {group} per kind (tune / check): " + "; ".join(
            f"{k} {rate(counts[k]['tune'])} / {rate(counts[k]['check'])}" for k in order if k in counts))
    lines.append(f"  misclassified: tune {len(report['tune_misclassified'])} (listed in {out / 'gate.md'}), "
                 f"check {report['check_misclassified_count']}")
    return "\n".join(lines)


def sites_arguments(argv: list[str] | None, description: str, default_sites: int,
                    langs: tuple[str, ...] = ()) -> argparse.Namespace:
    """``--sites N`` (at least 1; half tune and half check) and ``--out DIR`` of a generated-sites benchmark, and
    ``--lang`` (the first of ``langs`` by default) when its sites come in several languages."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sites", type=int, default=default_sites,
                        help=f"generated sites, half tune and half check (default {default_sites})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    if langs:
        parser.add_argument("--lang", choices=langs, default=langs[0], help=f"the sites' language (default {langs[0]})")
    args = parser.parse_args(argv)
    if args.sites < 1:
        parser.error("--sites must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = sites_arguments(argv, __doc__.splitlines()[0], 40)
    rows, spent = run(args.sites)
    report = summarise(rows, spent)
    report["environment"] = sites_environment(args.sites)
    write_quietly(args.out, "gate", report, markdown(report))
    print(summary(report, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
