"""One event per real event: reports from many articles merged, attributes completed, conflicts kept."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from tradetalks.model import Doc, DossierTimex, Event, Participant
from tradetalks.resolve.dates import Range, near, parse_range, same_day
from tradetalks.resolve.entities import EntityIndex
from tradetalks.resolve.measures import rate_alone_links, rates_of_several_measures
from tradetalks.resolve.named import join_named_agreements
from tradetalks.resolve.reports import (
    DOCUMENTS,
    ENCOUNTERS,
    SERIES,
    Report,
    block_keys,
    clock_apart,
    link_score,
    reports_conflict,
    same_talks,
    talks_of,
)
from tradetalks.resolve.standing import join_one_dated_measure, join_standing_measures
from tradetalks.resolve.state import EventState
from tradetalks.resolve.years import complete_years, forget_far_years

#: Types whose negotiation is the country a rate targets, never the article's talks (a report names the
#: rates of many countries: "Mỹ áp thuế 145% lên Trung Quốc" in an article about the Viet Nam–US talks).
COUNTRY_RATES = frozenset({"tariff_action"})
#: An article's own dates reach this many days either side when placing an undated report.
WINDOW_DAYS = 45
_ROUNDS = 6


def collect_reports(docs: Sequence[Doc], index: EntityIndex, hashes: Mapping[str, str] | None = None) -> list[Report]:
    """Each doc's events as reports, participants turned from "m<i>" into entity ids.

    ``hashes`` (article id -> content hash) stands in for the text of slim docs, whose own hash is of "".
    """
    reports: list[Report] = []
    sides = {e.id: e.side for e in index.entities}
    for doc in docs:
        aid = doc.article.id or doc.article.source
        for ev in doc.events:
            people: dict[str, str] = {}
            parts: list[Participant] = []
            for p in ev.participants:
                eid = index.entity_of(aid, p.entity) or p.entity
                parts.append(Participant(eid, p.side or sides.get(eid), p.name))
                if eid.startswith("p-"):
                    people[eid] = p.side or sides.get(eid) or "?"
            evidence = [replace(e, article=aid) for e in ev.evidence]
            event = replace(ev, participants=parts, evidence=evidence, conflicts=[], sources={}, timex=list(ev.timex))
            if ev.reference:
                event, people = identity_only(event), {}
            digest = hashes[aid] if hashes is not None and aid in hashes else doc.article.hash
            told = f"{doc.article.published or '9999'}|{digest}"
            reports.append(Report(aid, event, people, told, _publication(doc)))
    named: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        if r.event.negotiation is not None:
            named[r.article].add(r.event.negotiation)
    for r in reports:
        if r.event.negotiation is None and r.event.type not in COUNTRY_RATES and len(named[r.article]) == 1:
            r.context = next(iter(named[r.article]))
    reports.sort(key=lambda r: (r.sort_key, r.event.start or "", r.event.ordinal or 0))
    return reports


def identity_only(ev: Event) -> Event:
    """Rule ``references_donate_no_attributes``: a round named only as background ("sau vòng đàm phán thứ
    ba") keeps what its own phrase says (type, number, negotiation, tense, and a date, level or mode written
    in that phrase, which is all extraction gives it: "chuẩn bị cho phiên đàm phán trực tuyến cấp bộ trưởng
    dự kiến trong tháng 11") and gives its event none of the article's place, part of day or participants; an
    agreement named by its city keeps that city, its own name (rule ``agreement_named_by_place``)."""
    location = ev.location if ev.type in DOCUMENTS else None
    return replace(ev, time_of_day=None, location=location, participants=[])


def _publication(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(doc.article.published or "")
    except ValueError:
        return None


def link_reports(state: EventState) -> None:
    """Join reports that share positive evidence (ordinal, day, people, rate), strongest links first."""
    pairs = _candidate_pairs(state)
    scored = []
    windows: dict[str, list[Range]] = {}
    several = rates_of_several_measures(state.reports)
    for i, j in pairs:
        a, b = state.reports[i], state.reports[j]
        score = link_score(a, b)
        if score is None and _one_agreement_of_one_day(state, windows, a, b):
            score = 1.0
        if score is None:
            continue
        if a.article != b.article:
            if not same_talks(a, b) and not _strong_link(state, windows, a, b):
                continue
            if not _told_together(a, b) and not _windows_meet(state, windows, a, b):
                continue
            if not rate_alone_links(a, b, several):
                continue
        scored.append((-score, i, j))
    for _, i, j in sorted(scored):
        ri, rj = state.find(i), state.find(j)
        if ri != rj and state.fits(state.groups[ri], state.groups[rj]):
            state.union(ri, rj)


def _strong_link(state: EventState, cache: dict[str, list[Range]], a: Report, b: Report) -> bool:
    """Rule ``unknown_negotiation_needs_strong_link``: reports of two articles that do not both name one
    negotiation are one event only on the same day (or the same sitting a time zone apart), or on the same
    number or the same two people told by articles whose own dates lie close (both give dates). A
    "vòng thứ 5" of an undated article is no evidence for the fifth round another article tells of."""
    if same_day(a.range, b.range) or clock_apart(a.event, b.event, a.range, b.range):
        return True
    if a.event.type == "tariff_action":
        # one rate is shared by many countries' measures: with neither negotiation known, the day must agree;
        # with one known, both must be dated (a month will do; link_score checks they agree)
        known = a.event.negotiation is not None or b.event.negotiation is not None
        return known and a.range is not None and b.range is not None
    for r in (a, b):
        if r.article not in cache:
            cache[r.article] = _own_dates(state, r.article)
    wa, wb = cache[a.article], cache[b.article]
    close = any(near(x, y, WINDOW_DAYS) for x in wa for y in wb)
    if a.event.ordinal is not None and a.event.ordinal == b.event.ordinal:
        return close
    return close and a.event.type in ENCOUNTERS and len(set(a.people) & set(b.people)) >= 2


def _one_agreement_of_one_day(state: EventState, cache: dict[str, list[Range]], a: Report, b: Report) -> bool:
    """Rule ``agreement_of_the_days_both_articles_name``: an agreement of one negotiation left undated in
    one article or both is the same agreement when nothing about the two reports conflicts and the two
    articles name the same day ("thỏa thuận" in two articles of 20/2 that both speak of 18/2)."""
    if a.article == b.article or a.event.type not in DOCUMENTS or b.event.type != a.event.type:
        return False
    ra, rb = a.range, b.range
    if ra is not None and ra.has_day and rb is not None and rb.has_day:
        return False  # two dated reports link by their days (link_score)
    if not same_talks(a, b) or reports_conflict(a, b):
        return False
    for r in (a, b):
        if r.article not in cache:
            cache[r.article] = _own_dates(state, r.article)
    days_a = {d for x in cache[a.article] if (d := _one_day(x)) is not None}
    return any(_one_day(y) in days_a for y in cache[b.article])


def _one_day(rng: Range) -> date | None:
    days = rng.days() if rng.has_year and rng.has_day else None
    return days[0] if days is not None and days[0] == days[1] else None


def _candidate_pairs(state: EventState) -> set[tuple[int, int]]:
    """Pairs of reports that share a block key in one season; a report of an undated article ("*") meets
    every season of its key (so cost grows with the undated reports, not with the square of the archive)."""
    blocks: dict[tuple[str, ...], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    seasons: dict[str, frozenset[str]] = {}
    for i, r in enumerate(state.reports):
        if r.article not in seasons:
            seasons[r.article] = _months(_own_dates(state, r.article))
        for key in block_keys(r, seasons[r.article]):
            blocks[key[:-1]][key[-1]].append(i)
    pairs: set[tuple[int, int]] = set()

    def add(members: list[int], others: list[int] | None = None) -> None:
        for x, i in enumerate(members):
            for j in members[x + 1 :] if others is None else others:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))

    for by_season in blocks.values():
        undated = by_season.get("*", [])
        for season, members in by_season.items():
            add(members)
            if season != "*" and undated:
                add(undated, members)
    return pairs


def _months(dates: list[Range]) -> frozenset[str]:
    """The months an article's dated days fall in, each with the month after it ("*" when none has a year)."""
    out: set[str] = set()
    for rng in dates:
        days = rng.days() if rng.has_year else None
        if days is None:
            continue
        for d in days:
            out.add(f"{d.year:04d}-{d.month:02d}")
            nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
            out.add(f"{nxt.year:04d}-{nxt.month:02d}")
    return frozenset(out) or frozenset({"*"})


def _told_together(a: Report, b: Report) -> bool:
    """Both name the same day, or the same number in a series."""
    if a.event.ordinal is not None and a.event.ordinal == b.event.ordinal:
        return True
    return same_day(a.range, b.range)


def _windows_meet(state: EventState, cache: dict[str, list[Range]], a: Report, b: Report) -> bool:
    """Two articles' own dates lie within WINDOW_DAYS of each other (or one of them gives none)."""
    for r in (a, b):
        if r.article not in cache:
            cache[r.article] = _own_dates(state, r.article)
    wa, wb = cache[a.article], cache[b.article]
    return not wa or not wb or any(near(x, y, WINDOW_DAYS) for x in wa for y in wb)


def _own_dates(state: EventState, article: str) -> list[Range]:
    """An article's time expressions naming a month (a span of a quarter at most: "10 tháng năm 2025" is the
    period figures cover, not when the article's events happen), and its publication date."""
    out = [
        r
        for t in state.timexes.get(article, [])
        if (r := parse_range(t.value)) is not None and r.lo.month and _span_months(r) <= _SPAN_MONTHS
    ]
    pub = state.published.get(article)
    pub_range = parse_range(pub.isoformat()) if pub else None
    return out + ([pub_range] if pub_range is not None else [])


_SPAN_MONTHS = 2  # a range ending at most two months after the one it starts in


def _span_months(r: Range) -> int:
    """How many months after its first one a range ends (a year left unknown on one side counts as the same)."""
    years = (r.hi.year - r.lo.year) if r.hi.year is not None and r.lo.year is not None else 0
    return years * 12 + (r.hi.month or 12) - (r.lo.month or 1)


def article_window(state: EventState, article: str, skip: int | None = None) -> list[Range]:
    """The dates an article is about: its time expressions naming a month, publication date, and events."""
    out = _own_dates(state, article)
    for root in sorted({state.find(i) for i in state.by_article.get(article, [])}):
        if root == skip:
            continue
        ev = state.view(root)
        rng = parse_range(ev.start, ev.end)
        if rng is not None and rng.lo.month is not None:
            out.append(rng)
    return out


def _is_partial(ev: Event) -> bool:
    if ev.reference and ev.type in DOCUMENTS:
        return False  # named by its city: joined by that name (rule agreement_named_by_place), never by dates
    rng = parse_range(ev.start, ev.end)
    dated = rng is not None and rng.has_day
    if ev.type in ENCOUNTERS:
        return not dated
    return ev.ordinal is None or not dated


def _months_near(rng: Range) -> set[int]:
    """The month of a range's start and the months beside it (a window reaches 45 days)."""
    m = rng.lo.month or 0
    if not m:
        return set(range(1, 13))
    return {(m + k - 1) % 12 + 1 for k in (-2, -1, 0, 1, 2)} | {rng.hi.month or m}


@dataclass(slots=True)
class _Pass:
    """What one attachment pass looks up: events by type and month, by type and person, article windows."""

    by_month: dict[tuple[str, int | None, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    by_person: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    by_talks: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    windows: dict[str, list[Range]] = field(default_factory=dict)
    people: dict[int, set[str]] = field(default_factory=dict)
    articles: dict[int, set[str]] = field(default_factory=dict)


def _index(state: EventState) -> _Pass:
    index = _Pass()
    for root, members in state.groups.items():
        ev = state.view(root)
        rng = parse_range(ev.start, ev.end)
        index.people[root] = {p for i in members for p in state.reports[i].people}
        index.articles[root] = {state.reports[i].article for i in members}
        if ev.type in ENCOUNTERS:
            for p in index.people[root]:
                index.by_person[(ev.type, p)].append(root)
        elif ev.type in SERIES and rng is not None and rng.lo.month is not None and rng.has_day:
            index.by_month[(ev.type, None, rng.lo.month)].append(root)
            index.by_month[(ev.type, rng.lo.year, rng.lo.month)].append(root)
        elif ev.type in DOCUMENTS and rng is not None and rng.has_year and rng.has_day:
            talks = _group_talks(state, members)
            if talks is not None:
                index.by_talks[(ev.type, talks)].append(root)
    return index


def _group_talks(state: EventState, members: list[int]) -> str | None:
    """The one negotiation an event's reports belong to (named by them or by their articles), else None."""
    named = {talks_of(state.reports[i]) for i in members}
    return next(iter(named)) if len(named) == 1 else None


def _candidates(state: EventState, root: int, index: _Pass) -> list[int]:
    """Events a partial event can be: same type and status, compatible, adding what it lacks, and either
    told by one of its articles or dated within the dates its articles speak of; sharing a person if encounters."""
    members = state.groups[root]
    ev = state.view(root)
    arts = sorted(index.articles[root])
    windows = []
    for a in arts:
        if a not in index.windows:
            index.windows[a] = article_window(state, a)
        windows.extend(index.windows[a])
    people = index.people[root]
    pool = {state.find(i) for a in arts for i in state.by_article[a]}
    if ev.type in ENCOUNTERS:
        for p in people:
            pool.update(index.by_person.get((ev.type, p), ()))
    elif ev.type in DOCUMENTS:
        talks = _group_talks(state, members)
        if talks is not None:
            pool.update(index.by_talks.get((ev.type, talks), ()))
    elif ev.type in SERIES:
        for w in windows:
            years: list[int | None] = [None] if w.lo.year is None else [w.lo.year - 1, w.lo.year, w.lo.year + 1]
            for y in years:
                for m in _months_near(w):
                    pool.update(index.by_month.get((ev.type, y, m), ()))
    own_range = parse_range(ev.start, ev.end)
    found = []
    for other in sorted(pool - {root}):
        ov = state.view(other)
        if ov.type != ev.type or ov.status != ev.status and not _plan_kept(ev, ov, people, index.people[other]):
            continue
        o_rng = parse_range(ov.start, ov.end)
        adds = (ev.ordinal is None and ov.ordinal is not None) or (
            o_rng is not None and o_rng.has_day and not (own_range is not None and own_range.has_day)
        )
        if not adds:
            continue
        om = state.groups[other]
        if ev.type in ENCOUNTERS and not people & index.people[other]:
            continue
        same_article = not index.articles[root].isdisjoint(index.articles[other])
        # an agreement of another article must be placed by dates with their year: a negotiation signs and
        # announces several, and "2/7" alone may be any year's (rule agreements_placed_by_dated_windows)
        placing = [w for w in windows if w.has_year] if ev.type in DOCUMENTS else windows
        in_window = o_rng is not None and o_rng.has_year and any(near(o_rng, w, WINDOW_DAYS) for w in placing)
        if (same_article or in_window) and state.fits(members, om):
            found.append(other)
            if len(found) > 1:
                break  # more than one event fits: the report stays apart
    return found


def _plan_kept(ev: Event, held: Event, people: set[str], held_people: set[str]) -> bool:
    """Rule ``plan_kept``: a round or meeting told as to come ("sẽ gặp", "vòng đàm phán mới") between two people
    is the one held by the same two people that its articles' dates can mean; a plan told by one person is
    too loose to place."""
    return ev.status == "planned" and held.status == "held" and len(people & held_people) >= 2


def attach_partial(state: EventState) -> bool:
    """Join an event that lacks an ordinal or a date to the one event its articles can mean."""
    index = _index(state)
    proposals: list[tuple[int, int]] = []
    for root in sorted(state.groups):
        if _is_partial(state.view(root)):
            found = _candidates(state, root, index)
            if len(found) == 1:
                proposals.append((root, found[0]))
    changed = False
    for a, b in sorted(proposals):
        ra, rb = state.find(a), state.find(b)
        if ra != rb and state.fits(state.groups[ra], state.groups[rb]):
            state.union(ra, rb)
            changed = True
    return changed


def event_id(ev: Event) -> str:
    """An id from content: type, negotiation, date or ordinal, smallest evidence."""
    first = min(((e.article, e.start) for e in ev.evidence), default=("", 0))
    key = f"{ev.type}|{ev.negotiation}|{ev.start or ev.ordinal}|{first[0]}:{first[1]}"
    return "e-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def resolve_events(
    docs: Sequence[Doc],
    index: EntityIndex,
    timexes: dict[str, list[DossierTimex]],
    hashes: Mapping[str, str] | None = None,
    known: Callable[[EventState], None] | None = None,
) -> list[Event]:
    """Merge every doc's events across articles, settling years on the way (``hashes`` as in collect_reports;
    ``known`` adds what events resolved outside the docs say of rounds and people, see EventState)."""
    published = {doc.article.id or doc.article.source: _publication(doc) for doc in docs}
    state = EventState(collect_reports(docs, index, hashes), timexes, published)
    if known is not None:
        known(state)
    forget_far_years(state)
    link_reports(state)
    several = rates_of_several_measures(state.reports)
    for _ in range(_ROUNDS):
        changed = complete_years(state)
        changed = attach_partial(state) or changed
        changed = join_standing_measures(state) or changed
        changed = join_one_dated_measure(state, several) or changed
        changed = join_named_agreements(state) or changed
        if not changed:
            break
    events = []
    for members in state.groups.values():
        ev = state.merged(members)
        ev.id = event_id(ev)
        events.append(ev)
    told = {r.article: r.told for r in state.reports}
    events.sort(key=lambda ev: _timeline_order(ev, told))
    taken: dict[str, int] = defaultdict(int)
    for ev in events:
        taken[ev.id or ""] += 1
        if taken[ev.id or ""] > 1:
            ev.id = f"{ev.id}-{taken[ev.id or '']}"
    return events


def _timeline_order(ev: Event, told: Mapping[str, str]) -> tuple[str, str, int, str, str, str]:
    """Date first; events of the same date in the order their first source tells them (a call, then the
    tariffs announced after it). Sources are placed by ``told`` (date, text hash), so the order depends on
    the articles, never on arrival or on ids (which come from paths)."""
    place, offset = min(((told.get(e.article, ""), e.start) for e in ev.evidence), default=("", 0))
    return (ev.start or "9999", place, offset, ev.type, ev.summary, ev.id or "")
