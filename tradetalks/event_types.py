"""The event types of the dossier, declared once in ``resources/event_types.tsv``.

Every classification of types (which need a trade context, which are numbered series, which are encounters
between people, …) derives from these specs; nothing else lists type names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

RESOURCE = "event_types.tsv"
Kind = Literal["series", "encounter", "document", "action"]
KINDS: tuple[Kind, ...] = ("series", "encounter", "document", "action")
_COLUMNS = ("type", "kind", "needs_context", "one_per_identity", "two_sided", "placed", "label_vi", "label_en")
_YES_NO = {"yes": True, "no": False}


class EventTypesError(ValueError):
    """The event type file is malformed (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class EventTypeSpec:
    """One event type and what it is: how it is told, counted and shown."""

    name: str
    kind: Kind
    needs_context: bool  # an event only in a sentence about trade or an article naming trade talks
    one_per_identity: bool  # named again without a new ordinal or date, it is the same event
    two_sided: bool  # an exchange between two sides ("làm việc với A, B": one per counterpart)
    placed: bool  # held somewhere people go
    label_vi: str
    label_en: str

    @property
    def series(self) -> bool:
        """Numbered rounds or sessions of one negotiation ("vòng đàm phán thứ 6")."""
        return self.kind == "series"

    @property
    def encounter(self) -> bool:
        """People meeting or calling ("buổi làm việc", "điện đàm", "tọa đàm")."""
        return self.kind == "encounter"

    @property
    def document(self) -> bool:
        """An agreement signed or announced ("thỏa thuận", "tuyên bố chung"): one per negotiation and day."""
        return self.kind == "document"

    @property
    def stands_alone(self) -> bool:
        """An agreement signed or a tariff imposed is news even named bare, without a date or people."""
        return self.kind in ("document", "action")

    @property
    def refers_back(self) -> bool:
        """Whether "Tại buổi làm việc", "vòng đàm phán này" can name the event told before (not a tariff)."""
        return self.kind != "action"

    @property
    def organisations_take_part(self) -> bool:
        """Whether organisations stand as participants when no person is named (not for rounds and tariffs)."""
        return self.kind in ("encounter", "document")


def _flag(value: str, where: str, column: str) -> bool:
    if value not in _YES_NO:
        raise EventTypesError(f"{where}: {column} must be yes or no, got {value!r}")
    return _YES_NO[value]


def parse_event_types(text: str, name: str = RESOURCE) -> dict[str, EventTypeSpec]:
    """The specs of an event type table, in file order; a malformed line is an error naming its line."""
    specs: dict[str, EventTypeSpec] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(_COLUMNS) or not all(cells):
            raise EventTypesError(f"{where}: expected {len(_COLUMNS)} non-empty columns ({', '.join(_COLUMNS)})")
        type_name, kind = cells[0], cells[1]
        if kind not in KINDS:
            raise EventTypesError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        if type_name in specs:
            raise EventTypesError(f"{where}: event type {type_name!r} declared twice")
        context, identity, two_sided, placed = (
            _flag(v, where, c) for v, c in zip(cells[2:6], _COLUMNS[2:6], strict=True)
        )
        specs[type_name] = EventTypeSpec(
            type_name,
            kind,
            context,
            identity,
            two_sided,
            placed,
            cells[6],
            cells[7],  # type: ignore[arg-type]
        )
    if not specs:
        raise EventTypesError(f"{name}: no event type declared")
    return specs


@cache
def event_types() -> dict[str, EventTypeSpec]:
    """Every event type of the package's table, by name, in the table's order."""
    text = resources.files("tradetalks.resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    return parse_event_types(text)


def spec(name: str) -> EventTypeSpec:
    """The spec of one event type; an unknown name is an error."""
    try:
        return event_types()[name]
    except KeyError:
        raise EventTypesError(f"{RESOURCE}: unknown event type {name!r}") from None


def types_where(test: str) -> tuple[str, ...]:
    """The names of the types whose spec has property ``test`` true ("series", "needs_context", …)."""
    return tuple(s.name for s in event_types().values() if getattr(s, test))
