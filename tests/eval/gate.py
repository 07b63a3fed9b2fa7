"""What the evaluation gates share: run an input through `tradetalks ingest` and `export`, grade the dossier with
the shared scorer, and compare the figures with floors that only ever rise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SCORER

#: Figures where higher is better (a floor) and where lower is better (a ceiling, key + "_max").
HIGHER = ("event_f1", "people_f1", "org_f1", "timex_acc", "attr_acc", "merge_r", "negotiation_acc")
LOWER = ("timex_false", "wrong_merges", "people_split")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from tradetalks.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def score(inputs: Path, gold: Path, work: Path, name: str) -> dict:
    """The scorer's figures for the dossier built from ``inputs``."""
    db, out = str(work / f"{name}.db"), str(work / f"{name}.json")
    ingest = cli("ingest", str(inputs), "--db", db)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    export = cli("export", "--format", "json", "--output", out, "--db", db)
    assert export.returncode == 0, export.stderr[-2000:]
    graded = subprocess.run(
        [sys.executable, str(SCORER), str(gold), out, "--json"], capture_output=True, text=True, timeout=300
    )
    assert graded.returncode == 0, graded.stderr[-2000:]
    return json.loads(graded.stdout.strip().splitlines()[-1])


def below_floors(scores: dict, floors: dict) -> list[str]:
    """Every figure that fell below its floor or rose above its ceiling, as a readable line."""
    low = [f"{k} {scores[k]} < {floors[k]}" for k in HIGHER if k in floors and scores[k] < floors[k]]
    high = [
        f"{k} {scores[k]} > {floors[k + '_max']}"
        for k in LOWER
        if k + "_max" in floors and scores[k] > floors[k + "_max"]
    ]
    for key in ("story_same", "story_diff"):
        if key in floors and int(scores[key].partition("/")[0]) < floors[key]:
            low.append(f"{key} {scores[key]} < {floors[key]}")
    return low + high
