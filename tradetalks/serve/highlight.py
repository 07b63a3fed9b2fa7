"""Article text as HTML with extracted spans highlighted by kind; every piece of article text is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from tradetalks.model import Doc

KINDS: tuple[str, ...] = ("person", "organization", "location", "country", "date", "evidence")


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
    """``text`` as HTML: each segment escaped, wrapped in <span class="hl hl-KIND"> for the spans covering it."""
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[a:b]))
        covering = [s for s in valid if s.start <= a and b <= s.end]
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({s.kind for s in covering}, key=KINDS.index)
        notes = "; ".join(dict.fromkeys(s.note for s in covering if s.note))
        title = f' title="{escape(notes)}"' if notes else ""
        classes = " ".join(f"hl-{k}" for k in kinds)
        out.append(f'<span class="hl {classes}"{title}>{piece}</span>')
    return Markup("".join(out).replace("\n\n", "</p><p>").join(("<p>", "</p>")))
