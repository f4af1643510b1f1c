"""Shared by the archive tests (test_archive_*.py): a sample two-page article with every part, the `db_path` and
`archive` fixtures (a fresh archive file in tmp_path), and `rows` for raw SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archive import Archive

URL = "https://www.cnfa.org.cn/news/2024/0301/123.html"
PAGE2 = "https://www.cnfa.org.cn/news/2024/0301/123_2.html"
OLD_URL = "https://www.cnfa.org.cn/news/show.php?id=123"
BODY1 = "<html><head><meta charset='gbk'></head><body>第一页 中国家具协会</body></html>".encode("gbk")
BODY2 = "<html><body>第二页</body></html>".encode("gbk")


def sample_fields() -> dict[str, Any]:
    """The article's own fields: URL, alias, site, metadata, body, fetch details."""
    return {
        "url": URL,
        "aliases": [{"url": OLD_URL, "reason": "redirect"}],
        "site": "cnfa",
        "title": "2024年全国家具行业经济运行情况",
        "published_at": "2024-03-01T10:00:00+08:00",
        "source": "中国家具协会",
        "author": "张三",
        "editor": "李四",
        "category": "行业动态",
        "body_text": "一月至二月，全国家具行业营业收入同比增长。\n\n出口情况良好。",
        "body_html": "<p>一月至二月，全国家具行业营业收入同比增长。</p><p>出口情况良好。</p>",
        "lang": "zh",
        "encoding": "gbk",
        "page_count": 2,
        "extractor_version": "1.0",
        "etag": '"abc"',
        "last_modified": "Fri, 01 Mar 2024 02:00:00 GMT",
        "fetched_at": "2024-03-02T00:00:00Z",
    }


def listing_item(heading: str, kind: str, block: int, position: int, target: int, title: str,
                 label: str | None = None, teaser: str | None = None) -> dict[str, Any]:
    """One item of a listing block, linking to /news/<target>.html."""
    return {"heading": heading, "kind": kind, "block": block, "position": position,
            "target_url": f"https://www.cnfa.org.cn/news/{target}.html", "title": title, "label": label,
            "teaser": teaser}


def sample_parts() -> dict[str, Any]:
    """The article's images, attachments, listing blocks (two hot items, one related) and raw pages (new lists on
    every call: tests change them)."""
    return {
        "images": [
            {"url": "https://www.cnfa.org.cn/img/1.jpg", "alt": "图一", "caption": "展会现场"},
            {"url": "https://www.cnfa.org.cn/img/2.jpg", "alt": None, "caption": None},
        ],
        "attachments": [
            {"url": "https://www.cnfa.org.cn/files/report.PDF", "text": "统计报告"},
            {"url": "https://www.cnfa.org.cn/download.jsp?f=table.xlsx", "text": "附表"},
        ],
        "listings": [
            listing_item("热点新闻", "hot", 0, 1, 1, "热点一"),
            listing_item("热点新闻", "hot", 0, 2, 2, "热点二", label="new"),
            listing_item("相关阅读", "related", 1, 1, 3, "相关一", teaser="摘要"),
        ],
        "raw_pages": [
            {"url": URL, "page_no": 1, "status": 200, "headers": {"Content-Type": "text/html; charset=gbk"},
             "encoding": "gbk", "body": BODY1},
            {"url": PAGE2, "page_no": 2, "status": 200, "headers": {"Content-Type": "text/html"},
             "encoding": "gbk", "body": BODY2},
        ],
    }


def make_article(**overrides: Any) -> dict[str, Any]:
    """The sample article as the pipeline hands it to the archive, with `overrides` applied."""
    return {**sample_fields(), **sample_parts(), **overrides}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def archive(db_path: Path):
    with Archive(db_path) as opened:
        yield opened


def rows(archive: Archive, sql: str, params: tuple = ()) -> list[tuple]:
    return archive.conn.execute(sql, params).fetchall()
