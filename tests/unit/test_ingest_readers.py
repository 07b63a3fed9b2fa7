"""Readers for plain text, HTML, RSS/Atom, JSON Lines and directories, on real files in tmp_path."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tradetalks.errors import IngestError
from tradetalks.ingest import read_inputs
from tradetalks.ingest.files import kind_by_name, sniff_kind
from tradetalks.model import Article, article_id

BODY = "Thứ trưởng Bộ Công Thương đã làm việc với đoàn Hoa Kỳ.\n\nHai bên thống nhất họp trực tuyến vào tuần sau."


def read_all(*paths: Path | str) -> list[Article | IngestError]:
    return list(read_inputs([str(p) for p in paths]))


def only_article(path: Path) -> Article:
    (item,) = read_all(path)
    assert isinstance(item, Article), item
    return item


@pytest.mark.parametrize(
    ("header", "title", "published"),
    [
        ("", None, None),
        ("Title: Đàm phán thương mại Việt - Mỹ\n\n", "Đàm phán thương mại Việt - Mỹ", None),
        (" date 2025-10-15 Thông tin mới về đàm phán\n\n", "Thông tin mới về đàm phán", "2025-10-15"),
        ("date 2025-11-14\n", None, "2025-11-14"),
        ("Title: Vòng thứ năm\n date 2025-11-15\n\n", "Vòng thứ năm", "2025-11-15"),
        ("Tiêu đề: Vòng thứ sáu\nNgày: 2026-02-04\n", "Vòng thứ sáu", "2026-02-04"),
        ("date 2025-13-45\n", None, None),
    ],
)
def test_read_text_headers(tmp_path: Path, header: str, title: str | None, published: str | None) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(header + BODY, encoding="utf-8")
    article = only_article(path)
    assert (article.title, article.published) == (title, published)
    assert article.text == BODY
    assert article.source == str(path)
    assert article.id == article_id(str(path))


def test_read_text_date_line_after_title_starts_the_body(tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text("Title: Họp kỹ thuật\n date 2025-11-14 Sáng nay hai đoàn họp.\nChiều họp tiếp.", encoding="utf-8")
    article = only_article(path)
    assert (article.title, article.published) == ("Họp kỹ thuật", "2025-11-14")
    assert article.text == "Sáng nay hai đoàn họp.\nChiều họp tiếp."


def test_read_text_keeps_spelling_and_repairs(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(("Title: Hoà giải\r\n\r\nCộng hoà   và   thoả thuận\r\n").encode("utf-16"))
    article = only_article(path)
    assert article.title == "Hoà giải"
    assert article.text == "Cộng hoà và thoả thuận"


HTML_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hai đoàn họp tại Washington</title>
<meta property="og:site_name" content="Báo Thử Nghiệm">
<meta property="article:published_time" content="2025-11-15T08:00:00+07:00">
</head><body><nav><a href="/">Trang chủ</a> <a href="/x">Kinh tế</a></nav>
<article><h1>Hai đoàn họp tại Washington</h1>
<p>Sáng 12/11, đoàn đàm phán Việt Nam do Thứ trưởng dẫn đầu đã làm việc với phía Hoa Kỳ tại Washington.</p>
<p>Hai bên trao đổi về quy tắc xuất xứ, thương mại số và nông nghiệp, đồng thời thống nhất lịch họp tiếp theo.</p>
</article><footer>Bản quyền thuộc về trang thử nghiệm</footer></body></html>"""


