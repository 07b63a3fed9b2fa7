"""Rounds named only as background are marked ``reference`` and take no date, place or people of the sentence
that names them; remembered dates (anniversaries), the start of a period ("kể từ tháng 5") and the day of a
report are no event's date; a delegation's head named in the next sentence takes part. Sentences written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (  # "kể từ vòng …": a reference; the date, place and speaker of the sentence are not the round's
        "Ngày 12/8/2025, tại Hà Nội, Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân cho biết kể từ vòng đàm phán "
        "thứ hai, hai bên đã thu hẹp nhiều khác biệt về thương mại.",
        "2025-08-20",
        [
            {
                "type": "negotiation_round",
                "ordinal": 2,
                "reference": True,
                "start": None,
                "location": None,
                "n_participants": 0,
            }
        ],
    ),
    (  # "Sau vòng …, sáng 15/7 A làm việc với B": the date and people are the meeting's, not the round's
        "Sau vòng đàm phán thứ ba về thuế đối ứng, sáng 15/7/2025 Bộ trưởng Nguyễn Hồng Diên đã làm việc với "
        "Đại sứ Hoa Kỳ Marc Knapper tại Hà Nội.",
        "2025-08-20",
        [
            {"type": "negotiation_round", "ordinal": 3, "reference": True, "start": None, "location": None},
            {"type": "meeting", "start": "2025-07-15", "location": "Hà Nội", "n_participants": 2},
        ],
    ),
    (  # a round told in full and named again as a reference is one event, no longer a reference
        "Vòng đàm phán thứ ba về thuế đối ứng diễn ra tại Washington từ ngày 9 đến 12/6/2025. Kể từ vòng đàm phán "
        "thứ ba, hai bên đã thống nhất nhiều nội dung về thương mại.",
        "2025-08-20",
        [
            {
                "type": "negotiation_round",
                "ordinal": 3,
                "reference": False,
                "start": "2025-06-09",
                "location": "Washington",
                "n_evidence": 2,
            }
        ],
    ),
    (  # the dates of an anniversary are no event's date
        "Nhân dịp kỷ niệm 30 năm thiết lập quan hệ ngoại giao (12/7/1995 - 12/7/2025), Bộ trưởng Nguyễn Hồng Diên "
        "làm việc với Đại sứ Hoa Kỳ Marc Knapper tại Hà Nội.",
        "2025-07-14",
        [{"type": "meeting", "start": None, "location": "Hà Nội", "n_participants": 2}],
    ),
    (  # "kể từ tháng 5" is when a period began, not the round's date
        "Vòng đàm phán trực tiếp thứ tư giữa Mỹ và Trung Quốc về thương mại kể từ tháng 5 diễn ra ở Madrid.",
        "2025-09-15",
        [{"type": "negotiation_round", "ordinal": 4, "start": None}],
    ),
    (  # the day a ministry reports is not the round's when the round has dates of its own
        "Ngày 20/3, Bộ Công Thương cho biết vòng đàm phán thứ 11 về FTA với khối EFTA đang diễn ra tại Hà Nội "
        "từ ngày 18-21/3/2024.",
        "2024-03-20",
        [{"type": "negotiation_round", "ordinal": 11, "start": "2024-03-18", "end": "2024-03-21"}],
    ),
    (  # the head of the delegation, named in the sentence after the round (past a photo caption), takes part
        "Ngày 18/3/2024, vòng đàm phán thứ 11 về FTA giữa Việt Nam và khối EFTA khai mạc tại Hà Nội.\n"
        "Hai trưởng đoàn tại phiên khai mạc (Ảnh: Bộ Công Thương)\n"
        "Đoàn đàm phán Việt Nam do Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân dẫn đầu.",
        "2024-03-20",
        [{"type": "negotiation_round", "ordinal": 11, "n_participants": 1, "n_evidence": 2}],
    ),
    (  # a date in a "trước khi …" clause after the round is that clause's
        "Đây là vòng đàm phán thương mại thứ 5 giữa Mỹ và Trung Quốc, diễn ra ngay trước khi thời hạn đình chiến "
        "thương mại kết thúc vào ngày 10/11.",
        "2025-10-26",
        [{"type": "negotiation_round", "ordinal": 5, "start": None}],
    ),
    (  # a round that ended early in a month may have begun in the month before: no start
        "Vòng đàm phán thứ 9 về FTA giữa Việt Nam và khối EFTA kết thúc ngày 3/7/2025.",
        None,
        [{"type": "negotiation_round", "ordinal": 9, "start": None, "end": "2025-07-03"}],
    ),
    (  # a weak mention of the session told before needs no words of trade of its own in an article on the talks
        "Phiên đàm phán thứ năm Hiệp định EVFTA diễn ra từ ngày 4 đến 8/11/2013 tại Hà Nội. Phiên đàm phán đánh dấu "
        "tròn một năm hai bên chính thức khởi động.",
        None,
        [{"type": "negotiation_round", "ordinal": 5, "n_evidence": 2}],
    ),
    (  # a tariff word inside the round's phrase does not hide the "sẽ" that makes it a round to come
        "Theo Thủ tướng, phiên đàm phán đầu tiên về thuế đối ứng giữa Việt Nam và Mỹ sẽ được tiến hành vào "
        "ngày 7/5/2025.",
        None,
        [{"type": "negotiation_round", "ordinal": 1, "status": "planned"}],
    ),
    (  # the technical groups negotiating in a round's sentence make it a technical round
        "Từ ngày 2 đến 6/6/2014, vòng đàm phán thứ 6 về FTA giữa Việt Nam và Liên minh Hải quan diễn ra tại Moskva, "
        "các nhóm đàm phán kỹ thuật đã tiến hành đàm phán về hàng hóa và dịch vụ.",
        None,
        [{"type": "negotiation_round", "ordinal": 6, "level": "technical", "negotiation": "vn-eaeu-fta"}],
    ),
    (  # "Đây là cuộc gặp thứ ba": the round told just before, numbered
        "Ngày 28/7/2025, Mỹ và Trung Quốc tổ chức vòng đàm phán thương mại mới tại Stockholm. Đây là cuộc gặp thứ "
        "ba giữa hai bên trong ba tháng.",
        "2025-07-30",
        [{"type": "negotiation_round", "ordinal": 3, "start": "2025-07-28", "n_evidence": 2}],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_references_and_remembered_dates(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
