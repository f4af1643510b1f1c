"""Tests of the SQLite archive (archive/), saving articles: new, unchanged, changed, aliases, failures; the
content hash and the timestamps. Real files in tmp_path, no mocks."""

from __future__ import annotations

import copy
import hashlib
import sqlite3
import zlib

import archive_samples
import pytest
from archive_samples import BODY1, BODY2, OLD_URL, PAGE2, URL, make_article, rows

from archive import Archive, ArchiveError, SaveResult, content_hash
from archive.schema import TABLE_NAMES
from archive.store import file_type_of, to_utc_iso

archive = archive_samples.archive  # the shared fixtures: a fresh archive file in tmp_path, and its path
db_path = archive_samples.db_path


# --- saving articles -------------------------------------------------------------------------------------

def save_sample(archive: Archive) -> tuple[int, SaveResult]:
    """A crawl and the sample article saved in it, new: (crawl id, save result)."""
    crawl_id = archive.start_crawl("cnfa", "cnfa", settings={"DOWNLOAD_DELAY": 1})
    result = archive.save_article(crawl_id, make_article())
    assert result == SaveResult(article_id=result.article_id, status="new", version=1, aliases_added=1)
    return crawl_id, result


def test_new_article_is_stored_with_every_part(archive: Archive) -> None:
    crawl_id, result = save_sample(archive)

    stored = archive.article_by_url(URL)
    assert stored is not None
    assert stored["id"] == result.article_id
    assert stored["version"] == 1
    assert stored["content_hash"] == content_hash(make_article())
    assert stored["first_seen_at"] == stored["last_seen_at"] == stored["changed_at"] == "2024-03-02T00:00:00Z"
    assert stored["first_crawl_id"] == stored["last_crawl_id"] == crawl_id
    assert stored["published_at"] == "2024-03-01T10:00:00+08:00"  # content is stored as given
    assert stored["page_count"] == 2
    assert [i["url"] for i in stored["images"]] == [
        "https://www.cnfa.org.cn/img/1.jpg",
        "https://www.cnfa.org.cn/img/2.jpg",
    ]
    assert [(a["position"], a["file_type"]) for a in stored["attachments"]] == [(1, "pdf"), (2, "xlsx")]
    assert stored["aliases"] == [
        {"url": OLD_URL, "reason": "redirect", "first_seen_at": "2024-03-02T00:00:00Z"}
    ]

    counts = archive.counts()
    assert counts["articles"] == 1
    assert counts["article_versions"] == 1
    assert counts["images"] == 2
    assert counts["attachments"] == 2
    assert counts["listings"] == 3
    assert counts["raw_pages"] == 2
    assert counts["pages"] == 2
    assert counts["article_aliases"] == 1


def test_new_article_writes_its_version_raw_pages_listings_and_pages(archive: Archive) -> None:
    crawl_id, result = save_sample(archive)

    version = rows(archive, "SELECT version, title, body_text, crawl_id, images_json FROM article_versions")[
        0
    ]
    assert version[:4] == (1, "2024年全国家具行业经济运行情况", make_article()["body_text"], crawl_id)
    assert "展会现场" in version[4]

    raw = rows(
        archive,
        "SELECT url, page_no, status, body, body_sha256, headers_json, article_id FROM raw_pages "
        "ORDER BY page_no",
    )
    assert [(r[0], r[1], r[2]) for r in raw] == [(URL, 1, 200), (PAGE2, 2, 200)]
    assert zlib.decompress(raw[0][3]) == BODY1
    assert zlib.decompress(raw[1][3]) == BODY2
    assert raw[0][4] == hashlib.sha256(BODY1).hexdigest()
    assert "charset=gbk" in raw[0][5]
    assert raw[0][6] == result.article_id

    listings = rows(
        archive,
        "SELECT page_url, article_id, block, kind, position, heading, title FROM listings "
        "ORDER BY block, position",
    )
    assert listings[0] == (URL, result.article_id, 0, "hot", 1, "热点新闻", "热点一")
    assert listings[2][2:4] == (1, "related")

    pages = rows(
        archive, "SELECT url, page_type, article_id, last_status, last_crawl_id FROM pages ORDER BY url"
    )
    assert pages == [
        (URL, "article", result.article_id, 200, crawl_id),
        (PAGE2, "article", result.article_id, 200, crawl_id),
    ]


