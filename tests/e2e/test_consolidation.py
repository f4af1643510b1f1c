"""Consolidation through real crawls: pages whose own evidence is weak are re-decided by the pages of their URL
template when the crawl ends (a photo-only notice among articles is archived; a comment view that looked like a
short article is taken back), the crawl's report counts it, `--no-consolidate` leaves it out and
`reextract --site` does it later."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import FAST, RoutedSite, run_cli, serving

SITE = "江海有色金属协会"
TEXT = "协会组织会员企业开展调研，了解再生铝企业原料供应、生产经营和节能减排情况，并听取企业意见建议。"


def _page(title: str, inner: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}_{SITE}</title></head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/news/">协会动态</a></div>'
            f'<div class="main">{inner}</div><div class="footer">版权所有：{SITE}</div></body></html>')


def _article(number: int) -> str:
    return _page(f"协会第{number}次调研活动", f'<h1>协会第{number}次调研活动</h1><div class="info">发布时间：2024-03-0{number}'
                 f'</div><div class="content"><p>{TEXT * 2}</p></div><a href="/pl/?id={number}">查看评论</a>')


def _comments(number: int, headline: str) -> str:
    return _page(headline, f'<h1>{headline}</h1><div class="content"><p>网友：希望协会多组织这样的活动。</p></div>')


PAGES = {f"/news/{k}.html": _article(k) for k in range(1, 7)}
PAGES["/news/7.html"] = _page("会员风采", '<h1>会员风采</h1><div class="content"><p><img src="/u/7.jpg" /></p></div>')
PAGES.update({f"/pl/?id={k}": _comments(k, f"网友评论：协会第{k}次调研活动") for k in range(1, 7)})
PAGES["/pl/?id=7"] = _comments(7, "关于调研活动的讨论")  # no 网友评论 in its title: alone, a short undated article
PAGES["/"] = _page(SITE, "<ul>" + "".join(f'<li><a href="{p}">{p}</a></li>' for p in PAGES) + "</ul>")


@pytest.fixture
def site_url():
    with serving(RoutedSite(PAGES).handler()) as url:
        yield url + "/"


# A site whose article URLs carry their column (/xhdt/1.html, /hyzx/4.html ...): no URL shape has enough pages to
# speak, but every article puts its headline in the same place, and so does the photo-only notice.
COLUMNS = {"xhdt": (1, 2, 3), "hyzx": (4, 5, 6), "tzgg": (7, 8)}


def _column_article(number: int, inner: str) -> str:
    return _page(f"协会第{number}次调研活动", f'<div class="article"><h1>协会第{number}次调研活动</h1>{inner}</div>')


COLUMN_PAGES = {f"/{column}/{k}.html": _column_article(k, f'<div class="info">发布时间：2024-03-0{k}</div>'
                                                           f'<div class="content"><p>{TEXT * 2}</p></div>')
                for column, numbers in COLUMNS.items() for k in numbers if k != 7}
COLUMN_PAGES["/tzgg/7.html"] = _column_article(7, '<div class="content"><p><img src="/u/7.jpg" /></p></div>')
COLUMN_PAGES["/"] = _page(SITE, "<ul>" + "".join(f'<li><a href="{p}">{p}</a></li>' for p in COLUMN_PAGES) + "</ul>")


def test_pages_of_one_skeleton_speak_where_their_url_shapes_are_too_few(tmp_path):
    with serving(RoutedSite(COLUMN_PAGES).handler()) as url:
        report = _crawl(url + "/", tmp_path / "c.db")
    assert report["consolidation"]["promoted"] == 1
    articles = _articles(tmp_path / "c.db")
    assert articles["tzgg/7.html"] == "site-template"
    assert len(articles) == 8
    with sqlite3.connect(tmp_path / "c.db") as conn:
        templates = {row[0] for row in conn.execute("SELECT template FROM pages WHERE page_type = 'article'")}
    assert templates == {"div.main>div.article"}


def _crawl(url: str, db, *extra: str) -> dict:
    result = run_cli("crawl", url, "--db", str(db), "--json", *FAST, *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _articles(db) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return {url.split("/", 3)[3]: reason for url, reason in conn.execute("SELECT url, page_type_reason FROM articles")}


def test_the_site_template_decides_the_weak_pages_when_the_crawl_ends(tmp_path, site_url):
    report = _crawl(site_url, tmp_path / "a.db")
    assert report["consolidation"] == {"promoted": 1, "retracted": 1, "skipped": 0, "stripped": 0, "filled": 0,
                                       "relisted": 0}
    articles = _articles(tmp_path / "a.db")
    assert sorted(articles) == sorted(f"news/{k}.html" for k in range(1, 8))
    assert articles["news/7.html"] == "site-template"
    assert report["articles_new"] == 7
    with sqlite3.connect(tmp_path / "a.db") as conn:
        page_type, reason = conn.execute("SELECT page_type, page_type_reason FROM pages WHERE url LIKE '%/pl/?id=7'"
                                         ).fetchone()
        assert (page_type, reason.split(":")[0]) == ("other", "site-template")
        assert conn.execute("SELECT count(*) FROM raw_pages WHERE url LIKE '%/pl/?id=7'").fetchone()[0] == 1
    # later runs neither bring the comment view back nor count the notice again
    for _ in range(2):
        again = _crawl(site_url, tmp_path / "a.db", "--recheck", "all")
        assert sorted(_articles(tmp_path / "a.db")) == sorted(articles)
        assert (again["status"], again["articles_new"], again["articles_gone"]) == ("finished", 0, 0)
        assert again["consolidation"]["promoted"] == 0


def test_no_consolidate_then_reextract_site(tmp_path, site_url):
    report = _crawl(site_url, tmp_path / "b.db", "--no-consolidate")
    assert report["consolidation"] == {}
    articles = _articles(tmp_path / "b.db")
    assert "news/7.html" not in articles and "pl/?id=7" in articles
    reports = []
    for dry in (["--dry-run"], []):  # a dry run counts what the real one does
        result = run_cli("reextract", "--db", str(tmp_path / "b.db"), "--site", report["site"], "--json", *dry)
        assert result.returncode == 0, result.stderr
        reports.append({k: v for k, v in json.loads(result.stdout).items() if k in ("promoted", "template_promoted")})
    assert reports == [{"promoted": 0, "template_promoted": 1}] * 2
    after = _articles(tmp_path / "b.db")
    assert after["news/7.html"] == "site-template"
    assert "pl/?id=7" in after  # archived by an earlier crawl: never taken back
