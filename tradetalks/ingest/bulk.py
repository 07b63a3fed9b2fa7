"""Bulk extraction on Dask distributed: the same pipeline on every worker, results stored in batches.

The client reads the inputs (the same readers as ``ingest``) in chunks and keeps about two chunks
per worker thread in flight. Workers extract and, when they can reach the store (PostgreSQL, or a
SQLite file on a local cluster), store each article themselves (one transaction each), in parallel;
an article whose URL or text already occurred earlier in the run is stored by the client in input
order instead, so the store ends up exactly as a plain ``ingest`` leaves it. Then the same cluster
resolves every stored article (``resolve/distributed.py``): the dossier ``tradetalks rebuild`` gives.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tradetalks import __version__
from tradetalks.errors import IngestError, SkippedInput, TradeTalksError
from tradetalks.ingest.articles import InputPolicy
from tradetalks.ingest.files import read_inputs
from tradetalks.model import Article, IngestOutcome
from tradetalks.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
from tradetalks.resolve.distributed import Prepared, prepare_docs, rebuild_on_cluster
from tradetalks.store.base import Store
from tradetalks.store.codec import extraction_from_dict, extraction_to_dict

BATCH_SIZE = 500
#: How long to wait for a remote scheduler to answer.
CONNECT_TIMEOUT = "20s"


@dataclass
class BulkReport:
    """Counts of a bulk run; ``failed`` holds (source, reason) pairs."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # links out of a directory tree
    batches: int = 0
    workers: int = 0  # worker threads of the cluster
    seconds: float = 0.0  # reading, extraction and storing (without start-up and resolution)
    resolve_seconds: float = 0.0
    partitions: int = 0  # entity partitions of the resolution on the cluster
    resolve_stages: dict[str, float] = field(default_factory=dict)  # seconds per stage of that resolution
    writes: str = "client"  # who stored the articles: "workers" (in parallel) or "client"

    @property
    def articles(self) -> int:
        return self.new + self.unchanged + self.updated + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "articles": self.articles,
            "new": self.new,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "batches": self.batches,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "resolve_seconds": round(self.resolve_seconds, 3),
            "partitions": self.partitions,
            "resolve_stages": {k: round(v, 3) for k, v in self.resolve_stages.items()},
            "writes": self.writes,
        }


# worker side ----------------------------------------------------------------


@lru_cache(maxsize=1)
def worker_pipeline() -> Pipeline:
    """The extraction pipeline, built once per worker process."""
    return default_pipeline()


def extract_batch(
    articles: list[dict[str, Any]], db: str | None = None, defer: list[bool] | None = None
) -> list[dict[str, Any]]:
    """Run the pipeline on article dicts; store them here when ``db`` is given (except deferred ones).

    Per article: ``{"outcome": [status, reason]}`` when stored here, else ``{"doc": extraction}``,
    or ``{"error": reason}`` when extraction failed and the client is to record it.
    """
    run = worker_pipeline()
    store = worker_store(db) if db else None
    extracted: list[tuple[Article, Any, str | None]] = []  # (article, doc or None, failure reason)
    for data in articles:
        article = Article(**data)
        try:
            extracted.append((article, run(article), None))
        except Exception as exc:  # noqa: BLE001 - one article's extraction bug must not stop the batch
            extracted.append((article, None, f"extraction failed ({type(exc).__name__}: {exc})"))
    out: list[dict[str, Any]] = []
    # all of the chunk is extracted first, so the store's write lock is held only while writing
    with store.batch() if store is not None else nullcontext():
        for i, (article, doc, reason) in enumerate(extracted):
            here = store is not None and not (defer and defer[i])
            if reason is not None:
                if store is not None and here:
                    store.record_failure(article.source, reason)
                    out.append({"outcome": ["failed", reason]})
                else:
                    out.append({"error": reason})
            elif store is not None and here:
                outcome = _add(store, article, doc)
                out.append({"outcome": [outcome.status, outcome.reason]})
                if outcome.status in ("new", "updated"):  # what resolution reads of it, prepared while here
                    out[-1]["prepared"] = prepare_docs([doc])[0]
            else:
                out.append({"doc": extraction_to_dict(doc)})
    return out


@lru_cache(maxsize=4)
def worker_store(db: str) -> Store:
    """The store a worker process writes to, opened once per process and closed at exit."""
    import atexit

    from tradetalks.store import open_store

    store = open_store(db)
    atexit.register(store.close)
    return store


