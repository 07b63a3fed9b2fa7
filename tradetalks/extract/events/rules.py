"""What each event cue of an article makes: an ordered list of named rules ``(context, cue) -> decision``.

The cues are read in text order. For each cue the rules of ``RULES`` are tried in turn; the first that
decides (anything but ``PASS``) settles it: the cue makes a new event (``NEW``), joins an event told
before (``JOIN``), or makes nothing (``DROP``). A rule that passes may still have reshaped the cue (a
"phiên" at minister level is a ministerial session). ``Context.trace`` records which rule decided.
"""

from __future__ import annotations

from tradetalks.event_types import spec
from tradetalks.extract.cues import ends_with, event_lexicon, starts_with
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.context import Context, Decision, Rule
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.draft import Draft, ministerial
from tradetalks.extract.events.encounters import (
    fits,
    held_with,
    official,
    sides_in_sentence,
    split_counterparts,
)
from tradetalks.extract.events.rates import describe_rate
from tradetalks.extract.events.story import (
    firms_deal,
    led_before,
    next_round_met,
    outcome_of_encounter,
    rounds_at_places,
)
from tradetalks.model import Doc, Event

_TEAMS = CueFlag.WEAK | CueFlag.PLURAL | CueFlag.TEAMS


def continuation(ctx: Context, c: CueMention) -> Decision:
    """ "Vòng đàm phán diễn ra tại Hà Nội. Hai bên thống nhất lộ trình …": the second sentence is evidence
    of the round told just before."""
    return ctx.go_on(c) if c.type == "continuation" else Decision.PASS


def teams_over_days(ctx: Context, c: CueMention) -> Decision:
    """ "Từ ngày 12 đến 14/11, các nhóm kỹ thuật làm việc …": the technical teams at work over a run of days
    are a technical round (the cue goes on to the next rules as a round)."""
    doc = ctx.doc
    if CueFlag.TEAMS in c.flags and any("/" in (doc.timexes[i].value or "") for i in c.timexes):
        c.flags &= ~_TEAMS
    return Decision.PASS


def teams_to_meet(ctx: Context, c: CueMention) -> Decision:
    """ "Tuần tới các nhóm kỹ thuật sẽ họp trực tuyến": the teams to meet online, or on a day to come, is a
    meeting of the teams, not a round."""
    if CueFlag.TEAMS in c.flags and (c.mode == "online" or c.status == "planned" and c.timexes):
        c.type, c.level = "meeting", None
        c.flags &= ~_TEAMS
    return Decision.PASS


def teams_go_on(ctx: Context, c: CueMention) -> Decision:
    """ "Các nhóm kỹ thuật đã làm việc khẩn trương.": alone in its sentence, the teams at work go on about the
    event told just before; never an event of their own; a round they work at is a technical one."""
    if CueFlag.TEAMS not in c.flags:
        return Decision.PASS
    d = ctx.touched  # "vòng đàm phán thứ 5 …, các nhóm đàm phán kỹ thuật đã tiến hành đàm phán về …": technical
    told = d is not None and (ctx.touched_at == c.sentence or ctx.next_to_touched(c.sentence))
    if d is not None and told and spec(d.event.type).series and d.event.level is None:
        d.event.level = c.level
    alone = not any(o is not c and o.sentence == c.sentence for o in ctx.cues)
    return ctx.go_on(c) if alone else Decision.DROP


def ministerial_session(ctx: Context, c: CueMention) -> Decision:
    """ "phiên đàm phán cấp Bộ trưởng", or a "phiên đàm phán" between two ministers ("Bộ trưởng A và Đại diện
    Thương mại B"): a ministerial session (the cue goes on to the next rules as one)."""
    if c.type == "negotiation_round" and CueFlag.SESSION in c.flags:
        heads = [p for p in c.people if ministerial(ctx.doc, p)]
        if c.level == "ministerial" or len(heads) >= 2:
            c.level = "ministerial"
            c.flags &= ~CueFlag.WEAK
            c.type = "ministerial_session"
    return Decision.PASS


