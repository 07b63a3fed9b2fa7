"""Negotiations never mixed: merging and year completion stay within one negotiation."""

from __future__ import annotations

import pytest
from conftest import build_doc

from tradetalks.model import VN_US_RECIPROCAL
from tradetalks.resolve import build_dossier

_TEXT = "Hai đoàn đã bước vào vòng đàm phán thứ năm sau nhiều tháng chuẩn bị."
_QUOTE = "vòng đàm phán thứ năm"


def _round(aid: str, published: str | None = None, **attrs: object) -> object:
    event = {"type": "negotiation_round", "quote": _QUOTE, "ordinal": 5, **attrs}
    return build_doc(aid, _TEXT, published=published, events=[event])


def test_resolve_negotiations_numbered_rounds_far_apart() -> None:
    """Two fifth rounds held twelve years apart, in two cities, are two rounds."""
    docs = [
        _round("old", start="2013-11-04", location="Moskva"),
        _round("new", "2025-10-26", start="2025-10-25", negotiation=VN_US_RECIPROCAL),
    ]
    events = build_dossier(docs).events
    assert sorted(e.start or "" for e in events) == ["2013-11-04", "2025-10-25"]


def test_resolve_negotiations_numbered_rounds_a_week_apart_stay_one() -> None:
    docs = [
        _round(aid, "2025-09-30", start=day, negotiation=VN_US_RECIPROCAL)
        for aid, day in (("a", "2025-09-22"), ("b", "2025-09-29"))
    ]
    (ev,) = build_dossier(docs).events
    assert [c.field for c in ev.conflicts] == ["start"]


@pytest.mark.parametrize(
    ("one", "two", "merged"),
    [
        # the number alone, one negotiation unknown, articles without dates: two rounds
        (("a", None, {}), ("b", None, {"negotiation": VN_US_RECIPROCAL}), False),
        # the number and articles of the same weeks: one round
        (("a", "2025-10-20", {}), ("b", "2025-10-26", {"negotiation": VN_US_RECIPROCAL}), True),
        # the number, articles years apart: two rounds
        (("a", "2013-11-05", {}), ("b", "2025-10-26", {"negotiation": VN_US_RECIPROCAL}), False),
        # the same day: one round, whatever the negotiation left unknown
        (("a", None, {"start": "2025-10-25"}), ("b", None, {"start": "2025-10-25"}), True),
    ],
)
def test_resolve_negotiations_unknown_negotiation_needs_strong_link(one: tuple, two: tuple, merged: bool) -> None:
    docs = [_round(aid, pub, **attrs) for aid, pub, attrs in (one, two)]
    assert (len(build_dossier(docs).events) == 1) is merged


@pytest.mark.parametrize(
    ("one", "two", "known", "merged"),
    [
        (None, None, False, False),
        ("2025-07", "2025-07-02", False, False),
        ("2025-07-02", "2025-07-02", False, True),
        ("2025-07", "2025-07-02", True, True),
        (None, "2025-07-02", True, False),
    ],
)
def test_resolve_negotiations_unknown_tariffs_need_the_same_day(
    one: str | None, two: str | None, known: bool, merged: bool
) -> None:
    """One rate (19%) is shared by many countries' measures: with no negotiation known, only the day links
    them; with one side's negotiation known, both sides must be dated and agree."""
    text = "Mỹ áp mức thuế 19% lên hàng hóa nhập khẩu."
    docs = [
        build_doc(
            aid,
            text,
            published="2025-07-03",
            events=[
                {
                    "type": "tariff_action",
                    "quote": "áp mức thuế 19%",
                    "rate": 0.19,
                    "start": start,
                    "negotiation": VN_US_RECIPROCAL if known and aid == "t2" else None,
                }
            ],
        )
        for aid, start in (("t1", one), ("t2", two))
    ]
    assert (len(build_dossier(docs).events) == 1) is merged


def test_resolve_negotiations_sequence_within_one_negotiation() -> None:
    """Round 6 of the Viet Nam–US talks takes no year from round 5 of another negotiation."""
    sixth = "Vòng đàm phán thứ sáu diễn ra ngày 4/2 tại Hà Nội."
    docs = [
        _round("other", start="2013-11-04", negotiation="vn-eaeu-fta"),
        build_doc(
            "six",
            sixth,
            timexes=[{"text": "4/2", "value": "XXXX-02-04"}],
            events=[
                {
                    "type": "negotiation_round",
                    "quote": "Vòng đàm phán thứ sáu",
                    "ordinal": 6,
                    "negotiation": VN_US_RECIPROCAL,
                    "start": "XXXX-02-04",
                    "timex": ["4/2"],
                }
            ],
        ),
    ]
    six = next(e for e in build_dossier(docs).events if e.ordinal == 6)
    assert six.start == "XXXX-02-04"


