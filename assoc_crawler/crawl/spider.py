"""The one spider: crawl one association site, hand each page to extraction, yield archive items.

It only decides what to fetch and hands pages to extraction. What it may fetch is `scope` (the site, the bounds),
which links it follows is `follow` (the incremental policy), the URLs it has taken (Redis claims in a
distributed run) are `claims`, multi-page articles are assembled by `multipage`, extraction runs in `pool`, and
failures are named by `errors`; everything about the page's content is decided by `assoc_crawler.extract`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response
from twisted.python.failure import Failure

from archive import RECHECK_MODES, Archive, CrawlState, RecheckPolicy
from assoc_crawler.distributed.protocol import WorkerLink
from assoc_crawler.extract import LinkShapes, PageExtraction, extract_page
from assoc_crawler.extract.site_model import SiteModel
from assoc_crawler.extract.urls import url_pattern
from assoc_crawler.profiles import ProfileError, SiteProfile, resolve_target
from assoc_crawler.records.article import listing_rows
from assoc_crawler.records.consolidate import learn_site_templates
from assoc_crawler.records.items import AliasItem, ArticleItem, ErrorItem, FrontierItem, PageItem, RecheckItem

from .claims import UrlClaims
from .errors import (
    LeftForNextRun,
    error_kind,
    exception_error,
    failure_error,
    is_left_for_next_run,
    is_robots_refusal,
    response_error,
)
from .follow import links_to_follow
from .multipage import FetchedPage, MultiPageArticle, article_item
from .pace import profile_pace
from .pool import ExtractionPool
from .responses import PACKED_BODY, extraction_headers, page_aliases, page_key, raw_page, response_validators
from .scope import CrawlBounds, SiteScope

_error_kind = error_kind  # the name tests and older callers import from here

#: Responses of a recheck that need no extraction: unchanged, or withdrawn.
_SETTLED_RECHECK = (304, 404, 410)
AWAITED = "awaited_for_linker"  # request meta: the request counts as awaited for its linker's URL shape


class SpiderArgumentError(UsageError, ValueError):
    """A bad ``-a`` argument of ``scrapy crawl site``: Scrapy prints it as one line and exits 2."""


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
            raise SpiderArgumentError(f"-a target: {exc}") from None
        self.target = target
        self.db = db
        self.site = site or self.profile.name
        try:
            self._max_pages_arg = int(max_pages) if max_pages else None
        except ValueError:
            raise SpiderArgumentError(f"-a max_pages must be a whole number, not {max_pages!r}") from None
        self.scope = SiteScope(self.profile)
        self.bounds = CrawlBounds()
        self.claims = UrlClaims(link)  # URLs requested or covered (in Redis too when distributed)
        self.processed: set[str] = set()  # pages (by canonical/first-page URL) already handed on in this crawl
        self.rechecked: set[str] = set()  # known articles this crawl rechecks (their recheck decides them)
        self.pending_aliases: dict[str, list[dict[str, str]]] = {}  # aliases of multi-page articles in flight
        self.full = str(full).lower() in ("1", "true", "yes", "on")
        if recheck is not None and recheck not in RECHECK_MODES:
            raise SpiderArgumentError(f"-a recheck must be one of {', '.join(RECHECK_MODES)}, not {recheck!r}")
        self.recheck = recheck
        self.stopping = False  # set when the crawl is asked to stop (Ctrl-C): nothing more is fetched
        self.refused = False  # set by the pipeline: the site is locked by another crawl, or the archive unusable
        self._pool: ExtractionPool | None = None
        self.state = CrawlState()  # what the archive knew of the site when this crawl started
        self.hints = self.profile.hints  # and, once the state is loaded, what the site's templates taught
        self.decided = SiteModel()  # this crawl's pages by link shape: the site's shapes are learned as it goes
        self.known_shapes = LinkShapes()  # the link shapes of the site's pages the archive held at the start
        self.incremental = False
        self.link = link  # a worker of a distributed run (`crawl --redis`): URLs are claimed in Redis

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteSpider:
        """The spider, with its profile's [crawl] pace (delay, concurrency, timeout, depth, max_pages) in the
        crawler's settings at spider priority: above the project's defaults, below the command line's options."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        if not crawler.settings.frozen:
            crawler.settings.setdict(profile_pace(spider.profile.crawl), priority="spider")
        return spider

    # -- settings and counters ----------------------------------------------------------------------------
    @property
    def max_pages(self) -> int:
        """Requests of this crawl at most: -a max_pages, else ASSOC_MAX_PAGES (the crawl's --max-pages, else the
        profile's [crawl] max_pages, else the project's default)."""
        return self._max_pages_arg or self.settings.getint("ASSOC_MAX_PAGES", 5000)

    @property
    def seen(self) -> set[str]:
        """URLs requested or covered by a fetched page: never requested again."""
        return self.claims.seen

    @property
    def pattern_fetched(self) -> Counter[str]:
        """Pages fetched per URL shape (see `CrawlBounds`)."""
        return self.bounds.pattern_fetched

    @property
    def pattern_articles(self) -> Counter[str]:
        """Articles found at pages of each URL shape (see `CrawlBounds`)."""
        return self.bounds.pattern_articles

    # -- start --------------------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        """Start URLs; then, on a later run, the URLs a killed run left pending and the articles due a recheck."""
        if self.refused:
            return
        self.load_state()
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
                self.rechecked.add(url)
                yield request

    def load_state(self) -> None:
        """What the archive (or, distributed, the run's writer) knows of the site: known pages, rechecks due."""
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
            learn_site_templates(archive, self.site, self.state)
        self.full = self.full or settings.getbool("ASSOC_FULL")
        self._record_state()

    def _record_state(self) -> None:
        # the profile's hints, where the site's templates print the fields and its article URL shapes (learned
        # from its pages)
        self.known_shapes = LinkShapes(self.state.article_shapes, self.state.column_shapes)
        self.hints = replace(self.profile.hints, field_paths=self.state.field_paths, link_shapes=self.known_shapes)
        self.incremental = not self.full and not self.state.is_first_crawl
        stats = self.crawler.stats
        stats.set_value("incremental/mode", "incremental" if self.incremental else "full")
        stats.set_value("incremental/known_articles", len(self.state.article_urls))
        stats.set_value("incremental/due_rechecks", len(self.state.due))
        stats.set_value("incremental/pending", len(self.state.pending))

    # -- requests -----------------------------------------------------------------------------------------
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

        ``force`` (start URLs, rechecks, resumed URLs) skips the bounds: they have their own limits, not the link
        budget. ``depth`` counts links from a start URL; the next pages of a list do not count (a long list read
        through a pager of ten numbers would otherwise put its oldest articles beyond any depth limit)."""
        stats = self.crawler.stats
        if url in self.claims and not force:
            return None
        if not self._acceptable(url, force):
            return None
        pattern = url_pattern(url)
        if not force:
            cut = self.bounds.cut(pattern, depth, self.max_pages, self.settings)
            if cut is not None:
                stats.inc_value(f"bounds/cut/{cut}")
                if cut == "barren_pattern":
                    stats.inc_value(f"bounds/cut/barren_pattern/{pattern}")
                return None
        refused = self.claims.claim(url, 0 if force else self.max_pages)
        if refused is not None:  # another worker of the run has it, or the run spent its budget
            stats.inc_value(refused)
            return None
        awaited = not force and self.bounds.count_request(pattern, from_pattern)
        meta = {"pattern": pattern, "from_pattern": from_pattern, "requested_url": url, "link_depth": depth,
                AWAITED: awaited}
        meta.update(kwargs.pop("meta", {}))
        return scrapy.Request(url, callback=kwargs.pop("callback", self.parse), errback=self.on_error, meta=meta,
                              dont_filter=True, **kwargs)

    def _acceptable(self, url: str, force: bool = False) -> bool:
        """On the site, a page (not a file), allowed by the profile, not a repeated-path trap."""
        rejected = self.scope.rejects(url, force, self.settings.getint("ASSOC_MAX_PATH_SEGMENT_REPEATS", 2),
                                      self.settings.getint("URLLENGTH_LIMIT", 2083))
        if rejected in ("repeated_path", "too_long"):
            self.crawler.stats.inc_value(f"bounds/cut/{rejected}")
        return rejected is None

    def _follow(self, extraction: PageExtraction, pattern: str, depth: int,
                stale_pages: int = 0) -> Iterator[scrapy.Request]:
        """Requests for the page's links that `links_to_follow` picks (and scope and bounds allow)."""
        links = links_to_follow(
            extraction, depth, self.state, self.incremental, self.crawler.stats,
            is_new=lambda url: url not in self.claims and self._acceptable(url), stale_pages=stale_pages,
            pages_past_known=self.settings.getint("ASSOC_LIST_PAGES_PAST_KNOWN", 0))
        for link in links:
            extra = {"meta": link.meta} if link.meta is not None else {}
            request = self._request(link.url, pattern, depth=link.depth, **extra)
            if request is not None:
                yield request

    # -- responses ----------------------------------------------------------------------------------------
    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Any page of the site: archive it if it is an article, follow its links.

        The page's items come first, then the frontier update (links requested, this URL done), then the
        requests: a crawl killed in between refetches at most this page on its next run, never loses it.
        Extraction runs in a worker process when ASSOC_EXTRACT_WORKERS allows, so it overlaps the crawl.
        """
        settled = response.meta.get("recheck") and response.status in _SETTLED_RECHECK  # no extraction needed
        failed = None if settled else response_error(response)
        extracted = await self._extract_async(response) if not settled and failed is None else None
        for output in self._handle(response, extracted, failed):
            if isinstance(output, MultiPageArticle):
                async for item in self._rest_of_article(output):
                    yield item
            else:
                yield output

    def _handle(self, response: Response, extracted: tuple | None, failed: ErrorItem | None) -> Iterator[Any]:
        """The page's items, then the frontier update, then the requests it leads to (and, last, the state of a
        multi-page article whose other pages `parse` fetches)."""
        requested = response.meta.get("requested_url") or response.url
        requests: list[scrapy.Request] = []
        articles: list[MultiPageArticle] = []
        done = True
        for output in self._parse(response, extracted, failed):
            if isinstance(output, scrapy.Request):
                requests.append(output)
                continue
            if isinstance(output, MultiPageArticle):
                done = False  # page 1 of a multi-page article: done once the article is archived
                output.requested_url = requested
                articles.append(output)
                continue
            if isinstance(output, ErrorItem) and (output.requested_url or output.url) in (requested, response.url):
                done = False  # the pipeline keeps transient failures in the frontier
            yield output
        discovered = [r.url for r in requests if r.callback == self.parse and not r.meta.get("start")]
        yield FrontierItem(discovered=discovered, done=[requested] if done else [])
        yield from requests
        yield from articles

    def _parse(self, response: Response, extracted: tuple | None, failed: ErrorItem | None) -> Iterator[Any]:
        """Items and requests of one page: a recheck's outcome, an error, an alias, an article or another page."""
        pattern = response.meta.get("pattern") or url_pattern(response.url)
        if response.meta.get("recheck") and response.status in _SETTLED_RECHECK:
            # not exploration: a shape of known articles answering 304 must not look barren to new links
            yield RecheckItem(url=response.meta.get("requested_url") or response.url, status=response.status)
            return
        self.bounds.pattern_fetched[pattern] += 1
        self._settle(response.meta)
        if failed:
            yield failed
            return
        extraction, error = extracted or self._extract(response)
        if error is not None or extraction is None:
            yield error
            return
        aliases = page_aliases(response, extraction)
        self.claims.cover([extraction.canonical_url, *(alias["url"] for alias in aliases)])
        depth = response.meta.get("link_depth", 0)
        if extraction.page_type == "article" and extraction.page_no > 1:
            # page 2+ reached directly: the article is archived from its first page, fetched now or later
            first = self._request(extraction.first_page_url, pattern, depth=depth)
            if first is not None:
                yield first
            return
        key = page_key(extraction)
        if key in self.processed or (key in self.rechecked and not response.meta.get("recheck")):
            # handled, or an alias of an article this crawl rechecks (the recheck decides it, once)
            yield from self._known_page_aliases(extraction, key, aliases)
            return
        self.processed.add(key)
        self._learn_shape(extraction)
        if extraction.page_type == "article":
            yield from self._article(response, extraction, pattern, aliases)
            return
        yield PageItem(url=extraction.canonical_url, site=self.site, page_type=extraction.page_type,
                       status=response.status, listings=listing_rows(extraction),
                       reason=extraction.page_type_reason or None, raw=raw_page(response, extraction, 1),
                       rows_unread=extraction.unread_rows > 0)
        yield from self._follow(extraction, pattern, depth, response.meta.get("stale_pages", 0))

    def _learn_shape(self, extraction: PageExtraction) -> None:
        """Count the page by its link shape: the site's article and column shapes (those the archive knew, and
        those of this crawl's pages) reach the next pages' extraction (a row's link to an article is the item,
        its partner to a column the label)."""
        shape = self.decided.add_link(extraction.canonical_url, extraction.page_type)
        article, column = self.decided.link_kinds(shape)  # (only this shape's counts changed)
        known, current = self.known_shapes, self.hints.link_shapes
        articles = current.articles | {shape} if article or shape in known.articles else current.articles - {shape}
        columns = current.columns | {shape} if column or shape in known.columns else current.columns - {shape}
        if (articles, columns) != (current.articles, current.columns):
            self.hints = replace(self.hints, link_shapes=LinkShapes(articles, columns))

    def _known_page_aliases(self, extraction: PageExtraction, key: str,
                            aliases: list[dict[str, str]]) -> Iterator[AliasItem]:
        """A redirect or canonical variant of a page already handled: only the alias is new."""
        if extraction.page_type != "article":
            return
        if key in self.pending_aliases:
            self.pending_aliases[key].extend(aliases)  # its pages are still being fetched
            return
        for alias in aliases:
            yield AliasItem(url=alias["url"], article_url=key, reason=alias["reason"])

    def _article(self, response: Response, extraction: PageExtraction, pattern: str,
                 aliases: list[dict[str, str]]) -> Iterator[Any]:
        """Page 1 of an article: its links, then the article item, or the request for its page 2."""
        origin = response.meta.get("from_pattern")
        if origin:  # an article was found through a page of that URL shape: the shape is not a barren trap
            self.bounds.pattern_yield[origin] += 1
        self.bounds.pattern_articles[pattern] += 1
        fetched = FetchedPage(extraction, raw_page(response, extraction, 1))
        remaining = [u for u in extraction.continuation_urls if u != extraction.canonical_url]
        self.claims.cover(remaining)
        yield from self._follow(extraction, pattern, response.meta.get("link_depth", 0))
        if remaining:
            self.pending_aliases[page_key(extraction)] = []
            yield MultiPageArticle([fetched], remaining, aliases, response_validators(response),
                                   link_depth=response.meta.get("link_depth", 0))
            return
        yield self._article_item([fetched], aliases, response_validators(response))

    async def _rest_of_article(self, state: MultiPageArticle) -> AsyncIterator[Any]:
        """Pages 2..n of a multi-page article, fetched here (through the downloader and its middlewares, not the
        scheduler: the article's state never travels in a request, so a distributed run's queue holds plain
        requests only), then the merged article. A page that fails is recorded and the article is archived with
        the pages that arrived; a crawl stopping meanwhile archives nothing of it (page 1 stays in the
        frontier)."""
        while state.remaining:
            if self.stopping:
                return  # archives nothing of it: page 1 stays in the frontier
            request = scrapy.Request(state.remaining.pop(0), dont_filter=True, meta={"link_depth": state.link_depth})
            try:
                response = await self.crawler.engine.download_async(request)
            except Exception as exc:  # any download failure: recorded, as an errback would
                if isinstance(exc, LeftForNextRun):
                    return
                error = exception_error(request, exc)
                if error is not None:
                    yield error
                continue
            failed = response_error(response)
            extracted = await self._extract_async(response) if failed is None else None
            for output in self._continue(response, state, extracted, failed):
                yield output
        yield self._article_item(state.pages, state.aliases, state.validators)
        yield FrontierItem(done=[state.requested_url] if state.requested_url else [])

    def _continue(self, response: Response, state: MultiPageArticle, extracted: tuple | None,
                  failed: ErrorItem | None) -> Iterator[Any]:
        """One more page of a multi-page article: its error, or its extraction added to the state and its links."""
        if failed:
            yield failed
            return
        extraction, error = extracted or self._extract(response)
        if error is not None:
            yield error
        if extraction is not None:
            page_no = len(state.pages) + 1
            extraction.page_no = page_no
            state.pages.append(FetchedPage(extraction, raw_page(response, extraction, page_no)))
            yield from self._follow(extraction, url_pattern(response.url), response.meta.get("link_depth", 0))

    def _article_item(self, pages: list[FetchedPage], aliases: list[dict[str, str]],
                      validators: dict[str, str | None]) -> ArticleItem:
        return article_item(pages, aliases, validators, self.site, self.pending_aliases, self.state.template_lines)

    def _settle(self, meta: dict[str, Any]) -> None:
        """The request awaited for its linker's shape (`CrawlBounds.settle`) is answered or failed; once."""
        if meta.pop(AWAITED, False):
            self.bounds.settle(meta["from_pattern"])

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Network-level failures become `errors` rows; robots.txt refusals are only counted; a request a stopping
        crawl dropped unfetched stays in the frontier for the next run."""
        self._settle(failure.request.meta)
        if is_left_for_next_run(failure):
            self.crawler.stats.inc_value("assoc/left_for_next_run")
            return
        if is_robots_refusal(failure):
            # robots.txt said no: not an error, and nothing to retry next run
            self.crawler.stats.inc_value("assoc/ignored_requests")
            yield FrontierItem(done=[failure.request.meta.get("requested_url") or failure.request.url])
            return
        yield failure_error(failure)

    # -- extraction ---------------------------------------------------------------------------------------
    def _extract(self, response: Response) -> tuple[PageExtraction | None, ErrorItem | None]:
        try:
            return extract_page(response.body, response.url, extraction_headers(response), self.hints), None
        except Exception as exc:  # extraction must never stop the crawl
            return self._extraction_failed(response, exc)

    async def _extract_async(self, response: Response) -> tuple[PageExtraction | None, ErrorItem | None]:
        """`_extract`, in the worker processes when there are any (the crawl goes on meanwhile)."""
        pool = self._extraction_pool()
        if pool is None:
            return self._extract(response)
        try:
            extraction, packed = await pool.extract(bytes(response.body), response.url,
                                                    extraction_headers(response), self.hints)
            response.meta[PACKED_BODY] = packed
            self.crawler.stats.inc_value("assoc/extracted_in_workers")
            return extraction, None
        except Exception as exc:  # extract_page's own failure (a dead worker's page is extracted again)
            return self._extraction_failed(response, exc)
        finally:
            if pool.restarts:  # a worker died: the pool was replaced (and its pages extracted again)
                self.crawler.stats.set_value("assoc/extraction_workers_replaced", pool.restarts)
                self.crawler.stats.set_value("assoc/extracted_in_crawl_process", pool.in_process)

    def _extraction_pool(self) -> ExtractionPool | None:
        if self._pool is None and self.settings.getint("ASSOC_EXTRACT_WORKERS", 0) > 0:
            self._pool = ExtractionPool(self.settings.getint("ASSOC_EXTRACT_WORKERS"))
        return self._pool

    def closed(self, reason: str) -> None:
        """Scrapy calls this when the crawl ends: stop the extraction workers."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _extraction_failed(self, response: Response, exc: BaseException) -> tuple[None, ErrorItem]:
        self.logger.warning("extraction failed on %s: %r", response.url, exc)
        self.crawler.stats.inc_value("assoc/extraction_errors")
        return None, ErrorItem(url=response.url, error="parse", message=repr(exc)[:500],
                               requested_url=response.meta.get("requested_url"))


__all__ = ["SiteSpider"]
