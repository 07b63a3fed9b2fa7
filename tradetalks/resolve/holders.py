"""Rule ``dominant_surname_holder``: a bare foreign surname joins the one person of that surname the news names
far more often than every other, agreeing in the form of address.

A reader of "ông Trump phát biểu" in an article that names no Trump in full knows it is Donald Trump: of the
people called Trump in the news of the time (Donald, Melania, Ivanka, Eric…), he is named in far more articles
than all the others together, and "ông" fits him; "bà Trump" is not him, and joins a woman only when one woman of
that surname dominates the others in the same way. Two people of one surname named about as often ("ông Lee" of
two Lees) stay apart. The rule never joins:

- a word that may be a Vietnamese syllable ("ông Kim", "ông Long"): a Vietnamese name is called by its given name,
  shared by many people, and no full name is the prominent holder of it;
- a surname that is also the first word of full names in the news ("Kim" of "Kim Jong-un", "Lee" of
  "Lee Jae-myung": family name first), counted among the others.

The counts are of articles, each counted once per holder: the holders an article names (the surname, the first
given name and the form of address of each foreign full name) are its resolution rows (kind "h:<surname>",
key "<given>|<m, f or ->"; kind "hf", key the first word), so an incremental resolution reads the other
articles' counts by index and decides as a full rebuild of the same articles would, in any order.
Thresholds: ``resources/surname_holders.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Protocol

from tradetalks.model import Doc
from tradetalks.nlp.names_lexicon import lexicon, tokenize
from tradetalks.nlp.names_scan import vietnamese_syllable
from tradetalks.resolve.names import PersonName, parse_person

#: A gender cue of no form of address: "-".
NO_CUE = "-"
_BEFORE = 40  # characters read before a name for its form of address


class HolderRuleError(ValueError):
    """A malformed resources/surname_holders.json."""


@dataclass(frozen=True, slots=True)
class HolderRule:
    """The thresholds: the holder is named in at least ``min_articles`` articles and in ``ratio`` times as many as
    the other holders of the surname (and the full names starting with it) together."""

    min_articles: int
    ratio: float


_RESOURCE = "surname_holders.json"


@lru_cache(maxsize=1)
def holder_rule() -> HolderRule:
    """The thresholds of ``resources/surname_holders.json``, validated: a typo is an error."""
    text = resources.files("tradetalks.resources").joinpath(_RESOURCE).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HolderRuleError(f"{_RESOURCE}: not JSON: {exc}") from exc
    return parse_rule(data)


def parse_rule(data: object) -> HolderRule:
    """The thresholds of the resource's JSON value: {"min_articles": 20, "ratio": 4.0} (keys starting with "_" are
    notes); a missing or unknown key or a value out of range is an error naming the file."""
    keys = sorted(k for k in data if not k.startswith("_")) if isinstance(data, dict) else []
    if not isinstance(data, dict) or keys != ["min_articles", "ratio"]:
        raise HolderRuleError(f"{_RESOURCE}: expected the keys min_articles and ratio, got {keys}")
    low, ratio = data["min_articles"], data["ratio"]
    if not isinstance(low, int) or isinstance(low, bool) or low < 2:
        raise HolderRuleError(f"{_RESOURCE}: min_articles must be an integer of at least 2, got {low!r}")
    if not isinstance(ratio, int | float) or isinstance(ratio, bool) or ratio < 1.5:
        raise HolderRuleError(f"{_RESOURCE}: ratio must be a number of at least 1.5, got {ratio!r}")
    return HolderRule(low, float(ratio))


def gender_cue(text: str, start: int) -> str | None:
    """The sex the form of address right before a name implies (``honorifics.tsv``): "bà Trump" -> "f", "ông Trump"
    -> "m"; "ông bà Trump" (a couple) and "Tổng thống Trump" -> None."""
    if not text or start <= 0:
        return None
    words = [t.lower() for t in tokenize(text[max(0, start - _BEFORE) : start])]
    genders = lexicon().genders
    for n in (3, 2, 1):
        if len(words) >= n and (cue := genders.get(tuple(words[-n:]))) is not None:
            before = words[:-n]
            other = next((g for k in (1, 2, 3) if len(before) >= k and (g := genders.get(tuple(before[-k:])))), None)
            return None if other is not None and other != cue else cue
    return None


def mark_genders(doc: Doc) -> None:
    """Read the form of address of each person mention from the text (before a slim doc drops it)."""
    if not doc.text:
        return
    for m in doc.mentions:
        if m.type == "person" and m.gender is None:
            m.gender = gender_cue(doc.text, m.start)


def group_gender(genders: Sequence[str | None]) -> str:
    """The cue most of a group's mentions carry: "m", "f", or NO_CUE when none or a tie."""
    counts = Counter(g for g in genders if g)
    if counts.get("m", 0) == counts.get("f", 0):
        return NO_CUE
    return "m" if counts.get("m", 0) > counts.get("f", 0) else "f"


