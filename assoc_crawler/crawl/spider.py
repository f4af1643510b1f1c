"""The one spider: crawl one association site, hand each page to extraction, yield archive items.

It only decides what to fetch (same site, within bounds, robots-allowed via Scrapy) and assembles multi-page
articles; everything about the page's content is decided by `assoc_crawler.extract`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from archive import RECHECK_MODES, Archive, CrawlState, RecheckPolicy
from assoc_crawler.distributed.protocol import CLAIMED, SEEN, WorkerLink
from assoc_crawler.extract import PageExtraction, extract_page, merge_pages, normalize_url
from assoc_crawler.extract.urls import is_page_url, same_site, url_pattern
from assoc_crawler.profiles import ProfileError, SiteProfile, resolve_target
from assoc_crawler.records.article import article_record, listing_rows
from assoc_crawler.records.items import AliasItem, ArticleItem, ErrorItem, FrontierItem, PageItem, RecheckItem

from .pool import die_with_parent

_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


@dataclass
class _Fetched:
    """One fetched page of an article: its extraction and the raw response to keep."""

    extraction: PageExtraction
    raw: dict[str, Any]


@dataclass
class _MultiPage:
    """An article whose pages are being fetched one after another."""

    pages: list[_Fetched]
    remaining: list[str]
    aliases: list[dict[str, str]] = field(default_factory=list)
    validators: dict[str, str | None] = field(default_factory=dict)
    requested_url: str = ""  # the URL the crawl requested for page 1 (leaves the frontier once archived)


class SiteSpider(scrapy.Spider):
    """Crawl one site (a profile name, a profile file, or a start URL): `scrapy crawl site -a target=URL`."""

    name = "site"

    def __init__(self, target: str | None = None, db: str | None = None, max_pages: str | int | None = None,
                 site: str | None = None, full: str | bool = False, recheck: str | None = None,
                 link: WorkerLink | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        try:
            self.profile: SiteProfile = resolve_target(target or "")
        except ProfileError as exc:
            raise ValueError(str(exc)) from exc
        self.target = target
        self.db = db
        self.site = site or self.profile.name
        self._max_pages_arg = int(max_pages) if max_pages else None
        self.seen: set[str] = set()  # URLs requested: the spider dedupes, so redirects to seen pages still arrive
        self.processed: set[str] = set()  # pages (by canonical/first-page URL) already handed on in this crawl
        self.pending_aliases: dict[str, list[dict[str, str]]] = {}  # aliases of multi-page articles in flight
        self.scheduled = 0
        self.pattern_counts: Counter[str] = Counter()
        self.pattern_fetched: Counter[str] = Counter()
        self.pattern_yield: Counter[str] = Counter()
        self.pattern_articles: Counter[str] = Counter()  # articles found at pages of each URL shape
        self.allow = [re.compile(p) for p in self.profile.allow]
        self.deny = [re.compile(p) for p in self.profile.deny]
        self.full = str(full).lower() in ("1", "true", "yes", "on")
        if recheck is not None and recheck not in RECHECK_MODES:
            raise ValueError(f"recheck must be one of {', '.join(RECHECK_MODES)}, not {recheck!r}")
        self.recheck = recheck
        self.refused = False  # set by the pipeline: the site is locked by another crawl, or the archive unusable
        self._pool: ProcessPoolExecutor | None = None
        self.state = CrawlState()  # what the archive knew of the site when this crawl started
        self.incremental = False
        self.link = link  # a worker of a distributed run (`crawl --redis`): URLs are claimed in Redis

    # -- settings -----------------------------------------------------------------------------------------
    @property
    def max_pages(self) -> int:
        return self._max_pages_arg or int(self.profile.crawl.get("max_pages") or 0) or self.settings.getint(
            "ASSOC_MAX_PAGES", 5000)

    # -- start --------------------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        """Start URLs; then, on a later run, the URLs a killed run left pending and the articles due a recheck."""
        if self.refused:
            return
        self._load_state()
        for url in self.profile.start_urls:
            request = self._request(url, from_pattern=None, force=True, meta={"start": True})
            if request is not None:
                yield request
        for url in self.state.pending:
            request = self._request(url, from_pattern=None, force=True)
            if request is not None:
                self.crawler.stats.inc_value("incremental/resumed")
                yield request
        max_rechecks = self.settings.getint("ASSOC_MAX_RECHECKS", 2000)
        if len(self.state.due) > max_rechecks:  # the most overdue first; the rest are due on the next runs
            self.crawler.stats.set_value("incremental/rechecks_deferred", len(self.state.due) - max_rechecks)
        for url, etag, last_modified in self.state.due[:max_rechecks] if max_rechecks > 0 else self.state.due:
            request = self._recheck_request(url, etag, last_modified)
            if request is not None:
                yield request

    def _load_state(self) -> None:
        settings = self.settings
        if self.link is not None:  # the writer published the archive's state when the run started
            self.state, full = self.link.load_state()
            self.full = full
            self._record_state()
            return
        mode = self.recheck or settings.get("ASSOC_RECHECK", "policy")
        policy = RecheckPolicy(
            recent_days=settings.getfloat("ASSOC_RECHECK_RECENT_DAYS", 7.0),
            recent_hours=settings.getfloat("ASSOC_RECHECK_RECENT_HOURS", 20.0),
            old_days=settings.getfloat("ASSOC_RECHECK_OLD_DAYS", 30.0),
        )
        path = self.db or settings.get("ASSOC_ARCHIVE_DB")
        with Archive(path, readonly=True) as archive:
            self.state = archive.crawl_state(self.site, mode, policy,
                                             pages_after_hours=settings.getfloat("ASSOC_RECHECK_PAGES_HOURS", 20.0))
        self.full = self.full or settings.getbool("ASSOC_FULL")
        self._record_state()

    def _record_state(self) -> None:
        self.incremental = not self.full and not self.state.is_first_crawl
        stats = self.crawler.stats
        stats.set_value("incremental/mode", "incremental" if self.incremental else "full")
        stats.set_value("incremental/known_articles", len(self.state.article_urls))
        stats.set_value("incremental/due_rechecks", len(self.state.due))
        stats.set_value("incremental/pending", len(self.state.pending))

    def _recheck_request(self, url: str, etag: str | None, last_modified: str | None) -> scrapy.Request | None:
        """A conditional request for a known article (If-None-Match / If-Modified-Since from its validators)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = self._request(url, from_pattern=None, force=True, headers=headers, meta={"recheck": True})
        if request is not None:
            self.crawler.stats.inc_value("incremental/rechecks")
        return request

    def _request(self, url: str, from_pattern: str | None, force: bool = False, depth: int = 0,
                 **kwargs: Any) -> scrapy.Request | None:
        """A request for url if it is on the site, a page, new and within bounds; else None (and a stat).

        ``depth`` counts links from a start URL; the next pages of a list do not count (a long list read through a
        pager of ten numbers would otherwise put its oldest articles beyond any depth limit)."""
        stats = self.crawler.stats
        if url in self.seen and not force:
            return None
        if not self._acceptable(url, force):
            return None
        pattern = url_pattern(url)
        if not force:
            if depth > self.settings.getint("DEPTH_LIMIT", 12) > 0:
                stats.inc_value("bounds/cut/depth")
                return None
            if self.scheduled >= self.max_pages:
                stats.inc_value("bounds/cut/max_pages")
                return None
            article_shape = self.pattern_articles[pattern] * 2 >= self.pattern_fetched[pattern] > 0
            if (self.pattern_counts[pattern] >= self.settings.getint("ASSOC_PATTERN_MAX_PAGES", 1000)
                    and not article_shape):  # a shape whose pages are mostly articles is the site's article URL
                stats.inc_value("bounds/cut/pattern_max_pages")
                return None
            barren = self.settings.getint("ASSOC_BARREN_PATTERN_LIMIT", 15)
            productive = self.pattern_yield[pattern] or self.pattern_articles[pattern]  # led to articles, or is one
            if self.pattern_fetched[pattern] >= barren and not productive:
                stats.inc_value("bounds/cut/barren_pattern")
                stats.inc_value(f"bounds/cut/barren_pattern/{pattern}")
                return None
        if self.link is not None:  # another worker of the run may have claimed it, or spent the budget
            claim = self.link.claim(url, 0 if force else self.max_pages)
            if claim != CLAIMED:
                self.seen.add(url)
                stats.inc_value("distributed/claimed_by_others" if claim == SEEN else "bounds/cut/max_pages")
                return None
        self.seen.add(url)
        if not force:  # start URLs, rechecks and resumed URLs have their own limits, not the link budget
            self.scheduled += 1
            self.pattern_counts[pattern] += 1
        meta = {"pattern": pattern, "from_pattern": from_pattern, "requested_url": url, "link_depth": depth}
        meta.update(kwargs.pop("meta", {}))
        return scrapy.Request(url, callback=kwargs.pop("callback", self.parse), errback=self.on_error, meta=meta,
                              dont_filter=True, **kwargs)

    def _acceptable(self, url: str, force: bool = False) -> bool:
        """On the site, a page (not a file), allowed by the profile, not a repeated-path trap."""
        if not same_site(url, self.profile.host, self.profile.allow_subdomains) or not is_page_url(url):
            return False
        if self.deny and any(p.search(url) for p in self.deny):
            return False
        if self.allow and not force and not any(p.search(url) for p in self.allow):
            return False
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if segments and max(Counter(segments).values()) > self.settings.getint("ASSOC_MAX_PATH_SEGMENT_REPEATS", 2):
            self.crawler.stats.inc_value("bounds/cut/repeated_path")
            return False
        return True

    # -- responses ----------------------------------------------------------------------------------------
    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Any page of the site: archive it if it is an article, follow its links.

        The page's items come first, then the frontier update (links requested, this URL done), then the
        requests: a crawl killed in between refetches at most this page on its next run, never loses it.
        Extraction runs in a worker process when ASSOC_EXTRACT_WORKERS allows, so it overlaps the crawl.
        """
        settled = response.meta.get("recheck") and response.status in (304, 404, 410)  # no extraction needed
        failed = None if settled else self._failure_item(response)
        extracted = await self._extract_async(response) if not settled and failed is None else None
        for output in self._handle(response, extracted, failed):
            yield output

    def _handle(self, response: Response, extracted: tuple | None, failed: ErrorItem | None) -> Iterator[Any]:
        requested = response.meta.get("requested_url") or response.url
        requests: list[scrapy.Request] = []
        done = True
        for output in self._parse(response, extracted, failed):
            if isinstance(output, scrapy.Request):
                requests.append(output)
                if output.callback == self.parse_continuation:
                    done = False  # page 1 of a multi-page article: done once the article is archived
                    output.meta["state"].requested_url = requested
                continue
            if isinstance(output, ErrorItem) and (output.requested_url or output.url) in (requested, response.url):
                done = False  # the pipeline keeps transient failures in the frontier
            yield output
        discovered = [r.url for r in requests if r.callback == self.parse and not r.meta.get("start")]
        yield FrontierItem(discovered=discovered, done=[requested] if done else [])
        yield from requests

    def _parse(self, response: Response, extracted: tuple | None, failed: ErrorItem | None) -> Iterator[Any]:
        pattern = response.meta.get("pattern") or url_pattern(response.url)
        if response.meta.get("recheck") and response.status in (304, 404, 410):
            # not exploration: a shape of known articles answering 304 must not look barren to new links
            yield RecheckItem(url=response.meta.get("requested_url") or response.url, status=response.status)
            return
        self.pattern_fetched[pattern] += 1
        if failed:
            yield failed
            return
        extraction, error = extracted or self._extract(response)
        if error is not None or extraction is None:
            yield error
            return
        aliases = self._aliases(response, extraction)
        self._covered([extraction.canonical_url, *(alias["url"] for alias in aliases)])
        key = extraction.first_page_url if extraction.page_type == "article" else extraction.canonical_url
        if key in self.processed:
            # a redirect or canonical variant of a page already handled: only the alias is new
            if extraction.page_type == "article":
                if key in self.pending_aliases:
                    self.pending_aliases[key].extend(aliases)
                else:
                    for alias in aliases:
                        yield AliasItem(url=alias["url"], article_url=key, reason=alias["reason"])
            return
        self.processed.add(key)
        if extraction.page_type == "article" and extraction.page_no > 1:
            # page 2+ reached directly: the article is archived from its first page
            first = self._request(extraction.first_page_url, pattern, depth=response.meta.get("link_depth", 0))
            if first is not None:
                yield first
            return
        if extraction.page_type == "article":
            self._credit(response)
            self.pattern_articles[pattern] += 1
            fetched = _Fetched(extraction, self._raw(response, extraction, 1))
            remaining = [u for u in extraction.continuation_urls if u != extraction.canonical_url]
            self._covered(remaining)
            yield from self._follow(extraction, pattern, response.meta.get("link_depth", 0))
            if remaining:
                self.pending_aliases[key] = []
                state = _MultiPage([fetched], remaining, aliases, self._validators(response))
                yield self._continuation(state)
                return
            yield self._article_item([fetched], aliases, self._validators(response))
            return
        yield PageItem(url=extraction.canonical_url, site=self.site, page_type=extraction.page_type,
                       status=response.status, listings=listing_rows(extraction),
                       reason=extraction.page_type_reason or None, raw=self._raw(response, extraction, 1))
        yield from self._follow(extraction, pattern, response.meta.get("link_depth", 0),
                                response.meta.get("stale_pages", 0))

    async def parse_continuation(self, response: Response, state: _MultiPage) -> AsyncIterator[Any]:
        """Page 2..n of a multi-page article; the merged article is yielded after the last page."""
        failed = self._failure_item(response)
        extracted = await self._extract_async(response) if failed is None else None
        for output in self._continue(response, state, extracted, failed):
            yield output

    def _continue(self, response: Response, state: _MultiPage, extracted: tuple | None,
                  failed: ErrorItem | None) -> Iterator[Any]:
        if failed:
            yield failed
        else:
            extraction, error = extracted or self._extract(response)
            if error is not None:
                yield error
            if extraction is not None:
                page_no = len(state.pages) + 1
                extraction.page_no = page_no
                state.pages.append(_Fetched(extraction, self._raw(response, extraction, page_no)))
                yield from self._follow(extraction, response.meta.get("pattern") or url_pattern(response.url),
                                        response.meta.get("link_depth", 0))
        if state.remaining:
            yield self._continuation(state)
        else:
            yield self._article_item(state.pages, state.aliases, state.validators)
            yield FrontierItem(done=[state.requested_url] if state.requested_url else [])

    def _continuation(self, state: _MultiPage) -> scrapy.Request:
        url = state.remaining.pop(0)
        return scrapy.Request(url, callback=self.parse_continuation, errback=self.on_continuation_error,
                              cb_kwargs={"state": state}, dont_filter=True,
                              meta={"pattern": url_pattern(url), "state": state})

    def on_continuation_error(self, failure: Failure) -> Iterator[Any]:
        """A page 2+ failed: record it and archive the article with the pages that arrived."""
        yield from self.on_error(failure)
        state: _MultiPage = failure.request.meta["state"]
        if state.remaining:
            yield self._continuation(state)
        else:
            yield self._article_item(state.pages, state.aliases, state.validators)
            yield FrontierItem(done=[state.requested_url] if state.requested_url else [])

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Network-level failures become `errors` rows; robots.txt refusals are only counted."""
        request = failure.request
        if failure.check(IgnoreRequest) and _ignored_kind(failure.value) is None:
            # robots.txt said no: not an error, and nothing to retry next run
            self.crawler.stats.inc_value("assoc/ignored_requests")
            yield FrontierItem(done=[request.meta.get("requested_url") or request.url])
            return
        kind = _ignored_kind(failure.value) if failure.check(IgnoreRequest) else _error_kind(failure.value)
        message = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield ErrorItem(url=request.url, error=kind, message=message[:500],
                        requested_url=request.meta.get("requested_url"))

    # -- helpers ------------------------------------------------------------------------------------------
    def _failure_item(self, response: Response) -> ErrorItem | None:
        requested = response.meta.get("requested_url")
        if response.status >= 400:
            return ErrorItem(url=response.url, error=f"http_{response.status}", status=response.status,
                             message=f"HTTP {response.status}", requested_url=requested)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        looks_html = response.body[:1024].lstrip().lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<head"))
        if content_type and not content_type.startswith(_HTML_TYPES) and not looks_html:
            return ErrorItem(url=response.url, error="non_html", status=response.status,
                             message=f"not an HTML page ({content_type.split(';')[0]})", requested_url=requested)
        if _looks_binary(response.body):
            return ErrorItem(url=response.url, error="non_html", status=response.status,
                             message=f"binary data served as {content_type.split(';')[0] or 'unknown type'}",
                             requested_url=requested)
        if not response.body.strip():
            return ErrorItem(url=response.url, error="empty", status=response.status, message="empty response body",
                             requested_url=requested)
        return None

    def _extract(self, response: Response) -> tuple[PageExtraction | None, ErrorItem | None]:
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        try:
            return extract_page(response.body, response.url, headers, self.profile.hints), None
        except Exception as exc:  # extraction must never stop the crawl
            return self._extraction_failed(response, exc)

    async def _extract_async(self, response: Response) -> tuple[PageExtraction | None, ErrorItem | None]:
        """`_extract`, in the worker processes when there are any (the crawl goes on meanwhile)."""
        pool = self._extraction_pool()
        if pool is None:
            return self._extract(response)
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        try:
            future = pool.submit(extract_page, bytes(response.body), response.url, headers, self.profile.hints)
            extraction = await asyncio.wrap_future(future)
            self.crawler.stats.inc_value("assoc/extracted_in_workers")
            return extraction, None
        except Exception as exc:  # extraction must never stop the crawl (a dead worker included)
            return self._extraction_failed(response, exc)

    def _extraction_pool(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self.settings.getint("ASSOC_EXTRACT_WORKERS", 0) > 0:
            workers = self.settings.getint("ASSOC_EXTRACT_WORKERS")
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=die_with_parent)
        return self._pool

    def closed(self, reason: str) -> None:
        """Scrapy calls this when the crawl ends: stop the extraction workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _extraction_failed(self, response: Response, exc: BaseException) -> tuple[None, ErrorItem]:
        self.logger.warning("extraction failed on %s: %r", response.url, exc)
        self.crawler.stats.inc_value("assoc/extraction_errors")
        return None, ErrorItem(url=response.url, error="parse", message=repr(exc)[:500],
                               requested_url=response.meta.get("requested_url"))

    def _follow(self, extraction: PageExtraction, pattern: str, depth: int,
                stale_pages: int = 0) -> Iterator[scrapy.Request]:
        """Requests for the page's links. Known articles are never requested from links: the ones due for a
        recheck were scheduled from the archive at the start. A first or --full crawl follows every other link.
        A later crawl also skips known pages other than list pages, and follows a list's pager only from a page
        that links to something new, and then only to the next page: lists are read from the newest page back
        until one holds nothing new (and ASSOC_LIST_PAGES_PAST_KNOWN more; ``stale_pages`` counts those)."""
        stats = self.crawler.stats
        pager = set(extraction.pager_links)
        if not self.incremental:
            for link in extraction.links:
                if link in self.state.article_urls:
                    stats.inc_value("incremental/skipped_known_article")
                    continue
                request = self._request(link, pattern, depth=depth if link in pager else depth + 1)
                if request is not None:
                    yield request
            return
        known_articles, page_types = self.state.article_urls, self.state.page_types
        fresh = any(link not in known_articles and link not in page_types and link not in pager
                    and link not in self.seen and self._acceptable(link) for link in extraction.links)
        read_on = fresh or stale_pages < self.settings.getint("ASSOC_LIST_PAGES_PAST_KNOWN", 0)
        for link in extraction.links:
            if link in pager:
                if not read_on or (extraction.next_page_url and link != extraction.next_page_url):
                    stats.inc_value("incremental/skipped_pager")
                    continue
                request = self._request(link, pattern, depth=depth,
                                        meta={"stale_pages": 0 if fresh else stale_pages + 1})
                if request is not None:
                    yield request
                continue
            if link in known_articles:
                stats.inc_value("incremental/skipped_known_article")
                continue
            if page_types.get(link, "list") != "list" and link not in self.state.stale_pages:
                stats.inc_value("incremental/skipped_known_page")  # fetched lately; again once it is stale
                continue
            request = self._request(link, pattern, depth=depth + 1)
            if request is not None:
                yield request

    def _covered(self, urls: list[str]) -> None:
        """URLs this page stands for (canonical URL, redirect sources, its next pages): never requested again,
        by this worker or (distributed) by another."""
        new = [url for url in urls if url not in self.seen]
        self.seen.update(new)
        if self.link is not None and new:
            self.link.add_seen(new)

    def _credit(self, response: Response) -> None:
        """An article was found through a page of this URL shape: the shape is not a barren trap."""
        origin = response.meta.get("from_pattern")
        if origin:
            self.pattern_yield[origin] += 1

    def _aliases(self, response: Response, extraction: PageExtraction) -> list[dict[str, str]]:
        aliases: list[dict[str, str]] = []
        key = extraction.first_page_url if extraction.page_type == "article" else extraction.canonical_url
        for url in response.meta.get("redirect_urls", []):
            normalized = normalize_url(url)
            if normalized and normalized != key:
                aliases.append({"url": normalized, "reason": "redirect"})
        final = normalize_url(response.url)
        if final and final != key and extraction.page_no == 1:
            aliases.append({"url": final, "reason": "canonical"})
        return aliases

    def _validators(self, response: Response) -> dict[str, str | None]:
        def header(name: bytes) -> str | None:
            value = response.headers.get(name)
            return value.decode("latin-1") if value else None

        return {"etag": header(b"ETag"), "last_modified": header(b"Last-Modified")}

    def _raw(self, response: Response, extraction: PageExtraction, page_no: int) -> dict[str, Any]:
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        return {
            "url": normalize_url(response.url) or response.url,
            "page_no": page_no,
            "status": response.status,
            "headers": headers,
            "encoding": extraction.encoding,
            "body": bytes(response.body),
        }

    def _article_item(self, pages: list[_Fetched], aliases: list[dict[str, str]],
                      validators: dict[str, str | None]) -> ArticleItem:
        merged = merge_pages([p.extraction for p in pages])
        aliases = aliases + self.pending_aliases.pop(merged.first_page_url, [])
        record = article_record(
            merged, site=self.site, page_count=len(pages), aliases=aliases, validators=validators,
            fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), raw_pages=[p.raw for p in pages],
        )
        return ArticleItem(record=record)


# Why Scrapy dropped a request (IgnoreRequest's message) -> the `errors.error` kind; None: not an error.
_IGNORED_KINDS = (
    ("robots.txt", None), ("max redirections", "redirect_loop"), ("DOWNLOAD_MAXSIZE", "too_large"),
    ("max size", "too_large"), ("offsite", "offsite_redirect"),
)


def _ignored_kind(exc: BaseException | None) -> str | None:
    """The error kind of an IgnoreRequest: None for robots.txt, else from its message ('ignored' by default)."""
    message = str(exc or "")
    for fragment, kind in _IGNORED_KINDS:
        if fragment in message:
            return kind
    return "ignored"


# Exception class names (Twisted's and Scrapy's, across versions) -> the `errors.error` kind.
_ERROR_KINDS = (
    ("TruncatedResponse", "truncated"),
    ("Timeout", "timeout"), ("TimedOut", "timeout"), ("ConnectionRefused", "connection_refused"),
    ("DNSLookup", "dns"), ("CannotResolveHost", "dns"), ("ConnectionLost", "connection_lost"),
    ("DataLoss", "connection_lost"), ("ResponseFailed", "connection_lost"),
    ("ResponseNeverReceived", "connection_lost"),
    ("Cancelled", "cancelled"), ("Aborted", "cancelled"),
)


def _error_kind(exc: BaseException | None) -> str:
    """A short error kind for a download failure, from the exception's (or its cause's) class names. A download
    Scrapy cancelled for its size is 'too_large': its message says so, or, when the body outgrew DOWNLOAD_MAXSIZE
    without announcing its length, it has no message at all; other cancellations are 'cancelled'."""
    if exc is not None and any("Cancelled" in cls.__name__ for cls in type(exc).__mro__):
        message = str(exc)
        if not message or "larger than download max size" in message:
            return "too_large"
    seen = 0
    while exc is not None and seen < 5:
        names = [cls.__name__ for cls in type(exc).__mro__]
        for fragment, kind in _ERROR_KINDS:
            if any(fragment in name for name in names):
                return kind
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return "download"


_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"Rar!",
                 b"\x1f\x8b", b"7z\xbc\xaf")


def _looks_binary(body: bytes) -> bool:
    """A file format's magic number, or many NUL/control bytes at the start: not a page whatever its type."""
    head = body[:2048]
    if head.startswith(_BINARY_MAGIC):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and controls > max(8, len(head) // 20)


__all__ = ["SiteSpider"]
