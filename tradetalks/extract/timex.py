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

from tradetalks.extract.timex_calendar import (
    complete_year,
    infer_year,
    is_valid_value,
    nearest_year,
    parse_published,
)
from tradetalks.extract.timex_found import Found, Point
from tradetalks.extract.timex_patterns import plain_dashes
from tradetalks.extract.timex_scan import scan
from tradetalks.extract.timex_words import time_words
from tradetalks.model import Doc, Sentence, TimeExpr
from tradetalks.pipeline import stage

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


def _nearby_reference(found: Found, anchors: list[tuple[Found, date]], view: str, starts: list[int]) -> date | None:
    """The date of the closest expression with an explicit year in the same sentence and paragraph."""
    sentence = _sentence_index(starts, found.start)
    best: tuple[int, date] | None = None
    for other, reference in anchors:
        if other is found or _sentence_index(starts, other.start) != sentence:
            continue
        lo, hi = (other.end, found.start) if other.end <= found.start else (found.end, other.start)
        if "\n" in view[lo:hi]:
            continue
        distance = hi - lo
        if best is None or distance < best[0]:
            best = (distance, reference)
    return best[1] if best else None


def _tense(view: str, found: Found, starts: list[int]) -> int:
    """-1 when the sentence of ``found`` tells a past event ("đã"), +1 a coming one ("sẽ"), else 0."""
    i = _sentence_index(starts, found.start)
    lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(view)
    lo = max(lo, view.rfind("\n", lo, found.start) + 1)
    cut = view.find("\n", found.end, hi)
    words = " " + " ".join(re.findall(r"\w+", view[lo : hi if cut < 0 else cut].lower())) + " "
    sides = {int(v) for p, v in time_words().tables.get("tense", {}).items() if f" {p.lower()} " in words}
    return sides.pop() if len(sides) == 1 else 0


def _far_side(found: Found, published: date) -> int:
    """-1 or +1 when the nearest year puts ``found`` more than _FAR days before or after publication, else 0."""
    point = found.points[0]
    year = _near(found, point, published)
    if year is None or point.quarter:
        return 0
    gap = (date(year, point.month, point.day or 15) - published).days
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
    anchors = [(f, ref) for f in found if f.value is None and (ref := _reference(f)) is not None]
    for item in found:
        if item.value is None and pub is not None and item.direction == 0 and item.rel_year is None:
            side = _far_side(item, pub) if all(p.year is None for p in item.points) else 0
            if side and _tense(view, item, starts) == -side:
                item.direction = -side
        if item.value is None:
            _resolve(item, _nearby_reference(item, anchors, view, starts), pub)
        if item.value is None:
            item.value = "/".join(_point_value(p) for p in item.points)
    return [
        TimeExpr(f.start, f.end, text[f.start : f.end], f.value or "", f.resolved_by, f.time_of_day, f.kind)
        for f in found
    ]


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
