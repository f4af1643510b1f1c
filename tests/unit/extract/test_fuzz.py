"""Property tests (Hypothesis): extraction and URL normalisation on arbitrary and mutated input never raise, keep
their output types, and never put into the body text what the page does not say."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from assoc_crawler.demo.hostile import UNSAFE_ARTICLE
from assoc_crawler.extract import extract_page, normalize_url
from assoc_crawler.extract.model import PageExtraction

SITES = Path(__file__).resolve().parents[3] / "assoc_crawler" / "demo" / "sites"
# the project's own pages: two of each CMS family's demo site (articles, lists, others), and the hostile site's
# unsafe article
SEEDS = [p.read_bytes() for family in sorted(SITES.iterdir()) for p in sorted(family.glob("www/**/*.htm*"))[:6:3]
         ] + [UNSAFE_ARTICLE.encode()]
FUZZ = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
URL = "http://www.example.org.cn/news/2024/0315/123.html"
TAGS = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<table><tr><td>", "</td></tr></table>",
        "<!--", "-->", "<![CDATA[", "]]>", "<a href='javascript:x'>", "</a>", "<iframe>", "<br/>", "&amp;", "&#0;",
        "&#xD800;", "<h1>", "</h1>", "</body>", "</html>", "<html>", "<meta charset='gbk'>", "<title>", "\x00",
        "\ufeff", "\u202e", "发布时间：2024-13-45", "来源：", "（责任编辑：）", "<" * 50]


def check_types(result: PageExtraction) -> None:
    assert isinstance(result, PageExtraction)
    assert result.page_type in ("article", "list", "other")
    for name in ("title", "published_at", "source", "author", "editor", "category", "lang"):
        assert getattr(result, name) is None or isinstance(getattr(result, name), str), name
    assert isinstance(result.body_text, str) and isinstance(result.body_html, str)
    for link in (*result.links, *result.pager_links):
        assert link.startswith(("http://", "https://")), link
    for href in re.findall(r'(?:href|src)="([^"]*)"', result.body_html):
        assert href.startswith(("http://", "https://")), href
    assert "<script" not in result.body_html.lower() and "javascript:" not in result.body_html.lower()


def body_from_page(result: PageExtraction, page: str) -> None:
    """Every run of Chinese text in the body text occurs in the page's text (tags dropped, entities decoded,
    spacing ignored) or in its markup (an image's alt text)."""
    unescaped = html.unescape(page)
    root = etree.fromstring(page.encode("utf-8", "replace"), etree.HTMLParser(recover=True)) if page.strip() else None
    parsed = "".join(root.itertext()) if root is not None else ""
    sources = [re.sub(r"\s+", "", text) for text in (re.sub(r"<[^>]*>", "", unescaped), unescaped, parsed)]
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", result.body_text):
        assert any(run in source for source in sources), run


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data):
    check_types(extract_page(data, URL))


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    check_types(extract_page(text, URL))


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """A project page with slices deleted, duplicated or swapped, and hostile fragments inserted."""
    page = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, len(page)))
        end = draw(st.integers(start, min(len(page), start + 400)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "bytes"]))
        if action == "delete":
            del page[start:end]
        elif action == "duplicate":
            page[start:start] = page[start:end]
        elif action == "insert":
            page[start:start] = draw(st.sampled_from(TAGS)).encode("utf-8", "surrogatepass")
        else:
            page[start:start] = draw(st.binary(max_size=16))
    return bytes(page)


@FUZZ
@given(mutated_pages())
def test_mutated_pages(page):
    result = extract_page(page, URL)
    check_types(result)
    for encoding in ("utf-8", "gb18030"):  # the page's text, in whichever encoding it was read
        try:
            body_from_page(result, page.decode(encoding, errors="replace"))
            return
        except AssertionError:
            continue
    body_from_page(result, page.decode(result.encoding if result.encoding != "unicode" else "utf-8",
                                       errors="replace"))


@FUZZ
@given(st.text(max_size=300))
def test_normalize_url_of_anything(text):
    result = normalize_url(text)
    assert result is None or (isinstance(result, str) and result.startswith(("http://", "https://")))
    if result is not None:
        assert normalize_url(result) == result  # idempotent


@FUZZ
@given(st.from_regex(r"https?://[a-z0-9.\-]{1,30}(:[0-9]{1,5})?(/[^\s#?]{0,40})?(\?[^\s#]{0,40})?(#.{0,10})?",
                     fullmatch=True))
def test_normalize_url_of_url_like_text(text):
    result = normalize_url(text)
    assert result is None or result.startswith(("http://", "https://"))
    if result is not None:
        assert "#" not in result and normalize_url(result) == result
