"""Export the dossier in one of several formats, straight from its rows (``FROM_ROWS``); ``WRITERS`` maps a format
name to its writer of a ``Dossier`` already in memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradetalks.errors import TradeTalksError
from tradetalks.export.csv import stream_csv, write_csv
from tradetalks.export.graphml import write_graphml
from tradetalks.export.graphml_rows import stream_graphml
from tradetalks.export.ics import stream_ics, write_ics
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

#: Format name -> (function writing the dossier's rows to an open file, whether the file is binary): every format
#: is written straight from the rows, a page at a time.
FROM_ROWS: dict[str, tuple[Callable[[Any, Any], None], bool]] = {
    **{name: (stream, False) for name, stream in STREAMED.items()},
    "csv": (stream_csv, False),
    "ics": (stream_ics, True),
    "graphml": (stream_graphml, True),
}

__all__ = ["FROM_ROWS", "WRITERS", "write_dossier"]


def write_dossier(store: Store, format: str, path: str | Path) -> int:
    """Write the store's dossier (rebuilt when stale) in ``format``; the number of events written."""
    writer = WRITERS.get(format)
    if writer is None:
        raise TradeTalksError(f"unknown export format {format!r}; choose one of: {', '.join(sorted(WRITERS))}")
    from tradetalks.serve.fresh import repair_stale_dossier

    repair_stale_dossier(store)
    stream, binary = FROM_ROWS[format]
    try:
        with store.rows().snapshot() as rows, _open(Path(path), binary) as out:
            stream(rows, out)
            return rows.count("d_events")
    except OSError as exc:
        raise TradeTalksError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _open(path: Path, binary: bool) -> Any:
    return path.open("wb") if binary else path.open("w", encoding="utf-8", newline="\n")
