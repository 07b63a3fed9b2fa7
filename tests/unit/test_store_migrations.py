"""Schema versions: a database made by an older version is migrated when opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tradetalks.store import StoreError, open_store
from tradetalks.store import sqlite as sqlite_store


def test_store_sqlite_old_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert sqlite_store.migrate(conn, upto=1) == 1
    conn.execute(
        "INSERT INTO failures (source, reason, at) VALUES ('cu.txt', 'binary file', '2025-01-01T00:00:00+00:00')"
    )
    conn.close()
    with sqlite_store.SQLiteStore(str(path)) as store:
        assert store.schema_version == len(sqlite_store.MIGRATIONS)
        store.put_state("crawl", "feed", {"etag": "1"})  # the table added by migration 2
        assert store.stats()["failures"] == 1
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, len(sqlite_store.MIGRATIONS) + 1))
    conn.close()


def test_store_sqlite_pragmas(tmp_path: Path) -> None:
    with sqlite_store.SQLiteStore(str(tmp_path / "p.db")) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_store_sqlite_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path, isolation_level=None)
    sqlite_store.migrate(conn)
    conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01 not a database at all " * 200, "not a database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "malformed|not a database"),
    ],
)
def test_store_sqlite_bad_file_is_a_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "hong.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=reason) as info:
        open_store(str(path))
    assert str(path) in str(info.value)


def test_store_sqlite_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        open_store(str(tmp_path))


@pytest.mark.postgres
def test_store_postgres_old_schema_is_migrated(pg_schema_url: str) -> None:
    import psycopg

    from tradetalks.store import postgres as pg_store

    with psycopg.connect(pg_schema_url, autocommit=True) as conn:
        assert pg_store.migrate(conn, upto=1) == 1
        conn.execute("INSERT INTO failures (source, reason) VALUES ('cu.txt', 'binary file')")
    with pg_store.PostgresStore(pg_schema_url) as store:
        assert store.schema_version == len(pg_store.MIGRATIONS)
        store.put_state("crawl", "feed", {"etag": "1"})
        assert store.stats()["failures"] == 1
    with pg_store.PostgresStore(pg_schema_url) as again:
        assert again.schema_version == len(pg_store.MIGRATIONS)


def test_store_postgres_unreachable_is_a_clear_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://user:secret@127.0.0.1:{port}/none"
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store(url)
    assert "secret" not in str(info.value)


def _old_store_with_an_outdated_dossier(conn: object) -> None:
    """Schema 2, one article stored after the dossier was saved: nothing in that schema could tell."""
    execute = conn.execute  # type: ignore[attr-defined]
    execute("INSERT INTO articles (id, key, source, latest_version) VALUES ('a1', 'k1', 'cu.txt', 1)")
    execute(
        "INSERT INTO versions (article_id, version, hash, source, text, ingested_at) "
        "VALUES ('a1', 1, 'h1', 'cu.txt', 'Bài cũ.', '2025-01-01T00:00:00+00:00')"
    )
    execute("INSERT INTO dossier (id, data, entities, events, stories) VALUES (1, '{}', 0, 0, 0)")


def test_store_sqlite_migration_3_marks_an_old_dossier_stale(tmp_path: Path) -> None:
    path = tmp_path / "old2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert sqlite_store.migrate(conn, upto=2) == 2
    _old_store_with_an_outdated_dossier(conn)
    conn.close()
    with sqlite_store.SQLiteStore(str(path)) as store:
        assert store.revision() == 1 and not store.dossier_is_current()


@pytest.mark.postgres
def test_store_postgres_migration_3_marks_an_old_dossier_stale(pg_schema_url: str) -> None:
    import psycopg

    from tradetalks.store import postgres as pg_store

    with psycopg.connect(pg_schema_url, autocommit=True) as conn:
        assert pg_store.migrate(conn, upto=2) == 2
        _old_store_with_an_outdated_dossier(conn)
    with pg_store.PostgresStore(pg_schema_url) as store:
        assert store.schema_version == len(pg_store.MIGRATIONS)
        assert store.revision() == 1 and not store.dossier_is_current()
