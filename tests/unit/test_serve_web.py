"""The server-rendered pages through the ASGI app over a real SQLite store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tradetalks.model import article_id
from tradetalks.serve.api import create_app

HOSTILE = article_id("https://xss.example.org/bai")
ROUND5 = article_id("https://vi.example.org/vong-5")


def test_timeline_page_lists_events_with_sources(web: TestClient) -> None:
    html = web.get("/").text
    assert html.count('<details class="event') == 4
    assert 'id="event-ev-round5"' in html and "Báo Ví Dụ" in html
    assert "<blockquote>vòng đàm phán thứ năm về thương mại đối ứng</blockquote>" in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("type=meeting", "event-ev-tan-switzer", "event-ev-round5"),
        ("topic=tariffs", "event-ev-tariff20", "event-ev-round5"),
        ("person=rick+switzer", "event-ev-tan-switzer", "event-ev-tariff20"),
        ("all=true", "event-ev-eu", "nothing-absent"),
    ],
)
def test_timeline_page_filters(web: TestClient, query: str, present: str, absent: str) -> None:
    html = web.get(f"/?{query}").text
    assert present in html and absent not in html


def test_bad_filter_shows_message_not_error(web: TestClient) -> None:
    response = web.get("/?from=hom-qua")
    assert response.status_code == 200 and "--from" in response.text


def test_hostile_article_is_escaped_everywhere(web: TestClient) -> None:
    for path in (f"/article/{HOSTILE}", "/?all=true", "/search?q=onerror", "/ask?q=onerror"):
        html = web.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in web.get(f"/article/{HOSTILE}").text


def test_article_page_highlights_dossier_spans(web: TestClient) -> None:
    html = web.get(f"/article/{ROUND5}").text
    assert re.search(r'class="hl hl-person[^"]*" title="Nguyễn Sinh Nhật Tân[^"]*">Nguyễn Sinh Nhật Tân</span>', html)
    assert "hl-evidence" in html and "hl-location" in html


def test_entity_page_titles_and_events(web: TestClient) -> None:
    html = web.get("/entity/p-switzer").text
    assert "Phó Đại diện Thương mại Hoa Kỳ" in html and "Rick Switzer" in html and "event-ev-tan-switzer" in html


def test_search_page_without_diacritics(web: TestClient) -> None:
    html = web.get("/search", params={"q": "quy tac xuat xu"}).text
    assert "<mark>" in html and "Vòng đàm phán thứ năm khép lại ở Washington" in html


def test_ask_page_answer_with_citation(web: TestClient) -> None:
    html = web.get("/ask", params={"q": "Who is the Deputy USTR?"}).text
    assert "Bryan R. Switzer" in html and 'id="citations"' in html


def test_language_switch_and_cookie(web: TestClient) -> None:
    assert "<h1>Dòng thời gian</h1>" in web.get("/").text
    response = web.get("/?lang=en")
    assert "<h1>Timeline</h1>" in response.text and response.cookies.get("lang") == "en"
    assert "<h1>Search</h1>" in web.get("/search").text


@pytest.mark.parametrize("path", ["/entity/khong-co", "/article/khong-co", "/trang-khong-co"])
def test_missing_pages_are_404_html(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")


def test_static_css_is_local(web: TestClient) -> None:
    assert web.get("/static/style.css").status_code == 200
    assert "http" not in web.get("/").text.split("<main>")[0].replace('href="/static', "")


def test_entity_page_in_english(web: TestClient) -> None:
    html = web.get("/entity/p-tan?lang=en").text
    assert "Titles over time" in html and '<span class="kind">Meeting</span>' in html and "· morning" in html
    assert "Buổi làm việc" not in html


SCRIPT_URLS = [
    "javascript:alert(document.domain)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/bai",
    "http:no-host",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_http_url_refuses_every_other_scheme(url: str) -> None:
    """Rule http_url: only http(s) URLs with a host become links."""
    from tradetalks.serve.guard import http_url

    assert http_url(url) is None
    assert http_url("https://vnexpress.net/bai-1.html") == "https://vnexpress.net/bai-1.html"
    assert http_url(" HTTP://Example.org/a?b=1 ") == "HTTP://Example.org/a?b=1"


@pytest.mark.parametrize("url", SCRIPT_URLS[:3])
def test_script_url_of_an_article_is_never_a_link(sample_store_path: str, url: str) -> None:
    from tradetalks.model import Article
    from tradetalks.store import open_store

    with open_store(sample_store_path) as store:
        outcome = store.add_article(Article(source="bai-la.txt", text="Một bài có đường dẫn lạ.", title="Lạ", url=url))
    with TestClient(create_app(sample_store_path), raise_server_exceptions=False) as c:
        html = c.get(f"/article/{outcome.article_id}").text
        normal = c.get(f"/article/{ROUND5}").text
    assert "<h1>Lạ</h1>" in html and 'id="original-link"' not in html and "script:" not in html.lower()
    assert '<a href="https://vi.example.org/vong-5" rel="noopener noreferrer nofollow" id="original-link">' in normal


@pytest.mark.parametrize(
    "path", ["/", f"/article/{ROUND5}", "/search?q=a", "/static/style.css", "/api/timeline", "/khong-co", "/api/x"]
)
def test_every_response_carries_the_security_headers(web: TestClient, path: str) -> None:
    headers = web.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "http" not in csp, "no third-party origin"
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_no_page_runs_inline_script_or_style(web: TestClient) -> None:
    for path in ("/", f"/article/{ROUND5}", "/entity/p-tan", "/search?q=thuong", "/ask?q=vong+5", "/khong-co"):
        html = web.get(path).text
        assert "<script" not in html and "<style" not in html and " style=" not in html, path
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), path


def test_docs_pages_are_off_but_the_schema_is_served(web: TestClient) -> None:
    """FastAPI's /docs and /redoc load script from a CDN: they are turned off; /openapi.json stays."""
    assert web.get("/docs").status_code == 404 and web.get("/redoc").status_code == 404
    assert web.get("/openapi.json").json()["paths"]["/api/timeline"]


def test_language_switch_stays_on_this_site(web: TestClient) -> None:
    html = web.get("//evil.example/x").text
    assert 'href="//evil.example' not in html


def test_article_page_lists_a_bounded_number_of_events(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from tradetalks.serve import web as pages

    assert web.get(f"/article/{ROUND5}").text.count('<details class="event') == 2
    monkeypatch.setattr(pages, "MAX_PAGE_EVENTS", 1)
    html = web.get(f"/article/{ROUND5}").text
    assert html.count('<details class="event') == 1 and 'id="more-events">+1 ' in html
