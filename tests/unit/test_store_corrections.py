"""Corrections stored as data in both backends: kept, listed, removed, the dossier stale after each, applied
by every rebuild (also after re-extraction) and exported with their status."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from conftest import talks_corpus

from tradetalks.export.json import dossier_to_json
from tradetalks.resolve import rebuild_dossier
from tradetalks.resolve.correction_values import new_correction
from tradetalks.store import sqlite as sqlite_store


def _fill(store: Any) -> None:
    for doc in talks_corpus():
        store.add_article(doc.article, doc)
    rebuild_dossier(store)


def _call(store: Any) -> Any:
    dossier = store.load_dossier()
    return next(e for e in dossier.events if e.type == "call")


def test_store_keeps_lists_and_removes_corrections(store: Any, tmp_path: Path) -> None:
    _fill(store)
    assert store.dossier_is_current()
    dossier = store.load_dossier()
    c = new_correction(dossier, "set_value", "event", _call(store).id, attribute="start", value="2025-10-14",
                       why="the ministry's release — ngày 14/10", by="Lan")  # fmt: skip
    number = store.add_correction(c)
    assert number == c.id and number > 0
    assert not store.dossier_is_current()  # a correction makes the dossier stale, so it is rebuilt
    (back,) = store.corrections()
    assert (back.kind, back.target, back.attribute, back.value, back.by) == ("set_value", "event", "start",
                                                                            "2025-10-14", "Lan")  # fmt: skip
    assert back.why == "the ministry's release — ngày 14/10"
    assert back.anchor == c.anchor
    rebuilt = rebuild_dossier(store)
    assert _call(store).start == "2025-10-14"
    exported = dossier_to_json(rebuilt)["corrections"]
    assert [(x["id"], x["status"], x["by"]) for x in exported] == [(number, "applied", "Lan")]
    json.dumps(exported)
    from tradetalks.export.jsonl import write_jsonl

    lines = tmp_path / "d.jsonl"
    write_jsonl(rebuilt, lines)
    records = [json.loads(line) for line in lines.read_text("utf-8").splitlines()]
    (line,) = [r for r in records if r["kind"] == "correction"]
    assert (line["correction"], line["status"], line["by"]) == ("set_value", "applied", "Lan")
    assert store.remove_correction(number)
    assert not store.remove_correction(number)
    assert store.corrections() == []
    rebuild_dossier(store)
    assert _call(store).start != "2025-10-14"


def test_store_correction_survives_reextraction(store: Any) -> None:
    _fill(store)
    dossier = store.load_dossier()
    rnd = next(e for e in dossier.events if e.ordinal == 5)
    store.add_correction(new_correction(dossier, "split", "event", rnd.id, parts=["b-round-five"], why="x", by="an"))
    before = {e.id for e in rebuild_dossier(store).events}
    for doc in talks_corpus():  # the rules changed: every event's span starts two characters earlier (or later)
        for ev in doc.events:
            for e in ev.evidence:
                e.start = e.start - 2 if e.start >= 2 else e.start + 1
                e.quote = doc.text[e.start : e.end]
        store.save_doc(doc)
    after = rebuild_dossier(store)
    assert not before & {e.id for e in after.events}
    (done,) = after.corrections
    assert done.status == "applied"
    assert len(after.events) == len(dossier.events) + 1


def test_store_sqlite_migration_4_adds_corrections(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert sqlite_store.migrate(conn, upto=3) == 3
    conn.close()
    with sqlite_store.SQLiteStore(str(path)) as s:
        assert s.schema_version == len(sqlite_store.MIGRATIONS)
        assert s.corrections() == []
