"""The drift alarm: does this crawl's extraction look like the site's history? Pure functions of counts.

A template change rarely breaks the crawl itself; it silently empties fields. So after each crawl the share
of its new articles that have a title, a date, a source, an author, an editor and a body of some length is
compared with the same shares over the site's earlier articles; a sharp drop, or new pages of a site that used
to yield articles turning into no article at all, or a site that answered nothing, raises an alarm. A site that
has no article in the archive yet (a first crawl) raises one when no page answered or no article was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archive.incremental import COVERAGE_FIELDS, MIN_BODY_CHARS, Coverage

FIELD_LABELS = {"title": "a title", "published_at": "a date", "source": "a source", "author": "an author",
                "editor": "an editor", "body": f"a body of {MIN_BODY_CHARS}+ characters"}


@dataclass(frozen=True)
class DriftThresholds:
    """min_articles: new articles a crawl needs before its shares are judged; min_history: earlier articles the
    site needs; max_drop: an alarm when a share falls below (1 - max_drop) x its historic share, and the
    historic share was at least 0.5."""

    min_articles: int = 3
    min_history: int = 10
    max_drop: float = 0.5


def drift_alerts(current: Coverage, history: Coverage, *, new_pages: int = 0, answered_pages: int = 1,
                 thresholds: DriftThresholds | None = None, cut_short: bool = False) -> list[dict[str, Any]]:
    """The alarms of one crawl (empty when healthy), each {kind, field, current, history, message}.
    ``cut_short``: the crawl's page budget ran out (no article among a few pages is then no sign)."""
    limits = thresholds or DriftThresholds()
    if history.articles == 0:
        return _never_yielded(current, answered_pages, cut_short)
    if history.articles < limits.min_history:
        return []  # too little history to judge
    alerts: list[dict[str, Any]] = []
    if answered_pages == 0:
        alerts.append({"kind": "no_pages", "field": None, "current": 0, "history": history.articles,
                       "message": "no page of the site answered, though it has yielded "
                                  f"{history.articles} articles before"})
        return alerts
    if current.articles == 0 and new_pages >= limits.min_articles:
        alerts.append({"kind": "no_articles", "field": None, "current": 0, "history": history.articles,
                       "message": f"{new_pages} new pages and not one article among them; the site yielded "
                                  f"{history.articles} articles before (a changed template?)"})
    if current.articles < limits.min_articles:
        return alerts
    for name in (*COVERAGE_FIELDS, "body"):
        before, now = history.share(name), current.share(name)
        if before is None or now is None or before < 0.5:
            continue
        if now < before * (1 - limits.max_drop):
            alerts.append({
                "kind": "field_drop", "field": name, "current": round(now, 3), "history": round(before, 3),
                "message": f"{now:.0%} of {current.articles} new articles have {FIELD_LABELS[name]}, against "
                           f"{before:.0%} of the site's {history.articles} earlier ones",
            })
    return alerts


def _never_yielded(current: Coverage, answered_pages: int, cut_short: bool) -> list[dict[str, Any]]:
    """The alarms of a crawl of a site that has no article in the archive (its first crawl, or one after first
    crawls that found none): no page answered (a dead host, a wrong address), or pages but no article."""
    if current.articles or (cut_short and answered_pages):
        return []
    if answered_pages == 0:
        return [{"kind": "no_pages", "field": None, "current": 0, "history": 0,
                 "message": "no page of the site answered (a wrong address, or the site is down?)"}]
    return [{"kind": "no_articles", "field": None, "current": 0, "history": 0,
             "message": f"{answered_pages} page(s) answered and not one article among them (not an association "
                        "news site, or pages the extraction does not know?)"}]
