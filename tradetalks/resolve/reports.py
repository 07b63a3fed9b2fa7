"""Event reports (one article's account of an event) and the rules that say two can be one event."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from tradetalks.event_types import types_where
from tradetalks.model import Conflict, Event, Participant, TariffFacts
from tradetalks.resolve.dates import Range, compatible, fill_year, near, parse_range, same_day, unresolved, year_of
from tradetalks.resolve.names import fold_text

#: Events between people, told apart by who took part.
ENCOUNTERS = frozenset(types_where("encounter"))
#: Events numbered in a series per negotiation ("vòng thứ 5", "phiên thứ 8").
SERIES = frozenset(types_where("series"))
#: Agreements of a negotiation, told apart by their day.
DOCUMENTS = frozenset(types_where("document"))
#: Two reports of one numbered round whose dated years put them further apart than this are two rounds.
ROUND_SPREAD_DAYS = 31
_VOTED = ("negotiation", "ordinal", "level", "mode", "time_of_day", "location", "status", "rate")


@dataclass(slots=True)
class Report:
    """One article's account of an event, participants already mapped to entity ids."""

    article: str
    event: Event
    people: dict[str, str] = field(default_factory=dict)  # person entity id -> side ("?" unknown)
    told: str = ""  # the article's place among the others by content (date, text hash), never by its id or path
    published: date | None = None  # the article's publication date
    context: str | None = None  # the one negotiation the article's other reports name (see talks_of)

    @property
    def range(self) -> Range | None:
        return parse_range(self.event.start, self.event.end)

    @property
    def sort_key(self) -> tuple[str, str, int, str]:
        article, offset = self.event.first_told()
        return (self.told, article, offset, self.event.type)


def _same_place(a: str, b: str) -> bool:
    fa, fb = fold_text(a), fold_text(b)
    return fa in fb or fb in fa


def hard_conflict(a: Event, b: Event, a_people: dict[str, str], b_people: dict[str, str]) -> bool:
    """Facts that forbid two reports being one event: type, negotiation, ordinal, rate, mode, dates, people."""
    if a.type != b.type:
        return True
    if a.negotiation and b.negotiation and a.negotiation != b.negotiation:
        return True
    if a.ordinal is not None and b.ordinal is not None:
        if a.ordinal != b.ordinal:
            return True
        numbered = True
    else:
        numbered = False
    if a.rate is not None and b.rate is not None and abs(a.rate - b.rate) > 1e-6:
        return True
    if _other_measure(a, b):
        return True
    ra, rb = parse_range(a.start, a.end), parse_range(b.start, b.end)
    if numbered and rounds_apart(ra, rb):
        return True
    if not numbered:
        if a.mode and b.mode and a.mode != b.mode:
            return True
        if not compatible(ra, rb) and not clock_apart(a, b, ra, rb):
            return True
    if a.type in ENCOUNTERS and a_people and b_people:
        shared = set(a_people) & set(b_people)
        if not shared:
            return True
        if len(shared) == 1 and set(a_people) - shared and set(b_people) - shared:
            return True  # one person met two different counterparts
        sides_a: dict[str, set[str]] = defaultdict(set)
        sides_b: dict[str, set[str]] = defaultdict(set)
        for pid, side in a_people.items():
            sides_a[side].add(pid)
        for pid, side in b_people.items():
            sides_b[side].add(pid)
        for side in set(sides_a) & set(sides_b):
            if side != "?" and not sides_a[side] & sides_b[side]:
                return True
    return False


def _other_measure(a: Event, b: Event) -> bool:
    """Rule ``tariffs_of_other_goods_or_days``: two tariffs on different goods ("thép" and all goods) or in
    force from different days ("từ 1/8" and "từ 7/8") are two measures, whatever their rate."""
    ta, tb = a.tariff, b.tariff
    if ta is None or tb is None:
        return False
    if ta.scope and tb.scope and ta.scope != tb.scope:
        return True
    if _baseline_set(ta) and tb.action == "suspended" or _baseline_set(tb) and ta.action == "suspended":
        return True
    return bool(ta.effective and tb.effective) and not compatible(parse_range(ta.effective), parse_range(tb.effective))


