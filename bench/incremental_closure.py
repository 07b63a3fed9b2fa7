"""Where the articles one ingest re-resolves come from, and where its time goes (prints figures).

Usage: python bench/incremental_closure.py STORE.db ARTICLES [--keep]

On a copy of the SQLite store (left beside it as STORE-closure.db with ``--keep``), the articles of ARTICLES (a
file or folder ``ingest`` reads) are extracted and stored, then, in this one process:

- the keys of the new articles by kind, the keys not followed (shared by more than HUB articles), and the stored
  articles each followed kind of key brings in (``e`` event blocks, ``n`` name keys by prefix, ``b`` LSH bands);
- the closure round by round: how many articles the sources of the frontier's events add, how many their
  stories add, how many belong to a story too large to follow;
- ``resolve_new`` itself, timed by phase (closure, loading docs, ``build_dossier``, the row change, writing it),
  with the articles and events it re-resolved and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradetalks.ingest import batch
from tradetalks.resolve import incremental, slim
from tradetalks.resolve.resolution_keys import article_keys, probes
from tradetalks.store import open_store


def _kind(kind: str, key: str) -> str:
    """A key's kind with its sub-kind: "n:vf" (a Vietnamese full name), "e:m" (an event type in a month) …"""
    if kind == "e":
        return f"e:{key.split('|')[1]}"
    return f"{kind}:{key.split(':')[0]}" if kind == "n" else f"{kind}:{key[0]}"


def breakdown(store: Any, ids: list[str]) -> None:
    reads = store.resolution_reads()
    digests: dict[str, Any] = {}
    docs = {aid: slim(doc, digests) for aid in ids if (doc := store.get_doc(aid)) is not None}
    keys = {(k, key) for d in docs.values() for k, key, _ in article_keys(d, digests[incremental._aid(d)][1])}
    print(f"new articles {len(docs)}; their keys by kind: {dict(sorted(Counter(_kind(*k) for k in keys).items()))}")
    hubs: Counter[str] = Counter()
    brought: dict[str, set[str]] = {}
    for kind, key in sorted({p for k in keys if k[0] in incremental.JOIN_KINDS for p in probes(*k)}):
        found = reads.sharing(kind, key, incremental.HUB + 1)
        if len(found) > incremental.HUB:
            hubs[_kind(kind, key)] += 1
            continue
        brought.setdefault(_kind(kind, key), set()).update(set(found) - set(docs))
    print(f"keys not followed (more than {incremental.HUB} articles): {dict(sorted(hubs.items()))}")
    direct = set().union(*brought.values()) if brought else set()
    print(f"stored articles sharing a followed key: {len(direct)}")
    for kind, arts in sorted(brought.items(), key=lambda kv: -len(kv[1])):
        if arts:
            alone = arts - set().union(*(v for k, v in brought.items() if k != kind))
            print(f"  {kind:<6} {len(arts):5d} articles ({len(alone)} by it alone)")
    subset = set(docs) | direct
    frontier, n = set(subset), 0
    while frontier:
        n += 1
        told, large = reads.story_articles(sorted(frontier), incremental.STORY_BOUND)
        sources = reads.event_articles(sorted(frontier))
        added = (sources | told) - subset
        print(
            f"  round {n}: frontier {len(frontier):4d} -> event sources +{len(sources - subset):4d}, "
            f"stories +{len(told - subset):3d}, in a story too large to follow {len(large):3d}"
        )
        frontier = added
        subset |= added
    print(f"closure: {len(subset)} articles, {len(reads.events_of(sorted(subset)))} stored events they report")


def timed(phases: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.process_time() - started

    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("articles")
    parser.add_argument("--keep", action="store_true", help="keep the copy of the store")
    args = parser.parse_args()
    work = args.store.with_name(args.store.stem + "-closure.db")
    shutil.copyfile(args.store, work)
    stored: dict[str, Any] = {}

    def keep_ids(store: Any, report: Any, since: int | None) -> None:  # store only: resolved below, measured
        stored["ids"] = [o.article_id for o in report.new + report.updated if o.article_id]
        stored["since"] = since

    batch.resolve_stored = keep_ids
    phases: dict[str, float] = {}
    incremental._closure = timed(phases, "closure", incremental._closure)
    incremental.build_dossier = timed(phases, "build_dossier", incremental.build_dossier)
    incremental._change = timed(phases, "row change", incremental._change)
    try:
        with open_store(str(work)) as store:
            batch.ingest_paths(store, [args.articles])
            breakdown(store, stored["ids"])
            store.update_dossier = timed(phases, "writing rows", store.update_dossier)
            store.get_doc = timed(phases, "loading docs", store.get_doc)
            cpu, wall = time.process_time(), time.perf_counter()
            out = incremental.resolve_new(store, stored["ids"], stored["since"])
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        if not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
    print(
        f"resolve_new: CPU {cpu:.2f} s, wall {wall:.2f} s, {len(out.articles)} articles and {out.events} events "
        f"re-resolved{f', rebuilt: {out.rebuilt}' if out.rebuilt else ''}"
    )
    print("  CPU by phase: " + ", ".join(f"{k} {v:.2f} s" for k, v in phases.items()))
    print(f"peak RSS of the process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
