"""The part of the dossier a question needs, read from rows by indexed queries: the events of the types, the
negotiation, the people and the day it names, the people its words name, the holders of the titles it asks about,
and what those events and people name. The answering rules of ``answers.py`` run over it unchanged and answer as
they do over the whole dossier (``question_index``), because for each rule the part holds every event and person
the rule would look at in the whole dossier, in the same order, with the same prominence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tradetalks.event_types import types_where
from tradetalks.model import VN_US_RECIPROCAL, Dossier, Event
from tradetalks.serve.answer_talks import status_types
from tradetalks.serve.answers import (
    KIND_TYPES,
    MEETING_TYPES,
    covers_day,
    is_month,
    named_types,
    people_in,
    same_day,
)
from tradetalks.serve.index import DossierIndex, fold_name
from tradetalks.serve.question import Question, country_names, cues, has_phrase
from tradetalks.store.question_reads import (
    LightRole,
    bare_entities,
    event_spans,
    head_role_titles,
    holders,
    light_roles,
    names_and_sides,
    negotiations_of,
    people_by_keys,
    people_by_last_name,
    positions,
    question_titles,
    talks_participants,
    title_candidates,
)
from tradetalks.store.row_reads import DossierRows

#: The longest name, in words, a question is searched for (as ``people_in``).
MAX_NAME_WORDS = 8
#: ``answer_met`` looks at the meetings of this many of the people a question names, and tells this many.
MET_PEOPLE = 10
MET_EVENTS = 5


class QuestionIndex(DossierIndex):
    """A ``DossierIndex`` over part of the dossier whose prominence is that of the whole one (stored counts)."""

    def __init__(self, dossier: Dossier, places: dict[str, int], weights: dict[str, int]):
        super().__init__(dossier, places)
        self._weights = weights

    def weight(self, entity_id: str) -> int:
        """Mentions plus events of an entity in the whole dossier."""
        return self._weights.get(entity_id, 0)


def _index(
    rows: DossierRows,
    events: list[Event],
    places: dict[str, int],
    entity_ids: Sequence[str],
    participants: bool,
    quoted: Sequence[str] = (),
) -> QuestionIndex:
    """An index over these events (dossier order), these entities, the events' participants (when the rules look
    at who took part, not only at their ids) and the organisations of everyone's titles (entities in dossier
    order)."""
    taking_part = [p.entity for ev in events for p in ev.participants] if participants else []
    ids = list(dict.fromkeys([*entity_ids, *taking_part]))
    # the rules quote the titles of ``quoted`` (heads, the holder named, the people whose titles are asked), never
    # those of the other people named, of an event's participants or of an organisation: read without the quotes
    asked = set(quoted)
    entities = rows.entities([i for i in ids if i in asked])
    entities += rows.entities_unsourced([i for i in ids if i not in asked])
    orgs = sorted({r.organization for e in entities for r in e.roles if r.organization} - set(ids))
    entities += rows.entities_unsourced(orgs)
    where = positions(rows, [e.id for e in entities])
    entities.sort(key=lambda e: where[e.id])
    weights = {i: w for i, (_, w) in rows.weights([e.id for e in entities]).items()}
    events = sorted(events, key=lambda e: places[e.id or ""])
    return QuestionIndex(Dossier([], entities, events), places, weights)


def _name_keys(q: Question) -> list[str]:
    """The folded keys ``people_in`` looks a name up by: every run of up to eight words of the question, but none
    inside a country's name of several words (rule ``country_words_no_name``: "Việt Nam" in "trưởng đoàn của Việt
    Nam" names the country, not the many people called Nam)."""
    words = q.folded.split()
    stop = set(cues()["stop_words"])
    capitalised = {fold_name(w) for w in q.text.split() if w[:1].isupper()} - stop
    country = _country_words(words)
    keys = []
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for at in range(len(words) - size + 1):
            key = " ".join(words[at : at + size])
            if len(key) >= 3 and (size > 1 or key in capitalised) and not country >= set(range(at, at + size)):
                keys.append(key)
    return keys


def _country_words(words: list[str]) -> set[int]:
    """The places of the words that spell a country's name of several words (``countries.tsv``), longest first."""
    several = country_names()[0]
    longest = max((len(k) for k in several), default=1)
    out: set[int] = set()
    at = 0
    while at < len(words):
        size = next((n for n in range(longest, 1, -1) if tuple(words[at : at + n]) in several), 0)
        out.update(range(at, at + size))
        at += size or 1
    return out


