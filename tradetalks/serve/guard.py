"""What every response of the server carries for the browser's safety, and which stored URLs may become links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

#: Content-Security-Policy: script, style and images only from this server (no inline script, no other origin).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: Headers added to every response (pages, API, static files, errors).
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
#: Characters browsers drop from a URL before reading its scheme (ASCII controls, space) or inside it (tab, newlines).
_DROPPED = re.compile(r"[\x00-\x20\x7f]")
LINK_SCHEMES = frozenset({"http", "https"})


def http_url(url: str | None) -> str | None:
    """The URL when it may be a link (http or https with a host), else None: stored text never becomes script.

    ``"https://vnexpress.net/a.html"`` -> itself; ``"javascript:alert(1)"``, ``" JaVa\\tScript:x"``,
    ``"data:text/html,..."``, ``"//evil.example"`` and ``"http:no-host"`` -> None.
    """
    if not url:
        return None
    cleaned = url.strip()
    if _DROPPED.search(cleaned.split("://", 1)[0]):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname or _DROPPED.search(cleaned):
        return None
    return cleaned


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response (unless the app already set one)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
