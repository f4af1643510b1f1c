"""Re-extraction speed: `reextract` over an archive, and extraction alone, in pages per second per core.

Crawls a generated site (default 1,000 articles) into a fresh archive, then, in this one process (one core):
(a) extraction alone: `extract_page` over every stored raw page, already in memory; (b) `reextract --dry-run`:
read each article's raw pages from the archive, decompress, extract, merge, compare; (c) `reextract`, writing:
the same, saving each article (unchanged content: no new version). Each is timed ``--repeat`` times; the median
is reported. The throughput benchmark's extraction figure on real pages is in `extraction.md`.

    python bench/reextract.py [--articles 1000] [--repeat 3] [--out bench/results]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archive import Archive  # noqa: E402
from assoc_crawler.demo.generate import GeneratedSite  # noqa: E402
from assoc_crawler.extract import extract_page  # noqa: E402
from assoc_crawler.records.reextract import reextract_archive  # noqa: E402
from bench.crawl_throughput import StaticServer, common_settings  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"


def timed(function: Any) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="assoc-reextract-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)
        GeneratedSite.create(workdir / "site", articles=args.articles, categories=5)
        db = workdir / "crawled.db"
        with StaticServer(workdir / "site", workdir) as server:
            subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"target={server.base_url}/",
                            "-a", f"db={db}", *common_settings(16), "-s", "LOG_LEVEL=WARNING",
                            "-s", "ASSOC_MAX_PAGES=1000000"], check=True, cwd=REPO)
        with Archive(db, readonly=True) as archive:
            raw = [page for article in archive.articles_with_raw_pages() for page in article["raw_pages"]]
        pages = len(raw)

        def extract_all() -> None:
            for page in raw:
                extract_page(page["body"], page["url"], page["headers"])

        times: dict[str, list[float]] = {"extraction alone": [], "reextract --dry-run": [], "reextract (writing)": []}
        for attempt in range(args.repeat):
            times["extraction alone"].append(timed(extract_all))
            times["reextract --dry-run"].append(timed(lambda: reextract_archive(db, dry_run=True)))
            copy = workdir / f"copy{attempt}.db"
            shutil.copy(db, copy)
            times["reextract (writing)"].append(timed(lambda c=copy: reextract_archive(c)))
        report_of_last = reextract_archive(workdir / f"copy{args.repeat - 1}.db", dry_run=True).to_dict()
    rates = {name: round(pages / statistics.median(values), 1) for name, values in times.items()}
    report: dict[str, Any] = {"pages": pages, "seconds": {k: [round(v, 2) for v in vs] for k, vs in times.items()},
                              "pages_per_second_per_core": rates, "last_dry_run": report_of_last}
    report["environment"] = environment(articles=args.articles, repeat=args.repeat)
    env = report["environment"]
    lines = [
        "# Re-extraction and extraction alone: pages per second on one core", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- archive: a crawl of {args.articles} generated articles ({pages} stored raw pages); one process; "
        f"median of {args.repeat} runs", "",
        "| what | pages/s (one core) | seconds per run |", "|---|---|---|",
    ]
    for name, values in times.items():
        lines.append(f"| {name} | {rates[name]} | {', '.join(f'{v:.2f}' for v in values)} |")
    lines += ["", "Extraction alone: raw bodies already in memory. `reextract`: reads, decompresses, extracts, "
                  "merges and compares each article; writing also saves it (unchanged: no new version)."]
    write_results(args.out, "reextract", report, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
