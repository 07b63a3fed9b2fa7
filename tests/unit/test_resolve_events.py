"""One event per real event: merging across articles, completed attributes, conflicts, years settled."""

from __future__ import annotations

import pytest
from conftest import build_doc, talks_corpus

from tradetalks.model import VN_US_RECIPROCAL, Dossier, Event
from tradetalks.resolve import build_dossier

VN_US = {"negotiation": VN_US_RECIPROCAL}


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return build_dossier(talks_corpus())


def _articles(ev: Event) -> set[str]:
    return {e.article for e in ev.evidence}


def _one(dossier: Dossier, type_: str, **attrs: object) -> Event:
    found = [e for e in dossier.events if e.type == type_ and all(getattr(e, k) == v for k, v in attrs.items())]
    assert len(found) == 1, found
    return found[0]


def test_resolve_events_round_told_three_times_is_one(dossier: Dossier) -> None:
    rnd = _one(dossier, "negotiation_round", ordinal=5)
    assert _articles(rnd) == {"a-washington", "b-round-five", "d-technical-2025"}
    assert (rnd.start, rnd.end, rnd.location, rnd.level, rnd.mode) == (
        "2025-11-12",
        "2025-11-14",
        "Washington",
        "technical",
        "in_person",
    )
    assert rnd.sources["ordinal"] == "b-round-five"


def test_resolve_events_rounds_five_and_six_stay_apart(dossier: Dossier) -> None:
    six = _one(dossier, "negotiation_round", ordinal=6)
    assert _articles(six) == {"e-round-six"}


def test_resolve_events_session_completed_from_other_reports(dossier: Dossier) -> None:
    session = _one(dossier, "ministerial_session", ordinal=8)
    assert _articles(session) == {"a-washington", "b-round-five", "d-technical-2025"}
    assert session.start == "2025-11-10" and session.time_of_day == "afternoon"
    planned = _one(dossier, "ministerial_session", status="planned")
    assert _articles(planned) == {"b-round-five"} and planned.mode == "online"


@pytest.mark.parametrize(
    ("people", "articles"),
    [
        ({"Nguyễn Sinh Nhật Tân", "Rick Switzer"}, {"a-washington", "d-technical-2025"}),
        ({"Joseph (Joe) Damond", "Nguyễn Hồng Diên"}, {"d-technical-2025"}),
        ({"Diên", "Rock Bordelon"}, {"d-technical-2025"}),
    ],
)
def test_resolve_events_meetings(dossier: Dossier, people: set[str], articles: set[str]) -> None:
    meetings = [e for e in dossier.events if e.type == "meeting" and people <= {p.name for p in e.participants}]
    assert len(meetings) == 1 and _articles(meetings[0]) == articles


def test_resolve_events_participants_are_entities(dossier: Dossier) -> None:
    ids = {e.id for e in dossier.entities}
    for ev in dossier.events:
        assert all(p.entity in ids for p in ev.participants)


@pytest.mark.parametrize(
    ("article", "text", "value", "how"),
    [
        ("a-washington", "12-14/11", "2025-11-12/2025-11-14", "article"),
        ("a-washington", "12/11", "2025-11-12", "article"),
        ("b-round-five", "tháng 11", "2025-11", "article"),
        ("d-technical-2025", "10/11", "2025-11-10", "article"),
        ("e-round-six", "4/2", "2026-02-04", "sequence"),
        ("e-round-six", "2/2", "2026-02-02", "sequence"),
    ],
)
def test_resolve_events_years_settled(dossier: Dossier, article: str, text: str, value: str, how: str) -> None:
    found = [t for t in dossier.timexes if t.article == article and t.text == text]
    assert [(t.value, t.resolved_by) for t in found] == [(value, how)]


def test_resolve_events_never_invent_a_year() -> None:
    alone = [d for d in talks_corpus() if d.article.id == "e-round-six"]
    dossier = build_dossier(alone)
    assert {t.value for t in dossier.timexes} == {"XXXX-02-04", "XXXX-02-02"}
    assert all(t.resolved_by is None for t in dossier.timexes)


def _round(aid: str, text: str, quote: str, **attrs: object) -> object:
    return build_doc(aid, text, events=[{"type": "negotiation_round", "quote": quote, **attrs}])


