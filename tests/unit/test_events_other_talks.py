"""Rounds of other negotiations and the negotiation each event belongs to (sentences written for these tests,
in our own words), through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.model import VN_US_RECIPROCAL

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (  # "Phiên N đàm phán …": a round numbered before the talks word; "Tại phiên N" names it again
        "Từ ngày 9 đến ngày 12 tháng 5 năm 2016, Phiên 15 đàm phán FTA giữa Việt Nam và khối EFTA đã diễn ra. "
        "Tại phiên 15, hai đoàn đã thống nhất chương về hải quan.",
        None,
        [
            {
                "type": "negotiation_round",
                "ordinal": 15,
                "start": "2016-05-09",
                "end": "2016-05-12",
                "negotiation": "vn-efta-fta",
                "n_evidence": 2,
            }
        ],
    ),
    (  # "phiên sau" after a numbered round: the next round, of the same negotiation, to come
        "Phiên 15 đàm phán FTA giữa Việt Nam và khối EFTA kết thúc hôm 12/5/2016. Những vấn đề còn lại sẽ được bàn "
        "tại phiên sau.",
        "2016-05-13",
        [
            {"type": "negotiation_round", "ordinal": 15},
            {"type": "negotiation_round", "ordinal": 16, "status": "planned", "negotiation": "vn-efta-fta"},
        ],
    ),
    (  # "vòng thương thuyết mới": the next round; "mậu dịch" is a word of trade
        "Vòng đàm phán thứ tư về hiệp định tự do mậu dịch giữa Việt Nam và EU kết thúc hôm qua. Hai bên sẽ gặp lại "
        "trong một vòng thương thuyết mới tại Brussels vào tháng 6 tới.",
        "2013-03-02",
        [
            {"type": "negotiation_round", "ordinal": 4, "negotiation": "vn-eu-fta"},
            {
                "type": "negotiation_round",
                "ordinal": 5,
                "status": "planned",
                "location": "Brussels",
                "mode": "in_person",  # a round held at a named place is held in person
                "negotiation": "vn-eu-fta",
            },
        ],
    ),
    (  # the talks word before the round: "đàm phán vòng thứ N"; words of trade in the next sentence
        "Ngày 14/9/2025, đàm phán vòng thứ tư giữa Mỹ và Trung Quốc bắt đầu tại Madrid. "
        "Cuộc gặp tập trung vào thuế quan và xuất khẩu đất hiếm.",
        None,
        [{"type": "negotiation_round", "ordinal": 4, "start": "2025-09-14", "negotiation": "talks:hoa-ky+trung-quoc"}],
    ),
    (  # an ordinal in brackets after the cue
        "Vòng đàm phán gần nhất (thứ 11) của hiệp định thương mại giữa hai khối diễn ra tại Lima vào tháng 3/2012.",
        None,
        [{"type": "negotiation_round", "ordinal": 11, "start": "2012-03"}],
    ),
    (  # the name in the cue's clause decides, not a name told earlier in the sentence
        "Theo Bộ Công Thương, Hiệp định Thương mại đối ứng sẽ kế thừa nền tảng của Hiệp định Thương mại song phương "
        "Việt - Mỹ được ký kết năm 2000.",
        None,
        [{"type": "agreement", "negotiation": "us-vn-bta", "start": "2000"}],  # the year it was signed
    ),
    (  # a partner's talks only in words of trade: a defence memorandum with the partner is not the trade talks
        "Ngày 3/5/2025, Bộ trưởng Quốc phòng Phan Văn Giang hội đàm với Đại sứ Hoa Kỳ Marc Knapper về hợp tác "
        "quốc phòng. Hai bên đã ký bản ghi nhớ về khắc phục hậu quả chiến tranh.",
        None,
        [{"type": "meeting", "negotiation": None}, {"type": "agreement", "negotiation": None}],
    ),
    (  # … and a meeting with the partner about trade is part of the talks with it
        "Ngày 3/5/2025, Bộ trưởng Công Thương Nguyễn Hồng Diên làm việc với Đại sứ Hoa Kỳ Marc Knapper về cán cân "
        "thương mại giữa Việt Nam và Hoa Kỳ.",
        None,
        [{"type": "meeting", "negotiation": VN_US_RECIPROCAL}],
    ),
    (  # a country after a city is where the talks are held, not a party to them
        "Ngày 28/7/2025, vòng đàm phán thương mại thứ ba giữa Mỹ và Trung Quốc diễn ra tại Stockholm, Thụy Điển.",
        None,
        [{"type": "negotiation_round", "ordinal": 3, "negotiation": "talks:hoa-ky+trung-quoc"}],
    ),
    (  # "Tại cuộc gặp <another counterpart>, …": another meeting, not the one told before
        "Tại cuộc gặp Bộ trưởng Tài chính Hoa Kỳ Scott Bessent, Phó Thủ tướng Hồ Đức Phớc đề nghị sớm đàm phán về "
        "thuế quan. Tại cuộc gặp Bộ trưởng Thương mại Howard Lutnick, Phó Thủ tướng Hồ Đức Phớc nêu các đề xuất "
        "về thương mại.",
        "2025-04-10",
        [{"type": "meeting", "n_participants": 2}, {"type": "meeting", "n_participants": 2}],
    ),
    (  # someone "có cuộc trao đổi với" a counterpart: a meeting of its own, not only a reference back
        "Ngày 18/2/2026, Quyền Bộ trưởng Bộ Công Thương Lê Mạnh Hùng đã có cuộc trao đổi với ông David Fogel, "
        "Trợ lý Bộ trưởng Thương mại Hoa Kỳ, về thương mại song phương.",
        "2026-02-20",
        [{"type": "meeting", "start": "2026-02-18", "n_participants": 2}],
    ),
    (  # past a comma after an event only attended, the subject of the meeting that follows is its own
        "Nhân dịp tham dự cuộc họp thượng đỉnh tại Kuala Lumpur, chiều 26/10/2025 Thủ tướng Phạm Minh Chính đã có "
        "cuộc gặp với Tổng thống Hoa Kỳ Donald Trump về thương mại.",
        "2025-10-27",
        [{"type": "meeting", "n_participants": 0}, {"type": "meeting", "start": "2025-10-26", "n_participants": 2}],
    ),
    (  # a long paragraph a photo credit was glued into is still text (a short caption line is skipped)
        "Hai đoàn trao đổi tại vòng đàm phán thứ 12 về FTA giữa Việt Nam và khối EFTA. Ảnh: TTXVN Theo phóng viên "
        "thường trú tại Geneva, vòng đàm phán thứ 12 diễn ra từ ngày 3 đến 6/3/2025 với nhiều tiến triển về thương "
        "mại hàng hóa, dịch vụ và đầu tư; các nhóm kỹ thuật tiếp tục làm việc về quy tắc xuất xứ, sở hữu trí tuệ, "
        "mua sắm chính phủ và phát triển bền vững trong những ngày tiếp theo.\n"
        "Hai trưởng đoàn bắt tay trước vòng đàm phán thứ 13 (Ảnh: TTXVN)",
        None,
        [{"type": "negotiation_round", "ordinal": 12, "start": "2025-03-03", "negotiation": "vn-efta-fta"}],
    ),
    (  # commas of a bracketed list do not break the clause that tells where the round took place
        "Từ ngày 3 đến 6/3/2025, vòng đàm phán thứ 12 về FTA giữa Việt Nam và khối EFTA (gồm Thụy Sĩ, Na Uy, Iceland, "
        "Liechtenstein) đã diễn ra tại Hà Nội.",
        None,
        [{"type": "negotiation_round", "ordinal": 12, "location": "Hà Nội"}],
    ),
    (  # leaders who "đồng ý về một thỏa thuận" reached an agreement
        "Ngày 27/7/2025, Chủ tịch Ủy ban châu Âu Ursula von der Leyen cùng Tổng thống Mỹ Donald Trump đã đồng ý về "
        "một thỏa thuận thương mại giữa hai bờ Đại Tây Dương.",
        None,
        [{"type": "agreement", "start": "2025-07-27"}],
    ),
    (  # "tiếp" a titled visitor is a meeting ("tiếp Trưởng đại diện Thương mại …")
        "Ngày 19/2/2026, tại Washington, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Jamieson Greer, Trưởng đại diện "
        "Thương mại Hoa Kỳ.",
        "2026-02-20",
        [{"type": "meeting", "start": "2026-02-19", "location": "Washington", "n_participants": 2}],
    ),
    (  # an unknown capitalised name after "tại" in the event's clause is where it is held
        "Ngày 10/3/2025, vòng đàm phán thương mại thứ hai giữa Mỹ và Trung Quốc diễn ra tại Rosenbad từ sáng sớm.",
        None,
        [{"type": "negotiation_round", "ordinal": 2, "location": "Rosenbad"}],
    ),
    (  # an ASEAN+1 agreement named by its Vietnamese name or acronym is its own negotiation, not the partner's
        "Sáng 14/3/2024, các bộ trưởng kinh tế đã ký kết nghị định thư bổ sung Hiệp định thương mại tự do "
        "ASEAN - Hàn Quốc tại Viêng Chăn.",
        None,
        [{"type": "agreement", "start": "2024-03-14", "negotiation": "asean-kr-fta"}],
    ),
    ("Các chỉ số chứng khoán tại Mỹ đã chốt phiên 10-5 ở mức tăng sau vòng đàm phán thương mại.", None, []),
    ("Trong thư gửi trực tiếp Bộ trưởng Nguyễn Văn An, các giảng viên nêu nhiều kiến nghị về thương mại.", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_of_other_talks(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
