"""Positions of rows an incremental update writes again (store/positions.py): rows keep their order-key order
whatever order they come in, a row written again at its place takes back its position, and a row added at the
end of the order moves no other row, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from schema_backends import schema_backends, sqlite_tables

from tradetalks.store.positions import Placer, pending

SCHEMA = (
    "CREATE TABLE d_articles (id TEXT PRIMARY KEY, pos INTEGER NOT NULL)",
    "CREATE INDEX d_articles_pos ON d_articles(pos)",
    "CREATE TABLE r_order (tbl TEXT NOT NULL, id TEXT NOT NULL, okey TEXT NOT NULL, PRIMARY KEY (tbl, id))",
    "CREATE INDEX r_order_key ON r_order(tbl, okey)",
)


BACKENDS = schema_backends(SCHEMA)


def _update(cur: Any, mark: str, again: list[int], new: list[int]) -> None:
    """Articles "a<k>" (order key k): ``again`` written again at their place, ``new`` added, as one update does."""
    placer = Placer(cur, mark, "d_articles", "a")
    placer.save([f"a{k:03d}" for k in again])
    if again:
        marks = ", ".join([mark] * len(again))
        cur.execute(f"DELETE FROM d_articles WHERE id IN ({marks})", tuple(f"a{k:03d}" for k in again))
    rows = [(f"a{k:03d}", f"{k:03d}") for k in sorted(again + new)]
    for n, (aid, _okey) in enumerate(rows):
        cur.execute(f"INSERT INTO d_articles VALUES ({mark}, {mark})", (aid, pending(n)))
    for aid, okey in rows:
        if int(okey) in new:
            cur.execute(f"INSERT INTO r_order VALUES ('a', {mark}, {mark})", (aid, okey))
    placer.place(rows)


def _order(cur: Any) -> list[str]:
    return [r[0] for r in cur.execute("SELECT id FROM d_articles ORDER BY pos").fetchall()]


@pytest.mark.parametrize("backend", BACKENDS)
def test_rows_stay_in_order_whatever_order_they_come_in(backend: Any) -> None:
    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.tuples(st.lists(st.integers(0, 150), max_size=4, unique=True), st.integers(0, 3)), max_size=10))
    def check(updates: list[tuple[list[int], int]]) -> None:
        seen: list[int] = []
        with backend() as (cur, mark):
            for new, again in updates:
                new = [k for k in new if k not in seen]
                _update(cur, mark, seen[:again], new)
                seen += new
            assert _order(cur) == [f"a{k:03d}" for k in sorted(seen)]
            positions = [r[0] for r in cur.execute("SELECT pos FROM d_articles").fetchall()]
            assert len(set(positions)) == len(positions) and min(positions, default=0) >= 0

    check()


def test_latest_article_moves_no_row_and_one_written_again_keeps_its_position() -> None:
    with sqlite_tables(SCHEMA) as (cur, mark):
        _update(cur, mark, [], list(range(10, 20)))
        before = dict(cur.execute("SELECT id, pos FROM d_articles").fetchall())
        _update(cur, mark, [12, 15], [30])
        after = dict(cur.execute("SELECT id, pos FROM d_articles").fetchall())
        assert all(after[a] == p for a, p in before.items())
        assert after["a030"] > max(before.values())
