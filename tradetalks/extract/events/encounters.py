"""Who a meeting or call is between, as the rules of ``rules.py`` ask it: whether a bare verb joins people of
rank, whether a mention can be an event told before, the counterparts of a plural cue, and the sides a
sentence names for the encounter told after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradetalks.event_types import spec
from tradetalks.extract.cues import event_lexicon, lower_view, starts_with
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import Draft, known_person, same_person
from tradetalks.extract.events.places import location_text
from tradetalks.model import Doc

SIDE_REACH = 30  # how far after "với" the side an encounter was held with may be named
COUNTERPART_GAP = 50  # how far after a cue its counterpart's name may start ("cuộc gặp Bộ trưởng Tài chính B")


@dataclass(slots=True)
class Sides:
    """The people a sentence names (two or more, one titled), its first date and its place."""

    people: list[int]
    timexes: list[int]
    places: list[str]


def sides_in_sentence(doc: Doc, low: str, key: str, si: int) -> Sides | None:
    """ "Chiều 2/11, tại Hà Nội, Bộ trưởng A chủ trì lễ đón Bộ trưởng B.": A and B, that afternoon, in Hà Nội;
    None unless two people are named, one of them with a title."""
    s = doc.sentences[si]
    index = doc_index(doc)
    ids = index.mention_ids_in(s.start, s.end)
    people: list[int] = []
    for i in ids:
        if doc.mentions[i].type == "person" and not any(same_person(doc, i, p) for p in people):
            people.append(i)
    if len(people) < 2 or all(doc.mentions[i].role is None for i in people):
        return None
    places = [location_text(doc, low, key, i) for i in ids if doc.mentions[i].type != "person"]
    return Sides(people, index.timex_ids_in(s.start, s.end)[:1], [p for p in places if p][:1])


def official(doc: Doc, c: CueMention) -> bool:
    """A bare verb ("làm việc với") makes an event between people with a title, or with an organisation."""
    if any(doc.mentions[p].role is not None for p in c.people):
        return True
    s = doc.sentences[c.sentence]
    return any(m.type == "organization" for m in doc_index(doc).mentions_in(s.start, s.end))


def fits(doc: Doc, d: Draft, c: CueMention) -> bool:
    """Whether a referring mention can be the drafted event: no other ordinal, no only-new people."""
    if c.ordinal is not None and d.event.ordinal is not None and c.ordinal != d.event.ordinal:
        return False
    # "Tại cuộc gặp Bộ trưởng B, …": a counterpart named right after the cue who is not of the event is another
    low = lower_view(doc.key or doc.text)
    named = [p for p in c.people if 0 <= doc.mentions[p].start - c.end <= COUNTERPART_GAP]
    named = [p for p in named if "," not in low[c.end : doc.mentions[p].start]]
    known = known_person(doc, d.people)
    if named and d.people and CueFlag.ATTEND not in c.flags and not any(map(known, named)):
        return False
    if c.people and len(d.people) >= 2 and CueFlag.ATTEND not in c.flags:
        return any(map(known, c.people))
    return True


def split_counterparts(doc: Doc, c: CueMention) -> list[list[int]]:
    """ "các buổi làm việc với A, B và C": one group of people per distinct named counterpart."""
    subject = [p for p in c.people if doc.mentions[p].start < c.start]
    others = [p for p in c.people if doc.mentions[p].start >= c.end]
    if CueFlag.PLURAL not in c.flags or not spec(c.type).two_sided or len(others) < 2:
        return [c.people]
    groups: list[list[int]] = []
    for p in others:
        if any(same_person(doc, p, g[-1]) for g in groups):
            continue
        groups.append([*subject, p])
    return groups if len(groups) >= 2 else [c.people]


def held_with(doc: Doc, low: str, key: str, c: CueMention) -> bool:
    """Rule ``held_with``: "Vài giờ sau cuộc điện đàm với lãnh đạo Nhật Bản, ông A tuyên bố …": a meeting or call
    named in passing (after "sau", "trong", "tại" …) with whom it was held ("với" and a country, an organisation
    or a person right after) is one encounter of its own; "cuộc họp với sự tham dự của …" names no side, and a
    bare verb with nobody doing it ("…, điện đàm với các nghị sĩ") is no encounter named in passing."""
    if not spec(c.type).two_sided or not c.flags & (CueFlag.FRAME | CueFlag.ANAPHOR):
        return False
    hit = starts_with("counterpart", low, key, c.end, c.end + 10)
    if hit is None or low.startswith("sự", hit.end + 1):
        return False
    end = min(doc.sentences[c.sentence].end, hit.end + SIDE_REACH)
    sides = ("country", "organization", "person")
    return any(m.type in sides for m in doc_index(doc).mentions_in(hit.end, end))


_QUALIFIER = re.compile(r"\s*(?:(?:,|và)\s*)?")  # a firm word, then its country ("doanh nghiệp Việt Nam và Lào")
_BETWEEN_FIRMS = re.compile(r"giữa\s+(?:các\s+|những\s+)?$")  # "giữa các doanh nghiệp": the firms are both sides
FIRMS_REACH = 30  # how far after an agreement's cue "với"/"giữa" may open its parties ("lễ ký kết 12 hợp đồng giữa")
FIRMS_NAMES = 40  # how far after "với"/"giữa" those names may run


def firms_only(doc: Doc, low: str, key: str, c: CueMention) -> bool:
    """Rule ``firms_deal``: the parties of an agreement cue (named before it in its clause, or after "với"/"giữa"
    right after it) are firms only: firms named ("Tập đoàn …", "các doanh nghiệp …"), every organisation among them
    one, and no country (but the firms' own: "doanh nghiệp Việt Nam và Nhật Bản") or titled person ("Công ty A ký hợp
    đồng cung ứng với Tập đoàn B", "hợp đồng giữa các doanh nghiệp Việt Nam và Nhật Bản")."""
    s = doc.sentences[c.sentence]
    start = max(s.start, low.rfind(",", s.start, c.start) + 1)
    spans = [(start, c.start)]
    lead = re.search(r"(?<!\w)(?:với|giữa)(?!\w)", low[c.end : min(s.end, c.end + FIRMS_REACH)])
    if lead is not None:
        a = c.end + lead.end()
        b = min(s.end, a + FIRMS_NAMES)
        stop = re.search(r"[,;.(]|\s(?:về|để|nhằm|trong|tại)\s", low[a:b])
        spans.append((a, a + stop.start() if stop else b))
    index = doc_index(doc)
    firms = 0
    for a, b in spans:
        # "Tập đoàn A", or firms told by a common noun between whom it was signed ("giữa các doanh nghiệp …"; "các
        # doanh nghiệp Việt Nam đã ký … với bang Nebraska" names firms on one side only)
        words = [
            w
            for w in event_lexicon("enterprise").find(low, key, a, b)
            if any(m.type == "organization" and m.start == w.start for m in index.mentions_in(w.start, w.end))
            or _BETWEEN_FIRMS.search(low, max(0, w.start - 15), w.start)
        ]
        firms += len(words)
        after = -1  # where the firm word or the country qualifying it ends ("doanh nghiệp Việt Nam và Lào")
        for m in index.mentions_in(a, b):
            after = max([after, *(w.end for w in words if w.end <= m.start)])
            if m.type == "country" and after >= 0 and _QUALIFIER.fullmatch(low, after, m.start):
                after = m.end  # the firms' country, no party of its own
                continue
            if m.type == "country" or (m.type == "person" and m.role is not None):
                return False
            if m.type == "organization" and not starts_with("enterprise", low, key, m.start, m.end):
                return False
    return firms > 0
