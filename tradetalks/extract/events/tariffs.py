"""Tariff actions in a sentence: a rate ("thuế đối ứng 46%") or a tariff verb with a date or a country."""

from __future__ import annotations

import re
from functools import lru_cache

from tradetalks.extract.cues import ends_with, event_lexicon, starts_with, words_pattern
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.known_rates import standing_rate, viet_nam
from tradetalks.extract.events.rates import (
    announcement_dates,
    effect_only,
    effective_dates,
    example_rates,
    is_question,
    rate_step,
    unrated_told,
)
from tradetalks.model import Doc, Sentence, TariffFacts

#: A percentage, read whole (rule *percentage read whole*): a search window that opens inside "50%" never
#: reads it as "0%".
_PERCENT = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_RANGE_END = re.compile(r"\d\s*[-–]\s*$")  # "30-50%": the percentage ends a range
_RANGE_WORD_END = re.compile(r"\d\s*%\s*(?:đến|tới)\s*$")  # "từ 11% đến 84%": the percentage ends a range
_RANGE_WORD_START = re.compile(r"\s*(?:đến|tới)\s*\d{1,3}(?:[.,]\d{1,2})?\s*%")  # and the one that opens it


@lru_cache(maxsize=2)
def rate_re(lead: str) -> re.Pattern[str]:
    """A rate right after a word of group ``lead``: "rate_lead" for a tariff written with its rate ("chịu thuế
    20%", "thuế quan ở mức 25%"), "rate_verb" for a rate put on goods by a verb ("bị áp mức 46%")."""
    filler = rf"(?:(?:{words_pattern('rate_filler')})\s+)?"
    return re.compile(rf"(?:{words_pattern(lead)})\s+{filler}\d{{1,3}}(?:[.,]\d{{1,2}})?\s*%")


@lru_cache(maxsize=1)
def _rate_target_re() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{words_pattern('rate_target')})(?!\w)[^%.;]{{0,20}}?\d\s*%")


@lru_cache(maxsize=1)
def _rate_separator_re() -> re.Pattern[str]:
    return re.compile(rf",\s|;|\s(?:{words_pattern('rate_separator')})\s")


def _names_country(doc: Doc, s: Sentence) -> bool:
    return any(m.type == "country" for m in doc_index(doc).mentions_in(s.start, s.end))


def _tariff_context(doc: Doc, low: str, key: str, s: Sentence, cue: CueMention) -> bool:
    """Words about imports or trade partners outside the tariff cue itself."""
    if cue.people:
        return True
    acted = "action" in cue.flags or ends_with("tariff_verb", low, key, max(s.start, cue.start - 20), cue.start)
    if acted and _names_country(doc, s):
        return True  # "Trung Quốc chịu thêm 34%", "Mỹ giảm thuế đối ứng với Ấn Độ": a country's goods under a rate
    return any(
        not (cue.start <= h.start and h.end <= cue.end)
        for h in event_lexicon("tariff_context").find(low, key, s.start, s.end)
    )


def _is_share(low: str, key: str, s: Sentence, m: re.Match[str]) -> bool:
    """A percentage after "giảm"/"xóa" and right before "thuế" ("giảm hơn 70% thuế quan") is a share."""
    if not low[m.end() : m.end() + 8].lstrip().startswith("thuế"):
        return False
    return ends_with("share_lead", low, key, max(s.start, m.start() - 25), m.start()) is not None


