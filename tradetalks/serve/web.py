"""Server-rendered pages: timeline, entity, article with highlighted spans, search, ask (vi/en labels)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from tradetalks.errors import TradeTalksError
from tradetalks.model import EVENT_TYPES
from tradetalks.serve.ask import answer_served
from tradetalks.serve.guard import http_url
from tradetalks.serve.highlight import KINDS, Highlight, doc_highlights, highlight_html
from tradetalks.serve.labels import labels, pick_language
from tradetalks.serve.marks import corrected_ids
from tradetalks.serve.person_page import entity_page_from_rows
from tradetalks.serve.phrasing import phrase_answer
from tradetalks.serve.row_views import article_from_rows, timeline_from_rows
from tradetalks.serve.state import ServeState, clean_query
from tradetalks.store.row_reads import DossierRows

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MARKED = re.compile(r"\[([^\[\]]{1,200})\]")
Text = Annotated[str, Query(max_length=20_000)]
#: An article page lists at most this many of the article's events (the rest are on the timeline).
MAX_PAGE_EVENTS = 200
#: A person page lists this many of the person's latest events and this many sources per title (the counts
#: are always whole; the timeline and the API give the rest): a leader named in thousands of articles keeps
#: a page a phone can load. At 45k articles, the page of the leader in most events of the Vietnam–US talks (9
#: titles) weighed 159 kB with 50 events and 20 sources a title, 91 kB with 25 and 10, and took 40% less time.
MAX_PERSON_EVENTS = 25
MAX_ROLE_SOURCES = 10
MAX_SOURCE_QUOTES = 3
#: A person page lists the latest this many of the articles that name the person (and counts them all).
MAX_PERSON_ARTICLES = 50
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False)


#: Events on one page of the web timeline (dated first, then undated).
PAGE_EVENTS = 50


def snippet_html(snippet: str) -> Markup:
    """A search snippet with ``[matches]`` as <mark>, everything else escaped."""
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


ENV.filters["snippet"] = snippet_html
#: ``{{ url | http_url }}``: the only way a stored URL becomes a link (None unless http/https).
ENV.filters["http_url"] = http_url
ENV.globals["http_url"] = http_url


def language(request: Request) -> str:
    """The page language: ?lang=, else the "lang" cookie, else Vietnamese."""
    return pick_language(request.query_params.get("lang") or request.cookies.get("lang"))


def render_html(request: Request, template: str, **context: Any) -> str:
    """A template rendered with the labels of the request's language."""
    lang = language(request)
    other = request.url.include_query_params(lang="en" if lang == "vi" else "vi")
    switch = "/" + f"{other.path}?{other.query}".lstrip("/")  # "//host/..." would leave this site
    return ENV.get_template(template).render(
        L=labels(lang), lang=lang, switch_url=switch, request_path=request.url.path, **context
    )


def render(request: Request, template: str, code: int = 200, **context: Any) -> Response:
    """Render a template as a response; remember an explicit ?lang= in a cookie."""
    return respond(request, render_html(request, template, **context), code)


def respond(request: Request, html: str | bytes, code: int = 200) -> Response:
    """An HTML response; remember an explicit ?lang= in a cookie."""
    lang = language(request)
    response = HTMLResponse(html, status_code=code)
    if "lang" in request.query_params:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return response


def error_page(request: Request, status: int, message: str) -> str:
    """A small error page (HTML string) in the request's language."""
    lang = language(request)
    return ENV.get_template("error.html").render(
        L=labels(lang), lang=lang, switch_url="/", request_path="", status=status, message=message
    )


def _pager(request: Request, tl: dict[str, Any], page: int) -> dict[str, Any] | None:
    """Which events of how many a timeline page shows, and the links to the pages before and after (None when
    one page holds them all)."""
    shown, total = tl["page"]["count"], tl["total"]
    if page == 1 and shown >= total:
        return None
    first = tl["page"]["offset"] + 1
    last = tl["page"]["offset"] + shown
    return {
        "first": first if shown else 0,
        "last": last,
        "total": total,
        "prev": _page_href(request, page - 1) if page > 1 else None,
        "next": _page_href(request, page + 1) if last < total else None,
    }


def _page_href(request: Request, page: int) -> str:
    """A link to another page of the same timeline: the same filters, another ``page``."""
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    return "?" + urlencode({**params, "page": str(page)})


