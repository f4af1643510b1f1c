"""The downloader middlewares (crawl/middlewares.py) on real Scrapy requests, responses and crawlers: robots.txt
with many waiters, Retry-After pauses, gzip and deflate bodies cut short."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.test import get_crawler

from assoc_crawler.crawl.errors import error_kind
from assoc_crawler.crawl.middlewares import (
    OffsiteRedirectMiddleware,
    RetryAfterMiddleware,
    RobotsTxtMiddleware,
    TruncatedGzipMiddleware,
    TruncatedResponse,
    retry_after_seconds,
)
from assoc_crawler.profiles import resolve_target

URL = "http://site.test/news/1.html"
PAGE = ("<html><body>" + "".join(f"<p>第{n}段：协会召开年会 {hashlib.sha256(str(n).encode()).hexdigest()}</p>"
                                  for n in range(300)) + "</body></html>").encode()


def crawler_with_spider(**settings: Any) -> Crawler:
    """A real crawler (and spider) with these settings; no engine unless a test makes one."""
    crawler = get_crawler(settings_dict={"RETRY_ENABLED": True, "RETRY_TIMES": 2,
                                         "RETRY_HTTP_CODES": [500, 502, 503, 504, 429], **settings})
    crawler.spider = Spider.from_crawler(crawler, name="unit")
    return crawler


# -- robots.txt -----------------------------------------------------------------------------------------------


class _RobotsDownload:
    """Stands in for Scrapy's engine: the robots.txt download finishes when the test sets ``answer``."""

    def __init__(self) -> None:
        self.answer: asyncio.Future[Response] = asyncio.get_running_loop().create_future()
        self.requested: list[str] = []

    async def download_async(self, request: Request) -> Response:
        self.requested.append(request.url)
        return await self.answer


def test_every_request_waiting_for_robots_txt_obeys_it() -> None:
    """Many requests arrive while robots.txt downloads (an incremental run's rechecks): every one of them must
    be refused where robots.txt forbids it, not only the first (Scrapy 2.19 hands the others None)."""

    async def scenario() -> list[Any]:
        crawler = crawler_with_spider(ROBOTSTXT_OBEY=True)
        download = _RobotsDownload()
        crawler.engine = download  # type: ignore[assignment]
        middleware = RobotsTxtMiddleware.from_crawler(crawler)
        urls = [f"http://site.test/private/{n}.html" for n in range(4)] + ["http://site.test/news/1.html"]
        waiting = [asyncio.ensure_future(middleware.process_request(Request(url))) for url in urls]
        for _ in range(1000):  # let the middleware reach its download: yield to the loop until it has asked
            if download.requested:
                break
            await asyncio.sleep(0)
        assert download.requested == ["http://site.test/robots.txt"]  # one download for all of them
        download.answer.set_result(TextResponse("http://site.test/robots.txt", body=b"User-agent: *\n"
                                                b"Disallow: /private/\n", encoding="utf-8"))
        return await asyncio.gather(*waiting, return_exceptions=True)

    outcomes = asyncio.run(scenario())
    assert [type(outcome).__name__ for outcome in outcomes] == ["IgnoreRequest"] * 4 + ["NoneType"]
    assert all("robots.txt" in str(outcome) for outcome in outcomes[:4] if isinstance(outcome, IgnoreRequest))


# -- Retry-After ---------------------------------------------------------------------------------------------


def test_retry_after_header_values() -> None:
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds(b" 7 ") == 7.0
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True).encode()
    assert 55 <= retry_after_seconds(in_a_minute) <= 60
    assert retry_after_seconds(b"Mon, 01 Jan 2001 00:00:00 GMT") == 0.0  # a date in the past: no wait
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(b"") is None and retry_after_seconds(None) is None


def _pause_of(status: int, headers: dict[str, str] | None = None, meta: dict[str, Any] | None = None,
              **settings: Any) -> tuple[float, Crawler, Request]:
    """Seconds the host's download slot was paused for by one response (through a real engine's downloader)."""

    async def scenario() -> tuple[float, Crawler, Request]:
        crawler = crawler_with_spider(DOWNLOAD_HANDLERS={"http": None, "https": None}, **settings)
        crawler.engine = crawler._create_engine()
        downloader = crawler.engine.downloader
        try:
            request = Request(URL, meta=dict(meta or {}))
            _, slot = downloader._get_slot(request)
            before = slot.lastseen
            middleware = RetryAfterMiddleware.from_crawler(crawler)
            response = Response(URL, status=status, headers=headers or {}, request=request)
            now = time.monotonic()
            assert middleware.process_response(request, response) is response
            paused = 0.0 if slot.lastseen == before else slot.lastseen - now
            return paused, crawler, request
        finally:
            downloader.close()

    return asyncio.run(scenario())


