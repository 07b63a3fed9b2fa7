"""The name gazetteers (countries, places, organisations, titles, surnames) loaded once from resources/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tradetalks.nlp.normalize import fold, matching_view

#: A token: a run of word characters or one other non-space character.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_DASH = re.compile(r"\s*-\s*")


def tokenize(text: str) -> list[str]:
    """The tokens of a resource phrase in the matching view: "TP.HCM" -> ["TP", ".", "HCM"]."""
    return TOKEN_RE.findall(matching_view(text))


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """The matching key of a name: folded, spaces collapsed ("Bộ Công  Thương" -> "bo cong thuong")."""
    return _DASH.sub("-", " ".join(fold(matching_view(text)).split()))


class ResourceError(ValueError):
    """A malformed row in a name resource: the file, the row and what was expected."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One known name: an organisation, country or place."""

    type: str  # organization | country | location
    canonical: str
    english: str
    country: str | None = None  # canonical country (organisations, places)
    side: str | None = None  # VN | US | other (countries; organisations from their country)


@dataclass(frozen=True, slots=True)
class Alias:
    """One spelling of an entry, as tokens."""

    tokens: tuple[str, ...]  # lower case unless case_sensitive
    entry: Entry
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Title:
    """One written form of a title (titles.tsv)."""

    tokens: tuple[str, ...]  # lower case
    canonical: str
    english: str
    kind: str  # minister | head | office
    office: str | None = None


@dataclass(slots=True)
class Lexicon:
    """Every gazetteer, indexed by the lower-cased first token of each spelling."""

    aliases: dict[str, list[Alias]] = field(default_factory=dict)
    titles: dict[str, list[Title]] = field(default_factory=dict)
    modifiers: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    surnames: dict[str, bool] = field(default_factory=dict)  # surname -> ambiguous
    org_heads: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    org_inner: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "nhân dân", "châu"
    org_units: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "thành phố", "tỉnh"
    org_suffixes: frozenset[str] = frozenset()
    cycle_stems: frozenset[str] = frozenset()  # "Giáp", "Đinh": heavenly stems of the lunar calendar
    cycle_branches: frozenset[str] = frozenset()  # "Thìn", "Hợi": earthly branches
    org_contexts: tuple[tuple[str, ...], ...] = ()
    outlets: tuple[tuple[str, ...], ...] = ()  # "hãng tin", "tờ": a capitalised name after them is a news outlet
    ends_of: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # kind -> last word -> phrases
    sources: frozenset[str] = frozenset()  # "theo": an all-capitals name between it and a comma says who reports
    low_heads: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "bộ", "cơ quan" by their last word
    compounds: frozenset[str] = frozenset()  # "bệnh" (viện), "trụ" (sở): a lower-case head after them is no body's
    numbered: frozenset[tuple[str, ...]] = frozenset()  # "quân khu", "hạm đội": heads of units named by a number
    low_names: frozenset[tuple[str, ...]] = frozenset()  # "quỹ", "ủy ban": heads whose name may open in lower case
    brand_heads: tuple[tuple[str, ...], ...] = ()  # "chứng khoán": with a brand after it, a company's short name
    brand_firsts: frozenset[str] = frozenset()  # their first words
    words_before: frozenset[str] = frozenset()  # the last words of lowheads, outlets, contexts, and "của"
    interviews: tuple[tuple[str, ...], ...] = ()  # "trao đổi với": the name after it, then a comma and a person,
    reporters: frozenset[str] = frozenset()  # is the newspaper ("PV" may stand between)
    says: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "cho biết": by first word
    role_abbreviations: frozenset[str] = frozenset()  # "hlv", "ntk": a person's role written in capitals
    abbreviated_heads: frozenset[tuple[str, ...]] = frozenset()  # "ubnd", "tand": heads written as abbreviations
    employer_roles: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "nhà phân tích" by last word
    breaks: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()  # words opening what a body does: a lower-case name tail ends there
    relations: frozenset[str] = frozenset()  # "với", "tại": never inside a long name closed by its acronym
    legal: frozenset[str] = frozenset()
    abroad: frozenset[tuple[str, ...]] = frozenset()  # head nouns of missions named "... tại <country>"
    missions: frozenset[tuple[str, ...]] = frozenset()  # of those, the ones naming a body only with "tại <place>"
    event_words: frozenset[str] = frozenset()  # after a name, a contest or event named after it ("ASEAN Cup")
    english_words: frozenset[str] = frozenset()  # words of institution/place names, never a person's name
    ministry_stems: dict[tuple[str, ...], dict[str | None, Entry]] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # canonical -> entry
    orgs: dict[str, Entry] = field(default_factory=dict)  # key of canonical or alias -> entry
    known: dict[str, Entry] = field(default_factory=dict)  # key of any spelling of any known name -> entry
    genders: dict[tuple[str, ...], str] = field(default_factory=dict)  # form of address -> "m" | "f"


