"""Years for dates an article leaves without one: from other reports, the article's own dates, the round order.

Never invented: a yearless date stays "XXXX-…" unless one of these settles it, and the
time expression records which (``resolved_by``: "article" or "sequence").
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from tradetalks.resolve.dates import (
    compatible,
    fill_year,
    first_year_after,
    last_year_before,
    month_of,
    parse_range,
    unresolved,
    year_of,
)
from tradetalks.resolve.reports import SERIES
from tradetalks.resolve.sanity import YEAR_SLACK
from tradetalks.resolve.state import EventState

_HALF_YEAR = 183  # days: a yearless date is placed by nearby days only when it lies this close to them


def _suffix(value: str) -> str:
    """The yearless part of a value's start: "XXXX-11-12/XXXX-11-14" -> "11-12"."""
    return value.split("/")[0][5:]


def _open_values(state: EventState, article: str) -> list[str]:
    """The article's values still without a year (time expressions and event starts)."""
    values = {t.value for t in state.timexes.get(article, []) if unresolved(t.value)}
    for i in state.by_article.get(article, []):
        start = state.reports[i].event.start
        if start and unresolved(start):
            values.add(start)
    return sorted(v for v in values if v)


def fits_publication(state: EventState, article: str, suffix: str, year: int) -> bool:
    """Rule ``year_fits_publication``: a year an article leaves out lies within a year of its publication, and
    puts none of its held events after the day it was published (an article of 5/5/2025 telling of a round
    held "7/5" means 7/5/2024 or earlier, never 2013 and never 7/5/2025)."""
    published = state.published.get(article)
    if published is None:
        return True
    if abs(year - published.year) > YEAR_SLACK:
        return False
    for i in state.by_article.get(article, []):
        r = state.reports[i]
        start = r.event.start
        if r.event.status != "held" or not start or not unresolved(start) or _suffix(start) != suffix:
            continue
        rng = parse_range(fill_year(start, year))
        days = rng.days() if rng is not None else None
        if days is not None and days[0] > published:
            return False
    return True


def settle(state: EventState, article: str, suffix: str, year: int, how: str) -> bool:
    """Give every yearless date of ``article`` ending in ``suffix`` the year ``year``."""
    done = state.settled[article]
    if suffix in done or not suffix or not fits_publication(state, article, suffix, year):
        return False
    done[suffix] = (year, how)
    for t in state.timexes.get(article, []):
        if unresolved(t.value) and _suffix(t.value) == suffix:
            t.value = fill_year(t.value, year)
            t.resolved_by = how
    for i in state.by_article.get(article, []):
        r = state.reports[i]
        start = r.event.start
        if not start or not unresolved(start) or _suffix(start) != suffix:
            continue
        state.changed(i)
        if r.event.end and "/" not in start:
            start, _, end = fill_year(f"{start}/{r.event.end}", year).partition("/")
            r.event.start, r.event.end = start, end
        else:
            r.event.start = fill_year(start, year)
    return True


def from_reports(state: EventState) -> bool:
    """A report's yearless date takes the year other reports of the same event give it."""
    changed = False
    for root, members in sorted(state.clusters().items()):
        if len(members) < 2:
            continue
        ev = state.view(root)
        rng = parse_range(ev.start, ev.end)
        if rng is None or not rng.has_year:
            continue
        for i in members:
            r = state.reports[i]
            start = r.event.start
            if not start or not unresolved(start):
                continue
            for y in sorted({p.year for p in (rng.lo, rng.hi) if p.year is not None}):
                if compatible(parse_range(fill_year(start, y)), rng):
                    changed = settle(state, r.article, _suffix(start), y, "article") or changed
                    break
    return changed


def from_article(state: EventState) -> bool:
    """A yearless date takes the one year its article gives every other date of that month."""
    changed = False
    anchors: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for article, timexes in state.timexes.items():
        for t in timexes:
            y, m = year_of(t.value), month_of(t.value)
            if y is not None and m is not None:
                anchors[article][m].add(y)
    for root, members in sorted(state.clusters().items()):
        ev = state.view(root)
        y, m = year_of(ev.start), month_of(ev.start)
        if y is None or m is None:
            continue
        for i in members:
            anchors[state.reports[i].article][m].add(y)
    for article in sorted(anchors):
        for value in _open_values(state, article):
            years = anchors[article].get(month_of(value) or 0, set())
            if len(years) == 1:
                changed = settle(state, article, _suffix(value), next(iter(years)), "article") or changed
    return changed


def _days(value: str | None, end: str | None) -> tuple[date, date] | None:
    rng = parse_range(value, end)
    return rng.days() if rng is not None and rng.has_year else None


