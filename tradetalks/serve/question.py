"""Rule-based reading of a question (Vietnamese or English, diacritics optional) into an intent and its slots."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from tradetalks.serve.index import fold_name

MAX_QUESTION = 1000
_VI_LETTERS = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_VI_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?")
_EVENT_WORD = re.compile(r"\b(vong|phien|round|session)\b")
_KINDS = ("agreement", "call", "meeting")
_ORDINAL_SUFFIX = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)?$")
_RATE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|phần trăm|phan tram|percent\b)", re.IGNORECASE)
_VI_MONTH = re.compile(r"\bthang (\d{1,2}) (?:nam )?(\d{4})\b")
#: How many words after "vòng"/"phiên" its number may stand ("vòng đàm phán thương mại Mỹ – Trung thứ 5").
ORDINAL_REACH = 13
_SERIES_WORDS = ("negotiation_round", "ministerial_session", "session")


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The question cue phrases of ``resources/questions.json`` (loaded once)."""
    text = resources.files("tradetalks.resources").joinpath("questions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(slots=True)
class Question:
    """A question as understood: the cleaned text, its folded form, language, intents and slots."""

    text: str
    folded: str
    lang: str
    intents: list[str] = field(default_factory=list)
    ordinal: int | None = None
    event_type: str | None = None  # negotiation_round | ministerial_session | None
    side: str | None = None
    date: str | None = None  # "2025-11-12", "--11-12" when no year is given, "2026-02" for a month
    title: str | None = None  # folded canonical title words, e.g. "pho dai dien thuong mai"
    latest: bool = False  # "vòng đàm phán gần nhất", "the latest round"
    kind: str | None = None  # agreement | call | meeting, when no round or session is named
    negotiation: str | None = None  # a negotiation named by its agreement ("EFTA", "EVFTA"); None = the default talks
    countries: list[str] = field(default_factory=list)  # folded names of third countries ("han quoc")
    scope: str | None = None  # a tariff's product scope named in the question ("trung chuyen" -> transshipment)
    rate_time: str | None = None  # initial | current: which rate of a history is asked for
    following: bool = False  # "vòng tiếp theo", "the next round": the one after the latest (or after round N)
    rate: float | None = None  # a rate the question names ("thuế 46% công bố khi nào?" -> 0.46)
    amount: bool = False  # whether it asks for an amount ("bao nhiêu", "what rate")


def clean_question(text: str) -> str:
    """The question without control characters, squeezed, at most 1000 characters."""
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text[: MAX_QUESTION * 4])
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", kept)).strip()[:MAX_QUESTION]


def has_phrase(folded: str, phrase: str) -> bool:
    """Whether a folded phrase occurs in the folded question as whole words."""
    return _phrase_pattern(phrase).search(folded) is not None


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, compiled once: the cue tables hold more phrases than ``re`` keeps compiled, so each
    question compiled hundreds of them again (about 10 ms a question)."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _ordinal_near(words: list[str], at: int) -> int | None:
    """The number next to an event word: "vong thu 5", "vong 5", "round 5", "5th round", "fifth session"."""
    table: dict[str, int] = cues()["ordinal_words"]
    after = words[at + 1 : at + ORDINAL_REACH]
    for n, word in enumerate(after):
        m = _ORDINAL_SUFFIX.match(word)
        # a bare number is the event's only right after its word or "số" ("vòng 5"), never a day ("… ngày 12")
        if m and (not word.isdigit() or n == 0 or after[n - 1] == "so"):
            return int(m.group(1))
        pair = " ".join(after[n : n + 2])
        if " " in pair and pair in table:  # rule first_named: "phiên đàm phán đầu tiên" = the first
            return table[pair]
        following = after[n + 1] if n + 1 < len(after) else ""
        # rule number_word_after: "vòng hai", "round two"; never "vòng năm 2025" (a year) or "vòng từ …" (from)
        if n == 0 and word in table and word not in cues()["not_ordinal_after"] and not following.isdigit():
            return table[word]
        if word == "thu" and n + 1 < len(after):
            following = after[n + 1]
            if following.isdigit():
                return int(following)
            if following in table:
                return table[following]
    for word in reversed(words[max(0, at - 3) : at]):
        m = _ORDINAL_SUFFIX.match(word)
        if m and not word.isdigit():
            return int(m.group(1))
        if word in table and not word.isdigit() and word.isascii() and len(word) > 3:
            return table[word]
    return None


