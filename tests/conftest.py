"""Shared fixtures: the demo sites served on 127.0.0.1, crawls of them by the real CLI in a subprocess, a small
sample archive. Tests under tests/unit/ are marked `unit` (in-process, seconds), those under tests/e2e/ `e2e`
(real processes, servers, Redis, a browser): `python -m pytest -m unit` or `python -m pytest tests/unit`."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from archive import Archive
from assoc_crawler.demo.server import DemoServer

REPO_ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test by its folder: tests/unit/... -> unit, tests/e2e/... -> e2e."""
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(TESTS_DIR).parts
        if parts[0] in ("unit", "e2e"):
            item.add_marker(getattr(pytest.mark, parts[0]))


def descendants(pid: int) -> dict[int, str]:
    """The live processes under pid (children, theirs, ...; zombies left out): pid -> command line (Linux /proc)."""
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(x) for x in (task / "children").read_text().split()]
            except OSError:
                continue
            for child in children:
                try:
                    state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
                    command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                if state != "Z" and child not in found:
                    found[child] = command.strip()
                    todo.append(child)
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind() -> Iterator[None]:
    """The suite leaves no process behind: at its end (after every other fixture's teardown, this one being set
    up first) no process started by a test may still run. Multiprocessing's resource tracker of the test process
    itself is allowed: tests that run an extraction pool here start it, and it exits with this process. The test
    process is made a child subreaper, so that what a killed crawl leaves behind is adopted by it and seen here
    (instead of by init)."""
    if _LIBC is not None and sys.platform.startswith("linux"):
        _LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    yield
    if not Path(f"/proc/{os.getpid()}/task").is_dir():
        return
    deadline = time.monotonic() + 10
    while True:
        left = {pid: command for pid, command in descendants(os.getpid()).items()
                if "resource_tracker" not in command or "main(" not in command}
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert not left, f"the tests left processes running: {left}"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run `python -m assoc_crawler ARGS` as a real process and return its result (text)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "assoc_crawler", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO_ROOT, env=env,
    )


