"""Known organisations, countries and places in the text, unless a syllable of a person's name ("Mỹ Tâm")."""

from __future__ import annotations

from dataclasses import dataclass, field

from tradetalks.nlp.names_lexicon import Alias, Entry, Lexicon, name_key
from tradetalks.nlp.names_org_cues import lower_head
from tradetalks.nlp.names_scan import Cand, Scan, _starts_title


def _entry_cand(scan: Scan, i: int, j: int, entry: Entry) -> Cand:
    """A candidate for a known name."""
    side = entry.side
    return Cand(i, j, entry.type, name_key(entry.canonical), entry.canonical, side, entry.country,
                label=entry.canonical)


@dataclass(slots=True)
class _Spellings:
    """The spellings that open with one word, looked up by size rather than tried one by one."""

    sizes: list[int] = field(default_factory=list)  # sizes of the spellings of two words or more, longest first
    lowered: dict[tuple[str, ...], Alias] = field(default_factory=dict)  # their words -> the first listed
    cased: dict[str, Alias] = field(default_factory=dict)  # one-word spellings as written -> the first listed


_SPELLINGS: list[tuple[Lexicon, dict[str, _Spellings]]] = []


def _spellings(lex: Lexicon) -> dict[str, _Spellings]:
    """``lex.aliases`` by first word, each bucket indexed by size and words; a spelling listed first in its bucket
    (the longest; of equal ones, the first loaded) wins, as when the bucket is tried in order."""
    for known, cached in _SPELLINGS:
        if known is lex:
            return cached
    index: dict[str, _Spellings] = {}
    for first, bucket in lex.aliases.items():
        spellings = index[first] = _Spellings()
        for alias in bucket:
            if alias.case_sensitive:
                spellings.cased.setdefault(alias.tokens[0], alias)
            else:
                spellings.lowered.setdefault(alias.tokens, alias)
                if len(alias.tokens) not in spellings.sizes:
                    spellings.sizes.append(len(alias.tokens))
        spellings.sizes.sort(reverse=True)
    _SPELLINGS[:] = [(lex, index)]
    return index


def _spelling_at(spellings: _Spellings, scan: Scan, t: int) -> Alias | None:
    """The longest known spelling at token ``t``: lower-cased spellings of several words, else a word as written."""
    if scan.text[t][0].isupper():
        for size in spellings.sizes:
            alias = spellings.lowered.get(tuple(scan.low[t:t + size]))
            if alias is not None:
                return alias
    return spellings.cased.get(scan.text[t])


def _lowered_at(index: dict[str, _Spellings], scan: Scan, i: int) -> Alias | None:
    """A known organisation's spelling of several words starting at token ``i``, whatever the case of its head."""
    spellings = index.get(scan.low[i])
    if spellings is None:
        return None
    for size in spellings.sizes:
        alias = spellings.lowered.get(tuple(scan.low[i:i + size]))
        if alias is not None and alias.entry.type == "organization":
            return alias
    return None


def match_gazetteer(scan: Scan) -> None:
    """Every known organisation, country and place, the longest spelling at each token."""
    low = scan.low
    index = _spellings(scan.lex)
    low_heads = scan.lex.low_heads
    after = 0
    for t in scan.capitals:
        if t < after:
            continue
        head = lower_head(scan, t) if t and scan.text[t - 1] in low_heads else 0
        if head and t - head >= after and (known := _lowered_at(index, scan, t - head)) is not None:
            scan.add(_entry_cand(scan, t - head, t - head + len(known.tokens), known.entry))  # "bộ Công Thương"
            after = t - head + len(known.tokens)
            continue
        spellings = index.get(low[t])
        alias = None if spellings is None else _spelling_at(spellings, scan, t)
        if alias is None:
            continue
        size, entry = len(alias.tokens), alias.entry
        if size == 1 and any(len(h) > 1 and tuple(low[t:t + len(h)]) == h for h in scan.lex.org_heads.get(low[t], ())):
            continue  # "Đảng ủy Chính phủ": a longer head noun, not the party named "Đảng"
        if (size == 1 and entry.type == "organization" and (low[t],) in scan.lex.org_heads.get(low[t], ())
                and scan.spaced(t + 1) and (scan.is_cap(t + 1) or scan.is_upper(t + 1))):
            continue  # "Đảng Cộng sản Cuba": a head noun that opens another name, not the one it names alone
        if size == 1 and entry.type != "organization" and (_ends_person_name(scan, t) or _opens_given_name(scan, t)
                                                       or _pronoun(scan, t)):
            continue  # "Hoàng Anh", "Mỹ Tâm": a syllable of a person's name, not the country
        if size == 1 and scan.spaced(t + 1) and scan.is_cap(t + 1) and scan.low[t + 1] in scan.lex.event_words:
            after = t + 2
            continue  # "ASEAN Cup", "SEA Games": a contest named after it, not the organisation
        if not (entry.type == "organization" and size == 1 and t and scan.low[t - 1] == "phó"):
            scan.add(_entry_cand(scan, t, t + size, entry))
        after = t + size


