"""Whole crawls into a real store (SQLite, and PostgreSQL when $TRADETALKS_TEST_PG is set; the ``store``
fixture of conftest.py), against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import io
import re
import time
import unicodedata
from collections.abc import Iterator

import crawl_server as srv
import pytest
from crawl_server import FIXTURES, encode_cp1258
from rich.console import Console

from tradetalks.ingest.crawl import NAMESPACE, CrawlReport, run_crawl
from tradetalks.ingest.crawl_config import CrawlConfig, FeedSpec
from tradetalks.ingest.http import FetchPolicy
from tradetalks.store.base import Store

PAGES = ("det-may", "trao-doi", "cang-bien")
Reply = srv.Reply
Server = srv.FixtureServer

POLICY = FetchPolicy(read_timeout=0.5, retries=2, backoff_seconds=0.01, max_backoff_seconds=2.0, rate_limit_seconds=0.0)


def fixture_bytes(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")




@pytest.fixture
def server() -> Iterator[Server]:
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n"))
    s.route("/feed.xml", Reply(body=fixture_bytes("feed.xml", s.base), etag='"feed-1"'))
    for name in PAGES:
        s.route(f"/tin/{name}.html", Reply(body=fixture_bytes(f"{name}.html", s.base)))
    yield s
    s.stop()


def crawl(store: Store, server: Server, pages: tuple[str, ...] = (), **policy: object) -> CrawlReport:
    cfg = CrawlConfig(
        policy=dataclasses.replace(POLICY, **policy),  # type: ignore[arg-type]
        feeds=(FeedSpec(url=server.url("/feed.xml"), name="thử nghiệm"),),
        pages=tuple(server.url(p) for p in pages),
    )
    return run_crawl(store, config=None, feeds=[], once=True, watch=False, console=None, settings=cfg)


def test_normal_feed_stores_every_item(store: Store, server: Server) -> None:
    report = crawl(store, server)
    assert (report.new, report.fetched, report.polls, report.failed) == (3, 3, 1, [])
    titles = sorted(a.title or "" for a in store.articles())
    assert titles == sorted(
        ["Doanh nghiệp dệt may tìm thêm đơn hàng xuất khẩu", "Hai bộ trao đổi trực tuyến về thuế đối ứng",
         "Cảng biển phía Nam tăng công suất"]
    )
    article = next(a for a in store.articles() if a.url == server.url("/tin/det-may.html"))
    assert article.outlet == "Tin Thử Nghiệm" and article.published == "2025-11-03"
    assert "ba hợp đồng nhỏ" in article.text and "Bản quyền" not in article.text
    seen = {k for k, _ in store.state_items(NAMESPACE) if k.startswith("page:")}
    assert seen == {f"page:{server.url(f'/tin/{n}.html')}" for n in PAGES}


def test_unchanged_feed_is_not_refetched(store: Store, server: Server) -> None:
    crawl(store, server)
    again = crawl(store, server)
    assert (again.not_modified, again.fetched, again.new) == (1, 0, 0)
    assert server.hits[-1].path == "/feed.xml" and server.hits[-1].headers["if-none-match"] == '"feed-1"'
    assert all(server.count(f"/tin/{n}.html") == 1 for n in PAGES)


def test_changed_feed_fetches_only_new_items(store: Store, server: Server) -> None:
    crawl(store, server)
    feed = fixture_bytes("feed.xml", server.base).replace(
        b"</channel>", f"<item><title>Tin mới</title><link>{server.base}/tin/moi.html</link></item></channel>".encode()
    )
    server.route("/feed.xml", Reply(body=feed, etag='"feed-2"'))
    server.route("/tin/moi.html", Reply(body=fixture_bytes("det-may.html", server.base).replace(
        "ba hợp đồng nhỏ".encode(), "năm hợp đồng lớn".encode())))
    report = crawl(store, server)
    assert (report.fetched, report.seen, report.new) == (1, 3, 1)
    assert all(server.count(f"/tin/{n}.html") == 1 for n in PAGES)


def test_slow_page_times_out_and_the_run_continues(store: Store, server: Server) -> None:
    slow = server.url("/tin/trao-doi.html")
    server.route("/tin/trao-doi.html", Reply(body=b"late", delay=1.5))
    report = crawl(store, server, retries=0, read_timeout=0.3)
    assert report.new == 2
    assert [u for u, _ in report.failed] == [slow] and "timed out" in report.failed[0][1]
    assert store.stats()["failures"] >= 1
    server.route("/tin/trao-doi.html", Reply(body=fixture_bytes("trao-doi.html", server.base)))
    server.route("/feed.xml", Reply(body=fixture_bytes("feed.xml", server.base), etag='"feed-1b"'))
    retry = crawl(store, server)
    assert (retry.new, retry.fetched, retry.seen) == (1, 1, 2)  # a failed page was not marked as stored


def test_server_errors_then_success_are_retried(store: Store, server: Server) -> None:
    body = fixture_bytes("cang-bien.html", server.base)
    server.route("/tin/cang-bien.html", Reply(status=500), Reply(status=503), Reply(body=body))
    report = crawl(store, server)
    assert (report.new, report.failed) == (3, [])
    assert server.count("/tin/cang-bien.html") == 3


def test_windows_1258_page_is_decoded(store: Store, server: Server) -> None:
    source = (FIXTURES / "page_cp1258.html").read_text(encoding="utf-8")
    data = encode_cp1258(source)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    server.route("/cu/nong-san.html", Reply(body=data, headers={"Content-Type": "text/html"}))
    report = crawl(store, server, pages=("/cu/nong-san.html",))
    assert report.failed == [] and report.new == 4
    article = next(a for a in store.articles() if a.url == server.url("/cu/nong-san.html"))
    assert article.title == "Nông sản xuất khẩu sang thị trường mới"
    assert "từng dấu thanh như hỏi, ngã, nặng trong tiếng Việt" in article.text
    assert unicodedata.is_normalized("NFC", article.text)


def test_robots_txt_disallowed_page_is_skipped(store: Store, server: Server) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /tin/cang-bien\n"))
    report = crawl(store, server)
    assert report.new == 2 and report.failed == []
    assert report.skipped == [(server.url("/tin/cang-bien.html"), "disallowed by robots.txt")]
    assert server.count("/tin/cang-bien.html") == 0


def test_robots_txt_disallowing_the_feed(store: Store, server: Server) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: TradeTalks\nDisallow: /feed.xml\n"))
    report = crawl(store, server)
    assert report.new == 0 and server.count("/feed.xml") == 0
    assert report.failed == [(server.url("/feed.xml"), "disallowed by robots.txt")]


def test_huge_page_is_cut_off_and_reported(store: Store, server: Server) -> None:
    server.route("/tin/cang-bien.html", Reply(generated_bytes=100 * 1024 * 1024))
    report = crawl(store, server, max_bytes=1_000_000)
    assert report.new == 2
    (url, reason), = report.failed
    assert url.endswith("/tin/cang-bien.html") and "cut off" in reason


def test_redirect_loop_page_is_reported(store: Store, server: Server) -> None:
    server.route("/tin/cang-bien.html", Reply(status=302, headers={"Location": "/tin/vong.html"}))
    server.route("/tin/vong.html", Reply(status=302, headers={"Location": "/tin/cang-bien.html"}))
    report = crawl(store, server)
    assert report.new == 2 and "redirect loop" in report.failed[0][1]


def test_not_a_feed_is_a_clear_failure(store: Store, server: Server) -> None:
    server.route("/feed.xml", Reply(body="Đây không phải là nguồn tin RSS".encode()))
    report = crawl(store, server)
    assert report.failed == [(server.url("/feed.xml"), "not an RSS or Atom feed (no items could be read)")]


def test_watch_polls_again_and_picks_up_new_items(store: Store, server: Server) -> None:
    def publish_more(seconds: float) -> None:
        time.sleep(seconds)
        feed = fixture_bytes("feed.xml", server.base).replace(
            b"</channel>", f"<item><link>{server.base}/tin/them.html</link></item></channel>".encode()
        )
        server.route("/feed.xml", Reply(body=feed, etag='"feed-2"'))
        page = fixture_bytes("cang-bien.html", server.base).replace("hai cầu bến".encode(), "bốn cầu bến".encode())
        server.route("/tin/them.html", Reply(body=page))

    cfg = CrawlConfig(policy=POLICY, feeds=(FeedSpec(url=server.url("/feed.xml"), poll_minutes=0.001),))
    report = run_crawl(
        store, config=None, feeds=[], once=False, watch=True, console=None, settings=cfg, max_cycles=2,
        sleep=publish_more,
    )
    assert (report.polls, report.new, report.fetched) == (2, 4, 4)
    assert store.get_state(NAMESPACE, f"page:{server.url('/tin/them.html')}") is not None


def test_watch_prints_new_events_with_latency(store: Store, server: Server) -> None:
    without_call = fixture_bytes("feed.xml", server.base).replace(f"{server.base}/tin/trao-doi.html".encode(),
                                                                  f"{server.base}/tin/det-may.html".encode())
    server.route("/feed.xml", Reply(body=without_call, etag='"a"'))

    def publish_call(seconds: float) -> None:
        time.sleep(seconds)
        server.route("/feed.xml", Reply(body=fixture_bytes("feed.xml", server.base), etag='"b"'))

    out = io.StringIO()
    console = Console(file=out, width=200)
    cfg = CrawlConfig(policy=POLICY, feeds=(FeedSpec(url=server.url("/feed.xml"), poll_minutes=0.001),))
    report = run_crawl(store, config=None, feeds=[], once=False, watch=True, console=console, settings=cfg,
                       max_cycles=2, sleep=publish_call)
    assert report.new == 3 and any("  call  " in line for line in report.new_events)
    printed = [line for line in out.getvalue().splitlines() if line.startswith("new event")]
    assert len(printed) == len(report.new_events)
    assert all(re.search(r"poll-to-timeline \d+\.\d s", line) for line in printed)
