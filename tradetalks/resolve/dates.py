"""Partial ISO dates ("2025-11-12", "XXXX-11-12", "2025-11", "1989/2001"): parsing, compatibility, year filling."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PART = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?$")
_LEAP = 2000  # a leap year stands in for an unknown one


@dataclass(frozen=True, slots=True)
class Partial:
    """One end of a date value; None where the value leaves a part unknown."""

    year: int | None
    month: int | None
    day: int | None

    def first(self, year: int) -> date:
        """The earliest day this part can mean in ``year``."""
        return date(year, self.month or 1, self.day or 1)

    def last(self, year: int) -> date:
        """The latest day this part can mean in ``year``."""
        month = self.month or 12
        return date(year, month, self.day or calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class Range:
    """A date value as a range of days whose year may be unknown."""

    lo: Partial
    hi: Partial

    @property
    def has_year(self) -> bool:
        return self.lo.year is not None

    @property
    def has_day(self) -> bool:
        return self.lo.day is not None

    def days(self, year: int | None = None) -> tuple[date, date] | None:
        """First and last day, with ``year`` standing in for an unknown year."""
        y = self.lo.year if self.lo.year is not None else year
        if y is None:
            return None
        hy = self.hi.year if self.hi.year is not None else y
        try:
            lo, hi = self.lo.first(y), self.hi.last(hy)
            if hi < lo and self.hi.year is None:
                hi = self.hi.last(hy + 1)  # "XXXX-12-30/XXXX-01-02" crosses a year end
        except ValueError:
            return None
        return lo, hi


@lru_cache(maxsize=1 << 16)
def parse_part(text: str) -> Partial | None:
    """One ISO part: "2025-11-12" -> Partial(2025, 11, 12); "XXXX-02" -> Partial(None, 2, None)."""
    m = _PART.match(text.strip())
    if not m:
        return None
    y, mo, d = m.groups()

    def num(s: str | None) -> int | None:
        return int(s) if s and not s.startswith("X") else None

    month, day = num(mo), num(d)
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return Partial(num(y), month, day)


@lru_cache(maxsize=1 << 16)
def parse_range(start: str | None, end: str | None = None) -> Range | None:
    """A value such as "2025-11-12/2025-11-14" (or separate start and end) as a Range."""
    if not start:
        return None
    lo_text, _, hi_text = start.partition("/")
    hi_text = hi_text or (end or "")
    lo = parse_part(lo_text)
    if lo is None:
        return None
    hi = parse_part(hi_text) if hi_text else lo
    if hi is None:
        return None
    if hi.year is None and lo.year is not None and hi.month is not None:
        hi = Partial(lo.year, hi.month, hi.day)
    return Range(lo, hi)


def _candidate_years(a: Range, b: Range) -> list[int]:
    years = {p.year for p in (a.lo, a.hi, b.lo, b.hi) if p.year is not None}
    return sorted(years) or [_LEAP]


def compatible(a: Range | None, b: Range | None) -> bool:
    """Whether two ranges can name overlapping days ("XXXX-11-12" fits "2025-11-12/2025-11-14")."""
    if a is None or b is None:
        return True
    if a.has_year and b.has_year:
        da, db = a.days(), b.days()
        return da is None or db is None or (da[0] <= db[1] and db[0] <= da[1])
    for y in _candidate_years(a, b):
        for ya, yb in ((y, y), (y - 1, y), (y, y - 1)):
            da, db = a.days(ya), b.days(yb)
            if da and db and da[0] <= db[1] and db[0] <= da[1]:
                return True
    return False


def same_day(a: Range | None, b: Range | None) -> bool:
    """Both name days (not just a month) and those days overlap."""
    return a is not None and b is not None and a.has_day and b.has_day and compatible(a, b)


@lru_cache(maxsize=1 << 18)
def near(a: Range, b: Range, days: int) -> bool:
    """Whether the ranges lie within ``days`` of each other (unknown years compared on month and day)."""
    if not (a.has_year and b.has_year):
        for y in _candidate_years(a, b):
            for ya in (y - 1, y, y + 1):
                da, db = a.days(ya), b.days(y)
                if da and db and (da[0] - db[1]).days <= days and (db[0] - da[1]).days <= days:
                    return True
        return False
    da, db = a.days(), b.days()
    if da is None or db is None:
        return False
    return (da[0] - db[1]).days <= days and (db[0] - da[1]).days <= days


def fill_year(value: str, year: int) -> str:
    """Put ``year`` where the value leaves it unknown: "XXXX-11-12/XXXX-11-14" -> "2025-11-12/2025-11-14"."""
    parts = value.split("/")
    out: list[str] = []
    prev: Partial | None = None
    for part in parts:
        p = parse_part(part)
        if p is None or not part.startswith("XXXX"):
            out.append(part)
            prev = p or prev
            continue
        y = year
        if prev is not None and prev.month and p.month and (p.month, p.day or 0) < (prev.month, prev.day or 0):
            y = (prev.year or year) + 1
        out.append(str(y) + part[4:])
        prev = Partial(y, p.month, p.day)
    return "/".join(out)


def unresolved(value: str | None) -> bool:
    """Whether the value leaves its year unknown ("XXXX-02-04")."""
    return bool(value) and str(value).startswith("XXXX")


def year_of(value: str | None) -> int | None:
    """The year of a value, when it has one and names at least a month."""
    if not value:
        return None
    p = parse_part(value.split("/")[0])
    return p.year if p is not None and p.month is not None else None


def month_of(value: str | None) -> int | None:
    """The month of a value's start, when it names one."""
    if not value:
        return None
    p = parse_part(value.split("/")[0])
    return p.month if p is not None else None


def first_year_after(value: str, bound: date, until: date | None = None) -> int | None:
    """The first year that puts a yearless value on or after ``bound`` (and not after ``until``)."""
    r = parse_range(value)
    if r is None or r.has_year:
        return None
    for y in (bound.year, bound.year + 1):
        days = r.days(y)
        if days and days[0] >= bound:
            if until is not None and days[1] > until:
                return None
            return y
    return None


def last_year_before(value: str, bound: date) -> int | None:
    """The last year that puts a yearless value on or before ``bound``."""
    r = parse_range(value)
    if r is None or r.has_year:
        return None
    for y in (bound.year, bound.year - 1):
        days = r.days(y)
        if days and days[1] <= bound:
            return y
    return None
