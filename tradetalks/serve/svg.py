"""Small SVG building blocks: escaped text, links, a date axis. Every piece of dossier text passes through
``svg_text`` (markup escaped, direction controls dropped), so hostile names stay inert inside the picture."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup, escape

#: Unicode direction controls (embeddings, overrides, isolates, marks): dropped from text drawn in SVG, where
#: they could reorder the labels around them.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_HREF = re.compile(r"^/(?!/)[A-Za-z0-9/_\-.%?=&]*$")


@dataclass
class Cell:
    """One cell of the table beside a picture: its text and, when it names a page, the page's path."""

    text: str
    href: str | None = None


@dataclass
class Chart:
    """A picture and the same facts as a table (for screen readers and copying)."""

    key: str  # the picture's id on the page: "timeline", "tariffs", "people", "topics"
    title: str
    svg: Markup
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # the pages the picture's marks link to, in drawing order


def svg_text(value: Any, limit: int = 80) -> str:
    """Text for an SVG element or attribute: direction controls dropped, cut to ``limit`` characters, escaped.

    >>> svg_text('<script>"x"</script>')
    '&lt;script&gt;&#34;x&#34;&lt;/script&gt;'
    """
    text = _BIDI.sub("", str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return str(escape(text))


def local_href(path: str) -> str:
    """A link inside the site; anything that is not a plain local path becomes "#" (never a script URL)."""
    return path if _HREF.match(path) else "#"


def link(href: str, body: str, label: str) -> str:
    """An SVG link around ``body`` with a tooltip and an accessible name."""
    name = svg_text(label, 160)
    return f'<a href="{local_href(href)}" aria-label="{name}"><title>{name}</title>{body}</a>'


def svg_root(width: int, height: int, title: str, body: list[str], css: str = "") -> Markup:
    """A scalable SVG element (viewBox, no fixed size: the page's CSS fits it to the screen)."""
    name = svg_text(title, 160)
    classes = f"chart {css}".strip()
    head = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{name}" '
    return Markup(head + f'class="{classes}"><title>{name}</title>' + "".join(body) + "</svg>")


def day_number(value: str) -> int:
    """Days since 0001-01-01 of an ISO date or month ("2025-11" counts as its first day)."""
    y, m, d = (value + "-01-01")[:10].split("-")
    try:
        return date(int(y), int(m), int(d)).toordinal()
    except ValueError:
        return date(int(y), max(1, min(12, int(m))), 1).toordinal()


@dataclass
class DateAxis:
    """A linear date scale from ``first`` to ``last`` (ISO) onto x pixels ``left``..``right``."""

    first: int
    last: int
    left: float
    right: float

    @classmethod
    def over(cls, values: list[str], left: float, right: float) -> DateAxis:
        days = [day_number(v) for v in values] or [date.today().toordinal()]
        lo, hi = min(days), max(days)
        pad = max(3, (hi - lo) // 40)
        return cls(lo - pad, hi + pad, left, right)

    def x(self, value: str) -> float:
        span = max(1, self.last - self.first)
        return round(self.left + (day_number(value) - self.first) * (self.right - self.left) / span, 1)

    def ticks(self, most: int = 8) -> list[tuple[float, str]]:
        """Tick marks at month or year starts, at most ``most`` of them: (x, label)."""
        lo, hi = date.fromordinal(self.first), date.fromordinal(self.last)
        months = (hi.year - lo.year) * 12 + hi.month - lo.month
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= most), 240)
        out = []
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            first = date(y, m, 1).toordinal()
            if first >= self.first and ((y * 12 + m - 1) % step == 0):
                text = str(y) if step >= 12 else f"{m:02d}/{y}"
                out.append((self.x(date(y, m, 1).isoformat()), text))
            m += 1
            if m > 12:
                y, m = y + 1, 1
        return out


def axis_marks(axis: DateAxis, top: float, bottom: float) -> list[str]:
    """Vertical grid lines and labels for the axis's ticks."""
    out = []
    for x, text in axis.ticks():
        out.append(f'<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>')
        out.append(f'<text class="tick" x="{x}" y="{bottom + 14}" text-anchor="middle">{svg_text(text)}</text>')
    return out
