"""Offline demo: a small threaded HTTP server and sample association sites to crawl.

Each directory under ``assoc_crawler/demo/sites`` is one site (``site.json``, ``www/``, ``truth.json``);
:class:`~assoc_crawler.demo.server.DemoServer` serves them on 127.0.0.1, one ephemeral port per site.
The names below are imported lazily so that ``python -m assoc_crawler.demo.server`` runs cleanly.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DemoServer", "DemoSite", "RequestLogEntry", "available_sites", "load_truth"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
