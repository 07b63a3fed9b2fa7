"""Rule standing_measure: the reciprocal tariff named without rate or day joins the measure whose rate stood."""

from __future__ import annotations

from conftest import build_doc

from tradetalks.model import VN_US_RECIPROCAL, TariffFacts
from tradetalks.resolve import build_dossier

_ANNOUNCED = "Ngày 2/4/2025, Mỹ công bố mức thuế đối ứng 46% với hàng Việt Nam."
_PAUSE = "Ngày 9/4/2025, Mỹ tạm hoãn áp thuế đối ứng 90 ngày, giữ mức 10%."
_BARE = "Doanh nghiệp dệt may lo lắng vì Mỹ áp thuế đối ứng lên hàng xuất khẩu."
_ASKED = "Bộ Ngoại giao đề nghị Washington tạm hoãn áp thuế để hai nước có thời gian thương lượng."


def _dated(aid: str, published: str, text: str, rate: float, start: str, action: str) -> object:
    event = {
        "type": "tariff_action",
        "quote": text[:30],
        "rate": rate,
        "start": start,
        "negotiation": VN_US_RECIPROCAL,
        "tariff": TariffFacts(country="Việt Nam", action=action),
    }
    return build_doc(aid, text, published=published, events=[event])


def _bare(aid: str, published: str | None, text: str = _BARE, action: str = "imposed") -> object:
    event = {
        "type": "tariff_action",
        "quote": text[:30],
        "negotiation": VN_US_RECIPROCAL,
        "tariff": TariffFacts(action=action),
    }
    return build_doc(aid, text, published=published, events=[event])


def _with_46(docs: list) -> set[str]:
    """The articles the 46% event holds."""
    ev = next(e for e in build_dossier(docs).events if e.rate == 0.46)
    return {e.article for e in ev.evidence}


def _base() -> list:
    return [
        _dated("announced", "2025-04-03", _ANNOUNCED, 0.46, "2025-04-02", "announced"),
        _dated("paused", "2025-04-10", _PAUSE, 0.1, "2025-04-09", "suspended"),
    ]


def test_resolve_standing_measure_joins_in_the_period() -> None:
    """A report of 20 April naming the reciprocal tariff without rate or day is the 46% measure."""
    assert _with_46([*_base(), _bare("bare", "2025-04-20")]) == {"announced", "bare"}


def test_resolve_standing_measure_not_after_the_period() -> None:
    """The same words in an article of August (after the deal of 2 July) name no standing 46% measure."""
    assert _with_46([*_base(), _bare("bare", "2025-08-10")]) == {"announced"}


def test_resolve_standing_measure_undated_article_has_nothing_against() -> None:
    """An article that dates nothing has nothing against the country's only standing period."""
    assert _with_46([*_base(), _bare("bare", None)]) == {"announced", "bare"}


def test_resolve_standing_measure_pause_asked_before_any_pause() -> None:
    """A pause asked for on 5 April, before the pause of 9 April, is about the measure then standing; told on
    15 April, a pause named without rate or day may be the one made on 9 April, and stays apart."""
    assert _with_46([*_base(), _bare("asked", "2025-04-05", _ASKED, "suspended")]) == {"announced", "asked"}
    assert _with_46([*_base(), _bare("later", "2025-04-15", _ASKED, "suspended")]) == {"announced"}


def test_resolve_standing_measure_pause_told_after() -> None:
    """Rule pause_told_after: told on 15 April, after the one dated pause of the period, a pause named without
    rate or day is that pause; with no dated pause known it stays apart."""
    docs = [*_base(), _bare("later", "2025-04-15", _ASKED, "suspended")]
    pause = next(e for e in build_dossier(docs).events if e.rate == 0.1)
    assert {e.article for e in pause.evidence} == {"paused", "later"}
    alone = [_base()[0], _bare("later", "2025-04-15", _ASKED, "suspended")]
    assert len(build_dossier(alone).events) == 2


def test_resolve_standing_measure_needs_one_event() -> None:
    """Without a 46% event announced on 2 April the report stays apart (no event is made up for it)."""
    docs = [_dated("paused", "2025-04-10", _PAUSE, 0.1, "2025-04-09", "suspended"), _bare("bare", "2025-04-20")]
    assert len([e for e in build_dossier(docs).events if e.type == "tariff_action"]) == 2


def _fifty(aid: str, published: str, start: str | None, action: str = "imposed", status: str = "held") -> object:
    """A 50% tariff on Brazil's goods, with or without the month it was set."""
    text = "Mỹ áp mức thuế 50% lên hàng hóa của Brazil từ tháng trước."
    event = {
        "type": "tariff_action",
        "quote": "áp mức thuế 50%",
        "rate": 0.5,
        "start": start,
        "status": status,
        "tariff": TariffFacts(country="Brazil", action=action),
    }
    return build_doc(aid, text, published=published, events=[event])


def _groups(docs: list) -> list[list[str]]:
    return sorted(sorted({e.article for e in ev.evidence}) for ev in build_dossier(docs).events)


def test_resolve_one_dated_measure_joins_a_later_mention() -> None:
    """A rate told without a day months later ("đã áp thuế 50%") is the one dated measure at that rate."""
    assert _groups([_fifty("set", "2025-08-10", "2025-08"), _fifty("later", "2026-01-20", None)]) == [["later", "set"]]


def test_resolve_one_dated_measure_not_a_removal_nor_two_candidates() -> None:
    """The removal of the rate is another event; with the rate set in two months, the bare mention names neither;
    a rate told as to come far from the dated one stays apart."""
    removal = _fifty("removed", "2026-01-20", None, action="suspended")
    assert _groups([_fifty("set", "2025-08-10", "2025-08"), removal]) == [["removed"], ["set"]]
    twice = [_fifty("set", "2025-08-10", "2025-08"), _fifty("again", "2025-10-10", "2025-10")]
    assert ["later"] in _groups([*twice, _fifty("later", "2026-01-20", None)])
    coming = _fifty("coming", "2026-01-20", None, status="planned")
    assert _groups([_fifty("set", "2025-08-10", "2025-08"), coming]) == [["coming"], ["set"]]


def test_resolve_standing_measure_undated_article_naming_another_rate() -> None:
    """An article that dates nothing but names the 20% on the same goods is not of the period when 46% stood."""
    text = "Sau khi Mỹ áp thuế đối ứng, hàng Việt Nam nay chịu mức 20%."
    events = [
        {"type": "tariff_action", "quote": "áp thuế đối ứng", "negotiation": VN_US_RECIPROCAL},
        {"type": "tariff_action", "quote": "mức 20%", "rate": 0.2, "negotiation": VN_US_RECIPROCAL},
    ]
    assert _with_46([*_base(), build_doc("bare", text, events=events)]) == {"announced"}
