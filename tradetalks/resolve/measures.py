"""Tariff rates that name more than one measure: the rate alone then tells no report apart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tradetalks.resolve.dates import Range, parse_range, same_day
from tradetalks.resolve.reports import Report, talks_of

#: A rate is kept to this many decimals when rates are compared ("20%" and "0.2" are one rate).
_RATE_DIGITS = 4

RateKey = tuple[str, float]


def rate_keys(r: Report) -> set[RateKey]:
    """The rate of a tariff report with its negotiation and with the country whose goods it targets (a report
    may give one, the other or both), else nothing."""
    e = r.event
    if e.type != "tariff_action" or e.rate is None:
        return set()
    targets = {talks_of(r), e.tariff.country if e.tariff is not None else None}
    return {(t, round(e.rate, _RATE_DIGITS)) for t in targets if t}


def _day(rng: Range | None) -> tuple[int, int] | None:
    """The month and day of a range that names one day, else None."""
    if rng is None or not rng.has_day or rng.lo.month is None or rng.lo.day is None:
        return None
    if (rng.hi.month, rng.hi.day) != (rng.lo.month, rng.lo.day):
        return None
    return (rng.lo.month, rng.lo.day)


def _effective(r: Report) -> Range | None:
    tariff = r.event.tariff
    return parse_range(tariff.effective) if tariff is not None and tariff.effective else None


def measure_days(r: Report) -> set[tuple[int, int]]:
    """The days a tariff report ties its measure to: the day it was taken and the day it comes into force."""
    return {d for d in (_day(r.range), _day(_effective(r))) if d is not None}


def rates_of_several_measures(reports: Iterable[Report]) -> frozenset[RateKey]:
    """Rates of one negotiation that reports tie to two or more different days ("20%" announced on 2/7 and
    in force from 7/8): the measures of such a rate are told apart by their days, never by the rate."""
    days: dict[RateKey, set[tuple[int, int]]] = defaultdict(set)
    for r in reports:
        for key in rate_keys(r):
            days[key] |= measure_days(r)
    return frozenset(k for k, v in days.items() if len(v) > 1)


def rate_alone_links(a: Report, b: Report, several: frozenset[RateKey]) -> bool:
    """Rule ``rate_of_several_measures_is_no_link``: two articles' tariff reports whose only common fact is a
    rate that the dossier ties to several days ("áp thuế 20%" told undated here, "thuế 20% từ 7/8" there,
    while 20% was also announced on 2/7) do not name one measure: which of them each means is unknown, so
    they stay apart. A rate tied to one day, or to none, still links the reports that tell it ("46%")."""
    if not rate_keys(a) & rate_keys(b) & several:
        return True
    if same_day(a.range, b.range) or measure_days(a) & measure_days(b):
        return True
    return a.event.ordinal is not None and a.event.ordinal == b.event.ordinal
