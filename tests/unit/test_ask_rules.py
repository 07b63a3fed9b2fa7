"""The named rules that read a question and pick the event and field it asks for (sentences written for these
tests; no article's text)."""

from __future__ import annotations

import pytest

from tests.unit.ask_dossier import ask_found, dossier_index, evidence
from tradetalks.model import (
    Entity,
    Event,
    Evidence,
    Participant,
    Role,
    TariffFacts,
)
from tradetalks.serve.answers import same_day
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.question import countries_named, parse_question

TEXTS = {
    "https://b.example.vn/thep": "Nhà Trắng nâng thuế thép và nhôm nhập khẩu lên 50% từ đầu tháng Sáu.",
    "https://b.example.vn/thue-chung": "Mức thuế 46% với hàng Việt Nam gây lo ngại; ngành thép cũng bị ảnh hưởng.",
    "https://b.example.vn/thue-moi": "Theo thỏa thuận mới, hàng Việt Nam chịu thuế 20%.",
    "https://b.example.vn/tam-hoan": "Trong 90 ngày tạm hoãn, mức thuế cơ bản 10% được áp dụng.",
    "https://b.example.vn/my-trung": "Vòng ba giữa Mỹ và Trung Quốc họp ở Stockholm, ông Bessent và ông Hà dẫn đoàn.",
    "https://b.example.vn/hiep-dinh": "Hai nước ký hiệp định thương mại song phương ngày 14/7/2000 tại Washington.",
    "https://b.example.vn/hiep-dinh-nam": "Hiệp định thương mại song phương năm 2000 mở cửa thị trường hai nước.",
    "https://b.example.vn/an-do": "Tháng 2/2026, sau cuộc gọi giữa hai lãnh đạo, thuế với hàng Ấn Độ còn 18%.",
    "https://b.example.vn/an-do-cu": "Tháng 8/2025, Mỹ nâng thuế với hàng Ấn Độ lên 50%.",
}


def _ev(url: str, quote: str) -> Evidence:
    return evidence(TEXTS, url, quote)


