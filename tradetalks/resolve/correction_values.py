"""What an editor may set, checked before a correction is stored, and a correction made from today's ids."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tradetalks.errors import TradeTalksError
from tradetalks.model import CORRECTION_KINDS, CORRECTION_TARGETS, EVENT_TYPES, Correction, Dossier
from tradetalks.resolve.anchors import entity_anchor, event_anchor
from tradetalks.resolve.names import fold_text

_DATE = re.compile(r"^(\d{4}|XXXX)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
#: The values an enumerated attribute may take.
CHOICES: dict[str, tuple[str, ...]] = {
    "type": EVENT_TYPES,
    "status": ("held", "planned"),
    "level": ("technical", "ministerial", "leaders"),
    "mode": ("in_person", "online"),
    "time_of_day": ("morning", "noon", "afternoon", "evening", "night"),
    "side": ("VN", "US", "other"),
}
#: Attributes an editor may set, per target.
SETTABLE: dict[str, tuple[str, ...]] = {
    "event": (
        "start", "end", "location", "status", "rate", "ordinal", "negotiation", "type", "time_of_day", "level",
        "mode", "summary", "summary_en",
    ),
    "entity": ("name", "name_en", "side"),
}  # fmt: skip
#: Facts an editor may mark wrong, per target (None: the whole event or entity).
MARKABLE: dict[str, tuple[str | None, ...]] = {
    "event": (None, "participant", *SETTABLE["event"]),
    "entity": (None, "alias", "role"),
}
#: Attributes that cannot be emptied (mark them wrong by setting another value).
REQUIRED = frozenset({"type", "status", "name"})
MAX_TEXT = 500


class CorrectionError(TradeTalksError):
    """A correction that cannot be made; the message says why."""


def check_value(target: str, field: str, value: Any) -> Any:
    """Rule correction_value_checked: the value an attribute may take, in its stored form.

    ``("event", "start", "2025-11-12")`` -> ``"2025-11-12"``; ``("event", "rate", "46%")`` -> ``0.46``;
    ``("event", "ordinal", "5")`` -> ``5``; ``("event", "status", "over")`` -> CorrectionError naming the choices.
    """
    if field not in SETTABLE.get(target, ()):
        raise CorrectionError(f"{target} attribute {field!r} cannot be set (choose from {', '.join(SETTABLE[target])})")
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in REQUIRED:
            raise CorrectionError(f"{field} cannot be empty")
        return None
    text = str(value).strip()
    if field in ("start", "end"):
        if not _DATE.match(text):
            raise CorrectionError(f"{field} {text[:40]!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return text
    if field == "rate":
        try:
            rate = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
        except ValueError:
            raise CorrectionError(f"rate {text[:40]!r} is not a number (0.46 or 46%)") from None
        if not 0 <= rate <= 10:
            raise CorrectionError(f"rate {text[:40]!r} is out of range (0 to 1000%)")
        return round(rate, 6)
    if field == "ordinal":
        if not text.isdigit() or not 0 < int(text) < 1000:
            raise CorrectionError(f"ordinal {text[:40]!r} is not a whole number from 1 to 999")
        return int(text)
    if field == "negotiation":
        if not _KEY.match(text):
            raise CorrectionError(f"negotiation {text[:40]!r} is not a key such as vn-us-reciprocal")
        return text
    choices = CHOICES.get(field)
    if choices is not None and text not in choices:
        raise CorrectionError(f"{field} {text[:40]!r} is not one of {', '.join(choices)}")
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"{field} is longer than {MAX_TEXT} characters")
    return text


def now() -> str:
    """The time now, ISO 8601 UTC to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_correction(
    dossier: Dossier,
    kind: str,
    target: str,
    target_id: str,
    *,
    why: str,
    by: str,
    attribute: str | None = None,
    value: Any = None,
    other_id: str | None = None,
    parts: Sequence[str] = (),
) -> Correction:
    """A correction of the event or entity ``target_id`` of today's dossier, anchored so that it outlives it.

    ``parts``: for a split, the article ids (event) or aliases (entity) that go to the new record.
    """
    attribute = attribute or None
    if kind not in CORRECTION_KINDS:
        raise CorrectionError(f"unknown kind {kind!r} (choose from {', '.join(CORRECTION_KINDS)})")
    if target not in CORRECTION_TARGETS:
        raise CorrectionError(f"unknown target {target!r} (choose from event, entity)")
    if not why.strip():
        raise CorrectionError("a correction needs a reason (why)")
    if not by.strip():
        raise CorrectionError("a correction needs an editor name (by)")
    events = {e.id: e for e in dossier.events}
    entities = {e.id: e for e in dossier.entities}

    def anchor_of(tid: str, what: str = target) -> dict[str, Any]:
        if what == "event" and tid in events:
            return event_anchor(events[tid])
        if what == "entity" and tid in entities:
            return entity_anchor(entities[tid])
        raise CorrectionError(f"no {what} with id {tid[:100]!r} in the dossier")

    anchor = anchor_of(target_id)
    other: dict[str, Any] | None = None
    if kind == "set_value":
        if attribute is None:
            raise CorrectionError("set_value needs the attribute to set (attribute)")
        value = check_value(target, attribute, value)
    elif kind == "mark_wrong":
        if attribute not in MARKABLE[target]:
            choices = ", ".join(f for f in MARKABLE[target] if f)
            raise CorrectionError(
                f"{target} fact {attribute!r} cannot be marked wrong (choose from {choices}, or none)"
            )
        if attribute == "participant":
            other = anchor_of(str(value or ""), "entity")
            value = entities[str(value)].name
        elif attribute in ("alias", "role"):
            if not value or not str(value).strip():
                raise CorrectionError(f"marking a {attribute} wrong needs the wrong {attribute} (value)")
            value = str(value).strip()
        elif attribute is not None:
            value = getattr(events[target_id], attribute) if value is None else check_value(target, attribute, value)
    elif kind == "merge":
        if not other_id or other_id == target_id:
            raise CorrectionError(f"merge needs a second {target} (other), not the same one")
        other = anchor_of(other_id)
        attribute, value = None, None
    else:  # split
        value = _split_parts(dossier, target, target_id, parts)
        attribute = None
    return Correction(kind, target, anchor, why.strip(), by.strip(), now(), attribute, value, other)


