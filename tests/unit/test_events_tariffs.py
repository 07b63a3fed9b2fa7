"""Tariff rates as a reader sees them: each rate with whose goods, which goods, when it was told and from when it
applies, and the talks it belongs to (sentences written for these tests, public facts in own words)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.extract.events.draft import Draft
from tradetalks.extract.events.known_rates import known_tariffs, parse_steps, tariff_steps
from tradetalks.extract.events.merge import merge_drafts
from tradetalks.extract.events.rates import check_groups
from tradetalks.model import VN_US_RECIPROCAL, Article, Event, TariffFacts
from tradetalks.pipeline import default_pipeline

#: (rule, text, publication date, expected tariff events: Event fields, and ``tariff`` facts as a dict)
CASES: list[tuple[str, str, str | None, list[dict[str, Any]]]] = [
    (
        "effective date",
        "Hôm 2/4/2025, Nhà Trắng công bố mức thuế đối ứng 46% với hàng hóa nhập khẩu từ Việt Nam, "
        "có hiệu lực từ ngày 9/4/2025.",
        None,
        [
            {
                "rate": 0.46,
                "start": "2025-04-02",
                "status": "held",
                "negotiation": VN_US_RECIPROCAL,
                "tariff": {"country": "Việt Nam", "effective": "2025-04-09", "action": "announced"},
            }
        ],
    ),
    (
        "effective date",
        "Mỹ sẽ áp thuế 25% với ô tô nhập khẩu kể từ ngày 3/4/2025.",
        None,
        [{"rate": 0.25, "start": None, "tariff": {"scope": "autos", "effective": "2025-04-03"}}],
    ),
    (
        "known step",  # the day it applies from is not the day told; told in force, it is the in-force step (9/4)
        "Ngày 9/4/2025, thuế đối ứng của Mỹ chính thức có hiệu lực với hàng Việt Nam ở mức 46%.",
        None,
        [{"rate": 0.46, "start": "2025-04-09", "tariff": {"effective": "2025-04-09"}}],
    ),
    (
        "known announcement",  # a well-known rate told without its day: the day it was announced
        "Các nhà xuất khẩu Việt Nam từng đứng trước nguy cơ chịu mức thuế đối ứng 46% khi bán hàng sang Mỹ.",
        "2025-06-10",
        [{"rate": 0.46, "start": "2025-04-02", "tariff": {"country": "Việt Nam"}}],
    ),
    (
        "known announcement",  # never for an article written before that day
        "Các nhà xuất khẩu Việt Nam từng đứng trước nguy cơ chịu mức thuế đối ứng 46% khi bán hàng sang Mỹ.",
        "2024-06-10",
        [{"rate": 0.46, "start": None}],
    ),
    (
        "known announcement",  # a rate of the Viet Nam–US talks naming no goods is on Viet Nam's goods
        "Việt Nam và Hoa Kỳ đang đàm phán Hiệp định Thương mại đối ứng. Mức thuế đối ứng 46% từng khiến nhiều "
        "doanh nghiệp lo ngại.",
        "2025-06-01",
        [{"rate": 0.46, "start": "2025-04-02", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "known announcement",  # a rate of nobody's goods and no talks: whose it is is unsaid
        "Mức thuế đối ứng 46% từng khiến nhiều doanh nghiệp lo ngại.",
        "2025-06-01",
        [{"rate": 0.46, "start": None}],
    ),
    (
        "known announcement",  # another country's known rate
        "Hàng hóa Campuchia bị Mỹ áp thuế 49%, cao hơn nhiều nước trong khu vực.",
        None,
        [{"rate": 0.49, "start": "2025-04-02", "tariff": {"country": "Campuchia"}}],
    ),
    (
        "known announcement",  # a rate the table does not know keeps no day
        "Hàng hóa Campuchia bị Mỹ áp thuế 37%, cao hơn nhiều nước trong khu vực.",
        None,
        [{"rate": 0.37, "start": None}],
    ),
    (
        "effective date",  # a day before "trước khi … có hiệu lực" is when the pause was announced
        "Ngày 9/4/2025, vài giờ trước khi các mức thuế riêng có hiệu lực, Mỹ thông báo tạm hoãn áp thuế đối ứng "
        "với Việt Nam.",
        None,
        [{"rate": None, "start": "2025-04-09", "tariff": {"effective": None, "action": "suspended"}}],
    ),
    (
        "effective date",  # the first day of a period told is the measure's day, not a day it applies from
        "Mỹ tiếp tục tạm dừng mức thuế 24% đối với hàng hóa Trung Quốc trong 90 ngày kể từ ngày 12/8/2025.",
        None,
        [{"rate": 0.24, "start": "2025-08-12", "tariff": {"effective": None, "country": "Trung Quốc"}}],
    ),
    (
        "effective date",  # the rate leading the sentence has the day it applies from; the older one its own day
        "Từ ngày 7/8/2025, hàng Việt Nam vào Mỹ chịu thuế đối ứng 20%, thấp hơn nhiều so với mức 46% công bố "
        "hôm 2/4/2025.",
        None,
        [
            # rule known_step: a bare "từ" names the day it applies from, no word of the order or of its force
            {"rate": 0.2, "start": None, "tariff": {"effective": "2025-08-07"}},
            {"rate": 0.46, "start": "2025-04-02", "negotiation": VN_US_RECIPROCAL, "tariff": {"effective": None}},
        ],
    ),
    (
        "whose goods",  # "46% lên hàng hóa …": the rate put onto goods, not a move from 46% to another rate
        "Ngày 2/4/2025, Mỹ công bố áp thuế đối ứng 46% lên hàng hóa nhập khẩu từ Việt Nam.",
        None,
        [{"rate": 0.46, "start": "2025-04-02", "negotiation": VN_US_RECIPROCAL, "tariff": {"country": "Việt Nam"}}],
    ),
    (
        "whose goods",
        "Theo sắc lệnh mới, hàng hóa của Hàn Quốc vào Mỹ chịu thuế đối ứng 15%, thấp hơn mức 25% công bố hồi tháng 4.",
        "2025-08-02",
        [
            {"rate": 0.15, "negotiation": "tariffs-on-han-quoc", "tariff": {"country": "Hàn Quốc"}},
            {"rate": 0.25, "start": "2025-04", "negotiation": "tariffs-on-han-quoc", "tariff": {"country": "Hàn Quốc"}},
        ],
    ),
    (
        "whose goods",  # the country of a news agency, in brackets, bears no tariff
        "Theo hãng tin Reuters (Anh), Mỹ tạm hoãn áp thuế đối ứng trong 90 ngày kể từ ngày 10/4/2025.",
        "2025-04-10",
        [{"rate": None, "tariff": {"country": None, "action": "suspended"}}],
    ),
    (
        "whose talks",
        "Liên minh châu Âu áp thuế chống bán phá giá 20% với thép Việt Nam.",
        None,
        [{"rate": 0.2, "tariff": {"country": "Việt Nam", "scope": "trade_remedy"}}],
    ),
    (
        "scope",
        "Theo thỏa thuận, hàng Việt Nam vào Mỹ chịu thuế 20%, còn hàng trung chuyển qua Việt Nam chịu 40%.",
        None,
        [{"rate": 0.2, "tariff": {"scope": None}}, {"rate": 0.4, "tariff": {"scope": "transshipment"}}],
    ),
    (
        "rates given as examples",
        "Mỹ đã hạ thuế đối ứng với nhiều đối tác, như Việt Nam còn 20%, Thái Lan 19% và Lào 40%.",
        "2025-08-02",
        [{"rate": 0.2, "negotiation": VN_US_RECIPROCAL, "tariff": {"country": "Việt Nam"}}],
    ),
    (
        "announcement date",  # a later cue of the sentence ("như thỏa thuận") does not take the rate's day
        "Theo phụ lục, hàng Nhật Bản chịu thuế 15%, thấp hơn mức 25% công bố hôm 2/4/2025, như thỏa thuận.",
        "2025-08-01",
        [
            {"rate": 0.15, "negotiation": "tariffs-on-nhat-ban"},
            {"rate": 0.25, "start": "2025-04-02", "negotiation": "tariffs-on-nhat-ban"},
        ],
    ),
    (
        "rate difference",  # "giảm 10% so với …" says how much a rate moved
        "Mỹ áp thuế 20% với hàng Việt Nam, giảm 26% so với mức công bố ban đầu.",
        "2025-08-01",
        [{"rate": 0.2, "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "question",
        "Sau thỏa thuận, hàng Việt Nam xuất sang Mỹ sẽ chịu mức thuế đối ứng bao nhiêu phần trăm, 15% hay 20%?",
        None,
        [],
    ),
    (
        "a tariff without its rate",  # a state of affairs, no day, no suspension: no event
        "Việt Nam thuộc nhóm các nước bị Mỹ áp thuế đối ứng cao nhất.",
        None,
        [],
    ),
    (
        "a tariff without its rate",
        "Mỹ tạm hoãn áp thuế đối ứng với hàng hóa Trung Quốc.",
        None,
        [{"rate": None, "tariff": {"country": "Trung Quốc", "action": "suspended"}}],
    ),
    (
        "a tariff without its rate",  # a topic the two sides discussed, not a measure taken
        "Hai bên đã thảo luận nhiều chủ đề, bao gồm việc Mỹ gia hạn tạm dừng áp thuế với hàng Trung Quốc.",
        None,
        [],
    ),
    (
        "transshipment origin",  # goods routed through from China bear the rate of the country they leave
        "Theo thỏa thuận mới, hàng trung chuyển có xuất xứ từ Trung Quốc sẽ chịu thuế 40%.",
        "2025-07-03",
        [{"rate": 0.4, "tariff": {"country": None, "scope": "transshipment"}}],
    ),
    (
        "a tariff without its rate",  # the rate in force before, still applied to goods at sea
        "Hàng hóa đã xếp lên tàu trước ngày 7/8/2025 vẫn được áp dụng mức thuế cũ khi nhập khẩu vào Mỹ.",
        None,
        [],
    ),
    (
        "whose goods",  # "dành cho Việt Nam": the goods the rate is set for, carried to the next rate of the sentence
        "Mức thuế đối ứng Mỹ đặt ra cho các đối tác, dành cho Việt Nam là 20%, thấp hơn con số ban đầu là 46%.",
        None,
        [{"rate": 0.2, "tariff": {"country": "Việt Nam"}}, {"rate": 0.46, "tariff": {"country": "Việt Nam"}}],
    ),
    (
        "sector tariff",
        "Ngày 26/9/2025, Mỹ tuyên bố áp thuế 50% với tủ bếp và đồ nội thất nhập khẩu, trong đó có hàng Việt Nam.",
        None,
        [{"rate": 0.5, "start": "2025-09-26", "negotiation": "sector-tariffs-wood-furniture"}],
    ),
    (
        "sector tariff",  # called reciprocal: the country rate, whatever goods the clause names
        "Đồ gỗ Việt Nam xuất sang Mỹ chịu thuế đối ứng 20%.",
        None,
        [{"rate": 0.2, "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "rate range",  # a range of rates gives the tariff no single rate
        "Ngày 26/9/2025, Mỹ tuyên bố áp thuế từ 30-50% với hàng hóa Trung Quốc.",
        None,
        [{"rate": None, "start": "2025-09-26", "negotiation": "tariffs-on-trung-quoc"}],
    ),
    (
        "compared date",  # the date of the figure compared with is not the rate's; the order's annex is its step
        "Theo phụ lục của sắc lệnh, hàng hóa Việt Nam chịu mức thuế 20%, khớp với con số Tổng thống Mỹ đưa ra hôm "
        "2/7/2025.",
        "2025-08-01",
        [{"rate": 0.2, "start": "2025-07-31", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "baseline tariff",  # a floor rate on every partner's goods is no rate of Viet Nam's talks
        "Ngày 3/4/2025, Mỹ công bố sẽ áp thuế cơ bản 10% lên hàng hóa nhập khẩu của tất cả các quốc gia.",
        None,
        [{"rate": 0.1, "start": "2025-04-03", "negotiation": "baseline-tariffs", "tariff": {"scope": "baseline"}}],
    ),
    (
        "baseline tariff",  # called reciprocal in its clause: left to the rules that follow
        "Ngày 3/4/2025, Mỹ công bố mức thuế đối ứng 10% với hàng hóa nhập khẩu từ tất cả các nước.",
        None,
        [{"rate": 0.1, "negotiation": None}],
    ),
    (
        "sector tariff",  # one sector's goods exempted from the reciprocal tariff, no country's goods named
        "Chính quyền Mỹ cho biết sẽ miễn thuế đối ứng với điện thoại thông minh và máy tính xách tay nhập khẩu.",
        None,
        [{"rate": None, "negotiation": "sector-tariffs-electronics", "tariff": {"scope": "electronics"}}],
    ),
    (
        "rate range",  # a range told in words gives no rate either
        "Ngày 26/9/2025, Mỹ tuyên bố áp thuế từ 15% đến 40% với hàng hóa Trung Quốc.",
        None,
        [{"rate": None, "start": "2025-09-26", "negotiation": "tariffs-on-trung-quoc"}],
    ),
    (
        "told, then in force",
        "Mỹ công bố thuế 50% với thép và nhôm nhập khẩu, có hiệu lực từ ngày 4/6/2025.",
        "2025-06-03",
        [{"rate": 0.5, "status": "held", "tariff": {"scope": "steel_aluminium", "effective": "2025-06-04"}}],
    ),
]


@pytest.mark.parametrize(("rule", "text", "published", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tariff_rates(rule: str, text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    doc = default_pipeline()(Article(source="test.txt", text=text, published=published, id="a1"))
    tariffs = [e for e in doc.events if e.type == "tariff_action"]
    assert len(tariffs) == len(expected), (rule, [e.summary for e in doc.events])
    for ev, want in zip(tariffs, expected, strict=True):
        for field, value in want.items():
            if field == "tariff":
                assert ev.tariff is not None, rule
                for k, v in value.items():
                    assert getattr(ev.tariff, k) == v, (rule, k, ev.tariff)
            else:
                assert getattr(ev, field) == value, (rule, field, ev.summary)


def test_rate_of_another_country_is_never_vietnams() -> None:
    """Rule *whose talks*: Korea's rate in an article on Viet Nam's talks keeps Korea's key."""
    text = (
        "Việt Nam và Hoa Kỳ tiếp tục đàm phán Hiệp định Thương mại đối ứng. "
        "Trong khi đó, Mỹ áp mức thuế 15% với hàng hóa Hàn Quốc."
    )
    doc = check_events(text, None, [{"type": "tariff_action", "rate": 0.15, "negotiation": "tariffs-on-han-quoc"}])
    assert doc.events[0].negotiation != VN_US_RECIPROCAL


