"""Time expressions in Vietnamese sentences: what is a date, its value, how its year was settled."""

from __future__ import annotations

import pytest

from tradetalks.extract.timex import find_timexes
from tradetalks.model import Sentence

# (sentence, publication date, [(quoted text, value, resolved_by, time_of_day)])
DATES = [
    ("Hai đoàn gặp nhau ngày 12/11/2025 tại Hà Nội.", None, [("ngày 12/11/2025", "2025-11-12", "explicit", None)]),
    ("Văn bản được ký ngày 12-11-2025.", None, [("ngày 12-11-2025", "2025-11-12", "explicit", None)]),
    ("Thời hạn cuối là 03.07.2024, theo thông báo.", None, [("03.07.2024", "2024-07-03", "explicit", None)]),
    ("Buổi lễ diễn ra ngày 5 tháng 9 năm 2023.", None, [("ngày 5 tháng 9 năm 2023", "2023-09-05", "explicit", None)]),
    ("Phiên họp mở màn ngày 7/3.", None, [("ngày 7/3", "XXXX-03-07", None, None)]),
    ("Bộ trưởng đã tiếp đoàn hôm 21/6.", None, [("hôm 21/6", "XXXX-06-21", None, None)]),
    ("Sáng 9/10, hai bên ký biên bản.", None, [("Sáng 9/10", "XXXX-10-09", None, "morning")]),
    ("Đoàn đến Hà Nội trưa 15/8.", None, [("trưa 15/8", "XXXX-08-15", None, "noon")]),
    ("Chiều ngày 30/4, lễ diễu hành bắt đầu.", None, [("Chiều ngày 30/4", "XXXX-04-30", None, "afternoon")]),
    ("Tối 1/6 có buổi chiêu đãi.", None, [("Tối 1/6", "XXXX-06-01", None, "evening")]),
    ("Đêm 24/12 phố đông người.", None, [("Đêm 24/12", "XXXX-12-24", None, "night")]),
    ("Vụ cháy xảy ra rạng sáng 17/2.", None, [("rạng sáng 17/2", "XXXX-02-17", None, "morning")]),
    ("Cuộc gọi diễn ra chiều tối 8/5.", None, [("chiều tối 8/5", "XXXX-05-08", None, "evening")]),
    ("Hội nghị khai mạc ngày 2-1 tại Đà Nẵng.", None, [("ngày 2-1", "XXXX-01-02", None, None)]),
    ("Lễ Quốc khánh mồng 2/9 được tổ chức trang trọng.", None, [("mồng 2/9", "XXXX-09-02", None, None)]),
    (
        "Thứ Sáu, ngày 6/3/2026, hai bộ trưởng gặp nhau.",
        None,
        [("Thứ Sáu, ngày 6/3/2026", "2026-03-06", "explicit", None)],
    ),
    ("Ông sẽ sang Mỹ vào thứ Tư (18/3).", None, [("thứ Tư (18/3)", "XXXX-03-18", None, None)]),
    ("Hội đàm diễn ra ngày 9 tháng Mười Hai.", None, [("ngày 9 tháng Mười Hai", "XXXX-12-09", None, None)]),
    ("Thỏa thuận ký ngày 20/7 năm 2024.", None, [("ngày 20/7 năm 2024", "2024-07-20", "explicit", None)]),
    # years settled by the publication date: the nearest sensible year
    ("Ngày 28/12, hai bên trao đổi.", "2026-01-05", [("Ngày 28/12", "2025-12-28", "publication_date", None)]),
    ("Vòng đàm phán dự kiến ngày 12/11.", "2025-10-15", [("ngày 12/11", "2025-11-12", "publication_date", None)]),
    ("Ngày 3/1 đoàn sẽ lên đường.", "2025-12-20", [("Ngày 3/1", "2026-01-03", "publication_date", None)]),
    ("Hội nghị ngày 25/12 tới sẽ bàn tiếp.", "2025-12-27", [("ngày 25/12", "2026-12-25", "publication_date", None)]),
    ("Cuộc họp ngày 2/1 vừa qua đã kết thúc.", "2025-12-30", [("ngày 2/1", "2025-01-02", "publication_date", None)]),
    # a tense word moves a date that the nearest year would put far on the other side of publication
    ("Chiều 2-4, ông Trump đã công bố.", "2025-11-15", [("Chiều 2-4", "2025-04-02", "publication_date", "afternoon")]),
    # a relative year after a bare d/m makes it a day whatever follows
    (
        "Mức phí áp dụng từ 3/11 năm ngoái vẫn giữ nguyên.",
        "2026-01-05",
        [("3/11 năm ngoái", "2025-11-03", "publication_date", None)],
    ),
    # far ahead with no word of a coming event: news tells what happened (_side_told)
    ("Ngày 2/4, ông Trump công bố thuế.", "2025-11-15", [("Ngày 2/4", "2025-04-02", "publication_date", None)]),
    ("Đầu tháng 2, bà ký quyết định mới.", "2025-10-20", [("Đầu tháng 2", "2025-02", "publication_date", None)]),
    ("Ngày 2/4, hai bên sẽ công bố kết quả.", "2025-11-15", [("Ngày 2/4", "2026-04-02", "publication_date", None)]),
    ("Ngày 20/9 hai bên đã họp.", "2025-06-01", [("Ngày 20/9", "2024-09-20", "publication_date", None)]),
    ("Ngày 20/1 hai bên đã họp.", "2025-11-15", [("Ngày 20/1", "2026-01-20", "publication_date", None)]),
    ("Hai bên đã nhất trí họp vào ngày 20/3.", "2025-11-15", [("ngày 20/3", "2026-03-20", "publication_date", None)]),
    ("Ngày 29/2, các bên họp.", "2024-03-10", [("Ngày 29/2", "2024-02-29", "publication_date", None)]),
    ("Ngày 29/2, các bên họp.", "2022-03-10", [("Ngày 29/2", "XXXX-02-29", None, None)]),
    # a full date in the same sentence settles the year; a year-only mention does not
    (
        "Sau phiên họp ngày 20/10/2025, sáng 22/10 hai đoàn tiếp tục làm việc.",
        None,
        [("ngày 20/10/2025", "2025-10-20", "explicit", None), ("sáng 22/10", "2025-10-22", "nearby_year", "morning")],
    ),
    (
        "Trong năm 2023, ngày 14/6 hai bên gặp nhau.",
        None,
        [("năm 2023", "2023", "explicit", None), ("ngày 14/6", "XXXX-06-14", None, None)],
    ),
    (
        "Ngày 30/12/2025 và ngày 3/1 là hai phiên họp cuối.",
        None,
        [("Ngày 30/12/2025", "2025-12-30", "explicit", None), ("ngày 3/1", "2026-01-03", "nearby_year", None)],
    ),
    ("Hà Nội, 14/5 - Bộ Ngoại giao cho biết.", None, [("14/5", "XXXX-05-14", None, None)]),
    ("Phiên tòa hoãn tới 22/9.", None, [("22/9", "XXXX-09-22", None, None)]),
]

