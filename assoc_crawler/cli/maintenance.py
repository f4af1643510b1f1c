"""The commands that look after an archive and the profiles: `summary`, `extract` (one saved page), `reextract`
(every stored response again), `dedupe` (rows the identity rules call one article) and `profiles`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archive import Archive, ArchiveError, ArchiveLocked, SiteLock
from archive.summary import archive_summary, format_summary
from assoc_crawler.profiles import available_profiles

from .shared import EXIT_LOCKED, EXIT_OK, CliError


def add_maintenance_commands(sub: Any) -> None:
    """The summary, extract, reextract, dedupe and profiles subcommands."""
    summary = sub.add_parser("summary", help="show what an archive holds")
    summary.add_argument("--db", required=True, help="SQLite archive file")
    summary.add_argument("--json", action="store_true", help="print as JSON")

    extract = sub.add_parser("extract", help="run extraction on a saved HTML file and print the result as JSON")
    extract.add_argument("file", help="saved page (raw bytes as served)")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--content-type", help="the Content-Type header it was served with")

    reextract = sub.add_parser("reextract", help="re-run extraction over the raw pages stored in an archive")
    reextract.add_argument("--db", required=True, help="SQLite archive file")
    reextract.add_argument("--site", help="only this site")
    reextract.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    reextract.add_argument("--json", action="store_true", help="print the report as JSON")

    dedupe = sub.add_parser("dedupe", help="merge the rows the URL identity rules call one article (rows an older "
                                           "version archived twice); each crawl does it for its site")
    dedupe.add_argument("--db", required=True, help="SQLite archive file")
    dedupe.add_argument("--site", help="only this site")
    dedupe.add_argument("--json", action="store_true", help="print the merges per site as JSON")

    sub.add_parser("profiles", help="list the site profiles found")


def cmd_summary(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        raise CliError(f"no archive at {args.db}")
    try:
        summary = archive_summary(args.db)
    except ArchiveError as exc:
        raise CliError(f"cannot read {args.db}: {exc}") from exc
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str) if args.json else format_summary(summary))
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from assoc_crawler.extract import extract_page, normalize_url

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {args.file}")
    if not normalize_url(args.url):
        raise CliError(f"--url {args.url!r} is not an http(s) URL")
    headers = {"Content-Type": args.content_type} if args.content_type else None
    result = extract_page(path.read_bytes(), args.url, headers)
    data = result.to_dict()
    data.pop("links", None)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from assoc_crawler.records.reextract import reextract_archive

    if not Path(args.db).exists():
        raise CliError(f"no archive at {args.db}")
    try:
        report = reextract_archive(args.db, site=args.site, dry_run=args.dry_run)
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {args.db}: {exc}") from exc
    data = report.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    mode = " (dry run: nothing written)" if report.dry_run else ""
    print(f"re-extracted {report.articles} articles with extractor {data['extractor_version']}{mode}: "
          f"{report.new_versions} new versions, {report.unchanged} unchanged, {report.errors} errors; "
          f"{report.pages} other pages re-decided, {report.promoted} promoted to articles, "
          f"{report.template_promoted} more by their site's templates"
          + (f", {report.multipage_pending} multi-page ones left for the next crawl"
             if report.multipage_pending else ""))
    for name, count in sorted(report.changed_fields.items(), key=lambda kv: -kv[1]):
        print(f"  {name:14} changed in {count} articles")
    return EXIT_OK


def cmd_dedupe(args: argparse.Namespace) -> int:
    """Merge each site's duplicate rows (archive.identity, rule 6) under the site's lock; report the merges."""
    if not Path(args.db).exists():
        raise CliError(f"no archive at {args.db}")
    merged: dict[str, int] = {}
    try:
        with Archive(args.db) as archive:
            for site in [args.site] if args.site else archive.site_names():
                lock = SiteLock(args.db, site).acquire()  # a crawl of the site writes meanwhile: try later
                try:
                    merged[site] = archive.merge_duplicates(site)
                finally:
                    lock.release()
    except ArchiveLocked as exc:
        print(f"assoc-crawler: {exc}; nothing merged for it (try when the crawl is over)", file=sys.stderr)
        return EXIT_LOCKED
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {args.db}: {exc}") from exc
    if args.json:
        print(json.dumps({"merged": merged}, ensure_ascii=False))
    else:
        print(f"merged {sum(merged.values())} duplicate row(s) in {len(merged)} site(s)")
        for site, count in merged.items():
            if count:
                print(f"  {site:24} {count}")
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    profiles = available_profiles()
    if not profiles:
        print("no profiles found")
    for name, path in profiles.items():
        print(f"{name:24} {path}")
    return EXIT_OK


MAINTENANCE_COMMANDS = {"summary": cmd_summary, "extract": cmd_extract, "reextract": cmd_reextract,
                        "dedupe": cmd_dedupe, "profiles": cmd_profiles}
