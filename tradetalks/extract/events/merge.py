"""Within one article: merge repeated mentions of one event and share dates between related events."""

from __future__ import annotations

import itertools

from tradetalks.event_types import types_where
from tradetalks.extract.events.cue import CueFlag
from tradetalks.extract.events.draft import (
    Draft,
    dates_overlap,
    known_person,
    ministerial,
    person_keys,
    same_dates,
    unique_people_of,
)
from tradetalks.model import Doc

#: A report merges with one of the last this many events of its type told before it. The most events of
#: one type in one article of the real set, the seeds and 800 VietNews articles is 8; a longer list is a
#: repeated or generated text, whose cost must stay linear.
MERGE_WINDOW = 16

_ONE_PER_IDENTITY = types_where("one_per_identity")


def draft_value(doc: Doc, d: Draft) -> str | None:
    """The ISO value of the first time expression tied to a draft."""
    return doc.timexes[d.timexes[0]].value if d.timexes else None


def _conflict(a: object, b: object) -> bool:
    return a is not None and b is not None and a != b


def _same_people(doc: Doc, a: Draft, b: Draft) -> bool:
    (pa, ka), (pb, kb) = unique_people_of(doc, a), unique_people_of(doc, b)
    if not pa or not pb:
        return False
    small, big, big_keys = (pa, pb, kb) if len(pa) <= len(pb) else (pb, pa, ka)
    shared = [p for p in small if not person_keys(doc, p).isdisjoint(big_keys)]
    return len(shared) == len(small) and (len(small) >= 2 or len(small) == len(big))


