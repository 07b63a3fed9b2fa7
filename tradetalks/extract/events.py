"""Events of an article: rounds, ministerial sessions, meetings, calls, roundtables, agreements, tariffs.

Cue phrases come from ``resources/event_cues.tsv`` (found with every other cue in one pass, ``cues``).
Each sentence's cues get the dates, places and people the sentence ties to them (``events_mentions``;
tariffs and their rates in ``events_tariffs``); mentions that refer back ("Tại buổi làm việc, …",
"vòng đàm phán lần này") join the event told before (here); repeated mentions of one round or session
are merged (``events_merge``); the result gets its negotiation, summary and evidence (``events_text``).
"""

from __future__ import annotations

from tradetalks.extract.cues import event_lexicon, lower_view, starts_with
from tradetalks.extract.doc_index import doc_index, ends_inside, forget_index
from tradetalks.extract.events_cue import CueMention
from tradetalks.extract.events_draft import Draft, known_person, ministerial, same_person
from tradetalks.extract.events_mentions import cue_hits, sentence_cues, skipped_lines
from tradetalks.extract.events_merge import merge_drafts
from tradetalks.extract.events_text import article_place, doc_negotiations, finish_event
from tradetalks.model import Doc, Event
from tradetalks.pipeline import MAX_EVENTS_PER_ARTICLE, stage

_NEEDS_CONTEXT = ("negotiation_round", "ministerial_session", "tariff_action")
_LEAD_MAX = 40  # how long a lead phrase before "…, các nhóm kỹ thuật" may be


def _event_type(doc: Doc, c: CueMention) -> str:
    """A "phiên đàm phán" at minister level, or between two ministers, is a ministerial session."""
    if c.type == "negotiation_round" and "session" in c.flags:
        heads = [p for p in c.people if ministerial(doc, p)]
        if c.level == "ministerial" or len(heads) >= 2:
            c.level = "ministerial"
            c.flags.discard("weak")
            return "ministerial_session"
    return c.type


def _trade_context(doc: Doc, low: str, key: str, c: CueMention, negotiations: bool) -> bool:
    """Rounds, sessions and tariffs need a sentence about trade or an article naming trade talks."""
    if negotiations and ("weak" not in c.flags or c.ordinal is not None):
        return True
    if c.type == "tariff_action" and c.rate is not None and "action" in c.flags:
        return True  # "Mỹ áp mức thuế 20% với hàng Việt Nam": a tariff imposed says trade by itself
    s = doc.sentences[c.sentence]
    if _has_context(doc, low, key, s.start, s.end):
        return True
    # a round named with its number goes on from the sentence before ("… với Đại diện Thương mại …. Hai bên
    # thống nhất …, trong đó có vòng đàm phán thứ sáu")
    told = c.ordinal is not None and c.sentence > 0
    return told and _has_context(doc, low, key, doc.sentences[c.sentence - 1].start, s.start)


def _has_context(doc: Doc, low: str, key: str, start: int, end: int) -> bool:
    """Whether words about trade stand in ``[start, end)``: read once per sentence, not once per cue."""
    return bool(
        doc_index(doc).remember(("context", start, end), lambda: event_lexicon("context").any(low, key, start, end))
    )


def _split_counterparts(doc: Doc, c: CueMention) -> list[list[int]]:
    """ "các buổi làm việc với A, B và C": one group of people per distinct named counterpart."""
    subject = [p for p in c.people if doc.mentions[p].start < c.start]
    others = [p for p in c.people if doc.mentions[p].start >= c.end]
    if "plural" not in c.flags or c.type not in ("meeting", "call") or len(others) < 2:
        return [c.people]
    groups: list[list[int]] = []
    for p in others:
        if any(same_person(doc, p, g[-1]) for g in groups):
            continue
        groups.append([*subject, p])
    return groups if len(groups) >= 2 else [c.people]


def _new_draft(doc: Doc, t: str, c: CueMention, people: list[int]) -> Draft:
    ev = Event(type=t, evidence=[], ordinal=c.ordinal, level=c.level, mode=c.mode, rate=c.rate)
    ev.status = c.status or "held"
    d = Draft(ev, sentence=c.sentence)
    d.absorb(c)
    d.people = list(people)
    counterparts = [p for p in c.people if doc.mentions[p].start >= c.end]
    if "plural" in c.flags and t == "meeting" and people and not counterparts:
        d.flags.add("series")
    d.flags |= {f for f in c.flags if f in ("same_day", "mou") or f.startswith("tod:")}
    return d


