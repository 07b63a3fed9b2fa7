"""Tariff reports without a day: the reciprocal tariff named without a rate (rule ``standing_measure``) and a
rate told without its day (rule ``one_dated_measure``) join the one dated measure they can name.

"Khi Mỹ áp thuế đối ứng lên hàng xuất khẩu của ta, nhiều doanh nghiệp phải tính lại đơn hàng" in an article
of 5 April 2025 names neither a rate nor a day, yet a reader knows the measure: the one whose rate stood on Viet
Nam's goods on the days the article speaks of (``resources/standing_rates.tsv``: 46% from the announcement of 2
April 2025 until the deal of 2 July). The report joins the event of that measure: the one event of its
negotiation with that rate announced on the first day of the period.

Beside it, rule ``pause_told_after``: a pause so named after the one dated pause of the period is that pause; and
rule ``one_dated_measure``: a rate told without a day is the one dated measure at that rate of its negotiation or
its country's goods.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from tradetalks.extract.events.known_rates import standing_rates, viet_nam
from tradetalks.model import VN_US_RECIPROCAL
from tradetalks.resolve.dates import Range, parse_range
from tradetalks.resolve.reports import Report, talks_of
from tradetalks.resolve.state import EventState

_RATE_DIGITS = 4
#: A rate told as to come is the dated measure only when its article speaks this many days from that date.
WINDOW_DAYS = 45

Period = tuple[date, date, float]  # first day, day after the last, rate
STANDING = -1  # stands for the measure of a standing rate where an event of the state is expected


def _country(r: Report) -> str | None:
    """Whose goods a tariff report is on: the country it names, else Viet Nam for a report of the Viet Nam–US
    talks (a clause naming no goods is on Viet Nam's, as in rule ``known_announcement``)."""
    facts = r.event.tariff
    if facts is not None and facts.country:
        return facts.country
    return viet_nam() if talks_of(r) == VN_US_RECIPROCAL else None


def _periods(country: str) -> list[Period]:
    return [(date.fromisoformat(a), date.fromisoformat(b), rate) for a, b, rate in standing_rates().get(country, [])]


def _unrated(r: Report) -> bool:
    """A tariff report naming no rate, no day and no day of force, and not a proposal."""
    ev, rng = r.event, r.range
    if ev.type != "tariff_action" or ev.rate is not None or (rng is not None and rng.has_day):
        return False
    facts = ev.tariff
    return facts is None or (not facts.effective and facts.action != "proposed")


def _one_day(rng: Range) -> date | None:
    days = rng.days() if rng.has_year and rng.has_day else None
    return days[0] if days is not None and days[0] == days[1] else None


def _article_days(state: EventState, article: str, skip: int) -> list[tuple[date, date]]:
    """The days an article speaks from: its publication day, else the dated days (with their year) of its time
    expressions and of its other events."""
    pub = state.published.get(article)
    if pub is not None:
        return [(pub, pub)]
    ranges = [parse_range(t.value) for t in state.timexes.get(article, [])]
    roots = sorted({state.find(i) for i in state.by_article.get(article, [])} - {skip})
    ranges += [parse_range(ev.start, ev.end) for ev in (state.view(root) for root in roots)]
    out = []
    for rng in ranges:
        days = rng.days() if rng is not None and rng.has_year and rng.has_day else None
        if days is not None:
            out.append(days)
    return out


Pauses = dict[str, list[tuple[date, int]]]  # country -> (day, event) of its dated pauses


def _measures(state: EventState) -> tuple[dict[tuple[str, str, float, date], list[int]], Pauses]:
    """Dated tariff events by (negotiation, country, rate, day), and each country's dated pauses."""
    measures: dict[tuple[str, str, float, date], list[int]] = defaultdict(list)
    pauses: Pauses = defaultdict(list)
    for root, members in state.groups.items():
        ev = state.view(root)
        rng = parse_range(ev.start, ev.end)
        day = _one_day(rng) if ev.type == "tariff_action" and rng is not None else None
        if day is None:
            continue
        reports = [state.reports[i] for i in members]
        talks = {talks_of(r) for r in reports}
        countries = {c for r in reports if (c := _country(r)) is not None}
        if len(talks) != 1 or len(countries) != 1:
            continue
        talk, country = next(iter(talks)), next(iter(countries))
        if ev.rate is not None and talk is not None:
            measures[(talk, country, round(ev.rate, _RATE_DIGITS), day)].append(root)
        if any(r.event.tariff is not None and r.event.tariff.action == "suspended" for r in reports):
            pauses[country].append((day, root))
    return measures, pauses


def _period_of(days: list[tuple[date, date]], periods: list[Period]) -> Period | None:
    """The one standing period every day lies in (the country's only period for an article dating nothing)."""
    if not days:
        return periods[0] if len(periods) == 1 else None
    return next((p for p in periods if all(p[0] <= lo and hi < p[1] for lo, hi in days)), None)


def _other_rate_told(state: EventState, reports: list[Report], rate: float) -> bool:
    """Whether the articles of the reports tell another rate on the same goods: an article that dates nothing but
    names the 20% of the deal is no article of the period when 46% stood."""
    targets = {t for r in reports for t in (talks_of(r), _country(r)) if t}
    for article in sorted({r.article for r in reports}):
        for i in state.by_article.get(article, []):
            other = state.reports[i]
            if other.event.type != "tariff_action" or other.event.rate is None:
                continue
            if abs(other.event.rate - rate) > 1e-6 and targets & {talks_of(other), _country(other)}:
                return True
    return False


def _paused(
    state: EventState, days: list[tuple[date, date]], period: Period, pauses: list[tuple[date, int]]
) -> int | None:
    """The event a pause named without rate or day is, in an article of a standing period: after the one dated
    pause of the period, that pause; before every dated pause, a pause asked for, of the measure then standing
    (STANDING); else none (no dated pause, or the article's days fall between or before and after)."""
    made = sorted((d, state.find(root)) for d, root in pauses if period[0] <= d < period[1])
    if not days or not made:
        return None
    if all(hi < made[0][0] for _, hi in days):
        return STANDING
    if len({root for _, root in made}) == 1 and all(lo >= made[0][0] for lo, _ in days):
        return made[0][1]
    return None


def join_standing_measures(state: EventState) -> bool:
    """Rule ``standing_measure`` (see the module): join each unrated, undated tariff report of a negotiation to
    the measure whose rate stood on its country's goods on every day its article speaks of; a pause named so
    ("tạm hoãn áp thuế") joins it only when its article speaks before every dated pause of that period (a pause
    asked for, of the measure then standing), and joins the one dated pause of the period when its article
    speaks after it (rule ``pause_told_after``). An article dating nothing is of the country's only period unless it
    tells another rate on the same goods. The report stays apart when no event or several fit."""
    measures: dict[tuple[str, str, float, date], list[int]] | None = None
    pauses: Pauses = {}
    changed = False
    for root in sorted(state.groups):
        if root not in state.groups:
            continue
        reports = [state.reports[i] for i in state.groups[root]]
        if not all(_unrated(r) for r in reports):
            continue
        talks = {talks_of(r) for r in reports}
        countries = {_country(r) for r in reports}
        if len(talks) != 1 or len(countries) != 1 or None in talks or None in countries:
            continue
        talk, country = next(iter(talks)), next(iter(countries))
        assert talk is not None and country is not None
        periods = _periods(country)
        if not periods:
            continue
        days = [d for a in sorted({r.article for r in reports}) for d in _article_days(state, a, root)]
        period = _period_of(days, periods)
        if period is None or not days and _other_rate_told(state, reports, period[2]):
            continue
        if measures is None:
            measures, pauses = _measures(state)
        paused: int | None = STANDING
        if any(r.event.tariff is not None and r.event.tariff.action == "suspended" for r in reports):
            paused = _paused(state, days, period, pauses.get(country, []))
        if paused is None:
            continue
        key = (talk, country, round(period[2], _RATE_DIGITS), period[0])
        found = {state.find(t) for t in measures.get(key, [])} if paused == STANDING else {paused}
        if len(found) != 1:
            continue
        target = next(iter(found))
        if target != root and state.fits(state.groups[root], state.groups[target]):
            state.union(root, target)
            changed = True
            measures = None  # the joined event's view changed
    return changed


def _action_kind(r: Report) -> str:
    """What a tariff report tells of its rate: a pause or removal, a proposal, or the rate set."""
    action = r.event.tariff.action if r.event.tariff is not None else None
    return action if action in ("suspended", "proposed") else "set"


def _dated_measures(state: EventState) -> dict[tuple[str, float], list[int]]:
    """Tariff events dated to a month or a day with its year, by each negotiation or country their reports give
    and their rate."""
    out: dict[tuple[str, float], list[int]] = defaultdict(list)
    for root, members in state.groups.items():
        ev = state.view(root)
        rng = parse_range(ev.start, ev.end)
        if ev.type != "tariff_action" or ev.rate is None or rng is None or not rng.has_year or rng.lo.month is None:
            continue
        targets = {t for i in members for t in (talks_of(state.reports[i]), _country(state.reports[i])) if t}
        for t in sorted(targets):
            out[(t, round(ev.rate, _RATE_DIGITS))].append(root)
    return out


def join_one_dated_measure(state: EventState, several: frozenset[tuple[str, float]]) -> bool:
    """Rule ``one_dated_measure``: a rate told without a day ("Mỹ từng đánh thuế 50% lên hàng Ấn Độ" in an article
    of February) is the one dated measure of its negotiation (or of its country's goods) at that rate that tells
    the same kind of action (set, paused, proposed): "bãi bỏ mức 25%" is no report of the 25% set. A rate the
    dossier ties to several days (``rate_of_several_measures_is_no_link``) or of two dated events names none of
    them; a rate told as to come must be told within WINDOW_DAYS of that measure's date."""
    measures: dict[tuple[str, float], list[int]] | None = None
    changed = False
    for root in sorted(state.groups):
        if root not in state.groups:
            continue
        reports = [state.reports[i] for i in state.groups[root]]
        first = reports[0].event
        if first.type != "tariff_action" or first.rate is None or any(r.range is not None for r in reports):
            continue
        rate = round(first.rate, _RATE_DIGITS)
        kinds = {_action_kind(r) for r in reports}
        targets = {t for r in reports for t in (talks_of(r), _country(r)) if t}
        if len(kinds) != 1 or not targets or any((t, rate) in several for t in targets):
            continue
        if measures is None:
            measures = _dated_measures(state)
        found = {state.find(c) for t in targets for c in measures.get((t, rate), [])} - {root}
        if len(found) != 1:
            continue
        target = next(iter(found))
        others = [state.reports[i] for i in state.groups[target]]
        if {_action_kind(r) for r in others} != kinds or not state.fits(state.groups[root], state.groups[target]):
            continue
        if any(r.event.status == "planned" for r in reports) and not _near_articles(state, reports, target):
            continue
        state.union(root, target)
        changed = True
        measures = None
    return changed


def _near_articles(state: EventState, reports: list[Report], target: int) -> bool:
    """Every article of the reports speaks within WINDOW_DAYS of the target event's date."""
    rng = parse_range(state.view(target).start, state.view(target).end)
    days = rng.days() if rng is not None else None
    if days is None:
        return False
    for a in sorted({r.article for r in reports}):
        own = _article_days(state, a, -1)
        if not own or not any(
            (days[0] - hi).days <= WINDOW_DAYS and (lo - days[1]).days <= WINDOW_DAYS for lo, hi in own
        ):
            return False
    return True
