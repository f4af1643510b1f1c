"""A distributed run as Redis holds it: the keys, and the protocol of workers (`crawl --redis`) and the writer
(`ingest --redis`). No Scrapy here.

One run crawls one site. Its keys all start with ``assoc:<site>:``:

- ``run`` (hash): id, state (requested -> running; failed when the writer cannot take the site), target, the
  initiating worker's settings, and the writer's crawl id;
- ``state`` (string): what the archive knew of the site when the run started (zlib-compressed JSON), which the
  writer publishes and every worker loads;
- ``requests`` / ``dupefilter``: scrapy-redis's shared queue and duplicate filter;
- ``seen`` (set) and ``scheduled`` (counter): URLs a worker has claimed, and how many of them count against the
  link budget, so that every URL is fetched by one worker and ASSOC_MAX_PAGES bounds the whole run;
- ``workers`` / ``busy`` (hashes): each worker's last heartbeat and last busy moment, in Redis server time;
  ``lost`` (set): workers the writer gave up on (their heartbeats are refused from then on);
- ``items`` (list): the workers' items, as messages, for the writer, which removes them only once they are
  committed to the archive (and keeps its running totals in the run hash, for a writer that takes over).

``assoc:runs`` (list) carries run requests (site names) to the writer; ``assoc:writer:<name>`` says a writer is
alive (it expires 30 s after the writer's last round).
"""

from __future__ import annotations

import json
import os
import re
import socket
import uuid
import zlib
from dataclasses import dataclass
from typing import Any

import redis

from archive import CrawlState

RUNS_KEY = "assoc:runs"
WRITER_KEY = "assoc:writer:{}"
WRITER_TTL = 30

# A new run is created (and announced to the writer) by the first worker; every worker registers itself.
_JOIN = """
local id = redis.call('HGET', KEYS[1], 'id')
local created = 0
if not id then
  id = ARGV[1]
  redis.call('HSET', KEYS[1], 'id', id, 'state', 'requested', 'target', ARGV[3], 'settings', ARGV[4])
  redis.call('RPUSH', KEYS[3], ARGV[5])
  created = 1
end
local t = redis.call('TIME')
redis.call('HSET', KEYS[2], ARGV[2], t[1] + t[2] / 1000000)
redis.call('HSET', KEYS[4], ARGV[2], t[1] + t[2] / 1000000)
return {id, created}
"""
# A heartbeat counts only for the current run, and not for a worker the writer has counted as lost: a worker of
# an ended run must not keep a new one open, and a lost one must stop (its requests are in the archive's frontier).
_HEARTBEAT = """
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
if redis.call('SISMEMBER', KEYS[4], ARGV[2]) == 1 then return 0 end
local t = redis.call('TIME')
local now = t[1] + t[2] / 1000000
redis.call('HSET', KEYS[2], ARGV[2], now)
if ARGV[3] == '1' then redis.call('HSET', KEYS[3], ARGV[2], now) end
return 1
"""
# A URL is fetched by the worker that claims it first; link-budget claims stop at the budget.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if ARGV[2] ~= '0' then
  if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return 2 end
  redis.call('INCR', KEYS[2])
end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
"""
# A worker that gives up waiting for the writer leaves; a run nobody else joined is withdrawn.
_ABANDON = """
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
if redis.call('HLEN', KEYS[2]) == 0 and redis.call('HGET', KEYS[1], 'id') == ARGV[1]
   and redis.call('HGET', KEYS[1], 'state') == 'requested' then
  redis.call('DEL', KEYS[1], KEYS[3])
  redis.call('LREM', KEYS[4], 1, ARGV[3])
end
return 1
"""
# The writer starts a run only if it is still the one requested (a worker may have withdrawn it meanwhile);
# the workers' heartbeats count from now (they waited for the writer).
_PUBLISH = """
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= 'requested' then
  return 0
end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[1], 'state', 'running', 'crawl_id', ARGV[2], 'writer', ARGV[4])
local t = redis.call('TIME')
for _, worker in ipairs(redis.call('HKEYS', KEYS[8])) do
  redis.call('HSET', KEYS[8], worker, t[1] + t[2] / 1000000)
