"""Field rules (date, author, source, editor), one group at a time, on small pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.dates import parse_date
from assoc_crawler.extract.fields import clean_value, find_labelled, match_byline
from assoc_crawler.extract.latin_bylines import latin_byline

PARAS = [
    "本周三，某市机械工业协会召开年度工作会议，总结过去一年行业运行情况，部署新一年的重点任务和服务举措。",
    "会议指出，全行业要坚持创新驱动，加快数字化转型步伐，推动产品结构向高端化、智能化、绿色化方向迈进。",
    "与会企业代表围绕稳订单、拓市场、强研发等议题展开交流，并就行业标准修订工作提出了具体的意见和建议。",
]
EN_PARAS = [
    "The regional tooling association met on Wednesday to review a difficult year for its member companies.",
    "Speakers pointed to rising material costs and a shortage of trained machinists across the whole region.",
    "Members agreed to fund a new apprenticeship scheme and to publish quarterly figures on orders and hiring.",
]


def zh_page(info: str = "", head: str = "", tail: str = "", after: str = "", above: str = "",
            title: str = "机械行业协会召开年度会议") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<html><head><meta charset="utf-8"><title>{title}_协会动态</title></head><body>
<div class="top"><a href="/">首页</a></div>{above}
<h1>{title}</h1><div class="info">{info}</div>
<div class="article">{head}{paras}{tail}</div>{after}
<div class="footer">版权所有 某市机械工业协会</div></body></html>""".encode()


def en_page(info: str = "", head: str = "", tail: str = "", meta: str = "", title: str = "Tooling makers meet") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in EN_PARAS)
    return f"""<html><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>
<h1>{title}</h1><div class="info">{info}</div>
<div class="article">{head}{paras}{tail}</div></body></html>""".encode()


URL = "http://assoc.test/news/show.php?id=7"


# ---------------------------------------------------------------------------------------------------------------
# values, labels and bylines


@pytest.mark.parametrize("text, expected", [
    ("15/03/2021", "2021-03-15"),
    ("03/15/2021", "2021-03-15"),
    ("04/05/2021", "2021-05-04"),  # ambiguous: day first
    ("Posted 03/15/2021 3:05 PM", "2021-03-15T15:05:00"),
    ("12/01/2021 12:30 AM", "2021-01-12T00:30:00"),
])
def test_slash_dates(text, expected):
    value = parse_date(text)
    assert value is not None and value.iso(None) == expected


@pytest.mark.parametrize("raw, expected", [
    ("王小明\t2021-05-01", "王小明"),
    ("王小明：某大学机械学院", "王小明"),
    ("Jane Doe am 12.03.2019, 10:15 Uhr", "Jane Doe"),
    ("Jane Doe on March 3, 2019", "Jane Doe"),
    ("张三 2021-05-01 10:00", "张三"),
    ('size="20', None),
    ("<b>李四", None),
    ("[ 市工信局 ]", "市工信局"),
    ("本报记者 刘洋", "刘洋"),
])
def test_clean_value_cuts(raw, expected):
    assert clean_value(raw) == expected


@pytest.mark.parametrize("line, field, value", [
    ("责编|王五", "editor", "王五"),
    ("编辑/赵六", "editor", "赵六"),
    ("来源于：市工信局", "source", "市工信局"),
    ("采写：余某 向某某", "author", "余某 向某某"),
    ("Artikel von: Max Muster", "author", "Max Muster"),
    ("Datum: 05.03.2019", "date", "05.03.2019"),
    ("来源：【中国机械网】", "source", "中国机械网"),
])
def test_more_labels_and_separators(line, field, value):
    found = [lv for lv in find_labelled(line) if lv.field == field]
    assert found and found[0].value == value


@pytest.mark.parametrize("line", ["Theme by: Some Studio", "Powered by: Engine", "Author|Jane"])
def test_not_labels(line):
    assert not [lv for lv in find_labelled(line) if lv.field in ("author", "source") and lv.value]


def test_other_labels_end_a_value():
    found = {lv.field: lv.value for lv in find_labelled("作者：王小明 摄影：李大伟 策划：周某")}
    assert found["author"] == "王小明"


