"""The queries ``ask`` reads a question's part of the dossier with: people by folded name key or last name, the
titles held, who holds some titles, and where entities stand in the dossier. Each takes the ``DossierRows`` of one
connection and only adds queries to it; every one is answered by an index or by a small table (the titles).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from tradetalks.keys import fold_name
from tradetalks.model import Entity
from tradetalks.store.row_reads import EVENT_ORDER, DossierRows
from tradetalks.store.rows import ENTITY_COLS, entities_from_rows

#: What a question can be answered about (as ``DossierRows.question_entities``), as a condition over
#: ``d_entities e``: every person, every participant of an event, every organisation of a title.
QUESTION_ENTITY = (
    "(e.type = 'person' OR e.id IN (SELECT entity FROM d_participants) "
    "OR e.id IN (SELECT organization FROM d_roles WHERE organization IS NOT NULL))"
)


def people_by_keys(rows: DossierRows, keys: Sequence[str]) -> list[str]:
    """The people one of these folded name keys (name, English name or alias) finds, in dossier order."""
    found = rows._in(
        "SELECT DISTINCT e.id, e.pos FROM d_names n JOIN d_entities e ON e.id = n.entity "
        "WHERE e.type = 'person' AND n.key IN ({ids})",
        list(dict.fromkeys(k for k in keys if k)),
    )
    return [r[0] for r in sorted(set(found), key=lambda r: r[1])]


def people_by_last_name(rows: DossierRows, words: Sequence[str]) -> list[str]:
    """The people whose folded name ends with one of these folded words ("Phúc" finds "nguyen xuan phuc"), in
    dossier order: by the name keys that end with the word, then checked against the name itself."""
    found: dict[str, int] = {}
    for word in _last_names(rows, [w for w in dict.fromkeys(words) if w]):
        like = "% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = (
            "SELECT DISTINCT e.id, e.name, e.pos FROM d_names n JOIN d_entities e ON e.id = n.entity "
            "WHERE e.type = 'person' AND (n.key = ? OR n.key LIKE ? ESCAPE '\\')"
        )
        for entity, name, pos in rows._rows(sql, [word, like]):
            if fold_name(name).split()[-1:] == [word]:
                found[entity] = int(pos)
    return sorted(found, key=lambda i: found[i])


def _last_names(rows: DossierRows, words: list[str]) -> list[str]:
    """The words some stored article calls a person by (a foreign surname, the end of a Vietnamese name), by the
    resolution keys' index ("s:trump", "ve:phuc", ``resolve/resolution_keys.py``): a word no name ends with
    ("Who", "Deputy") costs no scan of the names. All of them when the store holds no resolution keys."""
    if not words or not rows._rows("SELECT 1 FROM r_keys LIMIT 1"):
        return words
    sql = "SELECT 1 FROM r_keys WHERE kind = 'n' AND key = ? LIMIT 1"
    return [w for w in words if any(rows._rows(sql, [f"{kind}:{w}"]) for kind in ("s", "ve"))]


def question_titles(rows: DossierRows) -> tuple[list[str], list[str]]:
    """Every title held and every English title held (only people hold titles), each read from its own index
    alone: the roles' rows, evidence and all, are never scanned."""
    titles = [r[0] for r in rows._rows("SELECT DISTINCT title FROM d_roles ORDER BY title")]
    english = [
        r[0] for r in rows._rows("SELECT DISTINCT title_en FROM d_roles WHERE title_en IS NOT NULL ORDER BY title_en")
    ]
    return titles, english


def holders(rows: DossierRows, titles: Sequence[str], english: bool = False, people_only: bool = True) -> list[str]:
    """Who holds one of these titles (or English titles): people only, or anyone a question can be about."""
    column = "r.title_en" if english else "r.title"
    who = "e.type = 'person'" if people_only else QUESTION_ENTITY
    found = rows._in(
        f"SELECT DISTINCT e.id FROM d_roles r JOIN d_entities e ON e.id = r.entity WHERE {who} "
        f"AND {column} IN ({{ids}})",
        list(dict.fromkeys(titles)),
    )
    return [r[0] for r in found]


