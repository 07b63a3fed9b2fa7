"""The crawler cannot be turned inward: loopback, private and link-local addresses are refused by default,
after DNS resolution and at every redirect hop; real servers on 127.0.0.1 show that nothing is fetched."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import crawl_server as srv
import pytest
from crawl_server import FIXTURES

from tradetalks.ingest.crawl import run_crawl
from tradetalks.ingest.crawl_config import ConfigError, CrawlConfig, FeedSpec, load_config
from tradetalks.ingest.http import FetchError, FetchPolicy, PoliteFetcher, RefusedAddress
from tradetalks.ingest.net_guard import address_refusal, parse_host_port
from tradetalks.store.base import Store

Reply = srv.Reply
Server = srv.FixtureServer
METADATA = "http://169.254.169.254/latest/meta-data/"

#: Default address rules; nothing opened.
STRICT = FetchPolicy(connect_timeout=1.0, read_timeout=1.0, retries=0, rate_limit_seconds=0.0)


def only(server: Server) -> FetchPolicy:
    """The default rules, with one fixture server opened by host:port (as an intranet feed would be)."""
    host, port = server.httpd.server_address[:2]
    return dataclasses.replace(STRICT, private_hosts=(f"{host}:{port}",))


@pytest.fixture
def server() -> Iterator[Server]:
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(status=404))
    yield s
    s.stop()


@pytest.fixture
def inner() -> Iterator[Server]:
    """A second server on 127.0.0.1 (another port): the inward target that must never be reached."""
    s = srv.FixtureServer().start()
    s.route("/robots.txt", Reply(status=404))
    s.route("/secret", Reply(body=b"<html><body><p>internal</p></body></html>"))
    yield s
    s.stop()


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback address (IPv4-mapped)"),
        ("::ffff:169.254.169.254", "link-local address (IPv4-mapped)"),
        ("64:ff9b::7f00:1", "loopback address (IPv4 inside IPv6)"),
        ("2002:a00:1::", "private address (IPv4 inside IPv6)"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_refused_addresses(address: str, reason: str) -> None:
    why = address_refusal(address)
    assert why is not None and reason in why


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(address) is None


@pytest.mark.parametrize("entry", ["intranet", "a:b", ":80", "host:0", "host:70000"])
def test_host_port_entries_are_checked(entry: str) -> None:
    with pytest.raises(ValueError, match="not host:port"):
        parse_host_port(entry)


def test_loopback_is_refused_by_default_and_never_contacted(inner: Server) -> None:
    for url in (inner.url("/secret"), inner.url("/secret").replace("127.0.0.1", "localhost")):
        with PoliteFetcher(STRICT) as f, pytest.raises(RefusedAddress) as info:
            f.fetch(url)
        assert "loopback address: not fetched" in info.value.reason and "allow_private" in info.value.reason
    port = inner.httpd.server_address[1]
    with PoliteFetcher(STRICT) as f, pytest.raises(RefusedAddress, match="IPv4-mapped"):
        f.fetch(f"http://[::ffff:127.0.0.1]:{port}/secret")
    assert inner.hits == []


@pytest.mark.parametrize("host", ["2130706433", "0x7f.0.0.1", "127.1", "LOCALHOST", "[::]"])
def test_other_spellings_of_loopback_are_refused(inner: Server, host: str) -> None:
    with PoliteFetcher(STRICT) as f, pytest.raises(RefusedAddress):
        f.fetch(f"http://{host}:{inner.httpd.server_address[1]}/secret")
    assert inner.hits == []


def test_a_url_httpx_cannot_parse_is_a_fetch_error() -> None:
    with PoliteFetcher(STRICT) as f, pytest.raises(FetchError, match="invalid URL"):
        f.fetch("http://0177.0.0.1/x")


def test_metadata_address_is_refused_without_connecting() -> None:
    with PoliteFetcher(STRICT) as f, pytest.raises(RefusedAddress, match="169.254.169.254 is a link-local address"):
        f.fetch(METADATA)


@pytest.mark.parametrize("target", ["inner", "metadata"])
def test_redirect_inward_is_refused_at_the_hop(server: Server, inner: Server, target: str) -> None:
    location = inner.url("/secret") if target == "inner" else METADATA
    server.route("/go", Reply(status=302, headers={"Location": location}))
    with PoliteFetcher(only(server)) as f, pytest.raises(RefusedAddress) as info:
        f.fetch(server.url("/go"))
    assert info.value.url == location
    assert ("loopback" if target == "inner" else "link-local") in info.value.reason
    assert server.count("/go") == 1 and inner.hits == []


def test_redirect_inward_is_followed_when_opened(server: Server, inner: Server) -> None:
    server.route("/go", Reply(status=302, headers={"Location": inner.url("/secret")}))
    with PoliteFetcher(dataclasses.replace(STRICT, allow_private=True)) as f:
        assert b"internal" in f.fetch(server.url("/go")).content
    assert inner.count("/secret") == 1


def page(title: str) -> bytes:
    body = (
        "Hiệp hội doanh nghiệp cho biết các thành viên đã nhận thêm đơn hàng mới trong quý này, "
        "đồng thời chuẩn bị hồ sơ chứng minh xuất xứ cho lô hàng kế tiếp để giao đúng hạn."
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p>"
        f"</article></body></html>".encode()
    )


def feed(*links: str) -> bytes:
    items = "".join(f"<item><title>Tin {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def test_feed_items_pointing_inward_are_refused_and_nothing_is_stored(
    store: Store, server: Server, inner: Server
) -> None:
    server.route("/tin/ok.html", Reply(body=page("Đơn hàng mới của ngành gỗ")))
    server.route("/tin/moved.html", Reply(status=301, headers={"Location": inner.url("/secret")}))
    links = [server.url("/tin/ok.html"), inner.url("/secret"), METADATA, server.url("/tin/moved.html")]
    server.route("/feed.xml", Reply(body=feed(*links)))
    cfg = CrawlConfig(policy=only(server), feeds=(FeedSpec(url=server.url("/feed.xml")),))
    report = run_crawl(store, config=None, feeds=[], once=True, watch=False, console=None, settings=cfg)
    assert report.new == 1 and [a.url for a in store.articles()] == [server.url("/tin/ok.html")]
    reasons = dict(report.failed)
    assert set(reasons) == set(links[1:])
    assert "loopback address: not fetched" in reasons[inner.url("/secret")]
    assert "link-local address: not fetched" in reasons[METADATA]
    assert "loopback" in reasons[server.url("/tin/moved.html")]
    assert inner.hits == []


def test_cli_refuses_a_loopback_feed_unless_allow_private(tmp_path: Path, server: Server) -> None:
    text = (FIXTURES / "det-may.html").read_text(encoding="utf-8").replace("{base}", server.base).encode()
    server.route("/tin/det-may.html", Reply(body=text))
    server.route("/feed.xml", Reply(body=feed(server.url("/tin/det-may.html"))))
    cmd = [
        sys.executable,
        "-c",
        "from tradetalks.cli import main; main()",
        "crawl",
        "--once",
        "--feed",
        server.url("/feed.xml"),
        "--db",
        str(tmp_path / "c.db"),
    ]
    env = {**os.environ, "COLUMNS": "300"}
    refused = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert refused.returncode == 1 and "loopback address: not fetched" in " ".join(refused.stderr.split())
    assert server.hits == []
    opened = subprocess.run(
        [*cmd, "--allow-private"], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert opened.returncode == 0, opened.stderr
    assert "1 new" in opened.stderr and server.count("/tin/det-may.html") == 1


def test_config_opens_private_addresses(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[crawler]\nallow_private = true\nprivate_hosts = ["intranet.example:8080"]\n', encoding="utf-8")
    policy = load_config(path).policy
    assert policy.allow_private and policy.private_hosts == ("intranet.example:8080",)
    assert not load_config(None, ["https://a.example/rss"]).policy.allow_private


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[crawler]\nallow_private = "yes"\n', "allow_private must be true or false"),
        ('[crawler]\nprivate_hosts = "intranet:80"\n', "private_hosts must be a list"),
        ('[crawler]\nprivate_hosts = ["intranet"]\n', "not host:port"),
    ],
)
def test_bad_address_settings(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_refusal_is_a_fetch_error_not_retried(inner: Server) -> None:
    policy = dataclasses.replace(STRICT, retries=3, backoff_seconds=5.0)
    with PoliteFetcher(policy) as f, pytest.raises(FetchError, match="not fetched"):
        f.fetch(inner.url("/secret"))  # a retry would sleep 5 s; pytest's own timeout is not needed
