"""People: Vietnamese names by surname, foreign names in Latin script, names marked by a title or "ông"/"bà"."""

from __future__ import annotations

import bisect
from collections.abc import Set as AbstractSet
from itertools import compress

from tradetalks.nlp.names_scan import CONNECTORS, Cand, Scan
from tradetalks.nlp.normalize import fold

#: Lower-case particles inside foreign names ("Ludwig van Beethoven", "Charles de Gaulle").
PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al"})


def person_key(scan: Scan, toks: list[int]) -> str:
    """The key of a name from its tokens: "Bryan R. Switzer" -> "bryan r. switzer", "Mc Feeters" -> "mcfeeters"."""
    out: list[str] = []
    glue = False
    for t in toks:
        word = fold(scan.text[t])
        if word in (".", "-") and out:
            out[-1] += word
        elif glue and out:
            out[-1] += word
        else:
            out.append(word)
        glue = word == "-" or word in ("mc", "mac") and scan.text[t] in ("Mc", "Mac")
    return " ".join(out)


def _blocked(scan: Scan, t: int) -> bool:
    """A longer known name (place, organisation) or a title starts at ``t``."""
    cand = scan.at.get(t)
    if cand is not None and cand.j - cand.i > 1:
        return True
    found = scan.lex.titles.get(scan.low[t], ())
    return any(tuple(scan.low[t:t + len(x.tokens)]) == x.tokens for x in found)


def vietnamese_name(scan: Scan, t: int, context: str | None = None) -> Cand | None:
    """Surname + 1-3 capitalised syllables at ``t``: "Nguyễn Sinh Nhật Tân"."""
    ambiguous = scan.lex.surnames.get(scan.text[t])
    if ambiguous is None:
        return None
    k = t + 1
    while (k < scan.n and k - t <= 3 and scan.is_cap(k) and scan.spaced(k)
           and (len(scan.text[k]) == 1 or not scan.is_foreign(k))):
        if _blocked(scan, k):
            break
        k += 1
    given = k - t - 1
    if given == 1 and scan.text[t] in scan.lex.cycle_stems and scan.text[t + 1] in scan.lex.cycle_branches:
        return None  # "tháng Đinh Hợi": a lunar year, month or day (calendar_cycle.tsv)
    if _hyphen_glued(scan, k):
        return None  # a Vietnamese name is never hyphenated: "Kim Sang-sik" is Korean
    if given == 0 or (ambiguous and given < 2 and context is None):
        return None
    return Cand(t, k, "person", person_key(scan, list(range(t, k))), prio=2, name_toks=list(range(t, k)),
                context=context, vietnamese=True)


def _hyphen_glued(scan: Scan, k: int) -> bool:
    """Token ``k`` is a hyphen glued between the word before it and a word after it ("Sang-sik")."""
    return (k + 1 < scan.n and scan.text[k] == "-" and scan.end[k - 1] == scan.start[k]
            and scan.start[k + 1] == scan.end[k] and scan.text[k + 1].isalpha())


