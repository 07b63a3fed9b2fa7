"""Rule ``agreement_per_partner``: one agreement per partner country when a side reaches agreements with several
countries told in one enumeration.

"Mỹ đã đạt thỏa thuận thương mại với Brazil và Chile, cũng như khuôn khổ thỏa thuận với Peru": three bilateral
agreements (Mỹ–Brazil, Mỹ–Chile, Mỹ–Peru), each in its own talks, never one agreement of one negotiation. A
list of partners opens with "với" right after the cue; a later list in the same sentence continues the
enumeration only when words naming an agreement ("khuôn khổ", "thỏa thuận") lead it.

An enumeration that names Viet Nam among the partners stays one agreement, Viet Nam's: the dossier records that
deal, with the other partners' deals as its setting; split, its record would stand beside same-day agreements of
other talks that nothing in the dossier tells apart from it but their negotiation key.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradetalks.extract.cues import ends_with, event_lexicon
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import person_keys
from tradetalks.extract.events.negotiation import not_party, slug, united_states
from tradetalks.model import Doc

FIRST_LIST_GAP = 60  # how far after the cue the "với" opening the first list of partners may stand


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner country of an agreement told in an enumeration, and the talks it belongs to."""

    mention: int
    negotiation: str


def agreement_partners(doc: Doc, low: str, key: str, c: CueMention) -> list[Partner]:
    """The partner countries of an agreement cue told with several ("đạt thỏa thuận với A và B"), each with its
    talks with the side that reached them; [] unless two or more distinct partners."""
    if c.type != "agreement" or CueFlag.MOU in c.flags or c.flags & CueFlag.PLURAL:
        return []
    s = doc.sentences[c.sentence]
    index = doc_index(doc)
    found: list[int] = []
    names: set[str] = set()
    pos = c.end
    listing = False
    for mi in index.mention_ids_in(c.end, s.end):
        m = doc.mentions[mi]
        if m.type != "country" or not_party(doc, m):
            continue
        gap = low[pos : m.start]
        if listing and _joins(low, key, pos, m.start):
            pass  # "với Malaysia và Campuchia": the list goes on
        elif ends_with("counterpart", low, key, pos, m.start) is None:
            break
        elif found and not event_lexicon("agreement_noun").any(low, key, pos, m.start):
            break  # "…, và sẽ gặp đại diện Nhật Bản": another matter, no agreement named
        elif not found and (len(gap) > FIRST_LIST_GAP or any(x in gap for x in ".;")):
            break
        name = m.canonical or m.text
        if name not in names:
            names.add(name)
            found.append(mi)
        pos, listing = m.end, True
    subject = _subject(doc, index.mention_ids_in(s.start, c.start))
    found = [mi for mi in found if (doc.mentions[mi].canonical or doc.mentions[mi].text) != subject]
    if len(found) < 2 or any(doc.mentions[mi].side == "VN" for mi in found):
        return []
    return [Partner(mi, _talks(subject, doc.mentions[mi].canonical or doc.mentions[mi].text)) for mi in found]


def _joins(low: str, key: str, a: int, b: int) -> bool:
    """Only commas and words joining names of one list ("và") stand in ``[a, b)``."""
    rest = low[a:b].replace(",", " ")
    for h in event_lexicon("partner_list").find(low, key, a, b):
        rest = rest[: h.start - a] + " " * (h.end - h.start) + rest[h.end - a :]
    return not rest.strip()


def _subject(doc: Doc, ids: list[int]) -> str | None:
    """The side reaching the agreements: the last party named before the cue (a country, or a person of the
    United States standing for it), None when not told."""
    for mi in reversed(ids):
        m = doc.mentions[mi]
        if m.type == "country" and not not_party(doc, m):
            return m.canonical or m.text
        if m.type == "person" and _side(doc, mi) == "US":
            return united_states()
    return None


def _side(doc: Doc, mi: int) -> str | None:
    """The side of a person, from any mention of them in the article ("Tổng thống Mỹ Donald Trump" told once)."""
    sides: dict[str, str] = doc_index(doc).remember(
        "person_sides",
        lambda: {
            k: m.side for i, m in enumerate(doc.mentions) if m.type == "person" and m.side for k in person_keys(doc, i)
        },
    )
    return doc.mentions[mi].side or next((sides[k] for k in person_keys(doc, mi) if k in sides), None)


def _talks(subject: str | None, partner: str) -> str:
    """The talks of one partner's agreement: the pair's own (the partner alone when the side reaching it is not
    named as a country)."""
    return "talks:" + "+".join(sorted({slug(partner)} | ({slug(subject)} if subject else set())))
