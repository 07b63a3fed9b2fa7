"""What the rules of ``rules.py`` decide for a cue, and the article and drafts they decide it in."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from tradetalks.extract.events.cue import CueMention
from tradetalks.extract.events.draft import Draft
from tradetalks.model import Doc


class Decision(enum.Enum):
    """What a rule decided for a cue."""

    PASS = "pass"  # not this rule's case: the next rule decides
    DROP = "drop"  # the cue makes no event
    JOIN = "join"  # the cue tells more of an event told before
    NEW = "new"  # the cue makes a new event (or one per counterpart)


@dataclass(slots=True)
class Context:
    """The article and the events drafted so far, as the rules see them."""

    doc: Doc
    low: str
    key: str
    cues: list[CueMention]
    negotiations: bool  # whether the article names trade talks
    drafts: list[Draft] = field(default_factory=list)
    last: dict[str, Draft] = field(default_factory=dict)  # the event of each type told last
    touched: Draft | None = None  # the event told last, and in which sentence
    touched_at: int = -2
    trace: list[tuple[int, str, Decision]] = field(default_factory=list)  # (cue start, rule, decision)
    skipped: set[int] = field(default_factory=set)  # sentences of headlines and captions, which break no story

    def join(self, d: Draft, c: CueMention) -> Decision:
        """The cue tells more of draft ``d``."""
        d.absorb(c)
        self.touched, self.touched_at = d, c.sentence
        return Decision.JOIN

    def go_on(self, c: CueMention) -> Decision:
        """The cue's sentence goes on about the event told in the sentence before (past captions), if any; the
        people it names as leading a delegation take part in it."""
        if self.touched is not None and self.next_to_touched(c.sentence):
            for d in (self.touched, self.touched.within):  # rule ``within_round``: the round the meeting is part of
                if d is not None:
                    d.spans.append(c.span)
                    d.people.extend(p for p in c.people if p not in d.people)
            self.touched_at = c.sentence
            return Decision.JOIN
        return Decision.DROP

    def quiet_sentence_before(self, sentence: int) -> int | None:
        """The sentence before ``sentence`` (past captions and headlines) when it told no event, else None."""
        prev = sentence - 1
        while prev in self.skipped:
            prev -= 1
        return None if prev < 0 or self.touched_at >= prev else prev

    def next_to_touched(self, sentence: int) -> bool:
        """Whether only captions and headlines stand between the event told last and ``sentence``."""
        between = range(self.touched_at + 1, sentence)
        return self.touched_at < sentence and all(i in self.skipped for i in between)

    def target(self, c: CueMention) -> Draft | None:
        """The event of the cue's type told last."""
        return self.last.get(c.type)


Rule = Callable[[Context, CueMention], Decision]
