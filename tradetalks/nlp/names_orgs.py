"""Organisations found by their structure: a head noun and a name ("Hiệp hội X", "Sở Y tỉnh Z"), an English
company name ("Y Energy LLC"), and the acronyms written after them ("(USABC)")."""

from __future__ import annotations

from tradetalks.nlp.names_lexicon import name_key
from tradetalks.nlp.names_org_cues import (
    _acronym_after,
    _by_word_before,
    _foreign_name,
    _Found,
    _to_acronym,
)
from tradetalks.nlp.names_scan import (
    CONNECTORS,
    Cand,
    Scan,
    _starts_title,
    lower_tail,
    name_run,
    phrase_end,
    unit_place,
)


def match_org_patterns(scan: Scan) -> None:
    """Organisations not in the gazetteer: "Hiệp hội X", "Y Energy LLC", "Z Advisors (ZA)"."""
    lex = scan.lex
    after = 0
    found = _Found(scan, {c.j for c in scan.cands if c.type == "organization"})
    before, org_ends = lex.words_before, found.org_ends
    for t in scan.capitals:
        if t < after:
            continue
        known = scan.at.get(t)
        if known is not None:
            after = known.j
            continue
        end, start, own_name = 0, t, None
        for head in lex.org_heads.get(scan.low[t], ()):
            k = t + len(head)
            opens = scan.is_cap(k) or scan.is_upper(k) or phrase_end(scan.lex.org_inner, scan, k) > 0 or (
                unit_place(scan, k) > k) or _to_acronym(scan, k, found.brackets()) > 0  # "Tòa án nhân dân"
            if (k < scan.n and scan.text[k].isdigit() and _unit_number(scan, k) and head in lex.numbered
                    and tuple(scan.low[t:k]) == head and scan.is_cap(t)):
                end = name_run(scan, k + 1) if scan.spaced(k + 1) and scan.is_cap(k + 1) else k + 1
                break  # "Quân khu 5", "Hạm đội 7"
            if (not opens and head in lex.low_names and scan.is_cap(t) and tuple(scan.low[t:k]) == head
                    and not _opens_clause(scan, t) and not _starts_title(scan, t)
                    and (low_end := _lower_name(scan, k)) > k + 1):
                end = low_end
                break  # "Quỹ bảo hiểm tiền gửi Việt Nam", "Nhóm tác chiến viễn chinh số 7"
            if ((scan.is_cap(t) or len(head) == 1 and scan.is_upper(t)) and tuple(scan.low[t:k]) == head and opens
                    and (not scan.is_upper(k - 1) or len(head) == 1)):
                end = max(name_run(scan, k), _to_acronym(scan, k, found.brackets()))
                if head in lex.abroad:
                    named = end
                    end = _mission_place(scan, end)
                    if head in lex.missions and end == named:
                        end = 0  # "Phái đoàn Trung Quốc": a country's delegation, no body without its place
                inner = scan.at.get(k)
                if (inner is not None and inner.type == "organization" and inner.j >= end
                        and (tuple((inner.canonical or "").lower().split()[:len(head)]) == head
                             or head in lex.org_contexts)):
                    end = 0  # "Văn phòng USTR", "Tập đoàn Boeing": the known organisation itself (not "Văn phòng
                    # Trung ương Đảng", the Committee's office)
                if end and _foreign_outlet(scan, head, k, end):
                    start = k
                elif end and head in lex.org_contexts and _foreign_name(scan, k, end):
                    own_name = k  # "Tập đoàn Excelerate Energy" is the company "Excelerate Energy"
                break
            if head in lex.abbreviated_heads and scan.is_upper(t) and tuple(scan.low[t:k]) == head:
                end = k  # an abbreviated body on its own: "đại diện VKSND", "HĐND đã họp"
                break
        if not end and t and (scan.low[t - 1] in before or (t - 1) in org_ends or scan.low[t] in lex.brand_firsts):
            start, end = _by_word_before(scan, t, after, found)
        if (not end and scan.is_cap(t) and scan.is_latin(t) and not _after_word(scan, t)
                and scan.low[t] not in lex.breaks):  # "Theo Birch Management": "Theo" is "according to"
            end = _latin_org(scan, t)
        if end:
            _add_pattern_org(scan, start, end, own_name)
            after = end


