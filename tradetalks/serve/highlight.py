"""Article text as HTML with extracted spans highlighted by kind; every piece of article text is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from tradetalks.model import Doc

KINDS: tuple[str, ...] = ("person", "organization", "location", "country", "date", "evidence")
#: At most this many notes in one highlighted segment's tooltip.
MAX_NOTES = 8


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the stored text to mark, with its kind and a tooltip."""

    start: int
    end: int
    kind: str
    note: str = ""


def doc_highlights(doc: Doc, evidence: list[tuple[int, int, str]] | None = None) -> list[Highlight]:
    """The spans of a Doc: names by type, dates with their ISO value, and event evidence sentences."""
    spans = []
    for m in doc.mentions:
        note = m.role.title if m.role else (m.canonical or "")
        spans.append(Highlight(m.start, m.end, m.type if m.type in KINDS else "organization", note))
    for t in doc.timexes:
        spans.append(Highlight(t.start, t.end, "date", t.value))
    for event in doc.events:
        for ev in event.evidence:
            spans.append(Highlight(ev.start, ev.end, "evidence", event.type))
    for start, end, note in evidence or []:
        spans.append(Highlight(start, end, "evidence", note))
    return spans


def highlight_html(text: str, spans: list[Highlight]) -> Markup:
    """``text`` as HTML: each segment escaped, wrapped in <span class="hl hl-KIND"> for the spans covering it.

    One sweep over the sorted span boundaries (n log n in the number of spans, linear in the text): the spans
    covering a segment are kept as counts per kind and per note, updated at each boundary.
    """
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    rank = {note: i for i, note in reversed(list(enumerate(s.note for s in valid)))}
    opening: dict[int, list[Highlight]] = {}
    closing: dict[int, list[Highlight]] = {}
    for s in valid:
        opening.setdefault(s.start, []).append(s)
        closing.setdefault(s.end, []).append(s)
    cuts = sorted({0, n, *opening, *closing})
    kinds: dict[str, int] = dict.fromkeys(KINDS, 0)
    notes: dict[str, int] = {}
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for s in closing.get(a, ()):
            _count(kinds, notes, s, -1)
        for s in opening.get(a, ()):
            _count(kinds, notes, s, 1)
        piece = str(escape(text[a:b]))
        if not any(kinds.values()):
            out.append(piece)
            continue
        shown = sorted((note for note in notes if note), key=rank.__getitem__)[:MAX_NOTES]
        title = f' title="{escape("; ".join(shown))}"' if shown else ""
        classes = " ".join(f"hl-{k}" for k in KINDS if kinds[k])
        out.append(f'<span class="hl {classes}"{title}>{piece}</span>')
    return Markup("".join(out).replace("\n\n", "</p><p>").join(("<p>", "</p>")))


def _count(kinds: dict[str, int], notes: dict[str, int], span: Highlight, step: int) -> None:
    """Add (step 1) or remove (step -1) a span from the counts of the spans covering the sweep's position."""
    kinds[span.kind if span.kind in kinds else "organization"] += step
    left = notes.get(span.note, 0) + step
    if left:
        notes[span.note] = left
    else:
        notes.pop(span.note, None)
