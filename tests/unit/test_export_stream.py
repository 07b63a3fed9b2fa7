"""JSON and JSON Lines exports streamed from the dossier's rows are byte for byte the files written from the
whole dossier, also when the records span several pages, on every backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tradetalks.export import write_dossier
from tradetalks.export.json import write_json
from tradetalks.export.jsonl import write_jsonl
from tradetalks.model import Dossier
from tradetalks.store import row_reads


@pytest.mark.parametrize("page", [2, 500])
def test_export_stream_equals_the_whole_dossier_files(
    store: Any, sample_dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: int
) -> None:
    from tests.conftest import talks_corpus
    from tradetalks.resolve import build_dossier

    monkeypatch.setattr(row_reads, "PAGE", page)
    for n, dossier in enumerate([sample_dossier, build_dossier(talks_corpus()), Dossier()]):
        store.save_dossier(dossier)
        whole = store.load_dossier()
        write_json(whole, tmp_path / f"whole{n}.json")
        write_jsonl(whole, tmp_path / f"whole{n}.jsonl")
        assert write_dossier(store, "json", tmp_path / f"rows{n}.json") == len(dossier.events)
        write_dossier(store, "jsonl", tmp_path / f"rows{n}.jsonl")
        for suffix in ("json", "jsonl"):
            streamed = (tmp_path / f"rows{n}.{suffix}").read_bytes()
            assert streamed == (tmp_path / f"whole{n}.{suffix}").read_bytes(), (n, suffix)