INTERVALS = [
    (
        "Hội nghị họp từ ngày 3 tháng 6 đến ngày 5 tháng 6 năm 2025 tại Geneva.",
        None,
        [("ngày 3 tháng 6 đến ngày 5 tháng 6 năm 2025", "2025-06-03/2025-06-05", "explicit", None)],
    ),
    (
        "Đoàn nghỉ từ ngày 29 tháng 12 năm 2025 đến ngày 2 tháng 1 năm 2026.",
        None,
        [("ngày 29 tháng 12 năm 2025 đến ngày 2 tháng 1 năm 2026", "2025-12-29/2026-01-02", "explicit", None)],
    ),
    # the number after "tháng" is a month, never the first day of a span
    (
        "Kế hoạch tháng 5 đến ngày 20/5 phải xong.",
        "2025-04-10",
        [("tháng 5", "2025-05", "publication_date", None), ("ngày 20/5", "2025-05-20", "publication_date", None)],
    ),
    ("Từ 3–5/6/2025, đoàn làm việc tại Geneva.", None, [("3–5/6/2025", "2025-06-03/2025-06-05", "explicit", None)]),
    ("Vòng đàm phán diễn ra 21-23/9.", None, [("21-23/9", "XXXX-09-21/XXXX-09-23", None, None)]),
    ("Hội chợ mở từ ngày 8 đến 10-4.", None, [("ngày 8 đến 10-4", "XXXX-04-08/XXXX-04-10", None, None)]),
    ("Triển lãm kéo dài từ 3/7 đến 9/7 tại Hà Nội.", None, [("3/7 đến 9/7", "XXXX-07-03/XXXX-07-09", None, None)]),
    (
        "Kỳ nghỉ từ 30/12/2025 đến 3/1/2026 là dịp đoàn tụ.",
        None,
        [("30/12/2025 đến 3/1/2026", "2025-12-30/2026-01-03", "explicit", None)],
    ),
    (
        "Từ 29/12 đến 2/1/2026 hai bên nghỉ lễ.",
        None,
        [("29/12 đến 2/1/2026", "2025-12-29/2026-01-02", "explicit", None)],
    ),
    (
        "Từ 20/12 đến 5/1, các đoàn tạm nghỉ.",
        "2025-12-01",
        [("20/12 đến 5/1", "2025-12-20/2026-01-05", "publication_date", None)],
    ),
    ("Ông làm đại sứ (1997–2003) rồi về nước.", None, [("1997–2003", "1997/2003", "explicit", None)]),
    ("Kế hoạch giai đoạn 2021-2025 đã hoàn thành.", None, [("2021-2025", "2021/2025", "explicit", None)]),
    ("Từ năm 2018 đến 2022, xuất khẩu tăng đều.", None, [("năm 2018 đến 2022", "2018/2022", "explicit", None)]),
    ("Lượng mưa tháng 6-8/2024 vượt trung bình.", None, [("tháng 6-8/2024", "2024-06/2024-08", "explicit", None)]),
    (
        "Từ tháng 10/2024 đến tháng 3/2025 giá lúa tăng.",
        None,
        [("tháng 10/2024 đến tháng 3/2025", "2024-10/2025-03", "explicit", None)],
    ),
    (
        "Các cuộc họp diễn ra ngày 4 đến ngày 6 tháng 3.",
        None,
        [("ngày 4 đến ngày 6 tháng 3", "XXXX-03-04/XXXX-03-06", None, None)],
    ),
]

