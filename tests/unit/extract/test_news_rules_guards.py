"""Pages the rules from the English news sites must leave alone (a hostile review's findings, pages written here):
an ASP.NET page's one form around everything, short notices followed by bare links (related items, a pager, share
buttons, keywords), a relaunch notice that mentions a missing page, a list page whose own heading says 'More
from ...', a box heading set in a second <h1>, a notice's closing lines outside its text block, links to files
and to other sites after a 'Read more:' label, and a text block whose class starts with 'bio'."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page

HEAD = "<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
NAV = ("<div class='nav'><a href='/'>首页</a> <a href='/news/'>协会动态</a> <a href='/hyzx/'>行业资讯</a> "
       "<a href='/about/'>关于我们</a></div>")
FOOT = "<div class='footer'>版权所有：中国再生资源协会 京ICP备12345678号</div></body></html>"
NOTICE = "协会新版网站即日起上线试运行，原网站栏目和内容已全部迁移至新版网站，请各会员单位通过网站留言反馈问题。"


def page(title: str, main: str, url: str = "http://www.assoc.test/news/notice.html") -> object:
    return extract_page((HEAD.format(title=title) + NAV + main + FOOT).encode("utf-8"), url)


def test_a_form_around_the_whole_page_with_a_search_box_in_the_text_cell_leaves_the_page_an_article():
    intro = ("<p>中国再生资源协会成立于2006年，是由从事再生资源回收、加工利用的企业和科研单位自愿组成的全国性行业组织。"
             "</p><p>协会现有会员单位八百余家，设有废钢铁、废有色金属、废塑料等十个分会，秘书处设在北京。</p>")
    html = (HEAD.format(title="协会简介_中国再生资源协会") + "<form id='form1' method='post' action='jianjie.aspx'>"
            "<input type='hidden' name='__VIEWSTATE' value='abc'>" + NAV
            + f"<table><tr><td class='content'><h1>协会简介</h1>{intro}<p>站内搜索：<input type='text' name='txtKey'>"
            "<input type='submit' value='搜索'></p></td></tr></table></form>" + FOOT)
    got = extract_page(html.encode("utf-8"), "http://www.assoc.test/about/jianjie.aspx")
    assert got.page_type == "article" and "八百余家" in got.body_text


@pytest.mark.parametrize("after", [
    "<ul>" + "".join(f"<li><a href='/news/{n}.html'>关于开展行业统计工作的第{n}号通知</a></li>" for n in range(1, 7))
    + "</ul>",
    "<ul class='pages'>" + "".join(f"<li><a href='/news/notice_{n}.html'>{n}</a></li>" for n in range(1, 7)) + "</ul>",
    "<ul class='share'>" + "".join(f"<li><a href='http://share.test/{n}'>分享到{s}</a></li>"
                                   for n, s in enumerate(("微信", "微博", "QQ空间", "豆瓣", "人人网"))) + "</ul>",
    "<p class='keywords'>" + "".join(f"<span><a href='/tags/{k}.html'>{k}</a></span>" for k in
                                      ("再生资源", "回收体系", "网站改版", "会员服务", "信息化")) + "</p>",
])
def test_a_short_undated_notice_followed_by_bare_links_stays_an_article(after):
    main = f"<div class='article'><h1>关于协会网站改版试运行的公告</h1><div class='text'><p>{NOTICE}</p></div>{after}</div>"
    got = page("关于协会网站改版试运行的公告_中国再生资源协会", main)
    assert got.page_type == "article", got.page_type_reason


def test_a_notice_that_mentions_a_missing_page_is_no_error_page():
    main = ("<div class='entry'><h1>Our new website</h1><div class='text'><p>Welcome to our new website. If you cannot "
            "find the page you are looking for, please use the search box or contact the secretariat.</p></div></div>")
    got = page("Our new website | Metals Recycling Association", main, "http://www.assoc.test/news/new-website.html")
    assert got.page_type == "article"


def test_a_list_page_headed_more_from_keeps_its_entries():
    rows = "".join(f"<li><a href='/members/news-{n}.html'>Member company opens a new recycling plant number {n}</a>"
                   f" <span>2024-03-{n:02d}</span></li>" for n in range(1, 9))
    got = page("More from our members | Metals Recycling Association",
               f"<div class='main'><h1>More from our members</h1><ul class='list'>{rows}</ul></div>",
               "http://www.assoc.test/members/news/")
    assert got.page_type == "list"


@pytest.mark.parametrize("heading", ["重点推荐", "热点关注"])
@pytest.mark.parametrize("box_first", [False, True])
def test_a_box_heading_set_in_an_h1_still_names_a_box(heading, box_first):
    # a portal sets its box headings in <h1>s, before or after the story's own
    items = "".join(f"<li><a href='/a/{n}.html'>再生铝行业运行情况分析报告第{n}期发布</a></li>" for n in range(1, 6))
    text = "".join(f"<p>今年以来，再生金属行业总体运行平稳，第{n}季度主要品种产量同比增长，企业效益有所改善。</p>"
                   for n in range(1, 5))
    story = (f"<div class='article'><h1>再生金属行业运行平稳</h1><div class='date'>2024-03-05</div>"
             f"<div class='text'>{text}</div></div>")
    box = f"<div class='side'><h1>{heading}</h1><ul>{items}</ul></div>"
    got = page("再生金属行业运行平稳_中国再生资源协会", box + story if box_first else story + box)
    assert got.page_type == "article" and [b.heading for b in got.listings] == [heading]


def test_a_notices_closing_lines_outside_its_text_block_stay():
    main = ("<div class='article'><h1>关于2024年清明节放假安排的通知</h1><div class='content'><p>各会员单位：根据国务院办公"
            "厅通知精神，现将2024年清明节放假安排通知如下：4月4日至6日放假调休，共3天。</p></div>"
            "<p>请各单位妥善安排好值班和安全保卫等工作。</p><p style='text-align:right'>中国再生资源协会</p>"
            "<p style='text-align:right'>2024年4月1日</p></div>")
    got = page("关于2024年清明节放假安排的通知_中国再生资源协会", main)
    assert "妥善安排好值班" in got.body_text


def test_read_more_lines_to_files_and_other_sites_stay():
    text = ("<p>The council approved a $412 million budget on Monday night after a four-hour debate, with seven "
            "members voting in favor.</p><p>Read more: <a href='/documents/budget-2024.pdf'>the full budget document"
            "</a></p><p>相关链接：<a href='http://www.standards.test/'>全国团体标准信息平台</a></p><p>The plan raises the "
            "property tax rate by 1.5 percent and adds twelve positions in the fire department.</p>")
    got = page("Council approves budget | City News", f"<div class='article'><h1>Council approves budget</h1>"
               f"<div class='date'>2024-03-05</div><div class='text'>{text}</div></div>")
    assert "the full budget document" in got.body_text and "全国团体标准信息平台" in got.body_text


def test_a_text_block_classed_bio_on_a_biotech_site_is_the_text():
    text = "".join(f"<p>3月8日，协会在苏州召开生物医药产业园区发展座谈会，第{n}组园区和企业代表围绕公共服务平台建设进行了交流。"
                   "</p>" for n in range(1, 4))
    main = (f"<div class='bio-main'><h1>生物医药产业园区发展座谈会召开</h1><div class='bio-date'>2024-03-08</div>"
            f"<div class='bio-txt'>{text}</div></div><div class='bio-side'><h3>协会简介</h3><p>中国生物工程协会成立于"
            "1993年，是由从事生物工程研究、开发、生产和应用的单位及个人自愿组成的全国性社会团体。</p></div>")
    got = page("生物医药产业园区发展座谈会召开_中国生物工程协会", main)
    assert got.body_text.startswith("3月8日") and "成立于1993年" not in got.body_text


def test_photo_news_told_by_its_captions_keeps_them_and_its_pictures():
    figures = "".join(f"<figure><img src='/uploads/2024/0{n}.jpg' alt=''><figcaption>图为第{n}届再生金属产业博览会"
                      f"展区现场，参展企业展示了废铝保级利用和再生铜精深加工的最新成果。</figcaption></figure>" for n in range(1, 5))
    main = (f"<div class='left'><h1>再生金属产业博览会图片集锦</h1><div class='date'>2024-03-05</div>"
            f"<div class='pics'>{figures}</div></div><div class='right'><div class='notice'><p>协会秘书处提醒各会员单位，"
            "请于三月底前报送年度统计报表。</p><p>联系电话：010-12345678。</p></div></div>")
    got = page("再生金属产业博览会图片集锦_中国再生资源协会", main)
    assert "展区现场" in got.body_text and len(got.images) == 4


@pytest.mark.parametrize("after", [
    "<p><img src='/uploads/2024/site.jpg' alt=''></p><p>调研现场</p>",
    "<p>附件：年报表</p><p>联系人：张三</p>",
])
def test_pictures_and_short_lines_after_the_text_block_stay(after):
    text = "".join(f"<p>3月13日，协会领导一行赴东莞调研第{n}家企业，详细了解企业生产经营和智能化改造等情况。</p>"
                   for n in range(1, 3))
    main = (f"<div class='article'><h1>协会领导赴东莞调研家具企业</h1><div class='date'>2024-03-13</div>"
            f"<div class='content'>{text}</div>{after}</div>")
    got = page("协会领导赴东莞调研家具企业_中国家具协会", main)
    assert ("调研现场" in got.body_text and len(got.images) == 1) or "联系人：张三" in got.body_text


def test_a_lead_above_a_headline_split_over_two_lines_stays():
    text = "".join(f"<p>3月5日，协会在北京召开2024年第一次会长办公会议，会议审议了第{n}项议题并作出部署。</p>" for n in range(1, 4))
    main = ("<div class='article'><p class='lead'>【导读】会长办公会议审议通过了协会2024年工作要点，明确了三项重点工作。</p>"
            f"<h1>协会召开2024年<br>第一次会长办公会议</h1><div class='date'>2024-03-05</div>{text}</div>")
    got = page("协会召开2024年第一次会长办公会议_中国钢铁工业协会", main)
    assert got.body_text.startswith("【导读】") and "第一次会长办公会议\n" not in got.body_text


@pytest.mark.parametrize("rows", [
    # replies led by the user's link; answers led by the answerer's; cards without a date below a statement
    "".join(f"<div class='reply'><a href='/user/{n}.html'>钢铁侠老王{n}号会员</a><p>这个政策对我们小企业影响很大，希望协会能多"
            "组织几次解读培训，把细则讲清楚。</p></div>" for n in range(1, 6)),
    "".join(f"<div class='card'><a href='/press/statement-{n}/'>Statement on steel import quotas number {n}</a>"
            "<p>The association's view on the quota rules.</p></div>" for n in range(1, 6)),
])
def test_a_short_undated_text_followed_by_replies_or_undated_cards_stays_an_article(rows):
    main = (f"<div class='main'><h1>关于钢铁行业稳增长的倡议</h1><div class='text'><p>{NOTICE}</p></div>{rows}</div>")
    got = page("关于钢铁行业稳增长的倡议_中国钢铁工业协会", main, "http://www.assoc.test/press/initiative/")
    assert got.page_type == "article", got.page_type_reason


@pytest.mark.parametrize("subhead", ["What comes up next", "Our most viewed chart", "Documents you might need"])
def test_a_subheading_that_contains_a_listing_word_is_no_box(subhead):
    text = ("<p>The association said on Monday that steel output fell 3.1 percent in February as construction demand "
            f"stayed weak.</p><h2>{subhead}</h2><p>The board will meet again in April to review its <a href='/a/1.html'>"
            "forecast</a> for the year, a spokesman said, and members will <a href='/a/2.html'>vote</a> in May.</p>")
    got = page("Steel output falls | Steel Trade Review", "<div class='article'><h1>Steel output falls</h1>"
               f"<div class='date'>2024-03-05</div><div class='text'>{text}</div></div>")
    assert "The board will meet again in April" in got.body_text and not got.listings


@pytest.mark.parametrize(("byline", "author"), [
    ("By Jane Doe, Associated Press and John Roe, Reuters", "Jane Doe"),
    ("By Jane Doe, New York and Tom Roe, London", "Jane Doe"),
    ("By JANE DOE, JOHN ROE AND ANN LEE", "JANE DOE, JOHN ROE AND ANN LEE"),
    ("<span class='author'>Tom Senior</span>", "Tom Senior"),
])
def test_bylines_of_outlets_places_capitals_and_surnames_like_titles(byline, author):
    main = (f"<article><h1>Harbor Steel to cut jobs</h1><div class='byline'>{byline}</div>"
            "<time datetime='2026-03-02'>March 2, 2026</time><div class='article-body'><p>The council said on Monday "
            "that it would review the recycling target before the end of the year.</p><p>Output of copper rose 4.2 "
            "percent in the third quarter, according to figures released on Tuesday.</p></div></article>")
    assert page("Harbor Steel to cut jobs | Harbor Ledger", main).author == author


def test_a_file_only_notice_whose_headline_cell_is_split_by_a_break_finds_its_file():
    # the headline's cell (two lines) outscores the notice's one line, its file: the file's block is the content
    main = ("<table class='article'><tr><td class='con_title'>关于《再生不锈钢绿色工厂评价要求<br>》征求意见的公告</td></tr>"
            "<tr><td class='laiyuan'>来源：协会信息部 发布日期：2023-11-25</td></tr><tr><td><div class='con'><p>附件下载："
            "<a href='/uploadfile/20231125/5656640.docx'>理事单位推荐表.docx</a></p></div></td></tr></table>")
    got = page("关于《再生不锈钢绿色工厂评价要求》征求意见的公告_中国再生资源协会", main, "http://www.assoc.test/zcfg/5656.html")
    assert got.page_type == "article" and len(got.attachments) == 1 and "征求意见的公告" not in got.body_text


def test_a_notices_related_link_line_to_the_rules_it_cites_stays():
    # 相关链接： in a government notice names the rules it cites (or their 政策解读): the notice's own line
    text = ("<p>各会员单位：为贯彻落实行业标准化工作要求，协会组织修订了行业标准化工作管理办法，现印发给你们，请遵照执行。</p>"
            "<p>相关链接：<a href='/zcfg/202301/t20230101_1.html'>《行业标准化工作管理办法（2023年版）》</a></p>"
            "<p>特此通知。</p>")
    main = (f"<div class='article'><h1>关于印发行业标准化工作管理办法的通知</h1><div class='date'>2024-03-05</div>"
            f"<div class='TRS_Editor'>{text}</div></div>")
    got = page("关于印发行业标准化工作管理办法的通知_中国再生资源协会", main)
    assert "相关链接：《行业标准化工作管理办法（2023年版）》" in got.body_text
