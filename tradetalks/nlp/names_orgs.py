"""Organisations found by their structure: a head noun and a name ("Hiệp hội X", "Sở Y tỉnh Z"), an English
company name ("Y Energy LLC"), and the acronyms written after them ("(USABC)")."""

from __future__ import annotations

from bisect import bisect_left

from tradetalks.nlp.names_lexicon import name_key
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


def _acronym_after(scan: Scan, j: int) -> str | None:
    """The acronym in parentheses right after a name: "(USABC)" -> "USABC", "(PVGas)" -> "PVGas"."""
    if j + 2 < scan.n and scan.text[j] == "(" and scan.text[j + 2] == ")" and _acronym(scan, j + 1):
        return scan.text[j + 1]
    return None


def _acronym(scan: Scan, t: int) -> bool:
    """An acronym: all capitals ("USTR"), or capitals with a lower-case tail ("PVGas", "VinFast")."""
    word = scan.text[t]
    return scan.is_upper(t) or (word.isalpha() and word[0].isupper() and sum(c.isupper() for c in word) >= 2)


def _bracketed(scan: Scan) -> list[int]:
    """Where an acronym in brackets opens ("(" of "(SECO)"), in text order: looked up by ``_to_acronym``."""
    out, j = [], -1
    while "(" in scan.key:
        try:
            j = scan.text.index("(", j + 1)
        except ValueError:
            break
        if _acronym_after(scan, j):
            out.append(j)
    return out


def _to_acronym(scan: Scan, k: int, brackets: list[int] | None = None, limit: int = 14) -> int:
    """Rule ``to_acronym``: a body's name written in full before its acronym in brackets runs up to the bracket,
    whatever the case of its words: "Ban Thư ký nhà nước về các vấn đề kinh tế (SECO)", "Tổng Công ty khí Việt
    Nam (PVGas)". Only words that go inside long names stand between (no verb, no "với"): the end, or 0."""
    if brackets is not None:
        at = bisect_left(brackets, k)
        if at == len(brackets) or brackets[at] - k > limit:
            return 0  # no acronym in reach: no walk
    m = k
    while m < scan.n and m - k < limit and scan.spaced(m) and scan.text[m].isalpha():
        word = scan.low[m]
        if word in scan.lex.clause_words or word in scan.lex.relations:
            return 0
        if (m > k and scan.is_cap(m) and scan.low[m - 1] != "thuộc"
                and any(tuple(scan.low[m:m + len(h)]) == h for h in scan.lex.org_heads.get(word, ()))):
            return 0  # another body ("Tập đoàn X và Tổng Công ty Y (YY)"), unless the one it belongs to ("thuộc")
        m += 1
    return m if m > k and _acronym_after(scan, m) else 0


def lower_head(scan: Scan, t: int) -> int:
    """Rule ``lower_head``: the size of a head noun written in lower case right before the capitalised word ``t``
    ("bộ Công Thương", "cơ quan Tình báo Trung ương Mỹ"), or 0; the head names the body all the same."""
    heads = scan.lex.low_heads.get(scan.text[t - 1]) if t else None
    if not heads or not scan.spaced(t):
        return 0
    for head in heads:
        i = t - len(head)
        if (i >= 0 and tuple(scan.text[i:t]) == head and (i == 0 or scan.low[i - 1] not in scan.lex.compounds)
                and scan.low[t] not in scan.lex.titles):
            return len(head)  # not the end of a word ("bệnh viện X" a hospital, "trụ sở X"), nor a title ("cục Phó")
    return 0


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
            if _unit_number(scan, k) and head in lex.numbered and tuple(scan.low[t:k]) == head and scan.is_cap(t):
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
            if len(head) == 1 and scan.is_upper(t) and tuple(scan.low[t:k]) == head and scan.text[t] not in lex.legal:
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


