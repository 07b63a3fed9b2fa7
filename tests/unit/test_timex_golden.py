"""The time expressions of the seed articles: golden files and the gold facts.

Golden files live in tests/golden/timex/<seed>.json; rewrite them on purpose with
``TRADETALKS_REGOLD=1 pytest tests/unit/test_timex_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, SEEDS, require_shared

from tradetalks.extract.timex import complete_year, extract_timexes
from tradetalks.ingest.text import parse_text
from tradetalks.model import Doc
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "timex"
FIELDS = ("text", "value", "resolved_by", "time_of_day", "kind")


def _seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def _run(path: Path) -> Doc:
    article = parse_text(path.read_text(encoding="utf-8"), str(path))
    return Pipeline([add_matching_views, split_sentences, extract_timexes])(article)


def _records(doc: Doc) -> list[dict[str, Any]]:
    return [{name: getattr(t, name) for name in FIELDS} for t in doc.timexes]


def _gold_articles() -> dict[str, dict[str, Any]]:
    return {a["file"]: a for a in json.loads(GOLD.read_text(encoding="utf-8"))["articles"]}


@pytest.mark.shared
@pytest.mark.parametrize("name", [p.name for p in _seeds()] or ["(no seeds)"])
def test_timex_golden_seed(name: str) -> None:
    shared = require_shared()
    doc = _run(shared / "seeds" / name)
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    golden = GOLDEN / f"{Path(name).stem}.json"
    records = _records(doc)
    if os.environ.get("TRADETALKS_REGOLD"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert records == json.loads(golden.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return " ".join(text.replace("–", "-").replace("—", "-").lower().split())


@pytest.mark.shared
@pytest.mark.parametrize("name", [p.name for p in _seeds()] or ["(no seeds)"])
def test_timex_gold_facts(name: str) -> None:
    shared = require_shared()
    gold = _gold_articles().get(name)
    if gold is None:
        pytest.skip(f"{name} has no gold facts")
    found = _run(shared / "seeds" / name).timexes
    for bad in gold.get("not_timexes", []):
        assert not [t.text for t in found if _norm(bad) in _norm(t.text)], f"{bad!r} taken for a date"
    for want in gold.get("timexes", []):
        hits = [t for t in found if _norm(want["text"]) in _norm(t.text) or _norm(t.text) in _norm(want["text"])]
        assert hits, f"{want['text']!r} not found"
        settled = [t for t in hits if "XXXX" not in t.value]
        # a year the article settles must be right; one it leaves open stays unresolved, never guessed
        assert all(t.value == want["value"] for t in settled) or not settled, (want, settled)
        for t in hits:
            if "XXXX" in t.value:
                assert complete_year(t.value, int(want["value"][:4])) == want["value"], (want, t)
