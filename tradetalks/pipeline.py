"""The ordered list of per-article stages, checked at start-up.

A stage is a plain function ``Doc -> Doc`` marked with the layers it requires and
provides. ``Pipeline`` refuses to start when a stage needs a layer that no earlier stage
provides, so a missing upstream stage fails loudly before any article is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tradetalks.extract.events import extract_events
from tradetalks.extract.timex import extract_timexes
from tradetalks.extract.topics import tag_topics
from tradetalks.limits import EXTRACTION_LIMIT_CHARS, MAX_EVENTS_PER_ARTICLE, MAX_SENTENCE_CHARS
from tradetalks.model import Article, Doc
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.stage import StageFn, stage

__all__ = [
    "EXTRACTION_LIMIT_CHARS",
    "MAX_EVENTS_PER_ARTICLE",
    "MAX_SENTENCE_CHARS",
    "PIPELINE_VERSION",
    "Pipeline",
    "PipelineError",
    "StageFn",
    "StageSpec",
    "cut_point",
    "default_pipeline",
    "spec_of",
    "stage",
]

#: Bumped whenever a stage's output changes meaning; stored with each extraction.
PIPELINE_VERSION = 1

_CUT_LOOKBACK = 0.1  # a sentence end is looked for in the last tenth before the limit, else a space


class PipelineError(Exception):
    """The stages do not fit together."""


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    fn: StageFn
    requires: frozenset[str]
    provides: frozenset[str]


def spec_of(fn: StageFn) -> StageSpec:
    try:
        return StageSpec(fn.__name__, fn, fn.requires, fn.provides)  # type: ignore[attr-defined]
    except AttributeError as exc:
        raise PipelineError(f"{fn!r} is not marked with @stage(requires=..., provides=...)") from exc


def cut_point(text: str, limit: int) -> int:
    """Where extraction of ``text`` stops: ``len(text)`` when it fits in ``limit``, else just after the last
    line break or sentence end (". ", "! ", "? ") in the last tenth before ``limit``, else after the last
    space there, else at ``limit``."""
    if len(text) <= limit:
        return len(text)
    lo = max(0, limit - max(1, int(limit * _CUT_LOOKBACK)))
    line = text.rfind("\n", lo, limit)
    if line >= 0:
        return line + 1
    ends = [text.rfind(mark, lo, limit) for mark in (". ", "! ", "? ")]
    if max(ends) >= 0:
        return max(ends) + 2
    space = text.rfind(" ", lo, limit)
    return space + 1 if space >= 0 else limit


class Pipeline:
    """Runs its stages in order over one article at a time, over at most ``limit`` characters of it."""

    def __init__(self, stages: Sequence[StageFn], limit: int | None = EXTRACTION_LIMIT_CHARS):
        self.limit = limit
        self.stages = [spec_of(fn) for fn in stages]
        have = {"text"}
        for spec in self.stages:
            missing = spec.requires - have
            if missing:
                raise PipelineError(f"stage {spec.name} requires {sorted(missing)}, which no earlier stage provides")
            have |= spec.provides
        self.provides = frozenset(have)

    def __call__(self, article: Article) -> Doc:
        """The article's layers. A text over ``limit`` is read up to ``cut_point``; the offsets stay valid
        in the whole text, the matching views ("key", "folded") cover it whole, and a note says where it stopped."""
        cut = len(article.text) if self.limit is None else cut_point(article.text, self.limit)
        read = article if cut == len(article.text) else replace(article, text=article.text[:cut])
        doc = self._run(Doc(article=read, layers={"text"}))
        if read is article:
            return doc
        doc.article = article
        for spec in self.stages:  # the views of the whole text, for search and highlighting
            if spec.provides & {"key", "folded"} and not spec.requires - {"text"}:
                views = spec.fn(Doc(article=article, layers={"text"}))
                doc.key, doc.folded = views.key, views.folded
        doc.notes.append(
            f"extraction read the first {cut:,} of {len(article.text):,} characters "
            f"(limit {self.limit:,} per article); nothing after that was extracted"
        )
        return doc

    def _run(self, doc: Doc) -> Doc:
        for spec in self.stages:
            doc = spec.fn(doc)
            doc.layers |= spec.provides
        return doc


def default_pipeline(limit: int | None = EXTRACTION_LIMIT_CHARS) -> Pipeline:
    """normalize -> sentences -> names -> timexes -> topics -> events, over at most ``limit`` characters."""
    stages = [add_matching_views, split_sentences, extract_names, extract_timexes, tag_topics, extract_events]
    return Pipeline(stages, limit=limit)
