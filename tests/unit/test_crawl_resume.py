"""A crawl killed with SIGKILL part-way resumes: nothing stored is fetched again, nothing is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import crawl_server as srv
import pytest

from tradetalks.ingest.crawl import NAMESPACE, run_crawl
from tradetalks.store import open_store

N_PAGES = 8

PLACES = ["Hải Phòng", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Bình Dương", "Đồng Nai", "Nghệ An", "Lào Cai"]
GOODS = ["cà phê", "hạt điều", "gạo", "tôm đông lạnh", "gỗ nội thất", "linh kiện điện tử", "giày dép", "hồ tiêu"]
Reply = srv.Reply


def page(i: int) -> bytes:
    """A short synthetic news page, different for every ``i``."""
    place, goods = PLACES[i], GOODS[i]
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Xuất khẩu {goods} qua {place} tăng trong tháng {i + 1}</title></head><body><article>
<h1>Xuất khẩu {goods} qua {place} tăng trong tháng {i + 1}</h1>
<p>Theo số liệu của cơ quan hải quan địa phương, lượng {goods} làm thủ tục xuất khẩu qua {place}
trong tháng {i + 1} tăng so với tháng liền trước, chủ yếu nhờ các đơn hàng ký từ đầu quý.</p>
<p>Doanh nghiệp cho biết họ vẫn theo dõi sát diễn biến thuế quan ở các thị trường lớn và chuẩn bị
hồ sơ chứng minh xuất xứ để tránh bị kiểm tra kéo dài khi hàng cập cảng.</p>
</article></body></html>""".encode()


def feed(base: str) -> bytes:
    items = "".join(f"<item><title>Tin {i}</title><link>{base}/tin/{i}.html</link></item>" for i in range(N_PAGES))
    channel = f"<channel><title>Tin</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def server() -> Iterator[Any]:
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(status=404))
    s.route("/feed.xml", Reply(body=feed(s.base), etag='"v1"'))
    for i in range(N_PAGES):
        s.route(f"/tin/{i}.html", Reply(body=page(i), delay=0.4))
    yield s
    s.stop()


def stored_marks(db: Path) -> set[str]:
    """Page URLs the crawl state marks as stored, read straight from the SQLite file."""
    with open_store(str(db)) as store:
        return {k.removeprefix("page:") for k, _ in store.state_items(NAMESPACE) if k.startswith("page:")}


def test_killed_crawl_resumes_without_refetching(server: Any, tmp_path: Path) -> None:
    db = tmp_path / "crawl.db"
    config = tmp_path / "feeds.toml"
    config.write_text(
        "[crawler]\nallow_private = true\nrate_limit_seconds = 0\nconcurrency = 1\nper_host_concurrency = 1\n"
        "retries = 0\npages_per_commit = 1\n\n"
        f'[[feed]]\nname = "Tin"\nurl = "{server.url("/feed.xml")}"\n',
        encoding="utf-8",
    )
    cmd = [
        sys.executable,
        "-c",
        "from tradetalks.cli import main; main()",
        "crawl",
        "--config",
        str(config),
        "--once",
        "--db",
        str(db),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    deadline = time.monotonic() + 120
    marks: set[str] = set()
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            if db.exists():
                try:
                    marks = stored_marks(db)
                except Exception:  # noqa: BLE001 - the file may be mid-creation
                    continue
                if len(marks) >= 2:
                    break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert 2 <= len(marks) < N_PAGES, "the crawl must be killed part-way"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    at_kill = stored_marks(db)
    with open_store(str(db)) as store:
        report = run_crawl(store, config=config, feeds=[], once=True, watch=False, console=None)
        assert report.failed == []
        assert report.not_modified == 1  # the feed itself is unchanged: its stored item list is used
        urls = sorted(a.url or "" for a in store.articles())
    assert urls == sorted(server.url(f"/tin/{i}.html") for i in range(N_PAGES))
    for url in at_kill:
        assert server.count(url.removeprefix(server.base)) == 1, f"{url} was stored, yet fetched again"
    assert report.fetched == N_PAGES - len(at_kill)


KILLED_WHILE_RESOLVING = """
import os, signal, sys
from tradetalks.resolve import incremental
from tradetalks.cli import main

done = []
real = incremental.resolve_new

def resolve_then_die(*args, **kwargs):  # the third page's resolution never finishes
    if len(done) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    done.append(args[1])
    return real(*args, **kwargs)

incremental.resolve_new = resolve_then_die
sys.argv = ["tradetalks", "crawl", "--config", sys.argv[1], "--once", "--db", sys.argv[2]]
main()
"""


@pytest.mark.parametrize("per_commit", [1, 3])
def test_crawl_killed_while_resolving_leaves_each_page_whole(server: Any, tmp_path: Path, per_commit: int) -> None:
    """Pages are stored, marked and resolved in groups of ``pages_per_commit``, each group one transaction: killed
    while the third group is being resolved, the crawl leaves the first two groups stored, marked and in a current
    dossier, and nothing of the third."""
    db = tmp_path / "crawl.db"
    config = tmp_path / "feeds.toml"
    config.write_text(
        "[crawler]\nallow_private = true\nrate_limit_seconds = 0\nconcurrency = 1\nper_host_concurrency = 1\n"
        f"retries = 0\npages_per_commit = {per_commit}\n\n"
        f'[[feed]]\nname = "Tin"\nurl = "{server.url("/feed.xml")}"\n',
        encoding="utf-8",
    )
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_RESOLVING, str(config), str(db)], capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    marks = stored_marks(db)
    with open_store(str(db)) as store:
        stored = {a.url for a in store.articles()}
        assert len(stored) == 2 * per_commit and stored == marks, "two groups whole, the third not at all"
        assert store.dossier_is_current(), "the dossier holds every stored page"
