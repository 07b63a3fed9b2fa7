"""split_sentences: paragraphs and sentence ends, not decimals, abbreviations or dates."""

from __future__ import annotations

import pytest

from tradetalks.model import Article, Doc
from tradetalks.nlp.sentences import sentence_spans, split_sentences


def sentences_of(text: str) -> list[str]:
    doc = split_sentences(Doc(Article(source="t", text=text)))
    return [text[s.start : s.end] for s in doc.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hai bên đã họp. Vòng sau diễn ra vào tháng 12.", ["Hai bên đã họp.", "Vòng sau diễn ra vào tháng 12."]),
        ("Có tiến triển không? Có! Rất tốt…", ["Có tiến triển không?", "Có!", "Rất tốt…"]),
        ("Kim ngạch tăng 1.5 lần. Hết.", ["Kim ngạch tăng 1.5 lần.", "Hết."]),
        ("Ngày 12.11.2025 hai bên họp.", ["Ngày 12.11.2025 hai bên họp."]),
        ("Đoàn đến TP.HCM hôm qua. Sau đó về Hà Nội.", ["Đoàn đến TP.HCM hôm qua.", "Sau đó về Hà Nội."]),
        ("Họp tại TP. Hồ Chí Minh. Xong.", ["Họp tại TP. Hồ Chí Minh.", "Xong."]),
        ("Mr. Greer phát biểu. Ông Tân đáp lời.", ["Mr. Greer phát biểu.", "Ông Tân đáp lời."]),
        ("Tại Washington, D.C (Mỹ), hai đoàn họp.", ["Tại Washington, D.C (Mỹ), hai đoàn họp."]),
        ("Ông Bryan R. Switzer có mặt. TS. Lê Văn B nói.", ["Ông Bryan R. Switzer có mặt.", "TS. Lê Văn B nói."]),
        ("Đã bàn trước.Thông tin công bố sau.", ["Đã bàn trước.", "Thông tin công bố sau."]),
        ("Ông nói: “Rất tích cực.” Sau đó ông rời đi.", ["Ông nói: “Rất tích cực.”", "Sau đó ông rời đi."]),
        ("dịch vụ, thương mại số... và thu hẹp khoảng cách.", ["dịch vụ, thương mại số... và thu hẹp khoảng cách."]),
        ("Tiêu đề không có dấu chấm\n\nĐoạn một. Đoạn hai.", ["Tiêu đề không có dấu chấm", "Đoạn một.", "Đoạn hai."]),
        ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
        ("Một câu bị ngắt\ndòng giữa chừng.", ["Một câu bị ngắt\ndòng giữa chừng."]),
        ("Năm 2025. 12 doanh nghiệp tham gia.", ["Năm 2025.", "12 doanh nghiệp tham gia."]),
        ("Họp với USTR.Hai bên nhất trí.", ["Họp với USTR.", "Hai bên nhất trí."]),
        ("Gặp đại diện (USTR).Sau đó về nước.", ["Gặp đại diện (USTR).", "Sau đó về nước."]),
        ("Kết thúc năm 2025.Hai bên hẹn gặp lại.", ["Kết thúc năm 2025.", "Hai bên hẹn gặp lại."]),
        ("Đến TP.Hồ Chí Minh và Th.S Lan.", ["Đến TP.Hồ Chí Minh và Th.S Lan."]),
        ("1. Thuế quan và phi thuế quan.\n2. Thương mại số.", ["1. Thuế quan và phi thuế quan.", "2. Thương mại số."]),
        ("II. NỘI DUNG CHÍNH", ["II. NỘI DUNG CHÍNH"]),
        ("Hai nhóm: 1. Dịch vụ. 2. Nông nghiệp.", ["Hai nhóm: 1. Dịch vụ.", "2. Nông nghiệp."]),
        ("  \n\n  ", []),
        ("", []),
    ],
)
def test_split_sentences_examples(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_split_sentences_spans_are_trimmed_and_ordered() -> None:
    text = "  Câu một.   Câu hai!  \n\n   Câu ba?  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Câu một.", "Câu hai!", "Câu ba?"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_split_sentences_on_seed_articles(seed_files: list) -> None:
    from tradetalks.ingest.files import read_file

    for path in seed_files:
        (article,) = list(read_file(str(path)))
        assert isinstance(article, Article)
        spans = sentence_spans(article.text)
        assert len(spans) >= 5
        for start, end in spans:
            chunk = article.text[start:end]
            assert chunk == chunk.strip() and chunk
            assert "trước.Thông" not in chunk
