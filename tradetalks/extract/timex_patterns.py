"""Precompiled regular expressions for Vietnamese time expressions, built from the time vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tradetalks.extract.timex_words import TimeWords, time_words

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:19\d\d|20\d\d|2100)"
#: A number starts here: not inside a word, a ratio, a decimal or an identifier.
NUM_START = r"(?<![\w/.,:%+-])"
#: A number ends here: no letter, digit, percent, "/x", or decimal/time continuation follows.
NUM_END = r"(?![\w%]|/\w|[.,:-]\d)"
#: Dashes and spaces that ``doc.key`` unifies; applied here too so raw text works as well.
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DASHES = str.maketrans({c: "-" for c in _DASH_CHARS} | {"\u00a0": " "})


def alternation(phrases: list[str]) -> str:
    """A non-capturing alternation of phrases (longest first), spaces matching any blank run."""
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) + ")"


def cased_alternation(phrases: list[str]) -> str:
    """Like ``alternation`` but case-sensitive except for the first letter ("thứ Hai", "Thứ Hai")."""
    forms: list[str] = []
    for phrase in phrases:
        head, tail = phrase[0], phrase[1:]
        rest = r"\s+".join(re.escape(w) for w in tail.split(" ")) if tail else ""
        forms.append(f"[{re.escape(head.lower())}{re.escape(head.upper())}]{rest}")
    return "(?-i:" + "|".join(forms) + ")"


@dataclass(frozen=True, slots=True)
class Patterns:
    """All compiled patterns, in the order their matches are preferred when equally long."""

    by_name: dict[str, re.Pattern[str]]
    part_of_day: re.Pattern[str]


def _build(words: TimeWords) -> Patterns:
    pod = alternation(words.phrases("part_of_day"))
    dw = alternation(words.phrases("date_word"))
    wd = cased_alternation(words.phrases("weekday"))
    mod = alternation(words.phrases("modifier"))
    month_names = cased_alternation([p for p in words.phrases("month_name") if p[0].isupper()])
    rel_day = alternation(words.phrases("relative_day"))
    day_suffix = "(?-i:" + "|".join(re.escape(p) for p in words.phrases("day_suffix")) + ")"
    periods = words.phrases("relative_period")
    rel_period = alternation(periods)
    year_rel = alternation([p for p in periods if (words.value("relative_period", p) or "").startswith("year:")])
    week_rel = alternation([p for p in periods if (words.value("relative_period", p) or "").startswith("week:")])
    conn = r"(?:-|đến|tới)"
    anchor = rf"(?:{wd}|{rel_day}|{pod}\s+{day_suffix})"
    prefix = rf"(?:{pod}\s+)?(?:(?P<wd>{anchor})\s*(?:,|(?P<paren>\())?\s*)?(?:(?P<dw>{dw})\s+)?"
    year_tail = rf"(?:\s+năm\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?"
    sources = {
        "iso": rf"{NUM_START}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d){NUM_END}",
        "date_range": (
            rf"(?<!\w)(?:{pod}\s+)?(?:(?P<dw1>{dw})\s+)?{NUM_START}(?P<d1>{DAY})(?P<s1>[/.-])(?P<m1>{MONTH})"
            rf"(?:(?P=s1)(?P<y1>{YEAR}))?(?P<conn>\s*{conn}\s*)(?:{pod}\s+)?(?:(?P<dw2>{dw})\s+)?"
            rf"(?P<d2>{DAY})(?P<s2>[/.-])(?P<m2>{MONTH})(?:(?P=s2)(?P<y2>{YEAR}))?{year_tail}{NUM_END}"
        ),
        "day_range": (
            rf"(?<!\w)(?:{pod}\s+)?(?:(?P<dw>{dw})\s+)?{NUM_START}(?P<d1>{DAY})(?P<conn>\s*{conn}\s*)"
            rf"(?:{dw}\s+)?(?P<d2>{DAY})(?:(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)(?P<y>{YEAR}))?"
            rf"|\s+tháng\s+(?P<mt>{MONTH})(?:\s*(?:,|năm)\s*(?P<yt>{YEAR}))?){year_tail}{NUM_END}"
        ),
        "date": (
            rf"(?<!\w){prefix}{NUM_START}(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)(?P<y>{YEAR}))?"
            rf"{year_tail}(?(paren)\s*\)){NUM_END}"
        ),
        "day_month": (
            rf"(?<!\w){prefix}{NUM_START}(?P<d>{DAY})\s+tháng\s+(?:(?P<m>{MONTH})|(?P<mname>{month_names}))"
            rf"(?:\s*(?:,|năm)\s*(?P<y>{YEAR})|\s+(?P<ry>{year_rel}))?(?(paren)\s*\)){NUM_END}"
        ),
        "month_range": (
            rf"(?<!\w)(?:(?P<mod>{mod})\s+)?tháng\s+(?P<m1>{MONTH})(?:\s*[/-]\s*(?P<y1>{YEAR}))?"
            rf"(?P<conn>\s*{conn}\s*)(?P<th>tháng\s+)?(?P<m2>{MONTH})"
            rf"(?:\s*[/.-]\s*(?P<y2>{YEAR})|\s+năm\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "month": (
            rf"(?<!\w)(?:(?P<mod>{mod})\s+)?tháng\s+(?:(?P<m>{MONTH})|(?P<mname>{month_names})(?!\w))"
            rf"(?:\s*[/.-]\s*(?P<y>{YEAR})|\s+năm\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "quarter": (
            rf"(?<!\w)(?:(?P<mod>{mod})\s+)?quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?!\w)"
            rf"(?:\s*[/-]\s*(?P<y>{YEAR})|\s+năm\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "year_range": (
            rf"(?<!\w)(?P<nam>năm\s+)?{NUM_START}(?P<y1>{YEAR})(?P<conn>\s*{conn}\s*)(?:năm\s+)?"
            rf"(?P<y2>{YEAR}){NUM_END}"
        ),
        "year": rf"(?<!\w)(?:(?P<mod>{mod})\s+)?năm\s+(?P<y>{YEAR}){NUM_END}",
        "relative": (
            rf"(?<!\w)(?:(?:{pod}\s+)?(?P<rday>{rel_day})|{pod}\s+(?P<suffix>{day_suffix})"
            rf"|(?:{pod}\s+)?(?P<wd>{wd})\s+(?P<wrel>{week_rel})|(?:(?P<mod>{mod})\s+)?(?P<period>{rel_period}))(?!\w)"
        ),
    }
    compiled = {name: re.compile(source, re.IGNORECASE) for name, source in sources.items()}
    return Patterns(compiled, re.compile(rf"(?<!\w){pod}(?!\w)", re.IGNORECASE))


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The compiled patterns for the packaged vocabulary."""
    return _build(time_words())