class _Found:
    """What the rules keyed on the word before a name look up, each read once per text and only when asked."""

    def __init__(self, scan: Scan, org_ends: set[int]):
        self.scan, self.org_ends = scan, org_ends
        self._brackets: list[int] | None = None
        self._tails: set[str] | None = None

    def brackets(self) -> list[int]:
        """Where an acronym in brackets opens ("(" of "(SECO)"), in text order."""
        if self._brackets is None:
            self._brackets = _bracketed(self.scan)
        return self._brackets

    def name_tails(self) -> set[str]:
        """Words written after a capitalised word somewhere: "Trump" in "Donald Trump"."""
        if self._tails is None:
            scan = self.scan
            self._tails = {scan.text[k] for k in scan.capitals if k and scan.spaced(k) and scan.is_cap(k - 1)}
        return self._tails


def _by_word_before(scan: Scan, t: int, after: int, found: _Found) -> tuple[int, int]:
    """The rules read from the word before a capitalised name at ``t`` (or its first word): where the organisation
    starts and ends, or ``(t, 0)``."""
    lex = scan.lex
    if (scan.text[t - 1] in lex.low_heads and (low_head := lower_head(scan, t)) and t - low_head >= after
            and not scan.is_upper(t) and not _starts_title(scan, t)):  # "văn phòng Bộ trưởng X": no name
        end = max(name_run(scan, t), _to_acronym(scan, t, found.brackets()))
        if end > t:
            return t - low_head, end
    end = 0
    if scan.low[t] in lex.brand_firsts and scan.is_cap(t):
        end = _brand_name(scan, t)
    if not end and _after_phrase(scan, t, "outlet"):
        end = _outlet_name(scan, t)
    if (not end and scan.low[t - 1] == "của" and scan.is_latin(t) and not scan.is_upper(t)
            and _employer_before(scan, t)):  # acronyms: left to the acronym rules
        end = _latin_run(scan, t)
        if end - t == 1 and scan.text[t] in found.name_tails():
            end = 0  # "... người phát ngôn của Pence": a person's surname told elsewhere after a first name
    if (not end and _after_phrase(scan, t, "context") and scan.is_latin(t) and not scan.is_upper(t)
            and (run := _latin_run(scan, t)) and _foreign_name(scan, t, run) and len(scan.span(t, run)) > 2):
        end = run  # rule company_after_word: "hãng Foxconn", "công ty Harbor Nine": a company's own name
    if not end and (t - 1) in found.org_ends and _listed_with_orgs(scan, t, found.org_ends):
        end = 0 if scan.text[t] in found.name_tails() else t + 1
    return t, end


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


def _brand_name(scan: Scan, t: int) -> int:
    """Rule ``brand_company``: a capitalised line of business before a brand in Latin letters is a company's short
    name ("Chứng khoán Vietcap", "Bảo hiểm AIA"); a country or place after it names a market ("Chứng khoán Mỹ")."""
    for head in scan.lex.brand_heads:
        k = t + len(head)
        if head[0] != scan.low[t] or tuple(scan.low[t:k]) != head or not scan.spaced(k) or scan.at.get(k) is not None:
            continue
        end = k
        while end < scan.n and end - k < 3 and (end == k or scan.spaced(end)) and scan.is_latin(end) and (
                scan.is_upper(end) or scan.is_cap(end) and scan.is_foreign(end) or end > k and scan.is_cap(end)):
            end += 1
        return end if end > k else 0
    return 0


def _opens_clause(scan: Scan, t: int) -> bool:
    """Token ``t`` opens the text, a line or a sentence (where any word is capitalised)."""
    return t == 0 or scan.text[t - 1] in ".!?:;\"“" or "\n" in scan.key[scan.end[t - 1]:scan.start[t]]


def _unit_number(scan: Scan, k: int) -> bool:
    """Token ``k`` is the number of a unit: up to three digits, spaced from the head ("Sư đoàn 320")."""
    return k < scan.n and scan.spaced(k) and scan.text[k].isdigit() and len(scan.text[k]) <= 3


