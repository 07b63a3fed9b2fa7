"""Search finds Vietnamese words with or without diacritics, ranks and highlights them (both backends)."""

from __future__ import annotations

from typing import Any

import pytest

from tradetalks.model import Article

# Short texts written for these tests from public facts; not taken from any article.
CORPUS = {
    "https://tin.example.vn/so": (
        "Thương mại số trong đàm phán",
        "Hai bên trao đổi về thương mại số và dòng dữ liệu xuyên biên giới.",
    ),
    "https://tin.example.vn/nong-san": (
        "Nông sản Việt sang Mỹ",
        "Đoàn doanh nghiệp bán hàng nông sản, trong đó có thanh long và sầu riêng, sang thị trường Hoa Kỳ.",
    ),
    "https://tin.example.vn/ban-hanh": (
        "Quy định mới",
        "Bộ Công Thương ban hành thông tư về quy tắc xuất xứ hàng hóa.",
    ),
    "https://tin.example.vn/dien-dam": (
        "Điện đàm cấp cao",
        "Đại diện Thương mại Hoa Kỳ điện đàm với Bộ trưởng Bộ Công Thương về thuế đối ứng.",
    ),
}


@pytest.fixture
def filled(store: Any) -> Any:
    for url, (title, text) in CORPUS.items():
        assert store.add_article(Article(url, text, title=title, url=url, outlet="Báo Mẫu")).status == "new"
    return store


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("thương mại số", "https://tin.example.vn/so"),
        ("thuong mai so", "https://tin.example.vn/so"),
        ("THUONG MAI SO", "https://tin.example.vn/so"),
        ("dam phan", "https://tin.example.vn/so"),
        ("đàm phán", "https://tin.example.vn/so"),
        ("dien dam", "https://tin.example.vn/dien-dam"),
        ("Điện Đàm", "https://tin.example.vn/dien-dam"),
        ("sau rieng", "https://tin.example.vn/nong-san"),
        ("quy tac xuat xu", "https://tin.example.vn/ban-hanh"),
        ("xuất xứ", "https://tin.example.vn/ban-hanh"),
    ],
)
def test_search_with_or_without_diacritics(filled: Any, query: str, url: str) -> None:
    hits = filled.search(query)
    assert [h.url for h in hits] == [url]
    assert hits[0].title == CORPUS[url][0]
    assert hits[0].source == url


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("thuong mai so", "[thương mại số]"),
        ("dong du lieu", "[dòng dữ liệu]"),
        ("xuyen bien gioi", "[xuyên biên giới]"),
    ],
)
def test_search_snippet_marks_original_words(filled: Any, query: str, marked: str) -> None:
    (hit,) = filled.search(query)
    assert marked in hit.snippet
    assert hit.snippet.replace("[", "").replace("]", "") in CORPUS[hit.url or ""][1]


def test_search_exact_diacritics_rank_first(filled: Any) -> None:
    """ "bán hàng" (sell goods) and "ban hành" (issue) fold alike; the spelling typed wins."""
    found = [h.url for h in filled.search("bán hàng")]
    assert found[0] == "https://tin.example.vn/nong-san"
    found = [h.url for h in filled.search("ban hành")]
    assert found[0] == "https://tin.example.vn/ban-hanh"


def test_search_finds_every_matching_article(filled: Any) -> None:
    urls = {h.url for h in filled.search("hoa ky")}
    assert urls == {"https://tin.example.vn/nong-san", "https://tin.example.vn/dien-dam"}


def test_search_title_counts_more(filled: Any) -> None:
    body = "Bài viết ngắn về chính sách thuế quan mới của hai nước."
    filled.add_article(Article("a", body, title="Tin trong ngày", url="https://tin.example.vn/a"))
    filled.add_article(Article("b", body + " Hết.", title="Thuế quan", url="https://tin.example.vn/b"))
    hits = filled.search("thue quan")
    assert [h.url for h in hits] == ["https://tin.example.vn/b", "https://tin.example.vn/a"]
    assert hits[0].score > hits[1].score


def test_search_limit(filled: Any) -> None:
    assert len(filled.search("hoa ky", limit=1)) == 1
    assert filled.search("hoa ky", limit=0) == []


def test_search_sees_only_the_latest_version(filled: Any) -> None:
    url = "https://tin.example.vn/so"
    filled.add_article(Article(url, "Bản sửa: nội dung về năng lượng sạch.", title="Năng lượng", url=url))
    assert filled.search("thuong mai so") == []
    assert [h.url for h in filled.search("nang luong sach")] == [url]


def test_search_no_match_is_empty(filled: Any) -> None:
    assert filled.search("bán dẫn") == []


def test_search_whole_phrase_ranks_first(store: Any) -> None:
    """Words that form the phrase beat the same words scattered, whatever their frequency."""
    scattered = "Phần dầm cầu cũ và phần dầm thép mới được thay; phần dầm còn lại giữ nguyên phần sơn."
    together = "Ngày mai hai bên tiếp tục đàm phán tại Hà Nội về nhiều nội dung khác nhau của hiệp định."
    store.add_article(Article("a", scattered, title="Sửa cầu", url="https://tin.example.vn/cau"))
    store.add_article(Article("b", together, title="Lịch làm việc", url="https://tin.example.vn/lich"))
    assert [h.url for h in store.search("dam phan")] == ["https://tin.example.vn/lich", "https://tin.example.vn/cau"]
