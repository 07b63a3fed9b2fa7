"""Who led a side: at the event a question names, else from the titles of head of delegation held."""

from __future__ import annotations

import re
from functools import lru_cache

from tradetalks.model import VN_US_RECIPROCAL, Entity, Event, Evidence, Role
from tradetalks.serve.answers import Found, named_event, side_of
from tradetalks.serve.index import DossierIndex, fold_name, is_dated
from tradetalks.serve.labels import label
from tradetalks.serve.question import Question, cues
from tradetalks.serve.wording import event_name, person_with_title, when_text


@lru_cache(maxsize=8)
def _told_pattern(side: str) -> re.Pattern[str]:
    """ "đoàn Việt Nam do … dẫn đầu" / "the US delegation was led by …" for one side, over folded text; the name
    is matched after it."""
    words = "|".join(re.escape(w) for w in sorted(cues()["sides"][side], key=len, reverse=True))
    groups = "|".join(re.escape(w) for w in cues()["delegation_words"])
    vi = rf"\b(?:{groups}) (?:{words})\b[^.;]{{0,80}}? do (?P<vi>[^.;]{{1,200}}?) dan dau\b"
    en = rf"\b(?:{words}) delegation (?:was )?(?:led|headed) by (?P<en>[^.;]{{1,120}})"
    return re.compile(f"{vi}|{en}")


def head_told(event: Event, people: list[Entity], side: str) -> Entity | None:
    """Rule head_told: a source sentence that says who led a side's delegation ("Đoàn Việt Nam do Thứ trưởng …
    Trần Quốc Khánh dẫn đầu") names its head, whatever side or title the dossier gives that person."""
    pattern = _told_pattern(side)
    for ev in event.evidence:
        for m in pattern.finditer(fold_name(ev.quote)):
            span = f" {m.group('vi') or m.group('en')} "
            # where each person's name stands in the span: the head stands right before "dẫn đầu", right after "led by"
            at = {p.id: _last_at(span, p) for p in people}
            found = [p for p in people if at[p.id] >= 0]
            if found:
                return max(found, key=lambda p: at[p.id]) if m.group("vi") else min(found, key=lambda p: at[p.id])
    return None


def _last_at(span: str, person: Entity) -> int:
    """Where a person's name last ends in a folded span (-1 when it is not there)."""
    return max((span.rfind(f" {n} ") + len(n) for n in _names(person) if f" {n} " in span), default=-1)


def _names(person: Entity) -> list[str]:
    """A person's folded name and aliases of two words or more."""
    names = [fold_name(n) for n in [person.name, person.name_en or "", *person.aliases]]
    return [n for n in names if " " in n]


def _rank(index: DossierIndex, entity: Entity, date: str | None) -> int:
    """How high a person's title at a date stands in ``head_rank`` (0 = "Trưởng đoàn"); unknown titles last."""
    role = index.role_at(entity, date)
    titles = [fold_name(role.title)] if role else []
    ranks = [n for n, head in enumerate(cues()["head_rank"]) for t in titles if t.startswith(head)]
    return min(ranks, default=len(cues()["head_rank"]))


def event_heads(index: DossierIndex, q: Question) -> Found | None:
    """Who led a side at a named event ("Ai dẫn đầu đoàn Việt Nam tại vòng đàm phán thứ nhất?"): among the
    event's participants, the one a source says led that side (head_told), else the one of that side whose title
    then ranks highest."""
    if q.ordinal is None and not q.latest and q.kind is None:
        return None
    event = named_event(index, q)
    if event is None:
        return None
    heads: list[tuple[str, Entity]] = []
    everyone = _people_of(index, event)
    for side in [q.side] if q.side else ["VN", "US", "other"]:
        told = head_told(event, everyone, side)
        people = [e for e in everyone if _own_side(index, e, event) == side]
        if told is not None:
            heads.append((side, told))
        elif people:
            heads.append((side, min(people, key=lambda e: (_rank(index, e, event.start), -index.weight(e.id)))))
    if not heads:
        return None
    # the asked value leads: who, then whose side, then the event
    vi = "; ".join(f"{person_with_title(index, e, event.start, 'vi')} ({label('vi', 'side.' + s)})" for s, e in heads)
    en = "; ".join(f"{person_with_title(index, e, event.start, 'en')} ({label('en', 'side.' + s)})" for s, e in heads)
    return Found(
        f"{vi}: trưởng đoàn tại {event_name(event, 'vi').lower()}{_when_suffix(event, 'vi')}.",
        f"{en}: head of delegation at {event_name(event, 'en').lower()}{_when_suffix(event, 'en')}.",
        event.evidence,
        {"entities": [e.id for _, e in heads], "events": [event.id]},
        [fold_name(e.name).split(" ")[-1] for _, e in heads],
    )