def _baseline_set(facts: TariffFacts) -> bool:
    """Rule ``baseline_is_no_pause``: the floor rate set on every partner ("mức thuế sàn 10% cho mọi đối tác") and
    a pause of a country's rate ("tạm hoãn áp thuế đối ứng 90 ngày, chỉ giữ 10%") are two measures even at one
    rate: this is the report of a floor rate set, not paused."""
    return facts.scope == "baseline" and facts.action != "suspended"


def rounds_apart(ra: Range | None, rb: Range | None) -> bool:
    """Rule ``numbered_rounds_far_apart``: one number, dates with their years months apart, two rounds.

    "vòng thứ 5" held 4/11/2013 and "vòng thứ 5" held 25/10/2025 are the fifth rounds of two negotiations;
    two days a week apart stay one round with a date conflict.
    """
    if ra is None or rb is None or not (ra.has_year and rb.has_year):
        return False
    return not near(ra, rb, ROUND_SPREAD_DAYS)


def talks_of(r: Report) -> str | None:
    """Rule ``article_names_the_talks``: a report that names no negotiation belongs to the one negotiation
    every other report of its article names ("Thỏa thuận" in an article whose rounds and calls are all of
    the Viet Nam–US talks); an article naming two negotiations, or none, gives it none. A tariff takes no
    negotiation from its article: its rate belongs to the country it targets."""
    return r.event.negotiation or r.context


def same_talks(a: Report, b: Report) -> bool:
    """Both reports belong to the same known negotiation, named by themselves or by their articles, or are
    tariffs on the same country's goods."""
    ta = talks_of(a)
    return ta is not None and ta == talks_of(b) or same_target(a.event, b.event)


def same_target(a: Event, b: Event) -> bool:
    """Rule ``one_country_one_rate``: tariffs on the goods of one country are measures of the same talks even
    when a report names none ("áp thuế 46% đối với hàng hóa từ Việt Nam" beside reports of the Viet Nam–US
    talks); their rate, goods and days still have to agree (hard_conflict, link_score)."""
    ta, tb = a.tariff, b.tariff
    return ta is not None and tb is not None and ta.country is not None and ta.country == tb.country


def clock_apart(a: Event, b: Event, ra: Range | None, rb: Range | None) -> bool:
    """A session or round in one place told one day apart: Washington's day and Ha Noi's day of the same
    sitting ("chiều 10/11 giờ Mỹ" is the morning of 11/11 in Viet Nam). Kept as a date conflict."""
    if a.type not in SERIES or ra is None or rb is None or not (ra.has_day and rb.has_day):
        return False
    if a.end or b.end or not (a.location and b.location and _same_place(a.location, b.location)):
        return False
    return near(ra, rb, 1) and not compatible(ra, rb)


def first_day(r: Report) -> date | None:
    """The first day a report's dates can mean, when they give it with its year."""
    rng = r.range
    days = rng.days() if rng is not None and rng.has_year else None
    return days[0] if days else None


def told_before(a: Report, b: Report) -> bool:
    """Rule ``held_not_after_publication``: an article cannot report as held an event that begins after it
    was published; a report dated 21/2 is not the meeting an article of 20/2 tells as done."""
    if a.event.status != "held" or a.published is None:
        return False
    day = first_day(b)
    return day is not None and day > a.published


def reports_conflict(a: Report, b: Report) -> bool:
    """Facts of the events or of their articles' publication that forbid two reports being one event."""
    return hard_conflict(a.event, b.event, a.people, b.people) or told_before(a, b) or told_before(b, a)


def link_score(a: Report, b: Report) -> float | None:
    """How strongly two reports name one event, or None when nothing positive links them."""
    ea, eb = a.event, b.event
    if reports_conflict(a, b):
        return None
    ra, rb = a.range, b.range
    day = same_day(ra, rb)
    if ea.ordinal is not None and ea.ordinal == eb.ordinal:
        return 3.0 + day
    same_rate = ea.type == "tariff_action" and ea.rate is not None and ea.rate == eb.rate
    if same_rate and ra is not None and rb is not None:
        return 2.0 + day  # one rate at one time is one measure, announced ("dự kiến") or in force
    shared = len(set(a.people) & set(b.people))
    if ea.status != eb.status and not day and not (ea.type in ENCOUNTERS and shared >= 2):
        return None  # rule ``tense_is_no_identity``: "sẽ gặp" and "đã gặp" of the same two people can be one
    if ea.type in ENCOUNTERS:
        if day and shared >= 1 or shared >= 2:
            return 1.0 + shared + day
        return None
    if ea.type == "tariff_action":
        if ea.rate is not None and ea.rate == eb.rate:
            return 2.0 + day
        return 2.0 if day else None
    if day:
        return 2.0
    return 1.0 if clock_apart(ea, eb, ra, rb) else None


