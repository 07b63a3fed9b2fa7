"""Whole-dossier scans over the dossier's rows for the exports that write every event or entity (CSV, iCalendar,
GraphML): a page of records at a time, never the whole dossier in memory. Each function takes the ``DossierRows``
of one connection and only adds queries to it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from tradetalks.keys import fold_name
from tradetalks.model import ArticleRecord, DossierTimex, Entity, Event
from tradetalks.store import row_reads
from tradetalks.store.row_reads import EVENT_ORDER, DossierRows
from tradetalks.store.rows import ARTICLE_COLS

#: The entity types an event's location can name (the ``held_in`` edge of the graph).
PLACE_TYPES = ("location", "country")


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def stream(rows: DossierRows, sql: str, params: Sequence[Any] = (), size: int | None = None) -> Iterator[list[Any]]:
    """The rows of one query, ``size`` (else ``row_reads.PAGE``) at a time, from one cursor that the database
    walks once (a server-side cursor on PostgreSQL inside a snapshot): a whole table in its order, sorted once,
    without the table in memory."""
    step = size or row_reads.PAGE
    query = sql.replace("?", rows.mark)
    if rows.mark == "?" or _idle(rows.conn):
        cursor = rows.conn.execute(query, tuple(params))
    else:
        cursor = rows.conn.cursor(name=f"scan_{uuid.uuid4().hex}")
        cursor.execute(query, tuple(params))
    try:
        while page := cursor.fetchmany(step):
            yield [tuple(r) for r in page]
    finally:
        cursor.close()


def _idle(conn: Any) -> bool:
    """Whether a PostgreSQL connection is outside a transaction (where no server-side cursor can live)."""
    from psycopg.pq import TransactionStatus

    return bool(conn.info.transaction_status == TransactionStatus.IDLE)


def timeline_pages(rows: DossierRows, size: int | None = None) -> Iterator[tuple[list[Event], dict[str, int]]]:
    """Every event in timeline order (day, part of day, ordinal, place), ``size`` events at a time, each page with
    its events' places in the dossier."""
    sql = f"SELECT e.id, e.pos FROM d_events e ORDER BY {EVENT_ORDER}"
    for part in stream(rows, sql, size=size):
        yield rows.events([i for i, _ in part]), {i: int(pos) for i, pos in part}


def dossier_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[Event]]:
    """Every event in dossier order, ``size`` events at a time."""
    for part in stream(rows, "SELECT id FROM d_events ORDER BY pos", size=size):
        yield rows.events([r[0] for r in part])


def article_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[ArticleRecord]]:
    """Every article record in dossier order, ``size`` at a time."""
    for part in stream(rows, f"SELECT {ARTICLE_COLS} FROM d_articles ORDER BY pos", size=size):
        yield [ArticleRecord(*r) for r in part]


def entity_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[Entity]]:
    """Every entity (titles and mentions included) in dossier order, ``size`` at a time."""
    for part in stream(rows, "SELECT id FROM d_entities ORDER BY pos", size=size):
        yield rows.entities([r[0] for r in part], mentions=True)


def timex_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[DossierTimex]]:
    """Every timex in dossier order, ``size`` at a time."""
    cols = "t.article, t.a_start, t.a_end, t.text, t.value, t.resolved_by, t.time_of_day"
    sql = f"SELECT {cols} FROM d_timexes t JOIN d_articles a ON a.id = t.article ORDER BY a.pos, t.n"
    for part in stream(rows, sql, size=size):  # each article's timexes in order, the articles in theirs
        yield [DossierTimex(*r) for r in part]


def entity_node_pages(rows: DossierRows, size: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every entity in dossier order as {id, type, name, name_en, side, aliases, mentions}, without its roles and
    mentions (``mentions`` is their stored count), ``size`` entities at a time."""
    sql = "SELECT id, type, name, name_en, side, aliases, mention_count FROM d_entities ORDER BY pos"
    keys = ("id", "type", "name", "name_en", "side", "aliases", "mentions")
    for part in stream(rows, sql, size=size):
        page = [dict(zip(keys, r, strict=True)) for r in part]
        for item in page:
            raw = item["aliases"]
            item["aliases"] = [] if raw == "[]" else list(_loads(raw))  # most have none: no decoding
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
    sql = f"SELECT id, name FROM d_entities WHERE type IN ({marks}) ORDER BY pos"
    for part in stream(rows, sql, PLACE_TYPES):
        for entity, name in part:
            if not fold_name(name):
                last = entity
    return last
