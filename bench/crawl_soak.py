"""A crawl soak: a news site on 127.0.0.1 publishes new articles at a steady rate while ``tradetalks crawl --watch``
polls it into a copy of a store; prints the publication-to-timeline latency and the crawler's memory.

Usage: python bench/crawl_soak.py --store STORE.db [--rate 10] [--period 60] [--minutes 30] [--poll-seconds 15]
                                  [--grace 120] [--records FILE.jsonl] [--code DIR] [--nice 10] [--json OUT.json]

The store (SQLite) is copied into a work directory (``--work``, else a temporary one) and only the copy is written.
The site (bench/soak_feed.py) serves an RSS feed of its newest ``--feed-size`` articles and one HTML page per
article; ``--rate`` articles every ``--period`` seconds, spread evenly, for ``--minutes``. They are VietNews records
(bench/vietnews.py) the store does not hold, or the records of ``--records`` (JSON lines with "title" and "text").
The crawler is a real ``tradetalks crawl --watch --config feeds.toml --db COPY`` process (``private_hosts`` admits
the site's 127.0.0.1 port alone; ``--code DIR`` puts another checkout of tradetalks on its PYTHONPATH only).

Every second the copy is read, read-only, with the store's own row readers (``DossierRows`` over a
``mode=ro`` connection, one snapshot per look): an article is *visible* once its record is among the dossier rows
(``d_articles``, the rows the timeline, the sources and the article pages read), and its events are counted
(``d_reports``). The CLI (``tradetalks timeline``) or the API would add their own start-up and whole-page cost to
every look and compete with the crawler for the CPU; the rows are what both of them show. Latency = the first look
that finds the article minus the moment it appeared on the feed (so up to one second late); it is split into
waiting for a poll (publication to the page's first GET), fetching and extracting (to the crawler's ``stored_at``
mark) and resolution (to visibility).

After the publication window the soak waits at most ``--grace`` seconds for articles still in flight, then stops
the crawler (SIGINT, then SIGTERM, then SIGKILL) whatever it is doing: unseen articles are counted as such.
The crawler's resident memory is sampled every second (psutil if installed, else /proc/PID/status): at the start
(after its first poll of the still-empty feed), at the end (just before it is stopped) and its peak (``wait4``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from soak_feed import SoakSite

from tradetalks.model import article_id
from tradetalks.store.row_reads import DossierRows

CRAWL = [sys.executable, "-c", "import sys; from tradetalks.cli import main; sys.exit(main())", "crawl"]


@dataclass(slots=True)
class Track:
    """One published article and when each stage was reached (epoch seconds)."""

    url: str
    published_at: float
    fetched_at: float | None = None
    stored_at: float | None = None
    visible_at: float | None = None
    events: int = 0
    failure: str | None = None

    def latency(self) -> float | None:
        return None if self.visible_at is None else self.visible_at - self.published_at


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite store (its write-ahead log included), read without writing to it."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def held_urls(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {str(r[0]) for r in conn.execute("SELECT url FROM articles WHERE url IS NOT NULL")}


def soak_records(db: Path, records: Path | None, count: int) -> list[tuple[str, str, str]]:
    """(slug, title, text) of ``count`` articles the store does not hold (VietNews, or ``records``)."""
    held = held_urls(db)
    out: list[tuple[str, str, str]] = []
    if records is not None:
        with open(records, encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                rec = json.loads(line)
                if rec.get("url") not in held:
                    out.append((f"bai-{n}", rec["title"], rec["text"]))
    else:
        from vietnews import vietnews_records

        for rec in vietnews_records():
            if rec["url"] not in held and len(rec["text"].split()) >= 60:
                out.append(
                    (rec["url"].rsplit("/", 2)[-2] + "-" + rec["url"].rsplit("/", 1)[-1], rec["title"], rec["text"])
                )
            if len(out) >= count:
                break
    if len(out) < count:
        raise SystemExit(f"only {len(out)} new articles to publish; {count} needed")
    return out[:count]


class Observer:
    """Looks at the store copy read-only: which published articles the crawler stored, and which the dossier shows."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None, timeout=10)
        self.rows = DossierRows(self.conn, "?")
        self.errors = 0

    def look(self, tracks: list[Track], site: SoakSite) -> None:
        pending = [t for t in tracks if t.visible_at is None]
        for t in pending:
            t.fetched_at = t.fetched_at or site.articles[t.url[len(site.base) :]].fetched_at
        if not pending:
            return
        at = time.time()  # a row found in this snapshot was committed before it began
        try:
            with self.rows.snapshot() as rows:
                marks = self._marks(rows, [t.url for t in pending])
                ids = {t.url: str(marks.get(t.url, {}).get("article_id") or article_id(t.url)) for t in pending}
                shown = {r.id for r in rows.articles(list(ids.values()))}
                for t in pending:
                    t.stored_at = marks.get(t.url, {}).get("stored_at", t.stored_at)
                    if ids[t.url] in shown:
                        t.visible_at = at
                        t.events = len(rows.events_of_article(ids[t.url]))
                failed = rows._in("SELECT source, reason FROM failures WHERE source IN ({ids})", list(ids))
        except sqlite3.Error:
            self.errors += 1  # e.g. a schema migration in progress: look again next second
            return
        for t in pending:
            t.failure = next((r for u, r in failed if u == t.url), t.failure) if t.visible_at is None else None

    @staticmethod
    def _marks(rows: DossierRows, urls: list[str]) -> dict[str, dict[str, Any]]:
        keys = [f"page:{u}" for u in urls]
        found = rows._in("SELECT key, value FROM state WHERE namespace = 'crawl' AND key IN ({ids})", keys)
        return {k[len("page:") :]: json.loads(v) for k, v in found}

    def close(self) -> None:
        self.conn.close()


