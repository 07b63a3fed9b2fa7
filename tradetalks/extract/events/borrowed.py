"""What an event told without its day or place takes from elsewhere in its article: a photo caption that dates it,
the agreement that set its rate. Each rule gives only what the event lacks, and only from one event or caption it
can be matched with alone."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from tradetalks.event_types import spec
from tradetalks.extract.cues import CueHit, event_lexicon, event_table
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.draft import Draft, person_keys
from tradetalks.extract.events.lines import is_caption, skipped_lines
from tradetalks.extract.events.places import location_text
from tradetalks.model import Doc, Event

_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TALKS_GAP = 6  # how many sentences before an agreement reached "sau hai ngày thảo luận" those talks may be told
_TALKS_DAYS_MAX = 14  # no round of talks lasts longer: a larger count is no length of these talks


def borrow_dates_and_places(doc: Doc, low: str, key: str, drafts: list[Draft], hits: list[CueHit]) -> None:
    """Run the rules of this module on an article's drafts, in order."""
    caption_dates_event(doc, low, key, drafts, hits)
    rate_set_by_agreement(doc, low, key, drafts)
    agreement_when_talked(doc, low, key, drafts)


def caption_dates_event(doc: Doc, low: str, key: str, drafts: list[Draft], hits: list[CueHit]) -> None:
    """Rule ``caption_dates_event``: "Hai trưởng đoàn trước vòng đàm phán tại Kuala Lumpur, ngày 25/10/2025. Ảnh:
    TTXVN": a photo caption that names the cue of an event, or its place, with one day dates the article's one
    undated event of that type (else at that place), and places it when it has no place; an archive photo ("Ảnh
    tư liệu"), a day after the article was published, or a caption of other people dates nothing."""
    index = doc_index(doc)
    undated = [d for d in drafts if not d.timexes and not d.reference and d.event.status == "held"]
    if not undated:
        return
    published = (doc.article.published or "")[:10]
    starts = [h.start for h in hits]  # hits are in text order: each caption reads only its own
    for a, b in skipped_lines(doc.text, low):
        if not undated:
            return
        if not is_caption(low[a:b]) or event_lexicon("file_photo").any(low, key, a, b):
            continue
        days = [ti for ti in index.timex_ids_in(a, b) if _DAY.match(doc.timexes[ti].value or "")]
        if len(days) != 1:
            continue
        value = doc.timexes[days[0]].value or ""
        if published and not value.startswith("X") and value > published:
            continue
        types = {h.label for h in hits[bisect_left(starts, a) : bisect_left(starts, b)] if h.end <= b}
        places = [p for mi in index.mention_ids_in(a, b) if (p := location_text(doc, low, key, mi))]
        people = [mi for mi in index.mention_ids_in(a, b) if doc.mentions[mi].type == "person"]
        by_type = [d for d in undated if d.event.type in types and _same_people(doc, people, d.people)]
        by_place = [d for d in undated if any(_same_place(p, q) for p in places for q in d.locations)]
        chosen = by_type if len(by_type) == 1 else by_place if len(by_place) == 1 else []
        for d in chosen:
            d.timexes = [days[0]]
            if not d.locations and places:
                d.locations.append(places[0])
            undated.remove(d)


def _same_people(doc: Doc, caption: list[int], event: list[int]) -> bool:
    """Whether a caption can show the event: one of them names nobody, or everyone the caption names takes part
    in it (a photo of Kim and Trump is not of a meeting between Moon and Kim)."""
    if not caption or not event:
        return True
    keys = set().union(*(person_keys(doc, p) for p in event))
    return all(not person_keys(doc, p).isdisjoint(keys) for p in caption)


def rate_set_by_agreement(doc: Doc, low: str, key: str, drafts: list[Draft]) -> None:
    """Rule ``rate_set_by_agreement``: "Hai nước đạt được thỏa thuận hôm 2/2, theo đó Mỹ giảm thuế xuống 18%", or
    "Theo thỏa thuận mới, Mỹ áp thuế 15% …" after the agreement was told with its day: a rate an agreement sets
    was announced on the agreement's day (a rate only threatened or proposed was not, nor one the sentence compares
    it with)."""
    agreements = [d for d in drafts if d.event.type == "agreement" and d.timexes and not d.reference]
    if not agreements:
        return
    for d in drafts:
        ev = d.event
        if ev.type != "tariff_action" or d.timexes or ev.rate is None:
            continue
        if ev.tariff is not None and ev.tariff.action in ("proposed", "suspended"):
            continue
        told_with = [g for g in agreements if any(_overlaps(x, y, d.spans) for x, y in g.spans)]
        if len(told_with) == 1 and _first_rate(drafts, d):
            d.timexes = list(told_with[0].timexes)
            continue
        a, b = min(d.spans)
        if event_lexicon("per_agreement").any(low, key, a, b):
            days = {_value(doc, g) for g in agreements if g.anchor < a}
            if len(days) == 1:  # agreements told before on different days: which one set the rate is unsaid
                last = max((g for g in agreements if g.anchor < a), key=lambda g: g.anchor)
                d.timexes = list(last.timexes)


