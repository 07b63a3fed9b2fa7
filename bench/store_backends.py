"""SQLite vs PostgreSQL: store-only ingest throughput and search latency on the same N VietNews articles.

The PostgreSQL URL comes from ``--pg`` or ``$TRADETALKS_TEST_PG`` (for instance a throwaway server:
``export TRADETALKS_TEST_PG=$(scripts/pg-test-server.sh start)``); the tables go into a fresh
schema that is dropped afterwards.

Usage::

    python bench/store_backends.py --limit 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_search import ingest_store_only, make_queries, search_latency, write_jsonl  # noqa: E402

from tradetalks.store import open_store  # noqa: E402


@contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A URL whose tables live in a fresh schema of the server at ``base``, dropped afterwards."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema},public"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def measure(label: str, db: str, path: Path, queries: list[str]) -> None:
    """Ingest ``path`` into ``db`` (store only), then time the queries; print one line each."""
    with open_store(db) as store:
        n, nbytes, counts, seconds = ingest_store_only(store, path)
        print(
            f"{label:>10}: {n} articles in {seconds:.1f} s -> {n / seconds:.0f} articles/s, "
            f"{nbytes / 1e6 / seconds:.2f} MB/s; outcomes {counts}"
        )
        print(f"{label:>10}: search {search_latency(store, queries)}")


def main() -> None:
    """Run the same corpus through both backends."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=5000, help="number of articles (default 5000)")
    parser.add_argument("--pg", default=os.environ.get("TRADETALKS_TEST_PG"), help="postgresql:// URL of a server")
    args = parser.parse_args()
    if not args.pg:
        sys.exit("give --pg URL or set TRADETALKS_TEST_PG (e.g. $(scripts/pg-test-server.sh start))")

    with tempfile.TemporaryDirectory(prefix="tradetalks-bench-") as tmp:
        path, total = write_jsonl(args.limit, tmp)
        queries = make_queries(path)
        print(f"corpus: {total} VietNews articles ({path.stat().st_size / 1e6:.1f} MB JSON Lines)")
        measure("sqlite", os.path.join(tmp, "bench.db"), path, queries)
        with pg_schema(args.pg) as url:
            measure("postgresql", url, path, queries)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
