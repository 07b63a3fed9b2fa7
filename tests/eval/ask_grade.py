"""Grading of ``tradetalks ask`` answers against the development questions of tests/eval/dev/ask/: an answer is
right when it is found, leads with the asked value, holds every expected fact, holds none of the facts it must not
give, and cites an article in which the gold event is told. Run as a script to print each question's verdict:
``python tests/eval/ask_grade.py DB`` (a store built from the real-news set)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUESTIONS = Path(__file__).with_name("dev") / "ask" / "questions.jsonl"
BASELINE = Path(__file__).with_name("dev") / "ask" / "baseline.json"
#: The first expected fact must stand within this many characters of the answer's start (it leads the answer).
LEAD_CHARS = 120


@dataclass
class Verdict:
    question: str
    right: bool
    reason: str
    answer: str


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    """The questions, each {question, must_contain, must_not_contain, gold_key}; a bad line is an error."""
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = {"question", "must_contain", "must_not_contain", "gold_key"} - set(row)
        if missing or not row["must_contain"]:
            raise ValueError(f"{path}:{n}: missing {sorted(missing) or ['must_contain facts']}")
        rows.append(row)
    return rows


def gold_articles(real: Path) -> dict[str, set[str]]:
    """Per gold event key: the URLs of the articles that tell it."""
    gold = json.loads((real / "gold.json").read_text("utf-8"))
    out: dict[str, set[str]] = {}
    for article in gold["articles"]:
        for event in article["events"]:
            out.setdefault(event["key"], set()).add(article["url"])
    return out


def _has(text: str, fact: str) -> bool:
    """Whether one of the alternatives of ``fact`` ("19/5|2025-05-19") occurs in ``text``."""
    return any(alt in text for alt in fact.split("|"))


def grade(row: dict[str, Any], answer: dict[str, Any], told_in: set[str]) -> Verdict:
    """The verdict on one answer."""
    text = answer.get("answer") or ""
    if not answer.get("found"):
        return Verdict(row["question"], False, "not found", text)
    missing = [f for f in row["must_contain"] if not _has(text, f)]
    if missing:
        return Verdict(row["question"], False, f"lacks {missing}", text)
    wrong = [f for f in row["must_not_contain"] if _has(text, f)]
    if wrong:
        return Verdict(row["question"], False, f"also gives {wrong}", text)
    if not _has(text[:LEAD_CHARS], row["must_contain"][0]):
        return Verdict(row["question"], False, "asked value buried", text)
    cited = {s.get("url") for s in answer.get("sources", [])}
    if not cited & told_in:
        return Verdict(row["question"], False, "cites no article of the event", text)
    return Verdict(row["question"], True, "", text)


def grade_all(db: str, real: Path) -> list[Verdict]:
    """Every development question answered over the store ``db`` and graded."""
    from tradetalks.serve.ask import answer_question
    from tradetalks.store import open_store

    told = gold_articles(real)
    verdicts = []
    with open_store(db) as store:
        for row in load_questions():
            # "a|b": the fact is told as either gold event (an order and the day it takes effect)
            told_in = set().union(*(told.get(k, set()) for k in row["gold_key"].split("|")))
            verdicts.append(grade(row, answer_question(store, row["question"]), told_in))
    return verdicts


if __name__ == "__main__":
    real = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"
    results = grade_all(sys.argv[1], real)
    for v in results:
        print(("OK  " if v.right else "FAIL") + f" {v.question}\n     {v.reason} :: {v.answer[:220]}")
    print(f"ask right: {sum(v.right for v in results)} of {len(results)}")
