"""Calendar arithmetic for time values: nearest year, year completion, ISO checks."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

UNKNOWN_YEAR = "XXXX"

_PART = re.compile(
    r"^(?P<year>\d{4}|XXXX)(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|W(?P<week>\d{2})))?$"
)


def day_exists(year: int | None, month: int, day: int) -> bool:
    """Whether ``day/month`` exists in ``year`` (any year when None: 29/2 exists)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(2000 if year is None else year, month)[1]


def _span(year: int, first_month: int, last_month: int, day: int | None) -> tuple[date, date]:
    """The first and last day of a day, month or run of months in ``year``."""
    if day is not None:
        one = date(year, first_month, day)
        return one, one
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def nearest_year(
    month: int, day: int | None, reference: date, direction: int = 0, last_month: int | None = None
) -> int:
    """The year among reference.year-1..+1 that puts the date closest to ``reference``.

    ``direction`` +1 keeps only dates on or after the reference ("ngày 12/11 tới"), -1 only
    dates on or before it ("vừa qua"); ``last_month`` widens a month to a run ("quý III").
    Raises ValueError when no candidate year has that day (29/2 in three common years).
    """
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day is not None and not day_exists(year, month, day):
            continue
        first, last = _span(year, month, last_month or month, day)
        if direction > 0 and last < reference or direction < 0 and first > reference:
            continue
        distance = (first - reference).days if reference < first else max(0, (reference - last).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    if best is None:
        raise ValueError(f"no year near {reference.isoformat()} has day {day} of month {month}")
    return best[1]


def infer_year(month: int, day: int | None, reference: date) -> int:
    """Nearest sensible year to a reference date: an article of 2026-01-05 saying "ngày 28/12" -> 2025."""
    return nearest_year(month, day, reference)


def _order_key(part: str) -> tuple[int, int] | None:
    """(month, day) of a value part for ordering within a year, or None for a bare year."""
    match = _PART.match(part)
    if match is None:
        return None
    if match["quarter"]:
        return (int(match["quarter"]) * 3 - 2, 1)
    if match["week"]:
        return (1, int(match["week"]) * 7)
    if match["month"]:
        return (int(match["month"]), int(match["day"] or 0))
    return None


def complete_year(value: str, year: int) -> str:
    """Fill unknown years: "XXXX-02-04" -> "2026-02-04"; "XXXX-12-28/XXXX-01-02" rolls into the next year.

    ``year`` is the year of the first unknown part; a later part that falls earlier in the
    calendar than the part before it moves to the following year. A value whose day would
    not exist in that year ("XXXX-02-29" in 2025) is returned unchanged.
    """
    if UNKNOWN_YEAR not in value:
        return value
    out: list[str] = []
    previous: tuple[int, tuple[int, int] | None] | None = None
    for part in value.split("/"):
        key = _order_key(part)
        if part.startswith(UNKNOWN_YEAR):
            filled = year
            if previous is not None:
                filled = previous[0]
                if key is not None and previous[1] is not None and key < previous[1]:
                    filled += 1
            part = f"{filled:04d}{part[len(UNKNOWN_YEAR) :]}"
        if not is_valid_value(part):
            return value
        previous = (int(part[:4]), key)
        out.append(part)
    return "/".join(out)


def is_valid_value(value: str) -> bool:
    """Whether a value is a valid ISO date, month, year, week, quarter or interval of them (XXXX allowed)."""
    parts = value.split("/")
    if not 1 <= len(parts) <= 2:
        return False
    for part in parts:
        match = _PART.match(part)
        if match is None:
            return False
        year = None if match["year"] == UNKNOWN_YEAR else int(match["year"])
        if match["month"]:
            month = int(match["month"])
            if match["day"]:
                if not day_exists(year, month, int(match["day"])):
                    return False
            elif not 1 <= month <= 12:
                return False
        if match["week"]:
            weeks = 53 if year is None else date(year, 12, 28).isocalendar()[1]
            if not 1 <= int(match["week"]) <= weeks:
                return False
    return True


def shift_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def week_value(day: date) -> str:
    """The ISO week of a day: 2025-11-14 -> "2025-W46"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_in_week(day: date, weeks: int, weekday: int) -> date:
    """The given ISO weekday (1=Monday) of the week ``weeks`` after the week of ``day``."""
    monday = day - timedelta(days=day.isoweekday() - 1)
    return monday + timedelta(weeks=weeks, days=weekday - 1)


def parse_published(published: str | None) -> date | None:
    """The publication date of an article ("YYYY-MM-DD", maybe with a time), or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None
