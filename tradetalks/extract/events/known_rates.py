"""Rule ``known_announcement``: the day a well-known tariff rate was announced, for a rate told without one; rule
``standing_rate``: the rate the reciprocal tariff on a country's goods stood at when a report names it without one.

"Việt Nam nằm trong nhóm bị áp thuế đối ứng cao nhất, lên tới 46%" names no day, yet every reader of trade news
knows that rate was announced on 2 April 2025. ``resources/known_tariffs.tsv`` lists such rates (a country's
goods, a rate, the goods it covers, the day announced), only those no other action of that year repeats.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradetalks.extract.cues import event_table, read_tsv
from tradetalks.model import VN_US_RECIPROCAL, Event

RESOURCE = "known_tariffs.tsv"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _rows(path: str, fields: str) -> list[tuple[int, list[str]]]:
    """The numbered rows of ``path``, each of at least four fields (``fields`` names them for the error)."""
    rows = list(enumerate(read_tsv(path), 1))
    for i, row in rows:
        if len(row) < 4:
            raise ValueError(f"{path}: row {i} needs {fields}: {row!r}")
    if not rows:
        raise ValueError(f"{path}: no rows")
    return rows


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(row[0] for row in read_tsv("countries.tsv"))


def _country(path: str, i: int, country: str) -> str:
    if country not in _countries():
        raise ValueError(f"{path}: row {i}: {country!r} is no country of countries.tsv")
    return country


def _percent(path: str, i: int, rate: str) -> float:
    """A rate written in percent (above 0, at most 1,000)."""
    try:
        value = float(rate)
    except ValueError:
        raise ValueError(f"{path}: row {i}: rate {rate!r} is not a number") from None
    if not 0 < value <= 1000:
        raise ValueError(f"{path}: row {i}: rate {rate!r} out of range")
    return value


@lru_cache(maxsize=1)
def known_tariffs() -> dict[tuple[str, int, str | None], str]:
    """(country, rate in hundredths of a percent, scope or None) -> the ISO day the rate was announced; a row with
    an unknown country or scope, a bad rate or day is an error naming the file and the row."""
    scopes = set(event_table("tariff_scope").values())
    out: dict[tuple[str, int, str | None], str] = {}
    for i, row in _rows(RESOURCE, "country, rate, scope and day"):
        country, rate, scope, day = row[:4]
        _country(RESOURCE, i, country)
        hundredths = round(_percent(RESOURCE, i, rate) * 100)
        if scope != "-" and scope not in scopes:
            raise ValueError(f"{RESOURCE}: row {i}: scope {scope!r} is not a tariff_scope of event_cues.tsv")
        if not _DAY.match(day):
            raise ValueError(f"{RESOURCE}: row {i}: day {day!r} is not an ISO date")
        out[(country, hundredths, None if scope == "-" else scope)] = day
    return out


@lru_cache(maxsize=1)
def viet_nam() -> str:
    """The canonical name of the country whose side is "VN" in ``countries.tsv``."""
    return next(row[0] for row in read_tsv("countries.tsv") if len(row) > 2 and row[2] == "VN")


def known_announcement(ev: Event, published: str | None) -> str | None:
    """Rule ``known_announcement``: the day an undated rate on a country's goods was announced, when the rate is a
    well-known one ("hàng Việt Nam chịu mức thuế 46%": 2025-04-02), never for an article published before it."""
    facts = ev.tariff
    if ev.type != "tariff_action" or ev.start or ev.rate is None or facts is None:
        return None
    if facts.action in ("proposed", "suspended"):
        return None
    # a rate of the Viet Nam–US talks whose clause names no goods is on Viet Nam's goods ("mức thuế đối ứng 46%")
    country = facts.country or (viet_nam() if ev.negotiation == VN_US_RECIPROCAL else None)
    if country is None:
        return None
    scope = facts.scope if facts.scope != "all_goods" else None
    day = known_tariffs().get((country, round(ev.rate * 10_000), scope))
    if day is None or (published and published[:10] < day):
        return None
    return day


STANDING = "standing_rates.tsv"


@lru_cache(maxsize=1)
def standing_rates() -> dict[str, list[tuple[str, str, float]]]:
    """Country -> (from, until, rate) of ``resources/standing_rates.tsv``: over [from, until) the reciprocal tariff on
    that country's goods named without a rate is the one at that rate; a row with an unknown country, a bad rate or
    day, or an empty span is an error naming the file and the row."""
    out: dict[str, list[tuple[str, str, float]]] = {}
    for i, row in _rows(STANDING, "country, rate, from and until"):
        country, rate, start, until = row[:4]
        _country(STANDING, i, country)
        value = _percent(STANDING, i, rate) / 100
        if not (_DAY.match(start) and _DAY.match(until)) or start >= until:
            raise ValueError(f"{STANDING}: row {i}: {start!r} to {until!r} is no span of ISO days")
        out.setdefault(country, []).append((start, until, value))
    return out


def standing_rate(country: str, published: str | None) -> float | None:
    """Rule ``standing_rate``: "Từ khi thuế đối ứng được áp, …" in a report of 10 April
    2025 about Viet Nam: the reciprocal tariff on a country's goods named without its rate is the rate that stood
    on the day of the report (none for a report of unknown day)."""
    day = (published or "")[:10]
    if not _DAY.match(day):
        return None
    return next((rate for a, b, rate in standing_rates().get(country, []) if a <= day < b), None)
