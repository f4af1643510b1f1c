"""What an incremental crawl needs from the archive: what is known, what is due for a recheck, the persistent
frontier, 304 and withdrawal marks, recovery of killed crawls, and the field coverage the drift alarm compares.

Mixed into ``Archive``; every SQL statement of incremental crawling is here.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .connection import ArchiveConnection
from .errors import ArchiveError

RECHECK_MODES = ("policy", "all", "none")
# Fields whose coverage the drift alarm watches, and the body length that counts as "a body".
COVERAGE_FIELDS = ("title", "published_at", "source", "author", "editor")
MIN_BODY_CHARS = 100

SQL_SITE_ARTICLE_URLS = "SELECT url FROM articles WHERE site = :site"
SQL_SITE_ALIAS_URLS = (
    "SELECT al.url FROM article_aliases AS al JOIN articles AS a ON a.id = al.article_id WHERE a.site = :site"
)
SQL_SITE_PAGES = "SELECT url, page_type, last_fetched_at FROM pages WHERE site = ? AND page_type != 'article'"
SQL_FRONTIER_OF_SITE = "SELECT url FROM frontier WHERE site = ? ORDER BY discovered_at, url"
SQL_FRONTIER_ADD = (
    "INSERT OR IGNORE INTO frontier (url, site, crawl_id, discovered_at, attempts) VALUES (?, ?, ?, ?, 0)"
)
SQL_FRONTIER_DONE = "DELETE FROM frontier WHERE url = ?"
SQL_FRONTIER_FAILED = "UPDATE frontier SET attempts = attempts + 1 WHERE url = ?"
SQL_FRONTIER_GIVE_UP = "DELETE FROM frontier WHERE url = ? AND attempts >= ?"
# The article a URL names: its own row, else the article it is an alias of.
SQL_ARTICLE_ID_OF_URL = """
SELECT id FROM articles WHERE url = :url
UNION ALL
SELECT article_id FROM article_aliases WHERE url = :url
LIMIT 1
"""
SQL_MARK_NOT_MODIFIED = """
UPDATE articles SET last_checked_at = :now, last_seen_at = max(last_seen_at, :now), last_crawl_id = :crawl_id,
    gone_at = NULL, gone_status = NULL
WHERE id = :id
"""
SQL_MARK_GONE = """
UPDATE articles SET gone_at = coalesce(gone_at, :now), gone_status = :status, last_crawl_id = :crawl_id,
    last_checked_at = :now
WHERE id = :id
"""
SQL_IS_GONE = "SELECT gone_at IS NOT NULL FROM articles WHERE id = ?"
SQL_TOUCH_PAGE = "UPDATE pages SET last_fetched_at = ?, last_status = ?, last_crawl_id = ? WHERE url = ?"
# Articles due for a recheck under the policy. "Recent" is judged by the publication date (its first ten
# characters, an ISO date), else by when the archive first saw the article.
SQL_DUE_BY_POLICY = """
SELECT url, etag, last_modified FROM articles
WHERE site = :site AND (
    (coalesce(substr(published_at, 1, 10), substr(first_seen_at, 1, 10)) >= :recent_since
     AND coalesce(last_checked_at, last_seen_at) <= :recent_checked_before)
    OR coalesce(last_checked_at, last_seen_at) <= :old_checked_before)
ORDER BY coalesce(last_checked_at, last_seen_at), id
"""
SQL_DUE_ALL = "SELECT url, etag, last_modified FROM articles WHERE site = :site ORDER BY id"
SQL_RUNNING_CRAWLS = "SELECT id FROM crawls WHERE site = ? AND status = 'running' ORDER BY id"
SQL_LAST_ACTIVITY = """
SELECT max(t) FROM (
    SELECT max(last_fetched_at) AS t FROM pages WHERE last_crawl_id = :id
    UNION ALL SELECT max(fetched_at) FROM article_versions WHERE crawl_id = :id
    UNION ALL SELECT max(occurred_at) FROM errors WHERE crawl_id = :id
    UNION ALL SELECT started_at FROM crawls WHERE id = :id)
