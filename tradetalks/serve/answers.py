"""One answering rule per kind of question; each returns a ``Found`` with the evidence, or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tradetalks.event_types import event_types, types_where
from tradetalks.model import VN_US_RECIPROCAL, Entity, Event, Evidence
from tradetalks.serve.index import DossierIndex, fold_name, is_dated
from tradetalks.serve.labels import label
from tradetalks.serve.question import Question, cues, has_phrase
from tradetalks.serve.wording import event_name, person_with_title, when_text

#: Events people take part in: encounters and the rounds and sessions of a negotiation.
MEETING_TYPES = types_where("encounter") + types_where("series")


@dataclass(slots=True)
class Found:
    """An answer found in the dossier: Vietnamese and English text, the evidence, extra JSON fields."""

    vi: str
    en: str
    evidence: list[Evidence]
    extra: dict[str, Any] = field(default_factory=dict)
    prefer: list[str] = field(default_factory=list)  # folded words a quote should hold to be cited first


# --- lookups -------------------------------------------------------------------------------------------
def talks(index: DossierIndex, types: tuple[str, ...], negotiation: str | None = None) -> list[Event]:
    """Events of these types in date order: only the named negotiation's when one is named, else the
    Vietnam–US talks first, then events of no known negotiation, then the others."""
    events = sorted((e for e in index.events if e.type in types), key=index.event_order)
    if negotiation is not None:
        return [e for e in events if e.negotiation == negotiation]
    rank = {VN_US_RECIPROCAL: 0, None: 1}
    return sorted(events, key=lambda e: rank.get(e.negotiation, 2))


def default_talks(event: Event, q: Question) -> bool:
    """Whether an event belongs to the talks a question is about (the named negotiation, else Vietnam–US)."""
    return event.negotiation == q.negotiation if q.negotiation else event.negotiation in (None, VN_US_RECIPROCAL)


def next_event(index: DossierIndex, q: Question, kinds: tuple[str, ...]) -> Event | None:
    """Rule next_planned: "the next round" is the first planned one after the latest held, in the talks asked
    about (a round planned before a later one was held is no longer next)."""
    events = [e for e in talks(index, kinds, q.negotiation) if default_talks(e, q)]
    held = [index.event_order(e) for e in events if e.status == "held" and is_dated(e.start)]
    after = max(held, default=("",))
    planned = [e for e in events if e.status == "planned" and is_dated(e.start) and index.event_order(e) > after]
    return min(planned, key=index.event_order, default=None)


def ordinal_event(index: DossierIndex, q: Question) -> Event | None:
    """The event a question names by number: "vòng thứ 5", "phiên cấp Bộ trưởng thứ 8", "the 5th round"."""
    if q.ordinal is None and not ((q.latest or q.following) and q.event_type):
        return None
    series = types_where("series")
    kinds = (q.event_type,) if q.event_type in series else series
    if q.ordinal is None and q.following:
        return next_event(index, q, kinds)
    for kind in kinds:
        if q.ordinal is None:
            held = [e for e in talks(index, (kind,), q.negotiation) if e.status == "held" and default_talks(e, q)]
            if held:
                return max(held, key=lambda e: (e.ordinal or 0, index.event_order(e)))
            continue
        # a number counts within the talks asked about: round 5 of another negotiation is no answer
        numbered = [e for e in talks(index, (kind,), q.negotiation) if e.ordinal == q.ordinal and default_talks(e, q)]
        if numbered:
            rank = {VN_US_RECIPROCAL: 0, None: 1}
            return min(
                numbered,
                key=lambda e: (
                    rank.get(e.negotiation, 2),
                    not is_dated(e.start),
                    -len({v.article for v in e.evidence}),
                ),
            )
    return None


KIND_TYPES: dict[str, tuple[str, ...]] = {
    "agreement": ("agreement",),
    "call": ("call",),
    "meeting": ("meeting", "call", "roundtable", "ministerial_session"),
}


def named_types(q: Question, people: bool) -> tuple[str, ...]:
    """The event types a question naming no number looks among: those of the kind it names, else (rule
    talks_event: "Việt Nam và Mercosur khởi động đàm phán khi nào?") every type of the negotiation it names, else
    (rule people_event: "What did Tô Lâm and Trump discuss?") the encounters of the ``people`` it names."""
    if q.kind is not None:
        return KIND_TYPES[q.kind]
    if q.ordinal is not None or q.latest or q.following:
        return ()
    if q.negotiation:
        return tuple(event_types())
    return KIND_TYPES["meeting"] if people else ()


def named_event(index: DossierIndex, q: Question, wanted: Callable[[Event], bool] | None = None) -> Event | None:
    """The event a question names: by number ("vòng thứ 5"), else by kind and the question's words
    ("Tuyên bố chung được công bố khi nào?": the agreement whose sources say "tuyên bố chung"); of those, the
    ones that hold what is asked (``wanted``: a place for "where") when any does."""
    event = ordinal_event(index, q)
    people = {p.id for p in people_in(index, q, loose=False)}
    types = named_types(q, bool(people))
    if event is not None or not types:
        return event
    every = talks(index, types, q.negotiation)
    events = [e for e in every if default_talks(e, q)]
    if people:
        # rule people_pin_event: the people named together pin their event down, in other talks too ("When did
        # Trump and Modi speak by phone?") when the talks asked about have none with them all
        events = (
            [e for e in events if people <= {p.entity for p in e.participants}]
            or [e for e in every if people <= {p.entity for p in e.participants} and len(people) > 1]
            or [e for e in events if people & {p.entity for p in e.participants}]
        )
    if q.date:
        events = [e for e in events if same_day(e, q.date)]
    if wanted is not None:  # rule place_asked: "ở đâu?" is answered by an event that has a place
        events = [e for e in events if wanted(e)] or events
    if not events:
        return None
    stop = set(cues()["stop_words"])
    words = [w for w in q.folded.split() if w not in stop and len(w) > 1]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]

    day = any(has_phrase(q.folded, w) for w in cues()["day_words"])

    def fit(event: Event) -> tuple[bool, bool, bool, int, bool, int]:
        quotes = " ".join(f" {fold_name(v.quote)} " for v in event.evidence)
        told = sum(f" {p} " in quotes for p in pairs)
        # rule day_asked: "ký ngày nào?" is answered by the event the words fit that is dated to the day
        by_day = day and len(event.start or "") == 10 and is_dated(event.start)
        # rule own_kind: "hội đàm" asks for a meeting before a call the same people had
        own = q.kind is not None and event.type == types[0]
        return told > 0, by_day, own, told, is_dated(event.start), len({v.article for v in event.evidence})

    return max(events, key=fit)


def people_in(index: DossierIndex, q: Question, loose: bool = True) -> list[Entity]:
    """People named in the question by full name or alias (longest first), else (``loose``) by a last name."""
    words = q.folded.split()
    stop = set(cues()["stop_words"])
    capitalised = {fold_name(w) for w in q.text.split() if w[:1].isupper()} - stop
    found: list[Entity] = []
    taken: set[int] = set()  # rule every_name: each person named, the longest name first ("Tô Lâm … Trump")
    for size in range(min(8, len(words)), 0, -1):
        for at in range(len(words) - size + 1):
            key = " ".join(words[at : at + size])
            if taken & set(range(at, at + size)) or len(key) < 3 or (size == 1 and key not in capitalised):
                continue
            people = [index.entity_by_id[i] for i in index._names.get(key, [])]
            people = [e for e in people if e.type == "person"]
            if people:
                found.extend(people)
                taken |= set(range(at, at + size))
    if not found and loose:
        wanted = {w for w in capitalised if len(w) >= 3}
        for entity in index.dossier.entities:
            last = fold_name(entity.name).split()[-1:] if entity.type == "person" else []
            if last and last[0] in wanted:
                found.append(entity)
    unique = list({e.id: e for e in found}.values())
    return sorted(unique, key=lambda e: -index.weight(e.id))


def same_day(event: Event, date: str) -> bool:
    """Whether an event covers a date: "--11-12" matches any year, and "XXXX-11-12" (year unknown) any date 11-12;
    a month asked ("2026-02") is met by an event whose dates (a day or a month) fall in it."""
    if is_month(date):
        return in_month(event, date)
    return covers_day(event.start, event.end, date)


def covers_day(start: str | None, end: str | None, date: str) -> bool:
    """``same_day`` of a day asked over an event's start and end alone (no event decoded): "XXXX-07-03" covers
    "--07-03"."""
    if not start or len(start) < 10:
        return False
    first = start
    last = end if end and len(end) >= 10 and end[:4] == first[:4] else first
    if date.startswith("--") or not first[:4].isdigit():
        return first[4:10] <= date[-6:] <= last[4:10]
    return first[:10] <= date <= last[:10]


def is_month(date: str) -> bool:
    """Whether a date asked is a month of a year ("2026-02"), not a day ("--11-12" is the 12th of November)."""
    return len(date) == 7 and date[:4].isdigit() and date[4] == "-"


def in_month(event: Event, month: str) -> bool:
    """Rule month_asked: whether an event known to the month or the day lies in the month "2026-02"."""
    if not event.start or len(event.start) < 7 or not event.start[:4].isdigit():
        return False
    last = event.end if event.end and len(event.end) >= 7 and event.end[:4].isdigit() else event.start
    return event.start[:7] <= month <= last[:7]


def side_of(index: DossierIndex, entity: Entity) -> str | None:
    """An entity's side, else the side of the organisation of one of its roles."""
    if entity.side:
        return entity.side
    for role in entity.roles:
        org = index.entity_by_id.get(role.organization or "")
        if org and org.side:
            return org.side
    return None


