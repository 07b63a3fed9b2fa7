"""Search helpers shared by the backends: safe query words, folded index text, snippets, re-ranking.

The index holds the *folded* title and text (lower case, no diacritics, "đ" -> "d", same
length as the original), so "dam phan" finds "đàm phán"; snippets are cut from the original
text at the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tradetalks.nlp import normalize

#: At most this many query words are used; longer queries are cut (never an error).
MAX_WORDS = 16
#: Longer words are cut to this many characters.
MAX_WORD = 64
SNIPPET_CHARS = 200

_WORD = re.compile(r"[^\W_]+")


def fold_text(text: str) -> str:
    """The folded form of ``text`` with exactly its length: "Đàm phán" -> "dam phan"."""
    return normalize.fold(text)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed user query: its folded words, and its lower-case words as written (for exact matches)."""

    words: tuple[str, ...]
    exact: tuple[str, ...]
    has_diacritics: bool

    @property
    def empty(self) -> bool:
        return not self.words


def parse_query(text: str) -> Query:
    """Words of a user query, folded; operators, quotes and control characters are dropped."""
    text = unicodedata.normalize("NFC", text[: MAX_WORDS * (MAX_WORD + 8)])
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")  # marks with no composed form
    raw = [w[:MAX_WORD] for w in _WORD.findall(text.lower())][:MAX_WORDS]
    folded: list[str] = []
    exact: list[str] = []
    for word in raw:
        parts = _WORD.findall(normalize.fold_query(word))
        if len(parts) == 1:
            exact.append(word)
        folded.extend(parts)
    words = tuple(dict.fromkeys(folded))[:MAX_WORDS]
    has_diacritics = any(fold_text(w) != w for w in exact)
    return Query(words, tuple(exact), has_diacritics)


def fts5_match(query: Query) -> str:
    """An FTS5 MATCH expression: every word quoted (so no operator survives), all required."""
    return " ".join(f'"{w}"' for w in query.words)


def fts5_phrase(query: Query) -> str:
    """An FTS5 MATCH expression for the words as one phrase, in order."""
    return '"' + " ".join(query.words) + '"'


def candidates(query: Query, pool: int, fetch: Callable[[bool, int], list[tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    """Rows whose words form the phrase first, then rows holding all the words; unique by id (column 0).

    ``fetch(phrase, pool)`` runs one engine query: the words as a phrase, or all of them anywhere.
    """
    rows: list[tuple[Any, ...]] = []
    if len(query.words) > 1:
        rows = fetch(True, pool)
    if len(rows) < pool:
        seen = {r[0] for r in rows}
        rows += [r for r in fetch(False, pool) if r[0] not in seen]
    return rows


def tsquery_text(query: Query) -> str:
    """Words for PostgreSQL's ``plainto_tsquery`` (which never fails on syntax)."""
    return " ".join(query.words)


def _word_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])")


def phrase_in(query: Query, folded: str) -> bool:
    """True when the query words occur together, in order, in the folded text."""
    if len(query.words) < 2:
        return False
    pattern = r"(?<![^\W_])" + r"\W+".join(re.escape(w) for w in query.words) + r"(?![^\W_])"
    return re.search(pattern, folded) is not None


def exact_matches(query: Query, text: str) -> int:
    """How many query words occur with their diacritics as written (0 for queries without any)."""
    if not query.has_diacritics:
        return 0
    lowered = text.lower()
    return sum(1 for w in query.exact if re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", lowered))


def snippet(query: Query, text: str, width: int = SNIPPET_CHARS) -> str:
    """A window of the original text around the most query words, each match wrapped in [ ]."""
    if not text:
        return ""
    folded = fold_text(text)
    spans = [(m.start(), m.end()) for m in _word_re(query.words).finditer(folded)] if query.words else []
    if query.has_diacritics:  # "của" marks "của", not "cửa", when the text has it as typed
        exact = set(query.exact)
        spans = [(a, b) for a, b in spans if text[a:b].lower() in exact] or spans
    start = _best_window(spans, folded, width)
    spans = _merge_adjacent(spans, text)
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start + width // 2, end)
        end = cut if cut > 0 else end
    parts: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        parts += [text[pos:s], "[", text[s:e], "]"]
        pos = e
    parts.append(text[pos:end])
    if end < len(text):
        parts.append("…")
    return " ".join("".join(parts).split())


def _merge_adjacent(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join matches separated only by spaces: "[thương mại số]" rather than "[thương] [mại] [số]"."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and text[merged[-1][1] : a].isspace():
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _best_window(spans: list[tuple[int, int]], folded: str, width: int) -> int:
    """The start of the window of ``width`` chars holding the most distinct matched words."""
    if not spans:
        return 0
    spans = spans[:300]
    best, best_count = spans[0][0], 0
    for i, (s, _) in enumerate(spans):
        seen = {folded[a:b] for a, b in spans[i : i + 40] if b <= s + width}
        if len(seen) > best_count:
            best, best_count = s, len(seen)
    start = max(0, best - width // 4)
    if start > 0:
        space = folded.find(" ", start, best)
        start = space + 1 if space >= 0 else start
    return start


def rank_key(query: Query, title: str, text: str, score: float) -> tuple[int, int, float]:
    """Sort key (descending): whole phrase present, exact-diacritic words, then the engine's score."""
    folded = fold_text(f"{title}\n{text}")
    return (int(phrase_in(query, folded)), exact_matches(query, f"{title}\n{text}"), score)
