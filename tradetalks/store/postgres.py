"""The shared-server store: PostgreSQL (psycopg 3), versioned schema, unaccent + tsvector search.

Concurrent writers (several ingest processes, Dask workers) are safe: an article's row is
created with ``ON CONFLICT DO NOTHING`` and locked before its versions are checked, and the
content hash is unique, so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import psycopg
from psycopg import errors as pg_errors

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
from tradetalks.store.rows import PAGE_INDEXES, ROLE_TITLE_INDEXES, ROWS_SCHEMA, load_rows, replace_all

#: Ordered schema migrations; ``schema_version`` holds how many have been applied.
MIGRATIONS: list[str] = [
    # 1: articles, their versions, extractions, search, failures, dossier
    """
    CREATE TABLE articles (
        num bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        key text NOT NULL UNIQUE,
        source text NOT NULL,
        url text, outlet text, title text, published text,
        latest_version integer NOT NULL
    );
    CREATE TABLE versions (
        article_id text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version integer NOT NULL,
        hash text NOT NULL UNIQUE,
        source text NOT NULL,
        url text, outlet text, title text, published text,
        text text NOT NULL,
        ingested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, version)
    );
    CREATE TABLE extractions (
        article_id text NOT NULL,
        version integer NOT NULL,
        pipeline_version integer NOT NULL,
        data json NOT NULL,
        PRIMARY KEY (article_id, version),
        FOREIGN KEY (article_id, version) REFERENCES versions(article_id, version) ON DELETE CASCADE
    );
    CREATE TABLE search (
        article_id text PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        tsv tsvector NOT NULL
    );
    CREATE INDEX search_tsv ON search USING gin (tsv);
    CREATE TABLE failures (num bigserial PRIMARY KEY, source text NOT NULL, reason text NOT NULL,
                           at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE dossier (
        id integer PRIMARY KEY CHECK (id = 1),
        data json NOT NULL,
        entities integer NOT NULL, events integer NOT NULL, stories integer NOT NULL
    );
    """,
    # 2: crawl and job state; failures looked up by source
    """
    CREATE TABLE state (
        namespace text NOT NULL, key text NOT NULL, value jsonb NOT NULL,
        PRIMARY KEY (namespace, key)
    );
    CREATE INDEX failures_source ON failures(source);
    """,
    # 3: the dossier's watermark (see the SQLite store's migration 3)
    """
    CREATE TABLE revision (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
    INSERT INTO revision (id, n) SELECT 1, (SELECT count(*) FROM versions) + (SELECT count(*) FROM extractions);
    ALTER TABLE dossier ADD COLUMN built_from bigint NOT NULL DEFAULT -1;
    """,
    # 4: editors' corrections (see the SQLite store's migration 4)
    """
    CREATE TABLE corrections (
        id bigserial PRIMARY KEY,
        kind text NOT NULL, target text NOT NULL,
        data json NOT NULL,
        why text NOT NULL CHECK (length(trim(why)) > 0),
        editor text NOT NULL,
        at text NOT NULL
    );
    """,
    # 5: the dossier as indexed rows (see the SQLite store's migration 5)
    ROWS_SCHEMA + ";\nALTER TABLE dossier DROP COLUMN data",
    # 6: what the pages read, by index alone (see the SQLite store's migration 6)
    PAGE_INDEXES,
    # 7: resolution keys and order keys as rows (store/keys_rows.py), timexes numbered within their article
    keys_schema('COLLATE "C"'),
    # 8: the holders of a title, by index (see the SQLite store's migration 8)
    ROLE_TITLE_INDEXES,
    # 9: a stored entity's name keys found by the entity (the rows an incremental update replaces)
    UPDATE_INDEXES,
]

#: Only this much of an article's folded text goes into its tsvector (PostgreSQL caps a tsvector at 1 MB).
INDEX_CHARS = 200_000
_LOCK_ID = 7_310_214_551  # pg_advisory_xact_lock key serialising migrations
_RETRYABLE = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected, pg_errors.UniqueViolation)


def _safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _clean(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL: it is stored as U+FFFD."""
    return value.replace("\x00", "\ufffd") if value else value


def _clean_value(value: Any) -> Any:
    """A row value PostgreSQL can hold: text without NUL (as ``_clean``), anything else as it is."""
    return _clean(value) if isinstance(value, str) else value


def migrate(conn: psycopg.Connection[Any], upto: int | None = None) -> int:
    """Apply the migrations not yet applied (up to ``upto``); return the schema version."""
    target = len(MIGRATIONS) if upto is None else upto
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        current = (row[0] if row else None) or 0
        if current > len(MIGRATIONS):
            raise StoreError(f"schema version {current} is newer than this program knows ({len(MIGRATIONS)})")
        for number in range(current + 1, target + 1):
            conn.execute(MIGRATIONS[number - 1])
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    return max(current, target)


def _ensure_unaccent(conn: psycopg.Connection[Any]) -> bool:
    """Create the unaccent extension if allowed; True when it is usable."""
    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except psycopg.Error:
        pass
    row = conn.execute("SELECT to_regproc('unaccent') IS NOT NULL").fetchone()
    return bool(row and row[0])


class PostgresStore(SQLReads):
    """Articles, versions, extractions, dossier and state in a PostgreSQL database."""

    mark = "%s"
    failure_order = "num"

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()  # one transaction at a time when threads share the store (web server)
        try:
            self.conn: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(f"{_safe_url(url)}: cannot connect to PostgreSQL: {exc}") from exc
        try:
            self.unaccent = _ensure_unaccent(self.conn)
            self.schema_version = migrate(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"{_safe_url(url)}: cannot prepare the TradeTalks schema: {exc}") from exc
        fold_sql = "unaccent(%s)" if self.unaccent else "%s"
        self._tsv_sql = (
            f"setweight(to_tsvector('simple', {fold_sql}), 'A') || setweight(to_tsvector('simple', {fold_sql}), 'B')"
        )
        self._tsq_sql = f"plainto_tsquery('simple', {fold_sql})"
        self._phrase_sql = f"phraseto_tsquery('simple', {fold_sql})"

    # articles -------------------------------------------------------------
    def add_article(self, article: Article, doc: Doc | None = None) -> IngestOutcome:
        """Store an article version (and its extraction) in one transaction; retried on conflicts."""
        for attempt in range(5):
            try:
                return self._add_article(article, doc)
            except _RETRYABLE as exc:
                if attempt == 4:
                    raise StoreError(f"{article.source}: gave up storing after repeated conflicts: {exc}") from exc
            except psycopg.Error as exc:
                raise StoreError(f"{article.source}: database write failed: {exc}") from exc
        raise AssertionError("unreachable")

    def _add_article(self, article: Article, doc: Doc | None) -> IngestOutcome:
        digest = article.hash
        aid = article.id or article_id(article.key)
        try:
            version, aid = self._insert_version(article, doc, digest, aid)
        except _Unchanged as same:
            found = same.article or self._article_of_hash(digest)
            return IngestOutcome(article.source, "unchanged", found)
        article.id, article.version = aid, version
        return IngestOutcome(article.source, "new" if version == 1 else "updated", aid)

    def _article_of_hash(self, digest: str) -> str | None:
        row = self.conn.execute("SELECT article_id FROM versions WHERE hash = %s", (digest,)).fetchone()
        return row[0] if row else None

    def _insert_version(self, article: Article, doc: Doc | None, digest: str, aid: str) -> tuple[int, str]:
        """Insert the version in one transaction; raise _Unchanged (rolled back) if the text is known."""
        c = self.conn
        with self._lock, c.transaction():
            found = self._article_of_hash(digest)
            if found:
                raise _Unchanged(found)
            fields = (article.source, article.url, article.outlet, article.title, article.published)
            clean = tuple(_clean(f) for f in fields)
            c.execute(
                "INSERT INTO articles (id, key, source, url, outlet, title, published, latest_version) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, 0) ON CONFLICT (key) DO NOTHING",
                (aid, _clean(article.key), *clean),
            )
            row = c.execute(
                "SELECT id, latest_version FROM articles WHERE key = %s FOR UPDATE", (_clean(article.key),)
            ).fetchone()
            assert row is not None
            aid, latest = row
            # another writer may have stored this text while we waited for the lock
            found = self._article_of_hash(digest)
            if found:
                raise _Unchanged(found)
            version = latest + 1
            inserted = c.execute(
                "INSERT INTO versions (article_id, version, hash, source, url, outlet, title, published, text) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (hash) DO NOTHING RETURNING 1",
                (aid, version, digest, *clean, _clean(article.text)),
            ).fetchone()
            if inserted is None:
                raise _Unchanged(None)
            c.execute(
                "UPDATE articles SET source = %s, url = %s, outlet = %s, title = %s, published = %s, "
                "latest_version = %s WHERE id = %s",
                (*clean, version, aid),
            )
            tsv = (_clean(s.fold_text(article.title or "")), _clean(s.fold_text(article.text[:INDEX_CHARS])))
            c.execute(
                f"INSERT INTO search (article_id, tsv) VALUES (%s, {self._tsv_sql}) "
                "ON CONFLICT (article_id) DO UPDATE SET tsv = excluded.tsv",
                (aid, *tsv),
            )
            if version > 1:
                c.execute("DELETE FROM extractions WHERE article_id = %s", (aid,))
            if doc is not None:
                self._save_doc(doc, aid, version)
            c.execute(BUMP_REVISION)  # last: the row is locked only until this transaction commits
        return version, aid

    def record_failure(self, source: str, reason: str) -> None:
        """Remember an input that could not be ingested, with its reason."""
        with self._lock:
            self.conn.execute("INSERT INTO failures (source, reason) VALUES (%s, %s)", (_clean(source), _clean(reason)))

    # extraction -----------------------------------------------------------
    def save_doc(self, doc: Doc) -> None:
        """Replace the stored extraction of the doc's article version."""
        aid = doc.article.id or article_id(doc.article.key)
        try:
            with self._lock, self.conn.transaction():
                self._save_doc(doc, aid, doc.article.version)
                self.conn.execute(BUMP_REVISION)
        except pg_errors.ForeignKeyViolation as exc:
            raise StoreError(f"no stored version {doc.article.version} of article {aid} for the extraction") from exc

    def _save_doc(self, doc: Doc, aid: str, version: int) -> None:
        from tradetalks.pipeline import PIPELINE_VERSION  # the extraction stages: imported when a doc is saved

        data = json.dumps(extraction_to_dict(doc), ensure_ascii=False)
        self.conn.execute(
            "INSERT INTO extractions (article_id, version, pipeline_version, data) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (article_id, version) DO UPDATE SET pipeline_version = excluded.pipeline_version, "
            "data = excluded.data",
            (aid, version, PIPELINE_VERSION, data),
        )

    # dossier --------------------------------------------------------------
    def save_dossier(
        self,
        dossier: Dossier,
        built_from: int | None = None,
        resolution: Resolution | None = None,
        first_keys: Iterable[KeyRow] = (),
    ) -> None:
        """Replace the resolved cross-article dossier, built from the store at revision ``built_from`` (read
        before its extractions were; default: the revision now), with its resolution keys when given."""
        stories = len({a.story for a in dossier.articles if a.story})
        with self._lock, self.conn.transaction():
            revision = self.revision() if built_from is None else built_from
            self.conn.execute(
                "INSERT INTO dossier (id, entities, events, stories, built_from) VALUES (1, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET entities = excluded.entities, events = excluded.events, "
                "stories = excluded.stories, built_from = excluded.built_from",
                (len(dossier.entities), len(dossier.events), stories, revision),
            )
            with self.conn.cursor() as cur:
                res = resolution or Resolution()
                replace_all(cur, "%s", dossier, itertools.chain(first_keys, res.keys), res.order, _clean_value)

    def update_dossier(self, change: RowChange, built_from: int) -> None:
        """Replace the rows of the articles, events and entities an incremental resolution touched, in one
        transaction; the dossier is then current as of ``built_from``."""
        with self._lock, self.conn.transaction():
            with self.conn.cursor() as cur:
                check_base(cur, "%s", change)
                apply_change(cur, "%s", change, _clean_value, 'COLLATE "C"')
                cur.execute("UPDATE dossier SET built_from = %s WHERE id = 1", (built_from,))

    def resolution_reads(self) -> ResolutionReads:
        """Look-ups by resolution key, for incremental resolution."""
        return ResolutionReads(self.conn, "%s")

    def load_dossier(self) -> Dossier | None:
        """The whole saved dossier from its rows, or None before the first resolution."""
        if self.conn.execute("SELECT 1 FROM dossier WHERE id = 1").fetchone() is None:
            return None
        return load_rows(self.conn)

    # corrections ------------------------------------------------------------
    def add_correction(self, correction: Correction) -> int:
        """Store an editor's correction (the dossier becomes stale); return its number."""
        row = tuple(_clean(v) for v in correction_row(correction))
        with self._lock, self.conn.transaction():
            found = self.conn.execute(
                "INSERT INTO corrections (kind, target, data, why, editor, at) "
                "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                row,
            ).fetchone()
            self.conn.execute(BUMP_REVISION)
        assert found is not None
        correction.id = int(found[0])
        return correction.id

    def remove_correction(self, number: int) -> bool:
        """Delete a correction; False when there is none with this number."""
        with self._lock, self.conn.transaction():
            gone = self.conn.execute("DELETE FROM corrections WHERE id = %s", (number,)).rowcount
            if gone:
                self.conn.execute(BUMP_REVISION)
        return bool(gone)

    # search and figures ---------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """PostgreSQL full-text (title weighted) over folded, unaccented text; never raises on syntax."""
        q = s.parse_query(query)
        if q.empty or limit < 1:
            return []
        pool = max(limit * 3, 30)
        rows = s.candidates(q, pool, lambda phrase, n: self._candidates(s.tsquery_text(q), phrase, n))
        rows.sort(key=lambda r: s.rank_key(q, r[4] or "", r[5], float(r[6])), reverse=True)
        return [
            SearchHit(aid, title, s.snippet(q, text), url, source, published, round(float(score), 4))
            for aid, url, source, published, title, text, score in rows[:limit]
        ]

    def _candidates(self, words: str, phrase: bool, pool: int) -> list[tuple[Any, ...]]:
        """The best ``pool`` articles holding the words (as a phrase, or anywhere), title weighted."""
        tsq = self._phrase_sql if phrase else self._tsq_sql
        return self.conn.execute(
            "SELECT a.id, a.url, a.source, a.published, v.title, v.text, top.score FROM "
            f"(SELECT x.article_id, ts_rank_cd(x.tsv, q) AS score FROM search x CROSS JOIN {tsq} q "
            " WHERE x.tsv @@ q ORDER BY score DESC, x.article_id LIMIT %s) top "
            "JOIN articles a ON a.id = top.article_id "
            "JOIN versions v ON v.article_id = a.id AND v.version = a.latest_version",
            (words, pool),
        ).fetchall()

    def stats(self) -> dict[str, Any]:
        """Counts: articles, versions, failures, entities, events, stories."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM versions), "
            "(SELECT count(*) FROM failures), d.entities, d.events, d.stories "
            "FROM (SELECT 1) one LEFT JOIN dossier d ON d.id = 1"
        ).fetchone()
        assert row is not None
        keys = ("articles", "versions", "failures", "entities", "events", "stories")
        return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}

    # crawl state ----------------------------------------------------------
    def get_state(self, namespace: str, key: str) -> dict[str, Any] | None:
        """The value stored under (namespace, key), if any."""
        row = self.conn.execute(
            "SELECT value FROM state WHERE namespace = %s AND key = %s", (namespace, _clean(key))
        ).fetchone()
        return row[0] if row else None

    def put_state(self, namespace: str, key: str, value: dict[str, Any]) -> None:
        """Set (replace) the value under (namespace, key)."""
        data = json.dumps(value, ensure_ascii=False).replace("\\u0000", "\\ufffd")
        with self._lock:
            self.conn.execute(
                "INSERT INTO state (namespace, key, value) VALUES (%s, %s, %s) "
                "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value",
                (namespace, _clean(key), data),
            )

    def state_items(self, namespace: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every (key, value) of a namespace, in key order."""
        rows = self.conn.execute("SELECT key, value FROM state WHERE namespace = %s ORDER BY key", (namespace,))
        yield from ((k, v) for k, v in rows.fetchall())

    def batch(self) -> AbstractContextManager[None]:
        """Many writes at once: PostgreSQL takes concurrent writers well, so each stays its own transaction."""
        return nullcontext()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around an ingest's articles and the dossier rows they change (writes inside nest as
        savepoints)."""
        with self._lock, self.conn.transaction():
            yield

    def __enter__(self) -> PostgresStore:
        return self


class _Unchanged(Exception):
    """Raised inside the transaction to roll it back when the text turned out to be stored already."""

    def __init__(self, article: str | None):
        super().__init__(article)
        self.article = article
