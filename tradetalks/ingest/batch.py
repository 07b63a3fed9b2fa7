"""Ingest batches: read inputs, run the pipeline, store each article whole, report, rebuild the dossier."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tradetalks.errors import IngestError, SkippedInput
from tradetalks.ingest.articles import InputPolicy
from tradetalks.ingest.files import read_inputs
from tradetalks.model import Article, Doc, IngestOutcome
from tradetalks.pipeline import default_pipeline
from tradetalks.store.base import Store

PipelineFn = Callable[[Article], Doc]
_COUNTS = ("new", "unchanged", "updated", "failed")


@dataclass
class IngestReport:
    """What happened to every input article of a batch."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def _with(self, status: str) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def new(self) -> list[IngestOutcome]:
        return self._with("new")

    @property
    def unchanged(self) -> list[IngestOutcome]:
        return self._with("unchanged")

    @property
    def updated(self) -> list[IngestOutcome]:
        return self._with("updated")

    @property
    def failed(self) -> list[IngestOutcome]:
        return self._with("failed")

    @property
    def skipped(self) -> list[IngestOutcome]:
        return self._with("skipped")

    @property
    def warned(self) -> list[IngestOutcome]:
        """Stored with a warning (its extraction cut at the limit)."""
        return [o for o in self.outcomes if o.status not in ("failed", "skipped") and o.reason]

    def to_dict(self) -> dict[str, Any]:
        """Counts per status, the failures with their reasons, and every outcome."""
        return {
            "new": len(self.new),
            "unchanged": len(self.unchanged),
            "updated": len(self.updated),
            "failed": len(self.failed),
            "skipped": len(self.skipped),
            "failures": [{"source": o.source, "reason": o.reason} for o in self.failed],
            "skips": [{"source": o.source, "reason": o.reason} for o in self.skipped],
            "warnings": [{"source": o.source, "warning": o.reason} for o in self.warned],
            "outcomes": [asdict(o) for o in self.outcomes],
        }


def demo_corpus_path() -> Path:
    """The bundled sample corpus: short original articles about the Vietnam–US trade talks."""
    return Path(__file__).resolve().parent.parent / "resources" / "demo"


#: Articles of one ingest held extracted in memory, to be stored with the dossier rows they change in one
#: transaction; a larger ingest stores them as it goes and resolves them at the end.
HELD = 200


def ingest_paths(
    store: Store,
    paths: list[str],
    console: Console | None = None,
    pipeline: PipelineFn | None = None,
    policy: InputPolicy | None = None,
) -> IngestReport:
    """Ingest files and directories into ``store``; every article is stored whole or reported as failed
    (links out of a directory tree as skipped, unless ``policy.follow_links``). The articles are extracted first,
    then stored with the dossier rows they change in one transaction (beyond HELD articles, stored as they come)."""
    run = pipeline or default_pipeline()
    report = IngestReport()
    since = store.revision() if store.dossier_is_current() else None  # see resolve/incremental.py
    held: list[tuple[int, Article, Doc]] = []  # (place in the report, article, extraction) not stored yet
    with _progress(console, "ingest") as display:
        for item in read_inputs(paths, policy, display.reading):
            got = _extract_one(store, item, run)
            if isinstance(got, IngestOutcome):
                report.outcomes.append(got)
            else:
                held.append((len(report.outcomes), *got))
                report.outcomes.append(IngestOutcome(got[0].source, "new", None))  # replaced once stored
            display.advance(report.outcomes[-1].source)
            if len(held) >= HELD:
                _store_held(store, report, held)
                held = []
    with store.transaction():
        _store_held(store, report, held)
        if report.new or report.updated:
            resolve_stored(store, report, since)
    return report


def resolve_stored(store: Store, report: IngestReport, since: int | None) -> None:
    """Resolve what the new and updated articles of a batch touch (the full rebuild when the dossier was stale
    before them, see ``resolve/incremental.py``)."""
    from tradetalks.resolve.incremental import resolve_new

    resolve_new(store, [o.article_id for o in report.new + report.updated if o.article_id], since)


