"""A whole article written for this test (own words): rounds, a meeting told over two sentences,
a roundtable the same day, a planned online round, a headline, a caption and a past reference."""

from __future__ import annotations

from tradetalks.model import VN_US_RECIPROCAL, Article, Doc
from tradetalks.pipeline import default_pipeline

ARTICLE = """Từ ngày 10 đến 13/3, vòng đàm phán thứ 7 về Hiệp định Thương mại đối ứng giữa Việt Nam và Hoa Kỳ \
đã diễn ra tại Hà Nội.

Trước khi vòng đàm phán khai mạc, sáng 10/3, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên đã có buổi làm việc \
với Phó Đại diện Thương mại Hoa Kỳ Rick Switzer tại trụ sở Bộ Công Thương.

Tại buổi làm việc, hai bên thống nhất tập trung vào quy tắc xuất xứ và thương mại số.

Chiều cùng ngày, Thứ trưởng Nguyễn Sinh Nhật Tân chủ trì buổi tọa đàm với các doanh nghiệp Hoa Kỳ về chuỗi cung ứng.

VÒNG ĐÀM PHÁN THỨ 8 SẼ DIỄN RA TRỰC TUYẾN

Hai bên nhất trí tổ chức vòng đàm phán thứ 8 về thương mại đối ứng theo hình thức trực tuyến vào tháng 4.

Kết quả các vòng đàm phán trước đã giúp hai bên thu hẹp khác biệt.

Bộ trưởng Nguyễn Hồng Diên và Phó Đại diện Thương mại Rick Switzer tại buổi làm việc (Ảnh: BCT).
"""


def _doc() -> Doc:
    return default_pipeline()(Article(source="bai-viet.txt", text=ARTICLE, published="2026-03-14", id="bv"))


def _names(doc: Doc, i: int) -> set[str]:
    return {p.name or "" for p in doc.events[i].participants}


def test_events_of_a_whole_article() -> None:
    doc = _doc()
    assert [e.type for e in doc.events] == ["negotiation_round", "meeting", "roundtable", "negotiation_round"]
    round7, meeting, roundtable, round8 = doc.events
    assert (round7.ordinal, round7.start, round7.end, round7.status) == (7, "2026-03-10", "2026-03-13", "held")
    assert round7.location == "Hà Nội" and round7.negotiation == VN_US_RECIPROCAL
    assert (meeting.start, meeting.time_of_day, meeting.status) == ("2026-03-10", "morning", "held")
    assert _names(doc, 1) == {"Nguyễn Hồng Diên", "Rick Switzer"}
    assert meeting.location is not None and meeting.location.startswith("trụ sở Bộ Công Thương")
    assert {"rules_of_origin", "digital_trade"} <= set(meeting.topics) and len(meeting.evidence) == 2
    assert roundtable.start == "2026-03-10" and "supply_chain" in roundtable.topics
    assert _names(doc, 2) == {"Nguyễn Sinh Nhật Tân"}
    assert (round8.ordinal, round8.mode, round8.status, round8.start) == (8, "online", "planned", "2026-04")


def test_headline_caption_and_past_reference_are_not_evidence() -> None:
    doc = _doc()
    quotes = [e.quote for ev in doc.events for e in ev.evidence]
    assert not any("VÒNG ĐÀM PHÁN THỨ 8" in q or "(Ảnh" in q or "Kết quả các vòng" in q for q in quotes)
