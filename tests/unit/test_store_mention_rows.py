"""New mentions of a stored entity placed among its old rows (store/mention_rows.py): whatever the order the
articles come in, the rows read by number are in article order, numbers stay unique, and rows are renumbered only
where no free number is left, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from schema_backends import schema_backends, sqlite_tables

from tradetalks.model import EntityMention
from tradetalks.store.mention_rows import SPREAD, place_mentions

SCHEMA = (
    "CREATE TABLE d_mentions (entity TEXT NOT NULL, n INTEGER NOT NULL, article TEXT NOT NULL, "
    "a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (entity, n))",
    "CREATE TABLE r_order (tbl TEXT NOT NULL, id TEXT NOT NULL, okey TEXT NOT NULL, PRIMARY KEY (tbl, id))",
)


BACKENDS = schema_backends(SCHEMA)


def _add(conn: Any, mark: str, articles: list[int], per: int) -> None:
    """Articles "a<k>" (order key k, zero-padded) each naming entity "e" ``per`` times, placed as one update."""
    okeys = {f"a{k:03d}": f"{k:03d}" for k in articles}
    conn.executemany(f"INSERT INTO r_order VALUES ('a', {mark}, {mark})", list(okeys.items()))
    mentions = [EntityMention(a, 10 * i, 10 * i + 3, "Tên") for a in okeys for i in range(per)]
    place_mentions(conn, mark, "e", mentions, okeys)


def _read(conn: Any) -> list[tuple[str, int]]:
    return [(r[0], int(r[1])) for r in conn.execute("SELECT article, a_start FROM d_mentions ORDER BY n").fetchall()]


@pytest.mark.parametrize("backend", BACKENDS)
def test_mentions_stay_in_article_order_whatever_order_they_come_in(backend: Any) -> None:
    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.lists(st.integers(0, 120), min_size=1, max_size=4, unique=True), min_size=1, max_size=12))
    def check(batches: list[list[int]]) -> None:
        seen: set[int] = set()
        with backend() as (conn, mark):
            for batch in batches:
                batch = [k for k in batch if k not in seen]
                seen.update(batch)
                if batch:
                    _add(conn, mark, batch, 2)
            want = sorted((f"a{k:03d}", 10 * i) for k in seen for i in range(2))
            assert _read(conn) == want

    check()


def test_latest_article_appends_and_an_early_one_renumbers_once_then_fits() -> None:
    with sqlite_tables(SCHEMA) as (conn, mark):
        _add(conn, mark, list(range(10, 20)), 1)
        numbers = [r[0] for r in conn.execute("SELECT n FROM d_mentions ORDER BY n")]
        assert numbers == [SPREAD * (i + 1) - 1 for i in range(10)]  # appended, SPREAD apart
        conn.execute("UPDATE d_mentions SET n = n / ? ", (SPREAD,))  # dense, as a full rebuild numbers them
        _add(conn, mark, [5], 1)  # before every row: no free number, the rows after it are spread
        spread = dict(conn.execute("SELECT article, n FROM d_mentions").fetchall())
        assert spread["a011"] - spread["a010"] == SPREAD
        _add(conn, mark, [6, 21], 1)  # both fit in the room left: no old row moves
        after = dict(conn.execute("SELECT article, n FROM d_mentions").fetchall())
        assert all(after[a] == n for a, n in spread.items())
        assert _read(conn) == sorted((f"a{k:03d}", 0) for k in {5, 6, 21, *range(10, 20)})
