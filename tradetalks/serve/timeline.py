"""The timeline (each event once, in date order, with its sources) and the entity view (``who``)."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tradetalks.errors import TradeTalksError
from tradetalks.model import EVENT_TYPES, VN_US_RECIPROCAL, Entity, Event, Role
from tradetalks.serve.index import DossierIndex, date_ceiling, date_floor, fold_name, is_dated
from tradetalks.store.base import Store
from tradetalks.talks_scope import talks_scope

_DATE_ARG = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(TradeTalksError):
    """A filter value that cannot be used; the message names the option and the reason."""


def check_date(option: str, value: str | None) -> str | None:
    """A --from/--to value as given, or a QueryError naming the option when it is not YYYY[-MM[-DD]]."""
    if value is None or value == "":
        return None
    if not _DATE_ARG.match(value):
        raise QueryError(f"{option}: {value!r} is not a date (expected YYYY-MM-DD)")
    return value


def check_type(value: str | None) -> str | None:
    """An event type filter, or a QueryError listing the known types."""
    if value is None or value == "":
        return None
    if value not in EVENT_TYPES:
        raise QueryError(f"--type: {value!r} is not an event type (one of {', '.join(EVENT_TYPES)})")
    return value


def talk_people(index: DossierIndex) -> set[str]:
    """The people taking part in events of the Vietnam–US talks."""
    people = {e.id for e in index.dossier.entities if e.type == "person"}
    return {p.entity for ev in index.events if ev.negotiation == VN_US_RECIPROCAL for p in ev.participants} & people


def in_talks(event: Event, talks: set[str]) -> bool:
    """Rule in_talks: whether an event belongs to the Vietnam–US talks: it carries their key, or it has none, one
    of their people takes part and rule talks_related ties it to them (``talks_scope.tsv``)."""
    if event.negotiation is None:
        if not any(p.entity in talks for p in event.participants):
            return False
        sides = {p.side for p in event.participants if p.side}
        return talks_scope(VN_US_RECIPROCAL).takes(sides, set(event.topics))
    return event.negotiation == VN_US_RECIPROCAL


def build_timeline(store: Store, **filters: Any) -> dict[str, Any]:
    """The events in date order, each once with its sources; undated events apart (JSON-able).

    ``filters`` are those of ``timeline_from_rows`` (date_from, date_to, type_, all_negotiations, ..., limit,
    offset): only the events selected, and what they name, are read from the store.
    """
    from tradetalks.serve.row_views import timeline_from_rows

    with store.rows().snapshot() as rows:
        return timeline_from_rows(rows, **filters)


def timeline_from_index(
    index: DossierIndex,
    date_from: str | None = None,
    date_to: str | None = None,
    type_: str | None = None,
    all_negotiations: bool = False,
    topic: str | None = None,
    person: str | None = None,
    lang: str = "vi",
    negotiation: str | None = None,
) -> dict[str, Any]:
    """``build_timeline`` over an index already loaded.

    By default only the Vietnam–US talks are shown: events of that negotiation, and events whose negotiation
    is not known but in which a person of those talks takes part. ``all_negotiations`` shows every event;
    ``negotiation`` (a key such as "vn-efta-fta") the events of that negotiation.
    """
    lo, hi, kind = check_date("--from", date_from), check_date("--to", date_to), check_type(type_)
    talks = talk_people(index)
    chosen: set[int] | None = None
    if negotiation:
        from tradetalks.serve.negotiations import UnknownNegotiation, negotiation_events

        try:
            chosen = {id(e) for e in negotiation_events(index, negotiation)}
        except UnknownNegotiation:
            raise QueryError(f"--negotiation: {negotiation!r} is not a known negotiation key") from None
    people: set[str] | None = None
    if person:
        people = {e.id for e in index.find_entities(person, limit=10)}
    dated: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    for event in sorted(index.events, key=index.event_order):
        if chosen is not None:
            if id(event) not in chosen:
                continue
        elif not all_negotiations and not in_talks(event, talks):
            continue
        if kind and event.type != kind:
            continue
        if topic and topic not in event.topics:
            continue
        if people is not None and not people & {p.entity for p in event.participants}:
            continue
        if is_dated(event.start):
            first = date_floor(event.start or "")
            last = date_ceiling((event.end if is_dated(event.end) else event.start) or "")
            if (lo and last < date_floor(lo)) or (hi and first > date_ceiling(hi)):
                continue
            dated.append(index.event_view(event, lang))
        elif not (lo or hi):
            undated.append(index.event_view(event, lang))
    topics = sorted({t for e in index.events for t in e.topics})
    return {
        "events": dated,
        "undated": undated,
        "total": len(dated) + len(undated),
        "filters": {
            "from": lo,
            "to": hi,
            "type": kind,
            "topic": topic,
            "person": person,
            "all": all_negotiations,
            "negotiation": negotiation,
        },
        "topics": topics,
    }


def _when(view: dict[str, Any]) -> str:
    """ "2025-11-12/2025-11-14 (morning)" for a timeline row."""
    text = view["start"] or "?"
    if view.get("end") and view["end"] != view["start"]:
        text += f"\n→ {view['end']}"
    if view.get("time_of_day"):
        text += f" ({view['time_of_day']})"
    return text


def _who(view: dict[str, Any]) -> str:
    """Participants with their titles, one per line."""
    rows = []
    for p in view["participants"]:
        title = f"{p['title']} " if p.get("title") else ""
        side = f" [{p['side']}]" if p.get("side") else ""
        rows.append(f"{title}{p['name']}{side}")
    return "\n".join(rows)


def source_text(source: dict[str, Any]) -> str:
    """A source as a reader names it: "outlet · publication date · title" (never a bare id)."""
    outlet = source.get("outlet_label") or source.get("outlet") or "unknown outlet"
    return f"{outlet} · {source.get('published') or 'undated'} · {source.get('title') or 'untitled'}"


def _sources(view: dict[str, Any]) -> str:
    """One "outlet · date · title" line per source of a timeline row."""
    return escape("\n".join(source_text(s) for s in view["sources"]))


def print_timeline(tl: dict[str, Any], console: Console) -> None:
    """Print the timeline as a table, the undated events as a second table."""
    for heading, rows in (("Timeline", tl["events"]), ("Undated events", tl["undated"])):
        if not rows and heading == "Undated events":
            continue
        table = Table(title=heading, show_lines=True, expand=True)
        for column, ratio in (
            ("date", 2),
            ("event", 4),
            ("place", 2),
            ("participants", 4),
            ("topics", 2),
            ("sources", 3),
        ):
            table.add_column(column, overflow="fold", ratio=ratio, min_width=10 if column == "date" else None)
        for view in rows:
            event = view["type_label"] + (f" #{view['ordinal']}" if view.get("ordinal") else "")
            if view["status"] != "held":
                event += f" ({view['status']})"
            if view.get("rate") is not None:
                event += f" {view['rate'] * 100:g}%"
            event += f"\n{view['summary']}"
            table.add_row(
                _when(view), event, view.get("location") or "", _who(view), ", ".join(view["topics"]), _sources(view)
            )
        if not rows:
            table.add_row("", "no events", "", "", "", "")
        console.print(table)


def entity_from_index(index: DossierIndex, name: str, lang: str = "vi") -> dict[str, Any] | None:
    """An entity (by id or name: accent-insensitive, aliases, near spellings) with titles and events."""
    entity = index.entity_by_id.get(name)
    if entity is None:
        matches = index.find_entities(name, limit=5)
        if not matches:
            return None
        entity = matches[0]
        others = [{"id": m.id, "name": m.name, "type": m.type} for m in matches[1:]]
    else:
        others = []
    events = sorted(index.events_by_entity.get(entity.id, []), key=index.event_order)
    return entity_view(index, entity, events, len(events), others, name, lang)


def entity_fields(entity: Entity) -> dict[str, Any]:
    """Who an entity is, as every entity view starts: its id, type, names, aliases and side."""
    return {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "name_en": entity.name_en,
        "aliases": list(entity.aliases),
        "side": entity.side,
    }


def role_order(role: Role) -> tuple[str, str]:
    """Titles in the order they were first seen, then by title."""
    return (role.first_seen or "", role.title)


def entity_view(
    index: DossierIndex,
    entity: Entity,
    events: list[Event],
    total: int,
    others: list[dict[str, Any]],
    name: str,
    lang: str,
) -> dict[str, Any]:
    """The entity found for ``name`` with its titles, the ``events`` shown of its ``total`` and the other matches
    (``entity_from_index`` and ``entity_from_rows`` answer alike)."""
    return {
        **entity_fields(entity),
        "roles": [index.role_view(r) for r in sorted(entity.roles, key=role_order)],
        "events": [index.event_view(e, lang) for e in events],
        "events_total": total,
        "mentions": len(entity.mentions),
        "articles": sorted({m.article for m in entity.mentions}),
        "other_matches": others,
        "matched_by": "id" if entity.id == name else ("name" if fold_name(name) == fold_name(entity.name) else "alias"),
    }


def find_entity(store: Store, name: str, max_events: int | None = None) -> dict[str, Any] | None:
    """``tradetalks who NAME``: the best matching entity with its titles over time and events (only the latest
    ``max_events`` when given), or None (read from the store's rows: the entity, its events and what they name)."""
    from tradetalks.serve.row_views import entity_from_rows

    with store.rows().snapshot() as rows:
        return entity_from_rows(rows, name, max_events=max_events)


def print_entity(found: dict[str, Any], console: Console) -> None:
    """Print an entity: name, aliases, titles over time with sources, events."""
    console.print(f"[bold]{found['name']}[/bold]  ({found['type']}, id {found['id']})")
    if found["aliases"]:
        console.print("aliases: " + ", ".join(found["aliases"]))
    if found["roles"]:
        table = Table(title="Titles over time", expand=True)
        for column in ("title", "organisation", "first seen", "last seen", "sources"):
            table.add_column(column, overflow="fold")
        for role in found["roles"]:
            quotes = escape(f"{len(role['sources'])}:\n" + "\n".join(source_text(s) for s in role["sources"][:3]))
            table.add_row(
                role["title"] + (f"\n{role['title_en']}" if role.get("title_en") else ""),
                role.get("organization") or "",
                role.get("first_seen") or "?",
                role.get("last_seen") or "?",
                quotes,
            )
        console.print(table)
    if found["events"]:
        print_timeline({"events": found["events"], "undated": []}, console)
    if found["other_matches"]:
        console.print("also matching: " + ", ".join(f"{m['name']} ({m['id']})" for m in found["other_matches"]))
