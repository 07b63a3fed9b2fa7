"""Export the dossier in one of several formats; ``WRITERS`` maps a format name to its writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tradetalks.errors import TradeTalksError
from tradetalks.export.csv import write_csv
from tradetalks.export.graphml import write_graphml
from tradetalks.export.ics import write_ics
from tradetalks.export.json import write_json
from tradetalks.export.jsonl import write_jsonl
from tradetalks.export.stream import STREAMED
from tradetalks.model import Dossier

if TYPE_CHECKING:
    from tradetalks.store.base import Store

Writer = Callable[[Dossier, Path], None]

#: Format name -> function writing a dossier to a path.
WRITERS: dict[str, Writer] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "graphml": write_graphml,
    "ics": write_ics,
}

__all__ = ["WRITERS", "write_dossier"]


def write_dossier(store: Store, format: str, path: str | Path) -> int:
    """Write the store's dossier (rebuilt when stale) in ``format``; the number of events written."""
    writer = WRITERS.get(format)
    if writer is None:
        raise TradeTalksError(f"unknown export format {format!r}; choose one of: {', '.join(sorted(WRITERS))}")
    from tradetalks.serve.fresh import repair_stale_dossier

    repair_stale_dossier(store)
    if format in STREAMED:  # straight from the rows, a page at a time
        try:
            with store.rows().snapshot() as rows, Path(path).open("w", encoding="utf-8", newline="\n") as out:
                STREAMED[format](rows, out)
                return rows.count("d_events")
        except OSError as exc:
            raise TradeTalksError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    dossier = store.load_dossier() or Dossier()
    try:
        writer(dossier, Path(path))
    except OSError as exc:
        raise TradeTalksError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return len(dossier.events)
