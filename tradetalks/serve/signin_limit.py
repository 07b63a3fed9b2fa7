"""Rule signin_rate_limited: a client that failed to sign in ``max_failures`` times within ``window_seconds``
waits (429 with Retry-After) until its oldest failure leaves the window; the limits are data
(``resources/signin_limit.json``), checked when read."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

RESOURCE = "signin_limit.json"
#: Client addresses remembered at once; the least recently failing are forgotten first (memory stays bounded).
MAX_CLIENTS = 10_000


class SigninLimitError(ValueError):
    """The limit file is malformed (the message names the file and the field)."""


@dataclass(frozen=True, slots=True)
class SigninLimit:
    """At most ``max_failures`` failed sign-ins per client within ``window_seconds``."""

    max_failures: int
    window_seconds: int


def parse_limit(text: str, name: str = RESOURCE) -> SigninLimit:
    """The limit in a JSON text: two whole numbers, 1..1000 failures and 1..86400 seconds; else an error naming
    the file and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SigninLimitError(f"{name}: not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SigninLimitError(f"{name}: expected an object with max_failures and window_seconds")
    unknown = sorted(k for k in data if not k.startswith("#") and k not in ("max_failures", "window_seconds"))
    if unknown:
        raise SigninLimitError(f"{name}: unknown field(s) {unknown}")
    values = {}
    for field, top in (("max_failures", 1000), ("window_seconds", 86_400)):
        value = data.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            raise SigninLimitError(f"{name}: {field} must be a whole number from 1 to {top}, not {value!r}")
        values[field] = value
    return SigninLimit(**values)


def signin_limit() -> SigninLimit:
    """The limit of ``resources/signin_limit.json``."""
    return parse_limit(resources.files("tradetalks.resources").joinpath(RESOURCE).read_text(encoding="utf-8"))


class FailedSignins:
    """The recent failed sign-ins of each client, under a lock (the server's handlers run in threads)."""

    def __init__(self, limit: SigninLimit, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        found = self._failures.get(client, deque())
        while found and found[0] <= now - self.limit.window_seconds:
            found.popleft()
        return found

    def wait(self, client: str) -> int:
        """Seconds the client must wait before trying again (0: it may try now).

        Example: with 3 failures allowed in 60 s, failures at 0, 10 and 20 s -> at 30 s, wait 30 s; at 60 s, 0.
        """
        with self._lock:
            now = self.clock()
            found = self._recent(client, now)
            if len(found) < self.limit.max_failures:
                return 0
            return max(1, math.ceil(found[0] + self.limit.window_seconds - now))

    def failed(self, client: str) -> None:
        """Count a failed sign-in of the client."""
        with self._lock:
            now = self.clock()
            found = self._recent(client, now)
            found.append(now)
            while len(found) > self.limit.max_failures:
                found.popleft()
            self._failures[client] = found
            self._failures.move_to_end(client)
            while len(self._failures) > MAX_CLIENTS:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        """Forget the client's failures (it knew the token)."""
        with self._lock:
            self._failures.pop(client, None)
