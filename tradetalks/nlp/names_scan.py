"""Tokens of a document and the known names in them: gazetteer names, organisations by pattern, acronyms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Container
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter

from tradetalks.nlp.names_lexicon import TOKEN_RE, Lexicon
from tradetalks.nlp.normalize import fold

_VN_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x"
#: A syllable that Vietnamese spelling allows, written without diacritics ("tan", "nghiep").
_VN_SYLLABLE = re.compile(rf"(?:{_VN_ONSET})?[aeiouy]{{1,3}}(?:ch|ng|nh|c|m|n|p|t)?")
_CREDIT = re.compile(r"\(\s*(?:Ảnh|Nguồn|Ảnh minh họa|Video|Đồ họa)\s*:[^)\n]*\)"
                     r"|(?m:(?:^\s*|(?<=[.!?] ))(?:Ảnh|Nguồn)\s*:[^\n]{0,80}$)")  # a credit line, not a whole text
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")
_CREDIT_OPENERS = ("Ảnh", "Nguồn", "Video", "Đồ họa")  # every _CREDIT match holds one: a cheap test first
#: The colon after "Ảnh" or "Nguồn" ("Ảnh:", "nguồn :"), looked for from the colon: the pass jumps from one colon
#: to the next instead of stopping at every "n" ("(?:Ảnh|Nguồn|ảnh|nguồn) ?:" ends where this one does).
_CREDIT_WORD = re.compile(
    ":(?:" + "|".join(f"(?<={word}{blank}:)" for word in ("Ảnh", "Nguồn", "ảnh", "nguồn") for blank in ("", " ")) + ")"
)
_WORD = re.compile(r"[^\W\d_]+")
_LOWER_WORD = re.compile(r"(?<!\w)[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
#: Accented letters of other Latin alphabets that Vietnamese does not use ("Núñez", "Müller").
def _vietnamese_only_letters() -> frozenset[str]:
    """Letters that only Vietnamese writes: "ă", "đ", "ơ", "ư", "ả", "ạ", "ế"... (not the "é" of "Pérez")."""
    marks = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    bases = ["a", "e", "i", "o", "u", "y", "a\u0306", "a\u0302", "e\u0302", "o\u0302", "o\u031b", "u\u031b"]
    letters = {unicodedata.normalize("NFC", b + m) for b in bases for m in marks} | {"đ"}
    letters |= {c.upper() for c in letters}
    return frozenset(c for c in letters if len(c) == 1 and ord(c) > 0xFF)


_VIETNAMESE_ONLY = _vietnamese_only_letters()


def _credit_from(key: str) -> int | None:
    """Where the first credit may start, or None without a word that opens one: before the first such word, at
    the blanks and the "(" before it (a credit holds an opener, with only those between its start and it)."""
    first = min((at for word in _CREDIT_OPENERS if (at := key.find(word)) >= 0), default=-1)
    if first < 0:
        return None
    while first > 0 and key[first - 1].isspace():
        first -= 1
    return max(0, first - 1)


def vietnamese_syllable(word: str) -> bool:
    """A word that Vietnamese spelling allows as one syllable: "Hà", "Nghiệp"; not "Ignácio", "Pérez"."""
    return bool(_VN_SYLLABLE.fullmatch(fold(word.lower())))
CONNECTORS = frozenset({"of", "and", "&", "for", "the", "de"})
#: Words that open a photo or source credit ("Ảnh: ...").
CREDIT_WORDS = frozenset({"ảnh", "nguồn", "video", "đồ"})
#: Words before a place ("tại Jeju (Hàn Quốc)"): with the first words of titles and modifiers, the words whose
#: positions a scan is asked for.
PLACE_PREPOSITIONS = ("tại", "ở")
_SOUGHT: list[tuple[Lexicon, frozenset[str]]] = []


def _sought_words(lex: Lexicon) -> frozenset[str]:
    """The first words of the lexicon's titles and modifiers and the place prepositions, found in one pass."""
    for known, words in _SOUGHT:
        if known is lex:
            return words
    words = frozenset(lex.titles) | frozenset(lex.modifiers) | frozenset(PLACE_PREPOSITIONS)
    _SOUGHT[:] = [(lex, words)]
    return words


