"""The gate on members' walls and lists of people (session 19's tune sets): a story's teaser over a members' login
is no article, a story cut by a subscription box is a doubtful one (reason paywall), a full story that mentions a
paywall is an article; a numbered 名单 table, a board whose cards give posts in lower
case or with class years, and a calendar's view named by its dates are lists. Pages written here."""

from __future__ import annotations

from test_english_pages import SITE, STORY, page

WALL = ("<div class='paywall'><p>The rest of this article is available to members of the Society. Please sign in to "
        "continue reading, or find out about membership.</p><form><input type='text' name='user'>"
        "<input type='password' name='pass'><button>Sign in</button></form></div>")
TEASER = ("<p>Infrequently used outlets remain one of the most persistent sources of Legionella in hospital water "
          "systems. This paper reviews flushing regimes at three trusts.</p>")


def test_a_teaser_over_a_members_login_is_no_article():
    main = f"<h1>Legionella risk in low-use outlets</h1><p class='date'>March 4, 2026</p>{TEASER}{WALL}"
    got = page(f"Legionella risk in low-use outlets | {SITE}", main)
    assert (got.page_type, got.page_type_reason) == ("other", "members-only")


def test_a_story_cut_by_a_subscription_box_is_a_doubtful_article():
    box = ("<div class='meter'><h3>Continue reading your article with a Ledger membership</h3><p>$1 a week for your "
           "first year.</p><a href='/subscribe'>Subscribe now</a></div>")
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p>{TEASER}{box}"
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert (got.page_type, got.page_type_reason) == ("article", "paywall")


def test_a_whole_story_beside_a_subscription_box_stays_an_article():
    long_story = STORY + "".join(f"<p>Paragraph {n} of the story: the mill's owners met the union on day {n} and said "
                                 f"the talks would go on into the next week, with a vote planned for the {n}th.</p>"
                                 for n in range(4, 10))
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{long_story}</div>{WALL}"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).page_type == "article"


def test_a_story_about_paywalls_stays_an_article():
    text = ("<p>Newspapers in the region say a sign-in wall reading 'Subscribe to keep reading' has doubled their paying "
            "readers since January, according to a survey published on Tuesday by the press association.</p>")
    main = f"<h1>Paywalls pay off for regional papers</h1><p class='date'>March 4, 2026</p>{text}"
    assert page(f"Paywalls pay off for regional papers | {SITE}", main).page_type == "article"


def test_a_numbered_table_of_a_council_is_a_list_of_people():
    rows = "".join(f"<tr><td>{n}</td><td>{name}</td><td>{post}</td><td>{unit}</td></tr>" for n, (name, post, unit) in
                   enumerate([("邹国良", "会长", "绿源乳业集团有限公司董事长"), ("万春华", "常务副会长", "江右粮油食品集团总经理"),
                              ("王德明", "副会长", "鄱湖水产食品有限公司董事长"), ("刘桂芳", "副会长", "洪都酿造有限责任公司董事长"),
                              ("李建平", "理事", "赣南果业开发有限公司总经理")], start=1))
    main = ("<h1>理事会</h1><p>食品工业协会第五届理事会组成人员名单（按姓氏笔画排序）</p><table><tr><th>序号</th><th>姓名</th>"
            f"<th>协会职务</th><th>工作单位及职务</th></tr>{rows}</table>")
    got = page("理事会_食品工业协会", main, "http://www.food.test/about/lsh.html")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")


def test_a_board_with_posts_in_lower_case_and_class_years_is_a_list_of_people():
    cards = "".join(f"<div class='person-card'><h3>{name}</h3><div class='bio'><p>{bio}</p></div></div>"
                    for name, bio in [("Marian Andersen ’84", "Retired president of Allegheny Rural Health."),
                                      ("Daniel R. Ochoa", "Managing partner, Ochoa Brennan LLP."),
                                      ("The Rev. Thomas Dunmore", "Pastor emeritus and trustee since 2015."),
                                      ("Evelyn Cho ’05", "Founder and chief executive of Fernwood Analytics."),
                                      ("Alison Greer", "State representative and former school board member.")])
    main = ("<h1>Board of Trustees</h1><p>The Board is the legal governing body of the University. It meets four times "
            f"a year.</p><div class='grid'>{cards}</div>")
    got = page(f"Board of Trustees | {SITE}", main, "https://www.uni.test/about/trustees")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")


