"""The ``stage`` mark of a per-article step: what layers it requires and provides.

A leaf module: the stages import it, and ``pipeline`` imports the stages, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tradetalks.model import Doc

StageFn = Callable[[Doc], Doc]


def stage(*, requires: Iterable[str] = (), provides: Iterable[str]) -> Callable[[StageFn], StageFn]:
    """Mark a function as a pipeline stage: ``@stage(requires={"text"}, provides={"sentences"})``."""

    def mark(fn: StageFn) -> StageFn:
        fn.requires = frozenset(requires)  # type: ignore[attr-defined]
        fn.provides = frozenset(provides)  # type: ignore[attr-defined]
        return fn

    return mark
