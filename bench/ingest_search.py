"""Ingest throughput and search latency on the VietNews corpus (../shared/data/external/vietnews).

Prints articles/s, MB/s (UTF-8 article text), peak RSS, then search latency p50/p95 over
100 queries (half with diacritics, half without). Two ingest modes:

* ``store``: the real reading path (JSON Lines reader, normalisation) and ``Store.add_article``,
  no extraction: the store alone;
* ``full``: ``tradetalks.ingest.batch.ingest_paths`` with the default pipeline and dossier rebuild.

Usage::

    python bench/ingest_search.py --mode store                  # all 45k articles, temporary SQLite file
    python bench/ingest_search.py --mode full --limit 2000
    python bench/ingest_search.py --db postgresql://... --limit 5000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from tradetalks.errors import IngestError
from tradetalks.store import Store, open_store

VIETNEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "external" / "vietnews"


def vietnews_records(limit: int | None = None) -> Iterator[dict[str, str]]:
    """VietNews articles as ingest JSON Lines records: title = first block, text = the rest, "_" -> " "."""
    files = sorted(VIETNEWS.resolve().glob("vietnews_*.jsonl.gz"))
    if not files:
        sys.exit(f"no VietNews files under {VIETNEWS.resolve()} (../shared must sit beside the repository)")
    count = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if limit is not None and count >= limit:
                    return
                rec = json.loads(line)
                blocks = rec["text"].replace("_", " ").strip("\n").split("\n\n")
                yield {"title": blocks[0], "text": "\n\n".join(blocks[1:]) or blocks[0], "id": rec["id"]}
                count += 1


def write_jsonl(limit: int | None, directory: str) -> tuple[Path, int]:
    """Write the corpus as one ingest-ready JSON Lines file; return it and its article count."""
    path = Path(directory) / "vietnews.jsonl"
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for rec in vietnews_records(limit):
            out.write(json.dumps({"title": rec["title"], "text": rec["text"]}, ensure_ascii=False) + "\n")
            n += 1
    return path, n


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_store_only(store: Store, path: Path) -> tuple[int, int, dict[str, int], float]:
    """Read and store every article without extraction; return (articles, text bytes, outcomes, seconds)."""
    from tradetalks.ingest.files import read_inputs

    counts: dict[str, int] = {}
    n = nbytes = 0
    t0 = time.perf_counter()
    for item in read_inputs([str(path)]):
        if isinstance(item, IngestError):
            store.record_failure(item.source, item.reason)
            counts["failed"] = counts.get("failed", 0) + 1
            continue
        outcome = store.add_article(item)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        n += 1
        nbytes += len(item.text.encode("utf-8"))
    return n, nbytes, counts, time.perf_counter() - t0


def ingest_full(store: Store, path: Path) -> tuple[int, int, dict[str, int], float]:
    """The whole ingest path (pipeline, store, dossier rebuild); return (articles, text bytes, outcomes, seconds)."""
    from tradetalks.ingest.batch import ingest_paths

    t0 = time.perf_counter()
    report = ingest_paths(store, [str(path)])
    seconds = time.perf_counter() - t0
    counts = {k: v for k, v in report.to_dict().items() if isinstance(v, int)}
    nbytes = sum(len(rec["text"].encode("utf-8")) for rec in _read_jsonl(path))
    return len(report.outcomes), nbytes, counts, seconds


def _read_jsonl(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def make_queries(path: Path, n: int = 100, seed: int = 7) -> list[str]:
    """``n`` queries of 1-3 consecutive title words; every other one stripped of its diacritics."""
    from tradetalks.store.search import fold_text

    rng = random.Random(seed)
    titles = [rec["title"] for rec in _read_jsonl(path)]
    queries: list[str] = []
    while len(queries) < n and titles:
        words = [w for w in rng.choice(titles).split() if any(c.isalpha() for c in w)]
        if not words:
            continue
        size = rng.randint(1, min(3, len(words)))
        start = rng.randrange(0, len(words) - size + 1)
        q = " ".join(words[start : start + size])
        q = unicodedata.normalize("NFC", q)
        queries.append(q if len(queries) % 2 == 0 else fold_text(q))
    return queries


def search_latency(store: Store, queries: list[str], limit: int = 10) -> dict[str, float]:
    """p50/p95/max search latency in ms, and how many queries found something."""
    times: list[float] = []
    found = 0
    for q in queries:
        t0 = time.perf_counter()
        hits = store.search(q, limit=limit)
        times.append((time.perf_counter() - t0) * 1000)
        found += bool(hits)
    times.sort()
    return {
        "queries": len(queries),
        "with_hits": found,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
        "max_ms": round(times[-1], 2),
    }


def report_ingest(label: str, n: int, nbytes: int, counts: dict[str, int], seconds: float) -> None:
    """Print one ingest measurement."""
    print(
        f"{label}: {n} articles, {nbytes / 1e6:.1f} MB text in {seconds:.1f} s -> "
        f"{n / seconds:.0f} articles/s, {nbytes / 1e6 / seconds:.2f} MB/s; outcomes {counts}; "
        f"peak RSS {peak_rss_mb():.0f} MB"
    )


def main() -> None:
    """Parse options, prepare the corpus, ingest, search, print figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all 45k)")
    parser.add_argument("--db", default=None, help="SQLite file or postgresql:// URL (default: a temporary file)")
    parser.add_argument("--mode", choices=["store", "full"], default="store", help="store only, or the full pipeline")
    parser.add_argument("--queries", type=int, default=100, help="number of search queries")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tradetalks-bench-") as tmp:
        path, total = write_jsonl(args.limit, tmp)
        db = args.db or os.path.join(tmp, "bench.db")
        print(f"corpus: {total} VietNews articles ({path.stat().st_size / 1e6:.1f} MB JSON Lines); store: {db}")
        with open_store(db) as store:
            run = ingest_store_only if args.mode == "store" else ingest_full
            report_ingest(f"ingest ({args.mode})", *run(store, path))
            if not db.startswith(("postgresql://", "postgres://")):
                print(f"database size: {Path(db).stat().st_size / 1e6:.0f} MB")
            print(f"stats: {store.stats()}")
            figures = search_latency(store, make_queries(path, args.queries))
            print(f"search ({figures['queries']} queries, limit 10): {figures}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
