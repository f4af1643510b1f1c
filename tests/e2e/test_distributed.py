"""Distributed crawling end to end: a real redis-server on 127.0.0.1, `assoc-crawler crawl --redis` worker
processes, one `assoc-crawler ingest` writer, a generated site served on 127.0.0.1; request counts come from the
server's log, and the archive is read with sqlite3."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAST, REPO_ROOT, required, run_cli, wait_until

from archive import SiteLock
from assoc_crawler.demo.generate import GeneratedSite
from assoc_crawler.demo.server import DemoSite
from assoc_crawler.distributed.protocol import RunKeys

ARTICLES, CATEGORIES, PER_PAGE = 80, 4, 10
REQUIRED = required("ASSOC_REQUIRE_REDIS")  # .ci/run installs redis-server and sets this


def _pings(client) -> bool:
    import redis

    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A private redis-server for this module (no persistence), on a unix socket only (--port 0: no TCP port to
    pick, so no race with other processes for one); the workers and the writer reach it by its unix:// URL."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        if REQUIRED:
            pytest.fail("redis-server is missing (ASSOC_REQUIRE_REDIS=1)")
        pytest.skip("redis-server is not installed")
    with tempfile.TemporaryDirectory(prefix="assoc-redis-") as workdir:  # short: a socket path has ~100 bytes
        socket_path = os.path.join(workdir, "redis.sock")
        server = subprocess.Popen([binary, "--port", "0", "--unixsocket", socket_path, "--unixsocketperm", "700",
                                   "--save", "", "--appendonly", "no", "--dir", workdir],
                                  stdout=subprocess.DEVNULL)
        url = f"unix://{socket_path}?db=0"
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        try:
            wait_until(lambda: server.poll() is not None or _pings(client), 20, "redis-server to answer")
            assert server.poll() is None, f"redis-server exited with status {server.returncode}"
            yield url
        finally:
            client.close()
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def redis_db(redis_url: str) -> str:
    """An empty Redis database for one test."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


def _site(directory: Path, delay: float = 0.0) -> tuple[GeneratedSite, DemoSite]:
    generated = GeneratedSite.create(directory, articles=ARTICLES, categories=CATEGORIES, per_page=PER_PAGE,
                                     delay=delay)
    return generated, DemoSite("gen", directory).start()


def _python(*args: str) -> list[str]:
    return [sys.executable, "-m", "assoc_crawler", *args]


