"""What one new article, and one question, cost as the store grows (prints figures).

Usage: python bench/incremental_bench.py [--sizes 1000,5000] [--out bench/out/incremental] [--workers 2]
                                         [--question "..."] [--name "..."] [--reads-only]
       python bench/incremental_bench.py --reads-only --store STORE.db [--code DIR ...] [--runs 3] [--no-api]

For each size N it builds (once, kept under ``--out``) a SQLite store of the first N VietNews articles
(../shared/data/external/vietnews/*.jsonl.gz, NFC, "_" -> " ") with ``tradetalks bulk``; a bigger store is
grown from a copy of the next smaller one. Then, each as its own CLI process on a fresh copy of the store:
``ingest`` of 1 and of 10 articles the store does not hold, and ``timeline``, ``who``, ``ask``; for each the
wall time, the CPU time (user + system: less swayed by other load on the machine) and the peak resident memory
of the process (``os.wait4``).

With ``--store`` (and ``--reads-only``) an existing SQLite store is read in place, nothing is built or written:
``timeline``, ``who`` and ``ask`` (three questions) as CLI processes, ``--runs`` times each (the median wall and CPU
time, the largest peak memory), then the served store (``read_routes.py``): the first page's weight and time and
the p50/p95 latency of each API route. Each ``--code DIR`` (a checkout of tradetalks, e.g. an older commit exported
with ``git archive``) is measured in turn on the same store, so versions stand side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from vietnews import VIETNEWS, vietnews_records  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = ("", "-wal", "-shm")
CLI = [sys.executable, "-c", "import sys; from tradetalks.cli import main; sys.exit(main())"]


def write_jsonl(path: Path, start: int, stop: int) -> int:
    """Records ``start`` .. ``stop`` - 1 of the archive as a JSON Lines file; returns how many were written."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for i, rec in enumerate(vietnews_records()):
            if i >= stop:
                break
            if i >= start:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


