"""The names stage on the five seed articles (read from ../shared at run time): gold people/orgs and golden files."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tradetalks.ingest.text import parse_text
from tradetalks.model import Doc, Mention
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
GOLDEN = REPO / "tests" / "golden" / "names"
PIPE = Pipeline([add_matching_views, split_sentences, extract_names])
#: Set to rewrite the golden files on purpose after a deliberate change of the rules.
REWRITE = os.environ.get("TRADETALKS_REWRITE_GOLDEN") == "1"


def seed_docs() -> dict[str, Doc]:
    """Every seed article through the stages up to names (skips when ../shared is absent)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    return {p.name: PIPE(parse_text(p.read_text(encoding="utf-8"), p.name)) for p in sorted(seeds.glob("*.txt"))}


def gold_names() -> Any:
    """The scorer's name matcher and the gold file."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads((SHARED / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    return score, gold


def record(m: Mention) -> dict[str, Any]:
    """A mention as stored in a golden file (offsets and values; the text is read from the seed)."""
    out: dict[str, Any] = {"start": m.start, "end": m.end, "type": m.type, "key": m.key, "canonical": m.canonical,
                           "side": m.side, "acronym": m.acronym, "ref": m.ref}
    if m.role is not None:
        out["role"] = {"start": m.role.start, "end": m.role.end, "title": m.role.title, "title_en": m.role.title_en,
                       "organization": m.role.organization, "country": m.role.country,
                       "acting": m.role.acting, "former": m.role.former}
    return out


def test_names_seeds_match_golden_files() -> None:
    for name, doc in seed_docs().items():
        path = GOLDEN / (Path(name).stem + ".json")
        got = [record(m) for m in doc.mentions]
        if REWRITE or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        assert got == json.loads(path.read_text(encoding="utf-8")), name


def test_names_seeds_offsets_quote_the_text() -> None:
    for doc in seed_docs().values():
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text
            if m.role is not None:
                assert doc.text[m.role.start:m.role.end] == m.role.text
            if m.ref is not None:
                assert doc.mentions[m.ref].type == "person" and doc.mentions[m.ref].ref is None


def test_names_seeds_reach_gold_floors() -> None:
    docs = seed_docs()
    score, gold = gold_names()
    people, orgs = score.Names(gold["people"]), score.Names(gold["organizations"])
    counts = {"people": [0, 0, 0], "orgs": [0, 0, 0]}
    for art in gold["articles"]:
        doc = docs[art["file"]]
        found_people = {people.lookup((doc.mentions[m.ref] if m.ref is not None else m).text) or "?" + m.text
                        for m in doc.mentions if m.type == "person"}
        found_orgs = {c for m in doc.mentions if m.type == "organization"
                      if (c := orgs.lookup(m.text, m.canonical or ""))}
        for kind, found, want in (("people", found_people, set(art["people"])),
                                  ("orgs", found_orgs, set(art["organizations"]))):
            counts[kind][0] += len(found & want)
            counts[kind][1] += len(found)
            counts[kind][2] += len(want)
    for kind, floor in (("people", 0.95), ("orgs", 0.80)):
        tp, n_sys, n_gold = counts[kind]
        precision, recall = tp / n_sys, tp / n_gold
        assert 2 * precision * recall / (precision + recall) >= floor, (kind, counts[kind])


def test_names_seed_people_have_roles_and_sides() -> None:
    docs = seed_docs()
    doc = docs["004_1aa3b55e51c94962.txt"]
    roles: dict[str, Any] = {}
    for m in doc.mentions:
        if m.type == "person" and m.role is not None:
            roles.setdefault(m.text, m.role)  # the first mention, with the fullest title
    hung = roles["Lê Mạnh Hùng"]
    assert hung is not None and hung.acting and hung.title == "Bộ trưởng"
    senator = roles["Bill Hagerty"]
    assert senator is not None and senator.title == "Thượng nghị sĩ" and senator.country == "Hoa Kỳ"
    sides = {m.key: m.side for m in docs["003_11ca09a97ff5736f.txt"].mentions if m.type == "person" and m.side}
    assert sides["nguyen sinh nhat tan"] == "VN" and sides["rick switzer"] == "US"