def event_words(event: Event) -> list[str]:
    """Words that make a quote a good citation for an event: its number, day and place."""
    words = [f"thu {event.ordinal}", f"lan thu {event.ordinal}"] if event.ordinal else []
    if event.start and is_dated(event.start) and len(event.start) == 10:
        words.append(f"{int(event.start[8:10])}")
    if event.location:
        words.append(fold_name(event.location).split(" ")[0])
    return words


# --- handlers ------------------------------------------------------------------------------------------
def answer_when(index: DossierIndex, q: Question) -> Found | None:
    """When was round N: its dates (and part of day), place and status."""
    event = named_event(index, q)
    if event is None:
        return None
    place = (event.location or "").rstrip(". ")
    place_vi = f" tại {place}" if place else ""
    place_en = f" in {place}" if place else ""
    if event.start and event.start.startswith("XXXX"):
        vi = f"{event_name(event, 'vi')} diễn ra {when_text(event, 'vi')} (các nguồn không nêu năm){place_vi}."
        en = f"{event_name(event, 'en')} took place {when_text(event, 'en')} (the sources give no year){place_en}."
    elif not is_dated(event.start):
        if place:  # what is known leads: the event and its place, then that no date is given
            vi = f"{event_name(event, 'vi')} diễn ra{place_vi}; các nguồn chưa cho biết ngày."
            en = f"{event_name(event, 'en')} was held{place_en}; the sources give no date."
        else:
            vi = f"Các nguồn nhắc đến {event_name(event, 'vi').lower()} nhưng chưa cho biết ngày."
            en = f"The sources mention {event_name(event, 'en').lower()} but give no date."
    else:
        verb_vi, verb_en = ("dự kiến diễn ra", "is planned") if event.status == "planned" else ("diễn ra", "took place")
        vi = f"{event_name(event, 'vi')} {verb_vi} {when_text(event, 'vi')}{place_vi}."
        en = f"{event_name(event, 'en')} {verb_en} {when_text(event, 'en')}{place_en}."
    return Found(
        vi, en, event.evidence, {"events": [event.id], "start": event.start, "end": event.end}, event_words(event)
    )


