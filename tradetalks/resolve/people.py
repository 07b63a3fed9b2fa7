"""People across articles: a person's mentions joined by references, full names, surnames with titles,
spellings and transcriptions, never two people who only share a surname or a first name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tradetalks.model import Doc, Mention
from tradetalks.nlp.names_scan import vietnamese_syllable
from tradetalks.resolve.holders import (
    HolderCounts,
    RowCounts,
    article_groups,
    dominant_holder,
    group_gender,
    holder_of,
    holder_rows,
    mark_genders,
)
from tradetalks.resolve.names import (
    PersonName,
    fold_text,
    given_compatible,
    given_conflict,
    parse_person,
    spelling_variant,
    syllable_onset,
    tail_of,
    vowel_keys,
)

Ref = tuple[int, int]  # (doc index, mention index)
#: Two mentions of a title count as the same time when their articles lie this close.
_ROLE_YEARS = 400


class UnionFind:
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


def mention_at(docs: Sequence[Doc], ref: Ref) -> Mention:
    return docs[ref[0]].mentions[ref[1]]


@dataclass(slots=True)
class _Group:
    refs: list[Ref]
    names: list[PersonName]
    sides: set[str]
    roles: set[tuple[str, str]]
    years: list[date]
    titles: set[str] = field(default_factory=set)
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
            ends.setdefault(tuple(tokens[-n:]), {})[full[j].key] = j
        by_surname.setdefault(full[j].surname, {})[(full[j].key, len(tokens))] = j

    def hosts(name: PersonName) -> dict[str, int]:
        found = dict(ends.get(tuple(name.tokens), {}))
        if not name.vietnamese:
            for (key, size), j in by_surname.get(name.surname, {}).items():
                if size > len(name.tokens):
                    found[key] = max(j, found.get(key, -1))
        return found

    return hosts


def person_groups(docs: Sequence[Doc], uf: UnionFind) -> None:
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
        m = mention_at(docs, ref)
        g.names.append(parse_person(m.text, m.side))
        if m.side:
            g.sides.add(m.side)
        if m.role and not m.role.former:
            g.titles.add(fold_text(m.role.title))
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
    if given_compatible(na, nb) or tail_of(na, nb) or tail_of(nb, na):
        return True
    return not given_conflict(na, nb) and _roles_fit(a, b) and _times_fit(a, b)


def _roles_fit(a: _Group, b: _Group) -> bool:
    """One title at one place: "Phó Đại diện Thương mại" of "Hoa Kỳ" fits the same title of the US trade office."""
    for ta, wa in a.roles:
        for tb, wb in b.roles:
            if ta == tb and (set(wa.split()) <= set(wb.split()) or set(wb.split()) <= set(wa.split())):
                return True
    return False


def article_holder_rows(doc: Doc) -> set[tuple[str, str]]:
    """The rows of rule ``dominant_surname_holder`` (``resolve/holders.py``) one article gives: the holders of a
    surname it names in full, each with the form of address of its mentions there."""
    uf = UnionFind()
    person_groups([doc], uf)
    return holder_rows(article_groups(doc, [[i for _, i in refs] for refs in uf.groups()]))


def holder_counts(docs: Sequence[Doc], holders: HolderCounts | None) -> HolderCounts:
    """The counts of rule ``dominant_surname_holder``: the docs' own, added to ``holders`` (the other stored
    articles' counts, in an incremental resolution), else alone (a full rebuild)."""
    counts = holders if holders is not None else RowCounts()
    for doc in docs:
        counts.add(article_holder_rows(doc))
    return counts


def merge_people(
    docs: Sequence[Doc], uf: UnionFind, holders: HolderCounts | None = None, *, counted: HolderCounts | None = None
) -> None:
    """Join name groups across articles by surname with title, organisation, side and time; a bare surname that
    fits several holders joins the dominant one (``holders``: the articles' counts, by default of ``docs``;
    ``counted``: every count already made, ``docs`` included, as a partition of the archive is given them)."""
    if counted is None:
        for doc in docs:
            mark_genders(doc)
    counts = counted if counted is not None else holder_counts(docs, holders)
    person_refs = [r for r in list(uf.parent) if mention_at(docs, r).type == "person"]
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
                if len(owners) > 1:  # "Tổng thống Trump": the one of several Trumps who holds that title
                    owners = {
                        uf.find(r)
                        for r in full
                        if _sides_fit(groups[root], groups[r]) and groups[root].titles & groups[r].titles
                    }
                if len(owners) == 1:
                    uf.union(root, next(iter(owners)))
                elif not _vietnamese_word(groups[root].best):
                    _join_dominant(docs, groups, uf, root, full, counts)
    _join_spelling_variants(groups, uf)
    _join_by_other_word(groups, uf)
    _join_transcriptions(docs, groups, uf)


def _vietnamese_word(name: PersonName) -> bool:
    """A bare name that may be a Vietnamese given name ("Kim", "Long"): never joined by prominence."""
    return name.vietnamese or any(vietnamese_syllable(w) for w in name.text.split())


