"""The page of an entity (/entity/ID) read from rows and bounded: its latest events, the first sources of each
title, the latest articles that name it; every count stays whole. A leader named in thousands of articles costs
what the page shows, not what the dossier holds."""

from __future__ import annotations

from typing import Any

from tradetalks.model import Dossier, Entity
from tradetalks.serve.event_page import source_line
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.row_views import partial_index
from tradetalks.serve.timeline import entity_fields, role_order
from tradetalks.store.row_reads import DossierRows

#: Events of an entity, as a condition over ``d_events e`` (one parameter: the entity's id).
OF_ENTITY = "e.id IN (SELECT p.event FROM d_participants p WHERE p.entity = ?)"


def entity_page_from_rows(
    rows: DossierRows, entity_id: str, lang: str, max_events: int, max_sources: int, max_quotes: int, max_articles: int
) -> tuple[dict[str, Any], Entity] | None:
    """What the entity page shows (the keys of ``entity_from_rows`` with ``article_records``, and each title's
    ``source_total``) and the entity as read (without mentions, its titles' evidence cut as shown); None for an
    unknown id."""
    found = rows.entity_titled(entity_id, max_sources, max_quotes)
    if found is None:
        return None
    entity, counts = found
    total, listed = rows.latest_event_ids(OF_ENTITY, [entity_id], max_events)
    events = rows.events([i for i, _, _ in listed])
    trimmed = sorted(zip(entity.roles, counts, strict=True), key=lambda rc: role_order(rc[0]))
    index = partial_index(rows, events, {i: pos for i, pos, _ in listed}, entity)
    mentions, articles = rows.mention_counts(entity_id)
    records = DossierIndex(Dossier(articles=rows.latest_mentioning_articles(entity_id, max_articles, articles)))
    role_views = []
    for role, count in trimmed:
        view = index.role_view(role)
        view["source_total"] = count
        role_views.append(view)
    page = {
        **entity_fields(entity),
        "roles": role_views,
        "events": [index.event_view(e, lang) for e in events],
        "events_total": total,
        "mentions": mentions,
        "articles": articles,
        "article_records": [source_line(records, a.id) for a in records.dossier.articles],
    }
    return page, entity
