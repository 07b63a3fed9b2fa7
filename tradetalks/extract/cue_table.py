"""The rows of ``resources/event_cues.tsv``, checked when the table loads.

Each row's group is an event type or one of the modifier groups below; every group has rows; the value of
an event cue is a list of known flags and implied values (``CueValue``). A typo is an error naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from tradetalks.event_types import event_types

CUE_TABLE = "event_cues.tsv"

#: The modifier groups of the cue table and what their cues say.
CUE_GROUPS: dict[str, str] = {
    "ignore": "phrases that hide an event cue inside them (cuộc họp báo)",
    "frame": "before a cue: the frame of another event (bên lề)",
    "anaphor_before": "before a cue: the event told before (Tại buổi làm việc); value attend or identity",
    "anaphor_after": "after a cue: the event told before (lần này)",
    "bilateral": "after a cue: one particular session between the two sides",
    "within_round": "right before a numbered round, after a meeting told in its sentence: the meeting is that round",
    "both_sides": "right before a meeting or call: the two sides hold it (hai bên tiến hành hội đàm), one event",
    "past": "after a cue: an event told as past (vừa qua)",
    "plural": "before a cue: many events (các)",
    "planned": "near a cue: an event to come",
    "held": "near a cue: an event that took place",
    "done": "right before a cue: a past tense that settles it as held (đã đạt được thỏa thuận, vừa có cuộc gặp)",
    "paves_way": "right before a cue: what an action paves the way for, still to come (mở đường cho cuộc gặp)",
    "proposal": "before a tariff: proposed, not done",
    "aspiration": "before an agreement: a goal, not a signing",
    "agreement_name": "right before a place: an agreement named by where it was reached (thỏa thuận Geneva)",
    "agreement_place_link": "between an agreement's name and its place: reached or signed there (đạt được ở)",
    "agreement_other_matter": "near an agreement named by a city: another matter than trade (khí hậu)",
    "conditional": "before an agreement: a time to come (sau khi … được ký kết)",
    "as_topic": "right before an agreement: the signing named as a topic (việc ký kết …), none told unless dated",
    "many_parties": "before an agreement in its clause: made by a class of parties, or by each of several (các nước "
    "đã đạt …, A và B đều ký …): a summary of many agreements",
    "ended": "before a date: the event's last day",
    "effective": "before a tariff's date: applies from",
    "announce": "words telling a tariff or document was made known: a date before them is the announcement's",
    "effective_after": "after a date: the tariff applies from it (… chính thức có hiệu lực)",
    "goods_lead": "before the country whose goods bear a rate (hàng hóa, nhập khẩu từ)",
    "tariff_scope": "which goods a rate covers; value the scope (transshipment, steel_aluminium…)",
    "tariff_step": "what was done with a rate; value announced, imposed, suspended or proposed",
    "sector_scope": "scopes that are one sector's national-security tariffs, on every country's goods",
    "reciprocal": "a rate called reciprocal in its clause: the country rate of the reciprocal tariffs",
    "rate_examples": "before a list of country-rate examples (như): not events of their own",
    "entitled": "right before a tariff word: the rate goods are entitled to under a schedule (được hưởng)",
    "rate_difference": "after a rate: a difference, not a rate (so với)",
    "old_rate": "before a rate: an earlier rate named beside the new one (trước đó)",
    "period_unit": "units of a period after kể từ (ngày, tháng): the first day of a period",
    "step_announced": "in a known rate's clause: the rate told as agreed or announced (thỏa thuận, công bố)",
    "step_in_force": "in a known rate's clause: the rate told as in force or ordered (chính thức áp, sắc lệnh)",
    "compared_with": "before a date in a rate's clause: the date of a figure compared with, not the rate's (khớp với)",
    "step_time_clause": "before step_in_force in its clause: the tariff in force dates another action (sau khi)",
    "discussed": "before a tariff without its rate: a topic of talks, not a measure taken",
    "share_lead": "before a percentage and thuế: a share of tariff lines",
    "signed_document": 'documents that a later "được ký" in their clause signs (hiệp định … được ký)',
    "signing": "before MOUs: signed now",
    "level": "after a cue: the level of the talks; value the level",
    "mode": "after a cue: in person or online; value the mode",
    "number": "number words and their value",
    "talks_days": "after a number: days of talks (sau hai ngày thảo luận)",
    "day_count": "counting words before talks_days that the number group lacks (một 1, hơn +1)",
    "ordinal_word": "ordinal words and their value (đầu tiên)",
    "ordinal_marker": "words that lead an ordinal (thứ, lần thứ)",
    "ordinal_stop": "words an ordinal never reaches past",
    "round_lead": "words naming a round by its number before the talks word (vòng)",
    "round_word": "words naming a round on their own once a round is told (Tại phiên 13, phiên sau)",
    "next": "right after a round's cue: the next round (vòng thương thuyết mới, phiên sau)",
    "next_stop": "phrases where a next word is not (sau khi, mới nhất)",
    "talks": "words about talks or agreements",
    "context": "words saying a sentence is about trade",
    "trade": "words of trade proper (thương mại, thuế quan): an event about trade with a partner is in its talks",
    "tariff_context": "words about imports or trade partners",
    "tariff_verb": "verbs of tariff actions (áp, hoãn)",
    "rate_lead": "words right before a rate (thuế, thuế quan)",
    "rate_verb": "verbs putting a rate on goods (bị áp mức)",
    "rate_filler": "words between a rate lead and its rate",
    "rate_target": "after a rate: the new rate follows (xuống)",
    "rate_block": "between a tariff cue and a percentage: not its rate",
    "rate_separator": "words between the clauses of two rates",
    "hours_apart": "right before a cue: a few hours from what its sentence tells, on its leading day (vài giờ sau)",
    "same_day": "the day of the event told before; value the part of day",
    "ministerial_title": "titles of minister rank; value the English title",
    "counterpart": "right after an exchange cue: its counterpart follows (cuộc trao đổi với B)",
    "enterprise": "words opening the name of a firm (Tập đoàn, Công ty): a deal between firms is no trade negotiation",
    "peer": "before a country: the person of that country with the subject's title (người đồng cấp Hàn Quốc)",
    "after_talks": "in an agreement's sentence: it was reached after talks told before (sau các cuộc hội đàm)",
    "told_before": "in an event's sentence: what it was about is the matter of the sentence before (vấn đề này)",
    "clock_shift": "before a day: it is the one before told again on another clock (tương ứng, tức)",
    "home_clock": "after a day: the clock of Viet Nam (giờ Việt Nam)",
    "leading": "in a sentence going on about an event: its people lead a delegation to it (dẫn đầu)",
    "since": "right before a date: the start of a period (kể từ tháng 5), no event's date",
    "anniversary": "before a date in its clause: an anniversary or historical date, no event's (kỷ niệm)",
    "reference": "before a round: named as a reference (kể từ, chuẩn bị cho)",
    "reporting": "after a date: the day of a report, not of the event",
    "before_after": "trước khi / sau khi: a clause of its own",
    "between": "after a cue: the people it is between (giữa)",
    "at": "before an unknown capitalised name after an event's cue: where it is held (tại, ở)",
    "locative": "before a place: where the event is (tại, ở)",
    "site": "before an organisation: a building of it (trụ sở)",
    "venue": "verbs saying where an event is held (diễn ra)",
    "attribution": "before a person: who said something (theo)",
    "continuation": "a sentence going on about the event told before (Hai bên)",
    "caption": "markers of photo captions",
    "file_photo": "in a caption: a photo from the archive, not of the event told (ảnh tư liệu)",
    "per_agreement": "before a tariff's rate: the rate an agreement sets (theo thỏa thuận)",
    "level_vi": "Vietnamese labels of levels",
    "level_en": "English labels of levels",
    "mode_vi": "Vietnamese labels of modes",
    "mode_en": "English labels of modes",
    "word_vi": "Vietnamese words of summaries",
    "word_en": "English words of summaries",
}
#: Parts of the day a "same_day" cue may carry ("chiều cùng ngày").
TIMES_OF_DAY = frozenset({"morning", "noon", "afternoon", "evening", "night"})


class CueTableError(ValueError):
    """The cue table is malformed (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class CueRow:
    """One row of the cue table."""

    line: int
    group: str
    cue: str
    value: str


def parse_cue_rows(text: str, name: str = CUE_TABLE) -> tuple[CueRow, ...]:
    """The rows of a cue table, checked: known groups, every group used, known flags and values."""
    from tradetalks.extract.events.cue import flag_named, parse_cue_value

    types = event_types()
    rows: list[CueRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")] + ["", ""]
        row = CueRow(number, cells[0], cells[1], cells[2])
        where = f"{name}:{number}"
        if row.group not in types and row.group not in CUE_GROUPS:
            raise CueTableError(f"{where}: unknown group {row.group!r} (an event type or one of CUE_GROUPS)")
        if not row.cue:
            raise CueTableError(f"{where}: a row of {row.group!r} without a cue")
        rows.append(row)
    levels = {r.cue for r in rows if r.group == "level_en"}
    modes = {r.cue for r in rows if r.group == "mode_en"}
    for row in rows:
        where = f"{name}:{row.line}"
        try:
            if row.group in types:
                parse_cue_value(row.value, levels, modes)
            elif row.group in ("anaphor_before", "next") and row.value:
                flag_named(row.value)
            elif row.group in ("level", "mode") and row.value not in (levels if row.group == "level" else modes):
                raise ValueError(f"unknown {row.group} {row.value!r}")
        except ValueError as exc:
            raise CueTableError(f"{where}: {exc}") from None
        if row.group == "same_day" and row.value and row.value not in TIMES_OF_DAY:
            known = ", ".join(sorted(TIMES_OF_DAY))
            raise CueTableError(f"{where}: unknown part of day {row.value!r} (one of {known})")
    used = {r.group for r in rows}
    empty = sorted((set(CUE_GROUPS) | set(types)) - used)
    if empty:
        raise CueTableError(f"{name}: no row for group(s) {', '.join(empty)}")
    return tuple(rows)


@cache
def _all_rows() -> tuple[CueRow, ...]:
    text = resources.files("tradetalks.resources").joinpath(CUE_TABLE).read_text(encoding="utf-8")
    return parse_cue_rows(text)


def cue_rows(group: str | None = None) -> tuple[CueRow, ...]:
    """The rows of the package's cue table (of one group; an unknown group is an error)."""
    rows = _all_rows()
    if group is None:
        return rows
    if group not in CUE_GROUPS and group not in event_types():
        raise CueTableError(f"{CUE_TABLE}: unknown group {group!r}")
    return tuple(r for r in rows if r.group == group)