def positions(rows: DossierRows, ids: Sequence[str]) -> dict[str, int]:
    """Each entity's place in the dossier."""
    return {r[0]: int(r[1]) for r in rows._in("SELECT id, pos FROM d_entities WHERE id IN ({ids})", ids)}


def negotiations_of(rows: DossierRows, where: str, params: Sequence[object]) -> list[tuple[str, str | None]]:
    """(id, negotiation) of the events ``where`` selects over ``d_events e``, in timeline order."""
    sql = f"SELECT e.id, e.negotiation FROM d_events e WHERE {where} ORDER BY {EVENT_ORDER}"
    return [(r[0], r[1]) for r in rows._rows(sql, params)]


def event_spans(rows: DossierRows, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """(start, end) of each of these events, from their stored fields alone."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for eid, data in rows._in("SELECT id, data FROM d_events WHERE id IN ({ids})", ids):
        fields = json.loads(data) if isinstance(data, str) else data
        out[eid] = (fields.get("start"), fields.get("end"))
    return out


def bare_entities(rows: DossierRows, ids: Sequence[str]) -> list[Entity]:
    """The entities with these ids in dossier order, without their titles and mentions."""
    found = rows._in(f"SELECT {ENTITY_COLS}, pos FROM d_entities WHERE id IN ({{ids}})", ids)
    found.sort(key=lambda r: r[-1])
    return entities_from_rows([r[:-1] for r in found], [], [])


def head_role_titles(rows: DossierRows, titles: Sequence[str], titles_en: Sequence[str]) -> dict[str, str]:
    """Per person holding one of these titles (or English titles), the title of the first such role they hold
    (in role order): all a rule that looks at each head's first head title needs, no evidence read."""
    wanted = list(dict.fromkeys(titles)) + list(dict.fromkeys(titles_en))
    if not wanted:
        return {}
    marks, marks_en = ", ".join("?" * len(set(titles))), ", ".join("?" * len(set(titles_en)))
    cond = " OR ".join(
        part for part, on in ((f"r.title IN ({marks})", titles), (f"r.title_en IN ({marks_en})", titles_en)) if on
    )
    sql = (
        "SELECT r.entity, r.title FROM d_roles r JOIN d_entities e ON e.id = r.entity "
        f"WHERE e.type = 'person' AND ({cond}) ORDER BY r.entity, r.n"
    )
    first: dict[str, str] = {}
    for entity, title in rows._rows(sql, wanted):
        first.setdefault(entity, title)
    return first


def talks_participants(rows: DossierRows, key: str) -> set[str]:
    """Every entity taking part in an event of this negotiation key (by the negotiation and participant indexes)."""
    sql = "SELECT DISTINCT p.entity FROM d_participants p JOIN d_events e ON e.id = p.event WHERE e.negotiation = ?"
    return {r[0] for r in rows._rows(sql, [key])}


#: One title held, light: (person, title, organisation, former, last seen); no evidence.
LightRole = tuple[str, str, str | None, bool, str | None]


def title_candidates(rows: DossierRows, titles: Sequence[str]) -> list[tuple[str, str | None, int]]:
    """(id, side, mentions + events) of the people holding one of these titles, in dossier order."""
    found = rows._in(
        "SELECT DISTINCT e.id, e.side, e.mention_count + e.event_count, e.pos FROM d_roles r "
        "JOIN d_entities e ON e.id = r.entity WHERE e.type = 'person' AND r.title IN ({ids})",
        list(dict.fromkeys(titles)),
    )
    found.sort(key=lambda r: r[3])
    return [(r[0], r[1], int(r[2])) for r in found]


def light_roles(rows: DossierRows, ids: Sequence[str]) -> list[LightRole]:
    """Every title these entities hold, in role order per entity, without its evidence (by the roles' key)."""
    found = rows._in(
        "SELECT entity, title, organization, former, last_seen FROM d_roles WHERE entity IN ({ids}) ORDER BY entity, n",
        ids,
    )
    return [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in found]


def names_and_sides(rows: DossierRows, ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """(name, side) of each of these entities."""
    return {r[0]: (r[1], r[2]) for r in rows._in("SELECT id, name, side FROM d_entities WHERE id IN ({ids})", ids)}
