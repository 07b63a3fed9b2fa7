"""Evaluation gate on the project's own development sets (tests/eval/dev/<set>/): articles written by the
team in their own words with gold facts in the shared scorer's format; each figure must reach the floor in
the set's baseline.json (floors only ever rise)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import require_shared
from gate import below_floors, score

DEV = Path(__file__).with_name("dev")
SETS = sorted(p.name for p in DEV.iterdir() if (p / "gold.json").is_file()) if DEV.is_dir() else []

pytestmark = pytest.mark.shared


def test_dev_sets_exist() -> None:
    assert SETS, f"no development sets under {DEV}"


@pytest.mark.parametrize("name", SETS)
def test_dev_gate(name: str, tmp_path: Path) -> None:
    require_shared()  # the scorer lives in ../shared/eval
    folder = DEV / name
    scores = score(folder / "articles", folder / "gold.json", tmp_path, name)
    floors = json.loads((folder / "baseline.json").read_text("utf-8"))
    assert scores["articles_missing"] == 0
    failed = below_floors(scores, floors)
    assert not failed, "; ".join(failed)
