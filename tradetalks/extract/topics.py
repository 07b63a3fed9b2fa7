"""Topics of an article from the controlled vocabulary in ``resources/topics.tsv``."""

from __future__ import annotations

from functools import lru_cache

from tradetalks.extract.cues import hits_within, lower_view, read_tsv, text_cues
from tradetalks.model import Doc
from tradetalks.stage import stage


@lru_cache(maxsize=1)
def topic_names() -> tuple[str, ...]:
    """The controlled vocabulary, in file order."""
    return tuple(dict.fromkeys(row[0] for row in read_tsv("topics.tsv")))


def topics_in(doc: Doc, start: int, end: int) -> list[str]:
    """Topics whose cue phrases occur in ``doc.text[start:end]`` (sorted, unique)."""
    key = doc.key or doc.text
    hits = text_cues(lower_view(key), key).get("topic", [])
    return sorted({h.label for h in hits_within(hits, start, end)})


@stage(requires={"key"}, provides={"topics"})
def tag_topics(doc: Doc) -> Doc:
    """doc.topics: every topic whose cue occurs in the article ("bán dẫn" -> semiconductors)."""
    doc.topics = topics_in(doc, 0, len(doc.text))
    return doc
