"""Terminal rendering of stored records for the CLI (Rich): an article with its extractions, search hits."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tradetalks.model import Doc, SearchHit


def doc_as_dict(doc: Doc) -> dict[str, Any]:
    """An article and what was extracted from it: people with titles, organisations, places, dates, events."""
    a = doc.article

    def names(kind: str) -> list[dict[str, Any]]:
        out = []
        for m in doc.mentions:
            if m.type != kind:
                continue
            item: dict[str, Any] = {"text": m.text, "start": m.start, "end": m.end, "canonical": m.canonical}
            if m.side:
                item["side"] = m.side
            if m.acronym:
                item["acronym"] = m.acronym
            if m.role is not None:
                item.update(
                    title=m.role.title,
                    title_en=m.role.title_en,
                    title_text=m.role.text,
                    organization=m.role.organization,
                    acting=m.role.acting,
                    former=m.role.former,
                )
            out.append(item)
        return out

    return {
        "article": {
            "id": a.id,
            "source": a.source,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "version": a.version,
            "length": len(a.text),
        },
        "people": names("person"),
        "organizations": names("organization"),
        "locations": names("location"),
        "countries": names("country"),
        "dates": [
            {
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "value": t.value,
                "resolved_by": t.resolved_by,
                "time_of_day": t.time_of_day,
                "kind": t.kind,
            }
            for t in doc.timexes
        ],
        "topics": list(doc.topics),
        "events": [
            {
                "type": e.type,
                "negotiation": e.negotiation,
                "ordinal": e.ordinal,
                "level": e.level,
                "mode": e.mode,
                "start": e.start,
                "end": e.end,
                "time_of_day": e.time_of_day,
                "location": e.location,
                "status": e.status,
                "rate": e.rate,
                "topics": list(e.topics),
                "summary": e.summary,
                "participants": [{"entity": p.entity, "name": p.name, "side": p.side} for p in e.participants],
                "evidence": [{"start": v.start, "end": v.end, "quote": v.quote} for v in e.evidence],
            }
            for e in doc.events
        ],
    }


def _doc_rows(d: dict[str, Any]) -> list[tuple[str, list[tuple[str, ...]]]]:
    """The tables of ``print_doc``: heading and four-column rows."""
    events: list[tuple[str, ...]] = []
    for e in d["events"]:
        name = e["type"] + (f" #{e['ordinal']}" if e["ordinal"] else "")
        when = "/".join(x for x in (e["start"], e["end"]) if x) or "undated"
        quote = e["evidence"][0]["quote"] if e["evidence"] else ""
        events.append((name, when, e.get("location") or "", quote))
    return [
        (
            "People",
            [(p["text"], p.get("title") or "", p.get("organization") or "", p.get("side") or "") for p in d["people"]],
        ),
        (
            "Organisations",
            [
                (o["text"], o.get("canonical") or "", o.get("acronym") or "", o.get("side") or "")
                for o in d["organizations"]
            ],
        ),
        (
            "Places and countries",
            [(x["text"], x.get("canonical") or "", "", "") for x in d["locations"] + d["countries"]],
        ),
        (
            "Dates",
            [
                (t["text"], t["value"], t.get("time_of_day") or "", t.get("resolved_by") or "unresolved")
                for t in d["dates"]
            ],
        ),
        ("Events", events),
    ]


def print_doc(doc: Doc, console: Console) -> None:
    """Print an article's header, then tables of people, organisations, places, dates and events."""
    d = doc_as_dict(doc)
    a = d["article"]
    console.print(f"[bold]{escape(a['title'] or a['source'])}[/bold]")
    console.print(escape(f"{a['id']}  {a['outlet'] or ''}  {a['published'] or 'no date'}  {a['url'] or a['source']}"))
    for heading, body in _doc_rows(d):
        if not body:
            continue
        table = Table(title=heading, expand=True, show_header=False)
        for _ in range(4):
            table.add_column(overflow="fold")
        for row in dict.fromkeys(body):  # each distinct row once, in order of first mention
            table.add_row(*(escape(x) for x in row))
        console.print(table)
    if d["topics"]:
        console.print("topics: " + ", ".join(d["topics"]))


def print_search_hits(hits: list[SearchHit], console: Console) -> None:
    """Print search results: title, id, date and source, then the snippet with the matches highlighted."""
    if not hits:
        console.print("no articles match")
        return
    for n, hit in enumerate(hits, 1):
        head = Text(f"{n:>2}. ", style="dim")
        head.append(hit.title or "(no title)", style="bold")
        head.append(f"  {hit.article}", style="cyan")
        if hit.published:
            head.append(f"  {hit.published}", style="green")
        console.print(head)
        console.print(Text(f"    {hit.url or hit.source or ''}", style="dim"))
        console.print(_marked(hit.snippet, indent="    "))


def _marked(snippet: str, indent: str = "") -> Text:
    """The snippet with each ``[match]`` shown highlighted (brackets kept for plain terminals)."""
    out = Text(indent)
    pos = 0
    while True:
        start = snippet.find("[", pos)
        end = snippet.find("]", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(snippet[pos:])
            return out
        out.append(snippet[pos:start])
        out.append(snippet[start : end + 1], style="bold yellow")
        pos = end + 1
