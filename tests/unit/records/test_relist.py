"""Pages read again with the site's article URL shapes when a crawl ends (records/relist.py, through
consolidate_site) against a real SQLite archive: the pages with rows the crawl could not read get the listings the shapes read
(a column link is a label, not an item), one that reads as an article with the shapes known is archived, the rest
is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import Archive
from assoc_crawler.records.consolidate import consolidate_site

SITE = "demo"
BASE = "https://www.demo.test"
COLUMNS = [("hyzx", "行业资讯与市场分析"), ("tzgg", "通知公告信息发布"), ("xhdt", "协会动态工作专栏")]
HEADLINES = ["再生铝行业年会在佛山召开", "关于开展2024年度统计工作的通知", "协会走访永康铜加工企业", "废铜进口政策解读会举行",
             "铝合金标准宣贯会顺利召开", "再生资源回收体系建设交流会举行"]
ARTICLES = [f"{BASE}/news/2024030{k}/{k}.html" for k in range(1, 6)]
NOTICE = f"{BASE}/news/20240309/9.html"


def _target(n: int) -> str:
    return f"{BASE}/news/2024010{n + 1}/{100 + n}.html"


def _html(title: str, text: str) -> bytes:
    """An article whose sidebar rows are a long column label and the article's link side by side."""
    rows = "".join(f'<li><a href="{BASE}/{COLUMNS[n % 3][0]}/">{COLUMNS[n % 3][1]}</a><a href="{_target(n)}">{h}</a>'
                   f'</li>' for n, h in enumerate(HEADLINES))
    return (f'<html><head><meta charset="utf-8"><title>{title}_演示协会</title></head><body><h1>{title}</h1>'
            f'<div class="info">2024-03-09</div><div class="content"><p>{text}</p></div>'
            f'<div class="side"><h3>推荐内容</h3><ul>{rows}</ul></div></body></html>').encode()


def _raw(url: str, body: bytes) -> dict:
    return {"url": url, "page_no": 1, "status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"},
            "encoding": "utf-8", "body": body, "fetched_at": "2024-03-09T08:00:00Z"}


# what a crawl that read the rows by the page alone stored: each column link an item of its own
READ_ALONE = [{"kind": "recommended", "block": 0, "position": n + 1, "target_url": f"{BASE}/{COLUMNS[n % 3][0]}/",
               "title": COLUMNS[n % 3][1], "label": None} for n in range(len(HEADLINES))]


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def _crawl(archive: Archive, notice_type: str = "list") -> int:
    crawl = archive.start_crawl("t", SITE)
    for k, url in enumerate(ARTICLES, 1):
        archive.save_article(crawl, {"url": url, "site": SITE, "title": f"协会第{k}次会议", "body_text": "会议。" * 20,
                                     "page_type_reason": "title-date-body", "listings": READ_ALONE,
                                     "raw_pages": [_raw(url, _html(f"协会第{k}次会议", "会议。" * 30))]})
    for slug, _ in COLUMNS:  # the columns' list pages: where the labels lead
        archive.record_page(crawl, f"{BASE}/{slug}/", SITE, "list", 200, reason="repeated-entries")
    archive.record_page(crawl, NOTICE, SITE, notice_type, 200, reason="repeated-entries",
                        raw=_raw(NOTICE, _html("会员大会通知", "定于3月20日召开会员大会，请各单位准时参加。")))
    return crawl


def _listings(archive: Archive, url: str) -> list[tuple[str, str | None]]:
    return archive.conn.execute("SELECT target_url, label FROM listings WHERE page_url = ? ORDER BY block, position",
                                (url,)).fetchall()


WANT = [(_target(n), COLUMNS[n % 3][1]) for n in range(len(HEADLINES))]


