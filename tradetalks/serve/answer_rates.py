"""The tariff rate a question asks for: on whose goods, which scope, announced when, first or now."""

from __future__ import annotations

import re

from tradetalks.model import VN_US_RECIPROCAL, Event
from tradetalks.serve.answers import Found, same_day
from tradetalks.serve.index import DossierIndex, date_floor, fold_name, is_dated
from tradetalks.serve.question import Question, cues, has_phrase
from tradetalks.serve.wording import format_date

#: Where a sentence's clauses part: a scope named in another clause than the rate's is not the rate's.
_CLAUSE = re.compile(r"[;:.!?]\s|\s[–-]\s")


def _told(event: Event, phrases: list[str]) -> bool:
    """Whether a source sentence of the event holds one of the folded phrases."""
    quotes = " ".join(f" {fold_name(v.quote)} " for v in event.evidence)
    return any(f" {p} " in quotes for p in phrases)


def _scope(event: Event) -> str | None:
    """The goods a tariff covers when not all goods ("transshipment", "baseline"), as extraction found them,
    else as its topics name them, else as a source sentence that states its rate names them (rule
    scope_told_with_rate: "thép" elsewhere in a report of the 46% rate does not make it a steel rate)."""
    if event.tariff is not None and event.tariff.scope is not None:
        return None if event.tariff.scope == "all_goods" else event.tariff.scope
    scopes: dict[str, list[str]] = cues()["rate_scopes"]
    return next((name for name, words in scopes.items() if name in event.topics or _told_with_rate(event, words)), None)


def _told_with_rate(event: Event, phrases: list[str]) -> bool:
    """Whether a clause of a source sentence that states the event's rate ("46%") holds one of the folded phrases
    ("thuế 50% với thép": yes; "thuế 46% với hàng Việt Nam; ngành thép cũng lo": no)."""
    if event.rate is None:
        return _told(event, phrases)
    number = re.compile(rf"(?<![\d,.]){re.escape(f'{event.rate * 100:g}')}\s*%")
    for v in event.evidence:
        for clause in _CLAUSE.split(v.quote):
            folded = f" {fold_name(clause)} "
            if number.search(clause) and any(f" {p} " in folded for p in phrases):
                return True
    return False


def _on_goods_of(event: Event, countries: list[str]) -> bool:
    """Whether a tariff is on the goods of one of the (folded) countries: its country, else its sources."""
    if event.tariff is not None and event.tariff.country:
        return fold_name(event.tariff.country) in countries
    return _told(event, countries)


def _all_rates(index: DossierIndex) -> list[Event]:
    """Every tariff action with a rate."""
    return [e for e in index.events if e.type == "tariff_action" and e.rate is not None]


def _candidates(index: DossierIndex, q: Question) -> list[Event]:
    """Tariff actions with a rate on the goods the question is about (a third country's, else Việt Nam's)."""
    actions = _all_rates(index)
    if q.countries:  # "Mỹ áp thuế bao nhiêu với hàng Hàn Quốc?": the rate whose sources name that country
        named = [e for e in actions if _on_goods_of(e, q.countries)]
        return [e for e in named if e.negotiation != VN_US_RECIPROCAL] or named
    if q.negotiation:
        return [e for e in actions if e.negotiation == q.negotiation]
    return [e for e in actions if e.negotiation == VN_US_RECIPROCAL] or [e for e in actions if e.negotiation is None]