@pytest.mark.parametrize("line, name", [
    ("□本报记者 刘洋", "刘洋"),
    ("●记者 王芳 李强", "王芳 李强"),
    ("晚报首席记者 孙明", "孙明"),
])
def test_more_bylines(line, name):
    assert match_byline(line) == name


def test_page_level_label_fixes():
    got = extract_page(zh_page(info="来源于：市工信局 作者：王小明：市机械协会"), URL)
    assert got.source == "市工信局"
    assert got.author == "王小明"
    got = extract_page(zh_page(head="<p>□本报记者 刘洋</p>"), URL)
    assert got.author == "刘洋"


# ---------------------------------------------------------------------------------------------------------------
# where labels are gathered


def test_editor_label_above_a_closing_note():
    got = extract_page(zh_page(tail="<p>编辑：王五</p><p>本文仅代表作者个人观点，不代表本网立场。</p>"), URL)
    assert got.editor == "王五"
    assert "编辑：王五" not in got.body_text or got.editor == "王五"


def test_editor_far_below_the_content():
    topics = "".join(f"<div class='w'>话题 {i}</div>" for i in range(10))
    got = extract_page(zh_page(after=f"{topics}<div class='meta'>责任编辑：赵六</div>"), URL)
    assert got.editor == "赵六"


def test_editor_far_below_stops_at_the_next_post():
    other = "<div class='post'><p>" + PARAS[0] * 3 + "</p></div>"
    topics = "".join(f"<div class='w'>话题 {i}</div>" for i in range(10))
    got = extract_page(zh_page(after=f"{topics}{other}<div class='meta'>责任编辑：赵六</div>"), URL)
    assert got.editor is None


def test_labels_without_colon_in_a_segmented_info_line():
    got = extract_page(zh_page(info="发表于2021-03-02 10:00| 120次阅读| 来源机械信息网| 0 条评论| 作者李四"), URL)
    assert got.source == "机械信息网"
    assert got.author == "李四"


def test_source_label_above_the_headline():
    got = extract_page(zh_page(above="<div class='src'>来源：市工信局</div>"), URL)
    assert got.source == "市工信局"


def test_labels_in_a_dropped_meta_block_inside_the_article():
    bar = "<div class='toolbar'><span>分享</span> <span>来源：机械周刊</span></div>"
    got = extract_page(zh_page(tail=f"{bar}<p>{PARAS[0]}</p>"), URL)
    assert got.source == "机械周刊"


# ---------------------------------------------------------------------------------------------------------------
# the published date


@pytest.mark.parametrize("meta", [
    '<meta itemprop="datePublished" content="2021-03-02">',
    '<meta name="dateUpdate" content="2021-03-02 10:11:12">',
])
def test_date_metas(meta):
    got = extract_page(en_page(meta=meta), URL)
    assert (got.published_at or "")[:10] == "2021-03-02"


def test_any_date_meta_is_a_last_resort_but_not_expiry():
    got = extract_page(en_page(meta='<meta name="expires" content="2031-01-01">'), URL)
    assert got.published_at is None


@pytest.mark.parametrize("info", [
    "2019年5月6日，本会秘书处组织召开座谈会，与会人员交流了经验",
    "本会秘书处信息部整理编发，欢迎各会员单位转载分享，详情请见附件通知，会议资料另行发送各会员单位 2019-05-06",
    "Registered 2015-01-01",
])
def test_dates_that_are_not_the_articles(info):
    assert extract_page(zh_page(info=info), URL).published_at is None


def test_date_led_without_a_colon():
    info = "本会秘书处信息部整理编发，欢迎各会员单位转载分享 发表于 2021-03-02 10:20"
    assert extract_page(zh_page(info=info), URL).published_at == "2021-03-02T10:20:00+08:00"


@pytest.mark.parametrize("above", ["<div class='d'>2021-03-02</div>", "<div class='d'>发布时间：2021-03-02</div>"])
def test_date_above_the_headline(above):
    assert extract_page(zh_page(above=above), URL).published_at == "2021-03-02"