def next_round(ctx: Context, c: CueMention) -> Decision:
    """ "Vòng đàm phán thứ 6 kết thúc hôm qua; … sẽ được bàn tại một vòng thương thuyết mới tại Hà Nội": the next
    round is numbered one after the last numbered round of its kind told before; "phiên sau", "vòng tiếp theo"
    is still to come (the cue goes on as it)."""
    if CueFlag.UPCOMING in c.flags and c.status is None and not c.timexes:
        c.status = "planned"
    if CueFlag.NEXT in c.flags and c.ordinal is None:
        told = [d.event.ordinal for d in ctx.drafts if d.event.type == c.type and d.event.ordinal is not None]
        if told:
            c.ordinal = told[-1] + 1
    return Decision.PASS


def needs_trade_context(ctx: Context, c: CueMention) -> Decision:
    """ "vòng đàm phán" in a sentence about football transfers: rounds, sessions and tariffs need words of
    trade in their sentence (or the sentence before or after, for a numbered round), or an article naming
    trade talks; so does an agreement to open talks (rule ``agreed_to_negotiate``: "Hai bên nhất trí khởi động
    đàm phán về một hiệp định thương mại" is an agreement reached, "… khởi động đàm phán hòa bình" none here)."""
    if CueFlag.TALKS in c.flags:
        s = ctx.doc.sentences[c.sentence]
        if not event_lexicon("talks").any(ctx.low, ctx.key, s.start, s.end):
            return Decision.DROP  # "tại phiên Đối thoại chính sách của một diễn đàn …": no negotiation named
    if not (spec(c.type).needs_context or CueFlag.TRADE in c.flags) or _trade_context(ctx, c):
        return Decision.PASS
    # "Phiên đàm phán diễn ra ở cấp Trưởng đoàn …" in an article about the talks, after the session was told:
    # a weak cue only tells more of that event, it needs no words of trade of its own
    told = CueFlag.WEAK in c.flags and ctx.negotiations and (ctx.target(c) is not None or _placed_here(c))
    return Decision.PASS if told else Decision.DROP


def unofficial_verb(ctx: Context, c: CueMention) -> Decision:
    """ "anh ấy làm việc với công an phường": a bare verb makes a meeting only between people with a title or
    with an organisation."""
    if CueFlag.VERB in c.flags and not official(ctx.doc, c):
        return Decision.DROP
    return Decision.PASS


def aspiration(ctx: Context, c: CueMention) -> Decision:
    """ "Hai bên hướng tới sớm ký kết thỏa thuận": a goal, not an agreement signed."""
    return Decision.DROP if CueFlag.ASPIRATION in c.flags else Decision.PASS


def conditional(ctx: Context, c: CueMention) -> Decision:
    """ "… sẽ có hiệu lực sau khi hiệp định được ký kết": a time to come, not a signing (unless dated)."""
    return Decision.DROP if CueFlag.CONDITIONAL in c.flags and not c.timexes else Decision.PASS


def identity(ctx: Context, c: CueMention) -> Decision:
    """ "Hai bộ trưởng đã gặp nhau tại Jeju. Đó là phiên đàm phán cấp Bộ trưởng đầu tiên …": the meeting told
    just before is that session; so is one told in the same sentence "…, trong vòng đàm phán thứ 5"."""
    d = ctx.touched
    if d is None or not (CueFlag.IDENTITY in c.flags or _within_round(ctx, d, c)):
        return Decision.PASS
    if ctx.touched_at < c.sentence - 1 or not fits(ctx.doc, d, c):
        return Decision.PASS
    if spec(d.event.type).two_sided and spec(c.type).series:
        ctx.last.pop(d.event.type, None)
        d.event.type = c.type
    if spec(d.event.type).series and spec(c.type).encounter:
        return ctx.join(d, c)  # "… vòng đàm phán … tại Stockholm. Đây là cuộc gặp thứ ba giữa hai bên"
    if d.event.type != c.type:
        return Decision.PASS
    ctx.last[c.type] = d
    return ctx.join(d, c)