@dataclass(slots=True)
class Cand:
    """A candidate name over tokens ``[i, j)``."""

    i: int
    j: int
    type: str
    key: str
    canonical: str | None = None
    side: str | None = None
    country: str | None = None
    acronym: str | None = None
    prio: int = 0  # lower wins a tie of equal length (known names 0, patterns 1, people 2)
    name_toks: list[int] = field(default_factory=list)  # person: tokens that make the name (no nickname)
    latin: bool = False
    vietnamese: bool = False  # person: a Vietnamese name (surname first)
    context_only: bool = False  # person: read only from the title or form of address before it
    full: bool = True  # person: a full name, not a bare surname or given name
    context: str | None = None  # person: "title" | "honorific" when a word before it marks a person
    gender: str | None = None  # person: "m" | "f" from the form of address before it ("ông", "bà")
    label: str | None = None  # organisation: its name with country names made canonical


@lru_cache(maxsize=16384)
def _latin_word(w: str) -> bool:
    """A word in Latin letters that is not Vietnamese: "Switzer", "Pérez", "Šefčovič"; not "Ông", "Thiên"."""
    return w.isascii() or (w.isalpha() and not any(c in _VIETNAMESE_ONLY for c in w)
                           and not _VN_SYLLABLE.fullmatch(fold(w)))


