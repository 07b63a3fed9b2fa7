"""The full rebuild: what it stores (dossier rows, resolution keys, order keys) is what resolving the stored
docs gives, on both backends, and its indexes are back after the bulk write."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.conftest import talks_corpus
from tradetalks.resolve import band_rows, build_dossier, rebuild_dossier, resolution_of, slim


def _resolved(store: Any) -> tuple[Any, Any]:
    digests: dict[str, tuple[str, np.ndarray]] = {}
    docs = [slim(d, digests) for d in store.docs()]
    dossier = build_dossier(docs, digests, store.corrections())
    return dossier, resolution_of(docs, digests, dossier)


def test_rebuild_stores_the_dossier_and_every_key(store: Any) -> None:
    for doc in talks_corpus():
        store.add_article(doc.article, doc)
    dossier, resolution = _resolved(store)
    assert rebuild_dossier(store) == dossier
    assert store.load_dossier() == dossier
    aids = [a.id for a in dossier.articles]
    assert sorted(store.resolution_reads().keys_of(aids)) == sorted(resolution.keys)
    assert store.resolution_reads().order_keys(aids) == {i: k for t, i, k in resolution.order if t == "a"}
    assert store.dossier_is_current()
    rebuild_dossier(store)  # again, over the rows of the first: the same rows
    assert store.load_dossier() == dossier
    assert sorted(store.resolution_reads().keys_of(aids)) == sorted(resolution.keys)


def test_rebuild_band_rows_are_the_band_keys_of_article_keys(store: Any) -> None:
    for doc in talks_corpus():
        store.add_article(doc.article, doc)
    digests: dict[str, tuple[str, np.ndarray]] = {}
    docs = [slim(d, digests) for d in store.docs()]
    dossier = build_dossier(docs, digests)
    whole = resolution_of(docs, digests, dossier).keys
    without = resolution_of(docs, digests, dossier, bands=False).keys
    bands = list(band_rows(digests))
    assert bands and all(kind == "b" for kind, _, _ in bands)
    assert bands == sorted(bands), "in primary-key order, as they are written"
    assert sorted(without + bands) == sorted(whole)


def test_rebuild_indexes_are_back_after_the_bulk_write(tmp_path: Any) -> None:
    from tradetalks.store.sqlite import SQLiteStore

    store = SQLiteStore(str(tmp_path / "s.db"))
    for doc in talks_corpus():
        store.add_article(doc.article, doc)
    listed = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    before = store.conn.execute(listed).fetchall()
    rebuild_dossier(store)
    assert store.conn.execute(listed).fetchall() == before
    plan = store.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM r_keys WHERE article = 'x'").fetchall()
    assert any("r_keys_article" in str(step) for step in plan)
    store.close()
