"""The dossier as JSON Lines: one record per line with its "kind" (article, entity, event, timex)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from tradetalks.model import Dossier


def write_jsonl(dossier: Dossier, path: Path) -> None:
    """One JSON object per line: {"kind": "article"|"entity"|"event"|"timex", ...the record's fields}."""
    groups = (
        ("article", dossier.articles),
        ("entity", dossier.entities),
        ("event", dossier.events),
        ("timex", dossier.timexes),
    )
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for kind, records in groups:
            for record in records:
                out.write(json.dumps({"kind": kind, **asdict(record)}, ensure_ascii=False) + "\n")