def _add(store: Store, article: Article, doc: Any) -> IngestOutcome:
    """``add_article`` as one transaction; a store error becomes a recorded failure."""
    try:
        return store.add_article(article, doc)
    except Exception as exc:  # noqa: BLE001 - the store rolled the article back; report it, continue
        reason = f"could not be stored ({type(exc).__name__}: {exc})"
        store.record_failure(article.source, reason)
        return IngestOutcome(article.source, "failed", None, reason)


def worker_versions() -> tuple[str, int]:
    """The package and pipeline version a worker runs (must match the client's)."""
    return __version__, PIPELINE_VERSION


# client side ----------------------------------------------------------------


def run_bulk(
    store: Store,
    inputs: list[str],
    scheduler: str | None,
    workers: int,
    console: Console | None,
    *,
    batch_size: int = BATCH_SIZE,
    store_on_workers: bool | None = None,
    policy: InputPolicy | None = None,
) -> BulkReport:
    """Extract ``inputs`` on a Dask cluster (``scheduler``, else a LocalCluster of ``workers``), store, resolve
    there too."""
    if workers < 1:
        raise TradeTalksError(f"--workers must be at least 1, not {workers}")
    report = BulkReport()
    with _dask_client(scheduler, workers) as client:
        report.workers = sum(client.nthreads().values())
        _check_workers(client)
        worker_db = workers_can_write(store, scheduler) if store_on_workers is not False else None
        if store_on_workers and worker_db is None:
            raise TradeTalksError(f"{store.url}: workers on a remote cluster can only write to PostgreSQL")
        report.writes = "workers" if worker_db else "client"
        started = time.perf_counter()
        prepared: dict[str, Prepared] = {}
        _process(client, store, inputs, report, console, batch_size, worker_db, policy, prepared)
        report.seconds = time.perf_counter() - started
        if report.new or report.updated:
            started = time.perf_counter()
            try:
                run = rebuild_on_cluster(client, store, worker_db, console, prepared)
                report.partitions, report.resolve_stages = run.partitions, run.seconds
            except Exception as exc:  # noqa: BLE001 - a lost worker: the articles are stored, resolve them here
                if console is not None:
                    reason = f"{type(exc).__name__}: {exc}"
                    console.print(f"resolution on the cluster failed ({reason}); resolving here", markup=False)
                from tradetalks.resolve import rebuild_dossier

                rebuild_dossier(store)
            report.resolve_seconds = time.perf_counter() - started
    if console is not None:
        print_bulk_report(report, console)
    return report


def workers_can_write(store: Store, scheduler: str | None) -> str | None:
    """The store URL workers can open themselves: PostgreSQL anywhere, a SQLite file on a local cluster."""
    url = store.url
    if url.startswith(("postgresql://", "postgres://")):
        return url
    if scheduler is None:
        return os.path.abspath(url)
    return None


@contextmanager
def _dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A distributed Client on the given scheduler, or on a LocalCluster started here."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise TradeTalksError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: never clash with another cluster on this machine
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def _check_workers(client: Any) -> None:
    """Refuse a cluster whose workers run another TradeTalks or pipeline version."""
    if not client.nthreads():
        raise TradeTalksError("the Dask cluster has no workers")
    mine = worker_versions()
    for address, theirs in client.run(worker_versions).items():
        if tuple(theirs) != mine:
            raise TradeTalksError(
                f"Dask worker {address} runs TradeTalks {theirs[0]} (pipeline {theirs[1]}), "
                f"the client {mine[0]} (pipeline {mine[1]}): install the same version everywhere"
            )