def test_a_calendars_view_named_by_its_dates_is_a_list():
    events = "".join(f"<div class='event-row'><time>March {n}</time><h3><a href='/event/bee-school-{n}/'>Bee school, "
                     f"session {n}</a></h3><p>Hive inspection for beginners at the club apiary.</p></div>"
                     for n in range(1, 7))
    main = f"<h2 class='visually-hidden'>Events Search and Views Navigation</h2><div class='events'>{events}</div>"
    got = page("Events from March 1 – April 27 – Cascadia Beekeepers", main, "https://www.bees.test/events/list/")
    assert got.page_type == "list"


def _leaders(date_line: str) -> str:
    items = "".join(f"<div class='leader-item'><h4>{name}</h4><span>{post}</span><p>工作分工：负责{work}等工作。</p></div>"
                    for name, post, work in [("蓝永斌", "党组书记、局长", "全面"), ("吴建华", "党组成员、副局长", "种植业"),
                                             ("陈晓红", "党组成员、副局长", "乡村产业"), ("黄立新", "副局长", "畜牧渔业")])
    return f"<h1>领导信息</h1><div class='info'>{date_line}</div><div class='leaders'>{items}</div>"


def test_leaders_with_an_update_time_are_a_list_but_with_a_publication_date_news():
    got = page("领导信息-岚山市农业农村局", _leaders("更新时间：2023-08-15"), "http://nyj.ls.test/col/col123/index.html")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")
    got = page("领导信息-岚山市农业农村局", _leaders("发布时间：2023-08-15"), "http://nyj.ls.test/art/2023/8/15/art_1.html")
    assert got.page_type == "article"


def test_a_staff_table_by_department_is_a_list_of_people():
    rows = "".join(f"<tr><td>{dept}</td><td>{name}</td><td>{work}</td><td>0759-8633510{n}</td></tr>"
                   for n, (dept, name, work) in enumerate([("综合部", "孟晓东", "文秘、财务、档案"), ("会员服务部", "方婷", "会员发展、会费收缴"),
                                                            ("培训部", "石磊", "从业人员培训"), ("信用评价部", "龚雪", "信用评价、项目评优")]))
    main = f"<h1>秘书处</h1><p>秘书处下设四个部门。</p><table><tr><th>部门</th><th>负责人</th><th>职责</th><th>电话</th></tr>{rows}</table>"
    got = page("秘书处-沣阳市物业管理协会", main, "http://www.fywyxh.test/about/msc.html")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")


def test_a_notice_with_a_table_of_its_experts_under_an_update_time_is_news():
    rows = "".join(f"<tr><td>{n}</td><td>{name}</td><td>{post}</td><td>0759-8633510{n}</td></tr>"
                   for n, (name, post) in enumerate([("方启明", "主任委员"), ("许慧云", "副主任委员"), ("陈立群", "委员"),
                                                     ("周文涛", "委员"), ("林可欣", "委员")], start=1))
    main = ("<h1>关于成立专家委员会的通知</h1><div class='info'>更新时间：2024-03-09</div><p>各会员单位：经理事会研究，决定成立"
            f"专家委员会，名单如下。</p><table>{rows}</table><p>特此通知。</p>")
    got = page("关于成立专家委员会的通知-物业管理协会", main, "http://www.wyxh.test/tzgg/2024/0309/12.html")
    assert got.page_type == "article"


def test_members_only_words_about_a_file_with_the_headers_login_leave_a_story():
    header = ("<header class='site-header'><form><input type='text' name='u'><input type='password' name='p'>"
              "<button>Log in</button></form></header>")
    main = (f"<h1>Council publishes recycling white paper</h1><p class='date'>March 4, 2026</p>{TEASER}"
            "<p>This paper is available to members only. Download it from the members' area.</p>")
    got = page(f"Council publishes recycling white paper | {SITE}", header + main)
    assert got.page_type == "article"
