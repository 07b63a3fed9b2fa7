"""What the web server shares between requests: one store behind a lock, and the dossier index cached."""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tradetalks.model import Article, Doc, SearchHit
from tradetalks.store import Store, open_store
from tradetalks.store.row_reads import DossierRows

T = TypeVar("T")
#: How often (seconds) the store is checked for a changed dossier.
CHECK_EVERY = 1.0
#: A store that is not a file (PostgreSQL) and cannot give its counts is reloaded at most this often.
RELOAD_EVERY = 5.0
MAX_QUERY = 1000
#: Rendered responses kept per dossier version.
CACHE_SIZE = 256


class ServeState:
    """The store opened once (connections are not shared across threads at once) and a cached index."""

    def __init__(self, db_url: str):
        self.db_url = db_url
        self.token: str | None = None  # the write token (TRADETALKS_TOKEN); None: writing is disabled
        self.store = open_store(db_url)
        self.lock = threading.RLock()
        self._stamp: Any = None
        self._checked = 0.0
        self._rendered: OrderedDict[Any, bytes] = OrderedDict()

    def _fingerprint(self) -> Any:
        """What changes when another process writes the SQLite file (main file and write-ahead log)."""
        files = [Path(self.db_url), Path(self.db_url + "-wal")]
        if not files[0].is_file():  # a server database: its counts change with every ingest
            try:
                with self.lock:
                    return tuple(sorted(self.store.stats().items()))
            except Exception:  # noqa: BLE001 - fall back to reloading now and then
                return int(time.monotonic() // RELOAD_EVERY)
        stamps: list[tuple[int, int] | None] = []
        for f in files:
            try:
                st = f.stat()
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def _refresh(self) -> None:
        """Forget the cached index and responses when the store changed (checked at most every CHECK_EVERY)."""
        now = time.monotonic()
        if self._stamp is None or now - self._checked >= CHECK_EVERY:
            self._checked = now
            stamp = self._fingerprint()
            if stamp != self._stamp:
                self._stamp = stamp
                self._rendered.clear()

    def with_rows(self, read: Callable[[DossierRows], T]) -> T:
        """``read`` over the dossier's rows, on the shared connection (under the lock), uncached."""
        with self.lock, self.store.rows().snapshot() as rows:
            return read(rows)

    def rows_rendered(self, key: Any, build: Callable[[DossierRows], bytes]) -> bytes:
        """A response body built from the dossier's rows (only what it shows is read), kept until the store
        changes; the whole dossier is never loaded for it."""
        with self.lock:
            self._refresh()
            body = self._rendered.get(("rows", key))
            if body is None:
                with self.store.rows().snapshot() as rows:
                    body = build(rows)
                self._rendered[("rows", key)] = body
                while len(self._rendered) > CACHE_SIZE:
                    self._rendered.popitem(last=False)
            else:
                self._rendered.move_to_end(("rows", key))
            return body

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A store connection of its own for a writer, so that readers never wait for it (a database in
        memory has only the shared connection, used under the lock)."""
        if self.db_url == ":memory:":
            with self.lock:
                yield self.store
            return
        store = open_store(self.db_url)
        try:
            yield store
        finally:
            store.close()

    def invalidate(self) -> None:
        """Forget the cached pages (after a write through the API)."""
        with self.lock:
            self._rendered.clear()

    def search(self, query: str, limit: int) -> list[SearchHit]:
        """Full-text search (the query cut to a sane length)."""
        with self.lock:
            return self.store.search(clean_query(query), limit=limit)

    def article(self, article_id: str) -> Article | None:
        """The latest version of an article."""
        with self.lock:
            return self.store.get_article(article_id)

    def doc(self, article_id: str) -> Doc | None:
        """The extraction of an article's latest version."""
        with self.lock:
            return self.store.get_doc(article_id)

    def close(self) -> None:
        """Close the store."""
        with self.lock:
            self.store.close()


def clean_query(text: str) -> str:
    """A search query without control characters, at most 1000 characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text[:MAX_QUERY]).strip()


def token_from_env() -> str | None:
    """The write token set by the operator in ``TRADETALKS_TOKEN`` (None: writing is disabled)."""
    return os.environ.get("TRADETALKS_TOKEN") or None
