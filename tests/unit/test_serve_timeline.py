"""The timeline and entity views over a hand-built dossier."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from tradetalks.errors import TradeTalksError
from tradetalks.serve.index import DossierIndex, fold_name, is_dated
from tradetalks.serve.timeline import entity_from_index, print_entity, print_timeline, timeline_from_index


@pytest.fixture
def index(sample_dossier: Any) -> DossierIndex:
    return DossierIndex(sample_dossier)


def test_timeline_dated_events_in_order_each_once(index: DossierIndex) -> None:
    tl = timeline_from_index(index)
    ids = [e["id"] for e in tl["events"]]
    assert ids == ["ev-tariff20", "ev-round5", "ev-tan-switzer"]
    assert len(set(ids)) == len(ids)
    assert [e["id"] for e in tl["undated"]] == ["ev-joint"]


def test_timeline_event_carries_titles_sources_and_conflicts(index: DossierIndex) -> None:
    tl = timeline_from_index(index)
    meeting = next(e for e in tl["events"] if e["id"] == "ev-tan-switzer")
    assert meeting["time_of_day"] == "morning" and meeting["time_of_day_label"] == "sáng"
    titles = {p["name"]: p["title"] for p in meeting["participants"]}
    assert titles == {"Nguyễn Sinh Nhật Tân": "Thứ trưởng", "Bryan R. Switzer": "Phó Đại diện Thương mại Hoa Kỳ"}
    assert meeting["source_count"] == 1
    assert meeting["sources"][0]["outlet"] == "Báo Ví Dụ"
    assert meeting["sources"][0]["quote"].startswith("Sáng 12/11")
    round5 = next(e for e in tl["events"] if e["id"] == "ev-round5")
    assert round5["conflicts"][0]["field"] == "end"


def test_timeline_default_hides_other_negotiations(index: DossierIndex) -> None:
    assert "ev-eu" not in [e["id"] for e in timeline_from_index(index)["events"]]
    assert "ev-eu" in [e["id"] for e in timeline_from_index(index, all_negotiations=True)["events"]]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"date_from": "2025-11-13"}, ["ev-round5"]),
        ({"date_to": "2025-10"}, ["ev-tariff20"]),
        ({"date_from": "2025-11-12", "date_to": "2025-11-12"}, ["ev-round5", "ev-tan-switzer"]),
        ({"type_": "meeting"}, ["ev-tan-switzer"]),
        ({"topic": "rules_of_origin"}, ["ev-round5"]),
        ({"person": "rick switzer"}, ["ev-tan-switzer"]),
        ({"person": "nguyen sinh nhat tan"}, ["ev-tan-switzer"]),
    ],
)
def test_timeline_filters(index: DossierIndex, kwargs: dict[str, Any], expected: list[str]) -> None:
    assert [e["id"] for e in timeline_from_index(index, **kwargs)["events"]] == expected


def test_timeline_date_filter_drops_undated(index: DossierIndex) -> None:
    assert timeline_from_index(index, date_from="2025-01-01")["undated"] == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"date_from": "12/11/2025"}, "--from"), ({"date_to": "2025-1"}, "--to"), ({"type_": "party"}, "--type")],
)
def test_timeline_bad_filters_name_the_option(index: DossierIndex, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TradeTalksError, match=message):
        timeline_from_index(index, **kwargs)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Nguyễn Sinh Nhật Tân", "Nguyễn Sinh Nhật Tân"),
        ("nguyen sinh nhat tan", "Nguyễn Sinh Nhật Tân"),
        ("NHẬT TÂN", "Nguyễn Sinh Nhật Tân"),
        ("Rick Switzer", "Bryan R. Switzer"),
        ("switzer", "Bryan R. Switzer"),
        ("Bryan Switzr", "Bryan R. Switzer"),
        ("MOIT", "Bộ Công Thương"),
        ("bo cong thuong", "Bộ Công Thương"),
        ("p-greer", "Jamieson Greer"),
    ],
)
def test_find_entity_accent_insensitive_aliases_near_misses(index: DossierIndex, query: str, name: str) -> None:
    found = entity_from_index(index, query)
    assert found is not None and found["name"] == name


@pytest.mark.parametrize("query", ["Lê Văn Không Có", "zzzz", "", "'; DROP TABLE x; --"])
def test_find_entity_unknown_is_none(index: DossierIndex, query: str) -> None:
    assert entity_from_index(index, query) is None


def test_entity_view_has_titles_over_time_and_events(index: DossierIndex) -> None:
    found = entity_from_index(index, "Nguyễn Hồng Diên")
    assert found is not None
    assert [r["title"] for r in found["roles"]] == ["Bộ trưởng", "Trưởng đoàn đàm phán"]
    assert found["roles"][0]["organization"] == "Bộ Công Thương"
    assert found["roles"][0]["sources"][0]["quote"] == "Bộ trưởng Bộ Công Thương"
    tan = entity_from_index(index, "Nhật Tân")
    assert tan is not None and [e["id"] for e in tan["events"]] == ["ev-tan-switzer"]


def test_print_timeline_and_entity(index: DossierIndex) -> None:
    console = Console(record=True, width=160)
    print_timeline(timeline_from_index(index), console)
    found = entity_from_index(index, "switzer")
    assert found is not None
    print_entity(found, console)
    text = console.export_text()
    assert "→ 2025-11-14" in text and "Báo Ví Dụ" in text and "Phó Đại diện Thương mại" in text


@pytest.mark.parametrize(
    ("value", "dated"), [("2025-11-12", True), ("2025-11", True), ("XXXX-02-04", False), (None, False), ("", False)]
)
def test_is_dated(value: str | None, dated: bool) -> None:
    assert is_dated(value) is dated


@pytest.mark.parametrize(
    ("text", "key"),
    [("Nguyễn Sinh Nhật Tân", "nguyen sinh nhat tan"), ("Bryan R. Switzer", "bryan r switzer"), ("Đà Nẵng", "da nang")],
)
def test_fold_name(text: str, key: str) -> None:
    assert fold_name(text) == key


def keyless_events() -> list[Any]:
    """Events without a negotiation key, each named after what rule talks_related does with it."""
    from tradetalks.model import Event, Evidence, Participant

    quote = Evidence("x", 0, 4, "ngày")
    tan, switzer, org = Participant("p-tan", "VN"), Participant("p-switzer", "US"), Participant("o-moit", "VN")
    third = Participant("p-third", "other")
    return [
        Event("meeting", [quote], start="2025-12-01", participants=[tan, switzer], id="ev-in-pair"),
        Event("call", [quote], start="2025-12-02", participants=[tan], topics=["tariffs"], id="ev-in-topic"),
        Event("meeting", [quote], start="2025-12-03", participants=[tan], topics=["investment"], id="ev-out-topic"),
        Event("meeting", [quote], start="2025-12-04", participants=[tan, third], topics=["tariffs"], id="ev-out-third"),
        Event("meeting", [quote], start="2025-12-05", participants=[org], topics=["tariffs"], id="ev-out-nobody"),
        Event("meeting", [quote], start="2025-12-06", id="ev-out-empty"),
    ]


def test_rule_talks_related_narrows_keyless_events_of_the_talks(sample_dossier: Any) -> None:
    """Rule in_talks with rule talks_related: a keyless event with one of the talks' people belongs to them only
    when it names a Vietnam–US pair, or reports a topic of the talks without a third side."""
    sample_dossier.events += keyless_events()
    index = DossierIndex(sample_dossier)
    ids = {e["id"] for e in timeline_from_index(index)["events"]}
    assert {"ev-in-pair", "ev-in-topic"} <= ids
    assert not {"ev-out-topic", "ev-out-third", "ev-out-nobody", "ev-out-empty"} & ids
    everything = {e["id"] for e in timeline_from_index(index, all_negotiations=True)["events"]}
    assert {e.id for e in keyless_events()} <= everything


def test_role_at_prefers_a_current_title_over_a_past_one() -> None:
    from tradetalks.model import Dossier, Entity, Role

    person = Entity("p1", "person", "Peter Hall", roles=[
        Role("Đại sứ", None, None, None, former=True),
        Role("Chủ tịch", None, "2026-03-03", "2026-03-03"),
    ])
    index = DossierIndex(Dossier(entities=[person]))
    assert index.role_at(person, None).title == "Chủ tịch"
    assert index.role_at(person, "2026-03-03").title == "Chủ tịch"
    only_past = Entity("p2", "person", "Ann Lee", roles=[Role("Đại sứ", None, None, None, former=True)])
    assert index.role_at(only_past, None).title == "Đại sứ"


def test_talks_scope_file_is_checked() -> None:
    from tradetalks.talks_scope import TalksScopeError, parse_scopes, talks_scope

    assert ("VN", "US") in talks_scope("vn-us-reciprocal").pairs and "tariffs" in talks_scope("vn-us-reciprocal").topics
    assert talks_scope("no-such-talks").takes({"VN", "US"}, {"tariffs"}) is False
    for bad, why in [
        ("k\tpair\tVN+XX\n", "two different sides"),
        ("k\ttopic\ttarifs\n", "not a topic"),
        ("k\tside\tVN\n", "kind must be"),
        ("k\tpair\n", "expected negotiation"),
    ]:
        with pytest.raises(TalksScopeError, match=why) as caught:
            parse_scopes(bad, "scope.tsv")
        assert "scope.tsv line 1" in str(caught.value)
