"""The Vietnamese time vocabulary of ``resources/time_words.tsv``, loaded once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

RESOURCE = "time_words.tsv"

CATEGORIES = frozenset(
    {
        "calendar_unit",
        "part_of_day",
        "date_word",
        "weekday",
        "month_name",
        "modifier",
        "relative_day",
        "day_suffix",
        "relative_period",
        "year_share",
        "same_day",
        "past_day",
        "direction",
        "past_marker",
        "tense",
        "quantity",
        "narrative",
        "connector",
        "range_word",
        "span_start",
        "preposition",
        "follower",
        "ratio_cue",
        "id_cue",
        "unit",
        "lunar",
        "period_word",
        "compound",
        "decade",
        "edge_day",
        "edge_link",
        "year_name",
        "lunar_new_year",
        "solar_mark",
        "lunar_frame",
        "comparison",
    }
)


class TimeWordsError(ValueError):
    """The time vocabulary file is malformed."""


@dataclass(frozen=True, slots=True)
class TimeWords:
    """Phrase -> value tables, one per category of ``time_words.tsv``."""

    tables: dict[str, dict[str, str]]

    def phrases(self, category: str) -> list[str]:
        """The phrases of one category, longest first (for regex alternation)."""
        return sorted(self.tables.get(category, {}), key=lambda p: (-len(p), p))

    def value(self, category: str, phrase: str) -> str | None:
        """The value of a phrase as matched (case and spacing ignored), or None."""
        table = self.tables.get(category, {})
        wanted = " ".join(phrase.split())
        if wanted in table:
            return table[wanted]
        folded = wanted.lower()
        for key, value in table.items():
            if key.lower() == folded:
                return value
        return None

    def lowered(self, category: str) -> frozenset[str]:
        """The phrases of one category in lower case, for membership tests."""
        return frozenset(p.lower() for p in self.tables.get(category, {}))


def parse_time_words(text: str, name: str = RESOURCE) -> TimeWords:
    """Parse the TSV text of the time vocabulary; comment lines start with ``#``."""
    tables: dict[str, dict[str, str]] = defaultdict(dict)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[1].strip():
            raise TimeWordsError(f"{name}:{number}: expected category<TAB>phrase<TAB>value, got {line!r}")
        category, phrase, value = (cell.strip() for cell in cells)
        if category not in CATEGORIES:
            raise TimeWordsError(f"{name}:{number}: unknown category {category!r}")
        tables[category][" ".join(phrase.split())] = value
    return TimeWords(dict(tables))


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    """The packaged time vocabulary."""
    text = resources.files("tradetalks.resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    return parse_time_words(text)
