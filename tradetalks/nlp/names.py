"""Names: people (with their titles), organisations, places and countries, by rules and gazetteers.

One pass over the tokens of ``doc.key``: known names from resources/, organisations by their
head noun ("Hiệp hội ...") or company suffix ("... LLC"), people by surname, by Latin letters or
by a title/form of address before them, then short references ("ông Damond") linked to the full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from tradetalks.model import Doc, Mention, RoleMention
from tradetalks.nlp.names_gazetteer import match_gazetteer
from tradetalks.nlp.names_lexicon import english_name, lexicon, name_key
from tradetalks.nlp.names_orgs import attach_acronyms, bare_acronyms, match_org_patterns
from tradetalks.nlp.names_people import bracket_aliases, context_name, find_people, find_refs
from tradetalks.nlp.names_scan import PLACE_PREPOSITIONS, Cand, Scan
from tradetalks.nlp.normalize import fold
from tradetalks.nlp.titles import TitleHit, parse_title, title_at
from tradetalks.stage import stage

__all__ = ["english_name", "extract_names"]


def _extend_by_country(scan: Scan) -> None:
    """A known organisation followed by another country belongs to it: "Bộ Ngoại giao Nhật Bản"."""
    for cand in list(scan.cands):
        after = scan.at.get(cand.j)
        if (cand.type == "organization" and after is not None and after.type == "country"
                and cand.country != after.canonical and scan.spaced(cand.j) and cand.j - cand.i > 1):
            name = f"{cand.canonical} {after.canonical}"
            cand.j, cand.canonical, cand.label = after.j, name, name
            cand.key, cand.side, cand.country = name_key(name), after.side, after.canonical


def _covered(scan: Scan) -> list[bool]:
    """Tokens inside (not at the start of) a known name: no title is read there."""
    inside = [False] * scan.n
    for cand in scan.cands:
        for t in range(cand.i + 1, cand.j):
            inside[t] = True
    return inside


def _link_titles(scan: Scan, people: dict[int, Cand], roles: dict[int, TitleHit]) -> list[Cand]:
    """Read every title; attach it to the name after it, or make that name a person."""
    inside = _covered(scan)
    extra: list[Cand] = []
    after = 0
    titles = scan.lex.titles
    for t in scan.positions(titles):
        hit = None if inside[t] or t < after else parse_title(scan, t)
        if hit is None:
            continue
        _name_not_country(scan, people, hit)
        person = _person_after(scan, people, hit)
        if person is None:
            person = context_name(scan, hit.next, "title", _known_names(people))
            if person is not None:
                people[person.i] = person
        if hit.org_cand is not None and hit.org_cand.side == "VN" and not (person is not None and person.latin):
            extra.append(hit.org_cand)  # "Thứ trưởng Công Thương": a Vietnamese ministry by its short name
        if person is not None:
            person.context = person.context or "title"
            roles.setdefault(person.i, hit)
            if hit.i and scan.low[hit.i - 1] in _PLURAL:
                _share_title(scan, people, roles, person, hit)
        after = max(t + 1, hit.j)
    return extra


def _name_not_country(scan: Scan, people: dict[int, Cand], hit: TitleHit) -> None:
    """"Thứ trưởng Nhật Tân": a one-word country that starts the given names of a person already named."""
    country = scan.at.get(hit.title_end)
    if hit.country is None or country is None or country.type != "country" or country.j != country.i + 1:
        return
    tails = {tuple(c.key.split()[-size:]) for c in people.values() if c.vietnamese
             for size in range(1, len(c.key.split()))}
    k = country.i + 1
    while k < scan.n and k - country.i < 3 and scan.is_cap(k) and scan.spaced(k):
        k += 1
        if tuple(fold(w) for w in scan.text[country.i:k]) in tails:
            hit.country = hit.country_side = hit.org = hit.org_side = hit.org_country = None
            hit.j = hit.next = country.i
            return


#: Words that open a name set beside a title after a comma ("Thứ trưởng Bộ Thương mại Trung Quốc, ông …").
_APPOSITION = frozenset({"ông", "bà"})
#: A word before a title that makes the title part of someone else's description ("người phát ngôn của Tổng thống").
_OWNER = frozenset({"của"})

#: Words before a title that make it shared by a list of names: "các Thứ trưởng A, B và C".
_PLURAL = frozenset({"các", "những", "hai", "ba", "bốn"})


def _share_title(scan: Scan, people: dict[int, Cand], roles: dict[int, TitleHit], first: Cand, hit: TitleHit) -> None:
    """Give a plural title to every name listed after the first one ("A, B và C")."""
    k = first.j
    while k + 1 < scan.n and scan.low[k] in (",", "và") and (nxt := people.get(k + 1)) is not None:
        roles.setdefault(nxt.i, hit)
        k = nxt.j


class _KnownNames(AbstractSet[str]):
    """The words a short reference may use: given names and surnames of the full names found so far.

    Read only when a name is asked about, so a title or "ông" before every name does not re-read them all.
    """

    def __init__(self, people: dict[int, Cand]):
        self.people = people
        self._words: set[str] | None = None

    def _get(self) -> set[str]:
        if self._words is None:
            self._words = {w for c in self.people.values() if c.full for w in c.key.split()[1:]}
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _known_names(people: dict[int, Cand]) -> AbstractSet[str]:
    return _KnownNames(people)


def _foreign_minister(person: Cand, hit: TitleHit) -> bool:
    """A foreign name under a Vietnamese ministry's short name: "Bộ trưởng Tài chính Scott Bessent"."""
    return person.latin and hit.org_country == "Việt Nam" and hit.country is None and hit.title.kind == "minister"


