"""Crawl benchmark on whole generated sites of the eight CMS families: what a real crawl archives, against truth.

Each seed is one site of :mod:`assoc_crawler.demo.family_site` (family ``FAMILIES[seed % 8]``, every other
template choice random: URL shapes, classes, encoding, byline position, news variants, comment and print views
linked from every article, pager), served on 127.0.0.1 and crawled by the real command
(``assoc-crawler crawl START --db X --delay 0 --concurrency 8``, one process per site). The archive is then read
and scored, per half (tune: seeds 0, 1, ...; check: seeds 1000, 1001, ...) and family:

- coverage: true articles archived (exactly once) / true articles; precision: archived rows that are true
  articles / archived rows; non-articles archived, by kind (comment and print views, lists, home);
- fields on archived true articles: title, author, source, editor, category, exact (placeholders null);
- listings on archived true articles: micro P/R/F1 over listing items by target URL, label accuracy;
- leaked: archived articles whose body holds text rendered outside the article block, or the notice the site
  prints in every article block (which only the site's other pages give away);
- by_template: what consolidation by the site's templates changed when each crawl ended (+pages archived as
  articles / -articles of the crawl taken back / ~articles cleaned of the lines the site repeats in every
  article / =articles given a field where their template prints it / #pages whose listings the site's article
  URL shapes told again), as the crawl reported it.

Only the tune half's misses are listed; the check half is reported as counts.

    python bench/family_crawl.py [--sites 16] [--articles 40] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.family_site import FamilySite, FamilySiteServer  # noqa: E402
from assoc_crawler.demo.page_kinds import FAMILIES, GeneratedPage  # noqa: E402
from assoc_crawler.extract.urls import normalize_url  # noqa: E402
from bench.gate import HALVES, rate, seeds, sites_environment, write_quietly  # noqa: E402
from bench.sites import FIELDS, leaked, want  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
MAX_LISTED = 40


def crawl(site: FamilySite, db: Path) -> dict[str, Any]:
    """Run the real crawl command on ``site`` into ``db``; its JSON summary."""
    command = [sys.executable, "-m", "assoc_crawler", "crawl", site.start, "--db", str(db), "--delay", "0",
               "--concurrency", "8", "--json", "--progress", "never"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode not in (0, 3):
        raise RuntimeError(f"seed {site.seed}: crawl exited {done.returncode}: {done.stderr[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def archived(db: Path) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The archive's article rows and its listing items per page URL."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT url, title, source, author, editor, category, body_text, "
                                              "page_type_reason FROM articles")]
        items: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in conn.execute("SELECT page_url, target_url, title, label, teaser FROM listings ORDER BY id"):
            items[r["page_url"]].append(dict(r))
    return rows, items


def score_site(site: FamilySite, rows: list[dict[str, Any]], items: dict[str, list[dict[str, Any]]],
               counts: Counter, wrong: list[dict[str, Any]]) -> None:
    """Add ``site``'s figures to ``counts`` and its misses to ``wrong``."""
    truth = {normalize_url(url): page for url, page in site.truth.items()}
    seen: Counter = Counter(normalize_url(r["url"]) for r in rows)
    true_articles = [key for key, page in truth.items() if page.is_article]
    counts["articles_true"] += len(true_articles)
    counts["archived"] += len(rows)
    counts["archived_true"] += sum(1 for key in true_articles if seen[key] == 1)
    counts["duplicates"] += sum(n - 1 for n in seen.values() if n > 1)
    for key in true_articles:
        if not seen[key]:
            wrong.append({"url": truth[key].url, "what": "missed", "kind": truth[key].kind})
    for row in rows:
        page = truth.get(normalize_url(row["url"]))
        if page is None or not page.is_article:
            counts["false_articles"] += 1
            counts[f"false:{page.kind if page else 'unknown'}"] += 1
            wrong.append({"url": row["url"], "what": "archived", "kind": page.kind if page else "unknown"})
            continue
        score_fields(page, row, counts, wrong)
        score_listings(page, items.get(row["url"], []), counts, wrong)


def score_fields(page: GeneratedPage, row: dict[str, Any], counts: Counter, wrong: list[dict[str, Any]]) -> None:
    for name in FIELDS:
        truth, got = want(page, name), row[name]
        counts[f"{name}_total"] += 1
        if (got or None) == truth:
            counts[f"{name}_right"] += 1
        else:
            wrong.append({"url": page.url, "what": name, "kind": page.kind, "got": got, "want": truth,
                          "at": page.notes.get(f"{name}_at", "")})
    found = leaked(page, row["body_text"], site_level=True)
    counts["leaked"] += bool(found)
    if found:
        wrong.append({"url": page.url, "what": "leaked", "kind": page.kind, "got": found[0]})


def score_listings(page: GeneratedPage, got: list[dict[str, Any]], counts: Counter,
                   wrong: list[dict[str, Any]]) -> None:
    truth = {normalize_url(i.target_url): i for block in page.listings for i in block.items}
    found = {normalize_url(i["target_url"] or ""): i for i in got}
    matched = [key for key in truth if key in found]
    counts["items_true"] += len(truth)
    counts["items_got"] += len(found)
    counts["items_matched"] += len(matched)
    counts["label_right"] += sum(found[k]["label"] == truth[k].label for k in matched)
    if len(matched) < len(truth) or len(found) > len(matched):
        extra = [i for k, i in found.items() if k not in truth]
        wrong.append({"url": page.url, "what": "listings", "kind": page.kind,
                      "got": f"{len(matched)}/{len(truth)} found, {len(extra)} extra"
                             + (f" e.g. {extra[0]['label']!r} | {extra[0]['title']!r} {extra[0]['target_url']}"
                                if extra else "")})


