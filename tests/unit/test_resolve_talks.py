"""Reports joined through the negotiation their article is about, across tenses and undated agreements."""

from __future__ import annotations

import pytest
from conftest import build_doc

from tradetalks.model import VN_US_RECIPROCAL, TariffFacts
from tradetalks.resolve import build_dossier

_ROUND = "Hai bên kết thúc vòng đàm phán thứ hai về thương mại đối ứng."
_DEAL_TEXT = _ROUND + " Theo đó hai nước đạt thỏa thuận về thuế quan, công bố ngày 14/3/2025."


def _deal(aid: str, published: str | None, *, named: bool, start: str | None = None, day: bool = True) -> object:
    """An article with a round of the Viet Nam–US talks and an agreement that names no negotiation itself."""
    events: list[dict] = [
        {"type": "negotiation_round", "quote": "vòng đàm phán thứ hai", "ordinal": 2, "negotiation": VN_US_RECIPROCAL}
    ]
    if not named:
        events = []
    events.append({"type": "agreement", "quote": "đạt thỏa thuận", "start": start})
    timexes = [{"text": "14/3/2025", "value": "2025-03-14"}] if day else []
    return build_doc(aid, _DEAL_TEXT, published=published, timexes=timexes, events=events)


def _agreements(docs: list) -> list:
    return [e for e in build_dossier(docs).events if e.type == "agreement"]


def test_resolve_talks_article_names_the_talks() -> None:
    """An undated "thỏa thuận" in an article about the Viet Nam–US talks joins the one dated agreement of
    those talks; the same words in an article naming no negotiation stay apart."""
    dated = build_doc(
        "dated",
        "Việt Nam và Hoa Kỳ công bố thỏa thuận thuế quan ngày 14/3/2025.",
        published="2025-03-15",
        timexes=[{"text": "14/3/2025", "value": "2025-03-14"}],
        events=[
            {"type": "agreement", "quote": "công bố thỏa thuận", "start": "2025-03-14", "negotiation": VN_US_RECIPROCAL}
        ],
    )
    assert len(_agreements([dated, _deal("about", "2025-03-16", named=True)])) == 1
    assert len(_agreements([dated, _deal("bare", "2025-03-16", named=False, day=False)])) == 2


def test_resolve_talks_agreement_of_the_days_both_articles_name() -> None:
    """Two undated agreements of one negotiation, in articles that both name 14/3/2025, are one agreement;
    articles that name no common day keep them apart."""
    assert len(_agreements([_deal("a", "2025-03-16", named=True), _deal("b", "2025-03-17", named=True)])) == 1
    apart = [_deal("a", "2025-03-16", named=True, day=False), _deal("b", "2025-03-17", named=True, day=False)]
    assert len(_agreements(apart)) == 2


@pytest.mark.parametrize(("shared", "merged"), [(2, True), (1, False)])
def test_resolve_talks_tense_is_no_identity(shared: int, merged: bool) -> None:
    """A meeting "sẽ làm việc với" told before and "đã làm việc với" told after, by the same two people of
    one negotiation, are one meeting; one shared person is not enough across tenses."""
    text = "Phó Thủ tướng Lê Văn An làm việc với Bộ trưởng John Miller và ông Peter Brown tại Washington."
    people = [
        {"text": "Lê Văn An", "side": "VN"},
        {"text": "John Miller", "side": "US"},
        {"text": "Peter Brown", "side": "US"},
    ]
    second = ["Lê Văn An", "John Miller"] if shared == 2 else ["Lê Văn An", "Peter Brown"]
    docs = [
        build_doc(
            aid,
            text,
            published=pub,
            mentions=people,
            events=[
                {
                    "type": "meeting",
                    "quote": "làm việc với",
                    "people": who,
                    "status": status,
                    "negotiation": VN_US_RECIPROCAL,
                }
            ],
        )
        for aid, pub, status, who in (
            ("before", "2025-04-08", "planned", ["Lê Văn An", "John Miller"]),
            ("after", "2025-04-10", "held", second),
        )
    ]
    meetings = [e for e in build_dossier(docs).events if e.type == "meeting"]
    assert (len(meetings) == 1) is merged


def _tariff(aid: str, named: bool = False, **facts: object) -> object:
    text = "Mỹ áp thuế 46% đối với hàng hóa từ Việt Nam."
    event = {"type": "tariff_action", "quote": "áp thuế 46%", "rate": 0.46, "tariff": TariffFacts(**facts)}
    if named or aid == "named":
        event["negotiation"] = VN_US_RECIPROCAL
    return build_doc(aid, text, published="2025-04-05", events=[event])


