"""Extraction throughput of the whole default pipeline vs underthesea.ner, on one core, with peak memory.

usage: python bench/extract_speed.py [--ours N] [--theirs M] [--profile]

Times are CPU seconds (the machine may be shared). Both run on the same VietNews articles
(../shared/data/external/vietnews, word segmentation undone):
the first M of them for underthesea's ``ner()`` called sentence by sentence (sentences from our own
splitter, not timed), N (>= M) for our pipeline. Prints chars/s and articles/s for each, the ratio on
the shared M articles, and peak RSS after our run (before underthesea is loaded) and at the end.
Prints the share of CPU time of each stage; with --profile, also a cProfile listing (by cumulative
time; its per-call overhead inflates stages made of many small calls).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from false_events import vietnews_articles  # noqa: E402

from tradetalks.model import Article, Doc  # noqa: E402
from tradetalks.pipeline import default_pipeline  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_core() -> None:
    """Pin the process to one CPU and keep numeric libraries single-threaded."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_ours(articles: list[Article]) -> float:
    """Seconds for the whole default pipeline over ``articles``."""
    pipe = default_pipeline()
    pipe(articles[0])  # load resources and compile patterns before timing
    t0 = time.process_time()
    for art in articles:
        pipe(art)
    return time.process_time() - t0


def stage_times(articles: list[Article]) -> dict[str, float]:
    """CPU seconds spent in each stage of the default pipeline over ``articles``."""
    pipe = default_pipeline()
    spent = {spec.name: 0.0 for spec in pipe.stages}
    for art in articles:
        doc = Doc(article=art, layers={"text"})
        for spec in pipe.stages:
            t0 = time.process_time()
            doc = spec.fn(doc)
            spent[spec.name] += time.process_time() - t0
            doc.layers |= spec.provides
    return spent


def run_underthesea(sentences: list[list[str]]) -> float:
    """Seconds for underthesea.ner over every sentence of every article."""
    try:
        from underthesea import ner
    except ImportError:
        raise SystemExit("underthesea is not installed: pip install -e '.[bench]'") from None

    ner("Bộ Công Thương làm việc với USTR tại Washington.")  # load the model before timing
    t0 = time.process_time()
    for sents in sentences:
        for s in sents:
            ner(s)
    return time.process_time() - t0


def line(name: str, n: int, chars: int, secs: float) -> str:
    """One result row."""
    rate = f"{chars / secs:>11,.0f} chars/s  {n / secs:8.1f} art/s"
    return f"{name:<28} {n:>6} articles {chars:>10} chars {secs:8.2f}s CPU {rate}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", type=int, default=2000)
    parser.add_argument("--theirs", type=int, default=200)
    parser.add_argument("--stride", type=int, default=11)
    parser.add_argument("--profile", action="store_true")
    opts = parser.parse_args(argv)
    one_core()
    articles = list(vietnews_articles(max(opts.ours, opts.theirs), stride=opts.stride))
    ours, theirs = articles[: opts.ours], articles[: opts.theirs]
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"one core: CPU(s) {cpus}; times are CPU seconds of this process (time.process_time)")

    secs = run_ours(ours)
    chars = sum(len(a.text) for a in ours)
    print(line("tradetalks default_pipeline", len(ours), chars, secs))
    shared_secs = run_ours(theirs)
    shared_chars = sum(len(a.text) for a in theirs)
    print(line("tradetalks (shared subset)", len(theirs), shared_chars, shared_secs))
    print(f"peak RSS after our pipeline: {peak_rss_mb():.0f} MB")

    spent = stage_times(ours)
    total = sum(spent.values()) or 1.0
    print("CPU time by stage: " + ", ".join(f"{k} {v / total:.0%}" for k, v in spent.items()))

    if opts.profile:
        prof = cProfile.Profile()
        prof.enable()
        run_ours(ours[:500])
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)

    pipe = default_pipeline()
    sentences = []
    for art in theirs:
        doc = pipe(art)
        sentences.append([doc.text[s.start : s.end] for s in doc.sentences])
    und_secs = run_underthesea(sentences)
    print(line("underthesea.ner by sentence", len(theirs), shared_chars, und_secs))
    ratio = (shared_chars / shared_secs) / (shared_chars / und_secs)
    print(f"speed-up on the same {len(theirs)} articles: {ratio:.0f}x")
    print(f"peak RSS at the end (with underthesea loaded): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
