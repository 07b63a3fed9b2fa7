"""The timeline and the entity view read from the dossier's rows: only the events a filter selects (one page of
them), and the entities and articles those events name, are loaded. The views are those of ``timeline.py``
(the same JSON, built by the same ``DossierIndex`` methods over the loaded part of the dossier).
"""

from __future__ import annotations

from typing import Any

from tradetalks.model import VN_US_RECIPROCAL, Dossier, Entity, Event
from tradetalks.serve.index import DossierIndex, date_ceiling, date_floor, fold_name
from tradetalks.serve.timeline import QueryError, check_date, check_type, entity_view
from tradetalks.store.event_pages import UnknownCursor, event_page
from tradetalks.store.row_reads import DossierRows

#: Near spellings of a name must score at least this (rapidfuzz ratio), as in ``DossierIndex.find_entities``.
NEAR_NAME = 82


def partial_index(
    rows: DossierRows, events: list[Event], places: dict[str, int], extra: Entity | None = None, sources: bool = True
) -> DossierIndex:
    """A ``DossierIndex`` over some events, the entities they name (with their titles but not the titles' quotes;
    ``extra`` as given), the organisations of their titles, and the articles their evidence quotes and, for
    ``extra``, its titles quote (the page of a negotiation needs no quote behind every title of a leader named in
    thousands of articles); without ``sources``, no article is read (a page that only counts them)."""
    ids = list(dict.fromkeys(p.entity for ev in events for p in ev.participants))
    entities = rows.entities_unsourced([i for i in ids if extra is None or i != extra.id])  # named, not quoted
    if extra is not None:
        entities.append(extra)
    orgs = {r.organization for e in entities for r in e.roles if r.organization} - {e.id for e in entities}
    entities += rows.entities_unsourced(sorted(orgs))
    articles = _articles(rows, events, [extra] if extra is not None else []) if sources else []
    return DossierIndex(Dossier(articles, entities, events), places)


def _articles(rows: DossierRows, events: list[Event], titled: list[Entity]) -> list[Any]:
    quoted = [v.article for ev in events for v in ev.evidence]
    quoted += [a for ev in events for a in ev.sources.values()]  # where completed attributes came from
    quoted += [v.article for ev in events for c in ev.conflicts for group in c.evidence for v in group]
    quoted += [v.article for e in titled for r in e.roles for v in r.evidence]
    return rows.articles(list(dict.fromkeys(quoted)))


def question_index(rows: DossierRows) -> DossierIndex:
    """What the answering rules of ``ask`` look at: every event, every person, participant and organisation of a
    title (roles without mentions; prominence from the stored mention counts), and the articles they quote."""
    listed = sorted(rows.event_ids(), key=lambda row: row[1])  # in dossier order, as the whole index has them
    events = rows.events([i for i, _, _ in listed])
    counts = dict(rows.question_entities())
    entities = rows.entities(list(counts))
    dossier = Dossier(_articles(rows, events, entities), entities, events)
    return DossierIndex(dossier, {i: pos for i, pos, _ in listed}, counts)


def find_entity_ids(rows: DossierRows, name: str, limit: int = 5) -> list[str]:
    """``DossierIndex.find_entities`` over rows: the exact folded key by its index, else every name whose words
    hold the query's, else the nearest spellings; people first, then the most mentioned."""
    key = fold_name(name)[:200]
    if not key:
        return []
    found = rows.entity_ids_by_key(key)
    if not found:
        keys = rows.name_keys()
        tokens = set(key.split())
        for other in keys:
            if tokens <= set(other.split()):
                found.extend(i for i in rows.entity_ids_by_key(other) if i not in found)
        if not found:
            from rapidfuzz import fuzz, process  # near spellings only: its import is not paid by every read

            for other, _, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=NEAR_NAME, limit=limit):
                found.extend(i for i in rows.entity_ids_by_key(other) if i not in found)
    weights = rows.weights(found)
    ranked = sorted(found, key=lambda i: (weights[i][0] != "person", -weights[i][1]))
    return ranked[:limit]


def negotiation_where(rows: DossierRows, key: str) -> tuple[str, list[Any]]:
    """The events of one negotiation as a condition over ``d_events e`` (for the Vietnam–US talks, rule in_talks);
    a QueryError for a key neither the resources nor the dossier know."""
    from tradetalks.serve.negotiations import known_negotiations

    if key not in known_negotiations() and rows.count_negotiation(key) == 0:
        raise QueryError(f"--negotiation: {key!r} is not a known negotiation key")
    if key == VN_US_RECIPROCAL:
        cond, params = rows.talks_where()
        return cond, list(params)
    return "e.negotiation = ?", [key]


