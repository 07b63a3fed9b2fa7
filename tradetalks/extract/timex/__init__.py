"""Time expressions: find Vietnamese dates, months, years, intervals and relative days; normalise to ISO.

"sáng 12/11" -> 12 November, morning; "12–14/11/2025" -> "2025-11-12/2025-11-14"; "quý III/2025" ->
"2025-Q3". A year the expression leaves out comes, in order, from an interval partner or "năm nay"
after it, a full date in the same sentence, the publication date (nearest year, unless a tense word such as
"đã" or "sẽ" puts it on the other side), else stays "XXXX".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date

from tradetalks.extract.timex.anchored import with_compared_years, with_edge_days, with_week_days
from tradetalks.extract.timex.calendar import (
    complete_year,
    infer_year,
    is_valid_value,
    nearest_year,
    parse_published,
)
from tradetalks.extract.timex.found import Found, Point
from tradetalks.extract.timex.lunar import in_lunar_frame, with_tet_days
from tradetalks.extract.timex.patterns import case_blind, patterns, plain_dashes
from tradetalks.extract.timex.scan import scan
from tradetalks.extract.timex.words import time_words
from tradetalks.model import Doc, Sentence, TimeExpr
from tradetalks.stage import stage

_FAR = 90  # days: a tense word moves a yearless date only when the nearest year puts it this far the other way

__all__ = ["complete_year", "extract_timexes", "find_timexes", "infer_year", "is_valid_value"]


def _order(point: Point) -> tuple[int, int]:
    return (point.month, point.day or 0)


def _fill_partners(points: list[Point]) -> None:
    """Give interval ends without a year the year of their partner, rolling over New Year."""
    for i in range(1, len(points)):
        prev, cur = points[i - 1], points[i]
        if cur.year is None and prev.year is not None:
            cur.year = prev.year + (1 if _order(cur) < _order(prev) else 0)
    for i in range(len(points) - 2, -1, -1):
        cur, nxt = points[i], points[i + 1]
        if cur.year is None and nxt.year is not None:
            cur.year = nxt.year - (1 if _order(cur) > _order(nxt) else 0)


def _reference(found: Found) -> date | None:
    """The date a calendar expression with an explicit year stands for (mid-month for a month)."""
    for point in found.points:
        if point.year is not None:
            return date(point.year, point.month, point.day or 15)
    return None


def _near(found: Found, point: Point, reference: date, direction: int = 0) -> int | None:
    """The year of ``point`` nearest to ``reference``, or None when no nearby year has that day."""
    last = point.month + 2 if point.quarter else None
    try:
        return nearest_year(point.month, point.day, reference, direction, last)
    except ValueError:
        return None


def _resolve(found: Found, nearby: date | None, published: date | None) -> None:
    """Settle the years of a calendar expression in place and record how."""
    points = found.points
    if any(p.year is not None for p in points):
        found.resolved_by = "explicit"
    elif found.rel_year is not None and published is not None:
        points[-1].year = published.year + found.rel_year
        found.resolved_by = "publication_date"
    elif nearby is not None and (year := _near(found, points[0], nearby)) is not None:
        points[0].year = year
        found.resolved_by = "nearby_year"
    elif published is not None and (year := _near(found, points[0], published, found.direction)) is not None:
        points[0].year = year
        found.resolved_by = "publication_date"
    else:
        return
    _fill_partners(points)
    found.value = "/".join(_point_value(p) for p in points)
    if not is_valid_value(found.value):
        for point in points:
            point.year = None
        found.resolved_by = None


def _point_value(point: Point) -> str:
    year = "XXXX" if point.year is None else f"{point.year:04d}"
    if point.quarter:
        return f"{year}-Q{point.quarter}"
    if point.day:
        return f"{year}-{point.month:02d}-{point.day:02d}"
    return f"{year}-{point.month:02d}"


def _sentence_index(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


class _Anchors:
    """Expressions with an explicit year, in text order (they never overlap), found again by bisection."""

    def __init__(self, anchors: list[tuple[Found, date]], view: str, starts: list[int]):
        self.anchors = anchors
        self.positions = [f.start for f, _ in anchors]
        self.newlines = [m.start() for m in _NEWLINE.finditer(view)]
        self.starts = starts

    def _newline_between(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.newlines, lo)
        return i < len(self.newlines) and self.newlines[i] < hi

    def nearby(self, found: Found, published: date | None = None) -> date | None:
        """The date of the closest anchor in the same sentence and paragraph (the earlier one on a tie); none
        when that anchor is an anniversary of it (``_anniversary``).

        Only the last anchor before ``found`` and the first after it can be closest: any farther one shares
        their gap, with its newline or sentence break.
        """
        sentence = _sentence_index(self.starts, found.start)
        i = bisect.bisect_left(self.positions, found.start)
        after = i + 1 if i < len(self.anchors) and self.anchors[i][0] is found else i
        best: tuple[int, date] | None = None
        for j in (i - 1, after):
            if not 0 <= j < len(self.anchors):
                continue
            other, reference = self.anchors[j]
            if _sentence_index(self.starts, other.start) != sentence:
                continue
            lo, hi = (other.end, found.start) if other.end <= found.start else (found.end, other.start)
            if self._newline_between(lo, hi) or _anniversary(found, other, published):
                continue
            if best is None or hi - lo < best[0]:
                best = (hi - lo, reference)
        return best[1] if best else None


def _anniversary(found: Found, anchor: Found, published: date | None) -> bool:
    """A dated day with the same day and month as ``found`` but over a year from publication is what ``found``
    commemorates, not its year: "Ngày 2/9, … kỷ niệm Quốc khánh (2/9/1945)", "hôm 11/9 … vụ 11/9/2001"."""
    if published is None or not found.points or not anchor.points:
        return False
    mine = found.points[0]
    theirs = next((p for p in anchor.points if p.year is not None), None)
    if theirs is None or theirs.year is None or mine.day is None:
        return False
    return (mine.month, mine.day) == (theirs.month, theirs.day) and abs(theirs.year - published.year) > 1


class _Tense:
    """The tense of each sentence piece between line breaks, read once per piece."""

    def __init__(self, view: str, starts: list[int]):
        self.view, self.starts = view, starts
        self.seen: dict[tuple[int, int], frozenset[int]] = {}

    def of(self, found: Found) -> frozenset[int]:
        """The sides the tense words of the sentence of ``found`` tell: -1 a past event ("đã"), +1 a coming
        one ("sẽ"); both, or none."""
        view, starts = self.view, self.starts
        i = _sentence_index(starts, found.start)
        lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(view)
        lo = max(lo, view.rfind("\n", lo, found.start) + 1)
        cut = view.find("\n", found.end, hi)
        piece = (lo, hi if cut < 0 else cut)
        if piece not in self.seen:
            self.seen[piece] = _tense_of(view[piece[0] : piece[1]])
        return self.seen[piece]


def _tense_of(text: str) -> frozenset[int]:
    words = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    return frozenset(int(v) for p, v in time_words().tables.get("tense", {}).items() if f" {p.lower()} " in words)


def _side_told(found: Found, published: date, tense: frozenset[int]) -> int:
    """Which side of the publication date a yearless date lies on, when its nearest year puts it far (over
    _FAR days) on one side: the other side when its sentence's tense words (``tense``: -1 "đã", +1 "sẽ") all
    tell that side; and, as news tells what happened, the past for a date far ahead of publication that no
    word tells is to come ("Đầu tháng 2, ông ký sắc lệnh", published in October: last February). A month
    counts as far ahead by its first day there ("lùi sang tháng 11" told on 12 August: 81 days, this year).
    0 keeps the nearest year."""
    side = _far_side(found, published)
    if side and tense == {-side}:
        return -side
    if 1 not in tense and _far_side(found, published, by_first_day=True) > 0:
        return -1
    return 0


def _far_side(found: Found, published: date, by_first_day: bool = False) -> int:
    """-1 or +1 when the nearest year puts ``found`` more than _FAR days before or after publication, else 0;
    a month counts from its 15th, or ``by_first_day`` from its first day."""
    point = found.points[0]
    year = _near(found, point, published)
    if year is None or point.quarter:
        return 0
    day = point.day or (1 if by_first_day else 15)
    gap = (date(year, point.month, day) - published).days
    return 0 if abs(gap) <= _FAR else (1 if gap > 0 else -1)


def find_timexes(
    text: str, published: str | None = None, sentences: Sequence[Sentence] = (), key: str | None = None
) -> list[TimeExpr]:
    """The time expressions of a text, with offsets into ``text``; ``key`` is its same-length matching view."""
    view = plain_dashes(key if key is not None and len(key) == len(text) else text)
    pub = parse_published(published)
    found = scan(view, pub)
    starts = sorted(s.start for s in sentences) or [0]
    if starts[0] > 0:
        starts.insert(0, 0)
    dated = [(f, ref) for f in found if f.value is None and (ref := _reference(f)) is not None]
    anchors = _Anchors(dated, view, starts)
    tense = _Tense(view, starts)
    for item in found:
        if item.value is None and pub is not None and item.direction == 0 and item.rel_year is None:
            if all(p.year is None for p in item.points):
                item.direction = _side_told(item, pub, tense.of(item))
        if item.value is None:
            _resolve(item, anchors.nearby(item, pub), pub)
        if item.value is None:
            item.value = "/".join(_point_value(p) for p in item.points)
    found = in_lunar_frame(view, found, starts, pub)
    found = with_tet_days(view, found, pub)
    found = with_edge_days(view, found)
    found = with_week_days(view, found, tense.of)
    found = with_compared_years(view, found, starts, pub)
    found = _with_same_day(view, found)
    return [
        TimeExpr(f.start, f.end, text[f.start : f.end], f.value or "", f.resolved_by, f.time_of_day, f.kind)
        for f in found
    ]


_ONE_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")
_NEWLINE = re.compile("\n")
_SAME_DAY_WORDS = re.compile(r"cùng\s+ngày")  # a quick test on case_blind(view) before the full pattern


def _with_same_day(view: str, found: list[Found]) -> list[Found]:
    """ "Cùng ngày, …", "chiều cùng ngày": the day of the last single day told before it, with its part of the
    day ("Ngày 9/4, Mỹ hoãn thuế. Cùng ngày, hai bên …" -> 9 April); nothing when no day was told before."""
    if not _SAME_DAY_WORDS.search(case_blind(view)):
        return found
    days = [f for f in found if _ONE_DAY.match(f.value or "")]
    ends = [f.end for f in days]
    taken = [(f.start, f.end) for f in found]
    out = list(found)
    for m in patterns().same_day.finditer(view):
        i = bisect.bisect_right(ends, m.start())
        k = bisect.bisect_left(taken, (m.end(), -1))
        if not i or k and taken[k - 1][1] > m.start():
            continue  # no day told before, or inside another expression
        told = days[i - 1]
        pod = time_words().value("part_of_day", m["pod"]) if m["pod"] else None
        out.append(Found(m.start(), m.end(), "date", value=told.value, resolved_by=told.resolved_by, time_of_day=pod))
    return sorted(out, key=lambda f: f.start)


@stage(requires={"key", "sentences"}, provides={"timexes"})
def extract_timexes(doc: Doc) -> Doc:
    """Append the article's time expressions to ``doc.timexes`` (offsets into ``doc.article.text``)."""
    found = find_timexes(doc.text, doc.article.published, doc.sentences, doc.key or None)
    if doc.article.published_from:  # the year came from the URL or the article's own dates, not the input
        for t in found:
            if t.resolved_by == "publication_date":
                t.resolved_by = doc.article.published_from
    doc.timexes.extend(found)
    return doc
