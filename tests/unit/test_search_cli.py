"""`tradetalks search` and `tradetalks stats` end to end on each backend (the real CLI in a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tradetalks.model import Article
from tradetalks.store import open_store

CLI = "from tradetalks.cli import main; main()"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def filled_url(store_url: str) -> str:
    with open_store(store_url) as store:
        store.add_article(
            Article(
                "https://tin.example.vn/so",
                "Hai đoàn đàm phán bàn về thương mại số và thuế đối ứng trong phiên họp trực tuyến.",
                title="Bàn về thương mại số",
                url="https://tin.example.vn/so",
                published="2025-10-02",
            )
        )
    return store_url


@pytest.mark.parametrize("query", ["thuong mai so", "thương mại số", "THUONG MAI SO"])
def test_search_cli_json(filled_url: str, query: str) -> None:
    done = run_cli("search", query, "--json", "--db", filled_url)
    assert done.returncode == 0, done.stderr
    (hit,) = json.loads(done.stdout)
    assert hit["url"] == "https://tin.example.vn/so"
    assert "[thương mại số]" in hit["snippet"]
    assert hit["published"] == "2025-10-02"


@pytest.mark.parametrize("query", ['"NEAR(', "-*", "')) OR 1=1 --", "x" * 5000])
def test_search_cli_hostile_query_is_no_error(filled_url: str, query: str) -> None:
    done = run_cli("search", "--db", filled_url, "--", query)  # "--": a query may start with "-"
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_search_cli_table_and_stats(filled_url: str) -> None:
    done = run_cli("search", "dam phan", "--db", filled_url)
    assert done.returncode == 0, done.stderr
    assert "Bàn về thương mại số" in done.stdout
    stats = run_cli("stats", "--json", "--db", filled_url)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["articles"] == 1
