"""Whole-dossier scans over the dossier's rows for the exports that write every event or entity (CSV, iCalendar,
GraphML): a page of records at a time, never the whole dossier in memory. Each function takes the ``DossierRows``
of one connection and only adds queries to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tradetalks.keys import fold_name
from tradetalks.model import Event
from tradetalks.store import row_reads
from tradetalks.store.row_reads import DossierRows

#: The entity types an event's location can name (the ``held_in`` edge of the graph).
PLACE_TYPES = ("location", "country")


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def position_pages(rows: DossierRows, table: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """[lo, hi) ranges of ``pos`` covering a table, ``size`` (else ``row_reads.PAGE``) positions each."""
    step = size or row_reads.PAGE
    top = rows._rows(f"SELECT coalesce(max(pos), -1) FROM {table}")[0][0]
    for lo in range(0, int(top) + 1, step):
        yield lo, lo + step


def timeline_pages(rows: DossierRows, size: int | None = None) -> Iterator[tuple[list[Event], dict[str, int]]]:
    """Every event in timeline order (day, part of day, ordinal, place), ``size`` events at a time, each page with
    its events' places in the dossier. Only the ordered ids are held for the whole dossier."""
    step = size or row_reads.PAGE
    listed = rows.event_ids()
    for lo in range(0, len(listed), step):
        part = listed[lo : lo + step]
        yield rows.events([i for i, _, _ in part]), {i: pos for i, pos, _ in part}


def dossier_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[Event]]:
    """Every event in dossier order, ``size`` events at a time."""
    for lo, hi in position_pages(rows, "d_events", size):
        ids = [r[0] for r in rows._rows("SELECT id FROM d_events WHERE pos >= ? AND pos < ? ORDER BY pos", [lo, hi])]
        yield rows.events(ids)


def entity_node_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every entity in dossier order as {id, type, name, name_en, side, aliases, mentions}, without its roles and
    mentions (``mentions`` is their stored count), ``size`` entities at a time."""
    sql = (
        "SELECT id, type, name, name_en, side, aliases, mention_count FROM d_entities "
        "WHERE pos >= ? AND pos < ? ORDER BY pos"
    )
    keys = ("id", "type", "name", "name_en", "side", "aliases", "mentions")
    for lo, hi in position_pages(rows, "d_entities", size):
        page = [dict(zip(keys, r, strict=True)) for r in rows._rows(sql, [lo, hi])]
        for item in page:
            item["aliases"] = list(_loads(item["aliases"]))
            item["mentions"] = int(item["mentions"])
        yield page


def participations(rows: DossierRows, entity_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
    """Per entity: (event id, side) of each time it takes part in an event, events in dossier order."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    found = rows._in(
        "SELECT p.entity, p.event, p.side FROM d_participants p JOIN d_events e ON e.id = p.event "
        "WHERE p.entity IN ({ids}) ORDER BY e.pos, p.n",
        entity_ids,
    )
    for entity, event, side in found:
        out.setdefault(entity, []).append((event, side))
    return out


def role_rows(rows: DossierRows, entity_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per entity: its titles in order, as {organization, title, title_en, first_seen, last_seen}."""
    keys = ("organization", "title", "title_en", "first_seen", "last_seen")
    out: dict[str, list[dict[str, Any]]] = {}
    found = rows._in(
        "SELECT entity, organization, title, title_en, first_seen, last_seen FROM d_roles "
        "WHERE entity IN ({ids}) ORDER BY entity, n",
        entity_ids,
    )
    for r in found:
        out.setdefault(r[0], []).append(dict(zip(keys, r[1:], strict=True)))
    return out


def known_ids(rows: DossierRows, ids: list[str]) -> set[str]:
    """Which of these ids name an entity or a participant of an event (the entity nodes of the graph)."""
    found = {r[0] for r in rows._in("SELECT id FROM d_entities WHERE id IN ({ids})", ids)}
    found |= {r[0] for r in rows._in("SELECT DISTINCT entity FROM d_participants WHERE entity IN ({ids})", ids)}
    return found


def entity_ids_among(rows: DossierRows, ids: list[str]) -> set[str]:
    """Which of these ids are entities."""
    return {r[0] for r in rows._in("SELECT id FROM d_entities WHERE id IN ({ids})", ids)}


def places_named(rows: DossierRows, keys: list[str]) -> dict[str, str]:
    """Per folded place name: the last place or country (in dossier order) whose own name folds to it."""
    marks = ", ".join("?" * len(PLACE_TYPES))
    found = rows._in(
        "SELECT n.key, e.id, e.name, e.pos FROM d_names n JOIN d_entities e ON e.id = n.entity "
        f"WHERE e.type IN ({marks}) AND n.key IN ({{ids}}) ORDER BY e.pos",
        [k for k in keys if k],
        PLACE_TYPES,
    )
    out: dict[str, tuple[int, str]] = {}
    for key, entity, name, pos in found:
        if fold_name(name) == key and int(pos) >= out.get(key, (-1, ""))[0]:
            out[key] = (int(pos), entity)
    return {k: v[1] for k, v in out.items()}


def unnamed_place(rows: DossierRows) -> str | None:
    """The last place or country whose name folds to nothing (no folded key finds it), if any: the place an event
    without a location is matched to, as a mapping from folded names would."""
    marks = ", ".join("?" * len(PLACE_TYPES))
    last = None
    for lo, hi in position_pages(rows, "d_entities", row_reads.PAGE * 20):
        sql = f"SELECT id, name FROM d_entities WHERE pos >= ? AND pos < ? AND type IN ({marks}) ORDER BY pos"
        for entity, name in rows._rows(sql, [lo, hi, *PLACE_TYPES]):
            if not fold_name(name):
                last = entity
    return last
