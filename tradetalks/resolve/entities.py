"""One entity per real person, organisation, country or place across articles, with titles over time."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tradetalks.model import Doc, Entity, EntityMention, Evidence, Mention, Role
from tradetalks.nlp.names_lexicon import english_name
from tradetalks.resolve.names import (
    PersonName,
    compact,
    fold_text,
    given_compatible,
    parse_person,
    strip_diacritics,
)

Ref = tuple[int, int]  # (doc index, mention index)
_PREFIX = {"person": "p-", "organization": "o-", "country": "c-", "location": "l-"}
#: Two mentions of a title count as the same time when their articles lie this close.
_ROLE_YEARS = 400


class _Union:
    """Union-find over mention references, smallest reference as the root."""

    def __init__(self) -> None:
        self.parent: dict[Ref, Ref] = {}

    def find(self, x: Ref) -> Ref:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Ref, b: Ref) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> list[list[Ref]]:
        out: dict[Ref, list[Ref]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return sorted(sorted(v) for v in out.values())


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


def _mention(docs: Sequence[Doc], ref: Ref) -> Mention:
    return docs[ref[0]].mentions[ref[1]]


# --- people ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    refs: list[Ref]
    names: list[PersonName]
    sides: set[str]
    roles: set[tuple[str, str]]
    years: list[date]
    best: PersonName = PersonName("", (), (), False)

    def choose(self) -> _Group:
        """Settle the fullest written form as the group's name."""
        self.best = max(
            set(self.names), key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text, n.vietnamese)
        )
        return self


def _longer_names(full: dict[int, PersonName]) -> Callable[[PersonName], dict[str, int]]:
    """For a short name of an article, its longer names there by key (the last mention of each): those it
    ends ("Nhật Tân" of "Nguyễn Sinh Nhật Tân", ``vietnamese_suffix``) and, for a foreign one, those with its
    surname. Indexed once, so an article of many names costs no comparison of every pair."""
    ends: dict[tuple[str, ...], dict[str, int]] = {}
    by_surname: dict[str, dict[tuple[str, int], int]] = {}
    for j in sorted(full):
        tokens = full[j].tokens
        for n in range(1, len(tokens)):
            ends.setdefault(tokens[-n:], {})[full[j].key] = j
        by_surname.setdefault(full[j].surname, {})[(full[j].key, len(tokens))] = j

    def hosts(name: PersonName) -> dict[str, int]:
        found = dict(ends.get(name.tokens, {}))
        if not name.vietnamese:
            for (key, size), j in by_surname.get(name.surname, {}).items():
                if size > len(name.tokens):
                    found[key] = max(j, found.get(key, -1))
        return found

    return hosts


def _person_groups(docs: Sequence[Doc], uf: _Union) -> None:
    """Join person mentions: references inside an article, then identical full names across articles."""
    by_key: dict[str, Ref] = {}
    for d, doc in enumerate(docs):
        people = [(i, m) for i, m in enumerate(doc.mentions) if m.type == "person"]
        full = {i: parse_person(m.text, m.side) for i, m in people}
        hosts_of = _longer_names(full)
        for i, m in people:
            uf.find((d, i))
            if m.ref is not None and 0 <= m.ref < len(doc.mentions) and doc.mentions[m.ref].type == "person":
                uf.union((d, i), (d, m.ref))
                continue
            name = full[i]
            if len(name.tokens) >= 2 and not (name.vietnamese and len(name.tokens) == 2):
                continue
            hosts = hosts_of(name)
            if len(hosts) == 1:
                uf.union((d, i), (d, next(iter(hosts.values()))))
        for i, _ in people:
            name = full[i]
            if len(name.tokens) >= 2:
                key = name.key
                if key in by_key:
                    uf.union((d, i), by_key[key])
                else:
                    by_key[key] = (d, i)


