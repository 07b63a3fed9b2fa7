"""Pages of the timeline read by the order index: paging through every event, by offset or after the last event
seen (keyset), gives each event once and in the order of the whole timeline, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tradetalks.model import Dossier
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.row_views import timeline_from_rows
from tradetalks.serve.timeline import QueryError, timeline_from_index

#: (start, part of day, ordinal) of the events added: ties on the day and the part of day, ordinals missing or
#: not, months, years and undated events of every part of day.
SHAPES: list[tuple[str | None, str | None, int | None]] = [
    ("2025-11-12", None, None),
    ("2025-11-12", None, 2),
    ("2025-11-12", None, 1),
    ("2025-11-12", "morning", None),
    ("2025-11-12", "afternoon", 3),
    ("2025-11-12", "morning", 1),
    ("2025-11", None, None),
    ("2025", None, 4),
    ("2019-03-05", "evening", None),
    (None, None, None),
    (None, "morning", None),
    (None, None, 2),
    (None, "night", 1),
    (None, None, None),
    ("XXXX-02-04", None, 1),
]


def _crowded(dossier: Dossier) -> Dossier:
    """The dossier with events of every shape in SHAPES added (copies of its first event, other ids)."""
    model = dossier.events[0]
    for n, (start, part, ordinal) in enumerate(SHAPES):
        event = copy.deepcopy(model)
        event.id, event.start, event.end, event.time_of_day, event.ordinal = f"ev-shape-{n}", start, None, part, ordinal
        dossier.events.append(event)
    return dossier


def _ids(tl: dict[str, Any]) -> list[str]:
    return [e["id"] for e in tl["events"] + tl["undated"]]


def test_paging_after_the_last_event_gives_each_event_once_in_order(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(_crowded(sample_dossier))
    index = DossierIndex(store.load_dossier() or Dossier())
    rows = store.rows()
    whole = timeline_from_rows(rows, all_negotiations=True)
    assert whole == timeline_from_index(index, all_negotiations=True)
    everything = _ids(whole)
    assert len(everything) == len(sample_dossier.events) and len(set(everything)) == len(everything)
    for size in (1, 2, 3, 7, 100):
        seen: list[str] = []
        after: str | None = None
        while True:
            page = timeline_from_rows(rows, all_negotiations=True, limit=size, after=after)
            assert page["total"] == len(everything) and page["page"]["count"] <= size
            if not _ids(page):
                break
            seen += _ids(page)
            after = seen[-1]
        assert seen == everything, size
        by_offset = [
            i
            for lo in range(0, len(everything), size)
            for i in _ids(timeline_from_rows(rows, all_negotiations=True, limit=size, offset=lo))
        ]
        assert by_offset == everything, size


def test_a_page_after_an_event_with_an_offset_skips_from_there(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(_crowded(sample_dossier))
    rows = store.rows()
    everything = _ids(timeline_from_rows(rows, all_negotiations=True))
    for at in range(len(everything)):
        page = timeline_from_rows(rows, all_negotiations=True, limit=3, offset=1, after=everything[at])
        assert _ids(page) == everything[at + 2 : at + 5]
    dated = timeline_from_rows(rows, all_negotiations=True, date_from="2019", limit=2, after="ev-shape-8")
    assert all(e["start"] and e["start"] >= "2019" for e in dated["events"]) and not dated["undated"]
    with pytest.raises(QueryError, match="after"):
        timeline_from_rows(rows, all_negotiations=True, limit=3, after="no-such-event")


def test_api_events_pages_after_the_last_item(web: TestClient) -> None:
    whole = web.get("/api/events?limit=500").json()
    everything = [e["id"] for e in whole["items"]]
    assert len(everything) == whole["total"] >= 3
    seen: list[str] = []
    url = "/api/events?limit=2"
    while True:
        items = web.get(url).json()["items"]
        if not items:
            break
        seen += [e["id"] for e in items]
        url = f"/api/events?limit=2&after={seen[-1]}"
    assert seen == everything
    timeline = web.get(f"/api/timeline?all=true&limit=1&after={everything[0]}").json()
    assert _ids(timeline) == everything[1:2]
    assert web.get("/api/events?after=no-such-event").status_code == 400