def test_a_429_with_retry_after_pauses_its_host_for_that_long() -> None:
    paused, crawler, _ = _pause_of(429, {"Retry-After": "7"})
    assert 6.9 <= paused <= 7.0
    assert crawler.stats.get_value("retry_after/pauses") == 1
    assert crawler.stats.get_value("retry_after/seconds") == 7


def test_a_503_without_retry_after_backs_off_exponentially() -> None:
    paused, _, _ = _pause_of(503, meta={"retry_times": 1}, ASSOC_RETRY_BACKOFF=1.5)
    assert 2.9 <= paused <= 3.0  # 1.5 x 2^1


def test_429_and_503_are_retried_within_a_time_budget_not_a_count() -> None:
    for retries, expected in ((0, 1.0), (3, 8.0), (5, 16.0), (9, 16.0)):  # 1, 2, 4, 8, 16, 16 ... (the cap)
        paused, crawler, request = _pause_of(503, meta={"retry_times": retries, "retry_started": time.time() - 10})
        assert expected - 0.1 <= paused <= expected and request.meta["max_retry_times"] == retries + 1
    paused, crawler, request = _pause_of(503, meta={"retry_times": 6, "retry_started": time.time() - 50},
                                         ASSOC_RETRY_BUDGET=60)
    assert paused == 0.0 and request.meta["max_retry_times"] == 6  # 50 s spent + 16 s more > 60 s: given up
    assert crawler.stats.get_value("retry_after/budget_spent") == 1
    _, _, request = _pause_of(503)
    assert request.meta["retry_started"] > time.time() - 5  # the clock starts at the first 503
    paused, crawler, request = _pause_of(429, {"Retry-After": "61"})  # longer than the whole budget (60 s)
    assert paused == 0.0 and request.meta["max_retry_times"] == 0
    assert crawler.stats.get_value("retry_after/budget_spent") == 1


def test_a_retry_after_at_the_limit_is_waited_and_one_second_more_is_not() -> None:
    paused, crawler, _ = _pause_of(503, {"Retry-After": "120"}, ASSOC_RETRY_AFTER_MAX=120, ASSOC_RETRY_BUDGET=300)
    assert 119.9 <= paused <= 120.0 and not crawler.stats.get_value("retry_after/too_long")
    paused, crawler, request = _pause_of(503, {"Retry-After": "121"}, ASSOC_RETRY_AFTER_MAX=120,
                                         ASSOC_RETRY_BUDGET=300)
    assert paused == 0.0 and crawler.stats.get_value("retry_after/too_long") == 1
    assert request.meta["max_retry_times"] == 0


def test_a_retry_after_beyond_the_limit_gives_the_page_up_for_this_run() -> None:
    paused, crawler, request = _pause_of(503, {"Retry-After": "3600"}, ASSOC_RETRY_AFTER_MAX=120)
    assert paused == 0.0
    assert crawler.stats.get_value("retry_after/too_long") == 1
    assert request.meta["max_retry_times"] == 0  # RetryMiddleware retries it no more


@pytest.mark.parametrize(("status", "meta", "settings"), [
    (500, {}, {}),  # retried, but no Retry-After semantics
    (404, {}, {}),
    (503, {"dont_retry": True}, {}),
    (503, {"retry_times": 2, "retry_started": time.time() - 58}, {}),  # the time budget is spent
    (503, {}, {"RETRY_ENABLED": False}),
    (429, {}, {"RETRY_HTTP_CODES": [503]}),  # not retried at all
])
def test_no_pause_when_no_retry_follows(status: int, meta: dict[str, Any], settings: dict[str, Any]) -> None:
    paused, crawler, _ = _pause_of(status, {"Retry-After": "5"}, meta=meta, **settings)
    assert paused == 0.0
    assert crawler.stats.get_value("retry_after/pauses") is None


# -- truncated gzip ------------------------------------------------------------------------------------------