def run(sites: int, articles: int, keep: Path | None = None,
        only: list[int] | None = None) -> tuple[dict[tuple[str, str], Counter], list[dict[str, Any]], float]:
    """Crawl every site (or the ``only`` seeds; archives kept in ``keep`` if given) and score it."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    wrong, spent = [], 0.0
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        for half, seed in seeds(sites):
            if only and seed not in only:
                continue
            (tmp / f"{seed}.db").unlink(missing_ok=True)
            with FamilySiteServer(seed, articles) as served:
                site = served.site
                assert site is not None
                start = time.perf_counter()
                report = crawl(site, Path(tmp) / f"{seed}.db")
                spent += time.perf_counter() - start
                rows, items = archived(Path(tmp) / f"{seed}.db")
                misses: list[dict[str, Any]] = []
                cell = counts[(half, site.family)]
                cell["sites"] += 1
                cell["pages"] += report.get("pages_fetched") or 0
                for name, count in (report.get("consolidation") or {}).items():
                    cell[f"consolidation_{name}"] += count
                score_site(site, rows, items, cell, misses)
                wrong += [{"half": half, "seed": seed, "family": site.family, **m} for m in misses]
    return counts, wrong, spent


def figures(cell: Counter) -> dict[str, Any]:
    p = cell["items_matched"] / cell["items_got"] if cell["items_got"] else 0.0
    r = cell["items_matched"] / cell["items_true"] if cell["items_true"] else 0.0
    return {"sites": cell["sites"], "pages": cell["pages"],
            "coverage": rate([cell["archived_true"], cell["articles_true"]]),
            "precision": rate([cell["archived"] - cell["false_articles"], cell["archived"]]),
            "false_articles": {k[6:]: v for k, v in sorted(cell.items()) if k.startswith("false:")},
            "duplicates": cell["duplicates"],
            **{name: rate([cell[f"{name}_right"], cell[f"{name}_total"]]) for name in FIELDS},
            "listings_f1": f"{2 * p * r / (p + r):.2f}" if p + r else "–",
            "listings_p_r": f"{p:.2f}/{r:.2f}", "label": rate([cell["label_right"], cell["items_matched"]]),
            "leaked": rate([cell["leaked"], cell["archived_true"]]),
            "by_template": f"+{cell['consolidation_promoted']}/-{cell['consolidation_retracted']}"
                           f"/~{cell['consolidation_stripped']}/={cell['consolidation_filled']}"
                           f"/#{cell['consolidation_relisted']}"}


def summarise(counts: dict[tuple[str, str], Counter], wrong: list[dict[str, Any]], spent: float, sites: int,
              articles: int) -> dict[str, Any]:
    halves: dict[str, Any] = {}
    for half in HALVES:
        cells = {family: counts[(half, family)] for family in FAMILIES if counts[(half, family)]["sites"]}
        total = sum(cells.values(), Counter())
        halves[half] = {"families": {f: figures(c) for f, c in cells.items()}, "overall": figures(total)}
    return {"environment": sites_environment(sites) | {"articles_per_site": articles, "crawl_seconds": round(spent, 1)},
            "halves": halves, "tune_misses": [w for w in wrong if w["half"] == "tune"][:MAX_LISTED],
            "misses_by_what": {half: dict(Counter(w["what"] for w in wrong if w["half"] == half)) for half in HALVES}}


COLUMNS = ("sites", "pages", "coverage", "precision", "duplicates", *FIELDS, "listings_f1", "label", "leaked",
           "by_template")


def markdown(report: dict[str, Any]) -> str:
    env = report["environment"]
    lines = ["# Crawls of whole generated sites (bench/family_crawl.py)", "",
             f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; git {env['git']}; "
             f"EXTRACTOR_VERSION {env['extractor_version']}",
             f"- sites: {env['sites']} (tune seeds {env['tune_seeds']}, check seeds {env['check_seeds']}), "
             f"about {env['articles_per_site']} articles each; crawl time {env['crawl_seconds']} s", ""]
    for half, data in report["halves"].items():
        lines += [f"## {half} half", "", "| family | " + " | ".join(COLUMNS) + " | non-articles archived |",
                  "|---" * (len(COLUMNS) + 2) + "|"]
        for family, row in [*data["families"].items(), ("overall", data["overall"])]:
            false = ", ".join(f"{k} {v}" for k, v in row["false_articles"].items()) or "–"
            lines.append(f"| {family} | " + " | ".join(str(row[c]) for c in COLUMNS) + f" | {false} |")
        lines += ["", f"Misses: {report['misses_by_what'][half] or 'none'}", ""]
    lines += ["## Tune-half misses (first 40)", ""]
    lines += [f"- seed {w['seed']} {w['family']} {w['what']} {w['kind']}: got {w.get('got')!r} want "
              f"{w.get('want')!r} {w.get('at', '')} {w['url']}" for w in report["tune_misses"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=16, help="sites to crawl, half tune, half check (default 16)")
    parser.add_argument("--articles", type=int, default=40, help="articles per site (default 40)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--keep", type=Path, help="keep each site's archive in this directory (SEED.db)")
    parser.add_argument("--seed", type=int, action="append", help="crawl only this seed (repeatable)")
    args = parser.parse_args(argv)
    counts, wrong, spent = run(args.sites, args.articles, args.keep, args.seed)
    report = summarise(counts, wrong, spent, args.sites, args.articles)
    write_quietly(args.out, "family_crawl", report, markdown(report))
    for half, data in report["halves"].items():
        row = data["overall"]
        print(f"{half}: " + "; ".join(f"{c} {row[c]}" for c in COLUMNS))
    print(f"wrote {args.out / 'family_crawl.md'} and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