def start_writer(redis_url: str, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(_python("ingest", "--redis", redis_url, "--db", str(db), "--json", *extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)


def start_worker(redis_url: str, served: DemoSite, *extra: str) -> subprocess.Popen:
    # a timeout well above any response time on a loaded machine: these tests count requests exactly, and a
    # timed-out request retried would count twice on one side only
    return subprocess.Popen(_python("crawl", served.base_url + "/", "--redis", redis_url, "--json", *FAST,
                                    "--timeout", "15", "--concurrency", "2", *extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, list[dict], str]:
    out, err = process.communicate(timeout=timeout)
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return process.returncode, rows, err


def distributed_run(redis_url: str, served: DemoSite, db: Path, workers: int) -> tuple[dict, list[dict], list]:
    """One run of ``workers`` workers and a writer; (the crawl row, the workers' summaries, requests served)."""
    served.clear_requests()
    writer = start_writer(redis_url, db, "--runs", "1")
    crawlers = [start_worker(redis_url, served) for _ in range(workers)]
    summaries = []
    for crawler in crawlers:
        status, rows, err = finish(crawler)
        assert status == 0, err[-3000:]
        summaries += rows
    status, rows, err = finish(writer)
    assert status == 0 and len(rows) == 1, err[-3000:]
    return rows[0], summaries, list(served.requests)


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def page_fetches(requests: list) -> int:
    return sum(1 for r in requests if r.path != "/robots.txt")


def test_two_workers_and_one_writer_archive_every_article_once(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site", delay=0.01)
    try:
        alone, _, single_requests = distributed_run(redis_db, served, tmp_path / "one.db", workers=1)
        assert alone["status"] == "finished" and alone["articles_new"] == ARTICLES

        row, summaries, requests = distributed_run(redis_db, served, tmp_path / "two.db", workers=2)
        db = tmp_path / "two.db"
        assert row["status"] == "finished" and row["articles_new"] == ARTICLES
        urls = [u for (u,) in query(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(served.base_url + p for p in generated.article_paths())  # each once
        assert query(db, "SELECT count(*), max(version) FROM article_versions") == [(ARTICLES, 1)]
        assert query(db, "SELECT count(*) FROM frontier") == [(0,)]
        # one crawls row with the workers' totals; both workers did part of the work
        assert query(db, "SELECT count(*), sum(requests) FROM crawls") == [(1, len(requests))]
        assert len(summaries) == 2 and all(s["responses"] > 0 for s in summaries), summaries
        assert sum(s["responses"] for s in summaries) == len(requests)
        # no page fetched twice; total fetches within 5% of the single worker's
        paths = Counter(r.path for r in requests if r.path != "/robots.txt")
        assert max(paths.values()) == 1, paths.most_common(3)
        assert len(requests) <= 1.05 * len(single_requests), (len(requests), len(single_requests))
        assert page_fetches(requests) == page_fetches(single_requests)
    finally:
        served.stop()


def test_a_later_distributed_run_is_incremental(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site")
    db = tmp_path / "a.db"
    try:
        first, _, first_requests = distributed_run(redis_db, served, db, workers=2)
        assert first["articles_new"] == ARTICLES and first["mode"] == "full"
        generated.add_articles(3)
        generated.write()
        second, _, requests = distributed_run(redis_db, served, db, workers=2)
        assert second["mode"] == "incremental" and second["articles_new"] == 3
        assert len(requests) <= 0.15 * len(first_requests), [r.path for r in requests]
        assert query(db, "SELECT count(*) FROM articles") == [(ARTICLES + 3,)]
    finally:
        served.stop()


def test_a_killed_worker_loses_nothing_after_the_next_run(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site", delay=0.03)
    db = tmp_path / "a.db"
    try:
        writer = start_writer(redis_db, db, "--runs", "1", "--dead-seconds", "3")
        victim = start_worker(redis_db, served)
        survivor = start_worker(redis_db, served)
        wait_until(lambda: _count(db, "SELECT count(*) FROM articles") >= 15, 90, "15 articles in the archive")
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        status, _, err = finish(survivor)
        assert status == 0, err[-3000:]
        status, rows, err = finish(writer)
        assert status == 1 and rows[0]["status"] == "interrupted", err[-3000:]  # a lost worker: interrupted
        saved = {u for (u,) in query(db, "SELECT url FROM articles")}
        assert 15 <= len(saved) <= ARTICLES

        row, _, _ = distributed_run(redis_db, served, db, workers=1)
        assert row["status"] == "finished"
        urls = [u for (u,) in query(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(served.base_url + p for p in generated.article_paths())  # every one, once
        assert set(urls) >= saved
        assert query(db, "SELECT count(*), max(version) FROM article_versions") == [(ARTICLES, 1)]
        assert query(db, "SELECT count(*) FROM frontier") == [(0,)]
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
    finally:
        served.stop()


def test_a_stopped_writer_is_taken_over_and_the_run_keeps_its_totals(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site", delay=0.03)
    db = tmp_path / "a.db"
    try:
        first_writer = start_writer(redis_db, db)
        crawlers = [start_worker(redis_db, served) for _ in range(2)]
        wait_until(lambda: _count(db, "SELECT count(*) FROM articles") >= 15, 90, "15 articles in the archive")
        first_writer.send_signal(signal.SIGTERM)  # ends its round, commits, leaves the run to a successor
        status, rows, err = finish(first_writer, timeout=30)
        assert status == 0 and not rows and "Traceback" not in err, err[-3000:]
        assert query(db, "SELECT status FROM crawls") == [("running",)]

        second_writer = start_writer(redis_db, db, "--runs", "1")
        summaries = []
        for crawler in crawlers:
            status, worker_rows, err = finish(crawler)
            assert status == 0, err[-3000:]
            summaries += worker_rows
        status, rows, err = finish(second_writer)
        assert status == 0 and rows[0]["status"] == "finished", err[-3000:]
        assert query(db, "SELECT count(*) FROM crawls") == [(1,)]
        assert rows[0]["articles_new"] == ARTICLES  # the counts from before the takeover are kept
        assert rows[0]["requests"] == len(served.requests) == sum(s["responses"] for s in summaries)
        urls = [u for (u,) in query(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(served.base_url + p for p in generated.article_paths())
    finally:
        served.stop()


def test_a_worker_stopped_with_ctrl_c_hands_its_waiting_requests_back_to_the_run(redis_db, tmp_path):
    """Ctrl-C on one worker: the requests it had taken from the shared queue but not started go back to it, so
    the other worker archives every article in this very run."""
    generated, served = _site(tmp_path / "site", delay=0.05)
    db = tmp_path / "a.db"
    try:
        writer = start_writer(redis_db, db, "--runs", "1")
        stopped = start_worker(redis_db, served, "--delay", "0.5")  # its downloader queue fills up
        survivor = start_worker(redis_db, served)
        wait_until(lambda: _count(db, "SELECT count(*) FROM articles") >= 10, 90, "10 articles in the archive")
        stopped.send_signal(signal.SIGINT)
        _, _, err = finish(stopped, timeout=30)
        assert "go back to the run's queue" in err and "Traceback" not in err, err[-3000:]
        status, _, err = finish(survivor)
        assert status == 0, err[-3000:]
        finish(writer)
        urls = [u for (u,) in query(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(served.base_url + p for p in generated.article_paths())  # all, this run
        assert query(db, "SELECT count(*) FROM crawls") == [(1,)]
    finally:
        served.stop()


def test_workers_that_waited_for_a_late_writer_are_not_counted_as_lost(redis_db, tmp_path):
    import redis

    generated, served = _site(tmp_path / "site")
    db = tmp_path / "a.db"
    try:
        crawler = start_worker(redis_db, served)
        keys, client = RunKeys("127.0.0.1"), redis.Redis.from_url(redis_db)
        wait_until(lambda: client.hlen(keys.workers) == 1, 60, "the worker to join the run")
        assert client.hget(keys.run, "state") == b"requested"  # no writer yet: the worker waits
        # The wait is what is tested: the worker has waited longer than the writer's --dead-seconds when it starts
        time.sleep(3)
        assert crawler.poll() is None and client.hget(keys.run, "state") == b"requested"
        writer = start_writer(redis_db, db, "--runs", "1", "--dead-seconds", "2")
        status, _, err = finish(crawler)
        assert status == 0, err[-3000:]
        status, rows, err = finish(writer)
        assert status == 0 and rows[0]["status"] == "finished" and rows[0]["articles_new"] == ARTICLES, err
    finally:
        served.stop()


def _count(db: Path, sql: str) -> int:
    try:
        return query(db, sql)[0][0]
    except sqlite3.Error:
        return 0


def test_a_worker_without_a_writer_gives_up_with_a_clear_message(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site")
    try:
        status, _, err = finish(start_worker(redis_db, served, "--wait", "1"))
        assert status == 1 and "ingest" in err and "Traceback" not in err
        assert not served.requests  # nothing was fetched
        import redis

        assert redis.Redis.from_url(redis_db).keys("assoc:*") == []  # the run was withdrawn
    finally:
        served.stop()


def test_a_run_of_a_locked_site_is_refused(redis_db, tmp_path):
    generated, served = _site(tmp_path / "site")
    db = tmp_path / "a.db"
    writer = start_writer(redis_db, db, "--idle-exit", "3")
    lock = SiteLock(db, "127.0.0.1").acquire()  # a local crawl of the site is running
    try:
        status, _, err = finish(start_worker(redis_db, served))
        assert status == 75 and "refused" in err and "Traceback" not in err
        assert not served.requests
    finally:
        lock.release()
        finish(writer)
        served.stop()


@pytest.mark.parametrize("args, message", [
    (["--redis", "redis://127.0.0.1:1/0"], "cannot reach Redis"),
    (["--redis", "not-a-url"], "cannot reach Redis"),
    (["--redis", "unix:///nonexistent/redis.sock"], "cannot reach Redis"),
    (["--redis", "redis://127.0.0.1:1/0", "--db", "x.db"], "--db belongs to"),
    ([], "--db is required"),
])
def test_bad_worker_input_is_one_clear_line(args, message, tmp_path):
    result = run_cli("crawl", "http://127.0.0.1:9/", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


class _Planted:
    """A pickle that runs a shell command when loaded: what someone who reached Redis could plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204
        return os.system, (f"touch {self.marker}",)


def test_requests_travel_as_json_through_a_redis_with_a_password(tmp_path):
    """Redis as the README runs it (a password, no public port); every queued request is JSON, and a pickle
    planted in the queue is dropped, never loaded."""
    import pickle

    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        if REQUIRED:
            pytest.fail("redis-server is missing (ASSOC_REQUIRE_REDIS=1)")
        pytest.skip("redis-server is not installed")
    generated, served = _site(tmp_path / "site", delay=0.05)
    workdir = tempfile.mkdtemp(prefix="assoc-redis-")
    socket_path = os.path.join(workdir, "redis.sock")
    server = subprocess.Popen([binary, "--port", "0", "--unixsocket", socket_path, "--unixsocketperm", "700",
                               "--save", "", "--appendonly", "no", "--dir", workdir, "--requirepass", "s3cret pass"],
                              stdout=subprocess.DEVNULL)
    url = f"unix://{socket_path}?db=0&password=s3cret%20pass"
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        wait_until(lambda: server.poll() is not None or _pings(client), 20, "redis-server to answer")
        with pytest.raises(redis.AuthenticationError):
            redis.Redis.from_url(f"unix://{socket_path}?db=0").ping()  # no password, no access
        marker = tmp_path / "planted-code-ran"
        writer = start_writer(url, tmp_path / "a.db", "--runs", "1")
        worker = start_worker(url, served)
        queue = RunKeys("127.0.0.1").requests
        wait_until(lambda: client.llen(queue) > 0 or worker.poll() is not None, 60, "requests in the shared queue")
        entries = client.lrange(queue, 0, -1)
        assert entries and all(json.loads(entry)["url"].startswith(served.base_url) for entry in entries)
        client.lpush(queue, pickle.dumps(_Planted(marker)))
        status, _, err = finish(worker)
        assert status == 0, err[-3000:]
        assert "not a JSON request" in err  # the planted entry was seen and dropped
        status, rows, err = finish(writer)
        assert status == 0 and rows[0]["status"] == "finished", err[-3000:]
        assert rows[0]["articles_new"] == ARTICLES
        assert not marker.exists(), "a pickled entry of the queue was loaded"
        assert "s3cret" not in repr(query(tmp_path / "a.db", "SELECT * FROM crawls"))  # no password archived
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        served.stop()
