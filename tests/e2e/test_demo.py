"""End to end: the real CLI crawls every demo site over HTTP on 127.0.0.1 into a real SQLite archive.

Every archived field is checked against the site's truth.json.
"""

from __future__ import annotations

import sqlite3
import zlib

import pytest
from conftest import FAST, run_cli, write_profile
from demo_truth import served_bytes, site_names, truth

SITES = site_names()


def _rows(db, sql, *params):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_every_crawl_exits_zero(crawled_archive):
    _, results = crawled_archive
    for name, result in results.items():
        assert result.returncode == 0, (name, result.stdout, result.stderr[-2000:])
        assert "finished" in result.stdout
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("site", SITES)
def test_articles_match_truth(site, crawled_archive, demo_server):
    db, _ = crawled_archive
    base = demo_server.sites[site].base_url
    expected = truth(site)["articles"]
    archived = {r["url"]: r for r in _rows(db, "SELECT * FROM articles WHERE site = ?", site)}
    site_pages = {base + path for path in truth(site).get("site_pages", [])}  # 协会简介: kept, marked as such
    assert {url for url, row in archived.items() if row["page_type_reason"] == "site-page"} == site_pages
    archived = {url: row for url, row in archived.items() if url not in site_pages}
    assert len(archived) == len(expected), sorted(archived)
    for art in expected:
        url = base + art["path"]
        assert url in archived, url
        row = archived[url]
        for name in ("title", "published_at", "source", "author", "editor", "category"):
            assert row[name] == art[name], (url, name)
        assert row["body_text"].split("\n") == art["body"], url
        assert row["page_count"] == art.get("pages", 1), url
        assert row["version"] == 1
        assert row["content_hash"] and row["extractor_version"]
        assert row["etag"] and row["last_modified"], "validators kept for re-crawls"
        assert "<script" not in row["body_html"] and "onclick" not in row["body_html"]
        images = _rows(db, "SELECT url, alt FROM images WHERE article_id = ? ORDER BY position", row["id"])
        assert [i["url"] for i in images] == [base + i["path"] for i in art["images"]], url
        attachments = _rows(db, "SELECT url, text FROM attachments WHERE article_id = ? ORDER BY position", row["id"])
        assert [a["url"] for a in attachments] == [_quoted(base, a["path"]) for a in art["attachments"]], url
        _check_listings(db, row, art, base)


def _quoted(base: str, path: str) -> str:
    from assoc_crawler.extract import normalize_url

    return normalize_url(base + path)


def _check_listings(db, row, art, base):
    rows = _rows(db, "SELECT * FROM listings WHERE page_url = ? ORDER BY block, position", row["url"])
    blocks: dict[int, list[dict]] = {}
    for r in rows:
        blocks.setdefault(r["block"], []).append(r)
    got = [(items[0]["kind"], items[0]["heading"], len(items)) for _, items in sorted(blocks.items())]
    want = [(b["kind"], b["heading"], b["count"]) for b in art["listings"]]
    assert got == want, row["url"]
    for (_, items), block in zip(sorted(blocks.items()), art["listings"], strict=True):
        first = items[0]
        assert first["position"] == 1
        assert first["target_url"] == _quoted(base, block["first"]["path"])
        assert first["title"] == block["first"]["title"]
        assert first["label"] == block["first"]["label"]
        assert first["teaser"] == block["first"]["teaser"]


@pytest.mark.parametrize("site", SITES)
def test_non_articles_errors_aliases_variants_robots(site, crawled_archive, demo_server):
    db, _ = crawled_archive
    served = demo_server.sites[site]
    base = served.base_url
    data = truth(site)
    article_urls = {r["url"] for r in _rows(db, "SELECT url FROM articles")}
    for path in data.get("not_articles", []):
        assert _quoted(base, path) not in article_urls, path
    requested = set(served.requested_paths()) if callable(getattr(served, "requested_paths", None)) else set()
    for path in data.get("disallowed", []):
        assert path not in requested, f"robots.txt forbids {path}"
    errors = {(r["url"], r["status"]) for r in _rows(db, "SELECT url, status FROM errors")}
    for err in data.get("errors", []):
        if err.get("status"):
            assert (_quoted(base, err["path"]), err["status"]) in errors, err
    for art in data["articles"]:
        for alias in art.get("aliases", []):
            rows = _rows(db, "SELECT a.url FROM article_aliases al JOIN articles a ON a.id = al.article_id "
                             "WHERE al.url = ?", _quoted(base, alias))
            assert rows and rows[0]["url"] == base + art["path"], alias
    for variant in data.get("variants", []):
        assert base + variant not in article_urls, "a URL variant is never its own article"
        assert _quoted(base, variant) in article_urls, "the variant dedupes to the article"
    assert not [u for u in article_urls if "utm_" in u or "from=" in u or "#" in u]


@pytest.mark.parametrize("site", SITES)
def test_raw_pages_kept_for_every_article_page(site, crawled_archive, demo_server):
    db, _ = crawled_archive
    base = demo_server.sites[site].base_url
    for art in truth(site)["articles"]:
        rows = _rows(db, "SELECT r.page_no, r.body, r.url, r.encoding FROM raw_pages r JOIN articles a "
                         "ON a.id = r.article_id WHERE a.url = ? ORDER BY page_no", base + art["path"])
        assert [r["page_no"] for r in rows] == list(range(1, art.get("pages", 1) + 1))
        body, _ = served_bytes(site, art["path"])
        assert zlib.decompress(rows[0]["body"]) == body


