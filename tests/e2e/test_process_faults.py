"""The crawl's process under faults: extraction workers that die (OOM killer, SIGKILL), Ctrl-C once and twice.
Real `assoc-crawler crawl` processes against a generated site on 127.0.0.1, real worker processes, real SQLite."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO_ROOT, descendants, wait_until

from assoc_crawler.crawl.pool import ExtractionPool
from assoc_crawler.demo.generate import GeneratedSite
from assoc_crawler.demo.server import DemoSite
from assoc_crawler.extract.model import ExtractionHints

ARTICLES = 60
PAGE = ("<html><head><title>铝价走势 - 协会</title></head><body><h1>铝价走势</h1><p>2024-03-01</p>"
        + "<p>" + "再生铝行业运行平稳，产量同比增长。" * 20 + "</p></body></html>").encode()


def _die_unless(marker: str) -> ExtractionHints:
    """Unpickled in a worker: kills it (as the OOM killer would) unless the marker file exists; the marker is
    created first, so with ``once`` only the first worker dies."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died")
        os._exit(9)
    return ExtractionHints()


def _die_always(_: str) -> ExtractionHints:
    os._exit(9)


class FatalHints(ExtractionHints):
    """Hints whose unpickling in a worker kills it; in the crawl's own process they are plain hints."""

    def __init__(self, marker: str, always: bool = False) -> None:
        super().__init__()
        self.marker, self.always = marker, always

    def __reduce__(self):  # noqa: ANN204
        return (_die_always if self.always else _die_unless), (self.marker,)


def _extract_all(pool: ExtractionPool, hints: list[ExtractionHints]) -> list:
    async def run() -> list:
        return await asyncio.gather(*(pool.extract(PAGE, f"http://127.0.0.1/a/{i}.html", {}, h)
                                      for i, h in enumerate(hints)))
    try:
        return asyncio.run(run())
    finally:
        pool.shutdown()


def test_a_dead_worker_is_replaced_and_its_pages_extracted_again(tmp_path):
    pool = ExtractionPool(1)
    hints = [ExtractionHints(), FatalHints(str(tmp_path / "m")), *[ExtractionHints()] * 4]
    results = _extract_all(pool, hints)
    assert [r[0].title for r in results] == ["铝价走势"] * 6
    assert pool.restarts == 1 and pool.in_process == 0  # one new pool, however many pages the dead one held


def test_a_page_that_kills_every_worker_is_extracted_in_the_crawl_process(tmp_path):
    pool = ExtractionPool(1)
    results = _extract_all(pool, [FatalHints(str(tmp_path / "m"), always=True), ExtractionHints()])
    assert [r[0].title for r in results] == ["铝价走势"] * 2
    assert pool.in_process >= 1 and pool.restarts >= 1


def test_after_too_many_deaths_the_crawl_process_extracts_alone(tmp_path):
    pool = ExtractionPool(1, max_restarts=1)
    _extract_all(pool, [FatalHints(str(tmp_path / "m"), always=True)])
    before = pool.in_process
    started = time.monotonic()
    assert _extract_all(pool, [ExtractionHints()])[0][0].title == "铝价走势"
    assert pool.in_process == before + 1 and pool._executor is None  # no new worker was started
    assert time.monotonic() - started < 5


# -- whole crawls --------------------------------------------------------------------------------------------

@pytest.fixture
def slow_site(tmp_path: Path):
    GeneratedSite.create(tmp_path / "site", articles=ARTICLES, categories=3, per_page=10, delay=0.1)
    served = DemoSite("gen", tmp_path / "site").start()
    yield served
    served.stop()


@pytest.fixture
def slower_site(tmp_path: Path):
    """Pages answered in a second: a graceful stop waits that long for the pages in flight, so a second signal
    0.2 s after the first always finds the crawl still stopping (with 0.1 s pages it could find it finished and
    the interpreter already exiting)."""
    GeneratedSite.create(tmp_path / "site", articles=ARTICLES, categories=3, per_page=10, delay=1.0)
    served = DemoSite("gen", tmp_path / "site").start()
    yield served
    served.stop()


