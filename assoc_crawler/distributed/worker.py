"""A crawl as one of several workers sharing a Redis frontier (scrapy-redis), items sent to `assoc-crawler ingest`.

Switched on by :func:`worker_settings` (what `assoc-crawler crawl TARGET --redis URL` sets): scrapy-redis's
scheduler and duplicate filter hold the queue in Redis, :class:`RedisItemPipeline` sends items to the writer
instead of opening the archive, and :class:`RedisWorker` keeps the worker's heartbeat and stops it once the shared
frontier has stayed empty. The spider itself claims each URL in Redis before requesting it (`redis_run`).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, DropItem
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.request import request_from_dict
from scrapy_redis.queue import FifoQueue
from twisted.internet import task

from . import requests_json
from .codec import item_to_message
from .protocol import RunKeys, WorkerLink

logger = logging.getLogger(__name__)


def worker_settings(redis_url: str, site: str, extensions: dict[str, int] | None = None) -> dict[str, Any]:
    """Scrapy settings that make a crawl a worker of the site's distributed run on ``redis_url``; ``extensions``
    are the crawl's own (the progress line), kept beside the worker's."""
    keys = RunKeys(site)
    return {
        "ASSOC_REDIS_URL": redis_url,
        "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "assoc_crawler.distributed.worker.JsonFifoQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_SERIALIZER": "assoc_crawler.distributed.requests_json",  # JSON, never pickle
        "SCHEDULER_PERSIST": True,  # one worker stopping must not clear the others' queue; the writer does that
        "ITEM_PIPELINES": {"assoc_crawler.distributed.worker.RedisItemPipeline": 300},
        "EXTENSIONS": {**(extensions or {}), "assoc_crawler.distributed.worker.RedisWorker": 510},
    }


class JsonFifoQueue(FifoQueue):
    """scrapy-redis's FIFO queue with requests as JSON (`requests_json`), never pickle. An entry that is not a JSON
    request of this crawl (a pickle, another request class, a callback that is not one of the spider's request
    callbacks: what someone who reached Redis could plant) is dropped with a warning, never loaded: nothing in it
    names code that would be imported or called."""

    #: The spider methods a queued request may name (callback, errback); None: the spider's default, `parse`.
    CALLBACKS = frozenset({None, "parse", "on_error"})

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer=requests_json)

    def _decode_request(self, encoded_request: bytes) -> Any:
        try:
            data = requests_json.loads(encoded_request)
            if "_class" in data:
                raise ValueError(f"a request of class {data['_class']!r}")
            for name in ("callback", "errback"):
                if data.get(name) not in self.CALLBACKS:
                    raise ValueError(f"{name} {data.get(name)!r} is not one of the spider's request callbacks")
            return request_from_dict(data, spider=self.spider)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            logger.warning("dropped an entry of the shared queue that is not a JSON request of this crawl: %s", exc)
            return None


def close_worker(crawler: Crawler, reason: str) -> None:
    """Stop the crawl with ``reason`` (anything but 'finished' makes the worker exit non-zero)."""
    if crawler.engine is not None and crawler.engine.spider is not None:
        deferred_from_coro(crawler.engine.close_spider_async(reason=reason))


class RedisItemPipeline:
    """Sends every item to the run's item list in Redis, for the one writer (`assoc-crawler ingest`).

    If Redis fails, the worker stops (reason ``redis_error``) and sends nothing more: an item sent after a lost one
    could mark the lost one's page as done. The pages it had not sent stay in the archive's frontier."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.broken = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.broken:
            raise DropItem("Redis failed earlier: this worker sends nothing more")
        spider = spider or self.crawler.spider
        link: WorkerLink = spider.link  # type: ignore[union-attr]
        try:
            link.push(item_to_message(item, run=link.run_id, worker=link.worker))
        except redis.RedisError as exc:
            self.broken = True
            logger.error("could not send an item to Redis (%s); this worker stops", exc)
            close_worker(self.crawler, "redis_error")
            raise DropItem(f"Redis failed: {exc}") from exc
        self.crawler.stats.inc_value("distributed/items_sent")
        return item


class RedisWorker:
    """Heartbeat, wake-up and stop rule of a worker.

    Every ``ASSOC_REDIS_TICK`` seconds the worker tells Redis it is alive and whether it is busy (downloading or
    handling a response); an idle worker that sees requests in the shared queue wakes its engine (Scrapy would look
    only every 5 s). When Scrapy finds the worker idle, it stops only if the shared queue is empty and no live
    worker has been busy for ``ASSOC_REDIS_IDLE_SECONDS``: until then another worker may still add requests. A
    worker whose run has ended, or that the writer has counted as lost, stops (reason ``run_ended``); one that
    cannot reach Redis stops with reason ``redis_error``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.tick_seconds = settings.getfloat("ASSOC_REDIS_TICK", 0.5)
        self.idle_seconds = settings.getfloat("ASSOC_REDIS_IDLE_SECONDS", 5.0)
        self.dead_seconds = settings.getfloat("ASSOC_REDIS_DEAD_SECONDS", 30.0)
        self.loop: task.LoopingCall | None = None
        self.queue: JsonFifoQueue | None = None
        self.failing_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisWorker:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _link(self) -> WorkerLink | None:
        return getattr(self.crawler.spider, "link", None)

    def spider_opened(self, spider: Spider) -> None:
        link = self._link()
        if link is None:
            return
        self.queue = JsonFifoQueue(link.client, spider, RunKeys(link.site).requests)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.tick_seconds, now=False)

    def _busy(self) -> bool:
        """Downloading, or a response or item still being handled (the shared queue does not count)."""
        engine = self.crawler.engine
        scraper_slot = engine.scraper.slot
        return bool(engine.downloader.active) or (scraper_slot is not None and not scraper_slot.is_idle())

    def tick(self) -> None:
        link = self._link()
        if link is None or link.run_id is None:
            return
        try:
            busy = self._busy()
            if not link.heartbeat(busy=busy):
                logger.warning("the run this worker joined has ended, or the writer counted it as lost; stopping")
                self.loop.stop()
                close_worker(self.crawler, "run_ended")
                return
            if not busy and self.queue is not None and len(self.queue):
                request = self.queue.pop()
                if request is not None:
                    self.crawler.engine.crawl(request)  # back into the shared queue; the engine looks now
            self.failing_since = None
        except redis.RedisError as exc:
            now = time.monotonic()
            if self.failing_since is None:
                self.failing_since = now
                logger.error("Redis heartbeat failed (%s); retrying", exc)
            elif now - self.failing_since > self.dead_seconds:  # the writer has given up on this worker by now
                self.loop.stop()
                close_worker(self.crawler, "redis_error")

    def spider_idle(self, spider: Spider) -> None:
        link = self._link()
        if link is None:
            return
        try:
            stop = link.may_stop(self.idle_seconds, self.dead_seconds)
        except redis.RedisError as exc:
            logger.error("Redis unreachable while idle (%s); this worker stops", exc)
            raise CloseSpider("redis_error") from exc
        if not stop:
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        link = self._link()
        if link is None or link.run_id is None:
            return
        stats = {k: v for k, v in self.crawler.stats.get_stats().items() if isinstance(v, int | float | str)}
        try:
            link.leave(reason, stats)
        except redis.RedisError as exc:
            logger.error("could not tell the writer this worker stopped: %s", exc)
