"""The corrections pass: editors' corrections, stored as data, applied after the rules on every rebuild.

Each correction finds its event or entity by its anchor (``resolve/anchors.py``), in the order the
corrections were made, and changes the dossier; one whose anchor meets nothing any more is kept and
reported as "orphaned", never dropped. The pass runs at the end of ``build_dossier``, so a full rebuild and
any incremental one apply the same corrections the same way.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from tradetalks.extract.events.summary import event_summaries
from tradetalks.model import Conflict, Correction, Dossier, Entity, Event, Evidence, Participant, Role
from tradetalks.resolve.anchors import Targets
from tradetalks.resolve.correction_values import CHOICES, REQUIRED

__all__ = ["Orphaned", "apply_corrections"]

#: Event attributes a merge fills from the second event (a disagreement is kept as a conflict).
MERGED_FIELDS = ("start", "end", "location", "ordinal", "level", "mode", "time_of_day", "rate", "negotiation")


class Orphaned(Exception):
    """The correction's anchor (or a part of it) no longer meets anything in the dossier."""


def apply_corrections(dossier: Dossier, corrections: Iterable[Correction]) -> Dossier:
    """Rule corrections_after_rules: apply every correction, oldest first, to the dossier the rules built.

    Each comes back in ``dossier.corrections`` with its status ("applied" or "orphaned"), a note on what it
    did, and the ids it touched; the stored corrections are never changed.
    """
    from tradetalks.resolve.correction_entities import ENTITY_HANDLERS

    handlers: dict[tuple[str, str], Callable[[Targets, Correction], None]] = {**EVENT_HANDLERS, **ENTITY_HANDLERS}
    targets = Targets(dossier)
    done: list[Correction] = []
    for stored in sorted(corrections, key=lambda c: (c.id or 0, c.at)):
        c = replace(stored, status="pending", note="", applied_to=[])
        handler = handlers.get((c.kind, c.target))
        try:
            if handler is None:
                raise Orphaned(f"unknown correction {c.kind} of {c.target}")
            handler(targets, c)
            c.status = "applied"
        except Orphaned as exc:
            c.status, c.note = "orphaned", str(exc)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a malformed stored correction
            c.status, c.note = "orphaned", f"cannot be applied: {type(exc).__name__}: {exc}"[:300]
        done.append(c)
    _summarize_again(dossier, done)
    if any(c.status == "applied" for c in done):
        dossier.events.sort(key=lambda ev: ev.start or "9999")  # stable: same-day order kept
    dossier.corrections = done
    return dossier


def _title_at(roles: list[Role], day: str | None) -> Role | None:
    """The title a person held on ``day`` (the latest one held before it, else the latest one known)."""
    held = sorted((r for r in roles if not r.former), key=lambda r: (r.last_seen or "", r.first_seen or ""))
    if day:
        covering = [r for r in held if (r.first_seen or "") <= day and day <= (r.last_seen or "9999")]
        before = [r for r in held if (r.first_seen or "") <= day]
        held = covering or before or held
    return held[-1] if held else None


def _participant_names(ev: Event, entities: dict[str, Entity]) -> tuple[list[str], list[str]]:
    """Participants as a summary names them: "Bộ trưởng Nguyễn Văn A" / "Minister Nguyễn Văn A"."""
    vi: list[str] = []
    en: list[str] = []
    for p in ev.participants:
        entity = entities.get(p.entity)
        name = entity.name if entity is not None else (p.name or p.entity)
        role = _title_at(entity.roles, ev.start) if entity is not None and entity.type == "person" else None
        vi.append(f"{role.title if role else ''} {name}".strip())
        en.append(f"{(role.title_en or '') if role else ''} {name}".strip())
    return vi, en


def _summarize_again(dossier: Dossier, done: list[Correction]) -> None:
    """Rule corrected_event_summarized: an event an editor corrected is summarized again from its corrected
    fields, by the function that summarized it first, so the summary never names a value the editor replaced.

    A round "…, Washington, 12/11/2025" whose location is set to "Hà Nội" -> "…, Hà Nội, 12/11/2025"; a
    summary the editor wrote himself (set_value summary) is kept as written.
    """
    applied = [c for c in done if c.status == "applied" and c.target == "event"]
    touched = {i for c in applied for i in c.applied_to}
    if not touched:
        return
    written: dict[str, dict[str, Any]] = {}
    for c in applied:
        if c.kind == "set_value" and c.attribute in ("summary", "summary_en"):
            for i in c.applied_to:
                written.setdefault(i, {})[c.attribute] = c.value
    entities = {e.id: e for e in dossier.entities}
    for ev in dossier.events:
        if ev.id in touched:
            ev.summary, ev.summary_en = event_summaries(ev, *_participant_names(ev, entities))
            for name, value in written.get(ev.id or "", {}).items():
                setattr(ev, name, value or "")


