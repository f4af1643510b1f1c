"""Archive faults during a real crawl: the disk fills up, another program locks the database, the file is damaged.
Each gives one clear line and an exit status, never a traceback, and no row already written is lost."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FAST, REPO_ROOT, run_cli

from assoc_crawler.cli_shared import EXIT_ARCHIVE, EXIT_USAGE
from assoc_crawler.demo.generate import GeneratedSite
from assoc_crawler.demo.server import DemoSite

ARTICLES = 60


@pytest.fixture
def served(tmp_path: Path):
    generated = GeneratedSite.create(tmp_path / "site", articles=ARTICLES, categories=3, per_page=10)
    site = DemoSite("gen", tmp_path / "site").start()
    yield generated, site
    site.stop()


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def crawl_with_file_size_limit(url: str, db: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """A crawl whose files may not grow beyond ``limit`` bytes: the disk is full for it (EFBIG)."""
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "assoc_crawler", "crawl", url, "--db", str(db), *FAST],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=240, preexec_fn=preexec)


def test_a_full_disk_stops_the_crawl_cleanly_and_the_next_run_finishes(served, tmp_path):
    generated, site = served
    db = tmp_path / "a.db"
    assert run_cli("summary", "--db", str(db)).returncode == EXIT_USAGE  # no archive yet
    result = crawl_with_file_size_limit(site.base_url + "/", db, 700_000)
    assert result.returncode == EXIT_ARCHIVE, result.stderr[-2000:]
    assert "cannot write to the archive" in result.stdout and "Traceback" not in result.stderr
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    kept = {u for (u,) in query(db, "SELECT url FROM articles")}
    assert len(kept) < ARTICLES

    result = run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    urls = [u for (u,) in query(db, "SELECT url FROM articles")]
    assert sorted(urls) == sorted(site.base_url + p for p in generated.article_paths())  # all, once
    assert set(urls) >= kept  # nothing written before the disk filled up was lost
    assert [s for (s,) in query(db, "SELECT status FROM crawls ORDER BY id")] == ["interrupted", "finished"]


def test_a_lock_held_by_another_program_is_waited_for_then_reported(served, tmp_path):
    _, site = served
    db = tmp_path / "a.db"
    assert run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a sqlite3 shell in the middle of a transaction
    try:
        env = {**os.environ, "ASSOC_BUSY_TIMEOUT": "1"}
        result = subprocess.run([sys.executable, "-m", "assoc_crawler", "crawl", site.base_url + "/", "--db",
                                 str(db), "--full", *FAST], capture_output=True, text=True, cwd=REPO_ROOT,
                                timeout=240, env=env)
        assert result.returncode in (EXIT_ARCHIVE, EXIT_USAGE), result.stderr[-2000:]
        assert "locked" in result.stdout + result.stderr and "Traceback" not in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # a lock released within the wait is only a pause
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(1.5, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    started = time.monotonic()
    result = run_cli("crawl", site.base_url + "/", "--db", str(db), "--full", *FAST)
    assert result.returncode == 0 and time.monotonic() - started >= 1.0, result.stderr[-2000:]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_archive_is_refused_with_one_line(served, tmp_path, damage):
    _, site = served
    db = tmp_path / "a.db"
    if damage == "garbage":
        db.write_bytes(os.urandom(64 * 1024))
    else:
        assert run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST).returncode == 0
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])  # a copy cut short
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    site.clear_requests()
    result = run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST)
    assert result.returncode in (EXIT_USAGE, EXIT_ARCHIVE), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and result.stderr.strip()
    if result.returncode == EXIT_USAGE:
        assert not site.requests  # refused before any request
