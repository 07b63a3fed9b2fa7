"""Lunar dates valued as the solar day they fall on: "mùng 1 Tết", sentences framed by "Theo lịch âm"."""

from __future__ import annotations

from datetime import date

import pytest

from tradetalks.extract.timex import find_timexes
from tradetalks.extract.timex.lunar import solar_day


def _got(text: str, published: str | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, published)]


@pytest.mark.parametrize(
    ("day", "month", "reference", "expected"),
    [
        (1, 1, date(2025, 12, 1), date(2026, 2, 17)),  # the next Tết is nearer than the last
        (1, 1, date(2007, 1, 30), date(2007, 2, 17)),  # the Vietnamese Tết, a day before the Chinese one
        (1, 1, date(1985, 1, 10), date(1985, 1, 21)),
        (15, 8, date(2023, 9, 1), date(2023, 9, 29)),  # mid-autumn
    ],
)
def test_timex_solar_day(day: int, month: int, reference: date, expected: date) -> None:
    assert solar_day(day, month, reference) == expected


def test_timex_tet_day() -> None:
    """Rule tet_day: "mồng 3 tết" is the third day of the lunar year nearest publication."""
    assert _got("Cả nhà đi chúc thọ ông bà vào mồng 3 tết.", "2024-01-20") == [("mồng 3 tết", "2024-02-12")]
    assert _got("Chợ phiên họp lại từ ngày mùng 6 Tết.", "2024-02-01") == [("ngày mùng 6 Tết", "2024-02-15")]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Mùng 1 Tết Dương lịch công nhân được nghỉ.", "2024-12-20"),  # the solar New Year
        ("Anh đã trải qua 10 Tết xa quê.", "2024-12-20"),  # a count of New Years
        ("Gia đình sum họp mùng 2 Tết.", None),  # no publication date: no lunar year
    ],
)
def test_timex_tet_day_not(text: str, published: str | None) -> None:
    assert _got(text, published) == []


def test_timex_lunar_frame() -> None:
    """Rule lunar_frame: a sentence opening with "Theo âm lịch" makes its yearless days lunar; a date with its
    own year, or in the next sentence, stays solar."""
    text = (
        "Theo âm lịch, ngày 15 tháng 8 là Tết Trung thu. Ngày 15 tháng 8 năm 2023 rơi vào thứ Ba. Sáng 2/10, trời mưa."
    )
    assert _got(text, "2023-09-01") == [
        ("ngày 15 tháng 8", "2023-09-29"),
        ("Ngày 15 tháng 8 năm 2023", "2023-08-15"),
        ("Sáng 2/10", "2023-10-02"),
    ]
    assert _got("Theo lịch âm, ngày 15 tháng 8 là Tết Trung thu.", None) == []  # no solar value without a year
