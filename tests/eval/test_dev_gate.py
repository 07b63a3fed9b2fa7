"""Evaluation gate on the project's own development sets (tests/eval/dev/<set>/): articles written by the
team in their own words with gold facts in the shared scorer's format; each figure must reach the floor in
the set's baseline.json (floors only ever rise)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCORER, require_shared

DEV = Path(__file__).with_name("dev")
SETS = sorted(p.name for p in DEV.iterdir() if (p / "gold.json").is_file()) if DEV.is_dir() else []
HIGHER = ("event_f1", "people_f1", "org_f1", "timex_acc", "attr_acc", "merge_r")
LOWER = ("timex_false", "wrong_merges", "people_split")

pytestmark = pytest.mark.shared


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from tradetalks.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _score(name: str, work: Path) -> dict:
    require_shared()  # the scorer lives in ../shared/eval
    folder = DEV / name
    db, out = str(work / f"{name}.db"), str(work / f"{name}.json")
    ingest = _cli("ingest", str(folder / "articles"), "--db", db)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    export = _cli("export", "--format", "json", "--output", out, "--db", db)
    assert export.returncode == 0, export.stderr[-2000:]
    graded = subprocess.run(
        [sys.executable, str(SCORER), str(folder / "gold.json"), out, "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert graded.returncode == 0, graded.stderr[-2000:]
    return json.loads(graded.stdout.strip().splitlines()[-1])


def test_dev_sets_exist() -> None:
    assert SETS, f"no development sets under {DEV}"


@pytest.mark.parametrize("name", SETS)
def test_dev_gate(name: str, tmp_path: Path) -> None:
    scores = _score(name, tmp_path)
    floors = json.loads((DEV / name / "baseline.json").read_text("utf-8"))
    assert scores["articles_missing"] == 0
    low = [f"{k} {scores[k]} < {floors[k]}" for k in HIGHER if k in floors and scores[k] < floors[k]]
    high = [f"{k} {scores[k]} > {floors[k + '_max']}" for k in LOWER if k + "_max" in floors
            and scores[k] > floors[k + "_max"]]
    for key in ("story_same", "story_diff"):
        if key in floors and int(scores[key].partition("/")[0]) < floors[key]:
            low.append(f"{key} {scores[key]} < {floors[key]}")
    assert not low and not high, "; ".join(low + high)
