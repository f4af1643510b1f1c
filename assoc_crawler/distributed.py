"""A crawl as one of several workers sharing a Redis frontier (scrapy-redis), items sent to `assoc-crawler ingest`.

Switched on by :func:`worker_settings` (what `assoc-crawler crawl TARGET --redis URL` sets): scrapy-redis's
scheduler and duplicate filter hold the queue in Redis, :class:`RedisItemPipeline` sends items to the writer
instead of opening the archive, and :class:`RedisWorker` keeps the worker's heartbeat and stops it once the shared
frontier has stayed empty. The spider itself claims each URL in Redis before requesting it (`redis_run`).
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import FifoQueue
from twisted.internet import task

from .items import item_to_message
from .redis_run import RunKeys, WorkerLink

logger = logging.getLogger(__name__)


def worker_settings(redis_url: str, site: str) -> dict[str, Any]:
    """Scrapy settings that make a crawl a worker of the site's distributed run on ``redis_url``."""
    keys = RunKeys(site)
    return {
        "ASSOC_REDIS_URL": redis_url,
        "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # one worker stopping must not clear the others' queue; the writer does that
        "ITEM_PIPELINES": {"assoc_crawler.distributed.RedisItemPipeline": 300},
        "EXTENSIONS": {"assoc_crawler.extensions.CrawlProgress": 500,
                       "assoc_crawler.distributed.RedisWorker": 510},
    }


class RedisItemPipeline:
    """Sends every item to the run's item list in Redis, for the one writer (`assoc-crawler ingest`)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        spider = spider or self.crawler.spider
        link: WorkerLink = spider.link  # type: ignore[union-attr]
        link.push(item_to_message(item, run=link.run_id, worker=link.worker))
        self.crawler.stats.inc_value("distributed/items_sent")
        return item


class RedisWorker:
    """Heartbeat, wake-up and stop rule of a worker.

    Every ``ASSOC_REDIS_TICK`` seconds the worker tells Redis it is alive and whether it is busy; an idle worker
    that sees requests in the shared queue wakes its engine (Scrapy would look only every 5 s). When Scrapy finds
    the worker idle, it stops only if the shared queue is empty and no live worker has been busy for
    ``ASSOC_REDIS_IDLE_SECONDS``: until then another worker may still add requests.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.tick_seconds = settings.getfloat("ASSOC_REDIS_TICK", 0.5)
        self.idle_seconds = settings.getfloat("ASSOC_REDIS_IDLE_SECONDS", 5.0)
        self.dead_seconds = settings.getfloat("ASSOC_REDIS_DEAD_SECONDS", 30.0)
        self.loop: task.LoopingCall | None = None
        self.queue: FifoQueue | None = None

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
        self.queue = FifoQueue(link.client, spider, RunKeys(link.site).requests)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.tick_seconds, now=False)

    def tick(self) -> None:
        link = self._link()
        if link is None or link.run_id is None:
            return
        engine = self.crawler.engine
        try:
            idle = engine.spider_is_idle()
        except RuntimeError:  # the engine is starting or stopping
            return
        try:
            link.heartbeat(busy=not idle)
            if idle and self.queue is not None and len(self.queue):
                request = self.queue.pop()
                if request is not None:
                    engine.crawl(request)  # back into the shared queue, and the engine looks at it now
        except redis.RedisError as exc:
            logger.error("Redis heartbeat failed: %s", exc)

    def spider_idle(self, spider: Spider) -> None:
        link = self._link()
        if link is None:
            return
        try:
            if not link.may_stop(self.idle_seconds, self.dead_seconds):
                raise DontCloseSpider
        except redis.RedisError as exc:
            logger.error("Redis unreachable while idle (%s); this worker stops", exc)

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