@pytest.fixture(scope="module")
def index() -> DossierIndex:
    mt = "https://b.example.vn/my-trung"
    role = [Role("Phó Thủ tướng", None, "2025-07-01", "2025-07-30", [_ev(mt, "ông Hà")], "Vice Premier")]
    entities = [
        Entity("p-bessent", "person", "Scott Bessent", side="US"),
        Entity("p-ha", "person", "Hà Lập Phong", side="other", roles=role),
    ]
    vn, us_cn = "vn-us-reciprocal", "talks:hoa-ky+trung-quoc"
    events = [
        Event(
            "tariff_action",
            [_ev("https://b.example.vn/thep", "thuế thép và nhôm nhập khẩu lên 50%")],
            negotiation="sector-tariffs-steel",
            start="2025-06-04",
            rate=0.5,
            id="steel",
            tariff=TariffFacts(scope="steel_aluminium"),
        ),
        Event(
            "tariff_action",
            [
                _ev(
                    "https://b.example.vn/thue-chung",
                    "Mức thuế 46% với hàng Việt Nam gây lo ngại; ngành thép cũng bị ảnh hưởng.",
                )
            ],
            negotiation=vn,
            start="2025-04-02",
            rate=0.46,
            id="t46",
        ),
        Event(
            "tariff_action",
            [_ev("https://b.example.vn/thue-moi", "hàng Việt Nam chịu thuế 20%")],
            negotiation=vn,
            start="2025-07-02",
            rate=0.2,
            id="t20",
        ),
        Event(
            "tariff_action",
            [_ev("https://b.example.vn/tam-hoan", "mức thuế cơ bản 10%")],
            negotiation=vn,
            start="2025-04-09",
            rate=0.1,
            id="t10",
            tariff=TariffFacts(scope="baseline"),
        ),
        Event(
            "negotiation_round",
            [_ev(mt, "Vòng ba giữa Mỹ và Trung Quốc")],
            negotiation=us_cn,
            ordinal=3,
            start="2025-07-28",
            location="Stockholm",
            id="uc3",
            participants=[Participant("p-bessent", "US"), Participant("p-ha", "VN")],
        ),
        Event(
            "agreement",
            [_ev("https://b.example.vn/hiep-dinh-nam", "Hiệp định thương mại song phương năm 2000")],
            negotiation="us-vn-bta",
            start="2000",
            id="bta-year",
        ),
        Event(
            "agreement",
            [_ev("https://b.example.vn/hiep-dinh", "ký hiệp định thương mại song phương ngày 14/7")],
            negotiation="us-vn-bta",
            start="2000-07-14",
            id="bta-day",
        ),
        Event(
            "tariff_action",
            [_ev("https://b.example.vn/an-do", "thuế với hàng Ấn Độ còn 18%")],
            negotiation="tariffs-on-an-do",
            start="2026-02-02",
            rate=0.18,
            id="in18",
            tariff=TariffFacts(country="Ấn Độ"),
        ),
        Event(
            "tariff_action",
            [_ev("https://b.example.vn/an-do-cu", "nâng thuế với hàng Ấn Độ lên 50%")],
            negotiation="tariffs-on-an-do",
            start="2025-08",
            rate=0.5,
            id="in50",
            tariff=TariffFacts(country="Ấn Độ"),
        ),
    ]
    return dossier_index(TEXTS, "2026-03-01", entities, events, title="Tin thử")


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("Phiên đàm phán đầu tiên giữa hai nước diễn ra ở đâu?", 1),  # first_named
        ("Vòng đàm phán thương mại giữa Mỹ và Trung Quốc thứ 3 họp ở đâu?", 3),  # the number far from "vòng"
        ("Vòng đàm phán diễn ra ngày 12 tháng 11 ở đâu?", None),  # a day is no round number
    ],
)
def test_rule_first_named_and_ordinal_reach(question: str, ordinal: int | None) -> None:
    assert parse_question(question).ordinal == ordinal


@pytest.mark.parametrize(
    ("question", "negotiation"),
    [
        ("Vòng đàm phán Mỹ – Trung thứ ba diễn ra ở đâu?", "talks:hoa-ky+trung-quoc"),
        ("Where was round 3 of the US-China talks?", "talks:hoa-ky+trung-quoc"),
        ("Mỹ và Trung Quốc gặp nhau ở Thụy Điển khi nào?", "talks:hoa-ky+trung-quoc"),  # a place is no party
        ("Vòng đàm phán Việt Nam – Hoa Kỳ thứ hai diễn ra khi nào?", None),  # Việt Nam's talks: the default
        ("Phó Thủ tướng Hồ Đức Phớc gặp ai?", None),  # "Đức" inside a person's name is no Germany
    ],
)
def test_rule_foreign_talks_named(question: str, negotiation: str | None) -> None:
    assert parse_question(question).negotiation == negotiation


def test_country_names_keep_their_marks() -> None:
    assert "Bỉ" not in countries_named("Hàng hóa bị đánh thuế bao nhiêu?")
    assert "Bỉ" in countries_named("Hàng của Bỉ và Pháp chịu thuế bao nhiêu?")


@pytest.mark.parametrize(
    ("question", "rate_question"),
    [
        ("Phiên đàm phán đầu tiên về thuế đối ứng diễn ra ở đâu?", False),  # event_over_rate
        ("Thỏa thuận thuế quan được ký khi nào?", False),
        ("Theo thỏa thuận ngày 2/7, mức thuế là bao nhiêu?", True),  # an amount asked
        ("Thuế đối ứng 20% có hiệu lực từ ngày nào?", True),  # no event named: the rate's own day
    ],
)
def test_rule_event_over_rate(question: str, rate_question: bool) -> None:
    assert ("tariff_rate" in parse_question(question).intents) is rate_question


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("Mỹ áp thuế bao nhiêu với hàng Ấn Độ tháng 2/2026?", "2026-02"),
        ("What tariff did the US set on Indian goods in February 2026?", "2026-02"),
        ("Ông Tân gặp ai ngày 12/11?", "--11-12"),  # a day stays a day
        ("Ông Tân gặp ai ngày 5 tháng 3 năm 2026?", "2026-03-05"),
    ],
)
def test_rule_month_asked(question: str, date: str) -> None:
    assert parse_question(question).date == date