def tariff_mentions(doc: Doc, low: str, key: str, s: Sentence, cue: CueMention) -> list[CueMention]:
    """A tariff is an action with a rate, or with a verb ("áp", "hoãn") and a date or a country."""
    if not _tariff_context(doc, low, key, s, cue) or is_question(low, s):
        return []
    if ends_with("entitled", low, key, max(s.start, cue.start - 15), cue.start) is not None:
        return []  # "được hưởng thuế suất 0%": a schedule's rate the goods are entitled to, no measure
    rates: list[tuple[int, int, float]] = []
    whose: str | None = None  # whose goods, when the rate is known without being told
    for m in _PERCENT.finditer(low, max(s.start, cue.start - 60), min(s.end, cue.end + 130)):
        if _cut_number(low, m.start()):
            continue  # the window began inside "50%": its "0%" is no rate
        tail = low[m.end() : min(s.end, m.end() + 40)]
        if _rate_target_re().match(tail):
            continue  # "từ 46% xuống 20%": the new rate follows (not "46% lên hàng hóa", onto the goods)
        a, b = (cue.end, m.start()) if m.start() >= cue.end else (m.end(), cue.start)
        if _RANGE_END.search(low, max(s.start, m.start() - 6), m.start()) or _in_word_range(low, s, m):
            continue  # "áp thuế từ 30-50%", "từ 11% đến 84%": a range of rates, none of them the rate
        if starts_with("rate_difference", low, key, m.end(), min(s.end, m.end() + 20)) is not None:
            continue  # "giảm 10% so với mức công bố": how much a rate moved, not a rate
        if _is_share(low, key, s, m):
            continue  # "giảm 65% thuế nhập khẩu": a share of the tariff lines, not a rate
        if event_lexicon("rate_block").any(low, key, a, b):
            continue
        rates.append((m.start(), m.end(), float(m.group(1).replace(",", ".")) / 100))
    examples = example_rates(doc, low, key, s, rates)
    rates = [r for r in rates if r[0] not in examples]  # "như Indonesia 19%, Ấn Độ 25%": compared, not told
    if examples and not rates:
        return []
    if not rates:
        verb = (
            "action" in cue.flags
            or ends_with("tariff_verb", low, key, max(s.start, cue.start - 20), cue.start) is not None
            or starts_with("tariff_verb", low, key, cue.end, min(s.end, cue.end + 20)) is not None
        )
        standing = _standing(doc, low, key, s, cue) if verb else None
        if standing is not None:
            rates = [(cue.start, cue.end, standing)]  # goes on as a rate told, on Viet Nam's goods
            whose = viet_nam()
        elif not (verb and unrated_told(doc, low, key, s, cue)):
            return []
        else:
            cue.timexes, effective = effective_dates(doc, low, key, s, cue.timexes)
            cue.tariff = TariffFacts(effective=_first_value(doc, effective))
            return [cue]
    cue.timexes = [t for t in cue.timexes if not _compared_date(low, key, s, doc.timexes[t].start)]
    cue.timexes, effective = effective_dates(doc, low, key, s, announcement_dates(doc, low, s, cue.timexes))
    if cue.status == "planned" and effective and effect_only(low, key, s):
        cue.status = None  # "công bố mức thuế 46%, có hiệu lực từ ngày 9/4": told, then in force
    out: list[CueMention] = []
    for a, b, rate in rates:
        part = CueMention(cue.type, cue.start, cue.end, cue.sentence, cue.flags, status=cue.status, rate=rate)
        part.span = (a, b)  # the percentage, until _split_tariffs gives each rate its clause
        mine = [t for t in effective if _nearest_rate(doc.timexes[t].start, rates) == a]
        part.tariff = TariffFacts(country=whose, effective=_first_value(doc, mine))
        out.append(part)
    return out


def _standing(doc: Doc, low: str, key: str, s: Sentence, cue: CueMention) -> float | None:
    """Rule ``standing_rate`` (see ``known_rates``): the reciprocal tariff applied without a rate named ("chính sách
    áp thuế đối ứng … có hiệu lực"), in a sentence naming no third country nor a topic of talks, in a report of a
    day when one rate on Viet Nam's goods stood, is that rate; a pause of it ("tạm hoãn áp thuế đối ứng") or a
    rate only announced ("công bố mức thuế đối ứng mới") is not the rate applied."""
    if "action" not in cue.flags or not event_lexicon("reciprocal").any(low, key, cue.start, min(s.end, cue.end + 12)):
        return None
    if rate_step(low, key, s.start, s.end, (cue.start, cue.end)) in ("suspended", "proposed"):
        return None
    if event_lexicon("discussed").any(low, key, s.start, cue.start):
        return None  # "hai bên đàm phán về thuế đối ứng": a topic of talks
    if any(m.type == "country" and m.side not in ("VN", "US") for m in doc_index(doc).mentions_in(s.start, s.end)):
        return None
    return standing_rate(viet_nam(), doc.article.published)