def _check(body: bytes, encoding: str = "gzip", method: str = "GET", meta: dict[str, Any] | None = None,
           **settings: Any) -> tuple[Request | Response, Crawler]:
    crawler = crawler_with_spider(**settings)
    middleware = TruncatedGzipMiddleware.from_crawler(crawler)
    request = Request(URL, method=method, meta=dict(meta or {}))
    response = Response(URL, body=body, headers={"Content-Encoding": encoding}, request=request)
    return middleware.process_response(request, response), crawler


def _deflate(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(wbits=wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(("encoding", "body"), [
    ("gzip", gzip.compress(PAGE)),
    ("x-gzip", gzip.compress(PAGE)),
    ("deflate", _deflate(PAGE, 15)),  # zlib-wrapped
    ("deflate", _deflate(PAGE, -15)),  # raw
], ids=["gzip", "x-gzip", "zlib-deflate", "raw-deflate"])
def test_a_whole_compressed_body_passes(encoding: str, body: bytes) -> None:
    result, _ = _check(body, encoding)
    assert isinstance(result, Response) and result.body == body


@pytest.mark.parametrize(("encoding", "body"), [
    ("gzip", gzip.compress(PAGE)[:-40]),
    ("deflate", _deflate(PAGE, 15)[:4000]),
    ("deflate", _deflate(PAGE, -15)[:4000]),
], ids=["gzip", "zlib-deflate", "raw-deflate"])
def test_a_compressed_body_cut_short_is_retried_then_fails_as_truncated(encoding: str, body: bytes) -> None:
    retry, crawler = _check(body, encoding)
    assert isinstance(retry, Request) and retry.url == URL and retry.meta["retry_times"] == 1
    assert crawler.stats.get_value("retry/reason_count/truncated") == 1
    with pytest.raises(TruncatedResponse) as caught:
        _check(body, encoding, meta={"retry_times": 2})  # RETRY_TIMES spent
    assert error_kind(caught.value) == "truncated"
    with pytest.raises(TruncatedResponse):
        _check(body, encoding, RETRY_ENABLED=False)
    with pytest.raises(TruncatedResponse):
        _check(body, encoding, meta={"dont_retry": True})


@pytest.mark.parametrize(("encoding", "body", "method"), [
    ("gzip", b"this is not gzip at all", "GET"),  # unreadable: left to HttpCompressionMiddleware to report
    ("identity", gzip.compress(PAGE)[:-40], "GET"),  # not announced as compressed
    ("gzip", gzip.compress(PAGE)[:-40], "HEAD"),
    ("gzip", b"", "GET"),
], ids=["not-gzip", "identity", "head", "empty"])
def test_what_is_not_a_cut_short_compressed_body_passes(encoding: str, body: bytes, method: str) -> None:
    result, _ = _check(body, encoding, method=method)
    assert isinstance(result, Response)


def test_a_bomb_is_not_inflated_past_the_size_limit_and_left_to_scrapy() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)[:-40]  # cut short, but its start already inflates past the limit
    result, _ = _check(bomb, DOWNLOAD_MAXSIZE=100_000)
    assert isinstance(result, Response)
    with pytest.raises(TruncatedResponse):
        _check(bomb, DOWNLOAD_MAXSIZE=0, RETRY_ENABLED=False)  # no limit: inflated to its end, which is missing


# -- redirects to other sites -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("location", "followed"), [
    ("https://site.test/news/2.html", True),  # the same site over https
    ("http://www.site.test/news/2.html", True),  # with www.
    ("/news/2.html", True),
    ("http://other.test/a.html", False),  # another site
    ("http://site.test:8080/a.html", False),  # another port: another server
    ("http://m.site.test/a.html", False),  # a subdomain the profile does not allow
])
def test_a_redirect_to_another_site_is_dropped_before_it_is_fetched(location: str, followed: bool) -> None:
    crawler = crawler_with_spider()
    crawler.spider.profile = resolve_target("http://site.test/")  # type: ignore[attr-defined]
    middleware = OffsiteRedirectMiddleware.from_crawler(crawler)
    request = Request(URL)
    response = Response(URL, status=301, headers={"Location": location}, request=request)
    if followed:
        assert middleware.process_response(request, response) is response
    else:
        with pytest.raises(IgnoreRequest, match="offsite"):
            middleware.process_response(request, response)