def _employer_before(scan: Scan, t: int, reach: int = 8) -> bool:
    """Rule ``employer``: "Jianwei Xu, nhà kinh tế trưởng của Natixis": a name in Latin letters after "của" that
    closes a working role (a few words before, in one clause) is the employer, an organisation."""
    if t < 2 or scan.low[t - 1] != "của" or not scan.spaced(t):
        return False
    for k in range(t - 1, max(0, t - 1 - reach), -1):
        if not scan.text[k - 1].isalnum():
            return False  # the clause ends before a role was found
        for role in scan.lex.employer_roles.get(scan.low[k - 1], ()):
            if tuple(scan.low[k - len(role):k]) == role:
                return True
    return False


def _latin_run(scan: Scan, t: int) -> int:
    """The end of up to four capitalised Latin words from ``t`` closed by punctuation or a lower-case word, or 0."""
    k = t
    while k < scan.n and k - t < 4 and (k == t or scan.spaced(k)) and scan.is_latin(k) and (
            scan.is_cap(k) or scan.is_upper(k)) and k not in scan.at:
        k += 1
    if k == t or (k < scan.n and scan.spaced(k) and (scan.is_cap(k) or scan.is_upper(k))):
        return 0
    return k


def _listed_with_orgs(scan: Scan, t: int, org_ends: set[int]) -> bool:
    """Rule ``listed_with_orgs``: one foreign word listed right after known organisations is one too: "Samsung, LG
    và Sony" (a list names things of one kind); a name of two words may be a person's, so only one, and not a word
    the text writes after a first name elsewhere ("Donald Trump")."""
    if (t < 2 or scan.text[t - 1] not in (",", "và", "&") or (t - 1) not in org_ends or t in scan.at
            or not (scan.is_cap(t) or scan.is_upper(t)) or not scan.is_foreign(t)
            or scan.low[t] in scan.lex.modifiers or scan.low[t] in scan.lex.titles):
        return False  # not "Ths" (a degree), not a title
    if t + 1 < scan.n and scan.spaced(t + 1) and (scan.is_cap(t + 1) or scan.is_upper(t + 1)):
        return False
    return True


def _after_phrase(scan: Scan, t: int, kind: str) -> bool:
    """A phrase of ``kind`` ("outlet", "context": lower-case words) closes right before token ``t``, spaced from it;
    looked up by the word before ``t``, not tried one by one."""
    phrases = scan.lex.ends_of[kind].get(scan.low[t - 1]) if t else None
    if not phrases or not scan.spaced(t):
        return False
    return any(t >= len(p) and tuple(scan.low[t - len(p):t]) == p for p in phrases)


def _outlet_name(scan: Scan, t: int) -> int:
    """Rule ``outlet_name``: after "hãng tin", "tờ", "tạp chí", the capitalised words are a news outlet's name
    ("tờ Financial Times", "hãng thông tấn Tân Hoa"), one word or several, unless a country, place or person."""
    known = scan.at.get(t)
    if known is not None or scan.low[t] in scan.lex.breaks:
        return 0
    k = t
    while (k < scan.n and k - t < 5 and (k == t or scan.spaced(k)) and (scan.is_cap(k) or scan.is_upper(k))
           and (k == t or k not in scan.at)):
        k += 1
    return k if k > t else 0


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


def _foreign_name(scan: Scan, k: int, end: int) -> bool:
    """Tokens ``[k, end)`` are a name in Latin letters, one of them not Vietnamese ("Excelerate Energy")."""
    words = range(k, end)
    return all(scan.is_latin(w) for w in words) and any(scan.is_foreign(w) or scan.is_upper(w) for w in words)


def _add_pattern_org(scan: Scan, i: int, j: int, named: int | None = None) -> None:
    """Add an organisation found by pattern, its country written canonically: "Bộ Kinh tế Mỹ" -> "Bộ Kinh tế Hoa Kỳ".

    Rule ``company_word``: from ``named`` on, the words are the company's own name, a company word before them
    ("Tập đoàn", "Công ty") the reader's gloss: "Tập đoàn Harbor Nine" is named "Harbor Nine", as when told alone."""
    if named is not None:
        name = scan.span(named, j)
        scan.add(Cand(i, j, "organization", name_key(name), name, prio=1, label=name))
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
        elif (scan.is_upper(t) and scan.text[t] not in scan.lex.legal and (_after_context(scan, t) or _source(scan, t))
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
