"""bench/sites.py runs end to end on a few generated association sites and reports fields and body F1 per half."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_sites_benchmark_small(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "sites.py"), "--sites", "4", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "sites.json").read_text(encoding="utf-8"))
    for half in ("tune", "check"):
        total = report["by_half"][half]["all"]
        assert total["title"][1] == 22  # 11 articles per site, 2 sites per half
        assert 0.5 < total["body_f1"] <= 1.0 and total["body_low"][1] == 22
    markdown = (tmp_path / "sites.md").read_text(encoding="utf-8")
    assert "| body F1 | body F1 < 0.9 |" in markdown and "body F1" in result.stdout


def test_sites_benchmark_rejects_a_bad_site_count(tmp_path):
    result = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "sites.py"), "--sites", "0"],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "--sites must be at least 1" in result.stderr and "Traceback" not in result.stderr
