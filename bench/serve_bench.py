"""Serving figures: requests/s and p50/p99 latency of the timeline JSON and the timeline page, and
``ask`` latency p50/p95 over 50 questions, on a store of the seeds plus N VietNews articles.

The server is ``tradetalks serve`` in a child process on 127.0.0.1; the load comes from this process
(threads with one HTTP client each), bounded by a request count and a time limit per endpoint.

    .venv/bin/python bench/serve_bench.py [--articles 5000] [--requests 600] [--seconds 30]
                                          [--clients 4] [--db bench/out/serve.db]

The store is built once (seeds + VietNews through the full pipeline) and reused when it exists.
VietNews is third-party data for evaluation only: it is read from ../shared at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
VIETNEWS = SHARED / "data" / "external" / "vietnews"
SEEDS = SHARED / "seeds"

QUESTIONS = [
    "Vòng đàm phán thứ {n} diễn ra khi nào?",
    "vong dam phan thu {n} dien ra o dau",
    "When was round {n}?",
    "What topics were discussed at the {n}th round?",
    "Phiên đàm phán cấp Bộ trưởng thứ {n} diễn ra khi nào?",
    "Who is the Deputy USTR?",
    "Ai là trưởng đoàn đàm phán của Việt Nam?",
    "Chức vụ của Nguyễn Sinh Nhật Tân là gì?",
    "Thứ trưởng Nguyễn Sinh Nhật Tân gặp ai ngày 12/11?",
    "Mức thuế đối ứng Mỹ áp cho hàng Việt Nam là bao nhiêu?",
    "How many rounds have been held?",
    "Giá vàng hôm nay thế nào?",
]


def vietnews_records(limit: int) -> Iterator[dict[str, str]]:
    """VietNews articles as {"url","title","text"}: first block is the title; "_" joins words."""
    count = 0
    for path in sorted(VIETNEWS.glob("vietnews_*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                blocks = [b.strip() for b in rec["text"].replace("_", " ").split("\n\n") if b.strip()]
                if len(blocks) < 2:
                    continue
                yield {
                    "url": f"https://vietnews.invalid/{rec['id']}",
                    "title": blocks[0],
                    "text": "\n\n".join(blocks[1:]),
                }
                count += 1
                if count >= limit:
                    return


def build_store(db: Path, articles: int) -> None:
    """Ingest the seeds and ``articles`` VietNews articles through the full pipeline (once)."""
    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.store import open_store

    if db.exists():
        with open_store(str(db)) as store:
            have = store.stats()["articles"]
        if have >= articles:
            print(f"reusing {db} ({have} articles)")
            return
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    archive = db.with_suffix(".jsonl")
    with archive.open("w", encoding="utf-8") as out:
        for rec in vietnews_records(articles):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    with open_store(str(db)) as store:
        report = ingest_paths(store, [str(SEEDS), str(archive)])
        figures = store.stats()
    seconds = time.perf_counter() - started
    print(
        f"built {db}: {figures} in {seconds:.0f} s ({len(report.outcomes) / seconds:.1f} articles/s), "
        f"{len(report.failed)} failed"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``tradetalks serve`` in a child process; returns it and its base URL once it answers."""
    port = free_port()
    cmd = [
        sys.executable,
        "-c",
        "from tradetalks.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    env = {k: v for k, v in os.environ.items() if k != "TRADETALKS_TOKEN"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/api/articles?limit=1", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def load(url: str, requests: int, seconds: float, clients: int) -> tuple[int, float, list[float], int]:
    """GET ``url`` from ``clients`` threads until ``requests`` are done or ``seconds`` pass.

    A ``{n}`` in the URL becomes a different date per request, so every request misses the response cache.
    """
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal issued, errors
        with httpx.Client(timeout=30) as client:
            client.get(url)  # warm the connection
            while time.perf_counter() < deadline:
                with lock:
                    if issued >= requests:
                        return
                    issued += 1
                    n = issued
                target = url.format(n=f"{2020 + n // 365 % 6}-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}")
                t0 = time.perf_counter()
                status = client.get(target).status_code
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), time.perf_counter() - started, latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--db", type=Path, default=REPO / "bench" / "out" / "serve.db")
    args = parser.parse_args()
    if not VIETNEWS.is_dir() or not SEEDS.is_dir():
        print("../shared (seeds, VietNews) is not beside the repository; nothing to measure")
        return 0
    build_store(args.db, args.articles)
    proc, base = start_server(args.db)
    try:
        t0 = time.perf_counter()
        info = httpx.get(base + "/api/timeline", timeout=30).json()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        httpx.get(base + "/", timeout=30)
        cold_page = time.perf_counter() - t0
        print(
            f"timeline: {len(info['events'])} dated + {len(info['undated'])} undated events; first (uncached) "
            f"/api/timeline {cold * 1000:.0f} ms, / {cold_page * 1000:.0f} ms"
        )
        print(f"{'endpoint':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        endpoints = (
            ("/api/timeline", "/api/timeline"),
            ("/ (page)", "/"),
            ("/api/timeline*", "/api/timeline?from={n}"),
            ("/ (page)*", "/?from={n}"),
        )
        for name, path in endpoints:
            n, wall, lat, errors = load(base + path, args.requests, args.seconds, args.clients)
            print(
                f"{name:<16}{n:>9}{n / wall:>9.1f}{percentile(lat, 50) * 1000:>9.1f}"
                f"{percentile(lat, 99) * 1000:>9.1f}{errors:>8}"
            )
        print("* a different --from date per request: every response is built, none comes from the cache")
        questions = [q.format(n=1 + i % 8) for i in range(50) for q in [QUESTIONS[i % len(QUESTIONS)]]]
        lat = []
        found = 0
        with httpx.Client(timeout=30) as client:
            for q in questions:
                t0 = time.perf_counter()
                answer = client.get(base + "/api/ask", params={"q": q}).json()
                lat.append(time.perf_counter() - t0)
                found += bool(answer.get("found"))
        print(
            f"ask over HTTP: {len(questions)} questions, {found} answered, "
            f"p50 {percentile(lat, 50) * 1000:.1f} ms, p95 {percentile(lat, 95) * 1000:.1f} ms"
        )
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
