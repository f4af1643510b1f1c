"""Crawls and their errors: a crawl is recorded as 'running' when it starts and closed with its counters."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from typing import Any

from .connection import ArchiveConnection
from .errors import ArchiveError, write_error
from .schema import CRAWL_COUNT_COLUMNS, CRAWL_STATUSES
from .values import dict_rows, to_json, utc_now

# Counters save_article and the recheck marks tally per crawl, in this Archive object.
TALLIED_COUNTS = ("articles_new", "articles_changed", "articles_unchanged", "articles_not_modified", "articles_gone")

SQL_INSERT_CRAWL = (
    "INSERT INTO crawls (target, site, started_at, status, settings_json) VALUES (?, ?, ?, 'running', ?)"
)
SQL_FINISH_CRAWL = (
    "UPDATE crawls SET finished_at = :finished_at, status = :status, "
    + ", ".join(f"{c} = :{c}" for c in CRAWL_COUNT_COLUMNS)
    + ", stats_json = coalesce(:stats_json, stats_json), alerts_json = coalesce(:alerts_json, alerts_json)"
    " WHERE id = :id"
)
SQL_CRAWL = "SELECT * FROM crawls WHERE id = ?"
SQL_TARGETS_OF_SITE = "SELECT target FROM crawls WHERE site = ? GROUP BY target ORDER BY max(id) DESC"
SQL_VERSIONS_OF_CRAWL = (
    "SELECT count(*) FILTER (WHERE version = 1), count(*) FILTER (WHERE version > 1) "
    "FROM article_versions WHERE crawl_id = ?"
)
SQL_ERRORS_OF_CRAWL = "SELECT count(*) FROM errors WHERE crawl_id = ?"
SQL_PAGES_OF_CRAWL = "SELECT count(*) FROM pages WHERE last_crawl_id = ?"
SQL_INSERT_ERROR = (
    "INSERT INTO errors (crawl_id, url, status, error, message, occurred_at) VALUES (?, ?, ?, ?, ?, ?)"
)


def _check_finish(status: str, counts: Mapping[str, int]) -> None:
    """Raise ArchiveError for a status a crawl cannot finish with, or unknown counters."""
    if status not in CRAWL_STATUSES or status == "running":
        raise ArchiveError(f"a crawl finishes as 'finished', 'failed' or 'interrupted', not {status!r}")
    unknown = set(counts) - set(CRAWL_COUNT_COLUMNS)
    if unknown:
        raise ArchiveError(f"unknown crawl counters {sorted(unknown)}; expected some of {list(CRAWL_COUNT_COLUMNS)}")


def _fill_from_stats(values: dict[str, Any], stats: Mapping[str, Any] | None) -> None:
    """requests / responses from Scrapy's downloader stats, where not given."""
    if not stats:
        return
    if values["requests"] is None:
        values["requests"] = stats.get("downloader/request_count")
    if values["responses"] is None:
        values["responses"] = stats.get("downloader/response_count")


def _fill_from_rows(conn: sqlite3.Connection, crawl_id: int, values: dict[str, Any]) -> None:
    """Counters still missing, from the rows the crawl wrote (versions, errors, pages)."""
    if values["articles_new"] is None or values["articles_changed"] is None:
        # Saved through another Archive object: the versions this crawl wrote tell new from changed.
        new, changed = conn.execute(SQL_VERSIONS_OF_CRAWL, (crawl_id,)).fetchone()
        if values["articles_new"] is None:
            values["articles_new"] = new
        if values["articles_changed"] is None:
            values["articles_changed"] = changed
    if values["errors"] is None:
        values["errors"] = conn.execute(SQL_ERRORS_OF_CRAWL, (crawl_id,)).fetchone()[0]
    if values["pages_fetched"] is None:
        values["pages_fetched"] = conn.execute(SQL_PAGES_OF_CRAWL, (crawl_id,)).fetchone()[0]


class CrawlStore(ArchiveConnection):
    """Methods of ``Archive`` for crawls and their errors."""

    _tally: dict[int, Counter[str]]  # per crawl: what this Archive object saved (set by Archive.__init__)

    def start_crawl(self, target: str, site: str, settings: Mapping[str, Any] | None = None) -> int:
        """Record a crawl as ``'running'`` and return its id."""
        cursor = self._execute(
            f"starting a crawl of {target}",
            SQL_INSERT_CRAWL,
            (target, site, utc_now(), to_json(dict(settings)) if settings is not None else None),
        )
        crawl_id = int(cursor.lastrowid or 0)
        self._tally[crawl_id] = Counter()
        return crawl_id

    def finish_crawl(
        self,
        crawl_id: int,
        status: str,
        counts: Mapping[str, int],
        stats: Mapping[str, Any] | None = None,
        alerts: list[dict[str, Any]] | None = None,
    ) -> None:
        """Close a crawl with a terminal ``status`` ('finished', 'failed', 'interrupted') and its counters.

        ``counts`` keys are the crawls count columns (requests, responses, pages_fetched, articles_new,
        articles_changed, articles_unchanged, errors). Missing ones are filled in: articles_* from this
        Archive's own tally of ``save_article`` results (new/changed from the versions the crawl wrote
        if the saves went through another Archive object; unchanged then stays NULL), errors from the
        errors table, pages_fetched from the pages rows this crawl touched last, requests/responses from
        Scrapy's ``downloader/request_count`` / ``downloader/response_count`` stats. ``alerts``: the drift
        alarms of the crawl (stored as JSON in ``alerts_json``).
        """
        _check_finish(status, counts)
        conn = self._writable_conn()
        values: dict[str, Any] = {c: counts.get(c) for c in CRAWL_COUNT_COLUMNS}
        tally = self._tally.get(crawl_id)
        if tally is not None:
            for name in TALLIED_COUNTS:
                if values[name] is None:
                    values[name] = tally[name]
        stats = dict(stats) if stats is not None else None
        _fill_from_stats(values, stats)
        try:
            _fill_from_rows(conn, crawl_id, values)
        except sqlite3.Error as exc:
            raise write_error(f"finishing crawl {crawl_id} failed: {exc}", exc) from exc
        params = {**values, "id": crawl_id, "status": status, "finished_at": utc_now(),
                  "stats_json": to_json(stats), "alerts_json": to_json(alerts)}
        cursor = self._execute(f"finishing crawl {crawl_id}", SQL_FINISH_CRAWL, params)
        if cursor.rowcount == 0:
            raise ArchiveError(f"there is no crawl {crawl_id} in {self.path}")
        self._tally.pop(crawl_id, None)

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        """The crawls row for ``crawl_id`` as a dict, or None."""
        rows = dict_rows(self.conn.execute(SQL_CRAWL, (crawl_id,)))
        return rows[0] if rows else None

    def crawl_targets(self, site: str) -> list[str]:
        """What the crawls of ``site`` were given as their target (a profile name or file, a URL), latest first."""
        return [row[0] for row in self.conn.execute(SQL_TARGETS_OF_SITE, (site,)) if row[0]]

    def record_error(
        self, crawl_id: int, url: str, error: str, message: str = "", status: int | None = None
    ) -> None:
        """Log a failed fetch or extraction; ``error`` is a short kind such as 'http_404' or 'timeout'."""
        if not error:
            raise ArchiveError("record_error needs a short error kind such as 'http_404' or 'timeout'")
        self._execute(
            f"recording an error for {url}",
            SQL_INSERT_ERROR,
            (crawl_id, url, status, error, message, utc_now()),
        )
