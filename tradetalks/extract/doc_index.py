"""Position indexes over one article's sentences and mentions, so a lookup costs log n, not n.

Stages ask "which sentence holds offset 812?" or "which mentions start inside [a, b)?" once per
candidate; scanning every sentence or mention each time makes an article's cost grow with the square of
its length. ``doc_index(doc)`` builds the sorted keys once per document (rebuilt when its layers grow).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable
from typing import Any

from tradetalks.model import Doc, Mention, Sentence


class DocIndex:
    """Sorted starts of a document's sentences and mentions, and memos for per-sentence answers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.size = (len(doc.sentences), len(doc.mentions), len(doc.timexes))
        self.sentence_starts = [s.start for s in doc.sentences]
        sentences = doc.sentences  # in order and disjoint (as the splitter makes them): found by bisection
        self._ordered = all(
            a.end <= b.start and a.start < a.end for a, b in zip(sentences, sentences[1:], strict=False)
        )
        order = sorted(range(len(doc.mentions)), key=lambda i: doc.mentions[i].start)
        self.mention_order = order
        self.mention_starts = [doc.mentions[i].start for i in order]
        self.timex_starts = [t.start for t in doc.timexes]
        self._ordered_timexes = all(a <= b for a, b in zip(self.timex_starts, self.timex_starts[1:], strict=False))
        self.memo: dict[Any, Any] = {}

    def sentence_at(self, pos: int) -> Sentence | None:
        """The first sentence (in document order) with ``start <= pos < end``: sentences [0, 10) and
        [10, 25) put offset 12 in the second."""
        sentences = self.doc.sentences
        if not self._ordered:
            return next((s for s in sentences if s.start <= pos < s.end), None)
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return sentences[i] if i >= 0 and pos < sentences[i].end else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions whose start lies in ``[start, end)``, in document order."""
        mentions = self.doc.mentions
        return [mentions[i] for i in self.mention_ids_in(start, end)]

    def mention_ids_in(self, start: int, end: int) -> list[int]:
        """Indexes of the mentions whose start lies in ``[start, end)``, ascending."""
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return sorted(self.mention_order[lo:hi])

    def timex_ids_in(self, start: int, end: int) -> list[int]:
        """Indexes of the time expressions whose start lies in ``[start, end)``, ascending."""
        if not self._ordered_timexes:
            return [i for i, t in enumerate(self.doc.timexes) if start <= t.start < end]
        return list(range(bisect.bisect_left(self.timex_starts, start), bisect.bisect_left(self.timex_starts, end)))

    def remember(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key`` for this document."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


_local = threading.local()


def forget_index() -> None:
    """Drop the kept index (and the document it holds): called when a stage starts and ends its work."""
    _local.index = None


def doc_index(doc: Doc) -> DocIndex:
    """The index of ``doc``, kept for the document being worked on (one per thread)."""
    index: DocIndex | None = getattr(_local, "index", None)
    if index is None or index.doc is not doc or index.size != (len(doc.sentences), len(doc.mentions), len(doc.timexes)):
        index = DocIndex(doc)
        _local.index = index
    return index


def inside_any(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test "is [start, end) inside one of ``spans``" in log time: the farthest end among spans opening first."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach: list[int] = []
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return inside


def ends_inside(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """For sorted, disjoint ``spans``: a test "does [start, end) open or close inside one of them"
    (``a <= start < b`` or ``a < end <= b``), by bisection."""
    starts = [a for a, _ in spans]

    def touches(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < spans[i][1]:
            return True
        j = bisect.bisect_left(starts, end) - 1
        return j >= 0 and end <= spans[j][1]

    return touches


class Coverage:
    """Which characters of a text lie inside some span added so far: "does [a, b) meet one" costs b - a
    (one scan of bytes), not the number of spans."""

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()):
        self.inside = bytearray(size + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.inside[start:end] = b"\x01" * (end - start)

    def meets(self, start: int, end: int) -> bool:
        """Whether any character of ``[start, end)`` is covered."""
        return self.inside.find(1, start, end) >= 0

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self.inside) and self.inside[pos] == 1
