"""JSON Lines archives: one ``{"url", "title", "published", "text"}`` object per line (.jsonl, .jsonl.gz)."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator

from tradetalks.errors import IngestError
from tradetalks.ingest.articles import MAX_BYTES, MAX_DECOMPRESSED_BYTES, build_article
from tradetalks.model import Article

#: Bytes read (after decompression) at a time.
_CHUNK = 1 << 20
#: A run of blank lines (and the indentation of the next one), skipped in one step.
_BLANK = re.compile(rb"\s*")

#: ``on_read(source, bytes of the file read, file size, bytes decoded)``: how far a file has been read.
ReadProgress = Callable[[str, int, int, int], None]


def read_jsonl(
    path: str,
    source: str,
    max_decompressed: int = MAX_DECOMPRESSED_BYTES,
    on_read: ReadProgress | None = None,
) -> Iterator[Article | IngestError]:
    """Each line as an Article or an IngestError naming ``file:line``; a bad line never stops the rest.

    A gzip file is read up to ``max_decompressed`` bytes once decompressed: past that, an IngestError
    names the file and the limit, and the lines before it are kept.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, also when wrapped
    except OSError as exc:
        yield IngestError(source, f"cannot open ({exc.strerror or exc})")
        return
    with raw:
        size = os.fstat(raw.fileno()).st_size
        compressed = _is_gzip(raw)
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if compressed else raw

        def blocks() -> Iterator[bytes]:
            """Decoded blocks, ``on_read`` told after each; the last one cut at the decompressed limit."""
            decoded = 0
            while block := stream.read1(_CHUNK):  # read1: what came before a damaged part is kept
                decoded += len(block)
                if on_read is not None:
                    on_read(source, raw.tell(), size, decoded)
                if compressed and decoded > max_decompressed:
                    yield block[: len(block) - (decoded - max_decompressed)]
                    raise _OverLimit()
                yield block

        try:
            yield from _lines(blocks(), source)
        except _OverLimit:
            yield IngestError(
                source,
                f"over the limit of {max_decompressed:,} bytes once decompressed; read up to there "
                "(the lines before it are kept)",
            )
        except (OSError, EOFError, zlib.error) as exc:
            yield IngestError(source, f"damaged compressed file ({exc})")


class _OverLimit(Exception):
    """A compressed input decompressed past its limit."""


def _is_gzip(f: io.BufferedIOBase) -> bool:
    """Whether the file starts with the gzip magic bytes (the position is restored)."""
    head = f.read(2)
    f.seek(0)
    return head == b"\x1f\x8b"


def _lines(blocks: Iterable[bytes], source: str) -> Iterator[Article | IngestError]:
    """Parse line by line; runs of blank lines are skipped at once; a line over the size limit is
    dropped without being held in memory. A line cut by the end of the input is still read."""
    newlines = produced = 0
    line = bytearray()
    too_long = False
    for block in blocks:
        pos, end = 0, len(block)
        while pos < end:
            if not line and not too_long:  # at the start of a line: skip blank lines in one step
                for unit in (b"\n", b"\r\n"):
                    stop = _run_end(block, pos, unit)
                    newlines += (stop - pos) // len(unit)
                    pos = stop
                blank_end = _BLANK.match(block, pos).end()  # type: ignore[union-attr]
                newlines += block.count(b"\n", pos, blank_end)
                pos = blank_end
                if pos >= end:
                    break
            nl = block.find(b"\n", pos)
            stop = end if nl < 0 else nl
            if not too_long:
                line += block[pos:stop]
                if len(line) > MAX_BYTES:
                    too_long = True
                    line.clear()
            pos = stop + 1 if nl >= 0 else end
            if nl >= 0:
                newlines += 1
                produced += 1
                yield _finish(line, too_long, f"{source}:{newlines}")
                line.clear()
                too_long = False
    if line.strip() or too_long:
        produced += 1
        yield _finish(line, too_long, f"{source}:{newlines + 1}")
    if not produced:
        yield IngestError(source, "no JSON lines in the file (only blank lines)")


def _run_end(block: bytes, pos: int, unit: bytes) -> int:
    """Where the run of ``unit`` repeated from ``pos`` ends, in O(log n) comparisons of doubling length:
    ``_run_end(b"\\n\\n\\nx", 0, b"\\n")`` -> 3."""
    size, count, step = len(unit), 0, 1
    while True:
        if block.startswith(unit * step, pos + count * size):
            count += step
            step *= 2
        elif step > 1:
            step //= 2
        else:
            return pos + count * size


def _finish(line: bytearray, too_long: bool, where: str) -> Article | IngestError:
    if too_long:
        return IngestError(where, f"line too long (over {MAX_BYTES // 1_048_576} MB)")
    return parse_line(bytes(line), where)


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
