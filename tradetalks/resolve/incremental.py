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
from datetime import date

import numpy as np

from tradetalks.keys import fold_name
from tradetalks.model import Doc, Dossier, Entity, Evidence, Role
from tradetalks.resolve import article_dates, build_dossier, rebuild_dossier, resolution_of, slim
from tradetalks.resolve.dates import parse_range
from tradetalks.resolve.entities import EntityIndex, _fold_unplaced
from tradetalks.resolve.holders import StoredHolderCounts, holders_shifted, stored_holder
from tradetalks.resolve.people import Ref
from tradetalks.resolve.reports import SERIES
from tradetalks.resolve.resolution_keys import KEYS_VERSION, article_keys, former_titles, probes
from tradetalks.resolve.state import EventState
from tradetalks.store.base import Store
from tradetalks.store.keys_rows import DossierMoved, ResolutionReads, RowChange

#: A key shared by more articles than this joins nothing it is not already joined to by stored rows.
HUB = 30
#: The kinds of keys that join articles (the others are what resolution reads of the articles not resolved again).
JOIN_KINDS = ("b", "e", "n")
#: A story of more articles than this is not resolved again whole: its articles among those re-resolved keep
#: it, and what they join joins it (a story chained through hundreds of articles would cost each new one).
STORY_BOUND = 40
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
        large: dict[str, str] = {}
        subset = _closure(reads, docs, digests, large)
        if subset is None:
            reason = f"the new articles reach more than {MAX_ARTICLES} stored articles"
        else:
            for aid in sorted(subset - set(docs)):
                doc = store.get_doc(aid)
                if doc is not None:
                    docs[aid] = slim(doc, digests)
            ordered = [docs[a] for a in sorted(docs)]
            known = StoredEntities(reads, set(docs))
            dossier = build_dossier(ordered, digests, known=known)
            shifted = holders_shifted(reads, known.holder_counts, ids)  # stored bare names would be decided otherwise
            if shifted:
                reason = f"the new articles change who dominates the surname {shifted[0]!r}"
            else:
                _keep_large_stories(dossier, large)
                change = _change(reads, known, ordered, digests, dossier)
                change.based_on = since
                try:
                    store.update_dossier(change, built_from)
                    return Outcome(sorted(docs), len(dossier.events))
                except DossierMoved as exc:
                    reason = str(exc)
    rebuild_dossier(store)
    return Outcome(rebuilt=reason)


def _keep_large_stories(dossier: Dossier, large: dict[str, str]) -> None:
    """Articles of a large story keep it, and the articles their new story gathers join it (the smallest
    stored id when one new story meets two large ones: the large stories themselves are not merged)."""
    if not large:
        return
    joins: dict[str, str] = {}
    for a in dossier.articles:
        if a.id in large and a.story is not None:
            joins[a.story] = min(joins.get(a.story, large[a.id]), large[a.id])
    for a in dossier.articles:
        if a.story in joins:
            a.story = joins[a.story]


def _needs_rebuild(store: Store, since: int | None, now: int, stored: int) -> str | None:
    if since is None:
        return "the dossier was not current before these articles"
    if now != since + stored:  # each stored article version raises the revision once
        return "the store changed meanwhile by more than these articles"
    if store.corrections():
        return "editors' corrections are stored (they are applied to the whole timeline)"
    if not store.resolution_reads().keyed():
        return "the stored dossier has no resolution keys yet"
    if (store.get_state("resolution", "keys") or {}).get("version") != KEYS_VERSION:
        return "the stored resolution keys are of another version"
    return None


def _closure(
    reads: ResolutionReads, new: dict[str, Doc], digests: dict[str, tuple[str, np.ndarray]], large: dict[str, str]
) -> set[str] | None:
    """The articles to resolve again (None when more than MAX_ARTICLES); ``large`` gets those of them that
    belong to a story of more than STORY_BOUND articles (article -> story), whose other articles stay out."""
    subset = set(new)
    keys = {(kind, key) for d in new.values() for kind, key, _ in article_keys(d, digests[_aid(d)][1])}
    keys |= {(kind, key) for kind, key, _ in reads.keys_of(sorted(new))}  # an updated article's old neighbours
    for kind, key in sorted({p for k in keys if k[0] in JOIN_KINDS for p in probes(*k)}):
        found = reads.sharing(kind, key, HUB + 1)
        if len(found) <= HUB:
            subset.update(found)
    frontier = set(subset)
    while frontier:
        told, kept = reads.story_articles(sorted(frontier), STORY_BOUND)
        large.update(kept)
        frontier = (reads.event_articles(sorted(frontier)) | told) - subset
        subset |= frontier
        if len(subset) > MAX_ARTICLES:
            return None
    return subset


