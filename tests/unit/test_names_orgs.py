"""Organisations, countries and places found by the names stage (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks.model import Article, Doc
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.names_lexicon import lexicon, org_by_name
from tradetalks.nlp.normalize import add_matching_views, normalize_text
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline

PIPE = Pipeline([add_matching_views, split_sentences, extract_names])


def names_of(text: str) -> Doc:
    """Run the stages up to names on one text."""
    return PIPE(Article(source="test", text=normalize_text(text)))


# sentence -> [(type, text as written, canonical name or None, acronym or None)] for every non-person mention
NAMES = [
    ("Cuộc họp diễn ra tại Bộ Ngoại giao Mỹ và trụ sở Cơ quan Đại diện Thương mại Mỹ.",
     [("organization", "Bộ Ngoại giao Mỹ", "Bộ Ngoại giao Hoa Kỳ", None),
      ("organization", "Cơ quan Đại diện Thương mại Mỹ", "Văn phòng Đại diện Thương mại Hoa Kỳ", None)]),
    ("Phòng Thương mại và Công nghiệp Việt Nam (VCCI) tổ chức đối thoại với MOIT.",
     [("organization", "Phòng Thương mại và Công nghiệp Việt Nam", "Phòng Thương mại và Công nghiệp Việt Nam",
       "VCCI"), ("organization", "MOIT", "Bộ Công Thương", None)]),
    ("Đại diện Bộ Công thương và Moit đều có mặt.",
     [("organization", "Bộ Công thương", "Bộ Công Thương", None), ("organization", "Moit", "Bộ Công Thương", None)]),
    ("Hiệp hội Nhựa Việt Nam (VPA) cho biết xuất khẩu tăng. Theo VPA, thị trường Mỹ chiếm tỷ trọng lớn.",
     [("organization", "Hiệp hội Nhựa Việt Nam", None, "VPA"), ("organization", "VPA", None, "VPA"),
      ("country", "Mỹ", "Hoa Kỳ", None)]),
    ("Tập đoàn Excelerate Energy đã ký biên bản ghi nhớ với đối tác Việt Nam.",
     [("organization", "Tập đoàn Excelerate Energy", "Excelerate Energy", None),  # company_word: its own name
      ("country", "Việt Nam", "Việt Nam", None)]),
    ("Đại diện Kingsmen Capital Partners (KCP) cho biết sẽ mở văn phòng tại TP.HCM.",
     [("organization", "Kingsmen Capital Partners", None, "KCP"),
      ("location", "TP.HCM", "Thành phố Hồ Chí Minh", None)]),
    ("Ông ấy làm việc cho Blue Harbor Trading Group và Northwind Logistics (NL).",
     [("organization", "Blue Harbor Trading Group", None, None), ("organization", "Northwind Logistics", None, "NL")]),
    ("Trung Quốc, Nhật Bản và Hàn Quốc là các đối tác lớn của Việt Nam.",
     [("country", "Trung Quốc", "Trung Quốc", None), ("country", "Nhật Bản", "Nhật Bản", None),
      ("country", "Hàn Quốc", "Hàn Quốc", None), ("country", "Việt Nam", "Việt Nam", None)]),
    ("Hợp chúng quốc Hoa Kỳ và Liên minh châu Âu (EU) đều là thị trường quan trọng.",
     [("country", "Hợp chúng quốc Hoa Kỳ", "Hoa Kỳ", None), ("country", "Liên minh châu Âu", "Liên minh châu Âu", None),
      ("country", "EU", "Liên minh châu Âu", None)]),
    ("Đoàn công tác đã đến bang Texas và thành phố Houston.",
     [("location", "Texas", "Texas", None), ("location", "Houston", "Houston", None)]),
    ("Ngân hàng Thế giới (WB) dự báo tăng trưởng khả quan cho Thái Lan và Indonesia.",
     [("organization", "Ngân hàng Thế giới", "Ngân hàng Thế giới", "WB"), ("country", "Thái Lan", "Thái Lan", None),
      ("country", "Indonesia", "Indonesia", None)]),
    ("Nhiều doanh nghiệp lớn, trong đó có AMAZON, đang mở rộng đầu tư.",
     [("organization", "AMAZON", None, None)]),
    ("Bộ Ngoại giao Nhật Bản ra thông cáo.",
     [("organization", "Bộ Ngoại giao Nhật Bản", "Bộ Ngoại giao Nhật Bản", None)]),
    ("Bộ Tài chính Hoa Kỳ và Ngân hàng Nhà nước cùng theo dõi tỷ giá.",
     [("organization", "Bộ Tài chính Hoa Kỳ", "Bộ Tài chính Hoa Kỳ", None),
      ("organization", "Ngân hàng Nhà nước", "Ngân hàng Nhà nước Việt Nam", None)]),
    ("Đoàn đã tới Washington, D.C. sau khi làm việc ở bang Louisiana.",
     [("location", "Washington, D.C.", "Washington, D.C.", None), ("location", "Louisiana", "Louisiana", None)]),
    ("Cơ quan thương mại Mỹ (USTR) công bố kết quả điều tra.",
     [("organization", "Cơ quan thương mại Mỹ", "Văn phòng Đại diện Thương mại Hoa Kỳ", "USTR")]),
    ("Đảng Cộng sản Cuba và Đảng Cộng sản Việt Nam có quan hệ lâu đời.",
     [("organization", "Đảng Cộng sản Cuba", None, None),
      ("organization", "Đảng Cộng sản Việt Nam", "Đảng Cộng sản Việt Nam", None)]),
    ("Bộ Khoa học và Công nghệ cùng Bộ Văn hóa, Thể thao và Du lịch phối hợp.",
     [("organization", "Bộ Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ", None),
      ("organization", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", None)]),
    ("Người phát ngôn Bộ Thương mại Trung Quốc Gao Feng trả lời báo chí.",
     [("organization", "Bộ Thương mại Trung Quốc", "Bộ Thương mại Trung Quốc", None)]),
    ("Người phát ngôn Bộ Thương mại Indonesia Budi Santoso trả lời báo chí.",
     [("organization", "Bộ Thương mại Indonesia", None, None)]),
    ("Thông tin từ Thương vụ Việt Nam tại Mỹ và Đại sứ quán Nhật Bản tại Hà Nội cho thấy điều đó.",
     [("organization", "Thương vụ Việt Nam tại Mỹ", "Thương vụ Việt Nam tại Hoa Kỳ", None),
      ("organization", "Đại sứ quán Nhật Bản tại Hà Nội", None, None)]),
    ("Đội tuyển vô địch ASEAN Cup và giành huy chương ở SEA Games.", []),
    ("Tại Hạ viện, đại sứ gặp các thành viên Ủy ban Đối ngoại Hạ viện.",
     [("organization", "Hạ viện", "Hạ viện Hoa Kỳ", None),
      ("organization", "Ủy ban Đối ngoại Hạ viện", "Ủy ban Đối ngoại Hạ viện Hoa Kỳ", None)]),
    ("Ca sĩ Mỹ Tâm hát ở Hà Nội, còn Thượng nghị sĩ Mỹ Tom Cotton phát biểu. Ảnh: Tuấn Anh",
     [("location", "Hà Nội", "Hà Nội", None), ("country", "Mỹ", "Hoa Kỳ", None)]),
    ("Anh ấy nói Anh là thị trường lớn.", [("country", "Anh", "Vương quốc Anh", None)]),
    ("Tiền đạo Xuân Son ghi bàn. Anh bị chấn thương nhẹ.", []),
    ("Anh và EU ký hiệp định. Anh cũng là thành viên CPTPP.",
     [("country", "Anh", "Vương quốc Anh", None), ("country", "EU", "Liên minh châu Âu", None),
      ("country", "Anh", "Vương quốc Anh", None)]),
    ("Bà Lan ở huyện Mỹ Đức, còn hàng Mỹ sang Đức tăng.",
     [("location", "Mỹ Đức", None, None), ("country", "Mỹ", "Hoa Kỳ", None), ("country", "Đức", "Đức", None)]),
    ("THỨ TRƯỞNG PHAN THỊ THẮNG: DOANH NGHIỆP CẦN CHỦ ĐỘNG", []),
    ("Tại Anh, hàng dệt may Việt Nam tăng mạnh; ông Hoàng Anh nói.",
     [("country", "Anh", "Vương quốc Anh", None), ("country", "Việt Nam", "Việt Nam", None)]),
    ("Vietjet, Vinamilk và Hiệp hội Doanh nghiệp nhỏ và vừa Hà Nội cùng ký kết.",
     [("organization", "Vietjet", "Vietjet", None), ("organization", "Vinamilk", "Vinamilk", None),
      ("organization", "Hiệp hội Doanh nghiệp nhỏ và vừa Hà Nội", "Hiệp hội Doanh nghiệp nhỏ và vừa Hà Nội", None)]),
    ("Học viện Không quân Mỹ lập chương trình cho sinh viên (Ảnh: Học viện Không quân Mỹ)",
     [("organization", "Học viện Không quân Mỹ", "Học viện Không quân Hoa Kỳ", None),
      ("organization", "Học viện Không quân Mỹ", "Học viện Không quân Hoa Kỳ", None)]),
    ("Sở Thông tin và Truyền thông, Cục Hàng không Việt Nam và Kaspersky Lab cùng tham gia.",
     [("organization", "Sở Thông tin và Truyền thông", None, None),
      ("organization", "Cục Hàng không Việt Nam", None, None), ("organization", "Kaspersky Lab", None, None)]),
    ("Đoàn đã đến Văn phòng USTR và Bộ Thương mại Mỹ (DOC).",
     [("organization", "USTR", "Văn phòng Đại diện Thương mại Hoa Kỳ", None),
      ("organization", "Bộ Thương mại Mỹ", "Bộ Thương mại Hoa Kỳ", "DOC")]),
    ("Cục Thuế TP. Hồ Chí Minh phối hợp với ngân hàng.",
     [("organization", "Cục Thuế TP. Hồ Chí Minh", None, None)]),
    # unit: an administrative unit and its place belong to the body before them; a comma after the unit names
    # the city already in question
    ("Sở Công Thương tỉnh Lạng Sơn và Công an thành phố Huế cùng Bộ Chỉ huy Quân sự thành phố, Cục Hải quan dự.",
     [("organization", "Sở Công Thương tỉnh Lạng Sơn", None, None),
      ("organization", "Công an thành phố Huế", None, None),
      ("organization", "Bộ Chỉ huy Quân sự thành phố", None, None),
      ("organization", "Cục Hải quan", "Cục Hải quan", None)]),
    # inner: "nhân dân" and a continent stay inside a name; a small number before punctuation or a capital too
    ("Tòa án nhân dân tỉnh Gia Lai, Hiệp hội Thép châu Á và Tổng Công ty Dệt 8, Bộ Tư lệnh Vùng 4 Hải quân họp.",
     [("organization", "Tòa án nhân dân tỉnh Gia Lai", None, None),
      ("organization", "Hiệp hội Thép châu Á", None, None), ("organization", "Tổng Công ty Dệt 8", None, None),
      ("organization", "Bộ Tư lệnh Vùng 4 Hải quân", None, None)]),
    # an English company name ends with "Management"
    ("Theo Birch Hollow Management, thị trường sẽ hồi phục.",
     [("organization", "Birch Hollow Management", None, None)]),
    # "châu Mỹ" is a continent, not the country
    ("Vụ châu Mỹ ghi nhận.", [("organization", "Vụ châu Mỹ", None, None)]),
    # "quốc tế", "quốc gia", "trung ương" stay inside a name
    ("Cơ quan Điều tra trung ương Ấn Độ và Hội đồng Di sản quốc gia cùng họp.",
     [("organization", "Cơ quan Điều tra trung ương Ấn Độ", None, None),
      ("organization", "Hội đồng Di sản quốc gia", None, None)]),
    # ... but a number followed by a lower-case word is not part of the name
    ("Bộ Công Thương 2 năm qua đã làm nhiều việc.", [("organization", "Bộ Công Thương", "Bộ Công Thương", None)]),
    # a known body inside a longer name; "Đảng" alone is the Party, but not when it opens a longer head or name
    ("Ủy ban Thường vụ Quốc hội, Đảng ủy Chính phủ và lãnh đạo Đảng dự.",
     [("organization", "Ủy ban Thường vụ Quốc hội", None, None),
      ("organization", "Đảng ủy Chính phủ", None, None),
      ("organization", "Đảng", "Đảng Cộng sản Việt Nam", None)]),
    # a foreign minister's title names no ministry ("Treasury Secretary"); a Vietnamese ministry's short name does
    ("Bộ trưởng Tài chính Mỹ Jack Brenner gặp Thứ trưởng Công Thương Nguyễn Văn Bình.",
     [("country", "Mỹ", "Hoa Kỳ", None), ("organization", "Công Thương", "Bộ Công Thương", None)]),
    # a photo credit names who took or supplied the picture, not an organisation of the story
    ("Ảnh: BCT/Vietnam+", []),
    ("Hai bên bắt tay. (Ảnh: Trần Hải/TTXVN) Theo phóng viên TTXVN tại Mỹ, Bộ Công Thương dự.",
     [("organization", "TTXVN", "Thông tấn xã Việt Nam", None), ("country", "Mỹ", "Hoa Kỳ", None),
      ("organization", "Bộ Công Thương", "Bộ Công Thương", None)]),
    ("Hội đồng Kinh doanh Hoa Kỳ - ASEAN tổ chức tọa đàm tại Hà Nội.",
     [("organization", "Hội đồng Kinh doanh Hoa Kỳ - ASEAN", "Hội đồng Kinh doanh Hoa Kỳ-ASEAN", None),
      ("location", "Hà Nội", "Hà Nội", None)]),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names_orgs_countries_places(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    found = [(m.type, m.text, m.canonical, m.acronym) for m in names_of(text).mentions if m.type != "person"]
    assert found == expected


@pytest.mark.parametrize(("text", "side"), [
    ("Phía Mỹ đánh giá cao thiện chí.", "US"),
    ("Phía Việt Nam đề xuất lộ trình mới.", "VN"),
    ("Đoàn Nhật Bản cũng tham dự.", "other"),
    ("Bộ Công Thương cho biết.", "VN"),
    ("Văn phòng Đại diện Thương mại Mỹ cho biết.", "US"),
])
def test_names_side_of_countries_and_orgs(text: str, side: str) -> None:
    (mention,) = names_of(text).mentions
    assert mention.side == side


def test_names_acronym_defined_in_article_gives_same_key() -> None:
    doc = names_of("Công ty Gulf Coast Energy Partners LLC (GCEP) muốn mở rộng. GCEP đã gửi đề xuất.")
    first, later = [m for m in doc.mentions if m.type == "organization"]
    assert first.text == "Gulf Coast Energy Partners LLC" or first.text.endswith("LLC")
    assert later.text == "GCEP" and later.key == first.key and first.acronym == "GCEP"


def test_names_org_key_is_canonical_key() -> None:
    keys = {m.key for m in names_of("Bộ Công thương, MOIT và BCT là một.").mentions}
    assert keys == {"bo cong thuong"}


def test_names_lexicon_resources_have_sources() -> None:
    from importlib import resources

    for name in ("titles.tsv", "organizations.tsv", "countries.tsv", "places.tsv", "surnames.tsv",
                 "honorifics.tsv", "org_heads.tsv", "english_words.tsv", "given_names.tsv", "calendar_cycle.tsv"):
        text = resources.files("tradetalks.resources").joinpath(name).read_text(encoding="utf-8")
        assert text.startswith("# source:"), name
        assert "# columns:" in text.split("\n", 3)[1] or "# columns:" in text[:600], name
    assert org_by_name("Bộ Công thương") is not None
    assert lexicon() is lexicon()


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạềếểễệờớởỡợ ,.-()“”\"'\n:/0123456789&+"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_names_any_text_gives_mentions_that_quote_it(text: str) -> None:
    doc = names_of(text)
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text and m.text
        assert m.type in ("person", "organization", "location", "country")
        if m.role is not None:
            assert doc.text[m.role.start:m.role.end] == m.role.text
        if m.ref is not None:
            assert doc.mentions[m.ref].type == "person"
    for before, after in zip(doc.mentions, doc.mentions[1:], strict=False):
        assert before.end <= after.start  # mentions never overlap and come in text order


@pytest.mark.parametrize(("name", "english"), [
    ("Bộ Công thương", "Ministry of Industry and Trade"),
    ("Mỹ", "United States"),
    ("USTR", "Office of the United States Trade Representative"),
    ("Hội đồng Kinh doanh Hoa Kỳ - ASEAN", "US-ASEAN Business Council"),
    ("Hà Nội", "Hanoi"),
    ("Một tổ chức chưa biết", None),
])
def test_names_english_name_of_known_names(name: str, english: str | None) -> None:
    from tradetalks.nlp.names import english_name

    assert english_name(name) == english


def test_names_org_heads_resource_rejects_an_unknown_kind() -> None:
    """org_heads.tsv is validated: every row has one of the known kinds (a typo is an error)."""
    from tradetalks.nlp.names_lexicon import _ORG_WORD_KINDS, _rows

    assert all(len(row) == 2 and row[0] in _ORG_WORD_KINDS for row in _rows("org_heads.tsv"))


def test_names_unit_followed_by_a_person_names_no_city() -> None:
    """_unit_place: "Chủ tịch UBND TP Nguyễn Văn Bình" - the body's name does not take the person's."""
    orgs = [m.text for m in names_of("Chủ tịch UBND TP Nguyễn Văn Bình nói.").mentions if m.type == "organization"]
    assert orgs == ["UBND"]


@pytest.mark.parametrize(("text", "orgs"), [
    # lower_tail: the name goes on in lower case up to a word opening what the body does
    ("Trung tâm Quan trắc môi trường biển quốc gia cho biết nước đã rút.",
     ["Trung tâm Quan trắc môi trường biển quốc gia"]),
    # ... up to a capital or a place with its unit, which the name then takes
    ("Cục Kiểm định hàng hóa tỉnh Bình Định lấy mẫu.", ["Cục Kiểm định hàng hóa tỉnh Bình Định"]),
    # ... up to a small number
    ("Trung tâm Cứu hộ đường sông số 4 đã có mặt.", ["Trung tâm Cứu hộ đường sông số 4"]),
    # a run that ends in neither keeps its first lower-case word: the rest is the sentence's verb and object
    ("Sở Y tế tăng cường kiểm tra các chợ.", ["Sở Y tế"]),
    ("Hôm qua Cục Điện ảnh quyết tâm làm lại, rồi nghỉ.", ["Cục Điện ảnh"]),
    # a head noun inside the name takes no tail of its own: "Công an" then the verb
    ("Cơ quan Điều tra hình sự Công an khởi tố vụ án.", ["Cơ quan Điều tra hình sự Công an"]),
])
def test_names_lower_tail(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # to_acronym: a name written in full before its acronym in brackets runs up to the bracket, lower case or not
    ("Văn phòng Điều phối các chương trình về nước sạch (WSCO) gửi báo cáo.",
     [("Văn phòng Điều phối các chương trình về nước sạch", "WSCO")]),
    ("Tổng Công ty điện lực miền Trung (EVNCPC) tăng giá.", [("Tổng Công ty điện lực miền Trung", "EVNCPC")]),
    ("Ủy ban Giám sát an toàn thuộc Bộ Giao thông Mỹ (SSB) điều tra.",
     [("Ủy ban Giám sát an toàn thuộc Bộ Giao thông Mỹ", "SSB")]),
    # ... never over a verb or a word relating it to something else, nor into another body
    ("Hiệp hội Gạo làm việc với các hộ nông dân (HND).", [("Hiệp hội Gạo", None)]),
    ("Tập đoàn Harbor Nine và Tổng Công ty cảng Đà Nẵng (DNP) ký kết.",
     [("Tập đoàn Harbor Nine", None), ("Tổng Công ty cảng Đà Nẵng", "DNP")]),
])
def test_names_to_acronym(text: str, orgs: list[tuple[str, str | None]]) -> None:
    assert [(m.text, m.acronym) for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # outlet_name: a capitalised name after "hãng tin", "tờ", "tạp chí" is that outlet, one word or several
    ("Theo hãng thông tấn Kyodo, cuộc gặp kéo dài hai giờ.", ["Kyodo"]),
    ("Bài bình luận đăng trên tờ Le Soir hôm thứ Hai.", ["Le Soir"]),
    # ... but a country after "tờ" is no outlet
    ("Một tờ Mỹ khác cũng đưa tin.", []),
    # foreign_outlet: "Báo"/"Tạp chí" before a foreign name is a gloss, not part of the name
    ("Tạp chí The Diplomat nhận định như vậy.", ["The Diplomat"]),
    ("Báo Nông thôn Ngày nay đưa tin.", ["Báo Nông thôn Ngày nay"]),  # Vietnamese words: the name itself
    # source_acronym: an all-capitals name between a clause-opening "theo" and a comma says who reports
    ("Theo NHK, hai bên đã nhất trí.", ["NHK"]),
    ("Kim ngạch, tính theo USD, tăng nhẹ.", []),
])
def test_names_outlets_and_sources(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # abbreviated head nouns: "TAND" (court), "VKSND" (procuracy), "CTCP" (joint-stock company), with a name or place
    ("Hồ sơ được chuyển tới TAND tỉnh Kon Tum và CTCP Thép Sao Mai.", ["TAND tỉnh Kon Tum", "CTCP Thép Sao Mai"]),
    # ... and on their own: the body of the place in question
    ("Tại phiên xử, VKSND đề nghị mức án nhẹ hơn.", ["VKSND"]),
])
def test_names_abbreviated_heads(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # lower_head: a head noun written in lower case before a capitalised name still names the body
    ("Phó giám đốc cơ quan Khảo sát địa chất Canada phát biểu.", [("cơ quan Khảo sát địa chất Canada",
                                                                 "Cơ quan Khảo sát địa chất Canada")]),
    ("Thứ trưởng bộ Tư pháp dự họp.", [("bộ Tư pháp", "Bộ Tư pháp")]),  # a known body keeps its own name
    # ... not when the head ends a word ("bệnh viện" is a hospital's common noun, "trụ sở" a seat) or a title follows
    ("Anh được đưa tới bệnh viện Hòa Bình và trụ sở Hạ Long.", []),
    ("Ông Hùng, chủ tịch hội đồng Quản trị, phát biểu.", [("hội đồng Quản trị", "Hội đồng Quản trị")]),
    ("Người phát ngôn văn phòng Bộ trưởng Lâm nói.", []),
])
def test_names_lower_head(text: str, orgs: list[tuple[str, str | None]]) -> None:
    assert [(m.text, m.canonical) for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # listed_with_orgs: one foreign word listed right after known companies is a company too
    ("Đơn hàng đến từ Samsung, LG và Panasonic.", ["Samsung", "LG", "Panasonic"]),
    # ... but not a word the text writes after a first name elsewhere (a person), nor a degree
    ("Ông Paul Keller nói vậy. Intel, Nvidia và Keller cùng có mặt.", ["Intel", "Nvidia"]),
    # "khối" before an all-capitals name: a bloc
    ("Việt Nam và khối SICA bắt đầu đàm phán.", ["SICA"]),
])
def test_names_lists_and_blocs(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # numbered: a military unit named by its number, alone or inside a longer name, with its country
    ("Đại diện Quân khu 9 và Hạm đội 6 Hoa Kỳ dự lễ.", ["Quân khu 9", "Hạm đội 6 Hoa Kỳ"]),
    ("Bộ Tư lệnh Quân đoàn 12 tiếp khách.", ["Bộ Tư lệnh Quân đoàn 12"]),
])
def test_names_numbered_units(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # a head before a known body is that body when its own name opens with the head ("Văn phòng USTR"), else the
    # head's own body attached to it ("Văn phòng" of the Central Committee)
    ("Văn phòng Trung ương Đảng và Văn phòng USTR gửi thư.", ["Văn phòng Trung ương Đảng", "USTR"]),
])
def test_names_office_of_a_known_body(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # lower_name: mid-sentence, a head noun followed by a name written all in lower case, up to where it closes
    ("Tiền được chuyển về Quỹ hỗ trợ nông dân nghèo vùng cao\nBan tổ chức cảm ơn.",
     ["Quỹ hỗ trợ nông dân nghèo vùng cao"]),
    ("Đơn vị thuộc Cục tàu khu trục số 9 Nhật Bản cập cảng.", ["Cục tàu khu trục số 9 Nhật Bản"]),
    # ... not at a sentence's start, not a title ("Cục trưởng"), not before another capitalised name, not after
    # "Nhóm", which as often means a group of people or firms ("Nhóm doanh nghiệp Nhật Bản")
    ("Hôm qua Nhóm nghiên cứu Nhật Bản cho biết kết quả tốt.", []),
    ("Ông Nam, Cục trưởng ở tỉnh, cho biết vậy.", []),
    ("Đại diện Hội đồng quản trị Công ty Sao Mai phát biểu.", ["Công ty Sao Mai"]),
])
def test_names_lower_name(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # brand_company: a capitalised line of business before a Latin brand is the company's short name
    ("Báo cáo của Chứng khoán Rongviet cho thấy điều đó.", ["Chứng khoán Rongviet"]),
    # ... but before a country it names a market
    ("Chứng khoán Nhật Bản tăng điểm.", []),
])
def test_names_brand_company(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


def test_names_company_word_joins_the_name_told_alone() -> None:
    """company_word: "Tập đoàn Harbor Nine" and a later "Harbor Nine" name one company (one key)."""
    orgs = [m for m in names_of("Tập đoàn Harbor Nine Group ký hợp đồng. Harbor Nine Group cho biết.").mentions
            if m.type == "organization"]
    assert [m.key for m in orgs] == ["harbor nine group"] * 2


@pytest.mark.parametrize(("text", "orgs"), [
    # employer: a Latin name after "của" closing a working role is the employer
    ("Bà Lena Ortiz, nhà phân tích thị trường của Crestline, cho rằng giá sẽ giảm.", ["Crestline"]),
    # ... not a person's surname the text gives after a first name elsewhere, nor after a role of no employer
    ("Ông Tom Reyes phát biểu. Bà Ann, chuyên gia của Reyes, đồng tình.", []),
    ("Bạn của Crestline nói vậy.", []),
])
def test_names_employer(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # company_after_word: after a company word in lower case, a name in Latin letters is that company's own
    ("Hàng được giao cho hãng Oakridge và công ty Brightwell Foods.", ["Oakridge", "Brightwell Foods"]),
    # ... a Vietnamese name there is left to the other rules (here, a person's)
    ("Hợp đồng với công ty Hoàng Long đã ký.", []),
])
def test_names_company_after_word(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # interview_outlet: the name after "trao đổi với" (and "PV"), closed by a comma and a person, is the newspaper;
    # newspaper_short: a known paper named without "Báo" is that paper
    ("Chia sẻ với Kinh Tế Mới, bà Hạnh cho biết giá sẽ tăng.", [("Kinh Tế Mới", None)]),
    ("Trao đổi với PV Tiền Phong, TS Minh nhận định.", [("Tiền Phong", "Báo Tiền Phong")]),
    # ... not a country, not "PV" alone, not without a person after the comma
    ("Nói với Nhật Bản, ông Lâm cam kết.", []),
    ("Trao đổi với PV, ông Hùng cho biết.", []),
    ("Trao đổi với Kinh Tế Mới, nhiều người cho biết.", []),
])
def test_names_interview_outlet(text: str, orgs: list[tuple[str, str | None]]) -> None:
    assert [(m.text, m.canonical) for m in names_of(text).mentions if m.type == "organization"] == orgs


@pytest.mark.parametrize(("text", "orgs"), [
    # speaking_acronym: an all-capitals word of three letters or more right before a verb of saying is a body
    ("Hôm qua KOTRA nhận định xuất khẩu sẽ chậm lại.", ["KOTRA"]),
    # ... not a person's role in capitals, not two letters, not a headline in capitals
    ("HLV Park cho biết đội sẽ thắng. PV cho biết thêm.", []),
    ("CẢNH BÁO: GIÁ XĂNG TĂNG", []),
])
def test_names_speaking_acronym(text: str, orgs: list[str]) -> None:
    assert [m.text for m in names_of(text).mentions if m.type == "organization"] == orgs