def _person_after(scan: Scan, people: dict[int, Cand], hit: TitleHit) -> Cand | None:
    """The person named right after a title, skipping an unknown organisation name ("... Chính phủ")."""
    if hit.next in people:
        return people[hit.next]
    k = hit.next
    if k + 2 < scan.n and scan.text[k] == "," and scan.low[k + 1] in _APPOSITION and k + 2 in people:
        # "Bộ trưởng Quốc phòng Đức, ông Karl Heim, …": the title, then the name in apposition; not after "của"
        # ("trợ lý của Tổng thống Nga, ông X": X is the aide, the title someone else's)
        return None if hit.i and scan.low[hit.i - 1] in _OWNER else people[k + 2]
    if tuple(scan.low[k:k + 2]) == ("phụ", "trách"):  # "... phụ trách kinh tế, năng lượng Jacob Helberg"
        k += 2
        while k < scan.n and k - hit.next < 16 and scan.text[k] not in ".;:()" and k not in people:
            k += 1
        return people.get(k)
    while k < scan.n and k - hit.next < 6 and scan.spaced(k) and scan.text[k].isalpha():
        if k in people:
            return people[k]
        if not (scan.is_cap(k) or scan.is_upper(k) or scan.is_cap(k - 1)) or title_at(scan, k) is not None:
            return None  # only an unknown organisation's name may stand between: "... Chính phủ Nguyễn Văn A"
        k += 1
    return None


def _link_honorifics(scan: Scan, people: dict[int, Cand]) -> None:
    """A name after "ông", "bà", "ngài", "TS." is a person."""
    modifiers = scan.lex.modifiers
    for t in scan.positions(modifiers):
        for toks, kind in modifiers[scan.low[t]]:
            end = t + len(toks)
            if kind not in ("honorific", "academic") or tuple(scan.low[t:end]) != toks:
                continue
            if kind == "honorific" and scan.text[t][0].isupper() and t and scan.text[t - 1] not in ".\n":
                if scan.key[scan.end[t - 1]:scan.start[t]].count("\n") == 0 and scan.text[t - 1] != ":":
                    continue
            if end in people:
                people[end].context = people[end].context or "honorific"
            elif (person := context_name(scan, end, "honorific", _known_names(people))) is not None:
                people[end] = person
            if end in people and toks in scan.lex.genders:
                people[end].gender = scan.lex.genders[toks]
            break


def _mark_places(scan: Scan) -> None:
    """A name after "đường", "tỉnh", "bang" is a place; one after "hiệu" is a brand, never a person."""
    modifiers = scan.lex.modifiers
    for t in scan.positions(modifiers):
        for toks, kind in modifiers[scan.low[t]]:
            k = t + len(toks)
            if kind not in ("place", "not_person") or tuple(scan.low[t:k]) != toks:
                continue
            while kind == "place" and k < scan.n and (scan.text[k].isdigit() or scan.text[k] in "/-"):
                k += 1  # a house number: "hẻm 53 Lê Hồng Phong"
            if not scan.is_cap(k):
                continue
            if kind == "place" and toks[0] != "tp" and scan.text[t][0].isupper() and not _line_start(scan, t):
                break
            known = scan.at.get(k)
            if known is not None and known.type in ("location", "country"):
                end = known.j
            else:
                end = k + 1
                while (end < scan.n and end - k < 5 and (scan.is_cap(end) or scan.text[end].isdigit())
                       and scan.spaced(end) and end not in scan.at
                       and not (scan.lex.surnames.get(scan.text[end]) is False and scan.is_cap(end + 1))):
                    end += 1  # stops before a person: "UBND TP Hà Nội Trần Sỹ Thanh"
            for i in range(k, end):
                scan.no_person[i] = True
            if kind == "place" and known is None:
                name = scan.span(k, end)
                scan.add(Cand(k, end, "location", name_key(name), None, label=name))
            break


