"""Boilerplate by repetition (extract/template_lines.py): which lines a site's articles repeat, and taking them off
a body's text and HTML. The bodies are written here; whole generated sites are in tests/e2e/test_family_sites.py."""

from __future__ import annotations

import random

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.template_lines import (
    REMOVED_KEY,
    SITE_WIDE,
    ArticleText,
    apply_template_lines,
    learn_repeated_lines,
    lines_for,
    remembered_lines,
    strip_repeated_lines,
)

NOTICE = "本栏目稿件请注明作者及联系方式，联系电话：010-61234567。"
SHARE = "欢迎各会员单位转发本网稿件，并请注明来源。"
QUERY = "如对本文内容有疑问，请与协会秘书处信息部联系。"
WORDS = "再生铝铜锌铅企业协会会议行业标准发展产量价格市场调研技术"


def prose(rng: random.Random, count: int = 3) -> list[str]:
    return ["".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + "。" for _ in range(count)]


COLUMNS = ("协会动态", "行业资讯", "通知公告")


def site_articles(count: int, notice_on: int, shape: str = "/news/{}.html", where: str = "bottom",
                  columns: tuple[str, ...] = COLUMNS) -> list[ArticleText]:
    rng = random.Random(count * 31 + notice_on)
    articles = []
    for number in range(count):
        lines = prose(rng)
        if number < notice_on:
            lines = lines + [NOTICE] if where == "bottom" else [NOTICE, *lines]
        articles.append(ArticleText(f"http://x.test{shape.format(100 + number)}", "\n".join(lines),
                                    category=columns[number % len(columns)]))
    return articles


def test_a_line_on_most_articles_of_a_template_is_learned():
    learned = learn_repeated_lines(site_articles(10, 7))
    assert learned["/news/{n}.html"] == {NOTICE}
    assert learned[SITE_WIDE] == {NOTICE}


def test_a_line_on_too_few_articles_is_not():
    assert learn_repeated_lines(site_articles(10, 5)) == {}  # half of them
    assert learn_repeated_lines(site_articles(3, 3)) == {}  # fewer than four pages say anything


def test_a_body_that_is_the_same_line_everywhere_is_text_not_template():
    articles = [ArticleText(f"http://x.test/n/{n}.html", "详见附件。") for n in range(8)]
    assert learn_repeated_lines(articles) == {}
    notice_only = [ArticleText(f"http://x.test/p/{n}.html", NOTICE, category=COLUMNS[n % 3])
                   for n in range(6)]  # an image and the notice
    with_text = notice_only + site_articles(4, 4, where="top")
    assert learn_repeated_lines(with_text)[SITE_WIDE] == {NOTICE}
    assert learn_repeated_lines(notice_only + site_articles(3, 3)) == {}  # beside text on three only


def test_a_columns_own_formula_is_its_text():
    # a notices column: every notice opens with the same salutation and closes with the same sentence and signature
    rng = random.Random(11)
    formula = ("各会员单位：", "特此通知。", "江海有色金属行业协会秘书处", "联系人：王建国，电话：010-61234567。")
    notices = [ArticleText(f"http://x.test/tzgg/{n}.html", "\n".join([formula[0], *prose(rng, 2), *formula[1:]]),
                           category="通知公告") for n in range(12)]
    news = site_articles(8, 0)
    assert learn_repeated_lines(notices + news) == {}
    # the same sentence in the articles of three columns is the site's
    everywhere = [ArticleText(a.url, a.body_text + "\n" + formula[3], category=a.category) for a in news]
    assert learn_repeated_lines(everywhere)[SITE_WIDE] == {formula[3]}


def test_lines_taken_off_many_articles_are_remembered_however_old():
    old = [ArticleText(f"http://x.test/n/{n}.html", "", (NOTICE,), COLUMNS[n % 3]) for n in range(5)]
    assert remembered_lines(old) == {NOTICE}
    assert remembered_lines(old[:3]) == frozenset()  # three articles say too little
    assert remembered_lines([ArticleText(a.url, "", a.removed, "通知公告") for a in old]) == frozenset()


def test_stripping_is_all_or_nothing_when_the_html_cannot_lose_the_line():
    text = f"第一段。\n第二段。\n{NOTICE}"
    html = "<div>第一段。<br>第二段。<br>本栏目稿件请注明作者及联系方式，联系电话：<a href='tel:1'>010-61234567</a>。</div>"
    assert strip_repeated_lines(text, html, frozenset({NOTICE})) == (text, html, ())


def test_a_line_in_the_middle_of_the_bodies_is_not_looked_at():
    rng = random.Random(4)
    articles = [ArticleText(f"http://x.test/n/{n}.html", "\n".join([*prose(rng, 4), NOTICE, *prose(rng, 4)]))
                for n in range(8)]
    assert learn_repeated_lines(articles) == {}


def test_lines_taken_off_earlier_still_count():
    stripped = [ArticleText(a.url, a.body_text.replace("\n" + NOTICE, ""), (NOTICE,), a.category)
                for a in site_articles(8, 8)]
    assert NOTICE not in stripped[0].body_text
    assert learn_repeated_lines(stripped)[SITE_WIDE] == {NOTICE}


