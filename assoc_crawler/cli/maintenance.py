"""The commands that look after an archive and the profiles: `summary`, `extract` (one saved page), `reextract`
(every stored response again), `dedupe` (rows the identity rules call one article) and `profiles`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archive import SCHEMA_VERSION, Archive, ArchiveDamaged, ArchiveError, ArchiveLocked, SiteLock, check_integrity
from archive.connection import stored_schema_version
from archive.summary import archive_summary, format_summary
from assoc_crawler.profiles import ProfileError, SiteProfile, available_profiles, profile_for_site, resolve_target

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
    reextract.add_argument("--profile", metavar="TARGET",
                           help="with --site: the site's profile (name or .toml file); by default the profile its "
                                "crawls were given, or one of that name")
    reextract.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    reextract.add_argument("--json", action="store_true", help="print the report as JSON")

    dedupe = sub.add_parser("dedupe", help="merge the rows the URL identity rules call one article (rows an older "
                                           "version archived twice); each crawl does it for its site")
    dedupe.add_argument("--db", required=True, help="SQLite archive file")
    dedupe.add_argument("--site", help="only this site")
    dedupe.add_argument("--json", action="store_true", help="print the merges per site as JSON")

    migrate = sub.add_parser("migrate", help="upgrade an archive written by an older assoc-crawler to this version's "
                                            "schema (crawls do it too; the reading commands never do)")
    migrate.add_argument("--db", required=True, help="SQLite archive file")

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
    if args.profile and not args.site:
        raise CliError("--profile names the profile of one site: give --site too")
    try:
        if not args.dry_run:
            check_integrity(args.db)
            Archive(args.db).close()  # an older archive is migrated first, as by a crawl
        profiles = _profiles_of_sites(args.db, args.site, args.profile)
        report = reextract_archive(args.db, site=args.site, dry_run=args.dry_run,
                                   profile_hints={site: profile.hints for site, profile in profiles.items()})
    except ArchiveLocked as exc:
        print(f"assoc-crawler: {exc}; nothing re-extracted (try when it is over)", file=sys.stderr)
        return EXIT_LOCKED
    except ArchiveDamaged:
        raise
    except ArchiveError as exc:
        raise CliError(f"cannot use --db {args.db}: {exc}") from exc
    data = report.to_dict()
    data["profiles"] = {site: str(profile.path) for site, profile in profiles.items()}
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
    for site, profile in profiles.items():
        print(f"  {site}: with the hints of its profile {profile.path}")
    for name, count in sorted(report.changed_fields.items(), key=lambda kv: -kv[1]):
        print(f"  {name:14} changed in {count} articles")
    return EXIT_OK


def _profiles_of_sites(db: str, site: str | None, target: str | None) -> dict[str, SiteProfile]:
    """The profile of each site to re-extract (given by --profile, else found from the site's crawls), so that
    its selectors and time zone apply as in its crawls."""
    if target:
        try:
            profile = resolve_target(target)
        except ProfileError as exc:
            raise CliError(str(exc)) from exc
        if profile.name != site:
            raise CliError(f"the profile {target!r} is the profile of {profile.name!r}, not of {site!r}")
        return {site: profile}
    with Archive(db, readonly=True) as archive:
        sites = [site] if site else archive.site_names()
        found = {name: profile_for_site(name, archive.crawl_targets(name)) for name in sites}
    return {name: profile for name, profile in found.items() if profile is not None}


def cmd_dedupe(args: argparse.Namespace) -> int:
    """Merge each site's duplicate rows (archive.identity, rule 6) under the site's lock; report the merges."""
    if not Path(args.db).exists():
        raise CliError(f"no archive at {args.db}")
    merged: dict[str, int] = {}
    check_integrity(args.db)
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


def cmd_migrate(args: argparse.Namespace) -> int:
    """Check the archive (read-only), then bring its schema to this version's, one recorded step at a time."""
    if not Path(args.db).is_file():
        raise CliError(f"no archive at {args.db}")
    check_integrity(args.db)
    try:
        before = stored_schema_version(args.db)
        if before > SCHEMA_VERSION:
            raise CliError(f"the archive {args.db} has schema version {before}, newer than this assoc-crawler "
                           f"supports ({SCHEMA_VERSION}); upgrade assoc-crawler")
        Archive(args.db).close()
    except ArchiveError as exc:
        raise CliError(f"cannot migrate {args.db}: {exc}") from exc
    if before == SCHEMA_VERSION:
        print(f"{args.db} is already at schema version {SCHEMA_VERSION}: nothing to do")
    else:
        print(f"{args.db}: schema version {before} -> {SCHEMA_VERSION}")
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    profiles = available_profiles()
    if not profiles:
        print("no profiles found")
    for name, path in profiles.items():
        print(f"{name:24} {path}")
    return EXIT_OK


MAINTENANCE_COMMANDS = {"summary": cmd_summary, "extract": cmd_extract, "reextract": cmd_reextract,
                        "dedupe": cmd_dedupe, "migrate": cmd_migrate, "profiles": cmd_profiles}
