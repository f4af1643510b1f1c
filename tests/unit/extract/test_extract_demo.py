"""Extraction on the demo sites' saved pages (one test per CMS family and article), without any network."""

from __future__ import annotations

import pytest
from demo_truth import served_bytes, site_config, site_names, truth

from assoc_crawler.extract import extract_page, merge_pages

BASE = "http://demo.test"
CASES = [(site, art["path"]) for site in site_names() for art in truth(site)["articles"]]
NOT_ARTICLES = [(site, path) for site in site_names() for path in truth(site).get("not_articles", [])]


def _article(site: str, path: str) -> dict:
    return next(a for a in truth(site)["articles"] if a["path"] == path)


def _extract_all_pages(site: str, path: str):
    body, headers = served_bytes(site, path)
    first = extract_page(body, BASE + path, headers)
    pages = [first]
    for url in first.continuation_urls:
        more_body, more_headers = served_bytes(site, url[len(BASE):])
        pages.append(extract_page(more_body, url, more_headers))
    return first, merge_pages(pages)


@pytest.mark.parametrize(("site", "path"), CASES, ids=[f"{s}:{p}" for s, p in CASES])
def test_article_fields(site, path):
    art = _article(site, path)
    first, result = _extract_all_pages(site, path)
    assert first.page_type == "article", first.page_type_reason
    assert len(first.page_urls or {1: path}) == art.get("pages", 1)
    for name in ("title", "published_at", "source", "author", "editor", "category"):
        assert getattr(result, name) == art[name], name
    assert result.body_text.split("\n") == art["body"]
    assert [i.url for i in result.images] == [BASE + i["path"] for i in art["images"]]
    assert [(b.kind, b.heading, len(b.items)) for b in result.listings] == [
        (b["kind"], b["heading"], b["count"]) for b in art["listings"]
    ]
    for block, want in zip(result.listings, art["listings"], strict=True):
        item = block.items[0]
        assert (item.title, item.label, item.teaser) == (
            want["first"]["title"], want["first"]["label"], want["first"]["teaser"])
    expected_encoding = "gb18030" if site_config(site)["encoding"].lower() in ("gbk", "gb2312", "gb18030") else "utf-8"
    assert result.encoding == expected_encoding


@pytest.mark.parametrize(("site", "path"), NOT_ARTICLES, ids=[f"{s}:{p}" for s, p in NOT_ARTICLES])
def test_not_articles(site, path):
    try:
        body, headers = served_bytes(site, path)
    except FileNotFoundError:
        pytest.skip("served by a route, not a file")
    result = extract_page(body, BASE + path, headers)
    assert result.page_type != "article" or result.page_no > 1, "page 2+ is never archived on its own"


SITE_PAGES = [(site, path) for site in site_names() for path in truth(site).get("site_pages", [])]


@pytest.mark.parametrize(("site", "path"), SITE_PAGES, ids=[f"{s}:{p}" for s, p in SITE_PAGES])
def test_site_pages_are_archived_as_doubtful_articles(site, path):
    body, headers = served_bytes(site, path)
    result = extract_page(body, BASE + path, headers)
    assert (result.page_type, result.page_type_reason) == ("article", "site-page")