def either_exchange(ctx: Context, c: CueMention) -> Decision:
    """ "Tại cuộc trao đổi, hai bên …": the call or the meeting told last; a new one only when someone has it
    "với" a counterpart ("A đã có cuộc trao đổi với ông B")."""
    if CueFlag.EITHER not in c.flags:
        return Decision.PASS
    told = [d for d in (ctx.last.get("call"), ctx.last.get("meeting")) if d is not None]
    target = max(told, key=lambda d: max(b for _, b in d.spans), default=None)
    if target is not None and fits(ctx.doc, target, c):
        return ctx.join(target, c)
    subject = any(ctx.doc.mentions[p].start < c.start for p in c.people)
    if subject and starts_with("counterpart", ctx.low, ctx.key, c.end, c.end + 10):
        # "Quyền Bộ trưởng A đã có cuộc trao đổi với ông B": a meeting of its own (the cue goes on as one)
        c.type = "meeting"
        c.flags &= ~(CueFlag.WEAK | CueFlag.EITHER)
        return Decision.PASS
    return Decision.DROP


def refers_back(ctx: Context, c: CueMention) -> Decision:
    """ "Tại buổi làm việc, ông A đề nghị … trong quý I": the meeting told before (a date past the comma is
    what was said, not the meeting's)."""
    doc, low = ctx.doc, ctx.low
    opens = CueFlag.INITIAL in c.flags and c.ordinal is None
    # "… tối 27/8, A có buổi điện đàm với B. Buổi điện đàm cũng nhằm cụ thể hóa … hồi tháng 3": opening the
    # sentence right after the encounter told, its dates (not right after the cue) are what it is about
    about = _goes_on_about(ctx, c) if opens and CueFlag.ANAPHOR not in c.flags else None
    anaphoric = CueFlag.ANAPHOR in c.flags or (opens and (not c.timexes or about is not None))
    if not anaphoric:
        return Decision.PASS
    c.said_dates = [
        t
        for t in c.timexes
        if about is not None or "," in low[c.end : doc.timexes[t].start] and not _held_then(ctx, c, t)
    ]
    c.timexes = [t for t in c.timexes if t not in c.said_dates]
    if about is not None:
        c.people = []  # the people it is about ("trao đổi giữa lãnh đạo A và B"), not of the encounter
        return ctx.join(about, c)
    target = ctx.target(c)
    if spec(c.type).refers_back and target is not None and fits(doc, target, c):
        return ctx.join(target, c)
    return Decision.PASS


def nobody_met(ctx: Context, c: CueMention) -> Decision:
    """ "Tại phiên làm việc chiều 21/1, Đại hội đã biểu quyết …": a meeting or call named as told before, with
    none of its type told and no one in it, is a sitting of something else, not an encounter between sides; a
    level ("sau cuộc điện đàm cấp cao hôm 2/7") names who took part."""
    if CueFlag.ANAPHOR not in c.flags or not spec(c.type).two_sided or ctx.target(c) is not None:
        return Decision.PASS
    with_someone = starts_with("counterpart", ctx.low, ctx.key, c.end, c.end + 25)  # "cuộc họp với Thụy Sĩ"
    # rule ``dated_call``: "… trong cuộc điện đàm tối cùng ngày": a phone call is between two sides by nature, one
    # with its own day is a call told, never a sitting of something else
    dated_call = c.type == "call" and bool(c.timexes or CueFlag.SAME_DAY in c.flags)
    alone = not (c.people or c.orgs or c.locations or c.level or with_someone or CueFlag.BILATERAL in c.flags)
    alone = alone and not dated_call
    return Decision.DROP if alone else Decision.PASS