class StoredEntities:
    """The stored dossier's entities as the re-resolved articles meet them: an entity that also has mentions
    outside those articles (a hub) keeps its id and side; an entity wholly inside them is resolved anew."""

    def __init__(self, reads: ResolutionReads, articles: set[str]):
        self.reads = reads
        self.articles = articles
        self.stored = reads.mentions_in(sorted(articles))  # (article, start) -> (entity, end, text)
        self.inside = sorted({v[0] for v in self.stored.values()})
        self.outside = reads.mentions_outside(self.inside, sorted(articles))
        self.hubs: dict[str, Entity] = {}  # hub id -> stored record (roles, aliases, side)
        self.holder_counts: StoredHolderCounts | None = None

    def organization(self, name: str) -> str | None:
        return self.reads.organization(fold_name(name))

    def anchor(self, state: EventState) -> None:
        """The stored rounds of the negotiations these reports number, and the stored days of the people an
        undated article's reports name (what settling years reads of the events not resolved again)."""
        talks = sorted(
            {
                (r.event.type, r.event.negotiation)
                for r in state.reports
                if r.event.type in SERIES and r.event.negotiation
            }
        )
        dropped = self.reads.events_of(sorted(self.articles))
        for type_, negotiation in talks:
            for eid, ordinal, start, end in self.reads.rounds(type_, negotiation or ""):
                days = _days_of(start, end)
                if eid not in dropped and days is not None:
                    state.rounds[type_].append((ordinal, negotiation, days[0], days[1]))
        people = sorted({p for r in state.reports if state.published.get(r.article) is None for p in r.people})
        for eid, person, start, end in self.reads.dated_events_of(people):
            days = _days_of(start, end)
            if eid not in dropped and days is not None:
                state.person_days[person].append(days[0])

    def holders(self) -> StoredHolderCounts:
        """Rule ``dominant_surname_holder`` counts the holders of a surname over the whole store."""
        self.holder_counts = StoredHolderCounts(self.reads, sorted(self.articles))
        return self.holder_counts

    def elsewhere(self) -> StoredCounts:
        return StoredCounts(self.reads, sorted(self.articles))

    def adopt(self, docs: Sequence[Doc], index: EntityIndex) -> None:
        """Rename the entities that are stored hubs (by the stored entity of their mentions, else by their id or
        name when only new articles name them), merging two that meet in one hub."""
        old_of = {k: v[0] for k, v in self.stored.items()}
        inside = set(self.inside)
        existing = self.reads.existing([e.id for e in index.entities])
        target: dict[str, str] = {}
        for ent in index.entities:
            olds = [old_of[(m.article, m.start)] for m in ent.mentions if (m.article, m.start) in old_of]
            hubs = sorted({o for o in olds if self.outside.get(o, 0) > 0}, key=lambda o: (-self.outside[o], o))
            if not hubs and not olds and self.holder_counts is not None:  # a bare surname of a holder stored elsewhere
                hubs = stored_holder(self.reads, self.holder_counts, index.members[ent.id], sorted(self.articles))
            if not hubs and ent.id in existing and ent.id not in inside:
                hubs = [ent.id]  # the same name resolved outside these articles
            if not hubs and not olds and ent.type != "person":  # only new mentions: a stored one of that name
                spellings = [fold_name(n) for n in (ent.name, *ent.aliases)]
                hubs = [h for k in spellings for h in self.reads.by_name(k, ent.type) if h not in inside][:1]
            if hubs:
                target[ent.id] = hubs[0]
        was = {o for o in inside if self.outside.get(o, 0) > 0}
        self.hubs = self.reads.entities(sorted(set(target.values()) | was))
        if target:
            _rename(docs, index, target, self.hubs)


class StoredCounts:
    """How often the stored articles other than the re-resolved ones name an entity, fall in a week, exist."""

    def __init__(self, reads: ResolutionReads, articles: list[str]):
        self.reads = reads
        self.arts = articles
        self.named: dict[tuple[str, int | None], int] = {}
        self.weeks: dict[int, int] = {}
        self.total: int | None = None

    def naming(self, entity: str, week: int | None) -> int:
        if (entity, week) not in self.named:
            self.named[(entity, week)] = self.reads.outside_naming(entity, week, self.arts)
        return self.named[(entity, week)]

    def week(self, week: int) -> int:
        if week not in self.weeks:
            self.weeks[week] = self.reads.outside_week(week, self.arts)
        return self.weeks[week]

    def articles(self) -> int:
        if self.total is None:
            self.total = self.reads.outside_articles(self.arts)
        return self.total


