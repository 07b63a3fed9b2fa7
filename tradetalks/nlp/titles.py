"""Titles next to a person: "Quyền Bộ trưởng Bộ Công Thương", "Phó Đại diện Thương mại Mỹ" -> title + organisation."""

from __future__ import annotations

from dataclasses import dataclass

from tradetalks.model import RoleMention
from tradetalks.nlp.names_lexicon import Lexicon, Title, name_key, org_by_name
from tradetalks.nlp.names_scan import Cand, Scan, name_run


@dataclass(slots=True)
class TitleHit:
    """A title phrase over tokens ``[i, j)``; the name may start at token ``next``."""

    i: int
    j: int
    next: int
    title: Title
    title_end: int = 0  # the token after the title words themselves
    acting: bool = False
    former: bool = False
    org: str | None = None  # canonical or written organisation name
    org_side: str | None = None
    org_country: str | None = None  # country of the organisation
    country: str | None = None  # country named after the title ("Thượng nghị sĩ Hoa Kỳ")
    country_side: str | None = None
    org_cand: Cand | None = None  # a ministry named by its short form: "Công Thương" in "Thứ trưởng Công Thương"

    def side(self) -> str | None:
        """VN / US / other, from the organisation or the country of the title."""
        return self.org_side or self.country_side

    def role(self, scan: Scan, text: str) -> RoleMention:
        """The role record, quoting the stored text."""
        start, end = scan.start[self.i], scan.end[self.j - 1]
        return RoleMention(text[start:end], start, end, self.title.canonical, self.title.english, self.org,
                           self.country or self.org_country, self.acting, self.former)


def title_at(scan: Scan, t: int) -> tuple[Title, int] | None:
    """The longest title written at token ``t`` and its end."""
    if t >= len(scan.low):
        return None
    for title in scan.lex.titles.get(scan.low[t], ()):
        end = t + len(title.tokens)
        if tuple(scan.low[t:end]) == title.tokens:
            return title, end
    return None


def modifiers_before(scan: Scan, t: int) -> tuple[int, bool, bool]:
    """Extend a title leftwards over "Quyền" / "nguyên" / "cựu": (first token, acting, former)."""
    acting = former = False
    start = t
    for _ in range(2):
        found = False
        for toks, kind in _title_modifiers(scan.lex):
            size = len(toks)
            if (start >= size and tuple(scan.low[start - size:start]) == toks
                    and not _inside_word(scan, start - size, kind == "acting")):
                acting |= kind == "acting"
                former |= kind == "former"
                start -= size
                found = True
                break
        if not found:
            break
    return start, acting, former


def _inside_word(scan: Scan, t: int, any_case: bool = False) -> bool:
    """A lower-case modifier that ends a compound word with the word before it: "chính quyền Tổng thống X" is
    "the administration of President X", not an acting president."""
    prev = t - 1
    if not (scan.text[t].islower() and prev >= 0 and scan.spaced(t) and scan.text[prev].isalpha()):
        return False
    opens = prev == 0 or scan.text[prev - 1] in ".!?:\"“" or "\n" in scan.key[scan.end[prev - 1]:scan.start[prev]]
    return ((scan.text[prev].islower() or opens or any_case)  # "chính quyền", "Chính quyền" (any case for "quyền")
            and scan.low[prev] not in scan.lex.breaks and scan.low[prev] not in scan.lex.modifiers)


_TITLE_MODIFIERS: dict[int, tuple[tuple[tuple[str, ...], str], ...]] = {}


