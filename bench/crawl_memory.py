"""Crawl memory: peak resident memory of `scrapy crawl site` on a large generated site.

Generates a site of ``--articles`` articles (default 48,000; with its list pages about 50,000 pages), serves it
with nginx on 127.0.0.1 (as `crawl_throughput.py` does), crawls it into a fresh archive at full speed, and samples
the resident set size (RSS, from /proc) of the crawl process and of its extraction worker every 0.2 s.
Target: the crawl process stays under 400 MB peak RSS. Also reports the RSS after the first tenth of the pages,
so growth per 10,000 pages can be read off.

    python bench/crawl_memory.py [--articles 48000] [--concurrency 16] [--out bench/results]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.generate import GeneratedSite  # noqa: E402
from bench.crawl_throughput import StaticServer, common_settings, scrapy_stats  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
TARGET_MB = 400


def rss_mb(pid: int) -> float | None:
    """Resident set size of a process in MB, or None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return None
    return None


def children(pid: int) -> list[int]:
    """Direct children of a process (the extraction worker and the multiprocessing helper)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except (FileNotFoundError, ValueError):
            continue
    return found


class Sampler(threading.Thread):
    """Samples the RSS of a process and its children until the process ends."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, float]] = []  # (seconds, main MB, children MB)
        self.start_time = time.monotonic()

    def run(self) -> None:
        while True:
            main = rss_mb(self.pid)
            if main is None:
                return
            kids = sum(rss_mb(child) or 0.0 for child in children(self.pid))
            self.samples.append((time.monotonic() - self.start_time, main, kids))
            time.sleep(self.interval)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=48000)
    parser.add_argument("--categories", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def crawl_sampled(server: StaticServer, db: Path, concurrency: int) -> tuple[str, Sampler]:
    """`scrapy crawl site` of the served site into `db` at full speed, its RSS sampled: (its stderr, the sampler)."""
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"target={server.base_url}/",
               "-a", f"db={db}", *common_settings(concurrency), "-s", "ASSOC_MAX_PAGES=10000000",
               "-s", "ASSOC_PATTERN_MAX_PAGES=10000000"]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               text=True)
    sampler = Sampler(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    sampler.join(timeout=5)
    return stderr, sampler


def build_report(stats: dict[str, Any], samples: list[tuple[float, float, float]], db_mb: float,
                 generated_seconds: float) -> dict[str, Any]:
    """The memory figures (the JSON results) from the crawl's stats and the RSS samples."""
    peak_main = max(s[1] for s in samples)
    peak_children = max(s[2] for s in samples)
    peak_total = max(s[1] + s[2] for s in samples)
    responses = int(stats.get("downloader/response_count", 0))
    # RSS of the crawl process at each tenth of the run's duration: growth shows up as a rising row
    duration = samples[-1][0]
    tenths = [round(next(s[1] for s in samples if s[0] >= duration * k / 10), 1) for k in range(1, 10)]
    return {
        "responses": responses, "articles_archived": stats.get("assoc/articles_new", 0),
        "seconds": stats.get("elapsed_time_seconds"), "peak_rss_mb": {
            "crawl_process": round(peak_main, 1), "extraction_workers": round(peak_children, 1),
            "together": round(peak_total, 1)},
        "crawl_process_rss_mb_by_tenth_of_run": tenths, "target_mb": TARGET_MB,
        "meets_target": peak_main < TARGET_MB, "archive_mb": round(db_mb, 1),
        "generation_seconds": round(generated_seconds, 1), "samples": len(samples),
    }


def render_markdown(report: dict[str, Any], samples: list[tuple[float, float, float]], db_mb: float,
                    served_by: str, args: argparse.Namespace) -> str:
    """The memory report as markdown (peaks and archive size unrounded, as measured)."""
    env = report["environment"]
    peak_main = max(s[1] for s in samples)
    peak_children = max(s[2] for s in samples)
    peak_total = max(s[1] + s[2] for s in samples)
    lines = [
        "# Crawl memory: peak RSS of one crawl of a large generated site", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- site: {args.articles} generated articles in {args.categories} categories, served by {served_by} on "
        f"127.0.0.1; concurrency {args.concurrency}, no delay",
        f"- crawl: {report['responses']} responses, {report['articles_archived']} articles archived in "
        f"{report['seconds']:.0f} s; archive file {db_mb:.0f} MB", "",
        "| process | peak RSS (MB) |", "|---|---|",
        f"| crawl process (target < {TARGET_MB} MB) | {peak_main:.0f} |",
        f"| extraction worker(s) | {peak_children:.0f} |",
        f"| both together | {peak_total:.0f} |", "",
        "RSS of the crawl process at each tenth of the run (MB): "
        + ", ".join(f"{v:.0f}" for v in report["crawl_process_rss_mb_by_tenth_of_run"]),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="assoc-memory-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)  # nginx's worker runs as another user
        started = time.monotonic()
        GeneratedSite.create(workdir / "site", articles=args.articles, categories=args.categories)
        generated_seconds = time.monotonic() - started
        db = workdir / "memory.db"
        with StaticServer(workdir / "site", workdir) as server:
            stderr, sampler = crawl_sampled(server, db, args.concurrency)
            served_by = server.kind
        db_mb = db.stat().st_size / 1e6
    samples = sampler.samples
    report = build_report(scrapy_stats(stderr), samples, db_mb, generated_seconds)
    report["environment"] = environment(articles=args.articles, categories=args.categories,
                                        concurrency=args.concurrency, server=served_by)
    write_results(args.out, "crawl_memory", report, render_markdown(report, samples, db_mb, served_by, args))
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
