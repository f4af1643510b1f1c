"""Extraction rules one at a time, on small pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import decode_html, extract_page, merge_pages, normalize_url
from assoc_crawler.extract.fields import find_labelled, is_metadata_line, match_byline
from assoc_crawler.extract.listings import heading_kind
from assoc_crawler.extract.pagination import article_pages, script_pager_links

URL = "http://assoc.test/a/hyzx/20210115/1234.html"
PARAGRAPHS = [
    "1月14日，中国铝业集团有限公司与山东魏桥创业集团有限公司在北京联合发布倡议书，呼吁全行业共同推动绿色低碳发展。",
    "倡议书提出，要坚持节约优先，提高再生铝使用比例，推动电解铝产能向清洁能源富集地区有序转移。",
    "双方表示，将在技术研发、标准制定和国际合作等方面加强交流，为实现碳达峰、碳中和目标贡献力量。",
]


def page(info: str = "", body_extra_head: str = "", body_extra_tail: str = "", sidebar: str = "",
         title: str = "倡议书发布", charset: str = "utf-8", paragraphs: list[str] | None = None) -> str:
    paras = "".join(f"<p>\u3000\u3000{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_行业资讯_某协会</title></head>
<body><div class="header"><ul id="nav"><li><a href="/">首页</a></li><li><a href="/a/hyzx/">行业资讯</a></li></ul></div>
<div class="place">当前位置: <a href="/">首页</a> &gt; <a href="/a/hyzx/">行业资讯</a> &gt;</div>
<div class="main"><div class="viewbox"><div class="title"><h2>{title}</h2></div>
<div class="info">{info}</div>
<div class="content">{body_extra_head}{paras}{body_extra_tail}</div>
<div class="dede_pages"></div>
<div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin"></a></div>
<div class="handle"><div class="context"><ul><li>上一篇：<a href="/a/1233.html">上一篇文章</a></li>
<li>下一篇：没有了</li></ul></div><div class="actbox">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div></div>
</div></div><div class="sidebar">{sidebar}</div>
<div class="footer">Copyright 2021 某协会 版权所有 京ICP备12345678号 地址：北京市海淀区</div></body></html>"""


def extract(html: str, url: str = URL, content_type: str | None = None):
    body = html.encode("utf-8")
    return extract_page(body, url, {"Content-Type": content_type} if content_type else None)


def test_basic_article():
    result = extract(page(info="时间:2021-01-15 10:20 资讯来源:中国有色金属报 作者:未知 点击:<span>123</span>次"))
    assert result.page_type == "article"
    assert result.title == "倡议书发布"
    assert result.published_at == "2021-01-15T10:20:00+08:00"
    assert result.source == "中国有色金属报"
    assert result.author is None, "未知 is a placeholder"
    assert result.category == "行业资讯"
    assert result.body_text.split("\n") == PARAGRAPHS
    assert "打印" not in result.body_html and "<p>" in result.body_html


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：中国有色网", {"source": "中国有色网"}),
        ("来\xa0\xa0源：中国有色网", {"source": "中国有色网"}),
        ("来 源 : 中国有色网", {"source": "中国有色网"}),
        ("【来源：中国有色网】【作者：张三】", {"source": "中国有色网", "author": "张三"}),
        ("作者：张某某  来源：某某报  责任编辑：李某", {"author": "张某某", "source": "某某报", "editor": "李某"}),
        ("(责任编辑:再生分会)", {"editor": "再生分会"}),
        ("（责编：王五）", {"editor": "王五"}),
        ("信息来源：省工信厅 发布时间：2022-03-08", {"source": "省工信厅"}),
        ("文章来源:本站", {"source": None}),
        ("作者：佚名", {"author": None}),
    ],
)
def test_label_variants(line, expected):
    found = {lv.field: lv.value for lv in find_labelled(line) if lv.field in expected}
    assert found == expected
    assert is_metadata_line(line)


def test_sentences_are_not_metadata_lines():
    assert not is_metadata_line("原文：这是正文，不是元数据。")
    assert not is_metadata_line("据介绍，该项目来源广泛，编辑部将持续跟踪报道此事。")
    assert find_labelled("总编辑：这不是责任编辑标签") == []


@pytest.mark.parametrize(
    ("line", "name"),
    [("文/王五", "王五"), ("本报记者 张三", "张三"), ("（作者：李四）", "李四"), ("记者 张三 李四", "张三 李四")],
)
def test_bylines(line, name):
    assert match_byline(line) == name