def _filters(
    rows: DossierRows,
    lo: str | None,
    hi: str | None,
    kind: str | None,
    all_negotiations: bool,
    topic: str | None,
    person: str | None,
    negotiation: str | None,
) -> tuple[str, list[Any]]:
    """The timeline's filters as a condition over ``d_events e`` and its parameters."""
    where: list[str] = []
    params: list[Any] = []
    if negotiation:
        cond, more = negotiation_where(rows, negotiation)
        where.append(cond)
        params += more
    elif not all_negotiations:
        cond, more = rows.talks_where()
        where.append(cond)
        params += more
    if kind:
        where.append("e.type = ?")
        params.append(kind)
    if topic:
        where.append("EXISTS (SELECT 1 FROM d_event_topics t WHERE t.event = e.id AND t.topic = ?)")
        params.append(topic)
    if person:
        people = find_entity_ids(rows, person, limit=10)
        if not people:
            where.append("1 = 0")
        else:
            marks = ", ".join("?" * len(people))
            where.append(f"EXISTS (SELECT 1 FROM d_participants q WHERE q.event = e.id AND q.entity IN ({marks}))")
            params += people
    if lo or hi:
        where.append("e.first_day IS NOT NULL")
        if lo:
            where.append("e.last_day >= ?")
            params.append(date_floor(lo))
        if hi:
            where.append("e.first_day <= ?")
            params.append(date_ceiling(hi))
    return " AND ".join(where) or "1 = 1", params


def timeline_from_rows(
    rows: DossierRows,
    date_from: str | None = None,
    date_to: str | None = None,
    type_: str | None = None,
    all_negotiations: bool = False,
    topic: str | None = None,
    person: str | None = None,
    lang: str = "vi",
    negotiation: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
) -> dict[str, Any]:
    """``timeline_from_index`` answered from rows, the filters in SQL; ``limit``/``offset`` give one page of the
    events (dated first, then undated), read by the order index (``event_pages``), counted from the start or from
    the event right after ``after`` (an event id: the last one of the page before); ``total`` counts them all."""
    lo, hi, kind = check_date("--from", date_from), check_date("--to", date_to), check_type(type_)
    where, params = _filters(rows, lo, hi, kind, all_negotiations, topic, person, negotiation)
    try:
        total, page = event_page(rows, where, params, limit, offset, after)
    except UnknownCursor:
        raise QueryError(f"after: {str(after)[:100]!r} is not an event id") from None
    events = rows.events([i for i, _, _ in page])
    index = partial_index(rows, events, {i: pos for i, pos, _ in page})
    dated = {i for i, _, d in page if d}
    out: dict[str, Any] = {
        "events": [index.event_view(e, lang) for e in events if e.id in dated],
        "undated": [index.event_view(e, lang) for e in events if e.id not in dated],
        "total": total,
        "filters": {
            "from": lo,
            "to": hi,
            "type": kind,
            "topic": topic,
            "person": person,
            "all": all_negotiations,
            "negotiation": negotiation,
        },
        "topics": rows.topics(),
    }
    if limit is not None or offset:
        out["page"] = {"offset": offset, "limit": limit, "count": len(page)}
    if after is not None:
        out.setdefault("page", {"offset": offset, "limit": limit, "count": len(page)})["after"] = after
    return out


def entity_from_rows(
    rows: DossierRows, name: str, lang: str = "vi", max_events: int | None = None
) -> dict[str, Any] | None:
    """``entity_from_index`` answered from rows: the entity found by id or folded name key, its titles, events
    (only the latest ``max_events`` of them read and shown when given; ``events_total`` counts them all)."""
    if rows.weights([name]):
        chosen, others = name, []
    else:
        matches = find_entity_ids(rows, name, limit=5)
        if not matches:
            return None
        chosen, others = matches[0], matches[1:]
    (entity,) = rows.entities([chosen], mentions=True)
    listed = rows.events_of_entity(chosen)
    total = len(listed)
    if max_events is not None:
        listed = listed[-max_events:] if max_events > 0 else []
    events = rows.events([i for i, _, _ in listed])
    index = partial_index(rows, events, {i: pos for i, pos, _ in listed}, entity)
    other = [{"id": m.id, "name": m.name, "type": m.type} for m in _in_order(rows.entities(others), others)]
    return entity_view(index, entity, events, total, other, name, lang)


def _in_order(entities: list[Entity], ids: list[str]) -> list[Entity]:
    by_id = {e.id: e for e in entities}
    return [by_id[i] for i in ids if i in by_id]


def event_from_rows(rows: DossierRows, event_id: str, lang: str = "vi") -> dict[str, Any] | None:
    """One event's view (``DossierIndex.event_view``) read from rows, or None for an unknown id."""
    found = rows.event_ids("e.id = ?", [event_id])
    if not found:
        return None
    events = rows.events([event_id])
    return partial_index(rows, events, {i: pos for i, pos, _ in found}).event_view(events[0], lang)


def article_from_rows(rows: DossierRows, article_id: str, lang: str = "vi") -> dict[str, Any]:
    """What an article's page shows of the dossier: its spans (mentions and evidence), its record and the views
    of the events it is a source of, read by the article indexes."""
    listed = rows.events_of_article(article_id)
    events = rows.events([i for i, _, _ in listed])
    index = partial_index(rows, events, {i: pos for i, pos, _ in listed})
    records = rows.articles([article_id])
    return {
        "spans": rows.article_spans(article_id),
        "record": records[0] if records else None,
        "events": [index.event_view(e, lang) for e in events],
    }
