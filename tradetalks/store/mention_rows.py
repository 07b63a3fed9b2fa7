"""A stored entity's new mentions placed among its old ones without writing the old ones again (as a rule).

``d_mentions`` rows of an entity are read in the order of their number ``n`` (article order, then offset); the
numbers need not be dense. A full rebuild numbers them 0, 1, 2 …; an incremental update puts each run of new
mentions between the old rows it falls between, in the free numbers there. Where there are too few free numbers,
the old rows from that place on are numbered again once, SPREAD apart, so later mentions find room there: a new
article at the end of the order (the usual case: the latest news) only appends, and one placed in the middle
(an undated or back-dated article) costs a few look-ups by index, besides that occasional renumbering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tradetalks.model import EntityMention
from tradetalks.store.rows import Clean, _same

#: The step between the numbers of old mentions numbered again (room for as many new ones minus one).
SPREAD = 8

_Key = tuple[str, int]  # (the article's order key, the mention's start)


class _Rows:
    """The old rows of one entity, looked up by number (their order keys fetched once each)."""

    def __init__(self, cur: Any, mark: str, entity: str):
        self.cur, self.mark, self.entity = cur, mark, entity
        self.okeys: dict[str, str] = {}

    def at_or_after(self, n: int) -> tuple[int, _Key] | None:
        """The first row numbered ``n`` or more: (its number, its key)."""
        q = self.mark
        row = self.cur.execute(
            f"SELECT n, article, a_start FROM d_mentions WHERE entity = {q} AND n >= {q} ORDER BY n LIMIT 1",
            (self.entity, n),
        ).fetchone()
        return None if row is None else (int(row[0]), (self._okey(row[1]), int(row[2])))

    def before(self, n: int) -> int:
        """The number of the last row numbered below ``n`` (-1 when none)."""
        q = self.mark
        row = self.cur.execute(
            f"SELECT max(n) FROM d_mentions WHERE entity = {q} AND n < {q}", (self.entity, n)
        ).fetchone()
        return -1 if row is None or row[0] is None else int(row[0])

    def last(self) -> tuple[int, _Key] | None:
        q = self.mark
        row = self.cur.execute(
            f"SELECT n, article, a_start FROM d_mentions WHERE entity = {q} ORDER BY n DESC LIMIT 1", (self.entity,)
        ).fetchone()
        return None if row is None else (int(row[0]), (self._okey(row[1]), int(row[2])))

    def first_after(self, key: _Key, top: int) -> int | None:
        """The number of the first row whose key is above ``key`` (None: after every row), by bisection."""
        lo, hi, found = 0, top, None
        while lo <= hi:
            mid = (lo + hi) // 2
            row = self.at_or_after(mid)
            if row is None or row[0] > hi:
                hi = mid - 1
                continue
            if row[1] > key:
                found, hi = row[0], mid - 1
            else:
                lo = row[0] + 1
        return found

    def _okey(self, article: str) -> str:
        if article not in self.okeys:
            q = self.mark
            row = self.cur.execute(f"SELECT okey FROM r_order WHERE tbl = 'a' AND id = {q}", (article,)).fetchone()
            self.okeys[article] = row[0] if row else ""
        return self.okeys[article]

    def respread(self, start: int, base: int) -> None:
        """Number the rows from ``start`` on base, base + SPREAD, … (through negative numbers: no two rows ever
        share a number, on either backend)."""
        q = self.mark
        self.cur.execute(f"UPDATE d_mentions SET n = -n - 1 WHERE entity = {q} AND n >= {q}", (self.entity, start))
        self.cur.execute(
            f"UPDATE d_mentions SET n = r.rn FROM (SELECT n AS old, {q} + (row_number() OVER (ORDER BY n DESC) - 1) "
            f"* {SPREAD} AS rn FROM d_mentions WHERE entity = {q} AND n < 0) r "
            f"WHERE d_mentions.entity = {q} AND d_mentions.n = r.old",
            (base, self.entity, self.entity),
        )


def place_mentions(
    cur: Any, mark: str, entity: str, mentions: Sequence[EntityMention], okeys: Mapping[str, str], clean: Clean = _same
) -> None:
    """Insert an entity's new ``mentions`` (of articles whose order keys are ``okeys``) among its old rows."""
    if not mentions:
        return
    rows = _Rows(cur, mark, entity)
    new = sorted(mentions, key=lambda m: (okeys.get(m.article, ""), m.start))
    last = rows.last()
    # each new mention with the number of the first old row after it (None: after them all)
    runs: list[tuple[int | None, list[EntityMention]]] = []
    found: dict[str, int | None] = {}  # the old rows of an article are gone: its mentions share one place
    for m in new:
        key = (okeys.get(m.article, ""), m.start)
        if m.article not in found:
            found[m.article] = None if last is None or last[1] < key else rows.first_after(key, last[0])
        after = found[m.article]
        if runs and runs[-1][0] == after:
            runs[-1][1].append(m)
        else:
            runs.append((after, [m]))
    marks = ", ".join([mark] * 6)
    for after, run in reversed(runs):  # from the end: renumbering a place never moves the old rows before it
        if after is None:  # after every old row
            below, step = (last[0] if last is not None else -1), SPREAD
        else:
            below = rows.before(after)
            if after - below - 1 < len(run):
                target = below + 1 + len(run) * SPREAD
                rows.respread(after, target)
                after = target
            step = max(1, (after - below - 1) // (len(run) + 1))
        rows_ = [(entity, below + step * (i + 1), m.article, m.start, m.end, m.text) for i, m in enumerate(run)]
        # written at once: renumbering a place before it moves them with the old rows
        cur.executemany(f"INSERT INTO d_mentions VALUES ({marks})", [tuple(clean(v) for v in r) for r in rows_])
