"""Days and places an event told without them takes from elsewhere in its article: a photo caption, the agreement
that set a rate (sentences written for these tests, public facts in own words)."""

from __future__ import annotations

import pytest

from tradetalks.model import Article, Event
from tradetalks.pipeline import default_pipeline

_ROUND = "Mỹ và Trung Quốc khép lại vòng đàm phán thương mại thứ năm sau hai ngày làm việc căng thẳng.\n"
_AFTER = "\nGiới đầu tư chờ kết quả cụ thể."

#: (rule, text, publication date, event type, expected start, expected location or None for "not checked")
CASES: list[tuple[str, str, str | None, str, str | None, str | None]] = [
    (
        "caption_dates_event",  # the caption names the event's cue with a day and a place
        _ROUND
        + "Bộ trưởng hai nước bắt tay trước vòng đàm phán tại Kuala Lumpur, ngày 25/10/2025. Ảnh: TTXVN"
        + _AFTER,
        "2025-10-27",
        "negotiation_round",
        "2025-10-25",
        "Kuala Lumpur",
    ),
    (
        "caption_dates_event",  # a caption day after the article was written is no day of what it tells
        _ROUND
        + "Bộ trưởng hai nước bắt tay trước vòng đàm phán tại Kuala Lumpur, ngày 25/10/2025. Ảnh: TTXVN"
        + _AFTER,
        "2025-10-20",
        "negotiation_round",
        None,
        None,
    ),
    (
        "caption_dates_event",  # the caption names the event's place only
        "Mỹ và Trung Quốc khép lại vòng đàm phán thương mại tại Geneva sau hai ngày làm việc căng thẳng.\n"
        "Đoàn Trung Quốc rời nơi đàm phán tại Geneva ngày 10/5/2025. Ảnh: Reuters" + _AFTER,
        "2025-05-12",
        "negotiation_round",
        "2025-05-10",
        "Geneva",
    ),
    (
        "caption_dates_event",  # an archive photo dates nothing
        "Mỹ và Trung Quốc khép lại vòng đàm phán thương mại tại Geneva sau hai ngày làm việc căng thẳng.\n"
        "Đoàn Trung Quốc rời nơi đàm phán tại Geneva ngày 10/5/2019. Ảnh tư liệu: Reuters" + _AFTER,
        "2025-05-12",
        "negotiation_round",
        None,
        None,
    ),
    (
        "caption_dates_event",  # a caption of the people who met
        "Bộ trưởng Tài chính Mỹ Scott Bessent đã gặp Phó Thủ tướng Trung Quốc Hà Lập Phong ở Kuala Lumpur, trao đổi "
        "về thuế quan.\nPhó Thủ tướng Hà Lập Phong và Bộ trưởng Scott Bessent trước cuộc gặp, ngày 25/10/2025. "
        "Ảnh: TTXVN\nHai bên đánh giá cao kết quả.",
        "2025-10-27",
        "meeting",
        "2025-10-25",
        "Kuala Lumpur",
    ),
    (
        "caption_dates_event",  # a caption of other people shows another meeting
        "Bộ trưởng Tài chính Mỹ Scott Bessent đã gặp Phó Thủ tướng Trung Quốc Hà Lập Phong ở Kuala Lumpur, trao đổi "
        "về thuế quan.\nTổng thống Donald Trump và Thủ tướng Anwar Ibrahim trong cuộc gặp ngày 25/10/2025. Ảnh: "
        "TTXVN\nHai bên đánh giá cao kết quả.",
        "2025-10-27",
        "meeting",
        None,
        None,
    ),
    (
        "rate_set_by_agreement",  # "Theo thỏa thuận mới, …" after the agreement told with its day
        "Mỹ và Ấn Độ đạt được thỏa thuận thương mại hôm 2/2/2026. Theo thỏa thuận mới, Mỹ sẽ áp mức thuế 18% với "
        "hàng hóa Ấn Độ.",
        "2026-02-03",
        "tariff_action",
        "2026-02-02",
        None,
    ),
    (
        "rate_set_by_agreement",  # two agreements of different days told before: which one set it is unsaid
        "Mỹ và Ấn Độ đạt được thỏa thuận thương mại hôm 2/2/2026. Mỹ và Nhật Bản đạt được thỏa thuận hôm "
        "22/7/2025. Theo thỏa thuận mới, Mỹ sẽ áp mức thuế 18% với hàng hóa Ấn Độ.",
        "2026-02-03",
        "tariff_action",
        None,
        None,
    ),
    (
        "rate_set_by_agreement",  # the rate told in the agreement's own sentence
        "Tổng thống Mỹ cho biết hai nước đã đạt được thỏa thuận thương mại hôm 2/2/2026, theo đó Mỹ giảm thuế đối "
        "ứng với hàng hóa Ấn Độ từ 25% xuống 18%.",
        "2026-02-03",
        "tariff_action",
        "2026-02-02",
        None,
    ),
]


def _events(text: str, published: str | None) -> list[Event]:
    return default_pipeline()(Article(source="t.txt", text=text, published=published, id="a1")).events


@pytest.mark.parametrize(("rule", "text", "published", "kind", "start", "location"), CASES, ids=[c[0] for c in CASES])
def test_borrowed(
    rule: str, text: str, published: str | None, kind: str, start: str | None, location: str | None
) -> None:
    found = [e for e in _events(text, published) if e.type == kind]
    assert len(found) == 1, (rule, [e.summary for e in found])
    assert found[0].start == start, (rule, found[0].summary)
    if location is not None:
        assert found[0].location == location, (rule, found[0].summary)


def test_speaker_today() -> None:
    """Rule ``speaker_today`` (``extract/events/dates.py``): "hôm nay" inside a speaker's quoted words is the day he
    spoke, not the day of publication: the agreement he names is the one the article dated; outside quotes it is
    the publication day, another agreement."""
    lead = "Ngày 27/7/2025, Mỹ và EU đạt được thỏa thuận thương mại tại Scotland. Phát biểu sau cuộc gặp, ông Trump "
    quoted = lead + "nói: “Hôm nay chúng ta đã đạt được một thỏa thuận rất tốt”."
    told = lead + "cho biết hai bên đạt được một thỏa thuận hôm nay."
    assert [e.start for e in _events(quoted, "2025-07-28") if e.type == "agreement"] == ["2025-07-27"]
    assert [e.start for e in _events(told, "2025-07-28") if e.type == "agreement"] == ["2025-07-27", "2025-07-28"]


def test_rate_compared_keeps_its_own_day() -> None:
    """Rule ``rate_set_by_agreement``: the rate the agreement sets leads its sentence; a rate it is compared with
    ("thấp hơn nhiều so với mức 46% công bố trước đó") keeps its own day (here the known one, 2/4/2025)."""
    text = (
        "Hai nước đạt được thỏa thuận thương mại hôm 2/7/2025, theo đó hàng Việt Nam chịu thuế 20%, thấp hơn nhiều "
        "so với mức 46% công bố trước đó."
    )
    rates = {e.rate: e.start for e in _events(text, "2025-07-05") if e.type == "tariff_action"}
    assert rates == {0.2: "2025-07-02", 0.46: "2025-04-02"}
