"""What every benchmark writes beside its figures: the machine and the code it ran on, and the two files."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def environment(**extra: Any) -> dict[str, Any]:
    """Date (UTC), core count, Python version, git commit, plus ``extra``."""
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    return {"date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"), "cpu_count": os.cpu_count(),
            "python": platform.python_version(), "git": git.stdout.strip() or None, **extra}


def write_results(out: Path, stem: str, report: dict[str, Any], markdown: str) -> None:
    """``<stem>.md`` and ``<stem>.json`` in ``out`` (created if missing), and the markdown on stdout."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.md").write_text(markdown, encoding="utf-8")
    (out / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown)
