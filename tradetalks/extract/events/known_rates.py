"""Rule ``known_announcement``: the day a well-known tariff rate was announced, for a rate told without one; rule
``known_step``: which step of a rate told in several steps a report tells; rule ``standing_rate``: the rate the
reciprocal tariff on a country's goods stood at when a report names it without one.

"Việt Nam nằm trong nhóm bị áp thuế đối ứng cao nhất, lên tới 46%" names no day, yet every reader of trade news
knows that rate was announced on 2 April 2025. ``resources/known_tariffs.tsv`` lists the rates named once (a
country's goods, a rate, the goods it covers, the day announced); ``resources/tariff_steps.tsv`` the rates of several
steps (announced, put in force by an order, applied from a later day): "thuế 20% với hàng Việt Nam từ ngày 7/8" is the
rate of the order of 31 July 2025, "Mỹ công bố mức thuế 20% với hàng Việt Nam" the one announced on 2 July 2025."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tradetalks.extract.cues import event_lexicon, event_table, lower_view, read_tsv
from tradetalks.model import VN_US_RECIPROCAL, Doc, Event, TariffFacts

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


STEPS = "tariff_steps.tsv"
_STEP_NAMES = ("announced", "in_force", "-")


@dataclass(frozen=True, slots=True)
class TariffSteps:
    """The steps of a well-known rate (``resources/tariff_steps.tsv``): the day it was announced, the day of the
    record a report of it in force belongs to, the day it applied from, and the step of a report naming neither."""

    announced: str
    in_force: str
    effective: str
    undated: str | None


def _key(path: str, i: int, row: list[str], scopes: set[str]) -> tuple[str, int, str | None]:
    country, rate, scope = row[:3]
    _country(path, i, country)
    if scope != "-" and scope not in scopes:
        raise ValueError(f"{path}: row {i}: scope {scope!r} is not a tariff_scope of event_cues.tsv")
    return country, round(_percent(path, i, rate) * 100), None if scope == "-" else scope


def _day(path: str, i: int, day: str) -> str:
    if not _DAY.match(day):
        raise ValueError(f"{path}: row {i}: day {day!r} is not an ISO date")
    return day


@lru_cache(maxsize=1)
def tariff_steps() -> dict[tuple[str, int, str | None], TariffSteps]:
    """(country, rate in hundredths of a percent, scope or None) -> the steps of ``resources/tariff_steps.tsv``."""
    return parse_steps(_rows(STEPS, "country, rate, scope, three days and a step"), STEPS)


def parse_steps(rows: list[tuple[int, list[str]]], path: str) -> dict[tuple[str, int, str | None], TariffSteps]:
    """The steps of the numbered ``rows`` of the table ``path``; a row with an unknown country, scope or step name, a
    bad rate or day, days out of order, or a rate told twice is an error naming the file and the row."""
    scopes = set(event_table("tariff_scope").values())
    out: dict[tuple[str, int, str | None], TariffSteps] = {}
    for i, row in rows:
        if len(row) < 7:
            raise ValueError(f"{path}: row {i} needs country, rate, scope, three days and a step: {row!r}")
        key = _key(path, i, row, scopes)
        announced, in_force, effective = (_day(path, i, d) for d in row[3:6])
        if not announced <= in_force <= effective:
            raise ValueError(f"{path}: row {i}: days {announced}, {in_force}, {effective} are not in order")
        if row[6] not in _STEP_NAMES:
            raise ValueError(f"{path}: row {i}: step {row[6]!r} is none of {', '.join(_STEP_NAMES)}")
        if key in out:
            raise ValueError(f"{path}: row {i}: {row[0]} {row[1]}% told twice")
        out[key] = TariffSteps(announced, in_force, effective, None if row[6] == "-" else row[6])
    return out


@lru_cache(maxsize=1)
def known_tariffs() -> dict[tuple[str, int, str | None], str]:
    """(country, rate in hundredths of a percent, scope or None) -> the ISO day the rate was announced, of both
    tables (a rate named once, ``known_tariffs.tsv``, and a rate of several steps); a row with an unknown country or
    scope, a bad rate or day, or a rate in both tables is an error naming the file and the row."""
    scopes = set(event_table("tariff_scope").values())
    out = {key: steps.announced for key, steps in tariff_steps().items()}
    for i, row in _rows(RESOURCE, "country, rate, scope and day"):
        key = _key(RESOURCE, i, row, scopes)
        if key in out:
            raise ValueError(f"{RESOURCE}: row {i}: {row[0]} {row[1]}% is a rate of {STEPS} too")
        out[key] = _day(RESOURCE, i, row[3])
    return out


@lru_cache(maxsize=1)
def viet_nam() -> str:
    """The canonical name of the country whose side is "VN" in ``countries.tsv``."""
    return next(row[0] for row in read_tsv("countries.tsv") if len(row) > 2 and row[2] == "VN")


def known_announcement(ev: Event, doc: Doc, spans: list[tuple[int, int]]) -> str | None:
    """Rule ``known_announcement``: the day an undated rate on a country's goods was announced, when the rate is a
    well-known one ("hàng Việt Nam chịu mức thuế 46%": 2025-04-02), never for an article published before it; for a
    rate of several steps, rule ``known_step`` picks the step its report tells."""
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
    key = (country, round(ev.rate * 10_000), scope)
    steps = tariff_steps().get(key)
    day = known_step(steps, facts, doc, spans) if steps is not None else known_tariffs().get(key)
    published = doc.article.published
    if day is None or (published and published[:10] < day):
        return None
    return day


def known_step(steps: TariffSteps, facts: TariffFacts, doc: Doc, spans: list[tuple[int, int]]) -> str | None:
    """Rule ``known_step``: which step of a well-known rate an undated report of it tells. Told as announced ("Mỹ
    công bố mức thuế 20% với hàng Việt Nam", also "công bố mức thuế 46%, có hiệu lực từ 9/4"): the day announced;
    told as in force or ordered ("thuế 20% với hàng Việt Nam có hiệu lực từ 7/8", "Mỹ chính thức áp thuế 20%",
    "theo sắc lệnh"): the in-force record; told with neither: the step the table names for it, if any."""
    key = doc.key or doc.text
    low = lower_view(key)
    told = [(a, b) for a, b in spans if a < b]
    if facts.action == "announced":  # "công bố mức thuế 46%, có hiệu lực từ 9/4": what was done is the announcing
        return steps.announced
    if any(_in_force_told(low, key, a, b) for a, b in told):
        return steps.in_force
    if any(event_lexicon("step_announced").any(low, key, a, b) for a, b in told):
        return steps.announced
    return {"announced": steps.announced, "in_force": steps.in_force}.get(steps.undated or "")


def _in_force_told(low: str, key: str, a: int, b: int) -> bool:
    """Whether ``[a, b)`` tells a rate as in force or ordered, not as the time of another action in a clause opened by
    "khi", "sau khi" ("Ngay sau khi thuế chính thức có hiệu lực, Mỹ tạm hoãn …": the pause is told)."""
    for h in event_lexicon("step_in_force").find(low, key, a, b):
        clause = max(low.rfind(",", a, h.start), low.rfind(";", a, h.start), a)
        if not event_lexicon("step_time_clause").any(low, key, clause, h.start):
            return True
    return False


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
