"""Incremental crawling benchmark: what a scheduled re-run costs and whether it finds every change.

Generates an association site (`assoc_crawler.demo.generate`, default 1,200 articles), serves it on 127.0.0.1
and runs the real `assoc-crawler crawl` command against it, counting requests in the server's log:

1. first run (full crawl of the site);
2. second default run on the unchanged site (target: at most 3% of the first run's requests);
3. five new articles, default run (target: all 5 found);
4. two articles edited and one withdrawn, `--recheck all` run (targets: both edits found as version 2, the
   withdrawal marked gone, every recheck conditional, no unchanged article bumped).

Writes `incremental.md` and `incremental.json` to `--out` (default bench/results).

    python bench/incremental.py [--articles 1200] [--categories 6] [--per-page 20] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.generate import GeneratedSite  # noqa: E402
from assoc_crawler.demo.server import DemoSite  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
CRAWL_OPTIONS = ["--delay", "0", "--concurrency", "8", "--timeout", "10", "--progress", "never", "--json"]


def crawl(site: DemoSite, db: Path, *extra: str) -> dict[str, Any]:
    """One real crawl process; its summary row, the server's view of its requests and the wall time."""
    site.clear_requests()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "assoc_crawler", "crawl", site.base_url + "/", "--db", str(db),
                             *CRAWL_OPTIONS, *extra], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    if not rows:
        raise SystemExit(f"crawl failed (exit {result.returncode}): {result.stderr[-2000:]}")
    requests = list(site.requests)
    return {
        "exit_status": result.returncode, "seconds": round(seconds, 2), "summary": rows[0],
        "server_requests": len(requests),
        "conditional_requests": sum(1 for r in requests if any(h.lower() in ("if-none-match", "if-modified-since")
                                                                for h in r.headers)),
        "status_304": sum(1 for r in requests if r.status == 304),
        "paths": [r.path for r in requests],
    }


def run(articles: int, categories: int, per_page: int, workdir: Path) -> dict[str, Any]:
    """The four runs and their checks."""
    generated = GeneratedSite.create(workdir / "site", articles=articles, categories=categories, per_page=per_page)
    site = DemoSite("bench", workdir / "site").start()
    db = workdir / "archive.db"
    try:
        first = crawl(site, db)
        second = crawl(site, db)
        new_ids = generated.add_articles(5)
        generated.write()
        third = crawl(site, db)
        ids = generated.ids()
        edited, withdrawn = ids[100:102], ids[200]
        generated.edit_articles(edited)
        generated.withdraw_articles([withdrawn])
        generated.write()
        fourth = crawl(site, db, "--recheck", "all")
    finally:
        site.stop()
    with sqlite3.connect(db) as conn:
        url = {i: site.base_url + generated.article(i).path for i in ids}
        versions = dict(conn.execute("SELECT url, version FROM articles").fetchall())
        gone = {row[0] for row in conn.execute("SELECT url FROM articles WHERE gone_at IS NOT NULL")}
        archived = set(versions)
        totals = conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    conn.close()
    known = len(ids)  # every article ever published (the withdrawn one included), each archived once
    checks = {
        "second_run_share_of_first_requests": round(second["summary"]["requests"] / first["summary"]["requests"], 4),
        "second_run_at_most_3_percent": second["summary"]["requests"] <= 0.03 * first["summary"]["requests"],
        "new_articles_found": sum(url_of in archived for url_of in
                                  (site.base_url + generated.article(i).path for i in new_ids)),
        "all_5_new_found": third["summary"]["articles_new"] == 5,
        "edits_found_as_version_2": sum(versions[url[i]] == 2 for i in edited),
        "withdrawal_marked_gone": url[withdrawn] in gone,
        "rechecks_conditional": fourth["conditional_requests"],
        "rechecks_304": fourth["status_304"],
        "unchanged_articles_bumped": sum(v > 1 for u, v in versions.items() if u not in {url[i] for i in edited}),
        "articles_archived_once": totals[0] == totals[1] == known,
    }
    for result in (first, second, third, fourth):
        result["paths"] = result["paths"][:50] if result is not first else []
    return {"runs": {"first": first, "second_unchanged": second, "third_5_new": third,
                     "fourth_recheck_all": fourth}, "checks": checks}


def render(report: dict[str, Any]) -> str:
    env, runs, checks = report["environment"], report["runs"], report["checks"]
    lines = [
        "# Incremental crawl benchmark", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git'] or '?'}",
        f"- site: {env['articles']} articles in {env['categories']} categories, {env['per_page']} per list page, "
        "served on 127.0.0.1; `assoc-crawler crawl` with " + " ".join(CRAWL_OPTIONS[:-1]), "",
        "| run | requests | new | changed | not modified (304) | gone | conditional requests | seconds | exit |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in runs.items():
        s = r["summary"]
        lines.append(f"| {name} | {s['requests']} | {s['articles_new']} | {s['articles_changed']} | "
                     f"{s['articles_not_modified']} | {s['articles_gone']} | {r['conditional_requests']} | "
                     f"{r['seconds']} | {r['exit_status']} |")
    lines += ["", "| check | result |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in checks.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--categories", type=int, default=6)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.articles < 210:
        print("--articles must be at least 210 (the benchmark edits article 100 and withdraws article 200)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="assoc-bench-") as tmp:
        report = run(args.articles, args.categories, args.per_page, Path(tmp))
    report["environment"] = environment(articles=args.articles, categories=args.categories,
                                        per_page=args.per_page)
    write_results(args.out, "incremental", report, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