def rss_mb(pid: int) -> float | None:
    """The process's resident memory in MB (psutil if installed, else /proc/PID/status); None once it is gone."""
    try:
        import psutil

        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return None
    except ImportError:
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def write_config(path: Path, site: SoakSite, poll_seconds: float, fetch_delay: float | None) -> None:
    lines = ["[crawler]", f'private_hosts = ["{site.host_port}"]', "retries = 1", "backoff_seconds = 0.5"]
    if fetch_delay is not None:
        lines.append(f"rate_limit_seconds = {fetch_delay}")
    lines += ["", "[[feed]]", f'url = "{site.base}/feed.xml"', 'name = "soak"', f"poll_minutes = {poll_seconds / 60}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _child_setup(nice: int) -> None:
    """In the crawler's process before it starts: its niceness, and SIGINT as Python expects it (a shell starts
    background jobs with SIGINT ignored, and a child would inherit that and never see KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if nice:
        os.nice(nice)


class CrawlerProcess:
    """The ``tradetalks crawl --watch`` process: started, sampled, and stopped whatever it is doing."""

    def __init__(self, db: Path, config: Path, log: Path, code: Path | None, nice: int) -> None:
        env = dict(os.environ)
        if code is not None:
            env["PYTHONPATH"] = str(code)
        self.log = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [*CRAWL, "--watch", "--config", str(config), "--db", str(db)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=lambda: _child_setup(nice),  # noqa: PLW1509 - runs before the child's own threads
        )
        self.exit_code: int | None = None
        self.stopped_by = ""
        self.peak_mb: float | None = None
        self.cpu_seconds: float | None = None

    def alive(self) -> bool:
        if self.exit_code is None:
            self._reap(0)
        return self.exit_code is None

    def _reap(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                self.proc.returncode = self.exit_code
                self.peak_mb = usage.ru_maxrss / 1024  # KB on Linux
                self.cpu_seconds = usage.ru_utime + usage.ru_stime
                return
            if time.monotonic() >= deadline:
                return
            time.sleep(0.1)

    def stop(self, timeout: float) -> None:
        for sig, name, wait in ((signal.SIGINT, "SIGINT", timeout), (signal.SIGTERM, "SIGTERM", 10.0)):
            if not self.alive():
                break
            self.proc.send_signal(sig)
            self.stopped_by = name
            self._reap(wait)
        if self.alive():
            self.proc.kill()
            self.stopped_by = "SIGKILL"
            self._reap(30.0)
        self.stopped_by = self.stopped_by or "exited by itself"
        self.log.close()


def summarize(
    tracks: list[Track], ended: float, crawler: CrawlerProcess, rss: dict[str, float | None], args: argparse.Namespace
) -> dict:
    seen = [t for t in tracks if t.visible_at is not None]
    lat = [t.latency() or 0.0 for t in seen]
    floor = [t.latency() or ended - t.published_at for t in tracks]

    def stage(a: str, b: str) -> float | None:
        spans = [getattr(t, b) - getattr(t, a) for t in seen if getattr(t, a) and getattr(t, b)]
        return percentile(spans, 50)

    return {
        "published": len(tracks),
        "seen": len(seen),
        "unseen": len(tracks) - len(seen),
        "unseen_failed": sum(1 for t in tracks if t.visible_at is None and t.failure),
        "unseen_stored": sum(1 for t in tracks if t.visible_at is None and t.stored_at),
        "unseen_never_fetched": sum(1 for t in tracks if t.visible_at is None and not t.fetched_at),
        "with_events": sum(1 for t in seen if t.events),
        "latency_s": {"p50": percentile(lat, 50), "p95": percentile(lat, 95), "max": max(lat, default=None)},
        # every published article, an unseen one counted at its age when the soak stopped (a lower bound)
        "latency_all_at_least_s": {"p50": percentile(floor, 50), "p95": percentile(floor, 95)},
        "stage_p50_s": {
            "wait_for_poll": stage("published_at", "fetched_at"),
            "fetch_extract_store": stage("fetched_at", "stored_at"),
            "resolve_to_rows": stage("stored_at", "visible_at"),
        },
        "crawler_rss_mb": {**rss, "peak": crawler.peak_mb},
        "crawler_cpu_s": crawler.cpu_seconds,
        "crawler_exit": {"code": crawler.exit_code, "stopped_by": crawler.stopped_by},
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }


def report(s: dict[str, Any]) -> None:
    def f(x: float | None, unit: str = "s") -> str:
        return "-" if x is None else f"{x:.1f} {unit}"

    lat, st, mem = s["latency_s"], s["stage_p50_s"], s["crawler_rss_mb"]
    print(
        f"published {s['published']}, seen in the timeline rows {s['seen']}, unseen {s['unseen']} "
        f"(failed {s['unseen_failed']}, stored but not yet resolved {s['unseen_stored']}, "
        f"never fetched {s['unseen_never_fetched']}); {s['with_events']} seen articles have events"
    )
    low = s["latency_all_at_least_s"]
    print(
        f"publication-to-timeline latency of the seen: p50 {f(lat['p50'])}, p95 {f(lat['p95'])}, max {f(lat['max'])}; "
        f"of all published (unseen at their age at the stop): p50 >= {f(low['p50'])}, p95 >= {f(low['p95'])}"
    )
    print(
        f"  p50 stages: wait for a poll {f(st['wait_for_poll'])}, fetch+extract+store "
        f"{f(st['fetch_extract_store'])}, resolve to rows {f(st['resolve_to_rows'])}"
    )
    print(
        f"crawler RSS: start {f(mem['start'], 'MB')}, end {f(mem['end'], 'MB')}, peak {f(mem['peak'], 'MB')}; "
        f"CPU {f(s['crawler_cpu_s'])}; stopped by {s['crawler_exit']['stopped_by']} "
        f"(exit {s['crawler_exit']['code']})"
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(args.work or tempfile.mkdtemp(prefix="crawl-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.db"
    total = max(1, round(args.rate * args.minutes * 60 / args.period))
    started = time.monotonic()
    records = soak_records(args.store, args.records, total)
    copy_store(args.store, db)
    print(
        f"store copied to {db} ({db.stat().st_size / 2**20:.0f} MB, {time.monotonic() - started:.0f} s); "
        f"{total} articles to publish",
        flush=True,
    )
    site = SoakSite(args.feed_size).start()
    write_config(work / "feeds.toml", site, args.poll_seconds, args.fetch_delay)
    crawler = CrawlerProcess(db, work / "feeds.toml", work / "crawler.log", args.code, args.nice)
    observer = Observer(db)
    tracks: list[Track] = []
    rss: dict[str, float | None] = {"start": None, "end": None}
    try:
        warm = time.monotonic()
        while site.feed_polls == 0 and crawler.alive() and time.monotonic() - warm < args.warmup:
            time.sleep(0.5)
        time.sleep(1.0)  # the first poll (an empty feed) finishes
        rss["start"] = rss_mb(crawler.proc.pid)
        interval = args.period / args.rate
        t0 = time.time()
        last_report = t0
        while crawler.alive():
            now = time.time()
            while len(tracks) < total and t0 + len(tracks) * interval <= now:
                slug, title, text = records[len(tracks)]
                item = site.publish(slug, title, text)
                tracks.append(Track(site.url(item), item.at))
            window_over = len(tracks) >= total and now >= t0 + total * interval
            observer.look(tracks, site)
            rss["end"] = rss_mb(crawler.proc.pid) or rss["end"]
            done = all(t.visible_at is not None for t in tracks)
            if window_over and (done or now >= t0 + total * interval + args.grace):
                break
            if now - last_report >= 60:
                last_report = now
                seen = sum(1 for t in tracks if t.visible_at is not None)
                print(
                    f"  {(now - t0) / 60:4.1f} min: published {len(tracks)}, seen {seen}, "
                    f"crawler RSS {rss['end'] or 0:.0f} MB",
                    flush=True,
                )
            time.sleep(max(0.0, min(1.0, t0 + len(tracks) * interval - time.time())) if len(tracks) < total else 1.0)
    finally:
        ended = time.time()
        crawler.stop(args.stop_timeout)
        observer.close()
        site.stop()
    summary = summarize(tracks, ended, crawler, rss, args)
    summary["work_dir"] = str(work)
    summary["observer_errors"] = observer.errors
    summary["feed_polls"] = {"total": site.feed_polls, "not_modified": site.not_modified}
    summary["articles"] = [asdict(t) for t in tracks]
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, required=True, help="the SQLite store to copy (never written)")
    p.add_argument("--work", type=Path, help="work directory for the copy, the config and the crawler's log")
    p.add_argument("--records", type=Path, help="JSON lines {title, text} to publish instead of VietNews")
    p.add_argument("--rate", type=float, default=10.0, help="articles published per period")
    p.add_argument("--period", type=float, default=60.0, help="seconds")
    p.add_argument("--minutes", type=float, default=30.0, help="how long articles are published")
    p.add_argument("--poll-seconds", type=float, default=15.0, help="the feed's poll interval in feeds.toml")
    p.add_argument("--fetch-delay", type=float, help="[crawler] rate_limit_seconds (default: the crawler's own)")
    p.add_argument("--feed-size", type=int, default=100, help="items the feed lists (the newest)")
    p.add_argument("--grace", type=float, default=120.0, help="seconds to wait for articles in flight at the end")
    p.add_argument("--warmup", type=float, default=120.0, help="seconds to wait for the crawler's first poll")
    p.add_argument("--stop-timeout", type=float, default=30.0, help="seconds between SIGINT and SIGTERM")
    p.add_argument("--code", type=Path, help="a tradetalks checkout for the crawler's PYTHONPATH")
    p.add_argument("--nice", type=int, default=0, help="niceness of the crawler process")
    p.add_argument("--json", type=Path, help="write the summary (and every article's stages) here")
    args = p.parse_args(argv)
    summary = run(args)
    report(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"summary written to {args.json}")
    return 0 if summary["unseen"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
