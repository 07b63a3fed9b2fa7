"""The dates of a sentence's event cues: which cue each date belongs to, and the dates that are no event's
(a report's day, an anniversary, the start of a period, a date of a "trước khi …" clause)."""

from __future__ import annotations

import re

from tradetalks.event_types import spec
from tradetalks.extract.cues import ends_with, event_lexicon, starts_with
from tradetalks.extract.doc_index import doc_index
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.model import Doc, Sentence

_YEAR_SPAN = re.compile(r"^\d{4}(?:/\d{4})?$")
_YEAR_GAP = 12  # how far after an agreement's cue the year it was signed may stand ("ký kết vào năm 2000")
_SHIFT_GAP = 40  # how far before a converted day "tương ứng"/"tức" may stand ("tức khoảng rạng sáng ngày 9-5")
_CLOCK_GAP = 20  # how far after it "giờ Việt Nam" may follow ("ngày 10/4 theo giờ Việt Nam")
_NAME_GAP = 100  # how long the name of a document may run before the year in brackets that closes it


def _governed(low: str, lo: int, cue: int) -> bool:
    """Whether "trước khi"/"sau khi" between a date and a cue puts the cue in a clause of its own (no comma
    closes that clause before the cue)."""
    found = event_lexicon("before_after").find(low, low, lo, cue)
    return bool(found) and "," not in low[found[-1].end : cue]


def owner_of(cues: list[CueMention], low: str, pos: int, end: int, strict: bool = False) -> CueMention | None:
    """The cue a dated or located phrase at ``[pos, end)`` belongs to (``strict``: only a clear one)."""
    before = [c for c in cues if c.end <= pos]
    if before:
        last = before[-1]
        gap = low[last.end : pos]
        if event_lexicon("before_after").any(low, low, last.end, pos):
            return None  # "vòng … diễn ra … trước khi lệnh ngừng áp thuế hết hạn vào ngày 10/11": that clause's date
        if "," not in gap and ";" not in gap and len(gap) <= 120:
            return last
    for c in cues:
        if c.start >= end and not c.flags & (CueFlag.FRAME | CueFlag.REFERENCE):
            if _governed(low, end, c.start):
                return None  # "tuần tới … họp trực tuyến … trước khi bước vào vòng thứ 6": not that round's date
            return c
    if strict:
        return None
    if before:
        return before[-1]
    return next((c for c in cues if CueFlag.REFERENCE not in c.flags), None)


def _anniversary(low: str, key: str, s: Sentence, pos: int, cues: list[CueMention]) -> bool:
    """Whether a date at ``pos`` is remembered: an anniversary word before it in its clause, no cue between."""
    lo = max(s.start, low.rfind(",", s.start, pos) + 1, pos - 80)
    found = event_lexicon("anniversary").find(low, key, lo, pos)
    return bool(found) and not any(found[-1].end <= c.start < pos for c in cues)


def _converted(low: str, key: str, s: Sentence, start: int, end: int) -> bool:
    """Rule ``converted_clock``: "lúc 20h GMT, tương ứng với 3h sáng ngày 10/4 theo giờ Việt Nam": a day told again
    on Viet Nam's clock after "tương ứng"/"tức" is not the day where the event took place."""
    home = event_lexicon("home_clock").find(low, key, end, min(s.end, end + _CLOCK_GAP))
    return bool(home) and event_lexicon("clock_shift").any(low, key, max(s.start, start - _SHIFT_GAP), start)


