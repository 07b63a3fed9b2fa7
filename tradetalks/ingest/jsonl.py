"""JSON Lines archives: one ``{"url", "title", "published", "text"}`` object per line (.jsonl, .jsonl.gz)."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator

from tradetalks.errors import IngestError
from tradetalks.ingest.articles import MAX_BYTES, build_article
from tradetalks.model import Article

_CHUNK = 1 << 20


def read_jsonl(path: str, source: str) -> Iterator[Article | IngestError]:
    """Each line as an Article or an IngestError naming ``file:line``; a bad line never stops the rest."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, also when wrapped
    except OSError as exc:
        yield IngestError(source, f"cannot open ({exc.strerror or exc})")
        return
    with raw:
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if _is_gzip(raw) else raw
        try:
            yield from _lines(stream, source)
        except (OSError, EOFError, zlib.error) as exc:
            yield IngestError(source, f"damaged compressed file ({exc})")


def _is_gzip(f: io.BufferedIOBase) -> bool:
    """Whether the file starts with the gzip magic bytes (the position is restored)."""
    head = f.read(2)
    f.seek(0)
    return head == b"\x1f\x8b"


def _lines(stream: io.BufferedIOBase, source: str) -> Iterator[Article | IngestError]:
    """Parse line by line; a line over the size limit is skipped without being held in memory."""
    lineno = produced = 0
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            if not produced:
                yield IngestError(source, "no JSON lines in the file (only blank lines)")
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            produced += 1
            yield IngestError(where, f"line too long (over {MAX_BYTES // 1_048_576} MB)")
            continue
        if not line.strip():
            continue
        produced += 1
        yield parse_line(line, where)


def parse_line(line: bytes, where: str) -> Article | IngestError:
    """One JSON line -> Article (source ``file:line`` unless it has a url) or IngestError."""
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        return IngestError(where, f"not valid UTF-8 (byte {exc.start})")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return IngestError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return IngestError(where, "invalid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return IngestError(where, f"expected a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return IngestError(where, 'no "text" field with the article text')
    url = record.get("url") if isinstance(record.get("url"), str) and record.get("url", "").strip() else None
    try:
        return build_article(
            url.strip() if url else where,
            body,
            title=record.get("title"),
            url=url,
            outlet=record.get("outlet"),
            published=record.get("published"),
        )
    except IngestError as exc:
        return IngestError(where, exc.reason)