@pytest.mark.parametrize(
    ("one", "two", "merged"),
    [
        ({"ordinal": 3, "start": "2025-07-01"}, {"ordinal": 4, "start": "2025-07-01"}, False),
        ({"ordinal": 3, "negotiation": "vn-us-reciprocal"}, {"ordinal": 3, "negotiation": "vn-eu-fta"}, False),
        # an unknown negotiation and only the number: not enough (unknown_negotiation_needs_strong_link)
        ({"ordinal": 3, "negotiation": "vn-us-reciprocal"}, {"ordinal": 3}, False),
        ({"ordinal": 3, "negotiation": "vn-us-reciprocal"}, {"ordinal": 3, "negotiation": "vn-us-reciprocal"}, True),
        ({"start": "2025-07-01"}, {"start": "XXXX-07-01"}, True),
        ({"start": "2025-07-01"}, {"start": "2025-07-09"}, False),
        ({"start": "2025-07-01", "end": "2025-07-03"}, {"start": "XXXX-07-02"}, True),
        ({"start": "2025-07-01", "mode": "online"}, {"start": "2025-07-01", "mode": "in_person"}, False),
        ({"location": "Hà Nội"}, {"location": "Hà Nội"}, False),
        # one day apart in one place: the same sitting told in another time zone (a date conflict)
        ({"start": "2025-11-10", "location": "Washington"}, {"start": "2025-11-11", "location": "Washington"}, True),
        ({"start": "2025-11-10", "location": "Washington"}, {"start": "2025-11-11", "location": "Hà Nội"}, False),
        ({"start": "2025-11-10", "location": "Washington"}, {"start": "2025-11-12", "location": "Washington"}, False),
        ({"start": "2025-11-10", "location": "Washington"}, {"start": "2025-11-11"}, False),
    ],
)
def test_resolve_events_merge_rules(one: dict, two: dict, merged: bool) -> None:
    text = "Hai đoàn bước vào vòng đàm phán mới tại Hà Nội."
    docs = [_round("r1", text, "vòng đàm phán mới", **one), _round("r2", text, "vòng đàm phán mới", **two)]
    rounds = build_dossier(docs).events
    assert (len(rounds) == 1) is merged


def test_resolve_events_disagreement_kept_as_conflict() -> None:
    text = "Vòng đàm phán thứ 7 được tổ chức tại thủ đô."
    docs = [
        _round(f"r{i}", text, "Vòng đàm phán thứ 7", ordinal=7, location=place, negotiation=VN_US_RECIPROCAL)
        for i, place in enumerate(["Hà Nội", "Hà Nội", "Hà Nội", "Washington"])
    ]
    (ev,) = build_dossier(docs).events
    assert ev.location == "Hà Nội"
    (conflict,) = [c for c in ev.conflicts if c.field == "location"]
    assert conflict.values == ["Hà Nội", "Washington"] and conflict.chosen == "Hà Nội"
    assert conflict.reason == "3 sources against 1"
    assert [{e.article for e in group} for group in conflict.evidence] == [{"r0", "r1", "r2"}, {"r3"}]


def test_resolve_events_different_tariff_rates_stay_apart() -> None:
    text = "Mỹ áp thuế 46% rồi giảm còn 20%, riêng hàng trung chuyển chịu 40%."
    docs = [
        build_doc(
            "t1",
            text,
            events=[
                {"type": "tariff_action", "quote": "áp thuế 46%", "rate": 0.46, "negotiation": VN_US_RECIPROCAL},
                {"type": "tariff_action", "quote": "giảm còn 20%", "rate": 0.2, "negotiation": VN_US_RECIPROCAL},
            ],
        ),
        build_doc("t2", text, events=[{"type": "tariff_action", "quote": "chịu 40%", "rate": 0.4, **VN_US}]),
        build_doc("t3", text, events=[{"type": "tariff_action", "quote": "áp thuế 46%", "rate": 0.46, **VN_US}]),
    ]
    events = build_dossier(docs).events
    assert sorted((e.rate, len(_articles(e))) for e in events) == [(0.2, 1), (0.4, 1), (0.46, 2)]


def test_resolve_events_end_takes_the_year_of_the_chosen_start() -> None:
    text = "Vòng đàm phán thứ 9 diễn ra tại Hà Nội."
    docs = [
        _round("r1", text, "Vòng đàm phán thứ 9", ordinal=9, start="2026-03-10"),
        _round("r2", text, "Vòng đàm phán thứ 9", ordinal=9, start="XXXX-03-10", end="XXXX-03-12"),
    ]
    (ev,) = build_dossier(docs).events
    assert (ev.start, ev.end) == ("2026-03-10", "2026-03-12")


@pytest.mark.parametrize(
    ("first", "second", "merged"), [("2025-11-11", "2025-11-13", True), ("2025-05-02", "2025-11-13", False)]
)
def test_resolve_events_undated_meetings_need_close_articles(first: str, second: str, merged: bool) -> None:
    text = "Bộ trưởng Nguyễn Hồng Diên đã gặp ông Jamieson Greer để bàn về thuế đối ứng."
    people = [{"text": "Nguyễn Hồng Diên", "side": "VN"}, {"text": "Jamieson Greer", "side": "US"}]
    meeting = {
        "type": "meeting",
        "quote": "đã gặp ông Jamieson Greer",
        "people": ["Nguyễn Hồng Diên", "Jamieson Greer"],
    }
    docs = [
        build_doc("m1", text, published=first, mentions=people, events=[meeting]),
        build_doc("m2", text, published=second, mentions=people, events=[meeting]),
    ]
    assert (len(build_dossier(docs).events) == 1) is merged


