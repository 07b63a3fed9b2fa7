"""Failures, crawl state, dossier and figures in every store backend."""

from __future__ import annotations

from typing import Any

import pytest

from tradetalks.model import Dossier


def test_store_failures_are_counted(store: Any) -> None:
    store.record_failure("hong.html", "không đọc được: mã hóa lạ")
    store.record_failure("rong.txt", "empty file")
    assert store.stats()["failures"] == 2
    assert store.failures() == [("hong.html", "không đọc được: mã hóa lạ"), ("rong.txt", "empty file")]


@pytest.mark.parametrize(
    ("namespace", "key", "value"),
    [
        ("crawl", "https://vnexpress.example/rss/kinh-doanh.rss", {"etag": '"abc"', "seen": 3}),
        ("crawl", "https://tin.example.vn/trang?a=1&b=đ", {"last_modified": "Tue, 11 Nov 2025 08:00:00 GMT"}),
        ("bulk", "job-1", {"done": [1, 2, 3], "note": "Đã xử lý xong phần một"}),
    ],
)
def test_store_state_round_trip(store: Any, namespace: str, key: str, value: dict[str, Any]) -> None:
    assert store.get_state(namespace, key) is None
    store.put_state(namespace, key, value)
    assert store.get_state(namespace, key) == value
    store.put_state(namespace, key, {"replaced": True})
    assert store.get_state(namespace, key) == {"replaced": True}


def test_store_state_items_by_namespace(store: Any) -> None:
    store.put_state("crawl", "b", {"n": 2})
    store.put_state("crawl", "a", {"n": 1})
    store.put_state("other", "c", {"n": 3})
    assert list(store.state_items("crawl")) == [("a", {"n": 1}), ("b", {"n": 2})]
    assert list(store.state_items("none")) == []


def test_store_dossier_round_trip_and_stats(store: Any, sample_dossier: Dossier) -> None:
    assert store.load_dossier() is None
    store.save_dossier(sample_dossier)
    assert store.load_dossier() == sample_dossier
    figures = store.stats()
    assert figures["entities"] == len(sample_dossier.entities) == 7
    assert figures["events"] == len(sample_dossier.events) == 5
    assert figures["stories"] == 3
    store.save_dossier(Dossier())
    assert store.load_dossier() == Dossier()
    assert store.stats()["events"] == 0


def test_store_stats_keys(store: Any) -> None:
    assert store.stats() == {"articles": 0, "versions": 0, "failures": 0, "entities": 0, "events": 0, "stories": 0}
