"""Topics of an article from the controlled vocabulary in ``resources/topics.tsv``."""

from __future__ import annotations

from functools import lru_cache

from tradetalks.extract.cues import Lexicon, lower_view, read_tsv
from tradetalks.model import Doc
from tradetalks.pipeline import stage


@lru_cache(maxsize=1)
def topic_lexicon() -> Lexicon:
    """Every topic cue phrase ("thương mại số" -> digital_trade), loaded once."""
    return Lexicon([(row[0], row[1], "") for row in read_tsv("topics.tsv") if len(row) >= 2], overlapping=True)


@lru_cache(maxsize=1)
def topic_names() -> tuple[str, ...]:
    """The controlled vocabulary, in file order."""
    return tuple(dict.fromkeys(row[0] for row in read_tsv("topics.tsv")))


def _views(doc: Doc) -> tuple[str, str]:
    key = doc.key or doc.text
    return lower_view(key), key


def topics_in(doc: Doc, start: int, end: int) -> list[str]:
    """Topics whose cue phrases occur in ``doc.text[start:end]`` (sorted, unique)."""
    low, key = _views(doc)
    return sorted(topic_lexicon().labels(low, key, start, end))


@stage(requires={"key"}, provides={"topics"})
def tag_topics(doc: Doc) -> Doc:
    """doc.topics: every topic whose cue occurs in the article ("bán dẫn" -> semiconductors)."""
    doc.topics = topics_in(doc, 0, len(doc.text))
    return doc
