"""The one writer of a distributed crawl (`assoc-crawler ingest --redis URL --db PATH`).

SQLite keeps a single writer: workers on any machine send their items through Redis, and this process writes them.
For each run a worker requests, it takes the site's archive lock, opens one `crawls` row, publishes what the archive
knows of the site (so that a later run is incremental, and the pending frontier of a killed run is fetched again),
writes the items as they come, and closes the row with the workers' summed totals once every worker has stopped
(or missed its heartbeats for ASSOC_REDIS_DEAD_SECONDS: the run is then 'interrupted', and its unanswered requests,
kept in the archive's frontier, are the next run's first requests).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from archive import RECHECK_MODES, Archive, ArchiveError, ArchiveLocked, RecheckPolicy, SiteLock

from .items import item_from_message
from .redis_run import RunKeys, WriterLink, encode_state
from .writer import RECORDED_SETTINGS, ItemWriter, Tally, drift_thresholds

logger = logging.getLogger(__name__)


@dataclass
class ActiveRun:
    """A run this writer is writing."""

    site: str
    run_id: str
    writer: ItemWriter
    lock: SiteLock
    settings: dict[str, Any]
    tally: Tally = field(default_factory=Tally)
    worker_stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    lost_workers: list[str] = field(default_factory=list)
    stale_messages: int = 0


def merged_stats(run: ActiveRun) -> dict[str, Any]:
    """The workers' stats summed (numbers) or first-seen (text), then the writer's own counts."""
    merged: dict[str, Any] = {}
    for stats in run.worker_stats.values():
        for key, value in stats.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                merged[key] = merged.get(key, 0) + value
            else:
                merged.setdefault(key, value)
    merged.update(run.tally)
    merged["distributed/workers"] = len(run.worker_stats) + len(run.lost_workers)
    merged["distributed/workers_lost"] = len(run.lost_workers)
    if run.stale_messages:
        merged["distributed/stale_messages"] = run.stale_messages
    return merged


class Ingest:
    """Starts, writes and ends the distributed runs of the sites whose workers use this Redis server."""

    def __init__(self, client: redis.Redis, db: str, *, dead_seconds: float = 30.0, batch_writes: int = 200,
                 batch_seconds: float = 1.0) -> None:
        self.link = WriterLink(client)
        self.db = db
        self.dead_seconds = dead_seconds
        self.archive = Archive(db)
        self.archive.batch(batch_writes, batch_seconds)
        self.runs: dict[str, ActiveRun] = {}
        self.finished: list[int] = []  # crawl ids of the runs this writer ended

    def close(self) -> None:
        """Commit and close the archive (active runs stay 'running': a restarted writer adopts them)."""
        for run in self.runs.values():
            run.lock.release()
        self.runs.clear()
        self.archive.close()

    def serve(self, *, runs: int | None = None, idle_exit: float | None = None,
              on_finished: Callable[[int], None] | None = None) -> list[int]:
        """Write runs until ``runs`` have ended (None: forever), or nothing happened for ``idle_exit`` seconds.
        Returns the crawl ids of the ended runs."""
        self.adopt()
        quiet_since = time.monotonic()
        while runs is None or len(self.finished) < runs:
            busy = self.step(on_finished)
            now = time.monotonic()
            if busy or self.runs:
                quiet_since = now
            elif idle_exit is not None and now - quiet_since >= idle_exit:
                break
        return list(self.finished)

    def step(self, on_finished: Callable[[int], None] | None = None) -> bool:
        """One round: start requested runs, write waiting items, reap dead workers, end finished runs.
        True if anything was done."""
        did = False
        site = self.link.next_requested_site(timeout=0 if self.runs else 0.5)
        while site is not None:
            did = self.start_run(site) or did
            site = self.link.next_requested_site()
        for run in list(self.runs.values()):
            did = self.drain(run) or did
            for worker in self.link.dead_workers(run.site, self.dead_seconds):
                logger.warning("worker %s of %s sent no heartbeat for %.0f s: counted as lost", worker, run.site,
                               self.dead_seconds)
                run.lost_workers.append(worker)
                did = True
            if self.link.finish(run.site, run.run_id) != 0:
                crawl_id = self.end_run(run)
                if on_finished is not None:
                    on_finished(crawl_id)
                did = True
        if not did and self.runs:
            time.sleep(0.05)
        return did

    def adopt(self) -> None:
        """Runs marked running whose crawl row is still open: a writer stopped mid-run; this one carries on."""
        for site in self.link.running_sites():
            if site in self.runs:
                continue
            info = self.link.run(site)
            crawl_id = int(info.get("crawl_id") or 0)
            row = self.archive.crawl(crawl_id) if crawl_id else None
            if not row or row["status"] != "running":
                continue
            lock = SiteLock(self.db, site)
            try:
                lock.acquire()
            except ArchiveLocked as exc:
                logger.error("cannot adopt the run of %s: %s", site, exc)
                continue
            settings = json.loads(info.get("settings") or "{}")
            known = self.archive.crawl_state(site, "none").page_types
            tally = Tally()
            writer = ItemWriter(self.archive, crawl_id, site, tally, known_pages=lambda k=known: k)
            self.runs[site] = ActiveRun(site, info["id"], writer, lock, settings, tally=tally)
            logger.warning("adopted the running run of %s (crawl %s)", site, crawl_id)

    def start_run(self, site: str) -> bool:
        """Start the run a worker requested for ``site``: lock, crawl row, state for the workers."""
        info = self.link.run(site)
        if info.get("state") != "requested":
            return False  # withdrawn meanwhile, or already started
        settings = json.loads(info.get("settings") or "{}")
        lock = SiteLock(self.db, site)
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
            self.archive.flush()
        except ArchiveError:
            lock.release()
            raise
        tally = Tally()
        known = state.page_types
        writer = ItemWriter(self.archive, crawl_id, site, tally, known_pages=lambda: known)
        self.runs[site] = ActiveRun(site, info["id"], writer, lock, settings, tally=tally)
        self.link.publish(site, info["id"], crawl_id, encode_state(state, bool(settings.get("ASSOC_FULL"))))
        logger.info("run %s of %s started as crawl %s", info["id"], site, crawl_id)
        return True

    def drain(self, run: ActiveRun) -> bool:
        """Write the run's waiting items; True if there were any."""
        messages = self.link.take_items(run.site)
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
        return bool(messages)

    def _control(self, run: ActiveRun, message: bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            logger.error("unreadable message in %s: %r", RunKeys(run.site).items, message[:200])
            return
        if data.get("control") == "worker_closed" and data.get("run") == run.run_id:
            run.worker_stats[data["worker"]] = {**(data.get("stats") or {}), "finish_reason": data.get("reason")}
            if not _finished(data.get("reason")):
                logger.warning("worker %s of %s stopped: %s", data["worker"], run.site, data.get("reason"))
            self.link.remove_worker(run.site, data["worker"])

    def end_run(self, run: ActiveRun) -> int:
        """Close the run's crawl row with the summed totals; let go of the site."""
        stats = merged_stats(run)
        stopped_early = [s for s in run.worker_stats.values() if not _finished(s.get("finish_reason"))]
        status = "interrupted" if run.lost_workers or stopped_early else "finished"
        try:
            run.writer.finish(status, stats, drift_thresholds(run.settings))
            self.archive.flush()
        finally:
            run.lock.release()
            del self.runs[run.site]
        self.finished.append(run.writer.crawl_id)
        logger.info("run %s of %s ended (%s)", run.run_id, run.site, status)
        return run.writer.crawl_id


def _finished(reason: str | None) -> bool:
    """A worker's close reason that means its part of the run is complete."""
    return reason is not None and (reason == "finished" or reason.startswith("closespider"))
