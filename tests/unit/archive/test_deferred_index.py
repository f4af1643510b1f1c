"""A batch indexes its new articles when it commits: what search finds, and that both full-text indexes stay
consistent with the articles, whatever happens inside the batch (a write that fails, an article changed or taken
back before the batch commits)."""

from __future__ import annotations

from pathlib import Path

import pytest

import archive.fulltext as fulltext
from archive import Archive, ArchiveError
from archive.search import search


def record(slug: str, title: str, body: str) -> dict:
    return {"url": f"https://x.test/{slug}.html", "site": "x", "title": title, "body_text": body}


def found(archive: Archive, query: str) -> set[str]:
    return {r.url.rsplit("/", 1)[1].removesuffix(".html") for r in search(archive.conn, query, limit=50)}


def assert_indexes_consistent(archive: Archive) -> None:
    conn = archive.conn
    # raises when the index does not hold exactly the articles' title and body (rank 1: against the content table)
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO articles_grams (articles_grams) VALUES ('integrity-check')")
    ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
    for term in ("再生铝", "再生铜", "修改后", "第一稿", "铜价周"):  # index entries, whatever the table holds
        trigram = {r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (term,))}
        grams = {r[0] for r in conn.execute("SELECT rowid FROM articles_grams WHERE articles_grams MATCH ?",
                                            (" AND ".join(term),))}
        with_term = {row[0] for row in conn.execute(
            "SELECT id FROM articles WHERE instr(title, ?) OR instr(body_text, ?)", (term, term))}
        assert trigram == with_term <= ids
        assert with_term <= grams <= ids


@pytest.fixture
def batched(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "a.db")
    archive.batch(1000, 3600.0)
    yield archive
    archive.close()


def test_new_articles_are_searchable_once_the_batch_commits(batched: Archive) -> None:
    crawl = batched.start_crawl("x", "x")
    batched.save_article(crawl, record("a1", "再生铝产业年会", "再生铝企业代表出席了会议"))
    batched.save_article(crawl, record("a2", "铜价周报", "本周铜价上涨"))
    batched.flush()
    assert found(batched, "再生铝") == {"a1"}
    assert found(batched, "铜价") == {"a2"}  # two characters: the grams index
    assert_indexes_consistent(batched)


def test_a_failed_write_leaves_nothing_in_the_indexes(batched: Archive) -> None:
    crawl = batched.start_crawl("x", "x")
    batched.save_article(crawl, record("a1", "再生铝产业年会", "再生铝企业代表出席了会议"))
    # the article row is written (and its indexing queued), then a later statement of the same write fails
    batched.conn.execute("CREATE TEMP TRIGGER fail BEFORE INSERT ON main.listings WHEN new.title = 'fails' "
                         "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    broken = record("a2", "再生铜年会", "再生铜企业")
    broken["listings"] = [{"heading": "推荐内容", "kind": "recommended", "block": 0, "position": 1,
                           "target_url": "https://x.test/a9.html", "title": "fails"}]
    with pytest.raises(ArchiveError, match="disk trouble"):
        batched.save_article(crawl, broken)
    batched.flush()
    assert found(batched, "再生铝") == {"a1"}
    assert found(batched, "再生铜") == set()
    assert_indexes_consistent(batched)


def test_an_article_changed_in_its_first_batch_is_indexed_with_its_new_text(batched: Archive) -> None:
    crawl = batched.start_crawl("x", "x")
    batched.save_article(crawl, record("a1", "再生铝产业年会", "第一稿正文"))
    batched.save_article(crawl, record("a1", "再生铝产业年会", "修改后的正文"))
    batched.flush()
    assert found(batched, "修改后") == {"a1"}
    assert found(batched, "第一稿") == set()
    assert_indexes_consistent(batched)


def test_an_article_taken_back_in_its_first_batch_leaves_the_indexes_consistent(batched: Archive) -> None:
    crawl = batched.start_crawl("x", "x")
    batched.save_article(crawl, record("a1", "网友评论：再生铝产业年会", "评论"))
    batched.save_article(crawl, record("a2", "铜价周报", "本周铜价上涨"))
    assert batched.retract_new_article(crawl, "https://x.test/a1.html", "other", "site-template:comment")
    batched.flush()
    assert found(batched, "再生铝") == set()
    assert found(batched, "铜价") == {"a2"}
    assert_indexes_consistent(batched)


def test_outside_a_batch_an_article_is_indexed_at_once(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        crawl = archive.start_crawl("x", "x")
        archive.save_article(crawl, record("a1", "再生铝产业年会", "再生铝企业代表出席了会议"))
        assert found(archive, "再生铝") == {"a1"}
        assert_indexes_consistent(archive)


def test_a_batch_whose_indexing_fails_leaves_no_entry_and_indexes_once_later(batched: Archive, monkeypatch) -> None:
    crawl = batched.start_crawl("x", "x")
    batched.save_article(crawl, record("a1", "再生铝产业年会", "再生铝企业代表出席了会议"))
    batched.save_article(crawl, record("a2", "铜价周报", "本周铜价上涨"))
    # the short-term index refuses its rows (as a full disk would) after the trigram rows are written
    monkeypatch.setattr(fulltext, "SQL_GRAMS_INSERT", "INSERT INTO no_such_table (rowid, grams) VALUES (?, ?)")
    with pytest.raises(ArchiveError):
        batched.flush()
    monkeypatch.undo()
    batched.flush()  # the batch is still open: its articles are indexed once, and committed
    assert found(batched, "再生铝") == {"a1"}
    assert_indexes_consistent(batched)
