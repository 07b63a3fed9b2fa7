"""Reading a response body within a size limit, decompressing gzip or deflate as it arrives.

The limit holds for the bytes received and for the bytes decoded: a decoder is never asked for more
than what still fits, so a compressed bomb (a few kB that inflate to gigabytes) is cut at the limit
instead of being decoded first and measured after.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

#: Content-Encoding values we ask for (Accept-Encoding) and decode.
ACCEPT_ENCODING = "gzip, deflate"


class BodyError(Exception):
    """The body is over the limit, damaged, or in an encoding we do not decode; ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _OverLimit(Exception):
    """The decoder was about to produce more than the room left."""


class BoundedDecoder:
    """A gzip or deflate stream decoded piece by piece, never producing more than the room left."""

    def __init__(self, coding: str):
        self.coding = coding
        self.decoded = 0
        # gzip: a gzip header (32 + 15 also accepts a zlib header); deflate: zlib header, else raw deflate
        self._obj = zlib.decompressobj(32 + zlib.MAX_WBITS if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """The bytes ``data`` decodes to; _OverLimit once they would exceed ``room``, BodyError if damaged."""
        try:
            return self._feed(data, room)
        except zlib.error as exc:
            reason = str(exc)
        if self.coding == "deflate" and not self._started:  # some servers send raw deflate
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            self._started = True
            try:
                return self._feed(data, room)
            except zlib.error as exc:
                reason = str(exc)
        raise BodyError(f"damaged {self.coding} body ({reason})")

    def _feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        while data and not self._obj.eof:
            piece = self._obj.decompress(data, room - len(out) + 1)  # max_length >= 1 (0 would mean no limit)
            self._started = True
            out += piece
            self.decoded += len(piece)
            if len(out) > room:
                raise _OverLimit()
            data = self._obj.unconsumed_tail
        return bytes(out)


def read_body(content_encoding: str | None, chunks: Iterable[bytes], limit: int) -> bytes:
    """The decoded body from raw ``chunks``; BodyError when received or decoded bytes pass ``limit``."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if len(codings) > 1:
        raise BodyError(f"Content-Encoding {content_encoding!r} has more than one coding; not decoded")
    decoder = None
    if codings:
        if codings[0] not in ("gzip", "x-gzip", "deflate"):
            raise BodyError(f"Content-Encoding {codings[0]!r} was not asked for ({ACCEPT_ENCODING}); not decoded")
        decoder = BoundedDecoder(codings[0])
    body = bytearray()
    received = 0
    for chunk in chunks:
        received += len(chunk)
        if received > limit:
            raise BodyError(f"body over the {limit}-byte limit (cut off after {received} bytes)")
        if decoder is None:
            body += chunk
            continue
        try:
            body += decoder.feed(chunk, limit - len(body))
        except _OverLimit:
            raise BodyError(
                f"body over the {limit}-byte limit once decompressed ({decoder.coding}; cut off after "
                f"{decoder.decoded} bytes decoded from {received} received)"
            ) from None
    return bytes(body)
