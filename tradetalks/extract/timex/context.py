"""The words around a candidate time expression, and the reader's rules that use them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tradetalks.extract.timex.words import TimeWords, time_words

_BLANKS = " \t"
_MOST_BEFORE = 4  # the most tokens any rule reads before a candidate
_MOST_AFTER = 2
_CLOSING = frozenset(",.;:!?)]}\"'”’…\n-")
_OPENING = frozenset("\n,;.!?")


@dataclass(frozen=True, slots=True)
class CueSets:
    """Lower-cased phrase sets of the vocabulary used by the context rules."""

    quantity: frozenset[str]
    narrative: frozenset[str]
    connector: frozenset[str]
    range_word: frozenset[str]
    span_start: frozenset[str]
    preposition: frozenset[str]
    follower: frozenset[str]
    ratio: frozenset[str]
    ident: frozenset[str]
    unit: frozenset[str]
    lunar: frozenset[str]
    period: frozenset[str]
    date_word: frozenset[str]
    compound: frozenset[str]
    decade: frozenset[str]
    direction: dict[str, int]
    past_marker: frozenset[str] = frozenset()
    past_day: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cue_sets() -> CueSets:
    """The cue sets of the packaged vocabulary."""
    return _cue_sets(time_words())


def _cue_sets(words: TimeWords) -> CueSets:
    direction = {p.lower(): int(v) for p, v in words.tables.get("direction", {}).items()}
    return CueSets(
        quantity=words.lowered("quantity"),
        narrative=words.lowered("narrative"),
        connector=words.lowered("connector"),
        range_word=words.lowered("range_word"),
        span_start=words.lowered("span_start"),
        preposition=words.lowered("preposition"),
        follower=words.lowered("follower"),
        ratio=words.lowered("ratio_cue"),
        ident=words.lowered("id_cue"),
        unit=words.lowered("unit"),
        lunar=words.lowered("lunar"),
        period=words.lowered("period_word"),
        date_word=words.lowered("date_word"),
        compound=words.lowered("compound"),
        decade=words.lowered("decade"),
        direction=direction,
        past_marker=words.lowered("past_marker"),
        past_day=words.lowered("past_day"),
    )


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def tokens_before(view: str, pos: int, count: int = 3) -> list[str]:
    """Up to ``count`` tokens (words or single punctuation marks) before ``pos``, nearest first.

    A line break is a token and ends the list; the start of the text yields no token.
    """
    out: list[str] = []
    i = pos
    while len(out) < count:
        while i > 0 and view[i - 1] in _BLANKS:
            i -= 1
        if i == 0:
            break
        ch = view[i - 1]
        if ch == "\n":
            out.append("\n")
            break
        if ch.isalnum() or ch == "_":
            j = i - 1
            stop = max(0, i - 40)
            while j > stop and ((c := view[j - 1]).isalnum() or c == "_"):
                j -= 1
            out.append(view[j:i])
            i = j
        else:
            out.append(ch)
            i -= 1
    return out


def tokens_after(view: str, pos: int, count: int = 2) -> list[str]:
    """Up to ``count`` tokens after ``pos``, nearest first; a line break is a token and ends the list."""
    out: list[str] = []
    i, n = pos, len(view)
    while len(out) < count:
        while i < n and view[i] in _BLANKS:
            i += 1
        if i >= n:
            break
        ch = view[i]
        if ch == "\n":
            out.append("\n")
            break
        if _is_word_char(ch):
            j = i
            while j < n and _is_word_char(view[j]) and j - i < 40:
                j += 1
            out.append(view[i:j])
            i = j
        else:
            out.append(ch)
            i += 1
    return out


def phrase_before(tokens: list[str], phrases: frozenset[str]) -> bool:
    """Whether the tokens before a position (nearest first) end with one of ``phrases``."""
    for k in range(1, min(3, len(tokens)) + 1):
        if " ".join(reversed(tokens[:k])).lower() in phrases:
            return True
    return False


def phrase_after(tokens: list[str], phrases: frozenset[str]) -> bool:
    """Whether the tokens after a position (nearest first) start with one of ``phrases``."""
    for k in range(1, min(3, len(tokens)) + 1):
        if " ".join(tokens[:k]).lower() in phrases:
            return True
    return False


class Context:
    """Reader's rules over the text around a candidate: duration, ratio, identifier, follower."""

    def __init__(self, view: str, cues: CueSets | None = None):
        self.view = view
        self.cues = cues or cue_sets()
        self._before: dict[int, list[str]] = {}
        self._after: dict[int, list[str]] = {}
        self._phrases: dict[int, list[str]] = {}
        self._present: dict[int, bool] = {}
        self._lowered: str | None = None

    def possible(self, phrases: frozenset[str]) -> bool:
        """Whether any of ``phrases`` can occur in the text at all (all its words do): a text without
        "âm lịch" needs no lunar test at each of its numbers."""
        if id(phrases) not in self._present:
            if self._lowered is None:
                self._lowered = self.view.lower()
            low = self._lowered
            self._present[id(phrases)] = any(all(w in low for w in p.split()) for p in phrases)
        return self._present[id(phrases)]

    def before(self, pos: int, count: int) -> list[str]:
        """``tokens_before(view, pos, count)``, read once per position for every rule that asks."""
        if pos not in self._before:
            self._before[pos] = tokens_before(self.view, pos, _MOST_BEFORE)
        return self._before[pos][:count]

    def ends_with(self, pos: int, count: int, phrases: frozenset[str]) -> bool:
        """``phrase_before(self.before(pos, count), phrases)``, its phrases joined once per position."""
        if not self.possible(phrases):
            return False
        if pos not in self._phrases:
            tokens = self.before(pos, 3)
            self._phrases[pos] = [" ".join(reversed(tokens[:k])).lower() for k in range(1, len(tokens) + 1)]
        return any(p in phrases for p in self._phrases[pos][: min(3, count)])

    def after(self, pos: int, count: int) -> list[str]:
        """``tokens_after(view, pos, count)``, read once per position for every rule that asks."""
        if pos not in self._after:
            self._after[pos] = tokens_after(self.view, pos, _MOST_AFTER)
        return self._after[pos][:count]

    def counted(self, start: int) -> bool:
        """A number or quantity word stands before: "30 năm nay", "những tháng tới" are durations."""
        before = self.before(start, 1)
        return bool(before) and (before[0].isdigit() or before[0].lower() in self.cues.quantity)

    def ratio_or_id(self, start: int) -> bool:
        """A rank, ratio, amount or identifier word stands before ("đứng thứ", "chiếm", "Nghị định số")."""
        before = self.before(start, 3)
        if self.ends_with(start, 3, self.cues.ratio) or self.ends_with(start, 3, self.cues.ident):
            return True
        if before and before[0] in ("/", "-", ".") or len(before) > 1 and before[1].lower() in self.cues.ident:
            return True
        return False

    def identifier(self, start: int) -> bool:
        """An identifier word stands before ("số", "Nghị định", "phiên bản"), or "/" glues it to one."""
        before = self.before(start, 3)
        return self.ends_with(start, 3, self.cues.ident) or bool(before) and before[0] in ("/", "-", ".")

    def decade(self, start: int) -> bool:
        """A plural word stands before "năm 1990": "những năm 1990" is the decade."""
        before = self.before(start, 1)
        return bool(before) and before[0].lower() in self.cues.decade

    def modifier_taken(self, start: int) -> bool:
        """The word before "đầu"/"cuối" makes a compound with it ("bắt đầu", "hàng đầu"): not a modifier."""
        return self.ends_with(start, 1, self.cues.compound)

    def after_preposition(self, start: int) -> bool:
        """A preposition stands right before ("từ", "vào", "tính đến") and no ratio word before it."""
        before = self.before(start, 4)
        for k in (2, 1):
            if len(before) >= k and " ".join(reversed(before[:k])).lower() in self.cues.preposition:
                return not phrase_before(before[k:], self.cues.ratio)
        return False

    def opens(self, start: int) -> bool:
        """Nothing that could make a number stands before: a line or sentence start, a comma, "và"."""
        before = self.before(start, 1)
        return not before or before[0] in _OPENING or before[0].lower() in self.cues.connector

    def closes(self, end: int) -> bool:
        """What follows cannot continue a number: punctuation, a capital, the end, or a date follower."""
        after = self.after(end, 2)
        if not after:
            return True
        token = after[0]
        if (token == "-" or token.lower() in self.cues.range_word) and len(after) > 1 and after[1][0].isdigit():
            return False
        if token in _CLOSING or token == "(":
            return True
        if token[0].isupper() and token.lower() not in self.cues.unit:
            return True
        return token.lower() in self.cues.follower

    def unit_after(self, end: int) -> bool:
        """A unit follows ("năm 2000 người", "tháng 3 lần"): a quantity, not a date."""
        after = self.after(end, 2)
        return bool(after) and (phrase_after(after, self.cues.unit) or after[0].isdigit())

    def narrative_after(self, end: int) -> bool:
        """Whether "đó" or "khi" follows, tying a relative word to the story ("năm sau đó")."""
        return phrase_after(self.after(end, 2), self.cues.narrative)

    def lunar(self, start: int, end: int) -> bool:
        """The lunar calendar is meant ("rằm tháng 7", "mùng 5 tháng 5 âm lịch")."""
        lunar = self.cues.lunar
        return self.possible(lunar) and (self.ends_with(start, 2, lunar) or phrase_after(self.after(end, 2), lunar))

    def weekday_context(self, start: int) -> bool:
        """What may stand before a weekday: a sentence start, a comma, a preposition, "hôm"/"ngày".

        Otherwise "thứ Năm" is an ordinal ("vòng đàm phán thứ Năm, ngày 12/11" is the fifth round).
        """
        before = self.before(start, 1)
        return self.opens(start) or self.after_preposition(start) or before[0].lower() in self.cues.date_word

    def after_period_word(self, start: int) -> bool:
        """A word for a span of years stands before ("giai đoạn", "nhiệm kỳ") or "từ"."""
        return self.ends_with(start, 2, self.cues.period) or self.ends_with(start, 2, self.cues.span_start)

    def looks_back(self, start: int) -> bool:
        """True when a word right before the expression places it in the past ("hồi tháng 4"), or its own
        date word does ("hôm 2/4": a day gone by, as "hôm thứ Ba")."""
        head = [t.lower() for t in self.after(start, 1)]
        return bool(head) and head[0] in self.cues.past_day or self.ends_with(start, 2, self.cues.past_marker)

    def direction(self, end: int) -> int:
        """+1 when "tới" follows (ahead of the publication date), -1 for "vừa qua", else 0."""
        after = [t.lower() for t in self.after(end, 2)]
        for k in (2, 1):
            if len(after) >= k and " ".join(after[:k]) in self.cues.direction:
                return self.cues.direction[" ".join(after[:k])]
        return 0