def block_keys(r: Report, months: frozenset[str]) -> Iterator[tuple[str, ...]]:
    """Keys under which possibly linked reports meet: the same negotiation's number, a day with its year,
    or a number, a rate or two people within the months the report's article speaks of. The last part of a
    key is its season: "" for none; the year of a day; else "YYYY-MM" of the article's dates and the month
    after each (two articles a month apart share one); "*" when the article dates nothing (it meets every
    season of the key).
    A day or a season never spans years: a block holds what one season tells, not the archive."""
    e = r.event
    if e.ordinal is not None:
        if e.negotiation is not None:
            yield ("o", e.type, e.negotiation, str(e.ordinal), "")
        for m in months:
            yield ("om", e.type, str(e.ordinal), m)  # an unknown negotiation meets the number in its season
    rng = r.range
    if rng is not None and rng.has_day:
        # a yearless day meets the days of its article's years and the year before ("28/12" told on 5/1)
        years: list[int | None] = [rng.lo.year]
        if rng.lo.year is None:
            years = [*sorted({int(m[:4]) + k for m in months if m != "*" for k in (-1, 0)})] or [None]
        for year in years:
            days = rng.days(year if year is not None else 2000)
            if not days:
                continue
            lo, hi = days
            n = min((hi - lo).days, 14)
            if e.type in SERIES and e.location and lo == hi:
                n += 1  # the next day too: the same sitting told in another time zone (clock_apart)
            for k in range(n + 1):
                dd = date.fromordinal(lo.toordinal() + k)
                yield ("d", e.type, f"{dd.month:02d}-{dd.day:02d}", str(dd.year) if year is not None else "*")
    if e.rate is not None:
        for m in months:
            yield ("r", e.type, f"{e.rate:.4f}", m)
    talks = talks_of(r)
    if e.type in DOCUMENTS and talks is not None and not (rng is not None and rng.has_day):
        for m in months:
            yield ("t", e.type, talks, m)  # an undated agreement meets those of its talks in its season
    if e.type in ENCOUNTERS:
        people = sorted(r.people)
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                for m in months:
                    yield ("p", e.type, a, b, m)


def _vote(values: list[tuple[object, str]]) -> tuple[object, Counter[object]]:
    counts: Counter[object] = Counter()
    seen: set[tuple[object, str]] = set()
    for v, art in values:
        if (v, art) not in seen:
            seen.add((v, art))
            counts[v] += 1
    best = min(counts, key=lambda v: (-counts[v], v != "held", -len(str(v)), str(v)))
    return best, counts


def _group_places(values: list[tuple[str, str]]) -> list[tuple[object, str]]:
    """Map each place to the longest compatible spelling ("Washington" -> "Washington, D.C")."""
    names = sorted({v for v, _ in values}, key=lambda s: (-len(s), s))
    out: list[tuple[object, str]] = []
    for v, art in values:
        out.append((next(n for n in names if _same_place(v, n)), art))
    return out


def _reason(counts: Counter[object], chosen: object) -> str:
    others = sum(n for v, n in counts.items() if v != chosen)
    if counts[chosen] > others:
        return f"{counts[chosen]} sources against {others}"
    return f"{counts[chosen]} sources against {others}; the more complete value"


