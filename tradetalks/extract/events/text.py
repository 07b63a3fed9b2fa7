"""Finishing an event: dates, place, participants, negotiation, topics, summaries and evidence."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from datetime import date
from functools import cache

from tradetalks.event_types import spec
from tradetalks.extract.cues import (
    ends_with,
    event_lexicon,
    event_table,
    lower_view,
    read_tsv,
)
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.draft import Draft, date_range, known_person, ministerial, unique_people
from tradetalks.extract.events.known_rates import known_announcement
from tradetalks.extract.events.negotiation import negotiation_of
from tradetalks.extract.events.summary import event_summaries
from tradetalks.extract.topics import topics_in
from tradetalks.model import Doc, Event, Participant

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DAYS_OF_A_ROUND = 7  # a round or session lasts at most about a week
_YEAR = re.compile(r"^\d{4}$")
_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_HISTORY_YEARS = 2  # an event dated this many calendar years before its report is history, never a plan
_TOLD_AFTER = 3  # how many sentences after a meeting or round may go on telling what it was about


def _dates(doc: Doc, d: Draft) -> tuple[str | None, str | None, str | None]:
    start = end = tod = None
    values = [doc.timexes[t] for t in d.timexes]
    day = len(values) == 1 and _DAY.match(values[0].value or "") is not None
    if day and _ends_at(doc, values[0].start):  # "vòng … kết thúc ngày 27/6": its last day only
        rng = date_range(values[0].value)
        last = rng[1] if rng else None
        # a round of a few days that ended late in a month began in that month: its start is that month
        began = last[:7] if last and int(last[8:10]) > _DAYS_OF_A_ROUND and spec(d.event.type).series else None
        return began, last, None
    if d.event.type == "tariff_action" and len(values) > 1:  # "sắc lệnh ký ngày 31/7, … áp thuế từ ngày 7/8"
        values = [t for t in values if _after(doc, "effective", t.start)] or values[:1]
    for t in values:
        if _YEAR.match(t.value or "") and start is None:  # "Hiệp định … được ký kết năm 2000"
            start = t.value
            continue
        rng = date_range(t.value)
        if rng is None:
            continue
        if start is None or (_refines(start, end, rng) and not _ends_at(doc, t.start)):
            start, end = rng[0], (rng[1] if rng[1] != rng[0] else None)
        elif end is None and _first_day(rng[0]) > _first_day(start):  # a later day, not the week it lies in
            end = rng[1]
        tod = tod or t.time_of_day
    if d.date_only and (d.time_of_day or spec(d.event.type).kind != "action"):
        # the day of the event before; its own part of day, if the article gives one. Rule decree_part_of_day: a
        # rate told after the decree that sets it ("Chiều 31/7, … ký sắc lệnh …. Trong phụ lục, … 15%") was
        # announced then, in that part of the day
        tod = d.time_of_day
    elif not values and d.time_of_day:  # "trong cuộc điện đàm tối cùng ngày", that day unknown: still the evening
        tod = d.time_of_day
    return start, end, tod


def _refines(start: str, end: str | None, rng: tuple[str, str]) -> bool:
    """Rule ``day_refines_month``: "vào tháng 3 tới, … (17-23/3/2014)": days that lie within the month an event
    was first dated by are its dates (both ends inside that month; not a day it ended on, "kết thúc ngày 21/3")."""
    month = _MONTH.match(start)
    return end is None and month is not None and all(_MONTH.match(v[:7]) and v[:7] == start for v in rng)


def _after(doc: Doc, kind: str, pos: int) -> bool:
    """Whether the date at ``pos`` follows a cue of group ``kind``."""
    key = doc.key or doc.text
    return ends_with(kind, lower_view(key), key, max(0, pos - 30), pos) is not None


def _ends_at(doc: Doc, pos: int) -> bool:
    """Whether the date at ``pos`` follows "kết thúc", "bế mạc" (the day an event ended)."""
    return _after(doc, "ended", pos)


def _monday(week: re.Match[str]) -> date | None:
    """The Monday of an ISO week value matched by ``_WEEK`` ("2025-W46" -> 2025-11-10), None if no such week."""
    try:
        return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
    except ValueError:
        return None


def _first_day(value: str) -> str:
    """The first day a date, month or ISO week covers, comparable as a string ("2025-W46" -> "2025-11-10")."""
    week = _WEEK.match(value)
    monday = _monday(week) if week else None
    return monday.isoformat() if monday else value


def _week_month(value: str | None) -> str | None:
    """ "tuần tới" (``2025-W24``) is no date: the month it lies in, or nothing when it spans two."""
    week = _WEEK.match(value or "")
    if not week:
        return value
    monday = _monday(week)
    if monday is None:
        return None
    sunday = date.fromordinal(monday.toordinal() + 6)
    return monday.isoformat()[:7] if (monday.year, monday.month) == (sunday.year, sunday.month) else None


def _is_future(start: str | None, published: str | None) -> bool:
    """Whether an event starts after the article was published (so it was planned when written)."""
    if not start or not published or start.startswith("X"):
        return False
    week = _WEEK.match(start)
    if week:
        try:
            start = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return False
    return start[:10] > published[: len(start[:10])]


def _long_before(start: str | None, published: str | None) -> bool:
    """Whether an event is dated two calendar years or more before the article that reports it: told as history, it was
    no plan when written (a plan postponed is reported within the year)."""
    if not start or not published or not _YEAR.match(start[:4]) or not _YEAR.match(published[:4]):
        return False
    return int(published[:4]) - int(start[:4]) >= _HISTORY_YEARS and start[:7] < published[:7]


def _location(d: Draft, article_place: str | None) -> str | None:
    places = [loc for loc in d.locations if loc]
    if not places:
        return None
    sites = [p for p in places if _is_site(p)]
    cities = [p for p in places if p not in sites]
    cities = [p for p in cities if _fold(p) not in _country_names()] or cities  # rule city_before_country
    if sites:
        city = cities[0] if cities else article_place
        return f"{sites[0]}, {city}" if city and city not in sites[0] else sites[0]
    return cities[0]


@cache
def _country_names() -> frozenset[str]:
    """Rule ``city_before_country``: "đàm phán tại Thụy Sĩ …. cuộc đàm phán tại Geneva": of the places told for
    one event, a city says more than its country. Every name of a country in ``countries.tsv``, folded."""
    names: set[str] = set()
    for row in read_tsv("countries.tsv"):
        names.add(_fold(row[0]))
        if len(row) >= 4:
            names.update(_fold(alias) for alias in row[3].split("|") if alias)
    return frozenset(names)


def _is_site(place: str) -> bool:
    """ "trụ sở USTR" names a building of an organisation, not a city."""
    low = place.lower()
    return any(low.startswith(site + " ") for site in event_table("site"))


def article_place(drafts: list[Draft]) -> str | None:
    """Where the article's story takes place: the first city named for an event that was held. Rule
    ``city_before_country`` holds here too: "trong chuyến công tác tại Hoa Kỳ, ngày 18/2, tại Washington, …" sets
    the story in Washington, not in the whole country."""
    for d in drafts:
        if d.event.status == "held" and not d.reference:
            cities = [p for p in d.locations if not _is_site(p)]
            cities = [p for p in cities if _fold(p) not in _country_names()] or cities
            if cities:
                return cities[0]
    return None


def _names(doc: Doc, people: list[int]) -> tuple[list[str], list[str]]:
    """Participants for summaries: "Thứ trưởng Nguyễn Sinh Nhật Tân" / "Deputy Minister Nguyễn Sinh Nhật Tân"."""
    vi: list[str] = []
    en: list[str] = []
    for p in people:
        men = doc.mentions[p]
        role = men.role
        title_vi = role.title if role is not None and role.title else ""
        title_en = role.title_en if role is not None and role.title_en else ""
        if role is not None and role.acting:
            title_vi = f"{event_table('word_vi')['acting']} {title_vi}".strip()
            title_en = f"{event_table('word_en')['acting']} {title_en}".strip()
        vi.append(f"{title_vi} {men.text}".strip())
        en.append(f"{title_en} {men.text}".strip())
    return vi, en


def _sentence_at(doc: Doc, starts: list[int], pos: int) -> int:
    """The index of the sentence holding position ``pos``."""
    return max(0, bisect_right(starts, pos) - 1)


def _told_before(doc: Doc, low: str, key: str, starts: list[int], d: Draft, skipped: set[int]) -> list[tuple[int, int]]:
    """Rule ``topics_told_before``: "Mỹ áp thuế …. Ông A nêu vấn đề này trong cuộc gặp với B": an event whose
    sentence names its matter as "vấn đề này", "quan điểm này" was about what the sentence before tells."""
    first = _sentence_at(doc, starts, min(a for a, _ in d.spans))
    s = doc.sentences[first]
    if not event_lexicon("told_before").any(low, key, s.start, s.end):
        return []
    before = next((si for si in range(first - 1, max(-1, first - 3), -1) if si not in skipped), None)
    return [] if before is None else [(doc.sentences[before].start, doc.sentences[before].end)]


def told_after(doc: Doc, low: str, key: str, drafts: list[Draft], skipped: set[int]) -> list[list[tuple[int, int]]]:
    """Rule ``topics_told_after``: what a meeting, call, round or agreement was about is told in the sentences after
    it ("A tiếp B. Ông B cho biết … LNG …. Thủ tướng đề nghị …"; "Hai nước công bố thỏa thuận …. Theo đó, …"), up
    to ``_TOLD_AFTER`` sentences (headlines and captions skipped), until a sentence that tells another event with
    none of its people. Per draft, the spans of those sentences (their topics are the event's too), and of the
    sentence before when its own refers back to it (``topics_told_before``)."""
    starts = [s.start for s in doc.sentences]
    owners: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        for a, _ in d.spans:
            owners.setdefault(_sentence_at(doc, starts, a), []).append(i)
    out: list[list[tuple[int, int]]] = []
    for i, d in enumerate(drafts):
        spans: list[tuple[int, int]] = []
        out.append(spans)
        if spec(d.event.type).kind not in ("series", "encounter", "document") or d.reference or not d.spans:
            continue
        known = known_person(doc, d.people)
        spans.extend(_told_before(doc, low, key, starts, d, skipped))
        si = max(_sentence_at(doc, starts, a) for a, _ in d.spans)
        told = 0
        while told < _TOLD_AFTER and si + 1 < len(doc.sentences):
            si += 1
            if si in skipped:
                continue
            told += 1
            s = doc.sentences[si]
            others = [o for o in owners.get(si, []) if o != i]
            if others and not any(
                known(mi) for mi in doc_index(doc).mention_ids_in(s.start, s.end) if doc.mentions[mi].type == "person"
            ):
                break
            if i not in owners.get(si, []):
                spans.append((s.start, s.end))
    return out


def _fold(text: str) -> str:
    """ "Hàn Quốc" -> "han quoc": the form a country mention's key takes."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Mn").split())


def _peers(doc: Doc, low: str, key: str, spans: list[tuple[int, int]], people: list[int]) -> list[int]:
    """Rule ``peer_of_country``: "Tổng thống Trump hội đàm với người đồng cấp Hàn Quốc": when no name follows, the
    peer is the person of that country with the same title named elsewhere in the article ("Tổng thống Hàn Quốc
    Lee Jae Myung")."""
    index = doc_index(doc)
    titles = {role.title for p in people if (role := doc.mentions[p].role) is not None}
    out: list[int] = []
    for a, b in spans:
        for hit in event_lexicon("peer").find(low, key, a, b):
            after = [m for m in index.mention_ids_in(hit.end, hit.end + 3) if doc.mentions[m].type == "country"]
            if not after:
                continue
            country = doc.mentions[after[0]]
            named = index.mention_ids_in(country.end, country.end + 3)
            if any(doc.mentions[m].type == "person" for m in named):
                continue  # "người đồng cấp Ba Lan Andrzej Duda": named, the mentions tell it
            by_country = index.remember("people_by_country", lambda: _people_by_country(doc))
            for mi in by_country.get(country.key, []):
                role = doc.mentions[mi].role
                if role is not None and role.title in titles and mi not in people:
                    out.append(mi)
                    break
    return out


def _people_by_country(doc: Doc) -> dict[str, list[int]]:
    """Person mentions by the folded country of their title, in text order (read once per article)."""
    out: dict[str, list[int]] = {}
    for mi, men in enumerate(doc.mentions):
        if men.type == "person" and men.role is not None and men.role.country:
            out.setdefault(_fold(men.role.country), []).append(mi)
    return out


def finish_event(
    doc: Doc, low: str, key: str, d: Draft, place: str | None = None, after: list[tuple[int, int]] | None = None
) -> Event:
    """The finished ``Event`` of a draft: every field filled from what the article says (``after``: the spans of
    the sentences that go on telling what it was about, ``told_after``)."""
    ev = d.event
    ev.start, ev.end, ev.time_of_day = _dates(doc, d)
    if ev.start is None and d.counted_day:  # rule agreement_when_talked: the day counted from the talks'
        ev.start = d.counted_day
    if ev.end is None and d.counted_end and ev.start and ev.start < d.counted_end:
        ev.end = d.counted_end
    ev.timex = sorted(set(d.timexes))
    if _is_future(ev.start, doc.article.published):
        ev.status = "planned"
    elif ev.status == "planned" and _long_before(ev.start, doc.article.published):
        ev.status = "held"  # rule old_date_is_history: "… ký kết các hiệp định (có hiệu lực từ tháng 7/2005)"
    ev.start, ev.end = _week_month(ev.start), _week_month(ev.end)
    in_person = ev.mode != "online" and spec(ev.type).placed
    ev.reference = d.reference
    own_place = _location(d, place)
    ev.location = own_place or (place if in_person and ev.status == "held" and not d.reference else None)
    if own_place and in_person and ev.mode is None and spec(ev.type).kind in ("series", "encounter"):
        ev.mode = "in_person"  # "vòng đàm phán … diễn ra tại Hà Nội", "A gặp B tại X": held where people went
    people = unique_people(doc, d.people)
    if spec(ev.type).two_sided:
        people += [p for p in unique_people(doc, _peers(doc, low, key, d.spans, people)) if p not in people]
    if ev.level is None and spec(ev.type).series and sum(ministerial(doc, p) for p in people) >= 2:
        ev.level = "ministerial"  # rule ministers_make_the_level: a round held by two ministers is ministerial
    ev.participants = [Participant(f"m{p}", doc.mentions[p].side, doc.mentions[p].text) for p in people]
    if not people and spec(ev.type).organisations_take_part:
        ev.participants = [Participant(f"m{o}", doc.mentions[o].side, doc.mentions[o].text) for o in d.orgs]
    ev.negotiation = ev.negotiation or negotiation_of(doc, low, key, d)
    ev.start = ev.start or known_announcement(ev, doc, d.spans)
    spans = sorted(d.spans)
    ev.topics = sorted({t for a, b in spans + (after or []) for t in topics_in(doc, a, b)})
    ev.evidence = [doc.evidence(a, b) for a, b in spans]
    shown = people or (d.orgs if spec(ev.type).organisations_take_part else [])
    ev.summary, ev.summary_en = event_summaries(ev, *_names(doc, shown))
    return ev
