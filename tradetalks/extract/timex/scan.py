"""Find time expressions in a text: fast triggers, cores matched there, optional words matched back."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tradetalks.extract.doc_index import Coverage, inside_any
from tradetalks.extract.timex.context import Context
from tradetalks.extract.timex.found import Found, Joined, Veto
from tradetalks.extract.timex.patterns import patterns
from tradetalks.extract.timex.rules import HANDLERS

_PREFIX_SPAN = 48
_DATE_CORES = frozenset({"date_range", "day_range", "day_list", "date", "day_month", "day_month_range"})


def _before(regex: re.Pattern[str], view: str, pos: int) -> re.Match[str] | None:
    """The longest run of optional words that ``regex`` accepts right before ``pos``."""
    if pos == 0 or view[pos - 1] not in " \t(," or not patterns().may_end_prefix(view, pos, "(,"):
        return None  # every prefix ends with a word, "(" or ","
    match = regex.search(view, max(0, pos - _PREFIX_SPAN), pos)
    return match if match is not None and match.start() < pos else None


def _numeric(view: str, pos: int) -> list[tuple[str, Joined]]:
    """The cores that open with the number at ``pos``, each joined to the words before it."""
    pats = patterns()
    out: list[tuple[str, Joined]] = []
    date_prefix: re.Match[str] | None | bool = False
    month_number = pats.may_end_prefix(view, pos) and pats.month_number.search(view, max(0, pos - _PREFIX_SPAN), pos)
    for name, regex in pats.numeric.items():
        core = regex.match(view, pos)
        if core is None:
            continue
        if name in _DATE_CORES:
            if month_number:  # the "11" of "tháng 11 đến ngày 14" is a month, not the first day of a span
                continue
            if date_prefix is False:
                date_prefix = _before(pats.date_prefix, view, pos)
            prefix = date_prefix if isinstance(date_prefix, re.Match) else None
            end = None
            if prefix is not None and prefix["paren"]:
                close = pats.close_paren.match(view, core.end())
                if close is None:
                    prefix = None
                else:
                    end = close.end()
            out.append((name, Joined(core, prefix, end)))
        elif name in ("year", "year_range"):
            out.append((name, Joined(core, _before(pats.year_prefix, view, pos))))
        else:
            out.append((name, Joined(core)))
    return out


def _is_word(view: str, pos: int) -> bool:
    return 0 <= pos < len(view) and (view[pos].isalnum() or view[pos] == "_")


def _keyword(view: str, lowered: str) -> list[tuple[str, Joined]]:
    """Cores opening with "tháng" or "quý", each joined to a modifier before it ("cuối tháng 5")."""
    pats = patterns()
    out: list[tuple[str, Joined]] = []
    for word, names in pats.keywords.items():
        pos = lowered.find(word)
        while pos >= 0:
            if not _is_word(view, pos - 1):
                for name in names:
                    core = pats.keyword[name].match(view, pos)
                    if core is not None:
                        out.append((name, Joined(core, _before(pats.modifier_prefix, view, pos))))
            pos = lowered.find(word, pos + len(word))
    return out


def _relative(view: str, lowered: str) -> list[tuple[str, Joined]]:
    """Relative expressions, found from their last word ("nay", "tới") back to their first."""
    pats = patterns()
    out: list[tuple[str, Joined]] = []
    found: dict[str, list[int]] = {}
    for m in _ends_re(pats.relative_ends).finditer(lowered):
        found.setdefault(m.group(), []).append(m.start())
    for word in pats.relative_ends:
        for pos in found.get(word, ()):
            end = pos + len(word)
            if not _is_word(view, pos - 1) and not _is_word(view, end):
                head_end = pos - 1
                while head_end > 0 and view[head_end - 1] in " \t":
                    head_end -= 1
                head_start = head_end
                while head_start > 0 and _is_word(view, head_start - 1):
                    head_start -= 1
                if lowered[head_start:head_end] in pats.relative_heads:
                    match = pats.relative.search(view, max(0, pos - _PREFIX_SPAN), end)
                    if match is not None:
                        out.append(("relative", Joined(match)))
    return out


@lru_cache(maxsize=4)
def _ends_re(ends: frozenset[str]) -> re.Pattern[str]:
    """One pass over the lower-cased text for every last word of a relative expression, the longest first.

    Where two occurrences overlap, a letter of one stands right before or after the other, so the one this
    pass skips would never be a whole word: the whole words it finds are those a search for each word finds.
    """
    return re.compile("|".join(re.escape(w) for w in sorted(ends, key=lambda w: (-len(w), w))))


def scan(view: str, pub: date | None) -> list[Found]:
    """Every time expression of a text (dashes already plain), without overlaps, in text order."""
    ctx = Context(view)
    lowered = view.lower()
    if len(lowered) != len(view):  # a letter whose lower case is longer: keep offsets exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in view)
    matches: list[tuple[str, Joined]] = []
    for trigger in patterns().trigger.finditer(view):
        matches.extend(_numeric(view, trigger.start()))
    matches.extend(_keyword(view, lowered))
    matches.extend(_relative(view, lowered))
    candidates: list[Found] = []
    vetoes: list[tuple[int, int]] = []
    for name, match in matches:
        outcome = HANDLERS[name](match, ctx, pub)
        if isinstance(outcome, Veto):
            vetoes.append(match.span())
        elif outcome is not None:
            candidates.append(outcome)
    candidates.sort(key=lambda f: (f.start - f.end, f.start))
    vetoed = inside_any(vetoes)
    kept = Coverage(len(view))
    taken: list[Found] = []
    for found in candidates:
        if not found.strong and vetoed(found.start, found.end):
            continue
        if kept.meets(found.start, found.end):
            continue
        kept.add(found.start, found.end)
        taken.append(found)
    taken = [f for f in taken if f.listed_after is None or kept.covers(f.listed_after)]
    return sorted(taken, key=lambda f: f.start)