def test_date_in_the_first_short_lines_of_the_content():
    got = extract_page(en_page(head="<p>Staff report · 2 March 2021</p>"), URL)
    assert got.published_at == "2021-03-02"


def test_date_led_inside_the_body():
    tail = f"<p>发表于 2021-03-02 10:20 阅读 35</p><p>{PARAS[1]}</p>"
    assert extract_page(zh_page(tail=tail), URL).published_at == "2021-03-02T10:20:00+08:00"


def test_a_date_line_above_an_entry_does_not_make_a_list_an_article():
    entries = "".join(f"<div class='d'>2021-03-0{i}</div><h3>协会通知第{i}号</h3><p>{PARAS[i % 3][:30]}</p>"
                      for i in range(1, 7))
    html = f"<html><head><meta charset='utf-8'><title>通知公告</title></head><body><h1>通知公告</h1>{entries}</body></html>"
    assert extract_page(html.encode(), "http://assoc.test/tzgg/index.html").page_type != "article"


# ---------------------------------------------------------------------------------------------------------------
# the author


def test_json_ld_author_by_reference_unescaped_and_without_by():
    graph = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "Tooling makers meet",'
             ' "author": {"@id": "#p1"}}, {"@type": "Person", "@id": "#p1", "name": "By Ana Mar&iacute;a Ruiz"}]}'
             '</script>')
    assert extract_page(en_page(meta=graph), URL).author == "Ana María Ruiz"


def test_json_ld_author_of_any_type():
    data = '<script type="application/ld+json">{"@type": "Recipe", "author": {"name": "Jo Baker"}}</script>'
    assert extract_page(en_page(meta=data), URL).author == "Jo Baker"


@pytest.mark.parametrize("info, head, name", [
    ("2021-03-02 10:00", "<p>新华社北京3月2日电（记者 张明 李华）本周三召开的会议上，</p>", "张明 李华"),
    ("", "<p>（本报记者王芳 通讯员赵强）本周三召开的会议上，</p>", "王芳"),
    ("本报记者 刘洋", "", "刘洋"),
])
def test_chinese_reporters(info, head, name):
    assert extract_page(zh_page(info=info, head=head), URL).author == name


# colon-less Latin bylines

@pytest.mark.parametrize("info, head, tail, name", [
    ("By Jane Doe | 3 May 2021", "", "", "Jane Doe"),
    ("Von Erika Mustermann am 12. März 2020", "", "", "Erika Mustermann"),
    ("Par Jean Dupont, le 4 avril 2019", "", "", "Jean Dupont"),
    ("", "", "<p>By Jane DoeStaff Writer</p>", "Jane Doe"),
    ("", "<p>12.03.2020 von Erika Muster</p>", "", "Erika Muster"),
    ("", "", "<p>By Ana Ruiz and Tom Lee</p>", "Ana Ruiz and Tom Lee"),
])
def test_latin_bylines(info, head, tail, name):
    assert extract_page(en_page(info=info, head=head, tail=tail), URL).author == name


@pytest.mark.parametrize("line", ["By the way, members voted twice", "By 2025 orders should double",
                                  "Von Montag bis Freitag geöffnet am Markt", "By One Two Three Four Five Six"])
def test_latin_byline_needs_a_personal_name(line):
    assert latin_byline(line) is None


def test_latin_byline_ranks_after_json_ld_and_before_the_meta_author():
    info = "By Jane Doe | 3 May 2021"
    meta = '<meta name="author" content="Tooling News">'
    assert extract_page(en_page(info=info, meta=meta), URL).author == "Jane Doe"
    data = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Jo Baker"}}</script>'
    assert extract_page(en_page(info=info, meta=data), URL).author == "Jo Baker"


# byline markup

