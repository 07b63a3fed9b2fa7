"""The crawl soak (bench/crawl_soak.py) run short and fast on a tiny store: a real site on 127.0.0.1 publishes
articles while a real ``tradetalks crawl --watch`` process polls it; every article reaches the timeline rows."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from tradetalks.cli import main; sys.exit(main())"]

# Sentence parts written for this test; each article also tells of one dated meeting, so the dossier has events.
WHO = ["Đoàn công tác của Bộ Công Thương", "Phía Hoa Kỳ", "Hai bên", "Nhóm kỹ thuật", "Các hiệp hội ngành hàng"]
DID = ["tiếp tục bàn về", "đã gửi ý kiến về", "thống nhất rà soát", "đề nghị làm rõ", "ghi nhận tiến triển về"]
WHAT = ["thuế đối ứng", "quy tắc xuất xứ", "hàng nông sản", "thương mại số", "tiêu chuẩn kỹ thuật", "chống gian lận"]
MEETING = "Chiều {day}/10/2025, Thứ trưởng Bộ Công Thương làm việc với đoàn Hoa Kỳ tại Hà Nội về {what}."


def own_article(rng: random.Random, n: int) -> dict[str, str]:
    parts = [f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)}." for _ in range(6)]
    meeting = MEETING.format(day=1 + n % 27, what=rng.choice(WHAT))
    text = f"Bản tin thử tải số {n}. " + " ".join(parts[:3]) + "\n\n" + meeting
    return {"title": f"Bản tin thử tải số {n} về đàm phán thương mại", "text": text + "\n\n" + " ".join(parts[3:])}


@pytest.mark.slow
def test_every_published_article_reaches_the_timeline(tmp_path: Path) -> None:
    rng = random.Random(7)
    base = tmp_path / "base.jsonl"
    with open(base, "w", encoding="utf-8") as f:
        for n in (1, 2):
            rec = own_article(rng, n) | {"url": f"https://co-san.example.org/bai/{n}", "published": "2025-10-20"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    store = tmp_path / "tiny.db"
    subprocess.run([*CLI, "ingest", str(base), "--db", str(store)], check=True, capture_output=True, timeout=120)
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps(own_article(rng, n), ensure_ascii=False) + "\n" for n in range(3, 20)), encoding="utf-8"
    )
    out = tmp_path / "soak.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "crawl_soak.py"), "--store", str(store), "--records", str(records),
         "--rate", "2", "--period", "5", "--minutes", "0.33", "--poll-seconds", "2", "--fetch-delay", "0",
         "--grace", "60", "--work", str(tmp_path / "work"), "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["published"] == 8, summary  # 2 every 5 s for 20 s
    assert summary["seen"] == summary["published"] and summary["unseen"] == 0, done.stdout
    assert done.returncode == 0
    assert all(a["fetched_at"] and a["stored_at"] and a["visible_at"] for a in summary["articles"])
    assert all(a["published_at"] <= a["fetched_at"] <= a["stored_at"] <= a["visible_at"] for a in summary["articles"])
    assert summary["with_events"] > 0  # the meetings are on the timeline, not only the article records
    assert summary["crawler_exit"] == {"code": 0, "stopped_by": "SIGINT"}  # stopped cleanly, not killed
    assert summary["crawler_rss_mb"]["start"] > 0 and summary["crawler_rss_mb"]["end"] > 0
    assert "p50" in done.stdout and "crawler RSS" in done.stdout