def weak_cue(ctx: Context, c: CueMention) -> Decision:
    """ "cuộc đàm phán" without an ordinal or a date, or "các phiên đàm phán": tells more of the event told
    before, never one of its own (a visit named as the frame of what its sentence tells is none; one of the guest
    met in its sentence is that meeting); "Cuộc đàm phán lần này diễn ra tại New Delhi", the talks at hand with their
    place, are one when none was told before (an article whose opening is cut); one with a number told before is
    that event ("… Kỳ họp thứ 7 kéo dài ba ngày")."""
    plural = CueFlag.PLURAL in c.flags
    if CueFlag.SETTING in c.flags:
        if CueFlag.FRAME in c.flags:
            return Decision.DROP  # "Sáng 3/6, trong khuôn khổ chuyến thăm Úc, A đã …": the frame of what is told
        d = ctx.touched
        if d is not None and ctx.touched_at == c.sentence and spec(d.event.type).encounter:
            return ctx.join(d, c)  # "A tiếp ông B, … đang có chuyến thăm Hà Nội": the visit of the guest met
    if CueFlag.WEAK in c.flags and not plural and c.ordinal is not None:
        # "Kỳ họp thứ 7 khai mạc sáng 3/6. … Kỳ họp thứ 7 kéo dài ba ngày": the numbered event told before
        told = next((d for d in ctx.drafts if d.event.type == c.type and d.event.ordinal == c.ordinal), None)
        if told is not None:
            return ctx.join(told, c)  # its number tells it, whoever else the sentence names
    if CueFlag.WEAK not in c.flags or not (plural or (c.ordinal is None and not c.timexes)):
        return Decision.PASS
    target = ctx.target(c)
    if target is not None and not plural:
        return ctx.join(target, c)
    # "trong khuôn khổ chuyến thăm Úc, …": the frame of what the sentence tells, never one of its own
    return Decision.PASS if target is None and _placed_here(c) and CueFlag.FRAME not in c.flags else Decision.DROP


def many_rounds(ctx: Context, c: CueMention) -> Decision:
    """ "ba vòng đàm phán trực tiếp": a summary of many rounds, none of them told; "nhiều thỏa thuận đạt được":
    many agreements, none told unless dated or MOUs signed now."""
    if CueFlag.PLURAL not in c.flags:
        return Decision.PASS
    if spec(c.type).series:
        return Decision.DROP
    summed = c.type == "agreement" and CueFlag.MOU not in c.flags and not c.timexes and c.status != "planned"
    return Decision.DROP if summed else Decision.PASS


def many_meetings(ctx: Context, c: CueMention) -> Decision:
    """ "các phiên họp trực tuyến giữa hai đoàn kể từ tháng 4": many meetings, none told (unless people are
    named or the meetings are to come); "tiếng nói của Việt Nam tại các diễn đàn khu vực": many forums, none
    told (unless dated: a forum has no counterpart to tell one apart)."""
    if CueFlag.PLURAL not in c.flags or c.status == "planned" or not spec(c.type).encounter:
        return Decision.PASS
    if spec(c.type).two_sided:
        return Decision.DROP if not c.people else Decision.PASS
    return Decision.DROP if not c.timexes else Decision.PASS


def named_again(ctx: Context, c: CueMention) -> Decision:
    """ "Vòng đàm phán thứ 5 diễn ra ngày 9/6. … Vòng đàm phán tập trung vào …": a round, session or agreement
    named again with nothing that tells it apart (no ordinal, no date) is the one told before."""
    target = ctx.target(c)
    if target is not None and _repeats(c, target):
        return ctx.join(target, c)
    return Decision.PASS