def _mark_places_in_country(scan: Scan) -> None:
    """ "tại Jeju (Hàn Quốc)": a capitalised name after "tại"/"ở" followed by a country in brackets is a place,
    listed in the gazetteer or not."""
    for t in scan.positions(PLACE_PREPOSITIONS):
        k = t + 1
        if not scan.is_cap(k) or k in scan.at:
            continue
        end = k + 1
        while end - k < 4 and scan.is_cap(end) and end not in scan.at and scan.spaced(end):
            end += 1
        bracket = scan.text[end] if end < scan.n else ""
        country = scan.at.get(end + 1)
        if bracket != "(" or country is None or country.type != "country":
            continue
        if country.j >= scan.n or scan.text[country.j] != ")":
            continue
        for i in range(k, end):
            scan.no_person[i] = True
        name = scan.span(k, end)
        scan.add(Cand(k, end, "location", name_key(name), None, label=name))


def _line_start(scan: Scan, t: int) -> bool:
    """Token ``t`` opens the text, a line or a sentence."""
    return t == 0 or scan.text[t - 1] in ".!?:" or "\n" in scan.key[scan.end[t - 1]:scan.start[t]]


def _byline(scan: Scan, cand: Cand) -> bool:
    """A name alone on its line with nothing marking it as a person: an author's byline ("Nguyễn Hải")."""
    if cand.type != "person" or cand.context is not None:
        return False
    j = cand.j + 1 if cand.j < scan.n and scan.text[cand.j] in ".-" and not _breaks_line(scan, cand.j) else cand.j
    return _breaks_line(scan, cand.i) and _breaks_line(scan, j)


def _breaks_line(scan: Scan, t: int) -> bool:
    """A line break (or the edge of the text) lies between tokens ``t - 1`` and ``t``."""
    return t <= 0 or t >= scan.n or "\n" in scan.key[scan.end[t - 1]:scan.start[t]]


def _resolve(cands: list[Cand], scan: Scan) -> list[Cand]:
    """Keep the longest of overlapping candidates (a known name wins a tie); drop bylines."""
    cands = [c for c in cands if not _byline(scan, c)]
    order = sorted(cands, key=lambda c: (-(scan.end[c.j - 1] - scan.start[c.i]), c.prio, c.i))
    taken = [False] * scan.n
    kept: list[Cand] = []
    for cand in order:
        if any(taken[cand.i:cand.j]):
            continue
        for t in range(cand.i, cand.j):
            taken[t] = True
        kept.append(cand)
    kept += bare_acronyms(scan, taken)
    return sorted(kept, key=lambda c: c.i)


def _cut_off(scan: Scan, cand: Cand) -> bool:
    """A person's name that runs into the very end of a text with no closing stop: the stored copy ends
    mid-word ("... Phó Thủ tướng Hồ Đứ"), so the name is not whole."""
    return cand.type == "person" and cand.j == scan.n and scan.end[-1] == len(scan.key.rstrip()) and scan.n > 1


def _post_role(scan: Scan, cand: Cand, people: dict[int, Cand]) -> TitleHit | None:
    """A title after a name: ", Chủ tịch ...", " - Phó Đại diện Thương mại Mỹ", " từng là ..."."""
    k = cand.j
    former = False
    if k < scan.n and scan.text[k] in (",", "-", "("):
        k += 1
    elif tuple(scan.low[k:k + 2]) in (("từng", "là"), ("nguyên", "là"), ("hiện", "là")):
        former = scan.low[k] != "hiện"
        k += 2
    else:
        return None
    if k < scan.n and scan.low[k] in ("ông", "bà"):
        return None
    hit = parse_title(scan, k)
    if hit is None:
        for toks, kind in scan.lex.modifiers.get(scan.low[k] if k < scan.n else "", ()):
            if kind in ("acting", "former") and tuple(scan.low[k:k + len(toks)]) == toks:
                hit = parse_title(scan, k + len(toks))
                break
    if hit is None or _person_after(scan, people, hit) is not None or _names_next(scan, people, hit.next):
        return None
    hit.former |= former
    return hit


