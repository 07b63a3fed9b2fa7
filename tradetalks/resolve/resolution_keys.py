"""The keys under which resolution can join an article to another one, and the dossier's order keys.

An article's keys (kind, key) over-approximate what the resolution functions compare: two articles that share
none can only be joined through articles already joined to them in the stored dossier (its events, stories
and entities). Kinds:

- "e": event blocks: event type with each negotiation the article names, with each month its dates fall in
  (and the month before and after: ``resolve/events.py`` blocks by month and the month after), with a tariff's
  target country; "*" for an article that dates nothing.
- "n": person names: the full-name key, the last word a foreign name is called by alone, the words of a
  foreign name another article may use alone, its spelling-variant keys (the number of words with the first and
  last word, each as is or with a vowel taken out); a Vietnamese name, its endings and, for three syllables or
  more not of Viet Nam's side, all but the last syllable's end ("vt", "vo" when an office abroad is held: a
  transcribed foreign name written two ways).
- "b": MinHash LSH bands of the article's text, with the bands of the near-duplicate and related indexes
  (``resolve/stories.py``): two articles are candidates there exactly when they share a band here.
- "f": where a title told as former begins, "w": the weeks a story dates the article in (not join keys: what a
  role's dates and a rare name's counts need of articles not resolved again); "h:<surname>" and "hf": the
  holders of a surname the article names in full and the first words of its foreign full names (not join keys:
  what rule ``dominant_surname_holder`` counts, ``resolve/holders.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache

import numpy as np

from tradetalks.model import Doc, Event
from tradetalks.resolve.bands import band_ranges
from tradetalks.resolve.dates import Range, parse_range
from tradetalks.resolve.names import PersonName, parse_person, syllable_onset, vowel_keys
from tradetalks.resolve.people import UnionFind, _office_country, article_holder_rows, person_groups
from tradetalks.resolve.stories import DUPLICATE, NUM_PERM, RELATED

#: The version of the keys below: a store whose keys were written by another version is resolved in full once.
KEYS_VERSION = 7
_SEP = "\x1f"  # below every character of the parts an order key joins: joined keys sort as their tuples
_SPAN_MONTHS = 2


def _aid(doc: Doc) -> str:
    return doc.article.id or doc.article.source


@lru_cache(maxsize=1)
def _band_ranges() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """The (start, end) of every band of the two LSH indexes the story clustering builds."""
    return tuple((name, band_ranges(t, NUM_PERM)) for name, t in (("d", DUPLICATE), ("r", RELATED)))


def band_keys(sig: np.ndarray) -> Iterator[str]:
    """One key per LSH band of a MinHash signature: "r3:<digest of the band's values>"."""
    for name, ranges in _band_ranges():
        for i, (lo, hi) in enumerate(ranges):
            yield f"{name}{i}:{hashlib.sha1(np.ascontiguousarray(sig[lo:hi]).tobytes()).hexdigest()[:16]}"


def _months(doc: Doc) -> list[str]:
    """The months (YYYY-MM) the article's dates name, with the month before and after each; ["*"] for none."""
    ranges: list[Range] = []
    for t in doc.timexes:
        r = parse_range(t.value)
        if r is None or not r.lo.month or not r.has_year:
            continue
        years = (r.hi.year - r.lo.year) if r.hi.year is not None and r.lo.year is not None else 0
        if years * 12 + (r.hi.month or 12) - (r.lo.month or 1) <= _SPAN_MONTHS:
            ranges.append(r)
    pub = parse_range(doc.article.published) if doc.article.published else None
    if pub is not None and pub.has_year:
        ranges.append(pub)
    out: set[str] = set()
    for rng in ranges:
        days = rng.days()
        if days is None:
            continue
        for d in days:
            for step in (-1, 0, 1):
                n = d.year * 12 + d.month - 1 + step
                out.add(f"{n // 12:04d}-{n % 12 + 1:02d}")
    return sorted(out) or ["*"]