def bare_past(ctx: Context, c: CueMention) -> Decision:
    """ "các cuộc gặp vừa qua đã giúp …": a past or plural cue with nothing of its own (no date, people, place,
    mode) is no event; an MOU signed just now is ("vừa ký kết các biên bản ghi nhớ")."""
    signed = CueFlag.MOU in c.flags and event_lexicon("signing").any(ctx.low, ctx.key, max(0, c.start - 20), c.start)
    if (CueFlag.PAST in c.flags or CueFlag.PLURAL in c.flags) and _bare(c) and not signed:
        return Decision.DROP
    return Decision.PASS


def bare_mention(ctx: Context, c: CueMention) -> Decision:
    """ "Cuộc gặp diễn ra trong bầu không khí cởi mở.": a cue with nothing of its own tells more of the event
    of its type told before; an agreement or a tariff named bare, or a round described by its level
    ("vòng đàm phán kỹ thuật"), or one with an organisation, is an event of its own."""
    described = c.level is not None and c.type == "negotiation_round" and CueFlag.FRAME not in c.flags
    if not _bare(c) or described or c.orgs or spec(c.type).stands_alone:
        return Decision.PASS
    if ctx.target(c) is None and held_with(ctx.doc, ctx.low, ctx.key, c):
        return Decision.PASS  # "sau cuộc điện đàm với lãnh đạo Việt Nam": one call, named in passing
    target = ctx.target(c)
    return ctx.join(target, c) if target is not None else Decision.DROP


def sides_named_before(ctx: Context, c: CueMention) -> Decision:
    """ "Chiều 2/11, tại Hà Nội, Bộ trưởng A chủ trì lễ đón Bộ trưởng B. Sau lễ đón, hai bên tiến hành hội đàm.":
    the two sides of a meeting or call that names no one are the people of the sentence before (one that told
    no event, with two people, one titled), met on its date and at its place (the cue goes on with them)."""
    if CueFlag.BILATERAL not in c.flags or not spec(c.type).two_sided or c.people:
        return Decision.PASS
    prev = ctx.quiet_sentence_before(c.sentence)
    if prev is None:
        return Decision.PASS
    sides = sides_in_sentence(ctx.doc, ctx.low, ctx.key, prev)
    if sides is not None:
        c.people = sides.people
        c.timexes = c.timexes or sides.timexes
        c.locations = c.locations or sides.places
    return Decision.PASS


def new_event(ctx: Context, c: CueMention) -> Decision:
    """ "Ngày 12/11, Bộ trưởng A làm việc với Bộ trưởng B và Thượng nghị sĩ C.": a new event, one per named
    counterpart when the cue is plural ("các buổi làm việc với A, B và C"); a meeting named as told ("Trong cuộc họp
    song phương với phía Israel, …") right after a round is part of that round (the delegations its story goes on to
    name take part in the round too: rule ``within_round``)."""
    encounter = ctx.touched if CueFlag.OUTCOME in c.flags else None
    outer = ctx.touched if CueFlag.ANAPHOR in c.flags and spec(c.type).two_sided else None
    if outer is not None and not (spec(outer.event.type).series and ctx.next_to_touched(c.sentence)):
        outer = None
    for people in split_counterparts(ctx.doc, c):
        d = _new_draft(ctx.doc, c, people)
        d.within = outer
        ctx.drafts.append(d)
        ctx.last[c.type] = ctx.touched = d
        ctx.touched_at = c.sentence
    if encounter is not None:
        ctx.touched = encounter  # rule ``outcome_of_encounter``: the story goes on about the encounter
    return Decision.NEW


