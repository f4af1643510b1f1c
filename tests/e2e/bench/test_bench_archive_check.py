"""bench/archive_check.py runs end to end on a small generated archive."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_archive_check_benchmark_small(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "archive_check.py"), "--size-mb", "3", "--repeat", "1",
         "--db", str(tmp_path / "b.db"), "--out", str(tmp_path), "--no-cold"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "archive_check.json").read_text(encoding="utf-8"))
    assert report["archive"]["size_mb"] >= 3 and report["archive"]["articles"] >= 1000
    assert report["check_integrity"]["median_s"] > 0 and report["cold_cache"]["check_integrity_s"] is None
    assert "PRAGMA quick_check" in (tmp_path / "archive_check.md").read_text(encoding="utf-8")
