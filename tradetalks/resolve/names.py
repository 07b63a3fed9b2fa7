"""Person names as parts for matching: nickname, given names, surname, compact key."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tradetalks.nlp.names_scan import vietnamese_syllable
from tradetalks.nlp.normalize import fold

_NICK = re.compile(r"\s*[(“\"«‘']\s*([^()“”\"«»‘’']+?)\s*[)”\"»’']\s*")
_PUNCT = re.compile(r"[.,;:!?]+")


def fold_text(text: str) -> str:
    """Lower case without diacritics, "đ" -> "d": "Nguyễn Hồng Diên" -> "nguyen hong dien"."""
    text = unicodedata.normalize("NFC", text)
    return fold("".join(c for c in text if not unicodedata.combining(c)))


def strip_diacritics(text: str) -> str:
    """The same name in plain Latin letters, case kept: "Lê Mạnh Hùng" -> "Le Manh Hung"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Mn"))


def compact(text: str) -> str:
    """A matching key without spaces or punctuation: "Brian Mc Feeters" -> "brianmcfeeters"."""
    return re.sub(r"[^0-9a-z]", "", fold_text(text))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A written person name split for matching."""

    text: str
    tokens: tuple[str, ...]  # folded name words, nickname removed
    nicknames: tuple[str, ...]  # folded words written in brackets or quotes
    vietnamese: bool  # family name first, given name last

    @property
    def key(self) -> str:
        return "".join(self.tokens)

    @property
    def surname(self) -> str:
        """The word other articles use alone: the family name (foreign) or the given name (Vietnamese)."""
        return self.tokens[-1] if self.tokens else ""

    @property
    def given(self) -> tuple[str, ...]:
        return self.tokens[1:] if self.vietnamese else self.tokens[:-1]

    @property
    def display(self) -> str:
        """The written name without the bracketed nickname: "Joseph (Joe) Damond" -> "Joseph Damond"."""
        return " ".join(_NICK.sub(" ", self.text).split())


@lru_cache(maxsize=1 << 17)  # a 45k-article archive writes some 70k names: all of them stay parsed
def parse_person(text: str, side: str | None = None) -> PersonName:
    """Split a name: "Joseph “Joe” Damond" -> tokens (joseph, damond), nickname (joe)."""
    nicks = tuple(fold_text(n).strip() for n in _NICK.findall(text))
    bare = _PUNCT.sub(" ", _NICK.sub(" ", text))
    words = bare.split()
    tokens = tuple(t for t in (re.sub(r"[^0-9a-z]", "", fold_text(w)) for w in words) if t)
    accented = any(ord(c) > 127 for c in bare if c.isalpha())
    vietnamese = (accented and all(vietnamese_syllable(w) for w in words if w.isalpha())) or (
        side == "VN" and len(words) >= 3
    )  # "Luiz Ignácio Lula da Silva" is accented, not Vietnamese
    return PersonName(text, tokens, tuple(n for n in nicks if n), vietnamese)


class GivenNamesError(ValueError):
    """A malformed row in given_names.tsv."""


@lru_cache(maxsize=1)
def short_forms() -> frozenset[tuple[str, str]]:
    """Pairs (full given name, short form), folded, from resources/given_names.tsv: ("thomas", "tom")."""
    text = resources.files("tradetalks.resources").joinpath("given_names.tsv").read_text(encoding="utf-8")
    pairs: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        shorts = cells[1].split("|") if len(cells) == 2 else []
        if not cells[0].isalpha() or not shorts or not all(s.isalpha() for s in shorts):
            raise GivenNamesError(f"given_names.tsv:{number}: expected name<TAB>short|forms, got {line!r}")
        pairs.update((fold_text(cells[0]), fold_text(s)) for s in shorts)
    return frozenset(pairs)


def _token_match(g: str, p: str) -> bool:
    """Equal words, an initial and a word starting with it ("r" ~ "richard"), a short form ("tom" ~ "thomas")."""
    return (
        g == p
        or (len(g) == 1 and p.startswith(g))
        or (len(p) == 1 and g.startswith(p))
        or (g, p) in short_forms()
        or (p, g) in short_forms()
    )


def given_compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two foreign given-name lists can be one person ("Bryan" ~ "Bryan R.", "Joe" ~ "Joseph (Joe)")."""
    short, long_ = sorted((a, b), key=lambda n: (len(n.given), n.tokens))
    if not short.given:
        return True
    firsts = [long_.given[0], *long_.nicknames] if long_.given else list(long_.nicknames)
    heads = [short.given[0], *short.nicknames]
    if not any(_token_match(h, f) for h in heads for f in firsts):
        return False
    rest = iter(long_.given[1:])
    return all(any(_token_match(g, p) for p in rest) for g in short.given[1:])