def test_gbk_site_is_decoded_and_recorded(crawled_archive):
    db, _ = crawled_archive
    rows = _rows(db, "SELECT encoding, title FROM articles WHERE site = 'recycle'")
    assert rows and {r["encoding"] for r in rows} == {"gb18030"}
    assert any(r["title"] == "中铝集团和魏桥集团联合发布《加快铝工业绿色低碳发展联合倡议书》" for r in rows)


def test_the_recycling_branch_article(crawled_archive):
    db, _ = crawled_archive
    rows = _rows(db, "SELECT * FROM articles WHERE title = ?",
                 "中铝集团和魏桥集团联合发布《加快铝工业绿色低碳发展联合倡议书》")
    assert len(rows) == 1
    row = rows[0]
    assert row["published_at"].startswith("2021-01-15")
    assert row["source"] == "中国有色金属报" and row["editor"] == "再生分会"
    assert "资讯来源" not in row["body_text"] and "责任编辑" not in row["body_text"]
    kinds = {r["kind"] for r in _rows(db, "SELECT kind FROM listings WHERE page_url = ?", row["url"])}
    assert {"recommended", "hot"} <= kinds
    labelled = _rows(db, "SELECT label, title, teaser FROM listings WHERE page_url = ? AND label IS NOT NULL",
                     row["url"])
    assert labelled and all(r["teaser"] for r in labelled)


def test_rerun_does_not_duplicate(demo_server, tmp_path):
    site = demo_server.sites["recycle"]
    profile = write_profile(tmp_path, "recycle", site.base_url)
    db = tmp_path / "rerun.db"
    first = run_cli("crawl", str(profile), "--db", str(db), *FAST)
    assert first.returncode == 0, first.stderr[-2000:]
    before = _rows(db, "SELECT url, content_hash FROM articles ORDER BY url")
    # the second run is incremental: no article is due, so none is fetched; the third revisits them all
    second = run_cli("crawl", str(profile), "--db", str(db), *FAST)
    assert second.returncode == 0, second.stderr[-2000:]
    third = run_cli("crawl", str(profile), "--db", str(db), "--full", "--recheck", "all", *FAST)
    assert third.returncode == 0, third.stderr[-2000:]
    after = _rows(db, "SELECT url, content_hash, version FROM articles ORDER BY url")
    assert [(r["url"], r["content_hash"]) for r in after] == [(r["url"], r["content_hash"]) for r in before]
    assert {r["version"] for r in after} == {1}
    crawls = _rows(db, "SELECT status, requests, articles_new, articles_unchanged, articles_not_modified "
                       "FROM crawls ORDER BY id")
    assert [c["status"] for c in crawls] == ["finished", "finished", "finished"]
    assert crawls[1]["articles_new"] == 0 and crawls[1]["articles_unchanged"] == 0
    assert crawls[1]["requests"] < crawls[0]["requests"] / 2
    assert crawls[2]["articles_new"] == 0
    assert crawls[2]["articles_unchanged"] + crawls[2]["articles_not_modified"] == len(after)
    assert _rows(db, "SELECT count(*) AS n FROM article_versions")[0]["n"] == len(after)
    # what stays in the frontier after finished runs: only transient failures (5xx, timeouts), being retried
    assert _rows(db, "SELECT url FROM frontier WHERE attempts = 0") == []
    dupes = _rows(db, "SELECT crawl_id, page_url, block, position, count(*) n FROM listings "
                      "GROUP BY 1, 2, 3, 4 HAVING n > 1")
    assert dupes == []


def test_timeout_and_server_errors_are_recorded_and_the_crawl_goes_on(crawled_archive):
    db, _ = crawled_archive
    kinds = {r["error"] for r in _rows(db, "SELECT error FROM errors")}
    assert "timeout" in kinds
    assert "http_404" in kinds
    assert any(k in kinds for k in ("http_500", "http_503"))
    assert "non_html" in kinds
    binary = _rows(db, "SELECT url FROM errors WHERE error = 'non_html' AND message LIKE 'binary data%'")
    assert any("c=down" in r["url"] for r in binary), "a zip served as text/html is recorded, not archived"


def test_calendar_trap_costs_a_bounded_number_of_requests(crawled_archive, demo_server):
    requested = demo_server.sites["metinfo"].requested_paths()
    calendar = [p for p in requested if "calendar.php" in p]
    assert calendar, "the trap was reached"
    assert len(calendar) <= 30


def test_trs_script_pager_pages_are_followed(crawled_archive, demo_server):
    requested = demo_server.sites["trs"].requested_paths()
    assert "/xwzx/gzdt/index_2.html" in requested, "derived from createPageHTML(), not from a link"


def test_progress_line_on_request(demo_server, tmp_path):
    url = demo_server.sites["pboot"].base_url + "/"
    result = run_cli("crawl", url, "--db", str(tmp_path / "p.db"), "--delay", "0", "--timeout", "2",
                     "--progress", "always", "--max-pages", "40")
    assert result.returncode == 0
    assert "pages" in result.stderr and "articles" in result.stderr and "errors" in result.stderr
