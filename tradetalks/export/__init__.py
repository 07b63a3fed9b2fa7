"""Export the dossier in one of several formats; ``WRITERS`` maps a format name to its writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tradetalks.errors import TradeTalksError
from tradetalks.export.json import write_json
from tradetalks.model import Dossier

if TYPE_CHECKING:
    from tradetalks.store.base import Store

Writer = Callable[[Dossier, Path], None]

#: Format name -> function writing a dossier to a path.
WRITERS: dict[str, Writer] = {"json": write_json}

__all__ = ["WRITERS", "write_dossier"]


def write_dossier(store: Store, format: str, path: str | Path) -> int:
    """Write the store's dossier (rebuilt when none is saved) in ``format``; the number of events written."""
    writer = WRITERS.get(format)
    if writer is None:
        raise TradeTalksError(f"unknown export format {format!r}; choose one of: {', '.join(sorted(WRITERS))}")
    dossier = store.load_dossier()
    if dossier is None:
        from tradetalks.resolve import rebuild_dossier

        dossier = rebuild_dossier(store)
    writer(dossier, Path(path))
    return len(dossier.events)
