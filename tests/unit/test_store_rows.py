"""The dossier stored as rows: the round trip is exact on every backend, and the rows carry their keys."""

from __future__ import annotations

from typing import Any

from tradetalks.model import Dossier, Event
from tradetalks.store.rows import event_columns, name_keys


def test_store_rows_round_trip_is_exact(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(sample_dossier)
    assert store.load_dossier() == sample_dossier
    store.save_dossier(Dossier())
    assert store.load_dossier() == Dossier(), "a rebuild replaces every row"
    store.save_dossier(sample_dossier)
    assert store.load_dossier() == sample_dossier


def test_store_rows_no_dossier_before_the_first_resolution(store: Any) -> None:
    assert store.load_dossier() is None


def test_store_rows_event_keys_month_and_days() -> None:
    event = Event("negotiation_round", [], start="2025-11-12", end="2025-11-14", time_of_day="morning")
    assert event_columns(event) == ("2025-11", "2025-11-12", "2025-11-14", 1)
    month = Event("meeting", [], start="2025-11")
    assert event_columns(month) == ("2025-11", "2025-11-01", "2025-11-31", 0)
    assert event_columns(Event("call", [], start="XXXX-02-04"))[:3] == (None, None, None)


def test_store_rows_entities_are_found_by_folded_name_keys(sample_dossier: Dossier) -> None:
    entity = sample_dossier.entities[0]
    keys = name_keys(entity)
    assert all(k == k.lower() and k.isascii() for k in keys)
    assert len(keys) >= 1
