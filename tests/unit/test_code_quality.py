"""The house style holds for the whole tree: ruff clean and mypy clean (the tools come with the test extras)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_reports_nothing() -> None:
    result = _run("ruff", "check", "tradetalks", "tests", "bench")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_mypy_reports_nothing() -> None:
    result = _run("mypy", "tradetalks")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
