"""What the event and entity pages show of corrections: the marks "corrected by X on D: why", the page of a
record a correction removed, and the choices of the correction forms."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tradetalks.model import Correction, Entity, Event
from tradetalks.resolve.correction_values import SETTABLE
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.labels import label

if TYPE_CHECKING:
    from tradetalks.store.row_reads import DossierRows


def mark(c: Correction) -> dict[str, Any]:
    """A correction as a page shows it."""
    return {
        "id": c.id,
        "kind": c.kind,
        "attribute": c.attribute,
        "by": c.by,
        "date": c.at[:10],
        "why": c.why,
        "note": c.note,
        "status": c.status,
        "applied_to": list(c.applied_to),
    }


def marks_on(corrections: Iterable[Correction], record_id: str) -> list[dict[str, Any]]:
    """The applied corrections that changed this event or entity, oldest first."""
    return [mark(c) for c in corrections if c.status == "applied" and record_id in c.applied_to]


def corrected_ids(corrections: Iterable[Correction]) -> set[str]:
    """Rule corrected_badge: the events and entities an applied correction changed; a list of events marks each
    of them "corrected" (the event's page tells by whom, when and why).

    Example: a set_value applied to "ev-1" -> {"ev-1"}; a correction the last rebuild could not apply -> nothing.
    """
    return {i for c in corrections if c.status == "applied" for i in c.applied_to}


def corrected_attributes(marks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Attribute -> the last correction that set it or marked its value wrong."""
    return {m["attribute"]: m for m in marks if m["attribute"] and m["kind"] in ("set_value", "mark_wrong")}


def gone(
    corrections: Sequence[Correction], record_id: str, kind_of: Callable[[str], str | None]
) -> dict[str, Any] | None:
    """The correction that removed (or merged away) a record no longer in the dossier, with where it went
    (``kind_of``: "event" or "entity" for a record still in the dossier, else None)."""
    for c in reversed(corrections):
        if c.status != "applied" or record_id not in c.applied_to:
            continue
        kinds = {i: kind_of(i) for i in c.applied_to if i != record_id}
        now = next((i for i, kind in kinds.items() if kind), None)
        href = f"/{kinds[now]}/{now}" if now is not None else None
        return {**mark(c), "now": now, "href": href}
    return None


def record_kind(rows: DossierRows) -> Callable[[str], str | None]:
    """Whether an id is an event or an entity of the stored dossier (None when neither)."""

    def kind(record_id: str) -> str | None:
        if rows.event_ids("e.id = ?", [record_id]):
            return "event"
        return "entity" if rows.weights([record_id]) else None

    return kind


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value * 100:g}%"
    return str(value)


def event_choices(index: DossierIndex, event: Event, lang: str) -> dict[str, Any]:
    """The choices of an event's correction forms: attributes to set, facts to mark wrong, articles to split."""
    facts = [("", label(lang, "whole_event"))]
    for p in event.participants:
        entity = index.entity_by_id.get(p.entity)
        facts.append(
            (f"participant:{p.entity}", f"{label(lang, 'participant')}: {entity.name if entity else p.entity}")
        )
    for name in SETTABLE["event"]:
        value = getattr(event, name)
        if value not in (None, "", []) and name not in ("type", "status", "summary", "summary_en"):
            facts.append((f"attr:{name}", f"{label(lang, f'field.{name}', name)}: {_shown(value)}"))
    articles = list(dict.fromkeys(e.article for e in event.evidence))
    return {
        "attributes": [(n, label(lang, f"field.{n}", n)) for n in SETTABLE["event"]],
        "facts": facts,
        "articles": articles if len(articles) > 1 else [],
    }


def entity_choices(entity: Entity, lang: str) -> dict[str, Any]:
    """The choices of an entity's correction forms: attributes, facts to mark wrong, names to split off."""
    facts = [("", label(lang, "whole_entity"))]
    facts += [(f"alias:{a}", f"{label(lang, 'alias')}: {a}") for a in entity.aliases]
    facts += [(f"role:{t}", f"{label(lang, 'role')}: {t}") for t in dict.fromkeys(r.title for r in entity.roles)]
    names = sorted({m.text for m in entity.mentions} | set(entity.aliases))
    return {
        "attributes": [(n, label(lang, f"field.{n}", n)) for n in SETTABLE["entity"]],
        "facts": facts,
        "names": names if len(names) > 1 else [],
    }
