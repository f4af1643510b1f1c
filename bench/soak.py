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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=19000)
    parser.add_argument("--categories", type=int, default=20)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="assoc-soak-") as tmp:
        workdir = Path(tmp)
        generated = GeneratedSite.create(workdir / "site", articles=args.articles, categories=args.categories)
        paths = generated.article_paths()
        chosen = rng.sample(paths, int(len(paths) * args.fault_rate))
        faulted = {path: PAGE_FAULTS[i % len(PAGE_FAULTS)].path for i, path in enumerate(chosen)}
        db = workdir / "soak.db"
        with SoakSite(generated.www, faulted) as site:
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
            requests = sum(site.requests.values())
        rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        if not rows:
            raise SystemExit(f"the crawl printed no summary:\n{err[-3000:]}")
        row = rows[0]
        base = site.base_url
        with sqlite3.connect(db) as conn:
            archived = Counter(u for (u,) in conn.execute("SELECT url FROM articles"))
            errors = Counter(dict(conn.execute("SELECT error, count(*) FROM errors GROUP BY error").fetchall()))
            error_urls = {u for (u,) in conn.execute("SELECT url FROM errors")}
            error_examples = dict(conn.execute("SELECT error, min(url) FROM errors GROUP BY error").fetchall())
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    sound = [base + p for p in paths if p not in faulted]
    missing = [u for u in sound if archived[u] == 0]
    outcomes: dict[str, Counter[str]] = {}
    for path, fault in faulted.items():
        url = base + path
        outcome = "archived" if archived[url] else ("error recorded" if url in error_urls else "not archived")
        outcomes.setdefault(fault, Counter())[outcome] += 1
    report: dict[str, Any] = {
        "crawl": row, "requests_served": requests, "wall_seconds": round(wall, 1),
        "pages_per_second": round(row.get("responses", 0) / wall, 1) if wall else None,
        "peak_rss_mb": round(max(s[1] for s in sampler.samples), 1),
        "faulted_pages": len(faulted), "sound_articles": len(sound), "sound_archived_once": sum(
            1 for u in sound if archived[u] == 1), "sound_missing": len(missing), "duplicates": sum(
            1 for n in archived.values() if n > 1), "errors_by_kind": dict(errors.most_common()),
        "error_examples": {k: v.removeprefix(base) for k, v in error_examples.items()},
        "fault_outcomes": {k: dict(v) for k, v in sorted(outcomes.items())}, "integrity_check": integrity,
        "crawl_exit_status": process.returncode, "traceback_in_output": "Traceback" in err,
    }
    report["environment"] = environment(articles=args.articles, fault_rate=args.fault_rate,
                                        concurrency=args.concurrency, timeout=args.timeout, seed=args.seed)
    env = report["environment"]
    lines = [
        "# Soak run: a large generated site with injected faults", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- site: {args.articles} generated articles in {args.categories} categories; {len(faulted)} article pages "
        f"({args.fault_rate:.0%}) answer with one of {len(PAGE_FAULTS)} faults instead; served by the hostile "
        f"site's raw socket server on 127.0.0.1; concurrency {args.concurrency}, timeout {args.timeout:g} s", "",
        f"- crawl: exit status {process.returncode}, {row.get('status')}; {row.get('requests')} requests, "
        f"{row.get('responses')} responses in {wall:.0f} s ({report['pages_per_second']} pages/s); "
        f"peak RSS {report['peak_rss_mb']:.0f} MB; a traceback in the output: {report['traceback_in_output']}",
        f"- fault-free articles: {len(sound)}; archived exactly once: {report['sound_archived_once']}; missing: "
        f"{len(missing)}; archived twice: {report['duplicates']}; archive integrity_check: {integrity}", "",
        "| errors row kind | count | an example |", "|---|---|---|",
        *[f"| {kind} | {count} | `{report['error_examples'][kind]}` |" for kind, count in errors.most_common()], "",
        "| fault | pages | outcome |", "|---|---|---|",
        *[f"| `{fault}` | {sum(c.values())} | " + ", ".join(f"{k} {v}" for k, v in c.items()) + " |"
          for fault, c in sorted(outcomes.items())],
    ]
    write_results(args.out, "soak", report, "\n".join(lines) + "\n")
    return 0 if not missing and not report["duplicates"] and process.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