def test_metadata_and_byline_lines_leave_the_body():
    result = extract(page(info="2021-01-15", body_extra_head="<p>本报记者 张三</p>",
                          body_extra_tail="<p>资讯来源:中国有色金属报</p><p>(责任编辑:再生分会)</p>"))
    assert result.author == "张三"
    assert result.source == "中国有色金属报"
    assert result.editor == "再生分会"
    assert result.body_text.split("\n") == PARAGRAPHS


def test_placeholder_in_info_line_is_replaced_by_labelled_line_at_the_end():
    result = extract(page(info="来源：未知 编辑：本站 2021-01-15", body_extra_tail="<p>文章来源：某某日报</p>"))
    assert result.source == "某某日报"
    assert result.editor is None


def test_editor_is_not_author_or_source():
    result = extract(page(info="2021-01-15 责任编辑：李某"))
    assert (result.editor, result.author, result.source) == ("李某", None, None)


def test_tables_become_tab_separated_rows():
    table = "<table><tr><th>企业</th><th>产量（万吨）</th></tr><tr><td>甲公司</td><td>120</td></tr></table>"
    result = extract(page(info="2021-01-15", body_extra_tail=table))
    assert result.body_text.split("\n")[-2:] == ["企业\t产量（万吨）", "甲公司\t120"]
    assert "<table>" in result.body_html


def test_images_attachments_and_captions():
    extra = ('<p style="text-align:center"><img src="/uploads/210115/a.jpg" alt="签约现场"></p>'
             '<p style="text-align:center">签约现场</p>'
             '<p>附件：<a href="/uploads/soft/倡议书.pdf">倡议书全文.pdf</a></p>')
    result = extract(page(info="2021-01-15", body_extra_tail=extra))
    assert [(i.url, i.alt, i.caption) for i in result.images] == [
        ("http://assoc.test/uploads/210115/a.jpg", "签约现场", "签约现场")]
    assert [(a.url, a.text, a.file_type) for a in result.attachments] == [
        (normalize_url("http://assoc.test/uploads/soft/倡议书.pdf"), "倡议书全文.pdf", "pdf")]
    assert result.body_text.split("\n")[-2:] == ["签约现场", "附件：倡议书全文.pdf"]


def test_image_only_article_is_an_article():
    result = extract(page(info="2021-01-15", paragraphs=[],
                          body_extra_head='<p><img src="/uploads/photo.jpg" width="600"></p><p>现场照片</p>'))
    assert result.page_type == "article"
    assert result.images and result.body_text == "现场照片"


def test_body_html_is_safe():
    extra = ('<p onclick="steal()">点击<a href="javascript:alert(1)">这里</a><a href="/x.html">链接</a>'
             '<script>bad()</script><iframe src="http://evil.test/"></iframe></p>')
    result = extract(page(info="2021-01-15", body_extra_tail=extra))
    html = result.body_html
    for needle in ("onclick", "javascript:", "<script", "<iframe", "style="):
        assert needle not in html
    assert 'href="http://assoc.test/x.html"' in html


def test_listing_blocks_with_labels_and_teasers():
    sidebar = """
<div class="box"><h3>推荐内容</h3><ul>
<li><a href="/a/hyjl/1.html">会议与考察 | 再生铝产业高质量发展研讨会在...</a><p>为深入贯彻落实...</p></li>
<li><a href="/a/hyjl/2.html">政策法规 | 关于加强再生资源回收...</a><p>各有关单位：...</p></li></ul></div>
<div class="box"><h3>热点内容</h3><ul><li><a href="/a/3.html">热点一</a></li><li><a href="/a/4.html">热点二</a></li>
<li><a href="/a/5.html">热点三</a></li></ul></div>
<div class="box"><h3>热门文章</h3><ul><li><span>01-15</span><a href="/a/6.html">第二个热门块</a></li></ul></div>"""
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    assert [(b.kind, b.heading, len(b.items)) for b in result.listings] == [
        ("recommended", "推荐内容", 2), ("hot", "热点内容", 3), ("hot", "热门文章", 1)]
    first = result.listings[0].items[0]
    assert (first.position, first.target_url, first.title, first.label, first.teaser) == (
        1, "http://assoc.test/a/hyjl/1.html", "再生铝产业高质量发展研讨会在...", "会议与考察", "为深入贯彻落实...")
    assert result.listings[2].items[0].label is None and result.listings[2].items[0].teaser is None
    assert "热点一" not in result.body_text


@pytest.mark.parametrize(("text", "kind"), [("推荐阅读", "recommended"), ("热点内容 更多>>", "hot"),
                                            ("点击排行", "hot"), ("相关文章：", "related"), ("延伸阅读", "related"),
                                            ("行业资讯", None)])
def test_heading_kinds(text, kind):
    assert heading_kind(text) == kind


