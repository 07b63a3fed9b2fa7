"""Incremental resolution: new articles re-resolve only the stored articles they can change.

For k new (or updated) articles, the articles to resolve again are found by index, never by a scan:

1. the stored articles sharing a resolution key with a new one (``resolve/resolution_keys.py``; a key more
   than HUB articles share, such as a country's name or a prime minister's, is not followed);
2. then, until nothing is added, every source of the events those articles report and every article of
   their stories (the stored dossier's own links), so no event or story is cut in two.

Those docs alone go through ``build_dossier``, the same functions as a full rebuild; their rows replace the old
ones in one transaction (``store/keys_rows.py``). An entity that also has mentions outside the re-resolved
articles (a hub) keeps its id, name and other mentions: the new mentions and roles are merged into it.
When the closure grows past MAX_ARTICLES, when editors' corrections are stored (their pass re-sorts the whole
timeline), or when the store holds no resolution keys yet, the full rebuild runs instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from tradetalks.keys import fold_name
from tradetalks.model import Doc, Dossier, Entity, Evidence, Role
from tradetalks.resolve import build_dossier, rebuild_dossier, resolution_of, slim
from tradetalks.resolve.entities import _fold_unplaced
from tradetalks.resolve.names import fold_text
from tradetalks.resolve.resolution_keys import article_keys
from tradetalks.store.base import Store
from tradetalks.store.keys_rows import ResolutionReads, RowChange

#: A key shared by more articles than this joins nothing it is not already joined to by stored rows.
HUB = 30
#: Re-resolving more articles than this falls back to the full rebuild.
MAX_ARTICLES = 2000


@dataclass(slots=True)
class Outcome:
    """What an incremental resolution did: the articles re-resolved, or why it rebuilt everything instead."""

    articles: list[str] = field(default_factory=list)
    events: int = 0
    rebuilt: str | None = None  # the reason a full rebuild ran instead


def _aid(doc: Doc) -> str:
    return doc.article.id or doc.article.source


def current_revision(store: Store) -> int | None:
    """The store's revision when its dossier is current (pass it to ``resolve_new`` after storing), else None."""
    return store.revision() if store.dossier_is_current() else None


def resolve_new(store: Store, article_ids: Sequence[str], since: int | None) -> Outcome:
    """Bring the dossier up to date after ``article_ids`` were stored, touching only what they touch.

    ``since``: the revision at which the dossier was current before they were stored (``current_revision``);
    when the store has changed by more than those articles since then (None, another writer, a correction),
    the full rebuild runs.
    """
    ids = sorted(dict.fromkeys(article_ids))
    built_from = store.revision()  # read first, as rebuild_dossier does
    reason = _needs_rebuild(store, since, built_from, len(ids))
    if reason is None:
        if not ids:
            return Outcome()
        reads = store.resolution_reads()
        digests: dict[str, tuple[str, np.ndarray]] = {}
        docs: dict[str, Doc] = {}
        for aid in ids:
            doc = store.get_doc(aid)
            if doc is not None:
                docs[aid] = slim(doc, digests)
        subset = _closure(reads, docs, digests)
        if subset is None:
            reason = f"the new articles reach more than {MAX_ARTICLES} stored articles"
        else:
            for aid in sorted(subset - set(docs)):
                doc = store.get_doc(aid)
                if doc is not None:
                    docs[aid] = slim(doc, digests)
            ordered = [docs[a] for a in sorted(docs)]
            dossier = build_dossier(ordered, digests, known=lambda name: reads.organization(fold_name(name)))
            change = _change(reads, ordered, digests, dossier)
            store.update_dossier(change, built_from)
            return Outcome(sorted(docs), len(dossier.events))
    rebuild_dossier(store)
    return Outcome(rebuilt=reason)


