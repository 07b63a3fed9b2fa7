"""The page of an entity (/entity/ID) read from rows and bounded: its latest events, the first sources of each
title, the latest articles that name it; every count stays whole. A leader named in thousands of articles costs
what the page shows, not what the dossier holds."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tradetalks.model import Dossier, Entity, Role
from tradetalks.serve.event_page import source_line
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.row_views import partial_index
from tradetalks.store.row_reads import DossierRows

#: Events of an entity, as a condition over ``d_events e`` (one parameter: the entity's id).
OF_ENTITY = "e.id IN (SELECT p.event FROM d_participants p WHERE p.entity = ?)"


def shown_sources(role: Role, max_sources: int, max_quotes: int) -> tuple[Role, int]:
    """A title with the evidence of only its first ``max_sources`` articles, ``max_quotes`` quotes each, and how
    many articles it has in all.

    Example: a title quoted 3 times in article a and once in b, with (1, 2), keeps two quotes of a; count 2.
    """
    articles = list(dict.fromkeys(v.article for v in role.evidence))
    keep = set(articles[:max_sources])
    quoted: dict[str, int] = {}
    evidence = []
    for v in role.evidence:
        if v.article in keep and quoted.get(v.article, 0) < max_quotes:
            quoted[v.article] = quoted.get(v.article, 0) + 1
            evidence.append(v)
    return replace(role, evidence=evidence), len(articles)


def entity_page_from_rows(
    rows: DossierRows, entity_id: str, lang: str, max_events: int, max_sources: int, max_quotes: int, max_articles: int
) -> tuple[dict[str, Any], Entity] | None:
    """What the entity page shows (the keys of ``entity_from_rows`` with ``article_records``, and each title's
    ``source_total``) and the entity as stored (without mentions); None for an unknown id."""
    found = rows.entities([entity_id])
    if not found:
        return None
    entity = found[0]
    total, listed = rows.latest_event_ids(OF_ENTITY, [entity_id], max_events)
    events = rows.events([i for i, _, _ in listed])
    roles = sorted(entity.roles, key=lambda r: (r.first_seen or "", r.title))
    trimmed = [shown_sources(r, max_sources, max_quotes) for r in roles]
    shown = replace(entity, roles=[r for r, _ in trimmed])
    index = partial_index(rows, events, {i: pos for i, pos, _ in listed}, shown)
    mentions, articles = rows.mention_counts(entity_id)
    records = DossierIndex(Dossier(articles=rows.latest_mentioning_articles(entity_id, max_articles)))
    role_views = []
    for role, count in trimmed:
        view = index.role_view(role)
        view["source_total"] = count
        role_views.append(view)
    page = {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "name_en": entity.name_en,
        "aliases": list(entity.aliases),
        "side": entity.side,
        "roles": role_views,
        "events": [index.event_view(e, lang) for e in events],
        "events_total": total,
        "mentions": mentions,
        "articles": articles,
        "article_records": [source_line(records, a.id) for a in records.dossier.articles],
    }
    return page, entity