def test_encodings():
    text = "<html><head><meta charset=gb2312></head><body>中铝集团再生铝</body></html>"
    gbk = text.encode("gbk")
    assert decode_html(gbk, "text/html; charset=gb2312")[1] == "gb18030"
    assert decode_html(gbk, None) == (text, "gb18030")
    assert decode_html(gbk, "text/html; charset=iso-8859-1") == (text, "gb18030"), "header lies, meta wins"
    assert decode_html(gbk, "text/html; charset=utf-8") == (text, "gb18030"), "header cannot decode: real wins"
    utf8 = text.encode("utf-8")
    assert decode_html(utf8, "text/html; charset=gb2312") == (text, "utf-8"), "UTF-8 declared as gb2312"
    undeclared = "<p>再生金属分会</p>".encode("gb18030")
    assert decode_html(undeclared, None) == ("<p>再生金属分会</p>", "gb18030")
    broken = "<p>中铝集团".encode("gbk") + b"\xff" + "再生铝</p>".encode("gbk")
    decoded, encoding = decode_html(broken, "text/html; charset=gbk")
    assert encoding == "gb18030" and "中铝集团" in decoded and "再生铝" in decoded


def test_gbk_page_end_to_end():
    html = page(info="时间：2021-01-15 来源：中国有色金属报", charset="gb2312")
    result = extract_page(html.encode("gbk"), URL, {"Content-Type": "text/html"})
    assert result.encoding == "gb18030" and result.source == "中国有色金属报"
    assert result.body_text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/a/b/../c.html?utm_source=wx&id=3&from=timeline#comment", "http://assoc.test/a/c.html?id=3"),
        ("HTTP://ASSOC.TEST:80/x.html", "http://assoc.test/x.html"),
        ("index.php?m=content&c=index&a=show&catid=6&id=77", "http://assoc.test/a/hyzx/20210115/index.php?m=content&c=index&a=show&catid=6&id=77"),
        ("/p.php;jsessionid=ABC123?id=1&PHPSESSID=x", "http://assoc.test/p.php?id=1"),
        ("javascript:void(0)", None),
        ("mailto:a@b.c", None),
        ("#top", None),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw, URL) == expected


def test_multi_page_rules():
    assert article_pages("http://h/a/1240.html", ["http://h/a/1240_2.html", "http://h/a/1240_3.html"]) == (
        1, {1: "http://h/a/1240.html", 2: "http://h/a/1240_2.html", 3: "http://h/a/1240_3.html"})
    assert article_pages("http://h/a/1240_3.html", ["http://h/a/1240.html"])[0] == 3
    assert article_pages("http://h/x/t20220308_12345.html", ["http://h/x/t20220308_12346.html"]) == (1, {})
    assert article_pages("http://h/plus/view.php?aid=5", ["http://h/plus/view.php?aid=5&pageno=2"]) == (
        1, {1: "http://h/plus/view.php?aid=5", 2: "http://h/plus/view.php?aid=5&pageno=2"})
    assert article_pages("http://h/2023/03/28/slug/", ["http://h/2023/03/28/slug/2/"])[1][2].endswith("/slug/2/")
    assert script_pager_links('createPageHTML(3, 0, "index", "html");', "http://h/x/index.html") == [
        "http://h/x/index.html", "http://h/x/index_1.html", "http://h/x/index_2.html"]


def test_merge_pages_keeps_order_and_first_url():
    pager = '<div class="dede_pages">共3页: <a href="1234.html">1</a> <a href="1234_2.html">2</a> <a href="1234_3.html">3</a></div>'
    pages = []
    for n, suffix in ((1, ""), (2, "_2"), (3, "_3")):
        html = page(info="2021-01-15", paragraphs=[f"第{n}页的正文。" + PARAGRAPHS[n - 1]], body_extra_tail=pager)
        pages.append(extract(html, URL.replace(".html", f"{suffix}.html")))
    assert [p.page_no for p in pages] == [1, 2, 3]
    merged = merge_pages(list(reversed(pages)))
    assert merged.url == URL
    assert merged.body_text.split("\n") == [f"第{n}页的正文。" + PARAGRAPHS[n - 1] for n in (1, 2, 3)]


def test_trs_meta_time_counts():
    html = page(info="发布时间：2022-03-08").replace("<head>", '<head><meta name="PubDate" content="2022-03-08 09:30">')
    assert extract(html).published_at == "2022-03-08T09:30:00+08:00"


