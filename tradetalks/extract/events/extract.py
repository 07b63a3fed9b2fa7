"""Events of an article: rounds, ministerial sessions, meetings, calls, roundtables, agreements, tariffs.

Cue phrases come from ``resources/event_cues.tsv`` (found with every other cue in one pass, ``cues``).
Each sentence's cues get the dates, places and people the sentence ties to them (``mentions``; tariffs
and their rates in ``tariffs``); the ordered rules of ``rules`` decide what each cue makes (a new event,
more of one told before, nothing); repeated mentions of one round or session are merged (``merge``); the
result gets its negotiation, summary and evidence (``text``).
"""

from __future__ import annotations

from tradetalks.extract.cues import event_lexicon, lower_view, starts_with
from tradetalks.extract.events.cue import CueMention
from tradetalks.extract.events.lines import skipped_lines
from tradetalks.extract.events.mentions import cue_hits, sentence_cues
from tradetalks.extract.events.merge import merge_drafts
from tradetalks.extract.events.negotiation import doc_negotiations, share_series_negotiation
from tradetalks.extract.events.rules import Context, decide
from tradetalks.extract.events.text import article_place, finish_event
from tradetalks.model import Doc
from tradetalks.stage import stage

_LEAD_MAX = 40  # how long a lead phrase before "…, các nhóm kỹ thuật" may be


def _continues(low: str, key: str, start: int, end: int) -> bool:
    """A sentence going on about the event told before: "Hai bên …", or after a short lead phrase
    ("Trong bốn ngày làm việc, các nhóm kỹ thuật …")."""
    if starts_with("continuation", low, key, start, end):
        return True
    comma = low.find(",", start, min(end, start + _LEAD_MAX))
    return comma > 0 and starts_with("continuation", low, key, comma + 1, end) is not None


def _in_skipped(skipped: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start < b or a < end <= b for a, b in skipped)


def article_cues(doc: Doc, low: str, key: str) -> list[CueMention]:
    """The event cues of an article, sentence by sentence, with what each sentence ties to them; a sentence
    going on about the event told before ("Hai bên …") is a "continuation" cue."""
    hits = cue_hits(low, key)
    cues: list[CueMention] = []
    if not hits:
        return cues
    skipped = skipped_lines(doc.text, low)
    i = 0
    told = False  # whether the sentence before told of an event
    for si, s in enumerate(doc.sentences):
        while i < len(hits) and hits[i].start < s.start:
            i += 1
        j = i
        while j < len(hits) and hits[j].end <= s.end:
            j += 1
        if any(a <= s.start < b or a < s.end <= b for a, b in skipped):
            i = j  # a headline or a photo caption between two paragraphs does not break the story
            continue
        found = sentence_cues(doc, low, key, si, hits[i:j]) if j > i else []
        if found:
            cues.extend(found)
            told = True
        elif told and _continues(low, key, s.start, s.end):
            go_on = CueMention("continuation", s.start, s.start, si, span=(s.start, s.end))
            if event_lexicon("leading").any(low, key, s.start, s.end):  # "Đoàn Việt Nam do Thứ trưởng A dẫn đầu"
                go_on.people = [
                    mi for mi, m in enumerate(doc.mentions) if m.type == "person" and s.start <= m.start < s.end
                ]
            cues.append(go_on)
        else:
            told = False
        i = j
    return cues


@stage(requires={"sentences", "mentions", "timexes", "topics"}, provides={"events"})
def extract_events(doc: Doc) -> Doc:
    """doc.events: the events the article tells of, with their evidence sentences."""
    key = doc.key or doc.text
    low = lower_view(key)
    cues = article_cues(doc, low, key)
    if not cues:
        doc.events = []
        return doc
    ctx = Context(doc, low, key, cues, negotiations=bool(doc_negotiations(doc, low, key)))
    ctx.skipped = {
        si for si, s in enumerate(doc.sentences) if _in_skipped(skipped_lines(doc.text, low), s.start, s.end)
    }
    drafts = merge_drafts(doc, decide(ctx))
    place = article_place(drafts)
    doc.events = [finish_event(doc, low, key, d, place) for d in drafts]
    share_series_negotiation(doc.events)
    return doc