MONTHS_YEARS = [
    # _far_side: a month is far ahead only when its first day is (81 days here: the nearest year stands)
    ("Tổng thống lùi hạn áp thuế sang tháng 11.", "2025-08-12", [("tháng 11", "2025-11", "publication_date", None)]),
    # _parenthesized: a year alone in brackets after what it dates
    (
        "Hai cuộc khủng hoảng (1997) và (2008-2009) để lại bài học.",
        None,
        [("1997", "1997", "explicit", None), ("2008-2009", "2008/2009", "explicit", None)],
    ),
    # handle_year_part: a count of months from the start or the end of a year
    (
        "Doanh thu 6 tháng đầu năm 2023 tăng mạnh.",
        None,
        [("6 tháng đầu năm 2023", "2023-01/2023-06", "explicit", None)],
    ),
    (
        "Kế hoạch cho 3 tháng cuối năm được bàn kỹ.",
        "2025-09-20",
        [("3 tháng cuối năm", "2025-10/2025-12", "publication_date", None)],
    ),
    (
        "Nửa cuối năm 2026 thị trường sẽ ổn định hơn.",
        None,
        [("Nửa cuối năm 2026", "2026-07/2026-12", "explicit", None)],
    ),
    (
        "Trong nửa đầu năm nay, đơn hàng giảm.",
        "2024-08-01",
        [("nửa đầu năm nay", "2024-01/2024-06", "publication_date", None)],
    ),
    (
        "Giá điện bình quân 11 tháng năm 2022 cao hơn.",
        None,
        [("11 tháng năm 2022", "2022-01/2022-11", "explicit", None)],
    ),
    ("Nửa đầu năm, sản lượng tăng nhẹ.", None, [("Nửa đầu năm", "XXXX-01/XXXX-06", None, None)]),
    # a bare year listed after a year written with "năm" is a year too; a listed "năm 2020" is no decade
    (
        "Đội vô địch các năm 2008 và 2018.",
        None,
        [("năm 2008", "2008", "explicit", None), ("2018", "2018", "explicit", None)],
    ),
    (
        "Trong các năm 2020, 2021 và 2022, xuất khẩu tăng.",
        None,
        [
            ("năm 2020", "2020", "explicit", None),
            ("2021", "2021", "explicit", None),
            ("2022", "2022", "explicit", None),
        ],
    ),
    # "hồi" before a date without a year places it before the publication date
    ("Mức thuế được công bố hồi đầu tháng 4.", "2025-11-15", [("đầu tháng 4", "2025-04", "publication_date", None)]),
    ("Hồi tháng 12, hai đoàn đã gặp nhau.", "2025-11-20", [("tháng 12", "2024-12", "publication_date", None)]),
    ("Đầu tháng 4 hai bên sẽ gặp lại.", "2025-11-15", [("Đầu tháng 4", "2026-04", "publication_date", None)]),
    ("Hai bên dự kiến ký kết trong tháng 7.", None, [("tháng 7", "XXXX-07", None, None)]),
    ("Hiệp định có hiệu lực từ tháng 8/2020.", None, [("tháng 8/2020", "2020-08", "explicit", None)]),
    ("Đàm phán bắt đầu tháng 4 năm 2025.", None, [("tháng 4 năm 2025", "2025-04", "explicit", None)]),
    ("Báo cáo tháng 2-2026 cho thấy xuất khẩu tăng.", None, [("tháng 2-2026", "2026-02", "explicit", None)]),
    ("Cuối tháng 9, đoàn sẽ trở lại.", "2025-08-20", [("Cuối tháng 9", "2025-09", "publication_date", None)]),
    ("Đầu tháng 1, hai bộ trưởng điện đàm.", "2025-12-28", [("Đầu tháng 1", "2026-01", "publication_date", None)]),
    ("Giữa tháng Sáu, hai bên sẽ gặp nhau.", None, [("Giữa tháng Sáu", "XXXX-06", None, None)]),
    ("Năm 2019, kim ngạch đạt mức kỷ lục.", None, [("Năm 2019", "2019", "explicit", None)]),
    ("Từ những năm 1990, hai nước đã buôn bán.", None, [("năm 1990", "1990/1999", "explicit", None)]),
    ("Phần 3 năm 2010 được khen hơn.", None, [("năm 2010", "2010", "explicit", None)]),
    (
        "Trong hai ngày 6 và 7/8, hai bên họp.",
        None,
        [("ngày 6", "XXXX-08-06", None, None), ("7/8", "XXXX-08-07", None, None)],
    ),
    (
        "Các ngày 27 và 28-2-2019 hội nghị diễn ra.",
        None,
        [("ngày 27", "2019-02-27", "explicit", None), ("28-2-2019", "2019-02-28", "explicit", None)],
    ),
    ("Tăng trưởng quý III/2025 vượt dự báo.", None, [("quý III/2025", "2025-Q3", "explicit", None)]),
    ("Số liệu quý 1 năm 2024 đã được công bố.", None, [("quý 1 năm 2024", "2024-Q1", "explicit", None)]),
    ("Kết quả quý IV sẽ công bố sau.", "2026-01-10", [("quý IV", "2025-Q4", "publication_date", None)]),
    ("Tháng 11 năm ngoái, hai bên đã ký.", "2026-03-01", [("Tháng 11 năm ngoái", "2025-11", "publication_date", None)]),
    ("Tháng 11 năm ngoái, hai bên đã ký.", None, [("Tháng 11 năm ngoái", "XXXX-11", None, None)]),
]

