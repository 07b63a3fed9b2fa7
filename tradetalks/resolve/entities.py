"""One entity per real person, organisation, country or place across articles, with titles over time."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from tradetalks.model import Doc, Entity, EntityMention, Evidence, Mention, Role
from tradetalks.nlp.names_lexicon import english_name
from tradetalks.resolve.names import compact, parse_person, strip_diacritics
from tradetalks.resolve.names import fold_text as _fold_text
from tradetalks.resolve.people import Ref, UnionFind, mention_at, merge_people, person_groups

if TYPE_CHECKING:
    from tradetalks.resolve.holders import HolderCounts
    from tradetalks.resolve.state import EventState
    from tradetalks.resolve.stories import Elsewhere

_PREFIX = {"person": "p-", "organization": "o-", "country": "c-", "location": "l-"}
#: ``names.fold_text`` remembered: the same names are folded again for every mention of them.
fold_text = lru_cache(maxsize=1 << 17)(_fold_text)


@dataclass(slots=True)
class EntityIndex:
    """The resolved entities and, for each (article id, mention index), the entity it names."""

    entities: list[Entity] = field(default_factory=list)
    of: dict[tuple[str, int], str] = field(default_factory=dict)
    members: dict[str, list[Ref]] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # folded name or alias -> organisation/country id

    def entity_of(self, article: str, ref: str) -> str | None:
        """The entity id of a per-article participant reference "m<i>"."""
        if ref.startswith("m") and ref[1:].isdigit():
            return self.of.get((article, int(ref[1:])))
        return None


def _aid(doc: Doc) -> str:
    return doc.article.id or doc.article.source


# --- organisations, countries, places ------------------------------------------------------


@lru_cache(maxsize=1 << 17)
def _stripped(name: str) -> str:
    return fold_text(name).strip()


def _org_key(m: Mention) -> str:
    return _stripped(m.canonical or m.text)


def other_groups(docs: Sequence[Doc], uf: UnionFind) -> None:
    """Join organisation/country/place mentions by canonical name, folded text and acronym."""
    acronyms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc.mentions:
            if m.type != "person" and m.acronym and fold_text(m.acronym) != _org_key(m):
                acronyms[(m.type, fold_text(m.acronym))].add(_org_key(m))
    first: dict[tuple[str, str], Ref] = {}
    for d, doc in enumerate(docs):
        for i, m in enumerate(doc.mentions):
            if m.type == "person":
                continue
            key = _org_key(m)
            for spelling in (m.text, m.canonical) if acronyms else ():
                known = acronyms.get((m.type, _stripped(spelling or "")))
                if known is not None and len(known) == 1:
                    if not m.canonical or fold_text(m.canonical) == fold_text(m.text):
                        key = next(iter(known))
            uf.find((d, i))
            if (m.type, key) in first:
                uf.union((d, i), first[(m.type, key)])
            else:
                first[(m.type, key)] = (d, i)


# --- building the records --------------------------------------------------------------------


def _choose_name(docs: Sequence[Doc], refs: list[Ref], type_: str) -> str:
    ms = [mention_at(docs, r) for r in refs]
    if type_ == "person":
        names = [parse_person(text, side) for text, side in dict.fromkeys((m.text, m.side) for m in ms)]
        best = max(names, key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text))
        return best.text
    canon = Counter(m.canonical for m in ms if m.canonical)
    if canon:
        return min(canon, key=lambda c: (-canon[c], -len(c), c))
    texts = Counter(m.text for m in ms)
    return min(texts, key=lambda t: (-len(t) if not t.isupper() else 0, -texts[t], t))


def entity_record_id(type_: str, name: str, refs: list[Ref], docs: Sequence[Doc], taken: set[str]) -> str:
    """An entity's id from its type and name, suffixed when ``taken`` holds it already (the same in one pass and
    in the partitions ``resolve/distributed.py`` reduces)."""
    key = compact(name) or fold_text(name)
    eid = _PREFIX.get(type_, "x-") + hashlib.sha1(f"{type_}:{key}".encode()).hexdigest()[:10]
    if eid in taken:
        first = min((_aid(docs[d]), docs[d].mentions[i].start) for d, i in refs)
        eid = _PREFIX.get(type_, "x-") + hashlib.sha1(f"{type_}:{key}:{first}".encode()).hexdigest()[:10]
    return eid


def cluster_entities(docs: Sequence[Doc], holders: HolderCounts | None = None) -> EntityIndex:
    """Group every mention of every doc into entities (roles are added by ``add_roles``); ``holders``: how many
    articles name each holder of a surname, when ``docs`` are not the whole store (``resolve/holders.py``)."""
    uf = UnionFind()
    person_groups(docs, uf)
    merge_people(docs, uf, holders)
    other_groups(docs, uf)
    return index_entities(docs, uf.groups(), holders)


def index_entities(docs: Sequence[Doc], groups: list[list[Ref]], holders: HolderCounts | None = None) -> EntityIndex:
    """The entity records of groups of mentions (each sorted, the groups by their first mention); ids taken
    twice get the suffixed form in that order (``resolve/distributed.py`` builds parts of the groups apart);
    ``holders`` as for ``cluster_entities``."""
    index = EntityIndex()
    taken: set[str] = set()
    aids: dict[int, str] = {}  # each article's id looked up once (``docs`` may hold some places only)
    for refs in groups:
        for d, _ in refs:
            if d not in aids:
                aids[d] = _aid(docs[d])
        first = mention_at(docs, refs[0])
        type_ = first.type
        name = _choose_name(docs, refs, type_)
        held = holders.held_by(refs) if holders is not None else None  # a bare name of a holder stored elsewhere
        eid = entity_record_id(type_, held or name, refs, docs, taken)
        taken.add(eid)
        ms = [mention_at(docs, r) for r in refs]
        aliases = sorted({m.text for m in ms} | {m.acronym for m in ms if m.acronym} - {name})
        if type_ == "person":
            name_en: str | None = (
                parse_person(name).display if not parse_person(name).vietnamese else strip_diacritics(name)
            )
        else:
            name_en = english_name(name)
        sides = Counter(m.side for m in ms if m.side)
        side = min(sides, key=lambda s: (-sides[s], s)) if sides else None
        # in the order of the docs (by date and text, see build_dossier), never by article id
        placed = sorted((d, m.start, i, m) for (d, i), m in zip(refs, ms, strict=True))
        mentions = [EntityMention(aids[d], start, m.end, m.text) for d, start, _, m in placed]
        index.entities.append(Entity(eid, type_, name, name_en, [a for a in aliases if a != name], [], mentions, side))
        index.members[eid] = refs
        for d, i in refs:
            index.of[(aids[d], i)] = eid
        if type_ != "person":
            for spelling in [name, *aliases]:
                index.by_name.setdefault(fold_text(spelling), eid)
    index.entities.sort(key=lambda e: e.id)
    fold_text.cache_clear()  # what was remembered served this clustering; the memory goes back
    _stripped.cache_clear()
    return index


class Resolved(Protocol):
    """What a dossier resolved before knows of entities outside the docs being resolved (incremental
    resolution, ``resolve/incremental.py``)."""

    def holders(self) -> HolderCounts:
        """How many stored articles (and the docs) name each holder of a surname (``resolve/holders.py``)."""
        ...

    def adopt(self, docs: Sequence[Doc], index: EntityIndex) -> None:
        """Give the docs' entities that are entities resolved before their ids (right after clustering)."""
        ...

    def organization(self, name: str) -> str | None:
        """The organisation, country or place resolved before under this name, if any."""
        ...

    def anchor(self, state: EventState) -> None:
        """Add what events resolved before say of the rounds and people the docs' reports name."""
        ...

    def elsewhere(self) -> Elsewhere:
        """How often the articles resolved before name the docs' entities (rare names of stories)."""
        ...


