"""Rule ``agreement_named_by_place``: an agreement named by the city it was reached in.

"Hai bên cáo buộc nhau vi phạm thỏa thuận Stockholm", "như đã nêu trong tuyên bố chung Kuala Lumpur", "gia hạn
thỏa thuận đình chiến đạt được ở Madrid": a reader of trade news knows which agreement is meant, the one the
negotiation reached in that city, even when the sentence tells of something else. Each such name is that
agreement told as background: its place is the city, and it takes no date, people or place from the sentence
(``Event.reference``). The sentence must be about trade, or the article name trade talks or tell a round of
them ("hiệp định Paris về khí hậu" is none). Its articles join across the dossier by the negotiation and the city
(``resolve/named.py``). An agreement the article already tells at that place is not told twice, and one
of another matter ("khí hậu") or of no negotiation is none.
"""

from __future__ import annotations

from collections.abc import Callable

from tradetalks.event_types import spec
from tradetalks.extract.cues import ends_with, event_lexicon
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.draft import Draft
from tradetalks.model import Doc, Event

_AFTER = 30  # how far after the city the matter of an agreement is read ("… về biến đổi khí hậu")
_QUOTES = " \"'“”‘’«»"


def _name_before(low: str, key: str, lo: int, pos: int) -> int | None:
    """Where an agreement's name ending at ``pos`` (quotes aside) starts, directly or through a link ("đạt được
    ở"); None when the place is not so named."""
    while pos > lo and low[pos - 1] in _QUOTES:
        pos -= 1
    link = ends_with("agreement_place_link", low, key, lo, pos)
    if link is not None:
        pos = link.start
        while pos > lo and low[pos - 1] in _QUOTES:
            pos -= 1
    name = ends_with("agreement_name", low, key, lo, pos)
    return name.start if name is not None else None


def named_agreements(
    doc: Doc, low: str, key: str, drafts: list[Draft], skipped: Callable[[], set[int]], talks_named: bool
) -> list[Draft]:
    """The agreements the article names by a city (one draft per city), besides those ``drafts`` place there, in
    sentences about trade or in an article naming trade talks (``talks_named``) or telling a round of them.

    One pass over the article's places; each looks back at most a cue's length within its sentence. ``skipped``:
    the sentences of headlines and captions (asked for only when a name is met).
    """
    placed = {loc for d in drafts if d.event.type == "agreement" for loc in d.locations}
    talks_named = talks_named or any(spec(d.event.type).series for d in drafts)
    index = doc_index(doc)
    out: dict[str, Draft] = {}
    for si, s in enumerate(doc.sentences):
        for mi in index.mention_ids_in(s.start, s.end):
            men = doc.mentions[mi]
            if men.type != "location":
                continue
            place = men.canonical or men.text
            start = _name_before(low, key, max(s.start, men.start - 60), men.start)
            if start is None or any(place in loc or loc in place for loc in placed):
                continue
            if event_lexicon("agreement_other_matter").any(low, key, start, min(s.end, men.end + _AFTER)):
                continue  # "hiệp định khí hậu Paris", "thỏa thuận Paris về biến đổi khí hậu": no trade agreement
            if si in skipped():
                break
            about_trade = event_lexicon("context").any(low, key, s.start, start) or event_lexicon("context").any(
                low, key, men.end, s.end
            )  # the name's own noun ("hiệp định") says nothing of trade
            if not talks_named and not about_trade:
                continue  # "hiệp định Paris về khí hậu": an agreement of no trade talks
            d = out.get(place)
            if d is None:
                d = Draft(Event(type="agreement", evidence=[]), sentence=si, anchor=start)
                d.locations, d.reference = [place], True
                out[place] = d
            if (s.start, s.end) not in d.spans:
                d.spans.append((s.start, s.end))
    return list(out.values())