def test_tariff_groups_are_present() -> None:
    """A group the rules read that has no rows is an error when loaded, never "match nothing"."""
    check_groups()
    assert known_tariffs()[("Việt Nam", 4600, None)] == "2025-04-02"


def test_pause_told_again() -> None:
    """Rule ``pause_told_again``: a suspension named without rate or day is the article's dated, rated pause;
    a rate of another step is another measure."""
    doc = default_pipeline()(
        Article(source="t.txt", text="Ngày 9/4/2025, Mỹ hoãn áp thuế trong 90 ngày.", published=None, id="a1")
    )
    day = next(i for i, t in enumerate(doc.timexes) if t.value == "2025-04-09")

    def draft(rate: float | None, action: str, dated: bool) -> Draft:
        ev = Event(type="tariff_action", evidence=[], rate=rate, tariff=TariffFacts(action=action))
        return Draft(ev, timexes=[day] if dated else [])

    assert len(merge_drafts(doc, [draft(None, "suspended", False), draft(0.1, "suspended", True)])) == 1
    assert len(merge_drafts(doc, [draft(None, "suspended", True), draft(0.1, "suspended", True)])) == 2
    assert len(merge_drafts(doc, [draft(None, "imposed", False), draft(0.1, "suspended", True)])) == 2


def test_whole_number() -> None:
    """Rule ``whole_number``: a rate is read from its first digit, never from inside "50%" where the reading window
    of a later tariff cue happens to begin (60 characters before that cue)."""
    text = "Mỹ áp thuế 50% với tủ bếp nhập khẩu từ Việt Nam, mức cao nhất từ lâu và áp thuế 25% với đồ gỗ bọc nệm."
    assert text.index("áp thuế 25%") - 60 == text.index("50%") + 1  # the window begins at the "0" of "50%"
    doc = default_pipeline()(Article(source="t.txt", text=text, published="2025-09-27", id="a1"))
    assert [e.rate for e in doc.events if e.type == "tariff_action"] == [0.5, 0.25]


