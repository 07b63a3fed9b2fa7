"""Partial dates: compatibility of yearless values, year filling, the first year after a bound."""

from __future__ import annotations

from datetime import date

import pytest

from tradetalks.resolve.dates import compatible, fill_year, first_year_after, last_year_before, parse_range, same_day


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("XXXX-11-12", "2025-11-12/2025-11-14", True),
        ("XXXX-11-15", "2025-11-12/2025-11-14", False),
        ("2025-11", "2025-11-10", True),
        ("2025-11", "2026-11-10", False),
        ("XXXX-02-04", "XXXX-02-04", True),
        ("XXXX-02-04", "XXXX-02-05", False),
        ("2025-12-30/2026-01-02", "XXXX-01-01", True),
        ("2024", "2024-06-01", True),
        ("XXXX-11", "2025-11-12", True),
        ("1989/2001", "1995-06", True),
    ],
)
def test_resolve_dates_compatible(a: str, b: str, expected: bool) -> None:
    assert compatible(parse_range(a), parse_range(b)) is expected
    assert compatible(parse_range(b), parse_range(a)) is expected


@pytest.mark.parametrize(
    ("value", "year", "expected"),
    [
        ("XXXX-11-12", 2025, "2025-11-12"),
        ("XXXX-11-12/XXXX-11-14", 2025, "2025-11-12/2025-11-14"),
        ("XXXX-12-30/XXXX-01-02", 2025, "2025-12-30/2026-01-02"),
        ("XXXX-02", 2026, "2026-02"),
        ("2024-05-01", 2030, "2024-05-01"),
    ],
)
def test_resolve_dates_fill_year(value: str, year: int, expected: str) -> None:
    assert fill_year(value, year) == expected


@pytest.mark.parametrize(
    ("value", "bound", "until", "expected"),
    [
        ("XXXX-02-04", date(2025, 11, 14), None, 2026),
        ("XXXX-12-20", date(2025, 11, 14), None, 2025),
        ("XXXX-02-04", date(2025, 11, 14), date(2026, 1, 31), None),
        ("2026-02-04", date(2025, 11, 14), None, None),
    ],
)
def test_resolve_dates_first_year_after(value: str, bound: date, until: date | None, expected: int | None) -> None:
    assert first_year_after(value, bound, until) == expected


def test_resolve_dates_last_year_before() -> None:
    assert last_year_before("XXXX-12-20", date(2026, 2, 1)) == 2025
    assert last_year_before("XXXX-01-20", date(2026, 2, 1)) == 2026


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("XXXX-11-12", "2025-11-12", True), ("2025-11", "2025-11-12", False), (None, "2025-11-12", False)],
)
def test_resolve_dates_same_day(a: str | None, b: str, expected: bool) -> None:
    assert same_day(parse_range(a), parse_range(b)) is expected


@pytest.mark.parametrize("bad", ["", "2025-13-01", "ngày 4/2", "2025/11/12x"])
def test_resolve_dates_unparsable(bad: str) -> None:
    assert parse_range(bad) is None