@pytest.mark.parametrize("info, name", [
    ('<span class="author__name">Jane Doe</span>', "Jane Doe"),
    ('<div class="authorname-txt">Jane Doe</div>', "Jane Doe"),
    ('<div class="entry-author">Text: <a href="/a/jd">Jane Doe</a></div>', "Jane Doe"),
    ('<p class="post-author">Posted by <a href="/u/jd">jd</a> » 03.02.2009, 10:15</p>', "jd"),
    ('<span class="author">Jane Doe Stand: 5. Februar 2020</span>', "Jane Doe"),
    ('<span class="author">Jane Doe am Samstag, 12. März</span>', "Jane Doe"),
    ('<span class="author">Jane Doe | Redaktion</span>', "Jane Doe"),
    ("<byline>Von Max Muster, dpa</byline>", "Max Muster"),
])
def test_author_markup(info, name):
    assert extract_page(en_page(head=info), URL).author == name


@pytest.mark.parametrize("info", [
    '<div class="author-bio">Jane Doe writes about tools</div>',
    '<div class="author-box">Jane Doe</div>',
    '<div><span class="author">Guest</span><input type="text" name="user"></div>',
    '<span class="byline">Published 2019-09-26 07:19</span>',
    '<span class="author">2021-03-02</span>',
    '<span class="author-views">Views (2391)</span>',
])
def test_author_markup_that_is_not_a_byline(info):
    assert extract_page(en_page(head=info), URL).author is None


def test_author_markup_in_a_dropped_sibling_block():
    main = "".join(f"<p>{p}</p>" for p in EN_PARAS * 2)
    more = "".join(f"<p>{p}</p>" for p in EN_PARAS[:2])
    html = f"""<html><head><meta charset="utf-8"><title>Tooling makers meet</title></head><body>
<h1>Tooling makers meet</h1><div class="post"><div class="row"><span class="author-name">Jane Doe</span></div>
<div class="text">{main}</div><div class="more">{more}</div></div></body></html>"""
    assert extract_page(html.encode(), URL).author == "Jane Doe"


def test_an_empty_author_label_is_not_a_placeholder():
    head = '<div class="ref"><div>Artikel von:</div><div class="ref__author">Jane Doe</div></div>'
    assert extract_page(en_page(head=head), URL).author == "Jane Doe"


def test_repeated_microdata_authors_of_references_are_not_the_page_author():
    references = "".join(f'<li><meta itemprop="author" content="A{n}. Cited, B{n}. Other, ">Ref {n}</li>'
                         for n in range(5))
    html = ('<html><head><meta name="citation_author" content="Mei Lin"><title>A review of recycling</title></head>'
            '<body><h1>A review of recycling</h1><p>Recycled aluminium needs far less energy than primary metal, '
            'and this review summarises twenty years of studies on collection, sorting and remelting.</p>'
            f'<ol>{references}</ol></body></html>')
    result = extract_page(html.encode(), "http://journal.test/article/1")
    assert result.author == "Mei Lin"
    single = html.replace('<meta name="citation_author" content="Mei Lin">', "").replace(references, "")
    single = single.replace("<title>", '<meta itemprop="author" content="Wang Fang"><title>')
    assert extract_page(single.encode(), "http://journal.test/article/2").author == "Wang Fang"


@pytest.mark.parametrize(("line", "expected"), [
    # the spans of an info line rendered side by side: each label ends the value before it
    ("发布时间：2021-03-01 信息来源：华东日报作者：陈立新责任编辑：吴敏",
     {"source": "华东日报", "author": "陈立新", "editor": "吴敏"}),
    ("作者：陈立新更新时间：2021-01-02", {"author": "陈立新"}),
    ("来源：华东日报阅读：1024", {"source": "华东日报"}),
    # an English label after a date with wide spaces or nothing between
    ("Date: 2019-07-04  Source: Nonferrous Metals Society", {"source": "Nonferrous Metals Society"}),
    ("Date: 2019-07-04Source: Nonferrous Metals Society", {"source": "Nonferrous Metals Society"}),
    # a label word inside a sentence, or a clock time, is not a label
    ("来源：会员投稿，文字经过编辑：协会秘书处", {"source": "会员投稿，文字经过编辑"}),
    ("Written by: Anna Theme", {}),
])
def test_labels_run_on_in_one_info_line(line, expected):
    got = {lv.field: lv.value for lv in find_labelled(line) if lv.field in ("source", "author", "editor")}
    assert got == expected


