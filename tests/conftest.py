"""Shared fixtures: the demo sites served on 127.0.0.1 and crawls of them by the real CLI in a subprocess."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assoc_crawler.demo.server import DemoServer

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run `python -m assoc_crawler ARGS` as a real process and return its result (text)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "assoc_crawler", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO_ROOT, env=env,
    )


def write_profile(directory: Path, name: str, base_url: str, extra: str = "") -> Path:
    """A site profile file for a demo site served at base_url."""
    path = directory / f"{name}.toml"
    path.write_text(f'name = "{name}"\nstart_urls = ["{base_url}/"]\n{extra}', encoding="utf-8")
    return path


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2
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


FAST = ["--delay", "0", "--timeout", "2", "--concurrency", "8", "--progress", "never"]


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
