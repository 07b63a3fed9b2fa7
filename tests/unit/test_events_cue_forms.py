"""Agreements told by forms beyond "ký" and "đạt được thỏa thuận" (sentences written for these tests, in our
own words), through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (  # one side makes an agreement public
        "Ngày 14/3/2025, Chính phủ Úc công bố một thỏa thuận thương mại mới với Indonesia.",
        None,
        [{"type": "agreement", "start": "2025-03-14", "status": "held"}],
    ),
    (  # a protocol that upgrades a trade agreement is signed
        "Sáng 9/5/2025, bộ trưởng các nước đã ký Nghị định thư sửa đổi hiệp định thương mại tự do khu vực.",
        None,
        [{"type": "agreement", "start": "2025-05-09"}],
    ),
    (  # the two sides agree on a framework
        "Ngày 20/6/2025, Nhật Bản và Anh nhất trí khuôn khổ hợp tác thương mại sau hai ngày thảo luận.",
        None,
        [{"type": "agreement", "start": "2025-06-20"}],
    ),
    (  # a consensus reached on tariffs
        "Ngày 3/9/2025, Canada và Mexico đạt đồng thuận bước đầu về thuế quan với ô tô.",
        None,
        [{"type": "agreement", "start": "2025-09-03"}],
    ),
    (  # no consensus reached is no agreement
        "Ngày 3/9/2025, Canada và Mexico không đạt được đồng thuận về thuế quan với ô tô.",
        None,
        [],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_cue_forms(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
