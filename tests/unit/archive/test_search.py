"""Chinese full-text search, exports and `show`, on real SQLite archives and through the real CLI."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_ARTICLES, sample_record

from archive import Archive
from archive.search import Filters, SearchError, count, make_snippet, parse_query, search


@pytest.fixture
def archive(sample_archive: Archive) -> Archive:
    """The sample archive of conftest (five articles of two sites)."""
    return sample_archive


def slugs(results) -> list[str]:
    return [r.url.rsplit("/", 1)[1].removesuffix(".html") for r in results]


@pytest.mark.parametrize(("query", "expected"), [
    ("再生铝", {"a1", "a5"}),  # 3 characters: the trigram index
    ("铝", {"a1", "a5"}),  # 1 character: LIKE
    ("再生", {"a1", "a2", "a3", "a5"}),  # 2 characters
    ("再生铝 OR 再生铜", {"a1", "a2", "a5"}),
    ("再生铝 再生铜", {"a5"}),  # implicit AND
    ("再生 -铝", {"a2", "a3"}),
    ("再生 NOT 铝", {"a2", "a3"}),
    ('"碳达峰目标"', {"a1"}),
    ("(铝 OR 钢) AND 价格", {"a3"}),
    ("recycling", {"a4"}),
    ("RECYCLING forum", {"a4"}),  # case does not matter
    ("再生鋁", {"a1", "a5"}),  # traditional characters find simplified text
    ("鋁", {"a1", "a5"}),
    ("碳達峰", {"a1"}),
    ("镍", set()),
])
def test_queries(archive, query, expected):
    results = search(archive.conn, query, limit=50)
    assert set(slugs(results)) == expected
    assert count(archive.conn, query) == len(expected)


def test_ranking_and_snippets(archive):
    results = search(archive.conn, "再生铝")
    assert slugs(results)[0] == "a1"  # in the title and the body, before a body-only match
    assert results[0].rank is not None and results[0].rank <= results[1].rank
    assert "[再生铝]" in results[0].snippet
    assert "[铝]" in search(archive.conn, "铝")[0].snippet
    assert make_snippet("前面的文字" * 20 + "关键词在这里" + "后面" * 40, ["关键词"], width=20).startswith("…")


def test_filters(archive):
    assert set(slugs(search(archive.conn, "再生", Filters(site="cnfa")))) == {"a1", "a2", "a5"}
    assert slugs(search(archive.conn, "再生", Filters(source="海关总署"))) == ["a2"]
    assert set(slugs(search(archive.conn, "再生", Filters(editor="再生分会", since="2024-04")))) == {"a2", "a5"}
    assert slugs(search(archive.conn, "再生", Filters(until="2023"))) == ["a3"]
    with pytest.raises(SearchError, match="YYYY-MM-DD"):
        search(archive.conn, "再生", Filters(since="last week"))
    for no_date in ("2023-13", "2023-02-30", "2023-00", "0000"):  # shaped like dates, naming none
        with pytest.raises(SearchError, match=no_date):
            search(archive.conn, "再生", Filters(since=no_date))
    assert slugs(search(archive.conn, "再生", Filters(since="2024-02-29", until="2023"))) == []  # a leap day is one


@pytest.mark.parametrize("query", ['"abc', "(铝", "铝)", "铝 OR", "NOT 铝", "", "   ", '""', "AND"])
def test_malformed_queries_give_clear_errors(archive, query):
    with pytest.raises(SearchError) as caught:
        search(archive.conn, query)
    assert "sqlite" not in str(caught.value).lower() and len(str(caught.value)) < 200


def test_fts_syntax_in_a_term_is_only_text(archive):
    for query in ('再生铝*', 'title:再生', 'a1 NEAR b', '"再生" + 铝', '^再生铝', "铝%", "_"):
        search(archive.conn, query)  # no FTS or LIKE syntax reaches SQLite unescaped
    assert parse_query("x*").text == "x*"  # type: ignore[union-attr]


def test_search_follows_new_and_changed_articles(archive):
    conn = archive.conn
    archive.save_article(archive.crawl_id, sample_record("a6", "cnfa", "废旧动力电池回收新规", "2024-07-01", "工信部",
                                                  None, "动力电池回收利用管理办法发布。"))
    assert slugs(search(conn, "动力电池")) == ["a6"]
    changed = sample_record(*SAMPLE_ARTICLES[1][:6], "二季度再生铜原料进口回落，镍价上涨。")
    assert archive.save_article(archive.crawl_id, changed).status == "changed"
    assert slugs(search(conn, "镍价")) == ["a2"] and slugs(search(conn, "五十万吨")) == []
    assert slugs(search(conn, "镍")) == ["a2"] and slugs(search(conn, "吨")) == []  # the short-term index too
    unchanged = archive.save_article(archive.crawl_id, {**changed, "fetched_at": "2030-01-01T00:00:00Z"})
    assert unchanged.status == "unchanged" and slugs(search(conn, "镍价")) == ["a2"]
    # the index agrees with the articles table, row for row (rank 1: compare with the external content table;
    # without it FTS5 only checks the index against itself); a mismatch raises sqlite3.DatabaseError
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_listing_history_view(archive):
    for crawl in range(2):
        crawl_id = archive.start_crawl("t", "cnfa")
        archive.save_listings(crawl_id, f"https://cnfa.test/a{crawl + 2}.html", [
            {"heading": "热点内容", "kind": "hot", "block": 0, "position": 1,
             "target_url": "https://cnfa.test/a1.html"}])
    row = archive.conn.execute("SELECT title, kind, crawls, pages FROM listing_history "
                               "WHERE target_url = 'https://cnfa.test/a1.html'").fetchone()
    assert row == ("再生铝行业推进碳达峰行动", "hot", 2, 2)


def test_sort_by_date_and_the_fallback_for_huge_result_sets(archive, monkeypatch):
    import archive.search as search_module

    assert slugs(search(archive.conn, "再生铝")) == ["a1", "a5"]  # by rank: a1 has it in its title
    assert slugs(search(archive.conn, "再生铝", sort="date")) == ["a5", "a1"]
    assert slugs(search(archive.conn, "再生 铝", sort="date")) == ["a5", "a1"]  # the LIKE path sorts too
    monkeypatch.setattr(search_module, "RANK_MAX_MATCHES", 1)
    assert slugs(search(archive.conn, "再生铝")) == ["a5", "a1"]  # too many matches to rank: newest first
    with pytest.raises(SearchError):
        search(archive.conn, "再生铝", sort="title")
