"""The page's own list (own_list.py): a short intro over entries that link to pages of another URL shape than the
page's (an author's stories below the bio, a directory's members, a topic's stories) is a list; a short story's
related items, a sidebar under a heading of its own and a thread's posts leave it an article. Pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.own_list import url_kinds

BIO = ("<p>Jane Doe covers energy and the environment for the Harbor Ledger. Before joining the paper in 2021 she "
       "reported on water for a regional daily, where her work on groundwater won a state press award.</p>"
       "<p>She grew up on a dairy farm and studied geology and journalism. Send her tips by e-mail.</p>")


def _page(title: str, main: str, url: str, side: str = "") -> object:
    html = (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/news/'>News</a> <a href='/about/'>About</a></nav></header>"
            f"<div class='wrap'><div class='left'>{main}</div><div class='right'>{side}</div></div>"
            "<footer>© 2026 The Harbor Ledger</footer></body></html>")
    return extract_page(html.encode("utf-8"), url)


def _stories(count: int, href: str = "/2026/03/{n:02d}/council-reviews-recycling-target-{n}/") -> str:
    return "".join(f"<li class='story'><span class='date'>March {n}, 2026</span><h3><a href='{href.format(n=n)}'>"
                   f"Council reviews the recycling target, part {n}</a></h3></li>" for n in range(1, count + 1))


@pytest.mark.parametrize(("url", "shape"), [
    ("https://x.test/stories/2019/08/14/fair-board-names.html", "/W/N/N/N/W.html"),
    ("https://x.test/list/member/acme-12", "/W/W/W"),
    ("https://x.test/news/show.php?id=3&cat=2", "/W/W.php?cat&id"),
    ("https://x.test/art/2024/3/3/art_7_1.html", "/W/N/N/N/W.html"),
    ("https://x.test/people/jane-doe/", "/W/W/"),
])
def test_url_kinds(url, shape):
    assert url_kinds(url) == shape


def test_an_author_page_with_a_bio_over_their_stories_is_a_list():
    main = (f"<section class='profile'><h1>Jane Doe</h1><div class='bio'>{BIO}</div></section>"
            f"<section class='stories'><h2>Stories by Jane Doe</h2><ul>{_stories(6)}</ul></section>")
    got = _page("Jane Doe | The Harbor Ledger", main, "https://www.harborledger.test/people/jane-doe/")
    assert (got.page_type, got.page_type_reason) == ("list", "own-list")


def test_a_directory_intro_over_member_cards_is_a_list():
    cards = "".join(f"<div class='card'><h3><a href='/directory/member/acme-supply-{n}'>Acme Supply Company {n}</a></h3>"
                    f"<p>12{n} Front Street, Riverton</p><p>(555) 555-01{n}0</p></div>" for n in range(1, 7))
    main = (f"<h1>Member Directory</h1><div class='intro'><p>The businesses listed below are members in good standing "
            f"of the Riverton Chamber. Browse them by name or by category.</p></div><div class='cards'>{cards}</div>")
    got = _page("Member Directory - Riverton Chamber", main, "https://www.rivertonchamber.test/directory")
    assert got.page_type == "list"


def test_a_short_story_over_related_stories_of_its_own_shape_stays_an_article():
    main = (f"<h1>Council reviews the recycling target</h1><div class='text'>{BIO}</div>"
            f"<ul>{_stories(6)}</ul>")
    got = _page("Council reviews the recycling target | The Harbor Ledger", main,
                "https://www.harborledger.test/2026/03/09/council-reviews-the-recycling-target/")
    assert got.page_type == "article"


def test_a_short_notice_beside_a_sidebar_under_its_own_heading_stays_an_article():
    side = "<h3>最新动态</h3><ul>" + "".join(
        f"<li><a href='/news/2024/{n}.html'>钢铁行业运行情况分析第{n}期</a><span>2024-03-0{n}</span></li>"
        for n in range(1, 6)) + "</ul>"
    main = ("<h1>市钢铁行业协会召开理事会</h1><div class='info'>2024-03-09</div><div class='text'><p>3月8日，市钢铁行业协会召开"
            "三届五次理事会，审议通过了协会2023年工作报告。</p></div>")
    got = _page("市钢铁行业协会召开理事会_钢铁行业协会", main, "http://www.steel.test/art/2024/3/9/art_1243.html", side)
    assert got.page_type == "article"


def test_a_topic_intro_over_its_latest_stories_is_a_list():
    intro = ("<p>Riverton has added 38,000 jobs in a decade and fewer than 11,000 homes. Our housing team covers rents "
             "and evictions, zoning fights at City Hall and new construction.</p>")
    main = (f"<div class='topic-head'><h1>Housing</h1><div class='topic-intro'>{intro}</div></div>"
            f"<div class='latest'><h2>Latest in Housing</h2><div class='items'>"
            f"{_stories(6, '/housing/council-reviews-rent-rules-{n}')}</div></div>")
    got = _page("Housing | The Harbor Ledger", main, "https://www.harborledger.test/housing")
    assert (got.page_type, got.page_type_reason) == ("list", "own-list")


def test_a_thread_whose_posts_hold_its_text_stays_an_article():
    posts = "".join(f"<div class='post'><a href='/space-uid-{n}.html'>钢铁侠老王第{n}号会员</a><span>2024-03-0{n}</span>"
                    f"<p>这个政策对我们小企业影响很大，希望协会能多组织几次解读培训，第{n}楼。</p></div>" for n in range(1, 6))
    main = f"<h1>关于再生铜原料标准的讨论</h1><div class='posts'>{posts}</div>"
    got = _page("关于再生铜原料标准的讨论 - 论坛", main, "http://bbs.assoc.test/thread-2876-1-1.html")
    assert got.page_type == "article"


def test_a_thread_whose_replies_follow_its_first_post_stays_an_article():
    replies = "".join(f"<div class='post'><a href='/space/uid-{n}.html'>钢铁侠老王{n}号会员</a> <span>发表于 2024-3-{n + 4} "
                      f"10:2{n}</span><p>同意楼主，今年行情确实不好做，第{n}楼。</p></div>" for n in range(1, 6))
    main = ("<div class='postlist'><div class='first'><span>发表于 2024-3-4 09:00</span><p>各位同行，今年钢材市场需求偏弱，"
            f"大家怎么看后市？</p></div>{replies}</div>")
    got = _page("今年钢材市场怎么看？_钢铁论坛", main, "http://bbs.steel.test/thread-12346-1-1.html")
    assert got.page_type == "article"


def test_a_job_board_inside_the_text_block_is_a_list_and_no_employer_is_its_headline():
    jobs = "".join(f"<div class='job'><dl><dt class='job-title'><a href='/jobs/view.php?job=22{n}'>{role}</a></dt>"
                   f"<dd><strong>{paper}</strong> – Riverton</dd><dd>Cover the county for our twice-weekly paper; "
                   f"clips required.</dd><dd>Type: Full-time | Posted: 04/2{n}/2024 | "
                   f"<a href='/jobs/view.php?job=22{n}'>View details &amp; apply »</a></dd>"
                   "</dl></div>" for n, (role, paper) in enumerate([
                       ("Sports Reporter", "Brantley Valley Courier"), ("Managing Editor", "Pine Crossing Pioneer"),
                       ("Page Designer", "Orrin County Shopper"), ("Government Reporter", "Statehouse Wire"),
                       ("Photo Intern", "Mesa County Herald")]))
    main = ("<div class='col'><h1>MSPA Job Bank</h1><p class='lead'>Open positions at member newspapers "
            "and media organizations. Listings stay up for 30 days.</p><div class='alert'>Member newspapers may post "
            "jobs free of charge. Non-members pay $50 for 30 days. Post a job by e-mail to the office.</div>"
            "<form class='filter'><select name='type'><option>All positions</option><option>Reporting</option>"
            "</select><button>Filter</button></form><p class='small'>5 current listings, sorted by date posted</p>"
            f"<div class='jobs'>{jobs}</div><p class='small'>The association is not responsible for the content of "
            "job listings. Please contact employers directly with questions about a position.</p></div>")
    got = _page("Job Bank - Midland State Press Association", main, "https://www.statepress.test/jobbank.php")
    assert got.title != "Brantley Valley Courier" and got.page_type == "list"


def test_a_topic_page_with_boxes_of_its_own_reports_is_a_list():
    reports = "".join(f"<li><a href='//news.city.test/system/2024/03/2{n}/0304159{n}.shtml'>马拉松赛事第{n}篇报道：跑者"
                      f"沿海岸线奔向终点</a><span>03-2{n} 12:4{n}</span><p>本届赛事共投入医护人员620名……</p></li>"
                      for n in range(1, 7))
    main = ("<h1>奔跑吧，临湾！——2024临湾国际马拉松</h1><div class='daoyu'><p>【导语】3月24日7时30分，2024临湾国际马拉松在海风"
            "广场鸣枪开跑。本届赛事设全程马拉松、半程马拉松和健康跑三个项目，共有3万名跑者参赛。</p></div>"
            f"<div class='box'><h3>最新报道</h3><ul class='zt-list'>{reports}</ul></div>")
    got = _page("奔跑吧，临湾！——2024临湾国际马拉松_临湾网", main, "http://www.city.test/zt/2024mls/")
    assert (got.page_type, got.page_type_reason) == ("list", "own-list")


def test_a_board_of_people_and_their_posts_is_a_list():
    cards = "".join(f"<div class='col'><img src='/board/{n}.jpg' alt=''><h3>{name}</h3><p>{post}</p></div>"
                    for n, (name, post) in enumerate([
                        ("Lorraine Castillo", "Chair, General Manager of KVRN 7"),
                        ("Desmond Achterberg", "Vice Chair, President of Achterberg Radio"),
                        ("Patricia Nnamdi", "Secretary/Treasurer, Station Manager of WQRL"),
                        ("Gregory Halloran", "Immediate Past Chair, Market Manager of Tri-Cities Media")]))
    main = ("<h1>Board of Directors</h1><div class='intro'><p>The Association is governed by a volunteer board elected "
            "by member stations at the Annual Meeting. Directors serve staggered terms.</p></div>"
            f"<div class='row'>{cards}</div>")
    got = _page("Board of Directors - State Broadcasters Association", main, "https://www.sba.test/about/board/")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")


def test_a_committee_of_experts_is_a_list_but_a_dated_notice_naming_them_is_an_article():
    experts = "".join(f"<li><span class='name'>{name}</span> <span class='post'>{post}</span><p>{unit}</p></li>"
                      for name, post, unit in [
                          ("方启明", "主任委员", "东海大学环境科学与工程学院教授"), ("许慧云", "副主任委员", "东海省生态环境科学研究院总工程师"),
                          ("陈立群", "委员", "东海市环境监测中心站高级工程师"), ("周文涛", "委员", "东海理工大学化学工程学院副教授"),
                          ("林可欣", "委员", "东海省环保产业协会秘书长")])
    main = ("<h1>专家委员会委员名单</h1><div class='intro'><p>第三届专家委员会于2021年9月经学会理事会审议通过组建，任期五年。"
            f"</p></div><ul class='experts'>{experts}</ul>")
    got = _page("专家委员会-东海省环境科学学会", main, "http://www.dhses.test/about/zjwyh.html")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")
    notice = main.replace("</h1>", "</h1><div class='info'>发布时间：2021-09-18</div>")
    assert _page("专家委员会-东海省环境科学学会", notice, "http://www.dhses.test/tzgg/2021/0918/12.html").page_type == "article"
