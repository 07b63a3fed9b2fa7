"""Highlighted article HTML (escaped, by kind) and the ``show`` rendering of one article."""

from __future__ import annotations

import pytest
from rich.console import Console

from tradetalks.model import Article, Doc, Event, Evidence, Mention, RoleMention, TimeExpr
from tradetalks.serve.highlight import Highlight, doc_highlights, highlight_html
from tradetalks.serve.render import doc_as_dict, print_doc
from tradetalks.serve.web import snippet_html

TEXT = "Sáng 5/3, Thứ trưởng Phan Thị Thắng tiếp Đại sứ Hoa Kỳ tại Hà Nội."


def _doc() -> Doc:
    def at(part: str) -> tuple[int, int]:
        i = TEXT.index(part)
        return i, i + len(part)

    role = RoleMention(
        "Thứ trưởng", *at("Thứ trưởng"), title="Thứ trưởng", title_en="Deputy Minister", organization="Bộ Công Thương"
    )
    doc = Doc(Article(source="mau.txt", text=TEXT, title="Tiếp Đại sứ", id="a1", published="2024-03-06"))
    doc.mentions = [
        Mention(*at("Phan Thị Thắng"), "Phan Thị Thắng", "person", "phan thi thang", role=role, side="VN"),
        Mention(*at("Hoa Kỳ"), "Hoa Kỳ", "country", "hoa ky", canonical="Hoa Kỳ"),
        Mention(*at("Hà Nội"), "Hà Nội", "location", "ha noi"),
    ]
    doc.timexes = [TimeExpr(*at("Sáng 5/3"), "Sáng 5/3", "2024-03-05", "publication_date", "morning")]
    doc.events = [Event("meeting", [Evidence("a1", 0, len(TEXT), TEXT)], start="2024-03-05", time_of_day="morning")]
    return doc


def test_doc_as_dict_lists_people_dates_events() -> None:
    d = doc_as_dict(_doc())
    assert d["people"][0]["title"] == "Thứ trưởng" and d["people"][0]["organization"] == "Bộ Công Thương"
    assert d["countries"][0]["canonical"] == "Hoa Kỳ" and d["locations"][0]["text"] == "Hà Nội"
    assert d["dates"][0]["value"] == "2024-03-05" and d["dates"][0]["time_of_day"] == "morning"
    assert d["events"][0]["type"] == "meeting" and d["events"][0]["evidence"][0]["quote"] == TEXT


def test_print_doc_shows_every_table() -> None:
    console = Console(record=True, width=160)
    print_doc(_doc(), console)
    text = console.export_text()
    for part in ("Tiếp Đại sứ", "Phan Thị Thắng", "Thứ trưởng", "2024-03-05", "meeting", "Hà Nội"):
        assert part in text


def test_highlight_marks_each_kind_nested_in_evidence() -> None:
    html = str(highlight_html(TEXT, doc_highlights(_doc())))
    assert '<span class="hl hl-person hl-evidence" title="Thứ trưởng; meeting">Phan Thị Thắng</span>' in html
    assert "hl-country hl-evidence" in html and "hl-location hl-evidence" in html
    assert 'class="hl hl-date hl-evidence" title="2024-03-05; meeting">Sáng 5/3</span>' in html


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", "&lt;b&gt;"],
)
def test_highlight_escapes_article_text(hostile: str) -> None:
    text = f"Trước {hostile} sau"
    start = text.index(hostile)
    html = str(highlight_html(text, [Highlight(start, start + len(hostile), "evidence", hostile)]))
    assert "<script" not in html and "<img" not in html and "onmouseover='" not in html
    assert hostile not in html or hostile == hostile.replace("<", "").replace(">", "").replace("'", "").replace("&", "")


def test_highlight_ignores_spans_outside_the_text() -> None:
    html = str(highlight_html("ngắn", [Highlight(2, 99, "person"), Highlight(-1, 2, "date"), Highlight(3, 3, "date")]))
    assert html == "<p>ngắn</p>"


def test_snippet_marks_matches_and_escapes() -> None:
    html = str(snippet_html("thuế [đối ứng] <b>20%</b> [Mỹ]"))
    assert html == "thuế <mark>đối ứng</mark> &lt;b&gt;20%&lt;/b&gt; <mark>Mỹ</mark>"


def _covered_by_characters(text: str, spans: list[Highlight]) -> list[tuple[str, frozenset[str]]]:
    """Reference: per character, the kinds of the valid spans covering it (slow, obviously right)."""
    return [
        (ch, frozenset(s.kind for s in spans if 0 <= s.start <= i < s.end <= len(text))) for i, ch in enumerate(text)
    ]


def _covered_in_html(html: str) -> list[tuple[str, frozenset[str]]]:
    """Per character of the rendered text, the kinds named by the span around it."""
    import re

    out: list[tuple[str, frozenset[str]]] = []
    for m in re.finditer(r'<span class="hl ([^"]*)"(?: title="[^"]*")?>([^<]*)</span>|([^<]+)|<[^>]*>', html):
        kinds = frozenset(k.removeprefix("hl-") for k in m.group(1).split()) if m.group(1) else frozenset()
        out += [(ch, kinds) for ch in (m.group(2) or m.group(3) or "")]
    return out


@pytest.mark.parametrize("seed", range(20))
def test_highlight_sweep_matches_per_character_coverage(seed: int) -> None:
    """Overlapping, nested, touching and out-of-range spans: each character gets exactly its covering kinds."""
    import random

    rng = random.Random(seed)
    text = "".join(rng.choice("abc xyz") for _ in range(120))
    kinds = ["person", "organization", "location", "country", "date", "evidence"]
    spans = []
    for _ in range(rng.randint(0, 30)):
        a = rng.randint(-3, 125)
        spans.append(Highlight(a, a + rng.randint(0, 40), rng.choice(kinds), rng.choice(["", "n1", "n2"])))
    assert _covered_in_html(str(highlight_html(text, spans))) == _covered_by_characters(text, spans)