def test_not_articles():
    login = page(info="2021-01-15").replace('<div class="content">', '<div class="content"><form><input type="password"></form>')
    assert extract(login).page_type == "other"
    contact = page(info="").replace("<h2>倡议书发布</h2>", "<h2>联系我们</h2>")
    assert extract(contact, "http://assoc.test/contact/").page_type != "article"
    # the site's page about itself is prose: archived, marked as a site page (issue 13: doubtful pages are kept)
    intro = [f"本会第{k}项职能：组织会员企业开展再生金属回收、加工和利用的调查研究，向主管部门反映行业诉求和意见建议。"
             for k in range(1, 5)]
    about = page(info="", title="关于我们", paragraphs=intro)
    got = extract(about, "http://assoc.test/about/")
    assert (got.page_type, got.page_type_reason) == ("article", "site-page")
    short_about = page(info="", title="关于我们", paragraphs=["本会地址：江海市滨江路1号，电话：0971-1234567。"])
    got = extract(short_about, "http://assoc.test/about/")
    assert (got.page_type, got.page_type_reason) == ("other", "site-page-short")
    items = "".join(f'<li><a href="/a/{i}.html">第{i}条新闻标题</a><span>2021-01-{i:02d}</span></li>' for i in range(1, 21))
    listing = f'<html><body><h2>行业资讯</h2><ul class="list">{items}</ul><div class="pages"><a href="list_3_2.html">下一页</a></div></body></html>'
    assert extract(listing, "http://assoc.test/a/hyzx/list_3_1.html").page_type == "list"


@pytest.mark.parametrize("html", [b"", b"\x00\x01\x02", b"<html><body><div><p>unclosed", b"<" * 5000,
                                  b"<p>" * 3000, b"\xff\xfe\x00<\x00h\x00"])
def test_broken_input_never_raises(html):
    result = extract_page(html, URL)
    assert result.page_type in ("article", "list", "other")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("October 19, 2019", "2019-10-19"), ("19. Oktober 2019", "2019-10-19"), ("am 29.12.2010, 13:36 Uhr", "2010-12-29"),
     ("19 de octubre de 2019", "2019-10-19"), ("Oct. 5th, 2021", "2021-10-05"), ("2021年1月15日", "2021-01-15")],
)
def test_dates_in_other_languages(text, expected):
    from assoc_crawler.extract.fields import parse_date

    assert parse_date(text).iso(None) == expected


def test_json_ld_and_byline_markup():
    html = """<html><head><title>Storm warning - Example Times</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Example"},
{"@type": "NewsArticle", "headline": "Storm warning", "datePublished": "2021-03-04T05:06:07Z",
 "author": [{"@type": "Person", "name": "Ann Smith"}]}]}</script></head>
<body><article><h1>Storm warning</h1><div class="content"><p>A storm is coming to the coast, the weather service said on Wednesday.</p>
<p>Residents were asked to stay at home, and schools will be closed until Friday, officials said.</p></div></article></body></html>"""
    result = extract_page(html.encode(), "http://news.test/storm.html")
    assert result.published_at == "2021-03-04T05:06:07+00:00"
    assert result.author == "Ann Smith" and result.field_methods["author"] == "json-ld"
    markup = html.replace('"author": [{"@type": "Person", "name": "Ann Smith"}]', '"x": 1').replace(
        "<h1>Storm warning</h1>", '<h1>Storm warning</h1><span class="byline">By Bob Jones</span>')
    assert extract_page(markup.encode(), "http://news.test/storm.html").author == "Bob Jones"


def test_listing_tabs_and_title_boxes():
    sidebar = """
<div class="tab"><div class="tab-hd"><div class="trigger">跟贴排行</div><div class="trigger">点击排行</div></div>
<div class="tab-bd"><div class="panel"><ul><li><a href="/a/11.html">跟贴第一</a></li><li><a href="/a/12.html">跟贴第二</a></li></ul></div>
<div class="panel"><ul><li><a href="/a/21.html">点击第一</a></li><li><a href="/a/22.html">点击第二</a></li></ul></div></div></div>
<div class="title-box"><h2><a href="/news/">新闻推荐</a></h2><span><a href="/news/">进入新闻频道</a></span></div>
<ul class="list"><li><a href="/a/31.html">推荐第一</a></li><li><a href="/a/32.html">推荐第二</a></li><li><a href="/a/33.html">推荐第三</a></li></ul>"""
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    blocks = [(b.kind, b.heading, [i.title for i in b.items]) for b in result.listings]
    assert ("hot", "跟贴排行", ["跟贴第一", "跟贴第二"]) in blocks
    assert ("hot", "点击排行", ["点击第一", "点击第二"]) in blocks
    assert ("recommended", "新闻推荐", ["推荐第一", "推荐第二", "推荐第三"]) in blocks


