"""The dossier as indexed rows, the same tables on SQLite and PostgreSQL: events with their reports (evidence),
participants, conflicts and topics; entities with their folded name keys, roles and mentions; the dossier's
article records (story and duplicate links) and timexes.

A rebuild replaces every row in one transaction (``write_rows``); readers load only what they show
(``store/row_reads.py``); ``load_rows`` rebuilds the whole ``Dossier`` for the export and other whole-dossier uses.
Every list keeps its order through a position column (``pos`` or ``n``), so the round trip is exact.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from tradetalks.keys import TIME_OF_DAY_ORDER, date_ceiling, date_floor, fold_name, is_dated
from tradetalks.model import (
    ArticleRecord,
    Conflict,
    Correction,
    Dossier,
    DossierTimex,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Participant,
    Role,
)
from tradetalks.store.codec import from_dict, to_dict

#: Migration 5 on both backends (before the backend's own statements that retire the single-value dossier).
ROWS_SCHEMA = """
CREATE TABLE d_articles (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, source TEXT NOT NULL, url TEXT, outlet TEXT, title TEXT,
    published TEXT, story TEXT, duplicate_of TEXT
);
CREATE INDEX d_articles_story ON d_articles(story);
CREATE TABLE d_events (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, type TEXT NOT NULL, negotiation TEXT, ordinal INTEGER,
    month TEXT, first_day TEXT, last_day TEXT, tod INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX d_events_block ON d_events(negotiation, type, month);
CREATE INDEX d_events_type ON d_events(type, month);
CREATE INDEX d_events_order ON d_events(first_day, tod, ordinal, pos);
CREATE TABLE d_reports (
    event TEXT NOT NULL, n INTEGER NOT NULL, article TEXT NOT NULL, a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL, quote TEXT NOT NULL, PRIMARY KEY (event, n)
);
CREATE INDEX d_reports_article ON d_reports(article);
CREATE TABLE d_participants (
    event TEXT NOT NULL, n INTEGER NOT NULL, entity TEXT NOT NULL, side TEXT, name TEXT, PRIMARY KEY (event, n)
);
CREATE INDEX d_participants_entity ON d_participants(entity);
CREATE TABLE d_conflicts (event TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (event, n));
CREATE TABLE d_event_topics (event TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (event, topic));
CREATE INDEX d_event_topics_topic ON d_event_topics(topic);
CREATE TABLE d_entities (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, side TEXT,
    aliases TEXT NOT NULL, mention_count INTEGER NOT NULL, event_count INTEGER NOT NULL
);
CREATE TABLE d_names (key TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (key, entity));
CREATE TABLE d_roles (
    entity TEXT NOT NULL, n INTEGER NOT NULL, title TEXT NOT NULL, organization TEXT, first_seen TEXT,
    last_seen TEXT, title_en TEXT, former INTEGER NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (entity, n)
);
CREATE TABLE d_mentions (
    entity TEXT NOT NULL, n INTEGER NOT NULL, article TEXT NOT NULL, a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (entity, n)
);
CREATE INDEX d_mentions_article ON d_mentions(article);
CREATE TABLE d_timexes (
    pos INTEGER PRIMARY KEY, article TEXT NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    text TEXT NOT NULL, value TEXT NOT NULL, resolved_by TEXT, time_of_day TEXT
);
CREATE INDEX d_timexes_article ON d_timexes(article);
CREATE TABLE d_corrections (pos INTEGER PRIMARY KEY, number INTEGER, status TEXT NOT NULL, data TEXT NOT NULL);
UPDATE dossier SET built_from = -1
"""

#: Migration 6 on both backends: what the pages read, by index alone (a person's events and articles, an
#: event's participants by side, the articles newest first).
PAGE_INDEXES = """
CREATE INDEX d_participants_entity_event ON d_participants(entity, event);
CREATE INDEX d_participants_event_side ON d_participants(event, side, entity);
CREATE INDEX d_mentions_entity_article ON d_mentions(entity, article);
CREATE INDEX d_articles_published ON d_articles(published, pos);
"""

#: Migration 8 on both backends: the holders of a title, looked up by title or English title (ask's title
#: questions), not by a scan.
ROLE_TITLE_INDEXES = """
CREATE INDEX d_roles_title ON d_roles(title, entity);
CREATE INDEX d_roles_title_en ON d_roles(title_en, entity);
"""

TABLES = (
    "d_articles",
    "d_events",
    "d_reports",
    "d_participants",
    "d_conflicts",
    "d_event_topics",
    "d_entities",
    "d_names",
    "d_roles",
    "d_mentions",
    "d_timexes",
    "d_corrections",
)
#: The event fields kept in ``d_events.data``; the lists of records have tables of their own.
_EVENT_LISTS = ("evidence", "participants", "conflicts")
Clean = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def event_columns(event: Event) -> tuple[str | None, str | None, str | None, int]:
    """(month, first day, last day, part-of-day rank) of an event: the blocking key's month and the order.

    E.g. start "2025-11-12", end "2025-11-14" -> ("2025-11", "2025-11-12", "2025-11-14", 0).
    """
    if not is_dated(event.start):
        return None, None, None, TIME_OF_DAY_ORDER.get(event.time_of_day, 0)
    start = event.start or ""
    last = date_ceiling((event.end if is_dated(event.end) else start) or "")
    month = start[:7] if len(start) >= 7 else None
    return month, date_floor(start), last, TIME_OF_DAY_ORDER.get(event.time_of_day, 0)


def name_keys(entity: Entity) -> set[str]:
    """The folded keys an entity is found by: its name, English name and aliases."""
    return {k for k in (fold_name(n) for n in {entity.name, entity.name_en or "", *entity.aliases}) if k}


def dossier_rows(dossier: Dossier) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows for a dossier (events without an id get "ev<place>", as readers always named them)."""
    return {table: list(rows) for table, rows in dossier_row_iters(dossier)}


def dossier_row_iters(dossier: Dossier) -> Iterator[tuple[str, Iterator[tuple[Any, ...]]]]:
    """Each table (in ``TABLES`` order) with its rows, made one at a time as they are written (a rebuild of a large
    store never holds them all); each table's iterator is to be used up before the next table is asked for."""
    yield "d_articles", _article_rows(dossier)
    ids = [ev.id or f"ev{pos + 1}" for pos, ev in enumerate(dossier.events)]
    yield "d_events", _event_rows(dossier.events, ids)
    pairs = list(zip(ids, dossier.events, strict=True))
    yield (
        "d_reports",
        ((eid, n, v.article, v.start, v.end, v.quote) for eid, ev in pairs for n, v in enumerate(ev.evidence)),
    )
    yield (
        "d_participants",
        ((eid, n, p.entity, p.side, p.name) for eid, ev in pairs for n, p in enumerate(ev.participants)),
    )
    yield "d_conflicts", ((eid, n, _dumps(to_dict(c))) for eid, ev in pairs for n, c in enumerate(ev.conflicts))
    yield "d_event_topics", ((eid, topic) for eid, ev in pairs for topic in dict.fromkeys(ev.topics))
    yield "d_entities", _entity_rows(dossier)
    yield "d_names", ((key, e.id) for e in dossier.entities for key in sorted(name_keys(e)))
    yield "d_roles", _role_rows(dossier.entities)
    yield (
        "d_mentions",
        ((e.id, n, m.article, m.start, m.end, m.text) for e in dossier.entities for n, m in enumerate(e.mentions)),
    )
    yield "d_timexes", iter(timex_rows(dossier.timexes))
    yield (
        "d_corrections",
        (  # what the last rebuild did with each editor's correction
            (pos, fix.id, fix.status, _dumps(to_dict(fix))) for pos, fix in enumerate(dossier.corrections)
        ),
    )


def _article_rows(dossier: Dossier) -> Iterator[tuple[Any, ...]]:
    for pos, a in enumerate(dossier.articles):
        yield (a.id, pos, a.source, a.url, a.outlet, a.title, a.published, a.story, a.duplicate_of)


def _event_rows(events: Sequence[Event], ids: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    for pos, (eid, ev) in enumerate(zip(ids, events, strict=True)):
        data = {k: v for k, v in to_dict(ev).items() if k not in _EVENT_LISTS}
        data["id"] = eid
        yield (eid, pos, ev.type, ev.negotiation, ev.ordinal, *event_columns(ev), _dumps(data))


def _entity_rows(dossier: Dossier) -> Iterator[tuple[Any, ...]]:
    events_of: dict[str, int] = {}
    for ev in dossier.events:
        for entity in {p.entity for p in ev.participants}:
            events_of[entity] = events_of.get(entity, 0) + 1
    for pos, e in enumerate(dossier.entities):
        yield (e.id, pos, e.type, e.name, e.name_en, e.side, _dumps(e.aliases), len(e.mentions), events_of.get(e.id, 0))


def _role_rows(entities: Sequence[Entity]) -> Iterator[tuple[Any, ...]]:
    for e in entities:
        for n, r in enumerate(e.roles):
            evidence = _dumps(to_dict(r.evidence))
            yield (e.id, n, r.title, r.organization, r.first_seen, r.last_seen, r.title_en, int(r.former), evidence)


def timex_rows(timexes: Iterable[DossierTimex]) -> list[tuple[Any, ...]]:
    """``d_timexes`` rows: each article's timexes numbered in dossier order (the dossier lists them by article,
    in the articles' order, so an article's rows never move when another article is added)."""
    seen: dict[str, int] = {}
    rows = []
    for t in timexes:
        n = seen[t.article] = seen.get(t.article, -1) + 1
        rows.append((t.article, n, t.start, t.end, t.text, t.value, t.resolved_by, t.time_of_day))
    return rows


def write_rows(cur: Any, mark: str, dossier: Dossier, clean: Clean = _same) -> None:
    """Replace every dossier row (inside the caller's transaction); ``clean`` fixes text values for the backend.
    Rows are made as they are written (``dossier_row_iters``), never all held at once."""
    for table in TABLES:
        cur.execute(f"DELETE FROM {table}")
    for table, rows in dossier_row_iters(dossier):
        insert_rows(cur, mark, table, rows, clean)


def replace_all(
    cur: Any,
    mark: str,
    dossier: Dossier,
    keys: Iterable[tuple[str, str, str]],
    order: Iterable[tuple[str, str, str]],
    clean: Clean = _same,
    indexes: Sequence[tuple[str, str]] = (),
) -> None:
    """A full rebuild's writes, inside the caller's transaction: every dossier row, resolution key (``r_keys``) and
    order key (``r_order``) replaced. ``indexes`` (name, CREATE statement) are dropped before the rows go in and
    made again after, from the rows in bulk, instead of kept up to date row by row (SQLite: its readers keep
    reading their snapshot meanwhile)."""
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    write_rows(cur, mark, dossier, clean)
    for table, rows in (("r_keys", keys), ("r_order", order)):
        cur.execute(f"DELETE FROM {table}")
        insert_rows(cur, mark, table, rows, clean)
    for _, create in indexes:
        cur.execute(create)


def insert_rows(cur: Any, mark: str, table: str, rows: Iterable[tuple[Any, ...]], clean: Clean = _same) -> None:
    """INSERT every row of ``rows`` (an iterator is used once, never listed) into ``table``, values through
    ``clean`` unless it leaves them as they are."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return
    marks = ", ".join([mark] * len(first))
    todo: Iterable[tuple[Any, ...]] = itertools.chain([first], it)
    if clean is not _same:
        todo = (tuple(clean(v) for v in row) for row in todo)
    cur.executemany(f"INSERT INTO {table} VALUES ({marks})", todo)


# reading back ------------------------------------------------------------------------------------------------
def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def events_from_rows(
    rows: Sequence[tuple[Any, ...]],
    reports: Iterable[tuple[Any, ...]],
    participants: Iterable[tuple[Any, ...]],
    conflicts: Iterable[tuple[Any, ...]],
) -> list[Event]:
    """Events from ``d_events`` (id, data) rows and their lists' rows (event first, in ``n`` order)."""
    events: dict[str, Event] = {}
    for eid, data in rows:
        fields = _loads(data)
        events[eid] = from_dict(Event, {**fields, "evidence": [], "participants": [], "conflicts": []})
    for eid, article, start, end, quote in reports:
        events[eid].evidence.append(Evidence(article, start, end, quote))
    for eid, entity, side, name in participants:
        events[eid].participants.append(Participant(entity, side, name))
    for eid, data in conflicts:
        events[eid].conflicts.append(from_dict(Conflict, _loads(data)))
    return list(events.values())


def entities_from_rows(
    rows: Sequence[tuple[Any, ...]], roles: Iterable[tuple[Any, ...]], mentions: Iterable[tuple[Any, ...]]
) -> list[Entity]:
    """Entities from ``d_entities`` (id, type, name, name_en, side, aliases) rows, roles and mentions (entity
    first, in ``n`` order)."""
    entities: dict[str, Entity] = {}
    for eid, type_, name, name_en, side, aliases in rows:
        entities[eid] = Entity(eid, type_, name, name_en, list(_loads(aliases)), [], [], side)
    for eid, title, org, first, last, title_en, former, evidence in roles:
        found = [Evidence(**v) for v in _loads(evidence)]
        entities[eid].roles.append(Role(title, org, first, last, found, title_en, bool(former)))
    for eid, article, start, end, text in mentions:
        entities[eid].mentions.append(EntityMention(article, start, end, text))
    return list(entities.values())


ENTITY_COLS = "id, type, name, name_en, side, aliases"
ROLE_COLS = "entity, title, organization, first_seen, last_seen, title_en, former, evidence"
ARTICLE_COLS = "id, source, url, outlet, title, published, story, duplicate_of"
TIMEX_COLS = "t.article, t.a_start, t.a_end, t.text, t.value, t.resolved_by, t.time_of_day"


def load_rows(conn: Any) -> Dossier:
    """The whole dossier from its rows (for the export and the few uses that need all of it)."""
    q = conn.execute
    events = events_from_rows(
        q("SELECT id, data FROM d_events ORDER BY pos").fetchall(),
        q("SELECT event, article, a_start, a_end, quote FROM d_reports ORDER BY event, n").fetchall(),
        q("SELECT event, entity, side, name FROM d_participants ORDER BY event, n").fetchall(),
        q("SELECT event, data FROM d_conflicts ORDER BY event, n").fetchall(),
    )
    entities = entities_from_rows(
        q(f"SELECT {ENTITY_COLS} FROM d_entities ORDER BY pos").fetchall(),
        q(f"SELECT {ROLE_COLS} FROM d_roles ORDER BY entity, n").fetchall(),
        q("SELECT entity, article, a_start, a_end, text FROM d_mentions ORDER BY entity, n").fetchall(),
    )
    articles = [ArticleRecord(*r) for r in q(f"SELECT {ARTICLE_COLS} FROM d_articles ORDER BY pos").fetchall()]
    timexes = [
        DossierTimex(*r)
        for r in q(
            f"SELECT {TIMEX_COLS} FROM d_timexes t JOIN d_articles a ON a.id = t.article ORDER BY a.pos, t.n"
        ).fetchall()
    ]
    corrections = [
        from_dict(Correction, _loads(r[0])) for r in q("SELECT data FROM d_corrections ORDER BY pos").fetchall()
    ]
    return Dossier(articles, entities, events, timexes, corrections)
