"""A listing row of two links read by the site's article URL shapes: the link to an article shape is the item, its
partner (a column) the label, whatever the lengths of the two texts or the marks between them. Pages written here;
the shapes are those a crawl learns from the gate's decisions (SiteModel.link_shapes)."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import ExtractionHints, LinkShapes, extract_page
from assoc_crawler.extract.crumbs import page_link_shapes
from assoc_crawler.extract.listings import unread_rows
from assoc_crawler.extract.page import _parse_page
from assoc_crawler.extract.site_model import PageDecision, SiteModel, link_shape

SITE = "http://www.xh.org.cn"
COLUMNS = [("hyzx", "行业资讯与市场分析"), ("tzgg", "通知公告信息发布"), ("xhdt", "协会动态工作专栏")]
HINTS = ExtractionHints(link_shapes=LinkShapes(frozenset({"/{w}/{n}.html"}), frozenset({"/{w}/"})))
HEADLINES = ["再生铝行业年会在佛山召开", "关于开展2024年度统计工作的通知", "协会走访永康铜加工企业",
             "废铜进口政策解读会举行", "铝合金标准宣贯会顺利召开", "再生资源回收体系建设交流会举行"]


@pytest.mark.parametrize(("url", "shape"), [
    ("http://a.cn/gjjl/2469.html", "/{w}/{n}.html"),
    ("http://a.cn/hyzx/88.html", "/{w}/{n}.html"),
    ("http://a.cn/gjjl/", "/{w}/"),
    ("http://a.cn/?jscx_2/6268.html", "/?{w}_{n}/{n}.html"),
    ("http://a.cn/?gjjl_10/", "/?{w}_{n}/"),
    ("http://a.cn/list.php?tid=3", "/list.php?tid={n}"),
    ("http://a.cn/html/2021/hyzx_0127/1454.html", "/{w}/{n}/{w}_{n}/{n}.html"),
    ("http://a.cn/html/hyzx/1.html", "/{w}/{w}/{n}.html"),
    ("http://a.cn/news/shownews.php?id=2770&lang=cn", "/{w}/shownews.php?id={n}&lang=cn"),
    ("http://a.cn/show.asp?id=3", "/show.asp?id={n}"),
])
def test_link_shapes_put_the_articles_of_every_column_together(url, shape):
    assert link_shape(url) == shape


def test_an_article_shape_needs_four_articles_and_most_of_its_pages_a_column_shape_one_other_page():
    articles = [PageDecision(f"http://a.cn/{c}/{n}.html", "article") for n, c in enumerate(["hyzx", "tzgg"] * 2)]
    model = SiteModel.from_decisions([*articles[:3], PageDecision("http://a.cn/hyzx/", "list", "repeated-entries")])
    assert model.link_shapes() == LinkShapes(frozenset(), frozenset({"/{w}/"}))
    assert not model.link_shapes()  # no article shape yet: the page's own rules decide
    model.add(articles[3])
    assert model.link_shapes() == LinkShapes(frozenset({"/{w}/{n}.html"}), frozenset({"/{w}/"}))
    for n in range(4):  # as many pages of the shape that are no articles: not the articles' shape
        model.add(PageDecision(f"http://a.cn/about/{n}.html", "other", "about-page"))
    assert model.link_shapes().articles == frozenset()


def _row(style: str, n: int) -> str:
    slug, column = COLUMNS[n % len(COLUMNS)]
    label = f'<a href="{SITE}/{slug}/" class="lm">{column}</a>'
    title = f'<a href="{SITE}/{slug}/{100 + n}.html">{HEADLINES[n][:4] + "…" if style == "clipped" else HEADLINES[n]}</a>'
    return f"<li>{label}{title}</li>" if style == "adjacent" else f"<li>{label} | {title}</li>"


def _page(style: str) -> bytes:
    rows = "".join(_row(style, n) for n in range(len(HEADLINES)))
    text = "".join(f"<p>{'协会组织会员单位开展了行业调研，听取了企业对标准制定工作的意见和建议。' * 2}</p>" for _ in range(4))
    return (f'<html><head><meta charset="utf-8"><title>铝业年会召开-协会</title></head><body>'
            f'<div class="nav"><a href="{SITE}/">首页</a></div>'
            f'<div class="main"><h1>铝业年会召开</h1><div class="info">发布时间：2024-03-01 10:00</div>'
            f'<div class="content">{text}</div></div>'
            f'<div class="side"><div class="box"><h3>推荐内容</h3><ul>{rows}</ul></div></div>'
            f'</body></html>').encode()


@pytest.mark.parametrize("style", ["long-label", "adjacent", "clipped"])
def test_the_site_shapes_tell_the_item_from_its_column_link(style):
    url = f"{SITE}/hyzx/7.html"
    alone = extract_page(_page(style), url)
    shaped = extract_page(_page(style), url, hints=HINTS)
    items = [item for block in shaped.listings for item in block.items]
    assert [(i.target_url, i.label) for i in items] == [
        (f"{SITE}/{COLUMNS[n % 3][0]}/{100 + n}.html", COLUMNS[n % 3][1]) for n in range(len(HEADLINES))]
    # the page alone takes a column link for an item (or finds no box): what the crawl's first pages risk
    got_alone = [(i.target_url, i.label) for block in alone.listings for i in block.items]
    assert got_alone != [(i.target_url, i.label) for i in items]
    assert shaped.page_type == "article"


def test_two_links_to_articles_are_two_items_not_a_label_and_a_title():
    page = _page("long-label").replace(f'href="{SITE}/hyzx/"'.encode(), f'href="{SITE}/hyzx/5.html"'.encode())
    shaped = extract_page(page, f"{SITE}/hyzx/7.html", hints=HINTS)
    items = {(item.target_url, item.label) for block in shaped.listings for item in block.items}
    # both links of those rows lead to articles: the shapes cannot tell a label, each link is an item of its own
    assert {(f"{SITE}/hyzx/5.html", None), (f"{SITE}/hyzx/100.html", None), (f"{SITE}/hyzx/103.html", None)} <= items
    assert (f"{SITE}/tzgg/101.html", "通知公告信息发布") in items  # the other rows still read label | title


@pytest.mark.parametrize(("partner", "text"), [
    ("/2024/03/01/", "2024-03-01"),  # a date archive
    ("/author/zhangsan/", "张三"),  # an author's page: no column shape
    ("/uploads/2024/notice.pdf", "下载附件"),  # a file
    ("http://www.other.org.cn/hyzx/", "行业资讯"),  # a column of another site
    ("/hyzx/100.html", "行业资讯"),  # another article
])
def test_a_partner_that_is_no_column_of_the_site_is_no_label(partner, text):
    row = (f'<li><a href="{SITE}/tzgg/200.html">关于开展2024年度统计工作的通知</a>'
           f'<a href="{partner if partner.startswith("http") else SITE + partner}">{text}</a></li>')
    page = _page("long-label").replace(b"<ul>", b"<ul>" + row.encode() * 3, 1)
    got = extract_page(page, f"{SITE}/hyzx/7.html", hints=HINTS)
    labels = {item.label for block in got.listings for item in block.items}
    assert text not in labels


def test_a_column_link_with_the_articles_shape_is_never_the_item():
    shapes = LinkShapes(frozenset({"/{w}/{n}.html"}), frozenset({"/{w}/{n}.html", "/{w}/"}))  # lists share it
    got = extract_page(_page("long-label"), f"{SITE}/hyzx/7.html", hints=ExtractionHints(link_shapes=shapes))
    assert not [item for block in got.listings for item in block.items if item.label == "行业资讯与市场分析"]


@pytest.mark.parametrize(("style", "unread"), [("long-label", 6), ("adjacent", 6), ("clipped", 6)])
def test_rows_only_the_shapes_can_read_are_counted_until_they_are_known(style, unread):
    assert extract_page(_page(style), f"{SITE}/hyzx/7.html").unread_rows == unread
    assert extract_page(_page(style), f"{SITE}/hyzx/7.html", hints=HINTS).unread_rows == 0  # read with them


def test_rows_the_page_reads_or_that_hold_no_label_are_not_counted():
    set_apart = "".join(f'<li><a href="{SITE}/hyzx/">资讯</a> | <a href="{SITE}/hyzx/{n}.html">{h}</a></li>'
                        for n, h in enumerate(HEADLINES))
    no_label = "".join(f'<li><a href="{SITE}/hyzx/{n}.html">{h}</a><a href="{SITE}/hyzx/{n}.html#c">1</a></li>'
                       for n, h in enumerate(HEADLINES))
    for rows in (set_apart, no_label):
        page = _parse_page(f"<html><body><ul>{rows}</ul></body></html>".encode(), SITE + "/", None)
        assert unread_rows(page.doc, SITE + "/") == 0


def test_one_row_the_page_cannot_read_among_rows_it_reads_is_counted():
    rows = "".join(f'<li><a href="{SITE}/hyzx/">资讯</a> | <a href="{SITE}/hyzx/{n}.html">{h}</a></li>'
                   for n, h in enumerate(HEADLINES[:3]))
    rows += f'<li><a href="{SITE}/hyzx/">资讯</a> | <a href="{SITE}/hyzx/9.html">再生铝…</a></li>'  # both short
    page = _parse_page(f"<html><body><ul>{rows}</ul></body></html>".encode(), SITE + "/", None)
    assert unread_rows(page.doc, SITE + "/") == 1


CRUMB = f'<div class="position">当前位置：<a href="{SITE}/">首页</a> &gt; <a href="{SITE}/hyzx/">行业资讯</a> &gt; 正文</div>'


@pytest.mark.parametrize("style", ["long-label", "adjacent", "clipped"])
@pytest.mark.parametrize("url", [f"{SITE}/hyzx/7.html", f"{SITE}/hyzx/7_2.html"])  # page 2: by its first page's URL
def test_a_page_alone_reads_the_rows_by_its_breadcrumb_and_its_own_url(style, url):
    pager = f'<div class="pages"><a href="{SITE}/hyzx/7.html">1</a><a href="{SITE}/hyzx/7_2.html">2</a></div>'
    page = _page(style).replace(b'<div class="main">', CRUMB.encode() + b'<div class="main">')
    page = page.replace(b'<div class="side">', pager.encode() + b'<div class="side">')
    alone, shaped = extract_page(page, url), extract_page(page, url, hints=HINTS)
    assert [(i.target_url, i.label) for b in alone.listings for i in b.items] == [
        (i.target_url, i.label) for b in shaped.listings for i in b.items]
    assert alone.unread_rows == 0 and alone.page_type == "article"


@pytest.mark.parametrize(("url", "crumb_links", "shapes"), [
    ("http://a.cn/NewsShow.asp?ID=3334", ["/", "/news_list.asp?typeid=1&page=1"],
     LinkShapes(frozenset({"/NewsShow.asp?ID={n}"}), frozenset({"/news_list.asp?page={n}&typeid={n}"}))),
    ("http://a.cn/a/news/20250407/9850.html", ["/index.html", "/a/news/"],
     LinkShapes(frozenset({"/{w}/{w}/{n}/{n}.html"}), frozenset({"/{w}/{w}/"}))),
    ("http://a.cn/hyzx/", ["/", "/hyzx/"], LinkShapes()),  # a column's page: its own shape is a column's
    ("http://a.cn/hyzx/7.html", ["/", "/hyzx/8.html"], LinkShapes()),  # a crumb to an article: no column known
    ("http://a.cn/hyzx/7.html", ["/"], LinkShapes()),  # only the root
])
def test_the_link_shapes_a_page_gives_away_alone(url, crumb_links, shapes):
    links = " &gt; ".join(f'<a href="{href}">栏目{n}</a>' for n, href in enumerate(crumb_links))
    page = _parse_page(f'<html><body><div class="position">当前位置：{links}</div></body></html>'.encode(), url,
                       None)
    assert page_link_shapes(page.doc, url, url, []) == shapes
