"""Precompiled regular expressions for Vietnamese time expressions, built from the time vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tradetalks.extract.timex.words import TimeWords, time_words

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:19\d\d|20\d\d|2100)"
#: A number starts here: not inside a word, a ratio, a decimal or an identifier.
NUM_START = r"(?<![\w/.,:%+-])"
#: A number ends here: no letter, digit, percent, "/x", or decimal/time continuation follows.
NUM_END = r"(?![\w%]|/\w|[.,:-]\d)"
#: Dashes and spaces that ``doc.key`` unifies; unified here too so raw text works as well.
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_PLAIN = [(c, "-") for c in _DASH_CHARS] + [("\u00a0", " ")]


def plain_dashes(text: str) -> str:
    """The text with every dash as "-" and no-break spaces as spaces (same length)."""
    for char, plain in _PLAIN:
        if char in text:
            text = text.replace(char, plain)
    return text


#: Letters that a case-blind pattern matches to a letter other than their lower case (re's own case equivalences),
#: or whose lower case is two letters ("İ"): mapped before lowering.
_CASE_EXTRAS = {"İ": "i", "ı": "i", "ſ": "s", "ẛ": "ṡ"}


@lru_cache(maxsize=4)
def case_blind(text: str) -> str:
    """``text`` lowered for a quick case-sensitive test: a case-blind (``re.IGNORECASE``) pattern of Vietnamese
    phrases matches ``text`` only where its lower-case form matches ``case_blind(text)``. The offsets may differ
    ("İ" lowers to two letters); only whether it matches is read. Kept for the few texts last asked (each rule
    of an article asks again)."""
    for char, plain in _CASE_EXTRAS.items():
        if char in text:
            text = text.replace(char, plain)
    return text.lower()


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
    """Compiled patterns: cores matched where a trigger fires, prefixes matched back from a core.

    Scanning a whole text once per pattern is slow when patterns open with optional words, so
    each core opens with a digit or a keyword found by a fast trigger, and the optional words
    before it ("sáng", "thứ Hai,", "ngày", "cuối") are matched backwards from its start.
    """

    trigger: re.Pattern[str]  # the first digit of a number that may be part of a date
    numeric: dict[str, re.Pattern[str]]  # cores opening with that number, in preference order
    keyword: dict[str, re.Pattern[str]]  # cores opening with "tháng" / "quý"
    keywords: dict[str, tuple[str, ...]]  # keyword -> names of the cores it triggers
    date_prefix: re.Pattern[str]  # "chiều", "thứ Hai (", "ngày" before a day number
    year_prefix: re.Pattern[str]  # "cuối năm" before a year
    modifier_prefix: re.Pattern[str]  # "đầu", "cuối" before "tháng" / "quý"
    relative: re.Pattern[str]  # a relative expression ending where the search ends
    relative_ends: frozenset[str]  # last words of relative expressions ("nay", "tới")
    relative_heads: frozenset[str]  # words that may stand right before them ("hôm", "tuần", "sáng")
    day_listed: re.Pattern[str]  # "ngày 12 và " before "13/11": two days of one list
    listed: re.Pattern[str]  # "1/3, " before "1/4": items of one list, dates only if the first is one
    close_paren: re.Pattern[str]
    part_of_day: re.Pattern[str]
    same_day: re.Pattern[str]  # "cùng ngày", "chiều cùng ngày": the day last told
    month_number: re.Pattern[str]  # "tháng " right before a number: that number is a month, never a day
    year_listed: re.Pattern[str]  # "2008 và " before "2018": years of one list, years only if the first is one
    year_follows: re.Pattern[str]  # ", 2021" after "các năm 2020": a list of years, not the decade
    word_ends: frozenset[str]  # the last letters (lower case) of the words a prefix may end with

    def may_end_prefix(self, view: str, pos: int, marks: str = "") -> bool:
        """Whether a prefix word (or one of ``marks``) can end right before ``pos``, blanks aside: a cheap
        test before a backward search, so that a run of bare numbers ("1/2 1/2 …") costs no search."""
        i = pos
        while i > 0 and view[i - 1] in " \t":
            i -= 1
        return i > 0 and (view[i - 1].lower() in self.word_ends or view[i - 1] in marks)


def _build(words: TimeWords) -> Patterns:
    units = words.tables.get("calendar_unit", {})
    month_word, year_word, quarter_word = (
        alternation([p for p, v in units.items() if v == unit]) for unit in ("month", "year", "quarter")
    )
    pod = alternation(words.phrases("part_of_day"))
    dw = alternation(words.phrases("date_word"))
    wd = cased_alternation(words.phrases("weekday"))
    mod = alternation(words.phrases("modifier"))
    month_names = "(?-i:" + alternation(words.phrases("month_name")) + ")"
    rel_day = alternation(words.phrases("relative_day"))
    day_suffix = "(?-i:" + "|".join(re.escape(p) for p in words.phrases("day_suffix")) + ")"
    periods = words.phrases("relative_period")
    rel_period = alternation(periods)
    year_rel = alternation([p for p in periods if (words.value("relative_period", p) or "").startswith("year:")])
    week_rel = alternation([p for p in periods if (words.value("relative_period", p) or "").startswith("week:")])
    range_words = alternation(words.phrases("range_word"))
    conn = rf"(?:-|{range_words})"
    lists = alternation(words.phrases("connector"))
    dw_plain = alternation(words.phrases("date_word"))
    anchor = rf"(?:{wd}|{rel_day}|{pod}\s+{day_suffix})"
    year_part_tail = rf"(?:(?P<ry>{year_rel})(?!\w)|{year_word}(?:\s+(?P<y>{YEAR}))?{NUM_END})"
    year_tail = rf"(?:\s+{year_word}\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?"
    numeric = {
        "iso": rf"(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d){NUM_END}",
        "date_range": (
            rf"(?P<d1>{DAY})(?P<s1>[/.-])(?P<m1>{MONTH})(?:(?P=s1)(?P<y1>{YEAR}))?(?P<conn>\s*{conn}\s*)"
            rf"(?:{pod}\s+)?(?:(?P<dw2>{dw})\s+)?(?P<d2>{DAY})(?P<s2>[/.-])(?P<m2>{MONTH})(?:(?P=s2)(?P<y2>{YEAR}))?"
            rf"{year_tail}{NUM_END}"
        ),
        "day_range": (
            rf"(?P<d1>{DAY})(?P<conn>\s*{conn}\s*)(?:{dw}\s+)?(?P<d2>{DAY})"
            rf"(?:(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)(?P<y>{YEAR}))?"
            rf"|\s+{month_word}\s+(?P<mt>{MONTH})(?:\s*(?:,|{year_word})\s*(?P<yt>{YEAR}))?){year_tail}{NUM_END}"
        ),
        "date": rf"(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)(?P<y>{YEAR}))?{year_tail}{NUM_END}",
        "day_list": (
            rf"(?P<d1>{DAY})(?P<conn>\s*,\s*|\s+{lists}\s+)(?P<d2>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})"
            rf"(?:(?P=sep)(?P<y>{YEAR}))?{NUM_END}"
        ),
        "day_month": (
            rf"(?P<d>{DAY})\s+{month_word}\s+(?:(?P<m>{MONTH})|(?P<mname>{month_names}))"
            rf"(?:\s*(?:,|{year_word})\s*(?P<y>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "day_month_range": (
            rf"(?P<d1>{DAY})\s+{month_word}\s+(?P<m1>{MONTH})(?:\s*(?:,|{year_word})\s*(?P<y1>{YEAR}))?"
            rf"(?P<conn>\s*{conn}\s*)(?:{pod}\s+)?(?:(?P<dw2>{dw})\s+)?(?P<d2>{DAY})\s+{month_word}\s+(?P<m2>{MONTH})"
            rf"(?:\s*(?:,|{year_word})\s*(?P<y2>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "year_range": rf"(?P<y1>{YEAR})(?P<conn>\s*{conn}\s*)(?:{year_word}\s+)?(?P<y2>{YEAR}){NUM_END}",
        "year": rf"(?P<y>{YEAR}){NUM_END}",
        # "6 tháng đầu năm 2025", "2 tháng cuối năm", "10 tháng năm 2024": months counted from a year's end
        "year_part": rf"(?P<n>\d{{1,2}})\s+{month_word}\s+(?:(?P<mod>{mod})\s+)?{year_part_tail}",
    }
    keyword = {
        "month_range": (
            rf"{month_word}\s+(?P<m1>{MONTH})(?:\s*[/-]\s*(?P<y1>{YEAR}))?"
            rf"(?P<conn>\s*{conn}\s*)(?P<th>{month_word}\s+)?(?P<m2>{MONTH})"
            rf"(?:\s*[/.-]\s*(?P<y2>{YEAR})|\s+{year_word}\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "month": (
            rf"{month_word}\s+(?:(?P<m>{MONTH})|(?P<mname>{month_names})(?!\w))"
            rf"(?:\s*[/.-]\s*(?P<y>{YEAR})|\s+{year_word}\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
        "year_share": rf"(?P<share>{alternation(words.phrases('year_share'))})\s+(?P<mod>{mod})\s+{year_part_tail}",
        "quarter": (
            rf"{quarter_word}\s+(?P<q>IV|I{{1,3}}|[1-4])(?!\w)"
            rf"(?:\s*[/-]\s*(?P<y>{YEAR})|\s+{year_word}\s+(?P<yw>{YEAR})|\s+(?P<ry>{year_rel}))?{NUM_END}"
        ),
    }
    past = alternation(words.phrases("past_day"))
    year_name = alternation(words.phrases("year_name"))  # "mới" of "năm mới 2026"
    ahead = alternation([p for p in words.phrases("direction") if words.value("direction", p) == "+1"])  # "tới"
    relative = (
        rf"(?<!\w)(?:(?:{pod}\s+)?(?P<rday>{rel_day})|{pod}\s+(?P<suffix>{day_suffix})"
        rf"|(?:{pod}\s+)?(?P<wd>{wd})\s+(?P<wrel>{week_rel})|(?:(?P<mod>{mod})\s+)?(?P<period>{rel_period})"
        rf"|(?:{pod}\s+)?{past}\s+(?P<pwd>{wd})|(?:{pod}\s+)?(?P<nwd>{wd})\s+{ahead})\Z"
    )
    phrases = words.phrases("relative_day") + periods
    ends = {p.split()[-1].lower() for p in phrases} | {p.lower() for p in words.phrases("day_suffix")}
    weekdays = words.phrases("weekday")
    aheads = [p for p in words.phrases("direction") if words.value("direction", p) == "+1"]
    ends |= {p.split()[-1].lower() for p in weekdays + aheads}
    heads = {p.split()[-2].lower() for p in phrases + weekdays if " " in p} | {
        p.split()[-1].lower() for p in words.phrases("part_of_day") + weekdays
    }
    flags = re.IGNORECASE
    return Patterns(
        trigger=re.compile(
            rf"\d(?<![\w/.,:%+-]\d)(?=\d?\s*[/.,-]\s*\d|\d?\s+(?:{month_word}|{range_words}|{lists})\s|\d{{3}}(?!\d))"
        ),
        day_listed=re.compile(rf"(?<!\w){dw_plain}\s+\d{{1,2}}\s*(?:,|{lists})\s*\Z", flags),
        listed=re.compile(rf"(?<![\w/.,])\d{{1,2}}/\d{{1,2}}\s*(?:,|{lists})\s*\Z", flags),
        numeric={name: re.compile(source, flags) for name, source in numeric.items()},
        keyword={name: re.compile(source, flags) for name, source in keyword.items()},
        keywords={
            **{p: ("month_range", "month") for p, v in units.items() if v == "month"},
            **{p: ("quarter",) for p, v in units.items() if v == "quarter"},
            **{p.lower(): ("year_share",) for p in words.phrases("year_share")},
        },
        date_prefix=re.compile(
            rf"(?<!\w)(?:{pod}\s+)?(?:(?P<wd>{anchor})\s*(?:,|(?P<paren>\())?\s*)?(?:(?P<dw>{dw})\s+)?\Z", flags
        ),
        year_prefix=re.compile(rf"(?<!\w)(?:(?P<mod>{mod})\s+)?(?P<nam>{year_word})\s+(?:{year_name}\s+)?\Z", flags),
        modifier_prefix=re.compile(rf"(?<!\w)(?P<mod>{mod})\s+\Z", flags),
        relative=re.compile(relative, flags),
        relative_ends=frozenset(ends),
        relative_heads=frozenset(heads),
        close_paren=re.compile(r"\s*\)"),
        part_of_day=re.compile(rf"(?<!\w){pod}(?!\w)", flags),
        same_day=re.compile(rf"(?<!\w)(?:(?P<pod>{pod})\s+)?{alternation(words.phrases('same_day'))}(?!\w)", flags),
        month_number=re.compile(rf"(?<!\w){month_word}\s+\Z", flags),
        year_listed=re.compile(rf"(?<![\w/.,]){YEAR}\s*(?:,|{lists})\s*\Z", flags),
        year_follows=re.compile(rf"\s*(?:,|{lists})\s*{YEAR}(?!\d)", flags),
        word_ends=frozenset(
            p[-1].lower()
            for cat in (
                "part_of_day",
                "date_word",
                "weekday",
                "relative_day",
                "day_suffix",
                "modifier",
                "connector",
                "year_name",
            )
            for p in words.phrases(cat)
        )
        | frozenset(p[-1].lower() for p in units),
    )


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The compiled patterns for the packaged vocabulary."""
    return _build(time_words())
