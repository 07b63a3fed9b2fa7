"""Duplicate and story clustering at scale: the VietNews test+val archives (45k articles) and their first 5k/10k/20k.

Prints, per size: wall time (reading and folding; clustering), CPU time, peak resident memory of the child
process, exact and near duplicates found, and how many stories hold more than one article.
Each size runs in a fresh process so peak memory is its own.

usage: python bench/stories_scale.py [--sizes 5000,10000,20000,0] [--data DIR]   (0 = everything)

With ``--rebuild DB`` it instead resolves a whole store (fill one first with
``tradetalks bulk ../shared/data/external/vietnews --db DB``), once as ``rebuild_dossier`` does
(streaming slim docs) and once with every stored Doc held at once, each in a fresh process, and prints
wall time and peak resident memory of each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import resource
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tradetalks.model import content_hash
from tradetalks.resolve.names import fold_text
from tradetalks.resolve.stories import StoryInput, cluster_stories

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "external" / "vietnews"


def read_vietnews(folder: Path, limit: int) -> Iterator[tuple[str, str]]:
    """(id, plain text) of each article: syllables joined by "_" split back, NFC."""
    n = 0
    for name in ("vietnews_test.jsonl.gz", "vietnews_val.jsonl.gz"):
        with gzip.open(folder / name, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                yield rec["id"], unicodedata.normalize("NFC", rec["text"].replace("_", " "))
                n += 1
                if limit and n >= limit:
                    return


def run(folder: Path, limit: int, queue: mp.Queue) -> None:
    """Read, cluster and report one size (in a child process)."""
    t0 = time.perf_counter()
    items = [StoryInput(aid, None, content_hash(text), fold_text(text)) for aid, text in read_vietnews(folder, limit)]
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = cluster_stories(items)
    t_cluster = time.perf_counter() - t1
    sizes = Counter(result.story.values())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    queue.put(
        {
            "articles": len(items),
            "read_s": round(t_read, 2),
            "cluster_s": round(t_cluster, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "exact_duplicates": result.exact,
            "near_duplicates": result.near,
            "marked_duplicate_of": sum(1 for v in result.duplicate_of.values() if v),
            "stories_with_2plus": sum(1 for n in sizes.values() if n > 1),
        }
    )


def resolve_store(db: str, stream: bool, queue: mp.Queue) -> None:
    """Resolve the store at ``db`` (streamed or whole docs) without saving; report time and peak memory."""
    from tradetalks.resolve import build_dossier, slim
    from tradetalks.store import open_store

    t0 = time.perf_counter()
    with open_store(db) as store:
        if stream:
            digests: dict = {}
            dossier = build_dossier((slim(doc, digests) for doc in store.docs()), digests)
        else:
            dossier = build_dossier(list(store.docs()))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    queue.put(
        {
            "mode": "streamed" if stream else "whole docs",
            "articles": len(dossier.articles),
            "events": len(dossier.events),
            "stories": len({a.story for a in dossier.articles}),
            "wall_s": round(time.perf_counter() - t0, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        }
    )


def rebuild_main(db: str, modes: list[bool]) -> int:
    """Peak memory of resolving one store, streamed and whole, each in a fresh process."""
    ctx = mp.get_context("spawn")
    print("mode        articles  events  stories  wall_s  peak_rss_mb")
    for stream in modes:
        queue: mp.Queue = ctx.Queue()
        child = ctx.Process(target=resolve_store, args=(db, stream, queue))
        child.start()
        r = queue.get()
        child.join()
        print(
            f"{r['mode']:<10}  {r['articles']:>8}  {r['events']:>6}  {r['stories']:>7}  {r['wall_s']:>6}  "
            f"{r['peak_rss_mb']:>11}"
        )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,10000,20000,0")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rebuild", metavar="DB", help="resolve this store instead (streamed and whole docs)")
    parser.add_argument("--modes", default="streamed,whole", help="with --rebuild: streamed, whole or both")
    args = parser.parse_args(argv)
    if args.rebuild:
        if not Path(args.rebuild).is_file() and "://" not in args.rebuild:
            print(f"{args.rebuild}: no such store")
            return 1
        return rebuild_main(args.rebuild, [m.strip() == "streamed" for m in args.modes.split(",") if m.strip()])
    folder = args.data.resolve()
    if not (folder / "vietnews_test.jsonl.gz").is_file():
        print(f"{folder}: no vietnews_test.jsonl.gz here (see ../shared/data/external/vietnews/SOURCE.md)")
        return 1
    ctx = mp.get_context("spawn")
    print("articles  read_s  cluster_s  cpu_s  peak_rss_mb  exact_dups  near_dups  marked_dup  stories_2+")
    for size in (int(s) for s in args.sizes.split(",")):
        queue: mp.Queue = ctx.Queue()
        child = ctx.Process(target=run, args=(folder, size, queue))
        child.start()
        r = queue.get()
        child.join()
        print(
            f"{r['articles']:>8}  {r['read_s']:>6}  {r['cluster_s']:>9}  {r['cpu_s']:>5}  {r['peak_rss_mb']:>11}  "
            f"{r['exact_duplicates']:>10}  {r['near_duplicates']:>9}  {r['marked_duplicate_of']:>10}  "
            f"{r['stories_with_2plus']:>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
