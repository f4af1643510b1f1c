"""The `assoc-crawler` command line: the parser of every subcommand and the dispatch. Each command group is a
module: `crawl` (crawl, demo, serve-demo), `maintenance` (summary, extract, reextract, profiles), `query` (search,
export, show, stats, serve), `distributed` (workers and ingest); `shared` holds exit statuses and reports."""

from __future__ import annotations

import argparse
import sys

from archive import ArchiveDamaged
from assoc_crawler import __version__

from .crawl import CRAWL_COMMANDS, add_crawl_commands
from .distributed import DISTRIBUTED_COMMANDS, add_distributed_commands
from .maintenance import MAINTENANCE_COMMANDS, add_maintenance_commands
from .query import QUERY_COMMANDS, QueryInputError, add_query_commands
from .shared import EXIT_ARCHIVE, EXIT_OK, EXIT_USAGE, CliError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="assoc-crawler",
        description="Crawl industry-association news sites into a searchable SQLite archive.",
    )
    parser.add_argument("--version", action="version", version=f"assoc-crawler {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_crawl_commands(sub)
    add_maintenance_commands(sub)
    add_query_commands(sub)
    add_distributed_commands(sub)
    return parser


COMMANDS = {**CRAWL_COMMANDS, **MAINTENANCE_COMMANDS, **QUERY_COMMANDS, **DISTRIBUTED_COMMANDS}

def main(argv: list[str] | None = None) -> int:
    """Entry point of `assoc-crawler` and `python -m assoc_crawler`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (CliError, QueryInputError) as exc:
        print(f"assoc-crawler: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ArchiveDamaged as exc:  # refused before any write: the file is as it was
        print(f"assoc-crawler: {exc}", file=sys.stderr)
        return EXIT_ARCHIVE
    except BrokenPipeError:  # `assoc-crawler export ... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("assoc-crawler: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
