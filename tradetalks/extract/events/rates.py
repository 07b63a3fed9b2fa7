"""What a reader learns about one tariff rate besides its figure: whose goods bear it, which goods, from when it
applies and what was done with it. The phrases live in ``resources/event_cues.tsv`` (groups ``goods_lead``,
``tariff_scope``, ``tariff_step``, ``effective``, ``effective_after``, ``announce``, ``rate_examples``,
``rate_difference``, ``sector_scope``, ``reciprocal``)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tradetalks.extract.cues import ends_with, event_lexicon, event_table, lower_view, starts_with, words_pattern
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueMention
from tradetalks.extract.events.negotiation import excluded_country
from tradetalks.model import VN_US_RECIPROCAL, Doc, Event, Mention, Sentence, TariffFacts

_GROUPS = (
    "goods_lead",
    "tariff_scope",
    "tariff_step",
    "effective",
    "effective_after",
    "announce",
    "rate_examples",
    "rate_difference",
    "sector_scope",
    "reciprocal",
    "discussed",
    "old_rate",
    "period_unit",
)
_ITEM_GAP = re.compile(r"^\s*(?:là|còn|ở mức|chịu|:)?\s*$")  # "Indonesia 19%", "Hàn Quốc là 15%"
_FOREIGN_SCOPES = ("trade_remedy",)  # a duty of a trade-remedy case is no part of the reciprocal talks
_SLUG = re.compile(r"[^a-z0-9]+")
BASELINE_TARIFFS = "baseline-tariffs"  #: the negotiation of a floor rate on every partner's goods


@lru_cache(maxsize=1)
def check_groups() -> None:
    """Every group this module reads must exist in the table: a typo is an error, not "match nothing"."""
    for g in _GROUPS:
        if not event_table(g):
            raise ValueError(f"event_cues.tsv: no rows of group {g!r} (needed for tariff rates)")
    bad = {v for v in event_table("tariff_scope").values() if not v} | {
        v for v in event_table("tariff_step").values() if not v
    }
    if bad:
        raise ValueError("event_cues.tsv: every tariff_scope and tariff_step row needs a value")


def _countries(doc: Doc, a: int, b: int) -> list[Mention]:
    return [m for m in doc_index(doc).mentions_in(a, b) if m.type == "country"]


def effective_dates(doc: Doc, low: str, key: str, s: Sentence, timexes: list[int]) -> tuple[list[int], list[int]]:
    """Rule *effective date*: a date after "từ", "có hiệu lực từ", or opening a clause that says the tariff
    "có hiệu lực", is the day the rate applies from, not the day it was told ("Mỹ công bố mức thuế 46% hôm 2/4,
    có hiệu lực từ ngày 9/4": announced 2/4, in force 9/4); not the first day of a period told ("tạm dừng mức
    thuế 24% trong 90 ngày kể từ ngày 12/8": the pause starts 12/8). Returns (announcement dates, effective
    dates)."""
    kept: list[int] = []
    effective: list[int] = []
    for ti in timexes:
        t = doc.timexes[ti]
        cue = ends_with("effective", low, key, max(s.start, t.start - 30), t.start)
        after = cue is not None and not _period_re().search(low, max(s.start, cue.start - 25), cue.start)
        if not after:  # "Ngày 9/4, thuế đối ứng … chính thức có hiệu lực": the clause the date opens
            after = _opens_effect(low, key, t.end, min(s.end, t.end + 120))
        (effective if after else kept).append(ti)
    return kept, effective


@lru_cache(maxsize=1)
def _announced_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{words_pattern('announce')})(?:\s+(?:hôm|hồi|vào|vào ngày|ngày))?\s*$")


@lru_cache(maxsize=1)
def _period_re() -> re.Pattern[str]:
    """ "trong 90 ngày " right before "kể từ": a period told from its first day."""
    return re.compile(rf"(?<!\w)trong\s+\d+\s+(?:{words_pattern('period_unit')})\s*$")


def _opens_effect(low: str, key: str, lo: int, hi: int) -> bool:
    """Whether the clause a date ending at ``lo`` opens says a tariff takes effect: "có hiệu lực" follows in
    that clause (a comma only right after the date), with no announcement and no "trước khi"/"sau khi" before
    it ("Ngày 9/4, vài giờ trước khi thuế có hiệu lực, Mỹ thông báo tạm hoãn": 9/4 is the announcement's)."""
    said = event_lexicon("effective_after").find(low, key, lo, hi)
    if not said:
        return False
    gap = re.sub(r"^\s*\([^)]*\)", "", low[lo : said[0].start])  # "ngày 9/4 (giờ Việt Nam), …"
    if ";" in gap or "," in gap.lstrip(" ,"):
        return False
    blocked = event_lexicon("announce").any(low, key, lo, said[0].start)
    return not blocked and not event_lexicon("before_after").any(low, key, lo, said[0].start)


def announcement_dates(doc: Doc, low: str, s: Sentence, timexes: list[int]) -> list[int]:
    """Rule *announcement date*: a date right after "công bố", "tuyên bố" ("mức 25% công bố ngày 2/4", "công bố
    hôm 2/4") in a tariff's sentence is the day a rate was told, even when a later cue of the sentence ("… như
    thỏa thuận") took it; returns ``timexes`` with those dates added, in text order."""
    out = list(timexes)
    for ti in doc_index(doc).timex_ids_in(s.start, s.end):
        t = doc.timexes[ti]
        if (
            s.start <= t.start < s.end
            and ti not in out
            and _announced_re().search(low, max(s.start, t.start - 30), t.start)
        ):
            out.append(ti)
    return sorted(out, key=lambda ti: doc.timexes[ti].start)


def is_question(low: str, s: Sentence) -> bool:
    """Rule *question*: a sentence asking ("Hàng Việt Nam sẽ chịu mức thuế bao nhiêu?") tells no tariff."""
    return low[s.start : s.end].rstrip().endswith("?")


def unrated_told(doc: Doc, low: str, key: str, s: Sentence, cue: CueMention) -> bool:
    """Rule *a tariff without its rate*: told as an event only with its day ("Ngày 9/4, Mỹ tạm dừng áp thuế
    đối ứng") or as a suspension for a named country ("Mỹ hoãn áp thuế với Trung Quốc"); "Việt Nam nằm trong
    nhóm bị áp thuế cao nhất" is a state of affairs, and "hai bên thảo luận về việc gia hạn tạm dừng áp thuế"
    a topic of talks, and "vẫn áp dụng mức thuế cũ" the rate before, not actions."""
    if starts_with("old_rate", low, key, cue.end, min(s.end, cue.end + 15)) is not None:
        return False  # "vẫn được áp dụng mức thuế cũ": the rate before, still applied
    lead = event_lexicon("discussed").find(low, key, s.start, cue.start)
    if lead:
        return False  # "hai bên thảo luận …, gia hạn tạm dừng áp thuế": a topic of talks, not a measure
    if cue.timexes:
        return True
    named = any(m.type == "country" for m in doc_index(doc).mentions_in(s.start, s.end))
    return named and rate_step(low, key, s.start, s.end, (cue.start, cue.end)) == "suspended"


def effect_only(low: str, key: str, s: Sentence) -> bool:
    """Rule *told, then in force*: a sentence whose only words of a time to come say from when a tariff
    applies ("công bố mức thuế 46%, có hiệu lực từ ngày 9/4") tells an announcement made, not one planned."""
    planned = event_lexicon("planned").find(low, key, s.start, s.end)
    effective = event_lexicon("effective").find(low, key, s.start, s.end)
    effective += event_lexicon("effective_after").find(low, key, s.start, s.end)
    return bool(planned) and all(
        any(e.start <= p.start < e.end or p.start <= e.start < p.end for e in effective) for p in planned
    )


def goods_country(doc: Doc, low: str, key: str, a: int, b: int, lead: int | None = None) -> Mention | None:
    """Rule *whose goods*: the country named right after a goods word in the rate's clause ``[a, b)`` ("hàng
    hóa Hàn Quốc", "hàng nhập khẩu từ Việt Nam"), else the clause's one party country that is not the United
    States ("Malaysia chịu mức thuế 19%"); a clause naming none goes on about the goods named earlier in its
    sentence, from ``lead`` ("hàng Hàn Quốc chịu 15%, thấp hơn mức 25% công bố hồi tháng 4": both Korea's)."""
    named = _parties(doc, low, key, a, b)
    for m in named:
        if _after_goods_word(low, max(a, m.start - 30), m.start):
            return m
    others = [m for m in named if m.side != "US"]
    if others:
        return next((m for m in others if m.side == "VN"), others[0])
    if lead is None or lead >= a:
        return None
    earlier = [m for m in _parties(doc, low, key, lead, a) if _after_goods_word(low, max(lead, m.start - 30), m.start)]
    return earlier[-1] if earlier else None


@lru_cache(maxsize=1)
def _goods_word_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{words_pattern('goods_lead')})\s*$")


