"""Where an event takes place: a named place after "tại"/"ở" in its clause, known or not."""

from __future__ import annotations

import re

from tradetalks.event_types import spec
from tradetalks.extract.cues import ends_with, event_lexicon
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import Draft
from tradetalks.model import Doc, Sentence

_PLACE_GAP = 100  # how far after its event's cue a place may stand, past one comma
_NAME_WORDS = 4  # how many capitalised words an unknown place name may have ("Foz do Iguaçu")
_NAME_JOINERS = ("de", "do", "da", "du", "la", "le")  # lower-case words inside foreign place names
_JOINED_NAME = re.compile(rf"\s({'|'.join(_NAME_JOINERS)})\s(\w[\w-]*)")  # " de Iguazu"
_JOINED = re.compile(r"[^.;:]*\svà\s[^.;:,]*")  # a cue's clause joined to the one before by "và"
_MENTION_MAX = 200  # no name mention is longer: the mentions that may cover a position start this close before it
_LEAD_PLACE_MAX = 60  # how long a leading "tại X," phrase may be
_TALKS_GAP = 6  # how many sentences before an agreement reached "sau các cuộc hội đàm" those talks may be told
_LIST_LEAD = 25  # how far after its cue the first place of a list may stand ("vòng đàm phán trước đó tại London")
_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")  # ", ", " và ", ", và " between two places of a list
_LEAD_PLACE_WORDS = 8  # how many words it may have ("tại Trụ sở Bộ Quốc phòng ở Hà Nội")


def location_text(doc: Doc, low: str, key: str, mi: int) -> str | None:
    """The place an event happens at if mention ``mi`` follows "tại"/"ở" ("tại trụ sở USTR")."""
    men = doc.mentions[mi]
    site = ends_with("site", low, key, max(0, men.start - 30), men.start)
    head = site.start if site else men.start
    loc = ends_with("locative", low, key, max(0, head - 30), head)
    if loc is None or ends_with("before_after", low, key, max(0, loc.start - 20), loc.start):
        return None  # "Trước khi sang Washington, …": where the people went next, not where the event was
    name = men.acronym or men.text if men.type == "organization" else men.text
    if site:
        return f"{doc.text[site.start : site.end]} {name}"
    if men.type == "organization":
        return None
    return _joined_name(doc.text, men.end, name)


def _joined_name(text: str, end: int, name: str) -> str:
    """ "Foz de Iguazu" where only "Foz" was recognised: a known place name goes on through a lower-case joiner
    of foreign place names and the capitalised word after it."""
    m = _JOINED_NAME.match(text, end)
    return f"{name} {m.group(1)} {m.group(2)}" if m and m.group(2)[0].isupper() else name


def sole_owner(heads: list[CueMention], low: str, key: str, pos: int) -> bool:
    """A place shortly after the only event of its sentence is that event's, past a comma too; not after
    "Tại cuộc gặp, …" (what follows is what was said there). "diễn ra", "tổ chức" before it say where the
    event is held, farther from its cue too ("Vòng đàm phán thứ 6 Hiệp định …, … dự kiến diễn ra tại X")."""
    if len(heads) != 1 or heads[0].flags & (CueFlag.ANAPHOR | CueFlag.REFERENCE):
        return False
    venue = event_lexicon("venue").any(low, key, heads[0].end, pos)  # "… diễn ra trong bốn ngày, từ 9–12/6, tại X"
    gap = _PLACE_GAP * 2 if venue else _PLACE_GAP
    return 0 <= pos - heads[0].end <= gap and clause_commas(low, heads[0].end, pos) <= (2 if venue else 1)


def clause_commas(low: str, start: int, end: int) -> int:
    """Commas in ``low[start:end]`` outside brackets: a bracketed list ("(gồm Thụy Sĩ, Na Uy, Iceland)") does not
    break the clause."""
    depth = count = 0
    for ch in low[start:end]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            count += 1
    return count


def _capitalised_name(text: str, start: int, end: int) -> str | None:
    """The run of capitalised words starting at ``start`` ("Stockholm", "Rosenbad", "Foz do Iguaçu")."""
    words: list[str] = []
    for raw in text[start:end].split()[: _NAME_WORDS + 2]:
        word = raw.rstrip(",.;:()\"'“”")
        capital = word[:1].isupper() and any(ch.islower() for ch in word)
        if not (capital or (words and word in _NAME_JOINERS)):
            break
        words.append(word)
        if word != raw or len(words) == _NAME_WORDS:
            break
    while words and words[-1] in _NAME_JOINERS:
        words.pop()
    return " ".join(words) or None


