"""The crawler against hostile servers on 127.0.0.1: per case, whether the fetch ended within its
configured bound, whether any refused address was reached, and the total time of the set.

Two raw TCP servers run in this process: the hostile one (opened to the crawler by ``private_hosts``,
as an intranet feed would be) and a canary on another port that the crawler must never reach; the
canary counts every connection it accepts. Cases: a body trickled one byte at a time, headers
trickled, a server that never answers, headers then silence, a redirect chain and a loop, private
targets (the canary directly, through ``localhost``, IPv4-mapped IPv6 and ``0.0.0.0``, by redirect,
169.254.169.254, 10.0.0.1, [::1]), gzip/deflate/raw-deflate bombs and a br body, then a whole crawl
of a feed whose items are all of these and one good page.

    .venv/bin/python bench/crawl_hostile.py [--deadline 2.0] [--bomb-mb 256]
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tradetalks.ingest.http import FetchError, FetchPolicy, PoliteFetcher, RefusedAddress  # noqa: E402

PAGE = (
    "<html><head><title>Giá lúa gạo xuất khẩu ổn định</title></head><body><article><h1>Giá lúa gạo xuất khẩu "
    "ổn định</h1><p>Các doanh nghiệp lúa gạo cho biết giá chào bán trong tuần gần như không đổi, trong khi "
    "đơn hàng từ các thị trường châu Á vẫn đều đặn và lượng hàng tồn kho ở các cảng ở mức vừa phải.</p>"
    "</article></body></html>"
).encode()


class RawServer:
    """A threaded TCP server on 127.0.0.1 whose replies are functions writing raw bytes to the socket."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[socket.socket], None]] = {}
        self.connections = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self.closing:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ", 2)[1].decode()
                self.routes.get(path, _status(404))(conn)
        except OSError:
            pass  # the crawler hung up, as it should

    def close(self) -> None:
        self.closing = True
        self.sock.close()


def _reply(body: bytes, headers: dict[str, str] | None = None, status: str = "200 OK") -> bytes:
    head = {"Content-Length": str(len(body)), "Content-Type": "text/html; charset=utf-8", **(headers or {})}
    lines = "".join(f"{k}: {v}\r\n" for k, v in head.items())
    return f"HTTP/1.1 {status}\r\n{lines}Connection: close\r\n\r\n".encode() + body


def _status(code: int) -> Callable[[socket.socket], None]:
    return lambda conn: conn.sendall(_reply(b"", status=f"{code} X"))


def _send(data: bytes) -> Callable[[socket.socket], None]:
    return lambda conn: conn.sendall(data)


def _trickle(data: bytes, every: float) -> Callable[[socket.socket], None]:
    def write(conn: socket.socket) -> None:
        for i in range(len(data)):
            conn.sendall(data[i : i + 1])
            time.sleep(every)

    return write


def _hold(data: bytes, seconds: float) -> Callable[[socket.socket], None]:
    def write(conn: socket.socket) -> None:
        conn.sendall(data)
        time.sleep(seconds)

    return write


def _redirect(location: str) -> Callable[[socket.socket], None]:
    return _send(_reply(b"", {"Location": location}, "302 Found"))


def _bombs(mb: int) -> dict[str, tuple[str, bytes]]:
    blank = b"\n" * (1 << 20)
    packers = {
        "gzip": ("gzip", zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)),
        "deflate": ("deflate", zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)),
        "raw deflate": ("deflate", zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)),
    }
    out = {}
    for name, (coding, packer) in packers.items():
        data = b"".join(packer.compress(blank) for _ in range(mb)) + packer.flush()
        out[name] = (coding, data)
    return out