class Scan:
    """The tokens of ``doc.key`` with their offsets, and the candidates found so far."""

    def __init__(self, key: str, lex: Lexicon):
        """Tokenise ``key`` once and mark the spans of photo credits."""
        self.lex = lex
        self.key = key
        # white space, token, white space, token, ..., white space: the offsets are the running sums of lengths
        parts = _TOKEN_SPLIT.split(key)
        offsets = list(accumulate(map(len, parts)))
        self.start: list[int] = offsets[0:-1:2]
        self.end: list[int] = offsets[1::2]
        self.text: list[str] = parts[1::2]
        self._gaps: list[str] = parts[0::2]  # the blanks before token t (and after the last one)
        self.low: list[str] = list(map(str.lower, self.text))
        self.n = len(self.text)
        #: Tokens that start with a capital letter: every name starts at one of them.
        self.capitals = list(compress(range(self.n), map(str.isupper, map(itemgetter(0), self.text))))
        cap: set[int] = set()
        upper: set[int] = set()
        for t in self.capitals:
            w = self.text[t]
            if w.isalpha():
                if len(w) == 1 or not w.isupper():
                    cap.add(t)
                else:
                    upper.add(t)
        # is_cap(t): a capitalised word: "Tân", "Switzer", a single capital "A"; not "VÒNG" or "USTR".
        # is_upper(t): an all-capitals word of two letters or more ("USTR", "NVIDIA").
        # Both are asked several times of every token: a set's own lookup, with no Python call between.
        self.is_cap: Callable[[int], bool] = cap.__contains__
        self.is_upper: Callable[[int], bool] = upper.__contains__
        self._latin: dict[int, bool] = {}
        self._positions: dict[int, tuple[Container[str], list[int]]] = {}
        self._sought: list[int] | None = None  # tokens that are one of _sought_words, read at the first ask
        self.cands: list[Cand] = []
        self.at: dict[int, Cand] = {}  # first token -> gazetteer/organisation candidate
        self.acronyms: dict[str, Cand] = {}
        self._countries: tuple[int, dict[int, list[Cand]]] | None = None
        self.no_person = [False] * self.n
        from_ = _credit_from(key)
        for m in _CREDIT.finditer(key, from_) if from_ is not None else ():
            for t in range(self.token_at(m.start()), self.n):
                if self.start[t] >= m.end():
                    break
                self.no_person[t] = True
        self.credit = self._credits()
        self._title_case_lines()
        for t in compress(range(self.n), self.credit):
            self.no_person[t] = True

    def _title_case_lines(self) -> None:
        """A heading written in title case ("Quan Ngại Về Thuế Quan Cao"), every word capitalised, function words
        too, names no person: its capitals are the style of the line, not names."""
        pos = 0
        for line in self.key.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if len(line) > 160 or len(line) < 10 or _LOWER_WORD.search(line):
                continue  # a paragraph or a line with a lower-case word, not a heading in title case
            words = _WORD.findall(line)
            if (len(words) >= 4 and all(w[0].isupper() for w in words)
                    and any(w.lower() in self.lex.breaks for w in words)):
                for k in range(self.token_at(start), self.n):
                    if self.start[k] >= start + len(line):
                        break
                    self.no_person[k] = True

    def _credits(self) -> list[bool]:
        """The names right after "Ảnh:" or "Nguồn:" ("Ảnh: Trần Việt/TTXVN", "(Nguồn: Reuters)"): who took or
        supplied a picture, never an organisation the article speaks of."""
        out = [False] * self.n
        for m in _CREDIT_WORD.finditer(self.key):
            k = self.token_at(m.end())
            while (k < self.n and (self.text[k][0].isupper() or self.text[k] in ("/", "-", "–", "&", ".", "+"))
                   and "\n" not in self.key[self.end[k - 1]:self.start[k]]):
                if self.text[k] == "." and (k + 1 >= self.n or not self.text[k + 1][0].isupper() or self.spaced(k + 1)):
                    break
                out[k] = True
                k += 1
        return out

    def country_within(self, lo: int, end: int) -> Cand | None:
        """The country candidate starting first after token ``lo`` and ending by ``end`` (the first listed on a
        tie): a look at the few tokens between, not at every candidate of the text."""
        if self._countries is None or self._countries[0] != len(self.cands):
            starts: dict[int, list[Cand]] = {}
            for c in self.cands:
                if c.type == "country":
                    starts.setdefault(c.i, []).append(c)
            self._countries = (len(self.cands), starts)
        starts = self._countries[1]
        for i in range(lo + 1, end):
            found = next((c for c in starts.get(i, ()) if c.j <= end), None)
            if found is not None:
                return found
        return None

    def positions(self, words: Collection[str]) -> list[int]:
        """The tokens whose lower-case form is one of ``words`` (title and modifier first words).

        The tables asked for are read in one pass over the tokens for all of them, then each picks its own."""
        known = self._positions.get(id(words))
        if known is not None and known[0] is words:
            return known[1]  # the same table asked again (the modifiers: honorifics, then places)
        sought = _sought_words(self.lex)
        if all(w in sought for w in words):
            if self._sought is None:
                self._sought = list(compress(range(self.n), map(sought.__contains__, self.low)))
            low = self.low
            found = [t for t in self._sought if low[t] in words]
        else:
            found = list(compress(range(self.n), map(words.__contains__, self.low)))
        self._positions[id(words)] = (words, found)
        return found

    def token_at(self, offset: int) -> int:
        """The index of the first token that ends after ``offset``."""
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.end[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def spaced(self, t: int) -> bool:
        """Token ``t`` is separated from token ``t - 1`` by white space only (no punctuation between)."""
        if t <= 0 or t >= self.n:
            return False
        gap = self._gaps[t]  # the text between tokens t - 1 and t
        return gap == " " or (gap != "" and not gap.strip() and "\n" not in gap)

    def is_latin(self, t: int) -> bool:
        """A word in Latin letters that is not Vietnamese ("Switzer", "Pérez"; not "Tân")."""
        if t >= self.n:
            return False
        hit = self._latin.get(t)
        if hit is None:
            hit = self._latin[t] = _latin_word(self.text[t])
        return hit

    def is_foreign(self, t: int) -> bool:
        """A Latin word that cannot be one Vietnamese syllable ("Greer", "Rick"; not "Tam")."""
        return self.is_latin(t) and not _VN_SYLLABLE.fullmatch(fold(self.low[t]))

    def is_compound(self, t: int) -> bool:
        """A capitalised syllable that goes on as a lower-case word: "Chính phủ", "Ủy ban", "Hiệp định"."""
        return name_run(self, t) > t + 1 and not self.is_cap(t + 1) and not self.is_upper(t + 1)

    def span(self, i: int, j: int) -> str:
        """The matching-view text of tokens ``[i, j)``."""
        return self.key[self.start[i]:self.end[j - 1]]

    def add(self, cand: Cand) -> Cand:
        """Record a candidate; names other than people are indexed by their first token."""
        self.cands.append(cand)
        if cand.type != "person":
            self.at.setdefault(cand.i, cand)
        return cand


def _starts_person(scan: Scan, t: int) -> bool:
    """A Vietnamese surname followed by a capitalised syllable starts at ``t``."""
    return scan.text[t] in scan.lex.surnames and scan.is_cap(t + 1) and scan.spaced(t + 1)


def _starts_title(scan: Scan, t: int) -> bool:
    """A title ("Thứ trưởng", "Chủ tịch") starts at ``t``."""
    for title in scan.lex.titles.get(scan.low[t], ()):
        if tuple(scan.low[t:t + len(title.tokens)]) == title.tokens:
            return True
    return False


def name_run(scan: Scan, t: int, limit: int = 12) -> int:
    """The end of a capitalised name starting at ``t``: "Tài chính", "Kinh doanh Hoa Kỳ-ASEAN"."""
    if phrase_end(scan.lex.org_units, scan, t):
        return unit_place(scan, t)  # "UBND TP Hà Nội", "Công an tỉnh Nghệ An"
    k, last, prev, opens = t, t, "", False
    while k < scan.n and k - t < limit:
        if k > t and not scan.spaced(k) and "-" not in (scan.text[k], scan.text[k - 1]):
            break
        if k > t and (scan.is_cap(k) and (_starts_person(scan, k) or _starts_title(scan, k))
                      or phrase_end(scan.lex.org_units, scan, k)):
            break  # a person, a title, or an administrative unit that unit_place reads: "UBND TP Hà Nội"
        if k > t and scan.is_cap(k) and scan.is_foreign(k) and not scan.is_latin(k - 1) and k not in scan.at:
            break  # a foreign name after a Vietnamese name: "Bộ Thương mại Trung Quốc Gao Feng"
        known = scan.at.get(k)
        if known is not None and known.type == "organization" and k > t and known.j > k + 1 and prev == "low":
            prev, k, last, opens = "cap", known.j, known.j, False  # "Ủy ban Thường vụ Quốc hội"
            continue
        if known is not None and known.type != "organization" and (known.j > k + 1 or known.type == "country"):
            prev, k, last, opens = "cap", known.j, known.j, False  # a country or place: "... Hoa Kỳ", "TP. Huế"
            if _latin_run_foreign(scan, k):
                break  # a foreign name after the country: "Bộ Thương mại Trung Quốc Gao Feng"
            continue
        inner = phrase_end(scan.lex.org_inner, scan, k) if prev in ("", "cap", "upper", "low") else 0
        if inner and (scan.is_cap(inner) or inner - k > 1):
            prev, k, last = "cap", inner, inner  # "Tòa án nhân dân", "Hiệp hội Mậu dịch Tự do châu Âu"
        elif (prev in ("cap", "low") and scan.text[k].isdigit() and len(scan.text[k]) <= 2
              and (_closes_number(scan, k + 1) or any(tuple(scan.low[k - len(h):k]) == h for h in scan.lex.numbered))):
            prev, k, last = "num", k + 1, k + 1  # "Quân khu 5", "Tổng Công ty May 10", "Vùng 3 Hải quân"
        elif scan.is_upper(k):
            prev, k, last = "upper", k + 1, k + 1
        elif scan.is_cap(k):
            opens = prev != "cap" and not scan.is_foreign(k) and known is None
            prev, k, last = "cap", k + 1, k + 1
        elif (scan.low[k] in ("và", "&", "-") and (scan.is_cap(k + 1) or scan.is_upper(k + 1))
              and scan.low[k + 1] not in CREDIT_WORDS and not _opens_name(scan, k + 1)):
            prev, k = "conn", k + 1
        elif prev == "cap" and opens and _lower_word(scan, k):
            prev, k = "low", lower_tail(scan, k)  # "Dự báo khí tượng thủy văn", else the one word "Y tế"
            last = k
        else:
            break
    return unit_place(scan, last)


def _lower_word(scan: Scan, k: int) -> bool:
    """Token ``k`` is a lower-case word, spaced from the one before, that may go on a name (no break word)."""
    return (k < scan.n and scan.spaced(k) and scan.text[k].isalpha() and scan.text[k].islower()
            and scan.low[k] not in scan.lex.breaks)


def lower_tail(scan: Scan, k: int, limit: int = 7) -> int:
    """Rule ``lower_tail``: the end of the lower-case words that go on a name's capitalised word at ``k - 1``.

    Vietnamese capitalises only the first syllable of each part of a body's name ("Trung tâm Dự báo khí tượng
    thủy văn quốc gia"), so the name runs on over lower-case words; it ends where the sentence shows it ends:
    a bracket, the line's end, a capital, a small number ("số 7"), or a word opening what the body does ("đã").
    A run that ends otherwise ("Sở Y tế tăng cường kiểm tra các chợ", or at a comma: "Cục Điện ảnh quyết tâm,")
    keeps only its first word ("Sở Y tế").
    """
    head = max((len(h) for h in scan.lex.org_heads.get(scan.low[k - 1], ()) if len(h) > 1
                and tuple(scan.low[k - 1:k - 1 + len(h)]) == h), default=0)
    if head:
        return k - 1 + head  # the head noun of a body inside the name ("... điều tra Công an"): no tail after it
    m = k
    while m - k < limit and _lower_word(scan, m) and not phrase_end(scan.lex.org_units, scan, m):
        m = phrase_end(scan.lex.org_inner, scan, m) or m + 1
    if m == k + 1 or m == k:
        return k + 1
    if (m >= scan.n or scan.text[m] == "(" or phrase_end(scan.lex.org_units, scan, m) or scan.is_cap(m)
            or "\n" in scan.key[scan.end[m - 1]:scan.start[m]] or scan.low[m] in scan.lex.clause_words
            or (scan.text[m].isdigit() and len(scan.text[m]) <= 2 and _closes_number(scan, m + 1))
            or (scan.low[m] == "và" and scan.is_cap(m + 1))):
        return m
    return k + 1


def phrase_end(table: dict[str, list[tuple[str, ...]]], scan: Scan, k: int) -> int:
    """The end of a listed phrase written at ``k`` (spaced from the word before it), or 0."""
    if k >= scan.n or (k and not scan.spaced(k)):
        return 0
    for toks in table.get(scan.low[k], ()):
        if tuple(scan.low[k:k + len(toks)]) == toks:
            return k + len(toks)
    return 0


def _closes_number(scan: Scan, k: int) -> bool:
    """A number inside a name is followed by the end of the name: punctuation, a capital, a word opening what the
    body does ("... số 4 đã") or the text's end."""
    return k >= scan.n or (scan.text[k] in ",.;:)" and not scan.text[min(k + 1, scan.n - 1)].isdigit()) or (
        scan.spaced(k) and (scan.is_cap(k) or scan.low[k] in scan.lex.clause_words))


def unit_place(scan: Scan, end: int) -> int:
    """A body's name goes on over an administrative unit and its place: "Sở Ngoại vụ thành phố Đà Nẵng"."""
    here = scan.at.get(end)
    if here is not None and here.type == "location" and phrase_end(scan.lex.org_units, scan, end):
        return here.j  # a place named with its unit: "Cục Thuế TP. Hồ Chí Minh"
    unit = phrase_end(scan.lex.org_units, scan, end)
    if not unit or unit >= scan.n:
        return unit or end
    if scan.text[unit] in ",.;:" and (unit + 1 >= scan.n or scan.start[unit + 1] > scan.end[unit]):
        return unit  # the city already named: "Bộ Chỉ huy Quân sự thành phố, ..."
    place = scan.at.get(unit)
    if place is not None and place.type in ("location", "country"):
        return place.j
    k = unit
    while (k < scan.n and k - unit < 4 and (scan.is_cap(k) or scan.is_upper(k)) and (k == unit or scan.spaced(k))
           and not _starts_person(scan, k)):  # "Chủ tịch UBND TP Nguyễn Văn A": the city is not named
        k += 1
    return k if k > unit else end


def _latin_run_foreign(scan: Scan, t: int) -> bool:
    """Capitalised Latin words start at ``t`` and one of them cannot be Vietnamese ("Gao Feng")."""
    k = t
    while k < scan.n and k - t < 4 and scan.is_cap(k) and scan.is_latin(k) and scan.spaced(k):
        if scan.is_foreign(k):
            return True
        k += 1
    return False


def _opens_name(scan: Scan, t: int) -> bool:
    """Another organisation, country or person starts at ``t``: "... và Đảng Cộng sản Việt Nam"."""
    if scan.at.get(t) is not None or _starts_person(scan, t):
        return True
    return any(tuple(scan.low[t:t + len(h)]) == h for h in scan.lex.org_heads.get(scan.low[t], ()))
