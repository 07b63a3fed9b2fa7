"""Cue-phrase lexicons read from the package's TSV resources and matched as whole words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


def _matching_view(text: str) -> str:
    """The same matching view the pipeline builds for documents (canonical tone marks, plain dashes)."""
    try:
        from tradetalks.nlp.normalize import matching_view
    except ImportError:  # pragma: no cover - normalisation always ships with the package
        return unicodedata.normalize("NFC", text)
    return matching_view(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=16)
def lower_view(key: str) -> str:
    """``key`` in lower case with the same length (one character per character)."""
    low = key.lower()
    if len(low) == len(key):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in key)


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a resource TSV file, skipping ``#`` comment lines and blank lines."""
    text = resources.files("tradetalks.resources").joinpath(name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True, slots=True)
class CueHit:
    """One occurrence of a cue phrase: its span, the phrase matched and what it stands for."""

    start: int
    end: int
    cue: str
    label: str
    value: str


def _alternation(cues: list[str]) -> str:
    parts = sorted(set(cues), key=lambda c: (-len(c), c))
    return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in parts)


class Lexicon:
    """Cue phrases with a label (and an optional value), compiled into two whole-word regexes.

    Cues written entirely in capitals (acronyms: "TBT", "LNG") match case-sensitively on the
    matching view; every other cue matches on its lower-case form.
    """

    def __init__(self, entries: list[tuple[str, str, str]], overlapping: bool = False):
        self.meaning: dict[str, list[tuple[str, str]]] = {}
        folded: list[str] = []
        exact: list[str] = []
        for label, cue, value in entries:
            view = _matching_view(cue)
            is_acronym = any(c.isalpha() for c in view) and view == view.upper()
            form = view if is_acronym else lower_view(view)
            (exact if is_acronym else folded).append(form)
            self.meaning.setdefault(form, []).append((label, value))
        # overlapping: a zero-width lookahead finds the longest cue starting at every word start
        form = r"(?<!\w)(?=({alt})(?!\w))" if overlapping else r"(?<!\w)({alt})(?!\w)"
        self._folded = re.compile(form.format(alt=_alternation(folded))) if folded else None
        self._exact = re.compile(form.format(alt=_alternation(exact))) if exact else None

    def find(self, low: str, key: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        """Every cue occurrence in ``[start, end)``, in text order (``low`` is ``lower_view(key)``)."""
        stop = len(low) if end is None else end
        hits: list[CueHit] = []
        for pattern, text in ((self._folded, low), (self._exact, key)):
            if pattern is None:
                continue
            for m in pattern.finditer(text, start, stop):
                if m.end(1) > stop:
                    continue
                form = re.sub(r"\s+", " ", m.group(1))
                for label, value in self.meaning.get(form, ()):
                    hits.append(CueHit(m.start(1), m.end(1), form, label, value))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def labels(self, low: str, key: str, start: int = 0, end: int | None = None) -> set[str]:
        """The labels of every cue occurring in ``[start, end)``."""
        return {h.label for h in self.find(low, key, start, end)}

    def any(self, low: str, key: str, start: int = 0, end: int | None = None) -> bool:
        """Whether any cue occurs in ``[start, end)``."""
        return any(True for _ in self._iter(low, key, start, end))

    def _iter(self, low: str, key: str, start: int, end: int | None) -> Iterator[re.Match[str]]:
        stop = len(low) if end is None else end
        for pattern, text in ((self._folded, low), (self._exact, key)):
            if pattern is not None:
                m = pattern.search(text, start, stop)
                if m:
                    yield m


@cache
def event_lexicon(kind: str) -> Lexicon:
    """The rows of ``event_cues.tsv`` whose type column is ``kind`` (or starts with ``kind:``)."""
    entries: list[tuple[str, str, str]] = []
    for row in read_tsv("event_cues.tsv"):
        row = row + [""] * (3 - len(row))
        label, cue, value = row[0], row[1], row[2]
        group, _, sub = label.partition(":")
        if group == kind:
            entries.append((sub or group, cue, value))
    return Lexicon(entries)


@cache
def event_table(kind: str) -> dict[str, str]:
    """``cue -> value`` for the rows of ``event_cues.tsv`` of type ``kind`` (labels, numbers)."""
    table: dict[str, str] = {}
    for row in read_tsv("event_cues.tsv"):
        row = row + [""] * (3 - len(row))
        if row[0] == kind:
            table[row[1]] = row[2]
    return table