def named_people(rows: DossierRows, q: Question, loose: bool) -> list[str]:
    """Every person ``people_in`` could find for the question: by a run of its words, else (``loose``) by a
    capitalised word that is a last name."""
    found = people_by_keys(rows, _name_keys(q))
    if found or not loose:
        return found
    stop = set(cues()["stop_words"])
    wanted = {fold_name(w) for w in q.text.split() if w[:1].isupper()} - stop
    return people_by_last_name(rows, sorted(w for w in wanted if len(w) >= 3))


class _Wanted:
    """The events (by condition) and entities a question's rules look at, gathered before any is read."""

    def __init__(self, rows: DossierRows, q: Question):
        self.rows, self.q = rows, q
        self.where: list[tuple[str, list[Any]]] = []
        self.entities: list[str] = []
        self.quoted: list[str] = []  # the entities whose titles a rule may quote
        self._titles: tuple[list[str], list[str]] | None = None

    def titles(self) -> tuple[list[str], list[str]]:
        """Every title and every English title held (``question_titles``), read once per question."""
        if self._titles is None:
            self._titles = question_titles(self.rows)
        return self._titles

    def events(self, types: Sequence[str], cond: str = "1 = 1", params: Sequence[Any] = ()) -> None:
        marks = ", ".join("?" * len(types))
        self.where.append((f"e.type IN ({marks}) AND {cond}", [*types, *params]))

    def talks(self) -> tuple[str, list[Any]]:
        """Rule default_talks as SQL: the named negotiation's events, else those of Vietnam–US or of none."""
        if self.q.negotiation:
            return "e.negotiation = ?", [self.q.negotiation]
        return "(e.negotiation IS NULL OR e.negotiation = ?)", [VN_US_RECIPROCAL]

    def read(self) -> tuple[list[Event], dict[str, int]]:
        listed: dict[str, int] = {}
        for cond, params in self.where:
            listed.update((i, pos) for i, pos, _ in self.rows.event_ids(cond, params))
        return self.rows.events(list(listed)), listed


def _named_event(want: _Wanted, people: list[str]) -> None:
    """``named_event``: the series events its number, "latest" or "next" names, else the events of the kind it names
    (or of the negotiation it names) with (one of) the people it names on the day it names."""
    q, series = want.q, types_where("series")
    cond, params = want.talks()
    if q.ordinal is not None or ((q.latest or q.following) and q.event_type):
        kinds = (q.event_type,) if q.event_type in series else series
        if q.ordinal is not None:
            want.events(kinds, f"{cond} AND e.ordinal = ?", [*params, q.ordinal])
        else:
            want.events(kinds, cond, params)
    types = named_types(q, bool(people))
    if not types:
        return
    day, more = day_where(q.date) if q.date else ("", [])
    if people:
        marks = ", ".join("?" * len(people))
        some = f"e.id IN (SELECT p.event FROM d_participants p WHERE p.entity IN ({marks}))"
        if not q.negotiation and len(people) > 1:  # people_pin_event: two of them together, in any talks
            pair = f"{some[:-1]} GROUP BY p.event HAVING count(DISTINCT p.entity) > 1)"
            want.events(types, pair + day, [*people, *more])
        cond, params = f"{cond} AND {some}", [*params, *people]
    want.events(types, cond + day, [*params, *more])


def day_where(date: str) -> tuple[str, list[str]]:
    """Rule same_day loosened to SQL over ``d_events e`` (" AND ..." and its parameters): the events that may cover
    a day ("2025-07-02", or "--07-02" in any year) or a month ("2026-02"); those of no known year are kept,
    ``same_day`` decides."""
    if is_month(date):  # a month: the events whose days reach into it
        return " AND (e.first_day IS NULL OR (e.first_day <= ? AND e.last_day >= ?))", [f"{date}-31", f"{date}-01"]
    if not date.startswith("-"):
        return " AND (e.first_day IS NULL OR (e.first_day <= ? AND e.last_day >= ?))", [date, date]
    day = date[-6:]  # "-07-02": the month and day as they stand in an ISO date after its year
    return (
        " AND (e.first_day IS NULL OR (substr(e.first_day, 5, 6) <= ? AND (substr(e.last_day, 5, 6) >= ? "
        "OR substr(e.last_day, 1, 4) <> substr(e.first_day, 1, 4))))",
        [day, day],
    )