def unnamed_places(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    """ "vòng đàm phán … diễn ra tại Stockholm từ 28-29/7": a capitalised name after "tại"/"ở" in the clause of
    an event that has no place yet is where it is held, even when no list names that place."""
    for i, c in enumerate(cues):
        if c.locations or c.flags & (CueFlag.REFERENCE | CueFlag.FRAME) or not spec(c.type).placed:
            continue
        stop = min([s.end, c.end + _PLACE_GAP] + [o.start for o in cues[i + 1 :]])
        at = next(iter(event_lexicon("at").find(low, key, c.end, stop)), None)
        if at is None or any(ch in low[c.end : at.start] for ch in ",;"):
            continue
        near = doc_index(doc).mentions_in(max(0, at.end - _MENTION_MAX), at.end + 3)
        if any(m.start <= at.end + 1 < m.end or at.end < m.start <= at.end + 2 for m in near):
            continue  # a known name: the mentions tell it
        name = _capitalised_name(doc.text, at.end, s.end)  # "tại" lies within reach; its name may run past it
        if name:
            c.locations.append(name)


def _lead_place(doc: Doc, low: str, key: str, s: Sentence, cue: CueMention) -> str | None:
    """ "Ngày 29/5, tại Trụ sở Chính phủ, Thủ tướng … đã tiếp …": the capitalised phrase of a "tại X," clause that
    opens the sentence (after its date, if any) and ends before the event's cue."""
    for at in event_lexicon("at").find(low, key, s.start, cue.start):
        lead = low[s.start : at.start].strip()
        if lead and not (lead.endswith(",") and _dated(doc, s.start, at.start)):
            continue
        comma = low.find(",", at.end, cue.start)
        phrase = doc.text[at.end : comma].strip() if comma > 0 else ""
        if not phrase[:1].isupper() or len(phrase) > _LEAD_PLACE_MAX or len(phrase.split()) > _LEAD_PLACE_WORDS:
            continue
        words = phrase.split()
        capitals = sum(1 for w in words if w[:1].isupper())
        if any(ch in phrase for ch in ';:"“”') or capitals < min(2, len(words)):
            continue  # "Tại cuộc gặp, …", "Tại hội nghị, …": no name of a place
        return phrase
    return None


def _dated(doc: Doc, start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds a time expression ("Ngày 29/5, ", "Chiều 6-11, ")."""
    return any(start <= doc.timexes[t].start < end for t in doc_index(doc).timex_ids_in(start, end))


def leading_places(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    """Rule ``lead_place``: a sentence that opens with where it happened ("Ngày 29/5, tại Trụ sở Chính phủ, …",
    "Tại Hà Nội, …") places its first event held somewhere, when no place is known for it yet."""
    heads = [c for c in cues if not c.flags & (CueFlag.REFERENCE | CueFlag.FRAME)]
    if not heads or heads[0].locations or not spec(heads[0].type).placed:
        return
    place = _lead_place(doc, low, key, s, heads[0])
    if place:
        heads[0].locations.append(place)


def share_joined_place(key: str, cues: list[CueMention]) -> None:
    """Rule ``joined_place``: "A và B gặp nhau tại X vào ngày 5/7 và đồng ý về một thỏa thuận": a cue with no place
    or date of its own, joined to the one before by "và" in the same clause, happened where and when that one did."""
    heads = [c for c in cues if not c.flags & (CueFlag.REFERENCE | CueFlag.FRAME)]
    for prev, c in zip(heads, heads[1:], strict=False):
        if not _JOINED.fullmatch(key, prev.end, c.start):
            continue
        if prev.locations and not c.locations:
            c.locations = list(prev.locations)
        if prev.timexes and not c.timexes:
            c.timexes = list(prev.timexes)


def share_talks_place(doc: Doc, low: str, key: str, drafts: list[Draft]) -> None:
    """Rule ``agreement_where_talked``: "Hai bên gặp nhau tại Kuala Lumpur …. Sau hai ngày thảo luận, hai bên
    đạt được đồng thuận": an agreement reached after talks, naming no place of its own, was reached where the
    talks told shortly before it were held."""
    for i, d in enumerate(drafts):
        if d.event.type != "agreement" or d.locations or d.reference:
            continue
        s = doc.sentences[d.sentence]
        if not event_lexicon("after_talks").any(low, key, s.start, s.end):
            continue
        talks = [
            h
            for h in drafts[:i]
            if spec(h.event.type).kind in ("series", "encounter") and spec(h.event.type).placed and h.locations
        ]
        near = [h for h in talks if not h.reference and d.sentence - _TALKS_GAP <= h.sentence <= d.sentence]
        if near:
            d.locations.extend(max(near, key=lambda h: h.sentence).locations)


def listed_places(doc: Doc, low: str, key: str, c: CueMention) -> list[str]:
    """ "hai vòng đàm phán trước đó tại London và Geneva": the places listed after "tại"/"ở" right after a cue, the
    first one after the locative, the others joined to it by commas and "và"."""
    s = doc.sentences[c.sentence]
    places: list[str] = []
    end = c.end
    for mi in doc_index(doc).mention_ids_in(c.end, s.end):
        m = doc.mentions[mi]
        if m.type != "location":
            continue
        if not places:
            where = location_text(doc, low, key, mi)
            if where is None or m.start - c.end > _LIST_LEAD:
                return []
            places.append(where)
        elif _LIST_JOINER.fullmatch(low, end, m.start):
            places.append(m.text)
        else:
            break
        end = m.end
    return places