def _rename(docs: Sequence[Doc], index: EntityIndex, target: dict[str, str], hubs: dict[str, Entity]) -> None:
    """Entities of ``index`` renamed to the hubs they join (two joining one hub become one), with its side."""
    merged: dict[str, Entity] = {}
    members: dict[str, list[Ref]] = {}
    for ent in index.entities:
        eid = target.get(ent.id, ent.id)
        refs = index.members[ent.id]
        if eid in merged:  # two of the docs' entities are one stored entity (or one keeps a hub's id)
            have = merged[eid]
            have.mentions.extend(ent.mentions)
            have.aliases = sorted(set(have.aliases) | set(ent.aliases) | {ent.name})
            members[eid] = sorted(members[eid] + refs)
            continue
        merged[eid] = replace(ent, id=eid, side=hubs[eid].side if eid in hubs else ent.side)
        members[eid] = list(refs)
    index.members = members
    index.entities = sorted(merged.values(), key=lambda e: e.id)
    index.of = {k: target.get(v, v) for k, v in index.of.items()}
    index.by_name = {k: target.get(v, v) for k, v in index.by_name.items()}


def _change(
    reads: ResolutionReads,
    known: StoredEntities,
    docs: list[Doc],
    digests: dict[str, tuple[str, np.ndarray]],
    dossier: Dossier,
) -> RowChange:
    """The rows to replace: the part's own entities and events, changed hubs merged, old records dropped."""
    arts = set(known.articles)
    own = [e for e in dossier.entities if e.id not in known.hubs]
    parts = {e.id: e for e in dossier.entities if e.id in known.hubs}
    was: dict[str, set[tuple[str, int, int, str]]] = defaultdict(set)
    for (article, start), (eid, end, text) in known.stored.items():
        if eid in known.hubs:
            was[eid].add((article, start, end, text))
    drop_events = reads.events_of(sorted(arts))
    _free_event_ids(reads, dossier, drop_events)  # before the order keys, which end with the event's id
    resolution = resolution_of(docs, digests, dossier)
    places = {aid: okey for t, aid, okey in resolution.order if t == "a"}
    dates = article_dates(docs, dossier.events)
    before = reads.article_dates(sorted(arts))
    redated = {a for a in arts if before.get(a) != dates.get(a)}  # a role told there is dated again
    former = {(_aid(d), s) for d in docs for s in former_titles(d)}  # once for every hub
    merged = [
        _merged_hub(known.hubs[hid], parts.get(hid), arts, reads, places, dates, former)
        for hid in sorted(known.hubs)
        if _hub_changed(known.hubs[hid], was.get(hid, set()), parts.get(hid), arts)
        or _role_articles(known.hubs[hid]) & redated
    ]
    part = Dossier(dossier.articles, own, dossier.events, dossier.timexes)
    drop_entities = [o for o in known.inside if known.outside.get(o, 0) <= 0]
    return RowChange(sorted(arts), part, resolution, merged, sorted(drop_events), drop_entities)


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


def _role_evidence(roles: list[Role], arts: set[str]) -> set[tuple[str, str | None, str, int, int]]:
    return {
        (r.title, r.organization, e.article, e.start, e.end) for r in roles for e in r.evidence if e.article in arts
    }


def _hub_changed(stored: Entity, was: set[tuple[str, int, int, str]], part: Entity | None, arts: set[str]) -> bool:
    """Whether re-resolving gives a hub other mentions, roles or spellings in these articles than it had (most
    hubs named by an article's neighbours come back as they were, and their rows are left alone)."""
    if part is None:
        return bool(was) or bool(_role_evidence(stored.roles, arts))
    if {(m.article, m.start, m.end, m.text) for m in part.mentions} != was:
        return True
    if _role_evidence(part.roles, arts) != _role_evidence(stored.roles, arts):
        return True
    return not {part.name, *part.aliases} <= {stored.name, *stored.aliases}


def _merged_hub(
    stored: Entity,
    part: Entity | None,
    arts: set[str],
    reads: ResolutionReads,
    places: dict[str, str],
    dates: dict[str, tuple[str, str]],
    told_former: set[tuple[str, int]],
) -> Entity:
    """A hub's record after merging: its mentions in the re-resolved articles (in article order), its roles
    with the evidence of those articles replaced by theirs and dated again, its aliases with theirs
    (``places``, ``dates`` and ``told_former``: the order keys, the days and the titles told as former of the
    re-resolved articles)."""
    order = reads.order_keys(sorted(_role_articles(stored) - arts)) | places
    parts = [part] if part is not None else []
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
    elsewhere = sorted({e.article for r in roles.values() for e in r.evidence} - arts)
    seen = reads.article_dates(elsewhere) | dates
    former = reads.former_titles(elsewhere) | told_former
    for role in roles.values():
        role.evidence.sort(key=lambda e: _evidence_place(order, e))
        if not role.former:  # the days its articles speak of, as add_roles counts them
            days = [seen[e.article] for e in role.evidence if e.article in seen and (e.article, e.start) not in former]
            role.first_seen = min((d[0] for d in days), default=None)
            role.last_seen = max((d[1] for d in days), default=None)
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


def _days_of(start: str | None, end: str | None) -> tuple[date, date] | None:
    rng = parse_range(start, end)
    return rng.days() if rng is not None and rng.has_year else None
