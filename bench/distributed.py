"""Distributed crawling: 1, 2 and 4 `crawl --redis` workers and one `ingest` writer on this machine.

Generates a site (default 3,000 articles), serves it with nginx on 127.0.0.1 (access log with millisecond times),
starts a private redis-server, and for each worker count runs one writer and N workers (each at the same
per-worker concurrency, no delay) into a fresh archive. Reports, from nginx's log and the archive: pages fetched,
pages fetched more than once, pages per second over the span from the first to the last request, the wall time
from launch until the writer closed the run (this includes the workers' 5 s wait for an empty frontier), articles
archived (each exactly once?) and each worker's share.

    python bench/distributed.py [--articles 3000] [--workers 1 2 4] [--concurrency 8] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import shutil
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
from bench.crawl_throughput import StaticServer  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"


class RedisServer:
    """A private redis-server on a unix socket in workdir (no TCP port to race for), without persistence."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.socket_path = workdir / "redis.sock"
        self.url = f"unix://{self.socket_path}?db=0"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
        self.process = subprocess.Popen([binary, "--port", "0", "--unixsocket", str(self.socket_path), "--save", "",
                                         "--appendonly", "no", "--dir", str(self.workdir)], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"redis-server did not start on {self.socket_path}")
            time.sleep(0.05)
        return self

    def _answers(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.settimeout(0.2)
                probe.connect(str(self.socket_path))
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "assoc_crawler", *args]


def one_run(server: StaticServer, redis_url: str, db: Path, workers: int, concurrency: int) -> dict[str, Any]:
    logged_before = len(server.served())
    started = time.monotonic()
    writer = subprocess.Popen(cli("ingest", "--redis", redis_url, "--db", str(db), "--runs", "1", "--json"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    crawlers = [subprocess.Popen(cli("crawl", server.base_url + "/", "--redis", redis_url, "--json", "--delay", "0",
                                     "--concurrency", str(concurrency), "--max-pages", "1000000",
                                     "--progress", "never"),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
                for _ in range(workers)]
    summaries = []
    for crawler in crawlers:
        out, err = crawler.communicate(timeout=3600)
        if crawler.returncode != 0:
            raise SystemExit(f"a worker failed ({crawler.returncode}):\n{err[-3000:]}")
        summaries += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    out, err = writer.communicate(timeout=600)
    wall = time.monotonic() - started
    if writer.returncode != 0:
        raise SystemExit(f"the writer failed ({writer.returncode}):\n{err[-3000:]}")
    row = json.loads(out.splitlines()[-1])
    requests = server.served()[logged_before:]
    pages = Counter(path for _, _, path in requests if path != "/robots.txt")
    span = max(t for t, _, _ in requests) - min(t for t, _, _ in requests)
    with sqlite3.connect(db) as conn:
        articles, distinct = conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        versions = conn.execute("SELECT max(version) FROM article_versions").fetchone()[0]
    return {
        "workers": workers, "requests": len(requests), "page_fetches": sum(pages.values()),
        "pages_fetched_twice": sum(1 for n in pages.values() if n > 1), "busy_seconds": round(span, 2),
        "pages_per_second": round(len(requests) / span, 1) if span else None, "wall_seconds": round(wall, 1),
        "articles": articles, "distinct_articles": distinct, "max_version": versions, "status": row["status"],
        "worker_responses": sorted((s["responses"] for s in summaries), reverse=True),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--categories", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--concurrency", type=int, default=8, help="per worker (default 8)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="assoc-distributed-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)  # nginx's worker runs as another user
        GeneratedSite.create(workdir / "site", articles=args.articles, categories=args.categories)
        with StaticServer(workdir / "site", workdir, access_log=True) as server, RedisServer(workdir) as redis:
            if server.kind != "nginx":
                raise SystemExit("this benchmark needs nginx (apt-get install nginx-light)")
            for workers in args.workers:
                runs.append(one_run(server, redis.url, workdir / f"w{workers}.db", workers, args.concurrency))
    single = runs[0]["requests"]
    for run in runs:
        run["requests_over_first"] = round(run["requests"] / single, 3)
    report: dict[str, Any] = {"runs": runs}
    report["environment"] = environment(articles=args.articles, categories=args.categories,
                                        concurrency_per_worker=args.concurrency, server="nginx")
    env = report["environment"]
    lines = [
        "# Distributed crawling: N workers (`crawl --redis`) and one writer (`ingest`) on one machine", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- site: {args.articles} generated articles in {args.categories} categories, served by nginx on "
        f"127.0.0.1; each worker at concurrency {args.concurrency}, no delay; a private redis-server", "",
        "| workers | requests | vs 1 worker | pages fetched twice | busy s | pages/s | wall s | articles (distinct)"
        " | max version | run | responses per worker |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(f"| {r['workers']} | {r['requests']} | {r['requests_over_first']:.3f} | "
                     f"{r['pages_fetched_twice']} | {r['busy_seconds']} | {r['pages_per_second']} | "
                     f"{r['wall_seconds']} | {r['articles']} ({r['distinct_articles']}) | {r['max_version']} | "
                     f"{r['status']} | {', '.join(map(str, r['worker_responses']))} |")
    lines += ["", "busy s: first to last request in nginx's log; wall s: launch to the writer closing the run, "
                  "which includes the workers' wait (ASSOC_REDIS_IDLE_SECONDS, 5 s) for a frontier that stays "
                  "empty. Every process shares the machine's cores: on 2 cores more workers add concurrency, "
                  "not CPU."]
    write_results(args.out, "distributed", report, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
