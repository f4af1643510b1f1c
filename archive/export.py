"""Exports of the archive: CSV (Excel-friendly), JSON Lines (every field, listings, attachments) and Parquet.

Every export streams: one article is in memory at a time (Parquet: one batch), whatever the archive's size.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any

from .search import Filters, where_clause
from .values import query_dicts

# CSV and Parquet columns, in order: the article's fields a researcher filters and reads.
EXPORT_COLUMNS = (
    "id", "url", "site", "title", "published_at", "source", "author", "editor", "category", "body_text", "lang",
    "page_count", "version", "first_seen_at", "last_seen_at", "changed_at", "gone_at", "extractor_version",
    "page_type_reason",
)
PARQUET_BATCH = 1000

SQL_LISTINGS_OF_PAGE = """
SELECT block, heading, kind, position, target_url, title, label, teaser, seen_at FROM listings
WHERE page_url = ? AND crawl_id = (SELECT max(crawl_id) FROM listings WHERE page_url = ?)
ORDER BY block, position
"""
SQL_ATTACHMENTS = "SELECT position, url, text, file_type FROM attachments WHERE article_id = ? ORDER BY position"
SQL_IMAGES = "SELECT position, url, alt, caption FROM images WHERE article_id = ? ORDER BY position"
SQL_ALIASES = "SELECT url, reason FROM article_aliases WHERE article_id = ? ORDER BY url"
SQL_VERSIONS = "SELECT version, fetched_at, content_hash FROM article_versions WHERE article_id = ? ORDER BY version"


def iter_articles(conn: sqlite3.Connection, query: str | None = None, filters: Filters | None = None,
                  columns: tuple[str, ...] | None = None) -> Iterator[dict[str, Any]]:
    """Every article matching the optional search ``query`` and ``filters``, in id order, one dict at a time."""
    params: list[Any] = []
    where = where_clause(query, filters, params)
    selected = ", ".join(f"a.{c}" for c in columns) if columns else "a.*"
    cursor = conn.execute(f"SELECT {selected} FROM articles AS a WHERE {where} ORDER BY a.id", params)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def full_record(conn: sqlite3.Connection, article: dict[str, Any]) -> dict[str, Any]:
    """An article with everything around it: field_methods as an object, the listing blocks of its page (latest
    crawl that saw them), attachments, images, aliases and its versions (numbers, fetch times, hashes)."""
    record = dict(article)
    methods = record.get("field_methods")
    record["field_methods"] = json.loads(methods) if methods else {}
    record["listings"] = query_dicts(conn, SQL_LISTINGS_OF_PAGE, (article["url"], article["url"]))
    record["attachments"] = query_dicts(conn, SQL_ATTACHMENTS, (article["id"],))
    record["images"] = query_dicts(conn, SQL_IMAGES, (article["id"],))
    record["aliases"] = query_dicts(conn, SQL_ALIASES, (article["id"],))
    record["versions"] = query_dicts(conn, SQL_VERSIONS, (article["id"],))
    return record


# What a spreadsheet takes for the start of a formula in a cell (CSV injection): such text cells get a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text value a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+1``, ``@SUM``) with a leading
    apostrophe, which shows it as the text it is; anything else as it is."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_csv(conn: sqlite3.Connection, out: IO[str], query: str | None = None, filters: Filters | None = None,
              bom: bool = False, raw_cells: bool = False) -> int:
    """CSV with a header row (``EXPORT_COLUMNS``); ``bom`` starts it with a UTF-8 BOM so Excel reads Chinese
    right. Text cells a spreadsheet would run as formulas are neutralised (`spreadsheet_safe`) unless
    ``raw_cells``. Returns the number of articles written."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    cell = (lambda value: value) if raw_cells else spreadsheet_safe
    written = 0
    for article in iter_articles(conn, query, filters, EXPORT_COLUMNS):
        writer.writerow(["" if article[c] is None else cell(article[c]) for c in EXPORT_COLUMNS])
        written += 1
    return written


def write_jsonl(conn: sqlite3.Connection, out: IO[str], query: str | None = None,
                filters: Filters | None = None) -> int:
    """One JSON object per line: every article column plus listings, attachments, images, aliases, versions."""
    written = 0
    for article in iter_articles(conn, query, filters):
        out.write(json.dumps(full_record(conn, article), ensure_ascii=False) + "\n")
        written += 1
    return written


def write_parquet(conn: sqlite3.Connection, path: str, query: str | None = None,
                  filters: Filters | None = None) -> int:
    """A Parquet file of ``EXPORT_COLUMNS`` plus listings_json and attachments_json, written in batches
    (needs pyarrow: ``pip install 'assoc-crawler[parquet]'``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    integer = {"id", "page_count", "version"}
    names = [*EXPORT_COLUMNS, "listings_json", "attachments_json"]
    schema = pa.schema([(c, pa.int64() if c in integer else pa.string()) for c in names])
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for article in iter_articles(conn, query, filters):
            record = full_record(conn, article)
            row = {c: record.get(c) for c in EXPORT_COLUMNS}
            row["listings_json"] = json.dumps(record["listings"], ensure_ascii=False)
            row["attachments_json"] = json.dumps(record["attachments"], ensure_ascii=False)
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
