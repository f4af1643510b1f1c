"""Tests of the SQLite archive (archive/), opening it: checks on the file, read-only use, migration, locks,
batched writes. Real files in tmp_path, no mocks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import archive_samples
import pytest
from archive_samples import URL, make_article, rows
from conftest import REPO_ROOT, as_plain_user, file_modes_hold

from archive import Archive, ArchiveError
from archive.schema import SCHEMA_VERSION, TABLE_NAMES

archive = archive_samples.archive  # the shared fixtures: a fresh archive file in tmp_path, and its path
db_path = archive_samples.db_path


# --- opening ---------------------------------------------------------------------------------------------


def test_new_archive_has_schema_wal_and_foreign_keys(archive: Archive, db_path: Path) -> None:
    assert db_path.is_file()
    assert archive.counts() == {name: 0 for name in TABLE_NAMES}
    assert rows(archive, "PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert rows(archive, "PRAGMA journal_mode")[0][0] == "wal"
    assert rows(archive, "PRAGMA foreign_keys")[0][0] == 1
    assert archive.schema_version == SCHEMA_VERSION


def test_directory_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="is a directory"):
        Archive(tmp_path)


def test_missing_parent_directory_is_rejected_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive(tmp_path / "missing" / "archive.db")
    assert not (tmp_path / "missing").exists()


def test_non_sqlite_file_is_rejected_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库 - just some text\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match="not an SQLite database"):
        Archive(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库 - just some text\n"


def test_corrupt_sqlite_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(ArchiveError) as caught:
        Archive(path)
    assert "broken.db" in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.Error)


def test_foreign_sqlite_database_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(ArchiveError, match="not an assoc-crawler archive"):
        Archive(path)
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert names == ["customers"]


def test_newer_schema_version_is_rejected(db_path: Path) -> None:
    Archive(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ArchiveError, match="newer"):
        Archive(db_path)


def test_unwritable_locations_are_rejected(tmp_path: Path) -> None:
    """Run as a plain user (in a child process): an archive in a read-only folder or a read-only file is refused
    with a message, not an SQLite error."""
    locked = tmp_path / "locked"
    locked.mkdir()
    path = tmp_path / "ro.db"
    Archive(path).close()
    path.chmod(0o400)
    locked.chmod(0o500)
    try:
        if not file_modes_hold(path):
            pytest.skip("this machine does not let a test give up root's file permissions")
        script = (
            "import sys\nfrom archive import Archive, ArchiveError\n"
            "for target in sys.argv[1:]:\n"
            "    try:\n        Archive(target).close()\n        print('opened')\n"
            "    except ArchiveError as exc:\n        print(exc)\n"
        )
        result = subprocess.run([sys.executable, "-c", script, str(locked / "archive.db"), str(path)],
                                capture_output=True, text=True, cwd=REPO_ROOT, preexec_fn=as_plain_user)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 0, result.stderr
    new_in_locked, read_only_file = result.stdout.splitlines()
    assert "directory" in new_in_locked and "not writable" in new_in_locked
    assert "not writable" in read_only_file
    assert not (locked / "archive.db").exists()


def test_readonly_open(db_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive(db_path, readonly=True)
    with Archive(db_path) as writer:
        crawl_id = writer.start_crawl("cnfa", "cnfa")
        writer.save_article(crawl_id, make_article())
    with Archive(db_path, readonly=True) as reader:
        assert reader.article_by_url(URL)["title"] == "2024年全国家具行业经济运行情况"
        with pytest.raises(ArchiveError, match="read-only"):
            reader.start_crawl("cnfa", "cnfa")


def test_reopening_keeps_data(db_path: Path) -> None:
    with Archive(db_path) as first:
        crawl_id = first.start_crawl("cnfa", "cnfa")
        first.save_article(crawl_id, make_article())
        before = first.counts()
    with Archive(db_path) as second:
        assert second.counts() == before
        assert second.save_article(second.start_crawl("cnfa", "cnfa"), make_article()).status == "unchanged"


def test_closed_archive_raises(db_path: Path) -> None:
    opened = Archive(db_path)
    opened.close()
    opened.close()  # idempotent
    with pytest.raises(ArchiveError, match="closed"):
        opened.counts()


# --- migration ------------------------------------------------------------------------------------------


def _downgrade_to_schema_1(conn) -> None:
    """Turn a current archive into what schema version 1 created."""
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")  # (version 7 has no articles_ai)
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DROP VIEW listing_history")
    conn.execute("DROP TABLE articles_grams")
    conn.execute("DROP INDEX idx_articles_site_last_checked_at")
    conn.execute("DROP TABLE frontier")
    for column in ("last_checked_at", "gone_at", "gone_status", "field_methods"):
        conn.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    for column in ("articles_not_modified", "articles_gone", "alerts_json"):
        conn.execute(f"ALTER TABLE crawls DROP COLUMN {column}")
    conn.execute("ALTER TABLE article_versions DROP COLUMN field_methods")
    for table in ("articles", "article_versions", "pages"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN page_type_reason")
    conn.execute("ALTER TABLE pages DROP COLUMN template")
    conn.execute("DROP INDEX idx_articles_site")
    conn.execute("PRAGMA user_version = 1")


def test_migration_from_schema_1_to_current(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    with Archive(path) as archive:
        crawl_id = archive.start_crawl("cnfa", "cnfa")
        archive.save_article(crawl_id, {"url": "https://x.test/old.html", "title": "old", "body_text": "b"})
        _downgrade_to_schema_1(archive.conn)
    fresh = tmp_path / "fresh.db"
    Archive(fresh).close()
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION == 9
        crawl_id = archive.start_crawl("cnfa", "cnfa")
        archive.save_article(crawl_id, {"url": "https://x.test/a.html", "title": "t", "body_text": "b",
                                        "field_methods": '{"title": "heading"}', "page_type_reason": "short-notice"})
        assert rows(archive, "SELECT page_type_reason FROM articles ORDER BY id") == [(None,), ("short-notice",)]
        assert rows(archive, "SELECT field_methods FROM article_versions WHERE version = 1 ORDER BY id") == [
            (None,), ('{"title": "heading"}',)]
        assert rows(archive, "SELECT title FROM articles ORDER BY id") == [("old",), ("t",)]  # nothing lost
        assert rows(archive, "SELECT title FROM articles_fts WHERE articles_fts MATCH 'old'") == [("old",)]
        archive.save_article(crawl_id, {"url": "https://x.test/c.html", "title": "再生铝", "body_text": "铝"})
        assert rows(archive, "SELECT rowid FROM articles_grams WHERE articles_grams MATCH '生铝'") == [(3,)]
        migrated = {r[0]: sorted(c[1] for c in archive.conn.execute(f"PRAGMA table_info({r[0]})"))
                    for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        migrated_indexes = {r[0] for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    with Archive(fresh) as archive:
        created = {r[0]: sorted(c[1] for c in archive.conn.execute(f"PRAGMA table_info({r[0]})"))
                   for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        created_indexes = {r[0] for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert migrated == created and migrated_indexes == created_indexes


# --- in memory, locks, batches -----------------------------------------------------------------------


def test_in_memory_archive() -> None:
    with Archive(":memory:") as memory:
        crawl_id = memory.start_crawl("cnfa", "cnfa")
        assert memory.save_article(crawl_id, make_article()).status == "new"
        assert memory.counts()["articles"] == 1


def test_a_second_archive_in_the_same_process_does_not_cost_the_first_its_locks(tmp_path: Path) -> None:
    """Closing any descriptor of a database file drops the process's POSIX locks on it. Opening a second Archive
    (the spider reads the crawl state while the pipeline writes) must not do that: a reader in another process
    would then take the writer for gone, checkpoint and delete the WAL under it, and commits got lost (seen in a
    crawl whose finished row vanished)."""
    import subprocess
    import sys

    path = tmp_path / "shared.db"
    writer = Archive(path)
    crawl_id = writer.start_crawl("t", "s")
    Archive(path, readonly=True).close()
    reader = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM crawls'); c.close()"
    subprocess.run([sys.executable, "-c", reader, str(path)], check=True)
    assert path.with_name("shared.db-wal").exists(), "the reader saw no other connection and removed the WAL"
    writer.finish_crawl(crawl_id, "finished", {})
    writer.close()
    with Archive(path, readonly=True) as archive:
        assert archive.crawl(crawl_id)["status"] == "finished"


def test_batched_writes_commit_together_and_a_failed_write_spoils_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "batch.db"
    archive = Archive(path)
    crawl_id = archive.start_crawl("t", "s")  # before batching: committed at once
    archive.batch(max_writes=100, max_seconds=60)
    archive.save_article(crawl_id, {"url": "https://x.test/1.html", "title": "一", "body_text": "a"})
    with pytest.raises(ArchiveError):  # a foreign-key failure inside the batch's transaction
        archive.save_listings(crawl_id + 99, "https://x.test/1.html", [{"block": 0, "position": 1, "kind": "hot"}])
    archive.save_article(crawl_id, {"url": "https://x.test/2.html", "title": "二", "body_text": "b"})
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # not committed yet
    assert other.execute("SELECT count(*) FROM crawls").fetchone()[0] == 1
    archive.flush()
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    archive.batch(max_writes=2, max_seconds=60)
    for n in range(3, 6):
        archive.save_article(crawl_id, {"url": f"https://x.test/{n}.html", "title": str(n), "body_text": "c"})
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 4  # a full batch commits itself
    archive.close()  # and closing commits the rest
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert other.execute("SELECT count(*) FROM listings").fetchone()[0] == 0


def test_the_lock_wait_is_read_when_an_archive_opens(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSOC_BUSY_TIMEOUT", "2.5")
    with Archive(tmp_path / "a.db") as archive:
        assert archive.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 2500
    monkeypatch.setenv("ASSOC_BUSY_TIMEOUT", "not a number")
    with Archive(tmp_path / "a.db") as archive:
        assert archive.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
