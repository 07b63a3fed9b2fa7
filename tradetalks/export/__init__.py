"""Export the dossier: JSON (see SPEC), JSON Lines, CSV, GraphML and iCalendar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tradetalks.errors import TradeTalksError
from tradetalks.model import Dossier
from tradetalks.store.base import Store

#: A writer puts a dossier in a file and returns how many events it wrote.
Writer = Callable[[Dossier, Path], int]


class ExportError(TradeTalksError):
    """The dossier could not be written; the message names the file or format and the reason."""


def _json(dossier: Dossier, path: Path) -> int:
    from tradetalks.export.jsonl import write_json

    return write_json(dossier, path)


def _jsonl(dossier: Dossier, path: Path) -> int:
    from tradetalks.export.jsonl import write_jsonl

    return write_jsonl(dossier, path)


def _csv(dossier: Dossier, path: Path) -> int:
    from tradetalks.export.csv import write_csv

    return write_csv(dossier, path)


def _graphml(dossier: Dossier, path: Path) -> int:
    from tradetalks.export.graphml import write_graphml

    return write_graphml(dossier, path)


def _ics(dossier: Dossier, path: Path) -> int:
    from tradetalks.export.ics import write_ics

    return write_ics(dossier, path)


WRITERS: dict[str, Writer] = {"json": _json, "jsonl": _jsonl, "csv": _csv, "graphml": _graphml, "ics": _ics}


def write_dossier(store: Store, format: str, output: Path | str) -> int:
    """Write the store's dossier in ``format`` to ``output``; the number of events written."""
    writer = WRITERS.get(format)
    if writer is None:
        raise ExportError(f"unknown export format {format!r} (one of {', '.join(WRITERS)})")
    path = Path(output)
    dossier = store.load_dossier() or Dossier()
    try:
        return writer(dossier, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