def test_percentage_read_whole_wherever_the_window_opens() -> None:
    """Rule *percentage read whole*: the rates near a tariff cue are sought in a window that may open inside a
    number told before it ("… 50% …"); the number is read whole or not at all, never as "0%"."""
    for pad in range(60):
        text = (
            f"Mỹ áp thuế 50% với đồ gỗ{' ' + 'x' * pad if pad else ''} của Việt Nam, quyết định áp thuế 25-50% "
            "khiến các xưởng lo lắng."
        )
        doc = default_pipeline()(Article(source="test.txt", text=text, published=None, id="a1"))
        rates = {e.rate for e in doc.events if e.type == "tariff_action"}
        assert 0.0 not in rates, (pad, [e.summary for e in doc.events])


#: (text, publication date, expected start of the one tariff told) for rule ``known_step``
STEP_CASES: list[tuple[str, str | None, str | None]] = [
    # told as announced: the day of the announcement
    (
        "Tổng thống Mỹ thông báo hàng hóa Việt Nam sẽ chịu mức thuế 20% khi vào thị trường Mỹ.",
        "2025-07-05",
        "2025-07-02",
    ),
    # told as in force: the record that put it in force
    ("Mỹ đã chính thức áp mức thuế 20% với hàng xuất khẩu của Việt Nam.", "2025-08-20", "2025-07-31"),
    ("Thuế đối ứng 20% với hàng Việt Nam có hiệu lực từ ngày 7/8/2025.", "2025-08-20", "2025-07-31"),
    # told with neither, for a rate whose table row names no step: no day
    ("Hàng dệt may Việt Nam chịu mức thuế 20% khi vào thị trường Mỹ.", "2025-08-20", None),
    # the table names the announcement for a rate told with neither
    ("Hàng Việt Nam bị áp thuế 46% khi vào thị trường Mỹ.", "2025-08-20", "2025-04-02"),
    # "sau khi … có hiệu lực" dates another action: not the rate told in force
    (
        "Sau khi thuế đối ứng có hiệu lực, hàng Việt Nam chịu mức 46%, nhiều đơn hàng bị hủy.",
        "2025-05-20",
        "2025-04-02",
    ),
    # never a step after the report
    ("Mỹ đã chính thức áp mức thuế 20% với hàng xuất khẩu của Việt Nam.", "2025-07-20", None),
]


