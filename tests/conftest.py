"""Shared fixtures: paths to ../shared (seeds, gold, scorer, external data) and the package's resources."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "data" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"
VIETNEWS = SHARED / "data" / "external" / "vietnews"


def require_shared() -> Path:
    """Skip the calling test when ../shared (seeds, gold, scorer) is not beside the repo."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return require_shared()


@pytest.fixture
def seed_files() -> list[Path]:
    require_shared()
    return sorted(SEEDS.glob("*.txt"))
