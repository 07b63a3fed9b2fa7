"""``bulk`` on a LocalCluster of 2 workers leaves the store exactly as plain ``ingest`` does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tradetalks.errors import TradeTalksError
from tradetalks.export import write_dossier
from tradetalks.ingest import bulk
from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
from tradetalks.ingest.bulk import run_bulk
from tradetalks.store import open_store
from tradetalks.store.codec import doc_to_dict

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()

PORTS = ["Hải Phòng", "Cái Mép", "Đà Nẵng", "Quy Nhơn", "Cát Lái"]
ITEMS = ["cà phê", "thủy sản", "đồ gỗ", "dệt may", "điện thoại", "rau quả", "sắt thép"]


def synthetic_lines() -> list[str]:
    """JSON Lines of short original articles, with a re-publication, an update and a bad line."""
    lines = []
    for i in range(40):
        port, item = PORTS[i % len(PORTS)], ITEMS[i % len(ITEMS)]
        text = (
            f"Sáng ngày {i % 28 + 1}/10/2025, một lô {item} gồm {10 + i} container đã rời cảng {port}. "
            f"Doanh nghiệp cho biết đơn hàng thứ {i + 1} này được ký sau khi hai bên thống nhất điều kiện giao hàng. "
            f"Hiệp hội ngành hàng đánh giá thị trường Hoa Kỳ vẫn là điểm đến quan trọng trong quý cuối năm."
        )
        lines.append(json.dumps({"url": f"https://tin.example/{i}", "title": f"Lô {item} số {i + 1}",
                                 "published": f"2025-10-{i % 28 + 1:02d}", "text": text}, ensure_ascii=False))
    first = json.loads(lines[0])
    lines.append(json.dumps({**first, "url": "https://bao-khac.example/dang-lai"}, ensure_ascii=False))  # same text
    lines.append(json.dumps({**first, "text": first["text"] + " Chiều cùng ngày, lô hàng thứ hai cũng lên tàu."},
                            ensure_ascii=False))  # same URL, changed text: a new version
    lines.append("{ đây không phải JSON")
    return lines


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    archive = tmp_path / "luu-tru.jsonl"
    archive.write_text("\n".join(synthetic_lines()) + "\n", encoding="utf-8")
    paths = [str(demo_corpus_path()), str(archive)]
    if SEEDS.is_dir():
        paths.append(str(SEEDS))
    return paths


def canonical(obj: Any) -> Any:
    """JSON with every list sorted, so input or completion order cannot matter."""
    if isinstance(obj, dict):
        return {k: canonical(v) for k, v in sorted(obj.items())}
    if isinstance(obj, list):
        items = [canonical(v) for v in obj]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return obj


def snapshot(db: Path | str, tmp_path: Path, name: str) -> dict[str, Any]:
    """Everything a user can get out of a store: exported dossier, articles, versions, extractions, counts."""
    out = tmp_path / f"{name}.json"
    with open_store(str(db)) as store:
        write_dossier(store, "json", out)
        articles = [(a.id, a.version, a.hash, a.title, a.url, a.published) for a in store.articles()]
        versions = {a.id: [v.hash for v in store.versions(a.id or "")] for a in store.articles()}
        docs = [doc_to_dict(d) for d in store.docs()]
        stats = store.stats()
    return {
        "dossier": canonical(json.loads(out.read_text(encoding="utf-8"))),
        "articles": articles,
        "versions": versions,
        "docs": canonical(docs),
        "stats": stats,
    }


@pytest.mark.parametrize(("store_on_workers", "writes"), [(None, "workers"), (False, "client")])
def test_bulk_on_two_workers_equals_ingest(
    inputs: list[str], tmp_path: Path, store_on_workers: bool | None, writes: str
) -> None:
    with open_store(str(tmp_path / "ingest.db")) as store:
        plain = ingest_paths(store, inputs)
    with open_store(str(tmp_path / "bulk.db")) as store:
        report = run_bulk(store, inputs, scheduler=None, workers=2, console=None, batch_size=7,
                          store_on_workers=store_on_workers)
    assert report.workers == 2 and report.batches >= 6 and report.writes == writes
    assert (report.new, report.updated, report.unchanged) == (len(plain.new), len(plain.updated), len(plain.unchanged))
    assert sorted(s for s, _ in report.failed) == sorted(o.source for o in plain.failed)
    assert report.updated == 1 and report.unchanged >= 1 and len(report.failed) >= 1
    a, b = snapshot(tmp_path / "ingest.db", tmp_path, "a"), snapshot(tmp_path / "bulk.db", tmp_path, "b")
    assert a["articles"] and a["docs"]
    for part in ("articles", "versions", "docs", "stats", "dossier"):
        assert a[part] == b[part], part


def test_bulk_cli_reports_without_traceback(inputs: list[str], tmp_path: Path) -> None:
    cmd = [sys.executable, "-c", "from tradetalks.cli import main; main()", "bulk", *inputs, "--workers", "1",
           "--db", str(tmp_path / "cli.db")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1  # the bad JSON line
    assert "Traceback" not in done.stderr + done.stdout
    assert "bulk:" in done.stderr and "1 updated" in done.stderr
    assert "luu-tru.jsonl:" in done.stderr  # the failure names file:line


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CONNECT_TIMEOUT", "1s")
    with open_store(str(tmp_path / "x.db")) as store, pytest.raises(TradeTalksError, match="cannot reach the Dask"):
        run_bulk(store, [], scheduler="tcp://127.0.0.1:9", workers=1, console=None)


def test_bulk_on_a_running_scheduler(inputs: list[str], tmp_path: Path) -> None:
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster:
        with open_store(str(tmp_path / "remote.db")) as store:
            report = run_bulk(store, inputs, scheduler=cluster.scheduler_address, workers=1, console=None)
            stored = sum(1 for _ in store.articles())
    assert report.workers == 1 and report.new == stored > 40
    assert report.writes == "client"  # a SQLite file is not for workers of a remote cluster


@pytest.mark.postgres
def test_bulk_into_postgres_equals_ingest_into_sqlite(inputs: list[str], tmp_path: Path, pg_schema_url: str) -> None:
    with open_store(str(tmp_path / "ingest.db")) as store:
        ingest_paths(store, inputs)
    with open_store(pg_schema_url) as store:
        report = run_bulk(store, inputs, scheduler=None, workers=2, console=None, batch_size=7)
    assert report.writes == "workers"
    a, b = snapshot(tmp_path / "ingest.db", tmp_path, "a"), snapshot(pg_schema_url, tmp_path, "b")
    for part in ("articles", "versions", "docs", "stats", "dossier"):
        assert a[part] == b[part], part


def test_repeats_of_a_url_or_a_text_are_left_to_the_client() -> None:
    from tradetalks.ingest.bulk import repeats
    from tradetalks.model import Article

    rows = [
        ("https://a.example/1", "Hai bên họp trực tuyến."),
        ("https://a.example/2", "Bộ trưởng tiếp đoàn doanh nghiệp."),
        ("https://b.example/9", "Hai bên họp trực tuyến."),  # the same text elsewhere
        ("https://a.example/2", "Bộ trưởng tiếp đoàn doanh nghiệp Hoa Kỳ."),  # the same URL, new text
        ("https://a.example/3", "Cảng biển tăng công suất."),
    ]
    seen: set[str] = set()
    first = repeats([Article(source=u, url=u, text=t) for u, t in rows[:2]], seen)
    rest = repeats([Article(source=u, url=u, text=t) for u, t in rows[2:]], seen)
    assert first + rest == [False, False, True, True, False]