#: The rules in the order they are tried; the first that does not pass decides.
RULES: dict[str, Rule] = {
    "continuation": continuation,
    "outcome_of_encounter": outcome_of_encounter,
    "teams_over_days": teams_over_days,
    "teams_to_meet": teams_to_meet,
    "teams_go_on": teams_go_on,
    "ministerial_session": ministerial_session,
    "next_round": next_round,
    "next_round_met": next_round_met,
    "rounds_at_places": rounds_at_places,
    "needs_trade_context": needs_trade_context,
    "unofficial_verb": unofficial_verb,
    "aspiration": aspiration,
    "firms_deal": firms_deal,
    "conditional": conditional,
    "identity": identity,
    "either_exchange": either_exchange,
    "refers_back": refers_back,
    "nobody_met": nobody_met,
    "weak_cue": weak_cue,
    "many_rounds": many_rounds,
    "many_meetings": many_meetings,
    "named_again": named_again,
    "bare_past": bare_past,
    "bare_mention": bare_mention,
    "sides_named_before": sides_named_before,
    "led_before": led_before,
    "new_event": new_event,
}


def settle(ctx: Context, c: CueMention) -> tuple[str, Decision]:
    """Try the rules in order on one cue: the name of the first that decides, and its decision."""
    for name, rule in RULES.items():
        decision = rule(ctx, c)
        if decision is not Decision.PASS:
            ctx.trace.append((c.start, name, decision))
            return name, decision
    raise AssertionError("new_event always decides")  # pragma: no cover


def decide(ctx: Context) -> list[Draft]:
    """The drafts the article's cues make, each cue settled by the first rule that decides."""
    for c in ctx.cues:
        settle(ctx, c)
    return ctx.drafts


def _goes_on_about(ctx: Context, c: CueMention) -> Draft | None:
    """The event a meeting or call cue opening its sentence goes on about: the one of its type (or a round, for a
    meeting: "Cuộc gặp rất tốt", of talks just told) told in the sentence before, when the cue is neither the
    next one, nor dated right after it ("Buổi điện đàm ngày 5/3 …"), nor naming its own sides ("Cuộc gặp giữa A
    và B")."""
    d, target = ctx.touched, ctx.target(c)
    if not spec(c.type).two_sided or d is None or not ctx.next_to_touched(c.sentence):
        return None
    if target is not None and max(b for _, b in target.spans) > ctx.doc.sentences[ctx.touched_at].start:
        d = target  # "A có phiên làm việc với B nhằm khởi động vòng đàm phán. Buổi làm việc …": the meeting
    if d is not target and not (c.type == "meeting" and spec(d.event.type).series):
        return None
    if c.flags & (CueFlag.NEXT | CueFlag.UPCOMING) or c.status != d.event.status and c.status is not None:
        return None
    low, key = ctx.low, ctx.key
    if any(starts_with(k, low, key, c.end, c.end + 10) for k in ("between", "counterpart")):
        return None  # "Cuộc gặp giữa A và B …": an encounter of its own people
    return d if all(ctx.doc.timexes[t].start - c.end > 15 for t in c.timexes) else None


def _held_then(ctx: Context, c: CueMention, ti: int) -> bool:
    """Rule ``next_held_on``: "… để đàm phán tại phiên sau, dự kiến sẽ được tổ chức từ ngày 7/12": a day past the
    comma after an event still to come, in a clause saying when it is held, is that event's own day, not what was
    said at the event told before."""
    if not c.flags & (CueFlag.NEXT | CueFlag.UPCOMING):
        return False
    t = ctx.doc.timexes[ti]
    comma = ctx.low.rfind(",", c.end, t.start)
    return event_lexicon("venue").any(ctx.low, ctx.key, comma + 1, t.start)


def _placed_here(c: CueMention) -> bool:
    """ "Cuộc đàm phán lần này diễn ra tại New Delhi", "cuộc đàm phán thương mại với Trung Quốc tại Thụy Sĩ": one
    event named with its place."""
    return CueFlag.PLURAL not in c.flags and c.ordinal is None and bool(c.locations)


def _within_round(ctx: Context, d: Draft, c: CueMention) -> bool:
    """ "A đã gặp B tại Kuala Lumpur, trong vòng đàm phán trực tiếp thứ 5": a numbered round the meeting told in
    the same sentence took place within."""
    if not spec(c.type).series or c.ordinal is None or ctx.touched_at != c.sentence or not spec(d.event.type).two_sided:
        return False
    return ends_with("within_round", ctx.low, ctx.key, max(0, c.start - 15), c.start) is not None