@pytest.mark.parametrize(("text", "published", "start"), STEP_CASES)
def test_known_step(text: str, published: str | None, start: str | None) -> None:
    """Rule ``known_step``: a well-known rate of several steps goes to the step its report tells."""
    doc = default_pipeline()(Article(source="t.txt", text=text, published=published, id="a1"))
    tariffs = [e for e in doc.events if e.type == "tariff_action" and e.rate is not None]
    assert len(tariffs) == 1, [e.summary for e in doc.events]
    assert tariffs[0].start == start, tariffs[0].summary


def test_tariff_steps_table() -> None:
    """The steps table loads, and a bad row is an error naming the file and the row, never a silent skip."""
    steps = tariff_steps()[("Việt Nam", 2000, None)]
    assert (steps.announced, steps.in_force, steps.effective, steps.undated) == (
        "2025-07-02",
        "2025-07-31",
        "2025-08-07",
        None,
    )
    assert known_tariffs()[("Việt Nam", 2000, None)] == "2025-07-02"
    good = ["Việt Nam", "20", "-", "2025-07-02", "2025-07-31", "2025-08-07", "-"]
    assert parse_steps([(1, good)], "t.tsv")
    bad_rows = [
        (good[:6], "needs"),
        (["Atlantis", *good[1:]], "no country"),
        ([*good[:2], "vàng", *good[3:]], "scope"),
        ([*good[:3], "2025-09-01", *good[4:]], "not in order"),
        ([*good[:6], "signed"], "step"),
        ([*good[:4], "31/7/2025", *good[5:]], "ISO"),
    ]
    for row, reason in bad_rows:
        with pytest.raises(ValueError, match=reason) as err:
            parse_steps([(3, row)], "t.tsv")
        assert "t.tsv: row 3" in str(err.value)
    with pytest.raises(ValueError, match="told twice"):
        parse_steps([(1, good), (2, good)], "t.tsv")
