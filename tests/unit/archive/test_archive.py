"""Tests of the SQLite archive (archive/): real files in tmp_path, no mocks."""

from __future__ import annotations

import copy
import hashlib
import sqlite3
import subprocess
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, as_plain_user, file_modes_hold

from archive import Archive, ArchiveError, SaveResult, archive_summary, content_hash, format_summary
from archive.schema import SCHEMA_VERSION, TABLE_NAMES
from archive.store import file_type_of, to_utc_iso

URL = "https://www.cnfa.org.cn/news/2024/0301/123.html"
PAGE2 = "https://www.cnfa.org.cn/news/2024/0301/123_2.html"
OLD_URL = "https://www.cnfa.org.cn/news/show.php?id=123"
BODY1 = "<html><head><meta charset='gbk'></head><body>第一页 中国家具协会</body></html>".encode("gbk")
BODY2 = "<html><body>第二页</body></html>".encode("gbk")


def make_article(**overrides: Any) -> dict[str, Any]:
    article: dict[str, Any] = {
        "url": URL,
        "aliases": [{"url": OLD_URL, "reason": "redirect"}],
        "site": "cnfa",
        "title": "2024年全国家具行业经济运行情况",
        "published_at": "2024-03-01T10:00:00+08:00",
        "source": "中国家具协会",
        "author": "张三",
        "editor": "李四",
        "category": "行业动态",
        "body_text": "一月至二月，全国家具行业营业收入同比增长。\n\n出口情况良好。",
        "body_html": "<p>一月至二月，全国家具行业营业收入同比增长。</p><p>出口情况良好。</p>",
        "lang": "zh",
        "encoding": "gbk",
        "page_count": 2,
        "extractor_version": "1.0",
        "etag": '"abc"',
        "last_modified": "Fri, 01 Mar 2024 02:00:00 GMT",
        "fetched_at": "2024-03-02T00:00:00Z",
        "images": [
            {"url": "https://www.cnfa.org.cn/img/1.jpg", "alt": "图一", "caption": "展会现场"},
            {"url": "https://www.cnfa.org.cn/img/2.jpg", "alt": None, "caption": None},
        ],
        "attachments": [
            {"url": "https://www.cnfa.org.cn/files/report.PDF", "text": "统计报告"},
            {"url": "https://www.cnfa.org.cn/download.jsp?f=table.xlsx", "text": "附表"},
        ],
        "listings": [
            {
                "heading": "热点新闻",
                "kind": "hot",
                "block": 0,
                "position": 1,
                "target_url": "https://www.cnfa.org.cn/news/1.html",
                "title": "热点一",
                "label": None,
                "teaser": None,
            },
            {
                "heading": "热点新闻",
                "kind": "hot",
                "block": 0,
                "position": 2,
                "target_url": "https://www.cnfa.org.cn/news/2.html",
                "title": "热点二",
                "label": "new",
                "teaser": None,
            },
            {
                "heading": "相关阅读",
                "kind": "related",
                "block": 1,
                "position": 1,
                "target_url": "https://www.cnfa.org.cn/news/3.html",
                "title": "相关一",
                "label": None,
                "teaser": "摘要",
            },
        ],
        "raw_pages": [
            {
                "url": URL,
                "page_no": 1,
                "status": 200,
                "headers": {"Content-Type": "text/html; charset=gbk"},
                "encoding": "gbk",
                "body": BODY1,
            },
            {
                "url": PAGE2,
                "page_no": 2,
                "status": 200,
                "headers": {"Content-Type": "text/html"},
                "encoding": "gbk",
                "body": BODY2,
            },
        ],
    }
    article.update(overrides)
    return article


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def archive(db_path: Path):
    with Archive(db_path) as opened:
        yield opened


def rows(archive: Archive, sql: str, params: tuple = ()) -> list[tuple]:
    return archive.conn.execute(sql, params).fetchall()


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


# --- saving articles -------------------------------------------------------------------------------------


