"""A read-only view of one dossier: lookups by id and name, and JSON-able views of events."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property
from typing import Any

from tradetalks.keys import TIME_OF_DAY_ORDER, date_ceiling, date_floor, fold_name, is_dated
from tradetalks.model import Dossier, Entity, Event, Participant, Role
from tradetalks.serve.labels import label

__all__ = [
    "TIME_OF_DAY_ORDER",
    "DossierIndex",
    "date_ceiling",
    "date_floor",
    "fold_name",
    "is_dated",
]

_HOST = re.compile(r"^https?://(?:www\.)?([^/:?#]+)", re.IGNORECASE)


class DossierIndex:
    """Lookups over a dossier; built once per dossier and shared by the CLI, the API and the web page."""

    def __init__(
        self, dossier: Dossier, places: dict[str, int] | None = None, mention_counts: dict[str, int] | None = None
    ):
        """``places``: each event's place in the whole dossier, when ``dossier`` holds only some of its events;
        ``mention_counts``: each entity's mentions, when its entities were loaded without them."""
        self.dossier = dossier
        self._mention_counts = mention_counts
        for n, event in enumerate(dossier.events):
            if not event.id:
                event.id = f"ev{n + 1}"
        self.events: list[Event] = list(dossier.events)
        self.event_by_id: dict[str, Event] = {e.id or "": e for e in self.events}
        self._place: dict[str, int] = (
            places if places is not None else {e.id or "": n for n, e in enumerate(self.events)}
        )
        self.entity_by_id: dict[str, Entity] = {e.id: e for e in dossier.entities}
        self.article_by_id = {a.id: a for a in dossier.articles}
        self.events_by_entity: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for p in {p.entity for p in event.participants}:
                self.events_by_entity[p].append(event)

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        """Per folded name key (name, English name, alias): the entities it names, in dossier order; built at the
        first look-up by name (a timeline never folds a name)."""
        names: dict[str, list[str]] = defaultdict(list)
        for entity in self.dossier.entities:
            for name in {entity.name, entity.name_en or "", *entity.aliases}:
                key = fold_name(name)
                if key and entity.id not in names[key]:
                    names[key].append(entity.id)
        return names

    @cached_property
    def _name_keys(self) -> list[str]:
        return list(self._names)

    @cached_property
    def spans_by_article(self) -> dict[str, list[tuple[int, int, str, str]]]:
        """Per article: (start, end, kind, note) of every entity mention and event evidence in the dossier,
        so that an article's page looks up its own spans instead of scanning the whole dossier."""
        out: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for entity in self.dossier.entities:
            for m in entity.mentions:
                out[m.article].append((m.start, m.end, entity.type, entity.name))
        for event in self.events:
            for v in event.evidence:
                out[v.article].append((v.start, v.end, "evidence", event.type))
        return dict(out)

    @cached_property
    def events_by_article(self) -> dict[str, list[Event]]:
        """Per article: the events it is a source of, in dossier order."""
        out: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for article in dict.fromkeys(v.article for v in event.evidence):
                out[article].append(event)
        return dict(out)

    def event_order(self, event: Event) -> tuple[str, int, int, int]:
        """Date order, then part of day, then ordinal, then the event's place in the dossier (resolution puts
        events of one date in the order their sources tell them): each event has one stable place."""
        return (
            date_floor(event.start) if event.start and is_dated(event.start) else "9999",
            TIME_OF_DAY_ORDER.get(event.time_of_day, 0),
            event.ordinal or 0,
            self._place.get(event.id or "", len(self._place)),
        )

    # entities -------------------------------------------------------------
    def entity_name(self, entity_id: str | None) -> str | None:
        """The display name of an entity id (None for None, the id itself when unknown)."""
        if entity_id is None:
            return None
        entity = self.entity_by_id.get(entity_id)
        return entity.name if entity else entity_id

    def find_entities(self, name: str, limit: int = 5) -> list[Entity]:
        """Entities named ``name`` (accent-insensitive, aliases), else the nearest spellings."""
        key = fold_name(name)[:200]
        if not key:
            return []
        found: list[str] = list(self._names.get(key, []))
        if not found:
            tokens = set(key.split())
            for other in self._name_keys:
                if tokens <= set(other.split()):
                    found.extend(i for i in self._names[other] if i not in found)
        if not found:
            from rapidfuzz import fuzz, process  # near spellings only: its import is not paid by every read

            for other, _, _ in process.extract(key, self._name_keys, scorer=fuzz.ratio, score_cutoff=82, limit=limit):
                found.extend(i for i in self._names[other] if i not in found)
        people_first = sorted(found, key=lambda i: (self.entity_by_id[i].type != "person", -self.weight(i)))
        return [self.entity_by_id[i] for i in people_first[:limit]]

    def weight(self, entity_id: str) -> int:
        """How prominent an entity is: its mentions plus its events."""
        entity = self.entity_by_id.get(entity_id)
        if self._mention_counts is not None:
            mentions = self._mention_counts.get(entity_id, 0)
        else:
            mentions = len(entity.mentions) if entity else 0
        return mentions + len(self.events_by_entity.get(entity_id, []))

    def role_at(self, entity: Entity, date: str | None) -> Role | None:
        """The title an entity held on a date: the role whose seen-span covers it, else the latest one."""
        roles = [r for r in entity.roles if not r.former] or entity.roles  # a past title only when nothing else
        if not roles:
            return None
        if date and is_dated(date):
            day = date_floor(date)
            covering = [r for r in roles if (r.first_seen or "") <= day <= date_ceiling(r.last_seen or "9999")]
            if covering:
                return covering[-1]
        return max(roles, key=lambda r: (r.last_seen or "", r.first_seen or ""))

    def role_view(self, role: Role) -> dict[str, Any]:
        """A role as JSON: title, English title, organisation name and id, first and last seen, sources."""
        return {
            "title": role.title,
            "title_en": role.title_en,
            "organization": self.entity_name(role.organization),
            "organization_id": role.organization,
            "first_seen": role.first_seen,
            "last_seen": role.last_seen,
            "sources": self.evidence_view(role.evidence),
        }

    def participant_view(self, participant: Participant, date: str | None) -> dict[str, Any]:
        """A participant as JSON, with the title held on the event's date."""
        entity = self.entity_by_id.get(participant.entity)
        role = self.role_at(entity, date) if entity else None
        return {
            "id": participant.entity,
            "name": entity.name if entity else participant.name or participant.entity,
            "name_en": entity.name_en if entity else None,
            "type": entity.type if entity else None,
            "side": participant.side or (entity.side if entity else None),
            "title": role.title if role else None,
            "title_en": role.title_en if role else None,
            "organization": self.entity_name(role.organization) if role else None,
        }

    # sources --------------------------------------------------------------
    def article_label(self, article_id: str) -> str:
        """What names an article for a reader: its title, else its outlet, else its file or URL, else its id."""
        record = self.article_by_id.get(article_id)
        if record is None:
            return article_id
        where = (record.url or record.source or "").rstrip("/")
        return record.title or record.outlet or where.rsplit("/", 1)[-1] or article_id

    def outlet_label(self, article_id: str) -> str | None:
        """Who published an article: its outlet, else its web site's host without "www." ("dantri.com.vn")."""
        record = self.article_by_id.get(article_id)
        if record is None:
            return None
        if record.outlet:
            return record.outlet
        host = _HOST.match(record.url or "")
        return host.group(1).lower() if host else None

    def evidence_view(self, evidence: list[Any]) -> list[dict[str, Any]]:
        """Evidence grouped by article: outlet, title, url, published and the quoted sentences."""
        by_article: dict[str, dict[str, Any]] = {}
        for ev in evidence:
            item = by_article.get(ev.article)
            if item is None:
                record = self.article_by_id.get(ev.article)
                item = by_article[ev.article] = {
                    "article": ev.article,
                    "title": record.title if record else None,
                    "label": self.article_label(ev.article),
                    "outlet": record.outlet if record else None,
                    "outlet_label": self.outlet_label(ev.article),
                    "url": record.url if record else None,
                    "published": record.published if record else None,
                    "duplicate_of": record.duplicate_of if record else None,
                    "quote": ev.quote,
                    "quotes": [],
                }
            item["quotes"].append({"quote": ev.quote, "start": ev.start, "end": ev.end})
        return list(by_article.values())

    # events ---------------------------------------------------------------
    def event_view(self, event: Event, lang: str = "vi") -> dict[str, Any]:
        """An event as JSON: dates, type, ordinal, place, participants with titles, topics, status, sources."""
        sources = self.evidence_view(event.evidence)
        participants = [self.participant_view(p, event.start) for p in event.participants]
        return {
            "id": event.id,
            "type": event.type,
            "type_label": label(lang, f"type.{event.type}"),
            "negotiation": event.negotiation,
            "date": event.start,
            "start": event.start,
            "end": event.end,
            "time_of_day": event.time_of_day,
            "time_of_day_label": label(lang, f"tod.{event.time_of_day}") if event.time_of_day else None,
            "ordinal": event.ordinal,
            "level": event.level,
            "mode": event.mode,
            "location": event.location,
            "status": event.status,
            "participants": participants,
            "topics": list(event.topics),
            "rate": event.rate,
            "summary": event.summary or describe_event(event, participants, "vi"),
            "summary_en": event.summary_en or describe_event(event, participants, "en"),
            "source_count": len(sources),
            "sources": sources,
            "conflicts": [
                {"field": c.field, "values": list(c.values), "chosen": c.chosen, "reason": c.reason}
                for c in event.conflicts
            ],
        }


def describe_event(event: Event, participants: list[dict[str, Any]], lang: str) -> str:
    """A one-line fallback summary built from the event's type, ordinal, participants and place."""
    head = label(lang, f"type.{event.type}")
    if event.ordinal:
        head += f" thứ {event.ordinal}" if lang == "vi" else f" #{event.ordinal}"
    names = ", ".join(p["name"] for p in participants if p.get("type") in (None, "person"))
    parts = [head]
    if names:
        parts.append(("giữa " if lang == "vi" else "with ") + names)
    if event.location:
        parts.append(("tại " if lang == "vi" else "in ") + event.location)
    return " ".join(parts)