def _names_next(scan: Scan, people: dict[int, Cand], k: int) -> bool:
    """A person is named later in the clause a title opens, so the title is theirs, not the name's before it:
    "ông A - Bộ trưởng bộ Tư pháp B"."""
    end = min(scan.n, k + 8)
    while k < end and scan.text[k] not in ",.;:()!?\"“”":
        if k in people:
            return True
        k += 1
    return False


def _person_side(cand: Cand, hit: TitleHit | None) -> str | None:
    """VN / US / other from the title's organisation or country; a Vietnamese name with a title is VN."""
    if hit is not None and hit.side():
        return hit.side()
    if hit is not None and cand.vietnamese:
        return "VN"
    return None


def _role(scan: Scan, doc: Doc, cand: Cand, pre: TitleHit | None,
          people: dict[int, Cand]) -> tuple[RoleMention | None, str | None]:
    """The role of a person (the title before the name, else after it) and the person's side."""
    post = _post_role(scan, cand, people)
    hit = pre
    if hit is None or (hit.org is None and hit.country is None and post is not None and post.org is not None):
        hit = post or pre
    if hit is None:
        return None, None
    if _foreign_minister(cand, hit):
        hit.org = hit.org_side = hit.org_country = None
    return hit.role(scan, doc.text), _person_side(cand, hit)


@stage(requires={"key", "sentences"}, provides={"mentions"})
def extract_names(doc: Doc) -> Doc:
    """Fill ``doc.mentions`` with people, organisations, places and countries, in text order."""
    scan = Scan(doc.key or doc.text, lexicon())
    match_gazetteer(scan)
    _extend_by_country(scan)
    match_org_patterns(scan)
    attach_acronyms(scan, [c for c in scan.cands if c.type == "organization"])
    _mark_places(scan)
    _mark_places_in_country(scan)
    people = find_people(scan)
    roles: dict[int, TitleHit] = {}
    extra = _link_titles(scan, people, roles)
    _link_honorifics(scan, people)
    kept = _resolve(scan.cands + extra + list(people.values()), scan)
    kept = [c for c in kept if not (c.type == "organization" and all(scan.credit[c.i:c.j])) and not _cut_off(scan, c)]
    persons = [c for c in kept if c.type == "person"]
    starts = {c.i: c for c in persons}
    refs = find_refs(persons, scan)
    for alias, named in bracket_aliases(persons, scan).items():
        refs.setdefault(alias, refs.get(named, named))
    index = {id(c): n for n, c in enumerate(kept)}
    mentions: list[Mention] = []
    sides: dict[int, str | None] = {}
    for n, cand in enumerate(kept):
        start, end = scan.start[cand.i], scan.end[cand.j - 1]
        mention = Mention(start, end, doc.text[start:end], cand.type, cand.key, cand.canonical,
                          side=cand.side, acronym=cand.acronym)
        if cand.type == "person":
            mention.role, mention.side = _role(scan, doc, cand, roles.get(cand.i), starts)
            sides[n] = mention.side
        mentions.append(mention)
    for p, full in refs.items():
        ref_at = index[id(persons[full])]
        own = index[id(persons[p])]
        mentions[own].ref = ref_at
        if mentions[own].side is None:
            mentions[own].side = mentions[ref_at].side
    _sides_from_heading(doc, mentions)
    doc.mentions = mentions
    return doc


_SIDE_HEADING = re.compile(r"\s*(?:về\s+)?phía\s+$", re.IGNORECASE)


def _sides_from_heading(doc: Doc, mentions: list[Mention]) -> None:
    """A sentence opened by "Về phía Mỹ," speaks for that side: its people without a side get it."""
    first = 0
    for sentence in doc.sentences or []:
        while first < len(mentions) and mentions[first].start < sentence.start:
            first += 1
        inside = []
        for m in mentions[first:]:
            if m.start >= sentence.end:
                break
            inside.append(m)
        if not inside or inside[0].type != "country" or inside[0].side is None:
            continue
        head = inside[0]
        if not _SIDE_HEADING.fullmatch(doc.key[sentence.start:head.start]) or doc.key[head.end:head.end + 1] != ",":
            continue
        for m in inside[1:]:
            if m.type == "person" and m.side is None:
                m.side = head.side