end
return 1
"""
# The writer ends a run once no worker is left and every item is written: -1 another run, 0 not yet, 1 ended.
_FINISH = """
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return -1 end
if redis.call('HLEN', KEYS[2]) > 0 or redis.call('LLEN', KEYS[3]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])
return 1
"""

CLAIMED, SEEN, OVER_BUDGET = 1, 0, 2


class RedisUnavailable(Exception):
    """The Redis server cannot be reached (or the URL is not a Redis URL)."""


def redacted(url: str) -> str:
    """A Redis URL as messages and archives may show it: its password (in the user part or the query) hidden."""
    url = re.sub(r"//([^/@:]*):[^/@]*@", r"//\1:***@", url)
    url = re.sub(r"//[^/@:]+@", "//***@", url)  # redis://PASSWORD@host: a user part alone is a password
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url)


def connect(url: str) -> redis.Redis:
    """A client for ``redis://host:port/db`` that has answered a PING; RedisUnavailable otherwise."""
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)
        client.ping()
    except (ValueError, redis.RedisError) as exc:
        raise RedisUnavailable(f"cannot reach Redis at {redacted(url)}: {exc}") from exc
    return client


@dataclass(frozen=True)
class RunKeys:
    """The Redis keys of one site's runs."""

    site: str

    def __getattr__(self, name: str) -> str:
        if name in ("run", "state", "requests", "dupefilter", "seen", "scheduled", "workers", "busy", "lost",
                    "items"):
            return f"assoc:{self.site}:{name}"
        raise AttributeError(name)


def encode_state(state: CrawlState, full: bool) -> bytes:
    """The archive's knowledge of a site, for the workers (zlib-compressed JSON)."""
    data = {"article_urls": sorted(state.article_urls), "alias_urls": sorted(state.alias_urls),
            "page_types": state.page_types, "due": state.due,
            "pending": state.pending, "stale_pages": sorted(state.stale_pages), "full": full,
            "template_lines": {shape: sorted(lines) for shape, lines in state.template_lines.items()},
            "field_paths": state.field_paths, "article_shapes": sorted(state.article_shapes),
            "column_shapes": sorted(state.column_shapes)}
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def decode_state(blob: bytes) -> tuple[CrawlState, bool]:
    """:func:`encode_state`'s bytes back as a CrawlState and the run's --full flag."""
    data = json.loads(zlib.decompress(blob))
    state = CrawlState(article_urls=set(data["article_urls"]), alias_urls=set(data.get("alias_urls", ())),
                       page_types=data["page_types"],
                       due=[tuple(row) for row in data["due"]], pending=data["pending"],
                       stale_pages=set(data["stale_pages"]),
                       template_lines={shape: frozenset(lines)
                                       for shape, lines in data.get("template_lines", {}).items()},
                       field_paths=data.get("field_paths", {}),
                       article_shapes=frozenset(data.get("article_shapes", ())),
                       column_shapes=frozenset(data.get("column_shapes", ())))
    return state, bool(data["full"])


