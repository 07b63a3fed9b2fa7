"""Interface labels in Vietnamese and English, read from ``resources/labels.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("vi", "en")


@lru_cache(maxsize=1)
def _all_labels() -> dict[str, dict[str, str]]:
    """Every label of every language (loaded once)."""
    raw: dict[str, Any] = json.loads(resources.files("tradetalks.resources").joinpath("labels.json").read_text("utf-8"))
    return {lang: dict(raw[lang]) for lang in LANGUAGES}


def pick_language(lang: str | None) -> str:
    """A supported language code: "en" stays "en", anything else is Vietnamese."""
    return lang if lang in LANGUAGES else "vi"


def labels(lang: str | None) -> dict[str, str]:
    """All labels of one language: ``labels("en")["timeline"] == "Timeline"``."""
    return _all_labels()[pick_language(lang)]


def label(lang: str | None, key: str, default: str | None = None) -> str:
    """One label, e.g. ``label("vi", "tod.morning") == "sáng"``; the key itself when unknown."""
    return labels(lang).get(key, default if default is not None else key.split(".", 1)[-1])
