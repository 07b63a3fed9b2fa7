"""Events as an Atom feed (RFC 4287): an entry per event, newest report first, so a feed reader sees an event
when it is first told and again when a later article changes it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from tradetalks.model import Event
from tradetalks.serve.index import DossierIndex, is_dated

ATOM = "http://www.w3.org/2005/Atom"
#: At most this many entries, the most recently reported first.
MAX_ENTRIES = 200
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters dropped)."""
    return _NOT_XML.sub("", text)


def _instant(day: str | None, fallback: datetime) -> str:
    """An RFC 3339 instant for an ISO day (midnight UTC), else the fallback."""
    if day and len(day) == 10 and is_dated(day):
        return f"{day}T00:00:00Z"
    return fallback.strftime("%Y-%m-%dT%H:%M:%SZ")


def _source_days(index: DossierIndex, event: Event) -> list[str]:
    days = [index.article_by_id[v.article].published for v in event.evidence if v.article in index.article_by_id]
    return [d for d in days if d]


def event_updated(index: DossierIndex, event: Event) -> str | None:
    """When an event last changed as far as the dossier knows: the latest publication date of its sources."""
    return max(_source_days(index, event), default=None)


def event_published(index: DossierIndex, event: Event) -> str | None:
    """When an event was first told: the earliest publication date of its sources."""
    return min(_source_days(index, event), default=None)


def events_feed(
    index: DossierIndex, events: list[Event], title: str, base_url: str, feed_path: str, stamp: datetime | None = None
) -> bytes:
    """An Atom document of ``events``: id, title, link to the event page, updated (latest source), summary
    and the sources (outlet · date · title) as text."""
    base = base_url.rstrip("/")
    now = stamp or datetime.now(UTC)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    dated = sorted(((event_updated(index, e) or "", e) for e in events), key=lambda p: p[0], reverse=True)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _clean(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + feed_path
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _instant(dated[0][0] if dated else None, now)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + feed_path)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "TradeTalks"
    for updated, event in dated[:MAX_ENTRIES]:
        view = index.event_view(event, "vi")
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/event/{event.id}"
        when = f"{event.start} · " if event.start else ""
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _clean(when + view["summary"])
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}/event/{event.id}")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _instant(updated, now)
        if first := event_published(index, event):
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _instant(first, now)
        ET.SubElement(entry, f"{{{ATOM}}}category", term=event.type)
        lines = [view["summary_en"], ""]
        for s in view["sources"]:
            lines.append(" · ".join(x for x in (s.get("outlet_label"), s.get("published"), s.get("label")) if x))
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _clean("\n".join(lines))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