def _foreign_outlet(scan: Scan, head: tuple[str, ...], k: int, end: int) -> bool:
    """Rule ``foreign_outlet``: "Báo The Kyiv Independent", "Tạp chí Forbes": a word naming a newspaper or magazine
    before a name in a foreign language is the reader's gloss, not part of the name."""
    words = range(k, end)
    return ((head in scan.lex.outlets or head == ("báo",)) and all(scan.is_latin(w) for w in words)
            and any(scan.is_foreign(w) or scan.is_upper(w) for w in words))  # not "Báo An ninh"


def _lower_name(scan: Scan, k: int) -> int:
    """Rule ``lower_name``: after a head noun that may be followed by a name in lower case ("Quỹ", "Ủy ban"), the
    lower-case words that close as a name does (see ``lower_tail``), with a small number or a country or place
    after them ("Nhóm tác chiến viễn chinh số 7 Mỹ"); not when another capitalised name follows ("Hội đồng quản
    trị Tổng Công ty X": the board of a company named after it), or 0."""
    end = lower_tail(scan, k, limit=10)
    if end <= k + 1:
        return 0
    if end < scan.n and scan.text[end].isdigit():
        end += 1  # "... số 7"
    if end < scan.n and scan.spaced(end) and scan.is_cap(end):
        place = scan.at.get(end)
        if place is None or place.type not in ("country", "location"):
            return 0
        end = place.j
    return end


def _opens_clause(scan: Scan, t: int) -> bool:
    """Token ``t`` opens the text, a line or a sentence (where any word is capitalised)."""
    return t == 0 or scan.text[t - 1] in ".!?:;\"“" or "\n" in scan.key[scan.end[t - 1]:scan.start[t]]


def _unit_number(scan: Scan, k: int) -> bool:
    """Token ``k`` is the number of a unit: up to three digits, spaced from the head ("Sư đoàn 320")."""
    return k < scan.n and scan.spaced(k) and scan.text[k].isdigit() and len(scan.text[k]) <= 3


def _after_word(scan: Scan, t: int) -> bool:
    """Token ``t`` goes on a capitalised word before it ("Birch" in "Công ty Birch"), not one opening a clause."""
    return bool(t and scan.is_cap(t - 1) and scan.spaced(t) and scan.low[t - 1] not in scan.lex.breaks)


def _mission_place(scan: Scan, end: int) -> int:
    """The end of a mission's name that goes on with "tại" and a country or city: "Thương vụ Việt Nam tại Mỹ"."""
    place = scan.at.get(end + 1)
    if (end < scan.n and scan.low[end] == "tại" and scan.spaced(end) and place is not None
            and place.type in ("country", "location")):
        return place.j
    return end


def _latin_org(scan: Scan, t: int) -> int:
    """The end of an English company name starting at ``t``, or 0."""
    k, words, last_suffix = t, [], 0
    while k < scan.n and (k == t or scan.spaced(k)):
        if (scan.is_cap(k) or scan.is_upper(k)) and scan.is_latin(k):
            words.append(k)
            if scan.low[k] in scan.lex.org_suffixes and len(words) > 1:
                last_suffix = k + 1
            k += 1
            if k < scan.n and scan.text[k] == "." and scan.low[k - 1] in scan.lex.org_suffixes:
                k += 1
        elif scan.low[k] in CONNECTORS and k + 1 < scan.n and scan.is_cap(k + 1):
            k += 1
        else:
            break
    if len(words) < 2:
        return 0  # one word: neither initials before an acronym nor a name before a company suffix
    acronym = _acronym_after(scan, k)
    if acronym and len(words) > 1:
        initials = "".join(scan.text[w][0] for w in words)
        core = list(words)
        while len(core) > 1 and scan.low[core[-1]] in scan.lex.org_suffixes:
            core.pop()
        if acronym in (initials, "".join(scan.text[w][0] for w in core)):
            return k
    return last_suffix


