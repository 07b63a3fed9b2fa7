"""Cross-article resolution: entities, events, stories (placeholder)."""

from __future__ import annotations

from collections.abc import Iterable

from tradetalks.model import Doc, Dossier


def build_dossier(docs: Iterable[Doc]) -> Dossier:
    return Dossier()
