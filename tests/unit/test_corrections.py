"""Corrections that stick: each kind applied after the rules, again after a rebuild, again after the rules
change (new event and entity ids, re-extracted spans), and an orphaned one reported, never dropped."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import talks_corpus

from tradetalks.model import Correction, Doc, Dossier, Evidence
from tradetalks.resolve import build_dossier
from tradetalks.resolve.anchors import event_anchor, find_entity, find_event
from tradetalks.resolve.correction_values import CorrectionError, check_value, new_correction
from tradetalks.resolve.corrections import apply_corrections


def _base() -> Dossier:
    return build_dossier(talks_corpus())


def _event(d: Dossier, type_: str, article: str, **attrs: Any) -> Any:
    for ev in d.events:
        if ev.type == type_ and article in {e.article for e in ev.evidence}:
            if all(getattr(ev, k) == v for k, v in attrs.items()):
                return ev
    raise AssertionError(f"no {type_} from {article}")


def _person(d: Dossier, name: str) -> Any:
    return next(e for e in d.entities if e.name == name)


def _reextracted(docs: list[Doc]) -> list[Doc]:
    """What new extraction rules might give: every event's quoted span starts up to 4 characters earlier
    (so every event id changes), the same words inside it."""
    out = copy.deepcopy(docs)
    for doc in out:
        for ev in doc.events:
            ev.evidence = [
                Evidence(e.article, max(0, e.start - 4), e.end, doc.text[max(0, e.start - 4) : e.end])
                for e in ev.evidence
            ]
    return out


def _renamed(d: Dossier) -> Dossier:
    """The same dossier with every event and entity id changed (as a change of naming rules would)."""
    d = copy.deepcopy(d)
    names = {e.id: "x" + e.id for e in d.entities}
    for e in d.entities:
        e.id = names[e.id]
        for r in e.roles:
            r.organization = names.get(r.organization or "", r.organization)
    for ev in d.events:
        ev.id = "x" + (ev.id or "")
        for p in ev.participants:
            p.entity = names.get(p.entity, p.entity)
    return d


def _three_ways(corrections: list[Correction]) -> list[Dossier]:
    """The corrections applied to: the dossier rebuilt, rebuilt after new extraction rules, and with new ids."""
    for n, c in enumerate(corrections, 1):
        c.id = n
    return [
        build_dossier(talks_corpus(), corrections=corrections),
        build_dossier(_reextracted(talks_corpus()), corrections=corrections),
        apply_corrections(_renamed(_base()), corrections),
    ]


def test_reextracted_rules_change_every_event_id() -> None:
    assert not {e.id for e in _base().events} & {e.id for e in build_dossier(_reextracted(talks_corpus())).events}


def test_set_event_value_survives_rebuilds_and_rule_changes() -> None:
    d = _base()
    call = _event(d, "call", "c-october-call")
    c = new_correction(
        d, "set_value", "event", call.id, attribute="start", value="2025-10-14", why="the release", by="an"
    )
    for after in _three_ways([c]):
        (done,) = after.corrections
        assert done.status == "applied", done.note
        assert _event(after, "call", "c-october-call").start == "2025-10-14"
        assert done.applied_to == [_event(after, "call", "c-october-call").id]


def test_mark_event_wrong_removes_it_every_time() -> None:
    d = _base()
    planned = _event(d, "ministerial_session", "b-round-five", status="planned")
    c = new_correction(d, "mark_wrong", "event", planned.id, why="not a meeting", by="an")
    for after in _three_ways([c]):
        assert after.corrections[0].status == "applied"
        assert not [e for e in after.events if e.status == "planned" and e.type == "ministerial_session"]
        assert len(after.events) == len(d.events) - 1


def test_mark_event_value_wrong_empties_it() -> None:
    d = _base()
    meeting = _event(d, "meeting", "a-washington")
    assert meeting.location == "Washington"
    c = new_correction(d, "mark_wrong", "event", meeting.id, attribute="location", why="held in Hà Nội", by="an")
    assert c.value == "Washington"
    for after in _three_ways([c]):
        assert _event(after, "meeting", "a-washington").location is None
        assert "Washington" in after.corrections[0].note


def test_mark_participant_wrong_drops_only_that_person() -> None:
    d = _base()
    meeting = _event(d, "meeting", "a-washington")
    switzer = _person(d, "Bryan R. Switzer")
    c = new_correction(
        d, "mark_wrong", "event", meeting.id, attribute="participant", value=switzer.id, why="x", by="an"
    )
    for after in _three_ways([c]):
        names = {e.id: e.name for e in after.entities}
        kept = [names[p.entity] for p in _event(after, "meeting", "a-washington").participants]
        assert kept == ["Nguyễn Sinh Nhật Tân"]


def test_split_event_moves_the_chosen_articles_to_a_new_event() -> None:
    d = _base()
    rnd = _event(d, "negotiation_round", "b-round-five")
    c = new_correction(d, "split", "event", rnd.id, parts=["b-round-five"], why="a later round", by="an")
    for after in _three_ways([c]):
        rounds = [e for e in after.events if e.type == "negotiation_round" and e.ordinal in (5, None)]
        told = sorted(sorted({x.article for x in e.evidence}) for e in rounds if e.evidence)
        assert ["b-round-five"] in told and ["a-washington", "d-technical-2025"] in told
        assert len(after.events) == len(d.events) + 1
        assert len(after.corrections[0].applied_to) == 2


def test_merge_events_joins_the_reports() -> None:
    d = _base()
    call = _event(d, "call", "c-october-call")
    meeting = _event(d, "meeting", "a-washington")
    c = new_correction(d, "merge", "event", meeting.id, other_id=call.id, why="one contact", by="an")
    for after in _three_ways([c]):
        merged = _event(after, "meeting", "c-october-call")
        assert {"a-washington", "c-october-call", "d-technical-2025"} == {e.article for e in merged.evidence}
        assert not [e for e in after.events if e.type == "call"]


def test_set_entity_value_and_mark_entity_wrong_stick() -> None:
    d = _base()
    switzer = _person(d, "Bryan R. Switzer")
    greer = _person(d, "Jamieson Greer")
    made = [
        new_correction(d, "set_value", "entity", switzer.id, attribute="name", value="Rick Switzer", why="x", by="an"),
        new_correction(d, "mark_wrong", "entity", greer.id, attribute="role", value="Trưởng Đại diện Thương mại",
                       why="title is USTR", by="an"),
        new_correction(d, "mark_wrong", "entity", _person(d, "Nguyễn Hồng Diên").id, attribute="alias",
                       value="Diên", why="too short", by="an"),
    ]  # fmt: skip
    for after in _three_ways(made):
        assert [c.status for c in after.corrections] == ["applied"] * 3
        assert _person(after, "Rick Switzer").aliases == ["Bryan R. Switzer"]
        assert _person(after, "Jamieson Greer").roles == []
        assert _person(after, "Nguyễn Hồng Diên").aliases == []


def test_split_entity_and_merge_entities_stick() -> None:
    d = _base()
    switzer = _person(d, "Bryan R. Switzer")
    damond = _person(d, "Joseph “Joe” Damond")
    bordelon = _person(d, "Rock Bordelon")
    made = [
        new_correction(d, "split", "entity", switzer.id, parts=["Rick Switzer"], why="two people", by="an"),
        new_correction(d, "merge", "entity", damond.id, other_id=bordelon.id, why="same visitor", by="an"),
    ]
    for after in _three_ways(made):
        assert [c.status for c in after.corrections] == ["applied", "applied"]
        rick, bryan = _person(after, "Rick Switzer"), _person(after, "Bryan R. Switzer")
        assert {m.article for m in rick.mentions} == {"a-washington", "d-technical-2025"}
        assert {m.article for m in bryan.mentions} == {"c-october-call"}
        assert rick.roles and bryan.roles  # each keeps the title written next to its own name
        call = _event(after, "call", "c-october-call")
        assert bryan.id in {p.entity for p in call.participants}
        meeting = _event(after, "meeting", "a-washington")
        assert rick.id in {p.entity for p in meeting.participants}
        damond = _person(after, "Joseph “Joe” Damond")
        assert "Rock Bordelon" in damond.aliases
        assert not [e for e in after.entities if e.name == "Rock Bordelon"]


def test_orphaned_correction_is_reported_not_dropped() -> None:
    d = _base()
    call = _event(d, "call", "c-october-call")
    c = new_correction(d, "set_value", "event", call.id, attribute="location", value="Hà Nội", why="x", by="an")
    c.id = 1
    without = [doc for doc in talks_corpus() if doc.article.id != "c-october-call"]
    after = build_dossier(without, corrections=[c])
    (done,) = after.corrections
    assert done.status == "orphaned"
    assert "no event" in done.note
    assert done.applied_to == []


def test_corrections_after_rules_apply_in_the_order_made() -> None:
    d = _base()
    call = _event(d, "call", "c-october-call")
    first = new_correction(d, "set_value", "event", call.id, attribute="start", value="2025-10-01", why="a", by="an")
    second = new_correction(d, "set_value", "event", call.id, attribute="start", value="2025-10-02", why="b", by="an")
    first.id, second.id = 1, 2
    after = build_dossier(talks_corpus(), corrections=[second, first])
    assert _event(after, "call", "c-october-call").start == "2025-10-02"


def test_correction_value_checked() -> None:
    assert check_value("event", "start", "2025-11-12") == "2025-11-12"
    assert check_value("event", "rate", "46%") == pytest.approx(0.46)
    assert check_value("event", "ordinal", "5") == 5
    assert check_value("event", "location", "  ") is None
    for field, bad in [("start", "12/11/2025"), ("status", "over"), ("ordinal", "fifth"), ("rate", "x"),
                       ("type", "party"), ("negotiation", "VN US")]:  # fmt: skip
        with pytest.raises(CorrectionError, match=field):
            check_value("event", field, bad)
    with pytest.raises(CorrectionError, match="cannot be set"):
        check_value("event", "evidence", "x")


def test_new_correction_refuses_what_cannot_be_done() -> None:
    d = _base()
    rnd = _event(d, "negotiation_round", "b-round-five")
    with pytest.raises(CorrectionError, match="reason"):
        new_correction(d, "mark_wrong", "event", rnd.id, why=" ", by="an")
    with pytest.raises(CorrectionError, match="no event"):
        new_correction(d, "mark_wrong", "event", "e-nothing", why="x", by="an")
    with pytest.raises(CorrectionError, match="leave at least one"):
        new_correction(d, "split", "event", rnd.id, parts=["a-washington", "b-round-five", "d-technical-2025"],
                       why="x", by="an")  # fmt: skip
    with pytest.raises(CorrectionError, match="same one"):
        new_correction(d, "merge", "event", rnd.id, other_id=rnd.id, why="x", by="an")


def test_evidence_meets_anchor() -> None:
    d = _base()
    meeting = _event(d, "meeting", "a-washington")
    anchor = event_anchor(meeting)
    assert find_event(d.events, anchor) is meeting
    assert find_event(_renamed(d).events, anchor).id == "x" + meeting.id
    assert find_event(d.events, {"evidence": [{"article": "zz", "start": 0, "end": 5, "quote": "none"}]}) is None
    assert find_entity(d.entities, {"type": "person", "name": "nobody at all", "aliases": [], "mentions": []}) is None


def test_entity_anchor_survives_a_new_name_and_id() -> None:
    d = _base()
    switzer = _person(d, "Bryan R. Switzer")
    c = new_correction(d, "set_value", "entity", switzer.id, attribute="side", value="other", why="x", by="an")
    c.id = 1
    renamed = _renamed(d)
    for entity in renamed.entities:
        if entity.name == "Bryan R. Switzer":  # new rules choose another written form as the name
            entity.name, entity.aliases = "Rick Switzer", ["Bryan R. Switzer"]
    after = apply_corrections(renamed, [c])
    assert after.corrections[0].status == "applied"
    assert _person(after, "Rick Switzer").side == "other"


def test_mark_status_wrong_turns_it_over() -> None:
    d = _base()
    planned = _event(d, "ministerial_session", "b-round-five", status="planned")
    c = new_correction(d, "mark_wrong", "event", planned.id, attribute="status", why="it took place", by="an")
    for after in _three_ways([c]):
        assert _event(after, "ministerial_session", "b-round-five", start=planned.start).status == "held"