def test_western_page_declaring_latin1_is_not_sniffed_as_gbk():
    text = '<html lang="de"><head><meta charset="ISO-8859-1"></head><body><p>Veröffentlichung für Größe</p></body></html>'
    decoded, encoding = decode_html(text.encode("latin-1"), None)
    assert "Veröffentlichung für Größe" in decoded and encoding in ("latin-1", "cp1252")
    chinese = "<html><head><meta charset=iso-8859-1></head><body>再生金属分会</body></html>".encode("gbk")
    assert decode_html(chinese, None)[1] == "gb18030", "no lang: a Chinese archive sniffs GBK first"


@pytest.mark.parametrize(("text", "kind"), [("关键词阅读：", "related"), ("大家都爱看", "hot"), ("热新闻", "hot"),
                                            ("您可能感兴趣的文章", "recommended"), ("热门搜索", None), ("友情链接", None)])
def test_heading_keywords(text, kind):
    assert heading_kind(text) == kind


def test_heading_is_the_elements_own_text_before_its_links():
    sidebar = ('<div class="kw"><div class="hd">关键词阅读： <span><a href="/k/1.html">再生铝</a> <a href="/k/2.html">碳达峰</a></span></div>'
               '<ul><li><a href="/a/41.html">相关文章之一</a></li><li><a href="/a/42.html">相关文章之二</a></li></ul></div>')
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    assert [(b.kind, b.heading, [i.title for i in b.items]) for b in result.listings] == [
        ("related", "关键词阅读", ["相关文章之一", "相关文章之二"])]


def test_thread_first_post_above_a_reply_list():
    replies = "".join(f'<li><a href="/r/{i}.html">回复{i}：这是一条回复的标题，内容较长，带有标点。</a>【网友{i}】08-11 16:5{i % 10}</li>'
                      for i in range(30))
    html = f"""<html><head><title>论坛</title></head><body>
<table><tr><td><b>主题：</b>导游为什么热衷于让游客购物？</td></tr><tr><td>作者：芊草 时间：2005-08-22 19:13:18</td></tr></table>
<table><tr><td>&nbsp;</td><td><p class="large">导游的收入很大一部分来自购物的回扣，这是业内的行规，境内游境外游都是这样的。以国内游为例，回扣一般在购物额的10％左右，个别的会更高。旅行车停在购物店门口会有停车费，进店购物一般要停留45分钟左右，店里会根据客人的人数付钱。所以，一定要看清楚合同，不要听导游瞎掰。</p></td></tr></table>
<ul>{replies}</ul></body></html>"""
    result = extract_page(html.encode(), "http://bbs.test/t/1.html")
    assert result.title == "导游为什么热衷于让游客购物？"
    assert result.body_text.startswith("导游的收入很大一部分") and "回复" not in result.body_text
    assert result.author == "芊草" and result.published_at == "2005-08-22T19:13:18+08:00"


def test_tab_strip_under_a_heading_is_skipped_for_the_list_below_it():
    sidebar = ('<div class="side"><h3 class="tt">热新闻</h3><div class="when"><a href="/h?d=1">今日</a> '
               '<a href="/h?d=3">三天</a> <a href="/h?d=7">一周</a></div>'
               '<ul><li><a href="/a/51.html">1 2023年再生铝产量稳步增长</a></li>'
               '<li><a href="/a/52.html">2 废钢回收体系建设加快推进</a></li>'
               '<li><a href="/a/53.html">6小时前 铜价高位震荡</a></li></ul>'
               '<h3 class="tt">热话题</h3><ul><li><a href="/t/1.html">再生资源回收怎么做</a></li>'
               '<li><a href="/t/2.html">碳达峰路线图讨论</a></li></ul></div>')
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    blocks = [(b.kind, b.heading, [i.title for i in b.items]) for b in result.listings]
    assert ("hot", "热新闻", ["2023年再生铝产量稳步增长", "废钢回收体系建设加快推进", "铜价高位震荡"]) in blocks
    assert ("hot", "热话题", ["再生资源回收怎么做", "碳达峰路线图讨论"]) in blocks


def test_hot_picks_heading_is_hot():
    assert heading_kind("热点推荐") == "hot"
    assert heading_kind("精彩推荐") == "recommended"


