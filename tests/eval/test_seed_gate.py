"""Evaluation gate: the seeds go through `tradetalks ingest` and `export`, the shared scorer grades the dossier,
and every figure must reach its floor in baseline.json (floors only ever rise)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, SCORER, SEEDS, require_shared

BASELINE = Path(__file__).with_name("baseline.json")
#: Figures where higher is better: scorer key -> baseline key.
FLOORS = {
    "event_f1": "event_f1",
    "people_f1": "people_f1",
    "org_f1": "org_f1",
    "timex_acc": "timex_acc",
    "attr_acc": "attr_acc",
    "merge_r": "merge_r",
}
#: Figures where lower is better: scorer key -> baseline key.
CEILINGS = {"timex_false": "timex_false_max", "wrong_merges": "wrong_merges_max", "people_split": "people_split_max"}

pytestmark = pytest.mark.shared


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from tradetalks.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    require_shared()
    work = tmp_path_factory.mktemp("gate")
    db, out = str(work / "seeds.db"), str(work / "dossier.json")
    ingest = _cli("ingest", str(SEEDS), "--db", db)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    export = _cli("export", "--format", "json", "--output", out, "--db", db)
    assert export.returncode == 0, export.stderr[-2000:]
    graded = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), out, "--json"], capture_output=True, text=True, timeout=300
    )
    assert graded.returncode == 0, graded.stderr[-2000:]
    return json.loads(graded.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads(BASELINE.read_text("utf-8"))


def test_seed_gate_all_articles_matched(scores: dict) -> None:
    assert scores["articles_missing"] == 0


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_seed_gate_floor(scores: dict, baseline: dict, figure: str) -> None:
    assert scores[figure] >= baseline[FLOORS[figure]], (
        f"{figure} {scores[figure]} fell below {baseline[FLOORS[figure]]}"
    )


@pytest.mark.parametrize("figure", sorted(CEILINGS))
def test_seed_gate_ceiling(scores: dict, baseline: dict, figure: str) -> None:
    assert scores[figure] <= baseline[CEILINGS[figure]], (
        f"{figure} {scores[figure]} rose above {baseline[CEILINGS[figure]]}"
    )


@pytest.mark.parametrize("figure", ["story_same", "story_diff"])
def test_seed_gate_stories(scores: dict, baseline: dict, figure: str) -> None:
    right, _, total = scores[figure].partition("/")
    assert int(right) >= baseline[figure], f"{figure} {scores[figure]} below {baseline[figure]}/{total}"
