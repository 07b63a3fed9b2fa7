"""The negotiation an event belongs to: the one its sentence names, else the partner it is with, else the
article's; talks between other countries get a key of their own, so they never join Viet Nam's."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from tradetalks.event_types import spec
from tradetalks.extract.cues import (
    CueHit,
    Lexicon,
    ends_with,
    event_lexicon,
    hits_within,
    lower_view,
    read_tsv,
    text_cues,
    words_pattern,
)
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.draft import Draft, same_person
from tradetalks.model import VN_US_RECIPROCAL, Doc, Event, Mention

_NAME_GAP = 80  # how far after its cue a negotiation's name may stand in the cue's noun phrase
_NOTE_REACH = 80  # how far after the bracket that opens an inclusion note a country may stand in it
_TITLE_REACH = 60  # how far after a word of trade the person whose title holds it may be named
_CAPITALISED_RUN = re.compile(r"(?:\s+[A-ZĐÀ-Ỹ][\w.]*)*\s*")  # " Hoa Kỳ ": the country of a title
_CLAUSE = re.compile(r"[,;:]\s|\.\s")
NEGOTIATION_CUES = "negotiation_cues.tsv"
#: The groups of ``negotiation_cues.tsv`` and what their cues say.
CUE_GROUPS = {
    "state": "right before a capitalised name: a state of a federation (bang Iowa)",
    "not_state": "phrases holding a state word that name a whole federation (Liên bang Nga)",
    "excluded": "right before a country: the country is left out, no party (trừ Trung Quốc)",
    "not_excluded": "phrases ending in an exclusion word that leave nothing out (khấu trừ, loại trừ)",
    "included": "right after an opening bracket: a note of what the word before covers (bao gồm), no parties",
}


class NegotiationCuesError(ValueError):
    """``negotiation_cues.tsv`` is malformed (the message names the file and the row)."""


def parse_negotiation_cues(rows: list[list[str]], name: str = NEGOTIATION_CUES) -> Lexicon:
    """The cues of ``negotiation_cues.tsv`` labelled by group; an unknown or empty group is an error."""
    entries: list[tuple[str, str, str]] = []
    for r in rows:
        if len(r) < 2 or r[0] not in CUE_GROUPS or not r[1]:
            raise NegotiationCuesError(
                f"{name}: bad row {chr(9).join(r)!r} (group must be one of {sorted(CUE_GROUPS)})"
            )
        entries.append((r[0], r[1], ""))
    empty = set(CUE_GROUPS) - {e[0] for e in entries}
    if empty:
        raise NegotiationCuesError(f"{name}: no cues for group(s) {sorted(empty)}")
    return Lexicon(entries)


@lru_cache(maxsize=1)
def negotiation_cues() -> Lexicon:
    return parse_negotiation_cues(read_tsv(NEGOTIATION_CUES))


def state_party(low: str, key: str, a: int, b: int) -> bool:
    """Rule *state deal*: a state of a federation named in ``[a, b)`` ("ký 5 bản ghi nhớ với bang Iowa"): a
    deal with one state is cooperation with it, not the national trade talks ("Liên bang Nga" is a country); a
    state named as where something happens ("gặp nhau tại bang Florida", "ở Austin, bang Texas") is no party."""
    for h in negotiation_cues().find(low, key, a, b):
        if h.label != "state" or not re.match(r"\s+[A-ZÀ-Ỹ]", key[h.end : h.end + 3]):
            continue
        if low[max(a, h.start - 3) : h.start].rstrip().endswith(","):
            continue
        if ends_with("locative", low, key, max(a, h.start - 30), h.start) is None:
            return True
    return False


def excluded_country(low: str, key: str, start: int) -> bool:
    """Rule *excluded country*: a country right after "trừ" or "ngoại trừ" ("hoãn thuế với mọi nước, trừ Trung
    Quốc") is the one left out, not a party; "khấu trừ", "loại trừ" leave nothing out."""
    hi = start
    while hi > 0 and (low[hi - 1].isspace() or low[hi - 1] == "("):
        hi -= 1
    hits = [h for h in negotiation_cues().find(low, key, max(0, hi - 20), hi) if h.end == hi]
    return bool(hits) and hits[-1].label == "excluded"


@lru_cache(maxsize=1)
def negotiation_names() -> dict[tuple[str, str], str]:
    """(key, "name_vi"|"name_en") -> display name of a negotiation."""
    return {(r[0], r[1]): r[2] for r in read_tsv("negotiations.tsv") if len(r) >= 3 and r[1].startswith("name_")}


@lru_cache(maxsize=1)
def _talks_re() -> re.Pattern[str]:
    """Words about talks or agreements ("đàm phán", "hiệp định"), from the data file."""
    return re.compile(rf"(?<!\w)(?:{words_pattern('talks')})(?!\w)")


def doc_negotiations(doc: Doc, low: str, key: str) -> Counter[str]:
    """How often each negotiation's name occurs in the article (shared names only beside Viet Nam)."""

    def count() -> Counter[str]:
        found = text_cues(low, key)
        counts = Counter(h.label for h in found.get("agreement", []))
        for h in found.get("agreement_vn", []):
            if _about_vietnam(doc, h.start):
                counts[h.label] += 1
        return counts

    return Counter(doc_index(doc).remember(("negotiations", low, key), count))


def _about_vietnam(doc: Doc, pos: int, partner: bool = False) -> bool:
    """Whether the sentence at ``pos`` is about Viet Nam's talks: a Vietnamese party named there (or,
    when the sentence names no third country, anywhere in the article); a partner country is allowed
    only when ``partner``."""
    index = doc_index(doc)
    s = index.sentence_at(pos)
    if s is None:
        return False
    sides = index.remember(
        ("sides", s.start, s.end),
        lambda: {m.side for m in index.mentions_in(s.start, s.end) if m.side and not _not_party(doc, m)},
    )
    if "other" in sides and not partner:
        return False
    has_vn = index.remember("has_vn", lambda: any(m.side == "VN" for m in doc.mentions))
    return "VN" in sides or (not partner and has_vn)


def _not_party(doc: Doc, m: Mention) -> bool:
    """A country named as a place, as the one left out (rule *excluded country*) or in a note of what another
    word covers (rule *inclusion note*): no party."""
    key = doc.key or doc.text
    low = lower_view(key)
    return _is_place(doc, m) or excluded_country(low, key, m.start) or inclusion_note(low, key, m.start)


def inclusion_note(low: str, key: str, start: int) -> bool:
    """Rule *inclusion note*: a country in brackets opened by "bao gồm", "gồm", "kể cả" ("mức thuế áp lên Trung
    Quốc (kể cả Ma Cao, Hồng Kông)", "nhóm BRICS (gồm Brazil, Nga …)") tells what the word before
    the bracket covers; the talks are that word's, the country is no party of its own."""
    opened = low.rfind("(", max(0, start - _NOTE_REACH), start)
    if opened < 0 or ")" in low[opened:start]:
        return False
    at = opened + 1
    while at < start and low[at].isspace():
        at += 1
    return any(h.label == "included" and h.start == at for h in negotiation_cues().find(low, key, at, start))


def _is_place(doc: Doc, m: Mention) -> bool:
    """A country named as where something happens, not as a party: "tại Kuala Lumpur (Malaysia)", "tại Ý"."""
    key = doc.key or doc.text
    low = lower_view(key)
    if low[max(0, m.start - 3) : m.start].rstrip().endswith("("):
        ends = doc_index(doc).remember(
            "location_ends", lambda: sorted(o.end for o in doc.mentions if o.type == "location")
        )
        i = bisect.bisect_left(ends, m.start - 3)
        return i < len(ends) and ends[i] <= m.start
    if low[max(0, m.start - 3) : m.start].rstrip().endswith(","):  # "tại Stockholm, Thụy Điển": the city's country
        comma = low.rfind(",", 0, m.start)
        place = re.search(r"(?:\s[A-ZÀ-Ỹ][\w.-]*)+\s*$", key[max(0, comma - 40) : comma])
        return (
            place is not None
            and ends_with("locative", low, key, max(0, comma - 70), comma - len(place.group())) is not None
        )
    return ends_with("locative", low, key, max(0, m.start - 30), m.start) is not None


def _parties(doc: Doc, spans: list[tuple[int, int]], people: list[int]) -> list[Mention]:
    """The countries and people of an event's sentences that take part (not places), and its people."""
    index = doc_index(doc)
    seen: set[int] = set()
    inside: list[Mention] = []
    for a, b in spans:
        for mi in index.mention_ids_in(a, b):
            m = doc.mentions[mi]
            if mi not in seen and m.type in ("country", "person") and not _not_party(doc, m):
                seen.add(mi)
                inside.append(m)
    inside.sort(key=lambda m: m.start)
    return inside + [doc.mentions[p] for p in people]


@lru_cache(maxsize=1)
def _united_states() -> str:
    """The canonical name of the country whose side is "US" in ``countries.tsv``."""
    return next(r[0] for r in read_tsv("countries.tsv") if len(r) >= 3 and r[2] == "US")


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def foreign_talks(doc: Doc, spans: list[tuple[int, int]], people: list[int]) -> str | None:
    """ "Mỹ và Trung Quốc nhất trí …", "Bộ trưởng Tài chính Mỹ gặp Phó Thủ tướng Trung Quốc": an event whose
    sentence names two other countries as parties (a person of the United States standing for it) and no
    Vietnamese party belongs to their own talks ("talks:hoa-ky+trung-quoc"), never to Viet Nam's."""
    parties = _parties(doc, spans, people)
    delegations = _delegations(doc, spans)
    countries = {m.canonical or m.text for m in parties if m.type == "country"} | set(delegations)
    foreign = {m.canonical or m.text for m in parties if m.type == "country" and m.side != "VN"}
    foreign |= {c for c, side in delegations.items() if side != "VN"}
    # a Vietnamese party: Viet Nam named, or a Vietnamese person unless two other countries are the sides
    vietnamese = any(m.side == "VN" and (m.type == "country" or len(foreign) < 2) for m in parties)
    vietnamese = vietnamese or "VN" in delegations.values()
    if vietnamese or (not any(m.side == "other" for m in parties) and "other" not in delegations.values()):
        return None
    if any(m.type == "person" and m.side == "US" for m in parties):
        countries.add(_united_states())
    if len(countries) < 2:
        return None
    return "talks:" + "+".join(sorted(_slug(c) for c in countries))


@lru_cache(maxsize=1)
def _country_names() -> Lexicon:
    """Every name of a country in ``countries.tsv``, labelled with its canonical name."""
    rows = [r for r in read_tsv("countries.tsv") if len(r) >= 4]
    return Lexicon([(r[0], alias, r[2]) for r in rows for alias in r[3].split("|") if alias])


def _delegations(doc: Doc, spans: list[tuple[int, int]]) -> dict[str, str]:
    """Rule *delegation*: "Phái đoàn Trung Quốc đàm phán với Mỹ": an organisation of a side named after its
    country stands for that country; canonical country name -> side."""
    key = doc.key or doc.text
    low = lower_view(key)
    out: dict[str, str] = {}
    for a, b in spans:
        for m in doc_index(doc).mentions_in(a, b):
            if m.type == "organization" and m.side:
                hits = _country_names().find(low, key, m.start, m.end)
                if hits and hits[-1].end == m.end:
                    out[hits[-1].label] = hits[-1].value
    return out


def _foreign_tariff(doc: Doc, d: Draft) -> bool:
    """A rate put on another country's goods in its own clause ("…, Thái Lan 36%"): not Viet Nam's talks."""
    if d.event.type != "tariff_action" or not d.spans:
        return False
    a, b = d.spans[0]
    mentions = doc_index(doc).mentions_in(a, b)
    sides = {m.side for m in mentions if m.type == "country" and not _not_party(doc, m)}
    return "other" in sides and "VN" not in sides


def _named(low: str, hits: list[CueHit], anchor: int, s_start: int) -> CueHit | None:
    """The negotiation named for the cue at ``anchor`` in its sentence: the name in the cue's noun phrase
    ("vòng đàm phán thứ 13 Hiệp định EVFTA"), else the nearest before it in its clause, else the nearest
    before it, else the first after it ("… Hiệp định song phương Mỹ - Việt Nam được ký kết năm 2000")."""
    after = [h for h in hits if h.start >= anchor]
    if after and after[0].start - anchor <= _NAME_GAP and not _CLAUSE.search(low, anchor, after[0].start):
        return after[0]
    before = [h for h in hits if h.end <= anchor]
    if before:
        clause = [h for h in before if not _CLAUSE.search(low, h.end, anchor)]
        return (clause or before)[-1]
    return min(hits, key=lambda h: h.start) if hits else None


def _trade_words(
    low: str, key: str, spans: list[tuple[int, int]], doc: Doc | None = None, people: list[int] | None = None
) -> bool:
    """Words of trade in ``spans`` (with ``doc`` and the event's ``people``: rule *title of a bystander*)."""
    for a, b in spans:
        hits = event_lexicon("trade").find(low, key, a, b)
        if hits and (doc is None or people is None or any(not _in_bystander_title(doc, h, people) for h in hits)):
            return True
    return False


def _in_bystander_title(doc: Doc, hit: CueHit, people: list[int]) -> bool:
    """Rule *title of a bystander*: a word of trade in the title of a person who is not a party of the event
    ("Tổng Bí thư gặp Tổng thống Mỹ, tiếp Trưởng Đại diện Thương mại Mỹ …": "Thương mại" is the second host's
    office) says nothing of what the first meeting was about; in the title of one of its parties it does. A title
    is the person's own role, or a capitalised phrase running up to the name ("Thương mại Hoa Kỳ" before "Đại sứ X")."""
    key = doc.key or doc.text
    if not key[hit.start : hit.start + 1].isupper():
        return False
    for mi in doc_index(doc).mention_ids_in(hit.end, hit.end + _TITLE_REACH):
        m = doc.mentions[mi]
        if m.type != "person":
            continue
        role = m.role
        in_role = role is not None and role.start <= hit.start and hit.end <= role.end
        title_at = role.start if role is not None and hit.end <= role.start < m.start else m.start
        if not in_role and not _CAPITALISED_RUN.fullmatch(key, hit.end, title_at):
            return False
        return not any(same_person(doc, mi, p) for p in people)
    return False


def negotiation_of(doc: Doc, low: str, key: str, d: Draft) -> str | None:
    """The negotiation of a drafted event (None when the article does not tell it)."""
    found = text_cues(low, key)
    s = doc.sentences[d.sentence]
    spans = [(s.start, s.end), *sorted(d.spans)]
    for a, b in spans:
        hits = hits_within(found.get("agreement", []), a, b)
        hits += [h for h in hits_within(found.get("agreement_vn", []), a, b) if _about_vietnam(doc, h.start)]
        if hits:
            anchor = d.anchor if a <= d.anchor < b else a
            named = _named(low, sorted(hits, key=lambda h: h.start), anchor, a)
            if named is not None:
                return named.label
    if any(state_party(low, key, a, b) for a, b in spans):
        return None
    if _foreign_tariff(doc, d):
        return foreign_talks(doc, [d.spans[0]], [])  # the rate's own clause ("…, Thái Lan 36%")
    counts = doc_negotiations(doc, low, key)
    series = spec(d.event.type).series
    if series and counts and counts.most_common(1)[0][1] >= 2:
        return counts.most_common(1)[0][0]  # a round in an article about one negotiation is one of its rounds
    foreign = foreign_talks(doc, spans, d.people)
    if foreign is not None:
        return foreign
    trade = _trade_words(low, key, spans, doc, d.people)
    # a partner named with talks or trade words ("làm việc với Hoa Kỳ về thương mại"): Viet Nam's talks with it
    for a, b in spans:
        if trade or series or _talks_re().search(low, a, b):
            keys = {h.label for h in hits_within(found.get("partner", []), a, b)}
            if len(keys) == 1 and _about_vietnam(doc, a, partner=True) and (trade or series):
                return keys.pop()
    if us_party_talks(doc, low, key, d, spans, trade):
        return VN_US_RECIPROCAL
    sides = {doc.mentions[p].side for p in d.people}
    if not counts or ("other" in sides and "VN" not in sides):
        return None  # US–China talks told in an article about Viet Nam's: not Viet Nam's negotiation
    best, n = counts.most_common(1)[0]
    # the article's negotiation, for an event told in words of trade or talks
    talks = any(_talks_re().search(low, a, b) for a, b in spans)
    return best if trade or talks or (n >= 3 and series) else None


def us_party_talks(doc: Doc, low: str, key: str, d: Draft, spans: list[tuple[int, int]], trade: bool) -> bool:
    """Rule *US party*: "Tổng thống Trump đánh giá cao … cán cân thương mại song phương": an event whose parties
    are Vietnamese and American (a person of either side standing for it) and no third country, told in words
    of trade, is in Viet Nam's talks with the United States. A meeting or call may take its words of trade and
    its other side from the sentence before it ("Đại sứ Mỹ … sau khi Mỹ công bố thuế quan … . Ông … đã gặp Phó
    Thủ tướng …")."""
    own = _sides(doc, low, key, spans, d.people)
    if trade:
        return own == {"VN", "US"}
    if not own or spec(d.event.type).kind != "encounter" or d.sentence == 0:
        return False
    before = doc.sentences[d.sentence - 1]
    if not _trade_words(low, key, [(before.start, before.end)]):
        return False
    return own | _sides(doc, low, key, [(before.start, before.end)], []) == {"VN", "US"}


def _sides(doc: Doc, low: str, key: str, spans: list[tuple[int, int]], people: list[int]) -> set[str]:
    """The known sides of the parties of ``spans`` (countries and people)."""
    return {m.side for m in _parties(doc, spans, people) if m.side}


def share_series_negotiation(events: list[Event]) -> None:
    """ "… vòng đàm phán thứ sáu EVFTA … . … một vòng thương thuyết mới tại Hà Nội": a round told without a
    negotiation of its own belongs to the negotiation of the round told before it in the article."""
    last: str | None = None
    for ev in events:
        if not spec(ev.type).series:
            continue
        if ev.negotiation is None:
            ev.negotiation = last
        last = ev.negotiation or last
