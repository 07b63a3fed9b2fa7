"""Named rules of the second pass over real-news questions: every person named, the event that holds what is
asked, the negotiation's own events, what comes next, where talks stand, who holds a title (sentences written for
these tests; no article's text)."""

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
    article_id,
)
from tradetalks.serve.ask import answer_from_index
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.question import parse_question

TEXTS = {
    "https://c.example.vn/goi": "Tối qua, Chủ tịch An gọi điện cho Tổng thống Bell về thuế quan và đầu tư.",
    "https://c.example.vn/gap": "Chủ tịch An và Tổng thống Bell hội đàm tại Nhà Trắng sáng 20/2.",
    "https://c.example.vn/vong": "Vòng thứ 6 của hiệp định với châu Âu kết thúc; vòng 7 dự kiến họp ở Huế.",
    "https://c.example.vn/khoi-dong": "Việt Nam và khối Mercosur tuyên bố khởi động đàm phán tối 20/12.",
    "https://c.example.vn/bo-truong": "Bộ trưởng Tài chính Hoa Kỳ Lee và Bộ trưởng Thương mại Hoa Kỳ Kim dự họp.",
    "https://c.example.vn/quoc-phong": "Bộ trưởng Quốc phòng Hải tiếp khách.",
    "https://c.example.vn/dai-su": "Ông Lee, nay là Đại sứ, từng giữ chức Bộ trưởng Tài chính.",
    "https://c.example.vn/an-do": "Tổng thống Bell và Thủ tướng Raj nói chuyện qua điện thoại ngày 2/2.",
    "https://c.example.vn/hieu-luc": "Mức thuế 20% với hàng Việt Nam có hiệu lực từ ngày 7/8.",
}


def _ev(url: str, quote: str) -> Evidence:
    return evidence(TEXTS, url, quote)


def _role(title: str, org: str, url: str, quote: str) -> list[Role]:
    return [Role(title, org, "2025-01-01", "2026-03-01", [_ev(url, quote)], None)]


@pytest.fixture(scope="module")
def index() -> DossierIndex:
    bt = "https://c.example.vn/bo-truong"
    entities = [
        Entity("p-an", "person", "Trần Văn An", side="VN"),
        Entity("p-bell", "person", "Tom Bell", side="US"),
        Entity("o-tc", "organization", "Bộ Tài chính Hoa Kỳ", side="US"),
        Entity("o-tm", "organization", "Bộ Thương mại Hoa Kỳ", side="US"),
        Entity("o-qp", "organization", "Bộ Quốc phòng", side="VN"),
        Entity(
            "p-lee",
            "person",
            "Sam Lee",
            side="US",
            roles=[
                Role("Bộ trưởng", "o-tc", "2025-01-01", "2025-06-30", [_ev(bt, "Bộ trưởng Tài chính")], "Secretary"),
                Role("Đại sứ", None, "2025-09-01", "2026-03-01", [_ev("https://c.example.vn/dai-su", "Đại sứ")], None),
            ],
        ),
        Entity("p-raj", "person", "Raj Mehta", side="other"),
        Entity("p-kim", "person", "Ann Kim", side="US", roles=_role("Bộ trưởng", "o-tm", bt, "Bộ trưởng Thương mại")),
        Entity(
            "p-hai",
            "person",
            "Lê Hải",
            side="VN",
            roles=_role("Bộ trưởng", "o-qp", "https://c.example.vn/quoc-phong", "Bộ trưởng Quốc phòng"),
        ),
    ]
    vn, eu = "vn-us-reciprocal", "vn-eu-fta"
    both = [Participant("p-an", "VN"), Participant("p-bell", "US")]
    events = [
        Event(
            "call",
            [_ev("https://c.example.vn/goi", "Chủ tịch An gọi điện cho Tổng thống Bell")],
            negotiation=vn,
            start="2026-02-10",
            participants=list(both),
            id="call",
        ),
        Event(
            "meeting",
            [_ev("https://c.example.vn/gap", "Chủ tịch An và Tổng thống Bell hội đàm tại Nhà Trắng")],
            negotiation=vn,
            start="2026-02-20",
            location="Nhà Trắng",
            participants=list(both),
            id="meet",
        ),
        Event(
            "negotiation_round",
            [_ev("https://c.example.vn/vong", "Vòng thứ 6 của hiệp định với châu Âu")],
            negotiation=eu,
            ordinal=6,
            start="2014-01-17",
            id="eu6",
        ),
        Event(
            "negotiation_round",
            [_ev("https://c.example.vn/vong", "vòng 7 dự kiến họp ở Huế")],
            negotiation=eu,
            ordinal=7,
            start="2014-03-17",
            location="Huế",
            status="planned",
            id="eu7",
        ),
        Event(
            "call",
            [_ev("https://c.example.vn/an-do", "nói chuyện qua điện thoại ngày 2/2")],
            negotiation="talks:an-do+hoa-ky",
            start="2026-02-02",
            participants=[Participant("p-bell", "US"), Participant("p-raj", "other")],
            id="bell-raj",
        ),
        Event(
            "tariff_action",
            [_ev("https://c.example.vn/hieu-luc", "Mức thuế 20% với hàng Việt Nam")],
            negotiation=vn,
            rate=0.2,
            tariff=TariffFacts(country="Việt Nam", effective="2025-08-07"),
            id="t20",
        ),
        Event(
            "agreement",
            [_ev("https://c.example.vn/khoi-dong", "tuyên bố khởi động đàm phán tối 20/12")],
            negotiation="vn-mercosur",
            start="2025-12-20",
            id="launch",
        ),
    ]
    return dossier_index(TEXTS, "2026-03-01", entities, events)