def holder_of(name: PersonName) -> tuple[str, str] | None:
    """(surname, first given name) of a foreign full name, or None: "Donald J. Trump" -> ("trump", "donald");
    an initial ("D. Trump") or a Vietnamese name gives none."""
    if name.vietnamese or len(name.tokens) < 2 or len(name.given[0]) < 2:
        return None
    return name.surname, name.given[0]


def holder_rows(groups: Sequence[tuple[PersonName, str]]) -> set[tuple[str, str]]:
    """One article's rows of this rule from its name groups (fullest name, gender cue): ("h:trump", "donald|m"),
    ("hf", "donald") (a full name's first word)."""
    out: set[tuple[str, str]] = set()
    for name, gender in groups:
        holder = holder_of(name)
        if holder is not None:
            out.add((f"h:{holder[0]}", f"{holder[1]}|{gender}"))
            out.add(("hf", name.tokens[0]))
    return out


class HolderCounts(Protocol):
    """How many articles name each holder of a surname, and full names starting with a word."""

    def add(self, rows: set[tuple[str, str]]) -> None:
        """Count one article's rows (``holder_rows``)."""
        ...

    def holders(self, surname: str) -> dict[str, Counter[str]]:
        """First given name -> articles by gender cue ("m", "f", NO_CUE)."""
        ...

    def first_word(self, word: str) -> int:
        """Articles naming a full name whose first word is ``word``."""
        ...

    def pending(self, ref: tuple[int, int], surname: str, given: str) -> None:
        """A bare name decided for a holder none of the docs names in full (an incremental resolution finds it)."""
        ...

    def held_by(self, refs: Sequence[tuple[int, int]]) -> str | None:
        """The name ("donald trump") of the holder a group of mentions was decided for, if it was."""
        ...


@dataclass(slots=True)
class RowCounts:
    """Counts from rows (kind, key, article): those of the docs being resolved, plus ``base`` (the other stored
    articles' counts, read by an incremental resolution)."""

    rows: Counter[tuple[str, str]] = field(default_factory=Counter)
    decided: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)

    def add(self, rows: set[tuple[str, str]]) -> None:
        self.rows.update(rows)

    def holders(self, surname: str) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {}
        for (kind, key), n in self.rows.items():
            if kind == f"h:{surname}":
                given, gender = key.split("|")
                out.setdefault(given, Counter())[gender] += n
        return out

    def first_word(self, word: str) -> int:
        return self.rows.get(("hf", word), 0)

    def pending(self, ref: tuple[int, int], surname: str, given: str) -> None:
        self.decided[ref] = (surname, given)

    def held_by(self, refs: Sequence[tuple[int, int]]) -> str | None:
        found = sorted({self.decided[r] for r in refs if r in self.decided})
        return f"{found[0][1]} {found[0][0]}" if len(found) == 1 else None


