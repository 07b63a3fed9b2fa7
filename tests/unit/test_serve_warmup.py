"""The server warms up when it starts: every template compiled, the heap frozen for the garbage collector (so
its full passes no longer walk what the server holds from startup; the figures are in bench/pages_bench.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi.testclient import TestClient

from tradetalks.serve.api import create_app
from tradetalks.serve.web import ENV


def test_server_start_compiles_templates_and_freezes_the_heap(sample_store_path: str) -> None:
    gc.unfreeze()
    ENV.cache.clear()
    app = create_app(sample_store_path)
    assert gc.get_freeze_count() == 0 and len(ENV.cache) == 0  # nothing happens before the server starts
    try:
        with TestClient(app) as client:
            assert gc.get_freeze_count() > 0
            assert len(ENV.cache) >= len(ENV.list_templates(extensions=["html"]))
            assert client.get("/n").status_code == 200
    finally:
        gc.unfreeze()


def test_server_starts_over_a_store_without_a_dossier(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"))) as client:
        assert client.get("/n").status_code == 200
    gc.unfreeze()
