"""Corrections through the API and the CLI: made from today's ids, stored, and the dossier rebuilt at once.

``GET /api/corrections`` lists them with their status; ``POST /api/corrections`` and
``DELETE /api/corrections/{id}`` need ``Authorization: Bearer TOKEN``, like every write.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from tradetalks.export.json import correction_json
from tradetalks.model import Correction
from tradetalks.resolve.correction_values import CorrectionError, new_correction, target_of
from tradetalks.serve.state import ServeState
from tradetalks.serve.writes import WRITE_LOCK, check_writer, parse_model, read_capped
from tradetalks.store.base import Store

#: The largest correction request accepted, in bytes.
MAX_CORRECTION_BODY = 64 * 1024


class CorrectionIn(BaseModel):
    """A correction of an event or entity of today's dossier (by its id; it is stored with a lasting anchor)."""

    kind: str = Field(pattern="^(mark_wrong|set_value|split|merge)$")
    id: str = Field(min_length=1, max_length=200, description="The event or entity to correct.")
    attribute: str | None = Field(default=None, max_length=40, description="set_value / mark_wrong: the attribute.")
    value: str | float | int | None = Field(default=None, description="set_value: new value; mark_wrong: wrong one.")
    other: str | None = Field(default=None, max_length=200, description="merge: the second event or entity id.")
    parts: list[str] = Field(default_factory=list, max_length=500, description="split: article ids or aliases.")
    why: str = Field(min_length=1, max_length=2000)
    by: str = Field(default="editor", min_length=1, max_length=200)


def record_correction(store: Store, item: CorrectionIn, by: str | None = None) -> Correction:
    """Make the correction from the stored dossier, store it, rebuild the dossier; the correction as applied."""
    from tradetalks.resolve import rebuild_dossier
    from tradetalks.serve.fresh import repair_stale_dossier

    with WRITE_LOCK:
        repair_stale_dossier(store, lambda _message: None)
        dossier = store.load_dossier()
        if dossier is None:
            raise CorrectionError("the dossier is empty: nothing to correct yet")
        made = new_correction(
            dossier,
            item.kind,
            target_of(dossier, item.id),
            item.id,
            why=item.why,
            by=by or item.by,
            attribute=item.attribute,
            value=item.value,
            other_id=item.other,
            parts=item.parts,
        )
        number = store.add_correction(made)
        rebuilt = rebuild_dossier(store)
    return next((c for c in rebuilt.corrections if c.id == number), made)


def remove_correction(store: Store, number: int) -> bool:
    """Delete a correction and rebuild the dossier without it; False when there is none with this number."""
    from tradetalks.resolve import rebuild_dossier

    with WRITE_LOCK:
        if not store.remove_correction(number):
            return False
        rebuild_dossier(store)
    return True


def listed(store: Store) -> list[dict[str, Any]]:
    """Every stored correction with what the saved dossier did with it (status "pending" until rebuilt)."""
    dossier = store.load_dossier()
    done = {c.id: c for c in dossier.corrections} if dossier else {}
    return [correction_json(done.get(c.id, c)) for c in store.corrections()]


def correction_router(state: ServeState, token: str | None) -> APIRouter:
    """The /api/corrections endpoints."""
    api = APIRouter(prefix="/api")

    @api.get("/corrections", summary="The editors' corrections, each with its status (applied or orphaned)")
    def corrections() -> list[dict[str, Any]]:
        with state.lock:
            return listed(state.store)

    @api.post(
        "/corrections",
        summary="Correct an event or entity (mark_wrong, set_value, split, merge); needs Authorization: Bearer TOKEN",
        status_code=201,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": CorrectionIn.model_json_schema()}},
            }
        },
    )
    async def add(request: Request) -> dict[str, Any]:
        check_writer(request.headers.get("authorization"), token)
        item = parse_model(CorrectionIn, await read_capped(request, MAX_CORRECTION_BODY))
        done = await run_in_threadpool(_write, state, lambda store: record_correction(store, item))
        return correction_json(done)

    @api.delete("/corrections/{number}", summary="Remove a correction; needs Authorization: Bearer TOKEN")
    async def delete(request: Request, number: int) -> dict[str, Any]:
        check_writer(request.headers.get("authorization"), token)
        if not await run_in_threadpool(_write, state, lambda store: remove_correction(store, number)):
            raise HTTPException(404, f"no correction number {number}")
        return {"removed": number}

    return api


def _write(state: ServeState, action: Any) -> Any:
    """Run a write on a connection of its own, then let readers see the rebuilt dossier."""
    with state.writer() as store:
        result = action(store)
    state.invalidate()
    return result