def test_resolve_negotiations_held_not_after_publication() -> None:
    """A meeting an article of 20/2 tells as done is not the meeting another article dates 21/2."""
    text = "Tổng Bí thư Tô Lâm đã tiếp ông Jamieson Greer tại thủ đô."
    people = [{"text": "Tô Lâm", "side": "VN"}, {"text": "Jamieson Greer", "side": "US"}]
    meeting = {
        "type": "meeting",
        "quote": "đã tiếp ông Jamieson Greer",
        "people": ["Tô Lâm", "Jamieson Greer"],
        "negotiation": VN_US_RECIPROCAL,
    }
    docs = [
        build_doc(aid, text, published=pub, mentions=people, events=[{**meeting, "start": start}])
        for aid, pub, start in (("m1", "2026-02-20", "2026-02"), ("m2", "2026-02-22", "2026-02-21"))
    ]
    assert len(build_dossier(docs).events) == 2


@pytest.mark.parametrize(
    ("published", "value"),
    [
        ("2025-05-05", "XXXX-05-07"),  # a round held 7/5 told on 5/5 can't be this year's: the year stays open
        ("2025-05-09", "2025-05-07"),
    ],
)
def test_resolve_negotiations_year_fits_publication(published: str, value: str) -> None:
    """No year puts a held round after the article telling it (here from the round order of one negotiation)."""
    first = "Vòng đàm phán thứ nhất kết thúc ngày 10/3/2025."
    second = "Vòng đàm phán thứ hai đã diễn ra ngày 7/5."
    docs = [
        build_doc(
            "one",
            first,
            published="2025-03-11",
            timexes=[{"text": "10/3/2025", "value": "2025-03-10"}],
            events=[
                {
                    "type": "negotiation_round",
                    "quote": "Vòng đàm phán thứ nhất",
                    "ordinal": 1,
                    "negotiation": VN_US_RECIPROCAL,
                    "start": "2025-03-10",
                    "timex": ["10/3/2025"],
                }
            ],
        ),
        build_doc(
            "two",
            second,
            published=published,
            timexes=[{"text": "7/5", "value": "XXXX-05-07"}],
            events=[
                {
                    "type": "negotiation_round",
                    "quote": "Vòng đàm phán thứ hai",
                    "ordinal": 2,
                    "negotiation": VN_US_RECIPROCAL,
                    "start": "XXXX-05-07",
                    "timex": ["7/5"],
                }
            ],
        ),
    ]
    two = next(e for e in build_dossier(docs).events if e.ordinal == 2)
    assert two.start == value


@pytest.mark.parametrize(
    "other",
    [
        {"start": "2025-11-12", "end": "2025-11-14"},
        {"start": "XXXX-11-12", "end": "XXXX-11-14", "location": "Washington D.C."},
        {"start": "2025-11-13"},
        {"start": "2025-11-12", "end": "2025-11-14", "status": "planned"},
    ],
)
def test_resolve_negotiations_ordinal_missing_on_one_side(other: dict) -> None:
    """One negotiation, type, dates and place: one round, whether or not each report gives its number."""
    text = "Vòng đàm phán kỹ thuật diễn ra tại Washington."
    quote = "Vòng đàm phán kỹ thuật"
    numbered = {"ordinal": 5, "start": "2025-11-12", "end": "2025-11-14", "location": "Washington"}
    docs = [
        build_doc(
            aid,
            text,
            published=pub,
            events=[
                {
                    "type": "negotiation_round",
                    "quote": quote,
                    "negotiation": VN_US_RECIPROCAL,
                    "location": "Washington",
                    **attrs,
                }
            ],
        )
        for aid, pub, attrs in (("n", "2025-11-15", numbered), ("u", "2025-11-13", other))
    ]
    (ev,) = build_dossier(docs).events
    assert ev.ordinal == 5 and (ev.start, ev.end) == ("2025-11-12", "2025-11-14")


@pytest.mark.parametrize(("how", "value"), [("nearby_year", "XXXX-09-05"), ("explicit", "1945-09-05")])
def test_resolve_negotiations_unstated_year_near_publication(how: str, value: str) -> None:
    """A year taken from a nearby year of the sentence, decades from the article's date, is forgotten; a
    year the date writes out is kept."""
    text = "Ngày 5/9, hai nhà lãnh đạo gặp nhau tại nơi từng diễn ra sự kiện năm 1945."
    doc = build_doc(
        "far",
        text,
        published="2018-06-12",
        timexes=[{"text": "5/9", "value": "1945-09-05"}],
        events=[{"type": "meeting", "quote": "gặp nhau", "start": "1945-09-05", "timex": ["5/9"]}],
    )
    doc.timexes[0].resolved_by = how
    (ev,) = build_dossier([doc]).events
    assert ev.start == value
