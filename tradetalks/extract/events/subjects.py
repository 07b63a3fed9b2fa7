"""Who an encounter's subject is when the sentence names no one: "Ông đã làm việc với B" after a sentence about A."""

from __future__ import annotations

from tradetalks.event_types import types_where
from tradetalks.extract.cues import event_lexicon
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import person_index
from tradetalks.model import Doc

_ENCOUNTERS = types_where("encounter")


def pronoun_subjects(doc: Doc, low: str, key: str, si: int, cues: list[CueMention]) -> None:
    """Rule ``pronoun_subject``: "Bộ trưởng A đến Washington …. Trong chuyến công tác, ông đã làm việc với B": a
    clause before an encounter's cue that names no one but refers to a person ("ông", "bà") has for subject the
    first person named in the sentence before."""
    if si == 0:
        return
    s, before = doc.sentences[si], doc.sentences[si - 1]
    index = doc_index(doc)
    for c in cues:
        if c.type not in _ENCOUNTERS or c.flags & (CueFlag.FRAME | CueFlag.REFERENCE):
            continue
        lo = max(s.start, low.rfind(",", s.start, c.start) + 1)
        if any(doc.mentions[m].type == "person" for m in index.mention_ids_in(s.start, c.start)):
            continue  # a name or a title before the cue says who
        if not event_lexicon("pronoun").any(low, key, lo, c.start):
            continue
        named = [m for m in index.mention_ids_in(before.start, before.end) if doc.mentions[m].type == "person"]
        if named:
            subject = person_index(doc, named[0])
            if subject not in c.people:
                c.people.insert(0, subject)
        break  # the pronoun is the subject of the sentence's first encounter only
