"""When a meeting or call is an encounter of its own: held by "hai bên" (the two sides), even undated, or named
as told before but with a counterpart; one told within a numbered round is that round; one opening the sentence
after it goes on about it; many forums named in passing are none (sentences written for these tests, in our
own words)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (  # talks of the two sides right after a welcome ceremony
        "Sáng 9/7/2025, Bộ trưởng Ngoại giao Bùi Thanh Sơn chủ trì lễ đón Ngoại trưởng Canada Mélanie Joly tại "
        "Hà Nội. Sau lễ đón, hai bên tiến hành hội đàm.",
        None,
        [{"type": "meeting", "status": "held", "start": "2025-07-09", "n_participants": 2, "time_of_day": "morning"}],
    ),
    (  # a call of the two sides
        "Hai bên đã có cuộc điện đàm kéo dài một giờ về thương mại.",
        None,
        [{"type": "call", "status": "held"}],
    ),
    (  # a meeting named bare, with no sides as its subject, tells no event of its own
        "Sau lễ đón, cuộc hội đàm diễn ra trong không khí thân mật.",
        None,
        [],
    ),
    (  # named as told before ("Tại cuộc họp"), none told, but with a counterpart: an encounter of its own
        "Tại cuộc họp với Thụy Sĩ ngày 25/2/2026, hai bên bàn về thương mại.",
        None,
        [{"type": "meeting", "start": "2026-02-25"}],
    ),
    (  # named as told before, none told, and no one in it: a sitting of something else (rule nobody_met)
        "Tại phiên làm việc sáng 12/5/2025, hội nghị đã biểu quyết thông qua nghị quyết về ngân sách.",
        None,
        [],
    ),
    (  # named as told before with its level: a call of the leaders
        "Thuế giảm xuống 20% sau cuộc điện đàm cấp cao hôm 2/7/2025.",
        None,
        [{"type": "call", "start": "2025-07-02"}],
    ),
    (  # a meeting told "…, trong vòng đàm phán thứ 3" in its own sentence is that round
        "Bộ trưởng Thương mại Úc Don Farrell đã gặp Bộ trưởng Thương mại Ấn Độ Piyush Goyal tại New Delhi, trong "
        "vòng đàm phán thương mại thứ 3 giữa hai nước.",
        None,
        [{"type": "negotiation_round", "ordinal": 3, "n_participants": 2}],
    ),
    (  # a round named in the next sentence is another event
        "Bộ trưởng Thương mại Úc Don Farrell đã gặp Bộ trưởng Thương mại Ấn Độ Piyush Goyal tại New Delhi. Trong "
        "vòng đàm phán thương mại thứ 3 diễn ra tháng trước, hai bên đã bàn về nông sản.",
        None,
        [{"type": "meeting", "n_participants": 2}, {"type": "negotiation_round", "ordinal": 3}],
    ),
    (  # "Buổi điện đàm …" opening the next sentence goes on about the call; its dates are what it is about
        "Tối 12/9/2025, Bộ trưởng Nguyễn Hồng Diên của Bộ Công Thương đã điện đàm cùng Bộ trưởng Thương mại Chile "
        "Alberto van Klaveren. Buổi điện đàm nhằm triển khai những gì hai nước thống nhất khi Tổng thống Chile "
        "Gabriel Boric thăm Việt Nam hồi tháng 3/2025.",
        None,
        [{"type": "call", "start": "2025-09-12", "n_participants": 2, "n_evidence": 2}],
    ),
    (  # dated right after the cue, it is another call
        "Tối 12/9/2025, Bộ trưởng Nguyễn Hồng Diên của Bộ Công Thương đã điện đàm cùng Bộ trưởng Thương mại Chile "
        "Alberto van Klaveren. Buổi điện đàm ngày 20/9/2025 sẽ bàn tiếp về nông sản.",
        None,
        [{"type": "call", "start": "2025-09-12"}, {"type": "call", "start": "2025-09-20"}],
    ),
    (  # "Cuộc gặp …" opening the sentence after a round told goes on about the round
        'Ngày 8/9/2025, vòng đàm phán thương mại thứ hai giữa Canada và Ecuador kết thúc tại Quito. "Cuộc gặp rất '
        'hiệu quả với Ecuador tại Quito", Bộ trưởng Canada viết.',
        None,
        [{"type": "negotiation_round", "start": "2025-09-08", "n_evidence": 2}],
    ),
    (  # naming its own sides, it is a meeting of its own
        "Ngày 8/9/2025, vòng đàm phán thương mại thứ hai giữa Canada và Ecuador kết thúc tại Quito. Cuộc gặp giữa "
        "Thủ tướng Canada Mark Carney và Tổng thống Ecuador Daniel Noboa diễn ra ngày 10/9/2025.",
        None,
        [{"type": "negotiation_round", "start": "2025-09-08"}, {"type": "meeting", "start": "2025-09-10"}],
    ),
    (  # talks named with their place, none told before, are a round (rule weak_cue passes them on)
        "Cuộc đàm phán lần này diễn ra tại thành phố Bern của Thụy Sĩ. Việt Nam và Khối EFTA đang đàm phán Hiệp "
        "định thương mại tự do Việt Nam - EFTA.",
        "2025-09-10",
        [{"type": "negotiation_round", "location": "Bern"}],
    ),
    (  # the day of a praise is not the day of the talks praised
        "Tổng thống Pháp Emmanuel Macron hôm 11/5/2025 đánh giá cao cuộc đàm phán thương mại với Úc tại Paris.",
        None,
        [{"type": "negotiation_round", "start": None, "location": "Paris"}],
    ),
    (  # without a place, such talks tell more of nothing told: no event
        "Cuộc đàm phán lần này diễn ra trong không khí cởi mở. Việt Nam và Khối EFTA đang đàm phán Hiệp định "
        "thương mại tự do Việt Nam - EFTA.",
        "2025-09-10",
        [],
    ),
    (  # many forums named with a person in the sentence: none told (rule many_meetings)
        "Tổng thống Pháp Emmanuel Macron đánh giá cao tiếng nói của Việt Nam tại các diễn đàn khu vực và quốc tế.",
        None,
        [],
    ),
    (  # but dated, they are told
        "Ngày 12/3/2025, các hội thảo về thuế quan diễn ra tại Hà Nội.",
        None,
        [{"type": "roundtable", "start": "2025-03-12"}],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_both_sides(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
