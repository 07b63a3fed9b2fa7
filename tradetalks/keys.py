"""Keys for matching and ordering dossier records, shared by the store's rows and the readers: folded names,
the days an ISO date covers, the order of the parts of a day. A leaf module: it imports no package module but
the normaliser."""

from __future__ import annotations

import re

from tradetalks.nlp.normalize import fold

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
TIME_OF_DAY_ORDER: dict[str | None, int] = {"morning": 1, "noon": 2, "afternoon": 3, "evening": 4, "night": 5}


def fold_name(text: str) -> str:
    """A name for matching, no diacritics or punctuation: "Nguyễn Sinh Nhật Tân" -> "nguyen sinh nhat tan"."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


def is_dated(value: str | None) -> bool:
    """Whether an ISO value has a known year: "2025-11-12" and "2025-11" do, "XXXX-02-04" does not."""
    return bool(value) and bool(_ISO.match(value or ""))


def date_floor(value: str) -> str:
    """The first day an ISO date or month covers: "2025-11" -> "2025-11-01"."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def date_ceiling(value: str) -> str:
    """The last day (as a sortable string) an ISO date or month covers: "2025-11" -> "2025-11-31"."""
    return (value + "-12-31")[:10] if len(value) == 4 else (value + "-31")[:10]
