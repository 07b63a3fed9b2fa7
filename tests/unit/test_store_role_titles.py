"""``ask``'s title questions find a title's holders by the index on ``d_roles(title)`` (migration 8), never by
a scan of every title held: checked with SQLite's own query plan for the queries they run."""

from __future__ import annotations

from pathlib import Path

from conftest import talks_corpus

from tradetalks.resolve import rebuild_dossier
from tradetalks.store import sqlite as sqlite_store
from tradetalks.store.question_reads import head_role_titles, holders, title_candidates


def _plans(tmp_path: Path) -> dict[str, str]:
    """Per title query, SQLite's plan for the statement it ran."""
    with sqlite_store.SQLiteStore(str(tmp_path / "t.db")) as store:
        for doc in talks_corpus():
            store.add_article(doc.article, doc)
        rebuild_dossier(store)
        rows = store.rows()
        plans: dict[str, str] = {}
        for name, ask in (
            ("title_candidates", lambda: title_candidates(rows, ["Bộ trưởng", "Thứ trưởng"])),
            ("holders", lambda: holders(rows, ["Trade Representative"], english=True)),
            ("head_role_titles", lambda: head_role_titles(rows, ["Bộ trưởng"], ["Minister"])),
        ):
            ran: list[str] = []
            store.conn.set_trace_callback(ran.append)
            ask()
            store.conn.set_trace_callback(None)
            (sql,) = [s for s in ran if "d_roles" in s]
            plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            plans[name] = " | ".join(str(r[-1]) for r in plan)
        return plans


def test_title_questions_use_the_title_index(tmp_path: Path) -> None:
    for name, plan in _plans(tmp_path).items():
        assert "d_roles_title" in plan, f"{name}: {plan}"
        assert "SCAN r" not in plan, f"{name} scans d_roles: {plan}"
