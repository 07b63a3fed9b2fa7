"""Resolution keys and order keys as rows, and the partial replacement of the dossier's rows.

``r_keys`` holds, for every resolved article, the keys under which resolution may join it to another article
(kind, key, article): event blocks, entity name keys, MinHash LSH bands (``resolve/resolution_keys.py``). An
incremental update looks up the stored articles sharing keys with the new ones by index, never by a scan.
``r_order`` holds each article's and event's place in the dossier as a sortable text (``okey``), so positions
are renumbered from the first place that changed only. Timexes are numbered within their article (migration 7),
so adding an article never renumbers another article's timexes.

``apply_change`` replaces the rows of the articles, events and entities one incremental resolution touched, in
the caller's transaction, on SQLite and PostgreSQL alike (``mark`` "?" or "%s").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradetalks.model import Dossier, Entity
from tradetalks.store.base import StoreError
from tradetalks.store.codec import to_dict
from tradetalks.store.mention_rows import place_mentions
from tradetalks.store.positions import Placer, pending
from tradetalks.store.row_reads import DossierRows
from tradetalks.store.rows import Clean, _dumps, _same, dossier_rows, name_keys


def keys_schema(collate: str) -> str:
    """Migration 7 on both backends (``collate``: how ``okey`` compares byte-wise, "" on SQLite)."""
    return f"""
CREATE TABLE r_keys (kind TEXT NOT NULL, key TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (kind, key, article));
CREATE INDEX r_keys_article ON r_keys(article);
CREATE TABLE r_order (tbl TEXT NOT NULL, id TEXT NOT NULL, okey TEXT {collate} NOT NULL, PRIMARY KEY (tbl, id));
CREATE INDEX r_order_key ON r_order(tbl, okey);
DROP TABLE d_timexes;
CREATE TABLE d_timexes (
    article TEXT NOT NULL, n INTEGER NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    text TEXT NOT NULL, value TEXT NOT NULL, resolved_by TEXT, time_of_day TEXT, PRIMARY KEY (article, n)
);
UPDATE dossier SET built_from = -1
"""


#: Migration 9 on both backends: what an incremental update looks up besides its keys: a stored entity's name
#: keys by entity, and the rows from a position on (store/positions.py).
UPDATE_INDEXES = """
CREATE INDEX d_names_entity ON d_names(entity);
CREATE INDEX d_articles_pos ON d_articles(pos);
CREATE INDEX d_events_pos ON d_events(pos);
CREATE INDEX d_entities_pos ON d_entities(pos);
"""

KeyRow = tuple[str, str, str]  # (kind, key, article)
OrderRow = tuple[str, str, str]  # (table "a" or "e", id, okey)


@dataclass(slots=True)
class Resolution:
    """What a resolution stores beside the dossier: each article's keys and each article's and event's order key."""

    keys: list[KeyRow] = field(default_factory=list)
    order: list[OrderRow] = field(default_factory=list)


@dataclass(slots=True)
class RowChange:
    """The rows one incremental resolution replaces.

    ``articles``: the articles re-resolved (their article records, timexes, mentions, keys are replaced);
    ``part``: the dossier of those articles (events and entities wholly theirs); ``hubs``: entities that also
    have mentions outside ``articles``, each with its mentions inside them and its roles merged (kept under their
    id); ``drop_events`` / ``drop_entities``: the old records the part replaces.
    """

    articles: list[str]
    part: Dossier
    resolution: Resolution
    hubs: list[Entity] = field(default_factory=list)
    drop_events: list[str] = field(default_factory=list)
    drop_entities: list[str] = field(default_factory=list)
    based_on: int | None = None  # the revision the stored dossier was built from when the change was computed


class DossierMoved(StoreError):
    """The stored dossier changed while an incremental resolution was computed from it (another writer)."""


def check_base(cur: Any, mark: str, change: RowChange) -> None:
    """Raise DossierMoved unless the stored dossier is still the one the change was computed from."""
    row = cur.execute("SELECT built_from FROM dossier WHERE id = 1").fetchone()
    if change.based_on is not None and (row is None or int(row[0]) != change.based_on):
        raise DossierMoved("the dossier was written by another process meanwhile")


def write_resolution(cur: Any, mark: str, res: Resolution) -> None:
    """Replace every key and order row (a full rebuild, inside its transaction)."""
    cur.execute("DELETE FROM r_keys")
    cur.execute("DELETE FROM r_order")
    _insert(cur, mark, "r_keys", res.keys)
    _insert(cur, mark, "r_order", res.order)


