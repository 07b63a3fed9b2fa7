"""`tradetalks correct` and `tradetalks corrections` end to end (the real CLI in a subprocess) over the bundled
sample corpus: a correction applied at once, kept through `reprocess`, exported, listed and removed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CLI = "from tradetalks.cli import main; main()"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.store import open_store

    db = str(tmp_path / "demo.db")
    with open_store(db) as store:
        assert not ingest_paths(store, [str(demo_corpus_path())]).failed
    return db


def _events(db: str) -> list[dict[str, Any]]:
    done = run_cli("timeline", "--json", "--all", "--db", db)
    assert done.returncode == 0, done.stderr
    tl = json.loads(done.stdout)
    return list(tl["events"] + tl["undated"])


def _told_twice(db: str) -> dict[str, Any]:
    """A dated event told by two articles."""
    return next(e for e in _events(db) if e["start"] and len({s["article"] for s in e["sources"]}) > 1)


def test_correct_set_sticks_through_reprocess_and_export(demo_db: str, tmp_path: Path) -> None:
    event = _told_twice(demo_db)
    done = run_cli("correct", "set", event["id"], "start", "2024-01-02", "--why", "checked the release", "--by", "Lan",
                   "--db", demo_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "applied" in done.stdout
    assert next(e for e in _events(demo_db) if e["id"] == event["id"])["start"] == "2024-01-02"
    assert run_cli("reprocess", "--db", demo_db).returncode == 0  # extraction re-run: the correction stays
    listed = json.loads(run_cli("corrections", "--json", "--db", demo_db).stdout)
    assert [(c["status"], c["by"], c["why"], c["value"]) for c in listed] == [
        ("applied", "Lan", "checked the release", "2024-01-02")
    ]
    assert next(e for e in _events(demo_db) if e["id"] == event["id"])["start"] == "2024-01-02"
    out = tmp_path / "dossier.json"
    assert run_cli("export", "--format", "json", "--output", str(out), "--db", demo_db).returncode == 0
    exported = json.loads(out.read_text("utf-8"))
    assert [c["status"] for c in exported["corrections"]] == ["applied"]
    number = str(listed[0]["id"])
    removed = run_cli("corrections", "--remove", number, "--db", demo_db)
    assert removed.returncode == 0 and f"removed correction {number}" in removed.stdout
    assert next(e for e in _events(demo_db) if e["id"] == event["id"])["start"] == event["start"]
    assert run_cli("corrections", "--remove", number, "--db", demo_db).returncode == 1


def test_correct_split_and_text_listing(demo_db: str) -> None:
    event = _told_twice(demo_db)
    article = event["sources"][-1]["article"]
    done = run_cli("correct", "split", event["id"], article, "--why", "two rounds", "--by", "Minh", "--db", demo_db)
    assert done.returncode == 0, done.stderr
    ids = [e["id"] for e in _events(demo_db)]
    assert event["id"] in ids and len(ids) == len(set(ids))
    listing = run_cli("corrections", "--db", demo_db).stdout
    assert "applied" in listing and "split event" in listing and "by Minh" in listing and "two rounds" in listing


def test_correct_refuses_without_why_or_with_a_bad_value(demo_db: str) -> None:
    event = _told_twice(demo_db)
    missing = run_cli("correct", "set", event["id"], "start", "2024-01-02", "--db", demo_db)
    assert missing.returncode != 0 and "--why" in missing.stderr
    bad = run_cli("correct", "set", event["id"], "start", "02/01/2024", "--why", "x", "--db", demo_db)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    unknown = run_cli("correct", "wrong", "e-nothing", "--why", "x", "--db", demo_db)
    assert unknown.returncode == 2 and "no event or entity" in unknown.stderr
    assert json.loads(run_cli("corrections", "--json", "--db", demo_db).stdout) == []


def test_correct_help_has_examples() -> None:
    for command in (["correct"], ["correct", "set"], ["correct", "wrong"], ["correct", "split"], ["corrections"]):
        done = run_cli(*command, "--help")
        assert done.returncode == 0
        assert "Example" in done.stdout and "--why" in done.stdout or command == ["corrections"]
