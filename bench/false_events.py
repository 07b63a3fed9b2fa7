"""Share of unrelated news articles that get a negotiation_round, ministerial_session or tariff_action.

usage: python bench/false_events.py [N] [--stride S] [--sample K] [--skip-negotiation-words]

Reads N (default 2000) VietNews articles from ../shared/data/external/vietnews, every S-th one
(default 11: spread over the whole test split, whose files are grouped by topic), undoes the word
segmentation ("_" -> " ", no space before punctuation), runs the whole default pipeline and prints
the share of articles carrying one of those event types, with a sample of them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tradetalks.event_types import types_where
from tradetalks.model import Article
from tradetalks.pipeline import default_pipeline

REPO = Path(__file__).resolve().parents[1]
VIETNEWS = (REPO / ".." / "shared" / "data" / "external" / "vietnews").resolve()
WATCHED = types_where("needs_context")  # the event types that need a trade context
NEGOTIATION_WORDS = re.compile(r"đàm[ _]phán|thương[ _]lượng|thỏa[ _]thuận|thoả[ _]thuận|hiệp[ _]định", re.IGNORECASE)


def detokenize(text: str) -> str:
    """VietNews text as a reader would see it: syllables joined by spaces, punctuation attached."""
    text = text.replace("_", " ")
    text = re.sub(r" ([,.;:!?)”])", r"\1", text)
    return re.sub(r"([(“]) ", r"\1", text)


def vietnews_articles(limit: int, skip_negotiation: bool = False, stride: int = 1) -> Iterator[Article]:
    """``limit`` articles of the VietNews test split (then val), every ``stride``-th one, as Articles."""
    n = 0
    for name in ("vietnews_test.jsonl.gz", "vietnews_val.jsonl.gz"):
        with gzip.open(VIETNEWS / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % stride:
                    continue
                rec = json.loads(line)
                if skip_negotiation and NEGOTIATION_WORDS.search(rec["text"]):
                    continue
                text = detokenize(rec["text"])
                title = text.split("\n", 1)[0]
                yield Article(source=f"vietnews:{rec['id']}", text=text, title=title, id=rec["id"])
                n += 1
                if n >= limit:
                    return


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--stride", type=int, default=11)
    parser.add_argument("--sample", type=int, default=15)
    parser.add_argument("--skip-negotiation-words", action="store_true")
    opts = parser.parse_args(argv)
    limit, sample, stride = opts.n, opts.sample, opts.stride
    if not VIETNEWS.is_dir():
        print(f"no VietNews data at {VIETNEWS}", file=sys.stderr)
        return 2
    pipe = default_pipeline()
    flagged: list[tuple[str, str, str]] = []
    by_type: Counter[str] = Counter()
    n = 0
    t0 = time.perf_counter()
    for art in vietnews_articles(limit, opts.skip_negotiation_words, stride):
        doc = pipe(art)
        n += 1
        hits = [e for e in doc.events if e.type in WATCHED]
        if hits:
            by_type.update({e.type for e in hits})
            e = hits[0]
            quote = e.evidence[0].quote if e.evidence else ""
            flagged.append((art.id or "", e.summary, quote[:220]))
    elapsed = time.perf_counter() - t0
    share = len(flagged) / n if n else 0.0
    print(f"articles: {n}  with a {'/'.join(WATCHED)} event: {len(flagged)} ({share:.2%})  in {elapsed:.1f}s")
    print("by type (articles):", dict(by_type))
    for aid, summary, quote in flagged[:sample]:
        print(f"- {aid}: {summary}\n    {quote}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
