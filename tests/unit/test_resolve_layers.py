"""Resolution modules form layers: merging and year settling share a leaf module, never each other."""

from __future__ import annotations

import ast
from pathlib import Path

import tradetalks.resolve as resolve

_DIR = Path(resolve.__file__).parent


def _imports(module: str) -> set[str]:
    tree = ast.parse((_DIR / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_resolve_layers_events_and_years_do_not_import_each_other() -> None:
    assert "tradetalks.resolve.events" not in _imports("years")
    assert "tradetalks.resolve.years" in _imports("events")
    assert not {"tradetalks.resolve.events", "tradetalks.resolve.years"} & _imports("state")