def test_resolve_events_date_disagreement_is_a_conflict() -> None:
    text = "Vòng đàm phán thứ 4 giữa hai nước đã diễn ra."
    docs = [
        _round(f"d{i}", text, "Vòng đàm phán thứ 4", ordinal=4, start=start, negotiation=VN_US_RECIPROCAL)
        for i, start in enumerate(["2025-09-22", "2025-09-22", "2025-09-29"])
    ]
    (ev,) = build_dossier(docs).events
    assert ev.start == "2025-09-22"
    (conflict,) = [c for c in ev.conflicts if c.field == "start"]
    assert conflict.values == ["2025-09-22", "2025-09-29"] and conflict.reason == "2 sources against 1"


def test_resolve_events_rebuild_dossier_saves_in_store(tmp_path: object) -> None:
    from tradetalks.resolve import rebuild_dossier
    from tradetalks.store import open_store

    docs = talks_corpus()
    with open_store(str(tmp_path) + "/resolve.db") as store:
        for doc in docs:
            outcome = store.add_article(doc.article, doc)
            doc.article.id = outcome.article_id
        built = rebuild_dossier(store)
        loaded = store.load_dossier()
    assert loaded is not None and len(loaded.events) == len(built.events)
    rounds = [e for e in loaded.events if e.type == "negotiation_round" and e.ordinal == 5]
    assert len(rounds) == 1 and rounds[0].start == "2025-11-12"
    assert len({e.article for e in rounds[0].evidence}) == 3
    assert {e.article for e in rounds[0].evidence} <= {a.id for a in loaded.articles}


@pytest.mark.parametrize(
    ("dated", "value"),
    [
        ("2026-02-04", "2026-03-05"),  # a month after the same people's dated meeting
        ("2025-07-01", "2025-03-05"),  # four months before rather than eight after: the nearer year
        (None, "XXXX-03-05"),  # nothing dated to go by: the year stays unknown
    ],
)
def test_resolve_events_undated_article_placed_by_its_people(dated: str | None, value: str) -> None:
    people = [{"text": "Lê Mạnh Hùng", "side": "VN"}, {"text": "Jamieson Greer", "side": "US"}]
    met = "Ông Lê Mạnh Hùng đã gặp ông Jamieson Greer tại Washington."
    called = "Ngày 5/3, ông Lê Mạnh Hùng điện đàm với ông Jamieson Greer; trước đó hai bên gặp hồi tháng 2."
    call = {"type": "call", "quote": "điện đàm", "people": ["Lê Mạnh Hùng", "Jamieson Greer"], "timex": ["Ngày 5/3"]}
    docs = [
        build_doc(
            "undated",
            called,
            mentions=people,
            timexes=[{"text": "Ngày 5/3", "value": "XXXX-03-05"}, {"text": "tháng 2", "value": "XXXX-02"}],
            events=[{**call, "start": "XXXX-03-05"}],
        )
    ]
    if dated is not None:
        meeting = {"type": "meeting", "quote": "đã gặp", "people": ["Lê Mạnh Hùng", "Jamieson Greer"], "start": dated}
        docs.append(build_doc("dated", met, published=dated, mentions=people, events=[meeting]))
    dossier = build_dossier(docs)
    (ev,) = [e for e in dossier.events if e.type == "call"]
    assert ev.start == value
    month = {t.text: t.value for t in dossier.timexes if t.article == "undated"}["tháng 2"]
    assert month == (value[:4] + "-02" if dated else "XXXX-02")  # the article's other dates follow


def test_resolve_events_streamed_rebuild_equals_whole_docs(tmp_path: object) -> None:
    """rebuild_dossier keeps only slim docs, yet gives the dossier of the whole stored docs (roles, stories too)."""
    from pathlib import Path

    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.resolve import rebuild_dossier
    from tradetalks.store import open_store

    folder = Path(__file__).resolve().parents[1] / "eval" / "dev" / "resolve" / "articles"
    with open_store(str(tmp_path) + "/stream.db") as store:
        ingest_paths(store, [str(folder)])
        whole = build_dossier(list(store.docs()))
        streamed = rebuild_dossier(store)
    assert streamed == whole
    assert any(a.duplicate_of for a in streamed.articles)
    assert any(r.evidence and r.evidence[0].quote for e in streamed.entities for r in e.roles)


