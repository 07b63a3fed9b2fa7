"""The polite fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import crawl_server as srv
import pytest

from tradetalks.ingest.http import (
    DEFAULT_USER_AGENT,
    FetchError,
    FetchPolicy,
    PoliteFetcher,
    RobotsDisallowed,
    check_scheme,
    parse_retry_after,
)

Reply = srv.Reply
Server = srv.FixtureServer

FAST = FetchPolicy(
    allow_private=True,
    connect_timeout=2.0,
    read_timeout=0.5,
    max_bytes=1_000_000,
    retries=3,
    backoff_seconds=0.01,
    max_backoff_seconds=2.0,
    rate_limit_seconds=0.0,
)


@pytest.fixture
def server() -> Iterator[Server]:
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(status=404))
    yield s
    s.stop()


@pytest.fixture
def fetcher() -> Iterator[PoliteFetcher]:
    with PoliteFetcher(FAST) as f:
        yield f


def test_fetch_sends_project_user_agent(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/a", Reply(body="Xin chào".encode(), headers={"Content-Type": "text/plain; charset=utf-8"}))
    result = fetcher.fetch(server.url("/a"))
    assert result.content.decode() == "Xin chào"
    assert result.charset == "utf-8"
    ua = [h for h in server.hits if h.path == "/a"][0].headers["user-agent"]
    assert ua == DEFAULT_USER_AGENT and ua.startswith("TradeTalks/")


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/feed.xml", "javascript:alert(1)", "/relative/path", "http:///nohost"],
)
def test_only_http_and_https_are_fetched(url: str, fetcher: PoliteFetcher) -> None:
    with pytest.raises(FetchError, match="only http and https|no host"):
        fetcher.fetch(url)
    with pytest.raises(FetchError):
        check_scheme(url)


def test_slow_server_times_out(server: Server) -> None:
    server.route("/slow", Reply(body=b"late", delay=2.0))
    policy = FetchPolicy(allow_private=True, read_timeout=0.3, retries=1, backoff_seconds=0.01, rate_limit_seconds=0.0)
    started = time.monotonic()
    with PoliteFetcher(policy) as f, pytest.raises(FetchError, match="timed out"):
        f.fetch(server.url("/slow"))
    assert time.monotonic() - started < 1.9
    assert server.count("/slow") == 2  # one retry


def test_500s_then_success_is_retried(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/flaky", Reply(status=500), Reply(status=503), Reply(body=b"ok"))
    result = fetcher.fetch(server.url("/flaky"))
    assert result.content == b"ok" and result.attempts == 3
    assert server.count("/flaky") == 3


def test_persistent_500_gives_up_with_reason(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/down", Reply(status=502))
    with pytest.raises(FetchError, match=r"HTTP 502 \(gave up after 4 attempts\)"):
        fetcher.fetch(server.url("/down"))


def test_429_waits_for_retry_after(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/busy", Reply(status=429, headers={"Retry-After": "1"}), Reply(body=b"ok"))
    result = fetcher.fetch(server.url("/busy"))
    first, second = [h.at for h in server.hits if h.path == "/busy"]
    assert result.content == b"ok"
    assert second - first >= 0.95


def test_retry_after_beyond_cap_is_not_waited(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/later", Reply(status=429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(FetchError, match="wait 3600s"):
        fetcher.fetch(server.url("/later"))
    assert time.monotonic() - started < 1.0
    assert server.count("/later") == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7.0), (" 12 ", 12.0), ("", None), ("bây giờ", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_parse_retry_after(value: str, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_redirect_loop_is_detected(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/loop-a", Reply(status=302, headers={"Location": "/loop-b"}))
    server.route("/loop-b", Reply(status=301, headers={"Location": "/loop-a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(server.url("/loop-a"))
    assert server.count("/loop-a") == 1 and server.count("/loop-b") == 1


def test_redirect_chain_limit(server: Server, fetcher: PoliteFetcher) -> None:
    for i in range(10):
        server.route(f"/r{i}", Reply(status=307, headers={"Location": f"/r{i + 1}"}))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(server.url("/r0"))


def test_redirect_is_followed(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    server.route("/new", Reply(body=b"moved"))
    result = fetcher.fetch(server.url("/old"))
    assert result.url == server.url("/new") and result.content == b"moved"


def test_redirect_to_file_scheme_is_refused(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/evil", Reply(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch(server.url("/evil"))


def test_100_mb_body_is_cut_off(server: Server) -> None:
    server.route("/huge", Reply(generated_bytes=100 * 1024 * 1024))
    policy = FetchPolicy(allow_private=True, max_bytes=2_000_000, retries=0, rate_limit_seconds=0.0)
    started = time.monotonic()
    with PoliteFetcher(policy) as f, pytest.raises(FetchError, match="over the 2000000-byte limit .cut off"):
        f.fetch(server.url("/huge"))
    assert time.monotonic() - started < 5.0


def test_declared_oversize_body_is_not_read(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/big", Reply(body=b"a" * 1_500_000))
    with pytest.raises(FetchError, match="body of 1500000 bytes is over the 1000000-byte limit"):
        fetcher.fetch(server.url("/big"))


def test_conditional_get_gives_not_modified(server: Server, fetcher: PoliteFetcher) -> None:
    modified = {"Last-Modified": "Mon, 03 Nov 2025 01:00:00 GMT"}
    server.route("/feed", Reply(body=b"<rss/>", etag='"v1"', headers=modified))
    first = fetcher.fetch(server.url("/feed"))
    assert first.etag == '"v1"' and first.last_modified
    again = fetcher.fetch(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.content == b""
    last = [h for h in server.hits if h.path == "/feed"][-1]
    assert last.headers["if-none-match"] == '"v1"'
    assert last.headers["if-modified-since"] == "Mon, 03 Nov 2025 01:00:00 GMT"


def test_robots_txt_disallows_path(server: Server, fetcher: PoliteFetcher) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
    server.route("/private/x.html", Reply(body=b"secret"))
    server.route("/public/y.html", Reply(body=b"open"))
    with pytest.raises(RobotsDisallowed, match="robots.txt"):
        fetcher.fetch(server.url("/private/x.html"))
    assert fetcher.fetch(server.url("/public/y.html")).content == b"open"
    assert server.count("/private/x.html") == 0
    assert server.count("/robots.txt") == 1  # cached per host


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        (Reply(status=404), True),  # no robots.txt: everything allowed
        (Reply(status=403), True),  # RFC 9309: 4xx means no rules
        (Reply(status=500), False),  # unreachable: assume everything disallowed
        (Reply(body=b"User-agent: TradeTalks\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), False),
        (Reply(body=b"User-agent: OtherBot\nDisallow: /\n"), True),
    ],
)
def test_robots_txt_status_and_agent(server: Server, robots: Any, allowed: bool) -> None:
    server.route("/robots.txt", robots)
    policy = FetchPolicy(allow_private=True, retries=1, backoff_seconds=0.01, rate_limit_seconds=0.0)
    with PoliteFetcher(policy) as f:
        assert f.allowed(server.url("/tin/a.html")) is allowed


def test_rate_limit_spaces_requests_to_one_host(server: Server) -> None:
    server.route("/p", Reply(body=b"ok"))
    policy = FetchPolicy(allow_private=True, rate_limit_seconds=0.3, retries=0)
    with PoliteFetcher(policy) as f:
        for _ in range(3):
            f.fetch(server.url("/p"))
    times = [h.at for h in server.hits if h.path in ("/p", "/robots.txt")]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 3 and min(gaps) >= 0.28


def test_unreadable_robots_txt_is_a_failure_not_a_rule(server: Server) -> None:
    server.route("/robots.txt", Reply(status=503))
    server.route("/tin/a.html", Reply(body=b"ok"))
    policy = FetchPolicy(allow_private=True, retries=1, backoff_seconds=0.01, rate_limit_seconds=0.0)
    unreadable = "robots.txt of the host could not be read"
    with PoliteFetcher(policy) as f, pytest.raises(FetchError, match=unreadable) as info:
        f.fetch(server.url("/tin/a.html"))
    assert not isinstance(info.value, RobotsDisallowed)
    assert server.count("/tin/a.html") == 0
