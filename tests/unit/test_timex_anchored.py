"""Days told through another expression: edge days of a month or year, weekdays of a dated week, "năm mới 2026"."""

from __future__ import annotations

import re

import pytest

from tradetalks.extract.timex import _SAME_DAY_WORDS, find_timexes
from tradetalks.extract.timex.anchored import _compared, _compared_words
from tradetalks.extract.timex.lunar import _TET
from tradetalks.extract.timex.patterns import case_blind


def _got(text: str, published: str | None = None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Ngân hàng công bố lãi suất mới vào ngày đầu tiên của tháng 3.",
            "2024-02-20",
            [("ngày đầu tiên của tháng 3", "2024-03-01")],
        ),
        ("Cửa hàng đóng cửa trong ngày cuối cùng của năm 2019.", None, [("ngày cuối cùng của năm 2019", "2019-12-31")]),
        (
            "Hợp đồng hết hạn ngày cuối cùng của tháng 2 năm 2028.",
            None,
            [("ngày cuối cùng của tháng 2 năm 2028", "2028-02-29")],
        ),
        ("Ngày đầu tiên trong năm 2030 rơi vào thứ Ba.", None, [("Ngày đầu tiên trong năm 2030", "2030-01-01")]),
        ("Phiên chợ kéo dài ngày cuối cùng của tháng 9.", None, [("ngày cuối cùng của tháng 9", "XXXX-09-30")]),
    ],
)
def test_timex_edge_day_of_period(text: str, published: str | None, expected: list[tuple[str, str]]) -> None:
    """Rule edge_day_of_period: the first or last day of the month or year named after it."""
    assert _got(text, published) == expected


def test_timex_edge_day_of_period_not_after_a_count() -> None:
    """ "ba ngày đầu tiên của tháng 6" are three days: only the month is a time expression."""
    assert _got("Mưa lớn kéo dài ba ngày đầu tiên của tháng 6.", "2023-05-10") == [("tháng 6", "2023-06")]


def test_timex_weekday_of_dated_week() -> None:
    """Rule weekday_of_dated_week: a bare weekday lies in the week of the weekday the article dates."""
    text = (
        "Thứ Tư (14/5), hai đoàn mở phiên họp thứ nhất. Phiên kế tiếp sẽ diễn ra vào ngày thứ Sáu. "
        "Trước đó, ngày thứ Hai, các chuyên gia đã chuẩn bị tài liệu. Báo chí hỏi han suốt ngày thứ Tư."
    )
    assert _got(text) == [
        ("Thứ Tư (14/5)", "XXXX-05-14"),
        ("ngày thứ Sáu", "XXXX-05-16"),  # a coming event: on or after the dated Wednesday
        ("ngày thứ Hai", "XXXX-05-12"),  # a past one: on or before it
        ("ngày thứ Tư", "XXXX-05-14"),  # no tense: the nearest such day
    ]
    with_year = "Thứ Bảy (3/1/2026), thị trường đóng cửa. Ông đã về nước ngày thứ Năm."
    assert _got(with_year)[-1] == ("ngày thứ Năm", "2026-01-01")


@pytest.mark.parametrize(
    "text",
    [
        "Các chuyến bay cất cánh vào các ngày thứ Ba hằng tuần, bắt đầu từ thứ Hai (2/6).",  # a count: every Tuesday
        "Lớp học mở vào ngày thứ Ba của mỗi tuần.",  # no dated weekday in the text
        "Thứ Sáu (30/12), giá vàng tăng. Ông sẽ trở lại vào ngày thứ Ba.",  # past New Year with no year: unsure
    ],
)
def test_timex_weekday_of_dated_week_needs_a_dated_week(text: str) -> None:
    assert not [t for t in _got(text) if "ngày thứ" in t[0]]


def test_timex_year_after_new_year_word() -> None:
    """ "năm mới 2026" names the year 2026 like "năm 2026"; a count after it is no year ("năm mới 2000 người")."""
    assert _got("Cả nước chuẩn bị đón năm mới 2031 trong không khí ấm áp.") == [("năm mới 2031", "2031")]
    assert _got("Lễ hội năm mới 2000 người tham dự.") == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year before the dated period, not before publication
        (
            "Quý IV/2023, doanh số giảm 8% so với năm ngoái.",
            "2024-01-25",
            [("Quý IV/2023", "2023-Q4"), ("năm ngoái", "2022")],
        ),
        (
            "Năm 2012, lượng khách tăng mạnh so với năm trước đó.",
            "2014-06-01",
            [("Năm 2012", "2012"), ("năm trước", "2011")],
        ),
        # no publication date: the dated period still tells the year
        (
            "Trong nửa đầu năm 2021, sản lượng cao hơn cùng kỳ năm ngoái.",
            None,
            [("nửa đầu năm 2021", "2021-01/2021-06"), ("năm ngoái", "2020")],
        ),
        # a target year after publication tells nothing: the publication year decides
        (
            "Đến năm 2035, công suất sẽ gấp ba so với năm ngoái.",
            "2024-09-09",
            [("năm 2035", "2035"), ("năm ngoái", "2023")],
        ),
    ],
)
def test_timex_compared_year(text: str, published: str | None, expected: list[tuple[str, str]]) -> None:
    """Rule compared_year: "so với năm ngoái" counts from the period the sentence dates."""
    assert _got(text, published) == expected


def test_timex_compared_year_stays_in_its_sentence() -> None:
    assert _got("Năm 2019 là năm khó. Giá tăng so với năm ngoái.", None) == [("Năm 2019", "2019")]


def test_timex_compared_year_in_capitals() -> None:
    """The quick test before rule compared_year is blind to case, as the rule is."""
    assert _got("NĂM 2018 LÃI TĂNG SO VỚI NĂM NGOÁI.", None) == [("NĂM 2018", "2018"), ("NĂM NGOÁI", "2017")]


@pytest.mark.parametrize(
    "text",
    ["SO VỚI NĂM NGOÁI", "So Với Năm Trước", "so vớı năm ngoái", "ſo với năm nay", "SO VỚİ NĂM SAU", "CÙNG NGÀY",
     "Cùng\n ngày", "cùng  NGÀY", "MÙNG 2 TẾT", "tẾt"],
)
def test_case_blind_quick_tests_miss_no_match(text: str) -> None:
    """A case-sensitive quick test on case_blind(text) finds every phrase its case-blind pattern finds, letters
    that re matches to another letter ("ı", "ſ") or that lower to two ("İ") included."""
    full_same_day = re.compile(r"cùng\s+ngày", re.IGNORECASE)
    for quick, full in ((_compared_words(), _compared()), (_SAME_DAY_WORDS, full_same_day)):
        if full.search(text):
            assert quick.search(case_blind(text)), (text, quick.pattern)
    tet = re.compile("tết", re.IGNORECASE)
    if tet.search(text):
        assert _TET in case_blind(text), text
    assert _compared().search(text) or full_same_day.search(text) or tet.search(text)
