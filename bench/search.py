"""Search and export benchmark on a generated archive (default 100,000 articles).

Builds the archive with the project's own article generator through `Archive.save_article` (the same writes
a crawl makes, FTS triggers included), or reuses `--db` when it already holds the archive. Then:

- search latency (`archive.search.search`, first page of 20, best-first), five runs of each query after one
  untimed pass over all of them, p50 / p95 / max per class: terms of 3+ characters (trigram index) and of 1-2
  characters (the character/pair index for Chinese, a scan for Latin letters);
- export of the whole archive (CSV and JSON Lines, by the real CLI in a subprocess) and of one site's share:
  peak memory of each, to show it does not grow with what is exported.

Writes `search.md` and `search.json` to `--out` (default bench/results).

    python bench/search.py [--articles 100000] [--db PATH] [--out bench/results]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archive import Archive  # noqa: E402
from archive.search import count, search  # noqa: E402
from assoc_crawler.demo.generate import synthetic_article  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
LONG_TERMS = ("再生铝", "碳达峰", "回收体系建设", "废旧动力电池", "产能利用率", "行业规范条件", "绿色低碳转型",
              "专题座谈会", "再生不锈钢", "进口政策调整", "数字化改造", "长三角", "再生鋁", "钴锂资源", "recycling")
SHORT_TERMS = ("铝", "铜", "钢", "再生", "回收", "价格", "协会", "鋁", "减排", "镍", "AI")
RUNS = 5


def build(path: Path, articles: int) -> float:
    """A fresh archive of generated articles in 20 sites; seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    newest = datetime(2026, 11, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    with Archive(path) as archive:
        crawl_id = archive.start_crawl("bench", "*")
        for i in range(articles):
            published = newest - timedelta(hours=3 * i)
            title, paragraphs = synthetic_article(7, i, published)
            archive.save_article(crawl_id, {
                "url": f"https://site{i % 20}.test/a/{i}.html", "site": f"site{i % 20}", "title": title,
                "published_at": published.isoformat(), "source": f"来源{i % 13}", "editor": f"编辑{i % 7}",
                "category": f"栏目{i % 9}", "body_text": "\n".join(paragraphs)})
        archive.finish_crawl(crawl_id, "finished", {})
    return time.perf_counter() - started


def latency(archive: Archive, terms: tuple[str, ...]) -> dict[str, Any]:
    """Per-query timings (ms) and the class's percentiles."""
    per_query, all_ms = {}, []
    for term in terms:  # one untimed pass first: the timings are of a warm page cache, as on a server in use
        search(archive.conn, term, limit=20)
    for term in terms:
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            search(archive.conn, term, limit=20)
            runs.append((time.perf_counter() - started) * 1000)
        per_query[term] = {"matches": count(archive.conn, term), "median_ms": round(statistics.median(runs), 2),
                           "max_ms": round(max(runs), 2)}
        all_ms += runs
    all_ms.sort()
    return {"queries": per_query, "p50_ms": round(statistics.median(all_ms), 2),
            "p95_ms": round(all_ms[int(0.95 * (len(all_ms) - 1))], 2), "max_ms": round(all_ms[-1], 2)}


def export_run(db: Path, fmt: str, *extra: str) -> dict[str, Any]:
    """One export by the CLI in a child process: seconds, peak RSS (MB), articles."""
    code = ("import resource, sys; from assoc_crawler.cli.main import main; status = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(status)")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, "export", "--db", str(db), "--format", fmt,
                             "--out", os.devnull, *extra], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"export failed: {result.stderr[-2000:]}")
    lines = result.stderr.strip().splitlines()
    return {"format": fmt, "filter": " ".join(extra) or "all", "seconds": round(seconds, 2),
            "peak_rss_mb": round(int(lines[-1]) / 1024, 1), "articles": int(lines[-2].split()[1])}


def render(report: dict[str, Any]) -> str:
    env = report["environment"]
    lines = [
        "# Search and export benchmark", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; SQLite "
        f"{env['sqlite']}; git {env['git'] or '?'}",
        f"- archive: {env['articles']} generated articles, {env['db_mb']} MB"
        + (f", built in {env['build_seconds']} s" if env.get("build_seconds") else ""), "",
        "| query class | queries | p50 ms | p95 ms | max ms | target (p95) |", "|---|---|---|---|---|---|",
    ]
    for name, target in (("3+ characters", "50 ms"), ("1-2 characters", "500 ms")):
        r = report["search"][name]
        lines.append(f"| {name} | {len(r['queries'])} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {target} |")
    lines += ["", "| query | class | matches | median ms | max ms |", "|---|---|---|---|---|"]
    for name, r in report["search"].items():
        lines += [f"| {q} | {name} | {v['matches']} | {v['median_ms']} | {v['max_ms']} |"
                  for q, v in r["queries"].items()]
    lines += ["", "| export | filter | articles | seconds | peak RSS MB |", "|---|---|---|---|---|"]
    lines += [f"| {e['format']} | {e['filter']} | {e['articles']} | {e['seconds']} | {e['peak_rss_mb']} |"
              for e in report["export"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/assoc-bench-search.db"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    build_seconds = None
    have = 0
    if args.db.exists():
        with Archive(args.db) as archive:
            have = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if have != args.articles:
        build_seconds = round(build(args.db, args.articles), 1)
    with Archive(args.db, readonly=True) as archive:
        report: dict[str, Any] = {"search": {"3+ characters": latency(archive, LONG_TERMS),
                                             "1-2 characters": latency(archive, SHORT_TERMS)}}
    report["export"] = [export_run(args.db, "csv"), export_run(args.db, "jsonl"),
                        export_run(args.db, "csv", "--site", "site0")]
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    report["environment"] = environment(
        sqlite=sqlite3.sqlite_version, articles=args.articles, db_mb=round(args.db.stat().st_size / 1e6),
        build_seconds=build_seconds, bench_peak_rss_mb=peak_mb)
    write_results(args.out, "search", report, render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
