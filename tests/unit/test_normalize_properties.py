"""Properties of normalisation: idempotent, NFC, same-length views (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tradetalks.nlp.normalize import fold, matching_view, normalize_text

#: Letters, marks and punctuation that Vietnamese news text (and its damage) is made of.
VIETNAMESE_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
    "ÃÄÆÂ»€‘’“”–—…¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿\x80\x81\x8d\x9d"
    "0123456789.,;:!?()/-'\" \t\n\r\u00a0\u200b\u2028\ufeff\x00\x07"
)
texts = st.one_of(st.text(), st.text(alphabet=VIETNAMESE_ALPHABET))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_text_is_idempotent_and_nfc(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "\r" not in once and "\n\n\n" not in once and "  " not in once


@settings(max_examples=400, deadline=None)
@given(texts)
def test_matching_views_keep_length(text: str) -> None:
    stored = normalize_text(text)
    key = matching_view(stored)
    assert len(key) == len(stored)
    assert len(fold(key)) == len(stored)
    assert len(matching_view(text)) == len(text)
    assert len(fold(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VIETNAMESE_ALPHABET))
@example("Ä°")  # mojibake of "İ", whose lower case is two characters
def test_fold_is_lower_case_without_vietnamese_marks(text: str) -> None:
    folded = fold(normalize_text(text))
    assert not any(ch in "đĐ" for ch in folded)
    assert folded == folded.lower()
