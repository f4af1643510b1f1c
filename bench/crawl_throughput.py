"""Crawl throughput: `assoc-crawler crawl` against a bare Scrapy spider on the same generated site.

Generates an association site with the project's generator (default 3,000 articles), serves its files with
nginx on 127.0.0.1 (Python's http.server if nginx is missing: slower, and said so in the results), and runs,
alternately so machine noise hits both, (a) a bare Scrapy spider that follows every same-site link and does
nothing else and (b) `assoc-crawler crawl` into a fresh archive, both at the same concurrency, no delay,
robots.txt obeyed. Speed = responses / Scrapy's own elapsed time (process start-up excluded). Target: b/a >= 0.8.

Writes `crawl_throughput.md` and `.json` to `--out` (default bench/results).

    python bench/crawl_throughput.py [--articles 3000] [--repeat 2] [--concurrency 16] [--out bench/results]
    python bench/crawl_throughput.py --pager dede --categories 7 --per-page 10   # issue 16's site shape
      (writes crawl_throughput_dede.md and .json)
"""

from __future__ import annotations

import argparse
import ast
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.generate import PAGERS, GeneratedSite  # noqa: E402
from assoc_crawler.demo.server import DemoSite  # noqa: E402
from bench.results_io import environment, write_results  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"

BARE_SPIDER = '''
import scrapy
from urllib.parse import urlsplit


class Bare(scrapy.Spider):
    """Follows every same-site link; extracts and stores nothing."""

    name = "bare"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.host = urlsplit(start).netloc

    def parse(self, response):
        if not hasattr(response, "css"):
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc == self.host and url.startswith("http"):
                yield scrapy.Request(url, callback=self.parse)
'''

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format timed '$msec $status $request_uri';
    access_log {access_log};
    types {{ text/html html; text/plain txt; text/css css; }}
    default_type application/octet-stream;
    charset utf-8;
    etag on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        location / {{ try_files $uri $uri/ =404; }}
        location = /__bench_server {{ access_log off; return 200 "{token}"; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StaticServer:
    """nginx serving a directory (or, without nginx, the project's DemoSite)."""

    def __init__(self, site_dir: Path, workdir: Path, access_log: bool = False) -> None:
        self.site_dir, self.workdir = site_dir, workdir
        self.access_log = workdir / "access.log" if access_log else None
        self.process: subprocess.Popen | None = None
        self.demo: DemoSite | None = None
        self.kind = "nginx" if shutil.which("nginx") else "python http.server (DemoSite)"
        self.base_url = ""

    def __enter__(self) -> StaticServer:
        if self.kind == "nginx":
            for _ in range(5):  # a port picked free can be taken before nginx binds it: then try another
                if self._start_nginx(free_port()):
                    return self
            raise SystemExit(f"nginx did not start (see {self.workdir / 'error.log'})")
        self.demo = DemoSite("bench", self.site_dir).start()
        self.base_url = self.demo.base_url
        return self

    def _start_nginx(self, port: int) -> bool:
        """Start nginx on port; True once it answers with this run's token (so no other server is measured)."""
        token = secrets.token_hex(8)
        conf = self.workdir / "nginx.conf"
        log = f"{self.access_log} timed" if self.access_log else "off"
        conf.write_text(NGINX_CONF.format(prefix=self.workdir, port=port, root=self.site_dir / "www",
                                          access_log=log, token=token))
        self.process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.workdir)],
                                        stderr=subprocess.DEVNULL)
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/__bench_server", timeout=0.5) as answer:
                    if answer.read().decode() == token:
                        return True
            except OSError:
                time.sleep(0.05)
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        return False

    def served(self) -> list[tuple[float, int, str]]:
        """(time, status, path) of every request logged so far (nginx with access_log only)."""
        if self.access_log is None or not self.access_log.exists():
            return []
        rows = []
        for line in self.access_log.read_text().splitlines():
            stamp, status, path = line.split(" ", 2)
            rows.append((float(stamp), int(status), path))
        return rows

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self.demo is not None:
            self.demo.stop()


def scrapy_stats(stderr: str) -> dict[str, Any]:
    """The stats dict Scrapy dumps at INFO level when a crawl closes."""
    match = re.search(r"Dumping Scrapy stats:\s*(\{.*?\})\s*\n\S", stderr + "\nX", re.DOTALL)
    if not match:
        raise SystemExit("no Scrapy stats in the output:\n" + stderr[-2000:])
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def common_settings(concurrency: int) -> list[str]:
    values = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
              "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "INFO",
              "TELNETCONSOLE_ENABLED": False}
    return [x for name, value in values.items() for x in ("-s", f"{name}={value}")]


