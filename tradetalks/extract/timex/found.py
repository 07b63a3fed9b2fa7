"""Candidate time expressions: the records passed between matching, the reader's rules and resolution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from tradetalks.extract.timex.context import Context


@dataclass(slots=True)
class Point:
    """One end of a calendar expression; year None when the text does not state it."""

    month: int
    day: int | None = None
    year: int | None = None
    quarter: int | None = None


@dataclass(slots=True)
class Found:
    """A candidate time expression with what the text itself says about it."""

    start: int
    end: int
    kind: str  # date | interval | month | quarter | year | year_part | relative
    points: list[Point] = field(default_factory=list)
    strong: bool = True  # introduced by a date word, not just a bare number
    time_of_day: str | None = None
    rel_year: int | None = None  # "năm ngoái" after it: offset from the publication year
    direction: int = 0  # "tới" after it: +1; "vừa qua": -1
    value: str | None = None  # final value (years and relative expressions)
    resolved_by: str | None = None
    listed_after: int | None = None  # a bare "d/m" after "a/b và": "a/b" must be a date too


class Veto:
    """A match rejected because of its context: shorter matches inside it are not dates either."""


VETO = Veto()
Outcome = Found | Veto | None


class Joined:
    """A core match with the optional words matched back from its start ("sáng", "ngày", "cuối")."""

    def __init__(self, core: re.Match[str], prefix: re.Match[str] | None = None, end: int | None = None):
        self.core = core
        self.prefix = prefix if prefix is not None and prefix.start() < prefix.end() else None
        self.string = core.string
        self._end = core.end() if end is None else end

    def __getitem__(self, name: str) -> str | None:
        if name in self.core.re.groupindex and self.core[name] is not None:
            return self.core[name]
        if self.prefix is not None and name in self.prefix.re.groupindex:
            return self.prefix[name]
        return None

    def _owner(self, name: str) -> re.Match[str]:
        if name in self.core.re.groupindex and self.core[name] is not None or self.prefix is None:
            return self.core
        return self.prefix

    def start(self, name: str | None = None) -> int:
        if name is None:
            return self.prefix.start() if self.prefix is not None else self.core.start()
        return self._owner(name).start(name)

    def end(self, name: str | None = None) -> int:
        return self._end if name is None else self._owner(name).end(name)

    def group(self) -> str:
        return self.string[self.start() : self.end()]

    def span(self) -> tuple[int, int]:
        return self.start(), self.end()


Handler = Callable[[Joined, Context, date | None], Outcome]