def _join_dominant(
    docs: Sequence[Doc], groups: dict[Ref, _Group], uf: UnionFind, root: Ref, full: list[Ref], counts: HolderCounts
) -> None:
    """Rule ``dominant_surname_holder`` (``resolve/holders.py``): "ông Trump" of an article that names no Trump in
    full joins Donald Trump, named far more often than the other Trumps; "bà Trump" does not."""
    g = groups[root]
    gender = group_gender([mention_at(docs, r).gender for r in g.refs])
    given = dominant_holder(counts, g.best.surname, gender)
    if given is None:
        return
    held = [r for r in full if holder_of(groups[r].best) == (g.best.surname, given) and _sides_fit(g, groups[r])]
    if g.titles and held and not any(g.titles & groups[r].titles or not groups[r].titles for r in held):
        return  # a title told beside the bare name that the holder never holds: someone else
    owners = {uf.find(r) for r in held}
    if len(owners) == 1:
        uf.union(root, next(iter(owners)))
    elif not owners:
        counts.pending(root, g.best.surname, given)


def _join_by_other_word(groups: dict[Ref, _Group], uf: UnionFind) -> None:
    """A one-word foreign name that is no one's surname joins the one full name it is a word of, at one side:
    "Lula" (or the transcription "Lu-la") joins "Luiz Inácio Lula da Silva"."""
    words: dict[str, set[Ref]] = defaultdict(set)
    surnames: set[str] = set()
    for root, g in groups.items():
        if not g.best.vietnamese and len(g.best.tokens) >= 2:
            surnames.add(g.best.surname)
            for w in g.best.tokens[:-1]:
                if len(w) >= 4:
                    words[w].add(root)
    for root, g in sorted(groups.items()):
        if g.best.vietnamese or len(g.best.tokens) != 1 or g.best.surname in surnames:
            continue
        owners = {uf.find(r) for r in words.get(g.best.surname, ()) if _sides_fit(g, groups[r])}
        if len(owners) == 1:
            uf.union(root, next(iter(owners)))


def _join_spelling_variants(groups: dict[Ref, _Group], uf: UnionFind) -> None:
    """Foreign full names spelled one vowel apart word by word, at one side and time, are one person:
    "Maurio Viera" ~ "Mauro Vieira" (blocked by the surname with each vowel taken out)."""
    by_key: dict[str, list[Ref]] = defaultdict(list)
    for root, g in sorted(groups.items()):
        if not g.best.vietnamese and len(g.best.tokens) >= 2:
            for key in vowel_keys(g.best.surname):
                by_key[key].append(root)
    for roots in by_key.values():
        for i, ra in enumerate(roots):
            for rb in roots[i + 1 :]:
                a, b = groups[ra], groups[rb]
                if (
                    uf.find(ra) != uf.find(rb)
                    and spelling_variant(a.best, b.best)
                    and _sides_fit(a, b)
                    and _times_fit(a, b)
                ):
                    uf.union(ra, rb)


#: Sides a person transcribed into Vietnamese syllables can be on ("Lý Thành Cương" of China's delegation).
_FOREIGN_SIDES = frozenset({"US", "other"})


def _join_transcriptions(docs: Sequence[Doc], groups: dict[Ref, _Group], uf: UnionFind) -> None:
    """Rule ``transcribed_foreign_name``: a foreign name read into Vietnamese syllables is written by some outlets
    with its last syllable read another way ("Lý Thành Cương" and "Lý Thành Cảng"). Two such names of three
    syllables or more, the same but for the end of the last syllable (its first consonants agree), are one person
    when one holds an office of a foreign country (a title naming it, "Thứ trưởng Bộ Thương mại Trung Quốc") that
    every article of the other names too, neither is on Viet Nam's side, no article names both and their times
    fit. "Nguyễn Văn Cường" and "Nguyễn Văn Cảnh" of Vietnamese articles are two people."""
    blocks: dict[tuple[str, ...], list[Ref]] = defaultdict(list)
    for root, g in sorted(groups.items()):
        tokens = g.best.tokens
        if g.best.vietnamese and len(tokens) >= 3 and "VN" not in g.sides:
            blocks[(*tokens[:-1], syllable_onset(tokens[-1]))].append(root)
    named: dict[int, set[str]] = {}

    def countries_of(d: int) -> set[str]:
        if d not in named:
            named[d] = {m.canonical or m.text for m in docs[d].mentions if m.type == "country"}
        return named[d]

    def office_abroad(a: _Group, b: _Group) -> bool:
        """``a`` holds an office of a foreign country that every article of ``b`` names."""
        abroad = {c for m in a.refs if (c := _office_country(mention_at(docs, m))) is not None}
        return any(all(c in countries_of(d) for d in {r[0] for r in b.refs}) for c in abroad)

    for roots in blocks.values():
        for i, ra in enumerate(roots):
            for rb in roots[i + 1 :]:
                a, b = groups[ra], groups[rb]
                if (
                    uf.find(ra) != uf.find(rb)
                    and (office_abroad(a, b) or office_abroad(b, a))
                    and not {r[0] for r in a.refs} & {r[0] for r in b.refs}
                    and _times_fit(a, b)
                ):
                    uf.union(ra, rb)


def _office_country(m: Mention) -> str | None:
    """The foreign country whose office a person's title names, when the person is on a foreign side."""
    role = m.role
    if role is None or m.side not in _FOREIGN_SIDES or role.country is None:
        return None
    return role.country
