"""The ordered list of per-article stages, checked at start-up.

A stage is a plain function ``Doc -> Doc`` marked with the layers it requires and
provides. ``Pipeline`` refuses to start when a stage needs a layer that no earlier stage
provides, so a missing upstream stage fails loudly before any article is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tradetalks.extract.events import extract_events
from tradetalks.extract.timex import extract_timexes
from tradetalks.extract.topics import tag_topics
from tradetalks.model import Article, Doc
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.stage import StageFn, stage

__all__ = [
    "PIPELINE_VERSION",
    "Pipeline",
    "PipelineError",
    "StageFn",
    "StageSpec",
    "default_pipeline",
    "spec_of",
    "stage",
]

#: Bumped whenever a stage's output changes meaning; stored with each extraction.
PIPELINE_VERSION = 1


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


class Pipeline:
    """Runs its stages in order over one article at a time."""

    def __init__(self, stages: Sequence[StageFn]):
        self.stages = [spec_of(fn) for fn in stages]
        have = {"text"}
        for spec in self.stages:
            missing = spec.requires - have
            if missing:
                raise PipelineError(f"stage {spec.name} requires {sorted(missing)}, which no earlier stage provides")
            have |= spec.provides
        self.provides = frozenset(have)

    def __call__(self, article: Article) -> Doc:
        doc = Doc(article=article, layers={"text"})
        for spec in self.stages:
            doc = spec.fn(doc)
            doc.layers |= spec.provides
        return doc


def default_pipeline() -> Pipeline:
    """normalize -> sentences -> names -> timexes -> topics -> events."""
    return Pipeline([add_matching_views, split_sentences, extract_names, extract_timexes, tag_topics, extract_events])
