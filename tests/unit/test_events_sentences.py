"""Events from sentences written for these tests (public facts, own words), through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.model import VN_US_RECIPROCAL

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (
        "Tại buổi gặp gỡ báo chí sáng 4/12/2025 ở Hà Nội, Bộ trưởng Bộ Công Thương cho biết về thời điểm ký kết "
        "hiệp định thương mại đối ứng với Hoa Kỳ.",
        None,
        [],
    ),
    (
        "Ngày 9/9/2025, Thứ trưởng Bộ Công Thương Phan Thị Thắng dự phiên họp Ủy ban Thương mại "
        "trong khuôn khổ Hiệp định Thương mại tự do Việt Nam - EU tại Brussels.",
        None,
        [{"type": "meeting", "start": "2025-09-09", "negotiation": "vn-eu-fta"}],
    ),
    (
        "Sau phiên đàm phán cấp Bộ trưởng giữa hai bên về thương mại đối ứng, chiều 5/3/2026 Thứ trưởng "
        "Bộ Công Thương Phan Thị Thắng đã làm việc với Phó Đại diện Thương mại Hoa Kỳ.",
        None,
        [{"type": "ministerial_session", "status": "held", "start": None},
         {"type": "meeting", "start": "2026-03-05", "time_of_day": "afternoon"}],
    ),
    (
        "Kết quả các phiên đàm phán cấp Bộ trưởng vừa qua về thương mại đối ứng Việt Nam - Hoa Kỳ được "
        "hai bên đánh giá tích cực.",
        None,
        [],
    ),
    (
        "Ngày 20/3/2026, vòng đàm phán thứ 7 Hiệp định Thương mại đối ứng giữa Việt Nam và Hoa Kỳ "
        "đã diễn ra tại Hà Nội.",
        None,
        [{"type": "negotiation_round", "ordinal": 7, "start": "2026-03-20", "status": "held",
          "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Vòng đàm phán thứ hai về Hiệp định Thương mại tự do Việt Nam - EFTA được tổ chức trực tuyến "
        "từ ngày 8 đến 10/6/2024.",
        None,
        [{"type": "negotiation_round", "ordinal": 2, "mode": "online", "start": "2024-06-08", "end": "2024-06-10",
          "negotiation": "vn-efta-fta"}],
    ),
    (
        "Hai bên dự kiến tổ chức vòng đàm phán lần thứ 9 về FTA Việt Nam - EU tại Brussels.",
        None,
        [{"type": "negotiation_round", "ordinal": 9, "status": "planned", "negotiation": "vn-eu-fta"}],
    ),
    (
        "Vòng đàm phán đầu tiên về Hiệp định RCEP được khởi động vào tháng 5/2013.",
        None,
        [{"type": "negotiation_round", "ordinal": 1, "start": "2013-05", "negotiation": "rcep"}],
    ),
    (
        "Vòng 3 đàm phán FTA Việt Nam - Israel đã diễn ra trực tuyến.",
        None,
        [{"type": "negotiation_round", "ordinal": 3, "mode": "online", "negotiation": "vn-il-fta"}],
    ),
    (
        "Đoàn đàm phán hai nước sẽ tiến hành vòng đàm phán trực tuyến thứ 4 về thương mại trong tháng 9/2025.",
        None,
        [{"type": "negotiation_round", "ordinal": 4, "mode": "online", "status": "planned", "start": "2025-09"}],
    ),
    (
        "Việt Nam và Hàn Quốc bắt đầu vòng đàm phán thứ 2 về nâng cấp quan hệ thương mại song phương.",
        None,
        [{"type": "negotiation_round", "ordinal": 2, "negotiation": "vn-kr-fta"}],
    ),
    (
        "Sau vòng đàm phán thứ 4 tại Hà Nội, hai bên bước vào vòng đàm phán thứ 5 về thương mại đối ứng.",
        None,
        [{"type": "negotiation_round", "ordinal": 4}, {"type": "negotiation_round", "ordinal": 5}],
    ),
    (
        "Vòng đàm phán thứ 8 Hiệp định Thương mại đối ứng diễn ra từ 9-11/3/2026. "
        "Vòng đàm phán thứ 8 tập trung vào quy tắc xuất xứ và hàng nông sản.",
        None,
        [{"type": "negotiation_round", "ordinal": 8, "start": "2026-03-09", "end": "2026-03-11",
          "topics": ["agriculture", "rules_of_origin"], "n_evidence": 2}],
    ),
    (
        "Ngày 20/6, vòng đàm phán thứ 3 Hiệp định Thương mại đối ứng sẽ khai mạc tại Washington.",
        "2025-06-01",
        [{"type": "negotiation_round", "ordinal": 3, "start": "2025-06-20", "status": "planned"}],
    ),
    (
        "Phiên đàm phán cấp Bộ trưởng lần thứ 3 giữa Việt Nam và Hoa Kỳ về thương mại đối ứng "
        "diễn ra ngày 25/6/2025.",
        None,
        [{"type": "ministerial_session", "ordinal": 3, "start": "2025-06-25", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Hai bên nhất trí tổ chức phiên đàm phán trực tuyến cấp bộ trưởng về thương mại đối ứng "
        "trong tháng 12/2025.",
        None,
        [{"type": "ministerial_session", "mode": "online", "status": "planned", "start": "2025-12"}],
    ),
    (
        "Sáng 15/7/2025, Bộ trưởng Bộ Công Thương đã điện đàm với Đại diện Thương mại Hoa Kỳ "
        "về thỏa thuận thương mại đối ứng.",
        None,
        [{"type": "call", "start": "2025-07-15", "time_of_day": "morning", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Cuộc gọi giữa lãnh đạo hai nước diễn ra tối 2/7/2025.",
        None,
        [{"type": "call", "start": "2025-07-02", "time_of_day": "evening"}],
    ),
    (
        "Chiều 5/8, Thứ trưởng Bộ Công Thương đã có buổi làm việc với Đại sứ Hàn Quốc.",
        None,
        [{"type": "meeting", "start": "XXXX-08-05", "time_of_day": "afternoon", "status": "held"}],
    ),
    (
        "Sáng 3/3/2026, Thứ trưởng Bộ Công Thương đã có buổi làm việc với Phó Đại diện Thương mại Hoa Kỳ. "
        "Tại buổi làm việc, hai bên trao đổi về thương mại số và nông sản.",
        None,
        [{"type": "meeting", "start": "2026-03-03", "topics": ["agriculture", "digital_trade"], "n_evidence": 2}],
    ),
    (
        "Ngày 4/11/2024, cuộc họp lần thứ 9 của Hội đồng TIFA Việt Nam - Hoa Kỳ được tổ chức tại Hà Nội.",
        None,
        [{"type": "meeting", "start": "2024-11-04", "negotiation": "us-vn-tifa"}],
    ),
    (
        "Bộ trưởng Bộ Công Thương tiếp xúc các nhà đầu tư Nhật Bản ngày 6/6/2025.",
        None,
        [{"type": "meeting", "start": "2025-06-06"}],
    ),
    (
        "Trong cuộc họp báo chiều 3/4, người phát ngôn cho biết Việt Nam sẵn sàng đàm phán.",
        None,
        [],
    ),
    (
        "Bộ Công Thương sẽ tổ chức hội thảo phổ biến cam kết CPTPP cho doanh nghiệp ngày 18/9/2025.",
        None,
        [{"type": "roundtable", "status": "planned", "start": "2025-09-18", "negotiation": "cptpp"}],
    ),
    (
        "Năm 2019, Việt Nam và Liên minh châu Âu đã ký kết Hiệp định EVFTA.",
        None,
        [{"type": "agreement", "negotiation": "vn-eu-fta"}],
    ),
    (
        "Ngày 10/5/2026, Việt Nam và Hoa Kỳ ra tuyên bố chung về khuôn khổ thỏa thuận thương mại đối ứng.",
        None,
        [{"type": "agreement", "start": "2026-05-10", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Ngày 2/4/2025, Mỹ công bố mức thuế đối ứng 46% áp lên hàng hóa xuất khẩu của Việt Nam.",
        None,
        [{"type": "tariff_action", "rate": 0.46, "start": "2025-04-02", "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Tối 2/7/2025, Mỹ thông báo áp mức thuế 20% đối với hàng hóa nhập khẩu từ Việt Nam "
        "và 40% với hàng chuyển tải.",
        None,
        [{"type": "tariff_action", "rate": 0.2}, {"type": "tariff_action", "rate": 0.4, "topics": ["transshipment"]}],
    ),
    (
        "Ngày 9/4/2025, Mỹ quyết định tạm dừng áp thuế đối ứng trong 90 ngày với các đối tác thương mại.",
        None,
        [{"type": "tariff_action", "rate": None, "start": "2025-04-09"}],
    ),
    (
        "Mỹ quyết định giảm thuế đối ứng với hàng hóa Việt Nam từ 46% xuống 20%.",
        None,
        [{"type": "tariff_action", "rate": 0.2}],
    ),
    (
        "Thuế nhập khẩu ô tô từ các nước ASEAN giảm về 0% từ năm 2018.",
        None,
        [{"type": "tariff_action", "rate": 0.0}],
    ),
    (
        "Chiều 18/3/2026, tại Hà Nội, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên đã tiếp Đại sứ Hoa Kỳ Marc Knapper. "
        "Tại buổi tiếp, hai bên bàn về đàm phán Hiệp định Thương mại đối ứng và hợp tác năng lượng.",
        None,
        [{"type": "meeting", "start": "2026-03-18", "time_of_day": "afternoon", "location": "Hà Nội",
          "topics": ["energy"], "n_evidence": 2, "n_participants": 2, "negotiation": VN_US_RECIPROCAL}],
    ),
    (
        "Bộ trưởng Nguyễn Hồng Diên đã có các buổi làm việc với Thượng nghị sĩ Steve Daines, "
        "Hạ nghị sĩ Adrian Smith và Chủ tịch Hội đồng Kinh doanh Hoa Kỳ - ASEAN Ted Osius.",
        None,
        [{"type": "meeting", "n_participants": 2}, {"type": "meeting", "n_participants": 2},
         {"type": "meeting", "n_participants": 2}],
    ),
    (
        "Sáng 5/9, tại trụ sở Bộ Công Thương, Thứ trưởng Nguyễn Sinh Nhật Tân tiếp đoàn doanh nghiệp Mỹ.",
        None,
        [{"type": "meeting", "start": "XXXX-09-05", "time_of_day": "morning", "location": "trụ sở Bộ Công Thương"}],
    ),
    (
        "Ngày 14/10/2024, Hội đồng Thương mại và Đầu tư Việt Nam - Hoa Kỳ (TIFA) đã họp phiên thứ 10 tại Hà Nội.",
        None,
        [{"type": "meeting", "ordinal": 10, "start": "2024-10-14", "negotiation": "us-vn-tifa"}],
    ),
    (
        "Theo thỏa thuận thương mại, hàng hóa Việt Nam vào Mỹ chịu thuế 20%, còn hàng chuyển tải chịu thuế 40%.",
        None,
        [{"type": "tariff_action", "rate": 0.2, "no_topics": ["transshipment"]},
         {"type": "tariff_action", "rate": 0.4, "topics": ["transshipment"]}],
    ),
    (
        "Vòng đàm phán thứ ba về Hiệp định Thương mại đối ứng sẽ diễn ra tại Hà Nội từ ngày 22 đến 25/7/2025. "
        "Đây là lần đầu tiên vòng đàm phán được tổ chức tại Việt Nam.",
        None,
        [{"type": "negotiation_round", "ordinal": 3, "status": "planned", "start": "2025-07-22", "end": "2025-07-25",
          "location": "Hà Nội", "n_evidence": 2}],
    ),
    ("Trước đó, hai bên đã tổ chức ba vòng đàm phán trực tiếp về thương mại đối ứng.", None, []),
    (
        "Trong hai ngày 24-25/7/2025, hai đoàn đã có phiên đàm phán kỹ thuật trực tuyến về Hiệp định Thương mại "
        "đối ứng. Các nhóm kỹ thuật tập trung vào thuế quan và quy tắc xuất xứ. Giá vàng hôm nay giảm nhẹ.",
        None,
        [{"type": "negotiation_round", "level": "technical", "mode": "online", "start": "2025-07-24",
          "end": "2025-07-25", "topics": ["rules_of_origin", "tariffs"], "n_evidence": 2}],
    ),
    (
        "Vòng đàm phán Hiệp định Thương mại đối ứng công bằng và cân bằng Việt Nam - Hoa Kỳ lần thứ 4 "
        "diễn ra tại Washington.",
        None,
        [{"type": "negotiation_round", "ordinal": 4, "location": "Washington"}],
    ),
    (
        "Vòng đàm phán thương mại diễn ra vào thứ Năm tại Hà Nội.",  # a weekday, not an ordinal
        None,
        [{"type": "negotiation_round", "ordinal": None, "location": "Hà Nội"}],
    ),
    (
        "Sáng 5/3, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Nhật Bản. "
        "Chiều 5/3, Bộ trưởng Nguyễn Hồng Diên tiếp đoàn doanh nghiệp Hàn Quốc.",
        None,
        [{"type": "meeting", "time_of_day": "morning"}, {"type": "meeting", "time_of_day": "afternoon"}],
    ),
    (
        "Phiên đàm phán thứ tư giữa hai đoàn diễn ra trực tuyến vào ngày 25/6/2025 với trọng tâm là quy tắc xuất xứ.",
        None,
        [{"type": "negotiation_round", "ordinal": 4, "mode": "online", "start": "2025-06-25",
          "topics": ["rules_of_origin"]}],
    ),
    (
        "Ngày 7/5/2025, Bộ trưởng Nguyễn Hồng Diên và Đại diện Thương mại Hoa Kỳ Jamieson Greer đã có "
        "phiên đàm phán trực tuyến về Hiệp định Thương mại đối ứng.",
        None,
        [{"type": "ministerial_session", "mode": "online", "start": "2025-05-07", "n_participants": 2}],
    ),
    ("Hai bên đang nỗ lực tiến tới ký kết hiệp định thương mại trong năm nay.", None, []),
    (
        "Chiều 9/6/2025, tại Hà Nội, Bộ trưởng Nguyễn Hồng Diên tiếp Thượng nghị sĩ Hoa Kỳ Steve Daines.",
        None,
        [{"type": "meeting", "start": "2025-06-09", "time_of_day": "afternoon", "location": "Hà Nội",
          "n_participants": 2}],
    ),
    ("Sau khi ra viện, anh Nam làm việc với công an phường về vụ va chạm.", None, []),
    (
        "Sáng 5/3/2026, Bộ trưởng Nguyễn Hồng Diên đã tiếp Đại sứ Hoa Kỳ Marc Knapper và làm việc với "
        "ông Ted Osius, Chủ tịch Hội đồng Kinh doanh Hoa Kỳ - ASEAN.",
        None,
        [{"type": "meeting", "start": "2026-03-05", "n_participants": 2},
         {"type": "meeting", "start": "2026-03-05", "n_participants": 2}],
    ),
    (
        "Sáng 5/3/2026, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Nhật Bản Ito Naoki; chiều cùng ngày, "
        "Thứ trưởng Phan Thị Thắng tiếp ông John Smith, Giám đốc Tập đoàn ABC.",
        None,
        [{"type": "meeting", "start": "2026-03-05", "time_of_day": "morning", "n_participants": 2},
         {"type": "meeting", "start": "2026-03-05", "time_of_day": "afternoon", "n_participants": 2}],
    ),
    ("Ông Nam tiếp tục làm việc tại công ty.", None, []),
    (
        "Ngày 18/6/2024, tại Brussels, Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long đồng chủ trì phiên họp "
        "lần thứ 4 của Ủy ban Thương mại EVFTA. Vòng đàm phán thứ 5 về nâng cấp FTA Việt Nam - Hàn Quốc "
        "dự kiến diễn ra tại Seoul vào tháng 9/2024.",
        None,
        [{"type": "meeting", "ordinal": 4, "location": "Brussels", "negotiation": "vn-eu-fta"},
         {"type": "negotiation_round", "ordinal": 5, "status": "planned", "location": "Seoul",
          "negotiation": "vn-kr-fta"}],
    ),
    # talks and tariffs between other countries are events of their own talks, never of a Vietnamese negotiation
    (
        "Phái đoàn Trung Quốc đang tiến hành vòng đàm phán thứ hai về thương mại với Mỹ tại Washington.",
        None,
        [{"type": "negotiation_round", "ordinal": 2, "negotiation": "talks:hoa-ky+trung-quoc"}],
    ),
    (
        "Ngày 5/8/2025, Mỹ và Indonesia công bố Hiệp định Thương mại đối ứng, theo đó hàng Indonesia chịu thuế 19%.",
        None,
        [{"type": "tariff_action", "rate": 0.19, "negotiation": "tariffs-on-indonesia"}],
    ),
    # not events: sport, domestic tax, markets, other talks, past references, headlines, captions
    ("Đội tuyển Việt Nam thắng ở vòng đấu thứ 3 của vòng loại World Cup.", None, []),
    ("Cục Thuế yêu cầu doanh nghiệp nộp thuế thu nhập doanh nghiệp 20% trước ngày 30/3.", None, []),
    ("Giá cổ phiếu ngân hàng tăng 20% trong phiên giao dịch sáng 12/11.", None, []),
    ("Thuế thu nhập cá nhân sẽ giảm 5% từ năm sau.", None, []),
    ("Vòng đàm phán hạt nhân giữa Iran và các cường quốc diễn ra tại Vienna.", None, []),
    ("Kết quả các vòng đàm phán thương mại vừa qua đã tạo nền tảng cho hai bên.", None, []),
    ("Hai bên đánh giá cao kết quả phiên đàm phán cấp bộ trưởng mới đây về thương mại.", None, []),
    ("VÒNG ĐÀM PHÁN THƯƠNG MẠI THỨ 9 KHÉP LẠI\n\nTrời Hà Nội hôm nay có mưa rào.", None, []),
    ("Bộ trưởng phát biểu tại vòng đàm phán thương mại thứ 5 (Ảnh: TTXVN).", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_from_sentence(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)


@pytest.mark.parametrize(("text", "published", "expected"), CASES[:12])
def test_events_evidence_quotes_the_text(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    doc = check_events(text, published, expected)
    for ev in doc.events:
        assert ev.evidence and ev.summary and ev.summary_en
        for e in ev.evidence:
            assert doc.text[e.start : e.end] == e.quote
        for t in ev.timex:
            assert 0 <= t < len(doc.timexes)
