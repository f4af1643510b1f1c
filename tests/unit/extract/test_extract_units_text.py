"""Extraction rules one at a time, on small pages written here: fields and bylines, the body (what stays in and
what leaves it), images and attachments, encodings, URLs and multi-page articles."""

from __future__ import annotations

import re

import pytest
from extract_pages import PARAGRAPHS, URL, extract, page

from assoc_crawler.extract import decode_html, extract_page, merge_pages, normalize_url
from assoc_crawler.extract.fields import find_labelled, is_metadata_line, match_byline
from assoc_crawler.extract.pagination import article_pages, script_pager_links


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


@pytest.mark.parametrize(("link", "expected"), [
    ('<a href="/uploads/soft/a.PDF">倡议书</a>', "pdf"),
    ('<a href="/module/download/downfile.jsp?classid=0&amp;filename=b2.xlsx">统计表</a>', "xlsx"),
    ('<a href="/DownLoad.aspx?FileName=%2Fupload%2Fnotice.docx">下载</a>', "docx"),
    ('<a href="/plus/download.php?open=0&amp;aid=12&amp;cid=3">申报表.doc</a>', "doc"),
    ('<a href="/down/down.php?id=312">2024年度报告.pdf（2.1MB）</a>', "pdf"),
    ('<a href="/wiki/robots">robots.txt</a>', ""),  # a page named after a file is a page
    ('<a href="https://other.example.org/view.php?id=3">data.csv</a>', ""),  # another site's page
    ('<a href="/plus/download.php?aid=12">点击下载</a>', ""),  # no file named anywhere
    ('<a href="/news/2024/0301/12.html">年度报告.pdf</a>', ""),  # a page (about a file) is a page
    ('<a href="/plus/view.php?aid=12">协会召开年会</a>', ""),
    ('<a href="/article.php?id=3">Node.js 入门</a>', ""),  # not an attachment type
])
def test_the_file_a_link_downloads_by_its_path_its_query_or_its_text(link, expected):
    from lxml import html

    from assoc_crawler.extract.media import file_type
    assert file_type(html.fragment_fromstring(link)) == expected


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
    from assoc_crawler.extract.dates import parse_date

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


def test_western_page_declaring_latin1_is_not_sniffed_as_gbk():
    text = '<html lang="de"><head><meta charset="ISO-8859-1"></head><body><p>Veröffentlichung für Größe</p></body></html>'
    decoded, encoding = decode_html(text.encode("latin-1"), None)
    assert "Veröffentlichung für Größe" in decoded and encoding in ("latin-1", "cp1252")
    chinese = "<html><head><meta charset=iso-8859-1></head><body>再生金属分会</body></html>".encode("gbk")
    assert decode_html(chinese, None)[1] == "gb18030", "no lang: a Chinese archive sniffs GBK first"


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


def test_teaser_cards_inside_the_content_leave_the_body_when_their_headline_is_no_link():
    # three boxes of one class, each another page's headline (a heading, not a link), a teaser and a "more" link
    cards = "".join(f'<div class="tsr-Card"><h3>再生铜市场周报第{n}期出炉</h3><p>本期关注废铜价格走势与进口政策。</p>'
                    f'<a href="/a/hyzx/2021/{n}.html" class="more">查看详情</a></div>' for n in range(3))
    result = extract(page(body_extra_tail=f'<div class="grid">{cards}</div>'))
    assert "再生铜市场周报" not in result.body_text and "查看详情" not in result.body_text
    assert PARAGRAPHS[-1] in result.body_text
    # boxes of one class that link nowhere or to the article's own pictures are the article's sections
    sections = "".join(f'<div class="step"><h3>第{n}步：分拣</h3><p>按牌号分拣废铝，去除铁、塑料等杂质。</p></div>'
                       for n in range(3))
    pictures = "".join(f'<div class="pic"><a href="/uploads/{n}.jpg"><img src="/uploads/{n}.jpg"></a>'
                       f'<p>图为第{n}号车间生产线</p></div>' for n in range(3))
    kept = extract(page(body_extra_tail=sections + pictures))
    assert "第2步：分拣" in kept.body_text and "图为第2号车间生产线" in kept.body_text
    # two boxes are no run
    two = extract(page(body_extra_tail=f'<div class="grid">{cards.split("</div>", 2)[0]}</div></div>'))
    assert "再生铜市场周报第0期" in two.body_text


LEAD = "为推动再生金属产业高质量发展，协会近日组织专家赴华东地区开展专题调研，听取企业对行业标准和政策的意见建议。"


TAGS = '<div class="tags">' + "".join(f'<a href="/tag/{n}/">{t}</a>' for n, t in enumerate(
    ["再生铝产业", "再生铜产业", "绿色低碳发展", "行业标准制定", "产业集群建设", "国际交流合作", "会员企业动态"] * 2)) + "</div>"


