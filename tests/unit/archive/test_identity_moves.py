"""The identity rules of archive/identity.py on a real archive file: site names, moves, an alias that becomes an
article, merges of duplicate rows."""

from __future__ import annotations

from typing import Any

import archive_samples
import pytest
from archive_samples import rows

from archive import Archive
from archive.identity import site_name, twin_urls, url_address

archive = archive_samples.archive
db_path = archive_samples.db_path

TEXT = "协会组织会员企业开展专题调研，了解再生铝企业原料供应和节能减排情况。"
LONG = TEXT * 8  # long enough (200 characters) for a word-for-word match to name one article


def article(url: str, title: str = "再生铝分会召开年会", body: str = TEXT, **extra: Any) -> dict[str, Any]:
    return {"url": url, "site": "example.org", "title": title, "body_text": body,
            "page_type_reason": "title-date-body", **extra}


@pytest.mark.parametrize(("target", "name"), [
    ("http://www.Example.org:8080/news/", "example.org"),
    ("https://example.org/", "example.org"),
    ("127.0.0.1:39717", "127.0.0.1"),
    ("http://user@host.test:81/", "host.test"),
    ("recycle", "recycle"),  # a profile's name
    ("http://www.org/", "www.org"),  # 'www' that is the whole name stays
])
def test_a_site_is_named_by_its_host_without_port_scheme_or_www(target: str, name: str) -> None:
    assert site_name(target) == name


def test_the_twins_of_a_url_are_its_address_at_http_https_and_www() -> None:
    assert twin_urls("http://example.org/a/1.html?id=2") == [
        "https://example.org/a/1.html?id=2", "https://www.example.org/a/1.html?id=2",
        "http://www.example.org/a/1.html?id=2"]
    assert url_address("https://example.org") == "/" and url_address("http://h/a?x=1") == "/a?x=1"


def test_an_article_moved_to_https_keeps_its_row_and_history(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    first = archive.save_article(crawl, article("http://example.org/news/1.html"))
    moved = archive.save_article(crawl, article("https://example.org/news/1.html", body=TEXT + "（更新）"))
    assert (moved.article_id, moved.status, moved.version) == (first.article_id, "changed", 2)
    assert moved.moved_from == "http://example.org/news/1.html"
    assert rows(archive, "SELECT url FROM articles") == [("https://example.org/news/1.html",)]
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("http://example.org/news/1.html", "moved")]


