"""One event per real event: reports from many articles merged, attributes completed, conflicts kept."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from tradetalks.model import Doc, DossierTimex, Event, Participant
from tradetalks.resolve.dates import Range, near, parse_range
from tradetalks.resolve.entities import EntityIndex
from tradetalks.resolve.reports import ENCOUNTERS, Report, block_keys, hard_conflict, link_score, merge_reports

#: An article's own dates reach this many days either side when placing an undated report.
WINDOW_DAYS = 45
_ROUNDS = 6


@dataclass(slots=True)
class EventState:
    """Reports, their grouping into events, and each article's dates while years are being settled."""

    reports: list[Report]
    timexes: dict[str, list[DossierTimex]]
    published: dict[str, date | None]
    parent: list[int] = field(default_factory=list)
    settled: dict[str, dict[str, tuple[int, str]]] = field(default_factory=lambda: defaultdict(dict))

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.reports)))

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

    def clusters(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.reports)):
            out[self.find(i)].append(i)
        return dict(out)

    def merged(self, members: list[int]) -> Event:
        return merge_reports([self.reports[i] for i in members])

    def fits(self, a: list[int], b: list[int]) -> bool:
        """No pair of reports across the two groups forbids them being one event."""
        ra, rb = [self.reports[i] for i in a], [self.reports[i] for i in b]
        return not any(hard_conflict(x.event, y.event, x.people, y.people) for x in ra for y in rb)


def collect_reports(docs: Sequence[Doc], index: EntityIndex) -> list[Report]:
    """Each doc's events as reports, participants turned from "m<i>" into entity ids."""
    reports: list[Report] = []
    sides = {e.id: e.side for e in index.entities}
    for doc in docs:
        aid = doc.article.id or doc.article.source
        for ev in doc.events:
            people: dict[str, str] = {}
            parts: list[Participant] = []
            for p in ev.participants:
                eid = index.entity_of(aid, p.entity) or p.entity
                parts.append(Participant(eid, p.side, p.name))
                if eid.startswith("p-"):
                    people[eid] = p.side or sides.get(eid) or "?"
            evidence = [replace(e, article=e.article or aid) for e in ev.evidence]
            event = replace(ev, participants=parts, evidence=evidence, conflicts=[], sources={}, timex=list(ev.timex))
            reports.append(Report(aid, event, people))
    reports.sort(key=lambda r: (r.sort_key, r.event.start or "", r.event.ordinal or 0))
    return reports


def link_reports(state: EventState) -> None:
    """Join reports that share positive evidence (ordinal, day, people, rate), strongest links first."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, r in enumerate(state.reports):
        for key in block_keys(r):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((min(i, j), max(i, j)))
    scored = []
    for i, j in pairs:
        score = link_score(state.reports[i], state.reports[j])
        if score is not None:
            scored.append((-score, i, j))
    groups = {i: [i] for i in range(len(state.reports))}
    for _, i, j in sorted(scored):
        ri, rj = state.find(i), state.find(j)
        if ri != rj and state.fits(groups[ri], groups[rj]):
            state.union(ri, rj)
            joined = groups.pop(ri) + groups.pop(rj)
            groups[state.find(ri)] = sorted(joined)


def article_window(state: EventState, article: str, skip: int | None = None) -> list[Range]:
    """The dates an article is about: its dated time expressions, publication date, and events."""
    out: list[Range] = []
    for t in state.timexes.get(article, []):
        rng = parse_range(t.value)
        if rng is not None and rng.lo.month is not None:
            out.append(rng)
    pub = state.published.get(article)
    pub_range = parse_range(pub.isoformat()) if pub else None
    if pub_range is not None:
        out.append(pub_range)
    for root, members in state.clusters().items():
        if root == skip or not any(state.reports[i].article == article for i in members):
            continue
        ev = state.merged(members)
        rng = parse_range(ev.start, ev.end)
        if rng is not None and rng.lo.month is not None:
            out.append(rng)
    return out


def _is_partial(ev: Event) -> bool:
    rng = parse_range(ev.start, ev.end)
    dated = rng is not None and rng.has_day
    if ev.type in ENCOUNTERS:
        return not dated
    return ev.ordinal is None or not dated


def attach_partial(state: EventState) -> bool:
    """Join an event that lacks an ordinal or a date to the one event its articles can mean."""
    clusters = state.clusters()
    views = {root: state.merged(m) for root, m in clusters.items()}
    proposals: list[tuple[int, int]] = []
    for root, members in sorted(clusters.items()):
        ev = views[root]
        if not _is_partial(ev):
            continue
        arts = {state.reports[i].article for i in members}
        windows = [w for a in sorted(arts) for w in article_window(state, a, skip=root)]
        people = {p for i in members for p in state.reports[i].people}
        found = []
        for other, om in clusters.items():
            if other == root:
                continue
            ov = views[other]
            if ov.type != ev.type or ov.status != ev.status or not state.fits(members, om):
                continue
            o_rng = parse_range(ov.start, ov.end)
            adds = (
                (ev.ordinal is None and ov.ordinal is not None)
                or (ev.start is None and ov.start is not None)
                or (o_rng is not None and o_rng.has_day and not (parse_range(ev.start, ev.end) or o_rng).has_day)
            )
            if not adds:
                continue
            if ev.type in ENCOUNTERS and not people & {p for i in om for p in state.reports[i].people}:
                continue
            same_article = bool(arts & {state.reports[i].article for i in om})
            in_window = o_rng is not None and o_rng.has_year and any(near(o_rng, w, WINDOW_DAYS) for w in windows)
            if same_article or in_window:
                found.append(other)
        if len(found) == 1:
            proposals.append((root, found[0]))
    changed = False
    for a, b in sorted(proposals):
        ra, rb = state.find(a), state.find(b)
        if ra != rb:
            cl = state.clusters()
            if state.fits(cl[ra], cl[rb]):
                state.union(ra, rb)
                changed = True
    return changed


def event_id(ev: Event) -> str:
    """An id from content: type, negotiation, date or ordinal, smallest evidence."""
    first = min(((e.article, e.start) for e in ev.evidence), default=("", 0))
    key = f"{ev.type}|{ev.negotiation}|{ev.start or ev.ordinal}|{first[0]}:{first[1]}"
    return "e-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def resolve_events(docs: Sequence[Doc], index: EntityIndex, timexes: dict[str, list[DossierTimex]]) -> list[Event]:
    """Merge every doc's events across articles, settling years on the way."""
    from tradetalks.resolve.years import complete_years

    published: dict[str, date | None] = {}
    for doc in docs:
        try:
            published[doc.article.id or doc.article.source] = date.fromisoformat(doc.article.published or "")
        except ValueError:
            published[doc.article.id or doc.article.source] = None
    state = EventState(collect_reports(docs, index), timexes, published)
    link_reports(state)
    for _ in range(_ROUNDS):
        changed = complete_years(state)
        changed = attach_partial(state) or changed
        if not changed:
            break
    events = []
    for members in state.clusters().values():
        ev = state.merged(members)
        ev.id = event_id(ev)
        events.append(ev)
    taken: dict[str, int] = defaultdict(int)
    for ev in sorted(events, key=lambda e: (e.start or "9999", e.type, e.id or "")):
        taken[ev.id or ""] += 1
        if taken[ev.id or ""] > 1:
            ev.id = f"{ev.id}-{taken[ev.id or '']}"
    return sorted(events, key=lambda e: (e.start or "9999", e.type, e.id or ""))