def _published(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(doc.article.published or "")
    except ValueError:
        return None


def _group(docs: Sequence[Doc], refs: list[Ref]) -> _Group:
    g = _Group(refs, [], set(), set(), [])
    for ref in refs:
        m = _mention(docs, ref)
        g.names.append(parse_person(m.text, m.side))
        if m.side:
            g.sides.add(m.side)
        if m.role and not m.role.former:
            where = fold_text(m.role.organization or m.role.country or "")
            if where:
                g.roles.add((fold_text(m.role.title), where))
        pub = _published(docs[ref[0]])
        if pub:
            g.years.append(pub)
    return g


def _sides_fit(a: _Group, b: _Group) -> bool:
    return not a.sides or not b.sides or bool(a.sides & b.sides)


def _times_fit(a: _Group, b: _Group) -> bool:
    if not a.years or not b.years:
        return True
    return (
        abs((min(a.years) - min(b.years)).days) <= _ROLE_YEARS or abs((max(a.years) - max(b.years)).days) <= _ROLE_YEARS
    )


def _same_person(a: _Group, b: _Group) -> bool:
    """Foreign names with one surname: compatible given names, or one title and organisation at one time."""
    if not _sides_fit(a, b):
        return False
    na, nb = a.best, b.best
    if na.vietnamese or nb.vietnamese:
        return False
    if given_compatible(na, nb):
        return True
    return _roles_fit(a, b) and _times_fit(a, b)


def _roles_fit(a: _Group, b: _Group) -> bool:
    """One title at one place: "Phó Đại diện Thương mại" of "Hoa Kỳ" fits the same title of the US trade office."""
    for ta, wa in a.roles:
        for tb, wb in b.roles:
            if ta == tb and (set(wa.split()) <= set(wb.split()) or set(wb.split()) <= set(wa.split())):
                return True
    return False


def _merge_people(docs: Sequence[Doc], uf: _Union) -> None:
    """Join name groups across articles by surname with title, organisation, side and time."""
    person_refs = [r for r in list(uf.parent) if _mention(docs, r).type == "person"]
    by_root: dict[Ref, list[Ref]] = defaultdict(list)
    for r in person_refs:
        by_root[uf.find(r)].append(r)
    groups = {root: _group(docs, sorted(refs)).choose() for root, refs in by_root.items()}
    blocks: dict[tuple[bool, str], list[Ref]] = defaultdict(list)
    for root, g in groups.items():
        best = g.best
        if best.tokens:
            blocks[(best.vietnamese, best.surname)].append(root)
    for (vietnamese, _), roots in sorted(blocks.items()):
        roots.sort()
        if vietnamese:
            endings: dict[tuple[str, ...], dict[str, Ref]] = defaultdict(dict)
            for r in roots:
                toks = groups[r].best.tokens
                for n in range(1, len(toks)):
                    endings[toks[-n:]].setdefault(groups[r].best.key, r)
            for root in roots:
                hosts = endings.get(groups[root].best.tokens, {})
                if len(hosts) == 1 and _sides_fit(groups[root], groups[next(iter(hosts.values()))]):
                    uf.union(root, next(iter(hosts.values())))
            continue
        full = [r for r in roots if len(groups[r].best.tokens) >= 2]
        for i, ra in enumerate(full):
            for rb in full[i + 1 :]:
                if _same_person(groups[ra], groups[rb]):
                    uf.union(ra, rb)
        for root in roots:
            if len(groups[root].best.tokens) == 1:
                owners = {uf.find(r) for r in full if _sides_fit(groups[root], groups[r])}
                if len(owners) == 1:
                    uf.union(root, next(iter(owners)))


# --- organisations, countries, places ------------------------------------------------------


def _org_key(m: Mention) -> str:
    return fold_text(m.canonical or m.text).strip()


def _other_groups(docs: Sequence[Doc], uf: _Union) -> None:
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
            for spelling in (m.text, m.canonical):
                known = acronyms.get((m.type, fold_text(spelling or "").strip()), set())
                if len(known) == 1 and (not m.canonical or fold_text(m.canonical) == fold_text(m.text)):
                    key = next(iter(known))
            uf.find((d, i))
            if (m.type, key) in first:
                uf.union((d, i), first[(m.type, key)])
            else:
                first[(m.type, key)] = (d, i)


# --- building the records --------------------------------------------------------------------


def _choose_name(docs: Sequence[Doc], refs: list[Ref], type_: str) -> str:
    ms = [_mention(docs, r) for r in refs]
    if type_ == "person":
        names = [parse_person(m.text, m.side) for m in ms]
        best = max(names, key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text))
        return best.text
    canon = Counter(m.canonical for m in ms if m.canonical)
    if canon:
        return min(canon, key=lambda c: (-canon[c], -len(c), c))
    texts = Counter(m.text for m in ms)
    return min(texts, key=lambda t: (-len(t) if not t.isupper() else 0, -texts[t], t))


def _entity_id(type_: str, name: str, refs: list[Ref], docs: Sequence[Doc], taken: set[str]) -> str:
    key = compact(name) or fold_text(name)
    eid = _PREFIX.get(type_, "x-") + hashlib.sha1(f"{type_}:{key}".encode()).hexdigest()[:10]
    if eid in taken:
        first = min((_aid(docs[d]), docs[d].mentions[i].start) for d, i in refs)
        eid = _PREFIX.get(type_, "x-") + hashlib.sha1(f"{type_}:{key}:{first}".encode()).hexdigest()[:10]
    return eid


def cluster_entities(docs: Sequence[Doc]) -> EntityIndex:
    """Group every mention of every doc into entities (roles are added by ``add_roles``)."""
    uf = _Union()
    _person_groups(docs, uf)
    _merge_people(docs, uf)
    _other_groups(docs, uf)
    index = EntityIndex()
    taken: set[str] = set()
    for refs in uf.groups():
        first = _mention(docs, refs[0])
        type_ = first.type
        name = _choose_name(docs, refs, type_)
        eid = _entity_id(type_, name, refs, docs, taken)
        taken.add(eid)
        ms = [_mention(docs, r) for r in refs]
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
        mentions = [
            EntityMention(_aid(docs[d]), docs[d].mentions[i].start, docs[d].mentions[i].end, docs[d].mentions[i].text)
            for d, i in sorted(refs, key=lambda r: (r[0], docs[r[0]].mentions[r[1]].start, r[1]))
        ]
        index.entities.append(Entity(eid, type_, name, name_en, [a for a in aliases if a != name], [], mentions, side))
        index.members[eid] = refs
        for d, i in refs:
            index.of[(_aid(docs[d]), i)] = eid
        if type_ != "person":
            for spelling in [name, *aliases]:
                index.by_name.setdefault(fold_text(spelling), eid)
    index.entities.sort(key=lambda e: e.id)
    return index


def add_roles(docs: Sequence[Doc], index: EntityIndex, article_dates: dict[str, tuple[str, str]]) -> None:
    """Give each person the titles seen next to their name, merged per (title, organisation), with dates."""
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