def _bare(c: CueMention) -> bool:
    """A cue with nothing of its own: no ordinal, date, people, place, "giữa hai bên", mode, nor a plan."""
    own = c.ordinal is not None or bool(c.timexes or c.said_dates) or bool(c.people) or bool(c.locations)
    own = own or bool(c.flags & (CueFlag.BILATERAL | CueFlag.SAME_DAY))  # "Cũng trong dịp này": dated before
    return not own and c.mode is None and c.status != "planned"


def _trade_context(ctx: Context, c: CueMention) -> bool:
    """Rounds, sessions and tariffs need a sentence about trade or an article naming trade talks."""
    doc, low, key = ctx.doc, ctx.low, ctx.key
    if ctx.negotiations and (CueFlag.WEAK not in c.flags or c.ordinal is not None):
        return True
    if c.type == "tariff_action" and c.rate is not None and CueFlag.ACTION in c.flags:
        return True  # "Mỹ áp mức thuế 20% với hàng Việt Nam": a tariff imposed says trade by itself
    s = doc.sentences[c.sentence]
    if _has_context(doc, low, key, s.start, s.end):
        return True
    # a round named with its number takes the words of trade of the sentence before or after ("… với Đại diện
    # Thương mại …. Hai bên thống nhất …, trong đó có vòng đàm phán thứ sáu"); so does the one told with its
    # place (rule ``placed_talks_nearby``: "Cuộc đàm phán lần này diễn ra tại Geneva. Trưởng đoàn đàm phán
    # thương mại của Mỹ …")
    if c.ordinal is None and not _placed_here(c):
        return False
    near = [doc.sentences[i] for i in (c.sentence - 1, c.sentence + 1) if 0 <= i < len(doc.sentences)]
    return any(_has_context(doc, low, key, n.start, n.end) for n in near)


def _has_context(doc: Doc, low: str, key: str, start: int, end: int) -> bool:
    """Whether words about trade stand in ``[start, end)``: read once per sentence, not once per cue."""
    return bool(
        doc_index(doc).remember(("context", start, end), lambda: event_lexicon("context").any(low, key, start, end))
    )


def _repeats(c: CueMention, d: Draft) -> bool:
    """A round, session or agreement named again with nothing new that tells it apart (no ordinal, no date)."""
    if not spec(c.type).one_per_identity or c.ordinal is not None or c.timexes:
        return False
    if (CueFlag.MOU in c.flags) != (CueFlag.MOU in d.flags):
        return False  # an MOU signed beside a joint statement is another document
    if c.people and c.type == "ministerial_session":
        return False
    ev = d.event
    return (c.mode is None or ev.mode in (None, c.mode)) and not (c.status == "planned" and ev.status == "held")


def _new_draft(doc: Doc, c: CueMention, people: list[int]) -> Draft:
    ev = Event(type=c.type, evidence=[], ordinal=c.ordinal, level=c.level, mode=c.mode, rate=c.rate)
    ev.status = c.status or "held"
    if c.type == "tariff_action":
        describe_rate(doc, ev, c)  # whose goods, which goods, from when; the talks a foreign rate belongs to
    d = Draft(ev, sentence=c.sentence, anchor=c.start)
    d.absorb(c)
    d.people = list(people)
    counterparts = [p for p in c.people if doc.mentions[p].start >= c.end]
    if CueFlag.PLURAL in c.flags and c.type == "meeting" and people and not counterparts:
        d.series = True
    d.flags |= c.flags & (CueFlag.SAME_DAY | CueFlag.MOU)
    d.time_of_day = c.time_of_day
    d.reference = CueFlag.REFERENCE in c.flags
    return d