def _mergeable(doc: Doc, a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if ea.type != eb.type or a.series or b.series:
        return False
    for x, y in ((ea.ordinal, eb.ordinal), (ea.mode, eb.mode), (ea.rate, eb.rate), (ea.level, eb.level)):
        if _conflict(x, y):
            return False
    # "vòng thứ ba" named again as a reference ("chuẩn bị cho vòng thứ ba"), undated: the same round, whatever
    # the tense of the sentence naming it
    named_again = ea.type in _ONE_PER_IDENTITY and ea.ordinal is not None and (not a.timexes or not b.timexes)
    if ea.status != eb.status and not named_again or not dates_overlap(draft_value(doc, a), draft_value(doc, b)):
        return False
    if ea.type in _ONE_PER_IDENTITY:
        return (CueFlag.MOU in a.flags) == (CueFlag.MOU in b.flags)  # an MOU is not the statement signed beside it
    if ea.type == "tariff_action":
        return ea.rate == eb.rate or _pause_told_again(doc, a, b)
    if _conflict(_time_of_day(doc, a), _time_of_day(doc, b)):
        return False
    if a.orgs and b.orgs and not set(a.orgs) & set(b.orgs):
        return False
    title = _is_headline(doc, a) and not b.reference and _people_within(doc, a, b)
    if not title and not _same_people(doc, a, b):
        return False
    if title or len(unique_people_of(doc, a)[0]) >= 2:
        return True
    # one person only ("Bộ trưởng X làm việc với …" twice): the same meeting only on the same known day
    return same_dates(draft_value(doc, a), draft_value(doc, b))


def _pause_told_again(doc: Doc, a: Draft, b: Draft) -> bool:
    """Rule ``pause_told_again``: "quyết định hoãn thuế đối ứng …" and "hoãn áp thuế trong 90 ngày, chỉ đánh
    thuế 10%" in one article are one pause: a suspension named without its rate or its day is the article's
    suspension that gives them (its other rates are other measures)."""
    bare, full = (a, b) if a.event.rate is None else (b, a)
    if bare.event.rate is not None or bare.timexes or full.event.rate is None:
        return False
    steps = {(d.event.tariff.action if d.event.tariff else None) for d in (a, b)}
    return steps == {"suspended"} and not _conflict(a.event.negotiation, b.event.negotiation)


def _is_headline(doc: Doc, d: Draft) -> bool:
    """Whether a draft is told only by the article's first line when that line is a title (no closing stop)."""
    if d.sentence != 0 or not doc.sentences or any(a >= doc.sentences[0].end for a, _ in d.spans):
        return False
    first = doc.sentences[0]
    line = doc.text[first.start : first.end].rstrip()
    return (
        "\n" not in line
        and not line.endswith((".", "!", "?", ":"))
        and doc.text[first.end : first.end + 1] in ("\n", "")
    )


def _people_within(doc: Doc, title: Draft, body: Draft) -> bool:
    """Rule *title tells the lead*: "Thủ tướng tiếp Bộ trưởng Nông nghiệp Mỹ" as the title line, then "Chiều 12/3,
    Thủ tướng … tiếp bà Brooke Rollins, Bộ trưởng Nông nghiệp Mỹ": a title names the people of
    the event the body tells with more of them (a title names a person by office); every person it names is in
    the body's report of the same type, so the two are one event (never one named as background: "kể từ …")."""
    (pt, _), (_, kb) = unique_people_of(doc, title), unique_people_of(doc, body)
    return bool(pt) and all(not person_keys(doc, p).isdisjoint(kb) for p in pt)


def _time_of_day(doc: Doc, d: Draft) -> str | None:
    return next((doc.timexes[t].time_of_day for t in d.timexes if doc.timexes[t].time_of_day), None)


def _is_ministerial_meeting(doc: Doc, m: Draft, session: Draft) -> bool:
    """A meeting on the day of a ministerial session between its (minister-level) heads is that session."""
    if m.event.type != "meeting" or not same_dates(draft_value(doc, m), draft_value(doc, session)):
        return False
    if session.people and _same_people(doc, m, session):
        return True
    return sum(1 for p in unique_people_of(doc, m)[0] if ministerial(doc, p)) >= 2


def _share_dates(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "Cùng ngày, …" takes the date told before (never a day still to come for an event that took place);
    meetings after "loạt cuộc gặp" take its date."""
    prev: Draft | None = None
    for d in drafts:
        to_come = prev is not None and prev.event.status == "planned" and d.event.status != "planned"
        if CueFlag.SAME_DAY in d.flags and not d.timexes and prev is not None and not to_come:
            d.timexes = list(prev.timexes)
            d.date_only = True  # "chiều cùng ngày": the day, not the part of day, of the event before
        if d.timexes:
            prev = d
    for d in drafts:  # "… áp thuế 20% … . Hàng trung chuyển sẽ chịu mức thuế 40%.": one announcement, one day
        if d.event.type == "tariff_action" and not d.timexes and d.sentence > 0:
            told = next(
                (
                    t
                    for t in drafts
                    if t.event.type == "tariff_action"
                    and t.sentence == d.sentence - 1
                    and t.event.status == d.event.status
                ),
                None,
            )  # the first, the sentence's main news
            if told is not None and told.timexes:
                d.timexes = list(told.timexes)
                d.date_only = True
    out: list[Draft] = []
    for i, s in enumerate(drafts):
        if not s.series:
            out.append(s)
            continue
        followers = []
        known = known_person(doc, s.people)
        for d in itertools.islice(drafts, i + 1, None):
            if d.event.type != "meeting" or d.event.status != s.event.status:
                continue
            if d.series:
                break  # the next "loạt cuộc gặp" opens a list of its own
            if d.timexes and not dates_overlap(draft_value(doc, d), draft_value(doc, s)):
                break  # "loạt cuộc gặp" on a trip of 19–23/5: the meetings told on its days follow it
            if s.people and not any(map(known, d.people)):
                continue
            followers.append(d)
        if not followers:
            s.series = False
            out.append(s)
            continue
        for d in followers:
            if not d.timexes:
                d.timexes = list(s.timexes)
            d.locations.extend(loc for loc in s.locations if loc not in d.locations)
    return out


def merge_drafts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """One draft per real event of the article, in the order the article first tells them."""
    drafts = _share_dates(doc, drafts)
    out: list[Draft] = []
    by_type: dict[str, list[Draft]] = {}
    for d in drafts:
        told = by_type.setdefault(d.event.type, [])
        into = next((e for e in told[-MERGE_WINDOW:] if _mergeable(doc, e, d)), None)
        if into is not None:
            into.merge(d)
        else:
            out.append(d)
            told.append(d)
    sessions = [d for d in out if d.event.type == "ministerial_session"]
    final: list[Draft] = []
    for d in out:
        session = next((s for s in sessions if _is_ministerial_meeting(doc, d, s)), None)
        if session is not None:
            session.merge(d)
            tod = [doc.timexes[t].time_of_day for t in d.timexes if doc.timexes[t].time_of_day]
            if tod and not any(doc.timexes[t].time_of_day for t in session.timexes):
                session.timexes = list(d.timexes)
        else:
            final.append(d)
    return final