def _in_word_range(low: str, s: Sentence, m: re.Match[str]) -> bool:
    """Whether the percentage ``m`` opens or ends a range told in words ("từ 11% đến 84%")."""
    if _RANGE_WORD_START.match(low, m.end(), s.end) and low[max(s.start, m.start() - 4) : m.start()].strip() == "từ":
        return True
    return _RANGE_WORD_END.search(low, max(s.start, m.start() - 16), m.start()) is not None


def _compared_date(low: str, key: str, s: Sentence, at: int) -> bool:
    """Rule *compared date*: a date after "khớp với", "so với" with no rate of its own between ("hàng Việt Nam chịu
    mức 20%, khớp với con số công bố hôm 2/7") dates the figure the rate is compared with, not the rate."""
    hits = event_lexicon("compared_with").find(low, key, max(s.start, at - 60), at)
    if not hits:
        return False
    gap = low[hits[-1].end : at]
    return not any(c in gap for c in ",;%")


def _cut_number(low: str, start: int) -> bool:
    """Rule ``whole_number``: "áp thuế 50% một mặt hàng … áp thuế 30-50%": a percentage is read from its first
    digit, never from inside a longer number ("0%" of "50%") where a reading window happened to begin."""
    return start > 0 and (low[start - 1].isdigit() or low[start - 1] in ".," and start > 1 and low[start - 2].isdigit())


def _nearest_rate(pos: int, rates: list[tuple[int, int, float]]) -> int:
    """The start of the rate a date at ``pos`` goes with: the nearest one, the first for a date before all
    ("Từ 7/8, thuế … là 20%, thấp hơn mức 46% …": 7/8 is when 20% applies)."""
    if pos < rates[0][0]:
        return rates[0][0]
    return min(rates, key=lambda r: min(abs(pos - r[0]), abs(pos - r[1])))[0]


def _first_value(doc: Doc, timexes: list[int]) -> str | None:
    return next((doc.timexes[t].value for t in timexes if doc.timexes[t].value), None)


def split_tariffs(low: str, key: str, s: Sentence, parts: list[CueMention]) -> list[CueMention]:
    """One tariff per distinct rate of a sentence, each with its clause ("20%, còn hàng chuyển tải … 40%");
    a later clause that only proposes or hopes for its rate ("… và có thể đưa một số mặt hàng về 0%") is
    flagged as no action, like a proposal before the cue."""
    rated = sorted((p for p in parts if p.rate is not None), key=lambda p: p.span)
    unique: list[CueMention] = []
    for p in rated:
        if not any(abs((p.rate or 0) - (u.rate or 0)) < 1e-9 for u in unique):
            unique.append(p)
    bounds = [s.start]
    for left, right in zip(unique, unique[1:], strict=False):
        seps = list(_rate_separator_re().finditer(low, left.span[1], right.span[0]))
        bounds.append(seps[-1].start() if seps else right.span[0])
    bounds.append(s.end)
    for i, p in enumerate(unique):
        rate_at = p.span[1]
        p.span = (s.start, s.end) if len(unique) == 1 else (bounds[i], bounds[i + 1])
        if i and event_lexicon("proposal").any(low, key, bounds[i], rate_at):
            p.flags |= CueFlag.ASPIRATION
        if len(unique) > 1:  # "sẽ chịu mức thuế 20%, thay cho mức 46% công bố hồi tháng 4": each its own tense
            planned = event_lexicon("planned").any(low, key, p.span[0], p.span[1])
            p.status = "planned" if planned and not event_lexicon("held").any(low, key, *p.span) else None
    unrated = [p for p in parts if p.rate is None][:1]
    for p in unrated:
        p.span = (s.start, s.end)
    return [*unique, *unrated] if unique else unrated
