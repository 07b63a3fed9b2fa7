"""Negotiations read from the dossier's rows: one negotiation's events (and what they name) for its state of
play, and the list of negotiations counted in SQL; the whole dossier is never loaded for them."""

from __future__ import annotations

from typing import Any

from tradetalks.model import VN_US_RECIPROCAL
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.negotiations import UnknownNegotiation, negotiation_title, state_of_play
from tradetalks.serve.row_views import QueryError, negotiation_where, partial_index
from tradetalks.store.row_reads import DossierRows


def negotiation_index(rows: DossierRows, key: str) -> DossierIndex:
    """An index over the events of one negotiation (``negotiation_events``: for the Vietnam–US talks, also the
    events without a key in which their people take part); UnknownNegotiation for a key nobody knows."""
    try:
        where, params = negotiation_where(rows, key)
    except QueryError:
        raise UnknownNegotiation(key) from None
    listed = rows.event_ids(where, params)
    return partial_index(rows, rows.events([i for i, _, _ in listed]), {i: pos for i, pos, _ in listed})


def negotiation_page_index(rows: DossierRows, key: str) -> DossierIndex:
    """``negotiation_index`` for the negotiation's page, which counts each event's sources but quotes none: the
    events' reports are read as the articles they come from, and no article record is read."""
    try:
        where, params = negotiation_where(rows, key)
    except QueryError:
        raise UnknownNegotiation(key) from None
    listed = rows.event_ids(where, params)
    events = rows.events_sourced_by([i for i, _, _ in listed])
    return partial_index(rows, events, {i: pos for i, pos, _ in listed}, sources=False)


def state_from_rows(rows: DossierRows, key: str, lang: str = "vi") -> dict[str, Any]:
    """``state_of_play`` of one negotiation, read from rows."""
    return state_of_play(negotiation_index(rows, key), key, lang)


def negotiation_list_rows(rows: DossierRows, lang: str = "vi") -> list[dict[str, Any]]:
    """``negotiation_list`` counted in SQL: key, name, event count and latest date, most events first."""
    counted = rows.negotiation_counts()
    talks, params = rows.talks_where()
    found = rows.count_where(talks, params)
    if found[0]:
        counted[VN_US_RECIPROCAL] = found
    out = [
        {"key": key, "name": negotiation_title(key, lang), "events": n, "latest": latest}
        for key, (n, latest) in counted.items()
    ]
    return sorted(out, key=lambda r: (-r["events"], r["key"]))
