"""Read figures of a served store, for ``incremental_bench.py --reads-only``: the weight and time of the first page
and of ``/api/timeline``, then per API route the p50/p95 latency of requests that each ask for something else (other
ids, dates, offsets, questions: none is answered from the response cache), and the server's peak memory.

The server is ``tradetalks serve`` in a child process on 127.0.0.1 (the code under test on its PYTHONPATH); the
requests come one at a time from this process.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

#: Requests per route (each a different URL).
REQUESTS = 40
QUESTIONS = [
    "Vòng đàm phán thứ {n} diễn ra khi nào?",
    "When was round {n}?",
    "Vòng đàm phán thứ {n} diễn ra ở đâu?",
    "Who is the Deputy USTR?",
    "Ai là trưởng đoàn đàm phán của Việt Nam?",
    "Chức vụ của Nguyễn Sinh Nhật Tân là gì?",
    "Mức thuế đối ứng Mỹ áp cho hàng Việt Nam là bao nhiêu?",
    "How many rounds have been held?",
    "Ông Trump gặp ai ngày {n}/7?",
    "Ai là Bộ trưởng Bộ Công Thương?",
]
WORDS = ["thuế", "đàm phán", "xuất khẩu", "Hoa Kỳ", "thép", "nông sản", "hiệp định", "EVFTA", "gạo", "dệt may"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sample(db: Path, sql: str, count: int) -> list[str]:
    """``count`` values of a query spread over its rows (SQLite store)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        values = [r[0] for r in conn.execute(sql)]
    step = max(1, len(values) // count)
    return values[::step][:count]


def route_urls(db: Path) -> dict[str, list[str]]:
    """Per route: REQUESTS different URLs."""
    n = REQUESTS
    events = _sample(db, "SELECT id FROM d_events ORDER BY pos", n)
    people = _sample(db, "SELECT id FROM d_entities WHERE event_count > 0 ORDER BY pos", n)
    articles = _sample(db, "SELECT id FROM d_articles ORDER BY pos", n)
    days = [f"{2018 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)]
    return {
        "/api/timeline": [f"/api/timeline?from={d}&limit=50" for d in days],
        "/api/events": [f"/api/events?limit=50&offset={i * 50}" for i in range(n)],
        "/api/events/{id}": [f"/api/events/{i}" for i in events],
        "/api/entities": [f"/api/entities?limit=50&offset={i * 50}&type=person" for i in range(n)],
        "/api/entities/{id}": [f"/api/entities/{i}" for i in people],
        "/api/articles": [f"/api/articles?limit=50&offset={i * 50}" for i in range(n)],
        "/api/articles/{id}": [f"/api/articles/{i}" for i in articles],
        "/api/search": [f"/api/search?q={WORDS[i % len(WORDS)]}&offset={i // len(WORDS)}" for i in range(n)],
        "/api/ask": ["/api/ask?q=" + QUESTIONS[i % len(QUESTIONS)].format(n=1 + i // len(QUESTIONS)) for i in range(n)],
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve_figures(db: Path, code: str, label: str) -> None:
    """Start the server on ``db`` with ``code`` on its path, print the first page and per-route figures."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRADETALKS_TOKEN"}
    env["PYTHONPATH"] = code
    cmd = [sys.executable, "-c", "from tradetalks.cli import main; main()", "serve", "--db", str(db)]
    proc = subprocess.Popen(
        [*cmd, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=code,  # ``python -c`` imports from its working directory first
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(600):
                try:
                    client.get("/api/articles?limit=1")
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            for path in ("/", "/api/timeline"):
                t0 = time.perf_counter()
                body = client.get(path).content
                took = (time.perf_counter() - t0) * 1000
                print(f"{label:<8} | first {path:<18} | {took:8.0f} ms | {len(body) / 1024:8.0f} kB")
            print(f"{label:<8} | {'route':<24} | {'n':>3} | {'p50 ms':>7} | {'p95 ms':>7} | {'max ms':>7} | errors")
            for route, urls in route_urls(db).items():
                times, errors = [], 0
                for url in urls:
                    t0 = time.perf_counter()
                    status = client.get(url).status_code
                    times.append(time.perf_counter() - t0)
                    errors += status != 200
                p50, p95, top = (x * 1000 for x in (percentile(times, 50), percentile(times, 95), max(times)))
                print(f"{label:<8} | {route:<24} | {len(urls):>3} | {p50:7.1f} | {p95:7.1f} | {top:7.0f} | {errors}")
        print(f"{label:<8} | server peak memory {_peak_mb(proc.pid):.0f} MB", flush=True)
    finally:
        proc.terminate()
        proc.wait(20)
