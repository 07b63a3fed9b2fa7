"""Gold-free checks at archive scale: builds the dossier of all VietNews and of the real-news set and prints
how many events break each rule (the target is zero everywhere).

Usage: python bench/sanity_checks.py [--limit N] [--db-dir DIR] [--show K]

- mixed_negotiations: events merging reports of two negotiations;
- held_after_published: held events beginning after an article reporting them was published;
- far_years: years further than one from every report's publication year with no report stating it;
- rounds_out_of_order: pairs of numbered rounds of one negotiation whose dates run against their numbers.

VietNews (../shared/data/external/vietnews/*.jsonl.gz) is word-segmented: "_" becomes " ", then NFC.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from vietnews import VIETNEWS, vietnews_records  # noqa: E402

from tradetalks.model import Event

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
REAL = SHARED / "data" / "real" / "articles.jsonl"


def run(name: str, source: Path, db: Path, show: int) -> None:
    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.resolve import rebuild_dossier
    from tradetalks.resolve.sanity import check_dossier
    from tradetalks.store import open_store

    t0 = time.perf_counter()
    with open_store(str(db)) as store:
        ingest_paths(store, [str(source)])
        t1 = time.perf_counter()
        dossier = rebuild_dossier(store)
    t2 = time.perf_counter()
    found = check_dossier(dossier)
    print(
        f"== {name}: {len(dossier.articles)} articles, {len(dossier.events)} events "
        f"(ingest {t1 - t0:.0f} s, resolution {t2 - t1:.1f} s)"
    )
    for check, n in found.counts().items():
        print(f"  {check:22s} {n}")
    byid = {e.id: e for e in dossier.events}
    published = {a.id: (a.published, (a.title or "")[:50], a.url) for a in dossier.articles}

    def evidence(ev: Event) -> None:
        for e in ev.evidence:
            day, source, url = published.get(e.article, (None, None, None))
            print(f"      [{e.article} published {day} ({source}) {url}] {e.quote[:160]!r}")

    for check in ("mixed_negotiations", "held_after_published", "far_years"):
        for eid in getattr(found, check)[:show]:
            ev = byid[eid]
            print(f"    {check}: {ev.type} {ev.start} {ev.negotiation} {ev.summary[:70]!r}")
            evidence(ev)
    for a, b in found.rounds_out_of_order[:show]:
        print(f"    rounds_out_of_order: {byid[a].ordinal} {byid[a].start} / {byid[b].ordinal} {byid[b].start}")
        evidence(byid[a])
        evidence(byid[b])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N VietNews articles (default: all)")
    parser.add_argument("--db-dir", type=Path, default=None, help="folder for the SQLite files (default: temporary)")
    parser.add_argument("--show", type=int, default=5, help="examples printed per check")
    args = parser.parse_args()
    if not VIETNEWS.is_dir() or not REAL.is_file():
        print(f"no VietNews data at {VIETNEWS} or no real set at {REAL}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        archive = Path(tmp) / "vietnews.jsonl.gz"
        with gzip.open(archive, "wt", encoding="utf-8") as out:
            for rec in vietnews_records(args.limit):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        run("real", REAL, folder / "sanity-real.db", args.show)
        run("vietnews", archive, folder / "sanity-vietnews.db", args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