RELATIVE = [
    ("Hôm qua, bộ trưởng đã điện đàm.", "2025-11-14", [("Hôm qua", "2025-11-13", "publication_date", None)]),
    ("Hôm nay hai bên họp báo.", "2026-01-01", [("Hôm nay", "2026-01-01", "publication_date", None)]),
    ("Ngày mai đoàn về nước.", "2025-12-31", [("Ngày mai", "2026-01-01", "publication_date", None)]),
    ("Trưa nay, Thủ tướng tiếp đoàn.", "2025-11-14", [("Trưa nay", "2025-11-14", "publication_date", "noon")]),
    ("Tối qua, hai bên ra tuyên bố chung.", "2026-01-01", [("Tối qua", "2025-12-31", "publication_date", "evening")]),
    ("Tuần tới, vòng đàm phán mới bắt đầu.", "2025-11-14", [("Tuần tới", "2025-W47", "publication_date", None)]),
    ("Tuần trước hai đoàn đã trao đổi.", "2026-01-02", [("Tuần trước", "2025-W52", "publication_date", None)]),
    ("Tháng tới, Bộ sẽ công bố kết quả.", "2025-12-10", [("Tháng tới", "2026-01", "publication_date", None)]),
    ("Năm ngoái, xuất khẩu tăng mạnh.", "2026-02-01", [("Năm ngoái", "2025", "publication_date", None)]),
    (  # the end of a week is its Saturday and Sunday
        "Cuối tuần qua, hai trưởng đoàn đã điện đàm.",
        "2025-11-19",
        [("Cuối tuần qua", "2025-11-15/2025-11-16", "publication_date", None)],
    ),
    ("Đầu tuần này hai bên trao đổi văn bản.", "2025-11-19", [("Đầu tuần này", "2025-W47", "publication_date", None)]),
    ("Đầu tháng sau, đoàn sẽ sang Mỹ.", "2025-12-20", [("Đầu tháng sau", "2026-01", "publication_date", None)]),
    ("Tuần sau đó, hai bên họp lại.", "2025-11-19", []),
    (
        "Thứ Hai tuần tới, đoàn sẽ lên đường.",
        "2025-11-14",
        [("Thứ Hai tuần tới", "2025-11-17", "publication_date", None)],
    ),
    (
        "Sáng nay (14/11), hai bên họp.",
        "2025-11-14",
        [("Sáng nay (14/11)", "2025-11-14", "publication_date", "morning")],
    ),
    ("Hôm qua, bộ trưởng đã điện đàm.", None, []),
    ("Hôm thứ Ba, ông phát biểu tại Quốc hội.", "2025-11-14", [("Hôm thứ Ba", "2025-11-11", "publication_date", None)]),
    ("Hai bên sẽ gặp vào thứ Năm tới.", "2025-11-14", [("thứ Năm tới", "2025-11-20", "publication_date", None)]),
    ("Vòng thứ Năm tới sẽ diễn ra ở Hà Nội.", "2025-11-14", []),
]