def test_article_sections_two_levels_apart_are_joined_and_a_bio_box_is_not():
    prose = ("The association published its annual recycling report on Monday, showing that secondary aluminium "
             "output grew by eight percent, while scrap collection rates improved in most regions of the country.")
    section = (f"<div class='band'><div class='wrap'><div class='text'><p>{prose}</p><p>{prose}</p></div></div>"
               "</div>")
    html = (f"<html><head><title>Recycling report shows growth</title></head><body><div class='page'>"
            "<div class='head'><h1>Recycling report shows growth</h1></div>"
            f"{section.replace('annual', 'first')}"
            f"<div class='band'><div class='card'><div class='card-header'>Figures</div><div class='card-body'>"
            f"<p>{prose.replace('annual', 'main')}</p><p>{prose}</p><p>{prose}</p></div></div></div>"
            f"{section.replace('annual', 'closing')}"
            f"<div class='author-bio'><p>{prose.replace('annual', 'biography')}</p></div>"
            "<div class='footer'>Copyright 2023</div></div></body></html>")
    result = extract(html, url="http://assoc.test/en/news/report.html")
    assert "its first recycling report" in result.body_text
    assert "its main recycling report" in result.body_text
    assert "its closing recycling report" in result.body_text
    assert "biography" not in result.body_text


def test_a_long_data_table_does_not_outweigh_the_paragraphs_around_it():
    prose = ("The association wrote to members of parliament on Monday, asking them to protect the recycling "
             "industry from cheap imports, and listed the constituencies where recyclers employ most people.")
    rows = "".join(f"<tr><td>Constituency {n}</td><td>member.{n}@parliament.example</td><td>{n}.5</td></tr>"
                   for n in range(120))
    html = ("<html><head><title>Recyclers write to parliament</title></head><body><div class='page'>"
            f"<div class='article-text'><div class='body'><p>{prose.replace('Monday', 'Tuesday')}</p><p>{prose}</p>"
            f"<p>{prose}</p><div class='news'><table>{rows}</table></div><p>{prose.replace('Monday', 'Friday')}</p>"
            "</div></div><h1>Recyclers write to parliament</h1></div></body></html>")
    result = extract(html, url="http://assoc.test/en/news/letter.html")
    assert "wrote to members of parliament on Tuesday" in result.body_text
    assert "wrote to members of parliament on Friday" in result.body_text
    assert "member.7@parliament.example" in result.body_text


def test_listing_rows_with_an_image_link_before_the_title_link():
    rows = "".join(f'<li><a href="/a/6{n}.html"><img src="/i/{n}.jpg"></a><a href="/a/6{n}.html">相关文章标题第{n}篇</a></li>'
                   for n in range(3))
    sidebar = f'<div class="box"><div class="detail-title">相关阅读</div><ul>{rows}</ul></div>'
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    assert [(b.kind, [i.title for i in b.items]) for b in result.listings] == [
        ("related", ["相关文章标题第0篇", "相关文章标题第1篇", "相关文章标题第2篇"])]


def test_heading_row_with_one_link_and_the_list_in_the_next_row():
    sidebar = ('<table><tr><td><b>本周协会推荐:</b></td><td><a href="/more/">更多新闻</a></td></tr>'
               '<tr><td><a href="/a/71.html">再生铝企业扩产计划公布</a><br><a href="/a/72.html">废铜进口政策调整解读</a></td></tr>'
               '</table><div class="btn">已推荐 <a href="/vote">顶</a></div><ul><li><a href="/a/81.html">不是列表</a></li>'
               '<li><a href="/a/82.html">也不是列表</a></li></ul>'
               '<div class="hd">财经新闻TOP10</div><ul><li><a href="/a/91.html">铜价创下年内新高</a></li>'
               '<li><a href="/a/92.html">铝锭库存继续下降</a></li></ul>')
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    blocks = [(b.kind, b.heading, [i.title for i in b.items]) for b in result.listings]
    assert ("recommended", "本周协会推荐", ["再生铝企业扩产计划公布", "废铜进口政策调整解读"]) in blocks
    assert ("hot", "财经新闻TOP10", ["铜价创下年内新高", "铝锭库存继续下降"]) in blocks
    assert not any(heading.startswith("已推荐") for _, heading, _ in blocks)


def test_short_dated_news_beside_a_header_login_box_is_an_article():
    short = page(info="2021-01-15", paragraphs=["协会于昨日召开第五届理事会第三次会议，审议通过了年度工作报告和财务报告，并部署了下一阶段的重点工作。"])
    with_login = short.replace('<div class="header">',
                               '<div class="header"><form class="top-login"><input name="u"><input type="password">'
                               '</form>')
    result = extract(with_login)
    assert result.page_type == "article", result.page_type_reason
    login_page = with_login.replace("2021-01-15", "").replace("<h2>倡议书发布</h2>", "<h2>用户登录</h2>")
    assert extract(login_page).page_type != "article"