def _event_reference(folded: str) -> tuple[str | None, int | None]:
    """Which kind of event the question names and its ordinal, if any."""
    words = folded.split()
    ordinal = None
    for at, word in enumerate(words):
        if _EVENT_WORD.fullmatch(word):
            ordinal = _ordinal_near(words, at)
            if ordinal is not None:
                break
    words_of = cues()["event_words"]
    if any(has_phrase(folded, p) for p in words_of["ministerial_session"]):
        return "ministerial_session", ordinal
    if any(has_phrase(folded, p) for p in words_of["negotiation_round"]):
        return "negotiation_round", ordinal
    if any(has_phrase(folded, p) for p in words_of["session"]):
        return "session", ordinal
    return None, ordinal


def _date(text: str, folded: str) -> str | None:
    """A date in the question: "12/11", "12/11/2025", "ngày 12 tháng 11", "November 12", "2025-11-12"."""
    m = _ISO_DATE.search(text)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    for pattern, source in ((_NUMERIC_DATE, text), (_VI_DATE, folded)):
        m = pattern.search(source)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{year or '-'}-{month:02d}-{day:02d}"
    months: dict[str, int] = cues()["months"]
    names = "|".join(sorted(months, key=len, reverse=True))
    m = re.search(rf"\b({names}) (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?\b", folded) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({names})(?: (\d{{4}}))?\b", folded
    )
    if m:
        a, b, year = m.group(1), m.group(2), m.group(3)
        month, day = (months[a], int(b)) if a in months else (months[b], int(a))
        if 1 <= day <= 31:
            return f"{year or '-'}-{month:02d}-{day:02d}"
    return _month(folded, months, names)


def _month(folded: str, months: dict[str, int], names: str) -> str | None:
    """Rule month_asked: a month with its year and no day ("tháng 2/2026", "in April 2025") -> "2026-02"."""
    m = _VI_MONTH.search(folded)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.search(rf"\b({names}),? (\d{{4}})\b", folded)
    return f"{m.group(2)}-{months[m.group(1)]:02d}" if m else None


def _side(folded: str) -> str | None:
    """The side a question is about: "đoàn Việt Nam" -> VN, "phía Mỹ" / "the US" -> US."""
    found = [side for side, words in cues()["sides"].items() if any(has_phrase(folded, w) for w in words)]
    if len(found) > 1:  # rule side_word: of two sides named, the one called a side ("the Chinese side", "phía Mỹ")
        marks = cues()["side_words"]
        found = [
            side
            for side in found
            for w in cues()["sides"][side]
            if any(has_phrase(folded, f"{m} {w}") or has_phrase(folded, f"{w} {m}") for m in marks)
        ]
        found = list(dict.fromkeys(found))
    return found[0] if len(found) == 1 else None


def _title(folded: str) -> str | None:
    """A title named in the question, in canonical folded Vietnamese words ("deputy ustr" -> "pho dai dien ...")."""
    phrases: dict[str, str] = cues()["title_phrases"]
    for phrase in sorted(phrases, key=len, reverse=True):
        if has_phrase(folded, phrase):
            return phrases[phrase]
    return None


@lru_cache(maxsize=1)
def _agreement_names() -> list[tuple[str, str]]:
    """(folded agreement name, negotiation key) from ``negotiations.tsv``, longest name first."""
    from tradetalks.extract.cues import read_tsv

    rows = [(fold_name(r[2]), r[0]) for r in read_tsv("negotiations.tsv") if len(r) >= 3 and r[1] == "agreement"]
    return sorted((r for r in rows if len(r[0]) >= 3), key=lambda r: -len(r[0]))


