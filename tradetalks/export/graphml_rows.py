"""The people–organisation–event graph written as GraphML straight from the dossier's rows, a page at a time.

``RowsGraph`` offers what networkx's GraphML writer reads of a ``MultiDiGraph`` (its attributes, its nodes with
their data, its edges with keys and data, in the graph's own order) as fresh passes over the rows, so the file is
byte for byte the one ``write_graphml`` writes of ``dossier_graph``, while only one page of records is in memory.
The order is that of the graph ``dossier_graph`` builds: entity nodes in dossier order, then each event node followed
by the nodes of its participants no entity names; edges grouped by their source node in node order, each source's
targets in the order their first edge was added (events before organisations), parallel edges by key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from networkx.readwrite.graphml import GraphMLWriterLxml

from tradetalks.export.graphml import _clean, event_node
from tradetalks.keys import fold_name
from tradetalks.model import Event, Participant
from tradetalks.store.row_reads import DossierRows
from tradetalks.store.row_scans import (
    dossier_pages,
    entity_ids_among,
    entity_node_pages,
    known_ids,
    participations,
    places_named,
    role_rows,
    unnamed_place,
)

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, Any, dict[str, Any]]


def entity_node(item: dict[str, Any]) -> dict[str, Any]:
    """An entity's node data (as ``dossier_graph`` gives it)."""
    return _clean(
        {
            "kind": "entity",
            "type": item["type"],
            "label": item["name"],
            "name_en": item["name_en"],
            "side": item["side"],
            "aliases": " | ".join(item["aliases"]),
            "mentions": item["mentions"],
        }
    )


class RowsGraph:
    """The dossier graph as the GraphML writer reads it, each pass over nodes or edges read afresh from rows."""

    def __init__(self, rows: DossierRows):
        self.rows = rows
        self.graph: dict[str, Any] = {"name": "TradeTalks dossier"}

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = True) -> Iterator[Node]:
        """Entity nodes, then each event node and the participant nodes it adds (``data`` is always given)."""
        for page in entity_node_pages(self.rows):
            yield from ((item["id"], entity_node(item)) for item in page)
        added: set[str] = set()  # participants no entity names, added once (few)
        for events in dossier_pages(self.rows):
            entities = entity_ids_among(self.rows, [p.entity for ev in events for p in ev.participants])
            for event in events:
                yield f"event:{event.id}", event_node(event)
                for p in _unnamed_participants(event, entities, added):
                    yield p.entity, {"kind": "entity", "label": p.name or p.entity}

    def edges(self, keys: bool = True, data: bool = True) -> Iterator[Edge]:
        """(source, target, key, data) of every edge, grouped by source in node order."""
        for page in entity_node_pages(self.rows):
            ids = [item["id"] for item in page]
            taking_part = participations(self.rows, ids)
            titles = role_rows(self.rows, ids)
            orgs = [r["organization"] for found in titles.values() for r in found if r["organization"]]
            in_graph = known_ids(self.rows, orgs)
            for entity in ids:
                yield from _entity_edges(entity, taking_part.get(entity, []), titles.get(entity, []), in_graph)
        nowhere = unnamed_place(self.rows)
        added: set[str] = set()
        for events in dossier_pages(self.rows):
            entities = entity_ids_among(self.rows, [p.entity for ev in events for p in ev.participants])
            places = places_named(self.rows, list({fold_name(ev.location or "") for ev in events}))
            for event in events:
                key = fold_name(event.location or "")
                place = places.get(key) if key else nowhere
                if place:
                    yield f"event:{event.id}", place, "held_in", {"relation": "held_in"}
                for p in _unnamed_participants(event, entities, added):
                    own = participations(self.rows, [p.entity]).get(p.entity, [])
                    yield from _entity_edges(p.entity, own, [], set())


def _unnamed_participants(event: Event, entities: set[str], added: set[str]) -> Iterator[Participant]:
    """The participants of an event no entity names and no earlier event added (each becomes a node once)."""
    for p in event.participants:
        if p.entity not in entities and p.entity not in added:
            added.add(p.entity)
            yield p


def _entity_edges(
    entity: str, taking_part: list[tuple[str, str | None]], titles: list[dict[str, Any]], in_graph: set[str]
) -> Iterator[Edge]:
    """An entity's edges: one participant edge per event (a second mention of it in one event updates its data),
    then its titles' role edges grouped by organisation, keyed 0, 1, ... per organisation."""
    to_events: dict[str, dict[str, Any]] = {}
    for event, side in taking_part:
        to_events.setdefault(f"event:{event}", {}).update({"relation": "participant", **_clean({"side": side})})
    for target, attrs in to_events.items():
        yield entity, target, "participant", attrs
    to_orgs: dict[str, list[dict[str, Any]]] = {}
    for role in titles:
        org = role["organization"]
        if org and org in in_graph:
            extra = {k: role[k] for k in ("title", "title_en", "first_seen", "last_seen")}
            to_orgs.setdefault(org, []).append({"relation": "role", **_clean(extra)})
    for org, found in to_orgs.items():
        for n, attrs in enumerate(found):
            yield entity, org, n, attrs


def stream_graphml(rows: DossierRows, out: BinaryIO) -> None:
    """Write the graph as ``networkx.write_graphml`` writes it (UTF-8, pretty-printed, keys d0, d1, ...)."""
    writer = GraphMLWriterLxml(out, graph=RowsGraph(rows), encoding="utf-8", prettyprint=True)
    writer.dump()
