"""Negotiations and where each stands: the events of one negotiation, its latest and next meetings, the tariff
rate on each side's goods with its history, and the topics of its latest meetings.

The functions read the dossier only through ``negotiation_events`` and the index's lookups, so the dossier can
be swapped for stored rows without touching the pages, the CLI or the API that use them.
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from typing import Any

from tradetalks.extract.events.negotiation import negotiation_names
from tradetalks.model import VN_US_RECIPROCAL, Event
from tradetalks.serve.index import DossierIndex, date_floor, is_dated
from tradetalks.serve.labels import label
from tradetalks.serve.timeline import in_talks, talk_people

#: Event types that are sittings of the talks themselves, newest first decides "the latest round or session".
SITTINGS: tuple[str, ...] = ("negotiation_round", "ministerial_session")
#: Event types where people meet (in person or by phone): the latest of them give "the topics of late".
MEETINGS: tuple[str, ...] = ("negotiation_round", "ministerial_session", "meeting", "call", "roundtable")
#: How many of the latest meetings give the topics reported of late.
LATEST_MEETINGS = 3

_BY_INDEX: weakref.WeakKeyDictionary[DossierIndex, dict[str, list[Event]]] = weakref.WeakKeyDictionary()


class UnknownNegotiation(KeyError):
    """A negotiation key that neither the resources nor the dossier know."""


def negotiation_title(key: str, lang: str = "vi") -> str:
    """The display name of a negotiation: ``negotiation_title("vn-efta-fta", "en")`` is its English name;
    a key the resources do not name is shown as itself."""
    names = negotiation_names()
    return names.get((key, f"name_{lang}")) or names.get((key, "name_vi")) or key


def known_negotiations() -> list[str]:
    """Every negotiation key named in ``resources/negotiations.tsv``, in file order."""
    return list(dict.fromkeys(k for k, _ in negotiation_names()))


def partner_side(key: str) -> str:
    """The side facing Viet Nam in a negotiation: "US" for the Vietnam–US talks and agreements, else "other"."""
    return "US" if key.startswith(("vn-us", "us-vn")) else "other"


def _grouped(index: DossierIndex) -> dict[str, list[Event]]:
    """Every negotiation's events in date order (built once per index)."""
    found = _BY_INDEX.get(index)
    if found is None:
        found = defaultdict(list)
        talks = talk_people(index)
        for event in sorted(index.events, key=index.event_order):
            if event.negotiation:
                found[event.negotiation].append(event)
            elif in_talks(event, talks):  # as the timeline does: no key, but people of the Vietnam–US talks
                found[VN_US_RECIPROCAL].append(event)
        _BY_INDEX[index] = found = dict(found)
    return found


def negotiation_events(index: DossierIndex, key: str) -> list[Event]:
    """The events of one negotiation in date order (undated last); UnknownNegotiation for a key nobody knows."""
    grouped = _grouped(index)
    if key not in grouped and key not in known_negotiations():
        raise UnknownNegotiation(key)
    return grouped.get(key, [])


def negotiation_list(index: DossierIndex, lang: str = "vi") -> list[dict[str, Any]]:
    """The negotiations with events: key, name, event count and latest date, most events first."""
    rows = []
    for key, events in _grouped(index).items():
        dated = [date_floor(e.start or "") for e in events if is_dated(e.start)]
        rows.append(
            {
                "key": key,
                "name": negotiation_title(key, lang),
                "events": len(events),
                "latest": max(dated) if dated else None,
            }
        )
    return sorted(rows, key=lambda r: (-r["events"], r["key"]))


def event_brief(index: DossierIndex, event: Event, lang: str = "vi") -> dict[str, Any]:
    """An event in one line: id, type, its label, ordinal, dates, status, rate, topics, summary."""
    return {
        "id": event.id,
        "type": event.type,
        "type_label": label(lang, f"type.{event.type}"),
        "ordinal": event.ordinal,
        "start": event.start,
        "end": event.end,
        "status": event.status,
        "rate": event.rate,
        "topics": list(event.topics),
        "summary": (event.summary if lang == "vi" else event.summary_en) or event.summary,
        "sources": len({v.article for v in event.evidence}),
    }


def _day(event: Event) -> str:
    return date_floor(event.start or "")


