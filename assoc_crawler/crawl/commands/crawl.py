"""``scrapy crawl site -a target=... -a db=...``: Scrapy's crawl command, with the ``site`` spider's arguments
checked before anything starts. Scrapy builds the spider inside its event loop, where a bad argument becomes an
asyncio traceback; here it is one line on stderr and exit status 2 (Scrapy's UsageError)."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from assoc_crawler.crawl.pace import resolver_settings
from assoc_crawler.profiles import ProfileError, SiteProfile, resolve_target


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``; for the ``site`` spider, ``-a target`` must name a profile or a URL, and ``-a db`` an
    archive (not a silent ``./archive.db``)."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == "site":
            host = check_site_arguments(opts.spargs).host
            settings = getattr(self.crawler_process, "settings", None)
            if settings is not None and not settings.frozen:  # an IPv6 address: a resolver that knows IPv6
                settings.setdict(resolver_settings(host), priority="spider")
        super().run(args, opts)


def check_site_arguments(spargs: dict[str, str]) -> SiteProfile:
    """The ``site`` spider's profile; UsageError naming the first bad argument."""
    try:
        profile = resolve_target(spargs.get("target") or "")
    except ProfileError as exc:
        raise UsageError(f"-a target: {exc}", print_help=False) from None
    if not spargs.get("db"):
        raise UsageError("-a db=PATH is required: the SQLite archive to crawl into", print_help=False)
    return profile
