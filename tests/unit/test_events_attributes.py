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
    "topics_told_after (an agreement's terms)": (
        "Ngày 3/11/2025, Việt Nam và Hoa Kỳ công bố thỏa thuận khung về thương mại. "
        "Theo đó, Việt Nam sẽ mở cửa thị trường cho thịt bò và ngô của Hoa Kỳ.",
        "2025-11-04",
        [{"type": "agreement", "topics": ["agriculture", "market_access"]}],
    ),
    "topics_told_before": (
        "Hoa Kỳ vừa công bố mức thuế nhập khẩu mới đối với thép. "
        "Bộ trưởng Nguyễn Hồng Diên đã nêu vấn đề này trong buổi làm việc với Đại sứ Marc Knapper tại Hà Nội.",
        "2025-05-02",
        [{"type": "meeting", "topics": ["tariffs"]}],
    ),
    "topics_told_before (no reference back)": (
        "Hoa Kỳ vừa công bố mức thuế nhập khẩu mới đối với thép. "
        "Bộ trưởng Nguyễn Hồng Diên đã làm việc với Đại sứ Marc Knapper tại Hà Nội về hợp tác giáo dục.",
        "2025-05-02",
        [{"type": "meeting", "no_topics": ["tariffs"]}],
    ),
    "continuation (a side's representative named after the meeting)": (
        "Ngày 10/3/2026, tại Bern, Việt Nam và Thụy Sĩ có cuộc họp song phương về thương mại. "
        "Đại diện phía Thụy Sĩ là bà Anna Keller, Quốc vụ khanh về kinh tế. "
        "Đoàn Việt Nam do Thứ trưởng Bộ Công Thương Trần Văn Bình dẫn đầu.",
        "2026-03-11",
        [{"type": "meeting", "n_participants": 2}],
    ),
    "lead_place": (
        "Chiều 6/11, tại Trụ sở Bộ Công Thương, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Marc Knapper. "
        "Tại Hội chợ, sáng 8/11, Bộ trưởng Nguyễn Hồng Diên tiếp ông John Miller.",
        None,
        [{"type": "meeting", "location": "Trụ sở Bộ Công Thương"}, {"type": "meeting", "location": None}],
    ),
    "day_refines_month": (
        "Vòng đàm phán thứ 8 Hiệp định thương mại tự do giữa Việt Nam và EFTA sẽ diễn ra vào tháng 3 tới "
        "tại Hà Nội (từ 17-21/3/2026).",
        "2026-01-10",
        [{"type": "negotiation_round", "start": "2026-03-17", "end": "2026-03-21", "status": "planned"}],
    ),
    "day_refines_month (not the day it ended)": (
        "Vòng đàm phán thứ 8 Hiệp định thương mại tự do giữa Việt Nam và EFTA diễn ra trong tháng 3/2026, "
        "kết thúc ngày 21/3.",
        "2026-04-10",
        [{"type": "negotiation_round", "start": "2026-03", "end": "2026-03-21"}],
    ),
    "year_closes_name": (
        "Hai bên nhắc lại các văn bản về thương mại đã ký, trong đó có Bản ghi nhớ về hợp tác thương mại song "
        "phương (năm 2015) và Tuyên bố chung về quan hệ đối tác kinh tế (năm 2023), mang lại nhiều kết quả.",
        "2025-11-02",
        [
            {"type": "agreement", "start": "2015", "summary": "Thỏa thuận, năm 2015"},
            {"type": "agreement", "start": "2023"},
        ],
    ),
    "ministers_make_the_level": (
        "Bộ trưởng Thương mại Hàn Quốc Yeo Han-koo và Đại diện Thương mại Hoa Kỳ Jamieson Greer đã tiến hành "
        "vòng đàm phán thương mại thứ hai tại Washington ngày 14/5/2025. Ngày 20/5/2025, Thứ trưởng Bộ Công Thương "
        "Nguyễn Sinh Nhật Tân và Phó Đại diện Thương mại Hoa Kỳ tiến hành vòng đàm phán thương mại thứ ba.",
        "2025-05-25",
        [{"type": "negotiation_round", "level": "ministerial"}, {"type": "negotiation_round", "level": None}],
    ),
    "level (senior officials are no leaders)": (
        "Đàm phán vòng thứ tư giữa các quan chức cấp cao Mỹ và Nhật Bản về thuế quan bắt đầu ngày 3/6/2025 "
        "tại Washington.",
        "2025-06-05",
        [{"type": "negotiation_round", "level": "ministerial"}],
    ),
    "placed_encounter_in_person, share_subject and joined_place (joined by và)": (
        "Tổng thống Mỹ Donald Trump và Thủ tướng Nhật Bản Ishiba Shigeru đã gặp nhau tại Tokyo vào ngày 5/7/2025 "
        "và đồng ý về một thỏa thuận thương mại.",
        "2025-07-06",
        [
            {"type": "meeting", "mode": "in_person", "location": "Tokyo", "n_participants": 2},
            {"type": "agreement", "n_participants": 2, "location": "Tokyo", "start": "2025-07-05"},
        ],
    ),
    "placed_encounter_in_person (a call is no meeting)": (
        "Ngày 5/7/2025, Tổng thống Mỹ Donald Trump điện đàm với Thủ tướng Nhật Bản Ishiba Shigeru về thuế quan.",
        "2025-07-06",
        [{"type": "call", "mode": None}],
    ),
    "place name through a joiner (Foz de Iguazu)": (
        "Ngày 20/12/2025, tại Hội nghị Thượng đỉnh diễn ra tại thành phố Foz de Iguazu, Brazil, Bộ trưởng "
        "Nguyễn Hồng Diên đã gặp Bộ trưởng Ngoại giao Brazil Mauro Vieira.",
        None,
        [{"type": "meeting", "location": "Foz de Iguazu"}],
    ),
    "peer_of_country": (
        "Tổng thống Hàn Quốc Lee Jae Myung đón Tổng thống Mỹ Donald Trump tại Gyeongju. Tổng thống Trump hôm nay "
        "đã hội đàm với người đồng cấp Hàn Quốc và dự hội nghị APEC.",
        "2025-10-29",
        [{"type": "meeting", "n_participants": 2}],
    ),
    "peer_of_country (another rank is no peer)": (
        "Thủ tướng Hàn Quốc Kim Min-seok đón Tổng thống Mỹ Donald Trump tại Gyeongju. Tổng thống Trump hôm nay "
        "đã hội đàm với người đồng cấp Hàn Quốc và dự hội nghị APEC.",
        "2025-10-29",
        [{"type": "meeting", "n_participants": 1}],
    ),
    "agreement_where_talked": (
        "Ngày 14/9/2025, Bộ trưởng Tài chính Mỹ Scott Bessent hội đàm với Phó Thủ tướng Trung Quốc Hà Lập Phong "
        "tại Madrid về thuế quan. Sau hai ngày thảo luận, hai bên đã đạt được thỏa thuận khung về thương mại.",
        "2025-09-16",
        [{"type": "meeting", "location": "Madrid"}, {"type": "agreement", "location": "Madrid"}],
    ),
    "agreement_where_talked (no talks told before, no place)": (
        "Sau hai ngày thảo luận, Mỹ và Trung Quốc đã đạt được thỏa thuận khung về thương mại.",
        "2025-09-16",
        [{"type": "agreement", "location": None}],
    ),
    "agreement_when_talked": (
        "Ngày 20/5/2025, Bộ trưởng Thương mại Nhật Bản hội đàm với Bộ trưởng Thương mại Mỹ Howard Lutnick tại "
        "Washington. Sau 2 ngày thảo luận, hai bên đạt được thỏa thuận về thuế ô tô.",
        "2025-06-20",
        [
            {"type": "meeting", "start": "2025-05-20", "end": "2025-05-21"},
            {"type": "agreement", "start": "2025-05-21", "negotiation": "talks:hoa-ky+nhat-ban"},
        ],
    ),
    "agreement_when_talked (more than a day: the second)": (
        "Ngày 3/3/2025, vòng đàm phán thứ tư giữa Anh và Ấn Độ khai mạc tại London. Sau hơn một ngày đàm phán, hai "
        "bên đã đạt được đồng thuận về thuế quan.",
        "2025-06-20",
        [
            {"type": "negotiation_round", "start": "2025-03-03", "end": "2025-03-04"},
            {"type": "agreement", "start": "2025-03-04", "negotiation": "talks:an-do+vuong-quoc-anh"},
        ],
    ),
    "agreement_when_talked (talks dated by their month: no day to count from)": (
        "Tháng 3/2025, vòng đàm phán thứ tư giữa Anh và Ấn Độ diễn ra tại London. Sau ba ngày đàm phán, hai bên "
        "đã đạt được đồng thuận về thuế quan.",
        "2025-06-20",
        [{"type": "negotiation_round", "start": "2025-03", "end": None}, {"type": "agreement", "start": None}],
    ),
    "city_before_country": (
        "Ngày 8/6/2025, vòng đàm phán thứ hai về thuế quan giữa Mỹ và Trung Quốc diễn ra tại Anh. "
        "Vòng đàm phán thứ hai được tổ chức tại London trong hai ngày.",
        "2025-06-12",
        [{"type": "negotiation_round", "location": "London"}],
    ),
    "city_before_country (the article's place)": (
        "Trong chuyến công tác tại Nhật Bản, chiều 11/9/2025, tại Tokyo, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên "
        "đã chứng kiến lễ ký thỏa thuận hợp tác thương mại giữa doanh nghiệp hai nước. Bên lề lễ ký, Bộ trưởng "
        "Nguyễn Hồng Diên đã có cuộc trao đổi với ông Kenji Sato, Giám đốc một cơ quan xúc tiến thương mại Nhật Bản.",
        "2025-09-12",
        [{"type": "agreement", "location": "Tokyo"}, {"type": "meeting", "location": "Tokyo"}],
    ),
    "paves_way": (
        "Ngày 14/5/2025, Bộ trưởng Thương mại Hàn Quốc đã hội đàm với Đại diện Thương mại Mỹ Jamieson Greer tại "
        "Seoul. Hai bên đánh giá kết quả này là tiền đề quan trọng cho cuộc gặp giữa hai nhà lãnh đạo.",
        "2025-05-20",
        [{"type": "meeting", "status": "held", "start": "2025-05-14"}, {"type": "meeting", "status": "planned"}],
    ),
    "paves_way (the way an event paves is no event)": (
        "Ngày 5/3/2025, Việt Nam và Chile đã ký hiệp định thương mại, mở đường cho hợp tác kinh tế sâu rộng hơn.",
        "2025-03-06",
        [{"type": "agreement", "status": "held", "start": "2025-03-05"}],
    ),
    "converted_clock": (
        "Lúc 19h GMT, tương ứng với 2h sáng ngày 15/5 theo giờ Việt Nam, Bộ trưởng Nguyễn Hồng Diên đã hội đàm "
        "với Đại diện Thương mại Hoa Kỳ Jamieson Greer tại Washington về thuế quan.",
        "2025-05-16",
        [{"type": "meeting", "start": None}],
    ),
    "old_date_is_history": (
        "Sau hiệp định khung, ASEAN và Trung Quốc tiếp tục đàm phán và ký kết hiệp định về thương mại hàng hóa "
        "(có hiệu lực từ tháng 7/2005), mở đường cho khu vực thương mại tự do.",
        "2025-10-28",
        [{"type": "agreement", "start": "2005-07", "status": "held"}],
    ),
    "planned (a tariff one is at risk of)": (
        "Các doanh nghiệp bán dẫn của Malaysia xuất khẩu sang Mỹ có nguy cơ bị đánh thuế 100% đối với chip "
        "trong cuộc rà soát thương mại.",
        "2025-10-18",
        [{"type": "tariff_action", "rate": 1.0, "status": "planned"}],
    ),
    "decree_part_of_day": (
        "Chiều 31/7 (giờ Mỹ), Tổng thống Donald Trump ký sắc lệnh điều chỉnh thuế đối ứng áp lên hàng chục nền "
        "kinh tế. Phụ lục của văn bản ghi mức thuế đối ứng áp với hàng hóa Thái Lan là 19%.",
        "2025-08-01",
        [
            {"type": "tariff_action", "time_of_day": "afternoon"},
            {"type": "tariff_action", "rate": 0.19, "start": "2025-07-31", "time_of_day": "afternoon"},
        ],
    ),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_attribute_rule(rule: str) -> None:
    text, published, expected = CASES[rule]
    check_events(text, published, expected)
