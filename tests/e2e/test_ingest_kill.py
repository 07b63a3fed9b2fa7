"""kill -9 during an ingest of 2,000 articles: the database stays whole and a re-run completes it."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).parent / "tradetalks")
N_ARTICLES = 2000

# Sentence parts written for this test; combined at random into short synthetic articles.
WHO = ["Thứ trưởng Bộ Công Thương", "Đoàn đàm phán Việt Nam", "Phía Hoa Kỳ", "Hai bên", "Bộ trưởng", "Các chuyên gia"]
DID = ["đã trao đổi về", "thống nhất đẩy nhanh", "rà soát lại", "đề xuất nội dung mới cho", "ghi nhận tiến bộ trong"]
WHAT = ["thuế đối ứng", "quy tắc xuất xứ", "thương mại số", "hàng nông sản", "chống chuyển tải", "tiêu chuẩn kỹ thuật"]
WHEN = ["sáng 12/11", "chiều 14/11", "trong tuần này", "tại Washington", "qua hình thức trực tuyến", "tại Hà Nội"]


def synthetic_article(rng: random.Random, n: int) -> dict[str, str]:
    sentences = [
        f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} {rng.choice(WHEN)}." for _ in range(rng.randint(4, 9))
    ]
    return {
        "url": f"https://tonghop.example.org/bai/{n}",
        "title": f"Bản tin số {n} về đàm phán thương mại",
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "text": f"Bản tin số {n}. " + " ".join(sentences),
    }


#: A dated meeting (written for this test), added to some articles so that the dossier has events.
MEETING = "Ngày {day}/11/2025, Thứ trưởng Bộ Công Thương làm việc với phía Hoa Kỳ tại Washington về thuế đối ứng."


def write_corpus(path: Path, meeting_every: int = 0) -> None:
    rng = random.Random(2025)
    with open(path, "w", encoding="utf-8") as f:
        for n in range(1, N_ARTICLES + 1):
            article = synthetic_article(rng, n)
            if meeting_every and n % meeting_every == 0:
                article["text"] += " " + MEETING.format(day=1 + n % 28)
            f.write(json.dumps(article, ensure_ascii=False) + "\n")


def count_articles(db: Path) -> int:
    """Articles committed so far, read without disturbing the writer (0 before the schema exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def check_whole(db: Path) -> int:
    """Integrity check passes and every article has its version, extraction and search row."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        no_version = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN versions v "
            "ON v.article_id = a.id AND v.version = a.latest_version WHERE v.article_id IS NULL"
        ).fetchone()[0]
        no_extraction = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN extractions e "
            "ON e.article_id = a.id AND e.version = a.latest_version WHERE e.article_id IS NULL"
        ).fetchone()[0]
        search_rows = conn.execute("SELECT count(*) FROM fts").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM versions v LEFT JOIN articles a ON a.id = v.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
    assert (no_version, no_extraction, orphans) == (0, 0, 0)
    assert search_rows == articles
    return int(articles)


@pytest.mark.slow
def test_kill_during_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "tong-hop.jsonl"
    write_corpus(corpus)
    db = tmp_path / "tt.db"
    log = tmp_path / "stderr.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [CLI, "ingest", str(corpus), "--db", str(db), "--json"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while count_articles(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, f"the ingest ended before it could be killed: {log.read_text()[-2000:]}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, log.read_text()[-2000:]

    partial = check_whole(db)
    assert 50 <= partial < N_ARTICLES

    rerun = subprocess.run(
        [CLI, "ingest", str(corpus), "--db", str(db), "--json"], capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert report["failed"] == 0
    assert report["unchanged"] == partial and report["new"] + report["unchanged"] == N_ARTICLES
    assert check_whole(db) == N_ARTICLES
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] == N_ARTICLES
        assert conn.execute("SELECT count(DISTINCT key) FROM articles").fetchone()[0] == N_ARTICLES


def dossier_watermark(db: Path) -> tuple[int, int | None]:
    """The store's revision and the revision its dossier was built from (None: no dossier saved)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        revision = conn.execute("SELECT n FROM revision").fetchone()[0]
        row = conn.execute("SELECT built_from FROM dossier").fetchone()
    return int(revision), (int(row[0]) if row else None)


@pytest.mark.slow
def test_kill_before_the_dossier_is_built_then_commands_repair_it(tmp_path: Path) -> None:
    """Every article committed, the ingest killed while it resolves the dossier: re-running the ingest finds
    nothing new, and ``timeline`` / ``export`` rebuild the stale dossier, say so, and show the events."""
    corpus = tmp_path / "tong-hop.jsonl"
    write_corpus(corpus, meeting_every=20)
    db = tmp_path / "tt.db"
    proc = subprocess.Popen(
        [CLI, "ingest", str(corpus), "--db", str(db), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while count_articles(db) < N_ARTICLES and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert check_whole(db) == N_ARTICLES
    revision, built_from = dossier_watermark(db)
    assert built_from != revision, "the ingest finished its dossier before it could be killed"

    rerun = subprocess.run([CLI, "ingest", str(corpus), "--db", str(db), "--json"], capture_output=True, text=True)
    assert json.loads(rerun.stdout)["new"] == 0 and json.loads(rerun.stdout)["unchanged"] == N_ARTICLES

    timeline = subprocess.run([CLI, "timeline", "--all", "--json", "--db", str(db)], capture_output=True, text=True)
    assert timeline.returncode == 0, timeline.stderr[-2000:]
    assert "rebuilding" in timeline.stderr
    shown = json.loads(timeline.stdout)
    assert shown["events"] or shown["undated"], "the events of the committed articles are shown"
    out = tmp_path / "d.json"
    export = subprocess.run([CLI, "export", "-f", "json", "-o", str(out), "--db", str(db)], capture_output=True)
    assert export.returncode == 0 and b"rebuilding" not in export.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["events"]
    assert dossier_watermark(db)[0] == dossier_watermark(db)[1]
