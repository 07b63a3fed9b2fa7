"""The timeline as iCalendar: one all-day VEVENT per dated event, its sources in the description."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from icalendar import Calendar
from icalendar import Event as VEvent

from tradetalks.model import Dossier, Event
from tradetalks.serve.index import DossierIndex
from tradetalks.store.row_reads import DossierRows
from tradetalks.store.row_scans import timeline_pages

STATUS = {"held": "CONFIRMED", "planned": "TENTATIVE"}


def _day(value: str | None) -> date | None:
    """A full ISO date, else None ("2025-11" and "XXXX-02-04" are not days)."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _calendar(name: str) -> Calendar:
    """An empty calendar with its product id, version and name."""
    cal = Calendar()
    cal.add("prodid", "-//TradeTalks//dossier//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def dossier_calendar(dossier: Dossier, stamp: datetime | None = None) -> Calendar:
    """A calendar of the dossier's dated events (DTSTART as DATE, DTEND exclusive)."""
    index = DossierIndex(dossier)
    return events_calendar(index, sorted(index.events, key=index.event_order), "TradeTalks", stamp)


def events_calendar(
    index: DossierIndex, events: list[Event], name: str, stamp: datetime | None = None, base_url: str = ""
) -> Calendar:
    """A calendar of some events of an index (those with a full date); ``base_url`` set, each links to its page."""
    cal = _calendar(name)
    now = stamp or datetime.now(UTC)
    for event in events:
        first = _day(event.start)
        if first is None:
            continue
        last = _day(event.end) or first
        view = index.event_view(event, "vi")
        item = VEvent()
        item.add("uid", f"{event.id}@tradetalks")
        item.add("dtstamp", now)
        item.add("dtstart", first)
        item.add("dtend", max(last, first) + timedelta(days=1))
        item.add("summary", view["summary"])
        if event.location:
            item.add("location", event.location)
        item.add("status", STATUS.get(event.status, "CONFIRMED"))
        item.add("categories", [event.type, *event.topics])
        lines = [view["summary_en"], ""]
        people = [f"{p['title'] + ' ' if p.get('title') else ''}{p['name']}" for p in view["participants"]]
        if people:
            lines.append("Participants: " + "; ".join(people))
        lines.append(f"Sources ({view['source_count']}):")
        for s in view["sources"]:
            lines.append(f"- {s.get('outlet') or ''} {s.get('title') or s['article']} {s.get('url') or ''}".strip())
            lines.append(f"  “{s['quote']}”")
        if base_url:
            item.add("url", f"{base_url.rstrip('/')}/event/{event.id}")
        item.add("description", "\n".join(lines))
        cal.add_component(item)
    return cal


def write_ics(dossier: Dossier, path: Path) -> None:
    """Write the calendar of dated events."""
    cal = dossier_calendar(dossier)
    path.write_bytes(cal.to_ical())


def stream_ics(rows: DossierRows, out: BinaryIO, stamp: datetime | None = None) -> None:
    """``write_ics`` from the dossier's rows: the calendar's head, then the events in date order a page at a time
    (each page with only the entities and articles it names), then its end."""
    from tradetalks.serve.row_views import partial_index

    end = b"END:VCALENDAR\r\n"
    head = _calendar("TradeTalks").to_ical()
    out.write(head[: -len(end)] if head.endswith(end) else head)
    now = stamp or datetime.now(UTC)
    for events, places in timeline_pages(rows):
        page = events_calendar(partial_index(rows, events, places), events, "TradeTalks", now)
        for item in page.subcomponents:
            out.write(item.to_ical())
    out.write(end)
