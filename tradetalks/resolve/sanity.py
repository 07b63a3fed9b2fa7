"""Gold-free checks of a dossier: facts that no annotation is needed to call wrong.

- ``mixed_negotiations``: an event whose reports name two different negotiations;
- ``held_after_published``: a held event whose first day comes after an article telling it as held was
  published (an article announcing it beforehand is no contradiction);
- ``far_years``: an event dated more than one year from every reporting article's publication year while none
  of those articles states that year;
- ``rounds_out_of_order``: two numbered rounds of one negotiation whose dates run against their numbers.

Each check returns the ids of the events (or pairs of events) it finds; the target is none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tradetalks.model import Dossier, Event
from tradetalks.resolve.dates import parse_range
from tradetalks.resolve.reports import SERIES

#: An event this many years away from every report's publication year needs a report stating the year.
YEAR_SLACK = 1


@dataclass(slots=True)
class SanityReport:
    """The events each check found."""

    mixed_negotiations: list[str] = field(default_factory=list)
    held_after_published: list[str] = field(default_factory=list)
    far_years: list[str] = field(default_factory=list)
    rounds_out_of_order: list[tuple[str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "mixed_negotiations": len(self.mixed_negotiations),
            "held_after_published": len(self.held_after_published),
            "far_years": len(self.far_years),
            "rounds_out_of_order": len(self.rounds_out_of_order),
        }


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _first_day(ev: Event) -> date | None:
    rng = parse_range(ev.start, ev.end)
    days = rng.days() if rng is not None and rng.has_year and rng.has_day else None
    return days[0] if days else None


def _year(ev: Event) -> int | None:
    rng = parse_range(ev.start, ev.end)
    return rng.lo.year if rng is not None else None


def announced(ev: Event) -> set[str]:
    """Rule ``announced_before_held``: the articles that tell a held event only as planned ("hai nhà lãnh đạo sẽ
    gặp nhau vào ngày 25/2", written before that day); published before the event, they contradict nothing."""
    planned: set[str] = set()
    held: set[str] = set()
    for c in ev.conflicts:
        if c.field == "status":
            for value, group in zip(c.values, c.evidence, strict=False):
                (held if value == "held" else planned).update(e.article for e in group)
    return planned - held


def check_dossier(dossier: Dossier) -> SanityReport:
    """Run every check over a dossier."""
    published = {a.id: _day(a.published) for a in dossier.articles}
    stated: dict[str, set[int]] = defaultdict(set)  # article -> years it writes out
    for t in dossier.timexes:
        if t.resolved_by == "explicit":
            rng = parse_range(t.value)
            if rng is not None and rng.has_year:
                stated[t.article].update(y for y in (rng.lo.year, rng.hi.year) if y is not None)
    out = SanityReport()
    numbered: dict[tuple[str, str], list[tuple[int, date, str]]] = defaultdict(list)
    for ev in dossier.events:
        ident = ev.id or ""
        arts = sorted({e.article for e in ev.evidence})
        if any(c.field == "negotiation" and len(set(c.values)) > 1 for c in ev.conflicts):
            out.mixed_negotiations.append(ident)
        first = _first_day(ev)
        pubs = [p for a in arts if (p := published.get(a)) is not None]
        told_held = [p for a in arts if a not in announced(ev) and (p := published.get(a)) is not None]
        if ev.status == "held" and first is not None and any(first > p for p in told_held):
            out.held_after_published.append(ident)
        year = _year(ev)
        if year is not None and pubs and all(abs(year - p.year) > YEAR_SLACK for p in pubs):
            if not any(year in stated[a] for a in arts):
                out.far_years.append(ident)
        if ev.type in SERIES and ev.negotiation and ev.ordinal is not None and first is not None:
            numbered[(ev.type, ev.negotiation)].append((ev.ordinal, first, ident))
    for rounds in numbered.values():
        rounds.sort()
        for i, (n, day, a) in enumerate(rounds):
            for m, other, b in rounds[i + 1 :]:
                if m > n and other < day:
                    out.rounds_out_of_order.append((a, b))
    return out