def _needs_rebuild(store: Store, since: int | None, now: int, stored: int) -> str | None:
    if since is None:
        return "the dossier was not current before these articles"
    if now != since + stored:  # each stored article version raises the revision once
        return "the store changed meanwhile by more than these articles"
    if store.corrections():
        return "editors' corrections are stored (they are applied to the whole timeline)"
    if not store.resolution_reads().keyed():
        return "the stored dossier has no resolution keys yet"
    return None


def _closure(
    reads: ResolutionReads, new: dict[str, Doc], digests: dict[str, tuple[str, np.ndarray]]
) -> set[str] | None:
    """The articles to resolve again (None when more than MAX_ARTICLES)."""
    subset = set(new)
    keys = {(kind, key) for d in new.values() for kind, key, _ in article_keys(d, digests[_aid(d)][1])}
    keys |= {(kind, key) for kind, key, _ in reads.keys_of(sorted(new))}  # an updated article's old neighbours
    for kind, key in sorted(keys):
        found = reads.sharing(kind, key, HUB + 1)
        if len(found) <= HUB:
            subset.update(found)
    frontier = set(subset)
    while frontier:
        more = reads.event_articles(sorted(frontier)) | reads.story_articles(sorted(frontier))
        frontier = more - subset
        subset |= frontier
        if len(subset) > MAX_ARTICLES:
            return None
    return subset


def _change(
    reads: ResolutionReads, docs: list[Doc], digests: dict[str, tuple[str, np.ndarray]], dossier: Dossier
) -> RowChange:
    """The rows to replace: the part's own entities and events, hubs merged, old records dropped."""
    arts = [_aid(d) for d in docs]
    stored = reads.mentions_in(arts)  # (article, start) -> (entity, end, text), as stored
    old_of = {k: v[0] for k, v in stored.items()}
    old_ids = sorted(set(old_of.values()))
    outside = reads.mentions_outside(old_ids, arts)
    existing = reads.existing([e.id for e in dossier.entities])
    inside = set(old_ids)
    target: dict[str, str] = {}  # part entity id -> hub id it joins
    for ent in dossier.entities:
        olds = [old_of[(m.article, m.start)] for m in ent.mentions if (m.article, m.start) in old_of]
        hubs = sorted({o for o in olds if outside.get(o, 0) > 0}, key=lambda o: (-outside[o], o))
        if not hubs and ent.id in existing and ent.id not in inside:
            hubs = [ent.id]  # the same name resolved outside these articles
        if not hubs and not olds:  # only new mentions: an entity of that name wholly outside these articles
            hubs = [h for h in reads.by_name(fold_text(ent.name), ent.type) if h not in inside][:1]
        if hubs:
            target[ent.id] = hubs[0]
    _remap(dossier, target)
    own = [e for e in dossier.entities if e.id not in target]
    hub_parts: dict[str, list[Entity]] = defaultdict(list)
    for e in dossier.entities:
        if e.id in target:
            hub_parts[target[e.id]].append(e)
    was: dict[str, set[tuple[str, int, int, str]]] = defaultdict(set)
    for (article, start), (eid, end, text) in stored.items():
        if outside.get(eid, 0) > 0:
            was[eid].add((article, start, end, text))
    records = reads.entities(sorted(set(was) | set(hub_parts)))
    resolution = resolution_of(docs, digests, dossier)
    places = {aid: okey for t, aid, okey in resolution.order if t == "a"}
    merged = [
        _merged_hub(records[hid], hub_parts.get(hid, []), set(arts), reads, places)
        for hid in sorted(set(was) | set(hub_parts))
        if _hub_changed(records[hid], was.get(hid, set()), hub_parts.get(hid, []), set(arts))
    ]
    part = Dossier(dossier.articles, own, dossier.events, dossier.timexes)
    drop_entities = [o for o in old_ids if outside.get(o, 0) <= 0]
    drop_events = reads.events_of(arts)
    _free_event_ids(reads, dossier, drop_events)
    return RowChange(arts, part, resolution, merged, sorted(drop_events), drop_entities)


