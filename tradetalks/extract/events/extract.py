"""Events of an article: rounds, ministerial sessions, meetings, calls, roundtables, agreements, tariffs.

Cue phrases come from ``resources/event_cues.tsv`` (found with every other cue in one pass, ``cues``).
Each sentence's cues get the dates, places and people the sentence ties to them (``mentions``; tariffs
and their rates in ``tariffs``); the ordered rules of ``rules`` decide what each cue makes (a new event,
more of one told before, nothing); repeated mentions of one round or session are merged (``merge``); the
result gets its negotiation, summary and evidence (``text``).
"""

from __future__ import annotations

from functools import cache

from tradetalks.extract.cues import CueHit, event_lexicon, lower_view, starts_with
from tradetalks.extract.doc_index import doc_index, forget_index
from tradetalks.extract.events.borrowed import borrow_dates_and_places, share_talks_negotiation
from tradetalks.extract.events.cue import CueMention
from tradetalks.extract.events.draft import Draft
from tradetalks.extract.events.lines import skipped_lines
from tradetalks.extract.events.mentions import cue_hits, sentence_cues
from tradetalks.extract.events.merge import merge_drafts
from tradetalks.extract.events.named_agreements import named_agreements
from tradetalks.extract.events.negotiation import doc_negotiations, share_series_negotiation
from tradetalks.extract.events.places import share_talks_place
from tradetalks.extract.events.rules import Context, decide
from tradetalks.extract.events.text import article_place, finish_event, told_after
from tradetalks.limits import MAX_EVENTS_PER_ARTICLE
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


def _delegations(doc: Doc, low: str, key: str, start: int, end: int) -> bool:
    """Rule ``delegations_named``: "Cuộc đàm phán diễn ra tại Geneva. Ông A dẫn đầu đoàn Mỹ, trưởng đoàn Thụy Sĩ là
    bà B.": a sentence naming the heads of the delegations (two people or more) goes on about the event told just
    before; one person arriving somewhere "dẫn đầu phái đoàn" is not yet both sides of it."""
    if "đoàn" not in low[start:end] or not event_lexicon("leading").any(low, key, start, end):
        return False
    return sum(1 for m in doc_index(doc).mentions_in(start, end) if m.type == "person") >= 2


def skipped_sentences(doc: Doc, low: str) -> set[int]:
    """The sentences lying on headline or caption lines, in one sweep over both sorted lists."""
    spans = skipped_lines(doc.text, low)
    out: set[int] = set()
    j = 0
    for si, s in enumerate(doc.sentences):
        while j < len(spans) and spans[j][1] <= s.start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < s.end:
            a, b = spans[k]
            if a <= s.start < b or a < s.end <= b:
                out.add(si)
                break
            k += 1
    return out


def article_cues(
    doc: Doc, low: str, key: str, skipped: set[int] | None = None, hits: list[CueHit] | None = None
) -> list[CueMention]:
    """The event cues of an article, sentence by sentence, with what each sentence ties to them; a sentence
    going on about the event told before ("Hai bên …") is a "continuation" cue (``skipped``: the sentences of
    headlines and captions, and ``hits``: the cue phrases, found here when not given)."""
    hits = cue_hits(low, key) if hits is None else hits
    cues: list[CueMention] = []
    if not hits:
        return cues
    if skipped is None:
        skipped = skipped_sentences(doc, low)
    i = 0
    told = False  # whether the sentence before told of an event
    for si, s in enumerate(doc.sentences):
        while i < len(hits) and hits[i].start < s.start:
            i += 1
        j = i
        while j < len(hits) and hits[j].end <= s.end:
            j += 1
        if si in skipped:
            i = j  # a headline or a photo caption between two paragraphs does not break the story
            continue
        found = sentence_cues(doc, low, key, si, hits[i:j]) if j > i else []
        if found:
            cues.extend(found)
            told = True
        elif told and (_continues(low, key, s.start, s.end) or _delegations(doc, low, key, s.start, s.end)):
            go_on = CueMention("continuation", s.start, s.start, si, span=(s.start, s.end))
            if event_lexicon("leading").any(low, key, s.start, s.end):  # "Đoàn Việt Nam do Thứ trưởng A dẫn đầu"
                go_on.people = [
                    mi for mi in doc_index(doc).mention_ids_in(s.start, s.end) if doc.mentions[mi].type == "person"
                ]
            cues.append(go_on)
        else:
            told = False
        i = j
    return cues


@stage(requires={"sentences", "mentions", "timexes", "topics"}, provides={"events"})
def extract_events(doc: Doc) -> Doc:
    """doc.events: the events the article tells of, with their evidence sentences."""
    forget_index()  # indexes and memos are built afresh for this document and dropped with it
    try:
        return _extract_events(doc)
    finally:
        forget_index()


def _extract_events(doc: Doc) -> Doc:
    key = doc.key or doc.text
    low = lower_view(key)
    hits = cue_hits(low, key)
    skipped = skipped_sentences(doc, low) if hits else set()
    cues = article_cues(doc, low, key, skipped, hits)
    drafts: list[Draft] = []
    talks_named = False
    if cues:
        ctx = Context(doc, low, key, cues, negotiations=bool(doc_negotiations(doc, low, key)), skipped=skipped)
        talks_named = ctx.negotiations
        drafts = merge_drafts(doc, decide(ctx))
        if len(drafts) > MAX_EVENTS_PER_ARTICLE:
            doc.notes.append(
                f"the article tells {len(drafts):,} events; only the first {MAX_EVENTS_PER_ARTICLE:,} are kept "
                f"(limit per article)"
            )
            drafts = drafts[:MAX_EVENTS_PER_ARTICLE]
        share_talks_place(doc, low, key, drafts)
        borrow_dates_and_places(doc, low, key, drafts, hits)
    skips = (lambda: skipped) if hits else cache(lambda: skipped_sentences(doc, low))
    named = named_agreements(doc, low, key, drafts, skips, talks_named)
    drafts += named[: max(0, MAX_EVENTS_PER_ARTICLE - len(drafts))]
    if not drafts:
        doc.events = []
        return doc
    skipped = skips()
    place = article_place(drafts)
    after = told_after(doc, low, key, drafts, skipped)
    doc.events = [finish_event(doc, low, key, d, place, more) for d, more in zip(drafts, after, strict=True)]
    share_series_negotiation(doc.events)
    share_talks_negotiation(drafts, doc.events)
    if not any(e.negotiation for e in doc.events):  # rule agreement_named_by_place: of no negotiation told, none
        doc.events = [e for e in doc.events if not (e.reference and e.type == "agreement")]
    return doc
