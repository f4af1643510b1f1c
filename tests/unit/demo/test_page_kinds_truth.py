"""The truth the page-kind generator records (assoc_crawler.demo.page_kinds) is what the pages show: bylines,
sources, editors, the breadcrumb's column, listing boxes item by item and the text outside the article block.
One site per CMS family (seeds 0-7)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import pytest

from assoc_crawler.demo.page_kinds import FAMILIES, GeneratedPage, generate_pages
from assoc_crawler.demo.page_kinds_templates import URLS

SEEDS = range(8)


@pytest.fixture(scope="module")
def pages() -> list[GeneratedPage]:
    return [page for seed in SEEDS for page in generate_pages(seed)]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def root(page: GeneratedPage) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page.body.decode(page.encoding))


def shown(page: GeneratedPage) -> str:
    """The page's visible text, whitespace dropped."""
    body = root(page).body
    for script in body.xpath("//script|//style"):
        script.drop_tree()
    return squeeze(body.text_content())


def article_pattern(family: str) -> re.Pattern[str]:
    """Any article URL path (and query) of ``family``'s URL schemes."""
    paths = [re.sub(r"\\\{\w+\\\}", "[^/?&]+", re.escape(p)) for p in URLS[family]["article"]]
    return re.compile("(?:" + "|".join(paths) + ")")


def info_line(page: GeneratedPage) -> str | None:
    """The text of the innermost div or cell holding the info line's time label."""
    label = page.notes["info_time"] + page.notes["colon"]
    found = None
    for element in root(page).body.iter("div", "td"):
        if label in element.text_content():
            found = element.text_content()
    return found


def test_one_site_per_family(pages):
    assert {p.family for p in pages} == set(FAMILIES)


def test_bylines_sources_and_editors_are_on_the_page(pages):
    articles = [p for p in pages if p.is_article]
    assert any(p.author for p in articles) and any(p.source for p in articles) and any(p.editor for p in articles)
    assert any(p.author is None for p in articles) and any(p.source is None for p in articles)
    for page in articles:
        text = shown(page)
        for name in ("author", "source", "editor"):
            value = getattr(page, name)
            if value:
                assert squeeze(value) in text, (page.url, name, value)
        if page.author and " " in page.author:  # several names: each one on the page
            assert all(n in text for n in page.author.split(" ")), page.url
    for page in pages:
        if not page.is_article:
            assert page.author is page.source is page.editor is page.category is None, page.url


def test_byline_variants_put_the_author_where_they_say(pages):
    places = {p.notes["author_at"] for p in pages if p.is_article}
    assert {"none", "info"} < places and places & {"last", "bracket", "under"}
    for page in pages:
        if not page.is_article or page.notes["author_at"] in ("none", "info"):
            continue
        html, colon = page.body.decode(page.encoding), page.notes["colon"]
        info = info_line(page)
        assert info is not None, page.url
        assert page.author.split(" ")[0] not in info, page.url  # not in the info line any more
        if page.notes["author_at"] == "bracket":
            assert f"【作者{colon}{page.author}】" in html, page.url
        assert page.author.split(" ")[0] in shown(page), page.url


def test_category_is_the_last_linked_crumb(pages):
    articles = [p for p in pages if p.is_article]
    assert all(p.category for p in articles)
    for page in articles:
        crumbs = root(page).find_class(page.notes.get("crumb_box", "position"))[0]
        links = [a.text_content() for a in crumbs.iter("a")]
        assert links[-1] == page.category, page.url
        assert squeeze(page.outside["crumbs"][0]) == squeeze(crumbs.text_content()), page.url


def test_listing_items_are_article_links_with_their_titles(pages):
    with_boxes = [p for p in pages if p.listings]
    assert any(p.notes["sidebar"] == "none" for p in pages)
    assert {p.family for p in with_boxes if any(b.where == "sidebar" for b in p.listings)} == {
        p.family for p in pages if p.notes["sidebar"] != "none"}
    assert not any(b.where == "sidebar" for p in pages if p.notes["sidebar"] == "none" for b in p.listings)
    assert any(b.where == "body" for p in with_boxes for b in p.listings)  # 相关链接 in a news body
    assert any(i.teaser for p in with_boxes for b in p.listings for i in b.items)
    for page in with_boxes:
        tree, pattern = root(page), article_pattern(page.family)
        links = {(a.get("href"), squeeze(a.text_content())) for a in tree.iter("a")}
        for block in page.listings:
            assert block.heading in page.body.decode(page.encoding), page.url
            assert block.items
            for item in block.items:
                parts = urlsplit(item.target_url)
                assert parts.netloc == urlsplit(page.url).netloc, item.target_url
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                assert pattern.fullmatch(target), item.target_url
                assert (item.target_url, squeeze(item.title)) in links, (page.url, item)
                if block.where == "sidebar":
                    assert squeeze(item.label) in {t for _, t in links}, (page.url, item.label)
                    if item.teaser:
                        assert squeeze(item.teaser) in shown(page), (page.url, item.teaser)
                else:
                    assert item.label is None and item.teaser is None


def test_sidebar_items_carry_their_column_label_next_to_them(pages):
    page = next(p for p in pages if p.is_article and any(b.where == "sidebar" for b in p.listings))
    html = page.body.decode(page.encoding)
    for item in page.listings[-1].items:
        anchor = html.index(f'href="{item.target_url}"')
        before = html[html.rindex("<li>", 0, anchor):anchor]
        assert f'class="lm">{item.label}</a>' in before, item


def test_outside_text_is_on_the_page_but_not_in_the_article_block(pages):
    for page in pages:
        if not page.is_article:
            continue
        text = shown(page)
        assert page.outside["crumbs"] and page.outside["footer"], page.url
        for values in page.outside.values():
            for value in values:
                assert squeeze(value) in text, (page.url, value)
        sidebar = [i.title for b in page.listings if b.where == "sidebar" for i in b.items]
        assert page.outside["sidebar"] == sidebar


def test_truth_is_deterministic():
    first, again = generate_pages(3), generate_pages(3)
    assert [(p.author, p.source, p.editor, p.category, p.listings, p.outside) for p in first] == [
        (p.author, p.source, p.editor, p.category, p.listings, p.outside) for p in again]
