"""Events from more ways Vietnamese news tells of talks, calls, agreements and tariffs (sentences written
for these tests from public facts, in our own words), through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.model import VN_US_RECIPROCAL

#: (text, publication date, expected events in order: each a dict of Event fields to check)
CASES: list[tuple[str, str | None, list[dict[str, Any]]]] = [
    (  # rule ``span_is_no_round``: "trong vòng 90 ngày" counts days, it numbers no round
        "Mỹ và Trung Quốc sẽ bước vào vòng 12 đàm phán thương mại sau khi tạm hoãn tăng thuế trong vòng 90 ngày.",
        None,
        [{"type": "negotiation_round", "ordinal": 12}],
    ),
    (  # a phone conversation between leaders is a call
        "Tối 2/7/2025, Tổng Bí thư Tô Lâm và Tổng thống Hoa Kỳ Donald Trump đã trao đổi qua điện thoại về "
        "quan hệ thương mại.",
        None,
        [{"type": "call", "start": "2025-07-02", "time_of_day": "evening", "n_participants": 2}],
    ),
    (  # online talks between ministers are a call held online
        "Tối 10/4/2025, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên hội đàm trực tuyến với Đại diện Thương mại "
        "Hoa Kỳ Jamieson Greer.",
        None,
        [{"type": "call", "mode": "online", "start": "2025-04-10", "n_participants": 2}],
    ),
    (  # MOUs signed on the occasion of a joint statement are another agreement, on that day
        "Ngày 26/10/2025, Việt Nam và Hoa Kỳ công bố Tuyên bố chung về khuôn khổ Hiệp định Thương mại đối ứng. "
        "Cũng trong dịp này, doanh nghiệp hai nước đã ký nhiều biên bản ghi nhớ hợp tác.",
        None,
        [{"type": "agreement", "start": "2025-10-26", "n_evidence": 1},
         {"type": "agreement", "start": "2025-10-26", "n_evidence": 1}],
    ),
    (  # each rate of a sentence keeps the dates of its own clause
        "Mỹ sẽ áp thuế 20% với hàng hóa nhập khẩu từ Việt Nam, thấp hơn nhiều so với mức 46% công bố hồi "
        "tháng 4/2025.",
        None,
        [{"type": "tariff_action", "rate": 0.2, "start": None},
         {"type": "tariff_action", "rate": 0.46, "start": "2025-04"}],
    ),
    (  # a tariff only proposed is no action
        "Việt Nam sẵn sàng thảo luận với phía Mỹ để đưa thuế nhập khẩu với hàng hóa Hoa Kỳ về 0%.",
        None,
        [],
    ),
    (
        "Phía Việt Nam đề nghị Mỹ áp dụng mức thuế 0% với hàng hóa Việt Nam.",
        None,
        [],
    ),
    (  # a country named as a place is no third party: the joint statement is of the Vietnam–US talks
        "Ngày 26/10/2025, tại Kuala Lumpur (Malaysia), Việt Nam và Hoa Kỳ công bố Tuyên bố chung về Hiệp định "
        "Thương mại đối ứng. Vòng đàm phán thứ năm dự kiến diễn ra vào tháng 11 tại Washington.",
        "2025-10-27",
        [{"type": "agreement", "start": "2025-10-26", "negotiation": VN_US_RECIPROCAL},
         {"type": "negotiation_round", "ordinal": 5, "status": "planned", "start": "2025-11",
          "negotiation": VN_US_RECIPROCAL}],
    ),
    (  # many meetings summed up, none of them told
        "Đây là kết quả của các phiên họp trực tuyến giữa hai đoàn đàm phán kể từ tháng 4/2025.",
        None,
        [],
    ),
    (  # a sentence going on after a short lead phrase is evidence of the round told before
        "Vòng đàm phán thứ hai về Hiệp định Thương mại đối ứng diễn ra từ ngày 3 đến 6/6/2025 tại Washington. "
        "Trong bốn ngày, các nhóm kỹ thuật đã bàn về quy tắc xuất xứ và thương mại số.",
        None,
        [{"type": "negotiation_round", "ordinal": 2, "n_evidence": 2, "topics": ["rules_of_origin", "digital_trade"]}],
    ),
    (  # rates told in the next sentence belong to the same announcement, on its day
        "Ngày 2/7/2025, Mỹ thông báo sẽ áp thuế 20% với hàng hóa nhập khẩu từ Việt Nam. Hàng hóa trung chuyển "
        "qua Việt Nam sẽ chịu mức thuế 40%.",
        None,
        [{"type": "tariff_action", "rate": 0.2, "start": "2025-07-02"},
         {"type": "tariff_action", "rate": 0.4, "start": "2025-07-02", "topics": ["transshipment"]}],
    ),
    (  # "lần lượt tiếp A và B": one meeting with each
        "Sáng 15/1/2026, Quyền Bộ trưởng Bộ Công Thương Lê Mạnh Hùng lần lượt tiếp Đại sứ Hoa Kỳ Marc Knapper "
        "và Chủ tịch USABC Ted Osius.",
        None,
        [{"type": "meeting", "start": "2026-01-15", "n_participants": 2},
         {"type": "meeting", "start": "2026-01-15", "n_participants": 2}],
    ),
    (  # a date in what was said at a meeting is not the meeting's
        "Sáng 15/1/2026, Quyền Bộ trưởng Lê Mạnh Hùng tiếp Đại sứ Hoa Kỳ Marc Knapper. Tại cuộc gặp, ông Hùng "
        "đề nghị hai bên sớm kết thúc đàm phán trong quý I.",
        None,
        [{"type": "meeting", "start": "2026-01-15", "n_evidence": 2}],
    ),
    (  # a place shortly after the only event of the sentence is its place
        "Vòng đàm phán thứ ba về Hiệp định Thương mại đối ứng dự kiến diễn ra vào tuần tới, tiếp tục tại "
        "Washington.",
        "2025-06-07",
        [{"type": "negotiation_round", "ordinal": 3, "status": "planned", "location": "Washington",
          "start": "2025-06"}],
    ),
    (  # "chiều cùng ngày": the day of the event before, in the afternoon
        "Sáng 15/1/2026, Quyền Bộ trưởng Lê Mạnh Hùng chủ trì tọa đàm với Phòng Thương mại Hoa Kỳ (AmCham). "
        "Chiều cùng ngày, ông Hùng có cuộc điện đàm với Đại diện Thương mại Hoa Kỳ Jamieson Greer.",
        None,
        [{"type": "roundtable", "start": "2026-01-15", "time_of_day": "morning"},
         {"type": "call", "start": "2026-01-15", "time_of_day": "afternoon"}],
    ),
    (  # a rate after "chịu mức" is a tariff; the day after "từ" is when it applies, not when it was told
        "Hàng hóa bị xác định là trung chuyển tiếp tục chịu mức 40% khi nhập khẩu vào Mỹ từ ngày 7/8/2025.",
        None,
        [{"type": "tariff_action", "rate": 0.4, "start": None, "topics": ["transshipment"]}],
    ),
    (  # a day after "kết thúc" is the last day of the round, not its first
        "Vòng đàm phán lần thứ 4 về thuế đối ứng giữa Việt Nam và Mỹ kết thúc ngày 27/6/2025.",
        None,
        # its last day, and the month it began in (a round of a few days that ended on the 27th)
        [{"type": "negotiation_round", "ordinal": 4, "start": "2025-06", "end": "2025-06-27"}],
    ),
    (  # a tariff imposed with its rate needs no other trade word; it starts the day it was signed and applies
        # from the date after "từ"
        "Theo sắc lệnh ký ngày 31/7/2025, Mỹ áp mức thuế 20% với hàng Việt Nam từ ngày 7/8/2025.",
        None,
        [{"type": "tariff_action", "rate": 0.2, "start": "2025-07-31", "end": None}],
    ),
    (  # a tariff kept, or only considered, is no new action
        "Theo văn kiện, Mỹ duy trì mức thuế 20% với hàng Việt Nam nhưng sẽ xem xét đưa một số mặt hàng về mức 0%.",
        None,
        [],
    ),
    (  # two verbs of one meeting
        "Sáng 3/12/2025, Thứ trưởng Nguyễn Sinh Nhật Tân đã gặp gỡ, làm việc với Phó Đại diện Thương mại Hoa Kỳ "
        "Bryan Switzer.",
        None,
        [{"type": "meeting", "start": "2025-12-03", "n_participants": 2}],
    ),
    (  # signing and the MOUs signed are one agreement
        "Ngày 10/6/2025, đoàn doanh nghiệp Việt Nam đã ký kết các biên bản ghi nhớ (MOU) với tập đoàn Boeing.",
        None,
        [{"type": "agreement", "start": "2025-06-10"}],
    ),
    (  # talks between two other countries told in an article about Viet Nam's talks are not Viet Nam's
        "Vòng đàm phán thứ 14 về FTA Việt Nam - EFTA diễn ra tại Geneva. Cũng tại Geneva, Bộ trưởng Tài chính Mỹ "
        "Scott Bessent và Phó Thủ tướng Trung Quốc Hà Lập Phong đã hội đàm về thương mại.",
        None,
        [{"type": "negotiation_round", "ordinal": 14, "negotiation": "vn-efta-fta"},
         {"type": "meeting", "negotiation": "talks:hoa-ky+trung-quoc"}],
    ),
    (  # "đã gặp" an official is a meeting; meeting difficulties is not
        "Sáng 13/8/2025, Thứ trưởng Nguyễn Sinh Nhật Tân đã gặp Phó Đại diện Thương mại Hoa Kỳ Bryan Switzer.",
        None,
        [{"type": "meeting", "start": "2025-08-13", "n_participants": 2}],
    ),
    ("Nhiều doanh nghiệp đã gặp khó khăn khi xuất khẩu sang Mỹ do thuế đối ứng.", None, []),
    (  # "tuần tới" across two months gives no month
        "Vòng đàm phán thứ ba về Hiệp định Thương mại đối ứng sẽ diễn ra vào tuần tới.",
        "2025-06-26",
        [{"type": "negotiation_round", "ordinal": 3, "status": "planned", "start": None}],
    ),
    ("Trưa 24/2/2025, chị Hoa nhận được cuộc gọi của chồng báo con đi lạc.", None, []),
    ("Ngày 3/1/2025, Thủ tướng phát biểu tại phiên khai mạc hội nghị trực tuyến toàn quốc về kinh tế - xã hội.",
     None, []),
    ("Tổng thống Mỹ đe dọa sẽ áp thuế 25% với ô tô nhập khẩu từ Nhật Bản.", None, []),
    ("Canada sẽ đáp trả nếu Mỹ áp mức thuế 25% với thép nhập khẩu.", None, []),
    ("Theo hiệp định EVFTA, Việt Nam sẽ giảm 65% thuế nhập khẩu đối với hàng hóa EU ngay khi có hiệu lực.",
     None, []),
    (  # a clause opening with a bare title names the official last told with it
        "Sáng 20/5/2025, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên hội đàm với Đại diện Thương mại Hoa Kỳ Jamieson "
        "Greer. Chiều cùng ngày, Bộ trưởng làm việc với Bộ trưởng Thương mại Hoa Kỳ Howard Lutnick.",
        None,
        [{"type": "meeting", "time_of_day": "morning", "n_participants": 2},
         {"type": "meeting", "start": "2025-05-20", "time_of_day": "afternoon", "n_participants": 2}],
    ),
    (  # "loạt cuộc gặp" on a trip, then the meetings told on its days: those meetings only
        "Từ ngày 19 đến 23/5/2025, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên đã có loạt cuộc gặp với quan chức "
        "Hoa Kỳ. Sáng 20/5, Bộ trưởng Nguyễn Hồng Diên hội đàm với Đại diện Thương mại Hoa Kỳ Jamieson Greer.",
        "2025-05-25",
        [{"type": "meeting", "start": "2025-05-20", "n_participants": 2}],
    ),
    (  # MOUs signed, however many, are one signing
        "Trong chuyến công tác, các doanh nghiệp Việt Nam đã ký 10 biên bản ghi nhớ mua nông sản Hoa Kỳ.",
        None,
        [{"type": "agreement", "topics": ["agriculture"]}],
    ),
    (  # "gặp Hạ nghị sĩ": a meeting; its subject "Đại sứ" is the ambassador told before
        "Ngày 18/11/2025, Đại sứ Việt Nam tại Hoa Kỳ Nguyễn Quốc Dũng làm việc với Thượng nghị sĩ Steve Daines. "
        "Tiếp đó, tại Hạ viện, Đại sứ gặp Hạ nghị sĩ Young Kim.",
        None,
        [{"type": "meeting", "start": "2025-11-18", "n_participants": 2},
         {"type": "meeting", "n_participants": 2}],
    ),
    (  # "Hai nhà lãnh đạo …" goes on about the call just told
        "Ngày 4/4/2025, Tổng Bí thư Tô Lâm đã điện đàm với Tổng thống Donald Trump. Hai nhà lãnh đạo đã trao đổi "
        "về thuế quan.",
        None,
        [{"type": "call", "start": "2025-04-04", "n_evidence": 2, "topics": ["tariffs"]}],
    ),
    ("Ngày 14/5/2025, hai diễn viên đã đăng ký kết hôn tại Hà Nội.", None, []),
    ("Vòng 7 V-League khép lại tối 19/10 với chiến thắng 2-1 của đội chủ nhà.", None, []),
    ("Chỉ số VN-Index đã tăng 20% kể từ đầu năm nhờ dòng tiền vào nhóm ngân hàng.", None, []),
    (  # the end of a meeting and those who also attended it refer back to it: one meeting
        "Sáng 9/3/2026, tại Hà Nội, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên tiếp Đại sứ Hoa Kỳ Marc Knapper. "
        "Kết thúc buổi làm việc, hai bên nhất trí giữ liên lạc thường xuyên giữa Bộ Công Thương và Đại sứ quán. "
        "Tham dự buổi tiếp còn có ông Trương Thành Trung, Cục trưởng Cục Xúc tiến thương mại.",
        None,
        [{"type": "meeting", "start": "2026-03-09", "n_evidence": 3, "n_participants": 3}],
    ),
    (  # a later clause that only says a rate may come is no second action
        "Theo văn bản, phía Mỹ áp thuế đối ứng 20% đối với hàng hóa Việt Nam, đồng thời có thể đưa thuế về 0% "
        "cho một số mặt hàng nông sản.",
        None,
        [{"type": "tariff_action", "rate": 0.2, "status": "held"}],
    ),
    (  # the technical teams at work over a run of days are a technical round; a day's work is not
        "Sau phiên họp của hai bộ trưởng về thuế đối ứng, từ ngày 12 đến 14/11/2025, các nhóm đàm phán kỹ thuật "
        "hai nước làm việc tại Washington. Ngày 20/11/2025, các nhóm kỹ thuật rà soát lại văn bản thương mại.",
        None,
        [{"type": "negotiation_round", "level": "technical", "start": "2025-11-12", "end": "2025-11-14",
          "location": "Washington"}],
    ),
    (  # a "phiên làm việc" at minister level is a ministerial session; the week it opens is not its end
        "Phiên làm việc cấp bộ trưởng về Hiệp định Thương mại đối ứng diễn ra ngày 11/11 tại Washington, mở đầu "
        "chuỗi hoạt động của đoàn trong tuần này.",
        "2025-11-15",
        [{"type": "ministerial_session", "level": "ministerial", "start": "2025-11-11", "end": None}],
    ),
    (  # a rate put on a country's goods by a verb is a tariff action of its own
        "Trong khu vực, Trung Quốc chịu thêm 34% thuế, còn Campuchia bị áp 49%.",
        "2025-04-03",
        [{"type": "tariff_action", "rate": 0.34}, {"type": "tariff_action", "rate": 0.49}],
    ),
    (  # "hôm 2/4" is a day gone by, whatever "sẽ" says in the clause before
        "Theo đó, hàng hóa Việt Nam vào Mỹ sẽ chịu thuế 20%, thấp hơn nhiều so với mức 46% mà Washington công "
        "bố hôm 2/4.",
        "2025-07-03",
        [{"type": "tariff_action", "rate": 0.2, "status": "planned", "start": None},
         {"type": "tariff_action", "rate": 0.46, "status": "held", "start": "2025-04-02"}],
    ),
    (  # a date before "trước khi …" is not the date of the round named after it; the teams meeting online
        # next week is a meeting of its own, and the round "bước vào" after it is to come
        "Hai bên thống nhất trong tuần tới các nhóm kỹ thuật sẽ họp trực tuyến để hoàn thiện lời văn trước khi "
        "bước vào vòng đàm phán thương mại thứ 6.",
        "2026-01-05",
        [
            {"type": "meeting", "mode": "online", "status": "planned", "start": "2026-01"},
            {"type": "negotiation_round", "ordinal": 6, "start": None, "status": "planned"},
        ],
    ),
    (  # "chuẩn bị cho" right before the next cue is that event's: the exchange itself took place
        "Ngày 30/12, Thứ trưởng Nguyễn Sinh Nhật Tân đã trao đổi trực tuyến với Phó Đại diện Thương mại Hoa Kỳ "
        "Bryan R. Switzer để rà soát công việc chuẩn bị cho vòng đàm phán thứ 6. Tại cuộc trao đổi, hai bên bàn "
        "về quy tắc xuất xứ và thương mại số.",
        "2026-01-05",
        [
            {"type": "call", "status": "held", "start": "2025-12-30", "topics": ["digital_trade", "rules_of_origin"]},
            {"type": "negotiation_round", "ordinal": 6, "status": "planned"},
        ],
    ),
    (  # a count of events ("hàng chục cuộc họp"), not one of them
        "Kể từ tháng 4, hai bên đã trải qua năm vòng đàm phán trực tiếp cùng hàng chục cuộc họp trực tuyến "
        "giữa các nhóm kỹ thuật.",
        "2026-01-05",
        [],
    ),
    (  # "Đó là …" says what the meeting told just before was; a place before a country in brackets
        "Hôm 16/5, Bộ trưởng Nguyễn Hồng Diên và Đại diện Thương mại Jamieson Greer đã gặp nhau tại Jeju (Hàn Quốc). "
        "Đó là phiên đàm phán trực tiếp cấp Bộ trưởng đầu tiên giữa hai nước về hiệp định thương mại.",
        "2025-05-23",
        [
            {
                "type": "ministerial_session",
                "ordinal": 1,
                "start": "2025-05-16",
                "location": "Jeju",
                "mode": "in_person",
                "n_evidence": 2,
            },
        ],
    ),
    (  # where they went next is not where they met
        "Trước khi sang Washington, ngày 16/5 Bộ trưởng Nguyễn Hồng Diên đã làm việc với Đại sứ Jamieson Greer "
        "tại Busan (Hàn Quốc) về thuế đối ứng.",
        "2025-05-23",
        [{"type": "meeting", "start": "2025-05-16", "location": "Busan"}],
    ),
    (  # "vòng thứ ba" alone is a round once the article has told of a round
        "Vòng đàm phán thứ hai về thương mại đối ứng đã kết thúc tại Washington ngày 22/5. Hai bên sẽ họp trực "
        "tuyến nhiều lần để chuẩn bị cho vòng thứ ba, dự kiến diễn ra trong tháng 6.",
        "2025-05-23",
        [
            {"type": "negotiation_round", "ordinal": 2, "status": "held"},
            {"type": "negotiation_round", "ordinal": 3, "status": "planned", "start": "2025-06"},
        ],
    ),
    (  # ... and not in a story about anything else
        "Đội tuyển Việt Nam giành quyền vào vòng thứ ba của vòng loại châu Á.",
        "2025-05-23",
        [],
    ),
    (  # the day of the report is not the day of the round; "diễn ra …, từ …, tại X" gives its place
        "Bộ Công Thương ngày 15/6 cho biết vòng đàm phán thứ ba về thương mại đối ứng đã diễn ra trong bốn ngày, "
        "từ 9–12/6, tại Washington.",
        "2025-06-15",
        [
            {
                "type": "negotiation_round",
                "ordinal": 3,
                "start": "2025-06-09",
                "end": "2025-06-12",
                "location": "Washington",
                "status": "held",
            }
        ],
    ),
    (  # a date before the first event is not the date of rounds named as references after it
        "Ngày 4/6, tại Paris (Pháp), Bộ trưởng Nguyễn Hồng Diên và Đại sứ Jamieson Greer đã có phiên đàm phán cấp "
        "Bộ trưởng nhằm rà soát tiến độ kể từ vòng thứ hai (19-22/5) và chuẩn bị cho vòng đàm phán thương mại thứ ba.",
        "2025-06-15",
        [
            {"type": "ministerial_session", "start": "2025-06-04", "location": "Paris"},
            {"type": "negotiation_round", "ordinal": 2, "start": "2025-05-19"},
            {"type": "negotiation_round", "ordinal": 3, "start": None, "status": "planned"},
        ],
    ),
    (  # a rate on another country's goods in its own clause is not part of Viet Nam's talks
        "Nhà Trắng công bố thuế đối ứng, theo đó hàng hóa Việt Nam chịu mức 46% trong khuôn khổ đàm phán thương mại "
        "Việt Nam - Hoa Kỳ, Indonesia bị áp 32%, Thái Lan 36%.",
        "2025-04-03",
        [
            {"type": "tariff_action", "rate": 0.46, "negotiation": VN_US_RECIPROCAL},
            {"type": "tariff_action", "rate": 0.32, "negotiation": "tariffs-on-indonesia"},
            {"type": "tariff_action", "rate": 0.36, "negotiation": "tariffs-on-thai-lan"},
        ],
    ),
    (  # "diễn ra tại" names the place of the event even past the agreement's long name
        "Vòng đàm phán thứ 7 Hiệp định Thương mại đối ứng, công bằng và cân bằng giữa Việt Nam và Hoa Kỳ dự kiến "
        "diễn ra tại thủ đô Washington vào cuối tháng 3.",
        "2026-03-02",
        [{"type": "negotiation_round", "ordinal": 7, "status": "planned", "location": "Washington"}],
    ),
    (  # title tells the lead: the title names the visitor by office, the body by name; one meeting
        "Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Nông nghiệp Hoa Kỳ, bàn về xuất khẩu nông sản\n"
        "Chiều 12/3/2026, tại Hà Nội, Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Nông nghiệp Hoa Kỳ Brooke "
        "Rollins. Hai bên trao đổi về thương mại nông sản.",
        None,
        [{"type": "meeting", "start": "2026-03-12", "n_evidence": 3}],
    ),
    (  # aspiration cue "tin tưởng sẽ": an agreement someone believes will be reached is not reached yet
        "Ngày 3/6/2025, ông Donald Trump nói rằng ông tin tưởng sẽ sớm đạt được thỏa thuận thương mại "
        "với Ấn Độ.",
        "2025-06-20",
        [],
    ),
    (  # agreement cue "đạt được một khuôn khổ": a framework reached is an agreement, with or without "một"
        "Ngày 12/5/2025, quan chức hai nước Mỹ và Trung Quốc đã đạt được một khuôn khổ để tiếp tục đàm phán "
        "thương mại.",
        "2025-06-20",
        [{"type": "agreement", "status": "held", "start": "2025-05-12"}],
    ),
    (  # agreement cue "đạt được sự đồng thuận": the noun marker "sự" changes nothing
        "Ngày 8/4/2025, Hàn Quốc và Mỹ đã đạt được sự đồng thuận về thuế quan đối với ô tô.",
        "2025-06-20",
        [{"type": "agreement", "status": "held", "start": "2025-04-08"}],
    ),
    (  # rule paves_way: the meeting the contacts pave the way for has not taken place yet
        "Các cuộc tiếp xúc ở cấp kỹ thuật trong tháng 3 đã mở đường cho cuộc gặp giữa Tổng thống Mỹ Donald Trump "
        "và Thủ tướng Ấn Độ Narendra Modi.",
        "2025-05-20",
        [{"type": "meeting", "status": "planned", "n_participants": 2}],
    ),
    (  # topic cue "transshipping": the English term kept in a Vietnamese report names transshipment
        "Ngày 9/7/2025, Mỹ thông báo sẽ áp thuế 40% đối với hàng transshipping đi qua nước thứ ba.",
        None,
        [{"type": "tariff_action", "rate": 0.4, "topics": ["transshipment"]}],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events_news_forms(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)
