"""Downloader middlewares: Scrapy's own, with fixes where a Scrapy version gets something wrong."""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, made safe for many requests waiting on one robots.txt.

    In Scrapy 2.19 with the asyncio reactor, the requests that wait while robots.txt downloads share one
    Deferred; turning it into a Future consumes its result, so every waiter after the first gets None, which
    means "no robots.txt": they were fetched even where robots.txt forbids them. A crawl that starts with many
    requests (an incremental run's rechecks, a resumed frontier) hit this. Here a waiter that got None reads the
    parser that has been stored for the host meanwhile.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            settled = self._parsers.get(urlparse_cached(request).netloc)
            if settled is not None and not isinstance(settled, Deferred):
                return settled
        return parser
