"""bench/search.py runs end to end on a small generated archive."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_search_benchmark_small(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "search.py"), "--articles", "300", "--db", str(tmp_path / "b.db"),
         "--out", str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "search.json").read_text(encoding="utf-8"))
    assert report["search"]["3+ characters"]["queries"]["再生铝"]["matches"] > 0
    assert report["search"]["1-2 characters"]["queries"]["镍"]["matches"] == 0
    assert {e["articles"] for e in report["export"] if e["filter"] == "all"} == {300}
    assert report["environment"]["cpu_count"] and "| 3+ characters |" in (tmp_path / "search.md").read_text()
