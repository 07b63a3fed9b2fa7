"""Topics from cue phrases: whole words, acronyms by case, tone-mark variants, spans."""

from __future__ import annotations

import pytest

from tradetalks.extract.cues import read_tsv
from tradetalks.extract.topics import tag_topics, topic_names, topics_in
from tradetalks.model import Article, Doc
from tradetalks.pipeline import default_pipeline

_PIPE = default_pipeline()

CASES: list[tuple[str, list[str]]] = [
    ("Hai bên bàn về thương mại số và thương mại điện tử xuyên biên giới.", ["digital_trade"]),
    ("Mỹ muốn mở rộng tiếp cận thị trường cho thịt bò và nông sản.", ["agriculture", "market_access"]),
    ("Nhóm kỹ thuật rà soát các biện pháp TBT và SPS.", ["sps", "tbt"]),
    ("Nhóm tbt họp riêng.", []),  # an acronym only in capitals
    ("Doanh nghiệp lo ngại về kiểm dịch động thực vật với trái cây tươi.", ["sps"]),
    ("Việt Nam đề nghị Mỹ sớm công nhận quy chế kinh tế thị trường.", ["market_economy_status"]),
    ("Mỹ siết kiểm soát xuất khẩu chip và thiết bị bán dẫn.", ["export_controls", "semiconductors"]),
    ("Hai bên hợp tác về LNG và khí thiên nhiên hóa lỏng.", ["energy"]),
    ("Mức thuế 40% áp cho hàng chuyển tải có gian lận xuất xứ.", ["rules_of_origin", "tariffs", "transshipment"]),
    ("Các cam kết về lao động và môi trường được đưa vào chương riêng.", ["environment", "labour"]),
    ("Thủ tục hải quan và mua sắm công cũng được đề cập.", ["customs", "government_procurement"]),
    ("Việt Nam tăng cường bảo vệ quyền sở hữu trí tuệ.", ["intellectual_property"]),
    ("Ngân hàng dịch vụ tài chính mở chi nhánh mới.", ["services"]),
    ("Ông Chipman đến Hà Nội.", []),  # "chip" only as a whole word
    ("Hợp tác về chuỗi cung ứng và đầu tư vào Việt Nam.", ["investment", "supply_chain"]),
    ("Vấn đề hoà giải tranh chấp không thuộc chủ đề nào.", []),
    ("Trung Quốc cam kết mua thêm đậu nành, lúa mì và thịt lợn của Mỹ.", ["agriculture"]),
    ("Doanh nghiệp nhập nguyên liệu thức ăn chăn nuôi từ bang Iowa.", ["agriculture"]),
    ("Châu Âu giảm phụ thuộc vào khí đốt và dầu thô nhập khẩu.", ["energy"]),
    ("Mỹ muốn giảm mất cân bằng thương mại; Việt Nam xuất siêu lớn sang Mỹ.", ["trade_balance"]),
]


def _doc(text: str) -> Doc:
    return _PIPE(Article(source="t.txt", text=text, id="t"))


@pytest.mark.parametrize(("text", "topics"), CASES)
def test_topics_of_sentence(text: str, topics: list[str]) -> None:
    assert _doc(text).topics == topics


def test_topics_in_a_span_only() -> None:
    doc = _doc("Hai bên bàn về nông nghiệp. Sau đó thảo luận về năng lượng.")
    cut = doc.text.index("Sau")
    assert topics_in(doc, 0, cut) == ["agriculture"]
    assert topics_in(doc, cut, len(doc.text)) == ["energy"]
    assert topics_in(doc, 0, len(doc.text)) == ["agriculture", "energy"]


def test_topics_match_old_tone_mark_placement() -> None:
    doc = _doc("Các bên thảo luận về khí thiên nhiên hoá lỏng.")  # "hoá" written with the old placement
    assert "energy" in doc.topics


def test_topics_stage_sets_the_layer() -> None:
    doc = _doc("Hợp tác về dịch vụ.")
    assert tag_topics(doc).topics == ["services"]


def test_topics_vocabulary_covers_the_specification() -> None:
    wanted = {"services", "digital_trade", "agriculture", "tbt", "sps", "market_access", "tariffs", "transshipment",
              "rules_of_origin", "investment", "energy", "semiconductors", "export_controls",
              "market_economy_status", "intellectual_property", "labour", "environment"}
    assert wanted <= set(topic_names())
    assert all(len(row) >= 2 and row[1] for row in read_tsv("topics.tsv"))