def _after_goods_word(low: str, lo: int, hi: int) -> bool:
    """Whether ``low[lo:hi]`` ends with a goods word ("… áp với hàng hóa ", "nhập khẩu từ ")."""
    return _goods_word_re().search(low[lo:hi]) is not None


def _parties(doc: Doc, low: str, key: str, a: int, b: int) -> list[Mention]:
    """Countries of ``[a, b)`` named as parties: not a place ("tại Việt Nam", "sang Mỹ"), nor the country of a
    name before it in brackets ("hãng tin AFP (Pháp)"), nor one left out ("trừ Trung Quốc")."""
    out = []
    for m in _countries(doc, a, b):
        if ends_with("locative", low, key, max(0, m.start - 12), m.start) is not None:
            continue
        if excluded_country(low, key, m.start):
            continue
        if low[max(0, m.start - 3) : m.start].rstrip().endswith("("):
            continue
        out.append(m)
    return out


def rate_scope(low: str, key: str, a: int, b: int, rate_at: int) -> str | None:
    """Rule *scope*: which goods a rate covers, from the scope phrase of its clause nearest to the rate
    ("40% với hàng chuyển tải": transshipment; "thuế 50% với thép và nhôm": steel_aluminium)."""
    hits = event_lexicon("tariff_scope").find(low, key, a, b)
    if not hits:
        return None
    best = min(hits, key=lambda h: min(abs(h.start - rate_at), abs(h.end - rate_at)))
    return best.value or None