def _free_event_ids(reads: ResolutionReads, dossier: Dossier, dropped: set[str]) -> None:
    """An event id already taken by an event outside the part gets the next free "-n" suffix (as the rebuild
    numbers two events of one id)."""
    taken = reads.existing_events([ev.id or "" for ev in dossier.events]) - dropped
    for ev in dossier.events:
        if ev.id in taken:
            base, n = ev.id, 2
            while f"{base}-{n}" in taken or reads.existing_events([f"{base}-{n}"]) - dropped:
                n += 1
            ev.id = f"{base}-{n}"
            taken.add(ev.id)


def _remap(dossier: Dossier, target: dict[str, str]) -> None:
    """Point the part's events and roles at the hubs its entities joined."""
    if not target:
        return
    for ev in dossier.events:
        people = {}
        for p in ev.participants:
            eid = target.get(p.entity, p.entity)
            if eid not in people:
                people[eid] = replace(p, entity=eid)
        ev.participants = [people[k] for k in sorted(people)]
    for ent in dossier.entities:
        for role in ent.roles:
            if role.organization in target:
                role.organization = target[role.organization]


def _role_evidence(roles: list[Role], arts: set[str]) -> set[tuple[str, str | None, str, int, int]]:
    return {(r.title, r.organization, e.article, e.start, e.end) for r in roles for e in r.evidence if e.article in arts}


def _hub_changed(stored: Entity, was: set[tuple[str, int, int, str]], parts: list[Entity], arts: set[str]) -> bool:
    """Whether re-resolving gives a hub other mentions, roles or spellings in these articles than it had (most
    hubs named by an article's neighbours come back as they were, and their rows are left alone)."""
    now = {(m.article, m.start, m.end, m.text) for p in parts for m in p.mentions}
    if now != was:
        return True
    roles_now = set().union(*(_role_evidence(p.roles, arts) for p in parts)) if parts else set()
    if roles_now != _role_evidence(stored.roles, arts):
        return True
    spellings = {a for p in parts for a in [p.name, *p.aliases]}
    return not spellings <= {stored.name, *stored.aliases}


def _merged_hub(
    stored: Entity, parts: list[Entity], arts: set[str], reads: ResolutionReads, places: dict[str, str]
) -> Entity:
    """A hub's record after merging: its mentions in the re-resolved articles (in article order), its roles
    with the evidence of those articles replaced by theirs, its aliases with theirs (``places``: the order
    keys of the re-resolved articles)."""
    order = reads.order_keys(sorted(_role_articles(stored) - arts)) | places
    mentions = sorted((m for p in parts for m in p.mentions), key=lambda m: (order.get(m.article, ""), m.start))
    roles: dict[tuple[str, str | None], Role] = {}
    for role in stored.roles:
        kept = [e for e in role.evidence if e.article not in arts]
        if kept:
            roles[(role.title, role.organization)] = replace(role, evidence=kept)
    for p in parts:
        for role in p.roles:
            have = roles.get((role.title, role.organization))
            if have is None:
                roles[(role.title, role.organization)] = replace(role, evidence=list(role.evidence))
                continue
            have.evidence.extend(role.evidence)
            have.first_seen = min(filter(None, (have.first_seen, role.first_seen)), default=None)
            have.last_seen = max(filter(None, (have.last_seen, role.last_seen)), default=None)
            have.former &= role.former
            have.title_en = have.title_en or role.title_en
    _fold_unplaced(roles)
    for role in roles.values():
        role.evidence.sort(key=lambda e: _evidence_place(order, e))
    aliases = set(stored.aliases) | {a for p in parts for a in [p.name, *p.aliases]}
    return replace(
        stored,
        aliases=sorted(aliases - {stored.name}),
        mentions=mentions,
        roles=sorted(roles.values(), key=lambda r: (r.first_seen or "9999", r.title, r.organization or "")),
    )


def _role_articles(entity: Entity) -> set[str]:
    return {e.article for r in entity.roles for e in r.evidence}


def _evidence_place(order: dict[str, str], e: Evidence) -> tuple[str, int]:
    return (order.get(e.article, ""), e.start)