def test_title_box_with_one_long_link_then_the_list():
    embedded = ('<div class="biaoqian"><h3>重点关注</h3><span><a href="/stock/">更多精彩资讯请点击协会网站</a></span></div>'
                '<div><p><a href="/a/101.html">铜价三周上涨百分之十</a> <a href="/a/102.html">协会发布再生铝标准</a></p>'
                '<p><a href="/a/103.html">废钢价格企稳回升</a></p></div>')
    sidebar = embedded.replace("重点关注", "热点推荐")
    result = extract(page(info="2021-01-15", sidebar=sidebar))
    assert [(b.kind, b.heading, len(b.items)) for b in result.listings] == [("hot", "热点推荐", 3)]


def test_video_player_widget_lines_stay_out_of_the_body():
    head = '<div class="player"><p>自动播放开关 自动播放</p><p>正在加载...</p><p>&lt; &gt;</p></div>'
    result = extract(page(info="2021-01-15", body_extra_head=head))
    assert "自动播放" not in result.body_text and "正在加载" not in result.body_text
    assert "<" not in result.body_text and result.body_text.startswith("1月14日")


def test_document_from_a_tree_with_comments_keeps_their_tails_only():
    import lxml.html

    from assoc_crawler.extract.dom import Document

    root = lxml.html.document_fromstring("<html><body><div>甲<!-- 注释 -->乙<p>丙</p><?pi x?>丁</div></body></html>")
    doc = Document(root)
    assert [line.text for line in doc.lines(doc.body)] == ["甲乙", "丙", "丁"]
    assert doc.chars[doc.index[doc.body]] == 4


def test_german_related_heading_and_an_article_block_is_never_a_list():
    prose = ("Der Verband hat am Montag seinen Jahresbericht vorgelegt, wonach die Recyclingquote für Aluminium "
             "erneut gestiegen ist, während die Sammlung von Schrott in den meisten Regionen zugenommen hat.")
    related = ('<div class="related"><h3>Ähnliche Beiträge</h3><ul><li><a href="/a/1">Neue Quoten für Kupfer</a></li>'
               '<li><a href="/a/2">Schrottpreise steigen weiter</a></li></ul></div>')
    html = (f"<html><head><title>Jahresbericht vorgelegt</title></head><body><article><h2>Jahresbericht vorgelegt</h2>"
            f"<p>{prose}</p><p>{prose}</p><div class='tags'><a href='/t/1'>Aluminium</a> <a href='/t/2'>Kupfer</a></div>"
            f"<div class='more'><h3>Auch interessant</h3></div></article>{related}</body></html>")
    result = extract(html, url="http://verband.test/news/bericht.html")
    assert [(b.kind, b.heading) for b in result.listings] == [("related", "Ähnliche Beiträge")]
    assert "Jahresbericht vorgelegt" not in result.body_text.split("\n")[1:]
    assert result.body_text.count("Recyclingquote") == 2


@pytest.mark.parametrize("line", ["Foto: Thinkstock", "Getty Images / Reuters", "© 2023 Verband", "Zur Startseite",
                                  "Video verfügbar bis 28.02.2025", "Submit your letter to the editor via this form",
                                  "Jetzt Newsletter abonnieren"])
def test_credit_and_navigation_lines_are_widget_lines(line):
    from assoc_crawler.extract.fields import is_widget_line

    assert is_widget_line(line)
    assert not is_widget_line("Fotos zeigen, wie das Recycling funktioniert, und was die Verbände daraus lernen.")


def test_cap_nesting_flattens_only_the_excess_and_ignores_tags_in_scripts_and_comments():
    from assoc_crawler.extract.dom import cap_nesting

    deep = b"<div>" * 6 + b"text" + b"</div>" * 6
    assert cap_nesting(deep, 3) == b"<div>" * 3 + b"text" + b"</div>" * 3
    # tags written inside a script, a style or a comment open nothing and stay as they are
    raw = b'<script>var s = "<div><div><div>";</script><!-- <div><div> --><style>a<b{}</style>'
    page = raw + b"<div><div><p>kept</p></div></div>"
    assert cap_nesting(page, 3) == page
    assert cap_nesting(b"<div><!-- unterminated <div><div>", 1) == b"<div><!-- unterminated <div><div>"


def test_a_page_nested_past_the_parser_limit_keeps_its_text_after_the_nesting():
    body = "<div>" * 5000 + "<p>深处的正文。</p>" + "</div>" * 5000
    html = f"<html><head><title>t</title><script>if (a<b) {{ x = '<div>'; }}</script></head><body>{body}" \
           "<p>末尾的段落也要保留。</p></body></html>"
    from assoc_crawler.extract.dom import parse_html

    text = "".join(parse_html(html).itertext())
    assert "深处的正文" in text and "末尾的段落也要保留" in text  # libxml2 alone would drop all past level 2,048
    assert "深处的正文" in extract_page(html.encode(), "http://127.0.0.1/deep.html").body_text