def test_month_is_met_by_day_and_month_events() -> None:
    assert same_day(Event("call", [], start="2026-02-02"), "2026-02")
    assert same_day(Event("call", [], start="2026-02"), "2026-02")
    assert not same_day(Event("call", [], start="2026-03-01"), "2026-02")
    assert same_day(Event("call", [], start="2025-11-12"), "--11-12")  # "--11-12" is a day, not a month


def test_rule_side_word() -> None:
    assert parse_question("Who led the Chinese side at the US-China round 3?").side == "other"
    assert parse_question("Ai dẫn đầu phía Mỹ trong đàm phán với Trung Quốc?").side == "US"


_ask = ask_found


def test_rule_scope_over_talks(index: DossierIndex) -> None:
    answer = _ask(index, "Mỹ đánh thuế bao nhiêu với thép nhập khẩu?")
    assert answer["events"] == ["steel"] and answer["answer"].startswith("Mức thuế 50%")


def test_rule_scope_told_with_rate(index: DossierIndex) -> None:
    # "thép" stands in the 46% report after the rate's own clause: the 46% is still a rate on all goods
    answer = _ask(index, "Ngày 2/4/2025 Mỹ công bố mức thuế bao nhiêu với hàng Việt Nam?")
    assert answer["events"] == ["t46"]


def test_rule_date_before_all_goods(index: DossierIndex) -> None:
    answer = _ask(index, "On 9 April 2025, what tariff did Vietnamese goods face during the pause?")
    assert answer["events"] == ["t10"]


def test_rule_month_asked_picks_the_rate_of_that_month(index: DossierIndex) -> None:
    answer = _ask(index, "Mức thuế Mỹ áp với hàng Ấn Độ sau thỏa thuận tháng 2/2026 là bao nhiêu?")
    assert answer["events"] == ["in18"] and "50%" not in answer["answer"]


def test_rule_day_asked(index: DossierIndex) -> None:
    answer = _ask(index, "Hiệp định Thương mại song phương Việt Nam - Hoa Kỳ được ký ngày nào?")
    assert answer["events"] == ["bta-day"] and "14/7/2000" in answer["answer"]


def test_rule_head_side_and_lead(index: DossierIndex) -> None:
    answer = _ask(index, "Who led the Chinese side at the third round of the US-China talks?")
    assert answer["entities"] == ["p-ha"], "the person's own side, whatever one sentence made of it"
    assert answer["answer"].startswith("Hà Lập Phong"), "the person asked for leads the answer"
    both = _ask(index, "Who headed the delegations at the third round of the US-China talks?")
    assert both["entities"] == ["p-bessent", "p-ha"]
    assert both["answer"].startswith("Scott Bessent")


def test_answer_cites_outlet_date_and_title(index: DossierIndex) -> None:
    source = _ask(index, "Mỹ đánh thuế bao nhiêu với thép nhập khẩu?")["sources"][0]
    assert (source["outlet"], source["published"], source["title"]) == ("Báo Thử", "2026-03-01", "Tin thử")


def test_printed_source_reads_outlet_date_title(index: DossierIndex) -> None:
    from rich.console import Console

    from tradetalks.serve.ask import print_answer

    console = Console(record=True, width=200)
    print_answer(_ask(index, "Mỹ đánh thuế bao nhiêu với thép nhập khẩu?"), console)
    assert "Báo Thử · 2026-03-01 · Tin thử" in console.export_text()
