"""Soak run: a crawl of a large generated site with 5% of its article pages replaced by the hostile site's faults.

Generates a site (default 19,000 articles, about 20,000 pages with its lists), serves it from the hostile site's
raw socket server (assoc_crawler/demo/hostile.py) with a fixed, seeded 5% of the article URLs answering with one
of its faults instead (connection reset, body cut short, truncated gzip, a 50 MB page, a gzip bomb, a redirect
loop, a slow drip, 429 then 200, 503 bursts, binary data, an empty page, a login page, an error page served with
200, and pages with broken or unsafe content), crawls it into a fresh archive, and reports pages per second,
errors by kind, peak memory of the crawl process, and whether every fault-free article was archived exactly once.

    python bench/soak.py [--articles 19000] [--fault-rate 0.05] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.generate import GeneratedSite  # noqa: E402
from assoc_crawler.demo.hostile import FAULTS, HostileSite  # noqa: E402
from bench.crawl_memory import Sampler  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
# the page-level faults (traps are whole sections of a site, not pages)
PAGE_FAULTS = [f for f in FAULTS if f.group != "trap"]


class SoakSite(HostileSite):
    """The generated site's files, except that the chosen article paths answer with a hostile fault."""

    def __init__(self, www: Path, faulted: dict[str, str]) -> None:
        super().__init__()
        self.www = www
        self.faulted = faulted

    def _respond(self, conn: socket.socket, target: str, count: int) -> None:
        path = target.split("?", 1)[0]
        if path in self.faulted:
            return super()._respond(conn, self.faulted[path], count)
        file = self.www / (path.lstrip("/") or "index.html")
        if file.is_dir():
            file = file / "index.html"
        if path != "/robots.txt" and file.is_file():
            return self._send(conn, "200 OK", file.read_bytes())
        return super()._respond(conn, target, count)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=19000)
    parser.add_argument("--categories", type=int, default=20)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def plan_faults(paths: list[str], fault_rate: float, seed: int) -> dict[str, str]:
    """A fixed, seeded share of the article paths, each mapped to the path of the page fault it answers with."""
    rng = random.Random(seed)
    chosen = rng.sample(paths, int(len(paths) * fault_rate))
    return {path: PAGE_FAULTS[i % len(PAGE_FAULTS)].path for i, path in enumerate(chosen)}


@dataclass
class CrawlRun:
    """One crawl process: what it printed, its exit status, wall time, memory samples and the requests served."""

    out: str
    err: str
    returncode: int | None
    wall: float
    sampler: Sampler
    requests: int


def run_crawl(site: SoakSite, db: Path, args: argparse.Namespace) -> CrawlRun:
    """Crawl the served site into `db` with the real CLI in a child process, sampling its memory."""
    command = [sys.executable, "-m", "assoc_crawler", "crawl", site.base_url + "/", "--db", str(db),
               "--json", "--delay", "0", "--concurrency", str(args.concurrency), "--timeout",
               str(args.timeout), "--max-pages", "1000000", "--progress", "never"]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    sampler.start()
    out, err = process.communicate(timeout=7200)
    wall = time.monotonic() - started
    sampler.join(timeout=5)
    return CrawlRun(out=out, err=err, returncode=process.returncode, wall=wall, sampler=sampler,
                    requests=sum(site.requests.values()))


def summary_row(crawl: CrawlRun) -> dict[str, Any]:
    """The crawl's JSON summary line (exits when it printed none)."""
    rows = [json.loads(line) for line in crawl.out.splitlines() if line.startswith("{")]
    if not rows:
        raise SystemExit(f"the crawl printed no summary:\n{crawl.err[-3000:]}")
    return rows[0]


def read_archive(db: Path) -> dict[str, Any]:
    """What the archive holds: archived URLs (counted), errors by kind, error URLs, an example per kind, integrity."""
    with sqlite3.connect(db) as conn:
        return {
            "archived": Counter(u for (u,) in conn.execute("SELECT url FROM articles")),
            "errors": Counter(dict(conn.execute("SELECT error, count(*) FROM errors GROUP BY error").fetchall())),
            "error_urls": {u for (u,) in conn.execute("SELECT url FROM errors")},
            "error_examples": dict(conn.execute("SELECT error, min(url) FROM errors GROUP BY error").fetchall()),
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        }