def test_the_last_page_of_a_list_with_three_dated_entries_is_a_list():
    entries = "".join(
        f'<li><a href="2016021{i}/90{i}.html" class="title">再生金属行业第{i}条动态标题示例</a>'
        f'<span class="info">日期：2016-02-1{i} 08:10</span>'
        f'<p class="intro">据了解，标准化技术委员会在天津召开业务培训班，百余家冶炼企业代表参加会议，'
        f'围绕再生铜、再生铝和再生铅的规范化水平开展交流，第{i}次会议取得积极成果……</p></li>'
        for i in range(1, 4)
    )
    pager = "".join(f"<li><a href='list_11_{n}.html'>{n}</a></li>" for n in range(35, 44))
    html = (f"<html><head><title>专题11</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<div class='listbox'><ul class='e2'>{entries}</ul></div>"
            f"<div class='dede_pages'><ul>{pager}<li><span class='current'>44</span></li></ul></div></body></html>")
    page = extract_page(html.encode(), "http://127.0.0.1/news11/list_11_44.html")
    assert page.page_type == "list", page.page_type_reason
    assert page.next_page_url is None and page.page_no == 1 and not page.page_urls  # no article pages guessed


def test_a_long_article_that_mentions_a_few_dates_between_its_paragraphs_is_an_article():
    prose = "再生金属产业是循环经济的重要组成部分，协会组织企业开展技术交流，推动废旧有色金属回收利用体系建设。" * 3
    paragraphs = []
    for i in range(30):
        paragraphs.append(f"<p>{prose}</p>")
        if i % 7 == 3:  # a dated line of a chronicle, with a link to the event's page
            paragraphs.append(f'<p>2024年{i // 7 + 3}月1日，<a href="/event/{i}.html">年会</a>在北京召开。</p>')
    html = ("<html><head><title>再生金属行业二十年回顾</title></head><body><h1>再生金属行业二十年回顾</h1>"
            "<div class='info'>发布时间：2024-12-01 来源：再生金属分会</div>"
            f"<div class='content'>{''.join(paragraphs)}</div></body></html>")
    page = extract_page(html.encode(), "http://127.0.0.1/news/2024/1201.html")
    assert page.page_type == "article", page.page_type_reason
    assert "年会" in page.body_text


def test_a_linked_heading_after_the_text_of_an_article_does_not_make_it_a_list():
    text = "".join(f"<p>再生金属产业是循环经济的重要组成部分，协会组织企业开展技术交流第{i}次。</p>" for i in range(8))
    video = '<div class="video"><h2><a href="http://v.example.cn/page/1.html">会议现场视频：代表们怎么说</a></h2></div>'
    html = ("<html><head><title>协会召开年会</title></head><body><h1>协会召开年会</h1>"
            "<div class='info'>2024-12-01 来源：再生金属分会</div>"
            f"<div class='content'>{text}{video}<p>会议还表彰了先进单位。</p></div></body></html>")
    assert extract_page(html.encode(), "http://127.0.0.1/news/2024/1.html").page_type == "article"
    # the same heading opening the content is an entry: an archive page with one entry
    entry = html.replace(f"<div class='content'>{text}{video}", f"<div class='content'>{video}{text}")
    assert extract_page(entry.encode(), "http://127.0.0.1/news/2024/1.html").page_type == "list"


def test_a_stack_of_teaser_links_inside_the_content_leaves_the_body_whatever_its_class():
    stack = ('<div class="insert autocontext"><h3>更多资讯</h3>'
             + "".join(f'<div class="card"><h4><a href="/a/hyzx/2021/{n}.html">再生铝产业动态第{n}期</a></h4>'
                       f'<a href="/a/hyzx/2021/{n}.html"><span>阅读全文</span></a></div>' for n in range(5))
             + "</div>")
    result = extract(page(body_extra_head=PARAGRAPHS[0].join(["<p>", "</p>"]) + stack))
    assert "再生铝产业动态" not in result.body_text and "阅读全文" not in result.body_text
    assert PARAGRAPHS[2] in result.body_text
    # links inside sentences stay: a paragraph that names three reports is text, not a stack
    cited = "".join(f'<a href="/a/{n}.html">报告{n}</a>，' for n in range(3))
    kept = extract(page(body_extra_tail=f"<p>详见{cited}以及协会此前发布的年度统计公报和行业运行分析材料。</p>"))
    assert "详见报告0" in kept.body_text
