"""The negotiation pages (/n, /n/KEY with its pictures, its Atom feed and its calendar), the event page
(/event/ID) and their JSON (/api/n, /api/n/KEY)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from tradetalks.export.atom import events_feed
from tradetalks.export.ics import events_calendar
from tradetalks.serve.charts import negotiation_charts
from tradetalks.serve.editor import COOKIE, editor_of
from tradetalks.serve.event_page import event_detail
from tradetalks.serve.index import DossierIndex, is_dated
from tradetalks.serve.marks import corrected_attributes, corrected_ids, event_choices, gone, marks_on, record_kind
from tradetalks.serve.negotiation_rows import negotiation_index, negotiation_list_rows, negotiation_page_index
from tradetalks.serve.negotiations import (
    UnknownNegotiation,
    event_brief,
    negotiation_events,
    negotiation_title,
    state_of_play,
)
from tradetalks.serve.row_views import partial_index
from tradetalks.serve.state import ServeState
from tradetalks.serve.web import language, render, render_html, respond
from tradetalks.store.row_reads import DossierRows

#: Negotiations on one page of /n, most events first (529 at 45k articles, most of them talks of two countries
#: told once or twice).
PAGE_NEGOTIATIONS = 100


def _events_or_404(index: DossierIndex, key: str) -> list[Any]:
    try:
        return negotiation_events(index, key)
    except UnknownNegotiation:
        raise HTTPException(404, f"no negotiation with key {key[:100]!r}") from None


def _negotiation(rows: DossierRows, key: str) -> DossierIndex:
    """An index over one negotiation's events read from rows; a 404 for a key nobody knows."""
    try:
        return negotiation_index(rows, key)
    except UnknownNegotiation:
        raise HTTPException(404, f"no negotiation with key {key[:100]!r}") from None


def negotiation_json(index: DossierIndex, key: str, lang: str = "vi") -> dict[str, Any]:
    """``/api/n/KEY``: the state of play and every event of the negotiation in one line each."""
    events = _events_or_404(index, key)
    return {"state": state_of_play(index, key, lang), "events": [event_brief(index, e, lang) for e in events]}


def negotiation_router(state: ServeState) -> APIRouter:
    """The HTML pages, feeds and JSON of negotiations and events."""
    router = APIRouter()

    @router.get("/n", response_class=HTMLResponse, include_in_schema=False)
    def negotiations_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        lang = language(request)

        def build(rows: DossierRows) -> bytes:
            listed = negotiation_list_rows(rows, lang)
            first = (page - 1) * PAGE_NEGOTIATIONS
            shown = listed[first : first + PAGE_NEGOTIATIONS]
            pager = None
            if len(shown) < len(listed):
                pager = {
                    "first": first + 1 if shown else 0,
                    "last": first + len(shown),
                    "total": len(listed),
                    "prev": f"?page={page - 1}" if page > 1 else None,
                    "next": f"?page={page + 1}" if first + len(shown) < len(listed) else None,
                }
            return render_html(request, "negotiations.html", rows=shown, pager=pager).encode("utf-8")

        return respond(request, state.rows_rendered(("page/n", lang, page, PAGE_NEGOTIATIONS), build))

    @router.get("/n/{key}", response_class=HTMLResponse, include_in_schema=False)
    def negotiation_page(request: Request, key: str) -> Response:
        lang = language(request)

        def build(rows: DossierRows) -> bytes:
            try:
                index = negotiation_page_index(rows, key)
            except UnknownNegotiation:
                raise HTTPException(404, f"no negotiation with key {key[:100]!r}") from None
            html = render_html(
                request,
                "negotiation.html",
                play=state_of_play(index, key, lang),
                charts=negotiation_charts(index, negotiation_events(index, key), key, lang),
                undated=[event_brief(index, e, lang) for e in negotiation_events(index, key) if not is_dated(e.start)],
                key=key,
                corrected_events=corrected_ids(rows.iter_corrections()),
            )
            return html.encode("utf-8")

        return respond(request, state.rows_rendered(("page/n/", key, lang), build))

    @router.get("/n/{key}/feed.atom", include_in_schema=False)
    def negotiation_feed(request: Request, key: str) -> Response:
        base = str(request.base_url)
        name, path = negotiation_title(key, "vi"), f"/n/{key}/feed.atom"

        def build(rows: DossierRows) -> bytes:
            ix = _negotiation(rows, key)
            return events_feed(ix, negotiation_events(ix, key), name, base, path)

        body = state.rows_rendered(("feed", key, base), build)
        return Response(body, media_type="application/atom+xml")

    @router.get("/n/{key}/calendar.ics", include_in_schema=False)
    def negotiation_calendar(request: Request, key: str) -> Response:
        base = str(request.base_url)
        name = negotiation_title(key, "vi")

        def build(rows: DossierRows) -> bytes:
            ix = _negotiation(rows, key)
            calendar: bytes = events_calendar(ix, negotiation_events(ix, key), name, base_url=base).to_ical()
            return calendar

        body = state.rows_rendered(("ics", key, base), build)
        return Response(body, media_type="text/calendar; charset=utf-8")

    @router.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        lang = language(request)
        if not state.with_rows(lambda rows: rows.event_ids("e.id = ?", [event_id])):
            removed = state.with_rows(lambda rows: gone(list(rows.iter_corrections()), event_id, record_kind(rows)))
            if removed is not None:
                return render(request, "gone.html", code=404, g=removed)
            return render(request, "error.html", code=404, status=404, message=f"no event with id {event_id[:100]!r}")
        editor = editor_of(request.cookies.get(COOKIE), state.token)

        def text_of(article_id: str) -> str | None:
            article = state.store.get_article(article_id)  # inside build: the state's lock is held
            return article.text if article else None

        def build(rows: DossierRows) -> bytes:
            listed = rows.event_ids("e.id = ?", [event_id])
            (event,) = rows.events([event_id])
            index = partial_index(rows, [event], {i: pos for i, pos, _ in listed})
            detail = event_detail(index, event, text_of, lang)
            key = event.negotiation
            name = negotiation_title(key, lang) if key else None
            marks = marks_on(rows.iter_corrections(), event_id)
            sources = {r["article"]: f"{r['outlet_label'] or ''} · {r['published'] or ''} · {r['title'] or ''}"
                       for r in detail["reports"]}  # fmt: skip
            html = render_html(
                request,
                "event.html",
                d=detail,
                negotiation=key,
                negotiation_name=name,
                marks=marks,
                corrected=corrected_attributes(marks),
                choices=event_choices(index, event, lang),
                sources=sources,
                editor=editor,
                editing=state.token is not None,
            )
            return html.encode()

        cache_key = ("page/event", event_id, lang, editor.csrf if editor else None)
        return respond(request, state.rows_rendered(cache_key, build))

    @router.get("/api/n", summary="The negotiations with their event counts and latest dates")
    def negotiations_api(lang: str = "vi") -> list[dict[str, Any]]:
        return state.with_rows(lambda rows: negotiation_list_rows(rows, "en" if lang == "en" else "vi"))

    @router.get("/api/n/{key}", summary="A negotiation's state of play and its events")
    def negotiation_api(key: str, lang: str = "vi") -> dict[str, Any]:
        code = "en" if lang == "en" else "vi"
        return state.with_rows(lambda rows: negotiation_json(_negotiation(rows, key), key, code))

    return router
