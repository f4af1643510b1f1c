"""The one writer of a distributed crawl (`assoc-crawler ingest --redis URL --db PATH`).

SQLite keeps a single writer: workers on any machine send their items through Redis, and this process writes them.
For each run a worker requests, it takes the site's archive lock, opens one `crawls` row, publishes what the archive
knows of the site (so that a later run is incremental, and the pending frontier of a killed run is fetched again),
writes the items as they come, and closes the row with the workers' summed totals once every worker has stopped
(or missed its heartbeats for ASSOC_REDIS_DEAD_SECONDS: the run is then 'interrupted', and its unanswered requests,
kept in the archive's frontier, are the next run's first requests).

Items leave Redis only once they are committed to the archive (a writer killed in between writes them again:
saving is idempotent), and the run's totals travel with them in the run hash, so a writer started after one
that stopped mid-run takes the run over where it was.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from archive import RECHECK_MODES, Archive, ArchiveError, ArchiveLocked, CrawlLock, RecheckPolicy
from assoc_crawler.records.consolidate import learn_site_templates
from assoc_crawler.records.writer import RECORDED_SETTINGS, ItemWriter, Tally, drift_thresholds, is_complete

from .codec import item_from_message
from .protocol import RunKeys, WriterLink, encode_state

logger = logging.getLogger(__name__)


@dataclass
class ActiveRun:
    """A run this writer is writing."""

    site: str
    run_id: str
    writer: ItemWriter
    lock: CrawlLock
    settings: dict[str, Any]
    tally: Tally = field(default_factory=Tally)
    worker_stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    lost_workers: list[str] = field(default_factory=list)
    stale_messages: int = 0

    def progress(self) -> str:
        """The run's totals so far, as JSON (kept in the run hash)."""
        return json.dumps({"tally": self.tally, "worker_stats": self.worker_stats, "lost": self.lost_workers,
                           "stale": self.stale_messages, "new_pages": self.writer.new_pages}, default=str)

    def restore(self, progress: str | None) -> None:
        """Totals saved by the writer that wrote the run before this one."""
        data = json.loads(progress or "{}")
        self.tally.update(data.get("tally") or {})
        self.worker_stats.update(data.get("worker_stats") or {})
        self.lost_workers.extend(data.get("lost") or [])
        self.stale_messages = int(data.get("stale") or 0)
        self.writer.new_pages = int(data.get("new_pages") or 0)


# Stats that describe one worker (a size, a duration, what it loaded): the run's value is the largest, not the sum.
_GAUGES = ("elapsed_time_seconds", "memusage/", "items_per_minute", "responses_per_minute",
           "incremental/known_articles", "incremental/due_rechecks", "incremental/pending", "incremental/mode")


def merged_stats(run: ActiveRun) -> dict[str, Any]:
    """The workers' stats summed (counters) or maximised (gauges), then the writer's own counts."""
    merged: dict[str, Any] = {}
    for stats in run.worker_stats.values():
        for key, value in stats.items():
            if not isinstance(value, int | float) or isinstance(value, bool):
                merged.setdefault(key, value)
            elif key.startswith(_GAUGES):
                merged[key] = max(merged.get(key, value), value)
            else:
                merged[key] = merged.get(key, 0) + value
    merged.update(run.tally)
    merged["distributed/workers"] = len(set(run.worker_stats) | set(run.lost_workers))
    merged["distributed/workers_lost"] = len(run.lost_workers)
    if run.stale_messages:
        merged["distributed/stale_messages"] = run.stale_messages
    return merged