def rate_step(low: str, key: str, a: int, b: int, cue: tuple[int, int]) -> str | None:
    """Rule *step*: what the clause says was done with the rate: announced ("công bố"), imposed ("áp", "chịu"),
    suspended ("tạm hoãn"), proposed ("đe dọa", "đề xuất"): the last such word up to the tariff cue ("công bố
    mức thuế 46%, có hiệu lực từ 9/4": announced; "tạm hoãn áp thuế": suspended), else the first after it."""
    hits = event_lexicon("tariff_step").find(low, key, a, b)
    before = [h for h in hits if h.start < cue[1]]
    i = len(before) - 1
    while i > 0 and not low[before[i - 1].end : before[i].start].strip():
        i -= 1  # "tạm hoãn áp thuế": the first verb of a chain says what was done
    chain = before[i:]  # "thông báo tạm hoãn áp thuế": what was announced, the suspension
    pick = next((h for h in chain if h.value != "announced"), chain[0]) if chain else (hits[0] if hits else None)
    return pick.value if pick is not None else None


def example_rates(doc: Doc, low: str, key: str, s: Sentence, rates: list[tuple[int, int, float]]) -> set[int]:
    """Rule *rates given as examples*: "như Indonesia 19%, Philippines 19% và Ấn Độ 25%" lists other
    countries' rates to compare; they are not actions the article tells. Returns the starts of the listed
    rates of countries other than Viet Nam (two items at least, after "như", "chẳng hạn")."""
    items: list[tuple[int, Mention]] = []
    for a, _, _ in rates:
        before = [m for m in _countries(doc, s.start, a) if m.end <= a and _ITEM_GAP.match(low[m.end : a])]
        if before:
            items.append((a, before[-1]))
    if len(items) < 2:
        return set()
    first = min(m.start for _, m in items)
    lead = event_lexicon("rate_examples").find(low, key, max(s.start, first - 80), first)
    if not lead:
        return set()
    return {a for a, m in items if m.side != "VN" and m.start > lead[-1].start}


