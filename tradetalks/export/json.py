"""The dossier as JSON, in the format of the specification (articles, entities, events, timexes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tradetalks.errors import TradeTalksError
from tradetalks.model import Conflict, Correction, Dossier, Entity, Event, Evidence, Role, TariffFacts

__all__ = ["dossier_to_json", "write_json"]


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"article": e.article, "start": e.start, "end": e.end, "quote": e.quote}


def _role(r: Role) -> dict[str, Any]:
    return {
        "title": r.title,
        "title_en": r.title_en,
        "organization": r.organization,
        "first_seen": r.first_seen,
        "last_seen": r.last_seen,
        "former": r.former,
        "evidence": [_evidence(e) for e in r.evidence],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "name_en": e.name_en,
        "aliases": list(e.aliases),
        "side": e.side,
        "roles": [_role(r) for r in e.roles],
        "mentions": [{"article": m.article, "start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
    }


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "field": c.field,
        "values": list(c.values),
        "evidence": [[_evidence(e) for e in group] for group in c.evidence],
        "chosen": c.chosen,
        "reason": c.reason,
    }


def _tariff(t: TariffFacts | None) -> dict[str, Any] | None:
    """A rate's facts (extra field): whose goods, which goods, from when it applies, what was done with it."""
    if t is None:
        return None
    return {"country": t.country, "scope": t.scope, "effective": t.effective, "action": t.action}


def _event(ev: Event) -> dict[str, Any]:
    return {
        "id": ev.id,
        "type": ev.type,
        "negotiation": ev.negotiation,
        "ordinal": ev.ordinal,
        "level": ev.level,
        "mode": ev.mode,
        "start": ev.start,
        "end": ev.end,
        "time_of_day": ev.time_of_day,
        "location": ev.location,
        "status": ev.status,
        "participants": [{"entity": p.entity, "side": p.side, "name": p.name} for p in ev.participants],
        "topics": list(ev.topics),
        "rate": ev.rate,
        "tariff": _tariff(ev.tariff),
        "summary": ev.summary,
        "summary_en": ev.summary_en,
        "evidence": [_evidence(e) for e in ev.evidence],
        "conflicts": [_conflict(c) for c in ev.conflicts],
        "sources": dict(ev.sources),
        "reference": ev.reference,
    }


def correction_json(c: Correction) -> dict[str, Any]:
    """An editor's correction as exported: who, when, why, what, its anchor, and what the last rebuild did."""
    return {
        "id": c.id,
        "kind": c.kind,
        "target": c.target,
        "attribute": c.attribute,
        "value": c.value,
        "by": c.by,
        "at": c.at,
        "why": c.why,
        "anchor": c.anchor,
        "other": c.other,
        "status": c.status,
        "note": c.note,
        "applied_to": list(c.applied_to),
    }


def dossier_to_json(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain JSON values: articles, entities, events, timexes, and the editors' corrections with
    their status (applied or orphaned)."""
    return {
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "url": a.url,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published,
                "story": a.story,
                "duplicate_of": a.duplicate_of,
            }
            for a in dossier.articles
        ],
        "entities": [_entity(e) for e in dossier.entities],
        "events": [_event(ev) for ev in dossier.events],
        "timexes": [
            {
                "article": t.article,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": t.value,
                "resolved_by": t.resolved_by,
                "time_of_day": t.time_of_day,
            }
            for t in dossier.timexes
        ],
        "corrections": [correction_json(c) for c in dossier.corrections],
    }


def write_json(dossier: Dossier, path: str | Path) -> None:
    """Write the dossier as UTF-8 JSON to ``path``; a path that cannot be written is a clear error."""
    text = json.dumps(dossier_to_json(dossier), ensure_ascii=False, indent=2)
    try:
        Path(path).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise TradeTalksError(f"{path}: cannot write the dossier ({exc.strerror or exc})") from exc
