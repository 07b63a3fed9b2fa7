"""Reading inputs: files and directories, the kind of each file, size limits, one stream of results."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from tradetalks.errors import IngestError, SkippedInput
from tradetalks.ingest.articles import MAX_BYTES, InputPolicy, size_error
from tradetalks.ingest.feeds import parse_feed
from tradetalks.ingest.html import parse_html
from tradetalks.ingest.jsonl import ReadProgress, read_jsonl
from tradetalks.ingest.text import parse_text
from tradetalks.model import Article
from tradetalks.nlp.normalize import decode_bytes

Kind = Literal["text", "html", "feed", "jsonl"]

#: File name endings and the kind they announce; files in directories must have one of them.
EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}


def read_inputs(
    paths: list[str], policy: InputPolicy | None = None, on_read: ReadProgress | None = None
) -> Iterator[Article | IngestError]:
    """Every article in the given files and directories, in order; a bad input is yielded as an IngestError,
    a link out of a directory tree as a SkippedInput. ``on_read(source, bytes read, file size, decoded)``
    is told how far a long file (JSON Lines) has been read."""
    policy = policy or InputPolicy()
    for given in paths:
        if os.path.isdir(given):
            found = walk_directory(given, follow_links=policy.follow_links)
            if not found:
                yield IngestError(given, "no readable files in the directory (.txt, .html, .xml, .jsonl)")
            for path in found:
                if isinstance(path, IngestError):
                    yield path
                else:
                    yield from read_file(path, policy, on_read)
        else:
            yield from read_file(given, policy, on_read)


def walk_directory(root: str, follow_links: bool = False) -> list[str | IngestError]:
    """Files with a known extension under ``root``, recursively, in path order, hidden ones skipped.

    A symbolic link is followed only when its target is inside ``root`` (``follow_links`` follows every
    link); one that leads out is returned as a SkippedInput with the reason. Each directory is read once,
    so a link to an ancestor cannot loop.
    """
    real_root = os.path.realpath(root)
    found: list[tuple[tuple[str, ...], str | IngestError]] = []
    visited = {real_root}
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.append((_parts(directory, root), IngestError(directory, f"cannot list ({exc.strerror or exc})")))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, parts = entry.path, _parts(entry.path, root)
            if entry.is_symlink() and not follow_links:
                target = os.path.realpath(path)
                if os.path.commonpath([target, real_root]) != real_root:
                    reason = f"a link to {target}, outside {root}; not followed (--follow-links follows it)"
                    found.append((parts, SkippedInput(path, reason)))
                    continue
            if entry.is_dir():
                real = os.path.realpath(path)
                if real not in visited:
                    visited.add(real)
                    pending.append(path)
            elif kind_by_name(entry.name) is not None:
                found.append((parts, path))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _parts(path: str, root: str) -> tuple[str, ...]:
    return Path(os.path.relpath(path, root)).parts


def kind_by_name(name: str) -> Kind | None:
    """The kind a file name announces: "a.jsonl.gz" -> "jsonl"; None when unknown."""
    lower = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    return None


def sniff_kind(head: bytes) -> Kind:
    """The kind of a file from its first bytes, when its name does not tell."""
    if head.startswith(b"\x1f\x8b"):
        return "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"{"):
        return "jsonl"
    if any(marker in start for marker in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<div", b"<article", b"<p")):
        return "html"
    return "text"


def read_file(
    path: str, policy: InputPolicy | None = None, on_read: ReadProgress | None = None
) -> Iterator[Article | IngestError]:
    """The articles of one file (several for feeds and JSON Lines), never raising for bad content."""
    try:
        yield from _read_file(path, policy or InputPolicy(), on_read)
    except IngestError as exc:
        yield exc
    except Exception as exc:  # a reader bug must not stop the batch; report it against the file
        yield IngestError(path, f"unexpected error while reading ({type(exc).__name__}: {exc})")


def _read_file(path: str, policy: InputPolicy, on_read: ReadProgress | None) -> Iterator[Article | IngestError]:
    """Check, classify and parse one file."""
    try:
        size = os.stat(path).st_size
        if not os.path.isfile(path):
            raise IngestError(path, "not a regular file")
        kind = kind_by_name(Path(path).name)
        if kind is None:
            with open(path, "rb") as f:
                kind = sniff_kind(f.read(4096))
        if kind == "jsonl" or size == 0 or size > MAX_BYTES:
            data = b""
        else:
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise IngestError(path, "no such file or directory") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from None
    if size == 0:
        raise IngestError(path, "empty file")
    if kind == "jsonl":
        yield from read_jsonl(path, path, policy.max_decompressed_bytes, on_read)
        return
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        raise size_error(path, max(size, len(data)))
    if kind == "feed":
        yield from parse_feed(data, path)
    elif kind == "html":
        yield parse_html(decode_bytes(data, path), path)
    else:
        yield parse_text(decode_bytes(data, path), path)
