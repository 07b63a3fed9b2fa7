"""Which negotiation an event belongs to: the rules of ``extract/events/negotiation.py`` on sentences written
for these tests in our own words, through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import check_events

from tradetalks.extract.cues import lower_view
from tradetalks.extract.events.negotiation import (
    NegotiationCuesError,
    excluded_country,
    inclusion_note,
    parse_negotiation_cues,
    state_party,
)
from tradetalks.model import VN_US_RECIPROCAL

#: rule name -> (text, expected events in order)
CASES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "US party": (  # a Vietnamese and an American person, words of trade: Viet Nam's talks with the US
        "Tổng thống Mỹ Donald Trump đã đón Thủ tướng Phạm Minh Chính. Ngày 5/3/2026, Tổng thống Trump và Thủ tướng "
        "Phạm Minh Chính đã ký thỏa thuận mua nông sản nhằm cân bằng cán cân thương mại song phương.",
        [{"type": "agreement", "negotiation": VN_US_RECIPROCAL}],
    ),
    "US party, trade in the sentence before": (
        "Mỹ vừa công bố mức thuế mới với hàng xuất khẩu của Việt Nam. Ngày 6/4/2025, Phó Thủ tướng Hồ Đức Phớc "
        "đã gặp Bộ trưởng Tài chính Mỹ Scott Bessent tại Washington.",
        [{"type": "meeting", "negotiation": VN_US_RECIPROCAL}],
    ),
    "US party, the other side in the sentence before": (  # an envoy of unknown side, the US named just before
        "Đại diện Đại sứ quán Mỹ, ông Paul Gregory, nói Mỹ sẽ xem xét lại mức thuế với hàng hóa của Việt Nam. "
        "Chiều 6/4/2025, ông Gregory đã có buổi gặp Phó Thủ tướng Bùi Thanh Sơn tại Hà Nội.",
        [{"type": "meeting", "negotiation": VN_US_RECIPROCAL}],
    ),
    "US party, no trade in the sentence before": (
        "Đại diện Đại sứ quán Mỹ, ông Paul Gregory, đã dự lễ kỷ niệm tại Đà Nẵng. Chiều 6/4/2025, ông Gregory đã "
        "có buổi gặp Phó Thủ tướng Bùi Thanh Sơn tại Hà Nội.",
        [{"type": "meeting", "negotiation": None}],
    ),
    "US party, other matters": (  # leaders meeting about defence: not the trade talks
        "Ngày 12/5/2026, Chủ tịch nước Lương Cường đã gặp Tổng thống Mỹ Donald Trump tại Hà Nội. Hai bên bàn về "
        "hợp tác quốc phòng và khắc phục hậu quả chiến tranh.",
        [{"type": "meeting", "negotiation": None}],
    ),
    "state deal": (  # memoranda signed with one US state: cooperation with it, not the national talks
        "Ngày 3/6/2025, các doanh nghiệp Việt Nam đã ký ba bản ghi nhớ về nhập khẩu đậu tương từ bang Nebraska "
        "của Mỹ, "
        "trị giá 500 triệu USD.",
        [{"type": "agreement", "negotiation": None}],
    ),
    "shared agreement name": (  # "BTA" is any pair's bilateral agreement: with India and the US, theirs
        "Ngày 14/9/2025, vòng đàm phán thứ năm về Hiệp định Thương mại song phương (BTA) giữa Ấn Độ và Mỹ bắt đầu "
        "tại New Delhi.",
        [{"type": "negotiation_round", "negotiation": "talks:an-do+hoa-ky"}],
    ),
    "shared agreement name beside Viet Nam": (
        "Ngày 13/7/2000, Việt Nam đã ký kết BTA với Mỹ tại Washington.",
        [{"type": "agreement", "negotiation": "us-vn-bta"}],  # not the reciprocal talks: no "vn-us" in its key
    ),
    "agreement name, partner first": (
        "Hiệp định Thương mại song phương Hoa Kỳ - Việt Nam được ký kết ngày 13/7/2000 tại Washington.",
        [{"type": "agreement", "start": "2000-07-13", "negotiation": "us-vn-bta"}],
    ),
    "delegation": (  # a delegation named after its country stands for it
        "Phái đoàn Nhật Bản và Mỹ đã bước vào vòng đàm phán thứ ba về thuế quan tại Washington.",
        [{"type": "negotiation_round", "ordinal": 3, "negotiation": "talks:hoa-ky+nhat-ban"}],
    ),
    "excluded country": (  # the country left out is no party: the rate on Viet Nam's goods is of its talks
        "Ngày 10/4/2025, Mỹ hoãn áp thuế đối ứng với mọi đối tác (trừ Trung Quốc), hàng hóa của Việt Nam chỉ còn "
        "chịu mức thuế 10%.",
        [{"type": "tariff_action", "negotiation": VN_US_RECIPROCAL}],
    ),
    "named tariff deal": (  # "thỏa thuận thuế quan Việt Nam – Hoa Kỳ" names the reciprocal talks' deal
        "Giới doanh nghiệp kỳ vọng nhiều vào thỏa thuận thuế quan Việt Nam – Hoa Kỳ. Nhờ vậy, từ tháng 8/2025 các "
        "lô hàng dệt may bị áp thuế 20% thay vì 46% khi xuất khẩu.",
        [
            {"type": "tariff_action", "negotiation": VN_US_RECIPROCAL},
            {"type": "tariff_action", "negotiation": VN_US_RECIPROCAL},
        ],
    ),
    "title of a bystander": (  # "Thương mại" is the office of the second host, not what the first meeting was on
        "Chủ tịch nước Lương Cường hội kiến Tổng thống Hoa Kỳ Donald Trump. Tại New York, Chủ tịch nước Lương Cường "
        "đã có cuộc gặp với Tổng thống Donald Trump, tiếp Bộ trưởng Thương mại Hoa Kỳ Howard Lutnick, rồi gặp gỡ "
        "cộng đồng kiều bào.",
        [{"type": "meeting", "negotiation": None}, {"type": "meeting", "negotiation": VN_US_RECIPROCAL}],
    ),
}


@pytest.mark.parametrize("rule", list(CASES))
def test_negotiation_rules(rule: str) -> None:
    text, expected = CASES[rule]
    check_events(text, None, expected)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("ký bản ghi nhớ với bang Texas", True),
        ("hợp tác với Liên bang Nga", False),
        ("bang giao hai nước", False),
        ("hai bên gặp nhau tại bang Florida", False),
        ("ở thành phố Austin, bang Texas", False),
    ],
)
def test_state_deal_needs_a_state_name(text: str, state: bool) -> None:
    assert state_party(lower_view(text), text, 0, len(text)) is state


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("mọi đối tác, trừ Trung Quốc", True),
        ("mọi đối tác (ngoại trừ Trung Quốc)", True),
        ("không loại trừ Trung Quốc", False),
        ("khấu trừ Trung Quốc", False),
        ("hàng hóa của Trung Quốc", False),
    ],
)
def test_excluded_country_needs_an_exclusion_word(text: str, excluded: bool) -> None:
    start = text.index("Trung Quốc")
    assert excluded_country(lower_view(text), text, start) is excluded


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("thuế với hàng hóa Mỹ (bao gồm cả hàng từ Canada)", True),
        ("khối G7 ( gồm Nhật Bản, Canada và năm nước khác)", True),
        ("thuế với hàng hóa Mỹ (Canada phản đối)", False),
        ("thuế với hàng hóa Mỹ (bao gồm thép) và Canada", False),
        ("bao gồm Canada", False),
    ],
)
def test_inclusion_note_needs_an_opening_bracket_and_an_inclusion_word(text: str, note: bool) -> None:
    start = text.index("Canada")
    assert inclusion_note(lower_view(text), text, start) is note


def test_country_in_an_inclusion_note_is_no_party() -> None:
    """Rule *inclusion note*: the goods' note names a third economy; the talks stay those of the two parties."""
    text = (
        "Ngày 3/9/2025, Mỹ và Nhật Bản đã ký thỏa thuận thương mại, theo đó Mỹ giữ mức thuế 15% với hàng hóa "
        "Nhật Bản (bao gồm cả hàng hóa Đài Loan) trong ba năm."
    )
    check_events(text, None, [{"type": "agreement", "negotiation": "talks:hoa-ky+nhat-ban"}, {"type": "tariff_action"}])


@pytest.mark.parametrize(
    "rows",
    [
        [["state", "bang"], ["not_state", "liên bang"], ["stat", "tiểu bang"]],  # a typo
        [["state", "bang"]],  # a group with no cue
        [["state", ""], ["not_state", "liên bang"]],  # an empty cue
    ],
)
def test_negotiation_cues_reject_bad_rows(rows: list[list[str]]) -> None:
    with pytest.raises(NegotiationCuesError, match="negotiation_cues.tsv"):
        parse_negotiation_cues(rows)