def test_resolve_events_slim_docs_keep_their_place_by_content(tmp_path: object) -> None:
    """Slim docs have no text, so their own hash is that of "": reports must be placed by the stored text's hash.

    Ties between same-day reports used to fall to article ids (from the path), so the streamed dossier
    differed from the whole one only for some checkout paths.
    """
    from pathlib import Path

    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.resolve import slim
    from tradetalks.resolve.entities import cluster_entities
    from tradetalks.resolve.events import collect_reports
    from tradetalks.store import open_store

    folder = Path(__file__).resolve().parents[1] / "eval" / "dev" / "resolve" / "articles"
    with open_store(str(tmp_path) + "/slim.db") as store:
        ingest_paths(store, [str(folder)])
        whole = sorted(store.docs(), key=lambda d: d.article.id or "")
    digests: dict = {}
    slims = [slim(d, digests) for d in whole]
    hashes = {aid: digest[0] for aid, digest in digests.items()}
    told_whole = [r.told for r in collect_reports(whole, cluster_entities(whole))]
    told_slim = [r.told for r in collect_reports(slims, cluster_entities(slims), hashes)]
    assert told_slim == told_whole
    undated = {t for t in told_whole if t.startswith("9999|")}
    assert len(undated) > 1  # undated articles are told apart by their text


@pytest.mark.parametrize(
    ("one", "two", "merged"),
    [
        ({"start": "2025-04-02"}, {"start": "2025-04", "status": "planned"}, True),  # announced, then in force
        ({"start": "2025-07-02", "status": "planned"}, {"start": "2025-08-07"}, False),  # another day: another step
        ({}, {"status": "planned"}, False),  # undated: nothing but the rate links them
    ],
)
def test_resolve_events_one_rate_at_one_time_is_one_tariff(one: dict, two: dict, merged: bool) -> None:
    text = "Mỹ áp thuế 46% đối với hàng hóa Việt Nam."
    docs = [
        build_doc(aid, text, events=[{"type": "tariff_action", "quote": "áp thuế 46%", "rate": 0.46, **VN_US, **attrs}])
        for aid, attrs in (("t1", one), ("t2", two))
    ]
    assert (len(build_dossier(docs).events) == 1) is merged


def test_resolve_events_overlapping_runs_of_days_disagree() -> None:
    text = "Vòng đàm phán thứ 5 giữa hai nước đã diễn ra."
    runs = [("2025-11-12", "2025-11-14"), ("2025-11-13", "2025-11-15"), ("2025-11-12", "2025-11-14")]
    docs = [
        _round(f"o{i}", text, "Vòng đàm phán thứ 5", ordinal=5, start=start, end=end)
        for i, (start, end) in enumerate(runs)
    ]
    (ev,) = build_dossier(docs).events
    assert (ev.start, ev.end) == ("2025-11-12", "2025-11-14")
    (conflict,) = [c for c in ev.conflicts if c.field == "start"]
    assert conflict.values == ["2025-11-12", "2025-11-13"] and conflict.reason == "2 sources against 1"


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_resolve_events_same_day_in_the_order_told(order: tuple[int, int, int]) -> None:
    """Events of one day come in the order their article tells them (a call, the framework it welcomed,
    the rate announced after it), whatever their types and the order the extraction handed them over in."""
    text = "Tối 2/7, hai nhà lãnh đạo điện đàm và hoan nghênh tuyên bố chung về khuôn khổ. Sau đó Mỹ công bố thuế 20%."
    events = [
        {"type": "call", "quote": "hai nhà lãnh đạo điện đàm", "start": "2025-07-02"},
        {"type": "agreement", "quote": "tuyên bố chung về khuôn khổ", "start": "2025-07-02"},
        {"type": "tariff_action", "quote": "Mỹ công bố thuế 20%", "rate": 0.2, "start": "2025-07-02"},
    ]
    doc = build_doc("d1", text, published="2025-07-03", events=[events[i] for i in order])
    got = build_dossier([doc]).events
    assert [e.type for e in got] == ["call", "agreement", "tariff_action"]


def test_own_dates_leave_out_spans_longer_than_a_quarter() -> None:
    """_own_dates: "10 tháng năm 2025" (January to October) is the period figures cover, not the article's days."""
    from tradetalks.resolve.dates import parse_range
    from tradetalks.resolve.events import _SPAN_MONTHS, _span_months

    def months(value: str) -> int:
        r = parse_range(value)
        assert r is not None
        return _span_months(r)

    assert months("2025-11-12/2025-11-14") == 0 and months("2025-11") == 0
    assert months("2025-10/2025-12") == 2 <= _SPAN_MONTHS  # a quarter stays
    assert months("2025-01/2025-10") == 9 > _SPAN_MONTHS
    assert months("2025-11/2026-01") == 2 and months("XXXX-11-30/XXXX-12-02") == 1
