"""People, titles and short references found by the names stage (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tradetalks.model import Article, Doc, Mention
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.normalize import add_matching_views, normalize_text
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline

PIPE = Pipeline([add_matching_views, split_sentences, extract_names])


def names_of(text: str) -> Doc:
    """Run the stages up to names on one text."""
    return PIPE(Article(source="test", text=normalize_text(text)))


def people(doc: Doc) -> list[Mention]:
    return [m for m in doc.mentions if m.type == "person"]


# sentence -> [(person as written, canonical title or None, organisation or None, side or None)]
PEOPLE = [
    ("Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng chủ trì cuộc họp báo chiều qua.",
     [("Nguyễn Văn Thắng", "Bộ trưởng", "Bộ Tài chính", "VN")]),
    ("Phó Thủ tướng Bùi Thanh Sơn đã tiếp Đại sứ Hoa Kỳ tại Việt Nam Marc Knapper.",
     [("Bùi Thanh Sơn", "Phó Thủ tướng", None, "VN"), ("Marc Knapper", "Đại sứ", None, "US")]),
    ("Bộ trưởng Thương mại Mỹ Howard Lutnick cho biết mức thuế mới sẽ có hiệu lực từ tháng sau.",
     [("Howard Lutnick", "Bộ trưởng", "Bộ Thương mại Hoa Kỳ", "US")]),
    ("Theo Bộ trưởng Tài chính Scott Bessent, hai bên đã đạt được tiến bộ.",
     [("Scott Bessent", "Bộ trưởng", None, None)]),
    ("Thứ trưởng Ngoại giao Đỗ Hùng Việt đã gặp Thứ trưởng Bộ Ngoại giao Nhật Bản.",
     [("Đỗ Hùng Việt", "Thứ trưởng", "Bộ Ngoại giao", "VN")]),
    ("Thống đốc Ngân hàng Nhà nước Nguyễn Thị Hồng phát biểu tại hội nghị.",
     [("Nguyễn Thị Hồng", "Thống đốc", "Ngân hàng Nhà nước Việt Nam", "VN")]),
    ("Quyền Bộ trưởng Bộ Nông nghiệp và Môi trường Trần Đức Thắng làm việc với doanh nghiệp.",
     [("Trần Đức Thắng", "Bộ trưởng", "Bộ Nông nghiệp và Môi trường", "VN")]),
    ("Ông Lê Văn Thành, nguyên Phó Thủ tướng, từng phụ trách lĩnh vực kinh tế.",
     [("Lê Văn Thành", "Phó Thủ tướng", None, "VN")]),
    ("Tổng thống Donald Trump tuyên bố áp thuế 46% đối với hàng hóa Việt Nam.",
     [("Donald Trump", "Tổng thống", None, None)]),
    ("Hạ nghị sĩ Hoa Kỳ Adam Smith thuộc Đảng Dân chủ đã thăm Hà Nội.",
     [("Adam Smith", "Hạ nghị sĩ", None, "US")]),
    ("Thượng nghị sỹ Mỹ Steve Daines có cuộc gặp với lãnh đạo Bộ Công thương.",
     [("Steve Daines", "Thượng nghị sĩ", None, "US")]),
    ("Giám đốc điều hành Jensen Huang của NVIDIA đã thăm Việt Nam.",
     [("Jensen Huang", "Giám đốc điều hành", None, None)]),
    ("Ông William “Bill” Reinsch nhận định đàm phán đang đi đúng hướng.",
     [("William “Bill” Reinsch", None, None, None)]),
    ("Bà Mary (Molly) Jones phát biểu tại diễn đàn.", [("Mary (Molly) Jones", None, None, None)]),
    ("Ông John F. Kennedy từng là Tổng thống Hoa Kỳ.", [("John F. Kennedy", "Tổng thống", None, "US")]),
    ("Chủ tịch Ủy ban châu Âu Ursula von der Leyen đã điện đàm với Thủ tướng Phạm Minh Chính.",
     [("Ursula von der Leyen", "Chủ tịch", "Ủy ban châu Âu", None), ("Phạm Minh Chính", "Thủ tướng", None, "VN")]),
    ("Chủ tịch Quốc hội Trần Thanh Mẫn tiếp đoàn nghị sĩ.", [("Trần Thanh Mẫn", "Chủ tịch Quốc hội", None, "VN")]),
    ("Tổng Bí thư Tô Lâm đã điện đàm với Tổng thống Mỹ.", [("Tô Lâm", "Tổng Bí thư", None, "VN")]),
    ("Các chuyên gia Michael Froman và Wendy Cutler trao đổi về thuế quan.",
     [("Michael Froman", "Chuyên gia", None, None), ("Wendy Cutler", "Chuyên gia", None, None)]),
    ("Đoàn có các Thứ trưởng Nguyễn Văn Bình, Phan Thị Lan và Trương Văn Hòa.",
     [("Nguyễn Văn Bình", "Thứ trưởng", None, "VN"), ("Phan Thị Lan", "Thứ trưởng", None, "VN"),
      ("Trương Văn Hòa", "Thứ trưởng", None, "VN")]),
    ("Bộ trưởng Thương mại Hàn Quốc Ahn Duk-geun dự hội nghị tại Singapore.",
     [("Ahn Duk-geun", "Bộ trưởng", "Bộ Thương mại Hàn Quốc", "other")]),
    ("Ông Rick Switzer - Phó Đại diện Thương mại Mỹ (Phó USTR) - đã gặp đoàn Việt Nam.",
     [("Rick Switzer", "Phó Đại diện Thương mại", "Văn phòng Đại diện Thương mại Hoa Kỳ", "US")]),
    ("Bà Brenda Lee, Chủ tịch kiêm CEO Hội đồng Kinh doanh Hoa Kỳ - ASEAN (USABC), dự buổi tiếp.",
     [("Brenda Lee", "Chủ tịch", "Hội đồng Kinh doanh Hoa Kỳ-ASEAN", "US")]),
    ("Ông Peter Navarro, Cố vấn thương mại của Nhà Trắng, có ý kiến khác.",
     [("Peter Navarro", "Cố vấn", "Nhà Trắng", "US")]),
    ("Trưởng đoàn đàm phán Phạm Thị Bình cho biết vòng tới sẽ diễn ra trực tuyến.",
     [("Phạm Thị Bình", "Trưởng đoàn đàm phán", None, "VN")]),
    ("Trợ lý Đại diện Thương mại Mỹ phụ trách Đông Nam Á và Thái Bình Dương Sarah Ellerman có mặt.",
     [("Sarah Ellerman", "Trợ lý Đại diện Thương mại", "Văn phòng Đại diện Thương mại Hoa Kỳ", "US")]),
    ("Thủ tướng Campuchia Hun Manet và Thủ tướng Nhật Bản Ishiba Shigeru cùng dự hội nghị.",
     [("Hun Manet", "Thủ tướng", None, "other"), ("Ishiba Shigeru", "Thủ tướng", None, "other")]),
    ("Phó Chủ tịch VCCI Hoàng Quang Phòng nhận định doanh nghiệp cần chuẩn bị.",
     [("Hoàng Quang Phòng", "Phó Chủ tịch", "Phòng Thương mại và Công nghiệp Việt Nam", "VN")]),
    ("Chủ tịch Hiệp hội Dệt may Việt Nam (VITAS) Vũ Đức Giang cho rằng đơn hàng đang phục hồi.",
     [("Vũ Đức Giang", "Chủ tịch", "Hiệp hội Dệt may Việt Nam", "VN")]),
    ("Cục trưởng Cục Phòng vệ thương mại Chu Thắng Trung lưu ý về gian lận xuất xứ.",
     [("Chu Thắng Trung", "Cục trưởng", "Cục Phòng vệ thương mại", "VN")]),
    ("Theo ông Trần Thanh Hải, Phó Cục trưởng Cục Xuất nhập khẩu (Bộ Công Thương), xuất khẩu vẫn tăng.",
     [("Trần Thanh Hải", "Phó Cục trưởng", "Cục Xuất nhập khẩu", "VN")]),
    ("Đại sứ Việt Nam tại Hoa Kỳ Nguyễn Quốc Dũng tham dự buổi làm việc.",
     [("Nguyễn Quốc Dũng", "Đại sứ", None, "VN")]),
    ("Chủ tịch Trung Quốc Tập Cận Bình đã gặp Tổng thống Mỹ.", [("Tập Cận Bình", "Chủ tịch", None, "other")]),
    ("Về phía Mỹ, Phó Đại diện Thương mại Kelly Ann Shaw cho biết hai bên sẽ gặp lại.",
     [("Kelly Ann Shaw", "Phó Đại diện Thương mại", None, "US")]),
    ("Phía Hoa Kỳ, ông Mark Lee khẳng định. Ông Tom Baker thì im lặng.",
     [("Mark Lee", None, None, "US"), ("Tom Baker", None, None, None)]),
    ("Đại sứ Anh tại Washington chỉ trích Tổng thống Donald Trump.", [("Donald Trump", "Tổng thống", None, None)]),
    ("Bộ trưởng Kinh tế Cuba Alejandro Gil Fernandez phát biểu.",
     [("Alejandro Gil Fernandez", "Bộ trưởng", "Bộ Kinh tế Cuba", "other")]),
    ("Bộ trưởng Lê Văn Bình tiếp bà Ann Carter, Chủ tịch kiêm Giám đốc điều hành Hội đồng Kinh doanh Hoa Kỳ - ASEAN.",
     [("Lê Văn Bình", "Bộ trưởng", None, "VN"),
      ("Ann Carter", "Chủ tịch", "Hội đồng Kinh doanh Hoa Kỳ-ASEAN", "US")]),
    ("Theo hãng tin nước ngoài, Đại diện Thương mại Hoa Kỳ (USTR) Jamieson Greer sẵn sàng đàm phán.",
     [("Jamieson Greer", "Đại diện Thương mại", "Văn phòng Đại diện Thương mại Hoa Kỳ", "US")]),
    ("Ủy viên Thương mại EU Maroš Šefčovič gặp bà Ana Núñez và ông Rodrigo Garza Pérez.",
     [("Maroš Šefčovič", "Ủy viên Thương mại", None, "other"), ("Ana Núñez", None, None, None),
      ("Rodrigo Garza Pérez", None, None, None)]),
    ("Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh tiếp đoàn tại đường Hoàng Văn Thụ.",
     [("Trần Sỹ Thanh", "Chủ tịch", "UBND TP Hà Nội", "VN")]),
    ("Ông Nguyễn Văn An (Thứ trưởng Bộ Tài chính) và bà Trần Thị Bình (Phó Chủ tịch VCCI) dự họp.",
     [("Nguyễn Văn An", "Thứ trưởng", "Bộ Tài chính", "VN"),
      ("Trần Thị Bình", "Phó Chủ tịch", "Phòng Thương mại và Công nghiệp Việt Nam", "VN")]),
    ("Phó USTR Rick Switzer đã gặp đoàn đàm phán.",
     [("Rick Switzer", "Phó Đại diện Thương mại", "Văn phòng Đại diện Thương mại Hoa Kỳ", "US")]),
    ("Bộ trưởng Ngoại giao Trung Quốc Vương Nghị thăm Hà Nội.",
     [("Vương Nghị", "Bộ trưởng", "Bộ Ngoại giao Trung Quốc", "other")]),
    ("Ông Lê Quốc Phong, Giám đốc điều hành của Công ty Việt Thắng, cho biết.",
     [("Lê Quốc Phong", "Giám đốc điều hành", "Công ty Việt Thắng", "VN")]),
    ("Ông Vũ Tú Thành, Phó Chủ tịch khu vực của USABC, nhận định.",
     [("Vũ Tú Thành", "Phó Chủ tịch", "Hội đồng Kinh doanh Hoa Kỳ-ASEAN", "US")]),
    ("Chủ tịch HĐQT Vingroup Phạm Nhật Vượng đã gặp đoàn.",
     [("Phạm Nhật Vượng", "Chủ tịch Hội đồng quản trị", "Vingroup", "VN")]),
    ("Bà Karoline Leavitt – Thư ký báo chí Nhà Trắng – cho biết.",
     [("Karoline Leavitt", "Thư ký báo chí", "Nhà Trắng", "US")]),
    ("HLV Park Hang-seo từng dẫn dắt đội tuyển trong nhiều năm.",
     [("Park Hang-seo", "Huấn luyện viên", None, None)]),
    ("Huấn luyện viên trưởng Kim Sang-sik công bố danh sách cầu thủ.",
     [("Kim Sang-sik", "Huấn luyện viên trưởng", None, None)]),
    ("Bộ trưởng Thương mại và Công nghiệp Ấn Độ Piyush Goyal sẽ sang Washington.",
     [("Piyush Goyal", "Bộ trưởng", "Bộ Thương mại và Công nghiệp Ấn Độ", "other")]),
    ("Bộ trưởng Kinh tế Hàn Quốc Choi Sang-mok đã gọi điện cho phía Mỹ.",
     [("Choi Sang-mok", "Bộ trưởng", "Bộ Kinh tế Hàn Quốc", "other")]),
    ("Bộ trưởng Đầu tư, Thương mại và Công nghiệp Malaysia Johari Abdul Ghani ký văn kiện.",
     [("Johari Abdul Ghani", "Bộ trưởng", "Bộ Đầu tư, Thương mại và Công nghiệp Malaysia", "other")]),
    ("Tổng giám đốc Vietjet Nguyễn Thị Phương Thảo dự lễ ký với Boeing.",
     [("Nguyễn Thị Phương Thảo", "Tổng Giám đốc", "Vietjet", "VN")]),
    ("Ông Tạ Hoàng Linh, Vụ trưởng Vụ Thị trường châu Âu - châu Mỹ, thông tin thêm.",
     [("Tạ Hoàng Linh", "Vụ trưởng", "Vụ Thị trường châu Âu - châu Mỹ", "VN")]),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_names_people_with_titles(text: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    found = [(m.text, m.role.title if m.role else None, m.role.organization if m.role else None, m.side)
             for m in people(names_of(text)) if m.ref is None]
    assert found == expected


# sentence -> full names that are mentioned (nothing else may be a person)
NOT_PEOPLE = [
    ("Toàn cảnh phiên họp (Ảnh: TTXVN)", []),
    ("Hai bộ trưởng bắt tay sau lễ ký (Ảnh: Nguyễn Hải)", []),
    ("HAI BÊN THỐNG NHẤT LỘ TRÌNH ĐÀM PHÁN VỚI HOA KỲ", []),
    ("BỘ TRƯỞNG NGUYỄN VĂN BÌNH LÀM VIỆC VỚI ĐOÀN DOANH NGHIỆP MỸ", []),
    ("Tờ Daily Mail và tờ Financial Times đưa tin, còn trên mạng xã hội Truth Social thì im lặng.", []),
    ("VOV - Sáng nay, Bộ Công Thương công bố kết quả phiên họp.", []),
    ("Thứ Hai tuần tới, đoàn sẽ sang Washington.", []),
    ("Trong khi đó, Hiệp hội Dệt may Việt Nam (VITAS) kiến nghị giữ ổn định thị trường.", []),
    ("Sản phẩm từ Cao Bằng và Lâm Đồng được giới thiệu tại Hà Nội.", []),
    ("Hãng xe công bố mẫu xe Tesla Model Y mới.", []),
    ("Cửa hàng nằm trên đường Hoàng Văn Thụ, gần hẻm 53 Lê Hồng Phong.", []),
    ("Phó Trưởng đoàn Đàm phán Chính phủ đã báo cáo Thủ tướng.", []),
    ("Thông tin từ Vụ Chính sách thương mại đa biên cho thấy tiến độ tốt.", []),
    ("Tháng Mười Hai, phái đoàn Liên minh châu Âu sẽ sang Hà Nội.", []),
    ("Thông tin từ Bộ Công Thương (Ảnh: BCT/Vietnam+)", []),
    ("Lãnh đạo Phó Giám đốc DongABank bị khởi tố.", []),
    ("Cuộc họp tại Thành phố Hồ Chí Minh có đại diện Tập đoàn Excelerate Energy.", []),
    ("Bà Nguyễn Thị Thanh Hà gặp ông Hồ Đức Phớc.", ["Nguyễn Thị Thanh Hà", "Hồ Đức Phớc"]),
    ("Hai bên sẽ gặp lại vào tháng tới.\nTrần Minh Khoa", []),
    ("Sau buổi họp, ông Tuấn Anh cũng không rời đi.", ["Tuấn Anh"]),
    ("Ông được điều về làm giám đốc Sở công thương của tỉnh.", []),
    ("Giới đầu tư ở Wall Street và Silicon Valley theo dõi văn bản đăng trên Federal Register.", []),
    ("Tổng thống Donald Trump phát biểu tại Oval Office hôm Liberation Day.", ["Donald Trump"]),
    ("Khu Depot rộng 17 ha nằm cạnh Trường mẫu giáo Chánh An B.", []),
    ("Tàu du lịch ghé đảo Lý Sơn và thành phố Đà Nẵng.", []),
    ("Đại tá Lê Văn Hùng cho biết vụ việc đang được điều tra.", ["Lê Văn Hùng"]),
    ("Ông Kim Sang-sik cảm ơn người hâm mộ.", ["Kim Sang-sik"]),
    ("Hai bên hẹn gặp lại.\nMinh Anh - Thu Hà", []),
    ("Ca sĩ Mỹ Tâm và nghệ sĩ Trấn Thành cùng tham gia đêm nhạc.", ["Mỹ Tâm", "Trấn Thành"]),
    ("Người phát ngôn trả lời báo chí. Ảnh: Hoàng Minh Tú", []),
    ("Theo Zing.vn, vụ việc đang được làm rõ.", []),
    ("Hai bên đã trao đổi. Bà Thắng và các thành viên đoàn cùng dự.", ["Thắng"]),
    ("Cô từng dự thi Miss Universe và đóng phim Love Story ở Mỹ.", []),
    ("Luật sư Trần Văn Bình, Giám đốc Công ty luật TNHH Minh Khoa, cho hay.", ["Trần Văn Bình"]),
    ("Ông Mạc Quốc Anh và bà Lã Thị Thu Hà cùng dự.", ["Mạc Quốc Anh", "Lã Thị Thu Hà"]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_PEOPLE)
def test_names_people_not_from_captions_headlines_places(text: str, expected: list[str]) -> None:
    assert [m.text for m in people(names_of(text))] == expected


# text -> [(short reference, the full mention it refers to)]
REFS = [
    ("Đại diện Thương mại Hoa Kỳ Jamieson Greer đến Hà Nội. Ông Greer cho rằng cần thêm thời gian.",
     [("Greer", "Jamieson Greer")]),
    ("Thứ trưởng Phan Thị Thắng trao đổi với bà Sarah Ellerman. Thứ trưởng Thắng nhấn mạnh vai trò doanh nghiệp.",
     [("Thắng", "Phan Thị Thắng")]),
    ("Bộ trưởng Nguyễn Hồng Diên làm việc với doanh nghiệp. Sau đó, Bộ trưởng Diên trả lời báo chí.",
     [("Diên", "Nguyễn Hồng Diên")]),
    ("Bộ trưởng Thương mại Mỹ Howard Lutnick đến sớm. Bộ trưởng Thương mại Lutnick phát biểu khai mạc.",
     [("Lutnick", "Howard Lutnick")]),
    ("Thứ trưởng Trần Sinh Nhật Minh dẫn đầu đoàn. Thứ trưởng Nhật Minh cho biết sẽ sớm có kết quả.",
     [("Nhật Minh", "Trần Sinh Nhật Minh")]),
    ("Ông Bryan R. Switzer đã sang Hà Nội. Ông Switzer nói rằng còn nhiều việc.",
     [("Switzer", "Bryan R. Switzer")]),
    # a short name that fits two people goes to the one named with a title, else to none
    ("Tổng thống Mỹ Jack Brenner đến Paris cùng phu nhân Laura Brenner. Ông Brenner phát biểu ngắn.",
     [("Brenner", "Jack Brenner")]),
    ("Ngoại trưởng Jack Brenner gặp Thượng nghị sĩ Laura Brenner. Ông Brenner phát biểu ngắn.", []),
    # never across "ông" and "bà": the gender of the form of address (honorifics.tsv)
    ("Ông Jack Brenner đến Paris cùng bà Laura Brenner. Ông Brenner phát biểu ngắn.", [("Brenner", "Jack Brenner")]),
    # a middle word of a foreign name, written as a hyphenated transcription or not
    ("Tổng thống Pedro Ramos Lima da Costa đến Hà Nội. Tổng thống Li-ma phát biểu.",
     [("Li-ma", "Pedro Ramos Lima da Costa")]),
    # bracket_aliases: a name in brackets after a name is the same person written another way
    ("Ngoại trưởng Trung Quốc Vương Nghị (Wang Yi) đã đến Washington.",
     [("Wang Yi", "Vương Nghị")]),
    # a Chinese name shortened to its first syllable, a Vietnamese surname, when no name in the text ends with it
    ("Phó Thủ tướng Trung Quốc Hồ Xuân Minh đã đến Washington. Ông Hồ gặp các quan chức Mỹ.",
     [("Hồ", "Hồ Xuân Minh")]),
    ("Đại sứ Trung Quốc Thôi Thiên Khải phát biểu. Ông Thôi nhấn mạnh quan hệ hai nước.",
     [("Thôi", "Thôi Thiên Khải")]),
    ("Ông Joseph (Joe) Damond dự buổi làm việc. Theo ông Damond, hai nước đã đi một chặng dài.",
     [("Damond", "Joseph (Joe) Damond")]),
    ("Phó Thủ tướng Hồ Đức Phớc và ông Jamieson Greer gặp nhau. Ông Phớc đề nghị sớm kết thúc đàm phán.",
     [("Phớc", "Hồ Đức Phớc")]),
]


@pytest.mark.parametrize(("text", "expected"), REFS)
def test_names_short_reference_points_to_full_name(text: str, expected: list[tuple[str, str]]) -> None:
    doc = names_of(text)
    refs = [(m.text, doc.mentions[m.ref].text) for m in doc.mentions if m.ref is not None]
    assert refs == expected


@pytest.mark.parametrize(("text", "key"), [
    ("Ông Joseph (Joe) Damond phát biểu.", "joseph damond"),
    ("Ông Joseph “Joe” Damond phát biểu.", "joseph damond"),
    ("Đại sứ Brian Mc Feeters phát biểu.", "brian mcfeeters"),
    ("Ông Bryan R. Switzer phát biểu.", "bryan r. switzer"),
    ("Thứ trưởng Nguyễn Sinh Nhật Tân phát biểu.", "nguyen sinh nhat tan"),
])
def test_names_person_key_drops_nickname(text: str, key: str) -> None:
    assert [m.key for m in people(names_of(text))] == [key]


def test_names_role_flags_acting_and_former() -> None:
    doc = names_of("Quyền Bộ trưởng Bộ Công Thương Lê Mạnh Hùng tiếp ông Michael Kantor, "
                   "nguyên Đại diện Thương mại Mỹ.")
    hung, kantor = people(doc)
    assert hung.role is not None and hung.role.acting and not hung.role.former
    assert hung.role.title_en == "Minister" and hung.role.organization == "Bộ Công Thương"
    assert kantor.role is not None and kantor.role.former and kantor.role.title == "Đại diện Thương mại"
    assert kantor.role.organization == "Văn phòng Đại diện Thương mại Hoa Kỳ" and kantor.side == "US"


def test_names_role_offsets_quote_the_text() -> None:
    text = "Sáng nay, Thứ trưởng Công Thương, Phó Trưởng đoàn đàm phán Nguyễn Văn An làm việc với đoàn Mỹ."
    doc = names_of(text)
    (person,) = people(doc)
    assert person.role is not None
    assert text[person.role.start:person.role.end] == person.role.text == "Thứ trưởng Công Thương"
    assert person.role.organization == "Bộ Công Thương"
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Bộ trưởng Nguyễn Văn An ,",
    "Bộ trưởng Nguyễn Văn An -",
    "Bộ trưởng Nguyễn Văn An (",
    "Ông Trần Văn Bình từng là",
])
def test_names_text_ending_after_a_name_and_separator(text: str) -> None:
    """A text cut off right after "name ," / "name -" still yields the person, without an error."""
    assert [m.text for m in people(names_of(text))] in (["Nguyễn Văn An"], ["Trần Văn Bình"])


def test_names_person_word_never_doubled() -> None:
    """A name never repeats its own word: "Jack Brenner Brenner" (a typo) is "Jack Brenner"."""
    doc = names_of("Chính quyền Tổng thống Jack Brenner Brenner vẫn muốn thúc đẩy quan hệ.")
    assert [m.text for m in people(doc)] == ["Jack Brenner"]


@pytest.mark.parametrize(("text", "expected"), [
    # _country_before_name: a country glued before a foreign name is not part of it
    ("Tổng thống Paraguay Mateo Ruiz và người đồng cấp gặp nhau.", ["Mateo Ruiz"]),
    ("Hôm qua, Syria Bashir Halabi tuyên bố rút quân.", ["Bashir Halabi"]),
    ("Đệ nhất phu nhân Mỹ Laura Brenner dự tiệc.", ["Laura Brenner"]),
])
def test_names_country_before_name_is_not_part_of_it(text: str, expected: list[str]) -> None:
    assert [m.text for m in people(names_of(text))] == expected


@pytest.mark.parametrize(("text", "name", "title"), [
    # _names_next: a title after a name whose clause goes on to name another person is that person's
    ("Đó là lời của ông Brenner - Bộ trưởng bộ Tư pháp Karl Heim . Hôm sau ông nói thêm.", "Brenner", None),
    # _same_case: a common noun and a title after a comma do not chain
    ("Theo chuyên gia, Tổng thống Jack Brenner khó làm khác.", "Jack Brenner", "Tổng thống"),
    ("Thứ trưởng, Trưởng đoàn đàm phán Nguyễn Văn Bình phát biểu.", "Nguyễn Văn Bình", "Thứ trưởng"),
    # _person_after: the name set beside a title after a comma and "ông" or "bà" holds that title
    ("Hôm qua, Bộ trưởng Kinh tế Đức, ông Karl Heim, cho biết sẽ sang thăm.", "Karl Heim", "Bộ trưởng"),
    # ... but after "của" the title is someone else's: the name is the aide or spokesman the phrase describes
    ("Người phát ngôn của Tổng thống Pháp, ông Jean Moreau, cho biết.", "Jean Moreau", None),
])
def test_names_title_belongs_to_the_person_next_to_it(text: str, name: str, title: str | None) -> None:
    found = [m for m in people(names_of(text)) if m.text == name]
    assert len(found) == 1 and (found[0].role.title if found[0].role else None) == title


@pytest.mark.parametrize(("text", "expected"), [
    # an initial before the surname
    ("Bà K. Holloway và Tổng thống R.Ferrante đã ký.", ["K. Holloway", "R.Ferrante"]),
    # calendar_cycle.tsv: a heavenly stem and an earthly branch name a lunar date, not a person
    ("Hôm nay là ngày Bính Ngọ, tháng Đinh Dậu, năm Quý Mão.", []),
    # a heading in title case names no person; a name cut off by the end of the stored text is not whole
    ("Doanh Nghiệp Quan Ngại Về Thuế Quan Mới\nHai bên đã họp với Phó Thủ tướng Hồ Đứ", []),
    # a photo credit line ends at its line: the text after it is read
    ("Ảnh: Minh Đức\nÔng Phạm Văn Hải cho biết.", ["Phạm Văn Hải"]),
    ("Hai bên ký kết. Ảnh: TTXVN phát Theo phóng viên tại Bern, bà Anna Keller phát biểu sau đó rất lâu"
     " về các nội dung còn lại của vòng đàm phán.",
     ["Anna Keller"]),
    # "Mc" then a capital is a name, not a brand in camel case
    ("Giám đốc DPAA Kelly McTavish bày tỏ cảm ơn.", ["Kelly McTavish"]),
    # a surname named before, glued to another full name, is two people side by side
    ("Ông Jack Brenner đến. Cố vấn của Tổng thống Brenner Tom Hale nói.", ["Jack Brenner", "Brenner", "Tom Hale"]),
    # a golf club named after its owner is no person
    ("Hai bên gặp tại câu lạc bộ golf Jack Brenner Links hôm qua.", []),
    # a ship and a port are no people; an index is none either
    ("Tàu khu trục USS Walter Crane cập cảng Kuala Tanjung. Chỉ số Nasdaq Composite tăng.", []),
])
def test_names_not_people_or_initials(text: str, expected: list[str]) -> None:
    assert [m.text for m in people(names_of(text))] == expected


def test_names_acting_not_read_inside_a_compound_word() -> None:
    """_inside_word: "chính quyền Tổng thống X" is the administration of a president, not an acting one."""
    for text in ("Khi chính quyền Tổng thống Jack Brenner siết chặt thuế.", "Chính quyền Tổng thống Jack Brenner nói.",
                 "Rõ ràng là Chính quyền Tổng thống Jack Brenner đang ưu tiên."):
        found = [m for m in people(names_of(text)) if m.role]
        roles = [(m.text, m.role.title, m.role.acting) for m in found if m.role]
        assert roles == [("Jack Brenner", "Tổng thống", False)]
    found = [m for m in people(names_of("Ông gặp ông quyền Bộ trưởng Jack Brenner.")) if m.role]
    assert [(m.role.title, m.role.acting) for m in found if m.role] == [("Bộ trưởng", True)]
