"""normalize_text, matching_view, fold and fold_query on Vietnamese examples."""

from __future__ import annotations

import unicodedata

import pytest

from tradetalks.nlp.normalize import fold, fold_query, matching_view, normalize_text, repair_mojibake


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (nfd("Đàm phán thương mại"), "Đàm phán thương mại"),
        ("Hai bên\r\nđã họp\rhôm qua", "Hai bên\nđã họp\nhôm qua"),
        ("Bộ\u00a0Công\u202fThương", "Bộ Công Thương"),
        ("thuế   đối    ứng", "thuế đối ứng"),
        ("dòng một   \ndòng hai\t", "dòng một\ndòng hai"),
        ("đoạn một\n\n\n\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
        ("đoạn một\n   \n  \nđoạn hai", "đoạn một\n\nđoạn hai"),
        ("\ufeff  Việt Nam\u200b và Mỹ\x07  ", "Việt Nam và Mỹ"),
        ("mềm\u00admại", "mềmmại"),
        ("Viá»‡t Nam vÃ\u00a0 Hoa Ká»³", "Việt Nam và Hoa Kỳ"),
        ("Ä‘Ã\u00a0m phÃ¡n", "đàm phán"),
        # the article's own spelling, dashes and quotes are kept in the stored text
        ("hoà bình – “khoẻ” — thuý", "hoà bình – “khoẻ” — thuý"),
        ("Cộng hòa, thỏa thuận, Thủy", "Cộng hòa, thỏa thuận, Thủy"),
    ],
)
def test_normalize_text_stored_form(raw: str, stored: str) -> None:
    assert normalize_text(raw) == stored


@pytest.mark.parametrize(
    ("mojibake", "fixed"),
    [
        ("Viá»‡t Nam", "Việt Nam"),  # UTF-8 read as Windows-1252
        ("Viá»\x87t Nam", "Việt Nam"),  # UTF-8 read as Latin-1 (C1 control kept)
        ("thÆ°Æ¡ng máº¡i sá»‘", "thương mại số"),
        ("NgÃ y 12/11 táº¡i HÃ  Ná»™i", "Ngày 12/11 tại Hà Nội"),  # no-break spaces turned into spaces
        ("Ã„â€˜Ã m phÃ¡n", "đàm phán"),  # read wrongly twice
    ],
)
def test_repair_mojibake_restores_text(mojibake: str, fixed: str) -> None:
    assert normalize_text(mojibake) == fixed


@pytest.mark.parametrize(
    "clean",
    ["Việt Nam và Hoa Kỳ", "café crème à Paris", "NGÃ BA", "Giá 5€ – tăng 3%", "naïve résumé"],
)
def test_repair_mojibake_leaves_clean_text(clean: str) -> None:
    assert repair_mojibake(clean) == clean


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("hoà bình", "hòa bình"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("thoả thuận", "thỏa thuận"),
        ("hoá đơn", "hóa đơn"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("thuý, luỹ, tuỳ", "thúy, lũy, tùy"),
        ("Thuỷ sản", "Thủy sản"),
        # already classic, or not the open-syllable case: unchanged
        ("hòa thuận, khỏe, thúy", "hòa thuận, khỏe, thúy"),
        ("hoàn thành, toán, khoẻo", "hoàn thành, toán, khoẻo"),
        ("quý, quỳ, quỹ", "quý, quỳ, quỹ"),
        # dashes, quotes and odd spaces become plain ones
        ("Việt – Mỹ — “đối ứng” ‘số’ «x» 5−3", 'Việt - Mỹ - "đối ứng" \'số\' "x" 5-3'),
        ("Bộ\u00a0Công", "Bộ Công"),
        ("ÐÀM PHÁN ở Ðà Nẵng", "ĐÀM PHÁN ở Đà Nẵng"),
    ],
)
def test_matching_view_canonical_tones_and_punctuation(text: str, key: str) -> None:
    assert matching_view(text) == key
    assert len(matching_view(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đàm phán", "dam phan"),
        ("ĐÀM PHÁN", "dam phan"),
        ("Thương mại số", "thuong mai so"),
        ("Nguyễn Sinh Nhật Tân", "nguyen sinh nhat tan"),
        ("Hiệp định Thương mại đối ứng", "hiep dinh thuong mai doi ung"),
        ("Ưu đãi ở Ơn", "uu dai o on"),
        ("ÐÀM PHÁN ở Ðà Nẵng", "dam phan o da nang"),
        (nfd("Việt"), nfd("Việt").lower().replace("\u0302", "\u0302")),
    ],
)
def test_fold_removes_diacritics_same_length(text: str, folded: str) -> None:
    out = fold(text)
    assert len(out) == len(text)
    if unicodedata.is_normalized("NFC", text):
        assert out == folded


@pytest.mark.parametrize(
    ("query", "folded"),
    [
        ("  Thương  Mại   Số ", "thuong mai so"),
        ("đàm phán", "dam phan"),
        (nfd("Đàm phán"), "dam phan"),
        ("thuong mai so", "thuong mai so"),
        ("Thoả thuận – “khung”", 'thoa thuan - "khung"'),
    ],
)
def test_fold_query_free_text(query: str, folded: str) -> None:
    assert fold_query(query) == folded
