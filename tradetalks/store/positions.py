"""Positions of the articles, events and entities an incremental update writes again, without renumbering the rest.

Readers order these tables by ``pos`` (articles and events by their order key in ``r_order``, entities by id) and
page them by ranges of it; positions need order, not density. A full rebuild numbers them 0, 1, 2 …. An update
first gives back its old position to each row written again at the same place (same id and order key); each other
row (new, or moved) takes a free position between its neighbours, and only where none is left are the rows from
that place on numbered again once, SPREAD apart. Adding an article at the end of the order (the latest news) thus
moves no other row, and one in the middle moves the rows after it once, not at every later update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: The step between positions numbered again (room for SPREAD - 1 rows in each gap).
SPREAD = 4


class Placer:
    """One table's rows re-placed: ``table`` (d_articles, d_events, d_entities), ``tbl`` its r_order kind ("a",
    "e"; None for entities, placed by id), ``collate`` the clause that makes ids compare byte-wise ("" on SQLite)."""

    def __init__(self, cur: Any, mark: str, table: str, tbl: str | None, collate: str = ""):
        self.cur, self.mark, self.table, self.tbl, self.collate = cur, mark, table, tbl, collate
        self.saved: dict[str, tuple[str, int]] = {}

    def save(self, ids: Sequence[str]) -> None:
        """Remember the order key and position of these rows before they are deleted."""
        q, t = self.mark, self.table
        for part in _chunks(list(dict.fromkeys(ids))):
            marks = ", ".join([q] * len(part))
            if self.tbl is None:
                sql = f"SELECT id, id, pos FROM {t} WHERE id IN ({marks})"
                params: tuple[Any, ...] = tuple(part)
            else:
                sql = (
                    f"SELECT o.id, o.okey, x.pos FROM r_order o JOIN {t} x ON x.id = o.id "
                    f"WHERE o.tbl = {q} AND o.id IN ({marks})"
                )
                params = (self.tbl, *part)
            for rid, okey, pos in self.cur.execute(sql, params).fetchall():
                self.saved[rid] = (okey, int(pos))

    def place(self, rows: Sequence[tuple[str, str]]) -> None:
        """Place the rows (id, order key) written with a negative position (``pending``)."""
        q, t = self.mark, self.table
        kept = [(self.saved[rid][1], rid) for rid, okey in rows if self.saved.get(rid, ("", 0))[0] == okey]
        if kept:
            self.cur.executemany(f"UPDATE {t} SET pos = {q} WHERE id = {q}", kept)
        done = {rid for _, rid in kept}
        for rid, okey in sorted((r for r in rows if r[0] not in done), key=lambda r: r[1]):
            below = self._neighbour(okey, before=True)
            above = self._neighbour(okey, before=False)
            low = -1 if below is None else below
            if above is not None and above - low < 2:  # no free position between them
                self._spread(above, low + 1 + SPREAD)
            self.cur.execute(f"UPDATE {t} SET pos = {q} WHERE id = {q}", (low + 1, rid))

    def _neighbour(self, okey: str, before: bool) -> int | None:
        """The position of the placed row just before (or after) ``okey`` in the order."""
        q, t, c = self.mark, self.table, self.collate
        op, way = ("<", "DESC") if before else (">", "")
        if self.tbl is None:
            sql = f"SELECT pos FROM {t} WHERE id {c} {op} {q} AND +pos >= 0 ORDER BY id {c} {way} LIMIT 1"
            params: tuple[Any, ...] = (okey,)
        else:  # CROSS JOIN: SQLite walks the order keys from that place, not the table by position
            sql = (
                f"SELECT x.pos FROM r_order o CROSS JOIN {t} x WHERE x.id = o.id AND o.tbl = {q} "
                f"AND o.okey {op} {q} AND +x.pos >= 0 ORDER BY o.okey {way} LIMIT 1"
            )
            params = (self.tbl, okey)
        row = self.cur.execute(sql, params).fetchone()
        return None if row is None else int(row[0])

    def _spread(self, start: int, base: int) -> None:
        """Number the placed rows from position ``start`` on base, base + SPREAD, …"""
        q, t = self.mark, self.table
        self.cur.execute(
            f"UPDATE {t} SET pos = r.rn FROM (SELECT id, {q} + (row_number() OVER (ORDER BY pos) - 1) * {SPREAD} "
            f"AS rn FROM {t} WHERE pos >= {q}) r WHERE {t}.id = r.id",
            (base, start),
        )


def pending(pos: int) -> int:
    """The position a row written again takes until ``place`` places it (negative: after no placed row)."""
    return -1 - pos


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
