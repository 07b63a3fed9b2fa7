"""Days told through another expression: the first or last day of a month or year, a weekday of a dated week.

Both run after the calendar expressions are found and valued: they take the value of the month, year or
dated weekday the text gives and never invent a year of their own.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tradetalks.extract.timex.found import Found
from tradetalks.extract.timex.patterns import alternation, case_blind, cased_alternation
from tradetalks.extract.timex.words import time_words

_MONTH_OR_YEAR = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2}))?$")
_ONE_DAY = re.compile(r"^(?P<y>\d{4}|XXXX)-(?P<m>\d{2})-(?P<d>\d{2})$")
_SPAN = 40  # characters searched back from an expression for the words that open it
_NEAR = 3  # days: a weekday no tense word places lies at most this far from its dated weekday


@dataclass(frozen=True, slots=True)
class _Patterns:
    edge: re.Pattern[str]  # "ngày đầu tiên của " right before a month or year
    dated_weekday: re.Pattern[str]  # "thứ Hai (" right before a day number
    bare_weekday: re.Pattern[str]  # "ngày thứ Ba" with no date after it
    quantity: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = time_words()
    edge = alternation(words.phrases("edge_day"))
    link = alternation(words.phrases("edge_link"))
    weekday = cased_alternation(words.phrases("weekday"))
    date_word = alternation(words.phrases("date_word"))
    flags = re.IGNORECASE
    return _Patterns(
        edge=re.compile(rf"(?<!\w)(?P<edge>{edge})\s+(?:{link}\s+)?\Z", flags),
        dated_weekday=re.compile(rf"(?<!\w)(?P<wd>{weekday})\s*[,(]?\s*(?:{date_word}\s+)?\Z", flags),
        bare_weekday=re.compile(rf"(?<!\w){date_word}\s+(?P<wd>{weekday})(?!\w)(?!\s*[,(]?\s*\d)", flags),
        quantity=words.lowered("quantity"),
    )


def _counted(view: str, start: int) -> bool:
    """A number or a quantity word stands right before ("hai ngày đầu tiên", "các ngày thứ Hai")."""
    before = re.search(r"(\w+)\s*\Z", view[max(0, start - 16) : start])
    return before is not None and (before[1].isdigit() or before[1].lower() in _patterns().quantity)


def with_edge_days(view: str, found: list[Found]) -> list[Found]:
    """Rule ``edge_day_of_period``: "ngày đầu tiên của tháng 12" is the first day of that month, "ngày cuối cùng
    của năm 2018" the last day of that year; the month or year keeps its own year ("ngày đầu tiên của năm 2026"
    -> 2026-01-01). Not after a count ("hai ngày đầu tiên của tháng 12" is two days)."""
    out: list[Found] = []
    for f in found:
        m = _MONTH_OR_YEAR.match(f.value or "")
        edge = _patterns().edge.search(view, max(0, f.start - _SPAN), f.start) if m else None
        if m is None or edge is None or _counted(view, edge.start()):
            out.append(f)
            continue
        first = time_words().value("edge_day", edge["edge"]) == "START"
        year, month = m["y"], int(m["m"]) if m["m"] else (1 if first else 12)
        if first:
            day = 1
        elif year.isdigit() or month != 2:
            day = calendar.monthrange(int(year) if year.isdigit() else 2001, month)[1]
        else:
            out.append(f)  # the last day of a February of unknown year
            continue
        value = f"{year}-{month:02d}-{day:02d}"
        out.append(Found(edge.start(), f.end, "date", value=value, resolved_by=f.resolved_by))
    return out


def _weekday(phrase: str) -> int:
    return int(time_words().value("weekday", phrase) or 0)


def _shift(value: str, days: int) -> str | None:
    """``value`` (a day, year possibly "XXXX") moved by ``days``; None when an unknown year makes it unsure."""
    m = _ONE_DAY.match(value)
    if m is None:
        return None
    year = int(m["y"]) if m["y"].isdigit() else 2001
    day = date(year, int(m["m"]), int(m["d"])) + timedelta(days=days)
    if not m["y"].isdigit() and (day.year != year or 2 in (day.month, int(m["m"])) and day.month != int(m["m"])):
        return None  # over New Year or across the end of February, the unknown year matters
    return f"{m['y'] if day.year == year else day.year}-{day.month:02d}-{day.day:02d}"


def with_week_days(view: str, found: list[Found], tense: Callable[[Found], frozenset[int]]) -> list[Found]:
    """Rule ``weekday_of_dated_week``: when an article names a weekday with its date ("thứ Hai (28/7)"), a bare
    "ngày thứ Ba" elsewhere is the Tuesday nearest that day (the dated weekday closest before it, else after
    it): on or after it when its sentence tells a coming event ("sẽ", ``tense``), on or before it for a past
    one, else within three days. Nothing without such a dated weekday, after a count ("các ngày thứ Hai"), or
    inside another expression."""
    pats = _patterns()
    anchors: list[tuple[int, int, Found]] = []
    for f in found:
        if not _ONE_DAY.match(f.value or ""):
            continue
        digit = re.search(r"\d", view[f.start : f.end])
        head = f.start + digit.start() if digit else f.start
        m = pats.dated_weekday.search(view, max(0, head - _SPAN), head)
        if m is not None:
            anchors.append((m.start(), _weekday(m["wd"]), f))
    if not anchors:
        return found
    taken = [(f.start, f.end) for f in found]
    out = list(found)
    for m in pats.bare_weekday.finditer(view):
        if any(s < m.end() and m.start() < e for s, e in taken) or _counted(view, m.start()):
            continue
        before = [a for a in anchors if a[0] < m.start()]
        _, anchor_day, anchor = before[-1] if before else anchors[0]
        probe = Found(m.start(), m.end(), "date")
        sides = tense(probe)
        gap = (_weekday(m["wd"]) - anchor_day) % 7
        if sides == {1}:
            days = gap
        elif sides == {-1}:
            days = gap - 7 if gap else 0
        else:
            days = gap if gap <= _NEAR else gap - 7
        value = _shift(anchor.value or "", days)
        if value is not None:
            out.append(Found(m.start(), m.end(), "date", value=value, resolved_by=anchor.resolved_by))
    return sorted(out, key=lambda f: f.start)


def _year_periods() -> list[str]:
    """The relative periods that count years ("năm ngoái", "năm trước")."""
    words = time_words()
    periods = words.phrases("relative_period")
    return [p for p in periods if (words.value("relative_period", p) or "").startswith("year:")]


@lru_cache(maxsize=1)
def _compared() -> re.Pattern[str]:
    comparison, years = time_words().phrases("comparison"), _year_periods()
    return re.compile(rf"(?<!\w){alternation(comparison)}\s+(?P<period>{alternation(years)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _compared_words() -> re.Pattern[str]:
    """The phrases of ``_compared`` in lower case, for a quick case-sensitive test on ``case_blind(view)``."""
    comparison, years = time_words().phrases("comparison"), _year_periods()
    return re.compile(rf"{alternation([p.lower() for p in comparison])}\s+{alternation([p.lower() for p in years])}")


def with_compared_years(view: str, found: list[Found], starts: list[int], published: date | None) -> list[Found]:
    """Rule ``compared_year``: after a comparison ("so với", "cùng kỳ"), "năm ngoái" / "năm trước" is the year
    before the period the sentence dates with its own year, not before publication: "Quý IV/2025 tăng 10% so
    với năm ngoái" -> 2024 even when told in 2026; "Năm 2016, doanh thu giảm so với năm trước đó" -> 2015.
    Without such a dated period before it in the sentence, or when that period lies after the publication year
    (a target: "đến năm 2030 … so với năm ngoái"), the publication date decides as for any "năm ngoái"."""
    if not _compared_words().search(case_blind(view)):
        return sorted(found, key=lambda f: f.start)  # no comparison before a year: a quick test first
    out = list(found)
    at = {f.start: f for f in found}
    ends = [f.end for f in found]
    for m in _compared().finditer(view):
        i = bisect.bisect_right(starts, m.start()) - 1
        k = bisect.bisect_right(ends, m.start())
        anchor = next(
            (
                f
                for f in reversed(found[:k])
                if f.start >= starts[i] and f.resolved_by == "explicit" and (f.value or "")[:4].isdigit()
            ),
            None,
        )
        if anchor is None or any(mark in view[anchor.end : m.start()] for mark in ("\n", ". ", "! ", "? ")):
            continue
        year = int((anchor.value or "").split("/")[-1][:4])
        if published is not None and year > published.year:
            continue
        offset = int((time_words().value("relative_period", m["period"]) or "year:0").split(":")[1])
        value = f"{year + offset:04d}"
        start = m.start("period")
        if start in at:
            at[start].value, at[start].resolved_by = value, "nearby_year"
        elif not any(f.start < m.end() and start < f.end for f in found):
            out.append(Found(start, m.end(), "relative", value=value, resolved_by="nearby_year"))
    return sorted(out, key=lambda f: f.start)
