"""The default store: one SQLite file (WAL), versioned schema, FTS5 search over folded text."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tradetalks.model import Article, Correction, Doc, Dossier, IngestOutcome, SearchHit, article_id
from tradetalks.store import search as s
from tradetalks.store.base import StoreError
from tradetalks.store.codec import extraction_to_dict
from tradetalks.store.keys_rows import (
    UPDATE_INDEXES,
    KeyRow,
    Resolution,
    ResolutionReads,
    RowChange,
    apply_change,
    check_base,
    keys_schema,
)
from tradetalks.store.reads import BUMP_REVISION, SQLReads, correction_row
from tradetalks.store.rows import PAGE_INDEXES, ROLE_TITLE_INDEXES, ROWS_SCHEMA, TABLES, load_rows, replace_all

#: Ordered schema migrations; ``schema_version`` holds how many have been applied.
MIGRATIONS: list[str] = [
    # 1: articles, their versions, extractions, search, failures, dossier
    """
    CREATE TABLE articles (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT, outlet TEXT, title TEXT, published TEXT,
        latest_version INTEGER NOT NULL
    );
    CREATE TABLE versions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT, outlet TEXT, title TEXT, published TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        PRIMARY KEY (article_id, version)
    );
    CREATE TABLE extractions (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        pipeline_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, version),
        FOREIGN KEY (article_id, version) REFERENCES versions(article_id, version) ON DELETE CASCADE
    );
    CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE failures (source TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE dossier (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        data TEXT NOT NULL,
        entities INTEGER NOT NULL, events INTEGER NOT NULL, stories INTEGER NOT NULL
    );
    """,
    # 2: crawl and job state; failures looked up by source
    """
    CREATE TABLE state (
        namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
    );
    CREATE INDEX failures_source ON failures(source);
    """,
    # 3: the dossier's watermark: a revision counted up by every stored article version or extraction, and the
    # revision the saved dossier was built from (an older dossier is stale; -1: unknown, so rebuilt once)
    """
    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO revision (id, n) SELECT 1, (SELECT count(*) FROM versions) + (SELECT count(*) FROM extractions);
    ALTER TABLE dossier ADD COLUMN built_from INTEGER NOT NULL DEFAULT -1;
    """,
    # 4: editors' corrections, applied after the rules on every rebuild (anchor, field, value, other in data)
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL, target TEXT NOT NULL,
        data TEXT NOT NULL,
        why TEXT NOT NULL CHECK (length(trim(why)) > 0),
        editor TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 5: the dossier as indexed rows (store/rows.py) instead of one JSON value; rebuilt once into them
    ROWS_SCHEMA + ";\nALTER TABLE dossier DROP COLUMN data",
    # 6: what the pages read, by index alone: a person's events and articles, an event's participants by side,
    # the articles newest first
    PAGE_INDEXES,
    # 7: resolution keys and order keys as rows (store/keys_rows.py), timexes numbered within their article
    keys_schema(""),
    # 8: the holders of a title, looked up by title or English title (ask's title questions), not by a scan
    ROLE_TITLE_INDEXES,
    # 9: a stored entity's name keys found by the entity (the rows an incremental update replaces)
    UPDATE_INDEXES,
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> int:
    """Apply the migrations not yet applied (up to ``upto``); return the schema version."""
    target = len(MIGRATIONS) if upto is None else upto
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] or 0
        if current > len(MIGRATIONS):
            raise StoreError(f"schema version {current} is newer than this program knows ({len(MIGRATIONS)})")
        for number in range(current + 1, target + 1):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return max(current, target)


def _enable_wal(conn: sqlite3.Connection, wait: float = 60.0) -> None:
    """Switch the file to WAL. SQLite answers "database is locked" at once, without calling the busy
    handler, when another process is switching a new file at the same moment, so retry with back-off."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _bulk_indexes(c: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes of every table a full rebuild replaces (not the primary keys)."""
    tables = (*TABLES, "r_keys", "r_order")
    return c.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))}) ORDER BY rowid",
        tables,
    ).fetchall()


