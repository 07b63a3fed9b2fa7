"""Year arithmetic shared with cross-article work: infer_year, complete_year, value checks."""

from __future__ import annotations

from datetime import date

import pytest

from tradetalks.extract.timex import complete_year, infer_year, is_valid_value
from tradetalks.extract.timex.calendar import nearest_year, parse_published

INFER = [
    (12, 28, date(2026, 1, 5), 2025),
    (11, 12, date(2025, 10, 15), 2025),
    (1, 3, date(2025, 12, 20), 2026),
    (6, 1, date(2025, 6, 1), 2025),
    (7, 15, date(2025, 1, 10), 2024),
    (7, 5, date(2025, 1, 10), 2025),
    (2, 29, date(2025, 3, 1), 2024),
    (12, None, date(2026, 1, 5), 2025),
    (1, None, date(2025, 12, 31), 2026),
    (11, None, date(2025, 11, 20), 2025),
]


@pytest.mark.parametrize(("month", "day", "reference", "year"), INFER)
def test_timex_infer_year(month: int, day: int | None, reference: date, year: int) -> None:
    assert infer_year(month, day, reference) == year


def test_timex_infer_year_without_leap_year_nearby() -> None:
    with pytest.raises(ValueError, match="no year near 2022-03-10"):
        infer_year(2, 29, date(2022, 3, 10))


@pytest.mark.parametrize(
    ("direction", "year"),
    [(0, 2025), (1, 2026), (-1, 2025)],
)
def test_timex_nearest_year_direction(direction: int, year: int) -> None:
    # "ngày 20/12 tới" said on 2025-12-27 is next year's; "vừa qua" is this year's
    assert nearest_year(12, 20, date(2025, 12, 27), direction) == year


def test_timex_nearest_year_quarter_span() -> None:
    # "quý IV" on 2026-01-10: the quarter that just ended
    assert nearest_year(10, None, date(2026, 1, 10), 0, 12) == 2025


COMPLETE = [
    ("XXXX-02-04", 2026, "2026-02-04"),
    ("XXXX-11", 2025, "2025-11"),
    ("XXXX-11-12/XXXX-11-14", 2025, "2025-11-12/2025-11-14"),
    ("XXXX-12-28/XXXX-01-02", 2025, "2025-12-28/2026-01-02"),
    ("XXXX-11/XXXX-02", 2024, "2024-11/2025-02"),
    ("XXXX-Q3", 2025, "2025-Q3"),
    ("2025-12-30/XXXX-01-03", 2030, "2025-12-30/2026-01-03"),
    ("1989/2001", 2025, "1989/2001"),
    ("2025-11-12", 2020, "2025-11-12"),
    ("XXXX-02-29", 2025, "XXXX-02-29"),
    ("XXXX-02-29", 2028, "2028-02-29"),
]


@pytest.mark.parametrize(("value", "year", "expected"), COMPLETE)
def test_timex_complete_year(value: str, year: int, expected: str) -> None:
    assert complete_year(value, year) == expected


VALUES = [
    ("2025-11-12", True),
    ("XXXX-02-29", True),
    ("2025-02-29", False),
    ("2025-13", False),
    ("2025-11-31", False),
    ("2025-W47", True),
    ("2025-W54", False),
    ("2026-W53", True),
    ("2025-Q3", True),
    ("2025-Q5", False),
    ("1989/2001", True),
    ("2025-11-12/2025-11-14", True),
    ("XXXX-11-12/XXXX-11-14", True),
    ("", False),
    ("12/11", False),
    ("2025-11-12/2025-11-14/2025-11-16", False),
]


@pytest.mark.parametrize(("value", "valid"), VALUES)
def test_timex_is_valid_value(value: str, valid: bool) -> None:
    assert is_valid_value(value) is valid


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-10-15", date(2025, 10, 15)),
        ("2025-10-15T08:30:00+07:00", date(2025, 10, 15)),
        ("hôm qua", None),
        (None, None),
    ],
)
def test_timex_parse_published(published: str | None, expected: date | None) -> None:
    assert parse_published(published) == expected
