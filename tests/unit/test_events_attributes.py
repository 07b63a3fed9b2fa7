"""Attributes of events (topics, places, dates, level) from sentences written for these tests, through the real
pipeline; each case names the rule it checks."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

#: rule name -> (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: dict[str, tuple[str, str | None, list[dict[str, Any]]]] = {
    "topics_told_after": (
        "Ngày 12/3/2026, Thủ tướng Phạm Minh Chính tiếp ông John Miller, Chủ tịch một công ty của Hoa Kỳ. "
        "Ông John Miller cho biết công ty muốn xây dựng nhà máy điện khí LNG tại Việt Nam. "
        "Cùng ngày, Bộ trưởng Công Thương Nguyễn Hồng Diên điện đàm với Bộ trưởng Thương mại Úc Don Farrell "
        "về thuế quan.",
        None,
        [
            {"type": "meeting", "topics": ["energy"], "no_topics": ["tariffs"]},
            {"type": "call", "topics": ["tariffs"], "no_topics": ["energy"]},
        ],
    ),
    "lead_place": (
        "Chiều 6/11, tại Trụ sở Bộ Công Thương, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Marc Knapper. "
        "Tại Hội chợ, sáng 8/11, Bộ trưởng Nguyễn Hồng Diên tiếp ông John Miller.",
        None,
        [{"type": "meeting", "location": "Trụ sở Bộ Công Thương"}, {"type": "meeting", "location": None}],
    ),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_attribute_rule(rule: str) -> None:
    text, published, expected = CASES[rule]
    check_events(text, published, expected)
