"""Gold-free checks over the real-news set (../shared/data/real): no event mixes two negotiations, no held
event begins after an article reporting it was published, no year lies far from every report's publication
year unless a report states it, numbered rounds of one negotiation run in date order."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from tradetalks.ingest.batch import ingest_paths
from tradetalks.model import Dossier
from tradetalks.resolve import rebuild_dossier
from tradetalks.resolve.sanity import check_dossier
from tradetalks.store import open_store

REAL = SHARED / "data" / "real" / "articles.jsonl"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    if not REAL.is_file():
        pytest.skip("../shared/data/real is not present beside the repository")
    db = Path(tmp_path_factory.mktemp("sanity")) / "real.db"
    with open_store(str(db)) as store:
        ingest_paths(store, [str(REAL)])
        return rebuild_dossier(store)


@pytest.mark.parametrize("check", ["mixed_negotiations", "held_after_published", "far_years", "rounds_out_of_order"])
def test_sanity_real_set(dossier: Dossier, check: str) -> None:
    found = getattr(check_dossier(dossier), check)
    assert found == []
