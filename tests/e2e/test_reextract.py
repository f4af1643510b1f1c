"""Re-extraction from the raw pages stored in the archive: no network, new versions only where output changed."""

from __future__ import annotations

import json
import shutil
import sqlite3

from conftest import RoutedSite, run_cli, serving, write_profile
from test_identity import TEXT, listing, page

from archive import Archive, SiteLock
from archive.lock import ALL_SITES


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


def _site_with_a_title_hint(number: int) -> str:
    """An article whose profile points its title at a kicker line, not at the <h1> the inference prefers."""
    title = f"协会第{number}次专题调研活动顺利举行"
    return page(title, f'<div class="kicker">专题调研之{number}</div><h1>{title}</h1>'
                       f'<div class="info">发布时间：2024-03-{number:02d} 09:00　来源：本会</div>'
                       f'<div class="content"><p>{TEXT}</p><p>{TEXT[::-1]}</p></div>')


def test_reextract_uses_the_sites_profile_takes_its_lock_and_recovers_killed_runs(tmp_path):
    """The profile's title hint survives a reextract and the next crawl (no version flips); a crawl holding the
    site's lock makes reextract wait (exit 75, nothing written); a killed reextract's row is closed as
    interrupted by the next one."""
    routes = {"/": listing(["/news/1.html", "/news/2.html"]), "/news/": listing(["/news/1.html", "/news/2.html"]),
              "/news/1.html": _site_with_a_title_hint(1), "/news/2.html": _site_with_a_title_hint(2)}
    db = tmp_path / "a.db"
    with serving(RoutedSite(routes).handler()) as base:
        profile = write_profile(tmp_path, "hinted", base, '[extract]\ntitle = "div.kicker"\n')
        first = run_cli("crawl", str(profile), "--db", str(db), "--delay", "0", "--json")
        assert first.returncode == 0, first.stderr[-2000:]
        titles = {t for (t,) in _rows(db, "SELECT title FROM articles")}
        assert titles == {"专题调研之1", "专题调研之2"}  # the hint, not the <h1>

        result = run_cli("reextract", "--db", str(db), "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["new_versions"] == 0 and report["changed_fields"] == {}, report
        assert report["profiles"] == {"hinted": str(profile)}
        again = run_cli("crawl", str(profile), "--db", str(db), "--delay", "0", "--json", "--recheck", "all")
        assert again.returncode == 0 and json.loads(again.stdout.splitlines()[-1])["articles_changed"] == 0
        assert _rows(db, "SELECT max(version) FROM articles") == [(1,)]

    crawls = _rows(db, "SELECT count(*) FROM crawls")
    lock = SiteLock(db, "hinted").acquire()  # a crawl of the site is running
    try:
        for extra in ([], ["--site", "hinted"]):
            held = run_cli("reextract", "--db", str(db), *extra)
            assert held.returncode == 75 and "nothing re-extracted" in held.stderr, held.stderr
    finally:
        lock.release()
    assert _rows(db, "SELECT count(*) FROM crawls") == crawls  # nothing written
    everything = SiteLock(db, ALL_SITES).acquire()  # a reextract of every site is running
    try:
        with serving(RoutedSite(routes).handler()) as base:  # a site it did not know of must wait too
            refused = run_cli("crawl", base + "/", "--db", str(db), "--delay", "0")
        assert refused.returncode == 75 and "reextract" in refused.stderr, refused.stderr
    finally:
        everything.release()
    assert _rows(db, "SELECT count(*) FROM crawls") == crawls

    with Archive(db) as archive:  # a reextract killed half-way: its row says 'running'
        killed = archive.start_crawl("reextract", "*")
    assert run_cli("reextract", "--db", str(db)).returncode == 0
    assert _rows(db, f"SELECT status FROM crawls WHERE id = {killed}") == [("interrupted",)]
    with Archive(db) as archive:  # ... or the next crawl of any site closes it
        killed = archive.start_crawl("reextract", "*")
    with serving(RoutedSite(routes).handler()) as base:
        assert run_cli("crawl", base + "/", "--db", str(db), "--delay", "0").returncode == 0
    assert _rows(db, f"SELECT status FROM crawls WHERE id = {killed}") == [("interrupted",)]


def _rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()
