"""Where the crawler may connect, and for how long: the address check and the response deadline.

Every TCP connection of the fetcher is opened here. The host name is resolved once, each address is
checked (loopback, private, link-local, multicast, reserved, unspecified and other non-public
addresses are refused, also when wrapped in IPv6), and the socket is connected to an address that
passed the check, so a DNS answer cannot change between the check and the connection. TLS still
verifies the certificate against the host name of the URL (SNI), and the Host header is the URL's.

A deadline for a whole response (connect, headers and body) is kept per thread: every socket read and
write waits at most until it, so a server that sends one byte every few seconds ends at the deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: The NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: Opening this lets a feed reach addresses the crawler refuses by default.
OPEN_SETTING = "allow_private = true in the [crawler] section of the feeds file, or --allow-private"


class AddressRefused(Exception):
    """A host resolves only to addresses the crawler refuses; ``reason`` says which and why."""

    def __init__(self, host: str, reason: str):
        super().__init__(reason)
        self.host = host
        self.reason = reason


class DeadlineExceeded(Exception):
    """The whole response did not arrive before its deadline."""


def address_refusal(address: str | IPAddress) -> str | None:
    """Why the crawler refuses to connect to an address, or None for a public one.

    ``address_refusal("169.254.169.254")`` -> "a link-local address"; ``"::ffff:127.0.0.1"`` -> "a loopback
    address (IPv4-mapped)"; ``"93.184.216.34"`` -> None.
    """
    ip = ipaddress.ip_address(str(address).split("%", 1)[0]) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:  # the IPv4 address is where the packets end up: it decides
            inner = address_refusal(embedded)
            if inner is None:
                return None
            return f"{inner} ({'IPv4-mapped' if ip.ipv4_mapped else 'IPv4 inside IPv6'})"
    for refused, what in (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (not ip.is_global, "not a public address"),
    ):
        if refused:
            return what
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def parse_host_port(entry: str) -> tuple[str, int]:
    """ "intranet.example:8080" -> ("intranet.example", 8080); "[::1]:8080" -> ("::1", 8080); ValueError else."""
    host, sep, port = entry.strip().rpartition(":")
    host = host.strip("[]").lower()
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{entry!r} is not host:port")
    return host, int(port)


# the response deadline -------------------------------------------------------------------------------

_local = threading.local()


@contextmanager
def response_deadline(seconds: float) -> Iterator[None]:
    """Within the block, every connect, read and write of this thread ends at most ``seconds`` from now."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = previous


def _bounded(timeout: float | None) -> float | None:
    """The timeout of one socket operation, shortened to the deadline; raises once the deadline has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded()
    return remaining if timeout is None else min(timeout, remaining)


def _past_deadline() -> bool:
    deadline = getattr(_local, "deadline", None)
    return deadline is not None and time.monotonic() >= deadline


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes end at the thread's response deadline."""

    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, _bounded(timeout))
        except httpcore.ReadTimeout:
            if _past_deadline():
                raise DeadlineExceeded() from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, _bounded(timeout))
        except httpcore.WriteTimeout:
            if _past_deadline():
                raise DeadlineExceeded() from None
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        try:
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))
        except httpcore.ConnectTimeout:
            if _past_deadline():
                raise DeadlineExceeded() from None
            raise

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


# connecting ------------------------------------------------------------------------------------------


class GuardedBackend(httpcore.SyncBackend):
    """Resolves, checks and connects to the checked address; honours the response deadline."""

    def __init__(self, allow_private: bool = False, private_hosts: Iterable[tuple[str, int]] = ()):
        self.allow_private = allow_private
        self.private_hosts = frozenset((h.lower(), p) for h, p in private_hosts)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._checked(host, port):
            try:  # a numeric address: the resolver is not asked again
                stream = super().connect_tcp(address, port, _bounded(timeout), local_address, socket_options)
            except httpcore.ConnectTimeout as exc:
                if _past_deadline():
                    raise DeadlineExceeded() from None
                last = exc
                continue
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        assert last is not None
        raise last

    def _checked(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` that may be connected to, in resolver order; AddressRefused if none."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
        found = list(dict.fromkeys(str(sockaddr[0]) for _, _, _, _, sockaddr in infos))
        if not found:
            raise httpcore.ConnectError(f"{host} has no address")
        if self.allow_private or (host.lower().strip("[]"), port) in self.private_hosts:
            return found
        allowed = [a for a in found if address_refusal(a) is None]
        if not allowed:
            first = found[0]
            shown = host if first == host else f"{host} ({first})"
            raise AddressRefused(host, f"{shown} is {address_refusal(first)}: not fetched (opened by {OPEN_SETTING})")
        return allowed


class GuardedTransport(httpx.HTTPTransport):
    """httpx's HTTP transport over a connection pool that connects through a GuardedBackend."""

    def __init__(self, backend: GuardedBackend):
        super().__init__(trust_env=False)
        # httpx 0.28 builds its pool without a way to pass a network backend: build the same pool with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=backend,
        )
