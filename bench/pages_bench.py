"""Server time and weight of the analyst pages: the timeline, /n, /n/vn-us-reciprocal, the busiest other
negotiation, the page of the talks' latest round or session, of the person in most of their events and of the
article that is a source of most of them.

The app runs in this process (the ASGI app over a SQLite store, as ``tradetalks serve`` builds it). "first" is
the first request of a page after the app starts (a fresh app per page); then each page is requested ``--runs``
times with the rendered-page cache emptied before each request (cold: the page is built from the stored rows)
and ``--runs`` times without (warm). Weight is the HTML with its inline SVG,
plus the one stylesheet every page loads.

    .venv/bin/python bench/pages_bench.py [--vietnews 0] [--runs 40] [--db bench/out/pages.db]

The store holds the real-news set and the seeds (read from ../shared at run time), plus ``--vietnews`` N
VietNews articles; it is built once and reused when it exists.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
TALKS = "vn-us-reciprocal"


def build_store(db: Path, vietnews: int) -> None:
    """Ingest the real set, the seeds and ``vietnews`` VietNews articles (once)."""
    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.store import open_store

    if db.exists():
        print(f"reusing {db}")
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    inputs = [str(SHARED / "data" / "real" / "articles.jsonl"), str(SHARED / "seeds")]
    with tempfile.TemporaryDirectory() as tmp:
        if vietnews:
            sys.path.insert(0, str(REPO / "bench"))
            from serve_bench import vietnews_records

            extra = Path(tmp) / "vietnews.jsonl"
            with extra.open("w", encoding="utf-8") as f:
                for rec in vietnews_records(vietnews):
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            inputs.append(str(extra))
        started = time.perf_counter()
        with open_store(str(db)) as store:
            report = ingest_paths(store, inputs)
        print(f"built {db}: {len(report.outcomes)} inputs in {time.perf_counter() - started:.1f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vietnews", type=int, default=0, help="VietNews articles added to the store")
    parser.add_argument("--runs", type=int, default=40, help="requests per page, cold and warm each")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or REPO / "bench" / "out" / f"pages-{args.vietnews}.db"
    build_store(db, args.vietnews)

    from fastapi.testclient import TestClient

    from tradetalks.serve.api import STATIC, create_app

    pages = pick_pages(db)
    css = (STATIC / "style.css").stat().st_size
    first: dict[str, float] = {}
    for name, path in pages.items():  # the first request after the server starts, one fresh app per page
        app = create_app(str(db))
        with TestClient(app) as client:
            started = time.perf_counter()
            assert client.get(path).status_code == 200, path
            first[name] = (time.perf_counter() - started) * 1000
        app.state.tradetalks.close()
    app = create_app(str(db))
    state = app.state.tradetalks
    with TestClient(app) as client:
        heads = ("first", "cold p50", "cold p95", "warm p50", "warm p95")
        print(f"{'page':<26} " + " ".join(f"{h:>9}" for h in heads) + f" {'HTML kB':>8} {'+CSS kB':>8}")
        for name, path in pages.items():
            timings: dict[str, list[float]] = {"cold": [], "warm": []}
            size = 0
            for mode in ("cold", "warm"):
                for _ in range(args.runs):
                    if mode == "cold":
                        with state.lock:
                            state._rendered.clear()
                    started = time.perf_counter()
                    response = client.get(path)
                    timings[mode].append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
                    size = len(response.content)
            cold, warm = timings["cold"], timings["warm"]
            print(
                f"{name:<26} {first[name]:>7.1f}ms {statistics.median(cold):>7.1f}ms {percentile(cold, 0.95):>7.1f}ms "
                f"{statistics.median(warm):>7.1f}ms {percentile(warm, 0.95):>7.1f}ms "
                f"{size / 1000:>8.1f} {(size + css) / 1000:>8.1f}"
            )


def pick_pages(db: Path) -> dict[str, str]:
    """The pages measured, chosen from the store's rows (the whole dossier is never loaded, as the server never
    loads it): the busiest other negotiation, the talks' latest sitting, the person in most of the talks' events,
    and the article that is a source of most of the talks' events."""
    from tradetalks.serve.negotiation_rows import negotiation_index
    from tradetalks.serve.negotiations import negotiation_events, state_of_play
    from tradetalks.store import open_store

    store = open_store(str(db))
    with store.rows().snapshot() as rows:
        index = negotiation_index(rows, TALKS)
        events = negotiation_events(index, TALKS)
        latest = state_of_play(index, TALKS)["latest"]
        people = Counter(p.entity for e in events for p in e.participants)
        person = next(i for i, _ in people.most_common() if rows.weights([i])[i][0] == "person")
        articles = Counter(v.article for e in events for v in {v.article: v for v in e.evidence}.values())
        article = articles.most_common(1)[0][0]
        counts = rows.negotiation_counts()
        other = max((k for k in counts if k != TALKS), key=lambda k: counts[k][0])
        print(
            f"store: {rows.count('d_articles')} articles, {rows.count('d_events')} events, "
            f"{rows.count('d_entities')} entities; the talks: {len(events)} events"
        )
    store.close()
    return {
        "/ (timeline)": "/",
        "/n": "/n",
        f"/n/{TALKS}": f"/n/{TALKS}",
        f"/n/{other}"[:26]: f"/n/{other}",
        "event (latest sitting)": f"/event/{latest['id']}",
        "person (most events)": f"/entity/{person}",
        "article (most events)": f"/article/{article}",
    }


if __name__ == "__main__":
    main()
