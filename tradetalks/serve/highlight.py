"""Article text as HTML with extracted spans highlighted by kind; every piece of article text is escaped."""

from __future__ import annotations

import html
from typing import NamedTuple

from markupsafe import Markup

from tradetalks.model import Doc

KINDS: tuple[str, ...] = ("person", "organization", "location", "country", "date", "evidence")
_KIND_INDEX = {kind: i for i, kind in enumerate(KINDS)}
#: At most this many notes in one highlighted segment's tooltip.
MAX_NOTES = 8


class Highlight(NamedTuple):
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
    covering a segment are kept as counts per kind and per note, updated at each boundary; the opening tag of
    each distinct set of kinds and notes is built once.
    """
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    rank = {note: i for i, note in reversed(list(enumerate(s.note for s in valid)))}
    opening: dict[int, list[tuple[int, str]]] = {}
    closing: dict[int, list[tuple[int, str]]] = {}
    for s in valid:
        change = (_KIND_INDEX.get(s.kind, _KIND_INDEX["organization"]), s.note)
        opening.setdefault(s.start, []).append(change)
        closing.setdefault(s.end, []).append(change)
    cuts = sorted({0, n, *opening, *closing})
    counts = [0] * len(KINDS)
    mask = 0  # bit i set while counts[i] > 0
    notes: dict[str, int] = {}
    tags: dict[tuple[int, tuple[str, ...]], str] = {}
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for kind, note in closing.get(a, ()):
            counts[kind] -= 1
            if not counts[kind]:
                mask &= ~(1 << kind)
            left = notes[note] - 1
            if left:
                notes[note] = left
            else:
                del notes[note]
        for kind, note in opening.get(a, ()):
            counts[kind] += 1
            mask |= 1 << kind
            notes[note] = notes.get(note, 0) + 1
        piece = html.escape(text[a:b])
        if not mask:
            out.append(piece)
            continue
        key = (mask, tuple(notes))
        tag = tags.get(key)
        if tag is None:
            shown = sorted((note for note in notes if note), key=rank.__getitem__)[:MAX_NOTES]
            title = f' title="{html.escape("; ".join(shown))}"' if shown else ""
            classes = " ".join(f"hl-{k}" for i, k in enumerate(KINDS) if mask & (1 << i))
            tag = tags[key] = f'<span class="hl {classes}"{title}>'
        out += (tag, piece, "</span>")
    return Markup("".join(out).replace("\n\n", "</p><p>").join(("<p>", "</p>")))