def fault_outcomes(faulted: dict[str, str], base: str, archive: dict[str, Any]) -> dict[str, Counter[str]]:
    """Per fault: how many of its pages were archived, left an errors row, or neither."""
    outcomes: dict[str, Counter[str]] = {}
    for path, fault in faulted.items():
        url = base + path
        if archive["archived"][url]:
            outcome = "archived"
        else:
            outcome = "error recorded" if url in archive["error_urls"] else "not archived"
        outcomes.setdefault(fault, Counter())[outcome] += 1
    return outcomes


def build_report(
    crawl: CrawlRun, row: dict[str, Any], archive: dict[str, Any], faulted: dict[str, str], sound: list[str],
    base: str, args: argparse.Namespace,
) -> dict[str, Any]:
    """The soak figures (the JSON results)."""
    archived, wall = archive["archived"], crawl.wall
    outcomes = fault_outcomes(faulted, base, archive)
    report: dict[str, Any] = {
        "crawl": row, "requests_served": crawl.requests, "wall_seconds": round(wall, 1),
        "pages_per_second": round(row.get("responses", 0) / wall, 1) if wall else None,
        "peak_rss_mb": round(max(s[1] for s in crawl.sampler.samples), 1),
        "faulted_pages": len(faulted), "sound_articles": len(sound), "sound_archived_once": sum(
            1 for u in sound if archived[u] == 1), "sound_missing": sum(1 for u in sound if archived[u] == 0),
        "duplicates": sum(1 for n in archived.values() if n > 1),
        "errors_by_kind": dict(archive["errors"].most_common()),
        "error_examples": {k: v.removeprefix(base) for k, v in archive["error_examples"].items()},
        "fault_outcomes": {k: dict(v) for k, v in sorted(outcomes.items())},
        "integrity_check": archive["integrity"],
        "crawl_exit_status": crawl.returncode, "traceback_in_output": "Traceback" in crawl.err,
    }
    report["environment"] = environment(articles=args.articles, fault_rate=args.fault_rate,
                                        concurrency=args.concurrency, timeout=args.timeout, seed=args.seed)
    return report


def render_markdown(report: dict[str, Any], wall: float, args: argparse.Namespace) -> str:
    """The soak report as markdown."""
    env, row = report["environment"], report["crawl"]
    lines = [
        "# Soak run: a large generated site with injected faults", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- site: {args.articles} generated articles in {args.categories} categories; {report['faulted_pages']} "
        f"article pages ({args.fault_rate:.0%}) answer with one of {len(PAGE_FAULTS)} faults instead; served by "
        f"the hostile site's raw socket server on 127.0.0.1; concurrency {args.concurrency}, timeout "
        f"{args.timeout:g} s", "",
        f"- crawl: exit status {report['crawl_exit_status']}, {row.get('status')}; {row.get('requests')} requests, "
        f"{row.get('responses')} responses in {wall:.0f} s ({report['pages_per_second']} pages/s); "
        f"peak RSS {report['peak_rss_mb']:.0f} MB; a traceback in the output: {report['traceback_in_output']}",
        f"- fault-free articles: {report['sound_articles']}; archived exactly once: {report['sound_archived_once']}; "
        f"missing: {report['sound_missing']}; archived twice: {report['duplicates']}; archive integrity_check: "
        f"{report['integrity_check']}", "",
        "| errors row kind | count | an example |", "|---|---|---|",
        *[f"| {kind} | {count} | `{report['error_examples'][kind]}` |"
          for kind, count in report["errors_by_kind"].items()], "",
        "| fault | pages | outcome |", "|---|---|---|",
        *[f"| `{fault}` | {sum(c.values())} | " + ", ".join(f"{k} {v}" for k, v in c.items()) + " |"
          for fault, c in report["fault_outcomes"].items()],
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="assoc-soak-") as tmp:
        workdir = Path(tmp)
        generated = GeneratedSite.create(workdir / "site", articles=args.articles, categories=args.categories)
        paths = generated.article_paths()
        faulted = plan_faults(paths, args.fault_rate, args.seed)
        db = workdir / "soak.db"
        with SoakSite(generated.www, faulted) as site:
            crawl = run_crawl(site, db, args)
        row = summary_row(crawl)
        base = site.base_url
        archive = read_archive(db)
    sound = [base + p for p in paths if p not in faulted]
    report = build_report(crawl, row, archive, faulted, sound, base, args)
    write_results(args.out, "soak", report, render_markdown(report, crawl.wall, args))
    return 0 if not report["sound_missing"] and not report["duplicates"] and crawl.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