@pytest.mark.parametrize(
    ("other", "merged"),
    [
        ({"country": "Việt Nam"}, True),  # one_country_one_rate: the same country's goods, the same rate
        ({"country": "Thái Lan"}, False),
        ({}, False),  # no country and no negotiation: the rate alone is no link
    ],
)
def test_resolve_talks_one_country_one_rate(other: dict, merged: bool) -> None:
    docs = [_tariff("named", country="Việt Nam", scope="all_goods"), _tariff("bare", **other)]
    assert (len(build_dossier(docs).events) == 1) is merged


@pytest.mark.parametrize(
    ("one", "two", "merged"),
    [
        ({"effective": "2025-08-01"}, {"effective": "2025-08-07"}, False),
        ({"scope": "all_goods"}, {"scope": "steel_aluminium"}, False),
        ({"scope": "all_goods", "effective": "2025-08-07"}, {"effective": "2025-08-07"}, True),
    ],
)
def test_resolve_talks_tariffs_of_other_goods_or_days(one: dict, two: dict, merged: bool) -> None:
    """One rate of one negotiation in force from 1/8 and from 7/8, or on other goods, is two measures."""
    docs = [_tariff("one", named=True, country="Việt Nam", **one), _tariff("two", named=True, **two)]
    assert (len(build_dossier(docs).events) == 1) is merged


def test_resolve_talks_agreements_placed_by_dated_windows() -> None:
    """An undated agreement of an article whose only date is "14/3" (no year) is not placed by it: it stays
    apart from the dated agreement another article tells."""
    dated = build_doc(
        "dated",
        "Việt Nam và Hoa Kỳ công bố thỏa thuận thuế quan ngày 14/3/2025.",
        published="2025-03-15",
        timexes=[{"text": "14/3/2025", "value": "2025-03-14"}],
        events=[
            {"type": "agreement", "quote": "công bố thỏa thuận", "start": "2025-03-14", "negotiation": VN_US_RECIPROCAL}
        ],
    )
    text = "Hai nước đạt thỏa thuận về thuế quan, theo thông báo hôm 14/3."
    yearless = build_doc(
        "yearless",
        text,
        timexes=[{"text": "14/3", "value": "XXXX-03-14"}],
        events=[{"type": "agreement", "quote": "đạt thỏa thuận", "negotiation": VN_US_RECIPROCAL}],
    )
    assert len(_agreements([dated, yearless])) == 2


@pytest.mark.parametrize(("shared", "merged"), [(2, True), (1, False)])
def test_resolve_talks_plan_kept(shared: int, merged: bool) -> None:
    """Rule ``plan_kept``: "tuần tới hai ông sẽ mở vòng đàm phán mới" (no number, the month only) told before,
    and the fifth round held by the same two people on a day of that month, are one round; a plan named by
    one of them only stays apart."""
    people = [{"text": "John Miller", "side": "US"}, {"text": "Trần Văn Bình", "side": "other"}]
    plan_text = "Tháng 10/2025, ông John Miller và ông Trần Văn Bình sẽ mở vòng đàm phán mới."
    plan_people = ["John Miller", "Trần Văn Bình"] if shared == 2 else ["John Miller"]
    plan = build_doc(
        "plan",
        plan_text,
        published="2025-10-18",
        mentions=people,
        timexes=[{"text": "Tháng 10/2025", "value": "2025-10"}],
        events=[
            {
                "type": "negotiation_round",
                "quote": "sẽ mở vòng đàm phán mới",
                "people": plan_people,
                "status": "planned",
                "start": "2025-10",
                "negotiation": "talks:a+b",
            }
        ],
    )
    held_text = "Ngày 25/10/2025, ông John Miller và ông Trần Văn Bình kết thúc vòng đàm phán thứ năm."
    held = build_doc(
        "held",
        held_text,
        published="2025-10-26",
        mentions=people,
        timexes=[{"text": "25/10/2025", "value": "2025-10-25"}],
        events=[
            {
                "type": "negotiation_round",
                "quote": "vòng đàm phán thứ năm",
                "people": ["John Miller", "Trần Văn Bình"],
                "status": "held",
                "ordinal": 5,
                "start": "2025-10-25",
                "negotiation": "talks:a+b",
            }
        ],
    )
    rounds = [e for e in build_dossier([plan, held]).events if e.type == "negotiation_round"]
    assert (len(rounds) == 1) is merged
    if merged:
        assert rounds[0].status == "held" and rounds[0].ordinal == 5