def _when_suffix(event: Event, lang: str) -> str:
    """ " (ngày 25/11/2025)" when the event is dated, else nothing."""
    return f" ({when_text(event, lang)})" if is_dated(event.start) else ""


def _people_of(index: DossierIndex, event: Event) -> list[Entity]:
    """The people taking part in an event, as entities."""
    found = [index.entity_by_id.get(p.entity) for p in event.participants]
    return [e for e in found if e is not None and e.type == "person"]


def _own_side(index: DossierIndex, person: Entity, event: Event) -> str | None:
    """Rule head_side: the side a person leads at an event is the person's own (theirs, else that of the
    organisation of a title they hold), else the side the event gives them: a Chinese vice-premier heads the
    Chinese side whatever one report's sentence made of him."""
    own = side_of(index, person)
    return own or next((p.side for p in event.participants if p.entity == person.id), None)


def answer_head(index: DossierIndex, q: Question) -> Found | None:
    """Who leads the Vietnamese / US delegation: at the event the question names, else from the titles held."""
    at_event = event_heads(index, q)
    if at_event is not None:
        return at_event
    heads: list[tuple[Entity, Role]] = []
    prefixes = [fold_name(t) for t in cues()["head_titles"]]
    for entity in index.dossier.entities:
        if entity.type != "person" or (q.side and side_of(index, entity) not in (q.side, None)):
            continue
        for role in entity.roles:
            titles = (fold_name(role.title), fold_name(role.title_en or ""))
            if any(t.startswith(p) for t in titles for p in prefixes):
                heads.append((entity, role))
                break
    if q.side:
        heads = [(e, r) for e, r in heads if side_of(index, e) == q.side]
    words = cues()["negotiation_words"]
    talks = {p.entity for ev in index.events if ev.negotiation == VN_US_RECIPROCAL for p in ev.participants}
    heads = [(e, r) for e, r in heads if e.id in talks or any(w in fold_name(r.title) for w in words)]
    if not heads:
        return _heads_named(index, q)
    heads.sort(key=lambda er: -index.weight(er[0].id))
    heads = heads[:3]
    vi = "; ".join(f"{person_with_title(index, e, None, 'vi')} ({r.title})" for e, r in heads)
    en = "; ".join(f"{e.name_en or e.name} ({r.title_en or r.title})" for e, r in heads)
    side_vi = f" của {label('vi', 'side.' + q.side)}" if q.side else ""
    side_en = f" of {label('en', 'side.' + q.side)}" if q.side else ""
    evidence = [ev for _, r in heads for ev in r.evidence]
    return Found(
        f"Trưởng đoàn{side_vi}: {vi}.",
        f"Head of delegation{side_en}: {en}.",
        evidence,
        {"entities": [e.id for e, _ in heads]},
    )


def _heads_named(index: DossierIndex, q: Question) -> Found | None:
    """Rule head_named: with no head title known, the participant of the talks whom their sources call head of
    delegation right before the name ("Trưởng đoàn đàm phán Chính phủ Nguyễn Hồng Diên"; a "Phó trưởng đoàn" is
    a deputy), most often called so."""
    prefixes = "|".join(re.escape(fold_name(t)) for t in cues()["head_titles"])
    count: dict[str, list[Evidence]] = {}
    for event in (e for e in index.events if e.negotiation == VN_US_RECIPROCAL):
        people = [p for p in _people_of(index, event) if not q.side or side_of(index, p) == q.side]
        for ev in event.evidence:
            folded = fold_name(ev.quote)
            for person in people:
                names = "|".join(re.escape(n) for n in _names(person))
                if names and re.search(rf"(?<!pho )\b(?:{prefixes})\b[^.;]{{0,40}}? (?:{names})\b", folded):
                    count.setdefault(person.id, []).append(ev)
    if not count:
        return None
    head = max(count, key=lambda i: (len(count[i]), index.weight(i)))
    entity = index.entity_by_id[head]
    return Found(
        f"{person_with_title(index, entity, None, 'vi')}: trưởng đoàn, theo các nguồn.",
        f"{person_with_title(index, entity, None, 'en')}: head of delegation, as the sources call them.",
        count[head],
        {"entities": [head]},
    )
