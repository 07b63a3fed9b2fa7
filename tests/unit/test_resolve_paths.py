"""The dossier does not depend on where the articles were read from.

Article ids come from the path (or URL) an article was read from, so every tie that falls to an id makes
the dossier differ between two checkouts of the same files: the order of same-day events, the order of
evidence, the original of two copies. Here one set of articles is read from two folders and the two
dossiers must be the same once article ids are replaced by file names and other ids by what they name.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tradetalks.ingest.batch import ingest_paths
from tradetalks.resolve import rebuild_dossier
from tradetalks.store import open_store
from tradetalks.store.codec import dossier_to_dict

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"


def _dossier(folder: Path, db: Path) -> dict[str, Any]:
    with open_store(str(db)) as store:
        ingest_paths(store, [str(folder)])
        data = dossier_to_dict(rebuild_dossier(store))
    return data


def _canonical(data: dict[str, Any]) -> str:
    """The dossier as text, each id replaced by what it stands for."""
    names: dict[str, str] = {a["id"]: Path(a["source"]).name for a in data["articles"]}
    for entity in data["entities"]:
        names[entity["id"]] = f"{entity['type']}:{entity['name']}"
    for n, event in enumerate(data["events"]):
        names[event["id"]] = f"event#{n}"
    stories: dict[str, list[str]] = {}
    for a in data["articles"]:
        if a.get("story"):
            stories.setdefault(a["story"], []).append(names[a["id"]])
    names.update({sid: "story:" + "+".join(sorted(members)) for sid, members in stories.items()})
    data = dict(data, entities=sorted(data["entities"], key=lambda e: names[e["id"]]))
    data["articles"] = sorted(data["articles"], key=lambda a: names[a["id"]])
    for a in data["articles"]:
        a.pop("source", None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    ids = r'"((?:[a-z]-)?[0-9a-f]{10,12}(?:-\d+)?)"'
    return re.sub(ids, lambda m: json.dumps(names.get(m.group(1), m.group(1))), text)


@pytest.mark.parametrize("name", ["resolve", "events", "blind_tariffs"])
def test_resolve_dossier_is_the_same_read_from_two_folders(tmp_path: Path, name: str) -> None:
    dossiers = []
    for where in ("one/articles", "two/elsewhere/copy"):
        folder = tmp_path / where
        shutil.copytree(DEV / name / "articles", folder)
        dossiers.append(_canonical(_dossier(folder, tmp_path / f"{where.split('/')[0]}.db")))
    assert dossiers[0] == dossiers[1]
    assert '"event#1"' in dossiers[0] or len(json.loads(dossiers[0])["events"]) < 2
