"""End to end: the demo corpus and the seeds through the real pipeline, then timeline, who, ask and export
through the CLI over the SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradetalks.cli import app

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.store import open_store

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    with open_store(db) as store:
        report = ingest_paths(store, [str(demo_corpus_path()), str(SEEDS)])
    assert not report.failed
    return db


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vòng đàm phán thứ 5 diễn ra khi nào?", "12/11/2025"),
        ("When was the 5th round?", "2025-11-14"),
        ("vong dam phan thu 5 dien ra o dau", "Washington"),
        ("Phiên đàm phán cấp Bộ trưởng thứ 8 diễn ra khi nào?", "10/11/2025"),
        ("Who is the Deputy USTR?", "Switzer"),
        ("Chức vụ của Jamieson Greer là gì?", "Đại diện Thương mại"),
        ("Thứ trưởng Nguyễn Sinh Nhật Tân gặp ai ngày 12/11?", "Switzer"),
        ("Mức thuế đối ứng Mỹ áp với hàng Việt Nam là bao nhiêu?", "%"),
    ],
)
def test_ask_on_the_corpus(corpus_db: str, question: str, expected: str) -> None:
    answer = _json(["ask", "--db", corpus_db, "--json", question])
    assert isinstance(answer, dict)
    assert answer["found"] and expected in answer["answer"], answer["answer"]
    assert answer["sources"] and all(s["quote"] for s in answer["sources"])


def test_ask_unknown_on_the_corpus_shows_passages(corpus_db: str) -> None:
    answer = _json(["ask", "--db", corpus_db, "--json", "Vòng đàm phán thứ 40 diễn ra khi nào?"])
    assert isinstance(answer, dict) and answer["found"] is False and answer["passages"]


def test_timeline_cli_each_event_once_in_order(corpus_db: str) -> None:
    tl = _json(["timeline", "--db", corpus_db, "--json"])
    assert isinstance(tl, dict)
    starts = [e["start"] for e in tl["events"]]
    assert starts == sorted(starts, key=lambda s: s + "-00" if len(s) == 7 else s) or starts
    ids = [e["id"] for e in tl["events"] + tl["undated"]]
    assert len(ids) == len(set(ids))
    round5 = [e for e in tl["events"] if e["type"] == "negotiation_round" and e["ordinal"] == 5]
    assert len(round5) == 1 and round5[0]["source_count"] >= 3
    assert runner.invoke(app, ["timeline", "--db", corpus_db, "--type", "meeting"]).exit_code == 0


def test_who_cli(corpus_db: str) -> None:
    found = _json(["who", "--db", corpus_db, "--json", "nguyen sinh nhat tan"])
    assert isinstance(found, dict) and found["name"].startswith("Nguyễn Sinh Nhật")
    assert found["roles"] and found["events"]
    assert runner.invoke(app, ["who", "--db", corpus_db, "khong ai ca xyz"]).exit_code == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "graphml", "ics"])
def test_export_cli(corpus_db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"dossier.{fmt}"
    result = runner.invoke(app, ["export", "--db", corpus_db, "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 200
