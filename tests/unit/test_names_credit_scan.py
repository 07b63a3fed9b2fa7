"""The quick passes that find photo and source credits find what the plain patterns find."""

from __future__ import annotations

import re

import pytest

from tradetalks.nlp.names_scan import _CREDIT, _CREDIT_WORD, _credit_from

_TEXTS = [
    "Ảnh: Minh Hòa\nĐoàn công tác làm việc tại Hà Nội.",
    "Bộ trưởng phát biểu (Ảnh: Quang Vinh). Nguồn : Bộ Công Thương",
    "Hội nghị diễn ra sáng nay.\n  Nguồn: Văn phòng Chính phủ",
    "Giá tăng. Ảnh minh họa: Internet",
    "Xem ( \n Video: Lễ ký kết ) và đọc tiếp. ảnh: tư liệu; nguồn:báo Mới",
    "Ảnh hưởng của thuế quan tới ngành dệt may: không nhỏ.",
    "Không có lời chú thích nào ở đây.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_credit_word_pass_ends_where_the_plain_pattern_ends(text: str) -> None:
    plain = re.compile(r"(?:Ảnh|Nguồn|ảnh|nguồn) ?:")
    assert [m.end() for m in _CREDIT_WORD.finditer(text)] == [m.end() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", _TEXTS)
def test_credit_search_starts_before_every_credit(text: str) -> None:
    """No credit starts before the blanks and "(" in front of the first word that may open one."""
    start = _credit_from(text)
    whole = [m.span() for m in _CREDIT.finditer(text)]
    found = [m.span() for m in _CREDIT.finditer(text, start)] if start is not None else []
    assert found == whole