def run(args: list[str], env: dict[str, str], cwd: str | None = None) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds: user + system) of one CLI process (run in ``cwd``:
    ``python -c`` imports from its working directory first)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        print(f"  ! {' '.join(args[1:3])} exited {proc.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def copy_store(src: Path, dst: Path) -> None:
    for suffix in SUFFIXES:
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")


def build_store(out: Path, size: int, smaller: list[int], workers: int, env: dict[str, str]) -> Path:
    """The store of the first ``size`` articles (built once); grown from the largest smaller store built."""
    db = out / f"store-{size}.db"
    if db.exists():
        return db
    base = max((s for s in smaller if s < size and (out / f"store-{s}.db").exists()), default=0)
    tmp = out / f"building-{size}.db"
    if base:
        copy_store(out / f"store-{base}.db", tmp)
    part = out / f"part-{base}-{size}.jsonl"
    write_jsonl(part, base, size)
    started = time.perf_counter()
    cmd = [*CLI, "bulk", str(part), "--workers", str(workers), "--db", str(tmp)]
    wall, rss, code, _ = run(cmd, env)
    if code != 0:
        raise SystemExit(f"building the {size} store failed")
    print(f"built store-{size} from store-{base} + {size - base} articles in {time.perf_counter() - started:.0f} s")
    part.unlink()
    for suffix in SUFFIXES:
        if Path(f"{tmp}{suffix}").exists():
            os.replace(f"{tmp}{suffix}", f"{db}{suffix}")
    return db


READ_QUESTIONS = ("Ai là Bộ trưởng Bộ Công Thương?", "Vòng đàm phán thứ 5 diễn ra khi nào?", "Ông Trump gặp ai?")


def store_reads(db: Path, codes: list[str], runs: int, name: str, api: bool) -> None:
    """CLI reads and served reads of an existing store, for each code checkout in turn."""
    from read_routes import serve_figures

    db = db.resolve()
    print(f"store {db} ({db.stat().st_size / 1e6:.0f} MB)")
    print(f"{'code':<8} | {'operation':<44} | {'wall s':>7} | {'cpu s':>7} | {'peak MB':>7}")
    for code in codes:
        label = Path(code).name[:8] if len(codes) > 1 else "this"
        env = dict(os.environ, PYTHONPATH=code)
        ops = [("timeline", ["timeline"]), ("timeline --limit 50", ["timeline", "--limit", "50"])]
        ops += [(f"who {name}", ["who", name])]
        ops += [(f"ask {q}", ["ask", q]) for q in READ_QUESTIONS]
        run([*CLI, "stats", "--db", str(db)], env, code)  # once, untimed: warms the page cache
        for op, args in ops:
            figures = [run([*CLI, *args, "--db", str(db)], env, code) for _ in range(runs)]
            wall = statistics.median(f[0] for f in figures)
            cpu = statistics.median(f[3] for f in figures)
            peak = max(f[1] for f in figures)
            print(f"{label:<8} | {op[:44]:<44} | {wall:7.2f} | {cpu:7.2f} | {peak:7.0f}", flush=True)
        if api:
            serve_figures(db, code, label)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated store sizes (default: 1000,5000)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "incremental")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers when building a store")
    parser.add_argument("--question", default="Ai là Bộ trưởng Bộ Công Thương?")
    parser.add_argument("--name", default="Nguyễn Xuân Phúc")
    parser.add_argument("--reads-only", action="store_true", help="time timeline, who and ask only (no ingest)")
    parser.add_argument("--store", type=Path, help="with --reads-only: an existing SQLite store, read in place")
    parser.add_argument("--code", action="append", help="a tradetalks checkout to measure (repeatable; default: this)")
    parser.add_argument("--runs", type=int, default=3, help="with --store: runs of each CLI read (median)")
    parser.add_argument("--no-api", action="store_true", help="with --store: skip the served routes")
    args = parser.parse_args()
    if args.store is not None:
        if not args.reads_only or not args.store.exists():
            print("--store needs --reads-only and an existing store", file=sys.stderr)
            return 2
        codes = [str(Path(c).resolve()) for c in args.code or [str(REPO)]]
        store_reads(args.store, codes, args.runs, args.name, not args.no_api)
        return 0
    if not VIETNEWS.is_dir():
        print(f"no VietNews data at {VIETNEWS}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    one, ten = args.out / "add-1.jsonl", args.out / "add-10.jsonl"
    total = sum(1 for _ in vietnews_records()) if not one.exists() else 0
    if not one.exists():  # the articles added are the last ones of the archive: no store built here holds them
        write_jsonl(one, total - 1, total)
        write_jsonl(ten, total - 11, total - 1)
    cli = CLI
    print(f"{'store':>7} | {'operation':<12} | {'wall s':>7} | {'cpu s':>7} | {'peak MB':>7}")
    for size in sizes:
        db = build_store(args.out, size, sizes, args.workers, env)
        work = args.out / f"work-{size}.db"
        copy_store(db, work)
        # once, untimed: a store written by another schema is migrated and its dossier rebuilt here
        run([*cli, "stats", "--db", str(work)], env)
        run([*cli, "timeline", "--db", str(work)], env)
        copy_store(work, db)
        rows: list[tuple[str, list[str]]] = [
            ("timeline", [*cli, "timeline", "--db", str(work)]),
            ("who", [*cli, "who", args.name, "--db", str(work)]),
            ("ask", [*cli, "ask", args.question, "--db", str(work)]),
        ]
        if not args.reads_only:
            rows.append(("add 1", [*cli, "ingest", str(one), "--db", str(work)]))
        for label, cmd in rows:
            wall, rss, _, cpu = run(cmd, env)
            print(f"{size:>7} | {label:<12} | {wall:7.2f} | {cpu:7.2f} | {rss:7.0f}", flush=True)
        if not args.reads_only:
            copy_store(db, work)
            wall, rss, _, cpu = run([*cli, "ingest", str(ten), "--db", str(work)], env)
            print(f"{size:>7} | {'add 10':<12} | {wall:7.2f} | {cpu:7.2f} | {rss:7.0f}", flush=True)
        for suffix in SUFFIXES:
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