def _met_events(want: _Wanted, chosen: list[str]) -> None:
    """``answer_met``: the meetings (or calls) of the first of the people named who has any: every one on the day
    the question names, else the first five in the rule's order (the talks', then of no negotiation, then others)."""
    q, rows = want.q, want.rows
    types = KIND_TYPES["call"] if q.kind == "call" else MEETING_TYPES
    for person in chosen:
        marks = ", ".join("?" * len(types))
        cond = f"e.type IN ({marks}) AND e.id IN (SELECT p.event FROM d_participants p WHERE p.entity = ?)"
        params: list[Any] = [*types, person]
        if q.negotiation:
            cond += " AND e.negotiation = ?"
            params.append(q.negotiation)
        if q.date:
            day, more = day_where(q.date)
            cond += day
            params += more
        listed = negotiations_of(rows, cond, params)
        if q.date and not is_month(q.date):  # by the events' dates alone: none of the many undated is decoded
            spans = event_spans(rows, [i for i, _ in listed])
            ids = [i for i, _ in listed if i in spans and covers_day(*spans[i], q.date)]
        elif q.date:
            ids = [e.id or "" for e in rows.events([i for i, _ in listed]) if same_day(e, q.date)]
        else:
            rank = {VN_US_RECIPROCAL: 0, None: 1}
            ids = [i for i, _ in sorted(listed, key=lambda r: rank.get(r[1], 2))[:MET_EVENTS]]
        if ids:
            want.where.append((f"e.id IN ({', '.join('?' * len(ids))})", ids))
            return


def _title_holders(want: _Wanted) -> None:
    """``_holder``: the one person the rule names (``holder_named``), and, when the question names none of the known
    titles, one holder of the title its words name, so that title stands among the titles held."""
    q = want.q
    wanted = q.title
    known = want.titles()[0]
    if wanted is None:
        titles = {fold_name(t) for t in known}
        wanted = next((t for t in sorted(titles, key=len, reverse=True) if t and has_phrase(q.folded, t)), None)
    if wanted is None:
        return
    # the titles the asked words start with (its organisation's words may follow: "bo truong tai chinh")
    starts = [t for t in known if fold_name(t) and wanted.startswith(fold_name(t) + " ")]
    chosen = holder_named(want.rows, q, wanted, [t for t in known if fold_name(t).startswith(wanted)] + starts)
    if chosen is not None:
        want.entities.append(chosen[0])
        want.quoted.append(chosen[0])
    if q.title is None and (chosen is None or wanted not in chosen[1]):
        exact = [t for t in known if fold_name(t) == wanted]
        want.entities += holders(want.rows, exact, people_only=False)[:1]


def holder_named(rows: DossierRows, q: Question, wanted: str, titles: list[str]) -> tuple[str, set[str]] | None:
    """The person rule ``_holder`` (``answer_titles.py``) answers with, and the folded titles that person holds,
    found from the light rows of the titles' holders (no evidence read): of the side asked, holding the title
    asked (``_holds``), with the most of the asked words in the title's organisation, then not former, latest
    seen, most prominent, first in the dossier. None when nobody holds it."""
    candidates = title_candidates(rows, titles)
    if not candidates:
        return None
    roles = light_roles(rows, [i for i, _, _ in candidates])
    orgs = names_and_sides(rows, sorted({r[2] for r in roles if r[2]}))
    held: dict[str, list[LightRole]] = {}
    for role in roles:
        held.setdefault(role[0], []).append(role)

    def side(entity: str, own: str | None) -> str | None:  # answers.side_of
        return own or next((orgs[r[2]][1] for r in held.get(entity, []) if r[2] in orgs and orgs[r[2]][1]), None)

    def holds(role: LightRole) -> bool:  # answer_titles._holds
        title = fold_name(role[1])
        if title.startswith(wanted):
            return True
        rest = wanted[len(title) :].split() if title and wanted.startswith(title + " ") else []
        return bool(rest) and role[2] in orgs and set(rest) <= set(fold_name(orgs[role[2]][0]).split())

    asked = set(q.folded.split()) - set(wanted.split()) - set(cues()["stop_words"])

    def org_words(role: LightRole) -> int:
        return len(asked & set(fold_name(orgs[role[2]][0]).split())) if role[2] in orgs else 0

    pairs = [
        (entity, weight, role)
        for entity, own, weight in candidates
        if not q.side or side(entity, own) == q.side
        for role in held.get(entity, [])
        if holds(role)
    ]
    if not pairs:
        return None
    best = max(org_words(r) for _, _, r in pairs)
    pairs = [p for p in pairs if org_words(p[2]) == best]
    pairs.sort(key=lambda p: (not p[2][3], p[2][4] or "", p[1]), reverse=True)
    winner = pairs[0][0]
    return winner, {fold_name(r[1]) for r in held[winner]}


