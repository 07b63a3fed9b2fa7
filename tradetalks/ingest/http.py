"""A polite HTTP fetcher: robots.txt, per-host rate limit and concurrency cap, timeouts,
body-size limit, redirect limit, retries with back-off honouring Retry-After, conditional GET.
It connects only to public addresses unless told otherwise (``net_guard``), at every redirect hop.
"""

from __future__ import annotations

import email.utils
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from tradetalks import __version__
from tradetalks.errors import TradeTalksError
from tradetalks.ingest.http_body import ACCEPT_ENCODING, BodyError, read_body
from tradetalks.ingest.net_guard import (
    AddressRefused,
    DeadlineExceeded,
    GuardedBackend,
    GuardedTransport,
    parse_host_port,
    response_deadline,
)

DEFAULT_USER_AGENT = f"TradeTalks/{__version__} news-research crawler"
#: The token matched against ``User-agent:`` lines of robots.txt.
ROBOTS_TOKEN = "TradeTalks"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(TradeTalksError):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RobotsDisallowed(FetchError):
    """robots.txt of the host forbids the URL for our user agent."""


class RefusedAddress(FetchError):
    """The URL's host resolves only to addresses the crawler refuses (loopback, private, link-local...)."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely to fetch: every limit the crawler honours, in seconds and bytes."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # one read; a server sending a byte now and then is ended by the deadline
    deadline_seconds: float = 60.0  # one whole response: connect, headers and body
    max_bytes: int = 5_000_000  # body received, and body once decompressed
    max_redirects: int = 5
    retries: int = 3
    backoff_seconds: float = 1.0  # first retry delay; doubled each attempt
    max_backoff_seconds: float = 60.0  # cap on one wait, including Retry-After
    rate_limit_seconds: float = 1.0  # minimum delay between two requests to one host
    per_host_concurrency: int = 2
    respect_robots: bool = True
    allow_private: bool = False  # connect to loopback, private, link-local... addresses too
    private_hosts: tuple[str, ...] = ()  # "host:port" pairs that may be private while the rest stays refused


@dataclass(slots=True)
class FetchResult:
    """The outcome of one successful GET (after redirects): body or ``not_modified``."""

    url: str  # the final URL after redirects
    status: int
    content: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    attempts: int = 1


def check_scheme(url: str) -> None:
    """Refuse anything but absolute http(s) URLs: ``file:///etc/passwd`` raises FetchError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}")
    if not parts.hostname:
        raise FetchError(url, "URL has no host")


