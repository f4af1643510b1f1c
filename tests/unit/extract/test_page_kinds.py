"""The page-kind generator (assoc_crawler.demo.page_kinds) behind bench/gate.py: deterministic, covers every CMS
family and every kind of page, writes pages that decode in the charset they declare, and puts each article's
headline in the page body. Gate accuracy is not asserted here."""

from __future__ import annotations

import codecs
import re
from html import escape

import lxml.html
import pytest

from assoc_crawler.demo.page_kinds import ARTICLE_KINDS, FAMILIES, NON_ARTICLE_KINDS, GeneratedPage, generate_pages

SEEDS = range(12)
CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.IGNORECASE)
#: Labels as browsers read them (WHATWG): gb2312 means GBK.
LABEL_CODECS = {"gb2312": "gbk", "gbk": "gbk", "utf-8": "utf-8"}


@pytest.fixture(scope="module")
def pages() -> list[GeneratedPage]:
    return [page for seed in SEEDS for page in generate_pages(seed)]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_same_seed_same_pages_other_seed_other_pages():
    first, again, other = generate_pages(7), generate_pages(7), generate_pages(8)
    assert first == again
    assert [p.body for p in first] != [p.body for p in other]
    assert len({p.url for p in first}) == len(first)


def test_every_family_and_kind_appears(pages):
    assert {p.family for p in pages} == set(FAMILIES)
    assert {p.family for seed in range(100, 108) for p in generate_pages(seed)} == set(FAMILIES)
    assert {p.kind for p in pages if p.is_article} == set(ARTICLE_KINDS)
    assert {p.kind for p in pages if not p.is_article} == set(NON_ARTICLE_KINDS)
    assert not set(ARTICLE_KINDS) & set(NON_ARTICLE_KINDS)


def test_template_choices_vary():
    pages = [page for seed in range(40) for page in generate_pages(seed)]  # choices are per site: 40 sites
    for note, values in {"encoding": {"gbk", "utf-8"}, "layout": {"table", "div"}, "charset_header": {"True", "False"},
                         "headline_tag": {"h1", "h2", "div.title", "td"}, "title_split": {"none", "br", "spans"}}.items():
        assert {p.notes[note] for p in pages} == values, note
    assert {p.notes["content"] for p in pages if p.kind == "media_only_notice"} == {"attachment", "image"}


def test_pages_decode_in_the_charset_they_declare(pages):
    assert any(p.encoding == "gbk" for p in pages)
    for page in pages:
        header = page.headers["Content-Type"].encode()
        declared = CHARSET.search(header) or CHARSET.search(page.body[:2048])
        assert declared, page.url
        codec = LABEL_CODECS[declared.group(1).decode().lower()]
        assert codecs.lookup(codec).name == codecs.lookup(page.encoding).name, page.url
        text = page.body.decode(codec)  # strict: raises on a byte the charset does not allow
        assert "\ufffd" not in text
        assert page.url.startswith("http://")


def test_articles_have_their_headline_in_the_body(pages):
    articles = [p for p in pages if p.is_article]
    assert len(articles) >= len(SEEDS) * len(ARTICLE_KINDS)
    for page in articles:
        assert page.headline, page.url
        root = lxml.html.document_fromstring(page.body.decode(page.encoding))
        assert squeeze(page.headline) in squeeze(root.body.text_content()), (page.kind, page.url)


def test_split_headlines_are_split_in_the_markup(pages):
    split = [p for p in pages if p.is_article and p.notes["title_split"] != "none" and len(p.headline) >= 14]
    assert split
    assert any(p.headline.encode(p.encoding) not in p.body.split(b"<body", 1)[1] for p in split)


#: (kind, note, value) of every per-site template variant of page_kinds_variants; value None: any value.
VARIANT_MARKS = {("news", "tail", "comments"): "发表评论", ("news", "related", "True"): "</a></li></ul>",
                 ("news", "media", "gallery"): "图为", ("news", "subtitle", "h2"): '<h2 class="subtitle">',
                 ("one_sentence_notice", "files", None): "附件2", ("column_list", "list_style", "thumbs"): "<img",
                 ("column_list", "list_style", "table"): "<th>"}


