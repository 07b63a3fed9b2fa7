"""The Store protocol: every backend (SQLite, PostgreSQL) offers exactly this."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from tradetalks.errors import TradeTalksError
from tradetalks.model import Article, Correction, Doc, Dossier, IngestOutcome, SearchHit
from tradetalks.store.row_reads import DossierRows

if TYPE_CHECKING:
    from tradetalks.store.keys_rows import KeyRow, Resolution, ResolutionReads, RowChange


class StoreError(TradeTalksError):
    """A store could not be opened or used; the message says which and why."""


@runtime_checkable
class Store(Protocol):
    """Persistence for articles, their versions, extractions, the dossier and crawl state.

    Each ``add_article`` is one transaction: an article is stored whole (text, version,
    search index, extraction) or not at all.
    """

    url: str  # the file path or postgresql:// URL it was opened with

    # articles -------------------------------------------------------------
    def add_article(self, article: Article, doc: Doc | None = None) -> IngestOutcome:
        """Store an article version (and its extraction); new, unchanged or updated."""
        ...

    def batch(self) -> AbstractContextManager[Any]:
        """A block of many writes (bulk): the backend may group them; each write still stays whole."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One transaction around the articles of an ingest and the dossier rows they change: the writes inside
        are savepoints of it, and nothing of them is seen by others before all are committed."""
        ...

    def record_failure(self, source: str, reason: str) -> None:
        """Remember an input that could not be ingested, with its reason."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The latest version of an article."""
        ...

    def articles(self) -> Iterator[Article]:
        """The latest version of every article, in id order."""
        ...

    def versions(self, article_id: str) -> list[Article]:
        """Every stored version of an article, oldest first."""
        ...

    # extraction -----------------------------------------------------------
    def save_doc(self, doc: Doc) -> None:
        """Replace the stored extraction of the doc's article version."""
        ...

    def get_doc(self, article_id: str) -> Doc | None:
        """The extraction of the latest version of an article."""
        ...

    def docs(self) -> Iterator[Doc]:
        """Extractions of the latest version of every article, in id order."""
        ...

    def extraction_rows(self) -> Iterator[tuple[Any, ...]]:
        """The rows ``docs`` decodes (article columns, then the extraction's JSON), for a reader of its own."""
        ...

    # dossier --------------------------------------------------------------
    def save_dossier(
        self,
        dossier: Dossier,
        built_from: int | None = None,
        resolution: Resolution | None = None,
        first_keys: Iterable[KeyRow] = (),
    ) -> None:
        """Replace the resolved cross-article dossier, built from revision ``built_from`` (default: now), with
        the resolution keys of every article (``store/keys_rows.py``) when given; ``first_keys``: more key rows,
        made as they are written, before those of ``resolution`` (a rebuild's band keys)."""
        ...

    def update_dossier(self, change: RowChange, built_from: int) -> None:
        """Replace only the rows an incremental resolution touched (one transaction)."""
        ...

    def resolution_reads(self) -> ResolutionReads:
        """Look-ups by resolution key."""
        ...

    def revision(self) -> int:
        """A counter raised by every stored article version and extraction."""
        ...

    def dossier_is_current(self) -> bool:
        """Whether the saved dossier was built from every stored article (its watermark is the revision)."""
        ...

    def load_dossier(self) -> Dossier | None:
        """The whole saved dossier (None before the first resolution); readers of a part use ``rows``."""
        ...

    def rows(self) -> DossierRows:
        """The dossier's rows, read a piece at a time (the events a filter selects, the entities a name finds)."""
        ...

    # corrections ------------------------------------------------------------
    def add_correction(self, correction: Correction) -> int:
        """Store an editor's correction (raising the revision: the dossier is stale); return its number."""
        ...

    def corrections(self) -> list[Correction]:
        """Every stored correction, in the order they were made."""
        ...

    def remove_correction(self, number: int) -> bool:
        """Delete a correction (raising the revision); False when there is none with this number."""
        ...

    # search and figures ---------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over articles, with or without diacritics; never raises on syntax."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: articles, versions, failures, events, entities."""
        ...

    # crawl state ----------------------------------------------------------
    def get_state(self, namespace: str, key: str) -> dict[str, Any] | None: ...

    def put_state(self, namespace: str, key: str, value: dict[str, Any]) -> None: ...

    def state_items(self, namespace: str) -> Iterable[tuple[str, dict[str, Any]]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
