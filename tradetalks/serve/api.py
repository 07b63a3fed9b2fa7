"""The JSON HTTP API (OpenAPI at /openapi.json) and the web page, over one store."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from tradetalks.errors import TradeTalksError
from tradetalks.serve.ask import answer_served
from tradetalks.serve.guard import SecurityHeaders
from tradetalks.serve.marks import marks_on
from tradetalks.serve.phrasing import phrase_answer
from tradetalks.serve.render import doc_as_dict
from tradetalks.serve.row_views import entity_from_rows, event_from_rows, find_entity_ids, timeline_from_rows
from tradetalks.serve.state import ServeState, clean_query, token_from_env
from tradetalks.serve.warmup import lifespan
from tradetalks.serve.writes import BODY_SCHEMA, ingest_request
from tradetalks.store.row_reads import DossierRows

STATIC = Path(__file__).resolve().parent / "static"
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many items.")]
Lang = Annotated[str, Query(pattern="^(vi|en)$", description="Label language.")]
After = Annotated[
    str | None,
    Query(max_length=200, description="Start right after this event (the id of the last event of the page before)."),
]


def json_bytes(obj: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list: {"total", "limit", "offset", "items"}."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def entity_list(rows: DossierRows, q: str, type_: str | None, limit: int, offset: int) -> dict[str, Any]:
    """``/api/entities``: the entities a name finds (at most 50), else one page of all, of a type or any."""
    if q:
        ids = find_entity_ids(rows, q, limit=50)
        by_id = {e.id: e for e in rows.entities(ids)}
        chosen = [by_id[i] for i in ids if i in by_id]
        chosen = [e for e in chosen if type_ in (None, e.type)]
        total, chosen = len(chosen), chosen[offset : offset + limit]
    else:
        total, ids = rows.entity_page(type_, limit, offset)
        chosen = rows.entities(ids)
    events = rows.event_counts([e.id for e in chosen])
    items = [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "name_en": e.name_en,
            "aliases": e.aliases,
            "side": e.side,
            "titles": [r.title for r in e.roles],
            "events": events.get(e.id, 0),
        }
        for e in chosen
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def not_found(what: str, key: str) -> HTTPException:
    """A 404 naming what was looked for."""
    return HTTPException(404, f"no {what} with id {key[:100]!r}")


def api_router(state: ServeState, token: str | None) -> APIRouter:
    """The /api endpoints."""
    api = APIRouter(prefix="/api")

    @api.get("/timeline", summary="Events in date order, each once with its sources; undated apart")
    def timeline(
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        type: Annotated[str | None, Query(max_length=40)] = None,
        topic: Annotated[str | None, Query(max_length=60)] = None,
        person: Annotated[str | None, Query(max_length=200)] = None,
        all: bool = False,
        lang: Lang = "vi",
        limit: Annotated[int | None, Query(ge=0, le=10_000)] = None,
        offset: Offset = 0,
        after: After = None,
    ) -> Response:
        key = ("api/timeline", date_from, date_to, type, topic, person, all, lang, limit, offset, after)

        def build(rows: DossierRows) -> bytes:
            tl = timeline_from_rows(
                rows,
                date_from,
                date_to,
                type,
                all,
                topic or None,
                person or None,
                lang,
                limit=limit,
                offset=offset,
                after=after or None,
            )
            return json_bytes(tl)

        return Response(state.rows_rendered(key, build), media_type="application/json")

    @api.get("/events", summary="Every event (all negotiations), paginated")
    def events(limit: Limit = 50, offset: Offset = 0, lang: Lang = "vi", after: After = None) -> Response:
        def build(rows: DossierRows) -> bytes:
            tl = timeline_from_rows(
                rows, all_negotiations=True, lang=lang, limit=limit, offset=offset, after=after or None
            )
            items = tl["events"] + tl["undated"]
            return json_bytes({"total": tl["total"], "limit": limit, "offset": offset, "items": items})

        key = ("api/events", limit, offset, lang, after)
        return Response(state.rows_rendered(key, build), media_type="application/json")

    @api.get("/events/{event_id}", summary="One event with participants, topics, sources and conflicts")
    def event(event_id: str, lang: Lang = "vi") -> dict[str, Any]:
        found = state.with_rows(lambda rows: event_from_rows(rows, event_id, lang))
        if found is None:
            raise not_found("event", event_id)
        marks = state.with_rows(lambda rows: marks_on(rows.iter_corrections(), event_id))
        return {**found, "corrections": marks}

    @api.get("/entities", summary="People, organisations, places and countries, paginated")
    def entities(
        limit: Limit = 50,
        offset: Offset = 0,
        type: Annotated[str | None, Query(pattern="^(person|organization|location|country)$")] = None,
        q: Annotated[str | None, Query(max_length=10_000)] = None,
    ) -> dict[str, Any]:
        query = clean_query(q) if q else ""
        return state.with_rows(lambda rows: entity_list(rows, query, type, limit, offset))

    @api.get("/entities/{entity_id}", summary="One entity: aliases, titles over time with sources, events")
    def entity(entity_id: str) -> Response:
        def build(rows: DossierRows) -> bytes:
            found = entity_from_rows(rows, entity_id) if rows.weights([entity_id]) else None
            return json_bytes(found)

        body = state.rows_rendered(("api/entity", entity_id), build)
        if body == b"null":
            raise not_found("entity", entity_id)
        marks = state.with_rows(lambda rows: marks_on(rows.iter_corrections(), entity_id))
        return JSONResponse({**json.loads(body), "corrections": marks})

    @api.get("/articles", summary="The articles of the dossier, paginated")
    def articles(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        total, records = state.with_rows(lambda rows: rows.article_page(limit, offset))
        return {"total": total, "limit": limit, "offset": offset, "items": [asdict(a) for a in records]}

    @api.get("/articles/{article_id}", summary="One article: its text and what was extracted from it")
    def article(article_id: str) -> dict[str, Any]:
        doc = state.doc(article_id)
        if doc is None:
            stored = state.article(article_id)
            if stored is None:
                raise not_found("article", article_id)
            return {"article": asdict(stored), "extraction": None}
        return {"article": asdict(doc.article), "extraction": doc_as_dict(doc)}

    @api.get("/search", summary="Full-text search, diacritics optional")
    def search(
        q: Annotated[str, Query(max_length=20_000)] = "",
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=900)] = 0,
    ) -> dict[str, Any]:
        hits = state.search(q, limit + offset) if clean_query(q) else []
        return {"query": clean_query(q), **page([asdict(h) for h in hits], limit, offset)}

    @api.get("/ask", summary="Answer a question from the dossier, with quoted sources")
    def ask(q: Annotated[str, Query(max_length=20_000)] = "") -> dict[str, Any]:
        return phrase_answer(answer_served(state.rows_rendered, q, state.search))

    @api.post(
        "/ingest",
        summary="Ingest articles [{url,title,published,text}]; needs Authorization: Bearer TOKEN",
        openapi_extra=BODY_SCHEMA,
    )
    async def ingest(request: Request) -> dict[str, Any]:
        return await ingest_request(request, state, token)

    return api


def _error(request: Request, status: int, message: str) -> Response:
    """Errors as JSON {"error": message} under /api, as a small page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return JSONResponse({"error": message}, status_code=status)
    from tradetalks.serve.web import error_page

    return HTMLResponse(error_page(request, status, message), status_code=status)


def create_app(db_url: str, token: str | None = None) -> FastAPI:
    """The FastAPI app: JSON API under /api, web pages at /, static files at /static."""
    state = ServeState(db_url)
    app = FastAPI(
        title="TradeTalks",
        version="0.1.0",
        description="A sourced, deduplicated dossier of a trade negotiation from Vietnamese news.",
        # FastAPI's /docs and /redoc pages load their script from a CDN and run inline script; the schema stays
        # at /openapi.json for any local viewer.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan(state),
    )
    app.add_middleware(SecurityHeaders)
    app.state.tradetalks = state

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()[:5]]
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(TradeTalksError)
    async def our_error(request: Request, exc: TradeTalksError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        return _error(request, 500, f"internal error ({type(exc).__name__})")

    state.token = token or token_from_env()
    app.include_router(api_router(state, state.token))
    from tradetalks.serve.corrections import correction_router
    from tradetalks.serve.editor import editor_router

    app.include_router(correction_router(state, state.token))
    app.include_router(editor_router(state, state.token))
    from tradetalks.serve.web import web_router

    app.include_router(web_router(state))
    from tradetalks.serve.pages import negotiation_router

    app.include_router(negotiation_router(state))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