def test_columns_of_their_own_url_shape_are_learned_together():
    articles = [a for column in ("xhdt_0115", "hyzx_0301", "tzgg_0907", "gjjl_1122")
                for a in site_articles(2, 2, shape=f"/html/2024/{column}/{{}}.html", columns=(None,))]
    learned = learn_repeated_lines(articles)
    assert learned == {SITE_WIDE: frozenset({NOTICE})}
    assert lines_for(learned, "http://x.test/html/2024/abcd_0101/9.html") == {NOTICE}


def test_strip_takes_the_line_off_the_text_and_the_html_at_either_end():
    lines = frozenset({NOTICE})
    text = f"{NOTICE}\n第一段。\n第二段。\n{NOTICE}"
    html = f"<div><p>{NOTICE}</p><p>第一段。</p><p>第二段。</p><p>{NOTICE}</p></div>"
    assert strip_repeated_lines(text, html, lines) == (
        "第一段。\n第二段。", "<div><p>第一段。</p><p>第二段。</p></div>", (NOTICE, NOTICE))


def test_strip_handles_lines_between_br():
    text = f"第一段。\n第二段。\n{NOTICE}"
    html = f"<div>\u3000\u3000第一段。<br>\u3000\u3000第二段。<br>{NOTICE}</div>"
    new_text, new_html, removed = strip_repeated_lines(text, html, frozenset({NOTICE}))
    assert (new_text, removed) == ("第一段。\n第二段。", (NOTICE,))
    assert NOTICE not in new_html and "第二段。" in new_html and not new_html.endswith("<br></div>")


def test_strip_leaves_a_body_without_the_lines_alone():
    text, html = "第一段。\n第二段。", "<div><p>第一段。</p><p>第二段。</p></div>"
    assert strip_repeated_lines(text, html, frozenset({NOTICE})) == (text, html, ())
    paragraphs = [f"第{n}段。" for n in range(1, 9)]
    middle = "\n".join([*paragraphs[:4], NOTICE, *paragraphs[4:]])  # quoted in the middle of a long text: kept
    assert strip_repeated_lines(middle, "", frozenset({NOTICE}))[2] == ()


def test_a_template_line_under_a_subtitle_is_cut_too():
    subtitle = "——在年度工作会议上的讲话摘要"
    text = f"{subtitle}\n{NOTICE}\n第一段。\n第二段。\n第三段。\n第四段。"
    html = (f"<div><h2>{subtitle}</h2><p>{NOTICE}</p><div>第一段。<br>第二段。<br>第三段。<br>第四段。</div></div>")
    stripped, stripped_html, removed = strip_repeated_lines(text, html, frozenset({NOTICE}))
    assert removed == (NOTICE,) and stripped == text.replace(f"{NOTICE}\n", "")
    assert NOTICE not in stripped_html and subtitle in stripped_html


def test_a_body_of_template_lines_only_is_left_empty():
    assert strip_repeated_lines(NOTICE, f"<div><p>{NOTICE}</p></div>", frozenset({NOTICE}))[:2] == (
        "", "<div></div>")


def test_apply_records_the_lines_in_field_methods():
    rng = random.Random(7)
    paragraphs = "".join(f"<p>{p}</p>" for p in prose(rng, 4))
    html = (f"<html><head><title>再生铝年会召开</title></head><body><h1>再生铝年会召开</h1>"
            f"<div class='content'>{paragraphs}<p>{NOTICE}</p></div></body></html>")
    extraction = extract_page(html.encode("utf-8"), "http://x.test/news/101.html", {})
    assert extraction.body_text.endswith(NOTICE)
    learned = {"/news/{n}.html": frozenset({NOTICE})}
    assert apply_template_lines(extraction, learned) == (NOTICE,)
    assert NOTICE not in extraction.body_text and NOTICE not in extraction.body_html
    assert extraction.field_methods[REMOVED_KEY] == NOTICE
    assert apply_template_lines(extraction, {"/other/{n}.html": frozenset({NOTICE})}) == ()


def test_a_byline_beside_the_template_line_becomes_the_author():
    rng = random.Random(9)
    paragraphs = "".join(f"<p>{p}</p>" for p in prose(rng, 3))
    html = (f"<html><head><title>再生铜论坛举行</title></head><body><h1>再生铜论坛举行</h1>"
            f"<div class='content'>{paragraphs}<p>（通讯员 史明）</p><p>{NOTICE}</p><p>{SHARE}</p><p>{QUERY}</p>"
            "</div></body></html>")
    extraction = extract_page(html.encode("utf-8"), "http://x.test/news/102.html", {})
    assert extraction.author is None and "史明" in extraction.body_text  # the notices hid it from the page's rules
    apply_template_lines(extraction, {SITE_WIDE: frozenset({NOTICE, SHARE, QUERY})})
    assert extraction.author == "史明" and extraction.field_methods["author"] == "byline:site-template"
    assert "史明" not in extraction.body_text and "史明" not in extraction.body_html
    assert extraction.body_text.endswith("。")


def test_a_stray_article_does_not_make_a_columns_formula_the_sites():
    rng = random.Random(12)
    salutation = "各会员单位、各有关单位、各位理事："
    notices = [ArticleText(f"http://x.test/tzgg/{n}.html", "\n".join([salutation, *prose(rng, 3)]), category="通知公告")
               for n in range(12)]
    stray = ArticleText("http://x.test/news/1.html", "\n".join([salutation, *prose(rng, 3)]), category="协会动态")
    assert learn_repeated_lines([*notices, stray]) == {}
    assert remembered_lines([ArticleText(a.url, "", (salutation,), a.category) for a in [*notices, stray]]) == set()