@dataclass
class Case:
    name: str
    url: str
    bound: float  # seconds the fetch may take at most under the policy
    expect: str  # "refused", "error" or "ok"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deadline", type=float, default=2.0, help="deadline_seconds of the policy")
    parser.add_argument("--bomb-mb", type=int, default=256, help="decoded size of each compressed bomb, MB")
    args = parser.parse_args()
    deadline = args.deadline
    hostile, canary = RawServer(), RawServer()
    canary.routes["/secret"] = _send(_reply(b"internal"))
    policy = FetchPolicy(
        connect_timeout=deadline,
        read_timeout=10 * deadline,  # reads alone would never end a trickle: only the deadline can
        deadline_seconds=deadline,
        max_bytes=5_000_000,
        max_redirects=5,
        retries=1,
        backoff_seconds=0.05,
        rate_limit_seconds=0.0,
        private_hosts=(f"127.0.0.1:{hostile.port}",),
    )
    h = hostile.routes
    h["/robots.txt"] = _status(404)
    h["/good"] = _send(_reply(PAGE))
    h["/trickle-body"] = _trickle(_reply(PAGE), 0.5)
    h["/trickle-headers"] = _trickle(_reply(PAGE)[:200], 0.5)
    h["/never"] = _hold(b"", 60)
    h["/headers-then-silence"] = _hold(_reply(PAGE)[:-100], 60)
    for i in range(20):
        h[f"/chain/{i}"] = _redirect(f"/chain/{i + 1}")
    h["/loop/a"], h["/loop/b"] = _redirect("/loop/b"), _redirect("/loop/a")
    h["/to-canary"] = _redirect(canary.url("/secret"))
    h["/to-metadata"] = _redirect("http://169.254.169.254/latest/meta-data/")
    h["/to-localhost"] = _redirect(canary.url("/secret").replace("127.0.0.1", "localhost"))
    started_bombs = time.monotonic()
    bombs = _bombs(args.bomb_mb)
    print(
        f"built {len(bombs)} bombs of {args.bomb_mb} MB decoded in {time.monotonic() - started_bombs:.1f} s: "
        + ", ".join(f"{k} {len(v[1]) / 1024:.0f} kB" for k, v in bombs.items())
    )
    for name, (coding, data) in bombs.items():
        h[f"/bomb/{name.replace(' ', '-')}"] = _send(_reply(data, {"Content-Encoding": coding}))
    h["/bomb/br"] = _send(_reply(b"\x1b\xff\xff\x0f" * 100, {"Content-Encoding": "br"}))

    one = deadline  # a single response
    cport = canary.port
    cases = [
        Case("good page", hostile.url("/good"), one, "ok"),
        Case("body trickled 1 byte / 0.5 s", hostile.url("/trickle-body"), one, "error"),
        Case("headers trickled 1 byte / 0.5 s", hostile.url("/trickle-headers"), one, "error"),
        Case("never answers", hostile.url("/never"), one, "error"),
        Case("headers, then silence", hostile.url("/headers-then-silence"), one, "error"),
        Case("redirect chain of 20", hostile.url("/chain/0"), (policy.max_redirects + 1) * one, "error"),
        Case("redirect loop", hostile.url("/loop/a"), 2 * one, "error"),
        Case("canary 127.0.0.1 directly", canary.url("/secret"), one, "refused"),
        Case("canary via localhost", f"http://localhost:{cport}/secret", one, "refused"),
        Case("canary via [::ffff:127.0.0.1]", f"http://[::ffff:127.0.0.1]:{cport}/secret", one, "refused"),
        Case("canary via 0.0.0.0", f"http://0.0.0.0:{cport}/secret", one, "refused"),
        Case("canary via [::1]", f"http://[::1]:{cport}/secret", one, "refused"),
        Case("redirect to canary", hostile.url("/to-canary"), 2 * one, "refused"),
        Case("redirect to canary via localhost", hostile.url("/to-localhost"), 2 * one, "refused"),
        Case("redirect to 169.254.169.254", hostile.url("/to-metadata"), 2 * one, "refused"),
        Case("169.254.169.254 directly", "http://169.254.169.254/latest/meta-data/", one, "refused"),
        Case("10.0.0.1 directly", "http://10.0.0.1/admin", one, "refused"),
        *(
            Case(f"{name} bomb ({args.bomb_mb} MB)", hostile.url(f"/bomb/{name.replace(' ', '-')}"), one, "error")
            for name in bombs
        ),
        Case("br body (not asked for)", hostile.url("/bomb/br"), one, "error"),
    ]
    print(
        f"policy: deadline {deadline:g} s per response, reads {policy.read_timeout:g} s, "
        f"max_bytes {policy.max_bytes:,}, {policy.retries} retry, {policy.max_redirects} redirects\n"
    )
    print(f"{'case':<40} {'seconds':>8} {'bound':>6} {'within':>6} {'canary':>6}  outcome")
    total_started = time.monotonic()
    all_within = True
    with PoliteFetcher(policy) as fetcher:
        for case in cases:
            before = canary.connections
            started = time.monotonic()
            try:
                result = fetcher.fetch(case.url)
                outcome, kind = f"ok, {len(result.content):,} bytes", "ok"
            except RefusedAddress as exc:
                outcome, kind = f"refused: {exc.reason.split(': not fetched')[0]}", "refused"
            except FetchError as exc:
                outcome, kind = exc.reason, "error"
            elapsed = time.monotonic() - started
            within = elapsed <= case.bound + 0.5 and kind == case.expect
            all_within &= within
            reached = canary.connections - before
            print(
                f"{case.name:<40} {elapsed:>8.2f} {case.bound:>6.1f} {'yes' if within else 'NO':>6} {reached:>6}  "
                f"{outcome[:110]}"
            )
    fetch_seconds = time.monotonic() - total_started
    crawl_seconds, crawl_line = _crawl(hostile, canary, policy, deadline)
    total = time.monotonic() - total_started
    print(f"\n{crawl_line}")
    print(
        f"\nfetch cases: {len(cases)} in {fetch_seconds:.1f} s; all within their bound: {'yes' if all_within else 'NO'}"
    )
    print(f"connections the canary (a refused address) accepted: {canary.connections}")
    print(f"total time for the set (fetch cases + crawl): {total:.1f} s")
    hostile.close()
    canary.close()


