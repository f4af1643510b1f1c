"""Archive faults during a real crawl: the disk fills up, another program locks the database, the file is damaged.
Each gives one clear line and an exit status, never a traceback, and no row already written is lost."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FAST, REPO_ROOT, as_plain_user, datasette_serving, file_modes_hold, run_cli

from assoc_crawler.cli.shared import EXIT_ARCHIVE, EXIT_USAGE
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
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


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
    # the WAL was checkpointed when the crawl closed the archive: the main file alone holds everything
    alone = tmp_path / "copy.db"
    alone.write_bytes(db.read_bytes())
    assert query(alone, "PRAGMA integrity_check") == [("ok",)]
    assert query(alone, "SELECT count(*) FROM articles") == [(ARTICLES,)]


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
        assert result.returncode == EXIT_ARCHIVE, result.stderr[-2000:]
        assert "locked" in result.stdout and "Traceback" not in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # a lock released within the wait is only a pause
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(4.0, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    started = time.monotonic()
    result = run_cli("crawl", site.base_url + "/", "--db", str(db), "--full", *FAST)
    assert result.returncode == 0 and time.monotonic() - started >= 4.0, result.stderr[-2000:]
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


def _damage_two_pages(db: Path) -> None:
    """Overwrite two pages in the middle of the archive file (of the articles table's b-tree) with garbage."""
    page_size = query(db, "PRAGMA page_size")[0][0]
    (root,), = query(db, "SELECT rootpage FROM sqlite_master WHERE name = 'articles'")
    pages = db.stat().st_size // page_size
    with db.open("r+b") as file:
        for page in (root, pages // 2):  # SQLite numbers pages from 1
            file.seek((page - 1) * page_size)
            file.write(bytes([0xA5]) * page_size)


def test_an_archive_with_damaged_pages_is_refused_before_any_write_and_left_as_it_was(served, tmp_path):
    """PRAGMA quick_check before a crawl writes: refused with exit 74, the file unchanged to the byte, and the
    message points to SQLite's .recover; maintenance commands that write refuse it too."""
    import hashlib

    _, site = served
    db = tmp_path / "a.db"
    assert run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST).returncode == 0
    _damage_two_pages(db)
    with pytest.raises(sqlite3.DatabaseError):
        query(db, "PRAGMA integrity_check")  # malformed
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    site.clear_requests()
    for command in (["crawl", site.base_url + "/"], ["reextract"], ["dedupe"], ["migrate"]):
        result = run_cli(*command, "--db", str(db), *(FAST if command[0] == "crawl" else []))
        assert result.returncode == EXIT_ARCHIVE, (command, result.returncode, result.stderr[-2000:])
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0] and ".recover" in lines[0], (command, result.stderr)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, command  # not a byte changed
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert not site.requests  # refused before any request


