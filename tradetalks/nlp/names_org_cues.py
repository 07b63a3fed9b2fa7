"""Organisations told by the word before them or by their acronym in brackets: a head noun in lower case
("bộ Công Thương"), a kind of outlet ("tờ Financial Times"), a working role ("nhà kinh tế của Natixis"), a company
word ("hãng Foxconn"), a list of companies, and a long name closed by its acronym ("... (SECO)")."""

from __future__ import annotations

from bisect import bisect_left

from tradetalks.nlp.names_scan import Scan, _starts_title, name_run


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
    if not end and scan.low[t] not in lex.reporters:
        end = _interview_outlet(scan, t)
    if not end and (t - 1) in found.org_ends and _listed_with_orgs(scan, t, found.org_ends):
        end = 0 if scan.text[t] in found.name_tails() else t + 1
    return t, end


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


def _foreign_name(scan: Scan, k: int, end: int) -> bool:
    """Tokens ``[k, end)`` are a name in Latin letters, one of them not Vietnamese ("Excelerate Energy")."""
    words = range(k, end)
    return all(scan.is_latin(w) for w in words) and any(scan.is_foreign(w) or scan.is_upper(w) for w in words)


def _interview_outlet(scan: Scan, t: int) -> int:
    """Rule ``interview_outlet``: "Trao đổi với Tiền Phong, ông X cho biết": the capitalised name after words of
    talking to the press (and "PV"), closed by a comma and a person (a form of address, a degree or a title), is the
    newspaper the person spoke to; the end of its name, or 0."""
    k = t - 1
    if scan.low[k] in scan.lex.reporters:
        k -= 1  # "với PV Người Đưa Tin"
    if not any(k + 1 >= len(p) and tuple(scan.low[k + 1 - len(p):k + 1]) == p for p in scan.lex.interviews):
        return 0
    known = scan.at.get(t)
    if known is not None and known.type != "organization":
        return 0  # "nói với Mỹ, ...": a country
    end = t
    while end < scan.n and end - t < 4 and (end == t or scan.spaced(end)) and (scan.is_cap(end) or scan.is_upper(end)):
        end += 1
    if end >= scan.n - 1 or scan.text[end] != "," or not _person_opens(scan, end + 1):
        return 0
    return end


def _person_opens(scan: Scan, k: int) -> bool:
    """A person's name opens at ``k`` with a form of address, a degree or a title ("ông", "TS", "Giám đốc")."""
    if any(kind in ("honorific", "academic") for _, kind in scan.lex.modifiers.get(scan.low[k], ())):
        return True  # "ông", "TS" (with its period or not)
    return _starts_title(scan, k)
