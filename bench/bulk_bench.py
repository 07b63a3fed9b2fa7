"""``bulk`` end to end on the VietNews archive with 1 and 2 Dask workers, resolution included (prints figures).

Usage: python bench/bulk_bench.py [--limit N] [--workers 1,2] [--batch-size 500] [--db-dir DIR]
                                  [--db postgresql://...] [--ingest] [--rebuild]

Reads ../shared/data/external/vietnews/*.jsonl.gz (word-segmented: "_" becomes " "), writes them
as one JSON Lines archive ({"url","title","text"}) in a temporary folder, then runs ``run_bulk``
into a fresh store per worker count and prints, per run: the wall time from the call to the
cluster's close (start-up, extraction and storing, resolution on the cluster), the CPU time of
this process and of the worker processes (reaped children), the load average before and after,
and the end-to-end speed-up over 1 worker. ``--rebuild`` also times the single-process
``rebuild`` of the last store (the resolution bulk replaced). With ``--db postgresql://…``
every run starts from an emptied PostgreSQL database instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from vietnews import VIETNEWS, vietnews_records  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def write_archive(folder: Path, limit: int | None) -> tuple[Path, int]:
    """The benchmark input as one .jsonl.gz file; returns it and its article count."""
    path = folder / "vietnews.jsonl.gz"
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for rec in vietnews_records(limit):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return path, n


def empty_postgres(url: str) -> None:
    """Drop every table of the benchmark database so a run starts from scratch."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all 45,286)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default: 1,2)")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--db-dir", type=Path, default=None, help="folder for the SQLite files (default: temporary)")
    parser.add_argument("--db", default=None, help="a postgresql:// URL to use instead of SQLite (it is emptied!)")
    parser.add_argument("--ingest", action="store_true", help="also time plain single-process `ingest`")
    parser.add_argument("--rebuild", action="store_true", help="also time `rebuild` of the last store")
    args = parser.parse_args()
    if not VIETNEWS.is_dir():
        print(f"no VietNews data at {VIETNEWS}", file=sys.stderr)
        return 2

    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.ingest.bulk import run_bulk
    from tradetalks.store import open_store

    counts = [int(w) for w in args.workers.split(",") if w.strip()]
    with tempfile.TemporaryDirectory(prefix="tt-bulk-") as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        archive, n = write_archive(Path(tmp), args.limit)
        print(f"input: {n} VietNews articles -> {archive.name} ({archive.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs; backend "
              f"{'postgresql' if args.db else 'sqlite'}; batch size {args.batch_size}")

        def fresh_db(name: str) -> str:
            if args.db:
                empty_postgres(args.db)
                return str(args.db)
            path = folder / f"{name}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return str(path)

        walls: dict[int, float] = {}
        last = ""
        if args.ingest:
            with open_store(fresh_db("ingest")) as store:
                started = time.perf_counter()
                plain = ingest_paths(store, [str(archive)])
                seconds = time.perf_counter() - started
            print(f"ingest (1 process): {n} articles, {len(plain.new)} new, {len(plain.unchanged)} unchanged, "
                  f"{len(plain.failed)} failed in {seconds:.1f} s = {n / seconds:.1f} articles/s (incl. resolution)")
        for workers in counts:
            last = fresh_db(f"bulk-{workers}")
            with open_store(last) as store:
                load = os.getloadavg()[0]
                cpu = _cpu()
                started = time.perf_counter()
                report = run_bulk(store, [str(archive)], scheduler=None, workers=workers, console=None,
                                  batch_size=args.batch_size)
                total = time.perf_counter() - started
                used = [b - a for a, b in zip(cpu, _cpu(), strict=True)]
            walls[workers] = total
            start_up = total - report.seconds - report.resolve_seconds
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.resolve_stages.items())
            print(f"bulk --workers {workers}: {report.articles} articles ({report.new} new, {report.unchanged} "
                  f"unchanged, {len(report.failed)} failed): wall {total:.1f} s end to end = start-up and close "
                  f"{start_up:.1f} s + extraction {report.seconds:.1f} s ({report.articles / report.seconds:.1f} "
                  f"articles/s) + resolution on the cluster {report.resolve_seconds:.1f} s "
                  f"({report.partitions} entity partitions; {stages}); CPU {used[0] + used[1]:.1f} s "
                  f"(client {used[0]:.1f} s, workers {used[1]:.1f} s); load average {load:.1f} before, "
                  f"{os.getloadavg()[0]:.1f} after")
        if args.rebuild and last:
            from tradetalks.resolve import rebuild_dossier

            with open_store(last) as store:
                cpu = _cpu()
                started = time.perf_counter()
                rebuild_dossier(store)
                print(f"rebuild (1 process) of the last store: wall {time.perf_counter() - started:.1f} s, "
                      f"CPU {_cpu()[0] - cpu[0]:.1f} s")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
        if 1 in walls:
            for workers, wall in walls.items():
                if workers != 1:
                    print(f"speed-up end to end, {workers} workers vs 1: {walls[1] / wall:.2f}x (target 1.8x)")
    return 0


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its reaped children (the closed cluster's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    sys.exit(main())
