"""The crawl configuration (``feeds.toml``): politeness settings, feeds and listed pages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tradetalks.errors import TradeTalksError
from tradetalks.ingest.http import FetchError, FetchPolicy, check_scheme
from tradetalks.ingest.net_guard import parse_host_port

DEFAULT_POLL_MINUTES = 30.0


class ConfigError(TradeTalksError):
    """A crawl configuration is unreadable or wrong; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One RSS/Atom feed to poll."""

    url: str
    name: str | None = None
    poll_minutes: float = DEFAULT_POLL_MINUTES


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """Everything a crawl needs to know: how politely, what feeds, which pages."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    feeds: tuple[FeedSpec, ...] = ()
    pages: tuple[str, ...] = ()
    concurrency: int = 4  # pages fetched at once across all hosts
    pages_per_commit: int = 10  # pages stored, marked and resolved together in one transaction


#: ``[crawler]`` keys and the FetchPolicy fields they set.
_POLICY_KEYS = {
    "user_agent": "user_agent",
    "rate_limit_seconds": "rate_limit_seconds",
    "timeout": "read_timeout",
    "connect_timeout": "connect_timeout",
    "deadline_seconds": "deadline_seconds",
    "max_bytes": "max_bytes",
    "max_redirects": "max_redirects",
    "retries": "retries",
    "backoff_seconds": "backoff_seconds",
    "max_backoff_seconds": "max_backoff_seconds",
    "per_host_concurrency": "per_host_concurrency",
    "respect_robots": "respect_robots",
    "allow_private": "allow_private",
    "private_hosts": "private_hosts",
}


def load_config(path: Path | None, feed_urls: list[str] | None = None) -> CrawlConfig:
    """Read ``feeds.toml`` (if given) and add feeds given on the command line."""
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return config_from_dict(raw, str(path or "command line"), feed_urls or [])


def config_from_dict(raw: dict[str, Any], where: str, feed_urls: list[str]) -> CrawlConfig:
    """Validate a parsed configuration; every error names ``where`` and the offending key."""
    unknown = set(raw) - {"crawler", "feed", "page"}
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {sorted(unknown)}; expected [crawler], [[feed]], [[page]]")
    crawler = raw.get("crawler", {})
    if not isinstance(crawler, dict):
        raise ConfigError(f"{where}: [crawler] must be a table")
    policy_args: dict[str, Any] = {}
    concurrency, per_commit = 4, 10
    defaults = {f.name: f.default for f in fields(FetchPolicy)}
    for key, value in crawler.items():
        if key == "concurrency":
            concurrency = _positive(value, f"{where}: [crawler] concurrency", int)
            continue
        if key == "pages_per_commit":
            per_commit = _positive(value, f"{where}: [crawler] pages_per_commit", int)
            continue
        if key not in _POLICY_KEYS:
            known = sorted([*_POLICY_KEYS, "concurrency", "pages_per_commit"])
            raise ConfigError(f"{where}: unknown [crawler] key {key!r}; known: {known}")
        target = _POLICY_KEYS[key]
        kind = type(defaults[target])
        if kind is tuple:
            policy_args[target] = _host_ports(value, f"{where}: [crawler] {key}")
        elif kind is str:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: [crawler] {key} must be a non-empty string")
            policy_args[target] = value
        elif kind is bool:
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: [crawler] {key} must be true or false")
            policy_args[target] = value
        else:
            policy_args[target] = _positive(value, f"{where}: [crawler] {key}", kind, allow_zero=True)
    feeds: list[FeedSpec] = []
    for i, item in enumerate(_tables(raw.get("feed", []), where, "feed"), start=1):
        url = _url(item.get("url"), f"{where}: [[feed]] #{i}")
        poll = _positive(item.get("poll_minutes", DEFAULT_POLL_MINUTES), f"{where}: [[feed]] #{i} poll_minutes", float)
        name = item.get("name")
        feeds.append(FeedSpec(url=url, name=str(name) if name else None, poll_minutes=poll))
    for url in feed_urls:
        feeds.append(FeedSpec(url=_url(url, "--feed")))
    page_tables = _tables(raw.get("page", []), where, "page")
    pages = [_url(item.get("url"), f"{where}: [[page]] #{i}") for i, item in enumerate(page_tables, start=1)]
    return CrawlConfig(
        policy=FetchPolicy(**policy_args),
        feeds=tuple(_unique(feeds)),
        pages=tuple(dict.fromkeys(pages)),
        concurrency=concurrency,
        pages_per_commit=per_commit,
    )


def _tables(value: Any, where: str, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: [[{name}]] must be an array of tables")
    return value


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: url is missing")
    try:
        check_scheme(value.strip())
    except FetchError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return value.strip()


def _host_ports(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where} must be a list of "host:port" strings')
    for entry in value:
        try:
            parse_host_port(entry)
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    return tuple(value)


def _positive(value: Any, where: str, kind: type, allow_zero: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where} must be a number, not {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise ConfigError(f"{where} must be {'>= 0' if allow_zero else '> 0'}, not {value!r}")
    return kind(value)


def _unique(feeds: list[FeedSpec]) -> list[FeedSpec]:
    out: dict[str, FeedSpec] = {}
    for spec in feeds:
        out.setdefault(spec.url, spec)
    return list(out.values())
