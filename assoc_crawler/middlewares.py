"""Downloader middlewares: Scrapy's own, with fixes where a Scrapy version gets something wrong."""

from __future__ import annotations

import asyncio
import zlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request, Response
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


class TruncatedResponse(Exception):
    """A compressed body that ends before its compressed stream does (the connection dropped mid-transfer)."""


class TruncatedGzipMiddleware:
    """Fails responses whose gzip or deflate body is cut short, before Scrapy's HttpCompressionMiddleware
    decompresses what it can and hands on half a page as if it were whole. Runs just before it (order 595);
    decompresses into nothing, up to DOWNLOAD_MAXSIZE (beyond that, a bomb: Scrapy's middleware refuses it)."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TruncatedGzipMiddleware:
        return cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        encoding = response.headers.get(b"Content-Encoding", b"").strip().lower()
        if encoding not in (b"gzip", b"x-gzip", b"deflate") or request.method == "HEAD" or not response.body:
            return response
        wbits = 47 if encoding != b"deflate" else 15  # 47: gzip or zlib header, detected
        stream = zlib.decompressobj(wbits)
        produced = 0
        data = response.body
        try:
            while data and (not self.max_size or produced <= self.max_size):
                produced += len(stream.decompress(data, 1 << 20))
                data = stream.unconsumed_tail
            complete = stream.eof or bool(self.max_size and produced > self.max_size)
        except zlib.error:
            if encoding == b"deflate":
                return response  # raw deflate without a zlib header: Scrapy's middleware copes with it
            complete = False
        if not complete:
            raise TruncatedResponse(f"{encoding.decode()} body of {len(response.body)} bytes ends before its "
                                    f"compressed stream does")
        return response


class RetryAfterMiddleware:
    """Waits before Scrapy's RetryMiddleware retries a 429 or 503: the Retry-After header's seconds (or date),
    else a backoff of ASSOC_RETRY_BACKOFF x 2^(retries so far). Waits of more than ASSOC_RETRY_AFTER_MAX seconds
    are not made: the retry is left to the next run. Order 560, so it sees the response before RetryMiddleware."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.retry_times = settings.getint("RETRY_TIMES")
        self.enabled = settings.getbool("RETRY_ENABLED")
        self.backoff = settings.getfloat("ASSOC_RETRY_BACKOFF", 1.0)
        self.max_wait = settings.getfloat("ASSOC_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if not self.enabled or response.status not in (429, 503):
            return response
        retries = request.meta.get("retry_times", 0)
        if retries >= request.meta.get("max_retry_times", self.retry_times):
            return response  # no retry follows: nothing to wait for
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            wait = self.backoff * (2 ** retries)
        if wait > self.max_wait:
            self.crawler.stats.inc_value("retry_after/too_long")
            request.meta["max_retry_times"] = retries  # give up now; the page stays in the frontier
            return response
        self.crawler.stats.inc_value("retry_after/waits")
        self.crawler.stats.inc_value("retry_after/seconds", int(round(wait)))
        await asyncio.sleep(wait)
        return response


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
