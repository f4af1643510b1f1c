"""The English news generator (assoc_crawler.demo.news_pages) behind bench/news.py: deterministic, every theme and
kind of page, template options that vary across sites, and a truth that matches what the page shows: every truth
line is text of the page, the headline is in the <h1>, the authors in the byline, and none of the widgets the truth
leaves out (captions, Related: lines, advertisements) is in the truth. Extraction accuracy is not asserted here."""

from __future__ import annotations

import re

import lxml.html
import pytest

from assoc_crawler.demo.news_pages import ARTICLE_KINDS, NON_ARTICLE_KINDS, NewsPage, generate_news_pages
from assoc_crawler.demo.news_sites import THEMES

SEEDS = range(12)


@pytest.fixture(scope="module")
def pages() -> list[NewsPage]:
    return [page for seed in SEEDS for page in generate_news_pages(seed)]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_same_seed_same_pages_other_seed_other_pages():
    first, again, other = generate_news_pages(3), generate_news_pages(3), generate_news_pages(4)
    assert first == again
    assert [p.html for p in first] != [p.html for p in other]
    assert len({p.url for p in first}) == len(first)


def test_every_theme_and_kind_appears(pages):
    assert {p.theme for p in pages} == set(THEMES)
    assert {p.kind for p in pages if p.is_article} == set(ARTICLE_KINDS)
    assert {p.kind for p in pages if not p.is_article} == set(NON_ARTICLE_KINDS)


def test_template_options_vary_across_sites(pages):
    for option in ("mega_menu", "lead_figure", "inline_related", "inline_ad", "comments", "jsonld", "dek"):
        assert {p.notes[option] for p in pages} == {"yes", "no"}, option
    assert len({p.notes["byline_form"] for p in pages}) >= 4
    assert {p.notes["paragraphs"] for p in pages} == {"p", "br"}


def test_the_truth_is_what_the_page_shows(pages):
    for page in (p for p in pages if p.is_article):
        root = lxml.html.document_fromstring(page.html.decode("utf-8"))
        shown = squeeze(root.body.text_content())
        assert page.body and all(squeeze(line) in shown for line in page.body.splitlines()), page.url
        assert squeeze(page.headline) == squeeze(root.xpath("//h1")[0].text_content()), page.url
        byline = squeeze(" ".join(root.xpath("//*[@class='byline']//text()")))
        assert all(squeeze(name) in byline for name in page.authors), page.url


def test_the_truth_leaves_out_captions_and_in_text_widgets(pages):
    for page in (p for p in pages if p.is_article):
        root = lxml.html.document_fromstring(page.html.decode("utf-8"))
        widgets = root.xpath("//figcaption[not(ancestor::figure[contains(@class, 'gallery-item')])]"
                             " | //*[contains(@class, 'ad-inline')]"
                             " | //*[contains(@class, 'paywall')] | //*[contains(@class, 'comment-body')]"
                             " | //*[contains(@class, 'toc')] | //*[contains(@class, 'duration')]")
        lines = {squeeze(line) for line in page.body.splitlines()}
        for widget in widgets:  # (the vocabulary is small: a comment may repeat a sentence of the text)
            assert squeeze(widget.text_content()) not in lines, page.url
        assert "Related:" not in page.body and "Advertisement" not in page.body


def test_a_gallery_is_told_by_its_captions_and_a_guide_shows_no_date(pages):
    galleries = [p for p in pages if p.kind == "gallery"]
    assert galleries
    for page in galleries:
        root = lxml.html.document_fromstring(page.html.decode("utf-8"))
        captions = [c.text_content().strip() for c in root.xpath("//figure[contains(@class, 'gallery-item')]/figcaption")]
        assert len(captions) >= 6 and all(c in page.body for c in captions), page.url
    for page in (p for p in pages if p.kind == "guide"):
        html = page.html.decode("utf-8")
        assert "<time" not in html and "datePublished" not in html, page.url


def test_a_dek_opens_the_truth_body(pages):
    # the standfirst is part of the text, as the corpus's human snippets count a lead or an intro
    with_dek = [p for p in pages if p.is_article and p.notes["dek"] == "yes"]
    assert with_dek
    for page in with_dek:
        root = lxml.html.document_fromstring(page.html.decode("utf-8"))
        assert page.body.split("\n")[0] == root.xpath("//p[@class='dek']")[0].text_content(), page.url


def test_german_sites_are_drawn_like_english_ones_in_german_words():
    """``lang="de"``: the same kinds and truth, German words in the text, dates, bylines and widgets."""
    pages = [page for seed in range(6) for page in generate_news_pages(seed, "de")]
    assert {p.kind for p in pages} == set(ARTICLE_KINDS + NON_ARTICLE_KINDS) and all(p.notes["lang"] == "de"
                                                                                         for p in pages)
    html = "".join(p.html.decode("utf-8") for p in pages)
    assert '<html lang="de">' in html and "Advertisement" not in html and "Related:" not in html
    assert re.search(r"\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                     r"Dezember) 2026", html)
    for word in ("Anzeige", "Mehr aus ", "Zum Inhalt springen", "Seite nicht gefunden"):
        assert word in html, word
    for page in (p for p in pages if p.is_article):
        root = lxml.html.document_fromstring(page.html.decode("utf-8"))
        shown = squeeze(root.body.text_content())
        assert page.body and all(squeeze(line) in shown for line in page.body.splitlines()), page.url
        byline = squeeze(" ".join(root.xpath("//*[@class='byline']//text()")))
        assert all(squeeze(name) in byline for name in page.authors), page.url
    assert generate_news_pages(2, "de") != generate_news_pages(2) and generate_news_pages(2, "de") == \
        generate_news_pages(2, "de")