def event_keys(doc: Doc) -> set[str]:
    """Rule ``event_blocks_as_keys``: an event meets those of its type in its article's months, of the
    negotiations its article names, and (tariffs) on the same country's goods.

    E.g. a "round" of the Viet Nam–US talks told in an article of 2025-07 -> "round|n|vn-us",
    "round|m|2025-06", "round|m|2025-07", "round|m|2025-08".
    """
    if not doc.events:
        return set()
    months = _months(doc)
    years = sorted({int(m[:4]) + k for m in months if m != "*" for k in (-1, 0, 1)})
    talks = {ev.negotiation for ev in doc.events if ev.negotiation}
    out: set[str] = set()
    for ev in doc.events:
        out.update(f"{ev.type}|n|{t}" for t in talks)
        out.update(f"{ev.type}|m|{m}" for m in months)
        if ev.tariff is not None and ev.tariff.country:
            out.add(f"{ev.type}|c|{ev.tariff.country}")
        if ev.ordinal is not None:
            out.update(f"{ev.type}|o|{t}|{ev.ordinal}" for t in talks)
            out.update(f"{ev.type}|om|{ev.ordinal}|{m}" for m in months)
        if ev.rate is not None:
            out.update(f"{ev.type}|r|{ev.rate:.4f}|{m}" for m in months)
        out.update(f"{ev.type}|d|{day}" for day in _days(ev.start, ev.end, years))
    return out


def _days(start: str | None, end: str | None, years: list[int]) -> set[str]:
    """The days (YYYY-MM-DD, at most 15 and the day after) an event's dates name; a yearless day in each of
    ``years`` (the years of its article's dates and those beside them)."""
    rng = parse_range(start, end)
    if rng is None or not rng.has_day:
        return set()
    out: set[str] = set()
    for year in [rng.lo.year] if rng.lo.year is not None else years:
        days = rng.days(year)
        if not days:
            continue
        lo = days[0].toordinal()
        for k in range(min((days[1].toordinal() - lo), 14) + 2):
            out.add(date.fromordinal(lo + k).isoformat())
    return out


def name_keys(doc: Doc) -> set[str]:
    """Rule ``name_blocks_as_keys``: the keys ``resolve/people.py`` and ``resolve/entities.py`` join mentions by.

    E.g. "Jamieson Greer" -> "p:jamiesongreer", "s:greer", "w:jamieson", "sv:2:jamieson:grer" …; "Nguyễn Xuân
    Phúc" -> "p:nguyenxuanphuc", "vf:nguyen xuan phuc", "ve:xuan phuc", "ve:phuc" (a Vietnamese name meets the
    names it ends and those ending in it, see ``probes``); "Lý Thành Cương" not of Viet Nam's side also gives
    "vt:ly thanh c" ("vo:ly thanh c" when he holds an office of a foreign country, see ``probes``).
    Organisations, countries and places give none: the stored entity of the same name is found when the articles
    are resolved (``resolve/incremental.py``).
    """
    out: set[str] = set()
    for m in doc.mentions:  # every full name: person_groups joins mentions across articles by each one's key
        if m.type == "person":
            name = parse_person(m.text, m.side)
            if len(name.tokens) >= 2:
                out.add(f"p:{name.key}")
    for name, sides, abroad in _group_names(doc):  # merge_people compares groups by their fullest name
        tokens = name.tokens
        if name.vietnamese:
            out.add(f"vf:{' '.join(tokens)}")
            out.update(f"ve:{' '.join(tokens[-n:])}" for n in range(1, len(tokens)))
            if len(tokens) >= 3 and "VN" not in sides:  # a transcribed foreign name (``_join_transcriptions``)
                out.add(f"{'vo' if abroad else 'vt'}:{' '.join(tokens[:-1])} {syllable_onset(tokens[-1])}")
            continue
        out.add(f"s:{name.surname}")
        out.update(f"w:{w}" for w in tokens if len(w) >= 4)
        out.update(spelling_keys(tokens))
    return out


def spelling_keys(tokens: Sequence[str]) -> set[str]:
    """Rule ``spelling_variant_keys``: ``spelling_variant`` joins foreign names of as many words, each the same or
    one vowel apart, so a key holds the number of words and a vowel key (``vowel_keys``) of the first and of the
    last word: two spelling variants share one, and a name shares none with the names of a surname one vowel
    apart but of another given name, nor a short surname ("Li", "Lu") with another.

    E.g. "Mauro Vieira" and "Maurio Viera" both give "sv:2:mauro:viera"; "Li Qiang" and "Lu Qiang" share none.
    """
    if len(tokens) < 2:
        return set()
    return {f"sv:{len(tokens)}:{a}:{b}" for a in _word_keys(tokens[0]) for b in _word_keys(tokens[-1])}


def _word_keys(word: str) -> set[str]:
    """``vowel_keys`` of a word ``vowel_variant`` may vary (four letters or more); a shorter one varies not."""
    return vowel_keys(word) if len(word) >= 4 else {word}