def test_read_html_page(tmp_path: Path) -> None:
    path = tmp_path / "trang.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = only_article(path)
    assert article.title == "Hai đoàn họp tại Washington"
    assert article.published == "2025-11-15"
    assert article.outlet == "Báo Thử Nghiệm"
    assert article.text.startswith("Sáng 12/11, đoàn đàm phán Việt Nam")
    assert "quy tắc xuất xứ" in article.text
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>chưa đóng thẻ",
        "<html><head><title>Lỗi</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
        "<<<>>><p><div></span>",
    ],
)
def test_read_html_without_main_text_is_refused(tmp_path: Path, html: str) -> None:
    path = tmp_path / "hong.html"
    path.write_text(html, encoding="utf-8")
    (item,) = read_all(path)
    assert isinstance(item, IngestError)
    assert item.source == str(path)
    assert "no main text" in item.reason


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bản tin Thử</title>
<item><title>Điện đàm cấp thứ trưởng</title><link>https://thu.example.org/a</link>
<pubDate>Fri, 19 Sep 2025 16:40:00 +0700</pubDate>
<description><![CDATA[<p>Chiều 18/9, hai thứ trưởng <b>điện đàm</b> về tiến độ.</p>
<p>Hai bên hẹn họp tiếp.</p>]]></description></item>
<item><title>Tin không có nội dung</title><link>https://thu.example.org/b</link><description></description></item>
<item><title>Tin không có liên kết</title><description>Một đoạn tin ngắn không có đường dẫn.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Nguồn Atom</title>
<entry><title>Vòng đàm phán thứ sáu</title><link href="https://atom.example.org/v6"/>
<updated>2026-02-05T10:00:00Z</updated><published>2026-02-04T09:00:00Z</published>
<content type="html">&lt;p&gt;Vòng thứ sáu diễn ra tại Washington.&lt;/p&gt;</content></entry></feed>"""


def test_read_rss_items(tmp_path: Path) -> None:
    path = tmp_path / "tin.xml"
    path.write_text(RSS, encoding="utf-8")
    first, empty, no_link = read_all(path)
    assert isinstance(first, Article)
    assert first.url == first.source == "https://thu.example.org/a"
    assert first.id == article_id("https://thu.example.org/a")
    assert (first.title, first.published, first.outlet) == ("Điện đàm cấp thứ trưởng", "2025-09-19", "Bản tin Thử")
    assert first.text == "Chiều 18/9, hai thứ trưởng điện đàm về tiến độ.\n\nHai bên hẹn họp tiếp."
    assert isinstance(empty, IngestError) and empty.source == f"{path}#2"
    assert isinstance(no_link, Article) and no_link.source == f"{path}#3" and no_link.url is None


def test_read_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "nguon.atom"
    path.write_text(ATOM, encoding="utf-8")
    article = only_article(path)
    assert article.url == "https://atom.example.org/v6"
    assert (article.published, article.outlet) == ("2026-02-04", "Nguồn Atom")
    assert article.text == "Vòng thứ sáu diễn ra tại Washington."


def test_read_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "hong.rss"
    path.write_text("<rss><channel><title>x</title><item><title>thiếu", encoding="utf-8")
    (item,) = read_all(path)
    assert isinstance(item, IngestError) and item.source.startswith(str(path))


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"url": "https://j.example.org/1", "title": "Tin một", "published": "2025-11-14", "text": BODY}),
        json.dumps({"title": "Tin hai, không có ngày", "text": "Hai đoàn họp trực tuyến về thuế đối ứng."}),
        "{không phải JSON",
        json.dumps(["một", "mảng"]),
        json.dumps({"url": "https://j.example.org/3", "title": "Thiếu nội dung"}),
        "",
        json.dumps({"url": "https://j.example.org/4", "text": "Có giờ.", "published": "2025-07-03T08:15:00+07:00"}),
    ]


@pytest.mark.parametrize("name", ["kho.jsonl", "kho.jsonl.gz", "kho-khong-duoi"])
def test_read_jsonl(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = ("\n".join(jsonl_lines()) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = read_all(path)
    assert len(items) == 6  # the empty line is skipped
    one, two, bad_json, array, no_text, dated = items
    assert isinstance(one, Article) and one.source == one.url == "https://j.example.org/1"
    assert (one.title, one.published, one.text) == ("Tin một", "2025-11-14", BODY)
    assert isinstance(two, Article) and two.source == f"{path}:2" and two.published is None and two.url is None
    assert two.id == article_id(f"{path}:2")
    assert isinstance(bad_json, IngestError) and bad_json.source == f"{path}:3" and "invalid JSON" in bad_json.reason
    assert isinstance(array, IngestError) and array.source == f"{path}:4" and "JSON object" in array.reason
    assert isinstance(no_text, IngestError) and no_text.source == f"{path}:5" and '"text"' in no_text.reason
    assert isinstance(dated, Article) and dated.published == "2025-07-03"


def test_read_damaged_gzip(tmp_path: Path) -> None:
    path = tmp_path / "hong.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(jsonl_lines()) + "\n").encode("utf-8"))[:-30])
    items = read_all(path)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], IngestError) and "compressed" in items[-1].reason


def test_read_directory_sorted_recursive_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".an").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Bài hai.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Bài một.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Bài ba.", encoding="utf-8")
    (tmp_path / ".an.txt").write_text("Ẩn.", encoding="utf-8")
    (tmp_path / ".an" / "x.txt").write_text("Ẩn.", encoding="utf-8")
    (tmp_path / "README.md").write_text("Không phải bài báo.", encoding="utf-8")
    texts = [item.text for item in read_all(tmp_path) if isinstance(item, Article)]
    assert texts == ["Bài một.", "Bài hai.", "Bài ba."]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text("Title: Chỉ có tiêu đề\n\n", encoding="utf-8"), "no article text"),
        (lambda p: p.write_bytes(b"\x00\x01\x02" * 100), "binary content"),
        (lambda p: None, "no such file or directory"),
    ],
)
def test_read_bad_text_files(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "xau.txt"
    make(path)  # type: ignore[operator]
    (item,) = read_all(path)
    assert isinstance(item, IngestError) and item.source == str(path)
    assert item.reason.startswith(reason)


def test_read_refuses_large_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    (item,) = read_all(path)
    assert isinstance(item, IngestError)
    assert item.reason == "too large (50.0 MB; the limit is 20 MB)"


def test_read_empty_directory(tmp_path: Path) -> None:
    (item,) = read_all(tmp_path)
    assert isinstance(item, IngestError) and "no readable files" in item.reason


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.txt", "text"), ("A.HTML", "html"), ("a.htm", "html"), ("f.xml", "feed"), ("f.rss", "feed"),
     ("k.jsonl", "jsonl"), ("k.JSONL.GZ", "jsonl"), ("k.ndjson", "jsonl"), ("a.md", None), ("a", None)],
)  # fmt: skip
def test_kind_by_name(name: str, kind: str | None) -> None:
    assert kind_by_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{"text": "x"}', "jsonl"),
        (b"\x1f\x8b\x08\x00", "jsonl"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"  <html><body>", "html"),
        ("Title: Tin\n\nNội dung".encode(), "text"),
    ],
)
def test_sniff_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_read_seed_articles(seed_files: list[Path]) -> None:
    items = read_all(*seed_files)
    assert len(items) == len(seed_files) == 5
    assert all(isinstance(a, Article) for a in items)
    by_name = {Path(a.source).name[:3]: a for a in items if isinstance(a, Article)}
    assert by_name["000"].title and by_name["000"].title.startswith("Việt Nam và Mỹ")
    assert by_name["002"].published == "2025-10-15"
    assert by_name["002"].title and by_name["002"].title.startswith("Thông tin mới")
    assert not by_name["002"].text.startswith(" date")


def test_read_jsonl_skips_an_oversized_line_and_continues(tmp_path: Path) -> None:
    path = tmp_path / "to.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"text": "' + b"a" * (21 * 1024 * 1024) + b'"}\n')
        f.write(json.dumps({"text": "Dòng sau vẫn được đọc."}).encode() + b"\n")
    too_long, after = read_all(path)
    assert isinstance(too_long, IngestError) and too_long.source == f"{path}:1"
    assert too_long.reason == "line too long (over 20 MB)"
    assert isinstance(after, Article) and after.source == f"{path}:2"