def test_an_article_redirected_to_a_new_path_follows_its_row(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    first = archive.save_article(crawl, article("http://example.org/show.php?id=1"))
    moved = archive.save_article(crawl, article("http://example.org/news/2024/1.html",
                                                aliases=[{"url": "http://example.org/show.php?id=1"}]))
    assert (moved.article_id, moved.status, moved.moved_from) == (first.article_id, "unchanged",
                                                                  "http://example.org/show.php?id=1")
    assert rows(archive, "SELECT count(*) FROM articles") == [(1,)]
    assert archive.article_by_url("http://example.org/show.php?id=1")["url"] == "http://example.org/news/2024/1.html"


def test_a_url_that_was_an_alias_can_become_an_article_of_its_own(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    first = archive.save_article(crawl, article("http://example.org/news/1.html",
                                                aliases=[{"url": "http://example.org/news/", "reason": "canonical"}]))
    same = archive.save_article(crawl, article("http://example.org/news/"))  # the same article at an alias
    assert (same.article_id, same.status) == (first.article_id, "unchanged")
    other = archive.save_article(crawl, article("http://example.org/news/", title="协会动态汇编", body=TEXT * 2))
    assert other.status == "new" and other.article_id != first.article_id
    assert rows(archive, "SELECT version FROM articles ORDER BY id") == [(1,), (1,)]  # nothing overwritten
    assert rows(archive, "SELECT count(*) FROM article_aliases") == [(0,)]


def test_a_crawl_at_a_new_port_moves_the_sites_rows_and_merges_duplicates(archive: Archive) -> None:
    old = archive.start_crawl("http://127.0.0.1:1111/", "demo")
    for k in (1, 2):
        archive.save_article(old, {**article(f"http://127.0.0.1:1111/news/{k}.html", body=TEXT * k), "site": "demo"})
    # what an older version left: news/2 archived again under another port, as a site named by host:port
    later = archive.start_crawl("http://127.0.0.1:2222/", "127.0.0.1:2222")
    archive.save_article(later, {**article("http://127.0.0.1:2222/news/2.html", body=TEXT + "（二）"),
                                 "site": "127.0.0.1:2222", "fetched_at": "2030-01-01T00:00:00Z"})
    with archive.conn:
        archive.conn.execute("UPDATE articles SET site = 'demo'")
    assert archive.rebase_site("demo", "http://127.0.0.1:3333") == {"moved": 2, "merged": 1}
    assert rows(archive, "SELECT url, version FROM articles ORDER BY url") == [
        ("http://127.0.0.1:3333/news/1.html", 1), ("http://127.0.0.1:3333/news/2.html", 2)]
    assert archive.rebase_site("demo", "http://127.0.0.1:3333") == {"moved": 0, "merged": 0}


def test_merged_duplicates_keep_every_version_in_fetch_order(archive: Archive) -> None:
    crawl = archive.start_crawl("x", "example.org")
    archive.save_article(crawl, article("http://example.org/a.html", fetched_at="2024-01-01T00:00:00Z"))
    archive.save_article(crawl, article("http://example.org/a.html", body=TEXT + "一", fetched_at="2024-03-01T00:00:00Z"))
    # what an older version could leave: the same article under its https URL, as a row of its own
    archive.save_article(crawl, {**article("https://example.org/a.html", body=TEXT + "二"), "site": "old-name",
                                 "fetched_at": "2024-02-01T00:00:00Z"})
    with archive.conn:
        archive.conn.execute("UPDATE articles SET site = 'example.org'")
    assert archive.merge_duplicates("example.org") == 1
    assert rows(archive, "SELECT id, url, version, body_text FROM articles") == [
        (1, "http://example.org/a.html", 3, TEXT + "一")]
    assert rows(archive, "SELECT version, fetched_at FROM article_versions ORDER BY version") == [
        (1, "2024-01-01T00:00:00Z"), (2, "2024-02-01T00:00:00Z"), (3, "2024-03-01T00:00:00Z")]
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("https://example.org/a.html", "merged")]
    assert rows(archive, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '协会组织'") == [(1,)]
    assert archive.merge_duplicates() == 0


def test_a_move_met_through_a_link_first_stays_one_article_and_follows_on_the_recheck(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    first = archive.save_article(crawl, article("http://example.org/news/1.html", body=LONG))
    # the site moved it; a list links the new URL before the old one is rechecked: word for word the same page
    linked = archive.save_article(crawl, article("http://example.org/2024/1.html", body=LONG))
    assert (linked.article_id, linked.status, linked.moved_from) == (first.article_id, "unchanged", None)
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("http://example.org/2024/1.html", "variant")]
    # the recheck of the old URL is redirected to the new one: the row follows
    rechecked = archive.save_article(crawl, article("http://example.org/2024/1.html", body=LONG,
                                                    aliases=[{"url": "http://example.org/news/1.html"}]))
    assert (rechecked.article_id, rechecked.moved_from) == (first.article_id, "http://example.org/news/1.html")
    assert rows(archive, "SELECT url FROM articles") == [("http://example.org/2024/1.html",)]
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("http://example.org/news/1.html", "moved")]


def test_a_row_at_a_url_that_now_redirects_is_merged_into_the_article(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    archive.save_article(crawl, article("http://example.org/news/1.html", fetched_at="2024-01-01T00:00:00Z"))
    # archived again at its new URL with an edited text (no content match), before the old URL was rechecked
    new = archive.save_article(crawl, article("http://example.org/2024/1.html", body=TEXT + "（修订）",
                                              fetched_at="2024-02-01T00:00:00Z"))
    assert rows(archive, "SELECT count(*) FROM articles") == [(2,)]
    again = archive.save_article(crawl, article("http://example.org/2024/1.html", body=TEXT + "（修订）",
                                                aliases=[{"url": "http://example.org/news/1.html"}]))
    assert (again.article_id, again.merged) == (new.article_id, 1)
    assert rows(archive, "SELECT url, version FROM articles") == [("http://example.org/2024/1.html", 2)]
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("http://example.org/news/1.html", "merged")]


def test_short_notices_of_one_title_and_text_are_two_articles(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    notice = {"title": "关于公布2024年会员名单的通知", "published_at": "2024-03-01", "body_text": "详见附件。"}
    first = archive.save_article(crawl, {**article("http://example.org/tzgg/1.html"), **notice,
                                         "attachments": [{"url": "http://example.org/u/1.pdf", "text": "名单一"}]})
    second = archive.save_article(crawl, {**article("http://example.org/tzgg/2.html"), **notice,
                                          "attachments": [{"url": "http://example.org/u/2.pdf", "text": "名单二"}]})
    assert second.status == "new" and second.article_id != first.article_id


def test_a_merge_keeps_the_rows_current_version_the_highest(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    archive.save_article(crawl, article("http://example.org/old.html", body="甲" + LONG, fetched_at="2024-01-01T00:00:00Z"))
    archive.save_article(crawl, article("http://example.org/new.html", body="乙" + LONG, fetched_at="2024-02-01T00:00:00Z"))
    archive.save_article(crawl, article("http://example.org/old.html", body="丙" + LONG, fetched_at="2024-03-01T00:00:00Z"))
    merged = archive.save_article(crawl, article("http://example.org/new.html", body="乙" + LONG,
                                                 aliases=[{"url": "http://example.org/old.html"}]))
    assert merged.merged == 1
    assert rows(archive, "SELECT version, substr(body_text, 1, 1) FROM articles") == [(3, "乙")]  # 甲 1, 丙 2, 乙 3
    edited = archive.save_article(crawl, article("http://example.org/new.html", body="丁" + LONG))
    assert (edited.status, edited.version) == ("changed", 4)  # the next version has a number of its own


def test_an_alias_that_is_a_row_of_the_site_merges_only_when_it_redirected(archive: Archive) -> None:
    crawl = archive.start_crawl("http://example.org/", "example.org")
    old = archive.save_article(crawl, article("http://example.org/old.html", body="甲" + LONG))
    new = archive.save_article(crawl, article("http://example.org/new.html", body="乙" + LONG))
    assert archive.record_alias("http://example.org/old.html", "http://example.org/new.html", "canonical") is False
    assert rows(archive, "SELECT count(*) FROM articles") == [(2,)]
    assert archive.record_alias("http://example.org/old.html", "http://example.org/new.html") is True  # a redirect
    assert rows(archive, "SELECT id FROM articles") == [(new.article_id,)] and old.article_id != new.article_id
    assert rows(archive, "SELECT url, reason FROM article_aliases") == [("http://example.org/old.html", "merged")]
