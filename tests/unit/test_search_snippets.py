"""Query parsing and snippets (store/search.py), independent of the backend."""

from __future__ import annotations

import unicodedata

import pytest

from tradetalks.store.search import MAX_WORDS, fold_text, fts5_match, parse_query, snippet


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đàm phán", "dam phan"),
        ("THƯƠNG MẠI SỐ", "thuong mai so"),
        ("Thuý, khoẻ, hoà", "thuy, khoe, hoa"),
        ("đ Đ", "d d"),
    ],
)
def test_search_fold_keeps_length(text: str, folded: str) -> None:
    assert fold_text(text) == folded
    assert len(fold_text(text)) == len(text)


@pytest.mark.parametrize(
    ("query", "words", "match"),
    [
        ("Đàm phán", ("dam", "phan"), '"dam" "phan"'),
        ('"thuế" OR -quan*', ("thue", "or", "quan"), '"thue" "or" "quan"'),
        ("NEAR(a b)", ("near", "a", "b"), '"near" "a" "b"'),
        ("đàm_phán", ("dam", "phan"), '"dam" "phan"'),
        ("dam dam phan", ("dam", "phan"), '"dam" "phan"'),
        ("-- ;' ()", (), ""),
    ],
)
def test_search_query_words_are_quoted(query: str, words: tuple[str, ...], match: str) -> None:
    q = parse_query(query)
    assert q.words == words
    assert fts5_match(q) == match


def test_search_query_is_bounded() -> None:
    q = parse_query(" ".join(f"tu{i}" for i in range(1000)))
    assert len(q.words) == MAX_WORDS
    assert all(len(w) <= 64 for w in parse_query("a" * 10_000).words)


@pytest.mark.parametrize(
    ("query", "diacritics"),
    [("bán hàng", True), ("ban hang", False), ("Đà Nẵng", True), ("da nang", False)],
)
def test_search_query_knows_its_diacritics(query: str, diacritics: bool) -> None:
    assert parse_query(query).has_diacritics is diacritics


def test_search_snippet_window_and_marks() -> None:
    text = "Mở đầu. " * 60 + "Bộ Công Thương và USTR bàn về thương mại số. " + "Kết thúc. " * 60
    out = snippet(parse_query("thuong mai so"), text)
    assert "[thương mại số]" in out
    assert out.startswith("…") and out.endswith("…")
    assert len(out) < 260


def test_search_snippet_without_match_is_the_start() -> None:
    assert snippet(parse_query("khong co"), "Một câu ngắn.") == "Một câu ngắn."


def test_search_snippet_does_not_mark_inside_words() -> None:
    out = snippet(parse_query("an"), "Bàn an ninh và ăn uống")
    assert out == "Bàn [an] ninh và [ăn] uống"


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("của", "Cửa hàng của công ty", "Cửa hàng [của] công ty"),
        ("cua", "Cửa hàng của công ty", "[Cửa] hàng [của] công ty"),
        ("bán", "Bộ ban hành quy định", "Bộ [ban] hành quy định"),  # no exact match: the folded ones
    ],
)
def test_search_snippet_prefers_typed_diacritics(query: str, text: str, expected: str) -> None:
    assert snippet(parse_query(query), text) == expected


@pytest.mark.parametrize(
    "query",
    [
        unicodedata.normalize("NFD", "tín dụng đen"),  # typed on a system that sends decomposed marks
        "tín dụng đen",
        "tin dung den",
    ],
)
def test_search_query_is_nfc_normalised(query: str) -> None:
    assert parse_query(query).words == ("tin", "dung", "den")
