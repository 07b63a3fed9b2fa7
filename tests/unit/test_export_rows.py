"""CSV, iCalendar and GraphML exports written from the dossier's rows are byte for byte the files written from the
whole dossier (also when the records span many pages, on every backend), and they read the rows a page at a time:
never every mention or timex, never the whole dossier at once."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tradetalks.export import write_dossier
from tradetalks.export.csv import write_csv
from tradetalks.export.graphml import write_graphml
from tradetalks.export.ics import write_ics
from tradetalks.model import Dossier, Entity, Participant, Role
from tradetalks.store import row_reads
from tradetalks.store.row_reads import DossierRows

WHOLE = {"csv": write_csv, "ics": write_ics, "graphml": write_graphml}


class CountingConnection:
    """The store's real connection, remembering each query it ran and how many rows that query returned."""

    def __init__(self, conn: Any):
        self._conn = conn
        self.reads: list[tuple[str, int]] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        return _CountingCursor(self._conn.execute(sql, params), sql, self.reads)

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        return _CountingCursor(self._conn.cursor(*args, **kwargs), "", self.reads)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _CountingCursor:
    def __init__(self, cursor: Any, sql: str, reads: list[tuple[str, int]]):
        self._cursor, self._sql, self._reads = cursor, sql, reads

    def execute(self, sql: str, params: Any = ()) -> Any:
        self._sql = sql
        self._cursor.execute(sql, params)
        return self

    def fetchall(self) -> list[Any]:
        found = list(self._cursor.fetchall())
        self._reads.append((self._sql, len(found)))
        return found

    def fetchmany(self, size: int) -> list[Any]:
        found = list(self._cursor.fetchmany(size))
        self._reads.append((self._sql, len(found)))
        return found

    def close(self) -> None:
        self._cursor.close()


def counting(store: Any, monkeypatch: pytest.MonkeyPatch) -> CountingConnection:
    """Route the store's dossier reads through a counting wrapper of its own connection; loading the whole
    dossier fails the test."""
    real = store.rows()
    conn = CountingConnection(real.conn)
    monkeypatch.setattr(store, "rows", lambda: DossierRows(conn, real.mark))

    def whole_dossier() -> None:
        raise AssertionError("the whole dossier was loaded")

    monkeypatch.setattr(store, "load_dossier", whole_dossier)
    return conn


def edge_dossier(sample: Dossier) -> Dossier:
    """The sample with what the graph must get right: a participant no entity names (twice), one person twice in
    one event with two sides, two titles at one organisation, and two places whose names fold alike."""
    d = copy.deepcopy(sample)
    first, second = d.events[0], d.events[1]
    first.participants += [Participant("ghost-1", "US", "Người Không Tên"), Participant("ghost-1", None, None)]
    second.participants.append(Participant("ghost-1", "VN", None))
    person = next(e for e in d.entities if e.type == "person" and e.roles)
    first.participants.append(Participant(person.id, "US", person.name))
    org = person.roles[0].organization
    person.roles.append(Role("Cố vấn", org, "2025-01-01", "2025-02-01", [], "Adviser"))
    place = next(e for e in d.entities if e.type == "location")
    d.entities.append(Entity("loc-twin", "location", place.name.upper(), None, [], [], [], None))
    d.events[-1].location = None
    return d


def _dossiers(sample: Dossier) -> list[Dossier]:
    from tests.conftest import talks_corpus
    from tradetalks.resolve import build_dossier

    return [sample, build_dossier(talks_corpus()), edge_dossier(sample), Dossier()]


def _without_stamp(data: bytes) -> bytes:
    """An iCalendar file without its DTSTAMP lines (the time it was written)."""
    return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"DTSTAMP"))


@pytest.mark.parametrize("page", [2, 500])
def test_rows_exports_equal_the_whole_dossier_files(
    store: Any, sample_dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: int
) -> None:
    monkeypatch.setattr(row_reads, "PAGE", page)
    for n, dossier in enumerate(_dossiers(sample_dossier)):
        store.save_dossier(dossier)
        whole = store.load_dossier() or Dossier()
        for fmt, writer in WHOLE.items():
            writer(whole, tmp_path / f"whole{n}.{fmt}")
            assert write_dossier(store, fmt, tmp_path / f"rows{n}.{fmt}") == len(dossier.events)
            expected, streamed = ((tmp_path / f"{kind}{n}.{fmt}").read_bytes() for kind in ("whole", "rows"))
            if fmt == "ics":
                expected, streamed = _without_stamp(expected), _without_stamp(streamed)
            assert streamed == expected, (n, fmt)


def test_edge_dossier_reaches_the_graph_cases(sample_dossier: Dossier) -> None:
    from tradetalks.export.graphml import dossier_graph

    graph = dossier_graph(edge_dossier(sample_dossier))
    assert graph.nodes["ghost-1"] == {"kind": "entity", "label": "Người Không Tên"}
    assert any(key == 1 for _, _, key in graph.edges(keys=True)), "two titles at one organisation"
    assert any(key == "held_in" for _, _, key in graph.edges(keys=True))


@pytest.mark.parametrize("fmt", sorted(WHOLE))
def test_rows_exports_read_a_page_at_a_time(
    store: Any, sample_dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from tests.conftest import talks_corpus
    from tradetalks.resolve import build_dossier

    dossier = build_dossier(talks_corpus())
    store.save_dossier(dossier)
    monkeypatch.setattr(row_reads, "PAGE", 2)
    conn = counting(store, monkeypatch)
    write_dossier(store, fmt, tmp_path / f"out.{fmt}")
    assert conn.reads, "the export read through the store's connection"
    assert not [sql for sql, _ in conn.reads if "d_mentions" in sql or "d_timexes" in sql]
    events, entities = len(dossier.events), len(dossier.entities)
    assert events > 4 and entities > 4
    # one page of 2 records (and what they name) per fetch
    assert max(n for _, n in conn.reads) < min(events, entities)