def target_event(t: Targets, anchor: dict[str, Any] | None) -> Event:
    """The event an anchor meets today, or Orphaned."""
    found = t.event(anchor or {})
    if found is None:
        raise Orphaned("no event holds the reports it was made on any more")
    return found


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 1e-9
        except (TypeError, ValueError):
            return False
    return bool(a == b)


def _decide(ev: Event, field: str, value: Any, reason: str) -> None:
    """Record the editor's choice in every conflict on ``field``."""
    for conflict in ev.conflicts:
        if conflict.field == field:
            conflict.chosen, conflict.reason = value, reason


# --- events -----------------------------------------------------------------------------------


def set_event_value(t: Targets, c: Correction) -> None:
    """Rule set_event_value: the attribute takes the editor's value, whatever the sources say.

    A round the sources date "2025-11-12", set to "2025-11-13" -> start "2025-11-13"; a conflict on start
    keeps every source's value and records the editor's as the one chosen, with the reason.
    """
    ev = target_event(t, c.anchor)
    if c.attribute is None or not hasattr(ev, c.attribute):
        raise Orphaned(f"no event attribute {c.attribute!r}")
    old = getattr(ev, c.attribute)
    setattr(ev, c.attribute, c.value)
    ev.sources.pop(c.attribute, None)
    _decide(ev, c.attribute, c.value, f"set by {c.by}: {c.why}")
    c.applied_to = [ev.id or ""]
    c.note = f"{c.attribute}: {old} → {c.value}"


def _replacement(ev: Event, field: str, wrong: Any) -> Any:
    """Another value the sources gave for ``field`` (the one most sources gave), else None."""
    best: tuple[int, Any] | None = None
    for conflict in ev.conflicts:
        if conflict.field != field:
            continue
        for n, value in enumerate(conflict.values):
            told = len(conflict.evidence[n]) if n < len(conflict.evidence) else 0
            if not _same(value, wrong) and (best is None or told > best[0]):
                best = (told, value)
    if best is not None:
        return best[1]
    if field == "status":
        return next(s for s in CHOICES["status"] if s != wrong)
    return None


def mark_event_wrong(t: Targets, c: Correction) -> None:
    """Rule mark_event_wrong: drop the event, a participant of it, or a wrong value of one of its attributes
    (replaced by another value the sources gave, else emptied).

    Location "Washington" marked wrong, one source saying "Hà Nội" -> location "Hà Nội"; none -> no location;
    status "planned" marked wrong -> "held".
    """
    ev = target_event(t, c.anchor)
    c.applied_to = [ev.id or ""]
    if c.attribute is None:
        t.dossier.events.remove(ev)
        t.drop(ev)
        c.note = "event removed"
    elif c.attribute == "participant":
        entity = t.entity(c.other or {})
        if entity is None:
            raise Orphaned(f"no entity is {c.value} any more")
        kept = [p for p in ev.participants if p.entity != entity.id]
        c.note = f"{entity.name} removed" if len(kept) < len(ev.participants) else f"{entity.name} was not listed"
        ev.participants = kept
    else:
        current = getattr(ev, c.attribute)
        if not _same(current, c.value):
            c.note = f"the sources no longer give {c.attribute} {c.value}: nothing to change"
            return
        instead = _replacement(ev, c.attribute, c.value)
        if instead is None and c.attribute in REQUIRED:
            raise Orphaned(f"no other {c.attribute} is known: set one instead")
        setattr(ev, c.attribute, instead)
        ev.sources.pop(c.attribute, None)
        _decide(ev, c.attribute, instead, f"{c.value} marked wrong by {c.by}: {c.why}")
        c.note = f"{c.attribute} {c.value} marked wrong → {instead}"