def _negotiation(folded: str) -> str | None:
    """The negotiation a question names by its agreement: "vòng 18 FTA Việt Nam – EFTA" -> the EFTA talks."""
    return next((key for name, key in _agreement_names() if has_phrase(folded, name)), None)


@lru_cache(maxsize=1)
def country_names() -> tuple[dict[tuple[str, ...], str], dict[str, str], dict[str, str]]:
    """The names of ``countries.tsv`` (canonical, English, others): names of several words as folded word tuples,
    one-word names as written (their capitals and marks tell "Đức" from "đức", "Bỉ" from "bị"), each -> canonical;
    and canonical -> side."""
    from tradetalks.extract.cues import read_tsv

    rows = [r for r in read_tsv("countries.tsv") if len(r) >= 4]
    several: dict[tuple[str, ...], str] = {}
    single: dict[str, str] = {}
    for r in rows:
        for name in dict.fromkeys([r[0], r[1], *r[3].split("|")]):
            words = tuple(fold_name(name).split())
            if len(words) > 1:
                several.setdefault(words, r[0])
            elif words:
                single.setdefault(name.strip(), r[0])
    return several, single, {r[0]: r[2] for r in rows}


_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?", re.UNICODE)


def countries_named(text: str) -> dict[str, str]:
    """The countries a question names (canonical name -> side): a name of several words in any spelling, a one-word
    name as written and not inside a person's name (between two capitalised words: "Hồ Đức Phớc"), and a short form
    right after another country's name ("Mỹ – Trung": China, as ``questions.json`` ``country_short_forms`` say);
    a country after a word of place ("tại Thụy Điển") is where, not who."""
    several, single, sides = country_names()
    tokens = _TOKEN.findall(text)
    folded = [fold_name(t) for t in tokens]
    found: dict[str, str] = {}
    short: dict[str, str] = cues()["country_short_forms"]
    for table in ("country_short_forms", "country_adjectives"):
        for canonical in cues()[table].values():
            if canonical not in sides:
                raise ValueError(f"questions.json: {table}: {canonical!r} is no country of countries.tsv")
    longest = max((len(k) for k in several), default=1)
    at, last_country = 0, -2
    while at < len(tokens):
        sizes = range(longest, 1, -1)
        hit = next(((n, several[k]) for n in sizes if (k := tuple(folded[at : at + n])) in several), None)
        if hit is None and tokens[at] in single and not _inside_name(tokens, at):
            hit = (1, single[tokens[at]])
        if hit is None and folded[at] in cues()["country_adjectives"]:  # "Japanese goods"
            hit = (1, cues()["country_adjectives"][folded[at]])
        if hit is None and last_country == at - 1 and tokens[at][:1].isupper() and folded[at] in short:
            hit = (1, short[folded[at]])
        if hit is None:
            at += 1
            continue
        if at == 0 or folded[at - 1] not in cues()["place_words"]:  # "ở Thụy Điển": where, not who
            found[hit[1]] = sides[hit[1]]
        at += hit[0]
        last_country = at - 1
    return found


def _inside_name(tokens: list[str], at: int) -> bool:
    """Whether a capitalised word stands between two capitalised words (part of a person's name)."""
    before = at > 0 and tokens[at - 1][:1].isupper()
    after = at + 1 < len(tokens) and tokens[at + 1][:1].isupper()
    return before and after


def _goods_named(text: str) -> str | None:
    """Rule goods_named: the goods a Vietnamese question names as extraction reads a rate's scope (the
    ``tariff_scope`` phrases of ``event_cues.tsv``, with their marks: "tủ bếp", "ô tô"), all goods left out."""
    from tradetalks.extract.cues import event_table

    low = text.lower()
    phrases = sorted(event_table("tariff_scope").items(), key=lambda kv: -len(kv[0]))
    return next(
        (scope for phrase, scope in phrases if scope != "all_goods" and has_phrase(low, phrase.lower())),
        None,
    )