def web_router(state: ServeState) -> APIRouter:
    """The HTML pages."""
    web = APIRouter(include_in_schema=False)

    @web.get("/", response_class=HTMLResponse)
    def timeline_page(
        request: Request,
        type: Text = "",
        topic: Text = "",
        person: Text = "",
        date_from: Annotated[str, Query(alias="from", max_length=100)] = "",
        date_to: Annotated[str, Query(alias="to", max_length=100)] = "",
        all: bool = False,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        lang = language(request)
        filters = {"type": type, "topic": topic, "person": person, "from": date_from, "to": date_to, "all": all}
        offset = (page - 1) * PAGE_EVENTS

        def build(rows: DossierRows) -> bytes:
            error = None
            try:
                tl = timeline_from_rows(
                    rows,
                    date_from or None,
                    date_to or None,
                    type or None,
                    all,
                    topic or None,
                    clean_query(person) or None,
                    lang,
                    limit=PAGE_EVENTS,
                    offset=offset,
                )
            except TradeTalksError as exc:
                error = str(exc)
                tl = timeline_from_rows(rows, lang=lang, limit=PAGE_EVENTS)
            pager = _pager(request, tl, page)
            html = render_html(
                request,
                "timeline.html",
                tl=tl,
                filters=filters,
                types=EVENT_TYPES,
                error=error,
                pager=pager,
                corrected_events=corrected_ids(rows.iter_corrections()),
            )
            return html.encode("utf-8")

        key = ("page/", lang, page, PAGE_EVENTS, tuple(sorted(filters.items())))
        return respond(request, state.rows_rendered(key, build))

    @web.get("/entity/{entity_id}", response_class=HTMLResponse)
    def entity_page(request: Request, entity_id: str) -> Response:
        from tradetalks.serve.editor import COOKIE, editor_of
        from tradetalks.serve.marks import corrected_attributes, entity_choices, gone, marks_on, record_kind

        if not state.with_rows(lambda rows: rows.weights([entity_id])):
            removed = state.with_rows(lambda rows: gone(list(rows.iter_corrections()), entity_id, record_kind(rows)))
            if removed is not None:
                return render(request, "gone.html", code=404, g=removed)
            return render(request, "error.html", code=404, status=404, message=f"no entity with id {entity_id[:100]!r}")
        lang = language(request)
        editor = editor_of(request.cookies.get(COOKIE), state.token)

        def build(rows: DossierRows) -> bytes:
            shown = entity_page_from_rows(
                rows, entity_id, lang, MAX_PERSON_EVENTS, MAX_ROLE_SOURCES, MAX_SOURCE_QUOTES, MAX_PERSON_ARTICLES
            )
            assert shown is not None
            found, entity = shown
            corrections = list(rows.iter_corrections())
            marks = marks_on(corrections, entity_id)
            html = render_html(
                request,
                "entity.html",
                corrected_events=corrected_ids(corrections),
                entity=found,
                marks=marks,
                corrected=corrected_attributes(marks),
                choices=entity_choices(entity, lang),
                editor=editor,
                editing=state.token is not None,
            )
            return html.encode("utf-8")

        key = ("page/entity", entity_id, lang, editor.csrf if editor else None)
        return respond(request, state.rows_rendered(key, build))

    @web.get("/article/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: str) -> Response:
        doc = state.doc(article_id)
        article = doc.article if doc else state.article(article_id)
        if article is None:
            return render(
                request, "error.html", code=404, status=404, message=f"no article with id {article_id[:100]!r}"
            )
        lang = language(request)
        shown = state.with_rows(lambda rows: article_from_rows(rows, article_id, lang))
        corrected = state.with_rows(lambda rows: corrected_ids(rows.iter_corrections()))
        spans = doc_highlights(doc) if doc else []
        spans += [Highlight(*span) for span in shown["spans"]]
        return render(
            request,
            "article.html",
            article=article,
            record=shown["record"],
            body=highlight_html(article.text, spans),
            kinds=KINDS,
            events=shown["events"][:MAX_PAGE_EVENTS],
            more_events=max(0, len(shown["events"]) - MAX_PAGE_EVENTS),
            corrected_events=corrected,
        )

    @web.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: Text = "") -> Response:
        query = clean_query(q)
        hits = state.search(query, 30) if query else []
        return render(request, "search.html", q=query, hits=hits)

    @web.get("/ask", response_class=HTMLResponse)
    def ask_page(request: Request, q: Text = "") -> Response:
        answer = phrase_answer(answer_served(state.rows_rendered, q, state.search)) if q.strip() else None
        return render(request, "ask.html", q=q[:1000], answer=answer)

    return web
