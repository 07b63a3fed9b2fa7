"""What a full rebuild of a store costs (prints figures): wall time, CPU time and peak resident memory.

Usage: python bench/rebuild_bench.py --db STORE.db [--code DIR ...] [--runs 1] [--in-place] [--export OUT.json]

Each run is ``tradetalks rebuild`` as its own CLI process on a copy of the store (made beside it as
``STORE.db.bench``, removed at the end; ``--in-place`` rebuilds the store itself). For each run it prints the
wall time, the CPU time (user + system, less swayed by other load on a shared machine) and the peak resident
memory of the process (``os.wait4``), with the load average before it. Each ``--code DIR`` (a checkout of
tradetalks, e.g. an older commit exported with ``git archive``) is measured in turn on a fresh copy, so versions
stand side by side in one run. ``--export`` also writes the rebuilt dossier (``export --format json``) to
OUT.json, suffixed by the code's label when there are several, for a byte comparison (``cmp``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = ("", "-wal", "-shm")
CLI = [sys.executable, "-c", "import sys; from tradetalks.cli import main; sys.exit(main())"]


def run(args: list[str], env: dict[str, str], cwd: str) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds: user + system, peak RSS in MB, exit code) of one CLI process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {' '.join(args[3:5])} exited {code}: {err.strip()[-300:]}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def copy_store(src: Path, dst: Path) -> None:
    for suffix in SUFFIXES:
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")


def remove_store(db: Path) -> None:
    for suffix in SUFFIXES:
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, type=Path, help="the SQLite store to rebuild (a copy of it)")
    parser.add_argument("--code", action="append", default=[], help="a tradetalks checkout to measure (repeatable)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--in-place", action="store_true", help="rebuild the store itself, not a copy")
    parser.add_argument("--export", type=Path, help="write the rebuilt dossier as JSON here")
    args = parser.parse_args()
    codes = [str(Path(c).resolve()) for c in args.code] or [str(REPO)]
    src = args.db.resolve()
    print(f"store {src} ({src.stat().st_size / 1e6:.0f} MB), {os.cpu_count()} cores")
    print(f"{'code':<10} | {'run':>3} | {'wall s':>7} | {'cpu s':>7} | {'peak MB':>7} | load average before")
    for code in codes:
        label = Path(code).name[:10]
        env = dict(os.environ, PYTHONPATH=code)
        for n in range(args.runs):
            db = src if args.in_place else Path(f"{src}.bench")
            if not args.in_place:
                copy_store(src, db)
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            wall, cpu, peak, status = run([*CLI, "rebuild", "--db", str(db)], env, code)
            mark = "" if status == 0 else f"  (exit {status})"
            print(f"{label:<10} | {n + 1:>3} | {wall:7.1f} | {cpu:7.1f} | {peak:7.0f} | {load}{mark}", flush=True)
            if args.export is not None and n == 0:
                out = args.export if len(codes) == 1 else args.export.with_suffix(f".{label}.json")
                run([*CLI, "export", "--format", "json", "--output", str(out), "--db", str(db)], env, code)
                print(f"{'':<10} |     | dossier written to {out}")
            if not args.in_place:
                remove_store(db)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
