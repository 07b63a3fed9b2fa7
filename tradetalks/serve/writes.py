"""POST /api/ingest: the token is checked on the headers alone, the body is streamed under a cap, and
extraction runs without any lock that readers (search, timeline, pages) take."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from typing import Annotated, Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.exceptions import HTTPException

from tradetalks.errors import TradeTalksError
from tradetalks.serve.state import ServeState

#: The largest request body accepted, in bytes (5 M characters of text fit, even as \\u escapes of accents).
MAX_BODY = 50 * 1_048_576
#: The longest article text accepted, in characters.
MAX_TEXT = 5_000_000
#: At most this many articles in one request.
MAX_ITEMS = 1000
#: A refused request's unread body is not drained: the connection is closed after the answer.
CLOSE = {"Connection": "close"}


class ArticleIn(BaseModel):
    """An article to ingest, as in a JSON Lines archive."""

    text: str = Field(min_length=1)
    url: str | None = Field(default=None, max_length=4000)
    title: str | None = Field(default=None, max_length=4000)
    published: str | None = Field(default=None, max_length=100)
    outlet: str | None = Field(default=None, max_length=400)


ARTICLES: TypeAdapter[list[ArticleIn]] = TypeAdapter(
    Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ITEMS)]
)
#: The request body as documented in /openapi.json (the endpoint reads it itself, after the token check).
BODY_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MAX_ITEMS,
                    "items": ArticleIn.model_json_schema(),
                }
            }
        },
    }
}
#: API ingests rebuild the dossier one at a time; readers never take this lock.
WRITE_LOCK = threading.Lock()


def check_writer(authorization: str | None, token: str | None) -> None:
    """Rule bearer_only: writing needs ``Authorization: Bearer TOKEN`` (compared in constant time).

    No token configured -> 403; missing header, another scheme ("Basic ...", a bare token) or a wrong token -> 401.
    """
    if token is None:
        raise HTTPException(403, "writing is disabled: the operator has not set TRADETALKS_TOKEN", headers=CLOSE)
    scheme, _, given = (authorization or "").strip().partition(" ")
    matches = hmac.compare_digest(given.strip().encode("utf-8", "replace"), token.encode("utf-8"))
    if scheme.lower() != "bearer" or not matches:
        raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed to write", headers=CLOSE)


def check_length(content_length: str | None, chunked: bool) -> None:
    """A declared body longer than MAX_BODY is refused before a byte of it is read (413); no length -> 411."""
    if content_length is None:
        if chunked:
            return
        raise HTTPException(411, "a Content-Length header is needed", headers=CLOSE)
    if not content_length.strip().isdigit():
        raise HTTPException(400, "Content-Length is not a number", headers=CLOSE)
    if int(content_length) > MAX_BODY:
        raise HTTPException(413, f"body too large (limit {MAX_BODY // 1_048_576} MB)", headers=CLOSE)


async def read_capped(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, read chunk by chunk; 413 as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body too large (limit {limit // 1_048_576} MB)", headers=CLOSE)
        parts.append(chunk)
    return b"".join(parts)


def parse_articles(body: bytes) -> list[ArticleIn]:
    """The posted list of articles; 422 (as for any invalid request) when it is not one."""
    try:
        return ARTICLES.validate_python(json.loads(body))
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, ValidationError):
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from exc
        raise RequestValidationError([{"loc": ("body",), "msg": f"not JSON: {exc}"[:200]}]) from exc


def parse_model(model: type[Any], body: bytes) -> Any:
    """A posted JSON object as ``model``; 422 (as for any invalid request) when it is not one."""
    try:
        return TypeAdapter(model).validate_python(json.loads(body))
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, ValidationError):
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from exc
        raise RequestValidationError([{"loc": ("body",), "msg": f"not JSON: {exc}"[:200]}]) from exc


async def ingest_request(request: Request, state: ServeState, token: str | None) -> dict[str, Any]:
    """Check the token (headers only), then the declared length, then stream, parse and ingest the body."""
    check_writer(request.headers.get("authorization"), token)
    check_length(request.headers.get("content-length"), "chunked" in request.headers.get("transfer-encoding", ""))
    items = parse_articles(await read_capped(request))
    for n, item in enumerate(items):
        if len(item.text) > MAX_TEXT:
            raise HTTPException(413, f"item {n}: text of {len(item.text):,} characters (limit {MAX_TEXT:,})")
    report = await run_in_threadpool(ingest_articles, state, items)
    state.invalidate()
    return report


def ingest_articles(state: ServeState, items: list[ArticleIn]) -> dict[str, Any]:
    """Extract the posted articles (no lock held), then store them and the dossier rows they change in one
    transaction on a connection of its own (resolve/incremental.py): a reader sees all of the batch or none of
    it, and a failure while resolving leaves no article of the batch stored. The server's readers keep their
    connection and lock throughout."""
    from tradetalks.ingest.articles import build_article
    from tradetalks.ingest.batch import IngestReport
    from tradetalks.model import IngestOutcome
    from tradetalks.pipeline import default_pipeline
    from tradetalks.resolve.incremental import current_revision, resolve_new

    run = default_pipeline()
    report = IngestReport()
    extracted: list[tuple[int, Any, Any]] = []  # (place in the report, article, extraction)
    for n, item in enumerate(items):
        source = item.url or f"api:{hashlib.sha256(item.text.encode()).hexdigest()[:12]}"
        try:
            article = build_article(
                source, item.text, title=item.title, url=item.url, outlet=item.outlet, published=item.published
            )
            extracted.append((len(report.outcomes), article, run(article)))
            report.outcomes.append(IngestOutcome(source, "new", None))  # replaced once stored
        except TradeTalksError as exc:
            report.outcomes.append(IngestOutcome(source, "failed", None, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            report.outcomes.append(IngestOutcome(source, "failed", None, f"item {n}: {type(exc).__name__}: {exc}"))
    with state.writer() as store:
        for outcome in report.outcomes:
            if outcome.status == "failed":
                store.record_failure(outcome.source, outcome.reason or "failed")
        since = current_revision(store)
        with WRITE_LOCK, store.transaction():
            for place, article, doc in extracted:
                report.outcomes[place] = outcome = store.add_article(article, doc)
                if outcome.status == "failed":
                    store.record_failure(outcome.source, outcome.reason or "failed")
            changed = [o.article_id for o in report.new + report.updated if o.article_id]
            if changed:
                resolve_new(store, changed, since)
    return report.to_dict()
