"""The researcher's commands: search, export, show. They only read the archive (an older archive is migrated
once, when it is writable) and print; every SQL statement is in `archive/`."""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

from archive import Archive, ArchiveError, on_read_only_media
from archive.export import write_csv, write_jsonl, write_parquet
from archive.search import Filters, SearchError, count, search
from archive.show import article_report
from archive.stats import archive_stats, months_chart_svg
from archive.summary import table_lines
from assoc_crawler.extract.urls import normalize_url


class QueryInputError(Exception):
    """Bad input to a query command: printed as one line, exit status 2."""


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """--site, --source, --author, --editor, --category, --since, --until, --exclude-gone, --reason."""
    group = parser.add_argument_group("filters")
    for name in ("site", "source", "author", "editor", "category"):
        group.add_argument(f"--{name}", help=f"only articles whose {name} is exactly this")
    group.add_argument("--since", help="published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)")
    group.add_argument("--until", help="published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)")
    group.add_argument("--exclude-gone", action="store_true", help="leave out articles withdrawn from their site")
    group.add_argument("--reason", help="only articles kept by the page gate for this reason (title-date-body, "
                       "or a doubtful one: short-notice, short-undated, link-heavy-prose, untitled-prose, paywall)")


def add_query_commands(sub: Any) -> None:
    """Register search, export and show."""
    found = sub.add_parser("search", help="full-text search of the archive (Chinese: any 1+ characters)")
    found.add_argument("query", help='words, "phrases", AND / OR / NOT, -word, parentheses')
    found.add_argument("--db", required=True, help="SQLite archive file")
    found.add_argument("--limit", type=int, default=20, help="results to show (default 20)")
    found.add_argument("--offset", type=int, default=0, help="skip this many results first")
    found.add_argument("--format", choices=["table", "json", "csv"], default="table", help="output format")
    found.add_argument("--sort", choices=["rank", "date"], default="rank",
                       help="rank: best match first (default; newest first above 20,000 matches); date: newest first")
    add_filter_options(found)

    export = sub.add_parser("export", help="write articles as CSV, JSON Lines or Parquet (streaming)")
    export.add_argument("--db", required=True, help="SQLite archive file")
    export.add_argument("--format", choices=["csv", "jsonl", "parquet"], required=True)
    export.add_argument("--out", help="output file (default: standard output; required for parquet)")
    export.add_argument("--query", help="only articles matching this search")
    export.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM (Excel opens it right)")
    export.add_argument("--raw-cells", action="store_true",
                        help="CSV: keep text that starts with = + - @ as it is (by default it gets a leading ' so "
                             "that a spreadsheet shows it instead of running it as a formula)")
    add_filter_options(export)

    stats = sub.add_parser("stats", help="articles per site, month, source, editor; field coverage; a chart")
    stats.add_argument("--db", required=True, help="SQLite archive file")
    stats.add_argument("--chart", help="write a chart of articles per month per site to this .svg file")
    stats.add_argument("--top", type=int, default=20, help="sources and editors to list (default 20)")
    stats.add_argument("--json", action="store_true", help="print as JSON")
    add_filter_options(stats)

    serve = sub.add_parser("serve", help="browse and search the archive in Datasette (pip install -e '.[serve]')")
    serve.add_argument("--db", required=True, help="SQLite archive file")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8001, help="port (default 8001)")

    show = sub.add_parser("show", help="one article: its fields, versions, listings that pointed at it, files")
    show.add_argument("url", help="the article's URL (or an alias of it)")
    show.add_argument("--db", required=True, help="SQLite archive file")
    show.add_argument("--json", action="store_true", help="print as JSON")


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(site=args.site, source=args.source, author=args.author, editor=args.editor,
                   category=args.category, since=args.since, until=args.until, include_gone=not args.exclude_gone,
                   reason=args.reason)


