"""The crawling commands: `crawl` (a site, or a worker of a distributed run), `demo` (serve the bundled sites
and crawl them) and `serve-demo`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from archive import Archive, ArchiveError, ArchiveLocked, CrawlLock, check_integrity
from archive.summary import archive_summary, format_summary
from assoc_crawler.crawl.pace import resolver_settings
from assoc_crawler.profiles import ProfileError, resolve_target

from .distributed import run_worker
from .shared import (
    EXIT_LOCKED,
    CliError,
    crawl_line,
    crawl_report,
    exit_status,
    filter_root_handlers,
    non_negative_float,
    positive_int,
)


def add_crawl_commands(sub: Any) -> None:
    """The crawl, demo and serve-demo subcommands."""
    crawl = sub.add_parser("crawl", help="crawl a site (profile name, profile file, or start URL) into an archive")
    crawl.add_argument("target", help="a site profile name, a path to a .toml profile, or a start URL")
    crawl_options(crawl, db_default=None)
    crawl.add_argument("--redis", metavar="URL",
                       help="crawl as one worker of a distributed run sharing this Redis server "
                            "(redis://HOST:PORT/DB or unix:///PATH.sock?db=N); items go to `assoc-crawler ingest`, "
                            "not to --db")
    crawl.add_argument("--wait", type=non_negative_float, default=60.0,
                       help="with --redis: seconds to wait for `ingest` to start the run (default 60)")

    demo = sub.add_parser("demo", help="serve the bundled sample sites on 127.0.0.1, crawl them, show the archive")
    demo.add_argument("--site", action="append", dest="sites", help="only this demo site (repeatable)")
    crawl_options(demo, db_default="demo.db")

    serve = sub.add_parser("serve-demo", help="serve the bundled sample sites on 127.0.0.1 until Ctrl-C")
    serve.add_argument("--port-base", type=positive_int, default=8701,
                       help="first port; sites get consecutive ports, recycle first, then by name (default 8701)")
    serve.add_argument("sites", nargs="*", help="site names (default: all)")


def crawl_options(parser: argparse.ArgumentParser, *, db_default: str | None) -> None:
    """The options every crawling command takes."""
    parser.add_argument("--db", default=db_default, help="SQLite archive file (created if missing)"
                        + ("" if db_default else "; required unless --redis"))
    parser.add_argument("--max-pages", type=positive_int, help="most requests per site (default 5000)")
    parser.add_argument("--delay", type=non_negative_float, help="seconds between requests to a host (default 1)")
    parser.add_argument("--concurrency", type=positive_int, help="parallel requests per host (default 2)")
    parser.add_argument("--timeout", type=non_negative_float, help="download timeout in seconds (default 30)")
    parser.add_argument("--depth", type=positive_int, help="link depth limit (default 12)")
    parser.add_argument("--retry-budget", type=non_negative_float, metavar="SECONDS",
                        help="how long a URL answering 429/503 is retried, backing off (default 60)")
    parser.add_argument("--contact", help="contact (e-mail or URL) added to the User-Agent")
    parser.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (not recommended)")
    parser.add_argument("--json", action="store_true", help="print each crawl's summary as JSON")
    parser.add_argument("--full", action="store_true",
                        help="follow every list page again, not only the new ones (known articles are still "
                             "rechecked only when due)")
    parser.add_argument("--recheck", choices=["policy", "all", "none"],
                        help="which known articles to fetch again, with conditional requests: 'policy' "
                             "(default: recent ones daily, older ones monthly), 'all', or 'none'")
    parser.add_argument("--no-consolidate", action="store_true",
                        help="do not re-decide, when the crawl ends, the pages whose own evidence was weak by the "
                             "site's templates (`reextract --site` archives such pages later; it never takes an "
                             "article back)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="Scrapy log output (-v info, -vv debug)")
    parser.add_argument("--progress", choices=["auto", "always", "never"], default="auto",
                        help="progress line on stderr (default: when stderr is a terminal)")


def _settings_overrides(args: argparse.Namespace) -> dict[str, Any]:
    from assoc_crawler.crawl.pace import pace_settings

    overrides: dict[str, Any] = {"ASSOC_PROGRESS": args.progress, "ASSOC_ARCHIVE_CHECKED": True}
    overrides.update(pace_settings(delay=args.delay, concurrency=args.concurrency, timeout=args.timeout,
                                   depth=args.depth, max_pages=args.max_pages))
    if args.retry_budget is not None:
        overrides["ASSOC_RETRY_BUDGET"] = args.retry_budget
    if args.ignore_robots:
        overrides["ROBOTSTXT_OBEY"] = False
    if args.full:
        overrides["ASSOC_FULL"] = True
    if args.recheck:
        overrides["ASSOC_RECHECK"] = args.recheck
    if args.no_consolidate:
        overrides["ASSOC_CONSOLIDATE"] = False
    overrides["LOG_LEVEL"] = ["WARNING", "INFO", "DEBUG"][min(args.verbose, 2)]
    return overrides


def _check_db(path: str) -> None:
    """Check an existing archive's integrity without writing (ArchiveDamaged), then open it (creating or
    migrating it) once, so that a bad --db fails before any request."""
    check_integrity(path)
    try:
        Archive(path).close()
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {path}: {exc}") from exc


def scrapy_settings(overrides: dict[str, Any]) -> Any:
    """The project's Scrapy settings with the command line's overrides (and the contact in the User-Agent)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "assoc_crawler.crawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    contact = overrides.get("ASSOC_CONTACT")
    if contact:
        settings.set("USER_AGENT", f"{settings.get('USER_AGENT')[:-1]}; {contact})", priority="cmdline")
    return settings


