"""Properties of the events and topics stages on generated text: no crash, evidence quotes the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks.model import Article
from tradetalks.pipeline import default_pipeline

_PIPE = default_pipeline()

#: Fragments written for this test; any order of them must be handled.
FRAGMENTS = [
    "Sáng 12/3,", "vòng đàm phán thứ 4", "phiên đàm phán cấp Bộ trưởng", "Tại buổi làm việc,",
    "Bộ trưởng Nguyễn Văn An", "đã có buổi làm việc với", "ông John Smith", "tại Hà Nội", "thuế đối ứng 25%",
    "hàng hóa nhập khẩu", "(Ảnh: TTXVN)", "VÒNG ĐÀM PHÁN MỚI", "cùng ngày", "điện đàm", "tọa đàm",
    "tuyên bố chung", "các vòng đàm phán vừa qua", "dự kiến", "trực tuyến", "Hiệp định Thương mại đối ứng",
    "EVFTA", "từ 46% xuống 20%", ".", ", ", "\n\n", "và", "lần thứ hai", "Cuộc làm việc trên",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.sampled_from([None, "2025-11-20", "2026-01-05"]))
def test_events_on_any_mix_of_fragments(parts: list[str], published: str | None) -> None:
    text = " ".join(parts) + " Hết."  # generated texts end with a sentence, as articles do
    doc = _PIPE(Article(source="gen.txt", text=text, published=published, id="g"))
    for ev in doc.events:
        assert ev.evidence and ev.status in ("held", "planned")
        for e in ev.evidence:
            assert 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.quote
        for t in ev.timex:
            assert 0 <= t < len(doc.timexes)
        for p in ev.participants:
            assert 0 <= int(p.entity[1:]) < len(doc.mentions)
        assert ev.rate is None or 0 <= ev.rate <= 10
        assert set(ev.topics) <= set(doc.topics)
    assert doc.topics == sorted(set(doc.topics))
