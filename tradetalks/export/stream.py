"""JSON and JSON Lines exports streamed from the dossier's rows: a page of records at a time, never the whole
dossier in memory; the files are byte for byte those ``write_json`` and ``write_jsonl`` write."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any, TextIO

from tradetalks.export.json import _entity, _event, correction_json, dossier_to_json
from tradetalks.model import ArticleRecord, Dossier, DossierTimex
from tradetalks.store.row_reads import DossierRows

__all__ = ["STREAMED", "stream_json", "stream_jsonl"]


def _article(a: ArticleRecord) -> dict[str, Any]:
    out: dict[str, Any] = dossier_to_json(Dossier(articles=[a]))["articles"][0]
    return out


def _timex(t: DossierTimex) -> dict[str, Any]:
    out: dict[str, Any] = dossier_to_json(Dossier(timexes=[t]))["timexes"][0]
    return out


def _sections(rows: DossierRows) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
    yield "articles", (_article(a) for a in rows.iter_articles())
    yield "entities", (_entity(e) for e in rows.iter_entities())
    yield "events", (_event(e) for e in rows.iter_events())
    yield "timexes", (_timex(t) for t in rows.iter_timexes())
    yield "corrections", (correction_json(c) for c in rows.iter_corrections())


def _indented(item: dict[str, Any]) -> str:
    """One list item as ``json.dumps(..., indent=2)`` writes it two levels deep."""
    return "\n".join("    " + line for line in json.dumps(item, ensure_ascii=False, indent=2).split("\n"))


def stream_json(rows: DossierRows, out: TextIO) -> None:
    """The dossier in the specification's JSON format (as ``write_json``), written record by record."""
    out.write("{")
    for n, (key, items) in enumerate(_sections(rows)):
        out.write(("," if n else "") + f'\n  "{key}": [')
        first = True
        for item in items:
            out.write(("\n" if first else ",\n") + _indented(item))
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n")


def stream_jsonl(rows: DossierRows, out: TextIO) -> None:
    """One JSON object per line with its "kind" (as ``write_jsonl``), written record by record."""
    groups: list[tuple[str, Iterable[Any]]] = [
        ("article", rows.iter_articles()),
        ("entity", rows.iter_entities()),
        ("event", rows.iter_events()),
        ("timex", rows.iter_timexes()),
    ]
    for kind, records in groups:
        for record in records:
            out.write(json.dumps({"kind": kind, **asdict(record)}, ensure_ascii=False) + "\n")
    for c in rows.iter_corrections():
        fields = {k: v for k, v in correction_json(c).items() if k != "kind"}
        out.write(json.dumps({"kind": "correction", "correction": c.kind, **fields}, ensure_ascii=False) + "\n")


#: Formats written straight from rows.
STREAMED: dict[str, Callable[[DossierRows, TextIO], None]] = {"json": stream_json, "jsonl": stream_jsonl}
