"""The site model: URL shapes of templates, and the verdicts the pages of a shape give one of them."""

from __future__ import annotations

import lxml.html
import pytest

from assoc_crawler.extract.site_model import PageDecision, SiteModel, page_skeleton, url_shape


@pytest.mark.parametrize(("url", "shape"), [
    ("http://a.cn/a/hyzx/20210321/1302.html", "/a/{w}/{n}/{n}.html"),
    ("http://a.cn/a/xhdt/20220101/17.html", "/a/{w}/{n}/{n}.html"),
    ("http://a.cn/a/hyzx/list_3_2.html", "/a/{w}/list_{n}_{n}.html"),
    ("http://a.cn/e/pl/?id=552&classid=2", "/e/pl/?classid={n}&id={n}"),
    ("http://a.cn/plus/view.php?aid=12", "/plus/view.php?aid={n}"),
    ("http://a.cn/news/shownews.php?id=9&lang=cn&action=print", "/news/shownews.php?action=print&id={n}&lang=cn"),
    ("http://a.cn/2025/06/10/7441/", "/{n}/{n}/{n}/{n}/"),
    ("http://a.cn/2025/06/10/7441/print/", "/{n}/{n}/{n}/{n}/print/"),
    ("http://a.cn/art/2024/8/5/art_7_3113.html", "/art/{n}/{n}/{n}/art_{n}_{n}.html"),
    ("http://a.cn/?tjsj_4/2333.html", "/?tjsj_{n}/{n}.html"),
])
def test_url_shapes(url, shape):
    assert url_shape(url) == shape


def _site(*decisions: tuple[str, str, str]) -> SiteModel:
    return SiteModel.from_decisions(PageDecision(*d) for d in decisions)


ARTICLES = [(f"http://a.cn/a/hyzx/2021032{k}/13{k}.html", "article", "title-date-body") for k in range(5)]


def test_a_weak_page_of_the_article_template_is_an_article():
    model = _site(*ARTICLES, ("http://a.cn/a/tzgg/20210401/99.html", "other", "no-date"))
    assert model.verdict(PageDecision("http://a.cn/a/tzgg/20210401/99.html", "other", "no-date")) == (
        "article", "site-template")


def test_positive_evidence_is_never_overruled():
    model = _site(*ARTICLES)
    for reason in ("service-url:print", "error-page", "login-form", "site-page-short", "home-page"):
        assert model.verdict(PageDecision("http://a.cn/a/tzgg/20210401/99.html", "other", reason)) is None


def test_too_few_pages_or_a_mixed_shape_say_nothing():
    few = _site(*ARTICLES[:3], ("http://a.cn/a/x/20210401/9.html", "other", "no-body"))
    assert few.verdict(PageDecision("http://a.cn/a/x/20210401/9.html", "other", "no-body")) is None
    mixed = _site(*ARTICLES, *[(f"http://a.cn/a/y/2021040{k}/{k}.html", "list", "many-links") for k in range(3)])
    assert mixed.verdict(PageDecision("http://a.cn/a/z/20210409/8.html", "other", "no-body")) is None


def test_a_doubtful_article_among_comment_views_is_a_comment_view_and_a_sure_one_stays():
    views = [(f"http://a.cn/e/pl/?classid=2&id={k}", "other", "service-title") for k in range(5)]
    views += [(f"http://a.cn/e/pl/?classid=3&id={k}", "list", "many-links") for k in range(5, 8)]
    model = _site(*views, ("http://a.cn/e/pl/?classid=2&id=9", "article", "short-undated"))
    assert model.verdict(PageDecision("http://a.cn/e/pl/?classid=2&id=9", "article", "short-undated")) == (
        "other", "site-template:service-title")
    assert model.verdict(PageDecision("http://a.cn/e/pl/?classid=2&id=9", "article", "title-date-body")) is None


def test_the_page_itself_does_not_count_for_its_shape():
    model = _site(*ARTICLES[:4], ("http://a.cn/a/q/20210401/9.html", "other", "no-date"))
    assert model.verdict(PageDecision("http://a.cn/a/q/20210401/9.html", "other", "no-date")) == (
        "article", "site-template")
    model = _site(*ARTICLES[:3], ("http://a.cn/a/q/20210401/9.html", "other", "no-date"))
    assert model.verdict(PageDecision("http://a.cn/a/q/20210401/9.html", "other", "no-date")) is None


def test_the_entries_of_a_list_are_never_promoted_whatever_its_shape():
    """(/index/news/show/id/{n}.html and /index/news/lists/id/{n}.html share a shape once slugs are {w})"""
    articles = [(f"http://a.cn/index/news/show/id/{k}.html", "article", "title-date-body") for k in range(40)]
    model = _site(*articles, ("http://a.cn/index/news/lists/id/3.html", "list", "repeated-entries"))
    for reason in ("repeated-entries", "many-links", "teaser-entries", "list-url", "column-name-title", None):
        assert model.verdict(PageDecision("http://a.cn/index/news/lists/id/3.html", "list", reason)) is None


def test_the_skeleton_speaks_where_the_url_shapes_are_too_few():
    skeleton = "div.main>div.article"
    pages = [PageDecision(f"http://x.test/{column}/{n}.html", "article", "title-date-body", skeleton)
             for column, numbers in (("xhdt", (1, 2, 3)), ("hyzx", (4, 5, 6))) for n in numbers]
    notice = PageDecision("http://x.test/tzgg/7.html", "other", "no-body", skeleton)
    model = SiteModel.from_decisions([*pages, notice])
    assert model.verdict(notice) == ("article", "site-template")
    elsewhere = PageDecision("http://x.test/tzgg/7.html", "other", "no-body", "div.print_page")
    assert SiteModel.from_decisions([*pages, elsewhere]).verdict(elsewhere) is None
    bare = PageDecision("http://x.test/tzgg/7.html", "other", "no-body")  # no headline: no skeleton
    assert SiteModel.from_decisions([*pages, bare]).verdict(bare) is None


def test_a_skeleton_is_the_classed_elements_around_the_headline():
    root = lxml.html.fromstring('<html><body><div class="wrap w1200"><div id="left2"><table><tr><td>'
                                '<div class="news_detail"><h1 class="atitle">标题</h1></div></td></tr></table>'
                                '</div></div></body></html>')
    assert page_skeleton(root.find(".//h1")) == "div.w.wrap>div#left>div.news_detail>h1.atitle"
    assert page_skeleton(None) is None


def test_a_url_shape_that_speaks_is_not_overruled_by_the_skeleton():
    wrapper = "div#main"  # a generic wrapper: lists and articles put their heading in it
    lists = [PageDecision(f"http://x.test/list/{n}.html", "list", "repeated-entries", wrapper) for n in range(9)]
    articles = [PageDecision(f"http://x.test/a/{n}.html", "article", "title-date-body", wrapper) for n in range(120)]
    weak = PageDecision("http://x.test/list/99.html", "other", "no-body", wrapper)
    assert SiteModel.from_decisions([*lists, *articles, weak]).verdict(weak) is None  # its shape: lists
    doubtful = PageDecision("http://x.test/a/999.html", "article", "short-notice", "div.lists")
    lists_skeleton = [PageDecision(f"http://x.test/l{n}/", "list", "repeated-entries", "div.lists") for n in range(40)]
    assert SiteModel.from_decisions([*articles, *lists_skeleton, doubtful]).verdict(doubtful) is None
