"""JSON and JSON Lines exports streamed from the dossier's rows: a page of records at a time, never the whole
dossier in memory; the files are byte for byte those ``write_json`` and ``write_jsonl`` write."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from itertools import chain
from typing import Any, TextIO

from tradetalks.export.json import _entity, _event, correction_json, dossier_to_json
from tradetalks.model import ArticleRecord, Dossier, DossierTimex
from tradetalks.store.row_reads import DossierRows
from tradetalks.store.row_scans import article_pages, dossier_pages, entity_pages, timex_pages

__all__ = ["STREAMED", "stream_json", "stream_jsonl"]


def _article(a: ArticleRecord) -> dict[str, Any]:
    out: dict[str, Any] = dossier_to_json(Dossier(articles=[a]))["articles"][0]
    return out


def _timex(t: DossierTimex) -> dict[str, Any]:
    out: dict[str, Any] = dossier_to_json(Dossier(timexes=[t]))["timexes"][0]
    return out


def _records(rows: DossierRows) -> list[tuple[str, Iterable[Any]]]:
    """(kind, records) of every part of the dossier, each read through one cursor walking its table in order."""
    return [
        ("article", chain.from_iterable(article_pages(rows))),
        ("entity", chain.from_iterable(entity_pages(rows))),
        ("event", chain.from_iterable(dossier_pages(rows))),
        ("timex", chain.from_iterable(timex_pages(rows))),
    ]


def _sections(rows: DossierRows) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
    shape: dict[str, Callable[[Any], dict[str, Any]]] = {
        "article": _article,
        "entity": _entity,
        "event": _event,
        "timex": _timex,
    }
    for (kind, records), key in zip(_records(rows), ("articles", "entities", "events", "timexes"), strict=True):
        yield key, (shape[kind](r) for r in records)
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
    for kind, records in _records(rows):
        for record in records:
            out.write(json.dumps({"kind": kind, **asdict(record)}, ensure_ascii=False) + "\n")
    for c in rows.iter_corrections():
        fields = {k: v for k, v in correction_json(c).items() if k != "kind"}
        out.write(json.dumps({"kind": "correction", "correction": c.kind, **fields}, ensure_ascii=False) + "\n")


#: Formats written straight from rows.
STREAMED: dict[str, Callable[[DossierRows, TextIO], None]] = {"json": stream_json, "jsonl": stream_jsonl}