def pick_rate(index: DossierIndex, q: Question) -> Event | None:
    """The one tariff action a question asks for: scope and date narrow the history, then the first rate
    ("ban đầu") or the one in force now (the latest held), never a list of every rate told."""
    pool = _candidates(index, q)
    if q.rate is not None and not q.amount:  # rule rate_named: "thuế 46% công bố khi nào?" is about the 46%
        pool = [e for e in pool if e.rate is not None and abs(e.rate - q.rate) < 1e-6]
    if q.scope:  # rule scope_over_talks: a scope no rate of the talks has is asked of every tariff action
        pool = [e for e in pool if _scope(e) == q.scope] or [
            e for e in _all_rates(index) if _scope(e) == q.scope and not (q.countries or q.negotiation)
        ]
    if q.date:
        pool = [e for e in pool if _on_day(e, q.date)]
    if not q.scope:  # a question naming no scope asks for the rate on all goods, among those of the day it names
        pool = [e for e in pool if _scope(e) is None] or pool
    if q.rate_time == "initial":
        dated = [e for e in pool if is_dated(e.start)]
        if dated:
            first = min(index.event_order(e)[0] for e in dated)
            return max((e for e in dated if index.event_order(e)[0] == first), key=_sources)
    in_force = [e for e in pool if is_dated(_applies_from(e))]
    if in_force:  # the rate in force: the one applying from the latest date, told by most sources
        held = [e for e in in_force if e.status == "held" or _effective(e)] or in_force
        return max(held, key=lambda e: (date_floor(_applies_from(e) or ""), _sources(e)))
    return max(pool, key=_sources, default=None)


def _on_day(event: Event, date: str) -> bool:
    """Rule rate_on_effective: a day asked of a rate is the day it was announced or the day it takes effect
    ("thuế bao nhiêu kể từ ngày 7/8?")."""
    effective = _effective(event)
    return same_day(event, date) or (effective is not None and same_day(Event(event.type, [], start=effective), date))


def _sources(event: Event) -> int:
    return len({v.article for v in event.evidence})


def _effective(event: Event) -> str | None:
    return event.tariff.effective if event.tariff is not None and is_dated(event.tariff.effective) else None


def _applies_from(event: Event) -> str | None:
    """The day a rate applies from: its effective date when told ("có hiệu lực từ 7/8"), else its announcement."""
    return _effective(event) or event.start


def answer_tariff(index: DossierIndex, q: Question) -> Found | None:
    """ "Mức thuế đối ứng Mỹ áp lên hàng Việt Nam hiện nay?" -> one rate, its date and status, with sources."""
    event = pick_rate(index, q)
    if event is None:
        return None
    rate = f"{(event.rate or 0) * 100:g}%"
    extra = {"events": [event.id], "rate": event.rate}
    if "when" in q.intents and not q.amount:
        led = _date_first(event, rate, any(has_phrase(q.folded, w) for w in cues()["effect_words"]))
        if led is not None:
            return Found(led[0], led[1], event.evidence, extra, [rate[:-1]])
    vi, en = f"Mức thuế {rate}", f"A rate of {rate}"
    if _effective(event):
        vi += f", áp dụng từ {format_date(_effective(event), 'vi')}"
        en += f", applying from {_effective(event)}"
    elif is_dated(event.start):
        day = len(event.start or "") == 10
        when_vi = ("ngày " if day else "") + format_date(event.start, "vi")
        vi += f", {'dự kiến từ' if event.status == 'planned' else 'công bố'} {when_vi}"
        en += f", {'planned from' if event.status == 'planned' else 'announced'} {'on' if day else 'in'} {event.start}"
    return Found(vi + ".", en + ".", event.evidence, extra, [rate[:-1]])


def _date_first(event: Event, rate: str, effect: bool) -> tuple[str, str] | None:
    """Rule date_asked_of_rate: "khi nào?" about a rate leads with its day: the day it takes effect when that is
    asked ("có hiệu lực"), else the day it was announced (or the day it takes effect when no other is known)."""
    effective, start = _effective(event), event.start if is_dated(event.start) else None
    if effective and (effect or not start):
        vi = f"Từ {format_date(effective, 'vi')}: mức thuế {rate} có hiệu lực"
        en = f"From {effective}: the {rate} rate applies"
        if start:
            vi, en = vi + f" (công bố {format_date(start, 'vi')})", en + f" (announced {start})"
        return vi + ".", en + "."
    if start:
        planned = event.status == "planned"
        vi = f"{'Dự kiến từ' if planned else 'Ngày'} {format_date(start, 'vi')}: mức thuế {rate}"
        vi += "" if planned else " được công bố"
        en = f"{start}: the {rate} rate was {'planned' if planned else 'announced'}"
        if effective:
            vi, en = vi + f", có hiệu lực từ {format_date(effective, 'vi')}", en + f", applying from {effective}"
        return vi + ".", en + "."
    return None