def run_crawls(
    targets: list[str], db: str, overrides: dict[str, Any], site_names: list[str | None] | None = None
) -> list[dict[str, Any]]:
    """Crawl each target into db in one Scrapy process; return each crawl's `crawls` row."""
    from scrapy import signals

    from assoc_crawler.crawl.process import CrawlProcess
    from assoc_crawler.crawl.spider import SiteSpider

    process = CrawlProcess(scrapy_settings({**overrides, "ASSOC_ARCHIVE_DB": db}))
    quiet = overrides.get("LOG_LEVEL", "WARNING") == "WARNING"
    crawlers = []
    for i, target in enumerate(targets):
        crawler = process.create_crawler(SiteSpider)
        crawlers.append(crawler)
        if quiet:  # Scrapy installs its root log handler when the crawl starts: filter it then
            crawler.signals.connect(filter_root_handlers, signal=signals.engine_started)
        site = site_names[i] if site_names else None
        process.crawl(crawler, target=target, db=db, site=site)
    process.start()
    rows: list[dict[str, Any]] = []
    archive: Archive | None = None
    # opened for writing when it can be, so that closing it, as the last connection, removes the -wal and -shm
    # files; damaged or gone: report from the crawls' own stats
    for readonly in (False, True) if Path(db).is_file() else ():  # never re-create an archive that vanished
        try:
            archive = Archive(db, readonly=readonly)
            break
        except ArchiveError:
            continue
    try:
        for crawler in crawlers:
            stats = crawler.stats
            base = {"target": getattr(crawler.spider, "target", None), "site": getattr(crawler.spider, "site", None)}
            locked = stats.get_value("assoc/locked")
            if locked:
                rows.append({**base, "status": "locked", "message": locked})
                continue
            crawl_id = stats.get_value("assoc/crawl_id")
            row = (crawl_report(archive, crawl_id) if crawl_id and archive is not None else None) or {
                **base, "id": crawl_id, "status": "failed"}
            row["mode"] = stats.get_value("incremental/mode")
            unwritable = stats.get_value("assoc/archive_unwritable")
            if unwritable:
                row["status"] = "failed"
                row["error"] = f"cannot write to the archive: {unwritable}"
            rows.append(row)
    finally:
        if archive is not None:
            archive.close()
    return rows


def cmd_crawl(args: argparse.Namespace) -> int:
    try:
        profile = resolve_target(args.target)
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    site = profile.name
    # an IPv6 address needs a resolver that knows IPv6
    overrides = {**_settings_overrides(args), **resolver_settings(profile.host)}
    if args.redis:
        if args.db:
            raise CliError("a worker (--redis) writes no archive: --db belongs to `assoc-crawler ingest`")
        return run_worker(args, profile, scrapy_settings(overrides))
    if not args.db:
        raise CliError("--db is required (or --redis URL, to crawl as a worker of a distributed run)")
    try:  # before anything touches the archive: is another crawl of this site running?
        CrawlLock(args.db, site).acquire().release()
    except ArchiveLocked as exc:
        print(f"assoc-crawler: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {args.db}: {exc}") from exc
    _check_db(args.db)  # a damaged archive: ArchiveDamaged, one line and exit 74 (cli.main)
    if args.contact:
        overrides["ASSOC_CONTACT"] = args.contact
    rows = run_crawls([args.target], args.db, overrides)
    _print_rows(rows, args.json)
    return exit_status(rows)


def _print_rows(rows: list[dict[str, Any]], as_json: bool) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if as_json else crawl_line(row))


def cmd_demo(args: argparse.Namespace) -> int:
    from assoc_crawler.demo.server import DemoServer, available_sites

    names = args.sites or available_sites()
    unknown = sorted(set(names) - set(available_sites()))
    if unknown:
        raise CliError(f"unknown demo site(s) {', '.join(unknown)}; known: {', '.join(available_sites())}")
    _check_db(args.db)
    if args.delay is None:
        args.delay = 0.0
    if args.concurrency is None:
        args.concurrency = 4
    if args.timeout is None:
        args.timeout = 3.0
    if args.retry_budget is None:
        args.retry_budget = 3.0  # the demo sites answer 503 on purpose: one quick retry, as for other errors
    overrides = _settings_overrides(args)
    overrides.setdefault("RETRY_TIMES", 1)
    with DemoServer(sites=names) as server:
        print(f"serving {len(names)} demo sites on 127.0.0.1:")
        for name in names:
            print(f"  {name:10} {server.sites[name].base_url}/")
        targets = [server.sites[name].base_url + "/" for name in names]
        rows = run_crawls(targets, args.db, overrides, site_names=list(names))
    print()
    _print_rows(rows, args.json)
    print()
    print(format_summary(archive_summary(args.db)))
    return exit_status(rows)


def cmd_serve_demo(args: argparse.Namespace) -> int:
    from assoc_crawler.demo import server

    names = args.sites or sorted(server.available_sites(), key=lambda n: (n != "recycle", n))
    return server.main(["--port-base", str(args.port_base), *names])


CRAWL_COMMANDS = {"crawl": cmd_crawl, "demo": cmd_demo, "serve-demo": cmd_serve_demo}