def add_roles(
    docs: Sequence[Doc],
    index: EntityIndex,
    article_dates: dict[str, tuple[str, str]],
    known: Callable[[str], str | None] | None = None,
) -> None:
    """Give each person the titles seen next to their name, merged per (title, organisation), with dates.

    ``known`` finds an organisation the docs do not name as an entity among those resolved before (an
    incremental resolution of some articles looks it up in the stored dossier)."""
    for entity in index.entities:
        if entity.type != "person":
            continue
        roles: dict[tuple[str, str | None], Role] = {}
        place: dict[str, int] = {}
        for d, i in index.members[entity.id]:
            m = docs[d].mentions[i]
            rm = m.role
            if rm is None or not rm.title:
                continue
            title = rm.title if not rm.acting or rm.title.lower().startswith("quyền") else f"Quyền {rm.title}"
            title_en = rm.title_en if not rm.acting or not rm.title_en else f"Acting {rm.title_en}"
            org = None
            for where in (rm.organization, rm.country):
                if where and fold_text(where) in index.by_name:
                    org = index.by_name[fold_text(where)]
                    break
                if where and known is not None and (org := known(where)) is not None:
                    break
            role = roles.setdefault((title, org), Role(title, org, None, None, [], title_en, former=True))
            role.former &= rm.former
            aid = _aid(docs[d])
            quote = docs[d].text[rm.start : rm.end] if docs[d].text else rm.text  # a slim doc keeps the quote only
            role.evidence.append(Evidence(aid, rm.start, rm.end, quote))
            place[aid] = d
            seen = article_dates.get(aid)
            if seen and not rm.former:
                role.first_seen = min(filter(None, (role.first_seen, seen[0])))
                role.last_seen = max(filter(None, (role.last_seen, seen[1])))
        _fold_unplaced(roles)
        for role in roles.values():
            role.evidence.sort(key=lambda e: (place[e.article], e.start))
        entity.roles = sorted(roles.values(), key=lambda r: (r.first_seen or "9999", r.title, r.organization or ""))


def _fold_unplaced(roles: dict[tuple[str, str | None], Role]) -> None:
    """A title seen without its organisation joins the one organisation the person holds it at, if only one."""
    for title, org in [k for k in roles if k[1] is None]:
        homes = [k for k in roles if k[0] == title and k[1] is not None]
        if len(homes) != 1:
            continue
        bare, home = roles.pop((title, org)), roles[homes[0]]
        home.evidence.extend(bare.evidence)
        home.first_seen = min(filter(None, (home.first_seen, bare.first_seen)), default=None)
        home.last_seen = max(filter(None, (home.last_seen, bare.last_seen)), default=None)
        home.title_en = home.title_en or bare.title_en
        home.former &= bare.former