def worker_name() -> str:
    """host:pid:random, unique among the workers of a run."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class WorkerLink:
    """One worker's side of a site's run."""

    def __init__(self, client: redis.Redis, site: str, worker: str | None = None) -> None:
        self.client = client
        self.site = site
        self.keys = RunKeys(site)
        self.worker = worker or worker_name()
        self.run_id: str | None = None
        self._join = client.register_script(_JOIN)
        self._heartbeat = client.register_script(_HEARTBEAT)
        self._claim = client.register_script(_CLAIM)
        self._abandon = client.register_script(_ABANDON)

    def join(self, target: str, settings: dict[str, Any]) -> bool:
        """Join the site's current run, or request a new one from the writer; True if this worker created it."""
        keys = self.keys
        run_id, created = self._join(keys=[keys.run, keys.workers, RUNS_KEY, keys.busy], args=[
            uuid.uuid4().hex, self.worker, target, json.dumps(settings, ensure_ascii=False, default=str),
            self.site])
        self.run_id = run_id.decode() if isinstance(run_id, bytes) else str(run_id)
        return bool(created)

    def run(self) -> dict[str, str]:
        """The run hash (empty once the run has ended)."""
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self.keys.run).items()
                if k != b"settings"}

    def abandon(self) -> None:
        """Leave a run that never started (no writer answered)."""
        if self.run_id:
            keys = self.keys
            self._abandon(keys=[keys.run, keys.workers, keys.busy, RUNS_KEY],
                          args=[self.run_id, self.worker, self.site])

    def load_state(self) -> tuple[CrawlState, bool]:
        """What the writer published of the archive's knowledge for this run."""
        blob = self.client.get(self.keys.state)
        if blob is None:
            raise RedisUnavailable(f"the run of {self.site} has no published state")
        return decode_state(blob)

    def heartbeat(self, busy: bool) -> bool:
        """Tell the writer (and the other workers) this worker is alive, and whether it is busy; False when the
        run is no longer the one this worker joined."""
        keys = self.keys
        return bool(self._heartbeat(keys=[keys.run, keys.workers, keys.busy, keys.lost],
                                    args=[self.run_id or "", self.worker, "1" if busy else "0"]))

    def claim(self, url: str, budget: int = 0) -> int:
        """CLAIMED if this worker is the first to want url (and, with a budget, the run has budget left), SEEN if
        another worker had it, OVER_BUDGET if the run's link budget is spent."""
        return int(self._claim(keys=[self.keys.seen, self.keys.scheduled], args=[url, str(budget)]))

    def add_seen(self, urls: list[str]) -> None:
        """URLs this worker has covered without requesting them (canonical URLs, redirect sources)."""
        if urls:
            self.client.sadd(self.keys.seen, *urls)

    def queue_length(self) -> int:
        """Requests waiting in the shared queue."""
        return int(self.client.llen(self.keys.requests))

    def may_stop(self, idle_seconds: float, dead_seconds: float) -> bool:
        """True when the shared queue is empty and no live worker (this one included) was busy in the last
        ``idle_seconds``: the frontier has stayed empty, and nobody is about to refill it."""
        if self.queue_length():
            return False
        seconds, micros = self.client.time()
        now = seconds + micros / 1e6
        alive = {k: float(v) for k, v in self.client.hgetall(self.keys.workers).items()}
        busy = {k: float(v) for k, v in self.client.hgetall(self.keys.busy).items()}
        return all(busy.get(worker, 0.0) <= now - idle_seconds
                   for worker, seen in alive.items() if seen >= now - dead_seconds)

    def push(self, message: bytes) -> None:
        """An item message (or a control message) for the writer."""
        self.client.rpush(self.keys.items, message)

    def leave(self, reason: str, stats: dict[str, Any]) -> None:
        """The last message of this worker: why it stopped and its crawl stats (the writer sums them)."""
        self.push(control_message("worker_closed", run=self.run_id, worker=self.worker, reason=reason,
                                  stats=stats))


def control_message(kind: str, **fields: Any) -> bytes:
    """A message to the writer that is not an item."""
    return json.dumps({"control": kind, **fields}, ensure_ascii=False, default=str).encode("utf-8")