def open_archive(db: str) -> Archive:
    """The archive for reading, opened read-only: never migrated or otherwise written (an older one is refused
    with a message naming `assoc-crawler migrate`)."""
    if not Path(db).is_file():
        raise QueryInputError(f"no archive at {db}")
    try:
        return Archive(db, readonly=True)
    except ArchiveError as exc:
        raise QueryInputError(f"cannot read {db}: {exc}") from exc


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.offset < 0:
        raise QueryInputError("--limit must be at least 1 and --offset not negative")
    with open_archive(args.db) as archive:
        try:
            results = search(archive.conn, args.query, _filters(args), limit=args.limit, offset=args.offset,
                             sort=args.sort)
            total = count(archive.conn, args.query, _filters(args))
        except SearchError as exc:
            raise QueryInputError(str(exc)) from exc
    rows = [r.to_dict() for r in results]
    if args.format == "json":
        print(json.dumps({"query": args.query, "total": total, "results": rows}, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(f"{total} articles match {args.query!r}" + (f"; showing {len(rows)}" if total > len(rows) else ""))
        if rows:
            table = table_lines(["published", "site", "source", "title", "snippet"],
                                [((r["published_at"] or "")[:10], r["site"], r["source"], r["title"], r["snippet"])
                                 for r in rows], clip={1: 18, 2: 14, 3: 36, 4: 70})
            print("\n".join(table))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and not args.out:
        raise QueryInputError("--format parquet needs --out FILE")
    if args.out and Path(args.out).is_dir():
        raise QueryInputError(f"--out {args.out} is a directory; give a file name")
    with open_archive(args.db) as archive:
        try:
            written = _export(archive, args)
        except SearchError as exc:
            raise QueryInputError(str(exc)) from exc
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise QueryInputError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"exported {written} articles" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def _export(archive: Archive, args: argparse.Namespace) -> int:
    """Write the export: to standard output, or to a temporary file beside --out renamed over it once complete
    (a failed export, a bad --query included, leaves an existing file as it was)."""
    if not args.out:
        return _write_export(archive, args, sys.stdout, None)
    target = Path(args.out)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    os.close(handle)
    try:
        if args.format == "parquet":
            written = _write_export(archive, args, None, temporary)
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as out:
                written = _write_export(archive, args, out, None)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return written


def _write_export(archive: Archive, args: argparse.Namespace, out: Any, path: str | None) -> int:
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise QueryInputError("Parquet export needs pyarrow: pip install 'assoc-crawler[parquet]'") from None
        return write_parquet(archive.conn, str(path), args.query, _filters(args))
    if args.format == "csv":
        return write_csv(archive.conn, out, args.query, _filters(args), bom=args.bom, raw_cells=args.raw_cells)
    return write_jsonl(archive.conn, out, args.query, _filters(args))


def cmd_show(args: argparse.Namespace) -> int:
    with open_archive(args.db) as archive:  # the URL as the crawl normalises it (tracking parameters, #fragment ...)
        report = article_report(archive.conn, args.url) or article_report(archive.conn, normalize_url(args.url) or "")
    if report is None:
        raise QueryInputError(f"no article at {args.url} in {args.db}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    a = report["article"]
    lines = [a["title"] or "(no title)", a["url"], ""]
    for name in ("site", "published_at", "source", "author", "editor", "category", "version", "first_seen_at",
                 "last_checked_at", "gone_at"):
        if a.get(name) is not None:
            lines.append(f"  {name:16}{a[name]}")
    lines += ["", a["body_text"] or "", ""]
    lines.append(f"Versions ({len(report['versions'])})")
    lines += table_lines(["version", "fetched", "title", "chars"],
                         [(v["version"], v["fetched_at"], v["title"], v["chars"]) for v in report["versions"]],
                         clip={2: 40})
    lines.append(f"\nListed by other pages ({len(report['listed_in'])} kinds of block)")
    lines += table_lines(["kind", "heading", "pages", "crawls", "first seen", "last seen"],
                         [(x["kind"], x["heading"], x["pages"], x["crawls"], x["first_seen"], x["last_seen"])
                          for x in report["listed_in"]]) if report["listed_in"] else ["  none"]
    for name in ("attachments", "images", "aliases"):
        if report[name]:
            lines.append(f"\n{name.capitalize()} ({len(report[name])})")
            lines += [f"  {item.get('url')}  {item.get('text') or item.get('alt') or item.get('reason') or ''}"
                      for item in report[name]]
    print("\n".join(lines))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    if args.chart and not args.chart.lower().endswith(".svg"):
        raise QueryInputError(f"--chart {args.chart}: the chart is written as SVG; give a file name ending in .svg")
    with open_archive(args.db) as archive:
        try:
            stats = archive_stats(archive.conn, _filters(args), top=args.top)
        except SearchError as exc:
            raise QueryInputError(str(exc)) from exc
    if args.chart:
        try:
            Path(args.chart).write_text(months_chart_svg(stats["site_months"]), encoding="utf-8")
        except OSError as exc:
            raise QueryInputError(f"cannot write {args.chart}: {exc.strerror or exc}") from exc
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    out = [f"{stats['articles']} articles", "", "Per site"]
    out += table_lines(["site", "articles", "first published", "last published", "withdrawn"],
                       [(r["site"], r["articles"], r["first_published"], r["last_published"], r["gone"])
                        for r in stats["sites"]])
    out += ["", "Per month"]
    out += table_lines(["month", "articles"], [(r["month"], r["articles"]) for r in stats["months"]])
    for name in ("sources", "editors"):
        key = name[:-1]
        out += ["", f"Top {name}"]
        out += table_lines([key, "articles"], [(r[key], r["articles"]) for r in stats[name]])
    out += ["", "Field coverage"]
    out += table_lines(["field", "articles", "share"],
                       [(k, v["articles"], v["share"]) for k, v in stats["coverage"].items()])
    if args.chart:
        out += ["", f"chart written to {args.chart}"]
    print("\n".join(out))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Datasette on the archive, with the archive's metadata (tables, columns, facets, search, queries)."""
    try:
        from datasette.cli import cli as datasette_cli
    except ImportError:
        raise QueryInputError("serve needs Datasette: pip install -e '.[serve]'") from None
    open_archive(args.db).close()  # an older archive is refused (Datasette would show it without its views)
    from archive.datasette import datasette_metadata

    # uvicorn re-raises the SIGTERM it shut down on: as an exception here, so the metadata directory is removed
    signal.signal(signal.SIGTERM, _stop_serving)
    with tempfile.TemporaryDirectory(prefix="assoc-serve-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(Path(args.db).stem), ensure_ascii=False), encoding="utf-8")
        # on read-only media SQLite cannot create the write-ahead log's shared-memory file: serve it immutable
        database = ["-i", str(args.db)] if on_read_only_media(args.db) else [str(args.db)]
        arguments = ["serve", *database, "--metadata", str(metadata), "--host", args.host, "--port", str(args.port),
                     "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]
        try:
            datasette_cli.main(arguments, prog_name="assoc-crawler serve", standalone_mode=False)
        except (KeyboardInterrupt, _StopServing):
            pass
    return 0


class _StopServing(Exception):
    """SIGTERM reached `serve`: stop as on Ctrl-C."""


def _stop_serving(signum: int, frame: object) -> None:
    raise _StopServing


QUERY_COMMANDS = {"serve": cmd_serve, "search": cmd_search, "export": cmd_export, "show": cmd_show, "stats": cmd_stats}