def holder_gender(cues: Counter[str]) -> str:
    """A holder's sex: the cue of more of its articles than the other cue ("m"/"f"), else NO_CUE."""
    m, f = cues.get("m", 0), cues.get("f", 0)
    return NO_CUE if m == f else ("m" if m > f else "f")


def dominant_holder(counts: HolderCounts, surname: str, gender: str, rule: HolderRule | None = None) -> str | None:
    """Rule ``dominant_surname_holder``: the first given name of the one holder of ``surname`` the bare name joins,
    or None. The holders are those of the surname whose sex is not the other one than ``gender`` (NO_CUE: all);
    the first must be of the sex ``gender`` names (when it names one), named in ``min_articles`` articles and
    ``ratio`` times as many as the others together, the full names starting with the surname counted among them.

    E.g. Donald Trump in 400 articles, Melania in 40, Ivanka in 30: "ông Trump" and "Trump" -> "donald";
    "bà Trump" -> None (Melania does not dominate Ivanka).
    """
    rule = rule or holder_rule()
    if not surname or vietnamese_syllable(surname):
        return None
    holders = counts.holders(surname)
    fits = {
        given: sum(cues.values())
        for given, cues in holders.items()
        if gender == NO_CUE or holder_gender(cues) in (gender, NO_CUE)
    }
    if not fits:
        return None
    top = min(fits, key=lambda g: (-fits[g], g))
    others = sum(fits.values()) - fits[top] + counts.first_word(surname)
    known = gender == NO_CUE or holder_gender(holders[top]) == gender  # "bà Trump" is no one never called "bà"
    if known and fits[top] >= rule.min_articles and fits[top] >= rule.ratio * others:
        return top
    return None


def article_groups(doc: Doc, groups: Sequence[Sequence[int]]) -> list[tuple[PersonName, str]]:
    """The fullest name of each group of one article's person mentions (by mention index), with the gender cue
    of its full-name mentions ("bà Melania Trump"): the form of address of a bare "ông Trump" the article joined to
    the group tells less, since that join may be wrong."""
    out = []
    for idx in groups:
        names = [(parse_person(doc.mentions[i].text, doc.mentions[i].side), doc.mentions[i].gender) for i in idx]
        best = max(
            (n for n, _ in names), key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text, n.vietnamese)
        )
        if best.tokens:
            out.append((best, group_gender([g for n, g in names if len(n.tokens) >= 2])))
    return out


class KeyCounts(Protocol):
    """The stored resolution rows an incremental resolution counts (``store/keys_rows.py`` ResolutionReads)."""

    def key_counts(self, kind: str, key: str | None, articles: Sequence[str] | None) -> dict[str, int]:
        """Articles per key of a kind (one key, or all), of these articles only (or all)."""
        ...


