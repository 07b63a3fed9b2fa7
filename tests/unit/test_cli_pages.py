"""The timeline and ``who`` tables show a first page of events and say how many more there are and how to see
them; their JSON holds every event."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradetalks import cli

runner = CliRunner()


def test_timeline_table_shows_a_page_and_says_how_many_more(
    sample_store_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "TABLE_EVENTS", 2)
    shown = runner.invoke(cli.app, ["timeline", "--all", "--db", sample_store_path])
    assert shown.exit_code == 0, shown.output
    assert "events 1-2 of 5; 3 more: --offset 2 for the next page, --limit 5 for all" in shown.stderr
    last = runner.invoke(cli.app, ["timeline", "--all", "--offset", "4", "--db", sample_store_path])
    assert "events 5-5 of 5" in last.stderr and "more" not in last.stderr
    whole = json.loads(runner.invoke(cli.app, ["timeline", "--all", "--json", "--db", sample_store_path]).stdout)
    assert len(whole["events"]) + len(whole["undated"]) == whole["total"] == 5


def test_who_table_shows_the_latest_events_and_says_how_many_more(
    sample_store_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "TABLE_EVENTS", 1)
    name = "Bộ Công Thương"
    shown = runner.invoke(cli.app, ["who", name, "--db", sample_store_path])
    assert shown.exit_code == 0, shown.output
    assert "the latest 1 of 2 events; 1 more: --limit N, --all" in shown.stderr
    every = runner.invoke(cli.app, ["who", name, "--all", "--db", sample_store_path])
    assert every.exit_code == 0 and "more" not in every.stderr
    found = json.loads(runner.invoke(cli.app, ["who", name, "--json", "--db", sample_store_path]).stdout)
    assert len(found["events"]) == found["events_total"] == 2
    latest = json.loads(
        runner.invoke(cli.app, ["who", name, "--json", "--limit", "1", "--db", sample_store_path]).stdout
    )
    assert [e["id"] for e in latest["events"]] == [e["id"] for e in found["events"]][-1:]
