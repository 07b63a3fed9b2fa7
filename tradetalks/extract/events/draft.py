"""An event being assembled from the cues of several sentences, before it becomes an ``Event``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tradetalks.extract.cues import event_table, lower_view
from tradetalks.extract.doc_index import doc_index
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
    counted_day: str | None = None  # a day counted from a told one ("sau hai ngày thảo luận"), when it has none
    counted_end: str | None = None  # the last day counted so, for talks told with their first day only
    within: Draft | None = None  # "vòng thứ 7 … . Trong cuộc họp song phương …": the round it took place in
    talks: int | None = None  # the draft (by its place in the article's list) of the talks that reached it
    # unique_people_of, kept up to date as people are appended: (people list, how many read, result, keys)
    unique: tuple[list[int], int, list[int], set[str]] | None = field(default=None, repr=False, compare=False)
    # _extend_new: per list field, (the list, how many of its items are in the set, the set)
    members: dict[str, tuple[list[Any], int, set[Any]]] = field(default_factory=dict, repr=False, compare=False)

    def absorb(self, c: CueMention) -> None:
        """Add what another mention of this event says (evidence, people, dates, places)."""
        self.reference = self.reference and CueFlag.REFERENCE in c.flags
        _extend_new(self, "spans", [c.span])
        _extend_new(self, "people", c.people)
        _extend_new(self, "orgs", c.orgs)
        if not self.timexes:
            self.timexes.extend(c.timexes)
        _extend_new(self, "locations", c.locations)
        ev = self.event
        ev.ordinal = ev.ordinal if ev.ordinal is not None else c.ordinal
        ev.level = ev.level or c.level
        ev.mode = ev.mode or c.mode
        ev.rate = ev.rate if ev.rate is not None else c.rate

    def merge(self, other: Draft) -> None:
        """Fold another draft of the same real event into this one."""
        self.reference = self.reference and other.reference
        _extend_new(self, "spans", other.spans)
        _extend_new(self, "people", other.people)
        _extend_new(self, "orgs", other.orgs)
        if not self.timexes and other.timexes:
            self.timexes = list(other.timexes)
            self.event.status = other.event.status  # the dated report tells whether it took place
            self.date_only = self.date_only or other.date_only
        _extend_new(self, "locations", other.locations)
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
    return _keys_of(doc)(mi)


def _keys_of(doc: Doc) -> Callable[[int], set[str]]:
    """``person_keys`` for one document, each read once."""
    memo: dict[int, set[str]] = doc_index(doc).remember("person_keys", dict)

    def keys(mi: int) -> set[str]:
        found = memo.get(mi)
        if found is None:
            found = memo[mi] = _person_keys(doc, mi)
        return found

    return keys


def _person_keys(doc: Doc, mi: int) -> set[str]:
    men = doc.mentions[person_index(doc, mi)]
    key = men.key or lower_view(men.text)
    words = re.findall(r"\w+", key)
    return {key, words[-1]} if words else {key}


def same_person(doc: Doc, a: int, b: int) -> bool:
    """Whether two person mentions of one article name the same person."""
    return bool(person_keys(doc, a) & person_keys(doc, b))


def unique_people(doc: Doc, people: list[int]) -> list[int]:
    """People mentions, one per person, full mentions preferred (one set lookup per mention)."""
    out: list[int] = []
    seen: set[str] = set()
    keys_of = _keys_of(doc)
    for mi in people:
        full = person_index(doc, mi)
        keys = keys_of(full)
        if keys.isdisjoint(seen):
            out.append(full)
            seen |= keys
    return out


def unique_people_of(doc: Doc, d: Draft) -> tuple[list[int], set[str]]:
    """``unique_people(doc, d.people)`` and the keys its people are known by, read on from where the last
    call stopped (a draft's people only grow by appending), so merging many reports costs no re-reading."""
    cache = d.unique
    if cache is None or cache[0] is not d.people or cache[1] > len(d.people):
        cache = (d.people, 0, [], set())
    people, done, out, seen = cache
    keys_of = _keys_of(doc)
    for mi in people[done:]:
        full = person_index(doc, mi)
        keys = keys_of(full)
        if keys.isdisjoint(seen):
            out.append(full)
            seen |= keys
    d.unique = (people, len(people), out, seen)
    return out, seen


def known_person(doc: Doc, people: list[int]) -> Callable[[int], bool]:
    """A test "does this mention name one of ``people``", built once: ``same_person`` against each, in one lookup."""
    keys: set[str] = set()
    keys_of = _keys_of(doc)
    for q in people:
        keys |= keys_of(q)
    return lambda p: not keys_of(p).isdisjoint(keys)


def _extend_new(d: Draft, name: str, more: Iterable[Any]) -> None:
    """Append to the list field ``name`` of ``d`` the items of ``more`` it lacks, in order; the items seen so
    far are kept in a set beside the list (read on when the list grew elsewhere, rebuilt when replaced)."""
    items: list[Any] = getattr(d, name)
    known = d.members.get(name)
    if known is None or known[0] is not items or known[1] > len(items):
        known = (items, 0, set())
    _, done, have = known
    have.update(items[done:])
    for x in more:
        if x not in have:
            items.append(x)
            have.add(x)
    d.members[name] = (items, len(items), have)


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