def test_same_article_again_is_unchanged_and_duplicates_nothing(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    before = archive.counts()

    again = archive.save_article(crawl_id, make_article(fetched_at="2024-03-02T01:00:00Z", etag='"def"'))
    assert again == SaveResult(first.article_id, "unchanged", 1)
    assert archive.counts() == before  # listings of the same page in the same crawl are not duplicated
    stored = archive.article_by_url(URL)
    assert stored["last_seen_at"] == "2024-03-02T01:00:00Z"
    assert stored["changed_at"] == "2024-03-02T00:00:00Z"
    assert stored["etag"] == '"def"'

    # Whitespace differences do not count as a change.
    spaced = make_article(body_text="  一月至二月，全国家具行业营业收入同比增长。 出口情况良好。\u3000")
    assert archive.save_article(crawl_id, spaced).status == "unchanged"
    assert archive.counts() == before

    # A new crawl records the listings (and the pages row) again; nothing else grows.
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    assert archive.save_article(crawl2, make_article(fetched_at="2024-03-09T00:00:00Z")).status == "unchanged"
    after = archive.counts()
    assert after["listings"] == before["listings"] * 2
    assert {k: v for k, v in after.items() if k not in ("listings", "crawls")} == {
        k: v for k, v in before.items() if k not in ("listings", "crawls")
    }
    assert archive.article_by_url(URL)["last_crawl_id"] == crawl2


def test_changed_article_gets_a_new_version_and_keeps_history(archive: Archive) -> None:
    crawl1 = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl1, make_article())
    crawl2 = archive.start_crawl("cnfa", "cnfa")
    new_body = BODY1.replace("第一页".encode("gbk"), "第一页（更新）".encode("gbk"))
    changed = make_article(
        body_text="一月至二月，全国家具行业营业收入同比增长5%。",
        fetched_at="2024-03-10T08:00:00+08:00",
        images=[{"url": "https://www.cnfa.org.cn/img/3.jpg", "alt": "新图", "caption": None}],
        attachments=[],
        raw_pages=[{**make_article()["raw_pages"][0], "body": new_body}, make_article()["raw_pages"][1]],
    )
    result = archive.save_article(crawl2, changed)
    assert result == SaveResult(first.article_id, "changed", 2)

    stored = archive.article_by_url(URL)
    assert stored["version"] == 2
    assert stored["body_text"] == "一月至二月，全国家具行业营业收入同比增长5%。"
    assert stored["changed_at"] == stored["last_seen_at"] == "2024-03-10T00:00:00Z"
    assert stored["first_seen_at"] == "2024-03-02T00:00:00Z"
    assert stored["first_crawl_id"] == crawl1 and stored["last_crawl_id"] == crawl2
    assert [i["url"] for i in stored["images"]] == ["https://www.cnfa.org.cn/img/3.jpg"]
    assert stored["attachments"] == []

    history = rows(
        archive,
        "SELECT version, body_text, content_hash, crawl_id, images_json FROM article_versions "
        "WHERE article_id = ? ORDER BY version",
        (first.article_id,),
    )
    assert [h[0] for h in history] == [1, 2]
    assert history[0][1] == make_article()["body_text"]
    assert history[0][2] == content_hash(make_article())
    assert history[0][3] == crawl1 and history[1][3] == crawl2
    assert "1.jpg" in history[0][4] and "3.jpg" in history[1][4]
    assert history[1][2] == stored["content_hash"]

    # The changed first page is stored again; the identical second page is not.
    raw = rows(archive, "SELECT url, crawl_id FROM raw_pages ORDER BY id")
    assert raw == [(URL, crawl1), (PAGE2, crawl1), (URL, crawl2)]
    latest = rows(archive, "SELECT body FROM raw_pages WHERE url = ? ORDER BY id DESC LIMIT 1", (URL,))[0][0]
    assert zlib.decompress(latest) == new_body

    # A third version.
    third = archive.save_article(crawl2, make_article(title="新标题"))
    assert (third.status, third.version) == ("changed", 3)
    assert rows(archive, "SELECT count(*) FROM article_versions")[0][0] == 3