def _chunks(items: Iterable[Article | IngestError], size: int, report: BulkReport, store: Store) -> Iterator[
    list[Article]
]:
    """Articles in lists of ``size``; unreadable inputs are recorded as failures on the way."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, SkippedInput):
            report.skipped.append((item.source, item.reason))
            continue
        if isinstance(item, IngestError):
            _fail(store, report, item.source, item.reason)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _process(
    client: Any,
    store: Store,
    inputs: list[str],
    report: BulkReport,
    console: Console | None,
    batch_size: int,
    worker_db: str | None,
    policy: InputPolicy | None = None,
    prepared: dict[str, Prepared] | None = None,
) -> None:
    """Submit chunks (about two per worker thread in flight); finish each chunk in input order.

    With ``worker_db`` the workers store an article themselves unless its key or content hash
    already occurred earlier in this run: such an article's outcome depends on the order of
    writes, so it comes back to the client, which stores it once every earlier chunk is done.
    Any other two articles are independent (different key, different text), so the store ends
    as a sequential ``ingest`` of the same inputs leaves it. ``prepared`` gets what resolution
    reads of each article a worker stored (the latest version: chunks finish in input order).
    """
    from distributed import as_completed

    in_flight = max(2, 2 * report.workers)
    chunks = _chunks(read_inputs(inputs, policy), batch_size, report, store)
    sent: dict[int, list[Article]] = {}
    ready: dict[int, list[dict[str, Any]]] = {}
    futures = as_completed()
    index_of: dict[str, int] = {}
    run_id = uuid.uuid4().hex
    seen: set[str] = set()
    next_submit = next_write = 0

    def submit() -> bool:
        nonlocal next_submit
        chunk = next(chunks, None)
        if chunk is None:
            return False
        defer = repeats(chunk, seen)
        sent[next_submit] = chunk
        payload = [dataclasses.asdict(a) for a in chunk]
        key = f"tradetalks-extract-{run_id}-{next_submit}"
        future = client.submit(extract_batch, payload, worker_db, defer, key=key)
        index_of[future.key] = next_submit
        futures.add(future)
        next_submit += 1
        return True

    with _progress(console) as advance:
        while len(sent) < in_flight and submit():
            pass
        for future in futures:
            index = index_of.pop(future.key)
            try:
                ready[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or a crash: the chunk fails, the run goes on
                reason = f"extraction failed on the cluster ({type(exc).__name__}: {exc})"
                ready[index] = [{"error": reason}] * len(sent[index])
            future.release()
            while next_write in ready:
                results = ready.pop(next_write)
                articles = sent.pop(next_write)
                for article, result in zip(articles, results, strict=True):
                    _finish_one(store, report, article, result, prepared if prepared is not None else {})
                report.batches += 1
                advance(len(articles))
                next_write += 1
            while len(sent) < in_flight and submit():
                pass


def repeats(articles: list[Article], seen: set[str]) -> list[bool]:
    """For each article, whether its key (URL or source) or its text occurred earlier; updates ``seen``."""
    out = []
    for article in articles:
        marks = ("k" + article.key, "h" + article.hash)
        out.append(any(m in seen for m in marks))
        seen.update(marks)
    return out


def _finish_one(
    store: Store, report: BulkReport, article: Article, result: dict[str, Any], prepared: dict[str, Prepared]
) -> None:
    """Count an article a worker stored, or store it here (one transaction), or record its failure."""
    if "outcome" in result:
        status, reason = result["outcome"]
        if "prepared" in result:
            done: Prepared = result["prepared"]
            prepared[done.doc.article.id or done.doc.article.source] = done
    elif "error" in result:
        store.record_failure(article.source, result["error"])
        status, reason = "failed", result["error"]
    else:
        outcome = _add(store, article, extraction_from_dict(article, result["doc"]))
        status, reason = outcome.status, outcome.reason
        if outcome.article_id:
            prepared.pop(outcome.article_id, None)  # a new version stored here: resolution reads it again
    if status == "failed":
        report.failed.append((article.source, reason or "store refused the article"))
    else:
        setattr(report, status, getattr(report, status) + 1)


def _fail(store: Store, report: BulkReport, source: str, reason: str) -> None:
    """Record an input that could not be read."""
    store.record_failure(source, reason)
    report.failed.append((source, reason))


@contextmanager
def _progress(console: Console | None) -> Iterator[Any]:
    """A Rich progress bar fed by completed chunks; yields ``advance(n_articles)``."""
    if console is None:
        yield lambda n: None
        return
    columns = (TextColumn("bulk"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("bulk", total=None)
        yield lambda n: progress.update(task, advance=n)


def print_bulk_report(report: BulkReport, console: Console) -> None:
    """One summary line and the failures with their reasons."""
    rate = report.articles / report.seconds if report.seconds else 0.0
    console.print(
        f"bulk: {report.articles} articles in {report.batches} batches on {report.workers} worker threads "
        f"(stored by the {report.writes}), "
        f"{report.seconds:.1f} s ({rate:.1f} articles/s); {report.new} new, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.failed)} failed; resolution on the cluster "
        f"{report.resolve_seconds:.1f} s ({report.partitions} entity partitions)"
    )
    for source, reason in report.skipped[:50]:
        console.print(f"  skipped {source}: {reason}", markup=False)
    for source, reason in report.failed[:50]:
        console.print(f"  failed {source}: {reason}", markup=False)
    if len(report.failed) > 50:
        console.print(f"  … and {len(report.failed) - 50} more failures (see `tradetalks stats`)")
