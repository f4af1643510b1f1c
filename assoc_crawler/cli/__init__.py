"""The `assoc-crawler` command line: `main` parses and dispatches; one module per command group (`query`:
search, export, show, stats, browse; `distributed`: workers and ingest); `shared`: exit statuses and reports."""

from .main import main

__all__ = ["main"]
