"""The state of event resolution shared by merging and year settling: reports, their grouping, each article's dates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tradetalks.model import DossierTimex, Event
from tradetalks.resolve.reports import Report, merge_reports, reports_conflict


@dataclass(slots=True)
class EventState:
    """Reports, their grouping into events, and each article's dates while years are being settled."""

    reports: list[Report]
    timexes: dict[str, list[DossierTimex]]
    published: dict[str, date | None]
    parent: list[int] = field(default_factory=list)
    groups: dict[int, list[int]] = field(default_factory=dict)
    by_article: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    views: dict[int, Event] = field(default_factory=dict)
    settled: dict[str, dict[str, tuple[int, str]]] = field(default_factory=lambda: defaultdict(dict))
    # what events resolved outside these reports say (incremental resolution): numbered rounds by type, as
    # (ordinal, negotiation, first day, last day), and the first days of each person's dated events
    rounds: dict[str, list[tuple[int, str | None, date, date]]] = field(default_factory=lambda: defaultdict(list))
    person_days: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.reports)))
        self.groups = {i: [i] for i in range(len(self.reports))}
        for i, r in enumerate(self.reports):
            self.by_article[r.article].append(i)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo
            self.groups[lo] = sorted(self.groups.pop(lo) + self.groups.pop(hi))
            self.views.pop(lo, None)
            self.views.pop(hi, None)

    def clusters(self) -> dict[int, list[int]]:
        return dict(self.groups)

    def changed(self, report: int) -> None:
        """Forget the merged view of the event a report belongs to (its dates changed)."""
        self.views.pop(self.find(report), None)

    def view(self, root: int) -> Event:
        """The merged event of a cluster, computed once until it changes."""
        ev = self.views.get(root)
        if ev is None:
            ev = self.views[root] = self.merged(self.groups[root])
        return ev

    def merged(self, members: list[int]) -> Event:
        return merge_reports([self.reports[i] for i in members])

    def fits(self, a: list[int], b: list[int]) -> bool:
        """No pair of reports across the two groups forbids them being one event."""
        ra, rb = [self.reports[i] for i in a], [self.reports[i] for i in b]
        return not any(reports_conflict(x, y) for x in ra for y in rb)
