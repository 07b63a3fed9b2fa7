"""One event in full: every report of it side by side (outlet, publication date, the quoted sentence in its
paragraph), and each point the sources disagree on with every value, who said it, the value kept and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tradetalks.model import Event, Evidence
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.labels import label

#: Characters of the article shown on each side of a quoted sentence.
CONTEXT = 220
#: At most this many reports are shown with their surrounding text (the rest with the quote alone).
MAX_CONTEXTS = 24


def source_line(index: DossierIndex, article_id: str) -> dict[str, Any]:
    """How a source is named to a reader: outlet · publication date · title, and the page it links to."""
    record = index.article_by_id.get(article_id)
    return {
        "article": article_id,
        "href": f"/article/{article_id}",
        "outlet_label": index.outlet_label(article_id),
        "published": record.published if record else None,
        "title": record.title if record else None,
    }


def passages(text: str | None, quotes: list[Evidence]) -> list[list[dict[str, Any]]]:
    """The quoted sentences of one article in the text around them: each passage a list of pieces
    {"text", "quote": bool}, cut at paragraph breaks and ``CONTEXT`` characters a side; quotes whose
    surroundings overlap share one passage. Without the text (or when it no longer matches), the quotes alone."""
    if not text or any(text[q.start : q.end] != q.quote for q in quotes):
        return [[{"text": q.quote, "quote": True}] for q in quotes]
    windows: list[tuple[int, int, list[Evidence]]] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        lo = max(text.rfind("\n", 0, q.start) + 1, q.start - CONTEXT)
        stop = text.find("\n", q.end)
        hi = min(stop if stop >= 0 else len(text), q.end + CONTEXT)
        if windows and lo <= windows[-1][1]:
            first, last, inside = windows[-1]
            windows[-1] = (first, max(last, hi), [*inside, q])
        else:
            windows.append((lo, hi, [q]))
    out = []
    for lo, hi, inside in windows:
        pieces: list[dict[str, Any]] = [{"text": "…" if lo > 0 and text[lo - 1] != "\n" else "", "quote": False}]
        at = lo
        for q in inside:
            if q.start < at:  # overlapping quotes: mark from where the last one ended
                if q.end > at:
                    pieces.append({"text": text[at : q.end], "quote": True})
                    at = q.end
                continue
            pieces += [{"text": text[at : q.start], "quote": False}, {"text": q.quote, "quote": True}]
            at = q.end
        pieces.append({"text": text[at:hi] + ("…" if hi < len(text) and text[hi] != "\n" else ""), "quote": False})
        out.append([p for p in pieces if p["text"]])
    return out


def reports(
    index: DossierIndex, event: Event, article_text: Callable[[str], str | None] | None = None
) -> list[dict[str, Any]]:
    """An event's reports, one per article in order of publication: the source line and the quoted sentences,
    each in the text around it when ``article_text`` can give the article."""
    by_article: dict[str, list[Evidence]] = {}
    for ev in event.evidence:
        by_article.setdefault(ev.article, []).append(ev)
    out = []
    for n, (article, quotes) in enumerate(by_article.items()):
        text = article_text(article) if article_text and n < MAX_CONTEXTS else None
        out.append({**source_line(index, article), "passages": passages(text, quotes)})
    return sorted(out, key=lambda r: (r["published"] or "9999", r["outlet_label"] or ""))


def conflicts(index: DossierIndex, event: Event, lang: str = "vi") -> list[dict[str, Any]]:
    """Each disagreement: the field, every value with the sources that gave it, the value kept and why."""
    out = []
    for c in event.conflicts:
        values = []
        for n, value in enumerate(c.values):
            evidence = c.evidence[n] if n < len(c.evidence) else []
            seen = dict.fromkeys(ev.article for ev in evidence)
            values.append(
                {
                    "value": value,
                    "chosen": value == c.chosen,
                    "sources": [source_line(index, a) for a in seen],
                    "quotes": [ev.quote for ev in evidence],
                }
            )
        out.append(
            {
                "field": c.field,
                "field_label": label(lang, f"field.{c.field}", c.field),
                "values": values,
                "chosen": c.chosen,
                "reason": c.reason,
            }
        )
    return out


def event_detail(
    index: DossierIndex, event: Event, article_text: Callable[[str], str | None] | None = None, lang: str = "vi"
) -> dict[str, Any]:
    """Everything the event page shows: the event as JSON, its reports side by side, its conflicts, and where
    each completed attribute came from."""
    view = index.event_view(event, lang)
    completed = [
        {"field": f, "field_label": label(lang, f"field.{f}", f), **source_line(index, a)}
        for f, a in sorted(event.sources.items())
    ]
    return {
        "event": view,
        "reports": reports(index, event, article_text),
        "conflicts": conflicts(index, event, lang),
        "completed_from": completed,
    }