def _split_parts(dossier: Dossier, target: str, target_id: str, parts: Sequence[str]) -> list[str]:
    """The articles (event) or aliases (entity) a split moves: each must belong to it, and not all may."""
    chosen = sorted({p.strip() for p in parts if p.strip()})
    if not chosen:
        raise CorrectionError("split needs the articles (event) or aliases (entity) that go to the new one")
    if target == "event":
        ev = next(e for e in dossier.events if e.id == target_id)
        have = {e.article for e in ev.evidence}
        missing = [p for p in chosen if p not in have]
        if missing:
            raise CorrectionError(f"article {missing[0]!r} holds no report of event {target_id}")
        if set(chosen) >= have:
            raise CorrectionError("a split must leave at least one article with the event")
        return chosen
    entity = next(e for e in dossier.entities if e.id == target_id)
    have_names = {fold_text(m.text) for m in entity.mentions} | {fold_text(a) for a in entity.aliases}
    missing = [p for p in chosen if fold_text(p) not in have_names]
    if missing:
        raise CorrectionError(f"{missing[0]!r} is not a name of entity {target_id}")
    return chosen


def target_of(dossier: Dossier, target_id: str) -> str:
    """Whether an id names an event or an entity of the dossier (CorrectionError when neither)."""
    if any(e.id == target_id for e in dossier.events):
        return "event"
    if any(e.id == target_id for e in dossier.entities):
        return "entity"
    raise CorrectionError(f"no event or entity with id {target_id[:100]!r} in the dossier")
