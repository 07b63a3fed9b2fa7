"""Bulk extraction on Dask distributed: workers run the pipeline, the client stores in input order.

The client reads the inputs (the same readers as ``ingest``) in chunks, keeps about two chunks
per worker thread in flight, and writes each chunk's articles with ``add_article`` (one
transaction each) in input order, so the store ends up exactly as a plain ``ingest`` leaves it.
Then it runs the cross-article resolution step once.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tradetalks import __version__
from tradetalks.errors import IngestError, TradeTalksError
from tradetalks.ingest.batch import rebuild
from tradetalks.ingest.files import read_inputs
from tradetalks.model import Article, IngestOutcome
from tradetalks.pipeline import PIPELINE_VERSION, Pipeline, default_pipeline
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
    batches: int = 0
    workers: int = 0  # worker threads of the cluster
    seconds: float = 0.0  # reading, extraction and storing (without start-up and resolution)
    resolve_seconds: float = 0.0

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
            "batches": self.batches,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "resolve_seconds": round(self.resolve_seconds, 3),
        }


# worker side ----------------------------------------------------------------


@lru_cache(maxsize=1)
def worker_pipeline() -> Pipeline:
    """The extraction pipeline, built once per worker process."""
    return default_pipeline()


def extract_batch(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the pipeline on article dicts; per article ``{"doc": extraction}`` or ``{"error": reason}``."""
    run = worker_pipeline()
    out: list[dict[str, Any]] = []
    for data in articles:
        try:
            doc = run(Article(**data))
        except Exception as exc:  # noqa: BLE001 - one article's extraction bug must not stop the batch
            out.append({"error": f"extraction failed ({type(exc).__name__}: {exc})"})
            continue
        out.append({"doc": extraction_to_dict(doc)})
    return out


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
) -> BulkReport:
    """Extract ``inputs`` on a Dask cluster (``scheduler``, else a LocalCluster of ``workers``), store, resolve."""
    if workers < 1:
        raise TradeTalksError(f"--workers must be at least 1, not {workers}")
    report = BulkReport()
    with _dask_client(scheduler, workers) as client:
        report.workers = sum(client.nthreads().values())
        _check_workers(client)
        started = time.perf_counter()
        _process(client, store, inputs, report, console, batch_size)
        report.seconds = time.perf_counter() - started
    if report.new or report.updated:
        started = time.perf_counter()
        rebuild(store)
        report.resolve_seconds = time.perf_counter() - started
    if console is not None:
        print_bulk_report(report, console)
    return report


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
    client: Any, store: Store, inputs: list[str], report: BulkReport, console: Console | None, batch_size: int
) -> None:
    """Submit chunks (about two per worker thread in flight); store results in input order."""
    from distributed import as_completed

    in_flight = max(2, 2 * report.workers)
    chunks = _chunks(read_inputs(inputs), batch_size, report, store)
    sent: dict[int, list[Article]] = {}
    ready: dict[int, list[dict[str, Any]]] = {}
    futures = as_completed()
    index_of: dict[str, int] = {}
    run_id = uuid.uuid4().hex
    next_submit = next_write = 0

    def submit() -> bool:
        nonlocal next_submit
        chunk = next(chunks, None)
        if chunk is None:
            return False
        sent[next_submit] = chunk
        payload = [dataclasses.asdict(a) for a in chunk]
        future = client.submit(extract_batch, payload, key=f"tradetalks-extract-{run_id}-{next_submit}")
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
                    _store_one(store, report, article, result)
                report.batches += 1
                advance(len(articles))
                next_write += 1
            while len(sent) < in_flight and submit():
                pass


def _store_one(store: Store, report: BulkReport, article: Article, result: dict[str, Any]) -> None:
    """Store one extracted article (one transaction) or record why it failed."""
    if "error" in result:
        _fail(store, report, article.source, result["error"])
        return
    doc = extraction_from_dict(article, result["doc"])
    try:
        outcome: IngestOutcome = store.add_article(doc.article, doc)
    except Exception as exc:  # noqa: BLE001 - the store rolled the article back; report it, continue
        _fail(store, report, article.source, f"could not be stored ({type(exc).__name__}: {exc})")
        return
    if outcome.status == "failed":
        report.failed.append((article.source, outcome.reason or "store refused the article"))
    else:
        setattr(report, outcome.status, getattr(report, outcome.status) + 1)


def _fail(store: Store, report: BulkReport, source: str, reason: str) -> None:
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
        f"bulk: {report.articles} articles in {report.batches} batches on {report.workers} worker threads, "
        f"{report.seconds:.1f} s ({rate:.1f} articles/s); {report.new} new, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.failed)} failed; resolution {report.resolve_seconds:.1f} s"
    )
    for source, reason in report.failed[:50]:
        console.print(f"  failed {source}: {reason}", markup=False)
    if len(report.failed) > 50:
        console.print(f"  … and {len(report.failed) - 50} more failures (see `tradetalks stats`)")
