"""The code base stays `ruff` clean (configuration in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import REPO_ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(REPO_ROOT / ".venv" / "bin" / "ruff")
    result = subprocess.run([ruff, "check", "."], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sys.version_info >= (3, 11)