def _insert(cur: Any, mark: str, table: str, rows: Sequence[tuple[Any, ...]], clean: Clean = _same) -> None:
    if rows:
        marks = ", ".join([mark] * len(rows[0]))
        cur.executemany(f"INSERT INTO {table} VALUES ({marks})", [tuple(clean(v) for v in r) for r in rows])


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _delete_in(cur: Any, mark: str, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> None:
    for part in _chunks(list(ids)):
        cur.execute(sql.format(ids=", ".join([mark] * len(part))), (*params, *part))


def _select_in(cur: Any, mark: str, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for part in _chunks(list(dict.fromkeys(ids))):
        out.extend(tuple(r) for r in cur.execute(sql.format(ids=", ".join([mark] * len(part))), (*params, *part)))
    return out


def apply_change(cur: Any, mark: str, change: RowChange, clean: Clean = _same, collate: str = "") -> None:
    """Replace the rows ``change`` covers; the rows written again take back their positions or free ones between
    their neighbours (``store/positions.py``; ``collate``: the clause that makes ids compare byte-wise, "" on
    SQLite)."""
    arts = change.articles
    new_ids = {e.id for e in change.part.entities}
    hub_ids = [h.id for h in change.hubs]
    dropped = sorted(set(change.drop_entities) | new_ids)
    placers = {
        "d_articles": Placer(cur, mark, "d_articles", "a"),
        "d_events": Placer(cur, mark, "d_events", "e"),
        "d_entities": Placer(cur, mark, "d_entities", None, collate),
    }
    placers["d_articles"].save(arts)
    placers["d_events"].save(change.drop_events)
    placers["d_entities"].save(dropped)
    # entities whose event counts move: the participants of the events dropped and of those added
    counted = {
        r[0]
        for r in _select_in(cur, mark, "SELECT entity FROM d_participants WHERE event IN ({ids})", change.drop_events)
    }
    for table, col in (
        ("d_reports", "event"),
        ("d_participants", "event"),
        ("d_conflicts", "event"),
        ("d_event_topics", "event"),
        ("d_events", "id"),
    ):
        _delete_in(cur, mark, f"DELETE FROM {table} WHERE {col} IN ({{ids}})", change.drop_events)
    _delete_in(cur, mark, "DELETE FROM r_order WHERE tbl = 'e' AND id IN ({ids})", change.drop_events)
    for table, col in (("d_entities", "id"), ("d_names", "entity"), ("d_roles", "entity"), ("d_mentions", "entity")):
        _delete_in(cur, mark, f"DELETE FROM {table} WHERE {col} IN ({{ids}})", dropped)
    for table in ("d_timexes", "r_keys"):
        _delete_in(cur, mark, f"DELETE FROM {table} WHERE article IN ({{ids}})", arts)
    for hub_id in hub_ids:  # the hubs' mentions in these articles (a hub left out keeps its rows as they are)
        _delete_in(cur, mark, f"DELETE FROM d_mentions WHERE entity = {mark} AND article IN ({{ids}})", arts, [hub_id])
    _delete_in(cur, mark, "DELETE FROM d_articles WHERE id IN ({ids})", arts)
    _delete_in(cur, mark, "DELETE FROM r_order WHERE tbl = 'a' AND id IN ({ids})", arts)

    rows = dossier_rows(change.part)
    rows.pop("d_corrections")
    for table, table_rows in rows.items():
        if table in placers:  # placed below
            table_rows = [(r[0], pending(r[1]), *r[2:]) for r in table_rows]
        _insert(cur, mark, table, table_rows, clean)
    _insert(cur, mark, "r_keys", change.resolution.keys, clean)
    _insert(cur, mark, "r_order", change.resolution.order, clean)
    okeys = {aid: okey for t, aid, okey in change.resolution.order if t == "a"}
    for hub in change.hubs:
        _merge_hub(cur, mark, hub, okeys, clean)
    counted |= {p.entity for ev in change.part.events for p in ev.participants} | new_ids | set(hub_ids)
    _recount(cur, mark, sorted(counted))

    placers["d_articles"].place([(i, o) for t, i, o in change.resolution.order if t == "a"])
    placers["d_events"].place([(i, o) for t, i, o in change.resolution.order if t == "e"])
    placers["d_entities"].place([(e.id, e.id) for e in change.part.entities])
    stories = cur.execute("SELECT count(DISTINCT story) FROM d_articles").fetchone()[0]
    cur.execute(
        "UPDATE dossier SET entities = (SELECT count(*) FROM d_entities), events = (SELECT count(*) FROM d_events), "
        f"stories = {mark} WHERE id = 1",
        (stories,),
    )


def _merge_hub(cur: Any, mark: str, hub: Entity, okeys: dict[str, str], clean: Clean) -> None:
    """An entity with mentions outside the re-resolved articles: its mentions inside them (placed among the others
    by their articles' order keys ``okeys``), roles and names."""
    q = mark
    place_mentions(cur, mark, hub.id, hub.mentions, okeys, clean)
    cur.execute(f"DELETE FROM d_roles WHERE entity = {q}", (hub.id,))
    roles = [
        (
            hub.id,
            n,
            r.title,
            r.organization,
            r.first_seen,
            r.last_seen,
            r.title_en,
            int(r.former),
            _dumps(to_dict(r.evidence)),
        )
        for n, r in enumerate(hub.roles)
    ]
    _insert(cur, mark, "d_roles", roles, clean)
    cur.execute(f"DELETE FROM d_names WHERE entity = {q}", (hub.id,))
    _insert(cur, mark, "d_names", [(k, hub.id) for k in sorted(name_keys(hub))], clean)
    cur.execute(f"UPDATE d_entities SET aliases = {q} WHERE id = {q}", (clean(_dumps(hub.aliases)), hub.id))


def _recount(cur: Any, mark: str, ids: Sequence[str]) -> None:
    """Mentions and events of these entities counted again from their rows."""
    for part in _chunks(list(ids)):
        marks = ", ".join([mark] * len(part))
        cur.execute(
            "UPDATE d_entities SET mention_count = (SELECT count(*) FROM d_mentions m WHERE m.entity = d_entities.id), "
            "event_count = (SELECT count(DISTINCT p.event) FROM d_participants p WHERE p.entity = d_entities.id) "
            f"WHERE id IN ({marks})",
            tuple(part),
        )


class ResolutionReads:
    """The look-ups an incremental resolution makes, each by an index (``mark`` as in ``apply_change``)."""

    def __init__(self, conn: Any, mark: str):
        self.conn = conn
        self.mark = mark

    def _in(self, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return _select_in(self.conn, self.mark, sql, ids, params)

    def keys_of(self, articles: Sequence[str]) -> list[KeyRow]:
        """The stored keys of these articles."""
        return [
            (r[0], r[1], r[2])
            for r in self._in("SELECT kind, key, article FROM r_keys WHERE article IN ({ids})", articles)
        ]

    def sharing(self, kind: str, key: str, limit: int) -> list[str]:
        """Up to ``limit`` articles stored under one key (a caller asking limit + 1 learns the key is common)."""
        q = self.mark
        rows = self.conn.execute(
            f"SELECT article FROM r_keys WHERE kind = {q} AND key = {q} ORDER BY article LIMIT {q}", (kind, key, limit)
        ).fetchall()
        return [r[0] for r in rows]

    def key_counts(self, kind: str, key: str | None, articles: Sequence[str] | None) -> dict[str, int]:
        """Articles per key of one kind (one ``key``, or every key), of ``articles`` only (or of all)."""
        q = self.mark
        where, params = (f"kind = {q}", [kind]) if key is None else (f"kind = {q} AND key = {q}", [kind, key])
        if articles is None:
            sql = f"SELECT key, count(*) FROM r_keys WHERE {where} GROUP BY key"
            return {r[0]: int(r[1]) for r in self.conn.execute(sql, params).fetchall()}
        out: dict[str, int] = {}
        for r in self._in(f"SELECT key FROM r_keys WHERE {where} AND article IN ({{ids}})", articles, params):
            out[r[0]] = out.get(r[0], 0) + 1
        return out

    def person_names(self, kind: str, key: str, outside: Sequence[str], limit: int) -> dict[str, str]:
        """Person entity -> name of every person named in up to ``limit`` articles stored under one key, other than
        ``outside``."""
        q = self.mark
        rows = self.conn.execute(
            f"SELECT article FROM r_keys WHERE kind = {q} AND key = {q} ORDER BY article LIMIT {q}",
            (kind, key, limit + len(outside)),
        ).fetchall()
        arts = [r[0] for r in rows if r[0] not in set(outside)][:limit]
        found = self._in(
            "SELECT DISTINCT e.id, e.name FROM d_mentions m JOIN d_entities e ON e.id = m.entity "
            "WHERE m.article IN ({ids}) AND e.type = 'person'",
            arts,
        )
        return {r[0]: r[1] for r in found}

    def event_articles(self, articles: Sequence[str]) -> set[str]:
        """Every source of the events these articles report."""
        return {
            r[0]
            for r in self._in(
                "SELECT DISTINCT b.article FROM d_reports a JOIN d_reports b ON b.event = a.event "
                "WHERE a.article IN ({ids})",
                articles,
            )
        }

    def events_of(self, articles: Sequence[str]) -> set[str]:
        return {r[0] for r in self._in("SELECT DISTINCT event FROM d_reports WHERE article IN ({ids})", articles)}

    def story_articles(self, articles: Sequence[str], limit: int) -> tuple[set[str], dict[str, str]]:
        """Every article of the stories of at most ``limit`` articles these articles belong to (copies of one
        text are always in one story), and the larger stories of the others (article -> story)."""
        found = self._in("SELECT id, story FROM d_articles WHERE id IN ({ids})", articles)
        stories = sorted({r[1] for r in found if r[1]})
        sizes = dict(self._in("SELECT story, count(*) FROM d_articles WHERE story IN ({ids}) GROUP BY story", stories))
        small = [st for st in stories if int(sizes.get(st, 0)) <= limit]
        large = {r[0]: r[1] for r in found if r[1] and int(sizes.get(r[1], 0)) > limit}
        return {r[0] for r in self._in("SELECT id FROM d_articles WHERE story IN ({ids})", small)}, large

    def mentions_in(self, articles: Sequence[str]) -> dict[tuple[str, int], tuple[str, int, str]]:
        """(article, start) -> (entity, end, text) of every stored mention in these articles."""
        rows = self._in(
            "SELECT article, a_start, entity, a_end, text FROM d_mentions WHERE article IN ({ids})", articles
        )
        return {(r[0], int(r[1])): (r[2], int(r[3]), r[4]) for r in rows}

    def mentions_outside(self, entities: Sequence[str], articles: Sequence[str]) -> dict[str, int]:
        """How many mentions each entity has in articles other than these."""
        counts = {
            r[0]: int(r[1])
            for r in self._in(
                "SELECT entity, count(*) FROM d_mentions WHERE entity IN ({ids}) GROUP BY entity", entities
            )
        }
        inside = {
            r[0]: int(r[1])
            for r in self._in(
                "SELECT entity, count(*) FROM d_mentions WHERE article IN ({ids}) GROUP BY entity", articles
            )
        }
        return {e: counts.get(e, 0) - inside.get(e, 0) for e in entities}

    def existing(self, entities: Sequence[str]) -> set[str]:
        return {r[0] for r in self._in("SELECT id FROM d_entities WHERE id IN ({ids})", entities)}

    def by_name(self, key: str, type_: str) -> list[str]:
        """Entities of a type with this folded name key."""
        q = self.mark
        rows = self.conn.execute(
            f"SELECT n.entity FROM d_names n JOIN d_entities e ON e.id = n.entity WHERE n.key = {q} AND e.type = {q} "
            "ORDER BY n.entity",
            (key, type_),
        ).fetchall()
        return [r[0] for r in rows]

    def order_keys(self, articles: Sequence[str]) -> dict[str, str]:
        return dict(self._in("SELECT id, okey FROM r_order WHERE tbl = 'a' AND id IN ({ids})", articles))

    def existing_events(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._in("SELECT id FROM d_events WHERE id IN ({ids})", ids)}

    def keyed(self) -> bool:
        """Whether every article of the dossier has its order key (the last full rebuild wrote the keys)."""
        a = self.conn.execute("SELECT count(*) FROM d_articles").fetchone()[0]
        return bool(a) and a == self.conn.execute("SELECT count(*) FROM r_order WHERE tbl = 'a'").fetchone()[0]

    def entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        """Stored entities with their roles (their mentions are left in their rows)."""
        return {e.id: e for e in DossierRows(self.conn, self.mark).entities(ids)}

    def organization(self, key: str) -> str | None:
        """The first (by id) organisation, country or place with this folded name key, if any."""
        q = self.mark
        row = self.conn.execute(
            f"SELECT min(n.entity) FROM d_names n JOIN d_entities e ON e.id = n.entity WHERE n.key = {q} "
            "AND e.type <> 'person'",
            (key,),
        ).fetchone()
        return row[0] if row else None

    def article_dates(self, articles: Sequence[str]) -> dict[str, tuple[str, str]]:
        """When each article speaks (as ``resolve.article_dates``): its publication date, else the first and
        last day of the dated events it reports."""
        from tradetalks.resolve.dates import parse_range

        out: dict[str, tuple[str, str]] = {}
        rest = []
        for aid, published in self._in("SELECT id, published FROM d_articles WHERE id IN ({ids})", articles):
            try:
                date.fromisoformat(published or "")
                out[aid] = (published, published)
            except ValueError:
                rest.append(aid)
        sql = "SELECT r.article, e.data FROM d_reports r JOIN d_events e ON e.id = r.event WHERE r.article IN ({ids})"
        seen: dict[str, list[str]] = {}
        for aid, data in self._in(sql, rest):
            fields = json.loads(data) if isinstance(data, str) else data
            rng = parse_range(fields.get("start"), fields.get("end"))
            days = rng.days() if rng is not None and rng.has_year else None
            if days is not None:
                seen.setdefault(aid, []).extend([days[0].isoformat(), days[1].isoformat()])
        out.update({aid: (min(v), max(v)) for aid, v in seen.items()})
        return out

    def former_titles(self, articles: Sequence[str]) -> set[tuple[str, int]]:
        """(article, start) of the titles told as former in these articles ("f" keys)."""
        return {
            (r[0], int(r[1]))
            for r in self._in("SELECT article, key FROM r_keys WHERE kind = 'f' AND article IN ({ids})", articles)
        }

    def rounds(self, type_: str, negotiation: str) -> list[tuple[str, int, str | None, str | None]]:
        """(id, ordinal, start, end) of the stored dated, numbered events of one type and negotiation."""
        q = self.mark
        rows = self.conn.execute(
            f"SELECT id, ordinal, data FROM d_events WHERE type = {q} AND negotiation = {q} AND ordinal IS NOT NULL "
            "AND first_day IS NOT NULL",
            (type_, negotiation),
        ).fetchall()
        return [(r[0], int(r[1]), *_span(r[2])) for r in rows]

    def dated_events_of(self, people: Sequence[str]) -> list[tuple[str, str, str | None, str | None]]:
        """(event id, person, start, end) of the stored dated events these people take part in."""
        rows = self._in(
            "SELECT e.id, p.entity, e.data FROM d_participants p JOIN d_events e ON e.id = p.event "
            "WHERE e.first_day IS NOT NULL AND p.entity IN ({ids})",
            people,
        )
        return [(r[0], r[1], *_span(r[2])) for r in rows]

    def outside_articles(self, articles: Sequence[str]) -> int:
        """How many stored articles are not among these."""
        total = self.conn.execute("SELECT count(*) FROM d_articles").fetchone()[0]
        return int(total) - len(self._in("SELECT id FROM d_articles WHERE id IN ({ids})", articles))

    def outside_week(self, week: int, articles: Sequence[str]) -> int:
        """How many stored articles other than these a story dates in this week ("w" keys)."""
        q = self.mark
        total = self.conn.execute(f"SELECT count(*) FROM r_keys WHERE kind = 'w' AND key = {q}", (str(week),))
        inside = self._in(
            f"SELECT article FROM r_keys WHERE kind = 'w' AND key = {q} AND article IN ({{ids}})", articles, [str(week)]
        )
        return int(total.fetchone()[0]) - len(inside)

    def outside_naming(self, entity: str, week: int | None, articles: Sequence[str]) -> int:
        """How many stored articles other than these name the entity (in that week)."""
        q = self.mark
        join = "" if week is None else f"JOIN r_keys k ON k.article = m.article AND k.kind = 'w' AND k.key = {q} "
        head = [] if week is None else [str(week)]
        sql = f"SELECT DISTINCT m.article FROM d_mentions m {join}WHERE m.entity = {q}"
        counted = f"SELECT COUNT(DISTINCT m.article) FROM d_mentions m {join}WHERE m.entity = {q}"
        total = int(self.conn.execute(counted, (*head, entity)).fetchone()[0])
        inside = self._in(sql + " AND m.article IN ({ids})", articles, [*head, entity])
        return total - len({r[0] for r in inside})


def _span(data: Any) -> tuple[str | None, str | None]:
    fields = json.loads(data) if isinstance(data, str) else data
    return fields.get("start"), fields.get("end")