def wait_until(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.05) -> None:
    """Poll ``condition`` until it is true; fail the test (saying ``what`` was awaited) after ``timeout`` seconds.
    For ordering: a test waits for the state it needs, never for a fixed time."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@contextlib.contextmanager
def datasette_serving(db: Path, **popen: object) -> Iterator[str]:
    """`assoc-crawler serve --db DB --port 0` in a subprocess: the OS gives it a free port (no pick-then-bind race)
    and uvicorn's "Uvicorn running on URL" line, read from its stderr, says which (it is logged once the socket
    listens). Yields the base URL; the server is stopped on exit."""
    process = subprocess.Popen([sys.executable, "-m", "assoc_crawler", "serve", "--db", str(db), "--port", "0"],
                               cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **popen)
    lines: list[str] = []
    address: list[str] = []
    reported = threading.Event()

    def read_stderr() -> None:  # keeps draining stderr after the address line, so the server never blocks on it
        for line in process.stderr:
            lines.append(line)
            match = re.search(r"Uvicorn running on (http://[^\s]+)", line)
            if match and not address:
                address.append(match.group(1))
                reported.set()
        reported.set()  # end of output: the server exited

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        if not reported.wait(timeout=90) or not address:
            pytest.fail(f"serve did not report its address (exit status {process.poll()}): {''.join(lines)[-2000:]}")
        yield address[0]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=10)


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> Iterator[str]:
    """``handler`` served by a threading HTTP server on host (127.0.0.1, or ::1 for IPv6; port chosen by the
    system): its base URL, ``http://127.0.0.1:PORT`` (no trailing slash). The server stops when the block ends."""
    server_class = ThreadingHTTPServer
    if ":" in host:
        server_class = type("IPv6Server", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
    server = server_class((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class RoutedSite:
    """A small site for `serving`: routes changeable between crawls, path -> HTML text (UTF-8), (status, location)
    for a redirect, or bytes sent as they are; unknown paths answer 404. ``requests``: the paths asked for."""

    def __init__(self, routes: dict[str, Any]) -> None:
        self.routes = routes
        self.requests: list[str] = []

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.requests.append(self.path)
                answer = site.routes.get(self.path)
                if isinstance(answer, tuple):
                    self.send_response(answer[0])
                    self.send_header("Location", answer[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = answer if isinstance(answer, bytes) else (answer or "not found").encode()
                self.send_response(200 if answer else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def required(tool_variable: str) -> bool:
    """Whether the run demands a tool (ASSOC_REQUIRE_REDIS, ASSOC_REQUIRE_BROWSER): set to anything but '' or '0'.
    Then a missing tool fails the tests that need it instead of skipping them (.ci/run sets both)."""
    return os.environ.get(tool_variable, "").strip() not in ("", "0")


def write_profile(directory: Path, name: str, base_url: str, extra: str = "") -> Path:
    """A site profile file for a demo site served at base_url."""
    path = directory / f"{name}.toml"
    path.write_text(f'name = "{name}"\nstart_urls = ["{base_url}/"]\n{extra}', encoding="utf-8")
    return path


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_SET_CHILD_SUBREAPER = 24, 1, 2, 36
_LIBC = ctypes.CDLL(None, use_errno=True) if os.name == "posix" else None  # loaded here, not in a forked child


def as_plain_user() -> None:
    """In a child process: give up root's power to ignore file modes, so a read-only file is read-only to it
    (a preexec_fn; nothing changes when the tests do not run as root)."""
    if _LIBC is not None and os.geteuid() == 0:
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if _LIBC.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def file_modes_hold(read_only_file: Path) -> bool:
    """Whether a child started with as_plain_user is refused writing to read_only_file (mode 0444); False where
    that cannot be arranged (not POSIX, or root without the right to drop capabilities)."""
    if os.name != "posix":
        return False
    try:
        probe = subprocess.run([sys.executable, "-c", f"open({str(read_only_file)!r}, 'ab')"],
                               preexec_fn=as_plain_user, capture_output=True, text=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode != 0


FAST = ["--delay", "0", "--timeout", "2", "--concurrency", "8", "--progress", "never", "--retry-budget", "3"]


@pytest.fixture(scope="session")
def demo_server():
    """Every demo site, each on its own port of 127.0.0.1, for the whole test session."""
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="session")
def crawled_archive(demo_server, tmp_path_factory):
    """One archive holding a crawl of every demo site (each crawled by `assoc-crawler crawl PROFILE`)."""
    directory = tmp_path_factory.mktemp("crawl")
    db = directory / "archive.db"
    results = {}
    for name, site in demo_server.sites.items():
        profile = write_profile(directory, name, site.base_url)
        result = run_cli("crawl", str(profile), "--db", str(db), *FAST)
        results[name] = result
    return db, results


SAMPLE_ARTICLES = [
    # (slug, site, title, published_at, source, editor, body)
    ("a1", "cnfa", "再生铝行业推进碳达峰行动", "2024-03-01T09:00:00+08:00", "中国有色金属报", "再生分会",
     "为落实碳达峰目标，再生铝企业加快节能改造。铝工业是用能大户。"),
    ("a2", "cnfa", "再生铜原料进口保持增长", "2024-04-02T10:00:00+08:00", "海关总署", "再生分会",
     "一季度我国进口再生铜原料约五十万吨，同比增长。"),
    ("a3", "steel", "废钢价格小幅回落", "2023-12-20", "钢铁协会", "编辑部",
     "本周废钢价格小幅回落，市场观望情绪较浓。再生资源回收体系建设持续推进。"),
    ("a4", "steel", "Steel scrap recycling forum held", "2024-05-05", "CISA", None,
     "The recycling forum discussed scrap steel and carbon peaking."),
    ("a5", "cnfa", "协会召开理事会", "2024-06-01", "协会秘书处", "再生分会",
     "会议审议了年度工作报告，再生铝和再生铜分会负责人参加。"),
]


def sample_record(slug, site, title, published, source, editor, body, **extra):
    return {"url": f"https://{site}.test/{slug}.html", "site": site, "title": title, "published_at": published,
            "source": source, "editor": editor, "body_text": body, **extra}


@pytest.fixture
def sample_archive(tmp_path: Path):
    """An archive of the five ARTICLES (two sites), written through the Archive API."""
    with Archive(tmp_path / "s.db") as opened:
        crawl_id = opened.start_crawl("t", "cnfa")
        for row in SAMPLE_ARTICLES:
            opened.save_article(crawl_id, sample_record(*row))
        opened.crawl_id = crawl_id
        yield opened
