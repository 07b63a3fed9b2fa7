"""Fetched bytes -> text (declared or detected charset) and feed -> item links."""

from __future__ import annotations

import unicodedata

import pytest
from crawl_server import encode_cp1258 as cp1258

from tradetalks.errors import IngestError
from tradetalks.ingest.crawl_pages import declared_charset, decode_page, feed_links
from tradetalks.ingest.http import FetchResult

SENTENCE = "Hai bên đã trao đổi về thuế đối ứng và quy tắc xuất xứ của hàng hóa."




def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Tin</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("content", "header_charset", "expected"),
    [
        (html(SENTENCE).encode("utf-8"), "utf-8", "utf-8"),
        (cp1258(html(SENTENCE, '<meta charset="windows-1258">')), None, "cp1258"),
        (cp1258(html(SENTENCE, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')), None,
         "cp1258"),
        (cp1258(html(SENTENCE)), "windows-1258", "cp1258"),
        (html(SENTENCE).encode("utf-8"), None, None),
        (html(SENTENCE, '<meta charset="khong-co-bang-ma-nay">').encode("utf-8"), None, None),
    ],
)
def test_declared_charset_and_decoding(content: bytes, header_charset: str | None, expected: str | None) -> None:
    result = FetchResult(url="http://127.0.0.1/tin.html", status=200, content=content, charset=header_charset)
    assert declared_charset(result) == expected
    text = decode_page(result)
    assert SENTENCE in text and unicodedata.is_normalized("NFC", text)


def test_undeclared_windows_1258_is_detected() -> None:
    result = FetchResult(url="http://127.0.0.1/cu.html", status=200, content=cp1258(html(SENTENCE * 3)))
    assert SENTENCE in decode_page(result)


def test_false_declaration_falls_back_to_detection() -> None:
    content = html(SENTENCE, '<meta charset="utf-8">').encode("utf-16")
    result = FetchResult(url="http://127.0.0.1/sai.html", status=200, content=content, charset="ascii")
    assert SENTENCE in decode_page(result)


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>
<item><title>Một</title><link>/tin/mot.html</link></item>
<item><title>Hai</title><link>https://bao.example/tin/hai.html#binh-luan</link></item>
<item><title>Hai lần nữa</title><link>https://bao.example/tin/hai.html</link></item>
<item><title>Thư</title><link>mailto:toa-soan@bao.example</link></item>
<item><title>Không có liên kết</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
<entry><title>Ba</title><link href="https://bao.example/tin/ba.html"/><id>ba</id><updated>2025-11-03T08:00:00Z</updated></entry>
</feed>"""


@pytest.mark.parametrize(
    ("feed", "links"),
    [
        (RSS, ["https://bao.example/tin/mot.html", "https://bao.example/tin/hai.html"]),
        (ATOM, ["https://bao.example/tin/ba.html"]),
    ],
)
def test_feed_links(feed: str, links: list[str]) -> None:
    result = FetchResult(url="https://bao.example/rss/kinh-te.rss", status=200, content=feed.encode("utf-8"))
    assert feed_links(result) == links


def test_a_page_that_is_not_a_feed() -> None:
    result = FetchResult(url="https://bao.example/rss", status=200, content=html(SENTENCE).encode("utf-8"))
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        feed_links(result)


EMPTY_RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title></channel></rss>"""


@pytest.mark.parametrize(
    ("content", "empty"),
    [
        (EMPTY_RSS, True),
        (b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title></feed>""", True),
        (EMPTY_RSS[: EMPTY_RSS.index(b"</channel>")], False),  # cut off: not a whole feed
    ],
)
def test_rule_empty_feed(content: bytes, empty: bool) -> None:
    """A feed with no item yet (a quiet hour, a new section) gives no links; a cut-off one is still refused."""
    result = FetchResult(url="https://bao.example/rss/moi.rss", status=200, content=content)
    if empty:
        assert feed_links(result) == []
    else:
        with pytest.raises(IngestError, match="not an RSS or Atom feed"):
            feed_links(result)