def run_as_plain_user(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assoc_crawler", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=240, preexec_fn=as_plain_user)


def served_rows(db: Path) -> int:
    """The articles count that `assoc-crawler serve` (Datasette), run as a plain user, reports for the archive."""
    with datasette_serving(db, preexec_fn=as_plain_user) as base:  # --port 0, the port read from its log
        with urllib.request.urlopen(f"{base}/{db.stem}/articles.json?_size=1", timeout=30) as response:
            return json.loads(response.read())["filtered_table_rows_count"]


def test_a_read_only_archive_refuses_crawls_and_still_answers_researchers(served, tmp_path):
    generated, site = served
    folder = tmp_path / "share"
    folder.mkdir()
    db = folder / "a.db"
    assert run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST).returncode == 0
    assert not list(folder.glob("a.db-*"))  # a crawl that ends leaves the archive alone: no -wal, no -shm
    before = query(db, "SELECT url, content_hash FROM articles ORDER BY url")
    first_url, title = query(db, "SELECT url, title FROM articles ORDER BY id LIMIT 1")[0]
    db.chmod(0o444)
    if not file_modes_hold(db):
        pytest.skip("this machine does not let a test give up root's file permissions")
    try:
        # the file is read-only, its folder is not: crawls are refused before any request
        site.clear_requests()
        result = run_as_plain_user("crawl", site.base_url + "/", "--db", str(db), "--full", *FAST)
        assert result.returncode == EXIT_USAGE, result.stderr[-2000:]
        assert "not writable" in result.stderr and "Traceback" not in result.stderr
        assert not site.requests
        # a read-only share: no journal can be created beside the archive, yet every query works
        folder.chmod(0o555)
        result = run_as_plain_user("crawl", site.base_url + "/", "--db", str(db), *FAST)
        assert result.returncode == EXIT_USAGE and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert not site.requests
        result = run_as_plain_user("summary", "--db", str(db))
        assert result.returncode == 0 and f"{ARTICLES}" in result.stdout, result.stderr[-2000:]
        result = run_as_plain_user("search", title, "--db", str(db), "--format", "json")
        assert result.returncode == 0, result.stderr[-2000:]
        assert title in {hit["title"] for hit in json.loads(result.stdout)["results"]}
        out = tmp_path / "out.jsonl"
        result = run_as_plain_user("export", "--db", str(db), "--format", "jsonl", "--out", str(out))
        assert result.returncode == 0, result.stderr[-2000:]
        assert len(out.read_text(encoding="utf-8").splitlines()) == ARTICLES
        for command in (("stats", "--db", str(db)), ("show", first_url, "--db", str(db))):
            result = run_as_plain_user(*command)
            assert result.returncode == 0 and "Traceback" not in result.stderr, (command, result.stderr[-2000:])
        assert title in result.stdout
        assert served_rows(db) == ARTICLES  # Datasette reads it too (in the `test` extra: required)
        assert sorted(os.listdir(folder)) == sorted(["a.db", *(p.name for p in folder.glob("*.lock"))])
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert query(db, "SELECT url, content_hash FROM articles ORDER BY url") == before
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert len(before) == len(generated.article_paths())


def test_an_archive_with_pending_changes_in_a_folder_nobody_may_write_gets_a_clear_message(tmp_path):
    live = tmp_path / "live.db"
    writer = sqlite3.connect(live, isolation_level=None)
    try:
        from archive import Archive

        Archive(live).close()
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO crawls (target, site, started_at, status) VALUES ('t', 's', '2026', 'finished')")
        folder = tmp_path / "share"
        folder.mkdir()
        (folder / "a.db").write_bytes(live.read_bytes())
        (folder / "a.db-wal").write_bytes(Path(f"{live}-wal").read_bytes())  # a copy taken mid-crawl
    finally:
        writer.close()
    assert (folder / "a.db-wal").stat().st_size > 0
    folder.chmod(0o555)
    try:
        probe = tmp_path / "probe"
        probe.write_bytes(b"")
        probe.chmod(0o444)
        if not file_modes_hold(probe):
            pytest.skip("this machine does not let a test give up root's file permissions")
        result = run_as_plain_user("summary", "--db", str(folder / "a.db"))
    finally:
        folder.chmod(0o755)
    assert result.returncode == EXIT_USAGE and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "write-ahead log" in result.stderr and "copy" in result.stderr


def test_an_archive_on_a_read_only_file_system_answers_queries(served, tmp_path):
    """A real read-only mount (a tmpfs remounted read-only; skipped where the tests may not mount)."""
    generated, site = served
    db = tmp_path / "a.db"
    assert run_cli("crawl", site.base_url + "/", "--db", str(db), *FAST).returncode == 0
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount_point)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a file system here")
    try:
        (mount_point / "a.db").write_bytes(db.read_bytes())
        assert subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], capture_output=True).returncode == 0
        copy = str(mount_point / "a.db")
        result = run_cli("search", "协会", "--db", copy, "--format", "json")
        assert result.returncode == 0, result.stderr[-2000:]
        original = run_cli("search", "协会", "--db", str(db), "--format", "json")
        assert json.loads(result.stdout)["total"] == json.loads(original.stdout)["total"] > 0  # what the original finds
        result = run_cli("summary", "--db", copy)
        assert result.returncode == 0 and str(ARTICLES) in result.stdout, result.stderr[-2000:]
        result = run_cli("crawl", site.base_url + "/", "--db", copy, *FAST)
        assert result.returncode == EXIT_USAGE and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert os.listdir(mount_point) == ["a.db"]
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)