def _part(ev: Event, articles: set[str]) -> tuple[list[Evidence], list[Conflict], dict[str, str]]:
    """The evidence, conflicts and attribute sources of an event that come from ``articles``."""
    evidence = [e for e in ev.evidence if e.article in articles]
    conflicts = []
    for conflict in ev.conflicts:
        pairs = [
            (v, [e for e in group if e.article in articles])
            for v, group in zip(conflict.values, conflict.evidence, strict=False)
        ]
        pairs = [(v, g) for v, g in pairs if g]
        if len(pairs) > 1:
            values = [v for v, _ in pairs]
            chosen = conflict.chosen if conflict.chosen in values else values[0]
            conflicts.append(Conflict(conflict.field, values, [g for _, g in pairs], chosen, conflict.reason))
    sources = {f: a for f, a in ev.sources.items() if a in articles}
    return evidence, conflicts, sources


def _participants(dossier: Dossier, ev: Event, articles: set[str]) -> list[Participant]:
    """The participants named in ``articles`` (an entity not in the dossier stays)."""
    mentioned = {e.id: {m.article for m in e.mentions} for e in dossier.entities}
    return [p for p in ev.participants if p.entity not in mentioned or mentioned[p.entity] & articles]


def split_event(t: Targets, c: Correction) -> None:
    """Rule split_event: the reports of the chosen articles leave the event and make a new one.

    A round told by articles a, b, c, split off [c] -> the round told by a, b and a new round told by c, each
    with the participants named in its own articles.
    """
    from tradetalks.resolve.events import event_id

    ev = target_event(t, c.anchor)
    moved = {str(a) for a in c.value or []}
    have = {e.article for e in ev.evidence}
    if not moved & have:
        raise Orphaned("none of its articles reports the event any more")
    if have <= moved:
        c.applied_to, c.note = [ev.id or ""], "every report would leave: nothing split"
        return
    new = copy.deepcopy(ev)
    new.evidence, new.conflicts, new.sources = _part(ev, moved)
    new.participants = _participants(t.dossier, ev, moved)
    ev.evidence, ev.conflicts, ev.sources = _part(ev, have - moved)
    ev.participants = _participants(t.dossier, ev, have - moved)
    taken = {e.id for e in t.dossier.events}
    new.id = event_id(new)
    if new.id in taken:
        new.id = f"{new.id}-c{c.id or 0}"
    t.dossier.events.insert(t.dossier.events.index(ev) + 1, new)
    t.update(ev)
    t.update(new)
    c.applied_to = [ev.id or "", new.id]
    c.note = f"{len(new.evidence)} report(s) moved to a new event"


def merge_events(t: Targets, c: Correction) -> None:
    """Rule merge_events: the second event's reports join the first; a value they disagree on is a conflict
    (the first event's kept).

    A meeting on 2025-11-12 merged with a call undated -> one meeting on 2025-11-12 told by both articles.
    """
    a = target_event(t, c.anchor)
    b = target_event(t, c.other)
    c.applied_to = [a.id or "", b.id or ""]
    if a is b:
        c.note = "already one event"
        return
    own = list(a.evidence)
    seen = {(e.article, e.start, e.end) for e in a.evidence}
    a.evidence += [e for e in b.evidence if (e.article, e.start, e.end) not in seen]
    people = {p.entity for p in a.participants}
    a.participants += [p for p in b.participants if p.entity not in people]
    a.topics += [t for t in b.topics if t not in a.topics]
    for name in MERGED_FIELDS:
        mine, theirs = getattr(a, name), getattr(b, name)
        if mine is None and theirs is not None:
            setattr(a, name, theirs)
            if name in b.sources:
                a.sources[name] = b.sources[name]
        elif theirs is not None and not _same(mine, theirs) and not any(k.field == name for k in a.conflicts):
            a.conflicts.append(
                Conflict(name, [mine, theirs], [own, list(b.evidence)], mine, f"merged by {c.by}: {c.why}")
            )
    t.dossier.events.remove(b)
    t.update(a)
    t.drop(b)
    c.note = f"{b.id} merged into {a.id}"


EVENT_HANDLERS: dict[tuple[str, str], Callable[[Targets, Correction], None]] = {
    ("set_value", "event"): set_event_value,
    ("mark_wrong", "event"): mark_event_wrong,
    ("split", "event"): split_event,
    ("merge", "event"): merge_events,
}


def split_id(prefix: str, parts: Iterable[str]) -> str:
    """A stable id for a record made by a split: from what was split off, never from today's ids."""
    return prefix + hashlib.sha1(("split|" + "|".join(sorted(parts))).encode()).hexdigest()[:10]