"""
SQL_SET_FINISHED_AT = "UPDATE crawls SET finished_at = ? WHERE id = ?"
_COVERAGE_COLUMNS = ", ".join(
    f"count(*) FILTER (WHERE trim(coalesce({name}, '')) != '')" for name in COVERAGE_FIELDS
)
SQL_COVERAGE_OF_CRAWL = f"""
SELECT count(*), {_COVERAGE_COLUMNS}, count(*) FILTER (WHERE length(coalesce(body_text, '')) >= {MIN_BODY_CHARS})
FROM articles WHERE site = :site AND first_crawl_id = :crawl_id
"""
SQL_COVERAGE_BEFORE_CRAWL = f"""
SELECT count(*), {_COVERAGE_COLUMNS}, count(*) FILTER (WHERE length(coalesce(body_text, '')) >= {MIN_BODY_CHARS})
FROM (SELECT * FROM articles WHERE site = :site AND first_crawl_id < :crawl_id ORDER BY id DESC LIMIT :limit)
"""
SQL_ANSWERED_PAGES_OF_CRAWL = """
SELECT count(*) FROM pages WHERE site = :site AND last_crawl_id = :crawl_id AND last_status BETWEEN 200 AND 399
"""


@dataclass(frozen=True)
class RecheckPolicy:
    """When a known article is fetched again: daily-ish while recent, then rarely.

    An article published (or, without a date, first archived) within ``recent_days`` is due once its last
    check is ``recent_hours`` old; any other article once its last check is ``old_days`` old.
    """

    recent_days: float = 7.0
    recent_hours: float = 20.0
    old_days: float = 30.0


@dataclass
class CrawlState:
    """What the archive knows about one site when a crawl starts."""

    article_urls: set[str] = field(default_factory=set)  # articles and their aliases
    alias_urls: set[str] = field(default_factory=set)  # the aliases among them (a --full crawl follows them again)
    page_types: dict[str, str] = field(default_factory=dict)  # non-article pages: url -> list/other/error
    due: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (url, etag, last_modified)
    pending: list[str] = field(default_factory=list)  # requested by an earlier crawl, never answered
    stale_pages: set[str] = field(default_factory=set)  # known non-list pages (or failed ones) not fetched lately
    # URL shape -> lines the site prints on nearly every article of that template (learned by the crawl from the
    # site's articles: records.consolidate.site_template_lines), taken off bodies before they are saved
    template_lines: dict[str, frozenset[str]] = field(default_factory=dict)
    # template (skeleton) -> field -> where the site prints it (records.consolidate.site_field_paths)
    field_paths: dict[str, dict[str, str]] = field(default_factory=dict)
    # the link shapes of the site's articles and column pages (records.consolidate.site_link_shapes): which link of
    # a listing row is the item, which its label
    article_shapes: frozenset[str] = frozenset()
    column_shapes: frozenset[str] = frozenset()

    @property
    def is_first_crawl(self) -> bool:
        """True when the archive holds nothing of the site yet."""
        return not self.article_urls and not self.page_types and not self.pending


@dataclass(frozen=True)
class Coverage:
    """How many articles had each field: the numbers the drift alarm compares."""

    articles: int
    fields: dict[str, int]

    def share(self, name: str) -> float | None:
        """Share of articles with the field (``body``: a body of at least MIN_BODY_CHARS), None without any."""
        return self.fields[name] / self.articles if self.articles else None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def forget_requested(conn: sqlite3.Connection, urls: Iterable[str]) -> None:
    """Take answered URLs off the frontier (inside the caller's transaction)."""
    conn.executemany(SQL_FRONTIER_DONE, [(url,) for url in urls])


class IncrementalState(ArchiveConnection):
    """Methods of ``Archive`` for incremental, resumable crawls (see the module docstring)."""

    # provided by Archive: _tally (set by Archive.__init__), finish_crawl(...) (CrawlStore)
    _tally: dict[int, Counter[str]]
    finish_crawl: Callable[..., None]

    # -- reads

    def crawl_state(self, site: str, recheck: str = "policy", policy: RecheckPolicy | None = None,
                    now: datetime | None = None, pages_after_hours: float = 20.0) -> CrawlState:
        """Known article URLs and pages of ``site``, the articles due for a recheck and the pending frontier.

        ``recheck``: 'policy' (``policy``, default ``RecheckPolicy()``), 'all' or 'none'. ``stale_pages``: known
        pages other than lists (a small category page, an error page) last fetched ``pages_after_hours`` ago.
        """
        if recheck not in RECHECK_MODES:
            raise ArchiveError(f"recheck must be one of {RECHECK_MODES}, got {recheck!r}")
        policy = policy or RecheckPolicy()
        now = now or datetime.now(UTC)
        conn = self.conn
        pages = conn.execute(SQL_SITE_PAGES, (site,)).fetchall()
        stale_before = _iso(now - timedelta(hours=pages_after_hours))
        aliases = {row[0] for row in conn.execute(SQL_SITE_ALIAS_URLS, {"site": site})}
        state = CrawlState(
            article_urls={row[0] for row in conn.execute(SQL_SITE_ARTICLE_URLS, {"site": site})} | aliases,
            alias_urls=aliases,
            page_types={url: page_type for url, page_type, _ in pages},
            pending=[row[0] for row in conn.execute(SQL_FRONTIER_OF_SITE, (site,))],
            stale_pages={url for url, page_type, fetched in pages if page_type != "list" and fetched <= stale_before},
        )
        if recheck == "all":
            state.due = conn.execute(SQL_DUE_ALL, {"site": site}).fetchall()
        elif recheck == "policy":
            state.due = conn.execute(SQL_DUE_BY_POLICY, {
                "site": site,
                "recent_since": _iso(now - timedelta(days=policy.recent_days))[:10],
                "recent_checked_before": _iso(now - timedelta(hours=policy.recent_hours)),
                "old_checked_before": _iso(now - timedelta(days=policy.old_days)),
            }).fetchall()
        return state

    def coverage(self, site: str, crawl_id: int, *, history: bool = False, limit: int = 500) -> Coverage:
        """Field coverage of the articles ``crawl_id`` archived first, or (``history``) of the site's ``limit``
        most recent articles archived before it."""
        sql = SQL_COVERAGE_BEFORE_CRAWL if history else SQL_COVERAGE_OF_CRAWL
        row = self.conn.execute(sql, {"site": site, "crawl_id": crawl_id, "limit": limit}).fetchone()
        names = (*COVERAGE_FIELDS, "body")
        return Coverage(articles=int(row[0]), fields={name: int(v) for name, v in zip(names, row[1:], strict=True)})

    def answered_pages(self, site: str, crawl_id: int) -> int:
        """Pages of ``site`` that ``crawl_id`` fetched and that answered 2xx, 3xx or 304."""
        return int(self.conn.execute(SQL_ANSWERED_PAGES_OF_CRAWL, {"site": site, "crawl_id": crawl_id}).fetchone()[0])

    # -- the frontier

    def frontier_add(self, crawl_id: int, site: str, urls: Iterable[str]) -> None:
        """Remember URLs a crawl has requested, until they are answered (``frontier_done``)."""
        now = _iso(datetime.now(UTC))
        rows = [(url, site, crawl_id, now) for url in urls]
        if rows:
            with self._transaction(f"remembering {len(rows)} requested URLs") as conn:
                conn.executemany(SQL_FRONTIER_ADD, rows)

    def frontier_done(self, urls: Iterable[str]) -> None:
        """Forget requested URLs that have been answered and handled."""
        done = list(urls)
        if done:
            with self._transaction("updating the frontier") as conn:
                forget_requested(conn, done)

    def frontier_failed(self, url: str, transient: bool, max_attempts: int = 3) -> None:
        """A requested URL failed: a transient failure keeps it for the next run (up to ``max_attempts``)."""
        with self._transaction(f"updating the frontier for {url}") as conn:
            if transient:
                conn.execute(SQL_FRONTIER_FAILED, (url,))
                conn.execute(SQL_FRONTIER_GIVE_UP, (url, max_attempts))
            else:
                conn.execute(SQL_FRONTIER_DONE, (url,))

    def pending_urls(self, site: str) -> Iterator[str]:
        """The frontier of ``site``: URLs requested by a crawl that never got to handle them."""
        for row in self.conn.execute(SQL_FRONTIER_OF_SITE, (site,)):
            yield row[0]

    # -- recheck outcomes

    def mark_not_modified(self, crawl_id: int, url: str, status: int = 304) -> bool:
        """A recheck answered 304: the article is confirmed as it is. False if ``url`` is no known article."""
        return self._mark(crawl_id, url, SQL_MARK_NOT_MODIFIED, status, "articles_not_modified") is not None

    def mark_gone(self, crawl_id: int, url: str, status: int) -> str | None:
        """A recheck answered 404/410: the article stays archived, marked withdrawn (``gone_at``, first time
        only). Returns 'new' (counted in the crawl's articles_gone), 'again' (already marked), None (no article)."""
        outcome = self._mark(crawl_id, url, SQL_MARK_GONE, status, None)
        if outcome == "new":
            self._tally.setdefault(crawl_id, Counter())["articles_gone"] += 1
        return outcome

    def _mark(self, crawl_id: int, url: str, sql: str, status: int, counter: str | None) -> str | None:
        now = _iso(datetime.now(UTC))
        with self._transaction(f"marking {url} ({status})") as conn:
            row = conn.execute(SQL_ARTICLE_ID_OF_URL, {"url": url}).fetchone()
            if row is None:
                return None
            was_gone = conn.execute(SQL_IS_GONE, (row[0],)).fetchone()[0]
            conn.execute(sql, {"id": row[0], "now": now, "crawl_id": crawl_id, "status": status})
            conn.execute(SQL_TOUCH_PAGE, (now, status, crawl_id, url))
            conn.execute(SQL_FRONTIER_DONE, (url,))
        if counter:
            self._tally.setdefault(crawl_id, Counter())[counter] += 1
        return "again" if was_gone else "new"

    # -- crawls killed while running

    def recover_interrupted_crawls(self, site: str) -> list[int]:
        """Mark the crawls of ``site`` still 'running' as 'interrupted' (their process died), with the counts
        their saved rows show and the time of their last write. Call only while holding the site's lock."""
        ids = [row[0] for row in self.conn.execute(SQL_RUNNING_CRAWLS, (site,))]
        for crawl_id in ids:
            self.finish_crawl(crawl_id, "interrupted", {})
            last = self.conn.execute(SQL_LAST_ACTIVITY, {"id": crawl_id}).fetchone()[0]
            with self._transaction(f"closing crawl {crawl_id}") as conn:
                conn.execute(SQL_SET_FINISHED_AT, (last, crawl_id))
        return ids