def _first_rate(drafts: list[Draft], d: Draft) -> bool:
    """Whether ``d`` is the first rate its sentence tells: the rate an agreement sets leads; a later one is compared
    with it ("…, thấp hơn nhiều so với mức 46% công bố trước đó")."""
    at = min(d.spans)[0]
    return not any(
        o is not d
        and o.event.type == "tariff_action"
        and o.event.rate is not None
        and o.sentence == d.sentence
        and min(o.spans)[0] < at
        for o in drafts
    )


def _value(doc: Doc, d: Draft) -> str | None:
    return doc.timexes[d.timexes[0]].value


def _overlaps(x: int, y: int, spans: list[tuple[int, int]]) -> bool:
    return any(x < b and a < y for a, b in spans)


def _same_place(a: str, b: str) -> bool:
    fa, fb = a.casefold(), b.casefold()
    return fa in fb or fb in fa


def agreement_when_talked(doc: Doc, low: str, key: str, drafts: list[Draft]) -> None:
    """Rule ``agreement_when_talked``: "Ngày 25/10, hai đoàn đàm phán tại Kuala Lumpur. … Sau hơn một ngày thảo
    luận, hai bên đạt được đồng thuận": an undated agreement reached after N days of talks told shortly before with
    their first day only was reached on the N-th day ("hơn một ngày": the second), and the talks lasted until then."""
    for i, d in enumerate(drafts):
        if d.event.type != "agreement" or d.timexes or d.reference:
            continue
        s = doc.sentences[d.sentence]
        days = _talks_days(low, key, s.start, s.end)
        if days is None or not 2 <= days <= _TALKS_DAYS_MAX:
            continue
        talks = [
            j
            for j, h in enumerate(drafts[:i])
            if spec(h.event.type).kind in ("series", "encounter")
            and not h.reference
            and h.event.status == "held"
            and d.sentence - _TALKS_GAP <= h.sentence <= d.sentence
        ]
        if not talks:
            continue
        at = max(talks, key=lambda j: drafts[j].sentence)  # the talks told last before the agreement
        last = drafts[at]
        if len(last.timexes) != 1:
            continue
        first = doc.timexes[last.timexes[0]].value or ""
        if not _FULL_DAY.match(first):
            continue  # a month, a range, or a day of unknown year: no day to count from
        day = (date.fromisoformat(first) + timedelta(days=days - 1)).isoformat()
        d.counted_day = day
        d.talks = at
        last.counted_end = day


def share_talks_negotiation(drafts: list[Draft], events: list[Event]) -> None:
    """The agreement that rule ``agreement_when_talked`` dated by the talks that reached it belongs to their
    negotiation when its own sentence names none ("Sau hai ngày thảo luận, hai bên đạt được đồng thuận")."""
    for d, ev in zip(drafts, events, strict=True):
        if d.talks is not None and ev.negotiation is None:
            ev.negotiation = events[d.talks].negotiation


def _talks_days(low: str, key: str, start: int, end: int) -> int | None:
    """How many days "sau hai ngày thảo luận", "sau hơn một ngày đàm phán" (two) counts in ``[start, end)``."""
    hit = next(iter(event_lexicon("talks_days").find(low, key, start, end)), None)
    if hit is None:
        return None
    words = low[max(start, hit.start - 20) : hit.start].split()
    if not words:
        return None
    counts = event_table("day_count")
    word = words[-1]
    n = int(word) if word.isdigit() else _count(word, counts)
    if n is None:
        return None
    more = len(words) >= 2 and counts.get(words[-2], "").startswith("+")
    return n + int(counts[words[-2]]) if more else n


def _count(word: str, counts: dict[str, str]) -> int | None:
    value = event_table("number").get(word) or counts.get(word)
    return int(value) if value and value.isdigit() else None
