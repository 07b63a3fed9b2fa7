"""The JSON dossier: the specification's shape, quotes equal to the text at their offsets, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import talks_corpus

from tradetalks.errors import TradeTalksError
from tradetalks.export import write_dossier
from tradetalks.export.json import write_json
from tradetalks.resolve import build_dossier

SPEC_KEYS = {
    "articles": {"id", "source", "url", "outlet", "title", "published", "story", "duplicate_of"},
    "entities": {"id", "type", "name", "name_en", "aliases", "roles", "mentions"},
    "events": {
        "id", "type", "negotiation", "ordinal", "level", "mode", "start", "end", "time_of_day", "location",
        "status", "participants", "topics", "rate", "summary", "summary_en", "evidence", "conflicts",
    },
    "timexes": {"article", "start", "end", "text", "value", "resolved_by"},
}  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("json") / "dossier.json"
    write_json(build_dossier(talks_corpus()), path)
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("section", sorted(SPEC_KEYS))
def test_export_json_spec_fields(exported: dict, section: str) -> None:
    assert exported[section]
    for record in exported[section]:
        assert SPEC_KEYS[section] <= set(record)


def test_export_json_quotes_match_offsets(exported: dict) -> None:
    texts = {d.article.id: d.text for d in talks_corpus()}
    for ev in exported["events"]:
        for e in ev["evidence"]:
            assert texts[e["article"]][e["start"] : e["end"]] == e["quote"]
    for ent in exported["entities"]:
        for m in ent["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
        for role in ent["roles"]:
            assert {"title", "organization", "first_seen", "last_seen", "evidence"} <= set(role)
    for t in exported["timexes"]:
        assert texts[t["article"]][t["start"] : t["end"]] == t["text"]


def test_export_json_references_resolve(exported: dict) -> None:
    ids = {e["id"] for e in exported["entities"]}
    articles = {a["id"] for a in exported["articles"]}
    for ev in exported["events"]:
        assert {p["entity"] for p in ev["participants"]} <= ids
        assert {e["article"] for e in ev["evidence"]} <= articles
    for a in exported["articles"]:
        assert a["duplicate_of"] is None or a["duplicate_of"] in articles


def test_export_json_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TradeTalksError, match="cannot write"):
        write_json(build_dossier([]), tmp_path / "missing" / "dossier.json")


def test_export_json_unknown_format_names_choices(tmp_path: Path) -> None:
    from tradetalks.store import open_store

    with open_store(str(tmp_path / "t.db")) as store:
        with pytest.raises(TradeTalksError, match="unknown export format 'pdf'.*json"):
            write_dossier(store, "pdf", tmp_path / "x.pdf")
