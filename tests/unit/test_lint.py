"""The code base stays `ruff` clean (configuration in pyproject.toml). ruff is in the `test` extra: without it
these tests fail (a lint test that cannot lint must not pass, nor skip)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT


def _ruff() -> str:
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    assert ruff, "ruff is not installed: pip install -e '.[test]'"
    return ruff


def _check_stdin(filename: str, source: str) -> subprocess.CompletedProcess[str]:
    """`ruff check` of source as if it were the file filename of the repository (its per-file rules apply)."""
    return subprocess.run([_ruff(), "check", "--no-cache", "--output-format", "concise", "--stdin-filename", filename,
                           "-"], input=source, cwd=REPO_ROOT, capture_output=True, text=True)


def test_ruff_is_as_new_as_the_test_extra_asks():
    result = subprocess.run([_ruff(), "--version"], capture_output=True, text=True)
    version = re.search(r"(\d+)\.(\d+)\.(\d+)", result.stdout)
    assert result.returncode == 0 and version, result.stdout + result.stderr
    assert tuple(int(part) for part in version.groups()) >= (0, 5, 0)  # pyproject.toml: ruff>=0.5


def test_ruff_applies_the_project_configuration():
    """ruff really checks files here with pyproject.toml's rules: a clean result below means something."""
    long_line = "TEXT = '" + "x" * 120 + "'\n"  # longer than line-length 120
    source = "import os\n" + long_line
    in_package = _check_stdin("assoc_crawler/lint_probe.py", source)
    assert in_package.returncode == 1, in_package.stdout + in_package.stderr
    assert "F401" in in_package.stdout and "E501" in in_package.stdout
    in_tests = _check_stdin("tests/lint_probe.py", source)  # tests ignore E501 (inline HTML fixtures)
    assert in_tests.returncode == 1 and "F401" in in_tests.stdout and "E501" not in in_tests.stdout
    assert _check_stdin("assoc_crawler/lint_probe.py", "import os\n\nprint(os.sep)\n").returncode == 0


def test_ruff_clean():
    result = subprocess.run([_ruff(), "check", "--no-cache", "."], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
