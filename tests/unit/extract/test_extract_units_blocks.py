"""Extraction rules one at a time, on small pages written here: listing blocks (headings, kinds, tabs, rows) and
whether a page is an article or a list."""

from __future__ import annotations

import re

import pytest
from extract_pages import extract, page

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.listings import heading_kind


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


def test_a_related_heading_after_a_short_text_in_br_lines_keeps_the_text_as_the_body():
    text = ("\u3000\u3000协会近日在宁波召开再生铜原料标准研讨会。会议由秘书处主持。与会专家讨论了标准文本的主要内容，"
            "并提出了修改意见。<br>\u3000\u3000<img src='/u/1.jpg'><br>\u3000\u3000图为会议现场")
    related = "".join(f"<li><a href='/bzgz/2023/{n}.html'>再生铜行业标准工作第{n}次会议纪要</a></li>" for n in range(5))
    html = (f"<html><head><title>再生铜原料标准研讨会召开_标准工作_某协会</title></head><body>"
            f"<h1>再生铜原料标准研讨会召开</h1><div class='info'>日期:2023-07-11</div>"
            f"<div class='txt'><div>{text}</div><p><strong>相关阅读:</strong></p><ul>{related}</ul></div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/bzgz/202307/t20230711_7.html")
    assert page.page_type == "article" and "与会专家讨论了标准文本" in page.body_text
    assert [b.heading for b in page.listings] == ["相关阅读"] and len(page.listings[0].items) == 5


def _notice(text_block: str, after: str, title: str = "关于召开年会的通知") -> str:
    return (f"<html><head><title>{title}_通知公告_某协会</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/tzgg/'>通知公告</a></div>"
            f"<div class='article'><h2>{title}</h2><div class='info'>发布时间：2024-03-01</div>"
            f"<div class='text'>{text_block}{after}</div></div>"
            f"<div class='side'><h3>最新通知</h3><ul>"
            + "".join(f"<li><a href='/tzgg/202402/t2024020{n}_{n}.html'>关于第{n}批会员入会审核结果的公示</a></li>"
                      for n in range(1, 6))
            + "</ul></div><div class='footer'>版权所有 某协会</div></body></html>")


@pytest.mark.parametrize("after", [
    "<ul class='attach'><li><a href='/upload/2024/a1.doc'>附件1：参会回执.doc</a></li>"
    "<li><a href='/upload/2024/a2.pdf'>附件2：会议日程.pdf</a></li></ul>",
    "<p>附件：<a href='/files/20240301/huizhi.docx'>年会报名表.docx</a></p>",
    "<div class='fj'><a href='/u/1.xls'>会员信息统计表.xls</a><br><a href='/u/2.zip'>资料汇编.zip</a></div>",
    # download scripts: the file is named in the query (TRS/Hanweb) or only by the link's text (DedeCMS)
    "<p>附件：<a href='/module/download/downfile.jsp?classid=0&amp;filename=2403011.doc'>1.参会回执.doc</a></p>",
    "<p>附件：<a href='/plus/download.php?open=0&amp;aid=57&amp;cid=3'>会议日程.pdf</a></p>",
])
def test_an_attachment_list_after_a_notices_text_block_is_part_of_the_body(after):
    text = "<div>\u3000\u3000经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加，具体要求详见附件。</div>"
    page = extract_page(_notice(text, after).encode("utf-8"), "http://assoc.test/tzgg/202403/t20240301_12.html")
    assert page.page_type == "article" and page.body_text.startswith("经研究，协会定于3月20日")
    for name in re.findall(r">([^<>]+\.(?:doc|pdf|docx|xls|zip))<", after):
        assert name in page.body_text


@pytest.mark.parametrize("after", [
    # links to pages, not files: a list of other notices stays out of the body
    "<ul>" + "".join(f"<li><a href='/tzgg/2024/{n}.html'>关于开展第{n}期培训的通知</a></li>" for n in range(4)) + "</ul>",
    # a download box of the page's column, beside the article box rather than after its text
    "</div></div><div class='dl'><h3>下载中心</h3><ul>"
    + "".join(f"<li><a href='/dl/{n}.pdf'>标准文本{n}.pdf</a></li>" for n in range(4)) + "</ul></div><div><div>",
])
def test_a_list_after_the_text_block_that_is_not_the_notices_files_stays_out(after):
    text = "<div>\u3000\u3000经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加，具体要求详见附件。</div>"
    page = extract_page(_notice(text, after).encode("utf-8"), "http://assoc.test/tzgg/202403/t20240301_12.html")
    assert page.body_text == "经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加，具体要求详见附件。"