def _add_pattern_org(scan: Scan, i: int, j: int, named: int | None = None) -> None:
    """Add an organisation found by pattern, its country written canonically: "Bộ Kinh tế Mỹ" -> "Bộ Kinh tế Hoa Kỳ".

    Rule ``company_word``: from ``named`` on, the words are the company's own name, a company word before them
    ("Tập đoàn", "Công ty") the reader's gloss: "Tập đoàn Harbor Nine" is named "Harbor Nine", as when told alone."""
    if named is not None:
        name = scan.span(named, j)
        scan.add(Cand(i, j, "organization", name_key(name), name, prio=1, label=name))
        return
    paper = scan.lex.orgs.get(name_key("Báo " + scan.span(i, j)))
    if paper is not None:  # rule newspaper_short: "Trao đổi với Tiền Phong" names Báo Tiền Phong
        scan.add(Cand(i, j, "organization", name_key(paper.canonical), paper.canonical, paper.side, paper.country,
                      prio=1, label=paper.canonical))
        return
    parts, side, country = [], None, None
    pos, t = scan.start[i], i
    while t < j:
        inner = scan.at.get(t)
        if inner is not None and inner.type == "country" and inner.j <= j and scan.low[t - 1] != "châu":
            parts += [scan.key[pos:scan.start[t]], inner.canonical or ""]
            if country is None:  # the first country is the body's own: "Thương vụ Việt Nam tại Mỹ"
                side, country = inner.side, inner.canonical
            pos = scan.end[inner.j - 1]
            t = inner.j
        else:
            t += 1
    parts.append(scan.key[pos:scan.end[j - 1]])
    name = "".join(parts)
    name = name[:1].upper() + name[1:]  # a head written in lower case: "cơ quan Tình báo ..." -> "Cơ quan Tình báo ..."
    canonical = name if name != scan.span(i, j) else None
    scan.add(Cand(i, j, "organization", name_key(name), canonical, side, country, prio=1, label=name))


def attach_acronyms(scan: Scan, orgs: list[Cand]) -> None:
    """Record "Name (ACR)" acronyms on their organisations."""
    inner: set[int] = set()
    for cand in orgs:
        acronym = _acronym_after(scan, cand.j)
        if acronym and cand.acronym is None:
            cand.acronym = acronym
            scan.acronyms.setdefault(acronym, cand)
            inner.add(cand.j + 1)
    scan.cands = [c for c in scan.cands if not (c.i in inner and c.j == c.i + 1)]
    for t in inner:
        if t in scan.at and scan.at[t].j == t + 1:
            del scan.at[t]


def bare_acronyms(scan: Scan, taken: list[bool]) -> list[Cand]:
    """Later bare uses of an acronym defined in the article, and all-capitals brands after "tập đoàn"."""
    out = []
    for t in scan.capitals:
        if taken[t] or not scan.is_upper(t):
            continue
        if t and scan.text[t - 1] == "(":
            continue
        org = scan.acronyms.get(scan.text[t])
        if org is not None:
            out.append(Cand(t, t + 1, "organization", org.key, org.canonical, org.side, org.country,
                            acronym=scan.text[t]))
        elif (scan.is_upper(t) and scan.text[t] not in scan.lex.legal
              and (_after_context(scan, t) or _source(scan, t) or _says(scan, t))
              and not scan.is_upper(t - 1)):  # "DOANH NGHIỆP CẦN": a headline in capitals names no brand
            out.append(Cand(t, t + 1, "organization", name_key(scan.text[t]), None, prio=1))
    return out


def _after_context(scan: Scan, t: int) -> bool:
    """A word that names a company ("tập đoàn", "trong đó có") closes right before ``t``."""
    for ctx in scan.lex.org_contexts:
        if tuple(scan.low[t - len(ctx):t]) == ctx:
            return True
    return False


def _source(scan: Scan, t: int) -> bool:
    """Rule ``source_acronym``: "Theo CNA, ...": an all-capitals name alone between a clause-opening "theo" and a
    comma says who reports, a news outlet or a body (not "tính theo USD, ...")."""
    gap = scan.key[scan.end[t - 2]:scan.start[t - 1]] if t > 1 else ""
    opens = t == 1 or (t > 1 and (scan.text[t - 2] in ',.;:!?"“(' or "\n" in gap))
    return bool(t and scan.low[t - 1] in scan.lex.sources and opens and scan.spaced(t) and t + 1 < scan.n
                and scan.text[t + 1] == ",")


def _says(scan: Scan, t: int) -> bool:
    """Rule ``speaking_acronym``: "JETRO nhận định, ...": an all-capitals word of three letters or more right before
    a verb of saying or judging is a body speaking (not "HLV", a person's role)."""
    k = t + 1
    return (len(scan.text[t]) >= 3 and k < scan.n and scan.spaced(k) and scan.low[t] not in scan.lex.role_abbreviations
            and any(tuple(scan.low[k:k + len(v)]) == v for v in scan.lex.says.get(scan.low[k], ())))
