"""Properties of sentence spans: ordered, trimmed, disjoint, covering every visible character (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks.nlp.normalize import normalize_text
from tradetalks.nlp.sentences import sentence_spans

PIECES = st.sampled_from(
    ["Hai bên", "họp", "TP.", "HCM", "Mr.", "D.C", "1.5", "12.11.2025", "trước.Thông", "USTR.", "(Ảnh: BCT)",
     "…", "...", "!", "?", ".", "“Đúng.”", "II.", "1.", "a.", "\n", "\n\n", " ", "Việt Nam", "đàm phán"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(PIECES, max_size=40).map(" ".join), st.text(max_size=300)))
def test_sentence_spans_cover_text_in_order(raw: str) -> None:
    text = normalize_text(raw)
    spans = sentence_spans(text)
    covered = 0
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        chunk = text[start:end]
        assert chunk == chunk.strip()
        assert text[previous_end:start].strip() == ""
        covered += end - start
        previous_end = end
    assert text[previous_end:].strip() == ""
    assert covered >= len("".join(text.split()))
