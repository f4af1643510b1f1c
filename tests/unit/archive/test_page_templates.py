"""pages.template: the skeleton of the page as its latest response showed it (None when it had no headline); a
write without a response (a re-extraction, a page recorded without its body) leaves it as it was."""

from __future__ import annotations

from pathlib import Path

from archive import Archive

URL = "https://x.test/news/1.html"


def template_of(archive: Archive, url: str = URL) -> str | None:
    return archive.conn.execute("SELECT template FROM pages WHERE url = ?", (url,)).fetchone()[0]


def raw(template: str | None) -> dict:
    return {"url": URL, "page_no": 1, "status": 200, "headers": {}, "body": b"<html></html>", "template": template}


def test_the_latest_response_says_what_the_template_is(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        crawl = archive.start_crawl("x", "x")
        archive.record_page(crawl, URL, "x", "other", 200, reason="no-body", raw=raw("div.main>div.article"))
        assert template_of(archive) == "div.main>div.article"
        archive.record_page(crawl, URL, "x", "other", 200, reason="no-title", raw=raw(None))  # lost its headline
        assert template_of(archive) is None
        archive.record_page(crawl, URL, "x", "other", 200, reason="no-title", raw=raw("div.main>div.article"))
        archive.record_page(crawl, URL, "x", "other", 304)  # no response body: nothing said
        assert template_of(archive) == "div.main>div.article"


def test_an_article_saved_without_responses_keeps_its_template(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        crawl = archive.start_crawl("x", "x")
        record = {"url": URL, "site": "x", "title": "年会召开", "body_text": "正文", "raw_pages": [raw("div.art")]}
        archive.save_article(crawl, record)
        assert template_of(archive) == "div.art"
        archive.save_article(crawl, {**record, "body_text": "正文（修改）", "raw_pages": []})  # re-extracted
        assert template_of(archive) == "div.art"