NOT_DATES = [
    "Ông bị phạt 2 năm 6 tháng tù giam.",
    "Hai bên mất nửa năm để chuẩn bị.",
    "Có 2008 và 2018 người tham dự hội nghị.",
    "Việt Nam đứng thứ 11/142 quốc gia về chỉ số này.",
    "Tỷ lệ 3/4 số hộ đã được hỗ trợ.",
    "Có tới 1/3 số doanh nghiệp báo lỗ.",
    "Đội nhà thắng 2-1 trong trận cuối.",
    "Kim ngạch đạt 150 tỷ USD, tăng 46%.",
    "Hai nước đã có 30 năm quan hệ ngoại giao.",
    "Sau hơn 2 năm nâng cấp quan hệ, hai bên hài lòng.",
    "Đoàn làm việc trong 3 ngày tại thủ đô.",
    "Cuộc họp bắt đầu lúc 9h30.",
    "Theo Nghị định 15/2018/NĐ-CP, doanh nghiệp phải khai báo.",
    "Quyết định số 123/QĐ-TTg được ban hành.",
    "Bản cập nhật 2.3.1 sửa nhiều lỗi.",
    "Gọi đường dây nóng 1900-2024 để được hỗ trợ.",
    "Cửa hàng mở cửa 24/7 suốt dịp lễ.",
    "Mức giảm từ 1/3 xuống còn 1/4 giá trị.",
    "Chỉ số BMI từ 18.5 đến 24.9 là bình thường.",
    "Khoảng 2/3 đại biểu tán thành.",
    "Có 2000 người tham dự, năm 2000 người khác theo dõi trực tuyến.",
    "Nhiều năm nay, làng nghề phát triển mạnh.",
    "Trong những ngày tới, hai bên sẽ họp trực tuyến.",
    "Hàng tháng 3 lần đoàn kiểm tra kho.",
    "Lễ hội diễn ra vào rằm tháng 7 âm lịch.",
    "Xin ghi rõ ngày tháng năm sinh của người khai.",
    "Lễ hội làng mở vào tháng Giêng hằng năm.",
    "Mười năm sau đó, công ty mở rộng ra nước ngoài.",
    "Anh ấy đã ở đó 3 tháng 5 ngày.",
    "Vòng đàm phán thứ hai kết thúc tốt đẹp.",
    "Chi phí từ 1/3 đến 1/2 số vốn ban đầu.",
    "Kết quả chỉ bằng 1/3, 1/4 năm trước.",
]