def given_conflict(a: PersonName, b: PersonName) -> bool:
    """Two foreign names whose first given names are different words, neither an initial, a short form or a
    middle name of the other: two people ("Melania Trump" and "Donald Trump"), whatever titles they share."""
    if not a.given or not b.given or a.vietnamese or b.vietnamese:
        return False
    heads_a, heads_b = [a.given[0], *a.nicknames], [b.given[0], *b.nicknames]
    if min(len(a.given[0]), len(b.given[0])) < 2:
        return False
    if _one_edit(a.given[0], b.given[0]):
        return False  # a misspelling: "Donal Trump"
    words_a, words_b = [*a.given, *a.nicknames], [*b.given, *b.nicknames]
    return not any(_token_match(h, w) for h in heads_a for w in words_b) and not any(
        _token_match(h, w) for h in heads_b for w in words_a
    )


def vietnamese_suffix(short: PersonName, full: PersonName) -> bool:
    """A Vietnamese short form names the end of the full name: "Nhật Tân" ends "Nguyễn Sinh Nhật Tân"."""
    n = len(short.tokens)
    return 0 < n < len(full.tokens) and full.tokens[-n:] == short.tokens


def tail_of(short: PersonName, full: PersonName) -> bool:
    """A foreign name of two words or more that ends a longer one: "Lula da Silva" ends "Luiz Inácio Lula da Silva"."""
    n = len(short.tokens)
    if short.vietnamese or full.vietnamese:
        return False
    return 2 <= n < len(full.tokens) and full.tokens[-n:] == short.tokens


_VOWELS = frozenset("aeiouy")


def vowel_variant(a: str, b: str) -> bool:
    """Two spellings of one word that differ by one vowel added, dropped or changed: "viera" ~ "vieira"."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS
    short, long_ = sorted((a, b), key=len)
    for k, c in enumerate(long_):
        if c in _VOWELS and long_[:k] + long_[k + 1 :] == short:
            return True
    return False


def syllable_onset(word: str) -> str:
    """The consonants a folded syllable starts with: "cuong" -> "c", "nghi" -> "ngh", "an" -> ""."""
    k = 0
    while k < len(word) and word[k] not in _VOWELS:
        k += 1
    return word[:k]


def spelling_variant(a: PersonName, b: PersonName) -> bool:
    """Foreign names of as many words, each the same or one vowel apart: "Maurio Viera" ~ "Mauro Vieira"."""
    if a.vietnamese or b.vietnamese or len(a.tokens) < 2 or len(a.tokens) != len(b.tokens) or a.tokens == b.tokens:
        return False
    return all(vowel_variant(x, y) for x, y in zip(a.tokens, b.tokens, strict=True))


def vowel_keys(word: str) -> set[str]:
    """Blocking keys for ``vowel_variant``: the word and the word with each vowel taken out."""
    return {word} | {word[:k] + word[k + 1 :] for k, c in enumerate(word) if c in _VOWELS}


def _one_edit(a: str, b: str) -> bool:
    """Two words one letter apart (added, dropped or changed), both of four letters or more: "donal" ~ "donald"."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))
