"""Distributed crawling from the command line: `crawl TARGET --redis URL` (a worker) and `ingest` (the writer)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import time
from typing import Any

import redis

from archive import ArchiveError, ArchiveUnwritable, check_integrity
from assoc_crawler.distributed.protocol import RedisUnavailable, WorkerLink, connect
from assoc_crawler.profiles import SiteProfile
from assoc_crawler.records.writer import is_complete

from .shared import (
    EXIT_ARCHIVE,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    CliError,
    crawl_line,
    crawl_report,
    exit_status,
    filter_root_handlers,
)

# Settings the writer needs from the worker that starts a run (the others are recorded for the crawls row).
_RUN_SETTINGS_PREFIXES = ("ASSOC_",)
_SECRET_SETTINGS = ("ASSOC_REDIS_URL",)  # may hold the Redis password: never sent to the run or archived


def add_distributed_commands(sub: Any) -> None:
    """Register `ingest` (the worker side is `crawl --redis`)."""
    ingest = sub.add_parser("ingest", help="write the items of distributed crawl workers (crawl --redis) into an "
                                           "archive: the one writer of a distributed run")
    ingest.add_argument("--redis", required=True, metavar="URL", help="Redis server the workers use "
                                                                      "(redis://HOST:PORT/DB or unix:///PATH.sock?db=N)")
    ingest.add_argument("--db", required=True, help="SQLite archive file (created if missing)")
    ingest.add_argument("--runs", type=int, help="stop after this many runs have ended (default: serve until "
                                                 "stopped)")
    ingest.add_argument("--idle-exit", type=float, metavar="SECONDS",
                        help="stop when no run has been active for this many seconds")
    ingest.add_argument("--dead-seconds", type=float, default=30.0,
                        help="a worker silent this long is counted as lost (default 30)")
    ingest.add_argument("--json", action="store_true", help="print each ended run's crawl row as JSON")
    ingest.add_argument("-v", "--verbose", action="count", default=0, help="log output (-v info, -vv debug)")


def _connect(url: str) -> Any:
    try:
        return connect(url)
    except RedisUnavailable as exc:
        raise CliError(str(exc)) from exc


def cmd_ingest(args: argparse.Namespace) -> int:
    from assoc_crawler.distributed.ingest import Ingest

    logging.basicConfig(level=["WARNING", "INFO", "DEBUG"][min(args.verbose, 2)],
                        format="%(asctime)s %(levelname)s %(message)s")
    client = _connect(args.redis)
    check_integrity(args.db)  # a damaged archive: refused before any write (exit 74)
    try:
        ingest = Ingest(client, args.db, dead_seconds=args.dead_seconds)
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {args.db}: {exc}") from exc
    rows: list[dict[str, Any]] = []

    def report(crawl_id: int) -> None:
        row = crawl_report(ingest.archive, crawl_id)
        if row:
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False) if args.json else crawl_line(row), flush=True)

    def stop(signum: int, frame: Any) -> None:  # Ctrl-C, SIGTERM (systemd, kill): end the round, then stop
        ingest.stop()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        ingest.serve(runs=args.runs, idle_exit=args.idle_exit, on_finished=report)
    except ArchiveError as exc:  # the disk is full, the file went bad ...: the items wait in Redis
        print(f"assoc-crawler ingest: cannot write to {args.db}: {exc}; the items stay in Redis for the next "
              "ingest", file=sys.stderr)
        return EXIT_ARCHIVE if isinstance(exc, ArchiveUnwritable) else EXIT_FAILED
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        ingest.close()
    if ingest.stopping:
        print("assoc-crawler ingest: stopped; a later ingest takes over the runs still going", file=sys.stderr)
    return exit_status(rows) if rows else EXIT_OK


def run_worker(args: argparse.Namespace, profile: SiteProfile, settings: Any) -> int:
    """`crawl TARGET --redis URL`: join (or request) the site's run, wait for the writer, crawl, report."""
    from scrapy import signals

    from assoc_crawler.crawl.pace import profile_pace
    from assoc_crawler.crawl.process import CrawlProcess
    from assoc_crawler.crawl.spider import SiteSpider
    from assoc_crawler.distributed.worker import worker_settings

    site = profile.name
    client = _connect(args.redis)
    settings.setdict(worker_settings(args.redis, site, settings.getdict("EXTENSIONS")), priority="cmdline")
    # the profile's pace now (the spider sets it too), so that the run's recorded settings are the ones used
    settings.setdict(profile_pace(profile.crawl), priority="spider")
    snapshot = {name: settings.get(name) for name in settings.attributes if name not in _SECRET_SETTINGS
                and (name.startswith(_RUN_SETTINGS_PREFIXES) or name in _WRITER_SETTINGS)}
    link = WorkerLink(client, site)
    try:
        refused = _wait_for_run(link, args.target, snapshot, args.wait)
    except redis.RedisError as exc:
        refused = f"Redis failed while joining the run of {site}: {exc}", EXIT_FAILED
    if refused is not None:
        message, status = refused
        print(f"assoc-crawler: {message}", file=sys.stderr)
        return status
    process = CrawlProcess(settings, distributed=True)
    crawler = process.create_crawler(SiteSpider)
    if settings.get("LOG_LEVEL") == "WARNING":
        crawler.signals.connect(filter_root_handlers, signal=signals.engine_started)
    process.crawl(crawler, target=args.target, link=link)
    link.heartbeat(busy=True)  # the other workers wait for this one's first requests
    process.start()
    stats = crawler.stats.get_stats()
    reason = stats.get("finish_reason")
    summary = {"worker": link.worker, "run": link.run_id, "site": site, "finish_reason": reason,
               "responses": stats.get("downloader/response_count", 0),
               "items_sent": stats.get("distributed/items_sent", 0),
               "claimed_by_others": stats.get("distributed/claimed_by_others", 0)}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"worker {link.worker} of run {link.run_id} ({site}): {reason}; {summary['responses']} responses, "
              f"{summary['items_sent']} items sent to the writer")
    return EXIT_OK if is_complete(reason) else EXIT_FAILED


_WRITER_SETTINGS = ("USER_AGENT", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
                    "AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "DEPTH_LIMIT")


def _wait_for_run(link: WorkerLink, target: str, snapshot: dict[str, Any],
                  wait_seconds: float) -> tuple[str, int] | None:
    """Join the run and wait until the writer has started it; (message, exit status) if it will not start."""
    link.join(target, snapshot)
    deadline = time.monotonic() + wait_seconds
    while True:
        link.heartbeat(busy=True)  # alive while waiting: the writer must not count it as lost when the run starts
        run = link.run()
        state = run.get("state")
        if state == "running" and run.get("id") == link.run_id:
            return None
        if state == "failed":
            return f"the writer refused the run of {link.site}: {run.get('error')}", EXIT_LOCKED
        if not run:  # the run this worker joined ended meanwhile: join (or request) the next one
            link.join(target, snapshot)
        if time.monotonic() >= deadline:
            link.abandon()
            return (f"no writer started the run of {link.site} within {wait_seconds:.0f} s: is "
                    f"`assoc-crawler ingest --redis URL --db PATH` running on the same Redis?"), EXIT_FAILED
        time.sleep(0.2)


DISTRIBUTED_COMMANDS = {"ingest": cmd_ingest}