def _one_word_place(scan: Scan, t: int) -> bool:
    """Token ``t`` alone spells a country or place ("Mỹ", "Đức")."""
    return any(a.case_sensitive and a.tokens[0] == scan.text[t] and a.entry.type != "organization"
               for a in scan.lex.aliases.get(scan.low[t], ()))


def _pronoun(scan: Scan, t: int) -> bool:
    """A personal pronoun starts at ``t``: "Anh ấy", "anh ta", or "Anh" opening a sentence in an article
    that never names that country mid-sentence ("Anh ghi bàn ở phút 80")."""
    for toks, kind in scan.lex.modifiers.get(scan.low[t], ()):
        if tuple(scan.low[t:t + len(toks)]) != toks:
            continue
        if kind == "pronoun":
            return True
        if kind == "pronoun_word" and _opens_sentence(scan, t) and t + 1 < scan.n and scan.text[t + 1].islower():
            return not any(scan.text[k] == scan.text[t] and _names_country(scan, k) for k in range(scan.n))
    return False


def _names_country(scan: Scan, k: int) -> bool:
    """The one-word country at ``k`` surely names the country: listed with another, or mid-sentence and no name."""
    if _listed(scan, k):
        return True
    return not _opens_sentence(scan, k) and not scan.is_cap(k - 1) and not _opens_given_name(scan, k)


def _listed(scan: Scan, t: int) -> bool:
    """A name at ``t`` is listed with another: "Anh và EU", "Anh, Pháp"."""
    return (t + 2 < scan.n and scan.low[t + 1] in ("và", ",", "-", "cùng")
            and (scan.is_cap(t + 2) or scan.is_upper(t + 2)))


def _opens_sentence(scan: Scan, t: int) -> bool:
    """Token ``t`` opens the text, a line or a sentence."""
    return t == 0 or scan.text[t - 1] in ".!?:\"" or _line_start(scan, t)


def _ends_person_name(scan: Scan, t: int) -> bool:
    """Token ``t`` goes on a Vietnamese name: after a surname or inside a run of capitalised syllables."""
    prev = t - 1
    if prev < 0 or not scan.spaced(t) or not scan.is_cap(prev) or scan.is_foreign(prev) or prev in scan.at:
        return False
    if any(c.i <= prev < c.j for c in scan.cands[-3:]):
        return False  # "Hoa Kỳ Anh" is no name
    if scan.no_person[prev]:
        return True  # a photographer in a credit: "Ảnh: Tuấn Anh"
    if scan.text[prev] in scan.lex.surnames or (scan.spaced(prev) and scan.is_cap(prev - 1)
                                                 and not scan.is_foreign(prev - 1)):
        return True
    if _one_word_place(scan, prev) and _opens_given_name(scan, prev):
        return True  # both syllables of a name: "huyện Mỹ Đức"
    return _line_start(scan, prev) and _byline_end(scan, t + 1)  # a byline: "Minh Anh - Thu Hà"


def _opens_given_name(scan: Scan, t: int) -> bool:
    """Token ``t`` opens a two-syllable Vietnamese given name ("Mỹ Tâm", "Đức Phúc"), not "Mỹ Marc Knapper"."""
    nxt = t + 1
    if not (scan.spaced(nxt) and scan.is_cap(nxt)) or scan.is_foreign(nxt) or scan.text[nxt] in scan.lex.surnames:
        return False
    heads = scan.lex.org_heads.get(scan.low[nxt], ())
    if _starts_title(scan, nxt) or any(tuple(scan.low[nxt:nxt + len(h)]) == h for h in heads):
        return False
    return not (scan.spaced(nxt + 1) and scan.is_cap(nxt + 1))  # "Mỹ Tom Cotton": a foreign name after the country


def _line_start(scan: Scan, t: int) -> bool:
    """Token ``t`` opens a line."""
    return t == 0 or "\n" in scan.key[scan.end[t - 1]:scan.start[t]]


def _byline_end(scan: Scan, t: int) -> bool:
    """What follows a two-syllable name at ``t`` ends a byline: the line's end, or a dash and another name."""
    if t >= scan.n or _line_start(scan, t):
        return True
    return (scan.text[t] in ("-", "–") and scan.is_cap(t + 1) and scan.is_cap(t + 2) and scan.spaced(t + 2)
            and (t + 3 >= scan.n or _line_start(scan, t + 3)))