class WriterLink:
    """The writer's side: start runs, publish state, read items, see dead workers, end runs."""

    def __init__(self, client: redis.Redis, name: str | None = None) -> None:
        self.client = client
        self.name = name or worker_name()
        self._publish = client.register_script(_PUBLISH)
        self._finish = client.register_script(_FINISH)

    def alive(self) -> None:
        """Tell workers and other writers this writer is alive (for WRITER_TTL seconds)."""
        self.client.set(WRITER_KEY.format(self.name), "1", ex=WRITER_TTL)

    def gone(self) -> None:
        """This writer stops: another one may take its runs over at once."""
        self.client.delete(WRITER_KEY.format(self.name))

    def next_requested_site(self, timeout: float = 0.0) -> str | None:
        """The site of the next run request, waiting up to ``timeout`` seconds (0: do not wait)."""
        if timeout > 0:
            popped = self.client.blpop([RUNS_KEY], timeout=timeout)
            return popped[1].decode() if popped else None
        value = self.client.lpop(RUNS_KEY)
        return value.decode() if value else None

    def run(self, site: str) -> dict[str, str]:
        """The run hash of a site (settings and progress as JSON text)."""
        return {k.decode(): v.decode() for k, v in self.client.hgetall(RunKeys(site).run).items()}

    def orphaned_sites(self) -> list[str]:
        """Sites whose run is running but whose writer has stopped (no `assoc:writer:<name>` key)."""
        sites = []
        for key in self.client.scan_iter(match="assoc:*:run"):
            state, writer = self.client.hmget(key, "state", "writer")
            if state == b"running" and not self.client.exists(WRITER_KEY.format((writer or b"").decode())):
                sites.append(key.decode()[len("assoc:"):-len(":run")])
        return sites

    def take_over(self, site: str) -> None:
        """This writer now writes the site's run."""
        self.client.hset(RunKeys(site).run, "writer", self.name)

    def publish(self, site: str, run_id: str, crawl_id: int, state_blob: bytes) -> bool:
        """Start the run: a clean frontier, the archive's state for the workers, then state=running. False if
        the run was withdrawn meanwhile."""
        k = RunKeys(site)
        return bool(self._publish(keys=[k.run, k.state, k.requests, k.dupefilter, k.seen, k.scheduled, k.lost,
                                        k.workers], args=[run_id, crawl_id, state_blob, self.name]))

    def refuse(self, site: str, message: str) -> None:
        """The run cannot go on (the archive's site lock is held): workers see the message and stop."""
        keys = RunKeys(site)
        with self.client.pipeline() as pipe:
            pipe.hset(keys.run, mapping={"state": "failed", "error": message})
            pipe.delete(keys.workers, keys.state, keys.requests, keys.seen)
            pipe.expire(keys.run, 10)
            pipe.execute()

    def peek_items(self, site: str, count: int = 500) -> list[bytes]:
        """Up to ``count`` messages from the front of the site's item list (they stay there until
        :meth:`items_written`)."""
        return self.client.lrange(RunKeys(site).items, 0, count - 1)

    def items_written(self, site: str, count: int, progress: str) -> None:
        """The first ``count`` messages are committed to the archive: remove them, and save the run's totals."""
        keys = RunKeys(site)
        with self.client.pipeline() as pipe:  # MULTI/EXEC: both or neither
            pipe.ltrim(keys.items, count, -1)
            pipe.hset(keys.run, "progress", progress)
            pipe.execute()

    def save_progress(self, site: str, progress: str) -> None:
        """The run's totals, for a writer that takes over."""
        self.client.hset(RunKeys(site).run, "progress", progress)

    def dead_workers(self, site: str, dead_seconds: float) -> list[str]:
        """Workers whose last heartbeat is older than ``dead_seconds``; they are removed from the run for good."""
        keys = RunKeys(site)
        seconds, micros = self.client.time()
        now = seconds + micros / 1e6
        dead = [k.decode() for k, v in self.client.hgetall(keys.workers).items() if float(v) < now - dead_seconds]
        if dead:
            with self.client.pipeline() as pipe:
                pipe.hdel(keys.workers, *dead)
                pipe.sadd(keys.lost, *dead)
                pipe.execute()
        return dead

    def remove_worker(self, site: str, worker: str) -> None:
        """A worker said it stopped."""
        self.client.hdel(RunKeys(site).workers, worker)

    def finish(self, site: str, run_id: str) -> int:
        """End the run if no worker is left and no item waits: 1 ended, 0 not yet, -1 not the current run."""
        k = RunKeys(site)
        return int(self._finish(keys=[k.run, k.workers, k.items, k.state, k.requests, k.dupefilter, k.seen,
                                      k.scheduled, k.busy, k.lost], args=[run_id]))