def _check(text: str, published: str | None, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    got = [(t.text, t.value, t.resolved_by, t.time_of_day) for t in find_timexes(text, published)]
    assert got == expected


@pytest.mark.parametrize(("text", "published", "expected"), DATES)
def test_timex_dates(text: str, published: str | None, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    _check(text, published, expected)


@pytest.mark.parametrize(("text", "published", "expected"), INTERVALS)
def test_timex_intervals(
    text: str, published: str | None, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    _check(text, published, expected)


@pytest.mark.parametrize(("text", "published", "expected"), MONTHS_YEARS)
def test_timex_months_years(
    text: str, published: str | None, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    _check(text, published, expected)


@pytest.mark.parametrize(("text", "published", "expected"), RELATIVE)
def test_timex_relative(
    text: str, published: str | None, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    _check(text, published, expected)


@pytest.mark.parametrize("text", NOT_DATES)
@pytest.mark.parametrize("published", [None, "2025-06-15"])
def test_timex_not_dates(text: str, published: str | None) -> None:
    assert [t.text for t in find_timexes(text, published)] == []


def test_timex_same_day_takes_the_day_last_told() -> None:
    """_with_same_day: "Cùng ngày" and "tối cùng ngày" are the day told before them, with their part of day."""
    text = "Sáng 3/5, bộ trưởng thăm nhà máy. Cùng ngày, ông gặp hiệp hội. Tối cùng ngày, đoàn rời thành phố."
    got = [(t.text, t.value, t.time_of_day) for t in find_timexes(text, "2024-05-04")]
    assert got == [
        ("Sáng 3/5", "2024-05-03", "morning"),
        ("Cùng ngày", "2024-05-03", None),
        ("Tối cùng ngày", "2024-05-03", "evening"),
    ]
    assert find_timexes("Cùng ngày, hai bên ký văn bản.", "2024-05-04") == []  # no day told before
    assert [t.text for t in find_timexes("Từ 2-4/5 hội chợ mở cửa. Cùng ngày, giá tăng.", "2024-05-04")] == ["2-4/5"]


def test_timex_year_is_never_taken_from_an_anniversary() -> None:
    """_anniversary: the same day and month, dated far from publication, is what the day commemorates."""
    text = "Sáng 19/8, thành phố kỷ niệm ngày khởi nghĩa (19/8/1945)."
    assert [(t.text, t.value) for t in find_timexes(text, "2024-08-20")][0] == ("Sáng 19/8", "2024-08-19")
    text = "Từ 3-5/6/2016 đoàn khảo sát, đến ngày 9/6 thì về nước."  # a report of that year keeps its year
    assert [(t.text, t.value) for t in find_timexes(text, "2024-08-20")][1] == ("ngày 9/6", "2016-06-09")


def test_timex_kinds() -> None:
    text = "Ngày 4/2, từ 12-14/11, tháng 11, năm 2024, quý II/2025, 1989–2001, hôm qua."
    kinds = [t.kind for t in find_timexes(text, "2025-10-15")]
    assert kinds == ["date", "interval", "month", "year", "quarter", "interval", "relative"]


def test_timex_nearby_year_stays_in_its_sentence() -> None:
    text = "Phiên họp kết thúc ngày 14/11/2025. Sáng 17/11, đoàn về nước."
    second = text.index("Sáng")
    sentences = [Sentence(0, second - 1), Sentence(second, len(text))]
    values = [t.value for t in find_timexes(text, None, sentences)]
    assert values == ["2025-11-14", "XXXX-11-17"]
    values = [t.value for t in find_timexes(text, None, [Sentence(0, len(text))])]
    assert values == ["2025-11-14", "2025-11-17"]


def test_timex_nearby_year_stays_in_its_paragraph() -> None:
    text = "Phiên họp kết thúc ngày 14/11/2025\nSáng 17/11 đoàn về nước."
    values = [t.value for t in find_timexes(text, None, [Sentence(0, len(text))])]
    assert values == ["2025-11-14", "XXXX-11-17"]


def test_timex_matching_view_with_plain_dashes() -> None:
    text = "Từ 12—14/11/2025 hai đoàn họp."
    key = text.replace("—", "-")
    (timex,) = find_timexes(text, None, key=key)
    assert (timex.text, timex.value) == ("12—14/11/2025", "2025-11-12/2025-11-14")
