"""The integrity check a crawl runs before it writes (`archive.check_integrity`: PRAGMA quick_check on a
read-only connection), timed on a large archive (default: at least 1 GB).

Builds the archive through `Archive.save_article` (the writes a crawl makes: versions, raw pages, both search
indexes), with generated articles and their raw pages, until the file reaches `--size-mb`; or reuses `--db`.
Then times, each `--repeat` times after one untimed pass (so the file is in the page cache, as on a machine
that just wrote it): reading the whole file (the floor), `check_integrity`, and the full PRAGMA integrity_check
for comparison. Writes `archive_check.md` and `.json` to `--out` (default bench/results).

    python bench/archive_check.py [--size-mb 1024] [--db PATH] [--repeat 3] [--out bench/results] [--no-cold]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archive import Archive, check_integrity  # noqa: E402
from assoc_crawler.demo.generate import synthetic_article  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
_FILLER = "再生金属产业链回收利用体系建设座谈会行业协会企业代表发言铝铜铅锌镍钴锂资源循环绿色低碳发展"


def build(path: Path, size_mb: int) -> tuple[float, int]:
    """Articles with raw pages until the file holds size_mb megabytes; (seconds, articles)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(17)
    started = time.perf_counter()
    newest = datetime(2026, 11, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    written = 0
    with Archive(path) as archive:
        archive.batch(500, 5.0)
        crawl_id = archive.start_crawl("bench", "*")
        while True:
            for _ in range(1000):
                published = newest - timedelta(hours=written)
                title, paragraphs = synthetic_article(7, written, published)
                noise = "".join(rng.choice(_FILLER) for _ in range(6000))  # a page's template, as stored
                html = f"<html><head><title>{title}</title></head><body><p>{'</p><p>'.join(paragraphs)}</p>"
                url = f"https://site{written % 20}.test/a/{written}.html"
                archive.save_article(crawl_id, {
                    "url": url, "site": f"site{written % 20}", "title": title,
                    "published_at": published.isoformat(), "body_text": "\n".join(paragraphs),
                    "raw_pages": [{"url": url, "page_no": 1, "status": 200, "headers": {}, "encoding": "utf-8",
                                   "body": (html + f"<div>{noise}</div></body></html>").encode()}]})
                written += 1
            archive.flush()
            if path.stat().st_size + _wal_size(path) >= size_mb * 1024 * 1024:
                break
    return time.perf_counter() - started, written


def _wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def _read_file(path: Path) -> None:
    with path.open("rb") as file:
        while file.read(1 << 20):
            pass


def _integrity_check(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def cold_seconds(action: Any) -> float | None:
    """One run with the page cache emptied first (as a nightly job meets the file), or None when this user may
    not empty it (it needs root: /proc/sys/vm/drop_caches)."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return None
    started = time.perf_counter()
    action()
    return round(time.perf_counter() - started, 3)


def timed(action: Any, repeat: int) -> dict[str, float]:
    action()  # untimed: the file in the page cache
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(runs), 3), "max_s": round(max(runs), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--db", type=Path, help="reuse this archive (built there when missing)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-cold", action="store_true", help="skip the run with the page cache emptied")
    args = parser.parse_args(argv)
    path = args.db or Path("/tmp/assoc-bench-archive-check.db")
    built: dict[str, Any] = {}
    if not path.exists():
        seconds, articles = build(path, args.size_mb)
        built = {"build_s": round(seconds, 1), "articles": articles}
    else:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            built = {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0]}
    size_mb = path.stat().st_size / (1024 * 1024)
    cold_read = None if args.no_cold else cold_seconds(lambda: _read_file(path))
    cold = None if args.no_cold else cold_seconds(lambda: check_integrity(path))
    read = timed(lambda: _read_file(path), args.repeat)
    quick = timed(lambda: check_integrity(path), args.repeat)
    full = timed(lambda: _integrity_check(path), args.repeat)
    report = {"environment": environment(), "archive": {"path": str(path), "size_mb": round(size_mb, 1), **built},
              "read_file": read, "check_integrity": quick, "integrity_check": full,
              "cold_cache": {"read_file_s": cold_read, "check_integrity_s": cold},
              "quick_check_vs_read": round(quick["median_s"] / max(read["median_s"], 1e-9), 1)}
    env = report["environment"]
    markdown = "\n".join([
        "# Archive integrity check before a crawl writes", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- archive: {size_mb:,.0f} MB, {built['articles']:,} generated articles with raw pages"
        + (f", built in {built['build_s']:.0f} s" if "build_s" in built else " (built by an earlier run)"),
        f"- each figure: median (max) of {args.repeat} runs after one untimed run (file in the page cache)", "",
        "| what | median s | max s |", "|---|---|---|",
        f"| read the file (floor) | {read['median_s']} | {read['max_s']} |",
        f"| `check_integrity` (PRAGMA quick_check, read-only): what a crawl runs | {quick['median_s']} | "
        f"{quick['max_s']} |",
        f"| PRAGMA integrity_check (for comparison; not run by crawls) | {full['median_s']} | {full['max_s']} |",
        "", f"quick_check takes {report['quick_check_vs_read']} x the time of reading the file.",
        "", "With the page cache emptied first (as a nightly job may meet the file): "
        + (f"reading the file {cold_read} s, `check_integrity` {cold} s." if cold is not None
           else "not measured (--no-cold, or emptying the page cache needs root)."), ""])
    write_results(args.out, "archive_check", report, markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
