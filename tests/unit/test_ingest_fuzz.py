"""Arbitrary bytes never crash ingest: every file gives Articles or IngestErrors with a reason (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradetalks.errors import IngestError
from tradetalks.ingest import read_inputs
from tradetalks.model import Article

NAMES = ["bai.txt", "trang.html", "tin.xml", "kho.jsonl", "kho.jsonl.gz", "khong-duoi"]

#: Bytes that look like the start of each kind, so the fuzzer reaches every reader.
PREFIXES = [
    b"",
    b"Title: Tin\n date 2025-11-14 ",
    b"<html><body><p>",
    b'<?xml version="1.0"?><rss><channel><item><description>',
    b'{"text": "',
    b"\x1f\x8b\x08\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_read_inputs(name: str, prefix: bytes, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(prefix + data)
        items = list(read_inputs([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, Article | IngestError)
        if isinstance(item, IngestError):
            assert item.source.startswith(str(path)) and item.reason
            assert not item.reason.startswith("unexpected error"), item.reason
        else:
            assert item.text and item.text == item.text.strip() and item.id


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "utf-16-be"]))
def test_arbitrary_text_in_any_encoding_never_crashes(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bai.txt"
        path.write_bytes(text.encode(encoding, errors="surrogatepass"))
        items = list(read_inputs([str(path)]))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Article | IngestError)
    if isinstance(item, IngestError):
        assert not item.reason.startswith("unexpected error"), item.reason
