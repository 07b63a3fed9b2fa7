"""Polite, incremental, resumable crawl of RSS/Atom feeds and listed pages.

State lives in the store (namespace ``crawl``): ``feed:<url>`` holds the validators and the
next poll time of a feed, ``page:<url>`` marks a page URL as stored (with its content hash).
A page is marked only after its article is stored, so a crawl killed mid-way resumes without
re-fetching what it stored and without losing what it had not.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rich.console import Console
from rich.markup import escape

from tradetalks.errors import TradeTalksError
from tradetalks.ingest.crawl_config import DEFAULT_POLL_MINUTES, CrawlConfig, FeedSpec, load_config
from tradetalks.ingest.crawl_pages import feed_links, page_article
from tradetalks.ingest.http import FetchError, FetchResult, PoliteFetcher, RobotsDisallowed
from tradetalks.model import Article, Doc, Event, IngestOutcome
from tradetalks.pipeline import Pipeline, default_pipeline
from tradetalks.store.base import Store

NAMESPACE = "crawl"


@dataclass(slots=True)
class CrawlReport:
    """What one crawl did; ``failed`` and ``skipped`` hold (url, reason) pairs."""

    polls: int = 0  # feed polls made
    fetched: int = 0  # pages downloaded (HTTP 200)
    not_modified: int = 0  # feeds/pages answered 304
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    seen: int = 0  # feed items skipped because already stored
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    new_events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "polls": self.polls,
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seen": self.seen,
            "skipped": [{"url": u, "reason": r} for u, r in self.skipped],
            "failed": [{"url": u, "reason": r} for u, r in self.failed],
            "new_events": self.new_events,
        }


class _Page(NamedTuple):
    """A fetched page, extracted, waiting to be stored with the others of its group."""

    url: str
    result: FetchResult
    article: Article
    doc: Doc


def run_crawl(
    store: Store,
    config: Path | None,
    feeds: list[str],
    once: bool,
    watch: bool,
    console: Console | None,
    *,
    settings: CrawlConfig | None = None,
    max_cycles: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    allow_private: bool = False,
) -> CrawlReport:
    """Poll feeds and pages once (``once``) or until interrupted (``watch``); ingest what is new.

    ``allow_private`` (``--allow-private``) lets the crawler connect to loopback, private and link-local
    addresses, as ``allow_private = true`` in the feeds file does; by default they are refused.
    """
    cfg = settings or load_config(config, feeds)
    if allow_private:
        cfg = dataclasses.replace(cfg, policy=dataclasses.replace(cfg.policy, allow_private=True))
    if not cfg.feeds and not cfg.pages:
        raise TradeTalksError("nothing to crawl: give --config with feed or page entries, or --feed URL")
    crawler = Crawler(store, cfg, console, sleep=sleep)
    try:
        if watch and not once:
            crawler.watch(max_cycles=max_cycles)
        else:
            crawler.cycle(force=True)
    finally:
        crawler.close()
    if console is not None:
        print_crawl_report(crawler.report, console)
    return crawler.report


class Crawler:
    """One crawl session over a store: polls feeds, fetches pages, stores articles, keeps state."""

    def __init__(
        self,
        store: Store,
        config: CrawlConfig,
        console: Console | None,
        pipeline: Pipeline | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.store = store
        self.config = config
        self.console = console
        self.pipeline = pipeline or default_pipeline()
        self.fetcher = PoliteFetcher(config.policy)
        self.pool = ThreadPoolExecutor(max_workers=max(1, config.concurrency), thread_name_prefix="crawl")
        self.report = CrawlReport()
        self.live = False  # print each page and failure as it happens (watch mode)
        self._old_ids: set[str] | None = None  # the dossier's events before the poll stored its first article
        self._sleep = sleep

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.fetcher.close()

    # scheduling -----------------------------------------------------------
    def watch(self, max_cycles: int | None = None) -> None:
        """Poll due feeds (and listed pages) forever, printing new events as they appear."""
        cycles = 0
        self.live = True
        try:
            while max_cycles is None or cycles < max_cycles:
                self.cycle(force=cycles == 0)
                cycles += 1
                if max_cycles is not None and cycles >= max_cycles:
                    break
                self._sleep(max(0.0, self.next_due() - time.time()))
        except KeyboardInterrupt:
            if self.console is not None:
                self.console.print("stopped")

    def next_due(self) -> float:
        """The earliest next poll time of any feed (epoch seconds)."""
        times = [self._feed_state(f).get("next_poll", 0.0) for f in self.config.feeds]
        if not times:  # listed pages only: poll them at the default feed interval
            return time.time() + DEFAULT_POLL_MINUTES * 60
        return float(min(times))

    def cycle(self, force: bool) -> None:
        """Poll every due feed (all of them when ``force``), fetch, store and resolve new pages, tell the new events."""
        started = time.time()
        before = self.report.new + self.report.updated
        self._old_ids = None
        due = [f for f in self.config.feeds if force or self._feed_state(f).get("next_poll", 0.0) <= started]
        links: dict[str, None] = {}
        states = {f.url: self._feed_state(f) for f in due}
        for spec, result in self._download([(f, f.url, states[f.url]) for f in due]):
            links.update(dict.fromkeys(self._read_feed(spec, states[spec.url], result)))
        for url in self.config.pages:
            links.setdefault(url, None)
        todo = [u for u in links if u in self.config.pages or not self._is_seen(u)]
        self.report.seen += len(links) - len(todo)
        pages = [(u, u, self.store.get_state(NAMESPACE, f"page:{u}") or {}) for u in todo]
        held: list[_Page] = []
        for url, result in self._download(pages):
            if self._page_fetched(url, result):
                assert isinstance(result, FetchResult)
                page = self._extract_page(url, result)
                if page is not None:
                    held.append(page)
                if len(held) >= self.config.pages_per_commit:
                    self._commit(held)
                    held = []
        self._commit(held)
        if self.report.new + self.report.updated > before:
            self._announce(started)

    def _download(self, jobs: list[tuple[Any, str, dict[str, Any]]]) -> Iterator[tuple[Any, FetchResult | FetchError]]:
        """Fetch URLs in the pool (conditionally, with stored validators); yield each as it completes.

        Only the fetching runs in threads; the store is used from the calling thread alone, so each
        page is stored while the next ones download.
        """

        def get(url: str, state: dict[str, Any]) -> FetchResult | FetchError:
            try:
                return self.fetcher.fetch(url, state.get("etag"), state.get("last_modified"))
            except FetchError as exc:
                return exc

        limit = 2 * max(1, self.config.concurrency)  # bounded: bodies waiting to be stored stay few
        queue = iter(jobs)
        pending: dict[Future[FetchResult | FetchError], Any] = {}
        try:
            while True:
                for tag, url, state in queue:
                    pending[self.pool.submit(get, url, state)] = tag
                    if len(pending) >= limit:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        finally:
            for future in pending:
                future.cancel()

    # feeds ----------------------------------------------------------------
    def _feed_state(self, spec: FeedSpec) -> dict[str, Any]:
        return self.store.get_state(NAMESPACE, f"feed:{spec.url}") or {}

    def _read_feed(self, spec: FeedSpec, state: dict[str, Any], result: FetchResult | FetchError) -> list[str]:
        """Record a feed poll (validators, item links, next poll time); the feed's item links.

        On 304 the links of the last full read are returned, so items a killed or failed run did
        not store are still fetched (stored ones are skipped by their ``page:`` mark).
        """
        now = time.time()
        state.update(last_poll=now, next_poll=now + spec.poll_minutes * 60)
        self.report.polls += 1
        links: list[str] = []
        try:
            if isinstance(result, FetchError):
                raise result
            if result.not_modified:
                self.report.not_modified += 1
                links = list(state.get("links", []))  # items not stored yet are still due
            else:
                links = feed_links(result)
                state.update(etag=result.etag, last_modified=result.last_modified, links=links)
        except TradeTalksError as exc:
            self._fail(spec.url, exc)
        self.store.put_state(NAMESPACE, f"feed:{spec.url}", state)
        return links

    # pages ----------------------------------------------------------------
    def _is_seen(self, url: str) -> bool:
        return self.store.get_state(NAMESPACE, f"page:{url}") is not None

    def _page_fetched(self, url: str, result: FetchResult | FetchError) -> bool:
        """Count a page download; True when there is a new body to extract."""
        if isinstance(result, RobotsDisallowed):
            self.report.skipped.append((url, result.reason))
            return False
        if isinstance(result, FetchError):
            self._fail(url, result)
            return False
        if result.not_modified:
            self.report.not_modified += 1
            return False
        self.report.fetched += 1
        return True

    def _extract_page(self, url: str, result: FetchResult) -> _Page | None:
        """Extract and run the pipeline on a fetched page; None (the failure recorded) when it cannot be read."""
        try:
            article = page_article(result, url)
            return _Page(url, result, article, self.pipeline(article))
        except TradeTalksError as exc:
            self._fail(url, exc)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the crawl
            self._fail(url, f"extraction failed: {type(exc).__name__}: {exc}")
        return None

    def _commit(self, pages: list[_Page]) -> None:
        """Store the pages, mark them and resolve what they touch (resolve/incremental.py) in one transaction: a
        crawl killed at any moment leaves each page stored, marked and resolved, or none of the three (then the
        next poll fetches it again). When the transaction fails, each page is tried alone, so that one bad page
        is the only one lost."""
        if not pages:
            return
        if self._old_ids is None:  # the events before the poll's first article, to tell the new ones at its end
            self._old_ids = {i for i, _, _ in self.store.rows().event_ids()}
        try:
            outcomes = self._store_together(pages)
        except Exception as exc:  # noqa: BLE001 - the store rolled the whole group back
            if len(pages) > 1:
                for page in pages:
                    self._commit([page])
                return
            self._fail(pages[0].url, f"could not be stored ({type(exc).__name__}: {exc})")
            return
        for page, outcome in zip(pages, outcomes, strict=True):
            if outcome.status == "failed":
                self._fail(page.url, outcome.reason or "store refused the article")
                continue
            setattr(self.report, outcome.status, getattr(self.report, outcome.status) + 1)
            if self.console is not None and self.live:
                self.console.print(f"{outcome.status:>9}  {escape(page.url)}")

    def _store_together(self, pages: list[_Page]) -> list[IngestOutcome]:
        from tradetalks.resolve.incremental import resolve_new

        since = self.store.revision() if self.store.dossier_is_current() else None
        with self.store.transaction():
            outcomes = [self.store.add_article(page.article, page.doc) for page in pages]
            changed = [o.article_id for o in outcomes if o.status in ("new", "updated") and o.article_id]
            if changed:
                resolve_new(self.store, changed, since)
            for page, outcome in zip(pages, outcomes, strict=True):
                if outcome.status == "failed":
                    continue
                mark = {
                    "hash": page.article.hash,
                    "article_id": outcome.article_id,
                    "stored_at": time.time(),
                    "etag": page.result.etag,
                    "last_modified": page.result.last_modified,
                }
                for key in dict.fromkeys([page.url, page.result.url]):
                    self.store.put_state(NAMESPACE, f"page:{key}", mark)
        return outcomes

    def _fail(self, url: str, exc: TradeTalksError | str) -> None:
        reason = exc if isinstance(exc, str) else str(getattr(exc, "reason", exc))
        self.report.failed.append((url, reason))
        self.store.record_failure(url, reason)
        if self.console is not None and self.live:
            self.console.print(f"[red]   failed[/red]  {escape(url)}: {escape(reason)}")

    # dossier --------------------------------------------------------------
    def _announce(self, polled_at: float) -> None:
        """Print the events the dossier did not hold before the poll (each page was resolved as it was stored,
        resolve/incremental.py), with poll-to-timeline latency."""
        latency = time.time() - polled_at
        rows = self.store.rows()
        old_ids = self._old_ids or set()
        fresh = rows.events([i for i, _, _ in rows.event_ids() if i not in old_ids])
        for event in fresh:
            line = describe_event(event)
            self.report.new_events.append(line)
            if self.console is not None:
                self.console.print(f"[green]new event[/green]  {escape(line)}  (poll-to-timeline {latency:.1f} s)")


def describe_event(event: Event) -> str:
    """One line for an event: date, type, place, summary."""
    when = event.start or "undated"
    if event.end and event.end != event.start:
        when = f"{when}/{event.end}"
    parts = [when, event.type]
    if event.location:
        parts.append(event.location)
    if event.summary:
        parts.append(event.summary)
    return "  ".join(parts)


def print_crawl_report(report: CrawlReport, console: Console) -> None:
    """A short summary of a crawl, failures with their reasons."""
    console.print(
        f"crawl: {report.polls} feed polls, {report.fetched} pages fetched, {report.not_modified} not modified, "
        f"{report.seen} already stored; {report.new} new, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed"
    )
    for url, reason in report.skipped:
        console.print(f"  skipped {escape(url)}: {escape(reason)}")
    for url, reason in report.failed:
        console.print(f"  [red]failed[/red] {escape(url)}: {escape(reason)}")