def _heads(want: _Wanted) -> None:
    """``answer_head``: the people whose first head-of-delegation title the rule keeps (they take part in the
    Vietnam–US talks, or that title names a negotiation), and the events of the Vietnam–US talks."""
    prefixes = [fold_name(t) for t in cues()["head_titles"]]
    known, known_en = want.titles()
    heads = [t for t in known if fold_name(t).startswith(tuple(prefixes))]
    heads_en = [e for e in known_en if e and fold_name(e).startswith(tuple(prefixes))]
    first = head_role_titles(want.rows, heads, heads_en)
    talks = talks_participants(want.rows, VN_US_RECIPROCAL) if first else set()
    words = cues()["negotiation_words"]
    kept = [e for e, t in first.items() if e in talks or any(w in fold_name(t) for w in words)]
    want.entities += kept
    want.quoted += kept
    want.where.append(("e.negotiation = ?", [VN_US_RECIPROCAL]))


def question_part(rows: DossierRows, q: Question, kinds: Sequence[str]) -> QuestionIndex:
    """The index the rules ``kinds`` (those a question is tried with, in order) answer ``q`` over."""
    want = _Wanted(rows, q)
    strict = named_people(rows, q, loose=False)
    loose = bool({"met_on", "title_of"} & set(kinds))
    people = strict or (named_people(rows, q, loose=True) if loose else [])
    want.entities += people
    if "title_of" in kinds:  # _titles_of quotes the titles of a person named
        want.quoted += people
    if {"when", "where", "topics", "head_delegation"} & set(kinds):
        _named_event(want, strict)
    if "head_delegation" in kinds:
        _heads(want)
    if {"title_of", "holder"} & set(kinds):
        _title_holders(want)
    if "status" in kinds:  # the talks' rounds and sessions (and every event of a negotiation named)
        cond, params = want.talks()
        want.events(status_types(q), cond, params)
    if "met_on" in kinds and people:
        first = _bare_index(rows, people)
        _met_events(want, [e.id for e in people_in(first, q)[:MET_PEOPLE]])
    if "count_rounds" in kinds:
        cond, params = want.talks()
        kind = "ministerial_session" if q.event_type == "ministerial_session" else "negotiation_round"
        want.events((kind,), cond, params)
    if "tariff_rate" in kinds:
        _tariffs(want)
    events, places = want.read()
    # only the delegations' heads and who met whom are told by the participants' names and titles
    return _index(rows, events, places, want.entities, bool({"head_delegation", "met_on"} & set(kinds)), want.quoted)


def _tariffs(want: _Wanted) -> None:
    """``pick_rate``: the tariff actions of the negotiation asked, else those of the Vietnam–US talks and of none;
    every one only when a third country's goods or a scope is asked (they may lie in any)."""
    q = want.q
    if q.countries or q.scope:
        want.events(("tariff_action",))
    elif q.negotiation:
        want.events(("tariff_action",), "e.negotiation = ?", [q.negotiation])
    else:
        want.events(("tariff_action",), "(e.negotiation IS NULL OR e.negotiation = ?)", [VN_US_RECIPROCAL])


def _bare_index(rows: DossierRows, ids: Sequence[str]) -> QuestionIndex:
    """An index over these entities alone, without their titles: all ``people_in`` ranks people by (their names,
    types and stored prominence)."""
    entities = bare_entities(rows, ids)
    weights = {i: w for i, (_, w) in rows.weights([e.id for e in entities]).items()}
    return QuestionIndex(Dossier([], entities, []), {}, weights)
