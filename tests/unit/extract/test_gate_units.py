"""Units of the page gate, the byline rules and the headline rules, on pages and values written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.classify import PageSignals, classify_page, service_word
from assoc_crawler.extract.fields import role_byline, strip_source_person

PROSE = "<p>" + "再生金属分会近日召开行业形势分析会，会议总结了上半年行业运行情况并部署下一阶段工作。" * 3 + "</p>"


@pytest.mark.parametrize(("url", "word"), [
    ("/member/login.php", "login"), ("/e/search/result/", "search"), ("/plus/feedback.php?aid=3", "feedback"),
    ("/index.php?m=content&a=print&id=2", "print"), ("/print.php?id=1", "print"), ("/sign-in/", "sign-in"), ("/about-us/", None),
    ("/news/2021/search-for-survivors-continues", None), ("/2019/the_search_for_meaning.html", None),
    ("/a/1.html?from=search", None), ("/opinion/comment-is-free/2020/x", None), ("/pl/artykul/123", None),
])
def test_service_words_are_segments_not_slug_words(url, word):
    path, _, query = url.partition("?")
    assert service_word(path, query) == word


def _signals(**kw) -> PageSignals:
    base = dict(url="http://x.test/a/1.html", title="关于报送统计数据的通知", headline_agrees=True,
                title_names=None, has_date=True, body_chars=300, body_text="正文。" * 100)
    return PageSignals(**{**base, **kw})


def test_doubtful_pages_are_articles_with_a_reason():
    assert classify_page(_signals(body_chars=15, body_text="请各会员单位按时报送。")) == ("article", "short-notice")
    assert classify_page(_signals(has_date=False, body_chars=150)) == ("article", "short-undated")


def test_short_pages_without_a_confirmed_headline_or_at_list_urls_stay_out():
    assert classify_page(_signals(has_date=False, body_chars=150, headline_agrees=False))[0] == "other"
    assert classify_page(_signals(url="http://x.test/news/list_3_2.html", body_chars=20))[0] == "list"
    assert classify_page(_signals(url="http://x.test/news/", has_date=False, body_chars=20, link_count=4))[0] == "list"
    # the one script of a dynamic CMS shows articles too
    assert classify_page(_signals(url="http://x.test/index.php?m=content&a=show&id=3", body_chars=20,
                                  link_count=4)) == ("article", "short-notice")
    # a column of one short text links to nothing much: an article
    assert classify_page(_signals(url="http://x.test/col/col12/index.html", body_chars=20))[0] == "article"
    assert classify_page(_signals(has_date=False, body_chars=100, title_names="site")) == (
        "other", "site-name-title")
    assert classify_page(_signals(has_date=False, body_chars=100, title_names="column")) == (
        "other", "column-name-title")
    assert classify_page(_signals(has_date=True, body_chars=100, title_names="column"))[0] == "article"


def test_a_list_of_entries_is_a_list_but_links_inside_sentences_are_prose():
    entries = "\n".join(f"协会动态第{k}条新闻标题 2024-03-0{k}" for k in range(1, 10))
    listing = _signals(link_count=9, link_density=0.7, body_chars=len(entries), body_text=entries)
    assert classify_page(listing) == ("list", "many-links")
    prose = "\n".join("根据管理办法第三条的规定，回收经营者应当在取得营业执照后三十日内完成备案。" for _ in range(9))
    assert classify_page(_signals(link_count=18, link_density=0.5, body_chars=len(prose), body_text=prose)) == (
        "article", "link-heavy-prose")


def test_error_and_service_headlines():
    assert classify_page(_signals(title="404 页面不存在", body_chars=20)) == ("other", "error-page")
    assert classify_page(_signals(title="网友评论：铝价上涨")) == ("other", "service-title")
    assert classify_page(_signals(title="About the new recycling rules"))[0] == "article"
    assert classify_page(_signals(title="Contact tracing app launched"))[0] == "article"


@pytest.mark.parametrize(("line", "names"), [
    ("记者 王燕平 通讯员 方云凤", "王燕平 方云凤"), ("（通讯员 史明）", "史明"), ("【记者 王燕平】", "王燕平"),
    ("本报记者 李四 王五", "李四 王五"), ("记者 王燕平 摄影 张三", "王燕平"), ("再生金属分会召开会议", None),
])
def test_role_bylines(line, names):
    assert role_byline(line) == names


@pytest.mark.parametrize(("value", "source"), [
    ("中国新闻网 王帆", "中国新闻网"), ("中国新闻网 记者 王帆", "中国新闻网"), ("人民日报 海外版", "人民日报 海外版"),
    ("新华社", "新华社"), (None, None),
])
def test_source_without_a_trailing_person(value, source):
    assert strip_source_person(value) == source


def _page(title: str, head: str, info: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body>{head}<div class=info>{info}</div>"
            f"<div class=content>{body}</div></body></html>").encode()


def test_a_byline_at_the_end_of_the_body_becomes_the_author():
    got = extract_page(_page("分会召开分析会_协会网", "<h1>分会召开分析会</h1>", "2024-01-02",
                             PROSE + "<p>（通讯员 史明）</p>"), "http://x.test/a/1.html")
    assert got.author == "史明" and "通讯员" not in got.body_text


def test_headline_is_not_a_caption_nor_a_channel_name():
    caption = _page("再生铝产业发展报告发布_协会网", "", "2024-01-02",
                    "<p><img src=a.jpg></p><p><strong>图为再生铝产业发展报告发布会现场</strong></p>" + PROSE)
    assert extract_page(caption, "http://x.test/a/1.html").title == "再生铝产业发展报告发布"
    channel = _page("再生铝产业发展报告发布_大话四川_协会网", "<h1>大话四川</h1><div class=t>再生铝产业发展报告发布</div>",
                    "2024-01-02", PROSE)
    assert extract_page(channel, "http://x.test/a/1.html").title == "再生铝产业发展报告发布"


def _labelled_box(heading: str, rows: int = 4) -> str:
    items = "".join(
        f'<li><a href="/news/list-{k}-1.html" class="lm">栏目{k}</a> | <a href="/news/show.php?id={k}">协会动态新闻标题第{k}条</a>'
        f"<p>这是第{k}条新闻的摘要，介绍了会议的主要内容和下一步工作安排。</p></li>" for k in range(1, rows + 1))
    return f'<div class="box"><div class="hd"><h3>{heading}</h3><a href="/news/">更多&gt;&gt;</a></div><ul>{items}</ul></div>'


def test_a_label_and_title_list_is_a_listing_whatever_its_heading_and_a_short_notice_stays_an_article():
    html = (f"<html><head><title>关于报送统计数据的通知_协会网</title></head><body><h2>关于报送统计数据的通知</h2>"
            f"<div class=info>日期：2024-03-05</div><div class=content><p>请各会员单位按时报送。</p></div>"
            f"{_labelled_box('图片新闻')}{_labelled_box('热点内容')}</body></html>").encode()
    got = extract_page(html, "http://x.test/news/show.php?id=99")
    assert (got.page_type, got.body_text) == ("article", "请各会员单位按时报送。")
    assert [(b.heading, b.kind, len(b.items)) for b in got.listings] == [("热点内容", "hot", 4), ("图片新闻", "other", 4)]
    for block in got.listings:
        first = block.items[0]
        assert (first.target_url, first.label, first.title) == (
            "http://x.test/news/show.php?id=1", "栏目1", "协会动态新闻标题第1条")  # the article, labelled by its column
        assert first.teaser.startswith("这是第1条新闻的摘要")


def test_a_headline_that_says_related_is_not_a_related_articles_block():
    laws = "".join(f'<p>企业应遵守<a href="/law/{k}.htm">《再生资源回收管理办法》第{k}条规定</a>，做好备案工作。</p>'
                   for k in range(1, 6))
    html = ("<html><head><title>2024年废铝行业相关政策解读|协会网</title></head><body><div class=article>"
            "<div class=title><span>2024年废</span><span>铝行业相关政策解读</span></div>"
            f"<div class=info>日期：2024.03.03</div><div class=TRS_Editor>{laws}</div></div></body></html>").encode()
    got = extract_page(html, "http://x.test/art/2024/3/3/art_7_1.html")
    assert got.listings == [] and got.page_type == "article" and "备案工作" in got.body_text


def test_the_site_name_is_the_title_part_the_link_home_shows():
    html = ('<html><head><title>中国有色金属协会-关于开展会员信息统计工作的通知</title></head><body>'
            '<h1 class="sitename"><a href="/">中国有色金属协会</a></h1><div class="nav"><a href="/">首页</a>'
            '<a href="/tzgg/">通知公告</a></div><table><tr><td class="title">关于开展会员信息<br>统计工作的通知</td></tr>'
            "<tr><td class=info>日期:2021年5月16日</td></tr><tr><td><div class=newstext>"
            + PROSE + "</div></td></tr></table></body></html>").encode()
    got = extract_page(html, "http://x.test/tzgg/5213.html")
    assert (got.title, got.page_type) == ("关于开展会员信息统计工作的通知", "article")


def test_a_short_undated_page_headed_by_a_menu_entry_is_a_column_page():
    html = ('<html><head><title>行业动态-南屿省新材料产业协会</title></head><body><div class="nav"><a href="/">首页</a>'
            '<a href="/industry.html">行业动态</a><a href="/news/">协会新闻</a></div><h2>行业动态</h2>'
            '<div class="content"><p>本栏目暂无更多内容，敬请关注协会其他栏目的最新动态。</p></div></body></html>').encode()
    got = extract_page(html, "http://x.test/industry.html")
    assert got.page_type == "other" and got.page_type_reason in ("column-name-title", "site-name-title")
    # without a <title> to split, the menu entry alone says it
    untitled = html.replace("<title>行业动态-南屿省新材料产业协会</title>".encode(), b"")
    got = extract_page(untitled, "http://x.test/industry.html")
    assert (got.page_type, got.page_type_reason) == ("other", "column-name-title")


def test_a_notice_that_is_only_a_file_is_an_article_with_its_attachment():
    html = ("<html><head><title>关于开展会员信息统计工作的通知_协会网</title></head><body><table><tr>"
            "<td class=title>关于开展会员信息统计工作的通知</td></tr><tr><td class=info>日期:2021年5月16日</td></tr>"
            '<tr><td><div class=newstext><p>附件下载：<a href="/up/5213.docx">报名回执.docx</a></p></div></td></tr>'
            "</table></body></html>").encode()
    got = extract_page(html, "http://x.test/tzgg/5213.html")
    assert (got.page_type, got.page_type_reason) == ("article", "short-notice")
    assert [a.url for a in got.attachments] == ["http://x.test/up/5213.docx"] and "报名回执" in got.body_text


@pytest.mark.parametrize("text", [
    "".join(f"<p>协会第{k}次会议审议了年度工作报告，部署了下一阶段的重点任务和措施。</p>" for k in range(1, 6)),
    "<br/>".join(f"协会第{k}次会议审议了年度工作报告，部署了下一阶段的重点任务和措施。" for k in range(1, 6)),
])
def test_a_related_list_at_the_end_of_the_text_leaves_the_text_alone(text):
    links = "".join(f'<li><a href="/a/{k}.html">协会动态相关新闻标题第{k}条</a></li>' for k in range(1, 5))
    html = (f"<html><head><title>协会召开年度会议_协会网</title></head><body><h1>协会召开年度会议</h1>"
            f"<div class=info>2024-03-05</div><div class=content>{text}<p><strong>相关阅读：</strong></p>"
            f"<ul>{links}</ul></div></body></html>").encode()
    got = extract_page(html, "http://x.test/a/99.html")
    assert got.page_type == "article" and got.body_text.startswith("协会第1次会议") and "相关阅读" not in got.body_text
    assert [(b.heading, b.kind, len(b.items)) for b in got.listings] == [("相关阅读", "related", 4)]


def test_an_error_message_as_the_headline_makes_an_error_page():
    got = classify_page(_signals(title="该信息已删除或不存在", has_date=False, body_chars=120,
                                 body_text="版权所有：某协会 地址：江海市"))
    assert got == ("other", "error-page")


def test_a_gallery_with_one_sentence_keeps_its_text_above_a_closing_related_list():
    pics = "".join(f'<p><img src="/up/{k}.jpg"></p><p>图为会场{k}</p>' for k in range(1, 4))
    links = "".join(f'<li><a href="/a/{k}.html">协会动态相关新闻标题第{k}条</a></li>' for k in range(1, 5))
    html = (f"<html><head><title>协会召开年度会议_协会网</title></head><body><h1>协会召开年度会议</h1>"
            f"<div class=info>2024-03-05</div><div class=neirong><p>与会代表围绕碳足迹核算、绿色低碳转型和再生资源回收体系建设等议题进行了深入交流。</p>"
            f"{pics}<p><strong>相关链接：</strong></p><ul>{links}</ul></div></body></html>").encode()
    got = extract_page(html, "http://x.test/a/99.html")
    assert got.page_type == "article" and got.body_text.startswith("与会代表围绕") and len(got.images) == 3


def _site_page(title: str, main: str, side: str = "", url: str = "http://assoc.test/a/1.html"):
    html = (f"<html><head><meta charset='utf-8'><title>{title}_华东再生金属协会</title></head><body>"
            "<div class='top'><span>欢迎访问华东再生金属协会！</span><a href='javascript:void(0)'>设为首页</a></div>"
            "<div class='nav'><a href='/'>首页</a> <a href='/news/'>协会动态</a> <a href='/hyzx/'>行业资讯</a></div>"
            f"<div class='wrap'><div class='left'>{main}</div><div class='side'>{side}</div></div>"
            "<div class='footer'>版权所有：华东再生金属协会</div></body></html>")
    return extract_page(html.encode("utf-8"), url)


def _teaser_rows(count: int = 6, joint: str = "", heading: str = "最新动态", label: str = "行业资讯频道") -> str:
    """A box of entries under a heading that names no listing kind (so no listing rule masks it)."""
    rows = "".join(
        f"<li><a href='/hyzx/' class='lm'>{label}</a>{joint}<a href='/hyzx/2024/{n}.html'>第{n}届再生金属论坛在……</a>"
        f"<p>与会代表围绕再生铝产业发展、废铝回收利用等议题进行了深入交流，提出了许多建设性意见。</p></li>"
        for n in range(1, count + 1))
    return f"<div class='box'><div class='box_hd'><h3>{heading}</h3></div><ul>{rows}</ul></div>"


@pytest.mark.parametrize(("joint", "label", "expected"), [
    ("", "行业资讯", ("list", "repeated-entries")), ("", "行业资讯频道", ("list", "repeated-entries")),
    (" | ", "行业资讯", ("other", "home-page")),  # 'label | title' rows: read as a listing box, no text left
])
def test_teaser_rows_led_by_a_label_link_and_a_title_link_are_no_article(joint, label, expected):
    # a home page: its one text block is a box of entries, each a column's label, a cut title and a teaser
    got = _site_page("首页", _teaser_rows(joint=joint, label=label), url="http://assoc.test/default.aspx")
    assert (got.page_type, got.page_type_reason) == expected


def test_a_short_entry_below_its_headline_beats_a_box_of_teasers_beside_it():
    entry = ("<div class='newsview'><h1>协会简介</h1><div class='neirong'><p>华东再生金属协会成立于2018年，是由从事再生"
             "金属回收、加工和贸易的企业自愿组成的行业组织。</p><p>协会秘书处设在宁波，设有综合部和信息部。</p></div></div>")
    got = _site_page("协会简介", entry, side=_teaser_rows(8), url="http://assoc.test/about/jianjie/")
    assert got.page_type == "article"
    assert got.body_text.startswith("华东再生金属协会成立于2018年") and "建设性意见" not in got.body_text


def test_a_line_above_the_headline_is_no_body():
    # a kicker above a notice that is only its file: the body is the file's line, not the kicker
    notice = ("<div class='article'><h2 class='yt'>佛山：再生资源回收体系建设迈出新步伐</h2>"
              "<div class='title'>关于2024年春节放假安排的通知</div><div class='info'>更新时间：2024-01-06 13:22</div>"
              "<div class='TRS_Editor'><p>相关附件：<a href='/uploadfile/20240106/5742.xls'>放假安排表.xls</a></p></div></div>")
    got = _site_page("关于2024年春节放假安排的通知", notice)
    assert got.page_type == "article" and "迈出新步伐" not in got.body_text
    assert [a.url for a in got.attachments] == ["http://assoc.test/uploadfile/20240106/5742.xls"]
    # a column map: nothing but links below its heading; the greeting line above is no text of its own
    links = "".join(f"<dl><dt><a href='/list/{n}/'>栏目{n}</a></dt><dd><a href='/list/{n}0/'>子栏目{n}</a> "
                    f"<a href='/list/{n}1/'>专题{n}</a></dd></dl>" for n in range(8))
    got = _site_page("栏目导航", f"<div class='map'><h2>栏目导航</h2>{links}</div>", url="http://assoc.test/col/4672/")
    assert got.page_type != "article"


def test_a_short_page_about_the_site_in_prose_is_kept():
    prose = ("<h2>关于我们</h2><div class='content'><p>协会现有会员单位207家，下设再生铝分会和标准化技术委员会等分支机构。"
             "协会秘书处设在清远，设有综合部、信息部和标准部。</p></div>")
    got = _site_page("关于我们", prose, url="http://assoc.test/about/show.php?id=7190")
    assert (got.page_type, got.page_type_reason) == ("article", "site-page")
    contact = "<h2>关于我们</h2><div class='content'><p>地址：清远市滨江路1号。电话：0763-1234567。</p></div>"
    got = _site_page("关于我们", contact, url="http://assoc.test/about/show.php?id=7191")
    assert (got.page_type, got.page_type_reason) == ("other", "site-page-short")


def test_a_short_undated_page_of_table_cells_only_is_no_article():
    days = "".join("<tr>" + "".join(f"<td>{7 * w + d + 1}</td>" for d in range(7)) + "</tr>" for w in range(4))
    calendar = ("<h2>活动日历</h2><table class='cal'><caption>2021年2月</caption><tr><th>一</th><th>二</th><th>三</th>"
                f"<th>四</th><th>五</th><th>六</th><th>日</th></tr>{days}</table>")
    got = _site_page("活动日历", calendar, url="http://assoc.test/news/calendar.php?month=2021-02")
    assert got.title == "活动日历" and got.page_type == "other"
    notice = "<h2>活动日历</h2><div class='content'><p>本月活动安排另行通知。</p></div>"
    got = _site_page("活动日历", notice, url="http://assoc.test/news/calendar.php?month=2021-03")
    assert (got.page_type, got.page_type_reason) == ("article", "short-undated")


def test_a_page_of_bare_paragraphs_under_body_is_an_article_without_its_footer_line():
    # an old static page: no block around the text, a menu line above and a footer line below an <hr>
    paras = "".join(f"<p>　　第{k}项：协会于三月十五日在北京召开理事会，会议审议通过了年度工作报告和财务报告。</p>"
                    for k in range(1, 5))
    html = ("<html><head><meta charset='gb2312'><title>关于召开理事会的通知</title></head><body>"
            "<a href='/'>首页</a> | <a href='/xhdt/'>协会动态</a> | <a href='/tzgg/'>通知公告</a><hr>"
            "<p align='center'><font size='5'><b>关于召开理事会的通知</b></font></p>"
            f"<p align='center'>发布时间：2003-03-15　来源：秘书处</p>{paras}<p align='right'>中国再生金属协会</p><hr>"
            "<p align='center'>版权所有：中国再生金属协会　地址：北京市复兴路12号　电话：010-68888888</p></body></html>")
    got = extract_page(html.encode("gbk"), "http://assoc.test/tz/2003/0315.htm")
    assert (got.page_type, got.title, got.published_at, got.source) == (
        "article", "关于召开理事会的通知", "2003-03-15", "秘书处")
    assert got.body_text.startswith("第1项：") and got.body_text.endswith("中国再生金属协会")
    # the same layout with a date line over each of several short texts is a list written flat
    entries = "".join(f"<p>2003-03-1{k}</p><p><b>协会通知第{k}号</b></p><p>协会于三月十五日在北京召开理事会，会议审议通过了"
                      "年度工作报告。</p>" for k in range(1, 6))
    flat_list = html.replace(paras, entries)
    assert extract_page(flat_list.encode("gbk"), "http://assoc.test/tz/index.htm").page_type != "article"


def test_rows_led_by_a_rank_link_in_a_dated_article_are_its_own_list():
    rows = "".join(f"<li><a href='/member/list.php?type=2'>副会长单位</a> <a href='/member/show.php?id={k}'>宁波第{k}铜业"
                   "股份有限公司</a> 公司始建于1986年，是国内规模较大的再生铜加工企业之一，年回收利用废杂铜逾十万吨。</li>"
                   for k in range(5))
    article = ("<h1>第三届理事会副会长单位简介</h1><div class='info'>发布时间：2024-03-12 来源：秘书处</div><div class='text'>"
               f"<ul>{rows}</ul></div>")
    got = _site_page("第三届理事会副会长单位简介", article, url="http://assoc.test/news/2024/0312/94.html")
    assert got.page_type == "article" and "宁波第4铜业股份有限公司" in got.body_text


def test_a_description_just_above_its_headline_is_the_body_when_nothing_follows():
    video = ("<div class='main'><div class='player'><video src='/v/1.mp4' controls></video><p class='desc'>华东再生金属协会"
             "2024年宣传片，展示协会服务会员的成果。</p></div><h1>协会宣传片</h1><div class='info'>发布时间：2024-03-12</div>"
             "</div>")
    got = _site_page("协会宣传片", video, url="http://assoc.test/video/2024/0312/101.html")
    assert (got.page_type, got.body_text) == ("article", "华东再生金属协会2024年宣传片，展示协会服务会员的成果。")


def test_contact_details_in_sentences_and_an_undated_table_article():
    contact = ("<h2>关于我们</h2><div class='text'><p>协会秘书处办公地址位于宁波市江北区人民路88号8楼。工作日上午九点至下午"
               "五点可来电咨询入会事宜。</p></div>")
    got = _site_page("关于我们", contact, url="http://assoc.test/about/lxwm.html")
    assert got.page_type_reason == "site-page-short"
    rows = "".join(f"<tr><td>{rank}</td><td>{fee}</td></tr>" for rank, fee in (
        ("会员类别", "会费标准"), ("会长单位", "5万元/年"), ("副会长单位", "3万元/年"), ("理事单位", "1万元/年")))
    table = f"<h1>会费收取标准</h1><div class='text'><table>{rows}</table></div>"
    got = _site_page("会费收取标准", table, url="http://assoc.test/news/show.php?id=200")
    assert (got.page_type, got.page_type_reason) == ("article", "short-undated")


def test_a_topic_page_with_an_intro_over_its_rows_of_entries_is_a_list():
    intro = "<div class='zt_intro'><p>2024再生金属产业大会于3月在宁波举办，本专题集中报道大会盛况。</p></div>"
    topic = f"<h1>2024再生金属产业大会专题</h1>{intro}" + _teaser_rows(8).split("</h3></div>", 1)[1].replace("</div>", "")
    got = _site_page("2024再生金属产业大会专题", f"<div class='zt'>{topic}</div>", url="http://assoc.test/zt/2024dh/")
    assert (got.page_type, got.page_type_reason) == ("list", "repeated-entries")


def _flat(body: str, url: str = "http://assoc.test/tz/2021/0310.htm", title: str = "关于召开2021年会员代表大会的通知"):
    html = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"
    return extract_page(html.encode("utf-8"), url)


NOTICE_HEAD = "<h3 align='center'>关于召开2021年会员代表大会的通知</h3><p align='center'>发布时间：2021-03-10</p>"
NOTICE_TEXT = ("<p>各会员单位：</p><p>经协会理事会研究决定，定于2021年4月在北京召开会员代表大会，审议理事会工作报告、财务报告"
               "等事项。</p><p>一、会议议程：<br>1．审议理事会工作报告；<br>2．审议财务工作报告。</p><p>二、请各会员单位推选"
               "一名代表参加会议，报名截止：2021年3月31日。</p><p align='right'>中国再生金属协会</p><p align='right'>2021年3月10日</p>")


def test_a_flat_notice_keeps_every_paragraph_and_loses_its_footer_lines():
    footer = ("<p align='center'>版权所有 中国再生金属协会 地址：北京市复兴路12号</p><p align='center'>电话：010-68391234"
              "</p><p align='center'>京ICP备05012345号</p>")
    got = _flat(NOTICE_HEAD + NOTICE_TEXT + footer)
    assert got.page_type == "article"
    assert got.body_text.startswith("各会员单位：") and "2．审议财务工作报告。" in got.body_text
    assert got.body_text.endswith("2021年3月10日"), got.body_text[-60:]  # the 版权所有/电话/ICP lines are left out
    # one footer word in a sentence is the text's own: it stays
    closing = "<p>Copyright © marks remain useful as a warning to infringers.</p>"
    english = _flat("<h1>New copyright rules take effect</h1><p>Published 2021-03-10</p>" + "<p>" + "The amended law "
                    "raises damages for infringement and protects standards texts. " * 3 + "</p>" + closing,
                    title="New copyright rules take effect")
    assert english.body_text.endswith("warning to infringers.")


def test_a_flat_page_of_rows_or_a_servers_own_page_is_no_article():
    rows = "".join(f"<p><a href='/news/10{k}.html'>物流业景气指数连续第{k}个月回升</a><br>数据显示，物流业景气指数为53.2%，较上月"
                   "回升0.8个百分点。</p>" for k in range(1, 6))
    got = _flat(f"<p><a href='/'>首页</a> | <a href='/news/'>行业动态</a></p><h2>行业动态</h2>{rows}<p>共5条 第1页</p>",
                url="http://assoc.test/news/index.html", title="行业动态")
    assert got.page_type == "list"
    apache = ("<h1>It works!</h1><p>" + "This is the default welcome page used to test the correct operation of the "
              "Apache2 server after installation. " * 5 + "</p>")
    assert _flat(apache, url="http://assoc.test/", title="Apache2 Debian Default Page: It works").page_type == "other"


def test_a_short_notice_above_its_headline_with_widgets_below_and_an_undated_table_of_figures():
    notice = ("<div class='header'><a href='/'>首页</a> <a href='/tzgg/'>通知公告</a></div><div class='article'>"
              "<div class='text'><p>根据国务院办公厅通知，协会4月3日至5日放假，共3天。特此通知。</p></div>"
              "<h1 class='title'>关于清明节放假的通知</h1><div class='date'>2021-03-30</div><div class='pn'><p>上一篇："
              "<a href='/tzgg/1.html'>关于召开2021年会员大会的通知</a></p></div><div class='cmt'><p>网友评论：暂无评论。</p>"
              "</div></div>")
    got = _flat(notice, url="http://assoc.test/tzgg/2.html", title="关于清明节放假的通知-中国再生金属协会")
    assert (got.page_type, got.body_text) == ("article", "根据国务院办公厅通知，协会4月3日至5日放假，共3天。特此通知。")
    rows = "".join(f"<tr><td>{name}</td><td>{a}</td><td>{b}</td></tr>" for name, a, b in (
        ("指标", "2月", "1月"), ("业务总量", "53.2", "52.4"), ("新订单", "51.8", "50.9"), ("库存周转", "49.6", "48.7")))
    table = f"<div class='box'><h1>2021年2月物流业景气指数</h1><table>{rows}</table></div>"
    got = _flat(table, url="http://assoc.test/tjsj/show.php?id=88", title="2021年2月物流业景气指数")
    assert (got.page_type, got.page_type_reason) == ("article", "short-undated")


def test_a_breadcrumb_just_above_a_column_maps_heading_is_no_body():
    links = "".join(f"<dl><dt><a href='/list/{n}/'>栏目{n}</a></dt><dd><a href='/list/{n}0/'>子栏目{n}</a> "
                    f"<a href='/list/{n}1/'>专题{n}</a></dd></dl>" for n in range(8))
    page = (f"<div class='wrap'><div class='sub_tit'>当前位置：<a href='/'>首页</a> / 栏目导航</div><div class='map'>"
            f"<h2>栏目导航</h2>{links}</div></div>")
    got = _site_page("栏目导航", page, url="http://assoc.test/wzdt/index.html")
    assert got.page_type != "article" and got.body_text == ""


def test_a_story_in_a_commentary_column_is_no_comment_page_and_a_maintenance_notice_is_no_article():
    assert service_word("/copper/comment/20240312/3381562.html", "") is None  # a column named comment
    assert service_word("/comments/2024/0312/12345.html", "") is None
    assert service_word("/comment/list.php", "") == "comment" and service_word("/news/123/comments", "") == "comments"
    body = ("<p>尊敬的读者：为进一步提升服务质量，本报数字报平台正在进行系统升级维护，维护期间将暂停访问。</p>"
            "<p>维护时间：2024年1月20日 22:00 至 2024年1月21日 08:00</p>")
    html = (f"<html><head><meta charset='utf-8'><title>青河日报数字报</title></head><body><h2>系统维护中，暂停访问</h2>"
            f"{body}</body></html>")
    page = extract_page(html.encode(), "http://epaper.example.cn/html/2024-01/21/node_241.htm")
    assert (page.page_type, page.page_type_reason) == ("other", "error-page")


@pytest.mark.parametrize(("headline", "text"), [
    ("This page has moved", "The Riverton Gazette has a new website. Stories published before March 2021 were moved to "
     "our archive, and their addresses changed. The page you requested, /stories/2019/08/14/fair-board.html, is not at "
     "this address any more. You can search for it in our archive, or start again from our home page, where the "
     "newest stories are. We are sorry for the trouble and thank you for reading the Gazette."),
    ("页面已迁移", "华东再生金属协会网站已于2024年1月改版，原栏目地址已经调整。您访问的页面已迁移至新网站，请通过站内搜索查找相关内容，"
     "或返回网站首页继续浏览。给您带来的不便，敬请谅解。如有疑问，请联系协会秘书处，电话0574-12345678。我们将尽快为您处理。"
     "感谢您对协会工作的关心和支持，欢迎继续访问协会新网站。"),
])
def test_a_headline_that_is_wholly_a_moved_status_makes_an_error_page(headline, text):
    got = _site_page(headline, f"<h1>{headline}</h1><div class='text'><p>{text}</p></div>",
                     url="http://assoc.test/stories/2019/08/14/fair-board.html")
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")
    story = _site_page("Gazette moved its offices", f"<h1>Gazette moved its offices</h1><div class='text'><p>{text}"
                       "</p></div>", url="http://assoc.test/stories/2019/08/14/fair-board.html")
    assert story.page_type == "article"  # the same words under another headline are a notice


def test_a_text_and_photo_credit_above_a_gallery_names_the_writer():
    gallery = "<div class='gallery'><h3>活动图集</h3>" + "".join(
        f"<figure><img src='/u/{n}.jpg'><figcaption>{cap}</figcaption></figure>"
        for n, cap in enumerate(["考察团参观规划展示馆", "深入生产车间", "座谈交流会现场", "考察团合影"])) + "</div>"
    main = (f"<h1>商会组织会员企业赴开发区考察</h1><div class='info'>2024-04-12</div><div class='text'>{PROSE}"
            f"<p>（文：王珂　图：陈旭）</p>{gallery}</div>")
    got = _site_page("商会组织会员企业赴开发区考察", main)
    assert got.author == "王珂" and "陈旭" not in got.body_text


def test_an_undated_membership_application_form_is_a_service_page():
    rules = "".join(f"<p>{k}. {text}</p>" for k, text in enumerate([
        "申请人须为在本市注册满一年的企业主要投资人或经营管理者，无不良信用记录。",
        "申请入会须拥护商会章程，自愿履行会员义务，按时缴纳会费。",
        "申请人在线提交申请后，须在5个工作日内将盖章的入会申请表及营业执照复印件交至商会秘书处。"], 1))
    form = ("<form action='/member/apply'><table><tr><td>企业名称</td><td><input name='qy'></td></tr><tr><td>联系人</td><td>"
            "<input name='lxr'></td></tr><tr><td>联系电话</td><td><input type='tel' name='dh'></td></tr><tr><td>主营业务</td>"
            "<td><textarea name='yw'></textarea></td></tr></table><input type='submit' value='提交申请'></form>")
    main = f"<h1>青屿市青年企业家商会入会申请</h1><div class='text'><h3>入会须知</h3>{rules}{form}</div>"
    html = (f"<html><head><meta charset='utf-8'><title>入会申请-青屿市青年企业家商会</title></head><body>{main}</body>"
            "</html>")
    got = extract_page(html.encode("utf-8"), "http://www.qyyec.test/Member/Apply.aspx")
    assert got.page_type == "other"