_ask = ask_found


def test_rule_every_name_and_own_kind_and_place_asked(index: DossierIndex) -> None:
    # both people are named (the longer name does not hide "Bell"); "hội đàm" asks for the meeting, not the
    # call; "ở đâu" wants the event that has a place
    answer = _ask(index, "Chủ tịch Trần Văn An hội đàm với Tổng thống Bell ở đâu?")
    assert answer["events"] == ["meet"] and "Nhà Trắng" in answer["answer"]
    assert _ask(index, "Chủ tịch Trần Văn An điện đàm với Tổng thống Bell khi nào?")["events"] == ["call"]


def test_rule_next_after_and_next_planned(index: DossierIndex) -> None:
    assert parse_question("Sau vòng 6, vòng tiếp theo diễn ra khi nào?").ordinal == 7
    assert _ask(index, "Sau vòng 6 EVFTA, vòng tiếp theo họp ở đâu?")["events"] == ["eu7"]
    nxt = _ask(index, "Vòng đàm phán EVFTA tiếp theo diễn ra khi nào?")
    assert nxt["events"] == ["eu7"] and "17/3/2014" in nxt["answer"]


def test_rule_talks_event(index: DossierIndex) -> None:
    answer = _ask(index, "Việt Nam và Mercosur khởi động đàm phán khi nào?")
    assert answer["events"] == ["launch"] and "20/12/2025" in answer["answer"]


def test_rule_status_latest(index: DossierIndex) -> None:
    answer = _ask(index, "Đàm phán EVFTA đang ở giai đoạn nào?")
    assert answer["kind"] == "status" and answer["events"] == ["eu6", "eu7"]
    assert answer["answer"].startswith("Vòng đàm phán thứ 6"), "the latest step leads, the next one follows"


def test_rule_holder_with_org_and_side(index: DossierIndex) -> None:
    answer = _ask(index, "Ai là Bộ trưởng Tài chính Hoa Kỳ?")
    assert answer["entities"] == ["p-lee"] and answer["answer"].startswith("Sam Lee")
    assert _ask(index, "Ai là Bộ trưởng Thương mại Mỹ?")["entities"] == ["p-kim"]
    assert _ask(index, "Ai là Bộ trưởng Quốc phòng Việt Nam?")["entities"] == ["p-hai"]
    assert not answer_from_index(index, "Ai là Bộ trưởng của Nhật Bản?")["found"], "no minister of that side"


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        ("Mỹ áp thuế bao nhiêu với tủ bếp nhập khẩu?", "wood_furniture"),  # goods_named
        ("Thuế với ô tô nhập khẩu là bao nhiêu?", "autos"),
        ("Thuế với nhóm hàng điện tử là bao nhiêu?", None),  # "nhóm" is no aluminium
        ("Hàng hóa chịu thuế bao nhiêu?", None),
    ],
)
def test_rule_goods_named(question: str, scope: str | None) -> None:
    assert parse_question(question).scope == scope


def test_country_adjectives_name_the_country() -> None:
    assert "nhat ban" in parse_question("What tariff does the US put on Japanese goods?").countries


def test_rule_title_at_date(index: DossierIndex) -> None:
    answer = _ask(index, "Ông Sam Lee giữ chức vụ gì vào tháng 10/2025?")
    assert answer["answer"].startswith("Sam Lee: Đại sứ"), "the title held then"
    assert "Bộ trưởng" not in answer["answer"], "not the one held before"
    assert "Bộ trưởng" in _ask(index, "Ông Sam Lee giữ chức vụ gì?")["answer"], "no period asked: every title"
    assert _ask(index, "What title did Sam Lee hold in March 2025?")["answer"].startswith("Sam Lee: Secretary")


def test_rule_holder_title_with_org_in_english(index: DossierIndex) -> None:
    assert _ask(index, "Who is the US Secretary of the Treasury?")["entities"] == ["p-lee"]


def test_rule_people_pin_event(index: DossierIndex) -> None:
    answer = _ask(index, "When did President Tom Bell and Prime Minister Raj Mehta speak by phone?")
    assert answer["events"] == ["bell-raj"] and "2026-02-02" in answer["answer"]