def run_bare(base_url: str, workdir: Path, concurrency: int) -> dict[str, Any]:
    spider = workdir / "bare_spider.py"
    spider.write_text(BARE_SPIDER)
    result = subprocess.run([sys.executable, "-m", "scrapy", "runspider", str(spider), "-a", f"start={base_url}/",
                             *common_settings(concurrency)], capture_output=True, text=True, cwd=workdir)
    stats = scrapy_stats(result.stderr)
    return {"responses": stats.get("downloader/response_count", 0), "seconds": stats["elapsed_time_seconds"],
            "items": 0}


def run_ours(base_url: str, workdir: Path, concurrency: int, workers: int | None = None) -> dict[str, Any]:
    db = workdir / f"ours-{time.monotonic_ns()}.db"
    extra = ["-s", f"ASSOC_EXTRACT_WORKERS={workers}"] if workers is not None else []
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"target={base_url}/",
                             "-a", f"db={db}", *common_settings(concurrency), "-s", "ASSOC_MAX_PAGES=1000000",
                             *extra], capture_output=True, text=True, cwd=REPO)
    stats = scrapy_stats(result.stderr)
    return {"responses": stats.get("downloader/response_count", 0), "seconds": stats["elapsed_time_seconds"],
            "items": stats.get("assoc/articles_new", 0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--categories", type=int, default=10)
    parser.add_argument("--per-page", type=int, default=20, help="items per list page (default 20)")
    parser.add_argument("--pager", choices=PAGERS, default="wide",
                        help="list pager: ten numbers (wide), or DedeCMS's default of five numbers and a <select> "
                             "(dede; with --categories 7 --per-page 10: the site of issue 16, 43 list pages a "
                             "column)")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each (default 2)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, help="ASSOC_EXTRACT_WORKERS for ours (default: the project's)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "ours": []}
    with tempfile.TemporaryDirectory(prefix="assoc-throughput-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)  # nginx's worker runs as another user
        GeneratedSite.create(workdir / "site", articles=args.articles, categories=args.categories,
                             per_page=args.per_page, pager=args.pager)
        with StaticServer(workdir / "site", workdir) as server:
            for _ in range(args.repeat):
                runs["bare"].append(run_bare(server.base_url, workdir, args.concurrency))
                runs["ours"].append(run_ours(server.base_url, workdir, args.concurrency, args.workers))
            served_by = server.kind
    speed = {name: statistics.median(r["responses"] / r["seconds"] for r in results)
             for name, results in runs.items()}
    report = {"runs": runs, "pages_per_second": {k: round(v, 1) for k, v in speed.items()},
              "ratio_ours_over_bare": round(speed["ours"] / speed["bare"], 3)}
    report["environment"] = environment(articles=args.articles, categories=args.categories, per_page=args.per_page,
                                        pager=args.pager,
                                        concurrency=args.concurrency, repeat=args.repeat, server=served_by,
                                        extract_workers=args.workers)
    env = report["environment"]
    lines = [
        "# Crawl throughput: assoc-crawler against a bare Scrapy spider", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}",
        f"- site: {args.articles} generated articles in {args.categories} categories, {args.per_page} a list page, "
        f"{args.pager} pager, served by {served_by} on "
        f"127.0.0.1; concurrency {args.concurrency}, no delay, robots.txt obeyed; {args.repeat} alternating runs",
        "", "| crawler | run | responses | seconds (Scrapy elapsed) | pages/s | articles archived |",
        "|---|---|---|---|---|---|",
    ]
    for name, results in runs.items():
        for number, r in enumerate(results, 1):
            lines.append(f"| {name} | {number} | {r['responses']} | {r['seconds']:.2f} | "
                         f"{r['responses'] / r['seconds']:.1f} | {r['items']} |")
    lines += ["", f"median pages/s: bare {speed['bare']:.1f}, ours {speed['ours']:.1f}; "
                  f"ratio ours/bare {report['ratio_ours_over_bare']} (target >= 0.8)"]
    stem = "crawl_throughput" if args.pager == "wide" else f"crawl_throughput_{args.pager}"
    write_results(args.out, stem, report, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
