"""JSON Lines, CSV, GraphML and iCalendar exports of a hand-built dossier, each read back by its own reader."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from icalendar import Calendar

from tradetalks.errors import TradeTalksError
from tradetalks.export import WRITERS, write_dossier
from tradetalks.model import Dossier
from tradetalks.store import open_store


@pytest.fixture
def store_path(tmp_path: Path, sample_dossier: Dossier, sample_articles: list[Any]) -> str:
    path = str(tmp_path / "export.db")
    with open_store(path) as store:
        for article in sample_articles:
            store.add_article(article)
        store.save_dossier(sample_dossier)
    return path


def _export(store_path: str, fmt: str, out: Path) -> int:
    with open_store(store_path) as store:
        return write_dossier(store, fmt, out)


def test_writers_cover_every_format() -> None:
    assert {"json", "jsonl", "csv", "graphml", "ics"} <= set(WRITERS)


def test_jsonl_one_record_per_line_with_kind(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "d.jsonl"
    assert _export(store_path, "jsonl", out) == 5
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    kinds = [r["kind"] for r in records]
    assert kinds.count("article") == 3 and kinds.count("entity") == 7 and kinds.count("event") == 5
    assert kinds.count("timex") == 1
    event = next(r for r in records if r["kind"] == "event" and r["id"] == "ev-round5")
    assert event["ordinal"] == 5 and event["evidence"][0]["quote"].startswith("vòng đàm phán thứ năm")


def test_json_matches_spec_shape(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    _export(store_path, "json", out)
    data = json.loads(out.read_text("utf-8"))
    assert set(data) >= {"articles", "entities", "events", "timexes"}


def test_csv_one_row_per_event(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    _export(store_path, "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5
    assert {"id", "type", "start", "end", "ordinal", "location", "participants", "topics", "status", "sources"} <= set(
        rows[0]
    )
    meeting = next(r for r in rows if r["id"] == "ev-tan-switzer")
    assert meeting["participants"] == "Nguyễn Sinh Nhật Tân (VN) | Bryan R. Switzer (US)"
    assert meeting["sources"] == "https://vi.example.org/vong-5"
    hostile = next(r for r in rows if r["id"] == "ev-eu")
    assert "<script>" in hostile["summary"], "CSV keeps the text as it is; escaping is the reader's job"


def test_graphml_loads_back_with_networkx(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "d.graphml"
    _export(store_path, "graphml", out)
    graph = nx.read_graphml(out)
    assert graph.nodes["p-tan"]["label"] == "Nguyễn Sinh Nhật Tân"
    assert graph.nodes["event:ev-round5"]["ordinal"] == 5
    assert graph.has_edge("p-tan", "event:ev-tan-switzer")
    assert graph.has_edge("p-dien", "o-moit")
    assert graph.has_edge("event:ev-round5", "l-washington")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"entity", "event"}


def test_ics_one_vevent_per_dated_event(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "d.ics"
    _export(store_path, "ics", out)
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{i}@tradetalks" for i in ("ev-round5", "ev-tan-switzer", "ev-tariff20", "ev-eu")}
    round5 = events["ev-round5@tradetalks"]
    assert round5.decoded("dtstart").isoformat() == "2025-11-12"
    assert round5.decoded("dtend").isoformat() == "2025-11-15"
    assert round5["dtstart"].params.get("VALUE") == "DATE"
    description = str(round5["description"])
    assert "Báo Ví Dụ" in description and "https://vi.example.org/vong-5" in description
    assert "vòng đàm phán thứ năm" in description


def test_empty_store_exports_empty_files(tmp_path: Path) -> None:
    path = str(tmp_path / "empty.db")
    for fmt in WRITERS:
        out = tmp_path / f"empty.{fmt}"
        assert _export(path, fmt, out) == 0
        assert out.exists()


@pytest.mark.parametrize(
    ("fmt", "where", "message"),
    [("xml", "ok.xml", "unknown export format"), ("csv", "missing-dir/sub/x.csv", "cannot write")],
)
def test_bad_export_names_the_problem(store_path: str, tmp_path: Path, fmt: str, where: str, message: str) -> None:
    with pytest.raises(TradeTalksError, match=message):
        _export(store_path, fmt, tmp_path / where)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_formula_cells_read_back_as_text(tmp_path: Path, sample_dossier: Dossier, start: str) -> None:
    """Rule spreadsheet_text: a cell starting like a formula is written with a leading quote."""
    import dataclasses

    from tradetalks.export.csv import write_csv

    formula = f'{start}HYPERLINK("http://evil.example/","bấm vào")'
    events = [
        dataclasses.replace(e, summary_en=formula, location=f"{start}1+1") if e.id == "ev-round5" else e
        for e in sample_dossier.events
    ]
    out = tmp_path / "formula.csv"
    write_csv(dataclasses.replace(sample_dossier, events=events), out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["ev-round5"]["summary_en"] == "'" + formula
    assert rows["ev-round5"]["location"] == f"'{start}1+1"
    assert rows["ev-tan-switzer"]["summary_en"].startswith("Deputy Minister"), "ordinary text is left alone"
    assert rows["ev-tariff20"]["rate"] == "0.2", "numbers are left alone"