def latin_name(scan: Scan, t: int, context: str | None = None) -> Cand | None:
    """A foreign name in Latin letters at ``t``: "Bryan R. Switzer", "Joseph (Joe) Damond", "Brian Mc Feeters"."""
    if not (scan.is_cap(t) and scan.is_latin(t)) or t in scan.at or scan.low[t] in scan.lex.breaks:
        return None  # a Vietnamese function word opening a sentence: "Theo Politico", "Khi Trump"
    words, k = [t], t + 1
    if (len(scan.text[t]) == 1 and k + 1 < scan.n and scan.text[k] == "." and scan.start[k] == scan.end[t]
            and scan.is_cap(k + 1) and scan.is_latin(k + 1) and len(scan.text[k + 1]) > 1
            and (scan.start[k + 1] == scan.end[k] or scan.spaced(k + 1))):
        words, k = [t, k, k + 1], k + 2  # an initial before the surname: "C. Barshefsky", "B.Clinton"
    while k < scan.n and len(words) < 5 and k not in scan.at:
        if (scan.spaced(k) and len(scan.text[k]) == 1 and scan.text[k].isupper() and k + 2 < scan.n
                and scan.text[k + 1] == "." and scan.end[k] == scan.start[k + 1] and scan.is_cap(k + 2)):
            words += [k, k + 1]
            k += 2
        elif scan.spaced(k) and scan.is_cap(k) and scan.is_latin(k):
            if scan.low[k] == scan.low[words[-1]]:
                break  # a name never repeats its own word: "Donald Trump Trump" is a typo of "Donald Trump"
            words.append(k)
            k += 1
        elif scan.spaced(k) and scan.low[k] in PARTICLES and scan.text[k].islower() and _particles_end(scan, k):
            end = _particles_end(scan, k)
            words += list(range(k, end + 1))
            k = end + 1
        elif (scan.text[k] == "-" and k + 1 < scan.n and scan.end[k - 1] == scan.start[k] == scan.end[k] - 1
              and scan.start[k + 1] == scan.end[k] and scan.text[k + 1].isalpha() and scan.is_latin(k + 1)):
            words += [k, k + 1]  # a hyphenated name: "Sang-mok"
            k += 2
        elif (k + 3 < scan.n and scan.text[k] in "(\"" and scan.is_cap(k + 1) and scan.is_latin(k + 1)
              and scan.text[k + 2] == (")" if scan.text[k] == "(" else '"') and scan.is_cap(k + 3)):
            k += 3  # a nickname: part of the span, not of the key
        else:
            break
    while words and scan.text[words[-1]] == ".":
        words = words[:-2]
    if context is None and len(words) < 2:
        return None  # one word names no one without a title or "ông" before it (a quick exit before the tests below)
    last = words[-1] + 1 if words else t
    if last + 1 < scan.n and scan.text[last] == "." and scan.start[last] == scan.end[last - 1] \
            and scan.start[last + 1] == scan.end[last] and scan.text[last + 1].islower():
        return None  # a web address: "Zing.vn"
    names = [w for w in words if scan.is_cap(w) and (w == t or scan.text[w - 1] != "-")]
    if any(_camel(scan.text[w]) for w in names):
        return None
    if any(scan.low[w] in scan.lex.org_suffixes or scan.low[w] in CONNECTORS or scan.low[w] in scan.lex.english_words
           for w in names):
        return None
    foreign = any(scan.is_foreign(w) and len(scan.text[w]) > 1 for w in names) or any(
        scan.text[w] == "-" for w in words)  # hyphenated given names are never Vietnamese
    if context is None and (len(names) < 2 or not foreign):
        return None
    if not names:
        return None
    end = words[-1] + 1
    return Cand(t, end, "person", person_key(scan, words), prio=2, name_toks=words, latin=True, context=context,
                full=len(names) > 1)


def _particles_end(scan: Scan, k: int) -> int:
    """After particles from ``k`` ("von der"), the index of the capitalised word they lead to, or 0."""
    while k < scan.n and scan.low[k] in PARTICLES and scan.text[k].islower() and scan.spaced(k):
        k += 1
    return k if scan.is_cap(k) and scan.is_latin(k) and scan.spaced(k) else 0


def _org_head(scan: Scan, k: int) -> bool:
    """An organisation's head noun starts at ``k``: "giám đốc Sở công thương" names no person."""
    return any(tuple(scan.low[k:k + len(h)]) == h for h in scan.lex.org_heads.get(scan.low[k], ()))


def _camel(word: str) -> bool:
    """A brand written in camel case ("DongABank", "VinFast"), not a name ("McFeeters" is one)."""
    inner = word[4:] if word.startswith("Mac") else word[3:] if word.startswith(("Mc", "O'")) else word[1:]
    return any(c.isupper() for c in inner)


def find_people(scan: Scan) -> dict[int, Cand]:
    """Names that need no context: Vietnamese names by surname, foreign names by their letters."""
    out: dict[int, Cand] = {}
    inside: set[int] = set()
    covered: set[int] = set()
    for name in scan.cands:
        inside.update(range(name.i + 1, name.j))
        covered.update(range(name.i, name.j))
    after = 0
    surnames = scan.lex.surnames
    for t in compress(scan.capitals, map(scan.is_cap, scan.capitals)):
        if t < after or t in inside or scan.no_person[t]:
            continue
        if t and scan.text[t - 1] in scan.lex.legal:
            continue  # a company named after its owner: "Công ty luật TNHH Nghiêm Quang"
        known = scan.at.get(t)
        if known is not None and _country_before_name(scan, t):
            continue  # "Paraguay Santiago Peña", "Syria Bashar Assad": the name starts after the country
        # the tests that open vietnamese_name and latin_name, made here to spare a call at most capitals
        cand = vietnamese_name(scan, t) if scan.text[t] in surnames else None
        if cand is None and scan.is_latin(t) and not _after_latin(scan, t, covered):
            cand = latin_name(scan, t)
        if cand is not None and cand.latin and _glued_surname(scan, cand, out):
            out[t] = Cand(t, t + 1, "person", person_key(scan, [t]), prio=2, name_toks=[t], latin=True, full=False)
            after = t + 1
            cand = latin_name(scan, t + 1)  # "Tổng thống Trump Jared Kushner": Trump is named already
            if cand is not None:
                out[t + 1] = cand
                after = cand.j
            continue
        if cand is not None and (known is None or known.j < cand.j):
            out[t] = cand
            after = cand.j
    return out