def _rows(name: str) -> list[list[str]]:
    """The data rows of a TSV resource (comment lines start with "#")."""
    text = resources.files("tradetalks.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _add_alias(lex: Lexicon, spelling: str, entry: Entry) -> None:
    """Index one spelling: one-word spellings keep their case, longer ones are lower-cased."""
    lex.known.setdefault(name_key(spelling), entry)
    lex.known.setdefault(name_key(entry.canonical), entry)
    toks = tokenize(spelling)
    if not toks:
        return
    case_sensitive = len(toks) == 1
    if not case_sensitive:
        toks = [t.lower() for t in toks]
    bucket = lex.aliases.setdefault(toks[0].lower(), [])
    alias = Alias(tuple(toks), entry, case_sensitive)
    if alias not in bucket:
        bucket.append(alias)


def _country_variants(spelling: str, countries: dict[str, list[str]]) -> list[str]:
    """The spelling with a country name in it replaced by each other name of that country."""
    out = [spelling]
    for canonical, names in countries.items():
        written = (canonical, *names)
        if not _word_pattern(written).search(spelling):
            continue
        for name in written:
            word = _word_pattern((name,))
            if word.search(spelling):
                out.extend(word.sub(other, spelling) for other in names if len(other) >= 2 and not other.isupper())
                break
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1024)
def _word_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word (compiled once: the names of every country meet every organisation)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _add_stem(lex: Lexicon, spelling: str, entry: Entry, countries: dict[str, list[str]]) -> None:
    """Index a ministry by the words after "Bộ", without its country: "Bộ Ngoại giao Mỹ" -> ("ngoại", "giao")."""
    toks = [t.lower() for t in tokenize(spelling)]
    if len(toks) < 2 or toks[0] != "bộ" or any(not t.isalpha() and t != "," for t in toks):
        return
    stem, country = toks[1:], None
    for name in [entry.country or "", *countries.get(entry.country or "", [])]:
        tail = [t.lower() for t in tokenize(name)]
        if tail and len(stem) > len(tail) and stem[-len(tail):] == tail:
            stem, country = stem[: -len(tail)], entry.country
            break
    lex.ministry_stems.setdefault(tuple(stem), {}).setdefault(country, entry)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every name resource once."""
    lex = Lexicon()
    _load_names(lex)
    _load_titles(lex)
    _load_words(lex)
    return lex


def _load_names(lex: Lexicon) -> None:
    """Countries, places and organisations with all their spellings."""
    country_names: dict[str, list[str]] = {}
    for canonical, english, side, names in _rows("countries.tsv"):
        entry = Entry("country", canonical, english, canonical, side)
        lex.countries[canonical] = entry
        country_names[canonical] = names.split("|")
        for spelling in names.split("|"):
            _add_alias(lex, spelling, entry)
    for canonical, english, country, names in _rows("places.tsv"):
        entry = Entry("location", canonical, english, country or None)
        for spelling in names.split("|"):
            _add_alias(lex, spelling, entry)
    for canonical, english, country, names in _rows("organizations.tsv"):
        org_side = lex.countries[country].side if country in lex.countries else None
        entry = Entry("organization", canonical, english, country or None, org_side)
        for spelling in [canonical, *names.split("|")]:
            lex.orgs[name_key(spelling)] = entry
            for variant in _country_variants(spelling, country_names):
                _add_alias(lex, variant, entry)
                lex.orgs[name_key(variant)] = entry
            _add_stem(lex, spelling, entry, country_names)
    for bucket in lex.aliases.values():
        bucket.sort(key=lambda a: -len(a.tokens))


def _load_titles(lex: Lexicon) -> None:
    """Titles and the words that modify them or mark a person."""
    for row in _rows("titles.tsv"):
        written, canonical, english, kind = row[:4]
        office = row[4] if len(row) > 4 and row[4] else None
        toks = tuple(t.lower() for t in tokenize(written))
        lex.titles.setdefault(toks[0], []).append(Title(toks, canonical, english, kind, office))
    for titles in lex.titles.values():
        titles.sort(key=lambda t: -len(t.tokens))
    for number, row in enumerate(_rows("honorifics.tsv"), 1):
        word, kind, gender = (row + [""])[:3] if len(row) in (2, 3) else ("", "", "?")
        if not word or gender not in ("", "m", "f") or (gender and kind != "honorific"):
            raise ResourceError(f"honorifics.tsv: data row {number}: expected word<TAB>kind[<TAB>m|f], got {row!r}")
        toks = tuple(t.lower() for t in tokenize(word))
        lex.modifiers.setdefault(toks[0], []).append((toks, kind))
        if gender:
            lex.genders[toks] = gender
    for modifiers in lex.modifiers.values():
        modifiers.sort(key=lambda m: -len(m[0]))


_ORG_WORD_KINDS = frozenset({
    "legal", "head", "suffix", "break", "event", "abroad", "mission", "context", "inner", "unit", "clause", "relation",
    "outlet", "source", "lowhead", "compound", "numbered", "lowname", "brand", "employer", "interview", "reporter",
    "says", "role",
})


def _load_words(lex: Lexicon) -> None:
    """Surnames, organisation head nouns and company suffixes, context and break words."""
    for surname, ambiguous in _rows("surnames.tsv"):
        lex.surnames[matching_view(surname)] = ambiguous.strip() == "1"
    suffixes: set[str] = set()
    contexts: list[tuple[str, ...]] = []
    breaks: set[str] = set()
    clauses: set[str] = set()
    relations: set[str] = set()
    outlets: list[tuple[str, ...]] = []
    sources: set[str] = set()
    compounds: set[str] = set()
    numbered: set[tuple[str, ...]] = set()
    low_names: set[tuple[str, ...]] = set()
    brands: list[tuple[str, ...]] = []
    interviews: list[tuple[str, ...]] = []
    roles: set[str] = set()
    abbreviated: set[tuple[str, ...]] = set()
    reporters: set[str] = set()
    legal: set[str] = set()
    events: set[str] = set()
    abroad: set[tuple[str, ...]] = set()
    missions: set[tuple[str, ...]] = set()
    for number, row in enumerate(_rows("org_heads.tsv"), 1):
        if len(row) != 2 or row[0] not in _ORG_WORD_KINDS or not row[1].strip():
            raise ResourceError(f"org_heads.tsv: data row {number}: expected kind<TAB>word, a known kind, got {row!r}")
        kind, word = row
        toks = tuple(t.lower() for t in tokenize(word))
        if kind == "inner":
            lex.org_inner.setdefault(toks[0], []).append(toks)
        elif kind == "unit":
            lex.org_units.setdefault(toks[0], []).append(toks)
        elif kind == "head":
            lex.org_heads.setdefault(toks[0], []).append(toks)
            if word.isupper():
                abbreviated.add(toks)  # "UBND", "TAND": a body on its own too
        elif kind == "suffix":
            suffixes.add(toks[0])
        elif kind == "break":
            breaks.add(toks[0])
        elif kind == "clause":
            clauses.add(toks[0])
        elif kind == "relation":
            relations.add(toks[0])
        elif kind == "outlet":
            outlets.append(toks)
        elif kind == "source":
            sources.add(toks[0])
        elif kind == "lowhead":
            lex.low_heads.setdefault(toks[-1], []).append(toks)
        elif kind == "compound":
            compounds.add(toks[0])
        elif kind == "lowname":
            low_names.add(toks)
        elif kind == "brand":
            brands.append(toks)
        elif kind == "interview":
            interviews.append(toks)
        elif kind == "reporter":
            reporters.add(toks[0])
        elif kind == "role":
            roles.add(toks[0])
        elif kind == "says":
            lex.says.setdefault(toks[0], []).append(toks)
        elif kind == "employer":
            lex.employer_roles.setdefault(toks[-1], []).append(toks)
        elif kind == "numbered":  # "Quân khu 5": a head too
            lex.org_heads.setdefault(toks[0], []).append(toks)
            numbered.add(toks)
        elif kind == "legal":
            legal.add(word)
        elif kind == "event":
            events.add(toks[0])
        elif kind in ("abroad", "mission"):
            abroad.add(toks)
            if kind == "mission":  # a body only with "tại" and its place: "Phái đoàn Việt Nam tại Geneva"
                lex.org_heads.setdefault(toks[0], []).append(toks)
                missions.add(toks)
        else:
            contexts.append(toks)
    for table in (lex.org_heads, lex.org_inner, lex.org_units):
        for phrases in table.values():
            phrases.sort(key=lambda h: -len(h))
    lex.org_suffixes = frozenset(suffixes)
    lex.breaks = frozenset(breaks)
    lex.clause_words = frozenset(clauses)
    lex.relations = frozenset(relations)
    lex.outlets = tuple(sorted(outlets, key=len, reverse=True))
    lex.sources = frozenset(sources)
    lex.compounds = frozenset(compounds)
    lex.numbered = frozenset(numbered)
    lex.low_names = frozenset(low_names)
    lex.brand_heads = tuple(brands)
    lex.brand_firsts = frozenset(b[0] for b in brands)
    lex.legal = frozenset(legal)
    lex.event_words = frozenset(events)
    lex.abroad = frozenset(abroad)
    lex.missions = frozenset(missions)
    lex.org_contexts = tuple(sorted(contexts, key=len, reverse=True))
    for kind, listed in (("outlet", lex.outlets), ("context", lex.org_contexts)):
        by_last = lex.ends_of[kind] = {}
        for phrase in listed:
            by_last.setdefault(phrase[-1], []).append(phrase)
    lex.interviews, lex.reporters, lex.role_abbreviations = tuple(interviews), frozenset(reporters), frozenset(roles)
    lex.abbreviated_heads = frozenset(abbreviated)
    lex.words_before = frozenset({*lex.low_heads, *lex.ends_of["outlet"], *lex.ends_of["context"], "của",
                                  *(i[-1] for i in interviews), *reporters})
    lex.english_words = frozenset(row[0].strip().lower() for row in _rows("english_words.tsv"))
    cycle: dict[str, set[str]] = {"stem": set(), "branch": set()}
    for number, row in enumerate(_rows("calendar_cycle.tsv"), 1):
        if len(row) != 2 or row[0] not in cycle or not row[1].strip():
            raise ResourceError(f"calendar_cycle.tsv: data row {number}: expected stem|branch<TAB>word, got {row!r}")
        cycle[row[0]].add(matching_view(row[1].strip()))
    lex.cycle_stems, lex.cycle_branches = frozenset(cycle["stem"]), frozenset(cycle["branch"])


def org_by_name(name: str) -> Entry | None:
    """The known organisation with this name or alias: "Bộ Công thương" -> Bộ Công Thương."""
    return lexicon().orgs.get(name_key(name))


def english_name(name: str) -> str | None:
    """The English name of a known organisation, country or place: "Mỹ" -> "United States"."""
    entry = lexicon().known.get(name_key(name))
    return entry.english if entry is not None else None