def answer_where(index: DossierIndex, q: Question) -> Found | None:
    """Where was round N held."""
    event = named_event(index, q, lambda e: bool(e.location))
    if event is None or not event.location:
        return None
    place = event.location.rstrip(". ")
    when_vi = f" ({when_text(event, 'vi')})" if is_dated(event.start) else ""
    when_en = f" ({when_text(event, 'en')})" if is_dated(event.start) else ""
    vi = f"{event_name(event, 'vi')} diễn ra tại {place}{when_vi}."
    en = f"{event_name(event, 'en')} was held in {place}{when_en}."
    return Found(vi, en, event.evidence, {"events": [event.id], "location": event.location}, event_words(event))


def answer_topics(index: DossierIndex, q: Question) -> Found | None:
    """Which topics were discussed at round N."""
    event = named_event(index, q)
    if event is None or not event.topics:
        return None
    vi = f"{event_name(event, 'vi')} bàn về: " + ", ".join(label("vi", f"topic.{t}") for t in event.topics) + "."
    en = f"{event_name(event, 'en')} covered: " + ", ".join(label("en", f"topic.{t}") for t in event.topics) + "."
    return Found(vi, en, event.evidence, {"events": [event.id], "topics": list(event.topics)}, event_words(event))


def answer_met(index: DossierIndex, q: Question) -> Found | None:
    """Who did X meet (on DATE): the other participants of X's meetings, calls and sessions."""
    events: list[Event] = []
    for person in people_in(index, q)[:10]:
        types = KIND_TYPES["call"] if q.kind == "call" else MEETING_TYPES
        events = [e for e in talks(index, types, q.negotiation) if person.id in {p.entity for p in e.participants}]
        if q.date:
            events = [e for e in events if same_day(e, q.date)]
        if events:
            break
    if not events:
        return None
    lines_vi, lines_en, evidence = [], [], []
    for event in events[:5]:
        own = next((p.side for p in event.participants if p.entity == person.id), None)
        others = [
            index.entity_by_id[p.entity]
            for p in event.participants
            if p.entity != person.id and p.entity in index.entity_by_id and (own is None or p.side != own)
        ]
        names_vi = ", ".join(person_with_title(index, o, event.start, "vi") for o in others) or label("vi", "unknown")
        names_en = ", ".join(person_with_title(index, o, event.start, "en") for o in others) or label("en", "unknown")
        # who was met leads, then the kind of encounter and its day
        lines_vi.append(f"{names_vi} ({label('vi', 'type.' + event.type).lower()}, {when_text(event, 'vi')})")
        lines_en.append(f"{names_en} ({label('en', 'type.' + event.type).lower()}, {when_text(event, 'en')})")
        evidence.extend(event.evidence)
    vi = "; ".join(lines_vi) + f" (gặp gỡ, trao đổi với {person.name})."
    en = "; ".join(lines_en) + f" (meetings and calls of {person.name_en or person.name})."
    return Found(vi, en, evidence, {"entities": [person.id], "events": [e.id for e in events[:5]]})


def answer_count(index: DossierIndex, q: Question) -> Found | None:
    """How many rounds (or ministerial sessions) have been held."""
    kind = "ministerial_session" if q.event_type == "ministerial_session" else "negotiation_round"
    held = [e for e in talks(index, (kind,), q.negotiation) if e.status == "held" and default_talks(e, q)]
    if not held:
        return None
    count = max([len(held), *(e.ordinal or 0 for e in held)])
    latest = max(held, key=lambda e: (e.ordinal or 0, index.event_order(e)))
    name_vi, name_en = label("vi", f"type.{kind}").lower(), label("en", f"type.{kind}").lower()
    last_vi, last_en = event_name(latest, "vi").lower(), event_name(latest, "en").lower()
    when_vi = f" ({when_text(latest, 'vi')})" if is_dated(latest.start) else ""
    when_en = f" ({when_text(latest, 'en')})" if is_dated(latest.start) else ""
    vi = f"Đã diễn ra {count} {name_vi}; gần nhất là {last_vi}{when_vi}."
    en = f"{count} {name_en}s have been held; the latest is {last_en}{when_en}."
    return Found(vi, en, latest.evidence, {"events": [e.id for e in held], "count": count})
