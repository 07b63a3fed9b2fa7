"""The events as CSV: one row per event with its participants, topics and sources."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from tradetalks.model import Dossier, Event
from tradetalks.serve.index import DossierIndex
from tradetalks.store.row_reads import DossierRows
from tradetalks.store.row_scans import timeline_pages

COLUMNS: tuple[str, ...] = (
    "id",
    "type",
    "negotiation",
    "start",
    "end",
    "time_of_day",
    "ordinal",
    "level",
    "mode",
    "location",
    "participants",
    "topics",
    "status",
    "rate",
    "summary",
    "summary_en",
    "source_count",
    "sources",
)
#: A cell starting with one of these is read as a formula (or split) by spreadsheets.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """A cell a spreadsheet shows as text: a string starting like a formula gets a leading quote.

    ``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; ``"-5%"`` -> ``"'-5%"``; numbers and other text unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def event_row(index: DossierIndex, event: Event) -> dict[str, object]:
    """One event's CSV row (cells as a spreadsheet shows them as text)."""
    view = index.event_view(event, "en")
    people = [f"{p['name']} ({p['side']})" if p.get("side") else p["name"] for p in view["participants"]]
    sources = [s.get("url") or s["article"] for s in view["sources"]]
    row = {
        **{k: view.get(k) for k in COLUMNS if k in view},
        "ordinal": event.ordinal if event.ordinal is not None else "",
        "participants": " | ".join(people),
        "topics": " | ".join(event.topics),
        "rate": event.rate if event.rate is not None else "",
        "source_count": view["source_count"],
        "sources": " | ".join(sources),
    }
    return {k: spreadsheet_text(v) for k, v in row.items()}


def write_csv(dossier: Dossier, path: Path) -> None:
    """One row per event, in date order; lists joined with " | ", participants as "Name (side)"."""
    index = DossierIndex(dossier)
    events = sorted(index.events, key=index.event_order)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(event_row(index, event))


def stream_csv(rows: DossierRows, out: TextIO) -> None:
    """``write_csv`` from the dossier's rows: the events in date order a page at a time, each page with only the
    entities and articles it names (``out`` opened with newline="" or "\\n": the rows end in CRLF)."""
    from tradetalks.serve.row_views import partial_index

    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for events, places in timeline_pages(rows):
        index = partial_index(rows, events, places)
        for event in events:
            writer.writerow(event_row(index, event))
