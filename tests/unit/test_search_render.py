"""The CLI's rendering of search hits."""

from __future__ import annotations

import io

from rich.console import Console

from tradetalks.model import SearchHit
from tradetalks.serve.render import print_search_hits


def render(hits: list[SearchHit]) -> str:
    buf = io.StringIO()
    print_search_hits(hits, Console(file=buf, width=120, color_system=None))
    return buf.getvalue()


def test_search_render_hits() -> None:
    hit = SearchHit(
        "a1b2c3d4e5f6",
        "Đàm phán thương mại số",
        "Hai bên bàn về [thương] [mại] [số] [và] dữ liệu",
        url="https://tin.example.vn/so",
        published="2025-11-12",
    )
    out = render([hit])
    assert "1. Đàm phán thương mại số  a1b2c3d4e5f6  2025-11-12" in out
    assert "https://tin.example.vn/so" in out
    assert "Hai bên bàn về [thương] [mại] [số] [và] dữ liệu" in out


def test_search_render_unbalanced_brackets_and_no_title() -> None:
    out = render([SearchHit("x", None, "a [b] c [d", source="bai.txt")])
    assert "(no title)" in out and "a [b] c [d" in out and "bai.txt" in out


def test_search_render_nothing() -> None:
    assert render([]).strip() == "no articles match"
