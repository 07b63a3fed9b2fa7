"""``bulk`` resolves on the Dask cluster (a LocalCluster of 2 worker processes) and leaves the dossier a full
``rebuild`` of the same articles gives: the same exported JSON, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradetalks.export import write_dossier
from tradetalks.ingest.bulk import run_bulk
from tradetalks.resolve import rebuild_dossier
from tradetalks.store import open_store

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
REAL = SHARED / "data" / "real" / "articles.jsonl"
SEEDS = SHARED / "seeds"


def export(store_url: str, path: Path) -> str:
    with open_store(store_url) as store:
        assert store.dossier_is_current()  # the export reads the stored dossier, never one it rebuilds
        write_dossier(store, "json", path)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("store_on_workers", [None, False], ids=["workers-read", "client-sends"])
def test_bulk_resolution_on_the_cluster_equals_rebuild(
    store_url: str, tmp_path: Path, store_on_workers: bool | None
) -> None:
    if not REAL.is_file() or not SEEDS.is_dir():
        pytest.skip("../shared/data/real and ../shared/seeds are not beside the repository")
    with open_store(store_url) as store:  # seeds first: the second run reads them from the store
        first = run_bulk(store, [str(SEEDS)], None, 2, None, store_on_workers=store_on_workers)
        report = run_bulk(store, [str(REAL), str(SEEDS)], None, 2, None, store_on_workers=store_on_workers)
    assert first.new == 5 and report.new >= 80 and report.unchanged == 5 and not report.failed
    assert report.workers == 2 and report.resolve_seconds > 0 and report.partitions >= 2
    bulk = export(store_url, tmp_path / "bulk.json")
    with open_store(store_url) as store:
        rebuild_dossier(store)
    rebuilt = export(store_url, tmp_path / "rebuild.json")
    assert '"events"' in bulk and len(bulk) > 100_000
    assert bulk == rebuilt
