"""Letters and journals (session 19's tune sets): a letter's signature (post and name) names its author and leaves
its text; a journal issue as a source keeps its 《》 and issue; 单位 after 作者 ends the author; a single page's
heading under a column's banner is its headline. Pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.fields import clean_value
from assoc_crawler.extract.signature import letter_signature

LETTER_ZH = ("<p>各位会员、各位朋友：物流与供应链是现代经济的血脉。协会成立以来，始终坚持服务会员、服务行业、服务政府的宗旨，"
             "在标准制定、人才培养和行业自律等方面做了大量工作，得到了会员单位和社会各界的广泛认可。</p>"
             "<p>新的一年，协会将继续发挥桥梁纽带作用，加强与政府部门的沟通，反映会员诉求，推动行业数字化转型和绿色发展，"
             "为会员企业创造更好的发展环境。</p><p>衷心感谢各位会员长期以来对协会工作的关心和支持！让我们携手并进，共同开创"
             "临湾物流业高质量发展的新局面。</p>")
LETTER_EN = ("<p>It is a privilege to welcome you to the Society as we enter our ninetieth year. Our members have kept "
             "the county's wetlands in good heart through floods, droughts and more than one change of government.</p>"
             "<p>Council has agreed three priorities for the coming period: to grow our bursaries, to open the reserve "
             "centre all year round and to publish our survey data in full.</p><p>None of this will happen without "
             "you, and my inbox is always open.</p>")


def _page(title: str, main: str, url: str) -> object:
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='nav'><a href='/'>首页"
            f"</a> <a href='/about/'>About</a></div><div class='main'>{main}</div><div class='footer'>Copyright 2026"
            "</div></body></html>")
    return extract_page(html.encode("utf-8"), url)


@pytest.mark.parametrize(("signature", "name"), [
    ("<p>临湾市物流与供应链协会会长　郑国栋</p>", "郑国栋"),
    ("<p>甬江港航物流商会会长</p><p>陈绍衡</p>", "陈绍衡"),
])
def test_a_chinese_letters_signature_names_its_author_and_leaves_the_text(signature, name):
    got = _page("会长致辞-临湾市物流与供应链协会", f"<h1>会长致辞</h1><div class='text'>{LETTER_ZH}{signature}</div>",
                "http://www.lwwl.test/about/14.html")
    assert got.author == name and name not in got.body_text and got.page_type == "article"


def test_an_english_letters_signature_names_its_author_and_the_valediction_stays():
    signature = "<p>With best wishes,</p><p>Dr Philippa Rourke</p><p>Chair of Council</p>"
    got = _page("Chair's Welcome | Fenland Wetlands Society", f"<h1>Chair's Welcome</h1><div class='text'>{LETTER_EN}"
                f"{signature}</div>", "https://www.fenland.test/about/welcome")
    assert got.author == "Dr Philippa Rourke"
    assert got.body_text.endswith("With best wishes,") and "Chair of Council" not in got.body_text


@pytest.mark.parametrize("lines", [
    ["特此通知。", "中国有色金属工业协会", "2024年5月1日"],  # a notice's sender and date name no person
    ["The council met on Monday.", "Jane Doe"],  # a name alone, without a post or a closing word
    ["Officials said the talks would resume.", "Media contact:", "Jane Doe", "Communications Manager"],  # a contact
    ["Officials said the talks would resume.", "Harbor Steel Inc.", "Chief Executive Officer"],  # a company
])
def test_what_signs_no_letter(lines):
    assert letter_signature(lines) is None


@pytest.mark.parametrize(("value", "cleaned"), [
    ("《南岭水经济》2023年第2期", "《南岭水经济》2023年第2期"),  # a journal's issue
    ("《人民日报》", "人民日报"),
    ("明光网-《明光日报》", "明光网-《明光日报》"),
    ("中国有色金属报 2023年5月1日", "中国有色金属报"),  # a date still ends a value
    ("《南州青企》2021年第3期 1,386", "《南州青企》2021年第3期"),  # the issue ends it (a view count beside it)
    ("文/本刊记者 苏婉清", "苏婉清"),
])
def test_a_journal_issue_as_a_source_keeps_its_brackets_and_issue(value, cleaned):
    assert clean_value(value) == cleaned


def test_a_unit_label_after_the_authors_ends_them():
    info = "<div class='info'><span>作者：孙明哲、刘雅琴</span> <span>单位：南岭水经济研究院</span> <span>发布时间：2023-05-16</span></div>"
    got = _page("县域水网建设要算好三本账_专家观点_南岭研究院", f"<h1>县域水网建设要算好三本账</h1>{info}<div class='text'>"
                f"{LETTER_ZH}</div>", "http://www.nlsj.test/zjgd/202305/t20230516_881.html")
    assert got.author == "孙明哲、刘雅琴"


def test_a_single_pages_h2_under_a_column_banner_h1_is_the_headline():
    main = (f"<div class='banner'><h1>商会概况</h1></div><div class='crumb'>当前位置：<a href='/'>首页</a> &gt; "
            f"<a href='/shgk/'>商会概况</a></div><h2>会长致辞</h2><div class='text'>{LETTER_ZH}</div>")
    got = _page("会长致辞-甬江港航物流商会", main, "http://www.yjgh.test/hzzc/")
    assert got.title == "会长致辞"


def test_a_signature_set_apart_below_a_letters_closing_words_names_its_author():
    main = (f"<h1>Message from the President</h1><div class='text'>{LETTER_EN}<p>With gratitude,</p></div>"
            "<div class='signature-block'><img src='/sig.png' alt=''><p>Renata Kowalski, RDH</p><p>President</p></div>")
    got = _page("Message from the President | Lakes Dental Hygienists", main, "https://www.ldh.test/president")
    assert got.author == "Renata Kowalski"
    # below the text, only a letter's closing words make the next lines a signature
    signed = letter_signature(["With gratitude,", "Renata Kowalski, RDH", "President"], closed=True, letter=True)
    assert signed[1] == "Renata Kowalski"
    assert letter_signature(["My inbox is always open.", "Renata Kowalski, RDH", "President"], closed=True,
                            letter=True) is None


@pytest.mark.parametrize("credit", [
    "<table><tr><td>Lake Haldane</td><td>$1,020</td></tr><tr><td>St. Brieuc</td><td>$940</td></tr></table>"
    "<p>Source: Provincial Housing Agency, Rental Market Survey.</p>",
    "<figure><table><tr><td>Lake Haldane</td><td>$1,020</td></tr></table></figure><p>Source: Provincial Housing "
    "Agency.</p>",
    "<div class='wrap'><table><tr><td>铜</td><td>68,250</td></tr></table><p>来源：上海有色网</p></div>",
])
def test_a_tables_credit_names_no_source(credit):
    main = (f"<h1>Rents rose faster than wages</h1><p class='date'>March 4, 2026</p><div class='text'>{LETTER_EN}"
            f"{credit}{LETTER_EN.replace('privilege', 'pleasure')}</div>")
    got = _page("Rents rose faster than wages | Housing Coalition", main, "https://www.hc.test/news/rents-rose")
    assert got.source is None


def test_a_source_line_after_the_text_still_names_the_source():
    main = (f"<h1>Rents rose faster than wages</h1><p class='date'>March 4, 2026</p><div class='text'>{LETTER_EN}"
            "<p>Source: Provincial Housing Agency</p></div>")
    got = _page("Rents rose faster than wages | Housing Coalition", main, "https://www.hc.test/news/rents-rose")
    assert got.source == "Provincial Housing Agency"


@pytest.mark.parametrize("tail", [
    "<p>Media contact:</p><p>Sarah Mitchell</p><p>Communications Manager</p>",  # a press release's contact
    "<p>“We are proud of the team,” she said.</p><p>Dr Rawiri Ngata</p><p>Senior Research Engineer</p>",  # a speaker
])
def test_a_name_and_a_post_closing_a_story_sign_nothing(tail):
    main = (f"<h1>Harbor Steel wins safety award</h1><p class='date'>March 4, 2026</p><div class='text'>{LETTER_EN}"
            f"{tail}</div>")
    got = _page("Harbor Steel wins safety award | Steel Council", main, "https://www.steel.test/news/award")
    assert got.author is None


def test_a_chinese_storys_closing_caption_naming_a_president_signs_nothing():
    main = ("<h1>协会召开三届五次理事会</h1><div class='info'>发布时间：2024-03-09</div><div class='text'>"
            f"{LETTER_ZH}<p>协会会长 张建国</p></div>")
    got = _page("协会召开三届五次理事会_临湾市物流与供应链协会", main, "http://www.lwwl.test/news/2024/0309/12.html")
    assert got.author is None


def test_byline_markup_names_the_writer_not_the_photographer():
    info = "<div class='meta'><span class='byline'>记者 罗晓菁 摄影 邓子骞</span> <span class='date'>2022-11-08</span></div>"
    got = _page("守着茶山四十年_会员风采_茶业促进会", f"<h1>守着茶山四十年</h1>{info}<div class='text'>{LETTER_ZH}</div>",
                "http://www.tea.test/members/2022/1108/1150.html")
    assert got.author == "罗晓菁"


def test_a_teams_signature_and_a_quoted_note_in_a_story_name_no_author():
    team = ("<h1>Message from the President</h1><div class='text'>" + LETTER_EN +
            "<p>Kind regards,</p><p>Member Services Team</p></div>")
    assert _page("Message from the President | Lakes Society", team, "https://www.ls.test/president").author is None
    story = ("<h1>Scholarship winner thanks the society</h1><p class='date'>March 4, 2026</p><div class='text'>"
             f"{LETTER_EN}<p>Thank you,</p><p>Priya Sharma</p></div>")
    assert _page("Scholarship winner thanks the society | Lakes Society", story,
                 "https://www.ls.test/news/scholarship").author is None


def test_a_source_line_after_a_text_that_ends_with_a_table_is_the_articles():
    main = ("<h1>港航运输生产情况</h1><div class='info'>发布时间：2024-03-09</div><div class='text'>"
            f"{LETTER_ZH}<table><tr><td>货物吞吐量</td><td>1.2亿吨</td></tr><tr><td>集装箱</td><td>85万标箱</td></tr></table>"
            "</div><p>来源：临湾市港航管理中心</p>")
    got = _page("港航运输生产情况_临湾港航", main, "http://www.lwgh.test/news/2024/0309/88.html")
    assert got.source == "临湾市港航管理中心"