def _build(doc: Doc, low: str, key: str, cues: list[CueMention]) -> list[Draft]:
    drafts: list[Draft] = []
    last: dict[str, Draft] = {}
    negotiations = bool(doc_negotiations(doc, low, key))
    touched: Draft | None = None  # the event told last, and in which sentence
    touched_at = -2
    for c in cues:
        if c.type == "continuation":  # "Hai bên thống nhất …" right after a sentence telling an event
            if touched is not None and touched_at == c.sentence - 1:
                touched.spans.append(c.span)
                touched_at = c.sentence
            continue
        if "teams" in c.flags:  # the technical teams at work: a round when told over a run of days
            if any("/" in (doc.timexes[i].value or "") for i in c.timexes):
                c.flags -= {"weak", "plural", "teams"}
            elif c.mode == "online" or c.status == "planned" and c.timexes:
                # "tuần tới các nhóm kỹ thuật sẽ họp trực tuyến": a meeting of the teams, not a round
                c.type, c.level = "meeting", None
                c.flags -= {"weak", "plural", "teams"}
            else:  # alone in its sentence, it goes on about the event told just before
                alone = not any(o is not c and o.sentence == c.sentence for o in cues)
                if alone and touched is not None and touched_at == c.sentence - 1:
                    touched.spans.append(c.span)
                    touched_at = c.sentence
                continue
        t = _event_type(doc, c)
        if t in _NEEDS_CONTEXT and not _trade_context(doc, low, key, c, negotiations):
            continue
        if "verb" in c.flags and not _official(doc, c):
            continue  # "làm việc với công an phường": not a meeting of officials
        if "aspiration" in c.flags:
            continue  # "hướng tới sớm ký kết thỏa thuận": a goal, not an agreement
        if "conditional" in c.flags and not c.timexes:
            continue  # "… sau khi hiệp định được ký kết": a time to come, not a signing
        own = c.ordinal is not None or bool(c.timexes) or bool(c.people) or bool(c.locations) or "bilateral" in c.flags
        own = own or "same_day" in c.flags  # "Cũng trong dịp này, …": dated by the event told before
        target = last.get(t)
        if "identity" in c.flags and touched is not None and touched_at >= c.sentence - 1 and _fits(doc, touched, c):
            # "… đã gặp nhau tại Jeju. Đó là phiên đàm phán cấp Bộ trưởng đầu tiên …": the meeting told just
            # before is that session
            if touched.event.type in ("meeting", "call") and t in ("negotiation_round", "ministerial_session"):
                last.pop(touched.event.type, None)
                touched.event.type = t
            if touched.event.type == t:
                touched.absorb(c)
                last[t], touched_at = touched, c.sentence
                continue
        if "either" in c.flags:  # "Tại cuộc trao đổi, …": the call or the meeting told last, never a new event
            told = [d for d in (last.get("call"), last.get("meeting")) if d is not None]
            target = max(told, key=lambda d: max(b for _, b in d.spans), default=None)
            if target is not None and _fits(doc, target, c):
                target.absorb(c)
                touched, touched_at = target, c.sentence
            continue
        anaphoric = "anaphor" in c.flags or ("initial" in c.flags and c.ordinal is None and not c.timexes)
        if anaphoric:  # "Tại các cuộc gặp, ông A đề nghị … trong quý I": a date past the comma is what was said
            c.timexes = [t for t in c.timexes if "," not in low[c.end : doc.timexes[t].start]]
        if t != "tariff_action" and anaphoric and target is not None and _fits(doc, target, c):
            target.absorb(c)
            touched, touched_at = target, c.sentence
            continue
        if "weak" in c.flags and (("plural" in c.flags) or (c.ordinal is None and not c.timexes)):
            if target is not None and "plural" not in c.flags:
                target.absorb(c)
                touched, touched_at = target, c.sentence
            continue
        if "plural" in c.flags and t in ("negotiation_round", "ministerial_session"):
            continue  # "các vòng đàm phán", "ba vòng đàm phán trực tiếp": a summary of many
        if "plural" in c.flags and t in ("meeting", "call") and not c.people and c.status != "planned":
            continue  # "các phiên họp trực tuyến giữa hai đoàn kể từ tháng 4": many meetings, none told
        if target is not None and _repeats(t, c, target):
            target.absorb(c)
            touched, touched_at = target, c.sentence
            continue
        bare = not own and c.mode is None and c.status != "planned"
        signed = "mou" in c.flags and event_lexicon("signing").any(low, key, max(0, c.start - 20), c.start)
        if ("past" in c.flags or "plural" in c.flags) and bare and not signed:
            continue
        described = c.level is not None and t == "negotiation_round" and "frame" not in c.flags
        if bare and not described and not c.orgs and t not in ("agreement", "tariff_action"):
            if target is not None:
                target.absorb(c)
                touched, touched_at = target, c.sentence
            continue
        for people in _split_counterparts(doc, c):
            d = _new_draft(doc, t, c, people)
            drafts.append(d)
            last[t] = touched = d
            touched_at = c.sentence
    return drafts


