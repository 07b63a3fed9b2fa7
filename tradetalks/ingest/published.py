"""A publication date for an article whose input gives none: from its URL where the outlet writes the date
there, else from the article's own full dates. Never a date before 1990 or after the day it is read.

URL forms (each seen on Vietnamese outlets, each unambiguous):

- ``…-20251026184955653.htm``: yyyymmddhhmmss and milliseconds at the end of the page name;
- ``…-205250708095302282.htm``: a three-digit prefix, then yymmddhhmmss and three digits;
- ``…/20140118-eu-viet-nam-…``: a path segment opening with yyyymmdd and a dash;
- ``…/2025/07/08/…``: year, month and day as path segments.

A URL giving only a year and a month (``/2025/07/``) names no day and is not used.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tradetalks.extract.cues import event_table
from tradetalks.extract.events.lines import is_caption
from tradetalks.extract.timex.words import time_words

#: The earliest plausible publication year of a news article in the archive.
FIRST_YEAR = 1990

_STAMP17 = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}\.(?:htm|html|chn)\b")
_STAMP18 = re.compile(r"(?<!\d)\d{3}(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}\.(?:htm|html|chn)\b")
_SEGMENT = re.compile(r"/(\d{4})(\d{2})(\d{2})-")
_PATH = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/")
#: A full date written in an article: "26/10/2025", "26-10-2025", "ngày 26 tháng 10 năm 2025".
_FULL = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/.-])"
    r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)


#: A day and month with no year ("12/11"), read in the year of the article's latest full date.
_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/]|\s*/\s*\d)")
#: How far after its latest full date an article's own days are taken to move its publication on.
FOLLOW_DAYS = 31
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if FIRST_YEAR <= year and found <= today else None


def _clock(hour: str, minute: str, second: str) -> bool:
    return int(hour) < 24 and int(minute) < 60 and int(second) < 60


def from_url(url: str | None, today: date) -> date | None:
    """The publication date an outlet writes in its URL, or None.

    >>> from_url("https://dantri.com.vn/a-b-20251026184955653.htm", date(2026, 1, 1))
    datetime.date(2025, 10, 26)
    >>> from_url("https://nguoiduatin.vn/x-205250708095302282.htm", date(2026, 1, 1))
    datetime.date(2025, 7, 8)
    """
    if not url:
        return None
    path = url.split("?", 1)[0]
    if m := _STAMP17.search(path):
        if _clock(m[4], m[5], m[6]):
            return _valid(int(m[1]), int(m[2]), int(m[3]), today)
        return None
    if m := _STAMP18.search(path):
        if _clock(m[4], m[5], m[6]):
            return _valid(2000 + int(m[1]), int(m[2]), int(m[3]), today)
        return None
    for pattern in (_SEGMENT, _PATH):
        if m := pattern.search(path):
            return _valid(int(m[1]), int(m[2]), int(m[3]), today)
    return None


def from_text(text: str, today: date) -> date | None:
    """The latest full date the article writes that is not after ``today`` (an article is published on or
    after the days it tells of), moved on to the latest day-and-month written after it within
    ``FOLLOW_DAYS`` ("10/11/2025 … sáng 12/11 … đến 14/11" -> 2025-11-14); none when the article names a
    year past the next one: then that date is history (an anniversary piece recalling "13/7/2000" while
    telling of 2007).

    >>> from_text("Hôm 12/6/2025 hai bên gặp nhau; ngày 14/6/2025 ra tuyên bố.", date(2026, 1, 1))
    datetime.date(2025, 6, 14)
    >>> from_text("Chiều 10/11/2025 hai bộ trưởng họp; sáng 12/11 các nhóm kỹ thuật làm việc.", date(2026, 1, 1))
    datetime.date(2025, 11, 12)
    >>> from_text("Hiệp định ký ngày 13/7/2000 đã mở đường cho việc gia nhập WTO năm 2007.", date(2026, 1, 1))
    """
    found = []
    captions = _caption_spans(text)
    for m in _FULL.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in captions) or _takes_effect(text, m.start()):
            continue
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        if (d := _valid(int(year), int(month), int(day), today)) is not None:
            found.append(d)
    latest = max(found, default=None)
    if latest is None:
        return None
    later = [int(y) for y in _YEAR.findall(text) if latest.year + 1 < int(y) <= today.year]
    if later:
        return None
    following = [d for day, month in _days_and_months(text) if (d := _following(latest, month, day, today)) is not None]
    return max(following, default=latest)


def _days_and_months(text: str) -> list[tuple[int, int]]:
    """The days and months an article writes without a year: "12/11", and "12-11" after a day word."""
    found = [(int(m[1]), int(m[2])) for m in _DAY_MONTH.finditer(text)]
    return found + [(int(m[1]), int(m[2])) for m in _dashed_day_month().finditer(text)]


@lru_cache(maxsize=1)
def _dashed_day_month() -> re.Pattern[str]:
    """Rule ``dashed_day_after_day_word``: "ngày 6-6", "sáng 2-1" are a day and month like "6/6"; a bare "3-4"
    is not ("3-4 tuần tới" counts weeks), so the dash form needs "ngày" or a part of the day before it."""
    words = sorted({"ngày", *time_words().lowered("part_of_day")}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s+(\d{{1,2}})\s*-\s*(\d{{1,2}})(?![\d/-])", re.IGNORECASE)


def _following(latest: date, month: int, day: int, today: date) -> date | None:
    """Rule ``days_run_into_next_year``: the day a yearless "day/month" names within ``FOLLOW_DAYS`` after the
    latest full date, in its year or, past December, the next ("31/12/2018 … sáng 2/1" -> 2019-01-02)."""
    for year in (latest.year, latest.year + 1):
        d = _valid(year, month, day, today)
        if d is not None and 0 < (d - latest).days <= FOLLOW_DAYS:
            return d
    return None


@lru_cache(maxsize=1)
def _effective_end() -> re.Pattern[str]:
    """Phrases of "effective" in event_cues.tsv that name a taking effect ("có hiệu lực từ", "áp dụng kể từ"), not
    the bare "từ"/"kể từ", then an optional "ngày", at the end of the text before a date."""
    phrases = [p for p in event_table("effective") if set(p.split()) - {"từ", "kể"}]
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\s+(?:ngày\s+)?$", re.IGNORECASE)


def _takes_effect(text: str, pos: int) -> bool:
    """Rule ``effective_day_may_lie_ahead``: "Thông tư sẽ có hiệu lực từ ngày 1/7/2026": the day a rule or a rate
    takes effect is often written before it comes, so it does not date the article."""
    return _effective_end().search(text, max(0, pos - 40), pos) is not None


def _caption_spans(text: str) -> list[tuple[int, int]]:
    """Rule ``caption_dates_the_photo``: "Khán giả xem diễu hành ngày 15/4/2017 (Ảnh: Reuters)": a full date on a
    photo caption line dates the picture, often one from the archive, not the article."""
    out = []
    start = 0
    for line in text.split("\n"):
        if is_caption(line.lower().replace(" :", ":")):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def infer_published(url: str | None, text: str, today: date | None = None) -> tuple[str | None, str | None]:
    """(ISO date, where it came from: "url" or "article_dates") for an article whose input gives no date."""
    today = today or date.today()
    if (d := from_url(url, today)) is not None:
        return d.isoformat(), "url"
    if (d := from_text(text, today)) is not None:
        return d.isoformat(), "article_dates"
    return None, None