def from_sequence(state: EventState) -> bool:
    """An article about round N takes the first year that puts its dates after round N-1 (and before N+1).

    Rule ``sequence_within_one_negotiation``: only rounds of the same, known negotiation count; the fifth
    round of the Viet Nam–EAEU talks in 2013 says nothing about the year of the sixth Viet Nam–US round.
    """
    clusters = state.clusters()
    views = {root: state.view(root) for root in clusters}
    numbered: dict[str, list[tuple[int, str | None, date, date]]] = defaultdict(list)
    for ev in views.values():
        days = _days(ev.start, ev.end)
        if ev.type in SERIES and ev.ordinal is not None and days:
            numbered[ev.type].append((ev.ordinal, ev.negotiation, days[0], days[1]))
    for type_, rounds in state.rounds.items():
        numbered[type_].extend(rounds)
    changed = False
    for root, members in sorted(clusters.items()):
        ev = views[root]
        if ev.type not in SERIES or ev.ordinal is None or ev.negotiation is None:
            continue
        same = [s for s in numbered[ev.type] if s[1] == ev.negotiation]
        before = [hi for k, _, _, hi in same if k < ev.ordinal]
        after = [lo for k, _, lo, _ in same if k > ev.ordinal]
        if not before and not after:
            continue
        for article in sorted({state.reports[i].article for i in members}):
            for value in _open_values(state, article):
                if "-" not in value[5:] and len(value) <= 7:
                    continue  # a bare month is too loose to place in a sequence
                if before:
                    y = first_year_after(value, max(before), min(after) if after else None)
                else:
                    y = last_year_before(value, min(after))
                if y is not None:
                    changed = settle(state, article, _suffix(value), y, "sequence") or changed
    return changed


def _nearest_year(value: str, anchors: list[date]) -> int | None:
    """The one year that puts a yearless value within half a year of the nearest anchor day, else None."""
    r = parse_range(value)
    if r is None or r.has_year or not anchors:
        return None
    best: dict[int, int] = {}
    for y in sorted({a.year + k for a in anchors for k in (-1, 0, 1)}):
        days = r.days(y)
        if days:
            best[y] = min(min(abs((days[0] - a).days), abs((days[1] - a).days)) for a in anchors)
    ranked = sorted((gap, y) for y, gap in best.items() if gap <= _HALF_YEAR)
    if not ranked or len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    return ranked[0][1]


def from_people(state: EventState) -> bool:
    """An undated article's yearless event takes the year that puts it nearest its people's dated events."""
    seen: dict[str, list[date]] = defaultdict(list)
    for r in state.reports:
        days = _days(r.event.start, r.event.end)
        if days:
            for person in r.people:
                seen[person].append(days[0])
    for person, days_seen in state.person_days.items():
        seen[person].extend(days_seen)
    changed = False
    for article in sorted(state.by_article):
        if state.published.get(article) is not None:
            continue
        for i in state.by_article[article]:
            r = state.reports[i]
            start = r.event.start
            if not start or not unresolved(start) or len(start.split("/")[0]) < len("XXXX-01-01"):
                continue
            y = _nearest_year(start, [d for person in sorted(r.people) for d in seen.get(person, [])])
            if y is not None:
                changed = settle(state, article, _suffix(start), y, "sequence") or changed
    return changed


def from_neighbours(state: EventState) -> bool:
    """An undated article's yearless date takes the year that puts it nearest the article's dated days."""
    changed = False
    for article in sorted(state.by_article):
        if state.published.get(article) is not None:
            continue
        dated = [t.value for t in state.timexes.get(article, []) if year_of(t.value) is not None]
        anchors = [d[0] for value in dated if (d := _days(value, None))]
        for value in _open_values(state, article):
            y = _nearest_year(value, anchors)
            if y is not None:
                changed = settle(state, article, _suffix(value), y, "article") or changed
    return changed


_YEAR = re.compile(r"(?<![\dX])\d{4}(?=-\d)")


def forget_far_years(state: EventState) -> None:
    """Rule ``unstated_year_near_publication``: a year no time expression of the event writes out (taken
    from a nearby year in the sentence, "5/9" beside "năm 1945") and further than a year from its article's
    publication is forgotten: the date goes back to "XXXX-09-05" for the other ways to settle."""
    for i, r in enumerate(state.reports):
        published, start = state.published.get(r.article), r.event.start
        year = year_of(start)
        if published is None or year is None or abs(year - published.year) <= YEAR_SLACK:
            continue
        own = state.timexes.get(r.article, [])
        sources = [own[k] for k in r.event.timex if 0 <= k < len(own)]
        if not sources or any(t.resolved_by == "explicit" for t in sources):
            continue
        r.event.start = _YEAR.sub("XXXX", start or "")
        r.event.end = _YEAR.sub("XXXX", r.event.end) if r.event.end else None
        for t in sources:
            t.value, t.resolved_by = _YEAR.sub("XXXX", t.value), None
        state.changed(i)


def complete_years(state: EventState) -> bool:
    """One pass of every way of settling a year; True when anything changed."""
    changed = from_reports(state)
    changed = from_article(state) or changed
    if not changed:
        changed = from_sequence(state)
    if not changed:
        changed = from_people(state)
    if not changed:
        changed = from_neighbours(state)
    return changed
