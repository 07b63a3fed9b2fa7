"""The dossier as JSON Lines: one record per line with its "kind" (article, entity, event, timex, correction)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from tradetalks.export.json import correction_json
from tradetalks.model import Dossier


def write_jsonl(dossier: Dossier, path: Path) -> None:
    """One JSON object per line: {"kind": "article"|"entity"|"event"|"timex", ...the record's fields}, then the
    editors' corrections as {"kind": "correction", "correction": "set_value"|..., "status": ..., ...}."""
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
        for c in dossier.corrections:
            fields = {k: v for k, v in correction_json(c).items() if k != "kind"}
            out.write(json.dumps({"kind": "correction", "correction": c.kind, **fields}, ensure_ascii=False) + "\n")
