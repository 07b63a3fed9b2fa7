"""Vietnamese text normalisation (placeholder until the normalisation work lands)."""

from __future__ import annotations

import unicodedata

from tradetalks.model import Doc
from tradetalks.pipeline import stage


def normalize_text(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def matching_view(text: str) -> str:
    return text


def fold(text: str) -> str:
    out = []
    for ch in text.lower():
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("d" if ch == "đ" else base)
    return "".join(out)


@stage(requires={"text"}, provides={"key", "folded"})
def add_matching_views(doc: Doc) -> Doc:
    doc.key = matching_view(doc.text)
    doc.folded = fold(doc.key)
    return doc
