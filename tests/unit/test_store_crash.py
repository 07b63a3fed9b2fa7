"""A writer killed with SIGKILL mid-ingest leaves only whole articles; re-running completes without duplicates."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

import pytest

from tradetalks.store import open_store

N = 2000

WRITER = """
import sys
from tradetalks.model import Article
from tradetalks.store import open_store

with open_store(sys.argv[1]) as store:
    for i in range(int(sys.argv[2])):
        text = f"Bản tin {i}: Bộ Công Thương cập nhật tiến độ đàm phán thuế đối ứng với Hoa Kỳ. " * 4
        store.add_article(Article(f"ban-tin-{i}.txt", text, title=f"Bản tin {i}", url=f"https://tin.example.vn/{i}"))
        if i == 50:
            print("writing", flush=True)
        if i == int(sys.argv[2]) // 2:
            print("half", flush=True)
"""


def consistent_counts(store: Any) -> tuple[int, int, int]:
    """Articles, versions, and articles found by search: equal when every article is whole."""
    figures = store.stats()
    return figures["articles"], figures["versions"], len(store.search("dam phan thue doi ung", limit=N))


@pytest.mark.slow
def test_store_kill_mid_ingest_keeps_whole_articles(store_url: str) -> None:
    with open_store(store_url):
        pass
    proc = subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(N)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    assert proc.stdout.readline().strip() == "half"  # killed while a thousand articles are still to come,
    proc.send_signal(signal.SIGKILL)  # however fast the machine writes
    proc.wait(timeout=30)
    with open_store(store_url) as store:
        articles, versions, found = consistent_counts(store)
        assert 50 < articles < N, "the writer was not killed part-way"
        assert articles == versions == found
    rerun = subprocess.run([sys.executable, "-c", WRITER, store_url, str(N)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(store_url) as store:
        assert consistent_counts(store) == (N, N, N)