def _after_latin(scan: Scan, t: int, covered: set[int]) -> bool:
    """A capitalised Latin word no known name covers stands right before ``t``: a foreign name, if any, starts
    there, not at ``t``."""
    return (t > 0 and scan.is_cap(t - 1) and scan.is_latin(t - 1) and scan.spaced(t) and t - 1 not in covered
            and scan.low[t - 1] not in scan.lex.breaks)


def _glued_surname(scan: Scan, cand: Cand, found: dict[int, Cand]) -> bool:
    """A foreign name of three words or more whose first word is the surname of a person named before, and whose
    other words make a name: two people side by side ("... Trump Jared Kushner"), not one."""
    words = [w for w in cand.name_toks if scan.is_cap(w) and scan.text[w].isalpha()]
    if len(words) < 3 or cand.name_toks[1] != words[1]:
        return False
    first = scan.low[cand.i]
    return any(p.latin and p.full and p.key.split()[-1] == first and p.j <= cand.i for p in found.values())


def _country_before_name(scan: Scan, t: int) -> bool:
    """A country or place named at ``t`` right before a capitalised foreign name: "Syria Bashar Assad"."""
    known = scan.at.get(t)
    if known is None or known.type not in ("country", "location"):
        return False
    k = known.j
    return scan.spaced(k) and scan.is_cap(k) and scan.is_latin(k) and k not in scan.at


def context_name(scan: Scan, k: int, context: str, known: AbstractSet[str] = frozenset()) -> Cand | None:
    """A capitalised run after a title or "ông"/"bà" ("Thứ trưởng Tân"); not "Chính phủ" unless a known name.
    A country right after the form of address is not part of the name: "phu nhân Mỹ Laura Brenner"."""
    if _country_before_name(scan, k):
        k = scan.at[k].j
    if k >= scan.n or scan.no_person[k] or not scan.is_cap(k):
        return None
    if (scan.is_compound(k) and fold(scan.text[k]) not in known) or _camel(scan.text[k]) or _org_head(scan, k):
        return None
    cand = vietnamese_name(scan, k, context) or latin_name(scan, k, context)
    if cand is not None:
        return cand
    end = k
    while end < scan.n and end - k < 4 and scan.is_cap(end) and (end == k or scan.spaced(end)):
        known_name = scan.at.get(end)
        if _blocked(scan, end) or (end > k and known_name is not None and known_name.type == "organization"):
            break  # a one-word country may be a given name: "ông Tuấn Anh"
        end += 1
    known_name = scan.at.get(k)
    if end == k or (known_name is not None and known_name.j >= end):
        return None
    toks = list(range(k, end))
    return Cand(k, end, "person", person_key(scan, toks), prio=2, name_toks=toks, context=context,
                full=len(toks) > 1, context_only=True)


def find_refs(people: list[Cand], scan: Scan) -> dict[int, int]:
    """Short references -> the full name they shorten ("ông Damond", "Thứ trưởng Nhật Tân"), by index."""
    size = [len(_words(scan, c)) for c in people]
    refs: dict[int, int] = {}
    genders: dict[str, set[str]] = {}
    for c in people:
        if c.gender:
            genders.setdefault(c.key, set()).add(c.gender)
    strong = [(n, c) for n, c in enumerate(people) if size[n] > 1 and not c.context_only]
    shorts = [n for n, c in enumerate(people) if c.context_only or size[n] < 2]
    _link_refs(scan, people, shorts, strong, refs, genders)
    rest = [(n, c) for n, c in enumerate(people) if n not in refs and size[n] > 1]
    _link_refs(scan, people, [n for n in range(len(people)) if n not in refs and size[n] < 2], rest, refs, genders)
    return refs


def _link_refs(scan: Scan, people: list[Cand], shorts: list[int], fulls: list[tuple[int, Cand]],
               refs: dict[int, int], genders: dict[str, set[str]]) -> None:
    """Point each short name at the nearest full name it shortens, never across "ông" and "bà"."""
    if not shorts:
        return  # no short name to point: the index of shortenings is not built
    index = _Shortenings(scan, fulls)
    for n in shorts:
        best = index.nearest(scan, people[n], genders)
        if best is not None and best != n:
            refs[n] = best
            people[n].full = False


_Entries = dict[tuple[str, ...], dict[str, list[tuple[int, int]]]]  # form -> key -> [(position, index)] sorted


