"""Chinese full-text search, exports and `show`, on real SQLite archives and through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run_cli

from archive import Archive
from archive.search import Filters, SearchError, count, make_snippet, parse_query, search

ARTICLES = [
    # (slug, site, title, published_at, source, editor, body)
    ("a1", "cnfa", "再生铝行业推进碳达峰行动", "2024-03-01T09:00:00+08:00", "中国有色金属报", "再生分会",
     "为落实碳达峰目标，再生铝企业加快节能改造。铝工业是用能大户。"),
    ("a2", "cnfa", "再生铜原料进口保持增长", "2024-04-02T10:00:00+08:00", "海关总署", "再生分会",
     "一季度我国进口再生铜原料约五十万吨，同比增长。"),
    ("a3", "steel", "废钢价格小幅回落", "2023-12-20", "钢铁协会", "编辑部",
     "本周废钢价格小幅回落，市场观望情绪较浓。再生资源回收体系建设持续推进。"),
    ("a4", "steel", "Steel scrap recycling forum held", "2024-05-05", "CISA", None,
     "The recycling forum discussed scrap steel and carbon peaking."),
    ("a5", "cnfa", "协会召开理事会", "2024-06-01", "协会秘书处", "再生分会",
     "会议审议了年度工作报告，再生铝和再生铜分会负责人参加。"),
]


def record(slug, site, title, published, source, editor, body, **extra):
    return {"url": f"https://{site}.test/{slug}.html", "site": site, "title": title, "published_at": published,
            "source": source, "editor": editor, "body_text": body, **extra}


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "s.db") as opened:
        crawl_id = opened.start_crawl("t", "cnfa")
        for row in ARTICLES:
            opened.save_article(crawl_id, record(*row))
        opened.crawl_id = crawl_id
        yield opened


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
    archive.save_article(archive.crawl_id, record("a6", "cnfa", "废旧动力电池回收新规", "2024-07-01", "工信部",
                                                  None, "动力电池回收利用管理办法发布。"))
    assert slugs(search(conn, "动力电池")) == ["a6"]
    changed = record(*ARTICLES[1][:6], "二季度再生铜原料进口回落，镍价上涨。")
    assert archive.save_article(archive.crawl_id, changed).status == "changed"
    assert slugs(search(conn, "镍价")) == ["a2"] and slugs(search(conn, "五十万吨")) == []
    assert slugs(search(conn, "镍")) == ["a2"] and slugs(search(conn, "吨")) == []  # the short-term index too
    unchanged = archive.save_article(archive.crawl_id, {**changed, "fetched_at": "2030-01-01T00:00:00Z"})
    assert unchanged.status == "unchanged" and slugs(search(conn, "镍价")) == ["a2"]
    assert conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')") is not None


def test_cli_search_export_show(archive, tmp_path):
    db = archive.path
    archive.save_listings(archive.crawl_id, "https://cnfa.test/a5.html", [
        {"heading": "热点内容", "kind": "hot", "block": 0, "position": 1, "target_url": "https://cnfa.test/a1.html",
         "title": "再生铝行业推进…", "label": "行业资讯"}])
    archive.close()

    result = run_cli("search", "再生铝", "--db", str(db))
    assert result.returncode == 0 and "2 articles match" in result.stdout and "[再生铝]" in result.stdout
    data = json.loads(run_cli("search", "再生", "--db", str(db), "--site", "steel", "--format", "json").stdout)
    assert data["total"] == 1 and data["results"][0]["title"] == "废钢价格小幅回落"
    rows = list(csv.DictReader(io.StringIO(run_cli("search", "铝", "--db", str(db), "--format", "csv").stdout)))
    assert {r["title"] for r in rows} == {"再生铝行业推进碳达峰行动", "协会召开理事会"}
    bad = run_cli("search", '"unclosed', "--db", str(db))
    assert bad.returncode == 2 and "unclosed quote" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("search", "x", "--db", str(tmp_path / "none.db")).returncode == 2

    out = tmp_path / "all.csv"
    assert run_cli("export", "--db", str(db), "--format", "csv", "--bom", "--out", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "再生铜原料进口保持增长".encode() in raw
    exported = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(exported) == len(ARTICLES) and exported[0]["title"] == ARTICLES[0][2]

    lines = run_cli("export", "--db", str(db), "--format", "jsonl", "--query", "再生铝").stdout.splitlines()
    records = {json.loads(line)["title"]: json.loads(line) for line in lines}
    assert set(records) == {"再生铝行业推进碳达峰行动", "协会召开理事会"}
    assert records["协会召开理事会"]["listings"][0]["kind"] == "hot"
    assert {"attachments", "images", "aliases", "versions", "field_methods", "body_text"} <= set(
        records["协会召开理事会"])

    short = run_cli("export", "--db", str(db), "--format", "csv", "--query", "鋁")  # a 1-character, 2-form term
    assert short.returncode == 0 and len(list(csv.DictReader(io.StringIO(short.stdout)))) == 2

    shown = run_cli("show", "https://cnfa.test/a1.html", "--db", str(db))
    assert shown.returncode == 0 and "再生铝行业推进碳达峰行动" in shown.stdout and "热点内容" in shown.stdout
    report = json.loads(run_cli("show", "https://cnfa.test/a1.html", "--db", str(db), "--json").stdout)
    assert report["listed_in"][0]["kind"] == "hot" and report["versions"][0]["version"] == 1
    assert run_cli("show", "https://cnfa.test/none.html", "--db", str(db)).returncode == 2


def test_parquet_export(archive, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = archive.path
    archive.close()
    out = tmp_path / "a.parquet"
    result = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out), "--site", "cnfa")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and "再生铝行业推进碳达峰行动" in table.column("title").to_pylist()
    assert run_cli("export", "--db", str(db), "--format", "parquet").returncode == 2  # needs --out


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


def test_stats_and_chart(archive, tmp_path):
    import xml.etree.ElementTree as ElementTree

    db = archive.path
    archive.close()
    chart = tmp_path / "months.svg"
    result = run_cli("stats", "--db", str(db), "--json", "--chart", str(chart))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["articles"] == 5
    assert {r["site"]: r["articles"] for r in stats["sites"]} == {"cnfa": 3, "steel": 2}
    assert {r["month"]: r["articles"] for r in stats["months"]} == {
        "2023-12": 1, "2024-03": 1, "2024-04": 1, "2024-05": 1, "2024-06": 1}
    assert stats["editors"][0] == {"editor": "再生分会", "articles": 3}
    assert stats["coverage"]["editor"] == {"articles": 4, "share": 0.8}
    svg = ElementTree.parse(chart).getroot()
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert sorted(line.get("data-site") for line in lines) == ["cnfa", "steel"]
    assert all(len(line.get("points").split()) == 7 for line in lines)  # 2023-12 .. 2024-06, one point a month
    text = run_cli("stats", "--db", str(db), "--site", "steel")
    assert text.returncode == 0 and "2 articles" in text.stdout and "Field coverage" in text.stdout
    assert run_cli("stats", "--db", str(db), "--chart", str(tmp_path / "x.png")).returncode == 2
