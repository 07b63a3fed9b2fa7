"""Cost of the corrections pass (prints figures): N corrections of every kind applied to a stored dossier.

Usage: python bench/corrections_bench.py [--db STORE] [--corrections 10,100,1000] [--repeat 3] [--scale K]

Without ``--db`` the real-news set (../shared/data/real/articles.jsonl) is ingested into a temporary
SQLite file first. Corrections are made from the dossier's own events and entities (set a date, mark a
location wrong, mark a participant wrong, merge two events, set an entity's side, in turn), then applied
to fresh copies of the dossier; the figure is the time of ``apply_corrections`` alone. ``--scale K`` makes
the dossier K times larger (copies of it under other article and record ids) to show how the cost grows
with the dossier.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = (REPO / ".." / "shared" / "data" / "real" / "articles.jsonl").resolve()


def make_corrections(dossier, n: int) -> list:  # type: ignore[no-untyped-def]
    from tradetalks.resolve.correction_values import CorrectionError, new_correction

    events = [e for e in dossier.events if e.id]
    people = [e for e in dossier.entities if e.type == "person"]
    made = []
    step = 0
    while len(made) < n and step < n * 5:
        ev = events[step % len(events)]
        kind = step % 5
        try:
            if kind == 0:
                c = new_correction(dossier, "set_value", "event", ev.id, attribute="start", value="2025-01-02",
                                   why="bench", by="bench")  # fmt: skip
            elif kind == 1 and ev.location:
                c = new_correction(dossier, "mark_wrong", "event", ev.id, attribute="location", why="b", by="b")
            elif kind == 2 and ev.participants:
                c = new_correction(dossier, "mark_wrong", "event", ev.id, attribute="participant",
                                   value=ev.participants[0].entity, why="b", by="b")  # fmt: skip
            elif kind == 3:
                other = events[(step + 1) % len(events)]
                c = new_correction(dossier, "merge", "event", ev.id, other_id=other.id, why="b", by="b")
            elif people:
                person = people[step % len(people)]
                c = new_correction(dossier, "set_value", "entity", person.id, attribute="side", value="VN", why="b",
                                   by="b")  # fmt: skip
            else:
                step += 1
                continue
        except CorrectionError:
            step += 1
            continue
        c.id = len(made) + 1
        made.append(c)
        step += 1
    return made


def scaled(dossier, k: int):  # type: ignore[no-untyped-def]
    """The dossier and k - 1 copies of it under other article, event and entity ids."""
    if k <= 1:
        return dossier
    big = copy.deepcopy(dossier)
    for n in range(1, k):
        part = copy.deepcopy(dossier)
        for ev in part.events:
            ev.id = f"{ev.id}~{n}"
            for e in ev.evidence:
                e.article = f"{e.article}~{n}"
            for p in ev.participants:
                p.entity = f"{p.entity}~{n}"
        for entity in part.entities:
            entity.id = f"{entity.id}~{n}"
            entity.name = f"{entity.name} {n}"
            entity.aliases = [f"{a} {n}" for a in entity.aliases]
            for m in entity.mentions:
                m.article = f"{m.article}~{n}"
        big.events += part.events
        big.entities += part.entities
    return big


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a store holding a dossier (default: ingest the real-news set)")
    parser.add_argument("--corrections", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1, help="make the dossier this many times larger")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tradetalks.resolve.corrections import apply_corrections
    from tradetalks.store import open_store

    db = args.db
    if db is None:
        if not REAL.is_file():
            sys.exit(f"{REAL} is missing: pass --db STORE")
        from tradetalks.ingest.batch import ingest_paths

        db = str(Path(tempfile.mkdtemp()) / "real.db")
        with open_store(db) as store:
            ingest_paths(store, [str(REAL)])
    with open_store(db) as store:
        dossier = store.load_dossier()
    if dossier is None:
        sys.exit(f"{db}: no dossier")
    dossier = scaled(dossier, args.scale)
    print(f"dossier: {len(dossier.events)} events, {len(dossier.entities)} entities")
    for n in (int(x) for x in args.corrections.split(",")):
        corrections = make_corrections(dossier, n)
        times = []
        for _ in range(args.repeat):
            fresh = copy.deepcopy(dossier)
            t0 = time.perf_counter()
            done = apply_corrections(fresh, corrections)
            times.append(time.perf_counter() - t0)
        applied = sum(c.status == "applied" for c in done.corrections)
        best, median = min(times), statistics.median(times)
        print(
            f"{len(corrections):>5} corrections: {median * 1000:8.1f} ms median, {best * 1000:8.1f} ms best "
            f"({median / max(1, len(corrections)) * 1000:.2f} ms each), {applied} applied"
        )


if __name__ == "__main__":
    main()
