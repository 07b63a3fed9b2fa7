"""Events told in passing or in forms beside the usual cue phrases, each rule by name (sentences written for these
tests): a tariff acted on for a named country, a preferential rate, an encounter named in passing with whom it was
held, a call with its own part of day, talks placed in one sentence and traded in the next, the heads of the
delegations, an event hours from the one its sentence tells, a call on a senior figure."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.extract.events.known_rates import STANDING, standing_rate, standing_rates

#: (rule, text, publication date, expected events: Event fields in order)
CASES: list[tuple[str, str, str | None, list[dict[str, Any]]]] = [
    (
        "standing_rate",  # the reciprocal tariff acted on without its rate, in a report of a day its rate stood
        "Khi chính sách áp thuế đối ứng của Mỹ chính thức có hiệu lực, nhiều nhà máy dệt ở Bình Dương đã giảm ca.",
        "2025-05-20",
        [{"type": "tariff_action", "rate": 0.46, "start": "2025-04-02"}],
    ),
    (
        "standing_rate",  # after the rate of that time was replaced: no rate to give, no event
        "Khi chính sách áp thuế đối ứng của Mỹ chính thức có hiệu lực, nhiều nhà máy dệt ở Bình Dương đã giảm ca.",
        "2025-09-20",
        [],
    ),
    (
        "standing_rate",  # a report of unknown day: none either
        "Khi chính sách áp thuế đối ứng của Mỹ chính thức có hiệu lực, nhiều nhà máy dệt ở Bình Dương đã giảm ca.",
        None,
        [],
    ),
    (
        "standing_rate",  # a pause of it is not the rate applied (it stays a suspension, as before)
        "Ngày 9/4/2025, Mỹ bất ngờ tạm dừng áp thuế đối ứng với các xưởng may ở Bình Dương.",
        "2025-05-20",
        [{"type": "tariff_action", "rate": None, "start": "2025-04-09"}],
    ),
    (
        "standing_rate",  # a rate only announced is not the rate applied
        "Từ khi Mỹ công bố mức thuế đối ứng mới, nhiều nhà máy dệt ở Bình Dương đã giảm ca.",
        "2025-05-20",
        [],
    ),
    (
        "standing_rate",  # a third country named: its own rate, not Viet Nam's
        "Khi Mỹ áp thuế đối ứng với Campuchia, nhiều nhà máy dệt ở Phnom Penh đã giảm ca.",
        "2025-05-20",
        [],
    ),
    (
        "acted_on_country",  # a tariff verb before the tariff word, a country named: an action on its goods
        "Mỹ đã đồng ý giảm thuế đối ứng với Thái Lan xuống 19%.",
        "2025-08-02",
        [{"type": "tariff_action", "rate": 0.19}],
    ),
    (
        "moved_to_rate",  # "tăng thuế lên N%": the tariff moved to its new rate
        "Ngày 13/5/2025, Canada tuyên bố tăng thuế lên 25% đối với thép nhập khẩu từ Mỹ.",
        None,
        [{"type": "tariff_action", "rate": 0.25, "start": "2025-05-13"}],
    ),
    (
        "acted_on_country",  # a tariff word with no verb acting on it and no word of imports: no action
        "Theo Thái Lan, thuế đối ứng 19% là mức chấp nhận được.",
        None,
        [],
    ),
    (
        "preferential_rate",  # a preferential rate is what a schedule gives, no measure taken
        "Lô ô tô từ Indonesia được áp thuế nhập khẩu với mức ưu đãi 0% theo cam kết ATIGA.",
        None,
        [],
    ),
    (
        "entitled",  # the rate goods are entitled to under a schedule is no measure
        "Giày dép xuất sang Canada sẽ được hưởng thuế suất nhập khẩu 0% theo Hiệp định CPTPP.",
        None,
        [],
    ),
    (
        "signed_passive",  # the document named before "được ký": signed, with its day and place
        "Hiệp định thương mại tự do Việt Nam – Israel được ký tại Hà Nội ngày 25/7/2023.",
        None,
        [{"type": "agreement", "start": "2023-07-25", "location": "Hà Nội", "status": "held"}],
    ),
    (
        "signed_passive",  # to be signed: planned; a decree "được ký" is no agreement
        "Nghị định được ký ngày 3/5/2025. Nghị định thư sửa đổi sẽ được ký vào tháng 9/2025.",
        None,
        [{"type": "agreement", "start": "2025-09", "status": "planned"}],
    ),
    (
        "held_with",  # a call named in passing, with whom it was held: one call, dated by its sentence (hours_apart)
        "Tối 5/3/2025, chỉ vài giờ sau cuộc điện đàm với Thủ tướng Nhật Bản, Tổng thống Mỹ thông báo hai bên đã "
        "đạt được thỏa thuận thương mại.",
        None,
        [{"type": "call", "start": "2025-03-05"}, {"type": "agreement", "start": "2025-03-05"}],
    ),
    (
        "held_with",  # "với sự tham dự của …" names no side: still nothing of its own
        "Theo ban tổ chức, cuộc họp với sự tham dự của nhiều doanh nghiệp kéo dài ba giờ.",
        None,
        [],
    ),
    (
        "dated_call",  # a call told with its own part of day after the cue: one call, that evening
        "Phía Úc nói hai nước đã thống nhất nhiều điểm về thuế nông sản trong cuộc điện đàm chiều cùng ngày.",
        None,
        [{"type": "call", "time_of_day": "afternoon", "start": None}],
    ),
    (
        "dated_call",  # a meeting so told may be a sitting of something else: nothing
        "Tại phiên làm việc chiều cùng ngày, hội nghị đã biểu quyết thông qua nghị quyết.",
        None,
        [],
    ),
    (
        "placed_talks_nearby",  # the talks at hand, with their place; the words of trade in the next sentence
        "Cuộc đàm phán lần này diễn ra tại Jakarta (Indonesia). Trợ lý Đại diện Thương mại Mỹ Sarah Bianchi dẫn đầu "
        "đoàn đàm phán Mỹ, còn trưởng đoàn đàm phán Indonesia là Thứ trưởng Thương mại Jerry Sambuaga.",
        "2025-06-20",
        [{"type": "negotiation_round", "location": "Jakarta", "n_participants": 2, "n_evidence": 2}],
    ),
    (
        "placed_talks_nearby",  # without words of trade nearby the talks stay none
        "Cuộc đàm phán lần này diễn ra tại Jakarta (Indonesia). Hai câu lạc bộ vẫn chưa thống nhất mức phí chuyển "
        "nhượng tiền đạo.",
        None,
        [],
    ),
    (
        "held_with",  # a bare verb in a list, with nobody doing it, is no encounter named in passing
        "Trong chuyến thăm có nhiều hoạt động: dự lễ khai trương, điện đàm với các nghị sĩ Pháp.",
        None,
        [],
    ),
    (
        "hội kiến",  # a call on a senior figure is a meeting
        "Chiều 9/4/2025, Phó Thủ tướng Hồ Đức Phớc hội kiến Bộ trưởng Tài chính Hoa Kỳ Scott Bessent tại Washington.",
        None,
        [{"type": "meeting", "start": "2025-04-09", "location": "Washington", "n_participants": 2}],
    ),
    (
        "hội kiến",  # "Quốc hội kiến nghị", "Hội Kiến trúc sư": no meeting
        "Sáng 3/6/2025, Ủy ban Thường vụ Quốc hội kiến nghị Chính phủ sửa luật, còn Hội Kiến trúc sư Việt Nam "
        "mời Bộ trưởng Xây dựng dự lễ trao giải.",
        None,
        [],
    ),
    (
        "agreed_to_negotiate",  # two sides agreeing to open trade talks: an agreement reached
        "Ngày 12/3/2025, Úc và Ấn Độ nhất trí khởi động đàm phán hiệp định thương mại tự do song phương trong năm nay.",
        "2025-03-13",
        [{"type": "agreement", "start": "2025-03-12"}],
    ),
    (
        "outcome_of_encounter",  # what two sides agreed in a call: an agreement, and evidence of the call
        "Sáng 2/3/2025, Bộ trưởng Nguyễn Hồng Diên điện đàm với Bộ trưởng Thương mại Úc Don Farrell. Hai bên nhất "
        "trí khởi động đàm phán về thuế quan và hàng nông sản.",
        "2025-03-03",
        [
            {"type": "call", "start": "2025-03-02", "n_evidence": 2, "topics": ["agriculture"]},
            {"type": "agreement"},
        ],
    ),
    (
        "agreed_to_negotiate",  # talks of another matter: none
        "Ngày 12/3/2025, hai phe trong cuộc xung đột đã nhất trí khởi động đàm phán về việc trao đổi tù binh.",
        "2025-03-13",
        [],
    ),
    (
        "dialogue_session",  # the first dialogue session of trade talks, with its day and place: their first round
        "Úc và Việt Nam chính thức mở đàm phán thương mại và sẽ tổ chức phiên đối thoại đầu tiên tại Canberra ngày "
        "12/6.",
        "2025-06-01",
        [{"type": "negotiation_round", "ordinal": 1, "start": "2025-06-12", "location": "Canberra"}],
    ),
    (
        "dialogue_session",  # the panels of a forum, neither numbered nor dated: no round
        "Diễn đàn kinh tế có ba phiên họp toàn thể; tại phiên đối thoại, các doanh nghiệp bàn về thương mại điện tử.",
        "2025-06-01",
        [],
    ),
    (
        "dialogue_session",  # a dated policy dialogue about trade that names no negotiation: no round
        "Sáng 20/3/2025, tại phiên Đối thoại chính sách về kinh tế và thương mại của một viện nghiên cứu, chuyên gia "
        "Trần Minh Khôi trình bày báo cáo.",
        "2025-03-21",
        [],
    ),
    (
        "announced_after_colon",  # the day before the colon is the announcement's, the session has its own
        "Bộ trưởng Công Thương thông báo với báo giới chiều 5/6: Úc và Việt Nam chính thức mở đàm phán thương mại và "
        "sẽ tổ chức phiên đối thoại đầu tiên tại Canberra ngày 12/6.",
        "2025-06-05",
        [{"type": "negotiation_round", "ordinal": 1, "start": "2025-06-12"}],
    ),
    (
        "visit",  # a visit with its days: one encounter, the head of the delegation told before taking part
        "Phái đoàn Úc gồm 40 doanh nghiệp, do Bộ trưởng Thương mại Don Farrell dẫn đầu. Chuyến thăm diễn ra trong ba "
        "ngày, từ 3 đến 5/6/2025.",
        "2025-06-03",
        [{"type": "meeting", "start": "2025-06-03", "end": "2025-06-05", "n_participants": 1}],
    ),
    (
        "visit",  # a visit named as the frame of what its sentence tells: none of its own
        "Chiều 3/6/2025, trong khuôn khổ chuyến thăm Úc, Bộ trưởng Nguyễn Hồng Diên đã tới thăm một nhà máy dệt "
        "ở Melbourne.",
        "2025-06-03",
        [],
    ),
    (
        "visit",  # an undated visit of the guest met: more of that meeting, none of its own
        "Ngày 3/6/2025, Bộ trưởng Nguyễn Hồng Diên tiếp ông Don Farrell, Bộ trưởng Thương mại Úc đang có chuyến thăm "
        "Việt Nam.",
        "2025-06-03",
        [{"type": "meeting", "start": "2025-06-03", "n_participants": 2}],
    ),
    (
        "sitting",  # a numbered sitting of a legislature: one meeting, named again by its number
        "Sáng 3/6/2025, Kỳ họp thứ 7 của Hội đồng nhân dân tỉnh Lâm Đồng khai mạc tại Đà Lạt. Chủ tịch Hội đồng "
        "nhân dân tỉnh Trần Văn Hòa trình bày chương trình Kỳ họp thứ 7. Kỳ họp thứ 7 dự kiến kéo dài ba ngày.",
        "2025-06-03",
        [{"type": "meeting", "ordinal": 7, "start": "2025-06-03"}],
    ),
    (
        "sitting",  # an unnumbered, undated sitting named in passing: no meeting
        "Dự án luật thuế sẽ được trình tại kỳ họp tới của Quốc hội.",
        "2025-06-03",
        [],
    ),
    (
        "listed_action",  # a signing listed after a comma shares the head of its list: prepared for, none yet
        "Từ tháng 3/2001, hai bên đã trao đổi thư từ và tài liệu nhằm chuẩn bị cho việc rà soát, ký hiệp định đầu tư.",
        None,
        [],
    ),
    (
        "listed_action",  # a signing listed after a comma of its own clause is one
        "Ngày 3/6/2025, hai bên kết thúc vòng đàm phán cuối, ký hiệp định thương mại song phương.",
        "2025-06-04",
        [{"type": "negotiation_round"}, {"type": "agreement", "start": "2025-06-03"}],
    ),
    (
        "sides_after_between",  # the sides named after "giữa": the person who spoke of the call is none of them
        "Nhà nghiên cứu Lê Văn Toàn nhận định cuộc điện đàm giữa Thủ tướng Úc Anthony Albanese và Tổng thống Mỹ "
        "Donald Trump hôm 5/7/2025 đã mở lối cho thỏa hiệp về thép.",
        "2025-07-05",
        [{"type": "call", "n_participants": 2}],
    ),
    (
        "sides_after_between",  # "giữa hai thủ tướng": a minister who spoke of it is no side, and none is named
        "Bộ trưởng Thương mại Úc Don Farrell nói các bộ sẽ làm theo những gì đã nêu trong cuộc điện đàm giữa hai thủ "
        "tướng về thép.",
        "2025-07-05",
        [],
    ),
    (
        "sides_after_between",  # "giữa hai bộ trưởng": the minister who spoke may be one of them
        "Ngày 5/7/2025, Bộ trưởng Thương mại Úc Don Farrell cho biết cuộc gặp giữa hai bộ trưởng về thuế quan diễn "
        "ra tốt đẹp.",
        "2025-07-05",
        [{"type": "meeting", "n_participants": 1}],
    ),
    (
        "next_round_met",  # the meeting to come of the two sides is the new round they agreed to open
        "Bộ trưởng Thương mại Úc Don Farrell cho biết ông sẽ gặp Phó Thủ tướng Indonesia Airlangga Hartarto tại Bali "
        "vào cuối tháng này để bàn về thuế nhập khẩu. Hai nước cũng đồng ý sớm mở vòng đàm phán mới.",
        "2025-05-03",
        [{"type": "negotiation_round", "status": "planned", "location": "Bali", "n_participants": 2}],
    ),
    (
        "next_round_met",  # rounds already told: the new round is the next of them, the meeting stays a meeting
        "Ngày 2/5/2025, Mỹ và Anh kết thúc vòng đàm phán thương mại thứ hai tại London. Bộ trưởng Thương mại Mỹ Howard "
        "Lutnick sẽ gặp Bộ trưởng Anh Jonathan Reynolds tại Washington vào tuần tới để chuẩn bị cho vòng đàm phán mới.",
        "2025-05-03",
        [
            {"type": "negotiation_round", "ordinal": 2},
            {"type": "meeting", "status": "planned", "n_participants": 2},
            {"type": "negotiation_round", "ordinal": 3, "status": "planned"},
        ],
    ),
    (
        "within_round",  # a bilateral meeting inside a round: the delegation heads told after it take part in both
        "Hai đoàn thảo luận các nội dung của vòng đàm phán thứ 7 Hiệp định thương mại tự do Việt Nam - Israel. Trong "
        "cuộc họp song phương tại Hà Nội ngày 12/3/2025, hai bên rà soát các chương còn lại. Đoàn Việt Nam do "
        "Thứ trưởng Bộ Công Thương Lê Minh Khoa dẫn đầu, trao đổi về dịch vụ và sở hữu trí tuệ.",
        "2025-03-13",
        [
            {"type": "negotiation_round", "ordinal": 7, "n_participants": 1, "topics": ["intellectual_property"]},
            {"type": "meeting", "start": "2025-03-12", "n_participants": 1},
        ],
    ),
    (
        "firms_deal",  # a cooperation signed between two firms: business, no agreement of trade talks
        "Ngày 5/6/2025, tại Huế, Công ty Sao Mai và Tập đoàn Hải Đăng đã ký thỏa thuận cung ứng thép tấm.",
        "2025-06-06",
        [],
    ),
    (
        "firms_deal",  # agreements between the firms of two countries: the countries are the firms', no parties
        "Ngày 5/6/2025, tại Đà Nẵng đã diễn ra lễ ký kết 12 hợp đồng giữa các doanh nghiệp Việt Nam và Lào.",
        "2025-06-06",
        [],
    ),
    (
        "firms_deal",  # a leader witnessing the signing of the firms' contracts: an event of the visit, kept
        "Ngày 5/6/2025, tại Seoul, Chủ tịch nước Lương Cường đã chứng kiến lễ ký các hợp đồng giữa doanh nghiệp hai "
        "nước.",
        "2025-06-06",
        [{"type": "agreement", "start": "2025-06-05"}],
    ),
    (
        "firms_deal",  # a firm and a ministry: an agreement of the government, kept
        "Ngày 5/6/2025, Tập đoàn Sao Mai đã ký kết thỏa thuận với Bộ Công Thương về xúc tiến xuất khẩu sang Hoa Kỳ.",
        "2025-06-06",
        [{"type": "agreement", "start": "2025-06-05"}],
    ),
    (
        "rounds_at_places",  # the rounds counted before the third, one per place listed, numbered in order
        "Ngày 14/9/2025, Ấn Độ và Anh mở vòng đàm phán thương mại thứ ba tại New Delhi. Hai vòng đàm phán trước đó "
        "tại London và Geneva đã giúp hai nước thu hẹp bất đồng về ô tô.",
        "2025-07-30",
        [
            {"type": "negotiation_round", "ordinal": 3, "location": "New Delhi", "start": "2025-09-14"},
            {"type": "negotiation_round", "ordinal": 1, "location": "London", "start": None},
            {"type": "negotiation_round", "ordinal": 2, "location": "Geneva", "start": None},
        ],
    ),
    (
        "rounds_at_places",  # a count that is not the number of places listed: a summary, no round of its own
        "Ngày 14/9/2025, Ấn Độ và Anh mở vòng đàm phán thương mại thứ tư tại New Delhi. Ba vòng đàm phán trước đó "
        "tại London và Geneva đã giúp hai nước thu hẹp bất đồng về ô tô.",
        "2025-09-15",
        [{"type": "negotiation_round", "ordinal": 4}],
    ),
    (
        "aspiration",  # what something helps to reach is a goal, no agreement signed
        "Giới phân tích cho rằng mức thuế mới sẽ giúp hai nước đạt được thỏa thuận về thép.",
        "2025-07-10",
        [],
    ),
]


@pytest.mark.parametrize(("rule", "text", "published", "expected"), CASES, ids=[c[0] for c in CASES])
def test_recall_forms(rule: str, text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    check_events(text, published, expected)


def test_delegations_named() -> None:
    """Rule ``delegations_named``: the sentence naming both heads of the delegations right after a round goes on
    about it (its people take part); one head arriving somewhere is not yet the round's sides."""
    both = (
        "Ngày 2/6/2025, vòng đàm phán thứ hai về thương mại giữa Mỹ và Indonesia diễn ra tại Jakarta. Trợ lý Đại "
        "diện Thương mại Mỹ Sarah Bianchi dẫn đầu đoàn Mỹ, còn Thứ trưởng Jerry Sambuaga làm trưởng đoàn Indonesia."
    )
    doc = check_events(both, None, [{"type": "negotiation_round", "ordinal": 2, "n_evidence": 2}])
    assert len(doc.events[0].participants) == 2
    one = both.replace(", còn Thứ trưởng Jerry Sambuaga làm trưởng đoàn Indonesia", " đã tới Jakarta từ sớm")
    check_events(one, None, [{"type": "negotiation_round", "ordinal": 2, "n_evidence": 1}])