def test_the_pages_with_unread_rows_get_the_listings_the_shapes_read(archive):
    crawl = _crawl(archive)
    assert consolidate_site(archive, SITE, crawl).relisted == 0  # no page with unread rows: nothing read again
    done = consolidate_site(archive, SITE, crawl, unread=set(ARTICLES))
    assert done.relisted == len(ARTICLES)
    assert all(_listings(archive, url) == WANT for url in ARTICLES)
    # their text as the page gives it now (the crawl's was shorter): a new version each, nothing else changed
    article = archive.article_by_url(ARTICLES[0])
    assert (article["version"], article["body_text"], article["title"]) == (2, "会议。" * 30, "协会第1次会议")
    assert consolidate_site(archive, SITE, crawl, unread=set(ARTICLES)).relisted == 0  # read right already


def test_a_page_with_unread_rows_that_reads_as_an_article_is_archived_with_its_listings(archive):
    crawl = _crawl(archive)
    done = consolidate_site(archive, SITE, crawl, unread={NOTICE})
    assert done.promoted == 1
    assert archive.article_by_url(NOTICE)["page_type_reason"] == "site-template"
    assert _listings(archive, NOTICE) == WANT


def test_a_dry_run_writes_nothing_and_a_page_without_unread_rows_keeps_its_type(archive):
    crawl = _crawl(archive)
    dry = consolidate_site(archive, SITE, crawl, unread={NOTICE, *ARTICLES}, dry_run=True)
    assert (dry.promoted, dry.relisted) == (1, len(ARTICLES))
    assert archive.article_by_url(NOTICE) is None and _listings(archive, ARTICLES[0]) == [
        (row["target_url"], None) for row in READ_ALONE]
    assert consolidate_site(archive, SITE, crawl).promoted == 0  # no unread rows: its type stands
    assert archive.article_by_url(NOTICE) is None


def test_a_page_the_templates_re_decided_is_not_read_again(archive):
    crawl = _crawl(archive, notice_type="other")
    archive.record_page(crawl, NOTICE, SITE, "other", 200, reason="no-date")  # weak: the article shape promotes it
    dry = consolidate_site(archive, SITE, crawl, unread={NOTICE}, dry_run=True)
    assert dry.promoted == 1  # once, by the shape, not again by the shapes' reading
    done = consolidate_site(archive, SITE, crawl, unread={NOTICE})
    assert (done.promoted, done.skipped) == (1, 0)


def test_an_article_the_templates_took_back_is_not_archived_again(archive):
    crawl = archive.start_crawl("t", SITE)
    for k in range(5):  # the comment views of a site: its shape is theirs
        url = f"{BASE}/e/pl/?id={k}"
        archive.record_page(crawl, url, SITE, "other", 200, reason="service-url:comment", raw=_raw(url, b""))
    view = f"{BASE}/e/pl/?id=9"
    archive.save_article(crawl, {"url": view, "site": SITE, "title": "会员大会通知", "body_text": "定于3月20日召开。",
                                 "page_type_reason": "short-undated",
                                 "raw_pages": [_raw(view, _html("会员大会通知", "定于3月20日召开会员大会。"))]})
    for k, url in enumerate(ARTICLES, 1):
        archive.save_article(crawl, {"url": url, "site": SITE, "title": f"协会第{k}次会议", "body_text": "会议。" * 20,
                                     "page_type_reason": "title-date-body",
                                     "raw_pages": [_raw(url, _html(f"协会第{k}次会议", "会议。" * 30))]})
    for slug, _ in COLUMNS:
        archive.record_page(crawl, f"{BASE}/{slug}/", SITE, "list", 200, reason="repeated-entries")
    done = consolidate_site(archive, SITE, crawl, unread={view})
    assert (done.retracted, done.promoted) == (1, 0)
    assert archive.article_by_url(view) is None


def test_an_article_of_several_pages_keeps_the_listings_of_all_its_pages(archive):
    crawl = _crawl(archive)
    url = f"{BASE}/news/20240310/10.html"
    archive.save_article(crawl, {"url": url, "site": SITE, "title": "协会年会纪要", "body_text": "纪要。" * 20,
                                 "page_count": 2, "page_type_reason": "title-date-body", "listings": READ_ALONE,
                                 "raw_pages": [_raw(url, _html("协会年会纪要", "纪要。" * 30))]})
    done = consolidate_site(archive, SITE, crawl, unread={url})
    assert done.relisted == 0 and _listings(archive, url) == [(row["target_url"], None) for row in READ_ALONE]