def tariff_setter(event: Event, key: str) -> str:
    """Which side sets a tariff: Viet Nam when the people and bodies named with it are all Vietnamese, else
    the partner (Vietnamese news tells mostly of tariffs on Vietnamese goods).

    Example: a tariff named with only Vietnamese participants is set by "VN"; one named with a US participant,
    or with none, is set by "US" in the Vietnam–US talks and by "other" in the talks with anyone else.
    """
    sides = {p.side for p in event.participants if p.side}
    return "VN" if sides == {"VN"} else partner_side(key)


def tariff_history(index: DossierIndex, events: list[Event], key: str, lang: str = "vi") -> list[dict[str, Any]]:
    """Per side that sets a rate: the dated rates in date order (held = in force, planned = announced), the
    rate in force now (the latest held one; of two on one day, the one more sources tell) and announced ones
    after it."""
    by_side: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.type == "tariff_action" and event.rate is not None and is_dated(event.start):
            by_side[tariff_setter(event, key)].append(event)
    out = []
    for side in sorted(by_side, key=lambda s: (s == "VN", s)):
        steps = by_side[side]
        held = [e for e in steps if e.status == "held"]
        current = max(held, key=lambda e: (_day(e), len({v.article for v in e.evidence}))) if held else None
        since = _day(current) if current else ""
        out.append(
            {
                "setter": side,
                "goods_of": "VN" if side != "VN" else partner_side(key),
                "in_force": event_brief(index, current, lang) if current else None,
                "announced": [event_brief(index, e, lang) for e in steps if e.status == "planned" and _day(e) >= since],
                "history": [event_brief(index, e, lang) for e in steps],
            }
        )
    return out


def state_of_play(index: DossierIndex, key: str, lang: str = "vi") -> dict[str, Any]:
    """Where a negotiation stands: its latest round or session (else latest meeting), the next planned event,
    the tariff rate on each side's goods with its history, and the topics reported at its latest meetings."""
    events = negotiation_events(index, key)
    dated = [e for e in events if is_dated(e.start)]
    held = [e for e in dated if e.status == "held"]
    sittings = [e for e in held if e.type in SITTINGS]
    meetings = [e for e in held if e.type in MEETINGS]
    latest = (sittings or meetings)[-1] if sittings or meetings else None
    since = _day(held[-1]) if held else ""
    ahead = [e for e in dated if e.status == "planned" and e.type != "tariff_action" and _day(e) >= since]
    recent = meetings[-LATEST_MEETINGS:]
    topics = Counter(t for e in recent for t in e.topics)
    return {
        "key": key,
        "name": negotiation_title(key, lang),
        "events": len(events),
        "dated": len(dated),
        "latest": event_brief(index, latest, lang) if latest else None,
        "latest_held": _day(held[-1]) if held else None,
        "next": event_brief(index, ahead[0], lang) if ahead else None,
        "tariffs": tariff_history(index, events, key, lang),
        "recent_meetings": [event_brief(index, e, lang) for e in reversed(recent)],
        "recent_topics": [
            {"topic": t, "label": label(lang, f"topic.{t}", t), "count": n} for t, n in topics.most_common()
        ],
    }


def print_state(state: dict[str, Any], console: Any) -> None:
    """Print a state of play for the terminal (``tradetalks status``)."""

    def line(brief: dict[str, Any] | None) -> str:
        if brief is None:
            return "none known"
        head = brief["type_label"] + (f" #{brief['ordinal']}" if brief.get("ordinal") else "")
        rate = f" {brief['rate'] * 100:g}%" if brief.get("rate") is not None else ""
        return f"{brief['start'] or '?'}  {head}{rate} — {brief['summary']} ({brief['sources']} sources, {brief['id']})"

    console.print(f"{state['name']} ({state['key']}): {state['events']} events, {state['dated']} dated", markup=False)
    console.print(f"latest round or session: {line(state['latest'])}", markup=False)
    console.print(f"next planned: {line(state['next'])}", markup=False)
    for side in state["tariffs"]:
        head = f"rate on {side['goods_of']} goods set by {side['setter']}: in force {line(side['in_force'])}"
        console.print(head, markup=False)
        for step in side["history"]:
            console.print(f"    {step['status']:<8}{line(step)}", markup=False)
    if state["recent_topics"]:
        topics = ", ".join(f"{t['label']} ({t['count']})" for t in state["recent_topics"])
        console.print(f"topics at the latest {len(state['recent_meetings'])} meetings: {topics}", markup=False)
