"""Anchors: how a correction names its event or entity so that it is found again after the rules change.

Event and entity ids are derived from what the rules produce (dates, chosen names, first evidence), so they
change when the rules do. An anchor holds what does not: the reports of an event (article id, offsets and
quote of each piece of evidence) and the names of an entity (folded: lower case, no diacritics) with some of
its mentions. At apply time the anchor is matched against the dossier of the day; the best match wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from tradetalks.model import Dossier, Entity, Event
from tradetalks.resolve.names import fold_text

#: At most this many pieces of evidence (or mentions) are kept in an anchor.
MAX_ANCHOR_ITEMS = 40
#: Weights of the ways an entity anchor can meet an entity.
NAME_WEIGHT = 3
ALIAS_WEIGHT = 1
MENTION_WEIGHT = 1


def event_anchor(ev: Event, articles: Sequence[str] | None = None) -> dict[str, Any]:
    """The reports of an event (those of ``articles`` when given) as an anchor.

    ``Event("meeting", [Evidence("a1", 10, 30, "gặp ông Switzer")])`` ->
    ``{"type": "meeting", "evidence": [{"article": "a1", "start": 10, "end": 30, "quote": "gặp ông Switzer"}]}``
    """
    chosen = [e for e in ev.evidence if articles is None or e.article in articles]
    return {
        "type": ev.type,
        "evidence": [
            {"article": e.article, "start": e.start, "end": e.end, "quote": e.quote} for e in chosen[:MAX_ANCHOR_ITEMS]
        ],
    }


def entity_anchor(entity: Entity) -> dict[str, Any]:
    """An entity's folded name and aliases and its first mentions as an anchor.

    ``Entity("p-1", "person", "Nguyễn Hồng Diên", aliases=["Diên"])`` ->
    ``{"type": "person", "name": "nguyen hong dien", "aliases": ["dien"], "mentions": []}``
    """
    return {
        "type": entity.type,
        "name": fold_text(entity.name),
        "aliases": sorted({fold_text(a) for a in entity.aliases} - {fold_text(entity.name)}),
        "mentions": [[m.article, m.start, m.end] for m in entity.mentions[:MAX_ANCHOR_ITEMS]],
    }


def _overlaps(a: dict[str, Any], start: int, end: int, quote: str) -> bool:
    """Rule evidence_meets_anchor: same article and overlapping spans, or the same quoted words.

    A re-extraction may widen or narrow a span ("gặp ông Switzer" -> "Diên gặp ông Switzer"): still a match.
    """
    if int(a["start"]) < end and start < int(a["end"]):
        return True
    return bool(a.get("quote")) and (a["quote"] in quote or quote in a["quote"])


def find_event(events: Sequence[Event], anchor: dict[str, Any]) -> Event | None:
    """The event holding most of the anchor's evidence (same type first on a tie); None when none holds any."""
    wanted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in anchor.get("evidence", []):
        wanted[str(a["article"])].append(a)
    best: tuple[int, int, int] | None = None
    found: Event | None = None
    for n, ev in enumerate(events):
        hits = 0
        for e in ev.evidence:
            near = wanted.get(e.article)
            if near and any(_overlaps(a, e.start, e.end, e.quote) for a in near):
                hits += 1
        if not hits:
            continue
        key = (hits, int(ev.type == anchor.get("type")), -n)
        if best is None or key > best:
            best, found = key, ev
    return found


def entity_score(entity: Entity, anchor: dict[str, Any]) -> int:
    """How well an entity meets an anchor: its name, its aliases and its mentions (weighted)."""
    if anchor.get("type") and entity.type != anchor["type"]:
        return 0
    names = {fold_text(entity.name)}
    aliases = {fold_text(a) for a in entity.aliases}
    wanted = {anchor.get("name", "")} | set(anchor.get("aliases", []))
    score = NAME_WEIGHT * (anchor.get("name") in names) + ALIAS_WEIGHT * len(wanted & (names | aliases))
    spans = {(m.article, m.start) for m in entity.mentions}
    score += MENTION_WEIGHT * sum(1 for m in anchor.get("mentions", []) if (m[0], m[1]) in spans)
    return score


def find_entity(entities: Sequence[Entity], anchor: dict[str, Any]) -> Entity | None:
    """The entity meeting the anchor best (None when none meets it at all)."""
    best: tuple[int, int] | None = None
    found: Entity | None = None
    for n, entity in enumerate(entities):
        score = entity_score(entity, anchor)
        if score and (best is None or (score, -n) > best):
            best, found = (score, -n), entity
    return found


class Targets:
    """A dossier's events and entities looked up by what anchors hold (article ids, folded names, mentions),
    so that finding a correction's target costs what the anchor touches, not the whole dossier. A correction
    that changes which reports or names a record has tells the lookup (``update``, ``drop``)."""

    def __init__(self, dossier: Dossier):
        self.dossier = dossier
        self._keys: dict[int, set[str]] = {}  # id(record) -> the keys it is filed under
        self._filed: dict[str, dict[int, Event | Entity]] = defaultdict(dict)  # key -> records, in filing order
        self._seq: dict[int, int] = {}
        self._built: set[str] = set()

    @staticmethod
    def keys(record: Event | Entity) -> set[str]:
        """What an event (its articles) or an entity (folded names, mention places) is filed under."""
        if isinstance(record, Event):
            return {f"a|{e.article}" for e in record.evidence}
        keys = {f"n|{fold_text(record.name)}", *(f"n|{fold_text(a)}" for a in record.aliases)}
        return keys | {f"m|{m.article}:{m.start}" for m in record.mentions}

    def _build(self, kind: str) -> None:
        """File every event (or every entity) the first time one is looked for."""
        if kind not in self._built:
            self._built.add(kind)
            records: list[Event] | list[Entity] = self.dossier.events if kind == "event" else self.dossier.entities
            for record in records:
                if id(record) not in self._keys:
                    self.update(record)

    def update(self, record: Event | Entity) -> None:
        """File a new or changed record under its keys of now."""
        self.drop(record)
        key = id(record)
        self._seq.setdefault(key, len(self._seq))
        self._keys[key] = self.keys(record)
        for k in self._keys[key]:
            self._filed[k][key] = record

    def drop(self, record: Event | Entity) -> None:
        """Forget a record (removed, or about to be filed again)."""
        for k in self._keys.pop(id(record), ()):
            self._filed[k].pop(id(record), None)

    def _candidates(self, keys: set[str], kind: str) -> list[Any]:
        self._build(kind)
        found = {n: r for k in keys for n, r in self._filed.get(k, {}).items()}
        return [found[n] for n in sorted(found, key=lambda n: self._seq[n])]

    def event(self, anchor: dict[str, Any]) -> Event | None:
        """The event an anchor meets best (as ``find_event`` over every event would find it)."""
        keys = {f"a|{a['article']}" for a in anchor.get("evidence", [])}
        return find_event(self._candidates(keys, "event"), anchor)

    def entity(self, anchor: dict[str, Any]) -> Entity | None:
        """The entity an anchor meets best (as ``find_entity`` over every entity would find it)."""
        keys = {f"n|{anchor.get('name', '')}", *(f"n|{a}" for a in anchor.get("aliases", []))}
        keys |= {f"m|{m[0]}:{m[1]}" for m in anchor.get("mentions", [])}
        return find_entity(self._candidates(keys, "entity"), anchor)
