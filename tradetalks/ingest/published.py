"""A publication date for an article whose input gives none: from its URL where the outlet writes the date
there, else from the article's own full dates, else from its first day told beside a quarter and its year
("chiều 9/6 … quý II/2025"). Never a date before 1990 or after the day it is read.

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
        latest = _lede_day_in_its_sentence_year(text, today, captions)
        return None if latest is None or _history(text, latest, today) else latest
    if _history(text, latest, today):
        return None
    following = [d for day, month in _days_and_months(text) if (d := _following(latest, month, day, today)) is not None]
    return max(following, default=latest)


def _history(text: str, latest: date, today: date) -> bool:
    """Whether the article names a year past the one after its latest date: then that date is history."""
    return any(latest.year + 1 < int(y) <= today.year for y in _YEAR.findall(text))


#: Where a sentence ends: a full stop, question or exclamation mark, or a line break.
_SENTENCE_END = re.compile(r"[.!?\n]")
#: How far around a day its sentence is looked for.
SENTENCE_REACH = 400


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``: from after the last sentence end before it (a full stop inside a number or
    an abbreviation ends it early, which only narrows what is read) to the next one, within SENTENCE_REACH."""
    lo = max(0, pos - SENTENCE_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, pos)]
    m = _SENTENCE_END.search(text, pos, pos + SENTENCE_REACH)
    return (ends[-1] if ends else lo), (m.start() if m else min(len(text), pos + SENTENCE_REACH))


@lru_cache(maxsize=1)
def _told_day() -> re.Pattern[str]:
    """A day and month written after "ngày", "hôm" or a part of the day ("chiều ngày 9/6", "hôm 6-4")."""
    words = sorted({"ngày", "hôm", *time_words().lowered("part_of_day")}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s+(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})(?![\d/-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _to_come() -> re.Pattern[str]:
    """The tense words of time_words.tsv that tell of a day to come ("sẽ", "dự kiến")."""
    words = sorted(
        (w for w, side in time_words().tables.get("tense", {}).items() if side == "+1"), key=len, reverse=True
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)", re.IGNORECASE)


#: A quarter with its year: "quý II/2025", "quý 3-2024", "quý I năm 2019".
_QUARTER_YEAR = re.compile(r"(?<!\w)quý\s+(IV|I{1,3}|[1-4])\s*(?:[/-]|năm)\s*((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _period_middle(m: re.Match[str]) -> date:
    """The middle of the quarter a ``_QUARTER_YEAR`` match names (the 15th of its middle month)."""
    return date(int(m[2]), 3 * _QUARTERS[m[1].lower()] - 1, 15)


def _lede_day_in_its_sentence_year(text: str, today: date, captions: list[tuple[int, int]]) -> date | None:
    """Rule ``lede_day_beside_a_dated_quarter``: in an article writing no full date, the first day it tells (after
    "ngày", "hôm" or a part of the day, off captions: the day of its news), in a sentence naming a quarter with
    its year, is the day of that name nearest to that quarter ("Chiều ngày 9/6, ngân hàng công bố dự báo cho quý
    II/2025" -> 9 June 2025; "ngày 15/1 … số liệu quý IV/2024" -> 15 January 2025): a quarter's figures, forecasts
    and briefings are told near it. None when the sentence names no quarter or quarters of two years, or tells
    of a day to come ("sẽ", "dự kiến"), or the day is one a rule takes effect. A bare year or a month with its
    year is no such cue ("SN 1995" is a birth year, "hồi tháng 6/2016" often history), and a later sentence's
    quarter says nothing of the news day.

    >>> _lede_day_in_its_sentence_year("Sáng ngày 3/5, cục thống kê công bố số liệu quý I/2024.", date(2026, 1, 1), [])
    datetime.date(2024, 5, 3)
    >>> _lede_day_in_its_sentence_year("Hôm 3/6 ông ký lệnh. Lệnh dựa trên báo cáo quý I/2018.", date(2026, 1, 1), [])
    """
    first = next((m for m in _told_day().finditer(text) if not any(a <= m.start() < b for a, b in captions)), None)
    if first is None or _takes_effect(text, first.start(1)):
        return None
    lo, hi = _sentence_around(text, first.start())
    middles = {_period_middle(m) for m in _QUARTER_YEAR.finditer(text, lo, hi)}
    if len({d.year for d in middles}) != 1 or _to_come().search(text, lo, hi):
        return None
    day, month = int(first[1]), int(first[2])
    near = [
        (min(abs((d - p).days) for p in middles), d)
        for y in (-1, 0, 1)
        for p in middles
        if (d := _valid(p.year + y, month, day, today)) is not None
    ]
    return min(near)[1] if near else None


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
