"""Bare tables for the row-placing tests, on SQLite in memory and on a schema of its own in the test PostgreSQL
server: ``schema_backends(SCHEMA)`` gives the parametrize values, each a context manager of (cursor, mark)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from typing import Any

import pytest
from conftest import pg_test_url

Backend = Callable[[], AbstractContextManager[tuple[Any, str]]]


@contextmanager
def sqlite_tables(schema: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    conn = sqlite3.connect(":memory:")
    for sql in schema:
        conn.execute(sql)
    yield conn, "?"
    conn.close()


@contextmanager
def postgres_tables(schema: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_test_url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        conn.execute(f"SET search_path TO {name}")
        try:
            for sql in schema:
                conn.execute(sql.replace("okey TEXT", 'okey TEXT COLLATE "C"'))
            yield conn.cursor(), "%s"
        finally:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def schema_backends(schema: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(partial(sqlite_tables, schema), id="sqlite"),
        pytest.param(partial(postgres_tables, schema), id="postgres", marks=pytest.mark.postgres),
    ]