def _choose_dates(reports: list[Report]) -> tuple[str | None, str | None, str | None, Conflict | None]:
    dated = [r for r in reports if r.event.start]
    if not dated:
        return None, None, None, None

    def support(r: Report) -> int:
        return len({o.article for o in dated if compatible(r.range, o.range)})

    def precision(r: Report) -> tuple[int, int, int]:
        rng = r.range
        return (int(bool(rng and rng.has_year)), int(bool(rng and rng.has_day)), int(bool(r.event.end)))

    def span(r: Report) -> tuple[date, date] | None:
        """The days of a report that gives a run of several days with its year, else None."""
        rng = r.range
        days = rng.days() if rng is not None and rng.has_year and rng.has_day else None
        return days if days is not None and days[0] != days[1] else None

    def same_days(r: Report) -> int:
        days = span(r)
        return len({o.article for o in dated if days is not None and span(o) == days})

    best = min(
        dated,
        key=lambda r: (-support(r), -same_days(r), tuple(-p for p in precision(r)), r.event.start or "", r.sort_key),
    )
    rng, days = best.range, span(best)
    conflict = None
    # two runs of days that overlap yet differ ("12-14/11" and "13-15/11") disagree as much as distinct days
    against = [r for r in dated if not compatible(rng, r.range) or days is not None and span(r) not in (None, days)]
    if against:
        values = [best.event.start] + sorted({r.event.start for r in against if r.event.start})
        evidence = [[e for r in dated if r not in against for e in r.event.evidence]]
        evidence += [[e for r in against if r.event.start == v for e in r.event.evidence] for v in values[1:]]
        n_for = len({r.article for r in dated if r not in against})
        n_against = len({r.article for r in against})
        conflict = Conflict("start", values, evidence, best.event.start, f"{n_for} sources against {n_against}")
    end = best.event.end
    if end is None and "/" not in (best.event.start or ""):
        ends = [r for r in dated if r.event.end and compatible(rng, r.range)]
        if ends:
            end = min(ends, key=lambda r: (not (r.range and r.range.has_year), r.event.end or "")).event.end
    start = best.event.start
    if start and "/" in start:
        start, _, tail = start.partition("/")
        end = end or tail
    year = year_of(start)
    if start and end and year is not None and unresolved(end):
        end = fill_year(f"{start}/{end}", year).partition("/")[2]
    return start, end, best.article, conflict


def merge_reports(reports: list[Report]) -> Event:
    """One event from the reports of it: votes per attribute, sources, conflicts, all evidence."""
    reports = sorted(reports, key=lambda r: r.sort_key)
    base = replace(reports[0].event, participants=[], topics=[], evidence=[], conflicts=[], sources={}, timex=[])
    arts = {r.article for r in reports}
    for attr in _VOTED:
        values: list[tuple[object, str]] = [
            (getattr(r.event, attr), r.article) for r in reports if getattr(r.event, attr) is not None
        ]
        if not values:
            setattr(base, attr, None if attr != "status" else "held")
            continue
        if attr == "location":
            values = list(_group_places([(str(v), a) for v, a in values]))
        chosen, counts = _vote(values)
        setattr(base, attr, chosen)
        support = [a for v, a in values if v == chosen]  # reports are in the order their sources tell them
        if len(arts) > 1:
            base.sources[attr] = support[0]
        if len(counts) > 1:
            ordered = sorted(counts, key=lambda v: (-counts[v], str(v)))
            ev = [
                [e for r in reports if r.article in {a for v2, a in values if v2 == v} for e in r.event.evidence]
                for v in ordered
            ]
            base.conflicts.append(Conflict(attr, list(ordered), ev, chosen, _reason(counts, chosen)))
    start, end, src, conflict = _choose_dates(reports)
    base.start, base.end = start, end
    if src and len(arts) > 1:
        base.sources["start"] = src
    if conflict:
        base.conflicts.append(conflict)
    people: dict[str, Participant] = {}
    for r in reports:
        for p in r.event.participants:
            have = people.get(p.entity)
            if have is None:
                people[p.entity] = Participant(p.entity, p.side, p.name)
            elif have.side is None and p.side:
                have.side = p.side
    base.participants = [people[k] for k in sorted(people)]
    base.topics = sorted({t for r in reports for t in r.event.topics})
    # in the order the sources tell it (by date and text, as reports are), never by article id
    evidence = {(r.told, e.article, e.start, e.end): e for r in reports for e in r.event.evidence}
    base.evidence = [evidence[k] for k in sorted(evidence, key=lambda k: (k[0], k[2], k[3], k[1]))]
    richest = min(
        reports,
        key=lambda r: (-sum(getattr(r.event, a) is not None for a in _VOTED), -len(r.event.summary), r.sort_key),
    )
    base.summary, base.summary_en = richest.event.summary, richest.event.summary_en
    base.conflicts.sort(key=lambda c: c.field)
    base.reference = all(r.event.reference for r in reports)
    return base
