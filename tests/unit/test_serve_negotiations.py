"""The state of play of a negotiation and the SVG pictures, on the hand-built dossier, the seeds and the
real-news set (the last two skip when ../shared is absent)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from conftest import SHARED

from tradetalks.model import VN_US_RECIPROCAL, Dossier, Participant
from tradetalks.serve.charts import negotiation_charts, recent_window
from tradetalks.serve.index import DossierIndex, is_dated
from tradetalks.serve.negotiations import (
    SITTINGS,
    UnknownNegotiation,
    negotiation_events,
    negotiation_list,
    state_of_play,
    tariff_setter,
)
from tradetalks.serve.svg import DateAxis, local_href, svg_text

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_NAME = '<script>alert(1)</script>"><img src=x onerror=alert(2)> \u202eevil\u202c'


def _dossier_of(paths: list[Path], tmp: Path) -> Dossier:
    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.store import open_store

    with open_store(str(tmp / "store.db")) as store:
        report = ingest_paths(store, [str(p) for p in paths])
        assert not report.failed
        dossier = store.load_dossier()
    assert dossier is not None
    return dossier


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> DossierIndex:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    return DossierIndex(_dossier_of([SHARED / "seeds"], tmp_path_factory.mktemp("seeds")))


@pytest.fixture(scope="module")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> DossierIndex:
    real = SHARED / "data" / "real" / "articles.jsonl"
    if not real.is_file():
        pytest.skip("../shared/data/real is not present beside the repository")
    return DossierIndex(_dossier_of([real, SHARED / "seeds"], tmp_path_factory.mktemp("real")))


def test_state_of_play_of_the_sample_talks(sample_dossier: Dossier) -> None:
    play = state_of_play(DossierIndex(sample_dossier), VN_US_RECIPROCAL, "en")
    assert play["latest"]["id"] == "ev-round5" and play["latest"]["ordinal"] == 5
    assert play["next"] is None  # the planned joint statement has no date
    [us] = play["tariffs"]
    assert us["setter"] == "US" and us["goods_of"] == "VN"
    assert us["in_force"]["id"] == "ev-tariff20" and us["in_force"]["rate"] == 0.2
    assert {t["topic"] for t in play["recent_topics"]} == {"services", "rules_of_origin"}
    assert [m["id"] for m in play["recent_meetings"]][:2] in (
        ["ev-tan-switzer", "ev-round5"],
        ["ev-round5", "ev-tan-switzer"],
    )


def test_next_planned_event_is_the_first_dated_one_after_the_latest_held(sample_dossier: Dossier) -> None:
    dossier = copy.deepcopy(sample_dossier)
    joint = next(e for e in dossier.events if e.id == "ev-joint")
    joint.start = "2025-12-10"
    play = state_of_play(DossierIndex(dossier), VN_US_RECIPROCAL)
    assert play["next"]["id"] == "ev-joint" and play["next"]["status"] == "planned"


def test_tariff_setter_rule_vietnam_only_when_all_sides_are_vietnamese(sample_dossier: Dossier) -> None:
    tariff = copy.deepcopy(next(e for e in sample_dossier.events if e.type == "tariff_action"))
    assert tariff_setter(tariff, VN_US_RECIPROCAL) == "US"
    tariff.participants = [Participant("o-moit", "VN")]
    assert tariff_setter(tariff, VN_US_RECIPROCAL) == "VN"
    tariff.participants = []
    assert tariff_setter(tariff, VN_US_RECIPROCAL) == "US"
    assert tariff_setter(tariff, "vn-efta-fta") == "other"


def test_negotiation_list_and_unknown_key(sample_dossier: Dossier) -> None:
    index = DossierIndex(sample_dossier)
    rows = {r["key"]: r for r in negotiation_list(index)}
    assert rows[VN_US_RECIPROCAL]["events"] == 4 and rows[VN_US_RECIPROCAL]["latest"] == "2025-11-12"
    assert rows["vn-eu-fta"]["events"] == 1
    assert negotiation_events(index, "vn-efta-fta") == []  # named in the resources, no event yet
    with pytest.raises(UnknownNegotiation):
        negotiation_events(index, "no-such-talks")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _check_picture(index: DossierIndex, chart: Any) -> None:
    """Well-formed SVG, no script or handler, every mark a local link that the table lists too."""
    root = _parse(str(chart.svg))
    for element in root.iter():
        assert element.tag != f"{SVG}script"
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert hrefs == chart.links
    table_links = {cell.href for row in chart.rows for cell in row if cell.href}
    for href in hrefs:
        assert href and href.startswith("/")
        kind, _, key = href[1:].partition("/")
        assert (kind == "event" and key in index.event_by_id) or (kind == "entity" and key in index.entity_by_id)
        assert href in table_links, f"{href} is drawn but not in the table"


def test_pictures_of_the_sample_link_to_events_and_people(sample_dossier: Dossier) -> None:
    index = DossierIndex(sample_dossier)
    charts = {
        c.key: c for c in negotiation_charts(index, negotiation_events(index, VN_US_RECIPROCAL), VN_US_RECIPROCAL)
    }
    assert list(charts) == ["timeline", "tariffs", "people", "topics"]
    for chart in charts.values():
        _check_picture(index, chart)
    assert "/event/ev-round5" in charts["timeline"].links and "/event/ev-tan-switzer" in charts["timeline"].links
    assert charts["tariffs"].links == ["/event/ev-tariff20"]
    assert set(charts["people"].links) == {"/entity/p-tan", "/entity/p-switzer"}
    assert charts["topics"].links == ["/event/ev-round5"]
    root = _parse(str(charts["timeline"].svg))
    planned = [c for c in root.iter(f"{SVG}circle") if "planned" in c.get("class", "")]
    assert planned == []  # the only planned event has no date, so it is not drawn


def test_planned_events_are_drawn_hollow(sample_dossier: Dossier) -> None:
    dossier = copy.deepcopy(sample_dossier)
    next(e for e in dossier.events if e.id == "ev-joint").start = "2025-12-10"
    index = DossierIndex(dossier)
    chart = negotiation_charts(index, negotiation_events(index, VN_US_RECIPROCAL), VN_US_RECIPROCAL)[0]
    marks = {a.get("href"): a.find(f"{SVG}circle") for a in _parse(str(chart.svg)).iter(f"{SVG}a")}
    assert "planned" in marks["/event/ev-joint"].get("class", "")
    assert "held" in marks["/event/ev-round5"].get("class", "")


def test_hostile_names_are_inert_in_every_picture(sample_dossier: Dossier) -> None:
    dossier = copy.deepcopy(sample_dossier)
    for entity in dossier.entities:
        if entity.id == "p-switzer":
            entity.name = HOSTILE_NAME
    for event in dossier.events:
        event.summary = event.summary_en = HOSTILE_NAME
    event = next(e for e in dossier.events if e.id == "ev-round5")
    event.participants += [Participant("p-tan", "VN"), Participant("p-switzer", "US")]
    event.topics.append('x"><script>alert(3)</script>')
    index = DossierIndex(dossier)
    for chart in negotiation_charts(index, negotiation_events(index, VN_US_RECIPROCAL), VN_US_RECIPROCAL):
        svg = str(chart.svg)
        _check_picture(index, chart)
        assert "<script" not in svg and "<img" not in svg and "\u202e" not in svg
    people = next(c for c in negotiation_charts(index, index.events, VN_US_RECIPROCAL) if c.key == "people")
    texts = [t.text or "" for t in _parse(str(people.svg)).iter(f"{SVG}text")]
    assert any("<script>alert(1)</script>" in t for t in texts)  # shown as text, not run


def test_svg_text_links_and_axis() -> None:
    assert svg_text("a\u202eb<c>") == "ab&lt;c&gt;"
    assert local_href("javascript:alert(1)") == "#" and local_href("/event/e-1") == "/event/e-1"
    assert local_href("//evil.example/x") == "#"
    axis = DateAxis.over(["2025-01-01", "2025-12-31"], 0, 100)
    assert axis.x("2025-01-01") < axis.x("2025-07-01") < axis.x("2025-12-31")
    assert [t for _, t in axis.ticks()]


def test_seeds_state_of_play_is_the_latest_numbered_round(seeds_index: DossierIndex) -> None:
    play = state_of_play(seeds_index, VN_US_RECIPROCAL)
    latest = play["latest"]
    assert latest is not None and latest["type"] in SITTINGS and latest["status"] == "held"
    sittings = [e for e in negotiation_events(seeds_index, VN_US_RECIPROCAL) if e.type in SITTINGS]
    held = [e for e in sittings if e.status == "held" and is_dated(e.start)]
    assert latest["start"] == max(e.start or "" for e in held)
    same_kind = [e.ordinal or 0 for e in held if e.type == latest["type"]]
    assert latest["ordinal"] == max(same_kind) == 5  # rounds and ministerial sessions are numbered apart
    for chart in negotiation_charts(seeds_index, negotiation_events(seeds_index, VN_US_RECIPROCAL), VN_US_RECIPROCAL):
        _check_picture(seeds_index, chart)


def test_real_set_every_negotiation_has_a_state_and_pictures(real_index: DossierIndex) -> None:
    rows = negotiation_list(real_index)
    assert rows and rows[0]["key"] == VN_US_RECIPROCAL
    for row in rows:
        play = state_of_play(real_index, row["key"])
        assert play["events"] == row["events"]
        events = negotiation_events(real_index, row["key"])
        charts = negotiation_charts(real_index, events, row["key"])
        for chart in charts:
            _check_picture(real_index, chart)
        drawn = {h for c in charts if c.key == "timeline" for h in c.links}
        listed = {h for c in charts if c.key == "timeline" for row_ in c.rows for h in [row_[1].href]}
        assert drawn <= listed
    play = state_of_play(real_index, VN_US_RECIPROCAL)
    for side in play["tariffs"]:
        steps = [s for s in side["history"] if s["status"] == "held"]
        if side["in_force"]:
            assert side["in_force"]["start"][:10] >= max(s["start"] for s in steps)[:7]


def test_timeline_window_keeps_the_latest_two_years(real_index: DossierIndex) -> None:
    events = [e for e in negotiation_events(real_index, VN_US_RECIPROCAL) if is_dated(e.start)]
    shown = recent_window(events)
    assert shown and shown[-1] is events[-1]
    assert len(shown) <= len(events)