class SQLiteStore(SQLReads):
    """Articles, versions, extractions, dossier and state in one SQLite file."""

    def __init__(self, path: str):
        self.url = path
        try:
            if path != ":memory:":
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._lock = threading.RLock()  # one transaction at a time when threads share the store (web server)
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=60, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 60000")
            _enable_wal(self.conn)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.schema_version = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a TradeTalks SQLite database: {exc}") from exc

    # transactions ----------------------------------------------------------
    def _write(self) -> _Tx:
        return _Tx(self.conn, self._lock)

    def batch(self) -> _Tx:
        """One transaction around many writes (bulk): each write inside stays whole on its own (a savepoint),
        and the lock on the file is taken once per batch instead of once per article."""
        return _Tx(self.conn, self._lock)

    def transaction(self) -> _Tx:
        """One transaction around an ingest's articles and the dossier rows they change (writes inside nest)."""
        return _Tx(self.conn, self._lock)

    # articles -------------------------------------------------------------
    def add_article(self, article: Article, doc: Doc | None = None) -> IngestOutcome:
        """Store an article version (and its extraction) in one transaction."""
        digest = article.hash
        aid = article.id or article_id(article.key)
        with self._write() as c:
            found = c.execute("SELECT article_id FROM versions WHERE hash = ?", (digest,)).fetchone()
            if found:
                return IngestOutcome(article.source, "unchanged", found[0])
            row = c.execute("SELECT id, num, latest_version FROM articles WHERE key = ?", (article.key,)).fetchone()
            status: Literal["new", "updated"]
            if row is None:
                version, status = 1, "new"
                cur = c.execute(
                    "INSERT INTO articles (id, key, source, url, outlet, title, published, latest_version) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                    (aid, article.key, article.source, article.url, article.outlet, article.title, article.published),
                )
                num = cur.lastrowid
            else:
                aid, num, latest = row
                version, status = latest + 1, "updated"
                c.execute(
                    "UPDATE articles SET source = ?, url = ?, outlet = ?, title = ?, published = ?, "
                    "latest_version = ? WHERE num = ?",
                    (article.source, article.url, article.outlet, article.title, article.published, version, num),
                )
                c.execute("DELETE FROM fts WHERE rowid = ?", (num,))
                c.execute("DELETE FROM extractions WHERE article_id = ?", (aid,))
            c.execute(
                "INSERT INTO versions (article_id, version, hash, source, url, outlet, title, published, text, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    aid,
                    version,
                    digest,
                    article.source,
                    article.url,
                    article.outlet,
                    article.title,
                    article.published,
                    article.text,
                    _now(),
                ),
            )
            c.execute(
                "INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)",
                (num, s.fold_text(article.title or ""), s.fold_text(article.text)),
            )
            if doc is not None:
                self._save_doc(c, doc, aid, version)
            c.execute(BUMP_REVISION)
        article.id, article.version = aid, version
        return IngestOutcome(article.source, status, aid)

    def record_failure(self, source: str, reason: str) -> None:
        """Remember an input that could not be ingested, with its reason."""
        with self._write() as c:
            c.execute("INSERT INTO failures (source, reason, at) VALUES (?, ?, ?)", (source, reason, _now()))

    # extraction -----------------------------------------------------------
    def save_doc(self, doc: Doc) -> None:
        """Replace the stored extraction of the doc's article version."""
        aid = doc.article.id or article_id(doc.article.key)
        with self._write() as c:
            self._save_doc(c, doc, aid, doc.article.version)
            c.execute(BUMP_REVISION)

    def _save_doc(self, c: sqlite3.Connection, doc: Doc, aid: str, version: int) -> None:
        from tradetalks.pipeline import PIPELINE_VERSION  # the extraction stages: imported when a doc is saved

        data = json.dumps(extraction_to_dict(doc), ensure_ascii=False)
        try:
            c.execute(
                "INSERT OR REPLACE INTO extractions (article_id, version, pipeline_version, data) VALUES (?, ?, ?, ?)",
                (aid, version, PIPELINE_VERSION, data),
            )
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"no stored version {version} of article {aid} to attach the extraction to") from exc

    # dossier --------------------------------------------------------------
    def save_dossier(
        self,
        dossier: Dossier,
        built_from: int | None = None,
        resolution: Resolution | None = None,
        first_keys: Iterable[KeyRow] = (),
    ) -> None:
        """Replace the resolved cross-article dossier, built from the store at revision ``built_from`` (read
        before its extractions were; default: the revision now), with its resolution keys when given (without
        them the next ingest resolves every article again)."""
        stories = len({a.story for a in dossier.articles if a.story})
        with self._write() as c:
            revision = self.revision() if built_from is None else built_from
            c.execute(
                "INSERT OR REPLACE INTO dossier (id, entities, events, stories, built_from) VALUES (1, ?, ?, ?, ?)",
                (len(dossier.entities), len(dossier.events), stories, revision),
            )
            res = resolution or Resolution()
            keys = itertools.chain(first_keys, res.keys)
            replace_all(c, "?", dossier, keys, res.order, indexes=_bulk_indexes(c))

    def update_dossier(self, change: RowChange, built_from: int) -> None:
        """Replace the rows of the articles, events and entities an incremental resolution touched, in one
        transaction; the dossier is then current as of ``built_from``."""
        with self._write() as c:
            check_base(c, "?", change)
            apply_change(c, "?", change)
            c.execute("UPDATE dossier SET built_from = ? WHERE id = 1", (built_from,))

    def resolution_reads(self) -> ResolutionReads:
        """Look-ups by resolution key, for incremental resolution."""
        return ResolutionReads(self.conn, "?")

    def load_dossier(self) -> Dossier | None:
        """The whole saved dossier from its rows, or None before the first resolution."""
        if self.conn.execute("SELECT 1 FROM dossier WHERE id = 1").fetchone() is None:
            return None
        return load_rows(self.conn)

    # corrections ------------------------------------------------------------
    def add_correction(self, correction: Correction) -> int:
        """Store an editor's correction (the dossier becomes stale); return its number."""
        row = correction_row(correction)
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO corrections (kind, target, data, why, editor, at) VALUES (?, ?, ?, ?, ?, ?)", row
            )
            c.execute(BUMP_REVISION)
        correction.id = int(cur.lastrowid or 0)
        return correction.id

    def remove_correction(self, number: int) -> bool:
        """Delete a correction; False when there is none with this number."""
        with self._write() as c:
            gone = c.execute("DELETE FROM corrections WHERE id = ?", (number,)).rowcount
            if gone:
                c.execute(BUMP_REVISION)
        return bool(gone)

    # search and figures ---------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """FTS5 (bm25, title weighted) over folded text; diacritics optional; never raises on syntax."""
        q = s.parse_query(query)
        if q.empty or limit < 1:
            return []
        pool = max(limit * 3, 30)
        rows = s.candidates(
            q, pool, lambda phrase, n: self._candidates(s.fts5_phrase(q) if phrase else s.fts5_match(q), n)
        )
        rows.sort(key=lambda r: s.rank_key(q, r[4] or "", r[5], r[6]), reverse=True)
        return [
            SearchHit(aid, title, s.snippet(q, text), url, source, published, round(score, 4))
            for aid, url, source, published, title, text, score in rows[:limit]
        ]

    def _candidates(self, match: str, pool: int) -> list[tuple[Any, ...]]:
        """The best ``pool`` articles for an FTS5 expression: (id, url, source, published, title, text, score)."""
        return self.conn.execute(
            "SELECT a.id, a.url, a.source, a.published, v.title, v.text, top.score FROM "
            "(SELECT rowid AS num, -bm25(fts, 5.0, 1.0) AS score FROM fts WHERE fts MATCH ? "
            " ORDER BY bm25(fts, 5.0, 1.0) LIMIT ?) top "
            "JOIN articles a ON a.num = top.num "
            "JOIN versions v ON v.article_id = a.id AND v.version = a.latest_version",
            (match, pool),
        ).fetchall()

    def stats(self) -> dict[str, Any]:
        """Counts: articles, versions, failures, entities, events, stories."""
        one = self.conn.execute
        dossier = one("SELECT entities, events, stories FROM dossier WHERE id = 1").fetchone() or (0, 0, 0)
        return {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "versions": one("SELECT count(*) FROM versions").fetchone()[0],
            "failures": one("SELECT count(*) FROM failures").fetchone()[0],
            "entities": dossier[0],
            "events": dossier[1],
            "stories": dossier[2],
        }

    # crawl state ----------------------------------------------------------
    def get_state(self, namespace: str, key: str) -> dict[str, Any] | None:
        """The value stored under (namespace, key), if any."""
        row = self.conn.execute("SELECT value FROM state WHERE namespace = ? AND key = ?", (namespace, key)).fetchone()
        return json.loads(row[0]) if row else None

    def put_state(self, namespace: str, key: str, value: dict[str, Any]) -> None:
        """Set (replace) the value under (namespace, key)."""
        data = json.dumps(value, ensure_ascii=False)
        with self._write() as c:
            c.execute("INSERT OR REPLACE INTO state (namespace, key, value) VALUES (?, ?, ?)", (namespace, key, data))

    def state_items(self, namespace: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every (key, value) of a namespace, in key order."""
        rows = self.conn.execute("SELECT key, value FROM state WHERE namespace = ? ORDER BY key", (namespace,))
        for key, value in rows.fetchall():
            yield key, json.loads(value)

    def __enter__(self) -> SQLiteStore:
        return self


class _Tx:
    """``with`` block running one BEGIN IMMEDIATE .. COMMIT transaction, or a savepoint inside a transaction
    already open (a batch); rolls back its own writes on any error."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock):
        self.conn = conn
        self.lock = lock
        self.nested = False

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        self.nested = self.conn.in_transaction
        try:
            self.conn.execute("SAVEPOINT tx" if self.nested else "BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self.lock.release()
            raise StoreError(f"database is not writable: {exc}") from exc
        return self.conn

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, *rest: object) -> None:
        try:
            if kind is None:
                self.conn.execute("RELEASE tx" if self.nested else "COMMIT")
                return
            if self.nested:
                self.conn.execute("ROLLBACK TO tx")
                self.conn.execute("RELEASE tx")
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"database write failed: {exc}") from exc
        finally:
            self.lock.release()
