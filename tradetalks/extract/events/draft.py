"""An event being assembled from the cues of several sentences, before it becomes an ``Event``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tradetalks.extract.cues import event_table, lower_view
from tradetalks.extract.events.cue import NO_FLAGS, CueFlag, CueMention
from tradetalks.model import Doc, Event

_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?")


@dataclass(slots=True)
class Draft:
    """The parts of one event gathered so far: spans, mentions, time expressions, places."""

    event: Event
    spans: list[tuple[int, int]] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    orgs: list[int] = field(default_factory=list)
    timexes: list[int] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    flags: CueFlag = NO_FLAGS  # what its cues said (same_day, mou)
    sentence: int = 0
    anchor: int = 0  # where its first cue starts
    series: bool = False  # "loạt cuộc gặp": a series of meetings, told one by one after it
    date_only: bool = False  # dated by the event told before: its day, not its part of day
    time_of_day: str | None = None  # "chiều cùng ngày": the part of day its own cue gives
    reference: bool = False  # only named as background so far ("kể từ vòng thứ hai")

    def absorb(self, c: CueMention) -> None:
        """Add what another mention of this event says (evidence, people, dates, places)."""
        self.reference = self.reference and CueFlag.REFERENCE in c.flags
        if c.span not in self.spans:
            self.spans.append(c.span)
        self.people.extend(p for p in c.people if p not in self.people)
        self.orgs.extend(o for o in c.orgs if o not in self.orgs)
        if not self.timexes:
            self.timexes.extend(c.timexes)
        self.locations.extend(loc for loc in c.locations if loc not in self.locations)
        ev = self.event
        ev.ordinal = ev.ordinal if ev.ordinal is not None else c.ordinal
        ev.level = ev.level or c.level
        ev.mode = ev.mode or c.mode
        ev.rate = ev.rate if ev.rate is not None else c.rate

    def merge(self, other: Draft) -> None:
        """Fold another draft of the same real event into this one."""
        self.reference = self.reference and other.reference
        for span in other.spans:
            if span not in self.spans:
                self.spans.append(span)
        self.people.extend(p for p in other.people if p not in self.people)
        self.orgs.extend(o for o in other.orgs if o not in self.orgs)
        if not self.timexes and other.timexes:
            self.timexes = list(other.timexes)
            self.event.status = other.event.status  # the dated report tells whether it took place
            self.date_only = self.date_only or other.date_only
        self.locations.extend(loc for loc in other.locations if loc not in self.locations)
        ev, ov = self.event, other.event
        ev.ordinal = ev.ordinal if ev.ordinal is not None else ov.ordinal
        ev.level = ev.level or ov.level
        ev.mode = ev.mode or ov.mode
        ev.rate = ev.rate if ev.rate is not None else ov.rate
        ev.negotiation = ev.negotiation or ov.negotiation
        self.flags |= other.flags
        self.time_of_day = self.time_of_day or other.time_of_day


def person_index(doc: Doc, mi: int) -> int:
    """The full mention a short one refers to ("ông Damond" -> "Joseph (Joe) Damond")."""
    ref = doc.mentions[mi].ref
    return ref if ref is not None and 0 <= ref < len(doc.mentions) else mi


def person_keys(doc: Doc, mi: int) -> set[str]:
    """Ways to recognise one person within an article: the mention key and the last name word."""
    men = doc.mentions[person_index(doc, mi)]
    key = men.key or lower_view(men.text)
    words = re.findall(r"\w+", key)
    return {key, words[-1]} if words else {key}


def same_person(doc: Doc, a: int, b: int) -> bool:
    """Whether two person mentions of one article name the same person."""
    return bool(person_keys(doc, a) & person_keys(doc, b))


def unique_people(doc: Doc, people: list[int]) -> list[int]:
    """People mentions, one per person, full mentions preferred."""
    out: list[int] = []
    for mi in people:
        full = person_index(doc, mi)
        if not any(same_person(doc, full, o) for o in out):
            out.append(full)
    return out


def ministerial(doc: Doc, mi: int) -> bool:
    """Whether a person carries a minister-level title ("Bộ trưởng", "Đại diện Thương mại")."""
    role = doc.mentions[person_index(doc, mi)].role or doc.mentions[mi].role
    if role is None:
        return False
    titles = event_table("ministerial_title")
    title = lower_view(role.title or "")
    return title in titles or lower_view(role.text or "") in titles


def date_range(value: str | None) -> tuple[str, str] | None:
    """``"2025-11-12/2025-11-14"`` -> ("2025-11-12", "2025-11-14"); a month keeps its precision."""
    if not value:
        return None
    first, _, last = value.partition("/")
    if _WEEK.match(first):
        return first, last or first
    return (first, last or first) if _DATE.match(first) else None


def _fields(value: str) -> tuple[str, str, str]:
    m = _DATE.match(value)
    return (m.group(1), m.group(2), m.group(3) or "") if m else ("", "", "")


def _le(a: str, b: str) -> bool:
    """a <= b on (year?, month, day?) with unknown parts matching anything."""
    ya, ma, da = _fields(a)
    yb, mb, db = _fields(b)
    if "XXXX" not in (ya, yb) and ya != yb:
        return ya < yb
    if ma != mb:
        return ma < mb
    return not da or not db or da <= db


def dates_overlap(a: str | None, b: str | None) -> bool:
    """Whether two ISO values (dates, intervals, months; year possibly "XXXX") can be the same time."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return True
    return _le(ra[0], rb[1]) and _le(rb[0], ra[1])


def same_dates(a: str | None, b: str | None) -> bool:
    """Whether two values name the same day or interval (year "XXXX" matching any year)."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return False
    return all(_le(x, y) and _le(y, x) for x, y in zip(ra, rb, strict=True))
