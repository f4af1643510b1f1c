"""Frozen schema versions: an archive built at every old version, migrated by ``Archive``, has the schema of a new
archive and keeps its rows; the frozen DDL of the current version is what a new archive is made of."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive import Archive
from archive.fulltext import index_new_articles
from archive.grams import index_article
from archive.migrations import STEPS, VERSIONS, create, schema_version
from archive.schema import SCHEMA_VERSION

OLD_VERSIONS = list(range(1, SCHEMA_VERSION))

# sha256 of each frozen version's CREATE and UPGRADE statements. A frozen version never changes: if this test
# fails, restore the module (a schema change is a new version module, with its own step).
FROZEN_DIGESTS = {
    1: "a7c2db47a98b50dc406f18774d5d4a7d81853dbcae1919debd3c97b38c206e5b",
    2: "ed491ff2e966f79c66463b498bf45ad5ede2d4894853ffbee6c75109601da8e2",
    3: "c1522e206a261c91bcc04d21f28ac137fb90fb3e86917aaa0564bb3173e80bd5",
    4: "542067ec3ad9fcc710a6712ca7b23c4230e7537a7444e262ce74dc67cf4c1b9e",
    5: "3d9ecdfd83830933d1fd8793c88ff4996e8c8d570bd3759b7056a460c2334055",
    6: "53900414b25a1d2fae806f7ab4399d2a664c9bed47a2aeb92d974b29809cd25b",
    7: "c727cb6868936ab7c96ee1ca7c9022961d2579e7e1505776ba79286124025304",
    8: "3b2f96a59d4baf9e13884226746af8ba1574aca97057a8e0adfab835c33234aa",
    9: "e030db6fb6c6a6d61b0733f27b27f422517190be9862f5c562c30a03fd71659f",
}


def _normalised_sql(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, tuple[Any, ...]]:
    """name -> (type, notnull, default, pk). ALTER TABLE ADD COLUMN can only append, so order is left out."""
    return {row[1]: (row[2], row[3], row[4], row[5]) for row in conn.execute(f'PRAGMA table_info("{table}")')}


def _indexes(conn: sqlite3.Connection, table: str) -> dict[str, tuple[Any, ...]]:
    """index name -> (unique, origin, partial, columns in order), automatic indexes included."""
    found = {}
    for _, name, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
        columns = tuple(row[2] for row in conn.execute(f'PRAGMA index_info("{name}")'))
        found[name] = (unique, origin, partial, columns)
    return found


def _foreign_keys(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return sorted((row[2], row[3], row[4]) for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'))


def schema_of(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything that makes up an archive's schema, comparable between a migrated and a new archive: tables
    (FTS5 virtual and shadow tables included) with their columns, indexes and foreign keys; the SQL of indexes,
    virtual tables, triggers and views; the FTS5 settings; the recorded version."""
    objects = conn.execute(  # sqlite_stat1 and the like are SQLite's own (PRAGMA optimize may add one)
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    tables = {
        name: {"columns": _columns(conn, name), "indexes": _indexes(conn, name), "foreign_keys": _foreign_keys(conn, name)}
        for kind, name, _, sql in objects
        if kind == "table"
    }
    # A table's own CREATE TABLE text changes with each added column; every other object's text must match.
    sql = {(kind, name, table): _normalised_sql(text) for kind, name, table, text in objects
           if kind != "table" or (text or "").startswith("CREATE VIRTUAL TABLE")}
    fts_config = sorted(conn.execute("SELECT k, v FROM articles_fts_config")) if "articles_fts_config" in tables else []
    return {"tables": tables, "sql": sql, "fts_config": fts_config, "version": schema_version(conn)}


def _new_archive_schema(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "new.db"
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        return schema_of(conn)


# --- rows of an old archive -------------------------------------------------------------------------------

ROWS: dict[str, dict[str, Any]] = {
    "crawls": {"id": 1, "target": "cnfa", "site": "cnfa", "started_at": "2024-05-01T08:00:00Z",
               "finished_at": "2024-05-01T09:00:00Z", "status": "finished", "articles_new": 1, "errors": 1,
               "articles_gone": 0, "alerts_json": "[]"},
    "articles": {"id": 1, "url": "https://x.test/a.html", "site": "cnfa", "title": "再生铝行业年会召开",
                 "published_at": "2024-04-30", "body_text": "再生铝行业的年会在上海召开。", "content_hash": "h1",
                 "version": 1, "first_seen_at": "2024-05-01T08:10:00Z", "last_seen_at": "2024-05-01T08:10:00Z",
                 "changed_at": "2024-05-01T08:10:00Z", "first_crawl_id": 1, "last_crawl_id": 1,
                 "field_methods": '{"title": "h1"}', "last_checked_at": "2024-05-01T08:10:00Z"},
    "article_versions": {"id": 1, "article_id": 1, "version": 1, "title": "再生铝行业年会召开", "content_hash": "h1",
                         "fetched_at": "2024-05-01T08:10:00Z", "crawl_id": 1, "field_methods": '{"title": "h1"}'},
    "article_aliases": {"url": "https://x.test/a.html?from=home", "article_id": 1, "reason": "variant",
                        "first_seen_at": "2024-05-01T08:10:00Z"},
    "listings": {"id": 1, "crawl_id": 1, "page_url": "https://x.test/", "article_id": None, "block": 1,
                 "kind": "hot", "position": 1, "target_url": "https://x.test/a.html", "seen_at": "2024-05-01T08:05:00Z"},
    "images": {"id": 1, "article_id": 1, "position": 1, "url": "https://x.test/a.jpg", "alt": "会场"},
    "attachments": {"id": 1, "article_id": 1, "position": 1, "url": "https://x.test/a.pdf", "file_type": "pdf"},
    "raw_pages": {"id": 1, "article_id": 1, "url": "https://x.test/a.html", "page_no": 1, "crawl_id": 1,
                  "fetched_at": "2024-05-01T08:10:00Z", "status": 200, "body": b"x\x9c", "body_sha256": "s1"},
    "pages": {"url": "https://x.test/a.html", "site": "cnfa", "page_type": "article", "article_id": 1,
              "first_seen_at": "2024-05-01T08:10:00Z", "last_fetched_at": "2024-05-01T08:10:00Z", "last_status": 200,
              "last_crawl_id": 1},
    "frontier": {"url": "https://x.test/b.html", "site": "cnfa", "crawl_id": 1, "discovered_at": "2024-05-01T08:20:00Z"},
    "errors": {"id": 1, "crawl_id": 1, "url": "https://x.test/c.html", "status": 404, "error": "http_404",
               "occurred_at": "2024-05-01T08:30:00Z"},
}


def _insert_rows(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Insert the part of ROWS this archive's version has columns for; return what was inserted."""
    inserted = {}
    for table, row in ROWS.items():
        columns = _columns(conn, table)
        if not columns:
            continue  # the table is newer than the archive (frontier before version 3)
        values = {name: value for name, value in row.items() if name in columns}
        names = ", ".join(values)
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})", tuple(values.values()))
        inserted[table] = values
    if _columns(conn, "articles_grams"):  # version 5 on: save_article kept the short-term index
        article = ROWS["articles"]
        index_article(conn, article["id"], article["title"], article["body_text"])
    return inserted


def build_old_archive(path: Path, version: int) -> dict[str, dict[str, Any]]:
    """An archive of schema ``version`` made from its frozen DDL, with a few rows; returns the rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        create(conn, version)
        inserted = _insert_rows(conn)
        if version >= 7 and "articles" in inserted:  # from version 7 on, the archive's writes index a new article
            index_new_articles(conn, conn.execute("SELECT id, title, body_text FROM articles").fetchall())
        conn.execute("COMMIT")
        assert schema_version(conn) == version
    finally:
        conn.close()
    return inserted


# --- tests ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_an_old_archive_migrates_to_the_schema_of_a_new_one(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    build_old_archive(path, version)
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        migrated = schema_of(conn)
    new = _new_archive_schema(tmp_path)
    assert migrated["version"] == new["version"] == SCHEMA_VERSION
    assert migrated["tables"].keys() == new["tables"].keys()
    for table in new["tables"]:
        assert migrated["tables"][table] == new["tables"][table], table
    assert migrated == new


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_the_rows_of_an_old_archive_survive_and_are_searchable(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    inserted = build_old_archive(path, version)
    with Archive(path) as archive:
        conn = archive.conn
        for table, values in inserted.items():
            names = ", ".join(values)
            assert conn.execute(f"SELECT {names} FROM {table}").fetchall() == [tuple(values.values())], table
        assert conn.execute("SELECT page_type_reason, gone_at FROM articles").fetchall() == [(None, None)]
        assert conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '再生铝'").fetchall() == [(1,)]
        assert conn.execute("SELECT rowid FROM articles_grams WHERE articles_grams MATCH '生铝'").fetchall() == [(1,)]
        crawl_id = archive.start_crawl("cnfa", "cnfa")
        result = archive.save_article(crawl_id, {"url": "https://x.test/a.html", "title": "铝业新闻",
                                                 "body_text": "新的正文", "page_type_reason": "title-date-body"})
        assert (result.article_id, result.status, result.version) == (1, "changed", 2)
        assert conn.execute("SELECT rowid FROM articles_grams WHERE articles_grams MATCH '生铝'").fetchall() == []
        assert conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '铝业新'").fetchall() == [(1,)]
        assert archive.article_by_url("https://x.test/a.html")["page_type_reason"] == "title-date-body"


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_each_step_turns_a_version_into_the_next(version: int) -> None:
    stepped = sqlite3.connect(":memory:", isolation_level=None)
    create(stepped, version)
    STEPS[version](stepped)
    stepped.execute(f"PRAGMA user_version = {version + 1}")
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    create(fresh, version + 1)
    assert schema_of(stepped) == schema_of(fresh)


def test_every_old_version_has_one_step() -> None:
    assert sorted(STEPS) == OLD_VERSIONS
    assert [module.VERSION for module in VERSIONS] == [*OLD_VERSIONS, SCHEMA_VERSION]


def test_a_new_archive_is_the_frozen_ddl_of_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        stored = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
                  if not sql.startswith("CREATE TABLE '")]  # FTS5 shadow tables: made by CREATE VIRTUAL TABLE
        assert schema_version(conn) == SCHEMA_VERSION
        rank = conn.execute("SELECT v FROM articles_fts_config WHERE k = 'rank'").fetchone()
    assert stored == [sql for sql in VERSIONS[-1].CREATE if sql.startswith("CREATE")]
    assert rank == ("bm25(10.0, 1.0)",)


def _digest(module: Any) -> str:
    statements = [*module.CREATE, "--", *getattr(module, "UPGRADE", ())]
    return hashlib.sha256("\n;\n".join(statements).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("module", VERSIONS, ids=lambda module: f"v{module.VERSION}")
def test_frozen_versions_never_change(module: Any) -> None:
    assert _digest(module) == FROZEN_DIGESTS[module.VERSION]


def test_step_9_names_the_sites_of_start_urls_by_their_host() -> None:
    conn = sqlite3.connect(":memory:")
    create(conn, 8)
    conn.executemany("INSERT INTO crawls (target, site, started_at) VALUES (?, ?, '2024-01-01T00:00:00Z')",
                     [("http://127.0.0.1:39717/", "127.0.0.1:39717"), ("http://www.cnmra.org.cn/", "www.cnmra.org.cn"),
                      ("recycle", "recycle"), ("http://example.org/", "example.org"),
                      ("www.cnmn.org.cn", "www.cnmn.org.cn"),  # a profile named so: its name stays
                      ("http://10.0.0.5:8001/", "10.0.0.5:8001"), ("http://10.0.0.5:8002/", "10.0.0.5:8002")])
    conn.execute("INSERT INTO frontier (url, site, discovered_at) VALUES ('http://127.0.0.1:4/', '127.0.0.1:39717', 'x')")
    STEPS[8](conn)
    assert [row[0] for row in conn.execute("SELECT site FROM crawls ORDER BY id")] == [
        "127.0.0.1", "cnmra.org.cn", "recycle", "example.org", "www.cnmn.org.cn",
        "10.0.0.5:8001", "10.0.0.5:8002"]  # two sites on one host: not merged by guess
    assert conn.execute("SELECT site FROM frontier").fetchall() == [("127.0.0.1",)]