def _title_modifiers(lex: Lexicon) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The words that make a title acting or former ("Quyền", "nguyên", "cựu"), longest first (once per lexicon)."""
    found = _TITLE_MODIFIERS.get(id(lex))
    if found is None:
        kinds = [m for bucket in lex.modifiers.values() for m in bucket if m[1] in ("acting", "former")]
        found = _TITLE_MODIFIERS[id(lex)] = tuple(sorted(kinds, key=lambda m: -len(m[0])))
    return found


def parse_title(scan: Scan, t: int, depth: int = 0) -> TitleHit | None:
    """The title at ``t`` with the organisation or country written after it, and chained titles."""
    found = title_at(scan, t)
    if found is None:
        return None
    title, k = found
    start, acting, former = modifiers_before(scan, t)
    hit = TitleHit(start, k, k, title, k, acting, former)
    k = _of_body(scan, k)
    cand = scan.at.get(k)
    if cand is not None and cand.type == "organization":
        hit.org, hit.org_side, hit.org_country = cand.canonical or cand.label, cand.side, cand.country
        k = cand.j
        if k + 2 < scan.n and scan.text[k] == "(" and scan.text[k + 2] == ")":
            k += 3
    elif cand is not None and cand.type == "country":
        hit.country, hit.country_side = cand.canonical, cand.side
        k = cand.j
        if title.office and cand.canonical:
            office = title.office.replace("{country}", cand.canonical)
            entry = org_by_name(office)
            hit.org = entry.canonical if entry else office
            hit.org_side, hit.org_country = cand.side, cand.canonical
        if k + 2 < scan.n and scan.text[k] == "(" and scan.text[k + 2] == ")" and scan.is_upper(k + 1):
            k += 3  # "Đại diện Thương mại Hoa Kỳ (USTR) Jamieson Greer"
    elif title.kind == "minister":
        k = _ministry(scan, k, hit)
    if hit.org is None and title.office and "{country}" not in title.office:
        entry = org_by_name(title.office)  # a title that names its office: "Phó USTR"
        if entry is not None:
            hit.org, hit.org_side, hit.org_country = entry.canonical, entry.side, entry.country
    if k + 1 < scan.n and scan.low[k] == "tại" and (place := scan.at.get(k + 1)) and place.type != "organization":
        k = place.j
    hit.j = hit.next = k
    if depth < 3 and k + 1 < scan.n and scan.low[k] in (",", "kiêm") and _same_case(scan, t, k + 1):
        chained = parse_title(scan, k + 1, depth + 1)
        if chained is not None:
            hit.next = chained.next
            if scan.low[k] == "kiêm" and hit.org is None and hit.country is None:
                # "Chủ tịch kiêm Giám đốc điều hành X": the organisation after the last title is everyone's
                hit.org, hit.org_side, hit.org_country = chained.org, chained.org_side, chained.org_country
                hit.country, hit.country_side, hit.j = chained.country, chained.country_side, chained.j
    return hit


def _same_case(scan: Scan, t: int, k: int) -> bool:
    """Two titles chain only when written alike: "Thứ trưởng, Trưởng đoàn X" does, but in "theo chuyên gia,
    Tổng thống X" a common noun stands before a title that is not its own."""
    return k < scan.n and (scan.text[t][0].isupper() or not scan.text[k][0].isupper())


def _of_body(scan: Scan, k: int) -> int:
    """Past "của" (and a few lower-case words before it) to the body it names: "Phó Chủ tịch khu vực của USABC"."""
    for size in range(4):
        end = k + size
        if end + 1 >= scan.n or not all(scan.text[w].isalpha() and scan.text[w].islower()
                                        and scan.low[w] not in scan.lex.breaks for w in range(k, end)):
            return k
        body = scan.at.get(end + 1)
        if scan.low[end] == "của" and body is not None and body.type in ("organization", "country"):
            return end + 1
    return k


def _ministry(scan: Scan, k: int, hit: TitleHit) -> int:
    """A ministry by its short name after a minister's title: "Công Thương", "Ngoại giao Hoa Kỳ"."""
    if k >= scan.n or not scan.text[k][0].isupper():
        return k
    stems = scan.lex.ministry_stems
    for size in range(min(8, scan.n - k), 0, -1):
        entries = stems.get(tuple(scan.low[k:k + size]))
        if entries is None:
            continue
        end = k + size
        country = scan.at.get(end)
        if country is not None and country.type == "country":
            entry = entries.get(country.canonical)
            if entry is None and (home := entries.get(None)) is not None and home.country == country.canonical:
                entry = home
            name = entry.canonical if entry else f"Bộ {scan.span(k, end)} {country.canonical}"
            side, where, end = country.side, country.canonical, country.j
        else:
            entry = entries.get(None)
            if entry is None:
                # a ministry of an unnamed country: "Bộ trưởng Thương mại Lutnick"
                return _ministry_of_country(scan, k, hit) or end
            name, side, where = entry.canonical, entry.side, entry.country
        hit.org, hit.org_side, hit.org_country = name, side, where
        hit.org_cand = Cand(k, end, "organization", name_key(name), name, side, where, label=name)
        return end
    return _ministry_of_country(scan, k, hit) or k


def _ministry_of_country(scan: Scan, k: int, hit: TitleHit) -> int:
    """An unlisted ministry named up to its country: "Thương mại và Công nghiệp Ấn Độ" -> its end, or 0."""
    end = name_run(scan, k)
    country = scan.country_within(k, end)  # "Kinh tế Hàn Quốc Choi Sang-mok": up to the country
    if country is None or country.canonical is None:
        return 0
    name, end = f"Bộ {scan.span(k, country.i)} {country.canonical}", country.j
    hit.org, hit.org_side, hit.org_country = name, country.side, country.canonical
    hit.org_cand = Cand(k, end, "organization", name_key(name), name, country.side, country.canonical, label=name)
    return end