class Ingest:
    """Starts, writes and ends the distributed runs of the sites whose workers use this Redis server."""

    ADOPT_EVERY = 5.0  # seconds between looks for runs whose writer has stopped

    def __init__(self, client: redis.Redis, db: str, *, dead_seconds: float = 30.0, batch_items: int = 500) -> None:
        self.link = WriterLink(client)
        self.db = db
        self.dead_seconds = dead_seconds
        self.batch_items = batch_items
        self.archive = Archive(db)
        self.runs: dict[str, ActiveRun] = {}
        self.finished: list[int] = []  # crawl ids of the runs this writer ended
        self.stopping = False
        self._adopted_at = 0.0

    def stop(self) -> None:
        """Stop after the current round (signal handlers call this)."""
        self.stopping = True

    def close(self) -> None:
        """Close the archive (active runs stay 'running': a later writer takes them over)."""
        for run in self.runs.values():
            run.lock.release()
        self.runs.clear()
        try:
            self.archive.close()
        except ArchiveError as exc:  # what was not committed is still in Redis
            logger.error("closing the archive failed: %s", exc)
        try:
            self.link.gone()
        except redis.RedisError:
            pass  # the key expires by itself

    def serve(self, *, runs: int | None = None, idle_exit: float | None = None,
              on_finished: Callable[[int], None] | None = None) -> list[int]:
        """Write runs until ``runs`` have ended (None: no limit), nothing happened for ``idle_exit`` seconds, or
        :meth:`stop`. Redis failures are retried. Returns the crawl ids of the ended runs."""
        quiet_since = time.monotonic()
        failing = False
        while not self.stopping and (runs is None or len(self.finished) < runs):
            try:
                busy = self.step(on_finished)
                if failing:
                    logger.warning("Redis answers again")
                failing = False
            except redis.RedisError as exc:
                if not failing:
                    logger.error("Redis failed (%s); retrying every second", exc)
                failing = True
                time.sleep(1.0)
                continue
            now = time.monotonic()
            if busy or self.runs:
                quiet_since = now
            elif idle_exit is not None and now - quiet_since >= idle_exit:
                break
        return list(self.finished)

    def step(self, on_finished: Callable[[int], None] | None = None) -> bool:
        """One round: start requested runs, take over orphaned ones, write waiting items, reap dead workers, end
        finished runs. True if anything was done."""
        self.link.alive()
        did = False
        if time.monotonic() - self._adopted_at >= self.ADOPT_EVERY:
            self._adopted_at = time.monotonic()
            did = self.adopt()
        site = self.link.next_requested_site(timeout=0 if self.runs else 0.5)
        while site is not None:
            did = self.start_run(site) or did
            site = self.link.next_requested_site()
        for run in list(self.runs.values()):
            did = self.drain(run) or did
            lost = self.link.dead_workers(run.site, self.dead_seconds)
            for worker in lost:
                logger.warning("worker %s of %s sent no heartbeat for %.0f s: counted as lost", worker, run.site,
                               self.dead_seconds)
            if lost:
                run.lost_workers.extend(lost)
                self.link.save_progress(run.site, run.progress())
                did = True
            ended = self.link.finish(run.site, run.run_id)
            if ended != 0:
                if ended < 0:
                    logger.error("the run %s of %s vanished from Redis; its crawl is closed as interrupted",
                                 run.run_id, run.site)
                crawl_id = self.end_run(run, vanished=ended < 0)
                if on_finished is not None:
                    on_finished(crawl_id)
                did = True
        if not did and self.runs:
            time.sleep(0.05)
        return did

    def adopt(self) -> bool:
        """Take over runs whose writer stopped. A run that cannot go on (its crawl was closed meanwhile, or a
        local crawl holds the site) is refused, so that its workers stop."""
        adopted = False
        for site in self.link.orphaned_sites():
            if site in self.runs:
                continue
            info = self.link.run(site)
            crawl_id = int(info.get("crawl_id") or 0)
            row = self.archive.crawl(crawl_id) if crawl_id else None
            if not row or row["status"] != "running":
                self.link.refuse(site, f"its crawl {crawl_id} is no longer running in {self.db}")
                continue
            lock = CrawlLock(self.db, site)
            try:
                lock.acquire()
            except ArchiveLocked as exc:
                self.link.refuse(site, str(exc))
                continue
            self.link.take_over(site)
            settings = json.loads(info.get("settings") or "{}")
            known = self.archive.crawl_state(site, "none").page_types
            tally = Tally()
            writer = ItemWriter(self.archive, crawl_id, site, tally, known_pages=lambda k=known: k,
                                consolidate=bool(settings.get("ASSOC_CONSOLIDATE", True)))
            run = ActiveRun(site, info["id"], writer, lock, settings, tally=tally)
            run.restore(info.get("progress"))
            self.runs[site] = run
            logger.warning("took over the run of %s (crawl %s) from a writer that stopped", site, crawl_id)
            adopted = True
        return adopted

    def start_run(self, site: str) -> bool:
        """Start the run a worker requested for ``site``: lock, crawl row, state for the workers."""
        info = self.link.run(site)
        if info.get("state") != "requested":
            return False  # withdrawn meanwhile, or already started
        settings = json.loads(info.get("settings") or "{}")
        lock = CrawlLock(self.db, site)
        try:
            lock.acquire()
        except ArchiveLocked as exc:
            self.link.refuse(site, str(exc))
            logger.error("run of %s refused: %s", site, exc)
            return True
        try:
            recovered = self.archive.recover_interrupted_crawls(site)
            if recovered:
                logger.warning("crawl(s) %s of %s had been interrupted; marked as such", recovered, site)
            recorded = {name: settings.get(name) for name in RECORDED_SETTINGS}
            recorded["distributed"] = True
            crawl_id = self.archive.start_crawl(info.get("target") or site, site, recorded)
            mode = settings.get("ASSOC_RECHECK") or "policy"
            policy = RecheckPolicy(
                recent_days=float(settings.get("ASSOC_RECHECK_RECENT_DAYS", 7.0)),
                recent_hours=float(settings.get("ASSOC_RECHECK_RECENT_HOURS", 20.0)),
                old_days=float(settings.get("ASSOC_RECHECK_OLD_DAYS", 30.0)),
            )
            state = self.archive.crawl_state(site, mode if mode in RECHECK_MODES else "policy", policy,
                                             pages_after_hours=float(settings.get("ASSOC_RECHECK_PAGES_HOURS", 20.0)))
            learn_site_templates(self.archive, site, state)
        except ArchiveError:
            lock.release()
            raise
        if not self.link.publish(site, info["id"], crawl_id, encode_state(state, bool(settings.get("ASSOC_FULL")))):
            logger.warning("the run of %s was withdrawn before it started", site)
            self.archive.finish_crawl(crawl_id, "failed", {})
            lock.release()
            return True
        tally = Tally()
        known = state.page_types
        writer = ItemWriter(self.archive, crawl_id, site, tally, known_pages=lambda: known,
                            consolidate=bool(settings.get("ASSOC_CONSOLIDATE", True)))
        self.runs[site] = ActiveRun(site, info["id"], writer, lock, settings, tally=tally)
        logger.info("run %s of %s started as crawl %s", info["id"], site, crawl_id)
        return True

    def drain(self, run: ActiveRun) -> bool:
        """Write the run's waiting items, commit, then remove them from Redis; True if there were any."""
        messages = self.link.peek_items(run.site, self.batch_items)
        if not messages:
            return False
        self.archive.batch(len(messages) * 4 + 10, 3600.0)  # one transaction for the lot
        try:
            for message in messages:
                try:
                    item, extra = item_from_message(message)
                except ValueError:
                    self._control(run, message)
                    continue
                if extra.get("run") != run.run_id:
                    run.stale_messages += 1  # from a worker of an earlier run: its pages are in the frontier
                    continue
                run.writer.write(item)
        finally:
            self.archive.batch(0)  # commit
        self.link.items_written(run.site, len(messages), run.progress())
        return True

    def _control(self, run: ActiveRun, message: bytes) -> None:
        try:
            data = json.loads(message)
            if not isinstance(data, dict):
                raise ValueError(f"a JSON {type(data).__name__}, not an object")
        except ValueError:
            logger.error("unreadable message in %s: %r", RunKeys(run.site).items, message[:200])
            return
        if data.get("control") == "worker_closed" and data.get("run") == run.run_id:
            run.worker_stats[data["worker"]] = {**(data.get("stats") or {}), "finish_reason": data.get("reason")}
            if not is_complete(data.get("reason")):
                logger.warning("worker %s of %s stopped: %s", data["worker"], run.site, data.get("reason"))
            self.link.remove_worker(run.site, data["worker"])

    def end_run(self, run: ActiveRun, vanished: bool = False) -> int:
        """Close the run's crawl row with the summed totals; let go of the site."""
        stats = merged_stats(run)
        stopped_early = [s for s in run.worker_stats.values() if not is_complete(s.get("finish_reason"))]
        status = "interrupted" if vanished or run.lost_workers or stopped_early else "finished"
        try:
            run.writer.finish(status, stats, drift_thresholds(run.settings))
            self.archive.flush()
        finally:
            run.lock.release()
            del self.runs[run.site]
        self.finished.append(run.writer.crawl_id)
        logger.info("run %s of %s ended (%s)", run.run_id, run.site, status)
        return run.writer.crawl_id
