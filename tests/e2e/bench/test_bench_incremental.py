"""bench/incremental.py runs end to end on a small generated site and every check holds."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_incremental_benchmark_small(tmp_path):
    # 2 categories of 20 list pages each: long pager chains, whose oldest articles a naive depth count would cut
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "incremental.py"), "--articles", "400", "--categories", "2",
         "--per-page", "10", "--out", str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "incremental.json").read_text(encoding="utf-8"))
    checks = report["checks"]
    assert checks["articles_archived_once"] and checks["all_5_new_found"] and checks["withdrawal_marked_gone"]
    assert checks["second_run_at_most_3_percent"] and checks["unchanged_articles_bumped"] == 0
    assert checks["edits_found_as_version_2"] == 2 and checks["rechecks_conditional"] == 405
    assert report["runs"]["first"]["summary"]["articles_new"] == 400
    assert report["environment"]["cpu_count"] and "# Incremental crawl benchmark" in (
        tmp_path / "incremental.md").read_text(encoding="utf-8")
