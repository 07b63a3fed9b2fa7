"""A dossier older than the stored articles (an ingest killed before its rebuild) is rebuilt before it is read."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tradetalks.store.base import Store


def _to_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def repair_stale_dossier(store: Store, say: Callable[[str], None] = _to_stderr) -> bool:
    """Rule stale_dossier_rebuilt: when the store's revision is not the one its dossier was built from, rebuild
    the dossier (saying so) and return True; a current dossier is left alone.

    E.g. 707 articles committed, the process killed before resolving them, and a re-run that finds nothing new:
    the next ``timeline`` rebuilds instead of showing 0 events.
    """
    if store.dossier_is_current():
        return False
    from tradetalks.resolve import rebuild_dossier

    say(f"the dossier is older than the {store.stats()['articles']} stored articles: rebuilding it")
    rebuild_dossier(store)
    return True
