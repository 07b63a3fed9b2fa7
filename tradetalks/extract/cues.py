"""Cue-phrase lexicons read from the package's TSV resources and matched as whole words."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from tradetalks.extract.cue_table import cue_rows
from tradetalks.model import EVENT_TYPES


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


Trie = dict[str, "Trie"]


def _alternation(cues: list[str]) -> str:
    """A regex matching any of ``cues`` (longest first), factored as a trie so matching stays fast."""
    trie: Trie = {}
    for cue in set(cues):
        node = trie
        for ch in cue:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: Trie) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child) for ch, child in node.items() if ch != ""
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


class Lexicon:
    """Cue phrases with a label (and an optional value), compiled into one whole-word regex.

    Matching runs on the lower-case matching view; a cue written entirely in capitals (an acronym:
    "TBT", "LNG") must also be written in capitals in the text.
    """

    def __init__(self, entries: list[tuple[str, str, str]], overlapping: bool = False):
        self.meaning: dict[str, list[tuple[str, str, str | None]]] = {}
        for label, cue, value in entries:
            view = _matching_view(cue)
            is_acronym = any(c.isalpha() for c in view) and view == view.upper()
            form = lower_view(view)
            self.meaning.setdefault(form, []).append((label, value, view if is_acronym else None))
        # overlapping: a zero-width lookahead finds the longest cue starting at every word start
        form = r"(?<!\w)(?=({alt})(?!\w))" if overlapping else r"(?<!\w)({alt})(?!\w)"
        self._pattern = re.compile(form.format(alt=_alternation(list(self.meaning)))) if self.meaning else None

    def find(self, low: str, key: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        """Every cue occurrence in ``[start, end)``, in text order (``low`` is ``lower_view(key)``)."""
        if self._pattern is None:
            return []
        stop = len(low) if end is None else end
        hits: list[CueHit] = []
        for m in self._pattern.finditer(low, start, stop):
            a, b = m.span(1)
            form = m.group(1)
            entries = self.meaning.get(form)
            if entries is None:  # the text spaces the words differently ("thương  mại", a line break)
                form = re.sub(r"\s+", " ", form)
                entries = self.meaning.get(form, [])
            for label, value, exact in entries:
                if exact is None or re.sub(r"\s+", " ", key[a:b]) == exact:
                    hits.append(CueHit(a, b, form, label, value))
        return hits

    def labels(self, low: str, key: str, start: int = 0, end: int | None = None) -> set[str]:
        """The labels of every cue occurring in ``[start, end)``."""
        return {h.label for h in self.find(low, key, start, end)}

    def any(self, low: str, key: str, start: int = 0, end: int | None = None) -> bool:
        """Whether any cue occurs in ``[start, end)``."""
        return bool(self.find(low, key, start, end))


def _index_entries() -> list[tuple[str, str, str]]:
    entries = [(f"topic:{r[0]}", r[1], "") for r in read_tsv("topics.tsv") if len(r) >= 2]
    for row in cue_rows():
        if row.group in EVENT_TYPES:
            entries.append((f"event:{row.group}", row.cue, row.value))
        elif row.group == "ignore":
            entries.append(("ignore:", row.cue, ""))
    for r in read_tsv("negotiations.tsv"):
        if len(r) >= 3 and r[1] in ("agreement", "agreement_vn", "partner"):
            entries.append((f"{r[1]}:{r[0]}", r[2], ""))
    return entries


@lru_cache(maxsize=1)
def _index_lexicon() -> Lexicon:
    return Lexicon(_index_entries(), overlapping=True)


@lru_cache(maxsize=4)
def text_cues(low: str, key: str) -> dict[str, list[CueHit]]:
    """One pass over a text for every cue kind (topic, event, ignore, agreement…, partner), by kind.

    At each word start only the longest cue is kept, so "cuộc họp báo" (ignore) hides "cuộc họp".
    """
    out: dict[str, list[CueHit]] = {}
    for h in _index_lexicon().find(low, key):
        kind, _, label = h.label.partition(":")
        out.setdefault(kind, []).append(CueHit(h.start, h.end, h.cue, label, h.value))
    return out


def hits_within(hits: list[CueHit], start: int, end: int) -> list[CueHit]:
    """The hits (sorted by start) lying inside ``[start, end)``."""
    i = bisect_left(hits, start, key=lambda h: h.start)
    out: list[CueHit] = []
    while i < len(hits) and hits[i].start < end:
        if hits[i].end <= end:
            out.append(hits[i])
        i += 1
    return out


@cache
def event_lexicon(kind: str) -> Lexicon:
    """The rows of ``event_cues.tsv`` of group ``kind`` (an event type or a modifier group)."""
    return Lexicon([(row.group, row.cue, row.value) for row in cue_rows(kind)])


@cache
def event_table(kind: str) -> dict[str, str]:
    """``cue -> value`` for the rows of ``event_cues.tsv`` of group ``kind`` (labels, numbers)."""
    return {row.cue: row.value for row in cue_rows(kind)}


@cache
def words_pattern(kind: str) -> str:
    """A regex alternation (no groups) of the cues of ``event_cues.tsv`` of type ``kind``."""
    return _alternation([lower_view(_matching_view(w)) for w in event_table(kind)])


def ends_with(kind: str, low: str, key: str, lo: int, hi: int) -> CueHit | None:
    """The cue of group ``kind`` that ends exactly at ``hi`` (ignoring spaces), if any."""
    while hi > lo and low[hi - 1].isspace():
        hi -= 1
    best = None
    for h in event_lexicon(kind).find(low, key, max(lo, hi - 40), hi):
        if h.end == hi and (best is None or h.start < best.start):
            best = h
    return best


def starts_with(kind: str, low: str, key: str, lo: int, hi: int) -> CueHit | None:
    """The cue of group ``kind`` that starts at ``lo`` (ignoring spaces), if any."""
    while lo < hi and low[lo].isspace():
        lo += 1
    for h in event_lexicon(kind).find(low, key, lo, min(hi, lo + 40)):
        if h.start == lo:
            return h
    return None
