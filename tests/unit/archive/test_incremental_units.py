"""Pure parts of incremental crawling: list pagers, the drift rule, the site lock."""

from __future__ import annotations

import subprocess
import sys

import pytest

from archive import ArchiveLocked, SiteLock
from archive.incremental import Coverage
from assoc_crawler.extract import extract_page
from assoc_crawler.extract.pagination import list_pager
from assoc_crawler.records.drift import DriftThresholds, drift_alerts

BASE = "https://x.test/news/"


def links(*pairs: str, rel_next: str | None = None) -> list[tuple[str, str, bool]]:
    return [(BASE + url, text, url == rel_next) for url, text in zip(pairs[::2], pairs[1::2], strict=True)]


@pytest.mark.parametrize(("anchors", "own", "pager", "next_url"), [
    # page 1: numbers 2, 3 linked and 下一页
    (links("", "首页", "list_2.html", "2", "list_3.html", "3", "list_2.html", "下一页", "list_9.html", "末页"),
     "", ["list_2.html", "list_3.html", "list_9.html"], "list_2.html"),
    # page 2 of a pager without next words: the current page is the number it does not link
    (links("", "1", "list_3.html", "3", "list_4.html", "4"), "list_2.html", ["", "list_3.html", "list_4.html"],
     "list_3.html"),
    # the current page links to itself
    (links("", "1", "list_2.html", "2", "list_3.html", "3"), "list_2.html", ["", "list_3.html"], "list_3.html"),
    # a window that does not start at 1: page 15 of 10-19
    (links(*[x for k in (10, 11, 12, 13, 14, 16, 17, 18, 19) for x in (f"list_{k}.html", str(k))]), "list_15.html",
     [f"list_{k}.html" for k in (10, 11, 12, 13, 14, 16, 17, 18, 19)], "list_16.html"),
    # the last page: nothing after it
    (links("", "1", "list_2.html", "2"), "list_3.html", ["", "list_2.html"], None),
    # WordPress-style older-posts link; an arrow
    (links("page/2/", "较早文章"), "", ["page/2/"], "page/2/"),
    (links("p2", "»"), "", ["p2"], "p2"),
    # rel=next alone
    (links("more.html", "查看更多", rel_next="more.html"), "", ["more.html"], "more.html"),
    # navigation, not a pager: a lone number, words that are not pager words
    (links("a.html", "2024", "b.html", "行业资讯", "", "首页"), "", [], None),
])
def test_list_pager(anchors, own, pager, next_url):
    got_pager, got_next = list_pager(anchors, BASE + own)
    assert got_pager == [BASE + p for p in pager]
    assert got_next == (BASE + next_url if next_url is not None else None)


def test_pager_of_an_extracted_list_page():
    items = "".join(f'<li><a href="/news/2024/{i}.html">协会召开第{i}次行业形势分析会议</a><span>2024-05-{i:02d}</span></li>'
                    for i in range(1, 16))
    html = (f'<html><head><title>行业资讯</title></head><body><div class="nav"><a href="/">首页</a></div>'
            f'<ul class="list">{items}</ul><div class="pages"><a href="/news/">首页</a><a href="/news/">上一页</a>'
            f'<a href="/news/">1</a><span class="current">2</span><a href="/news/list_3.html">3</a>'
            f'<a href="/news/list_3.html">下一页</a><a href="/news/list_8.html">末页</a></div></body></html>')
    result = extract_page(html.encode(), "https://x.test/news/list_2.html")
    assert result.page_type != "article"
    assert result.next_page_url == "https://x.test/news/list_3.html"
    assert set(result.pager_links) == {"https://x.test/news/", "https://x.test/news/list_3.html",
                                       "https://x.test/news/list_8.html"}


def coverage(articles: int, **fields: int) -> Coverage:
    names = ("title", "published_at", "source", "author", "editor", "body")
    return Coverage(articles, {name: fields.get(name, articles) for name in names})


def test_drift_alerts():
    history = coverage(100, author=10)  # authors were rare: never an alarm about them
    assert drift_alerts(coverage(5, author=0), history) == []
    alerts = drift_alerts(coverage(5, published_at=0, source=2), history)
    assert [(a["kind"], a["field"]) for a in alerts] == [("field_drop", "published_at"), ("field_drop", "source")]
    assert "0% of 5 new articles have a date" in alerts[0]["message"]
    assert drift_alerts(coverage(2, title=0), history) == []  # too few new articles to judge
    assert drift_alerts(coverage(5, title=0), coverage(5)) == []  # too little history to judge
    assert [a["field"] for a in drift_alerts(coverage(10, title=6), history, thresholds=DriftThresholds(max_drop=0.3))] == ["title"]
    assert drift_alerts(coverage(10, title=6), history) == []
    assert [a["kind"] for a in drift_alerts(coverage(0), history, new_pages=6)] == ["no_articles"]
    assert drift_alerts(coverage(0), history, new_pages=1) == []  # an unchanged site yields nothing new
    assert [a["kind"] for a in drift_alerts(coverage(0), history, answered_pages=0)] == ["no_pages"]


def test_a_site_with_no_article_yet_raises_an_alarm_when_it_yields_none():
    never = coverage(0)  # a first crawl, or a site whose crawls never found an article
    assert [a["kind"] for a in drift_alerts(coverage(0), never, answered_pages=0)] == ["no_pages"]
    assert [a["kind"] for a in drift_alerts(coverage(0), never, answered_pages=7)] == ["no_articles"]
    assert drift_alerts(coverage(3), never, answered_pages=7) == []  # a first crawl that found articles
    assert drift_alerts(coverage(0), never, answered_pages=3, cut_short=True) == []  # --max-pages 3, on purpose
    assert [a["kind"] for a in drift_alerts(coverage(0), never, answered_pages=0, cut_short=True)] == ["no_pages"]


def test_site_lock_is_exclusive_and_dies_with_its_holder(tmp_path):
    db = tmp_path / "a.db"
    with SiteLock(db, "cnfa"):
        with pytest.raises(ArchiveLocked, match="another crawl of cnfa"):
            SiteLock(db, "cnfa").acquire()
        SiteLock(db, "other").acquire().release()  # another site of the same archive is free
    SiteLock(db, "cnfa").acquire().release()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, '.'); from archive import SiteLock; "
        f"SiteLock({str(db)!r}, 'cnfa').acquire(); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ArchiveLocked, match="pid"):
            SiteLock(db, "cnfa").acquire()
    finally:
        holder.kill()
        holder.wait()
    SiteLock(db, "cnfa").acquire().release()  # a killed holder leaves no stale lock
