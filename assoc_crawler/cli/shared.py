"""What the command-line modules share: exit statuses, the input-error exception, how a crawl is reported."""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from archive import Archive

EXIT_OK = 0
EXIT_FAILED = 1  # a crawl failed or was interrupted
EXIT_USAGE = 2  # bad input: arguments, profile, archive path
EXIT_DRIFT = 3  # the crawl finished, but its extraction health dropped sharply (template change?)
EXIT_ARCHIVE = 74  # the archive refused writes (disk full, I/O error, read-only, locked): EX_IOERR
EXIT_LOCKED = 75  # another crawl of the same site into the same archive is running (EX_TEMPFAIL: try later)


class CliError(Exception):
    """A problem with the user's input: printed as one clear line, exit status 2."""


def crawl_line(row: dict[str, Any]) -> str:
    """One crawl's `crawls` row as the line `crawl` and `ingest` print."""
    if row["status"] == "locked":
        return f"crawl of {row['site']} not started: {row['message']}"
    line = (
        f"{'crawl #' + str(row['id']) if row.get('id') else 'crawl of'} {row['target']} "
        f"({row.get('mode') or 'full'}): {row['status']}; "
        f"{row.get('requests') or 0} requests, {row.get('pages_fetched') or 0} pages, articles "
        f"{row.get('articles_new') or 0} new / {row.get('articles_changed') or 0} changed / "
        f"{row.get('articles_unchanged') or 0} unchanged / {row.get('articles_not_modified') or 0} not modified / "
        f"{row.get('articles_gone') or 0} gone, {row.get('errors') or 0} errors"
    )
    consolidated = row.get("consolidation") or {}
    if any(consolidated.get(name) for name in ("promoted", "retracted", "stripped", "filled", "relisted")):
        line += (f"\n  by the site's templates: {consolidated.get('promoted', 0)} page(s) archived as articles, "
                 f"{consolidated.get('retracted', 0)} article(s) of this crawl taken back, "
                 f"{consolidated.get('stripped', 0)} cleaned of lines the template repeats, "
                 f"{consolidated.get('filled', 0)} given fields where the template prints them, "
                 f"{consolidated.get('relisted', 0)} page(s) whose listings the article URL shapes told again")
    identity = row.get("identity") or {}
    if identity.get("moves_followed") or identity.get("duplicates_merged"):
        line += (f"\n  by the URL identity rules: {identity.get('moves_followed', 0)} article(s) followed to a new "
                 "URL, "
                 f"{identity.get('duplicates_merged', 0)} duplicate row(s) merged, "
                 f"{identity.get('aliases_added', 0)} alias(es) added")
    if row.get("workers_replaced"):
        line += (f"\n  extraction workers: {row['workers_replaced']} died (killed, out of memory?) and were "
                 "replaced; their pages were extracted again")
    for alert in row.get("alerts") or []:
        line += f"\n  DRIFT ALARM: {alert['message']}"
    if row.get("error"):
        line += f"\n  STOPPED: {row['error']}"
    return line


#: What the URL identity rules did during a crawl (archive.identity), as crawl reports show it.
IDENTITY_COUNTS = ("aliases_added", "moves_followed", "duplicates_merged")
#: What consolidation counts (records.consolidate.Consolidation), as crawl reports show it.
CONSOLIDATION_COUNTS = ("promoted", "retracted", "skipped", "stripped", "filled", "relisted")


def exit_status(rows: list[dict[str, Any]]) -> int:
    """0 all finished and healthy; 74 the archive refused writes; 75 a crawl was locked out; 1 one failed; 3 one
    raised a drift alarm."""
    if not rows:
        return EXIT_FAILED
    if any(r.get("error") for r in rows):
        return EXIT_ARCHIVE
    if any(r["status"] == "locked" for r in rows):
        return EXIT_LOCKED
    if any(r["status"] != "finished" for r in rows):
        return EXIT_FAILED
    if any(r.get("alerts") for r in rows):
        return EXIT_DRIFT
    return EXIT_OK


def crawl_report(archive: Archive, crawl_id: int) -> dict[str, Any] | None:
    """A `crawls` row as commands print it: counts and alerts, without the stats and settings JSON."""
    row = archive.crawl(crawl_id)
    if row:
        stats = json.loads(row.pop("stats_json", None) or "{}")
        row["mode"] = stats.get("incremental/mode")
        row["consolidation"] = {name: stats[f"consolidation/{name}"] for name in CONSOLIDATION_COUNTS
                                if f"consolidation/{name}" in stats}
        row["identity"] = {name: stats.get(f"identity/{name}", 0) for name in IDENTITY_COUNTS}
        row["workers_replaced"] = stats.get("assoc/extraction_workers_replaced", 0)
        row.pop("settings_json", None)
        row["alerts"] = json.loads(row.pop("alerts_json") or "[]")
    return row


def filter_root_handlers() -> None:
    """Scrapy's log output shows exceptions as one line (see `_one_line_errors`)."""
    for handler in logging.root.handlers:
        if _one_line_errors not in handler.filters:
            handler.addFilter(_one_line_errors)


def _one_line_errors(record: logging.LogRecord) -> bool:
    """Log filter: an exception in a log record is shown as one line, not a traceback (use -v for those)."""
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        record.msg = f"{record.getMessage()} ({type(exc).__name__}: {exc})"
        record.args = None
        record.exc_info = None
        record.exc_text = None
    return True


def positive_int(value: str) -> int:
    """An argparse type: a whole number, at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def non_negative_float(value: str) -> float:
    """An argparse type: a number, not negative."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} must not be negative")
    return number