def _speaker_today(low: str, s: Sentence, pos: int, resolved_by: str | None, kind: str) -> bool:
    """Rule ``speaker_today``: "Phát biểu sau cuộc gặp, ông A nói: “Thật tốt khi chúng ta đạt được thỏa thuận hôm
    nay”": a day word inside a speaker's own words ("hôm nay", "hôm qua") counts from the day he spoke, which the
    article need not be published on; read against the publication day it dates nothing."""
    if kind != "relative" or resolved_by != "publication_date":
        return False
    before = low[s.start : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _named_year(low: str, start: int, end: int, cues: list[CueMention]) -> CueMention | None:
    """Rule ``year_closes_name``: "Bản ghi nhớ về hợp tác … (năm 2011)": a year in brackets closing the name of a
    document (no comma or other cue between) is the year it was signed."""
    if low.rfind("(", max(0, start - 5), start) < 0 or ")" not in low[end : end + 2]:
        return None
    before = [c for c in cues if c.end <= start]
    if not before or before[-1].type != "agreement":
        return None
    gap = low[before[-1].end : low.rfind("(", 0, start)]
    return before[-1] if len(gap) <= _NAME_GAP and not any(ch in gap for ch in ",;()") else None


def attach_timexes(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    leading: list[tuple[int, CueMention]] = []
    for ti in doc_index(doc).timex_ids_in(s.start, s.end):
        t = doc.timexes[ti]
        if t.start < s.start or t.end > s.end or not t.value or t.kind == "year_part":
            continue
        if _YEAR_SPAN.match(t.value):  # a bare year dates only an agreement signed in it ("được ký kết năm 2000")
            signed = next((c for c in cues if c.type == "agreement" and 0 <= t.start - c.end <= _YEAR_GAP), None)
            signed = signed or _named_year(low, t.start, t.end, cues)
            if signed is not None and "/" not in t.value and "," not in low[signed.end : t.start]:
                signed.timexes.append(ti)
            continue
        if starts_with("reporting", low, key, t.end, min(s.end, t.end + 20)):
            continue  # "Bộ Công Thương ngày 15/6 cho biết …": the day of the report, not of the event
        if _speaker_today(low, s, t.start, t.resolved_by, t.kind):
            continue  # "ông A nói: “… đạt được thỏa thuận hôm nay”": the day he spoke, not the day of publication
        if _converted(low, key, s, t.start, t.end):
            continue  # "…, tức rạng sáng ngày 9-5 theo giờ Việt Nam": the day on another clock
        if _anniversary(low, key, s, t.start, cues):
            continue  # "nhân kỷ niệm 30 năm … (12/7/1995 - 12/7/2025)": a date remembered, no event's
        owner = owner_of(cues, low, t.start, t.end)
        since = ends_with("since", low, key, max(s.start, t.start - 15), t.start)
        if since and owner is not None and spec(owner.type).kind != "action":
            continue  # "vòng đàm phán thứ 5 kể từ tháng 5": the start of a period, not the event's date
        if owner is not None:
            owner.timexes.append(ti)
            if t.end <= owner.start:
                leading.append((ti, owner))
    # "Sáng 5/3, A tiếp B và làm việc với C": both that day; not a cue with a date of its own, one in a clause
    # of its own ("trước khi …"), nor one named as a reference ("kể từ vòng thứ hai", "chuẩn bị cho vòng thứ ba")
    for ti, owner in leading:
        t = doc.timexes[ti]
        for c in cues:
            later = c.start > owner.start and ";" not in low[t.end : c.start] and not _governed(low, t.end, c.start)
            if not later or c.timexes or CueFlag.FRAME in c.flags:
                continue
            if ends_with("reference", low, key, max(s.start, c.start - 30), c.start) is None:
                c.timexes.append(ti)
    # rule ``hours_apart``: "Tối 5/3, chỉ vài giờ sau cuộc điện đàm với A, B tuyên bố …": an event told a few
    # hours from what its sentence tells falls on the day leading the sentence
    for c in cues:
        if not c.timexes and ends_with("hours_apart", low, key, max(s.start, c.start - 30), c.start) is not None:
            c.timexes = [ti for ti, _ in leading if doc.timexes[ti].end <= c.start]
    # "Ngày 26/11, Bộ Công Thương cho biết phiên đàm phán … diễn ra từ ngày 25-28/11": the leading date is the
    # report's when a reporting verb stands between it and a cue that has a date of its own; so is one before a
    # colon (rule ``announced_after_colon``: "Bộ trưởng thông báo chiều 5/6: phiên đối thoại đầu tiên diễn ra ngày
    # 12/6": the day of the announcement, the colon opening what was announced)
    for c in cues:
        own = [ti for ti in c.timexes if doc.timexes[ti].start >= c.end]
        for ti in [ti for ti in c.timexes if doc.timexes[ti].end <= c.start]:
            reported = event_lexicon("reporting").any(low, key, doc.timexes[ti].end, c.start)
            reported = reported or ":" in low[doc.timexes[ti].end : c.start]
            if own and reported:
                c.timexes.remove(ti)