class _Shortenings:
    """The short forms full names may be cut to, indexed so a short name finds its full name in log time.

    A Vietnamese name is cut to its last words ("Hồng Diên", "Diên"); a Latin one to its first or last word,
    or any of its words of four letters or more; a name read from its context is also cut to its first word
    ("ông Thôi", "ông Hà" for a Chinese name) when that word is no surname, or when no Vietnamese name ends
    with the short one.
    """

    def __init__(self, scan: Scan, fulls: list[tuple[int, Cand]]):
        self.forms: _Entries = {}  # the forms every reader would cut the name to
        self.titled: _Entries = {}  # the same, of names written with a title only
        self.first_word: _Entries = {}  # "ông Thôi": the first word of a name read from its context
        self.surname_first: _Entries = {}  # the same when that first word is a surname ("ông Hà")
        self.vn_ends: set[tuple[str, ...]] = set()  # every ending of a Vietnamese full name
        for m, full in fulls:
            words = _words(scan, full)
            forms: set[tuple[str, ...]] = set()
            if full.latin:
                if len(words) > 1:
                    forms |= {(words[-1],), (words[0],)} | {(w,) for w in words if len(w) >= 4}
            else:
                forms |= {tuple(words[-k:]) for k in range(1, len(words))}
                self.vn_ends |= {tuple(words[-k:]) for k in range(1, len(words) + 1)}
                if full.context and len(words) > 1 and (words[0],) not in forms:
                    surname = scan.text[full.i] in scan.lex.surnames
                    _add(self.surname_first if surname else self.first_word, (words[0],), full.key, full.i, m)
            for form in forms:
                _add(self.forms, form, full.key, full.i, m)
                if full.context == "title":
                    _add(self.titled, form, full.key, full.i, m)
        for table in (self.forms, self.titled, self.first_word, self.surname_first):
            for by_key in table.values():
                for entries in by_key.values():
                    entries.sort()

    def _fits(self, short: tuple[str, ...], titled: bool) -> dict[str, list[list[tuple[int, int]]]]:
        out: dict[str, list[list[tuple[int, int]]]] = {}
        tables = [self.titled if titled else self.forms, self.first_word]
        if short not in self.vn_ends:
            tables.append(self.surname_first)
        for table in tables:
            for key, entries in table.get(short, {}).items():
                out.setdefault(key, []).append(entries)
        return out

    def nearest(self, scan: Scan, cand: Cand, genders: dict[str, set[str]]) -> int | None:
        """The closest full name (before, else after) that ``cand`` may shorten.

        A short name that fits two different people is no alias of either ("ông Trump" after "Melania Trump"
        and "Donald Trump"), unless only one of them is named with a title."""
        short = tuple(_words(scan, cand))
        own = cand.gender

        def allowed(fits: dict[str, list[list[tuple[int, int]]]]) -> list[str]:
            return [k for k in fits if not own or not genders.get(k) or own in genders[k]]

        fits = self._fits(short, titled=False)
        keys = allowed(fits)
        if len(keys) > 1:  # of several people a short name fits, the one named with a title if only one is
            fits = self._fits(short, titled=True)
            keys = [k for k in allowed(fits) if k in keys]
            if len(keys) != 1:
                return None
        best: tuple[int, int] | None = None
        for key in keys:
            for entries in fits[key]:
                hit = _closest(entries, cand.i)
                if hit is not None and (best is None or hit < best):
                    best = hit
        return best[1] if best is not None else None


def _add(table: _Entries, form: tuple[str, ...], key: str, position: int, index: int) -> None:
    table.setdefault(form, {}).setdefault(key, []).append((position, index))


def _closest(entries: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """(distance, index) of the entry nearest before ``at`` (the first listed at that position), else the
    first after it (its distance counted past every one before)."""
    i = bisect.bisect_left(entries, (at, -1))
    if i > 0:
        pos = entries[i - 1][0]
        return at - pos, entries[bisect.bisect_left(entries, (pos, -1))][1]
    if i < len(entries):
        return 10**9 + entries[i][0] - at, entries[i][1]
    return None


def _words(scan: Scan, cand: Cand) -> list[str]:
    """The folded name words of a person, initials left out: ["bryan", "switzer"]."""
    return [w.replace("-", "") for w in cand.key.split() if not w.endswith(".")]  # "Lu-la" is "lula"


def bracket_aliases(people: list[Cand], scan: Scan) -> dict[int, int]:
    """A name in brackets right after another names the same person: "Hà Lập Phong (He Lifeng)" -> {1: 0}."""
    out: dict[int, int] = {}
    for n in range(1, len(people)):
        prev, cur = people[n - 1], people[n]
        if (cur.i == prev.j + 1 and scan.text[prev.j] == "(" and cur.j < scan.n and scan.text[cur.j] == ")"
                and len(_words(scan, cur)) > 1):
            out[n] = n - 1
    return out
