"""English news sites of the generator behind bench/news.py (seeds 2000-2002, outside both halves of the bench), and
a German one (seed 2003), served on 127.0.0.1 and crawled into SQLite by `assoc-crawler crawl`: every story kind is archived once with its
headline, authors and most of its text, and no section front, tag, author, search, sign-in, newsletter or "page
not found" page is archived as an article."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from urllib.parse import urlsplit

import pytest
from conftest import FAST, RoutedSite, run_cli, serving

from assoc_crawler.demo.news_pages import NewsPage, generate_news_pages

SITES = ((2000, "en"), (2001, "en"), (2002, "en"), (2003, "de"))
HREF = re.compile(r'href="(http://[^"/]+)(/[^"]*)"')


def bigram_f1(got: str, want: str) -> float:
    """Character-bigram F1 after removing whitespace (the measure of bench/extraction.py)."""
    def grams(text: str) -> Counter[str]:
        text = re.sub(r"\s+", "", text)
        return Counter(text[i:i + 2] for i in range(len(text) - 1))
    a, b = grams(got), grams(want)
    common = sum((a & b).values())
    return 0.0 if not common else 2 * common / (sum(a.values()) + sum(b.values()))


def routes(pages: list[NewsPage], base: str) -> dict[str, str]:
    """Path -> HTML of the site's pages on ``base``, every link moved to ``base`` (a link to a page the site does not
    have is a 404 there, which a crawl of depth 1 never asks for: those links sit on the pages the home links)."""
    paths = {urlsplit(p.url)._replace(scheme="", netloc="").geturl(): p for p in pages}
    out = {}
    for path, page in paths.items():
        html = page.html.decode("utf-8")
        out[path] = HREF.sub(lambda m: f'href="{base}{m.group(2)}"', html)
    out["/"] = "<html><body>" + "".join(f'<a href="{base}{path}">{path}</a> ' for path in paths) + "</body></html>"
    return out


@pytest.mark.parametrize("seed, lang", SITES)
def test_a_news_site_is_archived_story_by_story(tmp_path, seed, lang):
    pages = generate_news_pages(seed, lang)
    site = RoutedSite({})
    db = tmp_path / "news.db"
    with serving(site.handler()) as url:
        site.routes.update(routes(pages, url))
        result = run_cli("crawl", url + "/", "--db", str(db), "--depth", "1", *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        rows = {urlsplit(u)._replace(scheme="", netloc="").geturl(): (title, author, body)
                for u, title, author, body in conn.execute("SELECT url, title, author, body_text FROM articles")}
    stories = {urlsplit(p.url)._replace(scheme="", netloc="").geturl(): p for p in pages if p.is_article}
    assert sorted(rows) == sorted(stories), "every story archived once, nothing else"
    for path, page in stories.items():
        title, author, body = rows[path]
        assert title == page.headline, path
        names = set(re.split(r"\s*(?:,|\band\b|\bund\b)\s*", author)) - {""} if author else set()
        assert names == set(page.authors), (path, author)
        assert bigram_f1(body, page.body) >= 0.8, (page.kind, path)