def test_new_article_writes_every_table(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa", settings={"DOWNLOAD_DELAY": 1})
    result = archive.save_article(crawl_id, make_article())
    assert result == SaveResult(article_id=result.article_id, status="new", version=1)

    stored = archive.article_by_url(URL)
    assert stored is not None
    assert stored["id"] == result.article_id
    assert stored["version"] == 1
    assert stored["content_hash"] == content_hash(make_article())
    assert stored["first_seen_at"] == stored["last_seen_at"] == stored["changed_at"] == "2024-03-02T00:00:00Z"
    assert stored["first_crawl_id"] == stored["last_crawl_id"] == crawl_id
    assert stored["published_at"] == "2024-03-01T10:00:00+08:00"  # content is stored as given
    assert stored["page_count"] == 2
    assert [i["url"] for i in stored["images"]] == [
        "https://www.cnfa.org.cn/img/1.jpg",
        "https://www.cnfa.org.cn/img/2.jpg",
    ]
    assert [(a["position"], a["file_type"]) for a in stored["attachments"]] == [(1, "pdf"), (2, "xlsx")]
    assert stored["aliases"] == [
        {"url": OLD_URL, "reason": "redirect", "first_seen_at": "2024-03-02T00:00:00Z"}
    ]

    counts = archive.counts()
    assert counts["articles"] == 1
    assert counts["article_versions"] == 1
    assert counts["images"] == 2
    assert counts["attachments"] == 2
    assert counts["listings"] == 3
    assert counts["raw_pages"] == 2
    assert counts["pages"] == 2
    assert counts["article_aliases"] == 1

    version = rows(archive, "SELECT version, title, body_text, crawl_id, images_json FROM article_versions")[
        0
    ]
    assert version[:4] == (1, "2024年全国家具行业经济运行情况", make_article()["body_text"], crawl_id)
    assert "展会现场" in version[4]

    raw = rows(
        archive,
        "SELECT url, page_no, status, body, body_sha256, headers_json, article_id FROM raw_pages "
        "ORDER BY page_no",
    )
    assert [(r[0], r[1], r[2]) for r in raw] == [(URL, 1, 200), (PAGE2, 2, 200)]
    assert zlib.decompress(raw[0][3]) == BODY1
    assert zlib.decompress(raw[1][3]) == BODY2
    assert raw[0][4] == hashlib.sha256(BODY1).hexdigest()
    assert "charset=gbk" in raw[0][5]
    assert raw[0][6] == result.article_id

    listings = rows(
        archive,
        "SELECT page_url, article_id, block, kind, position, heading, title FROM listings "
        "ORDER BY block, position",
    )
    assert listings[0] == (URL, result.article_id, 0, "hot", 1, "热点新闻", "热点一")
    assert listings[2][2:4] == (1, "related")

    pages = rows(
        archive, "SELECT url, page_type, article_id, last_status, last_crawl_id FROM pages ORDER BY url"
    )
    assert pages == [
        (URL, "article", result.article_id, 200, crawl_id),
        (PAGE2, "article", result.article_id, 200, crawl_id),
    ]


def test_same_article_again_is_unchanged_and_duplicates_nothing(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    before = archive.counts()

    again = archive.save_article(crawl_id, make_article(fetched_at="2024-03-02T01:00:00Z", etag='"def"'))
    assert again == SaveResult(first.article_id, "unchanged", 1)
    assert archive.counts() == before  # listings of the same page in the same crawl are not duplicated
    stored = archive.article_by_url(URL)
    assert stored["last_seen_at"] == "2024-03-02T01:00:00Z"
    assert stored["changed_at"] == "2024-03-02T00:00:00Z"
    assert stored["etag"] == '"def"'

    # Whitespace differences do not count as a change.
    spaced = make_article(body_text="  一月至二月，全国家具行业营业收入同比增长。 出口情况良好。\u3000")
    assert archive.save_article(crawl_id, spaced).status == "unchanged"
    assert archive.counts() == before

    # A new crawl records the listings (and the pages row) again; nothing else grows.
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    assert archive.save_article(crawl2, make_article(fetched_at="2024-03-09T00:00:00Z")).status == "unchanged"
    after = archive.counts()
    assert after["listings"] == before["listings"] * 2
    assert {k: v for k, v in after.items() if k not in ("listings", "crawls")} == {
        k: v for k, v in before.items() if k not in ("listings", "crawls")
    }
    assert archive.article_by_url(URL)["last_crawl_id"] == crawl2


def test_changed_article_gets_a_new_version_and_keeps_history(archive: Archive) -> None:
    crawl1 = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl1, make_article())
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    new_body = BODY1.replace("第一页".encode("gbk"), "第一页（更新）".encode("gbk"))
    changed = make_article(
        body_text="一月至二月，全国家具行业营业收入同比增长5%。",
        fetched_at="2024-03-10T08:00:00+08:00",
        images=[{"url": "https://www.cnfa.org.cn/img/3.jpg", "alt": "新图", "caption": None}],
        attachments=[],
        raw_pages=[{**make_article()["raw_pages"][0], "body": new_body}, make_article()["raw_pages"][1]],
    )
    result = archive.save_article(crawl2, changed)
    assert result == SaveResult(first.article_id, "changed", 2)

    stored = archive.article_by_url(URL)
    assert stored["version"] == 2
    assert stored["body_text"] == "一月至二月，全国家具行业营业收入同比增长5%。"
    assert stored["changed_at"] == stored["last_seen_at"] == "2024-03-10T00:00:00Z"
    assert stored["first_seen_at"] == "2024-03-02T00:00:00Z"
    assert stored["first_crawl_id"] == crawl1 and stored["last_crawl_id"] == crawl2
    assert [i["url"] for i in stored["images"]] == ["https://www.cnfa.org.cn/img/3.jpg"]
    assert stored["attachments"] == []

    history = rows(
        archive,
        "SELECT version, body_text, content_hash, crawl_id, images_json FROM article_versions "
        "WHERE article_id = ? ORDER BY version",
        (first.article_id,),
    )
    assert [h[0] for h in history] == [1, 2]
    assert history[0][1] == make_article()["body_text"]
    assert history[0][2] == content_hash(make_article())
    assert history[0][3] == crawl1 and history[1][3] == crawl2
    assert "1.jpg" in history[0][4] and "3.jpg" in history[1][4]
    assert history[1][2] == stored["content_hash"]

    # The changed first page is stored again; the identical second page is not.
    raw = rows(archive, "SELECT url, crawl_id FROM raw_pages ORDER BY id")
    assert raw == [(URL, crawl1), (PAGE2, crawl1), (URL, crawl2)]
    latest = rows(archive, "SELECT body FROM raw_pages WHERE url = ? ORDER BY id DESC LIMIT 1", (URL,))[0][0]
    assert zlib.decompress(latest) == new_body

    # A third version.
    third = archive.save_article(crawl2, make_article(title="新标题"))
    assert (third.status, third.version) == ("changed", 3)
    assert rows(archive, "SELECT count(*) FROM article_versions")[0][0] == 3


def test_snapshot_safety_net_copies_a_missing_current_version(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    archive.conn.execute("DELETE FROM article_versions")  # e.g. an archive written by older code
    archive.save_article(crawl_id, make_article(title="改后的标题"))
    history = rows(
        archive,
        "SELECT version, title, images_json FROM article_versions WHERE article_id = ? ORDER BY version",
        (first.article_id,),
    )
    assert [(v, t) for v, t, _ in history] == [(1, "2024年全国家具行业经济运行情况"), (2, "改后的标题")]
    assert "展会现场" in history[0][2]


def test_alias_resolution(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    via_alias = archive.article_by_url(OLD_URL)
    assert via_alias is not None and via_alias["id"] == first.article_id and via_alias["url"] == URL
    assert archive.article_by_url("https://www.cnfa.org.cn/nope.html") is None

    # Saving under the alias url goes to the same article.
    result = archive.save_article(crawl_id, make_article(url=OLD_URL, aliases=[]))
    assert (result.article_id, result.status) == (first.article_id, "unchanged")
    assert archive.counts()["articles"] == 1
    # ... and its listings are stored under the article's canonical (first-page) url.
    assert rows(archive, "SELECT DISTINCT page_url FROM listings") == [(URL,)]

    # New aliases are added, known ones are not duplicated, a canonical url never becomes an alias.
    archive.save_article(
        crawl_id,
        make_article(
            aliases=[
                {"url": OLD_URL, "reason": "redirect"},
                {"url": URL + "?from=rss", "reason": "variant"},
                {"url": URL, "reason": "canonical"},
            ]
        ),
    )
    aliases = archive.article_by_url(URL)["aliases"]
    assert sorted((a["url"], a["reason"]) for a in aliases) == [
        (URL + "?from=rss", "variant"),
        (OLD_URL, "redirect"),
    ]

    with pytest.raises(ArchiveError, match="alias reason"):
        archive.save_article(crawl_id, make_article(aliases=[{"url": "https://x/", "reason": "guess"}]))


def test_failure_in_the_middle_rolls_back_the_whole_article(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    broken_listings = make_article()["listings"]
    del broken_listings[2]["position"]  # NOT NULL, written last
    with pytest.raises(ArchiveError, match="nothing was saved") as caught:
        archive.save_article(crawl_id, make_article(listings=broken_listings))
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert {k: v for k, v in archive.counts().items() if k != "crawls"} == {
        name: 0 for name in TABLE_NAMES if name != "crawls"
    }
    assert not archive.conn.in_transaction
    # The archive is still usable, and a rolled-back change leaves the stored version alone.
    first = archive.save_article(crawl_id, make_article())
    with pytest.raises(ArchiveError):
        archive.save_article(crawl_id, make_article(title="新标题", listings=broken_listings))
    stored = archive.article_by_url(URL)
    assert (stored["version"], stored["title"]) == (1, "2024年全国家具行业经济运行情况")
    assert archive.save_article(crawl_id, make_article()) == SaveResult(first.article_id, "unchanged", 1)


def test_foreign_keys_are_enforced(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.save_article(999, make_article())
    assert archive.counts()["articles"] == 0
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.save_listings(crawl_id, URL, make_article()["listings"], article_id=12345)
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.record_error(999, URL, "timeout")
    with pytest.raises(sqlite3.IntegrityError):
        archive.conn.execute("INSERT INTO images (article_id, position, url) VALUES (42, 1, 'x')")


def test_invalid_input_is_reported(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    with pytest.raises(ArchiveError, match="url"):
        archive.save_article(crawl_id, {"title": "无网址"})
    with pytest.raises(ArchiveError, match="ISO 8601"):
        archive.save_article(crawl_id, make_article(fetched_at="yesterday"))
    with pytest.raises(ArchiveError, match="bytes"):
        archive.save_article(crawl_id, make_article(raw_pages=[{"url": URL, "body": "text"}]))
    with pytest.raises(ArchiveError, match="listing kind"):
        archive.save_listings(crawl_id, URL, [{"block": 0, "position": 1, "kind": "popular"}])
    with pytest.raises(ArchiveError, match="page_type"):
        archive.record_page(crawl_id, URL, "cnfa", "home", 200)
    assert archive.counts()["articles"] == 0


def test_article_without_optional_parts(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    minimal = {"url": "https://www.cnfa.org.cn/a.html", "site": "cnfa", "title": "短讯", "body_text": "内容"}
    result = archive.save_article(crawl_id, minimal)
    assert (result.status, result.version) == ("new", 1)
    stored = archive.article_by_url(minimal["url"])
    assert stored["page_count"] == 1 and stored["images"] == [] and stored["aliases"] == []
    assert stored["first_seen_at"].endswith("Z")
    # no raw page: nothing was fetched (re-extraction), so the crawl frontier is not touched
    assert rows(archive, "SELECT page_type, last_status FROM pages") == []


def _downgrade_to_schema_1(conn) -> None:
    """Turn a current archive into what schema version 1 created."""
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER {trigger}")
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
        assert archive.schema_version == SCHEMA_VERSION == 6
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


# --- listings, pages, errors, crawls ---------------------------------------------------------------------


def test_save_listings_per_crawl(archive: Archive) -> None:
    crawl1 = archive.start_crawl("cnfa", "cnfa")
    home = "https://www.cnfa.org.cn/"
    listings = make_article()["listings"]
    assert archive.save_listings(crawl1, home, listings) == 3
    assert archive.save_listings(crawl1, home, listings) == 3
    assert archive.counts()["listings"] == 3
    # The latest observation within a crawl wins.
    assert archive.save_listings(crawl1, home, listings[:1]) == 1
    assert rows(archive, "SELECT count(*) FROM listings WHERE page_url = ?", (home,))[0][0] == 1
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    archive.save_listings(crawl2, home, listings)
    assert rows(archive, "SELECT crawl_id, count(*) FROM listings GROUP BY crawl_id ORDER BY crawl_id") == [
        (crawl1, 1),
        (crawl2, 3),
    ]
    assert rows(archive, "SELECT DISTINCT article_id FROM listings") == [(None,)]
    # A page that is an article (or an alias of one) gets its article_id.
    result = archive.save_article(crawl2, make_article(listings=[]))
    archive.save_listings(crawl2, OLD_URL, listings)
    assert rows(archive, "SELECT DISTINCT article_id FROM listings WHERE page_url = ?", (OLD_URL,)) == [
        (result.article_id,)
    ]
    # Missing kind means 'other'.
    archive.save_listings(crawl2, home + "x", [{"block": 0, "position": 1, "target_url": home}])
    assert rows(archive, "SELECT kind FROM listings WHERE page_url = ?", (home + "x",)) == [("other",)]


def test_a_page_left_out_keeps_its_latest_response_until_an_article_claims_it(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    url = "https://www.cnfa.org.cn/notice/7.html"
    for body in (b"<html>v1</html>", b"<html>v1</html>", b"<html>v2</html>"):
        archive.record_page(crawl_id, url, "cnfa", "other", 200, reason="no-body",
                            raw={"url": url, "status": 200, "headers": {"Content-Type": "text/html"}, "body": body})
    assert rows(archive, "SELECT article_id, body_sha256 FROM raw_pages") == [
        (None, hashlib.sha256(b"<html>v2</html>").hexdigest())]  # the latest only, and unchanged bytes not again
    (page,) = list(archive.pages_with_raw("cnfa"))
    assert (page["page_type"], page["raw"]["body"], page["raw"]["headers"]) == (
        "other", b"<html>v2</html>", {"Content-Type": "text/html"})
    assert rows(archive, "SELECT page_type_reason FROM pages") == [("no-body",)]
    result = archive.save_article(crawl_id, {"url": url, "title": "t", "body_text": "b", "raw_pages": [
        {"url": url, "status": 200, "body": b"<html>v2</html>"}]})
    assert rows(archive, "SELECT article_id FROM raw_pages") == [(result.article_id,)]  # claimed, not copied
    assert list(archive.pages_with_raw()) == []


def test_record_page_and_error(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    list_url = "https://www.cnfa.org.cn/news/list_1.html"
    archive.record_page(crawl_id, list_url, "cnfa", "list", 200)
    first = rows(
        archive, "SELECT first_seen_at, page_type, last_status FROM pages WHERE url = ?", (list_url,)
    )
    archive.record_page(crawl_id, list_url, "cnfa", "error", 503)
    second = rows(
        archive, "SELECT first_seen_at, page_type, last_status FROM pages WHERE url = ?", (list_url,)
    )
    assert first[0][1:] == ("list", 200)
    assert second[0] == (first[0][0], "error", 503)
    assert archive.counts()["pages"] == 1

    archive.record_error(crawl_id, list_url, "http_503", "Service Unavailable", status=503)
    archive.record_error(crawl_id, "https://gone.example/", "dns", "DNS lookup failed")
    assert rows(archive, "SELECT error, status, message FROM errors ORDER BY id") == [
        ("http_503", 503, "Service Unavailable"),
        ("dns", None, "DNS lookup failed"),
    ]


def test_crawl_lifecycle(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa-news", "cnfa", settings={"DOWNLOAD_DELAY": 0.5, "USER_AGENT": "x"})
    crawl = archive.crawl(crawl_id)
    assert crawl["status"] == "running" and crawl["finished_at"] is None
    assert '"DOWNLOAD_DELAY": 0.5' in crawl["settings_json"]

    archive.save_article(crawl_id, make_article())
    archive.save_article(crawl_id, make_article())
    archive.save_article(crawl_id, make_article(title="改"))
    archive.record_error(crawl_id, URL + "x", "http_404", status=404)
    stats = {
        "downloader/request_count": 12,
        "downloader/response_count": 11,
        "start_time": datetime(2024, 3, 2, tzinfo=UTC),
        "item_scraped_count": 3,
    }
    archive.finish_crawl(crawl_id, "finished", {"requests": 10}, stats=stats)
    crawl = archive.crawl(crawl_id)
    assert crawl["status"] == "finished" and crawl["finished_at"].endswith("Z")
    assert (crawl["requests"], crawl["responses"]) == (10, 11)
    assert (crawl["articles_new"], crawl["articles_changed"], crawl["articles_unchanged"]) == (1, 1, 1)
    assert crawl["errors"] == 1
    assert crawl["pages_fetched"] == 2
    assert '"start_time": "2024-03-02T00:00:00+00:00"' in crawl["stats_json"]

    with pytest.raises(ArchiveError, match="finished"):
        archive.finish_crawl(crawl_id, "done", {})
    with pytest.raises(ArchiveError, match="unknown crawl counters"):
        archive.finish_crawl(crawl_id, "failed", {"article_new": 1})
    with pytest.raises(ArchiveError, match="no crawl"):
        archive.finish_crawl(4242, "failed", {})


# --- helpers ---------------------------------------------------------------------------------------------


def test_content_hash_normalisation() -> None:
    base = make_article()
    assert content_hash(base) == content_hash(copy.deepcopy(base) | {"body_html": "<p>different</p>"})
    assert content_hash(base) == content_hash(base | {"title": " 2024年全国家具行业经济运行情况\n"})
    assert content_hash(base) != content_hash(base | {"editor": "王五"})
    assert content_hash({"title": None}) == content_hash({"title": ""})


def test_timestamps_and_file_types() -> None:
    assert to_utc_iso("2024-03-02T08:00:00+08:00") == "2024-03-02T00:00:00Z"
    assert to_utc_iso("2024-03-02T00:00:00") == "2024-03-02T00:00:00Z"
    assert to_utc_iso(None) is None
    assert file_type_of("https://x/files/a%20b.DOCX") == "docx"
    assert file_type_of("https://x/down.php?id=3", "年度报告.pdf") == "pdf"
    assert file_type_of("https://x/down.php?id=3", "年度报告") is None


# --- summary ---------------------------------------------------------------------------------------------


def test_summary_and_report(db_path: Path) -> None:
    with Archive(db_path) as writer:
        crawl_id = writer.start_crawl("cnfa-news", "cnfa")
        writer.save_article(crawl_id, make_article())
        writer.save_article(
            crawl_id,
            {
                "url": "https://www.cfla.org.cn/a/1.html",
                "site": "cfla",
                "title": "无日期的文章",
                "body_text": "正文",
            },
        )
        writer.save_listings(crawl_id, "https://www.cnfa.org.cn/", make_article()["listings"])
        writer.record_error(crawl_id, "https://www.cnfa.org.cn/x", "timeout")
        writer.finish_crawl(crawl_id, "finished", {"requests": 5, "responses": 4})

    summary = archive_summary(db_path)
    assert summary["counts"]["articles"] == 2
    assert summary["schema_version"] == SCHEMA_VERSION
    sites = {s["site"]: s for s in summary["sites"]}
    assert sites["cnfa"]["articles"] == 1
    assert (
        sites["cnfa"]["first_published_at"]
        == sites["cnfa"]["last_published_at"]
        == "2024-03-01T10:00:00+08:00"
    )
    assert summary["crawls"][0]["id"] == crawl_id and summary["crawls"][0]["status"] == "finished"
    recent = summary["recent_articles"]
    assert [a["url"] for a in recent] == [URL, "https://www.cfla.org.cn/a/1.html"]  # dated first
    assert recent[0]["body_chars"] == len(make_article()["body_text"])
    assert recent[0]["editor"] == "李四"
    kinds = {k["kind"]: k for k in summary["listing_kinds"]}
    assert kinds["hot"] == {"kind": "hot", "blocks": 2, "items": 4, "pages": 2}
    assert kinds["related"]["blocks"] == 2
    assert summary["errors"] == {"timeout": 1}

    with Archive(db_path, readonly=True) as reader:
        assert archive_summary(reader)["counts"] == summary["counts"]

    report = format_summary(summary)
    for expected in (
        "Rows per table",
        "Sites",
        "Latest crawls",
        "Recent articles",
        "Listing blocks by kind",
        "2024年全国家具行业经济运行情况",
        "无日期的文章",
        "cnfa-news",
        "热点新闻",
        URL,
    ):
        assert expected in report
    assert "\t" not in report


def test_summary_of_empty_archive(db_path: Path) -> None:
    Archive(db_path).close()
    summary = archive_summary(db_path)
    assert summary["recent_articles"] == [] and summary["crawls"] == []
    report = format_summary(summary)
    assert "(none)" in report
    with pytest.raises(ArchiveError):
        archive_summary(db_path.parent / "missing.db")


def test_finish_crawl_counts_from_another_archive_object(db_path: Path) -> None:
    with Archive(db_path) as crawler:
        crawl_id = crawler.start_crawl("cnfa", "cnfa")
        crawler.save_article(crawl_id, make_article())
        crawler.save_article(crawl_id, make_article(title="改"))
        crawler.save_article(crawl_id, make_article(url=URL + "?2", aliases=[]))
    with Archive(db_path) as other:
        other.finish_crawl(crawl_id, "interrupted", {})
        crawl = other.crawl(crawl_id)
    assert crawl["status"] == "interrupted"
    assert (crawl["articles_new"], crawl["articles_changed"], crawl["articles_unchanged"]) == (2, 1, None)


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