def _start(served: DemoSite, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assoc_crawler", "crawl", served.base_url + "/", "--db", str(db), "--json",
         "--delay", "0", "--timeout", "5", "--concurrency", "2", "--progress", "never"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _workers(pid: int) -> set[int]:
    """The crawl's extraction workers (its children, without multiprocessing's resource tracker)."""
    return {child for child, command in descendants(pid).items() if "resource_tracker" not in command}


def test_workers_killed_mid_crawl_cost_no_page(slow_site, tmp_path):
    db = tmp_path / "a.db"
    crawl = _start(slow_site, db)
    killed: set[int] = set()
    for articles in (5, 25):
        wait_until(lambda n=articles: _count(db, "SELECT count(*) FROM articles") >= n, 90, f"{articles} articles")
        # a worker not killed before (one just killed may not be reaped yet, and must not count twice)
        wait_until(lambda: _workers(crawl.pid) - killed, 30, "a live extraction worker")
        for worker in _workers(crawl.pid) - killed:
            os.kill(worker, signal.SIGKILL)
            killed.add(worker)
    out, err = crawl.communicate(timeout=180)
    assert crawl.returncode == 0, err[-2000:]
    row = json.loads(out.splitlines()[-1])
    assert row["status"] == "finished" and row["articles_new"] == ARTICLES and row["errors"] == 0
    assert row["workers_replaced"] == len(killed) >= 2, (killed, err[-2000:])
    assert _count(db, "SELECT count(*) FROM errors") == 0
    assert _count(db, "SELECT count(*) FROM frontier") == 0
    assert "Traceback" not in err


def _interrupt(served: DemoSite, db: Path, signals: int) -> tuple[subprocess.Popen, str, str, float]:
    crawl = _start(served, db)
    wait_until(lambda: _count(db, "SELECT count(*) FROM articles") >= 10, 90, "10 articles")
    started = time.monotonic()
    for _ in range(signals):
        os.killpg(crawl.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
        time.sleep(0.2)
    out, err = crawl.communicate(timeout=60)
    return crawl, out, err, time.monotonic() - started


def _next_run_finishes(served: DemoSite, db: Path) -> None:
    crawl = _start(served, db)
    out, err = crawl.communicate(timeout=180)
    assert crawl.returncode == 0, err[-2000:]
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(*) FROM frontier") == 0
    assert _count(db, "SELECT count(*) FROM errors") == 0


def test_ctrl_c_stops_within_seconds_with_one_line_and_loses_nothing(slow_site, tmp_path):
    db = tmp_path / "a.db"
    crawl, out, err, seconds = _interrupt(slow_site, db, 1)
    assert seconds < 10
    assert crawl.returncode == 1  # interrupted: not what was asked
    said = [line for line in err.splitlines() if line.startswith("assoc-crawler:")]
    assert len(said) == 1 and "kept" in said[0] and "again" in said[0], err[-2000:]
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    assert json.loads(out.splitlines()[-1])["status"] == "interrupted"
    assert _count(db, "SELECT count(*) FROM errors") == 0  # no page fetched during the stop became an error
    kept = _count(db, "SELECT count(*) FROM articles")
    assert 10 <= kept < ARTICLES
    _next_run_finishes(slow_site, db)


def test_a_second_ctrl_c_stops_at_once_and_the_next_run_recovers(slower_site, tmp_path):
    db = tmp_path / "a.db"
    crawl, out, err, seconds = _interrupt(slower_site, db, 2)
    assert crawl.returncode == 130 and seconds < 5
    assert "stopped at once" in err and "Traceback" not in err
    assert _count(db, "SELECT count(*) FROM articles") >= 10
    _next_run_finishes(slower_site, db)
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT status FROM crawls ORDER BY id")] == ["interrupted", "finished"]


def test_ctrl_c_while_a_multi_page_article_is_fetched_stops_within_seconds(tmp_path):
    """Pages 2..n of an article are fetched by its callback; a stop must not wait for all of them (here each takes
    the server 1 s): the article is left whole for the next run, which archives every page of it."""
    from conftest import RoutedSite, serving
    from test_identity import TEXT, listing, page

    def article_page(number: int) -> str:
        pager = " ".join(f'<a href="/news/9{"" if n == 1 else f"_{n}"}.html">{n}</a>' for n in range(1, 9))
        title = "协会第9次专题调研活动顺利举行"
        return page(title, f'<h1>{title}</h1><div class="info">发布时间：2024-03-09 09:00</div>'
                           f'<div class="content"><p>第{number}页。{TEXT}</p></div><div class="pages">{pager}'
                           f'<a href="/news/9_{min(number + 1, 8)}.html">下一页</a></div>')

    site = RoutedSite({"/": listing(["/news/9.html"]), "/news/": listing(["/news/9.html"]),
                       "/news/9.html": article_page(1),
                       **{f"/news/9_{n}.html": article_page(n) for n in range(2, 9)}})
    db = tmp_path / "a.db"
    handler = site.handler()
    answer = handler.do_GET
    arrived: list[str] = []  # (site.requests is written after the pause, as the answer goes out)

    def slow_continuations(self) -> None:  # noqa: ANN001
        arrived.append(self.path)
        if "_" in self.path and site.routes.get("/slow"):
            time.sleep(1.0)
        answer(self)

    handler.do_GET = slow_continuations
    site.routes["/slow"] = "yes"
    with serving(handler) as base:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "assoc_crawler", "crawl", base + "/", "--db", str(db), "--delay", "0",
             "--progress", "never"], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        wait_until(lambda: "/news/9_2.html" in arrived, 60, "page 2 of the article requested")
        started = time.monotonic()
        os.killpg(crawl.pid, signal.SIGINT)  # while page 2 is being answered: nothing is queued to drop
        out, err = crawl.communicate(timeout=60)
        assert time.monotonic() - started < 4, err[-2000:]
        assert crawl.returncode == 1 and "Traceback" not in err
        assert "/news/9_3.html" not in site.requests  # no page asked for after the stop
        site.routes["/slow"] = ""
        assert _count(db, "SELECT count(*) FROM articles") == 0 and _count(db, "SELECT count(*) FROM errors") == 0
        again = subprocess.run([sys.executable, "-m", "assoc_crawler", "crawl", base + "/", "--db", str(db),
                                "--delay", "0", "--progress", "never"], cwd=REPO_ROOT, capture_output=True,
                               text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _count(db, "SELECT page_count FROM articles") == 8
    assert _count(db, "SELECT count(*) FROM frontier") == 0
