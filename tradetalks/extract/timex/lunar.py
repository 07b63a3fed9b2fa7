"""Lunar dates told as days of the Vietnamese lunar calendar, valued as the solar day they fall on.

"mùng 1 Tết" is the first day of the lunar year; in a sentence that opens with "Theo lịch âm", "ngày 12 tháng 10"
is the 12th day of the 10th lunar month. The lunar year is the one that puts the day nearest the publication
date (never guessed without one). Conversion uses the Vietnamese calendar (UTC+7), whose months sometimes
start a day apart from the Chinese one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from lunar_vn import convert_lunar_to_solar

from tradetalks.extract.timex.found import Found
from tradetalks.extract.timex.patterns import alternation, case_blind
from tradetalks.extract.timex.words import time_words

_ONE_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class _Patterns:
    tet_day: re.Pattern[str]  # "mùng 1 Tết", "ngày mồng 3 tết"
    frame: re.Pattern[str]  # "Theo lịch âm," opening a sentence


_TET = "tết"  # looked for in case_blind(view): a quick test before the full pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = time_words()
    date_word = alternation(words.phrases("date_word"))
    tet = alternation(words.phrases("lunar_new_year"))
    solar = alternation(words.phrases("solar_mark"))
    frame = alternation(words.phrases("lunar_frame"))
    flags = re.IGNORECASE
    return _Patterns(
        tet_day=re.compile(
            rf"(?<!\w)(?:{date_word}\s+)*(?P<d>0?[1-9]|10)\s+(?P<tet>{tet})(?!\w)(?!\s+{solar}(?!\w))", flags
        ),
        frame=re.compile(rf"\s*[\"“(]?\s*{frame}(?!\w)", flags),
    )


def solar_day(day: int, month: int, reference: date) -> date | None:
    """The solar day of lunar ``day``/``month`` in the lunar year (reference year -1..+1) that puts it nearest
    ``reference``: lunar 13/11 told on 1 December 2025 -> 1 January 2026. None when no such year has that day
    (a 30th in a short month)."""
    best: tuple[int, date] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            solar = convert_lunar_to_solar(day, month, year, 0, 7.0)
        except ValueError:
            continue
        gap = abs((solar - reference).days)
        if best is None or gap < best[0]:
            best = (gap, solar)
    return best[1] if best else None


def with_tet_days(view: str, found: list[Found], published: date | None) -> list[Found]:
    """Rule ``tet_day``: "mùng 1 Tết", "mồng 3 tết" are the first days of the lunar year nearest the publication
    date ("mùng 1 Tết" told in December 2025 -> 17 February 2026); not "Tết Dương lịch" (the solar New Year),
    nor inside another expression, nor without a publication date."""
    if published is None or _TET not in case_blind(view):
        return found
    taken = [(f.start, f.end) for f in found]
    out = list(found)
    for m in _patterns().tet_day.finditer(view):
        if not any(w.lower() in ("mùng", "mồng") for w in view[m.start() : m.start("d")].split()):
            continue  # "10 Tết" alone may be a count
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        month = int(time_words().value("lunar_new_year", m["tet"]) or 1)
        solar = solar_day(int(m["d"]), month, published)
        if solar is not None:
            out.append(Found(m.start(), m.end(), "date", value=solar.isoformat(), resolved_by="publication_date"))
    return sorted(out, key=lambda f: f.start)


def in_lunar_frame(view: str, found: list[Found], starts: list[int], published: date | None) -> list[Found]:
    """Rule ``lunar_frame``: in a sentence that opens with "Theo lịch âm" or "Theo âm lịch", a day and month
    written without a year are lunar ("Theo lịch âm, hôm nay là ngày 12 tháng 10" told on 1 December 2025 ->
    2025-12-01); dates with their own year stay solar. Without a publication date such a day has no solar
    value and is left out."""
    pats = _patterns()
    out: list[Found] = []
    for f in found:
        point = f.points[0] if len(f.points) == 1 else None
        if point is None or point.day is None or f.resolved_by == "explicit" or not _ONE_DAY.match(f.value or ""):
            out.append(f)
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        opening = max(starts[i], view.rfind("\n", 0, f.start) + 1)
        stop = max(view.rfind(mark, opening, f.start) for mark in (". ", "! ", "? "))
        if not pats.frame.match(view, stop + 1 if stop >= 0 else opening):
            out.append(f)
            continue
        solar = solar_day(point.day, point.month, published) if published is not None else None
        if solar is not None:
            f.value, f.resolved_by = solar.isoformat(), "publication_date"
            out.append(f)
    return out