def _continues(low: str, key: str, start: int, end: int) -> bool:
    """A sentence going on about the event told before: "Hai bên …", or after a short lead phrase
    ("Trong bốn ngày làm việc, các nhóm kỹ thuật …")."""
    if starts_with("continuation", low, key, start, end):
        return True
    comma = low.find(",", start, min(end, start + _LEAD_MAX))
    return comma > 0 and starts_with("continuation", low, key, comma + 1, end) is not None


def _official(doc: Doc, c: CueMention) -> bool:
    """A bare verb ("làm việc với") makes an event between people with a title, or with an organisation."""
    if any(doc.mentions[p].role is not None for p in c.people):
        return True
    s = doc.sentences[c.sentence]
    return any(m.type == "organization" for m in doc_index(doc).mentions_in(s.start, s.end))


def _repeats(t: str, c: CueMention, d: Draft) -> bool:
    """A round, session or agreement named again with nothing new that tells it apart (no ordinal, no date)."""
    if t not in ("negotiation_round", "ministerial_session", "agreement") or c.ordinal is not None or c.timexes:
        return False
    if ("mou" in c.flags) != ("mou" in d.flags):
        return False  # an MOU signed beside a joint statement is another document
    if c.people and t == "ministerial_session":
        return False
    ev = d.event
    return (c.mode is None or ev.mode in (None, c.mode)) and not (c.status == "planned" and ev.status == "held")


def _fits(doc: Doc, d: Draft, c: CueMention) -> bool:
    """Whether a referring mention can be the drafted event: no other ordinal, no only-new people."""
    if c.ordinal is not None and d.event.ordinal is not None and c.ordinal != d.event.ordinal:
        return False
    if c.people and len(d.people) >= 2 and "attend" not in c.flags:
        return any(map(known_person(doc, d.people), c.people))
    return True


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
    cues: list[CueMention] = []
    if hits:
        skipped = ends_inside(skipped_lines(doc.text, low))
        i = 0
        told = False  # whether the sentence before told of an event
        for si, s in enumerate(doc.sentences):
            while i < len(hits) and hits[i].start < s.start:
                i += 1
            j = i
            while j < len(hits) and hits[j].end <= s.end:
                j += 1
            if skipped(s.start, s.end):
                told, i = False, j
                continue
            found = sentence_cues(doc, low, key, si, hits[i:j]) if j > i else []
            if found:
                cues.extend(found)
                told = True
            elif told and _continues(low, key, s.start, s.end):
                cues.append(CueMention("continuation", s.start, s.start, si, span=(s.start, s.end)))
            else:
                told = False
            i = j
    if not cues:
        doc.events = []
        return doc
    drafts = merge_drafts(doc, _build(doc, low, key, cues))
    if len(drafts) > MAX_EVENTS_PER_ARTICLE:
        doc.notes.append(
            f"the article tells {len(drafts):,} events; only the first {MAX_EVENTS_PER_ARTICLE:,} are kept "
            f"(limit per article)"
        )
        drafts = drafts[:MAX_EVENTS_PER_ARTICLE]
    place = article_place(drafts)
    doc.events = [finish_event(doc, low, key, d, place) for d in drafts]
    return doc
