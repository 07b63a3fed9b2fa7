"""The events stage on the five seed articles (read from ../shared at run time): gold events and golden files."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tradetalks.ingest.text import parse_text
from tradetalks.model import Doc, Event
from tradetalks.pipeline import default_pipeline

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
GOLDEN = REPO / "tests" / "golden" / "events"
#: Set to rewrite the golden files on purpose after a deliberate change of the rules.
REWRITE = os.environ.get("TRADETALKS_REWRITE_GOLDEN") == "1"
#: Events F1 each seed article must reach on its own (years left to cross-article resolution).
F1_FLOOR = 0.85


def seed_docs() -> dict[str, Doc]:
    """Every seed article through the whole default pipeline (skips when ../shared is absent)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    pipe = default_pipeline()
    docs = {}
    for p in sorted(seeds.glob("*.txt")):
        article = parse_text(p.read_text(encoding="utf-8"), p.name)
        article.id = p.stem
        docs[p.name] = pipe(article)
    return docs


def scorer() -> tuple[ModuleType, Any]:
    """The shared scorer module and the gold file."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads((SHARED / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    return score, gold


def record(doc: Doc, ev: Event) -> dict[str, Any]:
    """An event as stored in a golden file."""
    return {
        "type": ev.type, "negotiation": ev.negotiation, "ordinal": ev.ordinal, "level": ev.level, "mode": ev.mode,
        "start": ev.start, "end": ev.end, "time_of_day": ev.time_of_day, "location": ev.location,
        "status": ev.status, "participants": [p.name for p in ev.participants], "topics": ev.topics,
        "rate": ev.rate, "summary": ev.summary, "summary_en": ev.summary_en,
        "evidence": [[e.start, e.end] for e in ev.evidence], "timex": ev.timex,
    }


def matched(
    score: ModuleType, gold_events: list[dict[str, Any]], sys_events: list[dict[str, Any]]
) -> tuple[int, int, int]:
    """(required gold events found, system events that count, required gold events) as the scorer counts them."""
    cands = []
    for gi, g in enumerate(gold_events):
        for si, s in enumerate(sys_events):
            sc = score.compatible(g, s, set(s["people"]))
            if sc is not None:
                cands.append((sc, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    tp = opt = 0
    for _, gi, si in sorted(cands, reverse=True):
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        if gold_events[gi].get("optional"):
            opt += 1
        else:
            tp += 1
    return tp, len(sys_events) - opt, sum(1 for g in gold_events if not g.get("optional"))


def test_events_seeds_reach_the_f1_floor_per_article() -> None:
    docs = seed_docs()
    score, gold = scorer()
    people = score.Names(gold["people"])
    for art in gold["articles"]:
        doc = docs[art["file"]]
        sys_events = []
        for ev in doc.events:
            names = {people.lookup(p.name or "") for p in ev.participants} - {None}
            sys_events.append({"type": ev.type, "ordinal": ev.ordinal, "start": ev.start, "people": names})
        tp, n_sys, n_gold = matched(score, art["events"], sys_events)
        _, _, f1 = score.prf(tp, n_sys, n_gold)
        assert f1 >= F1_FLOOR, (art["file"], tp, n_sys, n_gold, [e.summary for e in doc.events])


def test_events_seeds_evidence_quotes_the_text() -> None:
    for doc in seed_docs().values():
        for ev in doc.events:
            assert ev.evidence, ev.summary
            for e in ev.evidence:
                assert e.quote == doc.text[e.start : e.end] and e.article == doc.article.id
                assert "(Ảnh" not in e.quote  # captions are not evidence
            for p in ev.participants:
                assert p.entity.startswith("m") and doc.mentions[int(p.entity[1:])].type in ("person", "organization")


def test_events_seeds_match_golden_files() -> None:
    for name, doc in seed_docs().items():
        path = GOLDEN / (Path(name).stem + ".json")
        got = [record(doc, ev) for ev in doc.events]
        if REWRITE or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            continue
        want = json.loads(path.read_text(encoding="utf-8"))
        assert got == want, name
