"""One event cue found in a sentence, with the attributes its sentence ties to it, and the cue flags."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce

from tradetalks.model import TariffFacts


class CueFlag(enum.Flag):
    """What a cue says about its event, from the cue table or from the words around it."""

    # written in the value column of ``event_cues.tsv``
    VERB = enum.auto()  # a bare verb ("làm việc với"): an event only between people with a title or an organisation
    WEAK = enum.auto()  # refers back to an event; creates one only with an ordinal or a date
    SESSION = enum.auto()  # a "phiên": a ministerial session when its level is ministerial
    TEAMS = enum.auto()  # the technical teams at work: a round only over a run of days
    EITHER = enum.auto()  # "Tại cuộc trao đổi": the call or the meeting told last
    MOU = enum.auto()  # a memorandum of understanding, not the statement signed beside it
    ACTION = enum.auto()  # a rate put on goods by a verb ("bị áp mức 46%")
    ATTEND = enum.auto()  # "tham dự …" before the cue: the people attend the event told before
    IDENTITY = enum.auto()  # "Đó là …" before the cue: the event told just before is this one
    # found around the cue in its sentence
    PLURAL = enum.auto()  # "các vòng đàm phán", "ba phiên": many events
    FRAME = enum.auto()  # "bên lề …": the frame of another event
    ANAPHOR = enum.auto()  # "Tại buổi làm việc", "vòng đàm phán này": the event told before
    INITIAL = enum.auto()  # the cue opens its sentence
    PAST = enum.auto()  # "vừa qua", "trước đó"
    BILATERAL = enum.auto()  # "giữa hai bên" right after the cue: one particular session
    ASPIRATION = enum.auto()  # "hướng tới ký kết", a proposed tariff: not done
    CONDITIONAL = enum.auto()  # "sau khi hiệp định được ký kết": a time to come
    SAME_DAY = enum.auto()  # "Cùng ngày, …": dated by the event told before
    NEXT = enum.auto()  # "vòng thương thuyết mới", "phiên sau": the round after the last one told
    REFERENCE = enum.auto()  # "kể từ vòng thứ hai", "chuẩn bị cho vòng thứ ba": named as background
    UPCOMING = enum.auto()  # "phiên sau", "vòng đàm phán tiếp theo": the next round, still to come
    SETTING = enum.auto()  # "chuyến thăm": a setting of other events; named as their frame, never one of its own
    OUTCOME = enum.auto()  # "Hai bên nhất trí …" after a call: what was agreed at it; the story goes on about the call
    TALKS = enum.auto()  # "phiên đối thoại": a session of talks only in a sentence naming negotiations (đàm phán)
    TRADE = enum.auto()  # "nhất trí khởi động đàm phán": an event only in a sentence about trade (or talks named)

    def __contains__(self, other: object) -> bool:
        """``CueFlag.WEAK in flags``; a flag's lower-case name is accepted too, and an unknown name is an error."""
        flag = flag_named(other) if isinstance(other, str) else other
        if not isinstance(flag, CueFlag):
            raise TypeError(f"not a cue flag: {other!r}")
        return flag._value_ & self._value_ == flag._value_  # plain ints: this runs for every cue and rule


NO_FLAGS = CueFlag(0)


def flag_named(name: str) -> CueFlag:
    """``"weak"`` -> ``CueFlag.WEAK``; an unknown name is an error."""
    try:
        return CueFlag[name.upper()]
    except KeyError:
        raise ValueError(
            f"unknown cue flag {name!r} (one of {', '.join(str(f.name).lower() for f in CueFlag)})"
        ) from None


def as_flags(flags: CueFlag | Iterable[CueFlag | str]) -> CueFlag:
    """Flags given as the enum, or as an iterable of flags or their names."""
    if isinstance(flags, CueFlag):
        return flags
    return reduce(lambda a, b: a | b, (f if isinstance(f, CueFlag) else flag_named(f) for f in flags), NO_FLAGS)


@dataclass(frozen=True, slots=True)
class CueValue:
    """The value column of an event cue row: its flags and what it implies ("weak;level=technical")."""

    flags: CueFlag = NO_FLAGS
    level: str | None = None
    mode: str | None = None
    ordinal: str | None = None


_IMPLIED = ("level", "mode", "ordinal")


def parse_cue_value(value: str, levels: Iterable[str] = (), modes: Iterable[str] = ()) -> CueValue:
    """``"weak;level=technical"`` -> flags WEAK, level "technical"; an unknown flag, key or level is an error
    (``levels``/``modes``: the values allowed, unchecked when empty)."""
    flags = NO_FLAGS
    implied: dict[str, str] = {}
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        key, eq, val = part.partition("=")
        if not eq:
            flags |= flag_named(key)
            continue
        if key not in _IMPLIED or not val:
            raise ValueError(f"unknown implied value {part!r} (one of {', '.join(k + '=…' for k in _IMPLIED)})")
        allowed = set(levels) if key == "level" else set(modes) if key == "mode" else set()
        if allowed and val not in allowed:
            raise ValueError(f"unknown {key} {val!r} (one of {', '.join(sorted(allowed))})")
        implied[key] = val
    return CueValue(flags, implied.get("level"), implied.get("mode"), implied.get("ordinal"))


@dataclass(slots=True)
class CueMention:
    """One event cue in a sentence and the attributes the sentence ties to it."""

    type: str
    start: int
    end: int
    sentence: int
    flags: CueFlag = NO_FLAGS
    ordinal: int | None = None
    count: int | None = None  # "hai vòng đàm phán": how many events the cue counts
    level: str | None = None
    mode: str | None = None
    status: str | None = None
    rate: float | None = None
    tariff: TariffFacts | None = None  # a rate's country, scope, effective date (``rates``)
    timexes: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    orgs: list[int] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # the evidence span (the sentence, or a clause for split events)
    time_of_day: str | None = None  # "chiều cùng ngày": the part of the day of an event dated by the one before
    said_dates: list[int] = field(default_factory=list)  # "Tại cuộc gặp, A đề nghị … trong quý I": what was said

    def __post_init__(self) -> None:
        self.flags = as_flags(self.flags)