def _extract_one(store: Store, item: Article | IngestError, run: PipelineFn) -> IngestOutcome | tuple[Article, Doc]:
    """Extract one article, or record why it could not be (an article stored with the same text is unchanged)."""
    if isinstance(item, SkippedInput):
        return IngestOutcome(item.source, "skipped", None, item.reason)
    if isinstance(item, IngestError):
        return _failure(store, item.source, item.reason)
    stored = store.get_article(item.id) if item.id else None
    if stored is not None and stored.hash == item.hash:
        return IngestOutcome(item.source, "unchanged", stored.id)  # skip extraction of what is stored
    try:
        return item, run(item)
    except Exception as exc:  # one article's extraction bug must not stop the batch
        return _failure(store, item.source, f"extraction failed ({type(exc).__name__}: {exc})")


def _store_held(store: Store, report: IngestReport, held: list[tuple[int, Article, Doc]]) -> None:
    """Store the extracted articles, each whole or reported as failed, in their places of the report."""
    for place, article, doc in held:
        try:
            outcome = store.add_article(article, doc)
        except Exception as exc:  # e.g. a constraint the store enforces; the article is rolled back
            outcome = _failure(store, article.source, f"could not be stored ({type(exc).__name__}: {exc})")
        if doc.notes and outcome.status != "failed":  # stored, with a warning ("extraction read the first …")
            outcome.reason = "; ".join(doc.notes)
        report.outcomes[place] = outcome


def _failure(store: Store, source: str, reason: str) -> IngestOutcome:
    """Record a failure in the store and return its outcome."""
    store.record_failure(source, reason)
    return IngestOutcome(source, "failed", None, reason)


def rebuild(store: Store) -> None:
    """Rebuild the cross-article dossier from every stored extraction (streamed)."""
    from tradetalks.resolve import rebuild_dossier

    rebuild_dossier(store)


def reprocess_store(store: Store, console: Console | None = None) -> int:
    """Re-run the pipeline on the latest version of every stored article; rebuild the dossier."""
    run = default_pipeline()
    count = 0
    with _progress(console, "reprocess") as display:
        for article in list(store.articles()):
            try:
                doc = run(article)
            except Exception as exc:  # keep the old extraction of an article the new rules cannot handle
                if console is not None:
                    console.print(Text(f"{article.source}: extraction failed ({type(exc).__name__}: {exc})"))
                continue
            store.save_doc(doc)
            count += 1
            display.advance(article.source)
    rebuild(store)
    return count


class _Display:
    """What the progress display is told: each article done, and how far a long file has been read."""

    def __init__(self, progress: Progress | None = None):
        self._progress = progress
        self._task = progress.add_task("", total=None) if progress is not None else None

    def advance(self, source: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=source[-60:])

    def reading(self, source: str, done: int, size: int, decoded: int) -> None:
        """A file read so far: bytes of the file (of its size) and, for a compressed one, bytes decoded."""
        if self._progress is None or self._task is None:
            return
        text = f"{source[-50:]}  {done / 1e6:,.1f} of {size / 1e6:,.1f} MB"
        if decoded != done:
            text += f" ({decoded / 1e6:,.0f} MB decompressed)"
        self._progress.update(self._task, description=text)


@contextmanager
def _progress(console: Console | None, label: str) -> Iterator[_Display]:
    """A Rich progress display on ``console`` (none without one)."""
    if console is None:
        yield _Display()
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, TextColumn("[dim]{task.description}"), console=console, transient=True) as progress:
        yield _Display(progress)


def print_report(report: IngestReport, console: Console) -> None:
    """A summary table (new, unchanged, updated, failed) and the reason for each failure."""
    table = Table(title="Ingest summary", show_header=True)
    names = ("new", "unchanged", "updated", "failed", "skipped") if report.skipped else _COUNTS
    for name in names:
        table.add_column(name, justify="right")
    table.add_row(*(str(len(getattr(report, name))) for name in names))
    console.print(table)
    for title, column, outcomes in (
        ("Skipped inputs", "reason", report.skipped),
        ("Stored with a warning", "warning", report.warned),
        ("Failed inputs", "reason", report.failed),
    ):
        if outcomes:
            console.print(_reasons(title, column, outcomes))


def _reasons(title: str, column: str, outcomes: list[IngestOutcome]) -> Table:
    """One table of inputs and what was said of each (why it failed or was skipped, its warning)."""
    table = Table(title=title, show_header=True)
    table.add_column("source", overflow="fold")
    table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(Text(o.source), Text(o.reason or ""))
    return table
