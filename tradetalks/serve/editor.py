"""Editors on the web: sign in with the write token, then correct an event or entity from its page.

The sign-in form checks ``TRADETALKS_TOKEN`` in constant time and sets an HttpOnly, SameSite=Strict cookie
holding a session signed with the token (issue time, editor's name, HMAC), never the token itself. Every
correction form carries a per-session CSRF field derived from the cookie. No JavaScript is needed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from tradetalks.serve.corrections import CorrectionIn, listed, record_correction, remove_correction
from tradetalks.serve.marks import record_kind
from tradetalks.serve.signin_limit import FailedSignins, signin_limit
from tradetalks.serve.state import ServeState
from tradetalks.serve.writes import read_capped
from tradetalks.store.row_reads import DossierRows

COOKIE = "tradetalks_editor"
#: A session lasts this long (seconds) before the editor signs in again.
SESSION_SECONDS = 12 * 3600
#: The largest form accepted, in bytes.
MAX_FORM = 64 * 1024
#: Form fields that may come more than once.
LISTS = frozenset({"parts"})


@dataclass(frozen=True, slots=True)
class Editor:
    """A signed-in editor: the name to record and the CSRF value their forms must carry."""

    name: str
    csrf: str


def _mac(token: str, message: str) -> str:
    return hmac.new(token.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def new_session(token: str, name: str, now: float | None = None) -> str:
    """A cookie value for an editor: ``ISSUED-NONCE.NAME.MAC`` (name in URL-safe base64)."""
    issued = f"{int(now if now is not None else time.time())}-{secrets.token_urlsafe(12)}"
    encoded = base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii")
    return f"{issued}.{encoded}.{_mac(token, f'session|{issued}|{encoded}')}"


def editor_of(cookie: str | None, token: str | None, now: float | None = None) -> Editor | None:
    """Rule editor_session_checked: the editor a cookie signs in, or None (no token set, bad or expired MAC).

    A cookie made with another token, a changed name or a session older than ``SESSION_SECONDS`` -> None.
    """
    if not token or not cookie or cookie.count(".") != 2:
        return None
    issued, encoded, mac = cookie.split(".")
    if not hmac.compare_digest(mac.encode(), _mac(token, f"session|{issued}|{encoded}").encode()):
        return None
    try:
        age = (now if now is not None else time.time()) - int(issued.split("-", 1)[0])
        name = base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8")
    except ValueError:
        return None
    if not 0 <= age <= SESSION_SECONDS:
        return None
    return Editor(name, _mac(token, f"csrf|{cookie}"))


def local_path(path: str | None, default: str = "/") -> str:
    """A path on this site to go back to (never "//host" or a scheme: no open redirect)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or any(ord(c) < 32 for c in path):
        return default
    return path


async def read_form(request: Request) -> dict[str, Any]:
    """A posted urlencoded form (capped): one value per field, a list for ``LISTS`` fields."""
    body = await read_capped(request, MAX_FORM)
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=600)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, f"unreadable form: {exc}") from None
    return {k: (v if k in LISTS else v[0]) for k, v in fields.items()}


def form_correction(form: dict[str, Any], editor: Editor) -> CorrectionIn:
    """The correction a page form asks for. A mark-wrong form names its fact as "attr:NAME",
    "participant:ID", "alias:TEXT", "role:TEXT" or "" (the whole record)."""
    kind = str(form.get("kind", ""))
    attribute, value = form.get("attribute") or None, form.get("value")
    if kind == "mark_wrong":
        what, _, rest = str(form.get("fact", "")).partition(":")
        attribute, value = (None, None) if not what else ((rest, None) if what == "attr" else (what, rest))
    fields = {
        "kind": kind,
        "id": form.get("id", ""),
        "attribute": attribute,
        "value": value,
        "other": (form.get("other") or "").strip() or None,
        "parts": list(form.get("parts", [])),
        "why": form.get("why", ""),
        "by": editor.name,
    }
    return CorrectionIn.model_validate(fields)


def editor_router(state: ServeState, token: str | None) -> APIRouter:
    """Sign in, sign out, and the correction forms' target."""
    from tradetalks.serve.web import render

    router = APIRouter(include_in_schema=False)
    failures = FailedSignins(signin_limit())

    @router.get("/signin", response_class=HTMLResponse)
    def signin_page(request: Request, next: str = "/") -> Response:
        return render(request, "signin.html", next=local_path(next), enabled=token is not None, failed=False)

    @router.post("/signin")
    async def signin(request: Request) -> Response:
        form = await read_form(request)
        back = local_path(str(form.get("next", "/")))
        client = request.client.host if request.client else ""
        wait = failures.wait(client)
        if wait:  # rule signin_rate_limited: not even a right token is checked until the client may try again
            page = render(
                request, "signin.html", code=429, next=back, enabled=token is not None, failed=True, wait=wait
            )
            page.headers["Retry-After"] = str(wait)
            return page
        given = str(form.get("token", "")).encode("utf-8", "replace")
        name = str(form.get("name", "")).strip()[:200]
        if token is None or not hmac.compare_digest(given, token.encode("utf-8")) or not name:
            failures.failed(client)
            page = render(request, "signin.html", code=401, next=back, enabled=token is not None, failed=True)
            return page
        failures.succeeded(client)
        response = RedirectResponse(back, status_code=303)
        response.set_cookie(
            COOKIE,
            new_session(token, name),
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        return response

    @router.post("/signout")
    async def signout(request: Request) -> Response:
        form = await read_form(request)
        _check(request, form)
        response = RedirectResponse(local_path(str(form.get("back", "/"))), status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    @router.post("/correct")
    async def correct(request: Request) -> Response:
        form = await read_form(request)
        editor = _check(request, form)
        item = form_correction(form, editor)
        with state.writer() as store:
            done = await run_in_threadpool(record_correction, store, item)
        state.invalidate()
        back = local_path(str(form.get("back", "/")))
        return RedirectResponse(f"{back}#correction-{done.id}", status_code=303)

    @router.get("/corrections", response_class=HTMLResponse)
    def corrections_page(request: Request) -> Response:
        with state.lock:
            rows = listed(state.store)

        def links(dossier: DossierRows) -> list[list[tuple[str, str]]]:
            kind = record_kind(dossier)  # each id looked up by index: the whole dossier is never loaded
            found = [[(i, kind(i)) for i in row["applied_to"]] for row in rows]
            return [[(i, f"/{k}/{i}") for i, k in ids if k] for ids in found]

        for row, linked in zip(rows, state.with_rows(links), strict=True):
            row["links"] = linked
        editor = editor_of(request.cookies.get(COOKIE), token)
        return render(request, "corrections.html", rows=rows, editor=editor, editing=token is not None)

    @router.post("/corrections/{number}/remove")
    async def remove(request: Request, number: int) -> Response:
        form = await read_form(request)
        _check(request, form)
        with state.writer() as store:
            found = await run_in_threadpool(remove_correction, store, number)
        state.invalidate()
        if not found:
            raise HTTPException(404, f"no correction number {number}")
        return RedirectResponse("/corrections", status_code=303)

    def _check(request: Request, form: dict[str, Any]) -> Editor:
        """The signed-in editor whose form carries their CSRF value; 403 otherwise."""
        editor = editor_of(request.cookies.get(COOKIE), token)
        if editor is None:
            path = quote(local_path(str(form.get("back", "/"))))
            raise HTTPException(403, f"sign in first (/signin?next={path})")
        if not hmac.compare_digest(str(form.get("csrf", "")).encode(), editor.csrf.encode()):
            raise HTTPException(403, "the form is stale or did not come from this site: reload the page")
        return editor

    return router
