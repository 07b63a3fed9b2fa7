"""Two processes ingesting the same articles into one store at once: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tradetalks.store import open_store

N = 200

# Each worker writes the same N articles (one of them in reverse order, so they collide often)
# and prints how many it stored as new.
WORKER = """
import json, sys
from tradetalks.model import Article
from tradetalks.store import open_store

url, n, reverse = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
order = range(n - 1, -1, -1) if reverse else range(n)
counts = {}
with open_store(url) as store:
    print("ready", flush=True)
    sys.stdin.readline()  # both workers start writing at the same moment
    for i in order:
        text = f"Tin số {i}: hai đoàn đàm phán Việt Nam và Hoa Kỳ trao đổi về thuế quan và nông sản."
        outcome = store.add_article(Article(f"tin-{i}.txt", text, title=f"Tin {i}", url=f"https://tin.example.vn/{i}"))
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
print(json.dumps(counts))
"""


def run_workers(url: str, n: int) -> list[dict[str, Any]]:
    """Start two workers, release them together, return what each stored."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(n), str(k)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in (0, 1)
    ]
    for proc in procs:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            proc.kill()
            _, errors = proc.communicate()
            pytest.fail(f"a worker could not open the store:\n{errors}")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results: list[dict[str, Any]] = []
    for proc in procs:
        out, errors = proc.communicate(timeout=300)
        assert proc.returncode == 0, errors
        results.append(json.loads(out))
    return results


def test_store_two_processes_ingest_same_articles(store_url: str) -> None:
    with open_store(store_url):
        pass  # create the schema first, as `tradetalks ingest` does before its workers start
    results = run_workers(store_url, N)
    assert sum(r.get("new", 0) for r in results) == N
    assert sum(r.get("unchanged", 0) for r in results) == N
    assert not any(r.get("updated") or r.get("failed") for r in results)
    with open_store(store_url) as store:
        figures = store.stats()
        assert (figures["articles"], figures["versions"]) == (N, N)
        assert len({a.id for a in store.articles()}) == N
        assert len(store.search("dam phan hoa ky", limit=1000)) == N


def test_store_two_processes_open_a_new_store_at_once(store_url: str) -> None:
    """Creating the schema concurrently (migrations) is safe too."""
    results = run_workers(store_url, 20)
    assert sum(r.get("new", 0) for r in results) == 20
    with open_store(store_url) as store:
        assert store.stats()["articles"] == 20


OPENER = """
import sys, time
import tradetalks.store.sqlite  # imported before the wait, so the processes really open at once
from tradetalks.store import open_store
start = float(sys.argv[2])
while time.time() < start:
    pass
with open_store(sys.argv[1]) as store:
    print(store.stats()["articles"])
"""


def test_sqlite_new_file_opened_by_many_processes_in_the_same_instant(tmp_path: Path) -> None:
    """Switching a new file to WAL answers "locked" without waiting when two processes do it at once;
    every process must still open the store."""
    for round_ in range(4):
        path = tmp_path / f"store{round_}.db"
        start = time.time() + 2.0  # every process has imported by then and spins to the same instant
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(start)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        for proc in procs:
            out, errors = proc.communicate(timeout=120)
            assert proc.returncode == 0 and out.strip() == "0", errors


def test_store_threads_sharing_one_store(store: Any) -> None:
    """A web server's threads share one store: their transactions must not interleave."""
    from concurrent.futures import ThreadPoolExecutor

    from tradetalks.model import Article

    def add(i: int) -> str:
        text = f"Luồng {i % 40}: tin về xuất khẩu cà phê sang Hoa Kỳ."
        outcome = store.add_article(Article(f"t{i}", text, url=f"https://tin.example.vn/t{i % 40}"))
        store.put_state("threads", str(i % 7), {"i": i})
        return outcome.status

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(add, range(160)))
    assert statuses.count("new") == 40 and statuses.count("unchanged") == 120
    assert store.stats()["articles"] == store.stats()["versions"] == 40
    assert len(list(store.state_items("threads"))) == 7
