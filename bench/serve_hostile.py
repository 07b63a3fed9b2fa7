"""The server under hostile load (prints figures): the article page of a 300 KB article with many highlighted
spans, and 16 parallel unauthenticated 50 MB POSTs to /api/ingest.

    .venv/bin/python bench/serve_hostile.py [--kb 300] [--requests 5] [--posts 16] [--mb 50]

The server is ``tradetalks serve`` in a child process on 127.0.0.1 over a fresh SQLite file in a temporary
folder. The article and its extraction are built by hand (names, dates and one evidence sentence per sentence),
so the figure measures the page, not extraction. Peak memory is the server's VmHWM from /proc/PID/status.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from tradetalks.model import Article, Doc, Event, Evidence, Mention, TimeExpr, article_id
from tradetalks.resolve import rebuild_dossier
from tradetalks.store import open_store

SENTENCE = "Ngày {day}/3, Thứ trưởng Nguyễn Văn An gặp đại diện Hoa Kỳ tại Hà Nội để bàn về thuế quan. "
TOKEN = "bench-token"


def hostile_article(kb: int) -> Doc:
    """An article of ``kb`` KB where every sentence holds a date, a person, a country, a place and an event."""
    parts: list[str] = []
    size = 0
    while size < kb * 1024:
        parts.append(SENTENCE.format(day=1 + len(parts) % 28))
        size += len(parts[-1].encode("utf-8"))
    text = "".join(parts)
    article = Article("hostile-300kb.txt", text, title="Một bài rất dài", url="https://bench.example/300kb")
    article.id = article_id(article.key)
    doc = Doc(article)
    pos = 0
    for n, sentence in enumerate(parts):

        def at(word: str, base: int = pos, s: str = sentence) -> tuple[int, int]:
            i = base + s.index(word)
            return i, i + len(word)

        doc.mentions += [
            Mention(*at("Nguyễn Văn An"), "Nguyễn Văn An", "person", "nguyen van an"),
            Mention(*at("Hoa Kỳ"), "Hoa Kỳ", "country", "hoa ky", canonical="Hoa Kỳ"),
            Mention(*at("Hà Nội"), "Hà Nội", "location", "ha noi"),
        ]
        date = f"Ngày {1 + n % 28}/3"
        doc.timexes.append(TimeExpr(*at(date), date, f"2025-03-{1 + n % 28:02d}", "publication_date"))
        doc.events.append(Event("meeting", [Evidence(article.id, pos, pos + len(sentence) - 1, sentence.strip())]))
        pos += len(sentence)
    return doc


def start_server(db: str) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, "TRADETALKS_TOKEN": TOKEN}
    cmd = [sys.executable, "-c", "from tradetalks.cli import main; main()", "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start")


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (the wall time on a shared machine also counts waiting)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def unauthenticated_post(port: int, size: int, results: list[str]) -> None:
    """Announce and send ``size`` bytes without a token; record the status line (or how the connection ended)."""
    head = (
        f"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\n\r\n"
    ).encode()
    chunk = b" " * 1_048_576
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=300) as sock:
            sock.sendall(head)
            sent = 0
            try:
                while sent < size:
                    sock.sendall(chunk[: min(len(chunk), size - sent)])
                    sent += len(chunk)
            except OSError:
                pass  # the server answered and closed without reading the rest
            answer = sock.recv(4096)
            results.append(answer.split(b"\r\n", 1)[0].decode() or f"closed after {sent // 1_048_576} MB")
    except OSError as exc:
        results.append(f"{type(exc).__name__}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--posts", type=int, default=16)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "hostile.db")
        doc = hostile_article(args.kb)
        with open_store(db) as store:
            outcome = store.add_article(doc.article, doc)
            t0 = time.perf_counter()
            dossier = rebuild_dossier(store)
            print(f"dossier resolved in {time.perf_counter() - t0:.1f} s: {len(dossier.events)} events")
        spans = len(doc.mentions) + len(doc.timexes) + len(doc.events)  # and the dossier's own, on the page
        proc, port = start_server(db)
        try:
            base = f"http://127.0.0.1:{port}"
            idle = memory(proc.pid)
            page = f"{base}/article/{outcome.article_id}"
            first = httpx.get(page, timeout=600)
            assert first.status_code == 200, first.status_code
            times = []
            cpu0 = cpu_seconds(proc.pid)
            for _ in range(args.requests):
                t0 = time.perf_counter()
                httpx.get(page, timeout=600)
                times.append(time.perf_counter() - t0)
            cpu = (cpu_seconds(proc.pid) - cpu0) / args.requests
            print(
                f"GET /article/ID, {len(doc.article.text.encode()) // 1024} KB, {spans} extracted spans (and the "
                f"dossier's): "
                f"p50 {statistics.median(times) * 1000:.0f} ms over {args.requests} (max {max(times) * 1000:.0f} ms, "
                f"server CPU {cpu * 1000:.0f} ms per request), "
                f"page {len(first.content) // 1024} KB"
            )
            results: list[str] = []
            threads = [
                threading.Thread(target=unauthenticated_post, args=(port, args.mb * 1_000_000, results))
                for _ in range(args.posts)
            ]
            t0 = time.perf_counter()
            cpu0 = cpu_seconds(proc.pid)
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            total = time.perf_counter() - t0
            cpu = cpu_seconds(proc.pid) - cpu0
            after = memory(proc.pid)
            answers = {r: results.count(r) for r in sorted(set(results))}
            print(
                f"{args.posts} parallel unauthenticated {args.mb} MB POST /api/ingest: {total:.2f} s in all "
                f"(server CPU {cpu:.2f} s); "
                f"answers {answers}; server RSS idle {idle['VmRSS']} MB, after {after['VmRSS']} MB, "
                f"peak (VmHWM) {after['VmHWM']} MB"
            )
            alive = httpx.get(base + "/api/search", params={"q": "thue quan"}, timeout=60).status_code
            print(f"search afterwards: HTTP {alive}")
        finally:
            proc.terminate()
            proc.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