def test_a_headline_broken_after_a_number_joins_without_a_space():
    html = ("<html><head><title>关于缴纳2023年度会费的通知_通知公告_某协会</title></head><body>"
            "<h1>关于缴纳2023<br>年度会费的通知</h1><div class='info'>发布时间：2023-02-01</div>"
            "<div class='content'><p>各会员单位：根据协会章程，现将2023年度会费缴纳事项通知如下，请于三月底前办理。</p>"
            "<p>联系人：协会秘书处，电话另行通知。</p></div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/tzgg/2023/0201/12.html")
    assert page.title == "关于缴纳2023年度会费的通知"


@pytest.mark.parametrize(("line", "name"), [
    ("（文/陈立新 吴敏）", "陈立新 吴敏"),
    ("文/郑海 周丽华 钱文博", "郑海 周丽华 钱文博"),
    ("（作者：孙建华）", "孙建华"),
    ("本报讯 记者陈立新 吴敏报道：", "陈立新 吴敏"),  # a lead's 报道 before its colon frames the names
])
def test_bylines_with_a_slash_and_several_names(line, name):
    assert match_byline(line) == name


def test_a_bracketed_byline_just_below_the_body_block_is_the_author():
    html = ("<html><head><title>再生铜分会召开年度工作会议_协会动态_某协会</title></head><body>"
            "<h1>再生铜分会召开年度工作会议</h1><div class='info'>发布时间：2023-03-08</div>"
            "<div class='content'><p>3月7日，再生铜分会在宁波召开年度工作会议，总结上一年工作并部署今年重点任务。</p>"
            "<p>与会代表围绕原料进口、标准制定和行业统计等议题进行了交流，会议审议通过了工作报告。</p></div>"
            "<p>（文/陈立新 吴敏）</p><div class='links'><a href='/a/1.html'>上一篇</a></div>"
            "<div class='side'><p>作者 最新文章</p></div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/xhdt/2023/0308/31.html")
    assert page.author == "陈立新 吴敏"


def test_a_byline_below_a_text_whose_last_line_ends_past_its_block_is_the_author():
    html = ("<html><head><title>再生铝分会召开标准宣贯会_协会动态_某协会</title></head><body>"
            "<h1>再生铝分会召开标准宣贯会</h1><div class='info'>发布时间：2023-05-12</div>"
            "<div class='main'><div class='text'>5月11日，再生铝分会在佛山召开团体标准宣贯会，来自四十家会员单位的代表参加。"
            "<br>与会专家介绍了标准的主要技术内容，企业代表交流了执行中的做法和体会。<br>"
            "会议由分会秘书长主持，并对下一步工作作了安排。</div>"
            "<p>本报记者 陈立新 报道</p><p>欢迎会员单位投稿，投稿邮箱见首页。</p></div>"
            "<div class='links'><a href='/a/1.html'>上一篇</a></div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/xhdt/2023/0512/41.html")
    assert page.author == "陈立新" and "本报记者" not in page.body_text


@pytest.mark.parametrize(("line", "author"), [
    ("供稿：黄建国  责任编辑：吴敏", "黄建国"),  # a person supplied it: the author
    ("发布时间：2021-01-01 供稿：胡海燕 周丽", "胡海燕 周丽"),
    ("供稿：再生金属产业联盟 | 编辑：吴敏", None),  # an organisation is not an author
])
def test_a_contributor_label_names_the_author_only_when_it_is_a_person(line, author):
    assert next((lv.value for lv in find_labelled(line) if lv.field == "author"), None) == author


@pytest.mark.parametrize(("info", "source"), [
    # a portal's time-source line: the medium, linked, after the date, no label
    ('<span class="time-source">2015年11月28日07:12&nbsp;<span><a href="http://www.jzwb.example.cn/" '
     'rel="nofollow">江州晚报</a></span></span>', "江州晚报"),
    # an app's share page: the medium alone in a span classed as the source, the reporter beside it
    ('<span class="source">东川日报</span> <span class="reporter">记者 唐宁</span> <span class="time">2023-05-16 10:30</span>',
     "东川日报"),
    ('<span class="article-source">2023-05-16 10:30</span>', None),  # a date only: no medium
    ('<span class="source">Reuters</span> 2023-05-16', None),  # (Chinese info lines name their medium unlabelled)
    ('<span class="source">会议强调，要做好行业统计。</span> 2023-05-16', None),  # a sentence is no medium
])
def test_a_medium_shown_without_a_label_in_source_markup_near_the_headline_is_the_source(info, source):
    assert extract_page(zh_page(info=info), "http://assoc.test/news/1.html").source == source