def _with_above_text(html: str) -> str:
    """A news page with ``html`` in its header block, below the headline and the info line (where templates
    print a lead) above a row of tags, the text in a block of its own."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<html><head><meta charset="utf-8"><title>倡议书发布_协会</title></head><body>'
            f'<div class="top"><a href="/">首页</a> <a href="/a/hyzx/">行业资讯</a></div><div class="wrap">'
            f'<div class="article-head"><h1>倡议书发布</h1><div class="meta">2021-01-15 来源：协会</div>{html}{TAGS}</div>'
            f'<div class="article-body"><div class="text">{text}</div></div></div></body></html>')


def test_a_lead_between_the_headline_and_the_text_opens_the_body():
    result = extract(_with_above_text(f'<p class="intro">{LEAD}</p>'))
    assert result.body_text.split("\n")[0] == LEAD and PARAGRAPHS[0] in result.body_text
    assert LEAD in result.body_html and result.page_type == "article"
    english = extract(_with_above_text('<div class="standfirst"><p>Recycled aluminium output rose by a fifth last '
                                       "year, and the association expects the same this year.</p></div>"))
    assert english.body_text.startswith("Recycled aluminium output rose")


@pytest.mark.parametrize("above", [
    f'<figure><img src="/a.jpg"><figcaption>{LEAD}</figcaption></figure>',  # a picture's caption
    f'<p class="img-note">{LEAD}</p>',
    f"<p>{LEAD[:-1]}。图片：新华社记者 张三 摄。</p>",  # a credit
    f'<div class="author-bio"><p>{LEAD}</p></div>',  # an author's bio
    f'<p>{LEAD[:20]}<a href="/a/1.html">{LEAD[20:]}</a></p>',  # a link, not prose
    f"<p>{LEAD[:-1]}</p>",  # no sentence end: a heading or a label
    f"<p>{LEAD}</p><p>2021-01-10 10:00</p><p>{LEAD[::-1]}。</p>",  # posts with their own dates
    f'<div class="top"><img src="/a.jpg"><p>{LEAD}</p></div>',  # a picture's caption without a class
    f'<div class="signup"><p>{LEAD}</p><form><input name="email"></form></div>',  # a sign-up box
    f'<p class="disclosure">{LEAD}</p>',  # a notice beside the text
    f'<div class="sidebar" style="float:right"><p>{LEAD}</p></div>',  # a box floated beside the text
    f"<p>{PARAGRAPHS[0]}</p>",  # a summary the text repeats
])
def test_what_is_no_lead_stays_out_of_the_body(above):
    text = re.sub(r"<[^>]+>", "", above)[:20]
    body = extract(_with_above_text(above)).body_text
    assert body.count(text) == (1 if text == PARAGRAPHS[0][:20] else 0)


@pytest.mark.parametrize("own", [
    # a list of members with their sites (links to other sites)
    "".join(f'<div class="item"><h4>{n}有限公司</h4><p>网址：<a href="http://www.{d}.com.cn">www.{d}.com.cn</a></p></div>'
            for n, d in (("宝山钢铁股份", "baosteel"), ("鞍钢集团", "ansteel"), ("首钢集团", "shougang"))),
    # classed paragraphs whose links sit inside sentences
    "".join(f'<p class="article-body__paragraph">据<a href="/a/{n}.html">协会统计</a>，{n}月再生铝产量同比增长。</p>'
            for n in range(1, 5)),
    # files to download without an extension in their URLs, each with its size
    "".join(f'<div class="down-item"><a href="/plus/download.php?aid={n}">附件{n}：申报书模板</a><span>文件大小：1.2MB</span>'
            f"</div>" for n in range(1, 4)),
    # questions and answers whose answers link on
    "".join(f'<div class="faq"><h3>问题{n}：如何申请入会？</h3><p>填写入会申请表后提交，详见<a href="/a/rh{n}.html">入会须知</a>。</p>'
            f"</div>" for n in range(1, 4)),
])
def test_boxes_of_one_class_that_are_the_texts_own_stay_in_the_body(own):
    shown = re.sub(r"<[^>]+>", "", own)[:8]
    assert shown in extract(page(body_extra_tail=own)).body_text
    # amid the text, teaser-like boxes are the text's own too
    assert shown in extract(page(body_extra_head=own)).body_text


def test_a_summary_cut_from_the_first_paragraph_above_it_is_not_text():
    # DedeCMS's default article template shows the description (the first paragraph, cut) above the text
    intro = "<div class='intro'>" + PARAGRAPHS[0][:30] + "...</div>"
    result = extract(page(info="2021-01-15", body_extra_head=intro))
    assert result.body_text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize("tail", [
    "<p>【版权声明】本文为本报原创稿件，未经授权不得转载。</p><p>赞 238 阅读 1.6万</p>",
    "<p>本文为协会编译稿件，转载请注明出处。</p>",
    "<p>本文系作者原创，未经作者许可，禁止转载。</p>",
])
def test_a_reprint_notice_and_a_posts_counters_are_not_text(tail):
    result = extract(page(info="2021-01-15", body_extra_tail=tail))
    assert result.body_text.split("\n") == PARAGRAPHS


def test_a_reprint_rule_inside_a_sentence_stays_text():
    line = "他说，这些资料未经授权不得转载，但可以在馆内阅览，欢迎市民前来查阅。"
    result = extract(page(info="2021-01-15", body_extra_tail=f"<p>{line}</p>"))
    assert result.body_text.split("\n")[-1] == line


def test_a_lead_named_so_is_text_even_when_its_name_says_photo():
    lead = "春分过后，南湖公园、植物园等地的樱花相继进入盛花期，粉白相间的花朵缀满枝头，吸引了众多市民游客前来踏青赏花。"
    items = "".join(f"<div class='photo-item'><img src='/p/{n}.jpg' width='800'><div class='photo-txt'><p>图为第{n}处"
                    "樱花林，市民在树下拍照留念，孩子们在草地上奔跑嬉戏。</p></div></div>" for n in range(1, 5))
    html = (f"<html><head><meta charset='utf-8'><title>春光明媚赏樱时_图片频道</title></head><body>"
            f"<div class='top'><a href='/'>首页</a></div><div class='head'><h1 class='photo-title'>春光明媚赏樱时</h1>"
            f"<div class='meta'>2022-03-21 11:02 来源：东川在线</div><div class='photo-lead'><p>{lead}</p></div></div>"
            f"<div class='photo-list'>{items}</div></body></html>")
    result = extract_page(html.encode(), "http://photo.example.cn/2022/0321/12.html")
    assert result.body_text.split("\n")[0] == lead