def _group_names(doc: Doc) -> list[tuple[PersonName, set[str], bool]]:
    """The fullest name of each group of one article's person mentions joined inside it (a lone "ông Phúc" is a
    group of its own; one that names the article's "Nguyễn Xuân Phúc" is part of his), with the group's sides and
    whether one of its mentions holds an office of a foreign country."""
    uf = UnionFind()
    person_groups([doc], uf)
    out = []
    for refs in uf.groups():
        names = [parse_person(doc.mentions[i].text, doc.mentions[i].side) for _, i in refs]
        best = max(names, key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text, n.vietnamese))
        if best.tokens:
            sides = {s for _, i in refs if (s := doc.mentions[i].side)}
            out.append((best, sides, any(_office_country(doc.mentions[i]) is not None for _, i in refs)))
    return out


def probes(kind: str, key: str) -> list[tuple[str, str]]:
    """The stored keys a new article's key meets: a Vietnamese full name meets the same name and the names it
    ends; a name's ending meets the name that is that ending; a transcribed name meets those of its key holding an
    office abroad, and one holding it meets them all; any other key meets itself."""
    if kind == "n" and key.startswith("vf:"):
        return [(kind, key), (kind, "ve:" + key[3:])]
    if kind == "n" and key.startswith("ve:"):
        return [(kind, "vf:" + key[3:])]
    if kind == "n" and key.startswith("vt:"):  # two transcriptions join when one holds an office abroad
        return [(kind, "vo:" + key[3:])]
    if kind == "n" and key.startswith("vo:"):
        return [(kind, key), (kind, "vt:" + key[3:])]
    return [(kind, key)]


def article_keys(doc: Doc, sig: np.ndarray | None) -> list[tuple[str, str, str]]:
    """Every (kind, key, article) row of one slim doc and its text's MinHash."""
    aid = _aid(doc)
    rows = {("e", k, aid) for k in event_keys(doc)} | {("n", k, aid) for k in name_keys(doc)}
    if sig is not None:
        rows |= {("b", k, aid) for k in band_keys(sig)}
    rows |= {("f", str(start), aid) for start in former_titles(doc)}
    rows |= {(kind, key, aid) for kind, key in article_holder_rows(doc)}  # counted, never joined by
    return sorted(rows)


def former_titles(doc: Doc) -> set[int]:
    """Where the article's titles told as former begin ("f" rows: a role's dates leave them out, and the role
    evidence stored in the dossier does not say it)."""
    return {m.role.start for m in doc.mentions if m.role is not None and m.role.title and m.role.former}


def article_order(doc: Doc, digest: str) -> str:
    """An article's place in the dossier as text: publication date, text hash, URL or source, id."""
    a = doc.article
    return _SEP.join((a.published or "9999", digest, a.key, _aid(doc)))


def event_order(ev: Event, told: Mapping[str, str]) -> str:
    """An event's place on the timeline as text (``resolve/events.py`` ``_timeline_order``): date, where its
    first source tells it, type, summary, id."""
    place, offset = min(((told.get(e.article, ""), e.start) for e in ev.evidence), default=("", 0))
    return _SEP.join((ev.start or "9999", place, f"{offset:012d}", ev.type, ev.summary, ev.id or ""))


def told_of(docs: Sequence[Doc], hashes: Mapping[str, str]) -> dict[str, str]:
    """Each article's place among the others by content, as reports carry it (``collect_reports``)."""
    return {_aid(d): f"{d.article.published or '9999'}|{hashes.get(_aid(d), d.article.hash)}" for d in docs}


def story_weeks(docs: Sequence[Doc], events: Sequence[Event]) -> dict[str, set[int]]:
    """The weeks (ordinal // 7) a story places each article in, as ``story_inputs`` dates it: its publication
    day, else the days of its dated events ("w" rows: rare names are counted per week)."""
    dated: dict[str, set[date]] = {}
    for ev in events:
        if ev.start and not ev.start.startswith("X"):
            try:
                day = date.fromisoformat(ev.start[:10])
            except ValueError:
                continue
            for e in ev.evidence:
                dated.setdefault(e.article, set()).add(day)
    out: dict[str, set[int]] = {}
    for doc in docs:
        days: set[date] = set()
        if doc.article.published:
            try:
                days = {date.fromisoformat(doc.article.published)}
            except ValueError:
                days = set()
        out[_aid(doc)] = {d.toordinal() // 7 for d in (days or dated.get(_aid(doc), set()))}
    return out