def test_a_source_value_followed_by_a_byline_or_a_count_keeps_only_the_medium():
    page = extract_page(zh_page(info='2022-03-21 11:02 <span class="src">来源：东川在线</span> '
                                     '<span class="by">东川在线记者 邱明 摄影报道</span>'), "http://assoc.test/n/1.html")
    assert (page.source, page.author) == ("东川在线", "邱明")
    page = extract_page(zh_page(info='2015-06-08 07:41:26　来源: <a href="http://zqsxb.example.cn/">证券时讯报</a> '
                                     '<a class="tie-count" href="/bbs/1.html">1422</a> <a href="#">分享到</a>'),
                        "http://assoc.test/n/1.html")
    assert page.source == "证券时讯报"
    assert clean_value("韩晓 SN218") == "韩晓 SN218" and clean_value("Reuters 12") == "Reuters 12"


def test_byline_markup_classed_as_the_reporter_names_the_author():
    html = zh_page(info='<span class="source">东川日报</span> <span class="reporter">记者 唐宁</span> '
                        '<span class="time">2023-05-16 10:30</span>').decode()
    html = html.replace("<h1>", "<div class='article-wrap'><h1>").replace("<div class=\"footer\">", "</div><div>")
    page = extract_page(html.encode(), "http://assoc.test/news/1.html")
    assert (page.source, page.author) == ("东川日报", "唐宁")


def test_a_closing_bracket_the_value_opened_stays_and_a_where_from_word_leaves():
    assert clean_value("明光网-《明光日报》") == "明光网-《明光日报》"
    assert clean_value("《人民日报》") == "人民日报"  # (a whole value in brackets is unwrapped, as before)
    page = extract_page(zh_page(info='<p><span>2023-11-14 08:32</span><span class="index_source_1cU7z">来自 '
                                     '<a href="javascript:;">北辰晚报</a></span></p>'), "http://assoc.test/news/1.html")
    assert page.source == "北辰晚报"


@pytest.mark.parametrize(("line", "name"), [("文/图：曾凡宇 黎小燕", "曾凡宇 黎小燕"), ("文/李四", "李四")])
def test_a_text_and_pictures_credit_names_its_author(line, name):
    assert match_byline(line) == name


@pytest.mark.parametrize("line", ["Reported by Tasha Whitfield", "Guest post by Tasha Whitfield",
                                  "Written by Tasha Whitfield"])
def test_reported_guest_post_and_written_by_open_a_latin_byline(line):
    assert latin_byline(line) == "Tasha Whitfield"


@pytest.mark.parametrize(("line", "expected"), [
    # a short word with a colon after a space opens the next label, known or not (an e-paper's page: 第03版：水泥)
    ("2023年08月15日 10:21 来源：华夏建材报 第03版：水泥", {"source": "华夏建材报"}),
    # 编译 (compiled and translated by) names the author; spans rendered side by side run on
    ("2024-10-15 14:02来源：科汇网编译：陆嘉禾", {"source": "科汇网", "author": "陆嘉禾"}),
    # a price site's analyst writes its market comment
    ("2024-03-12 16:05 来源：金属价格网 分析师：孟婕 浏览：4862", {"source": "金属价格网", "author": "孟婕"}),
    # a time of day is no label: the value goes on
    ("Source: BizTV Markets data, 4:00 p.m. ET", {"source": "BizTV Markets data, 4:00 p.m. ET"}),
])
def test_a_value_ends_at_the_next_label_even_an_unknown_one(line, expected):
    found = {v.field: v.value for v in find_labelled(line) if v.field in ("source", "author")}
    assert found == expected
