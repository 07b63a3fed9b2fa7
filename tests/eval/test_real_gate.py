"""Evaluation gate on real published news (../shared/data/real: 80 articles nobody here wrote, with gold): the
measure that counts. Each figure must reach its floor in real_baseline.json; floors only ever rise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, require_shared
from gate import below_floors, score

REAL = SHARED / "data" / "real"
BASELINE = Path(__file__).with_name("real_baseline.json")

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    require_shared()
    if not (REAL / "gold.json").is_file():
        pytest.skip(f"the real-news set is absent ({REAL})")
    return score(REAL / "articles.jsonl", REAL / "gold.json", tmp_path_factory.mktemp("real"), "real")


def test_real_gate_all_articles_matched(scores: dict) -> None:
    assert scores["articles_missing"] == 0


def test_real_gate_floors(scores: dict) -> None:
    floors = json.loads(BASELINE.read_text("utf-8"))
    failed = below_floors(scores, floors)
    assert not failed, "; ".join(failed)
