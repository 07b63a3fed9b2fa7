"""VietNews (../shared/data/external/vietnews) read as ingest records, for the benchmark scripts beside this one."""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

VIETNEWS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "external" / "vietnews").resolve()


def vietnews_records(limit: int | None = None) -> Iterator[dict[str, str]]:
    """VietNews articles as {"url", "title", "text"}: title = first block, text = the rest (NFC, "_" -> " ")."""
    count = 0
    for path in sorted(VIETNEWS.glob("vietnews_*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if limit is not None and count >= limit:
                    return
                rec = json.loads(line)
                text = unicodedata.normalize("NFC", rec["text"].replace("_", " "))
                blocks = text.strip("\n").split("\n\n")
                yield {
                    "url": f"https://vietnews.invalid/{rec['id']}",
                    "title": blocks[0],
                    "text": "\n\n".join(blocks[1:]) or blocks[0],
                }
                count += 1
