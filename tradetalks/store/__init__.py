"""Persistence: one Store protocol, SQLite by default, PostgreSQL for a shared server."""

from __future__ import annotations

import os

from tradetalks.store.base import Store, StoreError

DEFAULT_DB = "tradetalks.db"

__all__ = ["DEFAULT_DB", "Store", "StoreError", "open_store", "resolve_db"]


def resolve_db(db: str | None) -> str:
    """The database chosen by ``--db``, else ``TRADETALKS_DB``, else ``./tradetalks.db``."""
    return db or os.environ.get("TRADETALKS_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store named by a path or postgresql:// URL."""
    url = resolve_db(db)
    if url.startswith(("postgresql://", "postgres://")):
        from tradetalks.store.postgres import PostgresStore

        return PostgresStore(url)
    from tradetalks.store.sqlite import SQLiteStore

    return SQLiteStore(url)
