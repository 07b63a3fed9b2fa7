"""Missing publication dates: from the URL where the outlet writes the date, else the article's own dates."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import SHARED

from tradetalks.ingest.articles import build_article
from tradetalks.ingest.published import from_text, from_url, infer_published
from tradetalks.pipeline import default_pipeline

TODAY = date(2026, 1, 31)


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://bao.example.vn/muc/tieu-de-bai-viet-20251114105505986.htm", date(2025, 11, 14)),
        ("https://bao.example.vn/tieu-de-205250708095302282.htm", date(2025, 7, 8)),
        ("https://bao.example.vn/tieu-de-215251223164723439.chn", date(2025, 12, 23)),
        ("http://www.example.fr/viet-nam/20140118-tieu-de-bai", date(2014, 1, 18)),
        ("https://blog.example.com/2024/03/09/tieu-de.html", date(2024, 3, 9)),
        ("https://blog.example.com/2025/07/tieu-de.html", None),  # a month names no day
        ("https://bao.example.vn/tieu-de-20251314105505986.htm", None),  # no 13th month
        ("https://bao.example.vn/tieu-de-20251114255505986.htm", None),  # no 25th hour: not a time stamp
        ("https://bao.example.vn/tieu-de-20270114105505986.htm", None),  # after the day it is read
        ("https://bao.example.vn/tieu-de-post1075733.vnp", None),
        ("https://bao.example.vn/news_view.htm?Seq_Code=20251114105505986.htm", None),  # a query is no path
    ],
)
def test_resolve_published_dates_from_url(url: str, value: date | None) -> None:
    assert from_url(url, TODAY) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tối 23/4/2025, hai bộ trưởng điện đàm; ngày 25/4/2025 hai bên họp tiếp.", date(2025, 4, 25)),
        ("Ngày 2 tháng 9 năm 2025, lễ kỷ niệm diễn ra.", date(2025, 9, 2)),
        ("Dự kiến có hiệu lực từ 1/1/2027.", None),  # after the day it is read
        ("Hiệp định ký ngày 13/7/2000 mở đường cho việc gia nhập WTO năm 2007.", None),  # history
        ("Vòng đàm phán kết thúc ngày 8/11/2013, hai bên hướng tới ký kết năm 2014.", date(2013, 11, 8)),
        ("Không có ngày tháng nào.", None),
        # the days told after the latest full date move it on: the article was written after them
        ("Chiều 3/3/2025 hai bên họp; sáng 5/3 và 6/3 các nhóm kỹ thuật làm việc.", date(2025, 3, 6)),
        ("Chiều 3/3/2025 hai bên họp, sau vòng họp tháng 1/1 trước đó.", date(2025, 3, 3)),
        # rule ``caption_dates_the_photo``: an archive photo's date says nothing of the article's
        ("Hai bên họp sáng nay.\nNgười dân xem pháo hoa đêm 1/1/2023 (Ảnh: tư liệu).", None),
        ("Hai bên họp sáng nay.\nĐoàn văn công biểu diễn ngày 2-9-2021 - Ảnh : Reuters .", None),
        ("Sáng 4/6/2023 hai bên họp.\nĐoàn văn công biểu diễn ngày 2-9-2021 - Ảnh : Reuters .", date(2023, 6, 4)),
        # rule ``effective_day_may_lie_ahead``: the day a rule takes effect may come after the article
        ("Ngày 12/11/2024 hội đồng họp phiên thứ hai; mức mới áp dụng từ 1-1-2025.", date(2024, 11, 12)),
        ("Ngày 12/11/2024 hội đồng họp; thông tư có hiệu lực kể từ ngày 1/1/2025.", date(2024, 11, 12)),
        # rule ``days_run_into_next_year``: a January day after a late-December date is in the next year
        ("Tối 30/12/2024 hai đoàn gặp nhau; sáng 3/1 họ ra thông cáo chung.", date(2025, 1, 3)),
        # rule ``dashed_day_after_day_word``: "chiều 9-4" is a day; "2-3 tuần" counts weeks
        ("Ngày 7/4/2025 hai bên trao đổi thư; chiều 9-4 bộ trưởng lên tiếng.", date(2025, 4, 9)),
        ("Ngày 7/4/2025 hai bên trao đổi thư; vòng tới sẽ họp sau 2-3 tuần.", date(2025, 4, 7)),
        # rule ``lede_day_beside_a_dated_quarter``: no full date, the first day told beside a quarter and its year
        (
            "Sáng 14/7, quỹ đầu tư trình bày báo cáo quý II/2024 về thị trường. Ngày 2/8 sẽ có số liệu mới.",
            date(2024, 7, 14),
        ),
        ("Chiều ngày 20/1, hội đồng công bố tăng trưởng quý IV/2023 của tỉnh.", date(2024, 1, 20)),  # after it
        ("Hôm 11/3 thành phố họp. Quý I/2022 doanh thu giảm.", None),  # the quarter is in another sentence
        ("Ngày 5/10, cơ quan thuế sẽ công bố số thu quý III/2024.", None),  # a day to come
        ("Ngày 5/10, ông sinh năm 1990 kể lại chuyện cũ.", None),  # a bare year is no quarter
        ("Ngày 3/4, hai nhóm so sánh quý I/2021 với quý I/2022.", None),  # quarters of two years
    ],
)
def test_resolve_published_dates_from_article_dates(text: str, value: date | None) -> None:
    assert from_text(text, TODAY) == value


def test_resolve_published_dates_url_before_article_dates() -> None:
    url = "https://bao.example.vn/tieu-de-20251026184955653.htm"
    assert infer_published(url, "Ngày 20/10/2025 hai bên họp.", TODAY) == ("2025-10-26", "url")
    assert infer_published(None, "Ngày 20/10/2025 hai bên họp.", TODAY) == ("2025-10-20", "article_dates")
    assert infer_published(None, "Hai bên họp.", TODAY) == (None, None)


def test_resolve_published_dates_resolved_by_names_the_origin() -> None:
    """A yearless date read against a date taken from the URL says so in ``resolved_by``."""
    text = "Ngày 24/10, hai đoàn đàm phán đã làm việc tại Hà Nội."
    url = "https://bao.example.vn/tieu-de-20251026184955653.htm"
    given = build_article("a.txt", text, url=url, published="2025-10-26")
    inferred = build_article("b.txt", text, url=url)
    assert (given.published, given.published_from) == ("2025-10-26", None)
    assert (inferred.published, inferred.published_from) == ("2025-10-26", "url")
    run = default_pipeline()
    assert [(t.value, t.resolved_by) for t in run(given).timexes] == [("2025-10-24", "publication_date")]
    assert [(t.value, t.resolved_by) for t in run(inferred).timexes] == [("2025-10-24", "url")]


def test_resolve_published_dates_agree_with_the_real_set() -> None:
    """Every real article whose URL gives a date was published that day or the next (stamps of creation)."""
    path = SHARED / "data" / "real" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/real is not present beside the repository")
    checked = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found = from_url(record["url"], date.today())
        if found is None or record["published"] is None:
            continue
        checked += 1
        assert 0 <= (date.fromisoformat(record["published"]) - found).days <= 1, record["url"]
    assert checked >= 10