def host_of(url: str) -> str:
    """``scheme://host:port`` of a URL: the unit of politeness."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class _Host:
    """Per-host politeness state: next free slot, concurrency gate, robots rules."""

    gate: threading.BoundedSemaphore
    next_slot: float = 0.0
    delay: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_loaded: bool = False
    robots_error: str | None = None  # why robots.txt could not be read (then nothing is fetched)
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)


class PoliteFetcher:
    """Fetches URLs within a FetchPolicy; thread-safe, one instance per crawl."""

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
        backend = GuardedBackend(policy.allow_private, [parse_host_port(h) for h in policy.private_hosts])
        self._client = httpx.Client(
            transport=GuardedTransport(backend),
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # politeness -----------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._lock:
            if key not in self._hosts:
                gate = threading.BoundedSemaphore(max(1, self.policy.per_host_concurrency))
                self._hosts[key] = _Host(gate=gate, delay=self.policy.rate_limit_seconds)
            return self._hosts[key]

    def _wait_turn(self, host: _Host) -> None:
        """Reserve the next request slot of a host and sleep until it comes."""
        with host.lock:
            now = time.monotonic()
            slot = max(now, host.next_slot)
            host.next_slot = slot + host.delay
        if slot > now:
            self._sleep(slot - now)

    def _rest(self, host: _Host) -> None:
        """The delay between two requests to a host also counts from the end of the last response, so a slow
        answer never lets the next request reach the server sooner than the delay after the last one did."""
        with host.lock:
            host.next_slot = max(host.next_slot, time.monotonic() + host.delay)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our user agent fetch it."""
        if not self.policy.respect_robots:
            return True
        host = self._host(url)
        with host.robots_lock:
            if not host.robots_loaded:
                self._load_robots(url, host)
        return host.robots is None or host.robots.can_fetch(ROBOTS_TOKEN, url)

    def _load_robots(self, url: str, host: _Host) -> None:
        """Fetch and parse robots.txt once per host (RFC 9309: 4xx allows all, 5xx/errors disallow all)."""
        robots_url = urljoin(host_of(url) + "/", "/robots.txt")
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            result = self._get(robots_url, None, None, check_robots=False)
        except RefusedAddress as exc:  # the host itself is refused: say so, not that robots.txt was unreadable
            raise RefusedAddress(url, exc.reason) from None
        except FetchError as exc:
            status = _status_of(exc)
            if status is not None and 400 <= status < 500:
                parser.parse([])  # no rules: everything allowed
            else:
                parser.parse(["User-agent: *", "Disallow: /"])
                host.robots_error = exc.reason
        else:
            text = result.content.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            delay = parser.crawl_delay(ROBOTS_TOKEN)
            if delay is not None:
                with host.lock:
                    host.delay = max(host.delay, min(float(delay), self.policy.max_backoff_seconds))
        host.robots = parser
        host.robots_loaded = True

    # fetching -------------------------------------------------------------
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET a URL politely; 304 gives ``not_modified``; raises FetchError with the reason."""
        return self._get(url, etag, last_modified, check_robots=True)

    def _get(self, url: str, etag: str | None, last_modified: str | None, check_robots: bool) -> FetchResult:
        seen: list[str] = []
        current = url
        while True:
            check_scheme(current)
            if check_robots and not self.allowed(current):
                error = self._host(current).robots_error
                if error is not None:
                    raise FetchError(current, f"robots.txt of the host could not be read ({error}); not crawled")
                raise RobotsDisallowed(current, "disallowed by robots.txt")
            result, location = self._get_with_retries(current, etag, last_modified)
            if location is None:
                assert result is not None
                return result
            seen.append(current)
            nxt = urljoin(current, location)
            if nxt in seen:
                raise FetchError(url, f"redirect loop ({' -> '.join([*seen, nxt])})")
            if len(seen) > self.policy.max_redirects:
                raise FetchError(url, f"more than {self.policy.max_redirects} redirects")
            current = nxt

    def _get_with_retries(
        self, url: str, etag: str | None, last_modified: str | None
    ) -> tuple[FetchResult | None, str | None]:
        """One URL, no redirect following: (result, None) or (None, Location)."""
        policy = self.policy
        attempt = 0
        while True:
            attempt += 1
            wait: float | None
            try:
                result, location = self._get_once(url, etag, last_modified)
                result.attempts = attempt
                return result, location
            except _Retryable as exc:
                if attempt > policy.retries:
                    raise FetchError(url, f"{exc.reason} (gave up after {attempt} attempts)") from None
                backoff = min(policy.max_backoff_seconds, policy.backoff_seconds * 2 ** (attempt - 1))
                wait = backoff
                if exc.retry_after is not None:
                    if exc.retry_after > policy.max_backoff_seconds:
                        raise FetchError(
                            url,
                            f"{exc.reason}; server asks to wait {exc.retry_after:.0f}s, "
                            f"more than the {policy.max_backoff_seconds:.0f}s limit",
                        ) from None
                    wait = max(exc.retry_after, 0.0)
                self._sleep(wait)

    def _get_once(self, url: str, etag: str | None, last_modified: str | None) -> tuple[FetchResult, str | None]:
        host = self._host(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = self.policy.deadline_seconds
        with host.gate:
            self._wait_turn(host)
            try:
                with response_deadline(deadline), self._client.stream("GET", url, headers=headers) as response:
                    return self._read(url, response)
            except DeadlineExceeded:
                raise FetchError(url, f"no complete response within the {deadline:g} s deadline") from None
            except AddressRefused as exc:
                raise RefusedAddress(url, exc.reason) from None
            except httpx.InvalidURL as exc:  # e.g. a host "0177.0.0.1": one bad link must not stop a crawl
                raise FetchError(url, f"invalid URL ({exc})") from None
            except httpx.TimeoutException as exc:
                raise _Retryable(f"timed out ({type(exc).__name__})", None) from None
            except httpx.TransportError as exc:
                raise _Retryable(f"network error: {exc or type(exc).__name__}", None) from None
            finally:
                self._rest(host)

    def _read(self, url: str, response: httpx.Response) -> tuple[FetchResult, str | None]:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location header")
            return FetchResult(url=url, status=status), location
        if status in RETRY_STATUSES:
            raise _Retryable(f"HTTP {status}", parse_retry_after(response.headers.get("Retry-After")))
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if status == 304:
            return FetchResult(url=url, status=304, not_modified=True, etag=etag, last_modified=modified), None
        if status != 200:
            raise _HttpStatusError(url, f"HTTP {status}", status)
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"body of {int(declared)} bytes is over the {limit}-byte limit (not read)")
        try:
            body = read_body(response.headers.get("Content-Encoding"), response.iter_raw(), limit)
        except BodyError as exc:
            raise FetchError(url, exc.reason) from None
        content_type = response.headers.get("Content-Type")
        charset = response.charset_encoding if content_type and "charset" in content_type.lower() else None
        return (
            FetchResult(
                url=url,
                status=status,
                content=body,
                content_type=content_type,
                charset=charset,
                etag=etag,
                last_modified=modified,
            ),
            None,
        )


class _Retryable(Exception):
    """A transient failure: worth another attempt after a pause."""

    def __init__(self, reason: str, retry_after: float | None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _HttpStatusError(FetchError):
    """A final non-success HTTP status."""

    def __init__(self, url: str, reason: str, status: int):
        super().__init__(url, reason)
        self.status = status


def _status_of(exc: FetchError) -> int | None:
    """The HTTP status behind a FetchError, when there was one."""
    return exc.status if isinstance(exc, _HttpStatusError) else None