def test_held_never_on_a_day_to_come() -> None:
    """Rule ``_share_dates`` (merge): a call that took place "tối cùng ngày" after a meeting still to come ("vào
    tuần tới") does not take that day; a tariff announced "ngay sau cuộc điện đàm" of a known day does take it."""
    text = (
        "Bộ trưởng Nguyễn Hồng Diên cho biết ông sẽ làm việc với Đại sứ Úc Gillian Bird tại Hà Nội vào tuần tới. "
        "Phía Úc nói hai nước đã thống nhất nhiều điểm về thuế nông sản trong cuộc điện đàm tối cùng ngày."
    )
    check_events(
        text,
        "2025-06-10",
        [
            {"type": "meeting", "status": "planned", "start": "2025-06"},
            {"type": "call", "status": "held", "start": None, "time_of_day": "evening"},
        ],
    )
    told = (
        "Tối 8/5/2025, Thủ tướng Anh và Tổng thống Mỹ điện đàm về thương mại. Ngay sau cuộc điện đàm, Nhà Trắng "
        "cho biết Mỹ sẽ áp thuế 10% với hàng hóa nhập khẩu từ Anh."
    )
    check_events(
        told,
        None,
        [{"type": "call", "start": "2025-05-08"}, {"type": "tariff_action", "rate": 0.1, "start": "2025-05-08"}],
    )


def test_standing_rates_table() -> None:
    """``standing_rates.tsv`` loads, and the rate stands only over its days."""
    assert standing_rates()["Việt Nam"]
    assert standing_rate("Việt Nam", "2025-04-02") == pytest.approx(0.46)
    assert standing_rate("Việt Nam", "2025-07-02") is None
    assert standing_rate("Việt Nam", None) is None
    assert STANDING.endswith(".tsv")