def test_every_template_variant_appears_and_keeps_its_kind(pages):
    for (kind, note, value), mark in VARIANT_MARKS.items():
        found = [p for p in pages if p.kind == kind and note in p.notes and value in (None, p.notes[note])]
        assert found, (kind, note, value)
        for page in found:
            assert page.is_article == (kind in ARTICLE_KINDS)
            assert mark in page.body.decode(page.encoding), (kind, note, page.url)
    plain = [p for p in pages if p.kind == "news" and p.notes["news_tail"] == "plain"]
    assert plain and not any("发表评论" in p.body.decode(p.encoding) for p in plain)


def test_subtitle_follows_the_headline(pages):
    subtitled = [p for p in pages if p.kind == "news" and p.notes.get("subtitle") == "h2"]
    assert subtitled
    for page in subtitled:
        body = page.body.decode(page.encoding)
        start, subtitle = body.index(f'class="{page.notes.get("crumb_box", "position")}"'), body.index('class="subtitle"')
        assert escape(page.headline[:4]) in body[start:subtitle], page.url  # headline (or its first part) first


def test_kickers_stand_above_the_headline_in_an_element_of_their_own():
    pages = [page for seed in range(40) for page in generate_pages(seed)]
    assert {p.notes["headline_kicker"] for p in pages} == {"none", "h2", "h3", "p", "div"}
    kicked = [p for p in pages if p.is_article and p.notes["headline_kicker"] != "none"
              and re.search(r"[\u4e00-\u9fff]", p.headline)]
    assert kicked
    for page in kicked:
        tag = page.notes["headline_kicker"]
        html = page.body.decode(page.encoding)
        kicker = re.search(rf'<{tag} class="(?:pre|yinti|kicker|yt)">([^<]+)</{tag}>', html)
        assert kicker and kicker.group(1) != page.headline, page.url
        assert html.index(escape(page.headline[:4]), kicker.end()) > kicker.end()  # the headline follows it
    plain = [p for p in pages if p.is_article and p.notes["headline_kicker"] == "none"]
    assert plain and not any('class="yinti"' in p.body.decode(p.encoding) for p in plain)


def test_article_text_truth_leaves_out_what_is_not_the_articles(pages):
    """body_text is the article's own text: a （责任编辑） last line, a 相关链接 list, a pager, the site's notice and
    a byline moved into the body (other than the 本报讯（记者 …） lead) are not in it; the paragraphs are."""
    articles = [p for p in pages if p.is_article]
    assert all(p.body_text is not None for p in articles) and not any(p.body_text for p in pages if not p.is_article)
    for page in articles:
        text = squeeze(page.body_text)
        if page.editor and page.notes["editor_at"] in ("tail", "info+tail"):
            assert "责任编辑" not in text
        assert not any(squeeze(n) in text for n in page.outside["notice"])
        assert not any(squeeze(i.title) in text for b in page.listings if b.where == "body" for i in b.items)
        if page.author and page.notes["author_at"] in ("last", "bracket", "under"):
            assert squeeze(page.author.split()[0]) not in text
    leads = [p for p in articles if p.notes["author_at"] == "lead" and p.kind == "news"]
    assert leads and all("本报讯" in p.body_text for p in leads)
    news = [p for p in articles if p.kind == "news" and p.notes.get("media") != "gallery"]
    assert all(len(p.body_text) > 40 for p in news)


def test_some_sites_close_their_notices_after_the_text_block(pages):
    """The ``notice_close`` variant: the sender and the date stand after the text block, blocks of their own, and
    the truth's text ends with them."""
    closed = [p for p in pages if p.kind == "one_sentence_notice" and p.notes["notice_close"] == "after"
              and re.search(r"\d{4}年\d{2}月\d{2}日$", p.body_text)]
    assert len({p.url.split("/")[2] for p in closed}) >= 2
    for page in closed:
        html = page.body.decode(page.encoding)
        date = page.body_text.rsplit(" ", 1)[-1]
        text_end = html.index("</div>", html.index(page.body_text.split(" ")[0]))
        assert text_end < html.index(date, text_end)