def foreign_talks(text: str) -> str | None:
    """Rule foreign_talks_named: a question naming two or more countries, Việt Nam not among them, is about their
    own talks ("Vòng đàm phán Mỹ – Trung thứ 5" -> "talks:hoa-ky+trung-quoc", as extraction keys them)."""
    named = countries_named(text)
    if len(named) < 2 or "VN" in named.values():
        return None
    return "talks:" + "+".join(sorted(re.sub(r"[^a-z0-9]+", "-", fold_name(c)).strip("-") for c in named))


def rate_named(text: str) -> float | None:
    """The rate a question names: "46%", "46 %", "12,5%", "20 phần trăm", "20 percent" -> 0.46 …"""
    m = _RATE.search(text)
    return round(float(m.group(1).replace(",", ".")) / 100, 6) if m else None


def asks_amount(folded: str) -> bool:
    """Whether the question asks for an amount ("bao nhiêu", "what rate")."""
    return any(has_phrase(folded, w) for w in cues()["amount_words"])


def rate_over_event(intents: list[str], folded: str, names_event: bool) -> list[str]:
    """Rule event_over_rate: a question that names an event (a round, a session, a call, an agreement) and asks
    when, where, who or what about it, without asking an amount, uses tariff words for the talks' subject
    ("Phiên đàm phán đầu tiên về thuế đối ứng diễn ra ở đâu?"): it is no rate question."""
    asks_other = {"when", "where", "head_delegation", "topics", "count_rounds", "met_on"} & set(intents)
    if "tariff_rate" in intents and names_event and asks_other and not asks_amount(folded):
        return [i for i in intents if i != "tariff_rate"]
    return intents


def _first_key(folded: str, table: dict[str, list[str]]) -> str | None:
    """The first key of ``table`` one of whose phrases occurs in the question."""
    return next((key for key, words in table.items() if any(has_phrase(folded, w) for w in words)), None)


def parse_question(text: str) -> Question:
    """Read a question: "Vòng đàm phán thứ 5 diễn ra khi nào?" -> intents ["when"], round, ordinal 5."""
    clean = clean_question(text)
    folded = fold_name(clean.replace("/", " / "))
    folded_keep = fold_name(clean)
    ascii_only = not _VI_LETTERS.search(clean)
    vi_hits = sum(has_phrase(folded, w) for w in cues()["vietnamese_markers"])
    # rule english_with_names: an English question may name Vietnamese people with their marks ("Tô Lâm")
    en_hits = sum(has_phrase(folded, w) for w in cues()["english_markers"])
    lang = "en" if (ascii_only or en_hits >= 2) and not vi_hits else "vi"
    intents = [name for name, phrases in cues()["intents"].items() if any(has_phrase(folded, p) for p in phrases)]
    event_type, ordinal = _event_reference(folded)
    following = any(has_phrase(folded, w) for w in cues()["next_words"])
    if following and ordinal is not None:  # rule next_after: "sau vòng 6, vòng tiếp theo" is round 7
        ordinal += 1
    kind = None if event_type else _first_key(folded, {k: cues()["event_words"][k] for k in _KINDS})
    intents = rate_over_event(intents, folded, event_type in _SERIES_WORDS or kind in ("agreement", "call"))
    rate = rate_named(clean)
    if rate is not None and "tariff_rate" not in intents:  # rule rate_named: "When did the 20% rate take effect?"
        intents.insert(0, "tariff_rate")
    foreign = {fold_name(c) for c, side in countries_named(clean).items() if side == "other"}
    return Question(
        text=clean,
        folded=folded_keep,
        lang=lang,
        intents=intents,
        ordinal=ordinal,
        event_type=event_type,
        side=_side(folded),
        date=_date(clean, folded),
        title=_title(folded),
        latest=any(has_phrase(folded, w) for w in cues()["latest_words"]),
        following=following,
        rate=rate,
        amount=asks_amount(folded),
        kind=kind,
        negotiation=_negotiation(folded) or foreign_talks(clean),
        countries=list(dict.fromkeys([*(w for w in cues()["sides"]["other"] if has_phrase(folded, w)), *foreign])),
        scope=_first_key(folded, cues()["rate_scopes"]) or _goods_named(clean),
        rate_time=_first_key(folded, cues()["rate_times"]),
    )
