"""Downloader middlewares: Scrapy's own, with fixes where a Scrapy version gets something wrong."""

from __future__ import annotations

import time
import zlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from w3lib.url import safe_url_string

from archive.identity import same_host
from assoc_crawler.extract.urls import same_site

from .errors import LeftForNextRun


def put_back(crawler: Crawler, request: Request) -> bool:
    """Return a request not fetched to the crawl's scheduler queue when that queue outlives the crawl (a
    distributed run's queue in Redis: another worker fetches it); False for a local crawl, whose frontier in the
    archive keeps it."""
    engine = getattr(crawler, "engine", None)
    scheduler = getattr(getattr(engine, "_slot", None), "scheduler", None)
    queue = getattr(scheduler, "queue", None)
    if queue is None or not getattr(scheduler, "persist", False):
        return False
    queue.push(request)
    return True


class StoppingMiddleware:
    """Once the crawl is asked to stop (the spider's ``stopping``), nothing more is fetched: a request that reaches
    the downloader (a retry, a page 2 of an article) is dropped as `LeftForNextRun`, put back into a distributed
    run's queue first. Order 10: before every other middleware."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoppingMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if getattr(self.crawler.spider, "stopping", False):
            put_back(self.crawler, request)
            raise LeftForNextRun(f"crawl stopping: {request.url} left for the next run")


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
    """Catches responses whose gzip or deflate body is cut short, before Scrapy's HttpCompressionMiddleware
    decompresses what it can and hands on half a page as if it were whole. Runs just before it (order 595);
    decompresses into nothing, up to DOWNLOAD_MAXSIZE (beyond that, a bomb: Scrapy's middleware refuses it).
    A cut-short body is retried like a dropped connection (RETRY_ENABLED, RETRY_TIMES); after the last retry the
    request fails with TruncatedResponse."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.retry = crawler.settings.getbool("RETRY_ENABLED")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TruncatedGzipMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        encoding = response.headers.get(b"Content-Encoding", b"").strip().lower()
        if encoding not in (b"gzip", b"x-gzip", b"deflate") or request.method == "HEAD" or not response.body:
            return response
        # gzip (or zlib) header detected; deflate: zlib-wrapped, else raw (both occur in the wild)
        attempts = (47,) if encoding != b"deflate" else (15, -15)
        for wbits in attempts:
            try:
                complete = self._complete(response.body, wbits)
                break
            except zlib.error:
                continue
        else:
            return response  # not readable as compressed data at all: Scrapy's middleware reports it
        if not complete:
            failure = TruncatedResponse(f"{encoding.decode()} body of {len(response.body)} bytes ends before its "
                                        f"compressed stream does")
            if self.retry and not request.meta.get("dont_retry"):
                again = get_retry_request(request, spider=self.crawler.spider, reason="truncated")
                if again is not None:
                    return again
            raise failure
        return response

    def _complete(self, body: bytes, wbits: int) -> bool:
        """Whether the compressed stream ends within the body (or decompresses past DOWNLOAD_MAXSIZE: a bomb,
        which Scrapy refuses). zlib.error for data that is not such a stream (a bad checksum included)."""
        stream = zlib.decompressobj(wbits)
        produced = 0
        data = body
        while data and (not self.max_size or produced <= self.max_size):
            produced += len(stream.decompress(data, 1 << 20))
            data = stream.unconsumed_tail
        return stream.eof or bool(self.max_size and produced > self.max_size)


class RetryAfterMiddleware:
    """Backs a host off before Scrapy's RetryMiddleware retries its 429 or 503, and keeps retrying those within a
    time budget rather than a count, so a short burst of them costs nothing.

    The host's download slot sends nothing more for the Retry-After header's seconds (or until its date), else for
    a backoff of ASSOC_RETRY_BACKOFF x 2^(retries so far), at most ASSOC_RETRY_BACKOFF_MAX. A URL is retried while
    the time since its first 429/503 plus the next wait stays within ASSOC_RETRY_BUDGET seconds (so a Retry-After
    longer than the budget is not waited for; nor one beyond ASSOC_RETRY_AFTER_MAX, should that be lower). A
    page given up stays in the frontier for the next run. Nothing sleeps here, so a crawl that stops does not wait
    for the pause. Other retried failures keep RETRY_TIMES. Order 560: it sees the response before
    RetryMiddleware (550)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.retry_codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.enabled = settings.getbool("RETRY_ENABLED")
        self.backoff = settings.getfloat("ASSOC_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("ASSOC_RETRY_BACKOFF_MAX", 16.0)
        self.budget = settings.getfloat("ASSOC_RETRY_BUDGET", 60.0)
        self.max_wait = settings.getfloat("ASSOC_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if (not self.enabled or response.status not in (429, 503) or response.status not in self.retry_codes
                or request.meta.get("dont_retry")):
            return response
        retries = request.meta.get("retry_times", 0)
        started = request.meta.setdefault("retry_started", time.time())  # wall clock: meta may change process
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            wait = min(self.backoff * (2 ** retries), self.backoff_max)
        if wait > self.max_wait:
            self.crawler.stats.inc_value("retry_after/too_long")
            self._give_up(request, retries)
            return response
        if time.time() - started + wait > self.budget:
            self.crawler.stats.inc_value("retry_after/budget_spent")
            self._give_up(request, retries)
            return response
        request.meta["max_retry_times"] = retries + 1  # RetryMiddleware retries it once more
        self.crawler.stats.inc_value("retry_after/pauses")
        self.crawler.stats.inc_value("retry_after/seconds", int(round(wait)))
        self._pause_host(request, wait)
        return response

    @staticmethod
    def _give_up(request: Request, retries: int) -> None:
        request.meta["max_retry_times"] = retries  # RetryMiddleware retries it no more; it stays in the frontier

    def _pause_host(self, request: Request, seconds: float) -> None:
        """The request's download slot sends its next request ``seconds`` from now at the earliest."""
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        if slot.delay <= 0:
            slot.delay = 0.001  # Scrapy looks at a slot's last request time only when it has a delay
        # the slot waits download_delay() (delay x (1 +- jitter)) after lastseen: set lastseen for the shortest
        shortest = slot.delay * max(0.0, 1 - slot.jitter)
        slot.lastseen = max(slot.lastseen, time.monotonic() + seconds - shortest)  # Scrapy's clock


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class OffsiteRedirectMiddleware:
    """Drops a redirect to another site before it is followed: Scrapy's OffsiteMiddleware lets every request of
    this crawl through (they carry ``dont_filter``: the crawl's claims, shared by distributed workers, stand in for
    the dupefilter), so the other site's page would be fetched and archived as this site's. A redirect stays on
    the site when its target is in the crawl's scope or on the same host and port (another scheme or ``www.``:
    `archive.identity`); else the request fails as an ``offsite_redirect`` error (IgnoreRequest, named by
    `assoc_crawler.crawl.errors.ignored_kind`). Order 650: it sees the response before RedirectMiddleware
    (600)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        location = response.headers.get(b"Location")
        if not 300 <= response.status < 400 or not location or request.meta.get("dont_redirect"):
            return response
        target = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        profile = getattr(self.crawler.spider, "profile", None)
        if profile is None or not profile.start_urls:
            return response
        start = profile.start_urls[0]
        if same_site(target, profile.host, profile.allow_subdomains) or (
                same_host(target, start) and _explicit_port(target) == _explicit_port(start)):
            return response
        self.crawler.stats.inc_value("bounds/cut/offsite_redirect")
        raise IgnoreRequest(f"Filtered offsite redirect to {target} (from {request.url})")


def _explicit_port(url: str) -> int | None:
    """The port a URL names, None for its scheme's default (http://h and https://h are on one port here)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    return None if port in (None, {"http": 80, "https": 443}.get(parts.scheme)) else port
