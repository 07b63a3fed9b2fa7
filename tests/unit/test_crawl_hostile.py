"""Hostile servers on 127.0.0.1: a body sent slowly ends at the response deadline; compressed bombs are
cut at the size limit while they are decoded, not after."""

from __future__ import annotations

import gzip
import re
import time
import zlib
from collections.abc import Iterator

import crawl_server as srv
import pytest

from tradetalks.ingest.crawl import run_crawl
from tradetalks.ingest.crawl_config import CrawlConfig, FeedSpec
from tradetalks.ingest.http import FetchError, FetchPolicy, PoliteFetcher
from tradetalks.ingest.http_body import BodyError, read_body
from tradetalks.store.base import Store

Reply = srv.Reply
Server = srv.FixtureServer

LIMIT = 1_000_000
#: Reads may wait 5 s each; the whole response only 1 s. The server is on 127.0.0.1: opened on purpose.
POLICY = FetchPolicy(
    allow_private=True,
    read_timeout=5.0,
    deadline_seconds=1.0,
    max_bytes=LIMIT,
    retries=2,
    backoff_seconds=0.01,
    rate_limit_seconds=0.0,
)


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


#: 32 MB of newlines in each encoding: tens of kB on the wire.
BOMB = b"\n" * (32 * 1024 * 1024)
BOMBS = {"gzip": gzip.compress(BOMB, 9), "deflate": zlib.compress(BOMB, 9), "raw deflate": raw_deflate(BOMB)}


@pytest.fixture
def server() -> Iterator[Server]:
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(status=404))
    yield s
    s.stop()


def test_trickled_body_ends_at_the_deadline_and_is_not_retried(server: Server) -> None:
    server.route("/slow", Reply(body=b"<p>" + b"x" * 200 + b"</p>", trickle=0.2))
    started = time.monotonic()
    with PoliteFetcher(POLICY) as f, pytest.raises(FetchError, match=r"no complete response within the 1 s deadline"):
        f.fetch(server.url("/slow"))
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 1.8, elapsed  # each read came within 0.2 s: only the deadline could end it
    assert server.count("/slow") == 1


def test_server_that_never_answers_ends_at_the_deadline(server: Server) -> None:
    server.route("/silent", Reply(body=b"late", delay=8.0))
    started = time.monotonic()
    with PoliteFetcher(POLICY) as f, pytest.raises(FetchError, match="deadline"):
        f.fetch(server.url("/silent"))
    assert time.monotonic() - started < 1.8


def test_slow_but_complete_response_within_the_deadline_is_read(server: Server) -> None:
    server.route("/steady", Reply(body=b"abcde", trickle=0.05))
    with PoliteFetcher(POLICY) as f:
        assert f.fetch(server.url("/steady")).content == b"abcde"


@pytest.mark.parametrize("kind", list(BOMBS))
def test_compressed_bomb_is_cut_at_the_limit_while_decoding(server: Server, kind: str) -> None:
    coding = "gzip" if kind == "gzip" else "deflate"
    server.route("/bomb", Reply(body=BOMBS[kind], headers={"Content-Encoding": coding}))
    with PoliteFetcher(POLICY) as f, pytest.raises(FetchError, match="once decompressed") as info:
        f.fetch(server.url("/bomb"))
    decoded = int(re.search(r"cut off after (\d+) bytes decoded", info.value.reason)[1])  # type: ignore[index]
    assert LIMIT < decoded <= LIMIT + 1, info.value.reason  # never more than one byte past the limit


@pytest.mark.parametrize("kind", list(BOMBS))
def test_compressed_page_within_the_limit_is_decoded(server: Server, kind: str) -> None:
    page = "<p>Hai bên họp trực tuyến về quy tắc xuất xứ.</p>".encode() * 100
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "raw deflate": raw_deflate}[kind](page)
    coding = "gzip" if kind == "gzip" else "deflate"
    server.route("/page", Reply(body=packed, headers={"Content-Encoding": coding}))
    with PoliteFetcher(POLICY) as f:
        assert f.fetch(server.url("/page")).content == page


def test_one_chunk_of_bomb_decodes_no_further_than_the_room_left() -> None:
    assert len(BOMBS["gzip"]) < 100_000
    with pytest.raises(BodyError, match="cut off after 100001 bytes decoded"):
        read_body("gzip", [BOMBS["gzip"]], 100_000)


@pytest.mark.parametrize(
    ("coding", "message"),
    [("br", "'br' was not asked for"), ("gzip, gzip", "more than one coding"), ("zstd", "not asked for")],
)
def test_encodings_not_asked_for_are_not_decoded(server: Server, coding: str, message: str) -> None:
    server.route("/odd", Reply(body=b"\x1b\x00\x00", headers={"Content-Encoding": coding}))
    with PoliteFetcher(POLICY) as f, pytest.raises(FetchError, match=message):
        f.fetch(server.url("/odd"))


def test_damaged_gzip_is_a_clear_failure(server: Server) -> None:
    server.route("/broken", Reply(body=b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"}))
    with PoliteFetcher(POLICY) as f, pytest.raises(FetchError, match="damaged gzip body"):
        f.fetch(server.url("/broken"))


def test_crawl_with_hostile_pages_ends_and_keeps_the_good_one(store: Store, server: Server) -> None:
    good = (
        "<html><head><title>Giá cà phê xuất khẩu tăng</title></head><body><article><h1>Giá cà phê xuất khẩu tăng"
        "</h1><p>Các doanh nghiệp cà phê cho biết giá xuất khẩu trong tuần tăng nhẹ nhờ nhu cầu từ châu Âu, "
        "trong khi lượng hàng tồn kho ở các cảng vẫn ở mức thấp so với cùng kỳ năm trước.</p></article></body></html>"
    )
    server.route("/tin/good.html", Reply(body=good.encode()))
    server.route("/tin/slow.html", Reply(body=good.encode(), trickle=0.2))
    server.route("/tin/bomb.html", Reply(body=BOMBS["gzip"], headers={"Content-Encoding": "gzip"}))
    links = "".join(
        f"<item><title>{n}</title><link>{server.url(f'/tin/{n}.html')}</link></item>" for n in ("slow", "bomb", "good")
    )
    rss = f'<rss version="2.0"><channel><title>T</title>{links}</channel></rss>'
    server.route("/feed.xml", Reply(body=rss.encode()))
    cfg = CrawlConfig(policy=POLICY, feeds=(FeedSpec(url=server.url("/feed.xml")),))
    started = time.monotonic()
    report = run_crawl(store, config=None, feeds=[], once=True, watch=False, console=None, settings=cfg)
    assert time.monotonic() - started < 30
    assert report.new == 1 and [a.url for a in store.articles()] == [server.url("/tin/good.html")]
    reasons = dict(report.failed)
    assert "deadline" in reasons[server.url("/tin/slow.html")]
    assert "once decompressed" in reasons[server.url("/tin/bomb.html")]
