"""Rules of ``rules.py`` that read what the story around a cue tells: what two sides agreed at an encounter just
told, a new round that is a meeting to come, the rounds counted before a numbered one at the places listed, a deal
between firms, the head of a delegation told the sentence before a meeting."""

from __future__ import annotations

from tradetalks.event_types import spec
from tradetalks.extract.cues import event_lexicon, starts_with
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.context import Context, Decision
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import Draft
from tradetalks.extract.events.encounters import firms_only
from tradetalks.extract.events.places import listed_places
from tradetalks.model import Event


def outcome_of_encounter(ctx: Context, c: CueMention) -> Decision:
    """ "Sáng 2/3, Bộ trưởng A điện đàm với Bộ trưởng B. Hai bên nhất trí khởi động đàm phán về hàng nông
    sản.": an agreement told by a sentence going on about the encounter told just before is what was agreed at it;
    the sentence is evidence of that encounter too (its matters), the cue goes on as an agreement, and the sentences
    going on after it ("Phía Úc đề nghị …") are about the encounter still."""
    d = ctx.touched
    if c.type != "agreement" or d is None or not spec(d.event.type).encounter:
        return Decision.PASS
    s = ctx.doc.sentences[c.sentence]
    if ctx.next_to_touched(c.sentence) and starts_with("continuation", ctx.low, ctx.key, s.start, c.start):
        d.spans.append((s.start, s.end))
        ctx.touched_at = c.sentence
        c.flags |= CueFlag.OUTCOME
    return Decision.PASS


def next_round_met(ctx: Context, c: CueMention) -> Decision:
    """ "Bộ trưởng A sẽ gặp Phó Thủ tướng B tại Bali vào cuối tháng này. … Hai nước cũng đồng ý sớm mở vòng
    đàm phán mới.": a new round told with nothing of its own, after a meeting still to come between two
    people at a set time or place, is that meeting (which becomes the round)."""
    if not spec(c.type).series or CueFlag.NEXT not in c.flags or c.ordinal is not None or c.timexes or c.locations:
        return Decision.PASS
    d = next((d for d in reversed(ctx.drafts) if d.event.type == "meeting"), None)
    if d is None or d.event.status != "planned" or len(d.people) < 2 or not (d.timexes or d.locations):
        return Decision.PASS
    if any(x.event.type == c.type for x in ctx.drafts):
        return Decision.PASS  # rounds are told: the new one is the next of them (rule next_round)
    ctx.last.pop(d.event.type, None)
    d.event.type = c.type
    ctx.last[c.type] = d
    return ctx.join(d, c)


def rounds_at_places(ctx: Context, c: CueMention) -> Decision:
    """ "Vòng đàm phán thứ ba mở tại New Delhi. … Hai vòng đàm phán trước đó tại London và Geneva …": the
    rounds counted before the first numbered round told, one per place listed (as many as counted), in order, each
    held at its own place (and none of this sentence's dates or people)."""
    if not spec(c.type).series or CueFlag.PLURAL not in c.flags or CueFlag.PAST not in c.flags or not c.count:
        return Decision.PASS
    told = [d.event.ordinal for d in ctx.drafts if d.event.type == c.type and d.event.ordinal is not None]
    places = listed_places(ctx.doc, ctx.low, ctx.key, c)
    if not told or len(places) != c.count or min(told) - c.count < 1:
        return Decision.PASS
    for i, place in enumerate(places):
        ev = Event(type=c.type, evidence=[], ordinal=min(told) - c.count + i, level=c.level, mode=c.mode)
        ev.status = "held"
        d = Draft(ev, spans=[c.span], locations=[place], sentence=c.sentence, anchor=c.start)
        ctx.drafts.append(d)
    return Decision.NEW


def firms_deal(ctx: Context, c: CueMention) -> Decision:
    """ "Công ty A và Tập đoàn B ký hợp đồng cung ứng thép": an agreement between firms only is business, no event of
    trade talks (``encounters.firms_only``)."""
    if c.type == "agreement" and firms_only(ctx.doc, ctx.low, ctx.key, c):
        return Decision.DROP
    return Decision.PASS


def led_before(ctx: Context, c: CueMention) -> Decision:
    """ "Phái đoàn gồm 40 doanh nghiệp, do Bộ trưởng A dẫn đầu. Chuyến thăm diễn ra từ 3 đến 5/6.": a
    meeting opening its sentence with no one named takes the head of the delegation the sentence before names (one
    that told no event) as one of its people (the cue goes on with them)."""
    if c.type != "meeting" or c.people or CueFlag.INITIAL not in c.flags:
        return Decision.PASS
    prev = ctx.quiet_sentence_before(c.sentence)
    if prev is None:
        return Decision.PASS
    s = ctx.doc.sentences[prev]
    if event_lexicon("leading").any(ctx.low, ctx.key, s.start, s.end):
        index = doc_index(ctx.doc)
        c.people = [mi for mi in index.mention_ids_in(s.start, s.end) if ctx.doc.mentions[mi].type == "person"]
    return Decision.PASS
