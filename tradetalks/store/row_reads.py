"""Reading the dossier's rows a piece at a time: the events a filter selects (one page of them), the entities and
article records those events name, the entities a folded name key finds. Nothing here reads the whole dossier.

The same SQL runs on SQLite and PostgreSQL; only the parameter mark differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tradetalks.model import VN_US_RECIPROCAL, ArticleRecord, Correction, DossierTimex, Entity, Event, Evidence
from tradetalks.store.codec import from_dict
from tradetalks.store.rows import (
    ARTICLE_COLS,
    ENTITY_COLS,
    ROLE_COLS,
    TIMEX_COLS,
    entities_from_rows,
    events_from_rows,
)
from tradetalks.talks_scope import THIRD_SIDE, talks_scope

#: Records per page when the whole dossier is streamed (export).
PAGE = 500
#: Ids per ``IN (...)`` list (SQLite allows 32,766 parameters; PostgreSQL 65,535).
CHUNK = 500
#: The order of the timeline: day, part of day, ordinal, the event's place in the dossier (as ``event_order``).
EVENT_ORDER = "coalesce(e.first_day, '9999'), e.tod, coalesce(e.ordinal, 0), e.pos"
#: From this many articles naming an entity, its latest ones are found by reading articles newest first.
MANY_ARTICLES = 1000
#: The columns of ``ROLE_COLS`` with no evidence (an empty list in its place).
ROLES_UNSOURCED = ROLE_COLS.replace("evidence", "'[]'")
#: The same order backwards (the latest events first).
EVENT_ORDER_DESC = "coalesce(e.first_day, '9999') DESC, e.tod DESC, coalesce(e.ordinal, 0) DESC, e.pos DESC"
#: People who take part in events of the Vietnam–US talks (``talk_people``), as a sub-query.
TALK_PEOPLE = (
    "SELECT tp.entity FROM d_participants tp JOIN d_events te ON te.id = tp.event "
    "JOIN d_entities tn ON tn.id = tp.entity AND tn.type = 'person' WHERE te.negotiation = ?"
)


def talks_condition(key: str) -> tuple[str, list[Any]]:
    """Rule in_talks as SQL over ``d_events e`` and its parameters: the negotiation's events, and events without
    a key in which one of its people takes part and that rule talks_related (``talks_scope.tsv``) ties to it."""
    scope = talks_scope(key)
    ties: list[str] = []
    params: list[Any] = [key, key]
    for a, b in scope.pairs:
        ties.append(
            "(EXISTS (SELECT 1 FROM d_participants s1 WHERE s1.event = e.id AND s1.side = ?) "
            "AND EXISTS (SELECT 1 FROM d_participants s2 WHERE s2.event = e.id AND s2.side = ?))"
        )
        params += [a, b]
    if scope.topics:
        marks = ", ".join("?" * len(scope.topics))
        ties.append(
            "(NOT EXISTS (SELECT 1 FROM d_participants s3 WHERE s3.event = e.id AND s3.side = ?) "
            f"AND EXISTS (SELECT 1 FROM d_event_topics t WHERE t.event = e.id AND t.topic IN ({marks})))"
        )
        params += [THIRD_SIDE, *scope.topics]
    if not ties:
        return "e.negotiation = ?", [key]
    related = " OR ".join(ties)
    # driven by the events of the talks' people (by index), then the ties checked within each event; "no key" is
    # written so that SQLite does not read all keyless events by the negotiation index instead (a key is never "")
    sql = (
        f"(e.negotiation = ? OR (e.id IN (SELECT p.event FROM d_participants p WHERE p.entity IN ({TALK_PEOPLE})) "
        f"AND coalesce(e.negotiation, '') = '' AND ({related})))"
    )
    return sql, params


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class DossierRows:
    """Queries over the dossier tables of one connection (``mark``: "?" for SQLite, "%s" for PostgreSQL)."""

    def __init__(self, conn: Any, mark: str):
        self.conn = conn
        self.mark = mark

    @contextmanager
    def snapshot(self) -> Iterator[DossierRows]:
        """Every query inside reads one state of the dossier, even while a rebuild commits meanwhile (a deferred
        transaction on SQLite's write-ahead log, REPEATABLE READ on PostgreSQL); nothing is written."""
        if self.mark == "?":
            if self.conn.in_transaction:
                yield self
                return
            self.conn.execute("BEGIN")
            try:
                yield self
            finally:
                self.conn.execute("COMMIT")
            return
        from psycopg.pq import TransactionStatus

        if self.conn.info.transaction_status != TransactionStatus.IDLE:
            yield self
            return
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield self

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(sql.replace("?", self.mark), tuple(params)).fetchall()]

    def _in(self, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``IN ({ids})`` is filled chunk by chunk (``params`` come before the ids)."""
        out: list[tuple[Any, ...]] = []
        for part in _chunks(list(dict.fromkeys(ids))):
            out.extend(self._rows(sql.format(ids=", ".join("?" * len(part))), [*params, *part]))
        return out

    # events ---------------------------------------------------------------
    def event_ids(self, where: str = "1 = 1", params: Sequence[Any] = ()) -> list[tuple[str, int, bool]]:
        """(id, place, dated) of the events ``where`` selects over ``d_events e``, in timeline order."""
        sql = f"SELECT e.id, e.pos, e.first_day IS NOT NULL FROM d_events e WHERE {where} ORDER BY {EVENT_ORDER}"
        return [(r[0], int(r[1]), bool(r[2])) for r in self._rows(sql, params)]

    def events(self, ids: Sequence[str]) -> list[Event]:
        """The events with these ids (evidence, participants and conflicts included), in the order given."""
        found = events_from_rows(
            self._in("SELECT id, data FROM d_events WHERE id IN ({ids})", ids),
            self._in(
                "SELECT event, article, a_start, a_end, quote FROM d_reports WHERE event IN ({ids}) ORDER BY event, n",
                ids,
            ),
            self._in(
                "SELECT event, entity, side, name FROM d_participants WHERE event IN ({ids}) ORDER BY event, n", ids
            ),
            self._in("SELECT event, data FROM d_conflicts WHERE event IN ({ids}) ORDER BY event, n", ids),
        )
        by_id = {e.id: e for e in found}
        return [by_id[i] for i in ids if i in by_id]

    def events_sourced_by(self, ids: Sequence[str]) -> list[Event]:
        """The events with these ids, in the order given, each report cut to the article it comes from (one per
        article, no quote) and no conflicts: for pages that count an event's sources and never quote them."""
        found = events_from_rows(
            self._in("SELECT id, data FROM d_events WHERE id IN ({ids})", ids),
            [
                (event, article, 0, 0, "")
                for event, article, _ in self._in(
                    "SELECT event, article, min(n) FROM d_reports WHERE event IN ({ids}) GROUP BY event, article "
                    "ORDER BY event, min(n)",
                    ids,
                )
            ],
            self._in(
                "SELECT event, entity, side, name FROM d_participants WHERE event IN ({ids}) ORDER BY event, n", ids
            ),
            [],
        )
        by_id = {e.id: e for e in found}
        return [by_id[i] for i in ids if i in by_id]

    def events_of_entity(self, entity_id: str) -> list[tuple[str, int, bool]]:
        """(id, place, dated) of the events an entity takes part in, in timeline order."""
        return self.event_ids("e.id IN (SELECT p.event FROM d_participants p WHERE p.entity = ?)", [entity_id])

    def article_spans(self, article_id: str) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, note) of every entity mention and event evidence in one article, in dossier order
        (as ``DossierIndex.spans_by_article``), by the article indexes."""
        mentions = self._rows(
            "SELECT m.a_start, m.a_end, e.type, e.name FROM d_mentions m JOIN d_entities e ON e.id = m.entity "
            "WHERE m.article = ? ORDER BY e.pos, m.n",
            [article_id],
        )
        reports = self._rows(
            "SELECT r.a_start, r.a_end, 'evidence', e.type FROM d_reports r JOIN d_events e ON e.id = r.event "
            "WHERE r.article = ? ORDER BY e.pos, r.n",
            [article_id],
        )
        return [(int(a), int(b), str(c), str(d)) for a, b, c, d in mentions + reports]

    def events_of_article(self, article_id: str) -> list[tuple[str, int, bool]]:
        """(id, place, dated) of the events an article is a source of, in dossier order."""
        found = self.event_ids("e.id IN (SELECT r.event FROM d_reports r WHERE r.article = ?)", [article_id])
        return sorted(found, key=lambda row: row[1])

    def count_negotiation(self, key: str) -> int:
        """How many events carry this negotiation key."""
        return int(self._rows("SELECT count(*) FROM d_events WHERE negotiation = ?", [key])[0][0])

    def negotiation_counts(self) -> dict[str, tuple[int, str | None]]:
        """Per negotiation key: its events and the first day of the latest dated one."""
        rows = self._rows(
            "SELECT negotiation, count(*), max(first_day) FROM d_events WHERE negotiation IS NOT NULL "
            "GROUP BY negotiation"
        )
        return {r[0]: (int(r[1]), r[2]) for r in rows}

    def count_where(self, where: str, params: Sequence[Any]) -> tuple[int, str | None]:
        """How many events ``where`` selects over ``d_events e``, and the first day of the latest dated one."""
        row = self._rows(f"SELECT count(*), max(e.first_day) FROM d_events e WHERE {where}", params)[0]
        return int(row[0]), row[1]

    def topics(self) -> list[str]:
        """Every topic of any event, sorted."""
        return sorted(r[0] for r in self._rows("SELECT DISTINCT topic FROM d_event_topics"))

    # the whole dossier, a page at a time ------------------------------------
    def _positions(self, table: str) -> Iterator[tuple[int, int]]:
        """[lo, hi) ranges of ``pos`` covering a table, PAGE positions each."""
        top = self._rows(f"SELECT coalesce(max(pos), -1) FROM {table}")[0][0]
        for lo in range(0, int(top) + 1, PAGE):
            yield lo, lo + PAGE

    def iter_articles(self) -> Iterator[ArticleRecord]:
        """Every article record in dossier order, a page at a time."""
        for lo, hi in self._positions("d_articles"):
            sql = f"SELECT {ARTICLE_COLS} FROM d_articles WHERE pos >= ? AND pos < ? ORDER BY pos"
            yield from (ArticleRecord(*r) for r in self._rows(sql, [lo, hi]))

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity (roles and mentions included) in dossier order, a page at a time."""
        for lo, hi in self._positions("d_entities"):
            ids = [
                r[0] for r in self._rows("SELECT id FROM d_entities WHERE pos >= ? AND pos < ? ORDER BY pos", [lo, hi])
            ]
            yield from self.entities(ids, mentions=True)

    def iter_events(self) -> Iterator[Event]:
        """Every event in dossier order, a page at a time."""
        for lo, hi in self._positions("d_events"):
            ids = [
                r[0] for r in self._rows("SELECT id FROM d_events WHERE pos >= ? AND pos < ? ORDER BY pos", [lo, hi])
            ]
            yield from self.events(ids)

    def iter_timexes(self) -> Iterator[DossierTimex]:
        """Every timex in dossier order, a page at a time."""
        for lo, hi in self._positions("d_articles"):  # an article's timexes in order, the articles in theirs
            sql = (
                f"SELECT {TIMEX_COLS} FROM d_timexes t JOIN d_articles a ON a.id = t.article "
                "WHERE a.pos >= ? AND a.pos < ? ORDER BY a.pos, t.n"
            )
            yield from (DossierTimex(*r) for r in self._rows(sql, [lo, hi]))

    def iter_corrections(self) -> Iterator[Correction]:
        """The editors' corrections with what the last rebuild did with each (few: read at once)."""
        for (data,) in self._rows("SELECT data FROM d_corrections ORDER BY pos", []):
            yield from_dict(Correction, json.loads(data) if isinstance(data, str) else data)

    def entity_page(self, type_: str | None, limit: int, offset: int) -> tuple[int, list[str]]:
        """(how many entities of the type, or of all types; the ids of one page of them in dossier order)."""
        where, params = ("type = ?", [type_]) if type_ else ("1 = 1", [])
        total = int(self._rows(f"SELECT count(*) FROM d_entities WHERE {where}", params)[0][0])
        sql = f"SELECT id FROM d_entities WHERE {where} ORDER BY pos LIMIT ? OFFSET ?"
        return total, [r[0] for r in self._rows(sql, [*params, limit, offset])]

    def article_page(self, limit: int, offset: int) -> tuple[int, list[ArticleRecord]]:
        """(how many article records; one page of them in dossier order)."""
        sql = f"SELECT {ARTICLE_COLS} FROM d_articles ORDER BY pos LIMIT ? OFFSET ?"
        return self.count("d_articles"), [ArticleRecord(*r) for r in self._rows(sql, [limit, offset])]

    def event_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many events each entity takes part in."""
        return {r[0]: int(r[1]) for r in self._in("SELECT id, event_count FROM d_entities WHERE id IN ({ids})", ids)}

    def count(self, table: str) -> int:
        """Rows in one of the dossier's tables."""
        return int(self._rows(f"SELECT count(*) FROM {table}")[0][0])

    # entities and articles ------------------------------------------------
    def entities(self, ids: Sequence[str], mentions: bool = False) -> list[Entity]:
        """The entities with these ids, with their roles (and mentions when asked), in dossier order."""
        rows = self._in(f"SELECT {ENTITY_COLS}, pos FROM d_entities WHERE id IN ({{ids}})", ids)
        rows.sort(key=lambda r: r[-1])
        roles = self._in(f"SELECT {ROLE_COLS} FROM d_roles WHERE entity IN ({{ids}}) ORDER BY entity, n", ids)
        found = []
        if mentions:
            found = self._in(
                "SELECT entity, article, a_start, a_end, text FROM d_mentions WHERE entity IN ({ids}) "
                "ORDER BY entity, n",
                ids,
            )
        return entities_from_rows([r[:-1] for r in rows], roles, found)

    def entities_unsourced(self, ids: Sequence[str]) -> list[Entity]:
        """The entities with these ids and their titles without the titles' evidence (no quotes decoded): what
        an event's participants need to be named with the title they held; in dossier order."""
        rows = self._in(f"SELECT {ENTITY_COLS}, pos FROM d_entities WHERE id IN ({{ids}})", ids)
        rows.sort(key=lambda r: r[-1])
        roles = self._in(f"SELECT {ROLES_UNSOURCED} FROM d_roles WHERE entity IN ({{ids}}) ORDER BY entity, n", ids)
        return entities_from_rows([r[:-1] for r in rows], roles, [])

    def weights(self, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """(type, mentions + events) of each entity: how prominent it is."""
        rows = self._in("SELECT id, type, mention_count + event_count FROM d_entities WHERE id IN ({ids})", ids)
        return {r[0]: (r[1], int(r[2])) for r in rows}

    def question_entities(self) -> list[tuple[str, int]]:
        """(id, mentions) of what a question can be answered about: every person, every participant of an event,
        every organisation of a title (places and other organisations no event or title names are left out)."""
        sql = (
            "SELECT id, mention_count FROM d_entities WHERE type = 'person' "
            "OR id IN (SELECT entity FROM d_participants) "
            "OR id IN (SELECT organization FROM d_roles WHERE organization IS NOT NULL) ORDER BY pos"
        )
        return [(r[0], int(r[1])) for r in self._rows(sql)]

    def entity_ids_by_key(self, key: str) -> list[str]:
        """The entities with this folded name key, in dossier order."""
        return [
            r[0]
            for r in self._rows(
                "SELECT n.entity FROM d_names n JOIN d_entities e ON e.id = n.entity WHERE n.key = ? ORDER BY e.pos",
                [key],
            )
        ]

    def name_keys(self) -> list[str]:
        """Every folded name key (the keys only), in the order of their first entity: for near spellings."""
        rows = self._rows(
            "SELECT n.key FROM d_names n JOIN d_entities e ON e.id = n.entity GROUP BY n.key ORDER BY min(e.pos), n.key"
        )
        return [r[0] for r in rows]

    def articles(self, ids: Sequence[str]) -> list[ArticleRecord]:
        """The dossier's records of these articles."""
        return [
            ArticleRecord(*r) for r in self._in(f"SELECT {ARTICLE_COLS} FROM d_articles WHERE id IN ({{ids}})", ids)
        ]

    # what one page shows, bounded ------------------------------------------
    def latest_event_ids(
        self, where: str, params: Sequence[Any], limit: int
    ) -> tuple[int, list[tuple[str, int, bool]]]:
        """(how many events ``where`` selects; the last ``limit`` of them in timeline order, as ``event_ids``):
        only the rows shown leave the database."""
        total = int(self._rows(f"SELECT count(*) FROM d_events e WHERE {where}", params)[0][0])
        sql = (
            f"SELECT e.id, e.pos, e.first_day IS NOT NULL FROM d_events e WHERE {where} "
            f"ORDER BY {EVENT_ORDER_DESC} LIMIT ?"
        )
        found = [(r[0], int(r[1]), bool(r[2])) for r in self._rows(sql, [*params, max(limit, 0)])]
        return total, found[::-1]

    def mention_counts(self, entity_id: str) -> tuple[int, int]:
        """(mentions of an entity, articles they are in), counted by the mention index."""
        sql = "SELECT count(*), count(DISTINCT article) FROM d_mentions WHERE entity = ?"
        mentions, articles = self._rows(sql, [entity_id])[0]
        return int(mentions), int(articles)

    def latest_mentioning_articles(self, entity_id: str, limit: int, mentioned_in: int) -> list[ArticleRecord]:
        """The records of the ``limit`` latest published articles that mention an entity (undated last), for an
        entity ``mentioned_in`` that many articles: few are read by the mention index and sorted; when there are
        ``MANY_ARTICLES`` or more, the articles are read newest first by the publication index until ``limit``
        of them mention it (about ``limit`` x all articles / ``mentioned_in`` look-ups either way)."""
        order = "published DESC NULLS LAST, pos DESC"
        if mentioned_in >= MANY_ARTICLES:
            mentions = "EXISTS (SELECT 1 FROM d_mentions m WHERE m.entity = ? AND m.article = a.id)"
        else:
            mentions = "a.id IN (SELECT m.article FROM d_mentions m WHERE m.entity = ?)"
        sql = f"SELECT {ARTICLE_COLS} FROM d_articles a WHERE {mentions} ORDER BY {order} LIMIT ?"
        return [ArticleRecord(*r) for r in self._rows(sql, [entity_id, max(limit, 0)])]

    def entity_titled(self, entity_id: str, max_sources: int, max_quotes: int) -> tuple[Entity, list[int]] | None:
        """An entity (no mentions) whose titles keep the evidence of only their first ``max_sources`` articles,
        ``max_quotes`` quotes each, and how many articles each title has in all (None for an unknown id); quotes
        past the bound are never built.

        Example: a title quoted 3 times in article a and once in b, read with (1, 2): two quotes of a; count 2.
        """
        found = self.entities_unsourced([entity_id])
        if not found:
            return None
        (entity,) = found
        totals = []
        rows = self._rows("SELECT evidence FROM d_roles WHERE entity = ? ORDER BY n", [entity_id])
        for role, (evidence,) in zip(entity.roles, rows, strict=True):
            items = json.loads(evidence) if isinstance(evidence, str) else evidence
            kept: dict[str, int] = {}
            counted: set[str] = set()
            for v in items:
                article = v["article"]
                counted.add(article)
                if article in kept or len(kept) < max_sources:
                    taken = kept.get(article, 0)
                    if taken < max_quotes:
                        kept[article] = taken + 1
                        role.evidence.append(Evidence(**v))
            totals.append(len(counted))
        return entity, totals

    def talks_where(self) -> tuple[str, list[str]]:
        """Rule in_talks for the Vietnam–US talks as a condition over ``d_events e`` and its parameters."""
        return talks_condition(VN_US_RECIPROCAL)
