"""Crawler traps end within the documented bounds: an endless calendar, ever-deeper relative links, session ids."""

from __future__ import annotations

import sqlite3
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FAST, run_cli, serving

ARTICLE = """<html><head><meta charset="utf-8"><title>{title}_测试协会</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/calendar.php?month=1">活动日历</a> <a href="/x/">栏目</a></div>
<h1>{title}</h1><div class="info">发布时间：2022-05-0{n} 来源：测试协会</div>
<div class="content"><p>这是第{n}篇文章的正文，协会召开会议，研究部署下一阶段的重点工作，要求各单位认真落实。</p>
<p>会议强调，要加强行业自律，推动产业高质量发展，进一步提升服务会员的能力和水平。</p></div></body></html>"""


class TrapSite(BaseHTTPRequestHandler):
    """Home, three articles, a calendar whose every month links to the next, and /x/ that links one level deeper."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        TrapSite.requests.append(self.path)
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            body = b"User-agent: *\nDisallow:\n"
            self._send(body, "text/plain")
            return
        if parts.path == "/calendar.php":
            month = int(parse_qs(parts.query).get("month", ["1"])[0])
            html = (f'<html><body><h2>活动日历 {month}</h2><a href="/calendar.php?month={month + 1}">下个月</a>'
                    f'<a href="/calendar.php?month={month - 1}">上个月</a><a href="/a/1.html;jsessionid=S{month}">文章</a>'
                    "</body></html>")
        elif parts.path.startswith("/x/"):
            html = '<html><body><a href="a/">更深</a><a href="b/">更深</a></body></html>'
        elif parts.path.startswith("/a/") and parts.path.split(";")[0].endswith(".html"):
            n = parts.path.split(";")[0].rsplit("/", 1)[-1].split(".")[0]
            html = ARTICLE.format(title=f"测试文章{n}", n=n)
        else:
            html = ('<html><body><a href="/calendar.php?month=1">日历</a><a href="/x/">栏目</a>'
                    '<a href="/a/1.html?sid=abc">一</a><a href="/a/2.html">二</a><a href="/a/3.html">三</a></body></html>')
        self._send(html.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def trap_site():
    TrapSite.requests = []
    with serving(TrapSite) as url:
        yield url


def test_traps_end_within_bounds(trap_site, tmp_path):
    db = tmp_path / "t.db"
    result = run_cli("crawl", trap_site + "/", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    calendar = [p for p in TrapSite.requests if p.startswith("/calendar.php")]
    deeper = [p for p in TrapSite.requests if p.startswith("/x/")]
    assert 1 <= len(calendar) <= 30, len(calendar)
    assert 1 <= len(deeper) <= 30, len(deeper)
    conn = sqlite3.connect(db)
    urls = sorted(r[0] for r in conn.execute("SELECT url FROM articles"))
    stats = conn.execute("SELECT stats_json FROM crawls").fetchone()[0]
    conn.close()
    assert urls == [f"{trap_site}/a/{n}.html" for n in (1, 2, 3)], "session ids are not new pages"
    assert "bounds/cut/" in stats, "what the bounds cut is reported"


def test_a_url_shape_whose_pages_are_articles_is_never_barren():
    """Article pages link mostly to articles already seen, so they "lead to" nothing new; their shape must still
    not be cut as barren (a crawl lost articles of a long list that way)."""
    from scrapy.utils.test import get_crawler

    from assoc_crawler.crawl.spider import SiteSpider
    from assoc_crawler.extract.urls import url_pattern

    crawler = get_crawler(SiteSpider, {"ASSOC_BARREN_PATTERN_LIMIT": 15})
    spider = SiteSpider.from_crawler(crawler, target="http://127.0.0.1:9/")
    article = "http://127.0.0.1:9/news3/20240501/1234.html"
    shape = url_pattern(article)
    spider.pattern_fetched[shape] = 40
    assert spider._request(article, None) is None  # 40 pages of the shape fetched, none an article or led to one
    spider.pattern_articles[shape] = 40
    assert spider._request(article, None).url == article  # the same pages were articles: not a trap


def test_rechecked_articles_answering_304_do_not_make_their_shape_barren():
    """An incremental run rechecks known articles (304s) while it looks for new ones of the same URL shape; the
    304s are not exploration (a flaky run once cut the two new articles of a site this way)."""
    from scrapy.http import Request, Response
    from scrapy.utils.test import get_crawler

    from assoc_crawler.crawl.spider import SiteSpider
    from assoc_crawler.records.items import RecheckItem

    crawler = get_crawler(SiteSpider, {"ASSOC_BARREN_PATTERN_LIMIT": 15})
    spider = SiteSpider.from_crawler(crawler, target="http://127.0.0.1:9/")
    for number in range(1200):  # more than ASSOC_PATTERN_MAX_PAGES: rechecks are not links either
        spider._recheck_request(f"http://127.0.0.1:9/news3/20240501/{1000 + number}.html", '"e"', None)
    for number in range(40):
        url = f"http://127.0.0.1:9/news3/20240501/{1000 + number}.html"
        request = Request(url, meta={"recheck": True, "requested_url": url})
        outputs = list(spider._handle(Response(url, status=304, request=request), None, None))
        assert any(isinstance(o, RecheckItem) for o in outputs)
    new_article = "http://127.0.0.1:9/news3/20240502/2000.html"
    assert spider._request(new_article, None).url == new_article
