"""ask answers from the right event and field: the rate asked for, the head of a side at a named event."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ask_dossier import dossier_index, evidence
from tradetalks.model import (
    Entity,
    Event,
    Evidence,
    Participant,
    Role,
    TariffFacts,
)
from tradetalks.serve.ask import answer_from_index
from tradetalks.serve.index import DossierIndex

#: Sentences written for these tests, one article each.
TEXTS = {
    "https://a.example.vn/thue-46": "Ngày 2/4, Tổng thống Mỹ công bố mức thuế 46% với hàng hóa Việt Nam.",
    "https://a.example.vn/thue-20": "Ngày 2/7, hai bên đạt thỏa thuận, hàng Việt Nam chịu thuế 20%.",
    "https://a.example.vn/trung-chuyen": "Hàng trung chuyển qua Việt Nam sẽ chịu thuế 40% theo thỏa thuận ngày 2/7.",
    "https://a.example.vn/han-quoc": "Cùng ngày, Mỹ áp thuế 15% với hàng Hàn Quốc.",
    "https://a.example.vn/co-ban": "Từ ngày 9/4, mức thuế cơ bản 10% áp dụng cho hàng hóa mọi nước.",
    "https://a.example.vn/vong-1": "Vòng đàm phán thứ nhất có Thứ trưởng Tân và Phó Đại diện Thương mại Switzer dự.",
    "https://a.example.vn/dien-dam": "Tối 4/4, Tổng Bí thư Tô Lâm điện đàm với Tổng thống Trump, có Thủ tướng dự.",
    "https://a.example.vn/evfta": "Vòng đàm phán thứ năm của EVFTA diễn ra tại Hà Nội đầu tháng 11/2013.",
}


def _ev(url: str, quote: str) -> Evidence:
    return evidence(TEXTS, url, quote)


def _role(title: str, en: str, url: str, quote: str) -> list[Role]:
    return [Role(title, None, "2025-04-01", "2025-12-01", [_ev(url, quote)], en)]


@pytest.fixture(scope="module")
def index() -> DossierIndex:
    v1, call = "https://a.example.vn/vong-1", "https://a.example.vn/dien-dam"
    entities = [
        Entity(
            "p-tan",
            "person",
            "Nguyễn Sinh Nhật Tân",
            side="VN",
            roles=_role("Thứ trưởng", "Deputy Minister", v1, "Thứ trưởng Tân"),
        ),
        Entity(
            "p-sw",
            "person",
            "Rick Switzer",
            side="US",
            roles=_role("Phó Đại diện Thương mại", "Deputy USTR", v1, "Phó Đại diện Thương mại Switzer"),
        ),
        Entity("p-vn2", "person", "Lê Văn Phụ", side="VN", roles=_role("Chuyên viên", "Officer", v1, "Thứ trưởng")),
        Entity(
            "p-lam",
            "person",
            "Tô Lâm",
            side="VN",
            roles=_role("Tổng Bí thư", "General Secretary", call, "Tổng Bí thư Tô Lâm"),
        ),
        Entity(
            "p-trump",
            "person",
            "Donald Trump",
            side="US",
            roles=_role("Tổng thống", "President", call, "Tổng thống Trump"),
        ),
        Entity(
            "p-pm",
            "person",
            "Phạm Minh Chính",
            side="VN",
            roles=_role("Thủ tướng", "Prime Minister", call, "Thủ tướng"),
        ),
    ]
    vn = "vn-us-reciprocal"
    events = [
        Event(
            "tariff_action",
            [_ev("https://a.example.vn/thue-46", "mức thuế 46% với hàng hóa Việt Nam")],
            negotiation=vn,
            start="2025-04-02",
            rate=0.46,
            id="t46",
        ),
        Event(
            "tariff_action",
            [_ev("https://a.example.vn/thue-20", "hàng Việt Nam chịu thuế 20%")],
            negotiation=vn,
            start="2025-07-02",
            rate=0.2,
            id="t20",
        ),
        Event(
            "tariff_action",
            [_ev("https://a.example.vn/trung-chuyen", "Hàng trung chuyển qua Việt Nam")],
            negotiation=vn,
            start="2025-07-02",
            rate=0.4,
            topics=["transshipment"],
            id="t40",
        ),
        Event(
            "tariff_action",
            [_ev("https://a.example.vn/han-quoc", "Mỹ áp thuế 15% với hàng Hàn Quốc")],
            negotiation="tariffs-on-han-quoc",
            start="2025-07-31",
            rate=0.15,
            id="t15",
            tariff=TariffFacts(country="Hàn Quốc"),
        ),
        Event(
            "tariff_action",
            [_ev("https://a.example.vn/co-ban", "mức thuế cơ bản 10%")],
            negotiation=vn,
            start="2025-04-05",
            rate=0.1,
            id="t10",
            tariff=TariffFacts(scope="baseline"),
        ),
        Event(
            "negotiation_round",
            [_ev(v1, "Vòng đàm phán thứ nhất")],
            negotiation=vn,
            ordinal=1,
            start="2025-05-01",
            id="r1",
            participants=[Participant("p-vn2", "VN"), Participant("p-tan", "VN"), Participant("p-sw", "US")],
        ),
        Event(
            "negotiation_round",
            [_ev("https://a.example.vn/evfta", "Vòng đàm phán thứ năm của EVFTA")],
            negotiation="vn-eu-fta",
            ordinal=5,
            start="2013-11-04",
            location="Hà Nội",
            id="eu5",
        ),
        Event(
            "call",
            [_ev(call, "Tô Lâm điện đàm với Tổng thống Trump")],
            negotiation=vn,
            start="2025-04-04",
            time_of_day="evening",
            id="c1",
            participants=[Participant("p-lam", "VN"), Participant("p-pm", "VN"), Participant("p-trump", "US")],
        ),
    ]
    return dossier_index(TEXTS, "2025-08-01", entities, events)


@pytest.mark.parametrize(
    ("rule", "question", "event"),
    [
        ("rate_in_force", "Mức thuế đối ứng Mỹ áp lên hàng Việt Nam hiện nay là bao nhiêu?", "t20"),
        ("rate_initial", "Mức thuế ban đầu Mỹ công bố với hàng Việt Nam là bao nhiêu?", "t46"),
        ("rate_on_date", "Mỹ công bố mức thuế bao nhiêu với Việt Nam ngày 2/4?", "t46"),
        ("rate_scope", "Hàng trung chuyển chịu thuế bao nhiêu?", "t40"),
        ("rate_scope", "What is the baseline tariff?", "t10"),
        ("rate_third_country", "Mỹ áp thuế bao nhiêu với hàng Hàn Quốc?", "t15"),
        ("rate_in_force", "What is the US tariff on Vietnamese goods now?", "t20"),
    ],
)
def test_ask_rate_asked_for(index: DossierIndex, rule: str, question: str, event: str) -> None:
    answer: dict[str, Any] = answer_from_index(index, question)
    assert answer["kind"] == "tariff_rate", rule
    assert answer["events"] == [event], rule
    others = {"t46": "46%", "t20": "20%", "t40": "40%", "t15": "15%", "t10": "10%"}
    named = [rate for key, rate in others.items() if rate in answer["answer"]]
    assert named == [others[event]], f"{rule}: one rate, the one asked for: {answer['answer']}"


def test_ask_head_at_named_round(index: DossierIndex) -> None:
    answer = answer_from_index(index, "Ai dẫn đầu đoàn Việt Nam tại vòng đàm phán thứ nhất?")
    assert answer["kind"] == "head_delegation"
    assert answer["entities"] == ["p-tan"], "the highest title of the side at that round, not a junior officer"
    both = answer_from_index(index, "Who headed the delegations at the first round?")
    assert both["entities"] == ["p-tan", "p-sw"]


def test_ask_named_event_by_kind_and_people(index: DossierIndex) -> None:
    answer = answer_from_index(index, "Tổng Bí thư Tô Lâm điện đàm với Tổng thống Trump khi nào?")
    assert answer["events"] == ["c1"]
    assert "4/4/2025" in answer["answer"]


def test_ask_met_names_counterparts_only(index: DossierIndex) -> None:
    answer = answer_from_index(index, "Tô Lâm điện đàm với ai?")
    assert answer["kind"] == "met_on"
    assert "Donald Trump" in answer["answer"] and "Phạm Minh Chính" not in answer["answer"]


def test_ask_round_number_counts_within_the_talks_asked_about(index: DossierIndex) -> None:
    assert not answer_from_index(index, "Vòng đàm phán thứ 5 diễn ra khi nào?")["found"]
    named = answer_from_index(index, "Vòng đàm phán thứ 5 của EVFTA diễn ra khi nào?")
    assert named["events"] == ["eu5"] and "2013" in named["answer"]
