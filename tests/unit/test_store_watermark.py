"""The dossier's watermark on every backend: the store knows whether its dossier was built from every stored
article, and the commands that read the dossier rebuild a stale one (e.g. after an ingest killed with -9)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradetalks.model import Article, Dossier
from tradetalks.serve.fresh import repair_stale_dossier

TALKS = [
    "Ngày 12/11/2025, Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân làm việc với phía Hoa Kỳ tại Washington "
    "về thuế đối ứng trong vòng đàm phán thứ năm.",
    "Sáng 3/12/2025, Bộ trưởng Bộ Công Thương tiếp Đại sứ Hoa Kỳ tại Hà Nội để bàn về quy tắc xuất xứ.",
    "Chiều 20/10/2025, hai đoàn đàm phán họp trực tuyến về thương mại số và hàng nông sản.",
]


def _article(n: int, text: str = "Bộ Công Thương cập nhật tiến độ đàm phán.") -> Article:
    return Article(f"tin-{n}.txt", f"{text} Bản tin {n}.", title=f"Tin {n}", url=f"https://tin.example.vn/{n}")


def test_store_revision_counts_what_the_dossier_is_built_from(store: Any) -> None:
    assert store.revision() == 0 and store.dossier_is_current(), "an empty store needs no dossier"
    first = _article(1)
    store.add_article(first)
    assert store.revision() == 1 and not store.dossier_is_current(), "articles and no dossier: stale"
    store.save_dossier(Dossier())
    assert store.dossier_is_current()
    store.add_article(_article(1))
    assert store.revision() == 1 and store.dossier_is_current(), "an unchanged text changes nothing"
    store.add_article(_article(1, "Bộ Công Thương sửa lại bản tin."))
    assert store.revision() == 2 and not store.dossier_is_current(), "a new version"
    store.save_dossier(Dossier(), built_from=2)
    assert store.dossier_is_current()
    stored = store.get_doc(first.id)
    store.save_doc(stored)
    assert store.revision() == 3 and not store.dossier_is_current(), "a new extraction"


def test_store_dossier_built_before_a_write_stays_stale(store: Any) -> None:
    """A dossier resolved from revision r is stale when an article was stored while it was being built."""
    store.add_article(_article(1))
    built_from = store.revision()
    store.add_article(_article(2))
    store.save_dossier(Dossier(), built_from)
    assert not store.dossier_is_current()


def test_stale_dossier_is_rebuilt_and_said(store: Any) -> None:
    from tradetalks.pipeline import default_pipeline

    run = default_pipeline()
    for n, text in enumerate(TALKS):
        article = _article(n, text)
        store.add_article(article, run(article))
    said: list[str] = []
    assert repair_stale_dossier(store, said.append)
    assert said and "rebuilding" in said[0] and "3 stored articles" in said[0]
    dossier = store.load_dossier()
    assert dossier is not None and dossier.events and store.dossier_is_current()
    assert not repair_stale_dossier(store, said.append) and len(said) == 1, "a current dossier is left alone"


KILLED_INGEST = """
import os, signal, sys
from tradetalks.ingest import batch
from tradetalks.store import open_store

def killed(*args):  # the process dies at the moment it would resolve the dossier
    os.kill(os.getpid(), signal.SIGKILL)

batch.HELD = int(sys.argv[3])  # articles held for one transaction with the dossier rows
batch.resolve_stored = killed
batch.ingest_paths(open_store(sys.argv[1]), [sys.argv[2]])
"""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from tradetalks.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("held", [200, 1], ids=["one-transaction", "stored-as-they-come"])
def test_killed_ingest_then_rerun_then_timeline_shows_events(store_url: str, tmp_path: Path, held: int) -> None:
    """kill -9 at the moment the dossier would be resolved. A batch held for one transaction leaves nothing: the
    re-run stores every article and resolves them. A batch too large to hold has its articles stored: the re-run
    finds nothing new; timeline and export rebuild the stale dossier (saying so) and show the events."""
    folder = tmp_path / "bai"
    folder.mkdir()
    for n, text in enumerate(TALKS):
        (folder / f"bai-{n}.txt").write_text(f"Title: Bài {n}\n\n{text}\n", encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_INGEST, store_url, str(folder), str(held)], capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    rerun = _cli("ingest", str(folder), "--db", store_url, "--json")
    report = json.loads(rerun.stdout)
    whole = held >= len(TALKS)
    if whole:
        assert (report["new"], report["unchanged"]) == (len(TALKS), 0), "nothing of the killed run was kept"
    else:
        assert (report["new"], report["unchanged"]) == (0, len(TALKS)), "the re-run finds nothing new"

    timeline = _cli("timeline", "--all", "--json", "--db", store_url)
    assert timeline.returncode == 0, timeline.stderr[-2000:]
    assert ("rebuilding" in timeline.stderr) is not whole
    assert json.loads(timeline.stdout)["events"], "the events of the stored articles are there"
    exported = tmp_path / "dossier.csv"
    again = _cli("export", "--format", "csv", "--output", str(exported), "--db", store_url)
    assert again.returncode == 0 and "rebuilding" not in again.stderr, "repaired once, then current"
    assert len(exported.read_text(encoding="utf-8").splitlines()) > 1


def test_serve_repairs_a_stale_dossier_before_answering(tmp_path: Path, live_server: Any) -> None:
    from tradetalks.pipeline import default_pipeline
    from tradetalks.store import open_store

    db = str(tmp_path / "stale.db")
    run = default_pipeline()
    with open_store(db) as store:
        for n, text in enumerate(TALKS):
            article = _article(n, text)
            store.add_article(article, run(article))  # stored, never resolved
    server = live_server(db)
    assert httpx.get(server.url + "/api/events", timeout=30).json()["total"] > 0
