"""bench/news.py runs end to end on a few generated English news sites and reports both halves."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_news_benchmark_small(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "news.py"), "--sites", "4", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "news.json").read_text(encoding="utf-8"))
    for half in ("tune", "check"):
        figures = report["halves"][half]
        assert figures["articles"] == 28 and figures["non_articles"] == 14
        assert 0.5 < figures["body_f1_archive"] <= 1.0
        assert figures["articles_kept"] <= figures["articles"]
    markdown = (tmp_path / "news.md").read_text(encoding="utf-8")
    assert "| body F1, missing articles as 0 |" in markdown and report["environment"]["check_seeds"] == "1000-1001"


def test_news_benchmark_on_german_sites(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "news.py"), "--sites", "2", "--lang", "de", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "news_de.json").read_text(encoding="utf-8"))
    assert report["lang"] == "de" and report["halves"]["check"]["articles"] == 14
    assert (tmp_path / "news_de.md").read_text(encoding="utf-8").startswith("# German news pages")
    assert not (tmp_path / "news.json").exists()


def test_news_benchmark_rejects_a_bad_site_count(tmp_path):
    result = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "news.py"), "--sites", "0"],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "--sites must be at least 1" in result.stderr and "Traceback" not in result.stderr
