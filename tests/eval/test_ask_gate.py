"""Evaluation gate for ``tradetalks ask`` on real published news: the development questions of tests/eval/dev/ask/
answered over the dossier of ../shared/data/real; the number answered right must reach the floor in
dev/ask/baseline.json (the floor only ever rises)."""

from __future__ import annotations

import json

import pytest
from ask_grade import BASELINE, Verdict, grade, grade_all, load_questions
from conftest import SHARED, require_shared
from gate import cli

REAL = SHARED / "data" / "real"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[Verdict]:
    require_shared()
    if not (REAL / "gold.json").is_file():
        pytest.skip(f"the real-news set is absent ({REAL})")
    db = str(tmp_path_factory.mktemp("ask") / "real.db")
    ingest = cli("ingest", str(REAL / "articles.jsonl"), "--db", db)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    return grade_all(db, REAL)


def test_ask_questions_are_well_formed() -> None:
    rows = load_questions()
    assert len(rows) >= 30
    assert len({r["question"] for r in rows}) == len(rows)


def test_ask_grading_needs_the_lead_and_the_source() -> None:
    row = {"question": "q", "must_contain": ["20%"], "must_not_contain": ["46%"], "gold_key": "k"}
    source = [{"url": "u1"}]
    assert grade(row, {"found": True, "answer": "Mức thuế 20%.", "sources": source}, {"u1"}).right
    assert not grade(row, {"found": True, "answer": "Mức thuế 20%.", "sources": source}, {"u2"}).right
    assert not grade(row, {"found": True, "answer": "Mức thuế 20% (trước đó 46%).", "sources": source}, {"u1"}).right
    assert not grade(row, {"found": True, "answer": "x" * 130 + " 20%", "sources": source}, {"u1"}).right


def test_ask_gate_floor(verdicts: list[Verdict]) -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))["right"]
    right = sum(v.right for v in verdicts)
    failed = "\n".join(f"{v.question}: {v.reason} :: {v.answer[:160]}" for v in verdicts if not v.right)
    assert right >= floor, f"{right} of {len(verdicts)} right, floor {floor}:\n{failed}"
