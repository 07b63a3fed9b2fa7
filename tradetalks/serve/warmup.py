"""What the server does once when it starts, so that the first request of a page and every later one cost what
the page shows: compile every template, build the shared tables, read each dossier table's first page, answer one
question, then move everything alive into the garbage collector's permanent generation.

Measured on /n/talks:hoa-ky+trieu-tien at 45k articles (279 events): without the freeze, the collector's full
passes over the objects held since startup cost 55-70 ms per cold request on average (a pass every two or three
requests), and the slowest requests took twice the median; with it, about 3 ms.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tradetalks.serve.state import ServeState

#: The dossier tables whose first page is read once at startup (a cold file costs the first request).
TABLES = ("d_events", "d_participants", "d_reports", "d_entities", "d_roles", "d_articles", "d_event_topics")
#: A question answered once at startup.
WARM_QUESTION = "Who met the head of delegation on 3/7 in round 1?"


def warm_up(state: ServeState) -> None:
    """Compile every page template, build the tables the pages share (name folding, labels, negotiation names,
    the talks' scope) and read a row of each dossier table (errors are left to the requests that
    meet them: a server over an empty or older store still starts), then freeze the heap for the collector."""
    from tradetalks.keys import fold_name
    from tradetalks.serve.ask import answer_from_rows
    from tradetalks.serve.labels import labels
    from tradetalks.serve.negotiations import known_negotiations
    from tradetalks.serve.question import parse_question
    from tradetalks.serve.web import ENV
    from tradetalks.talks_scope import talks_scopes

    for name in ENV.list_templates(extensions=["html"]):
        ENV.get_template(name)
    fold_name("Đ")  # builds the folding table once (65,536 characters: 100 ms)
    labels("vi"), labels("en"), known_negotiations(), talks_scopes()
    try:
        with state.lock:
            for table in TABLES:
                state.store.rows()._rows(f"SELECT * FROM {table} LIMIT 1")
            # the question cues, name and date tables ``ask`` reads (about 150 ms once, else the first question's)
            answer_from_rows(state.store.rows(), parse_question(WARM_QUESTION))
    except Exception:  # noqa: BLE001 - a store without dossier rows yet: its pages say so when asked
        pass
    gc.collect()
    gc.freeze()


def lifespan(state: ServeState) -> Any:
    """The app's lifespan: warm up before the first request."""

    @asynccontextmanager
    async def run(_app: Any) -> AsyncIterator[None]:
        warm_up(state)
        yield

    return run