def test_snapshot_safety_net_copies_a_missing_current_version(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    archive.conn.execute("DELETE FROM article_versions")  # e.g. an archive written by older code
    archive.save_article(crawl_id, make_article(title="改后的标题"))
    history = rows(
        archive,
        "SELECT version, title, images_json FROM article_versions WHERE article_id = ? ORDER BY version",
        (first.article_id,),
    )
    assert [(v, t) for v, t, _ in history] == [(1, "2024年全国家具行业经济运行情况"), (2, "改后的标题")]
    assert "展会现场" in history[0][2]


def test_alias_resolution(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    first = archive.save_article(crawl_id, make_article())
    via_alias = archive.article_by_url(OLD_URL)
    assert via_alias is not None and via_alias["id"] == first.article_id and via_alias["url"] == URL
    assert archive.article_by_url("https://www.cnfa.org.cn/nope.html") is None

    # Saving under the alias url goes to the same article.
    result = archive.save_article(crawl_id, make_article(url=OLD_URL, aliases=[]))
    assert (result.article_id, result.status) == (first.article_id, "unchanged")
    assert archive.counts()["articles"] == 1
    # ... and its listings are stored under the article's canonical (first-page) url.
    assert rows(archive, "SELECT DISTINCT page_url FROM listings") == [(URL,)]

    # New aliases are added, known ones are not duplicated, a canonical url never becomes an alias.
    archive.save_article(
        crawl_id,
        make_article(
            aliases=[
                {"url": OLD_URL, "reason": "redirect"},
                {"url": URL + "?from=rss", "reason": "variant"},
                {"url": URL, "reason": "canonical"},
            ]
        ),
    )
    aliases = archive.article_by_url(URL)["aliases"]
    assert sorted((a["url"], a["reason"]) for a in aliases) == [
        (URL + "?from=rss", "variant"),
        (OLD_URL, "redirect"),
    ]

    with pytest.raises(ArchiveError, match="alias reason"):
        archive.save_article(crawl_id, make_article(aliases=[{"url": "https://x/", "reason": "guess"}]))


def test_failure_in_the_middle_rolls_back_the_whole_article(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    broken_listings = make_article()["listings"]
    del broken_listings[2]["position"]  # NOT NULL, written last
    with pytest.raises(ArchiveError, match="nothing was saved") as caught:
        archive.save_article(crawl_id, make_article(listings=broken_listings))
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert {k: v for k, v in archive.counts().items() if k != "crawls"} == {
        name: 0 for name in TABLE_NAMES if name != "crawls"
    }
    assert not archive.conn.in_transaction
    # The archive is still usable, and a rolled-back change leaves the stored version alone.
    first = archive.save_article(crawl_id, make_article())
    with pytest.raises(ArchiveError):
        archive.save_article(crawl_id, make_article(title="新标题", listings=broken_listings))
    stored = archive.article_by_url(URL)
    assert (stored["version"], stored["title"]) == (1, "2024年全国家具行业经济运行情况")
    assert archive.save_article(crawl_id, make_article()) == SaveResult(first.article_id, "unchanged", 1)


def test_foreign_keys_are_enforced(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.save_article(999, make_article())
    assert archive.counts()["articles"] == 0
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.save_listings(crawl_id, URL, make_article()["listings"], article_id=12345)
    with pytest.raises(ArchiveError, match="FOREIGN KEY"):
        archive.record_error(999, URL, "timeout")
    with pytest.raises(sqlite3.IntegrityError):
        archive.conn.execute("INSERT INTO images (article_id, position, url) VALUES (42, 1, 'x')")


def test_invalid_input_is_reported(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    with pytest.raises(ArchiveError, match="url"):
        archive.save_article(crawl_id, {"title": "无网址"})
    with pytest.raises(ArchiveError, match="ISO 8601"):
        archive.save_article(crawl_id, make_article(fetched_at="yesterday"))
    with pytest.raises(ArchiveError, match="bytes"):
        archive.save_article(crawl_id, make_article(raw_pages=[{"url": URL, "body": "text"}]))
    with pytest.raises(ArchiveError, match="listing kind"):
        archive.save_listings(crawl_id, URL, [{"block": 0, "position": 1, "kind": "popular"}])
    with pytest.raises(ArchiveError, match="page_type"):
        archive.record_page(crawl_id, URL, "cnfa", "home", 200)
    assert archive.counts()["articles"] == 0


def test_article_without_optional_parts(archive: Archive) -> None:
    crawl_id = archive.start_crawl("cnfa", "cnfa")
    minimal = {"url": "https://www.cnfa.org.cn/a.html", "site": "cnfa", "title": "短讯", "body_text": "内容"}
    result = archive.save_article(crawl_id, minimal)
    assert (result.status, result.version) == ("new", 1)
    stored = archive.article_by_url(minimal["url"])
    assert stored["page_count"] == 1 and stored["images"] == [] and stored["aliases"] == []
    assert stored["first_seen_at"].endswith("Z")
    # no raw page: nothing was fetched (re-extraction), so the crawl frontier is not touched
    assert rows(archive, "SELECT page_type, last_status FROM pages") == []


# --- helpers ---------------------------------------------------------------------------------------------


def test_content_hash_normalisation() -> None:
    base = make_article()
    assert content_hash(base) == content_hash(copy.deepcopy(base) | {"body_html": "<p>different</p>"})
    assert content_hash(base) == content_hash(base | {"title": " 2024年全国家具行业经济运行情况\n"})
    assert content_hash(base) != content_hash(base | {"editor": "王五"})
    assert content_hash({"title": None}) == content_hash({"title": ""})


def test_timestamps_and_file_types() -> None:
    assert to_utc_iso("2024-03-02T08:00:00+08:00") == "2024-03-02T00:00:00Z"
    assert to_utc_iso("2024-03-02T00:00:00") == "2024-03-02T00:00:00Z"
    assert to_utc_iso(None) is None
    assert file_type_of("https://x/files/a%20b.DOCX") == "docx"
    assert file_type_of("https://x/down.php?id=3", "年度报告.pdf") == "pdf"
    assert file_type_of("https://x/down.php?id=3", "年度报告") is None
