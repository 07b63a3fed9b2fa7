"""One page of events in timeline order, read by the order index (``d_events_order``: first day, part of day,
ordinal, place) instead of listing every selected id: dated events first by their first day, then the undated ones.

A page starts after an offset (counted in the database) or after a given event (keyset: the event's own place in
that order, found by its id); either way only the page's rows leave the database. The order is that of
``row_reads.EVENT_ORDER`` (a missing ordinal counts as 0), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tradetalks.store.row_reads import DossierRows

#: The timeline order within the dated events, and within the undated ones (their first day is NULL).
DATED_ORDER = "e.first_day, e.tod, coalesce(e.ordinal, 0), e.pos"
UNDATED_ORDER = "e.tod, coalesce(e.ordinal, 0), e.pos"
Listed = list[tuple[str, int, bool]]


class UnknownCursor(LookupError):
    """The event a page should start after is not in the dossier."""


def _select(rows: DossierRows, where: str, params: Sequence[Any], part: str, limit: int, offset: int) -> Listed:
    dated = part == "dated"
    cond = "e.first_day IS NOT NULL" if dated else "e.first_day IS NULL"
    order = DATED_ORDER if dated else UNDATED_ORDER
    sql = f"SELECT e.id, e.pos FROM d_events e WHERE ({where}) AND {cond} ORDER BY {order} LIMIT ? OFFSET ?"
    return [(r[0], int(r[1]), dated) for r in rows._rows(sql, [*params, limit, offset])]


def _cursor(rows: DossierRows, after: str) -> tuple[str | None, int, int, int]:
    """(first day, part of day, ordinal or 0, place) of an event, or UnknownCursor."""
    found = rows._rows("SELECT first_day, tod, coalesce(ordinal, 0), pos FROM d_events WHERE id = ?", [after])
    if not found:
        raise UnknownCursor(after)
    day, tod, ordinal, pos = found[0]
    return day, int(tod), int(ordinal), int(pos)


def _after_dated(rows: DossierRows, where: str, params: Sequence[Any], key: tuple[Any, ...], limit: int) -> Listed:
    """The dated events that come after ``key`` (a dated event's place in the order)."""
    day, tod, ordinal, pos = key
    cond = (
        f"({where}) AND e.first_day >= ? AND (e.first_day > ? OR e.tod > ? OR (e.tod = ? AND "
        "(coalesce(e.ordinal, 0) > ? OR (coalesce(e.ordinal, 0) = ? AND e.pos > ?))))"
    )
    return _select(rows, cond, [*params, day, day, tod, tod, ordinal, ordinal, pos], "dated", limit, 0)


def _after_undated(rows: DossierRows, where: str, params: Sequence[Any], key: tuple[Any, ...], limit: int) -> Listed:
    """The undated events that come after ``key`` (an undated event's place in the order)."""
    _, tod, ordinal, pos = key
    cond = (
        f"({where}) AND (e.tod > ? OR (e.tod = ? AND "
        "(coalesce(e.ordinal, 0) > ? OR (coalesce(e.ordinal, 0) = ? AND e.pos > ?))))"
    )
    return _select(rows, cond, [*params, tod, tod, ordinal, ordinal, pos], "undated", limit, 0)


def event_page(
    rows: DossierRows,
    where: str,
    params: Sequence[Any],
    limit: int | None,
    offset: int = 0,
    after: str | None = None,
) -> tuple[int, Listed]:
    """(how many events ``where`` selects over ``d_events e``; (id, place, dated) of one page of them in timeline
    order): ``limit`` events (all when None) after skipping ``offset`` of them, counted from the start or, when
    ``after`` names an event, from the event right after it (UnknownCursor for an id not in the dossier).

    Example: events a (2025-11-12), b (2025-11-13), c (undated); limit 2 after "a" -> [b, c].
    """
    total, dated_total = (
        int(v or 0) for v in rows._rows(f"SELECT count(*), count(e.first_day) FROM d_events e WHERE {where}", params)[0]
    )
    want = total if limit is None else max(limit, 0)
    if after is not None:
        key = _cursor(rows, after)
        page = _after_dated(rows, where, params, key, offset + want) if key[0] is not None else []
        if len(page) < offset + want and total > dated_total:
            rest = offset + want - len(page)
            if key[0] is not None:
                page += _select(rows, where, params, "undated", rest, 0)
            else:
                page += _after_undated(rows, where, params, key, rest)
        return total, page[offset:]
    page = []
    if offset < dated_total and want:
        page = _select(rows, where, params, "dated", want, offset)
    if len(page) < want and total > dated_total:
        page += _select(rows, where, params, "undated", want - len(page), max(offset - dated_total, 0))
    return total, page
