"""Small dossiers built in a test from sentences written for it: the set-up the ask tests share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tradetalks.model import ArticleRecord, Dossier, Entity, Event, Evidence, article_id
from tradetalks.serve.ask import answer_from_index
from tradetalks.serve.index import DossierIndex


def evidence(texts: Mapping[str, str], url: str, quote: str) -> Evidence:
    """The span of ``quote`` in the sentence ``texts[url]`` (the first place it stands)."""
    text = texts[url]
    start = text.index(quote)
    return Evidence(article_id(url), start, start + len(quote), quote)


def dossier_index(
    texts: Mapping[str, str],
    published: str,
    entities: Sequence[Entity],
    events: Sequence[Event],
    title: str | None = None,
) -> DossierIndex:
    """An index over one article a sentence of ``texts`` (each its own story), with these entities and events."""
    records = [
        ArticleRecord(article_id(url), url, url, "Báo Thử", title, published, story=article_id(url)) for url in texts
    ]
    return DossierIndex(Dossier(articles=records, entities=list(entities), events=list(events), timexes=[]))


def ask_found(index: DossierIndex, question: str) -> dict[str, Any]:
    """The answer to ``question``, which must be found."""
    answer = answer_from_index(index, question)
    assert answer["found"], question
    return answer