def describe_rate(doc: Doc, ev: Event, c: CueMention) -> None:
    """Fill an event's tariff facts from its rate's clause ``c.span`` (the effective date is already on
    ``c.tariff``), and its negotiation when the clause settles it (rule *whose talks*)."""
    check_groups()
    key = doc.key or doc.text
    low = lower_view(key)
    a, b = c.span
    facts = c.tariff or TariffFacts()
    s = doc.sentences[c.sentence]
    country = goods_country(doc, low, key, a, b, s.start)
    # a clause naming no goods keeps the country a known rate is on (rule ``standing_rate``)
    facts.country = (country.canonical or country.text) if country is not None else facts.country
    facts.scope = rate_scope(low, key, a, b, c.start)
    if facts.scope == "transshipment" and country is not None and country.side != "VN":
        country = None  # rule *transshipment origin*: "hàng trung chuyển từ Trung Quốc" bears the shipper's rate
        facts.country = None
    facts.action = rate_step(low, key, a, b, (c.start, c.end))
    ev.tariff = facts
    negotiation = (
        sector_negotiation(low, key, a, b, facts, country)
        or baseline_negotiation(low, key, a, b, facts, country)
        or tariff_negotiation(facts, country, _parties(doc, low, key, a, b))
    )
    if negotiation is not None:
        ev.negotiation = negotiation


def sector_negotiation(low: str, key: str, a: int, b: int, facts: TariffFacts, country: Mention | None) -> str | None:
    """Rule *sector tariff*: a rate on one sector's goods (steel, cars, furniture, chips: group
    ``sector_scope``), not called reciprocal in its clause, is a national-security tariff on every country's
    goods, not a rate of Viet Nam's talks ("Mỹ áp thuế 50% với đồ gỗ nhập khẩu, kể cả từ Việt Nam"); so is one sector's
    goods exempted from the reciprocal tariff with no country's goods named ("Mỹ miễn thuế đối ứng với thiết bị điện
    tử")."""
    if facts.scope is None or facts.scope not in event_table("sector_scope"):
        return None
    if country is not None and country.side not in ("VN", "US"):
        return None  # another country's goods: that country's talks (rule *whose talks*)
    exempted = country is None and facts.action == "suspended"  # "miễn thuế đối ứng với thiết bị điện tử"
    if not exempted and event_lexicon("reciprocal").any(low, key, a, b):
        return None
    return "sector-tariffs-" + facts.scope.replace("_", "-")


def baseline_negotiation(low: str, key: str, a: int, b: int, facts: TariffFacts, country: Mention | None) -> str | None:
    """Rule *baseline tariff*: a floor rate put on every partner's goods alike ("mức thuế cơ bản 10% với hàng nhập
    khẩu từ tất cả các quốc gia"), naming no country's goods and not called reciprocal in its clause, is the United
    States' measure on all partners, not a rate of Viet Nam's talks."""
    if facts.scope != "baseline" or country is not None or event_lexicon("reciprocal").any(low, key, a, b):
        return None
    return BASELINE_TARIFFS


def tariff_negotiation(facts: TariffFacts, country: Mention | None, named: list[Mention]) -> str | None:
    """Rule *whose talks*: a rate on Viet Nam's goods with no third country in its clause belongs to the
    Viet Nam–US talks unless a third country named before the goods puts it ("EU áp thuế … với thép Việt
    Nam"); a rate on another country's goods to the talks about that country's tariffs
    ("tariffs-on-han-quoc"), never to Viet Nam's; a trade-remedy duty is left to the article's context."""
    if country is None or facts.scope in _FOREIGN_SCOPES:
        return None
    if country.side == "VN":
        return None if any(m.side == "other" and m.start < country.start for m in named) else VN_US_RECIPROCAL
    slug = _SLUG.sub("-", _fold(facts.country or "")).strip("-")
    return f"tariffs-on-{slug}" if slug else None


def _fold(text: str) -> str:
    """Lower case without diacritics ("Hàn Quốc" -> "han quoc")."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if unicodedata.category(c) != "Mn").lower()