def test_rule_rate_on_effective(index: DossierIndex) -> None:
    answer = _ask(index, "Hàng Việt Nam chịu thuế bao nhiêu kể từ ngày 7/8/2025?")
    assert answer["events"] == ["t20"] and answer["answer"].startswith("Mức thuế 20%")


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("Vòng hai diễn ra khi nào?", 2),  # number_word_after
        ("When was round two held?", 2),
        ("Vòng năm 2025 diễn ra khi nào?", None),  # a year, not round five
        ("Vòng từ ngày 12 đến 14 diễn ra ở đâu?", None),  # "từ" is "from"
    ],
)
def test_rule_number_word_after(question: str, ordinal: int | None) -> None:
    assert parse_question(question).ordinal == ordinal


@pytest.mark.parametrize(
    ("question", "rate", "amount", "rate_question"),
    [
        ("Mỹ công bố mức thuế 46% khi nào?", 0.46, False, True),  # rate_named
        ("When did the 20 percent rate take effect?", 0.2, False, True),
        ("Thuế giảm từ 46% xuống bao nhiêu?", 0.46, True, True),  # the named rate is context: an amount is asked
        ("Vòng 5 diễn ra khi nào?", None, False, False),
    ],
)
def test_rule_rate_named(question: str, rate: float | None, amount: bool, rate_question: bool) -> None:
    q = parse_question(question)
    assert (q.rate, q.amount, "tariff_rate" in q.intents) == (rate, amount, rate_question)


def test_rule_date_asked_of_rate(index: DossierIndex) -> None:
    answer = _ask(index, "Khi nào mức thuế 20% với hàng Việt Nam có hiệu lực?")
    assert answer["events"] == ["t20"] and answer["answer"].startswith("Từ 7/8/2025"), "the day asked leads"
    assert _ask(index, "When did the 20% rate take effect?")["answer"].startswith("From 2025-08-07")


def test_rule_people_event(index: DossierIndex) -> None:
    answer = _ask(index, "Chủ tịch Trần Văn An và Tổng thống Tom Bell gặp nhau ở đâu?")
    assert answer["events"] == ["meet"], "the people named pin their encounter when no kind is named"


def test_rule_english_with_names() -> None:
    assert parse_question("Which topics did Tô Lâm and Trump discuss?").lang == "en"
    assert parse_question("Tô Lâm gặp ai?").lang == "vi"


def _round_told(quote: str) -> DossierIndex:
    url = "https://c.example.vn/doan"
    entities = [
        Entity("p-khoa", "person", "Đỗ Minh Khoa"),  # no side, no title known
        Entity("p-lan", "person", "Phan Thị Lan", side="VN"),
        Entity("p-rao", "person", "Kiri Rao", side="other"),
    ]
    event = Event(
        "negotiation_round",
        [Evidence(article_id(url), 0, len(quote), quote)],
        negotiation="vn-eu-fta",
        ordinal=3,
        start="2014-05-05",
        participants=[Participant("p-lan", "VN"), Participant("p-khoa", None), Participant("p-rao", None)],
        id="r3",
    )
    return dossier_index({url: quote}, "2014-05-06", entities, [event])


@pytest.mark.parametrize(
    ("quote", "head"),
    [
        ("Đoàn Việt Nam do Vụ trưởng Đỗ Minh Khoa dẫn đầu, cùng bà Phan Thị Lan.", "p-khoa"),  # head_told
        ("The Vietnamese delegation was led by Do Minh Khoa, with Phan Thi Lan.", "p-khoa"),
        ("Ông Đỗ Minh Khoa và bà Phan Thị Lan dự vòng ba.", "p-lan"),  # nothing told: the known side decides
    ],
)
def test_rule_head_told(quote: str, head: str) -> None:
    index = _round_told(quote)
    answer = _ask(index, "Ai dẫn đầu đoàn Việt Nam tại vòng đàm phán thứ 3 EVFTA?")
    assert answer["entities"] == [head]


def test_rule_head_named() -> None:
    url = "https://c.example.vn/khoi-dau"
    quote = (
        "Tối qua, Bộ trưởng, Trưởng đoàn đàm phán Chính phủ Lê Văn Tám điện đàm với ông Dale Ross; "
        "Phó trưởng đoàn Hồ Văn Ba cũng dự, và Phó trưởng đoàn Hồ Văn Ba phát biểu."
    )
    entities = [
        Entity(
            "p-tam", "person", "Lê Văn Tám", side="VN", roles=[Role("Bộ trưởng", None, "2025-04-01", None, [], None)]
        ),
        Entity("p-ross", "person", "Dale Ross", side="US"),
        Entity("p-ba", "person", "Hồ Văn Ba", side="VN"),
    ]
    event = Event(
        "call",
        [Evidence(article_id(url), 0, len(quote), quote)],
        negotiation="vn-us-reciprocal",
        start="2025-04-20",
        participants=[Participant("p-tam", "VN"), Participant("p-ross", "US"), Participant("p-ba", "VN")],
        id="c",
    )
    index = dossier_index({url: quote}, "2025-04-21", entities, [event])
    answer = _ask(index, "Ai là trưởng đoàn đàm phán của Việt Nam?")
    assert answer["entities"] == ["p-tam"] and answer["answer"].startswith("Bộ trưởng Lê Văn Tám")
    assert not answer_from_index(index, "Who is the head of the US delegation?")["found"], "nobody calls Ross so"
