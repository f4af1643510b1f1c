"""Re-extraction from the raw pages stored in the archive: no network, new versions only where output changed."""

from __future__ import annotations

import json
import shutil
import sqlite3

from conftest import run_cli


def test_reextract_restores_fields_as_new_versions(crawled_archive, demo_server, tmp_path):
    source_db, _ = crawled_archive
    db = tmp_path / "copy.db"
    shutil.copy(source_db, db)
    conn = sqlite3.connect(db)
    article_id, url, title = conn.execute(
        "SELECT id, url, title FROM articles WHERE site = 'recycle' AND page_count = 3").fetchone()
    # what an older extractor might have stored
    conn.execute("UPDATE articles SET title = 'old title', content_hash = 'stale' WHERE id = ?", (article_id,))
    conn.commit()
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM articles WHERE field_methods LIKE '%title%'").fetchone()[0] == total
    conn.close()
    requests_before = sum(len(s.requests) for s in demo_server.sites.values())

    dry = run_cli("reextract", "--db", str(db), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["changed_fields"] == {"title": 1}

    result = run_cli("reextract", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == total and report["new_versions"] == 1 and report["changed_fields"] == {"title": 1}
    assert sum(len(s.requests) for s in demo_server.sites.values()) == requests_before, "no network"

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT title, version, page_count FROM articles WHERE id = ?", (article_id,)).fetchone() == (
        title, 2, 3)
    versions = conn.execute("SELECT version, title FROM article_versions WHERE article_id = ? ORDER BY version",
                            (article_id,)).fetchall()
    assert versions[0][0] == 1 and versions[-1] == (2, title)
    assert conn.execute("SELECT status FROM crawls WHERE target = 'reextract'").fetchone() == ("finished",)
    conn.close()

    again = json.loads(run_cli("reextract", "--db", str(db), "--json").stdout)
    assert again["new_versions"] == 0 and again["changed_fields"] == {}


def test_reextract_bad_db(tmp_path):
    result = run_cli("reextract", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no archive" in result.stderr
