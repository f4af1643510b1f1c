"""Title rules on small pages written here: kickers, breadcrumb titles, list entries, <br> joins, stray end tags."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page

URL = "http://assoc.test/news/2023/0315/88.html"
PROSE = "".join(
    f"<p>{text}</p>" for text in (
        "协会于三月十五日在北京召开理事会，会议审议通过了年度工作报告和财务报告，并对下一阶段工作作出部署。",
        "会议指出，要坚持服务会员、服务行业、服务政府的宗旨，推动行业高质量发展，提升协会的影响力和凝聚力。",
        "与会代表围绕再生金属产业发展、标准体系建设和国际合作等议题进行了深入交流，提出了许多建设性意见。",
    )
)


def extract(head: str, body: str, url: str = URL):
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return extract_page(html.encode("utf-8"), url)


def test_breadcrumb_ordered_page_title_picks_the_last_crumb_not_the_site_heading():
    result = extract(
        "<title>再生金属分会 » 协会动态 » 协会召开年度理事会议</title>",
        "<h1><a href='/'>再生金属分会</a></h1><div class='nav'><a href='/'>首页</a></div>"
        f"<h2>协会召开年度理事会议</h2><div class='info'>2023-03-15 来源：本会</div><div>{PROSE}</div>",
    )
    assert result.title == "协会召开年度理事会议"


def test_kicker_before_the_meta_title_is_dropped():
    result = extract(
        "<title>Kicker text: The real headline of the story | Site</title>"
        "<meta property='og:title' content='The real headline of the story'>",
        f"<article><h1><span>Kicker text:</span> The real headline of the story</h1><div>{PROSE}</div></article>",
    )
    assert result.title == "The real headline of the story"
    assert result.field_methods["title"] == "heading"


def test_site_suffix_after_the_meta_title_is_dropped_and_spacing_follows_the_meta_title():
    result = extract(
        "<meta property='og:title' content='Abrechnung: Neues Modell gefordert'>",
        f"<h1>Abrechnung : Neues Modell gefordert</h1><div>{PROSE}</div>",
    )
    assert result.title == "Abrechnung: Neues Modell gefordert"
    result = extract(
        "<meta property='og:title' content='Was wir nicht hören wollen'>",
        f"<h1>Was wir nicht hören wollen | SITE.NET</h1><div>{PROSE}</div>",
    )
    assert result.title == "Was wir nicht hören wollen"


def test_escaped_markup_in_a_meta_title_is_removed():
    result = extract("<meta property='og:title' content='凝聚强大智慧和力量&lt;div&gt;——热烈祝贺会议开幕&lt;/div&gt;'>",
                     f"<div>{PROSE}</div>")
    assert result.title == "凝聚强大智慧和力量——热烈祝贺会议开幕"


def test_linked_entry_headings_of_a_list_are_not_the_headline():
    entries = "".join(
        f"<div class='item'><h5><a href='/news/{n}.html'>协会第{n}期工作简报正式发布</a></h5>"
        f"<p>2023-03-{n:02d}</p><p>本期简报介绍了协会近期开展的各项工作和行业动态信息，欢迎会员单位阅读参考。</p></div>"
        for n in (11, 12, 13)
    )
    result = extract("<title>协会动态 - 再生金属分会</title>", f"<h2>协会动态</h2>{entries}", url="http://assoc.test/news/")
    assert result.title not in {f"协会第{n}期工作简报正式发布" for n in (11, 12, 13)}
    assert result.page_type != "article"


def test_a_headline_in_h5_with_its_info_line_is_found():
    result = extract(
        "<title>中国地理学会</title>",
        "<h3>大会开幕式</h3><div class='photo'><img src='/a.jpg' width='600'></div>"
        "<h5>2023年学术年会在重庆成功举行</h5><p>发布时间：2023-03-15　来源：中国地理学会</p>"
        f"<div class='text'>{PROSE}</div>",
    )
    assert result.title == "2023年学术年会在重庆成功举行"
    assert result.published_at and result.published_at.startswith("2023-03-15")


def test_headline_broken_with_br_joins_chinese_without_a_space():
    result = extract("<title>关于发行特别国债的决议</title>",
                     f"<h1>关于发行特别国债<br>\n的决议</h1><div>{PROSE}</div>")
    assert result.title == "关于发行特别国债的决议"


def test_stray_end_tags_mid_page_do_not_cut_the_article():
    result = extract(
        "<title>协会召开年度理事会议_协会动态</title>",
        "<div class='top'>再生金属分会</div></body></html>"
        f"<h1>协会召开年度理事会议</h1><div class='content'>{PROSE}</div>",
    )
    assert result.title == "协会召开年度理事会议"
    assert "国际合作" in result.body_text


def test_leading_decoration_is_not_part_of_the_title():
    result = extract("<title>第一章 巫术与仪礼</title>", f"<h1>@第一章 巫术与仪礼</h1><div>{PROSE}</div>")
    assert result.title == "第一章 巫术与仪礼"


def test_control_characters_are_dropped_and_upper_case_stray_end_tags_repaired():
    result = extract("<title>协会召开年度理事会议_协会动态</title>",
                     "<div class='top'>再生\x01金属分会</div></BODY></HTML>"
                     f"<h1>协会召开\x0b年度理事会议</h1><div class='content'>{PROSE}</div>")
    assert result.title == "协会召开年度理事会议"
    assert "国际合作" in result.body_text and "\x01" not in result.body_text


def test_a_line_classed_as_a_subtitle_is_not_the_headline():
    # the headline split by <br> in a div, a subtitle in an <h2 class="subtitle"> right above the info line
    body = ('<html><head><meta charset="utf-8"><title>金田公司入选2019年度绿色工厂名单_标准化工作_演示协会</title>'
            '</head><body><div class="main_con"><div class="con_title">金田公司入选<br />2019年度绿色工厂名单</div>'
            '<h2 class="subtitle">2016年稀贵金属行业运行情况综述</h2><div class="news_info">发布日期：2019-06-14</div>'
            f'<div class="con"><p>{"工信部公布了2019年度绿色制造名单，金田公司入选绿色工厂。" * 4}</p></div></div>'
            '</body></html>').encode()
    assert extract_page(body, "http://a.cn/news/1.html").title == "金田公司入选2019年度绿色工厂名单"


def test_a_blog_name_linked_to_the_blog_home_is_not_the_headline_even_when_it_is_the_whole_title():
    body = ("<div id='blog-title'><h1><a href='http://blog.assoc.test/dhsc/'>大话四川</a></h1></div>"
            "<div class='post'><h2 class='post-title'>成都平原的春天</h2><div class='post-meta'>2005-03-01 10:00</div>"
            f"<div class='post-body'>{PROSE}</div></div>")
    url = "http://blog.assoc.test/dhsc/archives/2005/0301/12.html"
    assert extract("<title>大话四川</title>", body, url).title == "成都平原的春天"
    # a headline linked to its own page stays the headline
    own = body.replace("<h2 class='post-title'>成都平原的春天</h2>", f"<h2 class='post-title'><a href='{url}'>成都平原的春天</a></h2>")
    assert extract("<title>成都平原的春天 - 大话四川</title>", own, url).title == "成都平原的春天"


def test_a_title_of_column_then_headline_names_the_headline_not_the_column():
    body = (f"<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>行业动态</a></div>"
            f"<h3>行业动态</h3><h2>协会召开年度理事会议</h2><div class='info'>2023-03-15 来源：本会</div>"
            f"<div>{PROSE}</div>")
    got = extract("<title>行业动态 - 协会召开年度理事会议</title>", body)
    assert (got.title, got.page_type) == ("协会召开年度理事会议", "article")
    # '行业动态 - 站名' on the column's own page: the name is no headline the page shows, the column page stays out
    column = ("<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>行业动态</a></div>"
              "<h2>行业动态</h2><div class='content'><p>本栏目暂无更多内容，敬请关注协会其他栏目的最新动态。</p></div>")
    assert extract("<title>行业动态 - 南屿省新材料产业协会</title>", column, "http://assoc.test/news/").page_type == "other"
    # the site's name first, as its link home shows it: still the headline
    home = f"<div class='logo'><a href='/'>再生金属分会</a></div>{body}"
    assert extract("<title>再生金属分会 - 协会召开年度理事会议</title>", home).title == "协会召开年度理事会议"


def test_a_dash_subtitle_after_a_break_in_the_headline_is_not_part_of_it():
    body = (f"<h1>协会召开年度理事会议<br>——记再生金属分会第五届理事会</h1><div class='info'>2023-03-15</div>"
            f"<div>{PROSE}</div>")
    assert extract("<title>协会召开年度理事会议_协会</title>", body).title == "协会召开年度理事会议"


def test_a_dash_line_the_title_spells_too_or_a_single_dash_stays_in_the_headline():
    body = (f"<h1>不忘初心 牢记使命<br>——协会党委召开主题教育动员大会</h1><div class='info'>2023-03-15</div>"
            f"<div>{PROSE}</div>")
    whole = extract("<title>不忘初心 牢记使命——协会党委召开主题教育动员大会_协会</title>", body).title
    assert whole.endswith("——协会党委召开主题教育动员大会")
    english = (f"<h1>Steel outlook 2023<br>— Part 2: Europe</h1><div class='info'>2023-03-15</div><div>{PROSE}</div>")
    assert extract("<title>Steel outlook 2023 | Metals</title>", english).title == "Steel outlook 2023 — Part 2: Europe"


def test_a_dated_headline_linked_to_its_permalink_stays_the_headline_on_the_articles_other_views():
    permalink = "http://blog.assoc.test/2023/05/04/annual-meeting/"
    body = (f"<p class='site-title'><a href='http://blog.assoc.test/'>Steel Blog</a></p><article><h1 class='entry-title'>"
            f"<a href='{permalink}'>Annual meeting held in Foshan</a></h1><div class='entry-meta'>May 4, 2023</div>"
            f"<div class='entry-content'>{PROSE}</div></article>")
    for url in (permalink + "2/", permalink + "amp/", permalink + "?replytocom=12"):
        got = extract("<title>Annual meeting held in Foshan – Steel Blog</title>", body, url)
        assert (got.title, got.page_type_reason) == ("Annual meeting held in Foshan", "title-date-body"), url


def test_a_page_titled_page_then_site_is_no_column_first_title_whatever_its_headings():
    # the site's name as the logo's text before the menu, and a heading that only starts with it
    body = ("<h1 class='sitename'>中国某某工业协会</h1><div class='nav'><a href='/'>首页</a>"
            "<a href='/a/xhjj/'>协会简介</a></div><h2>协会简介</h2>"
            "<div class='content'><p>中国某某工业协会成立于1999年，是由全国某某行业企业、事业单位自愿组成的全国性、行业性社会团体。</p>"
            "<h3>中国某某工业协会简介</h3><p>协会宗旨是为会员服务、为行业服务、为政府服务。</p></div>")
    got = extract("<title>协会简介 - 中国某某工业协会</title>", body, "http://assoc.test/a/xhjj/")
    assert got.title == "协会简介"


def test_a_kicker_above_a_short_headline_is_not_the_headline():
    # an entry named in three characters, under a kicker line: <title> names the entry, not the kicker
    result = extract(
        "<title>碳足迹_华东再生金属协会</title>",
        "<div class='position'>位置：<a href='/'>首页</a> / <a href='/baike/'>行业百科</a> / 碳足迹</div>"
        f"<div class='main'><h3 class='pre'>再生铝行业观察</h3><h1 class='title'>碳足迹</h1>{PROSE}</div>",
        url="http://assoc.test/baike/38.html",
    )
    assert result.title == "碳足迹"


def test_a_short_headline_before_a_longer_column_in_the_title_is_named_by_the_breadcrumb():
    # 'Headline - 栏目 - 站名' whose headline is shorter than the column: the breadcrumb's last crumb tells
    for crumb in ("<a href='/about/'>关于协会</a> &gt; 协会章程", "<a href='/about/'>标准化工作</a> &gt; 协会章程"):
        result = extract(
            "<title>协会章程 - 标准化工作 - 长三角有色金属产业联盟</title>",
            "<div class='logo'><a href='/'><img src='/logo.png' alt='长三角有色金属产业联盟'></a></div>"
            "<ul class='nav'><li><a href='/bz/'>标准化工作</a></li><li><a href='/about/zc/'>协会章程</a></li></ul>"
            f"<div class='position'>当前位置：<a href='/'>首页</a> &gt; {crumb}</div>"
            f"<div class='main'><h2 class='yt'>聚焦再生不锈钢回收利用</h2><h1>协会章程</h1>{PROSE}</div>",
            url="http://assoc.test/about/zc/3905.html",
        )
        assert result.title == "协会章程", crumb


@pytest.mark.parametrize("crumb", [
    "", "<div class='lmbar'>You are here：<a href='/'>Home</a> » <a href='/?news_1/'>News</a> » {headline}</div>",
    "<div class='sub_tit'>You are here:<a href='/'>Home</a> &gt; <a href='/news/'>News</a> &gt; {headline}</div>"])
def test_the_logos_link_names_the_site_wherever_it_leads(crumb):
    # an English section: its logo links to /en/, and <title> is 'Site-Headline' with a bare hyphen
    site, headline = "China Renewable Resources Industry Association", "Association Holds 2017 Zinc Workshop in Ningbo"
    result = extract(
        f"<title>{site}-{headline}</title>",
        f"<div class='header'><a href='/en/' class='logo'>{site}</a><span class='lang'><a href='/'>中文版</a></span>"
        f"</div><div class='nav'><a href='/en/0/'>Home</a> <a href='/en/2/'>News</a></div>{crumb.format(headline=headline)}"
        f"<div class='news_detail'><div class='news_title'>{headline}</div><div class='property'>Date: 2019-07-16</div>"
        "<div class='neirong'><p>" + "The secretariat will support members in scrap sorting. Output rose. " * 4
        + "</p></div></div>",
        url="http://assoc.test/en/?gjjl_6/9776.html",
    )
    assert result.title == headline


def test_a_trail_that_ends_at_its_column_link_does_not_make_the_column_the_headline():
    headline = "关于召开2024年度再生金属行业发展座谈会的通知"
    for title in (f"华东再生金属协会 - 行业资讯 - {headline}", f"行业资讯 | {headline} | 华东再生金属协会"):
        result = extract(
            f"<title>{title}</title>",
            "<div class='logo'><a href='/'><img src='/logo.png' alt='华东再生金属协会'></a></div>"
            "<div class='banner'><h2>行业资讯</h2></div><div class='position'>当前位置：<a href='/'>首页</a> &gt; "
            f"<a href='/hyzx/'>行业资讯</a></div><h1>{headline}</h1>{PROSE}",
            url="http://assoc.test/hyzx/2024/0312/39.html",
        )
        assert result.title == headline, title


def test_a_members_logo_in_the_text_does_not_name_the_site():
    company = "宁波金田铜业（集团）股份有限公司"
    result = extract(
        f"<title>{company}_会员风采_华东再生金属协会</title>",
        "<div class='logo'><a href='/'><img src='/logo.png' alt='华东再生金属协会'></a></div>"
        f"<h1>{company}</h1><div class='info'>发布时间：2024-03-12</div><div class='text'><div class='com-logo'>"
        f"<a href='/member/show.php?id=12'><img src='/up/jt.png' alt='{company}'></a></div>{PROSE}</div>",
        url="http://assoc.test/hyfc/2024/0312/77.html",
    )
    assert result.title == company


@pytest.mark.parametrize(("page_title", "header", "url"), [
    # a blog: post_blog name_portal; the blog's name (longer than the post's title) links to the blog's home
    ("老家的枣树_蒲公英的天空_寰宇博客",
     "<div id='blogHead'><h1><a href='http://blog.example.cn/u/1243'>蒲公英的天空</a></h1></div>"
     "<div class='articleTitle'><span class='title'>老家的枣树</span> <span class='time'>(2006-08-14 21:35)</span></div>",
     "http://blog.example.cn/s/blog_4a1f2c3d0100.html"),
    # an association: headline_column_site; the column is a menu link, the headline a heading of its own
    ("碳足迹_行业动态_某某行业协会",
     "<div class='nav'><a href='/'>首页</a> <a href='/hydt/'>行业动态</a> <a href='/tzgg/'>通知公告</a></div>"
     "<h1>碳足迹</h1><div class='info'>发布时间：2021-03-15</div>",
     URL),
])
def test_a_title_part_the_page_only_links_to_is_a_name_and_the_part_shown_as_a_heading_is_the_headline(
        page_title, header, url):
    result = extract(f"<title>{page_title}</title>", f"{header}<div class='content'>{PROSE}</div>", url)
    assert result.title == page_title.split("_")[0]


def test_a_sidebar_box_headed_by_a_title_part_does_not_make_that_part_the_headline():
    result = extract(
        "<title>会讯_协会动态_华东再生金属协会</title>",
        "<div class='nav'><a href='/'>首页</a> <a href='/news/'>协会动态</a></div>"
        "<div class='side'><h3>会讯</h3><ul><li><a href='/n/1.html'>协会召开第三届会员代表大会</a></li></ul></div>"
        f"<div class='content'><h1>关于召开第三届会员代表大会的预备通知</h1><div class='info'>发布时间：2024-03-12</div>"
        f"{PROSE}</div>",
    )
    assert result.title == "关于召开第三届会员代表大会的预备通知"


def test_a_forum_threads_category_link_before_its_subject_is_not_part_of_the_headline():
    result = extract(
        "<title>实拍：西门桥今天开始封闭拆除重建_澜溪杂谈_澜溪论坛</title>",
        "<h1 class='ts'><a href='forum.php?mod=forumdisplay&amp;fid=41&amp;typeid=12'>[身边事]</a>"
        " <span id='thread_subject'>实拍：西门桥今天开始封闭拆除重建</span></h1>"
        f"<div class='authi'>发表于 2013-4-7 09:18:52</div><div class='t_f'>{PROSE}</div>",
        "http://bbs.example.cn/thread-287615-1-1.html",
    )
    assert result.title == "实拍：西门桥今天开始封闭拆除重建"


def test_a_short_title_part_that_is_the_pages_h1_is_the_headline_not_the_sites_longer_name():
    nav = ("<div class='side'><ul><li><a href='/about/11.html'>协会简介</a></li><li class='active'>"
           "<a href='/about/14.html'>会长致辞</a></li><li><a href='/about/15.html'>组织机构</a></li></ul></div>")
    body = (f"<div class='banner'><h2>关于协会</h2></div>{nav}<div class='main'><h1>会长致辞</h1><div class='text'>"
            "<p>各位会员、各位朋友：物流与供应链是现代经济的血脉。协会成立以来，始终坚持服务会员、服务行业、服务政府的宗旨，"
            "在标准制定、人才培养和行业自律等方面做了大量工作。</p><p>新的一年，协会将继续发挥桥梁纽带作用，加强与政府部门的"
            "沟通，反映会员诉求，推动行业数字化转型和绿色发展，为会员企业创造更好的发展环境。</p><p>衷心感谢各位会员长期以来"
            "对协会工作的关心和支持！让我们携手并进，共同开创临湾物流业高质量发展的新局面。</p><p>临湾市物流与供应链协会会长　郑国栋</p></div></div>")
    got = extract("<title>会长致辞-临湾市物流与供应链协会</title>", body, "http://www.lwwl.test/about/14.html")
    assert got.title == "会长致辞" and got.page_type == "article"
