"""The people–organisation–event graph as GraphML (opens in Gephi; loads with networkx.read_graphml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from tradetalks.model import Dossier, Event
from tradetalks.serve.index import DossierIndex, fold_name


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML attributes: no None values (GraphML has no null)."""
    return {k: v for k, v in attrs.items() if v is not None}


def event_node(event: Event) -> dict[str, Any]:
    """An event's node data (``dossier_graph`` and the GraphML written from rows give it alike)."""
    return _clean(
        {
            "kind": "event",
            "type": event.type,
            "label": event.summary or event.type,
            "summary_en": event.summary_en,
            "negotiation": event.negotiation,
            "start": event.start,
            "end": event.end,
            "ordinal": event.ordinal,
            "location": event.location,
            "status": event.status,
            "rate": event.rate,
            "topics": " | ".join(event.topics),
            "sources": len({e.article for e in event.evidence}),
        }
    )


def dossier_graph(dossier: Dossier) -> nx.MultiDiGraph:
    """Entities and events as nodes; edges: participant (entity -> event), role (person -> organisation),
    held_in (event -> place)."""
    index = DossierIndex(dossier)
    graph = nx.MultiDiGraph(name="TradeTalks dossier")
    places = {fold_name(e.name): e.id for e in dossier.entities if e.type in ("location", "country")}
    for entity in dossier.entities:
        graph.add_node(
            entity.id,
            **_clean(
                {
                    "kind": "entity",
                    "type": entity.type,
                    "label": entity.name,
                    "name_en": entity.name_en,
                    "side": entity.side,
                    "aliases": " | ".join(entity.aliases),
                    "mentions": len(entity.mentions),
                }
            ),
        )
    for event in index.events:
        node = f"event:{event.id}"
        graph.add_node(node, **event_node(event))
        for p in event.participants:
            if p.entity not in graph:
                graph.add_node(p.entity, kind="entity", label=p.name or p.entity)
            graph.add_edge(p.entity, node, key="participant", relation="participant", **_clean({"side": p.side}))
        place = places.get(fold_name(event.location or ""))
        if place:
            graph.add_edge(node, place, key="held_in", relation="held_in")
    for entity in dossier.entities:
        for role in entity.roles:
            if role.organization and role.organization in graph:
                graph.add_edge(
                    entity.id,
                    role.organization,
                    relation="role",
                    **_clean(
                        {
                            "title": role.title,
                            "title_en": role.title_en,
                            "first_seen": role.first_seen,
                            "last_seen": role.last_seen,
                        }
                    ),
                )
    return graph


def write_graphml(dossier: Dossier, path: Path) -> None:
    """Write the people–organisation–event graph."""
    nx.write_graphml(dossier_graph(dossier), path, encoding="utf-8")