@dataclass(slots=True)
class StoredHolderCounts:
    """The counts of rule ``dominant_surname_holder`` over a whole store while some of its articles are resolved
    again: the docs' own rows, plus the stored rows of every other article (read by index, per surname)."""

    reads: KeyCounts
    articles: list[str]  # the articles resolved again (their stored rows are replaced by the docs' rows)
    own: RowCounts = field(default_factory=RowCounts)
    cache: dict[tuple[str, str | None], tuple[dict[str, int], dict[str, int]]] = field(default_factory=dict)

    def _stored(self, kind: str, key: str | None, outside: bool = True) -> dict[str, int]:
        """Stored articles per key: of the articles not resolved again (``outside``), or of all."""
        if (kind, key) not in self.cache:
            total = self.reads.key_counts(kind, key, None)
            inside = self.reads.key_counts(kind, key, self.articles) if total else {}
            self.cache[(kind, key)] = (total, {k: n - inside.get(k, 0) for k, n in total.items()})
        return self.cache[(kind, key)][1 if outside else 0]

    def add(self, rows: set[tuple[str, str]]) -> None:
        self.own.add(rows)

    def holders(self, surname: str, outside: bool = True) -> dict[str, Counter[str]]:
        out = self.own.holders(surname) if outside else {}
        for key, n in self._stored(f"h:{surname}", None, outside).items():
            given, gender = key.split("|")
            if n > 0:
                out.setdefault(given, Counter())[gender] += n
        return out

    def first_word(self, word: str, outside: bool = True) -> int:
        return (self.own.first_word(word) if outside else 0) + self._stored("hf", word, outside).get(word, 0)

    def shifted(self, stored_kinds: set[str]) -> list[str]:
        """The surnames whose holder the docs change for some form of address ("ông Trump" went to no one and now
        goes to Donald Trump): the stored articles' bare names of them, not resolved again, would be decided
        otherwise by a full rebuild. ``stored_kinds``: the kinds of the re-resolved articles' stored rows."""
        surnames = {k[2:] for k in stored_kinds if k.startswith("h:")}
        surnames |= {kind[2:] for kind, _ in self.own.rows if kind.startswith("h:")}
        before = _Before(self)
        return [
            s
            for s in sorted(surnames)
            if any(dominant_holder(self, s, g) != dominant_holder(before, s, g) for g in ("m", "f", NO_CUE))
        ]

    def pending(self, ref: tuple[int, int], surname: str, given: str) -> None:
        self.own.pending(ref, surname, given)

    def held_by(self, refs: Sequence[tuple[int, int]]) -> str | None:
        return self.own.held_by(refs)


@dataclass(slots=True)
class _Before:
    """The counts of the store as it was, before the docs (every stored row, none of the docs')."""

    now: StoredHolderCounts

    def add(self, rows: set[tuple[str, str]]) -> None:
        raise NotImplementedError

    def holders(self, surname: str) -> dict[str, Counter[str]]:
        return self.now.holders(surname, outside=False)

    def first_word(self, word: str) -> int:
        return self.now.first_word(word, outside=False)

    def pending(self, ref: tuple[int, int], surname: str, given: str) -> None:
        raise NotImplementedError

    def held_by(self, refs: Sequence[tuple[int, int]]) -> str | None:
        return None


class HolderReads(KeyCounts, Protocol):
    def person_names(self, kind: str, key: str, outside: Sequence[str], limit: int) -> dict[str, str]: ...


#: Articles of a holder read to find its stored entity.
_PROBE = 3


def stored_holder(
    reads: HolderReads, counts: StoredHolderCounts, refs: Sequence[tuple[int, int]], articles: Sequence[str]
) -> list[str]:
    """The stored entity of the holder a bare name of the docs was joined to (rule ``dominant_surname_holder``)
    when none of the docs names that holder in full: the person of that surname and first given name named in
    the stored articles that name the holder (the one of most of them)."""
    decided = {counts.own.decided[r] for r in refs if r in counts.own.decided}
    if len(decided) != 1:
        return []
    surname, given = next(iter(decided))
    votes: Counter[str] = Counter()
    for gender in ("m", "f", NO_CUE):
        for eid, name in reads.person_names(f"h:{surname}", f"{given}|{gender}", articles, _PROBE).items():
            if holder_of(parse_person(name)) == (surname, given):
                votes[eid] += 1
    return [min(votes, key=lambda e: (-votes[e], e))] if votes else []


class _KeysOf(Protocol):
    def keys_of(self, articles: Sequence[str]) -> list[tuple[str, str, str]]: ...


def holders_shifted(reads: _KeysOf, counts: StoredHolderCounts | None, new: Sequence[str]) -> list[str]:
    """The surnames whose dominant holder the new (or updated) articles change (``StoredHolderCounts.shifted``,
    with the surnames their stored versions named): an incremental resolution then rebuilds in full."""
    if counts is None:
        return []
    return counts.shifted({kind for kind, _, _ in reads.keys_of(sorted(new)) if kind.startswith("h:")})
