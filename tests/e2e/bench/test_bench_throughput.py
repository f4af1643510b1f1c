"""bench/crawl_throughput.py runs end to end on a small generated site (nginx if present, else DemoSite)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_crawl_throughput_benchmark_small(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "crawl_throughput.py"), "--articles", "120", "--categories", "3",
         "--repeat", "1", "--concurrency", "8", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "crawl_throughput.json").read_text(encoding="utf-8"))
    bare, ours = report["runs"]["bare"][0], report["runs"]["ours"][0]
    assert bare["responses"] >= 120 and ours["responses"] >= 120 and ours["items"] == 120
    assert bare["seconds"] > 0 and ours["seconds"] > 0
    # the figures are the runs' own: pages/s = responses / Scrapy's elapsed seconds, the ratio ours over bare
    speed = {name: run["responses"] / run["seconds"] for name, run in (("bare", bare), ("ours", ours))}
    assert report["pages_per_second"] == {name: round(value, 1) for name, value in speed.items()}
    assert report["ratio_ours_over_bare"] == round(speed["ours"] / speed["bare"], 3)
    assert report["environment"]["cpu_count"] and report["environment"]["articles"] == 120
    markdown = (tmp_path / "crawl_throughput.md").read_text(encoding="utf-8")
    assert f"ratio ours/bare {report['ratio_ours_over_bare']}" in markdown
