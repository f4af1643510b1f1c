"""Read-only overview of what an archive holds (``assoc-crawler summary`` and the demo)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from typing import Any

from .store import Archive
from .values import dict_rows

SUMMARY_CRAWLS = 10
SUMMARY_ARTICLES = 10
SUMMARY_HEADINGS = 10

_CRAWL_COLUMNS = (
    "id, target, site, status, started_at, finished_at, requests, responses, pages_fetched, "
    "articles_new, articles_changed, articles_unchanged, articles_not_modified, articles_gone, errors, "
    "json_array_length(coalesce(alerts_json, '[]')) AS alerts, "
    # what the URL identity rules did (archive.identity): articles followed to a new URL, duplicate rows merged
    "coalesce(json_extract(stats_json, '$.\"identity/moves_followed\"'), 0) AS moved, "
    "coalesce(json_extract(stats_json, '$.\"identity/duplicates_merged\"'), 0) AS merged"
)
_RECENT_COLUMNS = (
    "url, title, published_at, source, editor, category, site, length(body_text) AS body_chars, version"
)


def archive_summary(
    path_or_archive: str | os.PathLike[str] | Archive,
    *,
    crawls: int = SUMMARY_CRAWLS,
    articles: int = SUMMARY_ARTICLES,
) -> dict[str, Any]:
    """Summarise an archive (a path, opened read-only, or an open ``Archive``) as a JSON-friendly dict.

    Keys: path, schema_version, counts (rows per table), sites (articles and first/last published_at
    per site), crawls (the latest ``crawls``), recent_articles (the ``articles`` most recently published,
    then undated ones; body_chars is the length of body_text in characters), listing_kinds (blocks,
    items and pages per listing kind), listing_headings (most frequent block headings), pages (rows per
    page_type) and errors (rows per error kind).
    """
    if isinstance(path_or_archive, Archive):
        return _summarise(path_or_archive, crawls, articles)
    with Archive(path_or_archive, readonly=True) as archive:
        return _summarise(archive, crawls, articles)


def _summarise(archive: Archive, crawls: int, articles: int) -> dict[str, Any]:
    conn = archive.conn

    def rows(sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return dict_rows(conn.execute(sql, params))

    recent = rows(
        f"SELECT {_RECENT_COLUMNS} FROM articles WHERE published_at IS NOT NULL "
        "ORDER BY published_at DESC, id DESC LIMIT ?",
        (articles,),
    )
    if len(recent) < articles:
        recent += rows(
            f"SELECT {_RECENT_COLUMNS} FROM articles WHERE published_at IS NULL ORDER BY id DESC LIMIT ?",
            (articles - len(recent),),
        )
    return {
        "path": archive.path,
        "schema_version": archive.schema_version,
        "counts": archive.counts(),
        "sites": rows(
            "SELECT site, count(*) AS articles, min(published_at) AS first_published_at, "
            "max(published_at) AS last_published_at, max(last_seen_at) AS last_seen_at "
            "FROM articles GROUP BY site ORDER BY articles DESC, site"
        ),
        "crawls": rows(f"SELECT {_CRAWL_COLUMNS} FROM crawls ORDER BY id DESC LIMIT ?", (crawls,)),
        "recent_articles": recent,
        "listing_kinds": rows(
            "SELECT kind, count(DISTINCT crawl_id || char(31) || page_url || char(31) || block) AS blocks, "
            "count(*) AS items, count(DISTINCT page_url) AS pages "
            "FROM listings GROUP BY kind ORDER BY items DESC, kind"
        ),
        "listing_headings": rows(
            "SELECT kind, heading, count(DISTINCT crawl_id || char(31) || page_url || char(31) || block) "
            "AS blocks, count(*) AS items FROM listings GROUP BY kind, heading "
            "ORDER BY blocks DESC, items DESC, kind, heading LIMIT ?",
            (SUMMARY_HEADINGS,),
        ),
        "pages": {
            row["page_type"]: row["n"]
            for row in rows(
                "SELECT page_type, count(*) AS n FROM pages GROUP BY page_type ORDER BY page_type"
            )
        },
        "errors": {
            row["error"]: row["n"]
            for row in rows("SELECT error, count(*) AS n FROM errors GROUP BY error ORDER BY n DESC, error")
        },
    }


# --- plain-text report -----------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Terminal columns taken by ``text`` (CJK and full-width characters count double)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        step = _width(ch)
        if used + step > limit - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return " ".join(str(value).split())  # one line per row, whatever the text holds


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], clip: dict[int, int] | None = None
) -> list[str]:
    """Left-aligned text columns, right-aligned numbers, two spaces apart, indented by two."""
    clip = clip or {}
    cells = [[_clip(_cell(v), clip[i]) if i in clip else _cell(v) for i, v in enumerate(row)] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(headers))
    ]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            gap = " " * (widths[i] - _width(value))
            parts.append(gap + value if numeric[i] else value + gap)
        return ("  " + "  ".join(parts)).rstrip()

    return [line(headers)] + [line(r) for r in cells]


table_lines = _table  # public name, for the query commands' table output


_CRAWL_TABLE = (  # (heading, key) of the latest-crawls table
    ("id", "id"), ("target", "target"), ("status", "status"), ("started", "started_at"),
    ("finished", "finished_at"), ("requests", "requests"), ("pages", "pages_fetched"), ("new", "articles_new"),
    ("changed", "articles_changed"), ("unchanged", "articles_unchanged"), ("304", "articles_not_modified"),
    ("gone", "articles_gone"), ("moved", "moved"), ("merged", "merged"), ("errors", "errors"), ("alarms", "alerts"),
)
_ARTICLE_TABLE = (  # (heading, key) of the recent-articles table
    ("published", "published_at"), ("site", "site"), ("category", "category"), ("source", "source"),
    ("editor", "editor"), ("chars", "body_chars"), ("title", "title"),
)


def _site_lines(sites: list[dict[str, Any]]) -> list[str]:
    return _table(
        ["site", "articles", "first published", "last published", "last seen"],
        [(s["site"], s["articles"], s["first_published_at"], s["last_published_at"], s["last_seen_at"]) for s in sites],
    )


def _crawl_lines(crawls: list[dict[str, Any]]) -> list[str]:
    return _table([heading for heading, _ in _CRAWL_TABLE],
                  [tuple(c[key] for _, key in _CRAWL_TABLE) for c in crawls], clip={1: 30})


def _recent_article_lines(recent: list[dict[str, Any]]) -> list[str]:
    """The recent articles' table, each row followed by the article's URL."""
    lines = _table([heading for heading, _ in _ARTICLE_TABLE],
                   [tuple(a[key] for _, key in _ARTICLE_TABLE) for a in recent],
                   clip={0: 25, 1: 24, 2: 16, 3: 20, 4: 12, 6: 50})
    with_urls = lines[:1]
    for row_line, article in zip(lines[1:], recent, strict=True):
        with_urls += [row_line, f"    {article['url']}"]
    return with_urls


def _listing_sections(summary: dict[str, Any]) -> list[tuple[str, list[str], bool]]:
    """(title, lines, empty) of the listing blocks' sections (headings only when there are some)."""
    kinds = summary.get("listing_kinds", [])
    sections = [("Listing blocks by kind", _table(["kind", "blocks", "items", "pages"],
                                                  [(k["kind"], k["blocks"], k["items"], k["pages"]) for k in kinds]),
                 not kinds)]
    headings = summary.get("listing_headings", [])
    if headings:
        sections.append(("Most frequent block headings",
                         _table(["kind", "heading", "blocks", "items"],
                                [(h["kind"], h["heading"], h["blocks"], h["items"]) for h in headings], clip={1: 40}),
                         False))
    return sections


def format_summary(summary: dict[str, Any]) -> str:
    """Render ``archive_summary`` output as a readable plain-text report (Chinese text kept intact)."""
    counts = summary.get("counts", {})
    sites = summary.get("sites", [])
    crawls = summary.get("crawls", [])
    recent = summary.get("recent_articles", [])
    sections = [
        ("Rows per table", _table(["table", "rows"], list(counts.items())), not counts),
        ("Sites", _site_lines(sites), not sites),
        ("Latest crawls", _crawl_lines(crawls), not crawls),
        ("Recent articles", _recent_article_lines(recent), not recent),
        *_listing_sections(summary),
    ]
    pages = summary.get("pages", {})
    if pages:
        sections.append(("Pages by type", _table(["type", "pages"], list(pages.items())), False))
    errors = summary.get("errors", {})
    if errors:
        sections.append(("Errors by kind", _table(["error", "count"], list(errors.items())), False))
    out = [f"Archive {summary.get('path', '?')} (schema version {summary.get('schema_version', '?')})"]
    for title, lines, empty in sections:
        out += ["", title, *(["  (none)"] if empty else lines)]
    return "\n".join(out) + "\n"
