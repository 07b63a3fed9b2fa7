"""Agreements told by forms beyond "ký" and "đạt được thỏa thuận", summed up or referred to, and their tense
(sentences written for these tests, in our own words), through the real pipeline."""

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
    (  # agreements made by a class of countries: many agreements summed up, none told
        "Những nước đã đạt được thỏa thuận với Washington được hưởng mức thuế thấp hơn.",
        None,
        [],
    ),
    (  # each of several countries reached one: a summary too
        "Indonesia và Philippines đều đạt thỏa thuận với Mỹ để giảm thuế xuống 19%.",
        None,
        [],
    ),
    (  # but one dated agreement of a country is told
        "Ngày 22/7/2025, Philippines đạt thỏa thuận với Mỹ về thuế quan.",
        None,
        [{"type": "agreement", "start": "2025-07-22"}],
    ),
    (  # "as agreed" refers to an agreement, it tells of none
        "Thuế với ô tô giảm xuống 15% từ ngày 1/8, đúng như thỏa thuận đã đạt được giữa hai bên.",
        None,
        [],
    ),
    (  # the signing named as a topic: what it would bring, no signing told
        "Bộ trưởng Canada cho rằng việc ký kết hiệp định thương mại sẽ mở ra nhiều cơ hội cho doanh nghiệp.",
        None,
        [],
    ),
    (  # the signing named as a topic with a date of its own is told
        "Việc ký kết hiệp định thương mại giữa Canada và Ecuador diễn ra ngày 3/2/2025 tại Ottawa.",
        None,
        [{"type": "agreement", "start": "2025-02-03"}],
    ),
    (  # minutes of a handover signed: a record, no agreement
        "Sáng 4/6/2025, hai đơn vị đã ký kết biên bản bàn giao khu đất cho thành phố.",
        None,
        [],
    ),
    (  # many agreements reached, none told (rule many_rounds)
        '"Nhiều vấn đề được bàn, nhiều thỏa thuận đạt được", Thủ tướng Canada Mark Carney viết trên mạng xã hội.',
        None,
        [],
    ),
    (  # dated, they are told
        "Ngày 5/3/2025, nhiều thỏa thuận đạt được giữa Úc và Ấn Độ.",
        None,
        [{"type": "agreement", "start": "2025-03-05"}],
    ),
    (  # a signing ceremony named by what it signs
        "Bộ trưởng Thương mại hai nước có mặt tại lễ ký CEPA ngày 18/5/2022 ở Dubai.",
        None,
        [{"type": "agreement", "start": "2022-05-18"}],
    ),
    (  # a law signed at a ceremony is no agreement
        "Tổng thống Pháp phát biểu tại lễ ký đạo luật ngân sách ngày 3/2/2025.",
        None,
        [],
    ),
    (  # reached already ("đã đạt được"): held, though what it brings is still to come ("sẽ giảm thuế")
        "Ngày 5/3/2026, Úc và Ấn Độ đã đạt được thỏa thuận thương mại, theo đó Ấn Độ sẽ giảm thuế với len thô.",
        None,
        [{"type": "agreement", "start": "2026-03-05", "status": "held"}],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_cue_forms(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
