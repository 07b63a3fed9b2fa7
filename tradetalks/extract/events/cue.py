"""One event cue found in a sentence, with the attributes its sentence ties to it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class CueMention:
    """One event cue in a sentence and the attributes the sentence ties to it."""

    type: str
    start: int
    end: int
    sentence: int
    flags: set[str] = field(default_factory=set)
    ordinal: int | None = None
    level: str | None = None
    mode: str | None = None
    status: str | None = None
    rate: float | None = None
    timexes: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    orgs: list[int] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # the evidence span (the sentence, or a clause for split events)