def _crawl(hostile: RawServer, canary: RawServer, policy: FetchPolicy, deadline: float) -> tuple[float, str]:
    """A whole ``crawl --once`` of a feed listing every hostile page and one good page, into SQLite."""
    from tradetalks.ingest.crawl import run_crawl
    from tradetalks.ingest.crawl_config import CrawlConfig, FeedSpec
    from tradetalks.store import open_store

    paths = [
        "/good",
        "/trickle-body",
        "/never",
        "/headers-then-silence",
        "/chain/0",
        "/loop/a",
        "/to-canary",
        "/to-metadata",
        "/bomb/gzip",
        "/bomb/deflate",
        "/bomb/br",
    ]
    items = [hostile.url(p) for p in paths] + [canary.url("/secret"), "http://169.254.169.254/latest/meta-data/"]
    links = "".join(f"<item><title>{i}</title><link>{u}</link></item>" for i, u in enumerate(items))
    hostile.routes["/feed.xml"] = _send(
        _reply(
            f'<rss version="2.0"><channel><title>T</title>{links}</channel></rss>'.encode(),
            {"Content-Type": "application/rss+xml"},
        )
    )
    before = canary.connections
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "crawl.db")) as store:
        cfg = CrawlConfig(policy=policy, feeds=(FeedSpec(url=hostile.url("/feed.xml")),), concurrency=4)
        started = time.monotonic()
        report = run_crawl(store, config=None, feeds=[], once=True, watch=False, console=None, settings=cfg)
        seconds = time.monotonic() - started
        stored = [a.url for a in store.articles()]
    line = (
        f"crawl --once of a feed with {len(items)} items (concurrency 4): {seconds:.1f} s; "
        f"{report.new} new {stored}, {len(report.failed)} failed; canary reached {canary.connections - before} "
        f"times"
    )
    return seconds, line


if __name__ == "__main__":
    main()
