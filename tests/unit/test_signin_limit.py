"""Rule signin_rate_limited: failed editor sign-ins from one client are limited (limits from resources), over a
real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tradetalks.serve.signin_limit import FailedSignins, SigninLimit, SigninLimitError, parse_limit, signin_limit

TOKEN = "a-long-test-token-for-limits-42"


class Clock:
    """A clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_signin_rate_limited_counts_failures_in_the_window() -> None:
    clock = Clock()
    failures = FailedSignins(SigninLimit(3, 60), clock)
    for at in (0, 10, 20):
        clock.now = 1000 + at
        assert failures.wait("a") == 0
        failures.failed("a")
    clock.now = 1030
    assert failures.wait("a") == 30  # the failure at 0 s leaves the window at 60 s
    assert failures.wait("b") == 0  # another client is not held back
    clock.now = 1060
    assert failures.wait("a") == 0
    failures.failed("a")
    assert failures.wait("a") == 10  # failures at 10, 20 and 60 s: the one at 10 s leaves at 70 s
    failures.succeeded("a")
    assert failures.wait("a") == 0


def test_signin_limit_file_is_checked() -> None:
    limit = signin_limit()
    assert limit.max_failures >= 1 and limit.window_seconds >= 1
    assert parse_limit('{"max_failures": 2, "window_seconds": 9}') == SigninLimit(2, 9)
    for bad, why in [
        ('{"max_failures": 0, "window_seconds": 9}', "max_failures must be"),
        ('{"max_failures": 2, "window_seconds": "60"}', "window_seconds must be"),
        ('{"max_failures": true, "window_seconds": 60}', "max_failures must be"),
        ('{"max_failures": 2, "window_seconds": 60, "window": 5}', "unknown field"),
        ("[1, 2]", "expected an object"),
        ("{max_failures: 2}", "not JSON"),
    ]:
        with pytest.raises(SigninLimitError, match=why) as caught:
            parse_limit(bad, "limit.json")
        assert str(caught.value).startswith("limit.json: ")


def test_signin_rate_limited_on_a_real_server(tmp_path: Path, live_server: Any) -> None:
    from tests.conftest import write_sample_store

    site = live_server(write_sample_store(str(tmp_path / "s.db")), token=TOKEN).url
    limit = signin_limit()
    for _ in range(limit.max_failures):
        wrong = httpx.post(f"{site}/signin", data={"name": "x", "token": "guess", "next": "/"})
        assert wrong.status_code == 401 and "retry-after" not in wrong.headers
    held = httpx.post(f"{site}/signin", data={"name": "x", "token": TOKEN, "next": "/"})  # even the right token
    assert held.status_code == 429 and "set-cookie" not in held.headers
    assert 1 <= int(held.headers["retry-after"]) <= limit.window_seconds
    assert 'id="signin-wait"' in held.text
    assert httpx.get(f"{site}/signin").status_code == 200  # the form itself stays readable


def test_signin_limit_behind_a_trusted_proxy_counts_each_forwarded_client(tmp_path: Path, live_server: Any) -> None:
    """``tradetalks serve`` trusts X-Forwarded-For from the addresses in FORWARDED_ALLOW_IPS (by default this
    host, where a reverse proxy usually runs): each forwarded client has its own limit (README)."""
    from tests.conftest import write_sample_store

    site = live_server(write_sample_store(str(tmp_path / "s.db")), token=TOKEN).url
    limit = signin_limit()
    guessed = {"name": "x", "token": "guess", "next": "/"}
    one, other = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    for _ in range(limit.max_failures):
        assert httpx.post(f"{site}/signin", data=guessed, headers=one).status_code == 401
    assert httpx.post(f"{site}/signin", data=guessed, headers=one).status_code == 429
    assert httpx.post(f"{site}/signin", data=guessed, headers=other).status_code == 401  # another client
    assert httpx.post(f"{site}/signin", data=guessed).status_code == 401  # the proxy's own address too