@pytest.mark.parametrize("after", [
    "<p align='right'>特此通知。</p><p align='right'>某某有色金属工业协会</p><p align='right'>2024年3月1日</p>",
    "<div style='text-align:right'>某某有色金属工业协会秘书处<br>二〇二四年三月一日</div>",
    "<ul class='fj'><li><a href='/u/1.doc'>附件：参会回执.doc</a></li></ul><p class='lk'>某某协会</p>"
    "<p class='lk'>2024年03月01日</p>",
])
def test_a_notices_closing_lines_after_its_text_block_are_part_of_the_body(after):
    text = "<div class='TRS_Editor'><p>\u3000\u3000经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加。</p></div>"
    page = extract_page(_notice(text, after).encode("utf-8"), "http://assoc.test/tzgg/202403/t20240301_12.html")
    assert page.body_text.startswith("经研究，协会定于3月20日")
    assert page.body_text.rstrip().endswith(("2024年3月1日", "二〇二四年三月一日", "2024年03月01日"))


@pytest.mark.parametrize("after, title", [
    ("<p>发布日期：2024年03月01日</p>", None),  # the info line at the foot of the text
    ("<p>最后更新：2024年3月1日</p>", None),  # a labelled line, whatever its label
    ("<p>2024年3月1日</p>", None),  # a date alone: no sender
    ("<p>相关新闻</p><p><a href='/tzgg/2.html'>关于年会的补充通知</a> 2024年3月2日</p>", None),  # a link first
    ("<p>【打印本页】【关闭窗口】</p><p>某某协会</p><p>2024年3月1日</p>", None),  # a widget line first
    ("<p>一</p><p>二</p><p>三</p><p>四</p><p>某某协会 2024年3月1日</p>", None),  # more lines than a closing has
    ("<p>协会新闻中心</p><p>2024年3月1日</p>", "协会召开2024年年会"),  # a news story's signature, no notice
    ("<div class='comments'><p>王工</p><p>某某公司 2024年3月2日</p></div>", None),  # comments
    ("<div class='xg'><a href='/tzgg/9.html'>相关通知</a></div><div><a href='/d/1.pdf'>附件：章程.pdf</a></div>",
     None),  # files after another box
    ("<div class='dl'><h3>资料下载</h3><a href='/d/a.pdf'>协会宣传册</a> <a href='/d/b.zip'>媒体资料包</a></div>",
     None),  # the site's download box
    ("<p><a href='/print/12.pdf'>下载PDF版</a></p>", None),  # a tool
])
def test_short_lines_after_the_text_block_that_do_not_close_a_notice_stay_out(after, title):
    text = "<div class='TRS_Editor'><p>\u3000\u3000经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加。</p></div>"
    html = _notice(text, after, title or "关于召开年会的通知")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/tzgg/202403/t20240301_12.html")
    assert page.body_text == "经研究，协会定于3月20日在北京召开年会，请各会员单位按时报名参加。"


def test_chinese_captions_and_a_tables_caption_stay_in_the_text():
    # (图片新闻 and government pages write their captions as the story's sentences)
    figures = "".join(f"<figure><img src='/uploads/2024/03/p{n}.jpg' width='640'><figcaption>{text}</figcaption></figure>"
                      for n, text in enumerate(("3月12日植树节当天，协会秘书处全体党员干部来到北京市郊区参加义务植树活动。",
                                                "大家分工协作，挖坑、扶苗、填土、浇水，一棵棵树苗整齐地挺立在山坡上。")))
    html = (f"<html><head><title>图片新闻：协会开展植树活动_某协会</title></head><body><h1>图片新闻：协会开展植树活动</h1>"
            f"<div class='info'>2024-03-25</div><div class='content'>{figures}</div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/tpxw/2024/0325/1.html")
    assert "义务植树活动" in page.body_text and "整齐地挺立" in page.body_text
    table = ("<figure class='wp-block-table'><table><tr><th>岗位</th><th>月薪</th></tr><tr><td>开发</td><td>15800</td></tr>"
             "<tr><td>测试</td><td>11200</td></tr></table><figcaption>表：主要岗位平均月薪</figcaption></figure>")
    photo = "<figure><img src='/u/1.jpg' width='600'><figcaption>论坛主会场</figcaption></figure>"
    paras = [f"<p>协会发布行业人才报告，第{n}部分介绍了企业招聘需求和薪酬水平的变化情况。</p>" for n in range(4)]
    html = (f"<html><head><title>人才报告发布_某协会</title></head><body><h1>人才报告发布</h1><div class='info'>2024-03-25"
            f"</div><div class='content'>{paras[0]}{photo}{table}{''.join(paras[1:])}</div></body></html>")
    page = extract_page(html.encode("utf-8"), "http://assoc.test/news/2024/0325/2.html")
    assert "表：主要岗位平均月薪" in page.body_text and "论坛主会场" in page.body_text
    assert [img.caption for img in page.images] == ["论坛主会场"]
