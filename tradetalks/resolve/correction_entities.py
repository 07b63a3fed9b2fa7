"""The corrections pass on entities: mark a name, title or whole entity wrong, set a name or side, split one
person into two by the names used, merge two into one (see ``resolve/corrections.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tradetalks.model import Correction, Dossier, Entity, EntityMention, Evidence, Role
from tradetalks.resolve.anchors import Targets
from tradetalks.resolve.corrections import Orphaned, split_id
from tradetalks.resolve.names import fold_text


def target_entity(t: Targets, anchor: dict[str, Any] | None) -> Entity:
    """The entity an anchor meets today, or Orphaned."""
    found = t.entity(anchor or {})
    if found is None:
        raise Orphaned("no entity bears the names it was made on any more")
    return found


def _retarget(dossier: Dossier, old: str, new: str | None) -> None:
    """Events and titles pointing at entity ``old`` point at ``new`` (or lose it when None)."""
    for ev in dossier.events:
        if not any(p.entity == old for p in ev.participants):
            continue
        seen: set[str] = set()
        kept = []
        for p in ev.participants:
            eid = new if p.entity == old else p.entity
            if eid is not None and eid not in seen:
                seen.add(eid)
                kept.append(p if p.entity != old else type(p)(eid, p.side, p.name))
        ev.participants = kept
    for entity in dossier.entities:
        for role in entity.roles:
            if role.organization == old:
                role.organization = new


def set_entity_value(t: Targets, c: Correction) -> None:
    """Rule set_entity_value: the name (the old one kept as an alias), English name or side is the editor's.

    "Bryan R. Switzer" named "Rick Switzer" -> name "Rick Switzer", aliases ["Bryan R. Switzer"].
    """
    entity = target_entity(t, c.anchor)
    if c.attribute not in ("name", "name_en", "side"):
        raise Orphaned(f"no entity attribute {c.attribute!r}")
    old = getattr(entity, c.attribute)
    setattr(entity, c.attribute, c.value)
    if c.attribute == "name":
        entity.aliases = sorted({*entity.aliases, old} - {c.value, None, ""})
        t.update(entity)
    c.applied_to, c.note = [entity.id], f"{c.attribute}: {old} → {c.value}"


def mark_entity_wrong(t: Targets, c: Correction) -> None:
    """Rule mark_entity_wrong: drop the entity (and its part in events), one of its aliases, or a title.

    Alias "Diên" marked wrong -> no longer an alias; title "Bộ trưởng" marked wrong -> that title's history
    is dropped; the whole entity -> gone from the entities and from every event's participants.
    """
    entity = target_entity(t, c.anchor)
    c.applied_to = [entity.id]
    wrong = fold_text(str(c.value or ""))
    if c.attribute is None:
        t.dossier.entities.remove(entity)
        t.drop(entity)
        _retarget(t.dossier, entity.id, None)
        c.note = "entity removed"
    elif c.attribute == "alias":
        kept = [a for a in entity.aliases if fold_text(a) != wrong]
        c.note = f"alias {c.value} removed" if len(kept) < len(entity.aliases) else f"no alias {c.value} any more"
        entity.aliases = kept
        t.update(entity)
    elif c.attribute == "role":
        kept_roles = [r for r in entity.roles if wrong not in (fold_text(r.title), fold_text(r.title_en or ""))]
        removed = len(entity.roles) - len(kept_roles)
        c.note = f"title {c.value} removed" if removed else f"no title {c.value} any more"
        entity.roles = kept_roles
    else:
        raise Orphaned(f"no entity fact {c.attribute!r}")


def _nearest_mention(entity: Entity, ev: Evidence) -> EntityMention | None:
    """The entity's mention in the same article closest to a title's evidence (the name the title goes with)."""
    same = [m for m in entity.mentions if m.article == ev.article]
    return min(same, key=lambda m: (min(abs(m.start - ev.end), abs(ev.start - m.end)), m.start), default=None)


def split_entity(t: Targets, c: Correction) -> None:
    """Rule split_entity: the mentions written as the chosen names make a new entity, with the titles written
    next to them and the events told only in their articles.

    "Bryan R. Switzer" (also written "Rick Switzer"), split off ["Rick Switzer"] -> two people, each with
    the mentions, titles and events of the articles that wrote their name.
    """
    entity = target_entity(t, c.anchor)
    names = [str(v) for v in c.value or []]
    folded = {fold_text(n) for n in names}
    moved = [m for m in entity.mentions if fold_text(m.text) in folded]
    if not moved:
        raise Orphaned(f"{entity.name} is no longer written as {', '.join(names)}")
    kept = [m for m in entity.mentions if fold_text(m.text) not in folded]
    if not kept:
        c.applied_to, c.note = [entity.id], "every mention would leave: nothing split"
        return
    prefix = entity.id.split("-", 1)[0] + "-"
    name = max((m.text for m in moved), key=lambda t: (len(t), t))
    new = Entity(split_id(prefix, sorted(folded)), entity.type, name, None, [], [], moved, entity.side)
    new.aliases = sorted({m.text for m in moved} - {name})
    entity.mentions = kept
    entity.aliases = [a for a in entity.aliases if fold_text(a) not in folded]
    for role in list(entity.roles):
        going = [e for e in role.evidence if _nearest_going(entity, e, moved)]
        if not going:
            continue
        new.roles.append(Role(role.title, role.organization, role.first_seen, role.last_seen, going, role.title_en))
        role.evidence = [e for e in role.evidence if e not in going]
        if not role.evidence:
            entity.roles.remove(role)
    moved_articles = {m.article for m in moved}
    kept_articles = {m.article for m in kept}
    for ev in t.dossier.events:
        told = {e.article for e in ev.evidence}
        if told & moved_articles and not told & kept_articles:
            ev.participants = [p if p.entity != entity.id else type(p)(new.id, p.side, p.name) for p in ev.participants]
    if any(e.id == new.id for e in t.dossier.entities):
        new.id = f"{new.id}-c{c.id or 0}"
    t.dossier.entities.append(new)
    t.dossier.entities.sort(key=lambda e: e.id)
    t.update(entity)
    t.update(new)
    c.applied_to = [entity.id, new.id]
    c.note = f"{len(moved)} mention(s) moved to a new entity {name}"


def _nearest_going(entity: Entity, ev: Evidence, moved: list[EntityMention]) -> bool:
    """Whether the name closest to a title's evidence, among all the entity's names, is one that leaves."""
    whole = Entity(entity.id, entity.type, entity.name, mentions=[*entity.mentions, *moved])
    nearest = _nearest_mention(whole, ev)
    return nearest is not None and nearest in moved


def merge_entities(t: Targets, c: Correction) -> None:
    """Rule merge_entities: the second entity's names, mentions and titles join the first; events and titles
    pointing at the second point at the first.

    "Joseph Damond" merged with "Joe Damond" -> one person "Joseph Damond", alias "Joe Damond".
    """
    a = target_entity(t, c.anchor)
    b = target_entity(t, c.other)
    c.applied_to = [a.id, b.id]
    if a is b:
        c.note = "already one entity"
        return
    a.aliases = sorted({*a.aliases, b.name, *b.aliases} - {a.name})
    a.mentions = [*a.mentions, *b.mentions]
    roles = {(r.title, r.organization): r for r in a.roles}
    for role in b.roles:
        same = roles.get((role.title, role.organization))
        if same is None:
            a.roles.append(role)
            continue
        same.evidence += role.evidence
        same.first_seen = min(filter(None, (same.first_seen, role.first_seen)), default=None)
        same.last_seen = max(filter(None, (same.last_seen, role.last_seen)), default=None)
    a.side = a.side or b.side
    t.dossier.entities.remove(b)
    t.update(a)
    t.drop(b)
    _retarget(t.dossier, b.id, a.id)
    c.note = f"{b.name} merged into {a.name}"


ENTITY_HANDLERS: dict[tuple[str, str], Callable[[Targets, Correction], None]] = {
    ("set_value", "entity"): set_entity_value,
    ("mark_wrong", "entity"): mark_entity_wrong,
    ("split", "entity"): split_entity,
    ("merge", "entity"): merge_entities,
}
