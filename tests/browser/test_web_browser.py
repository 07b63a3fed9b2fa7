"""The web page in a real headless Chromium against ``tradetalks serve`` on 127.0.0.1.

The store holds the bundled demo corpus, the seeds when ../shared is present, and an article whose
title and text carry script and image-onerror injections; no dialog may ever fire.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM_ARGS, require_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHARED_SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
ARTIFACTS = REPO / "artifacts"
HOSTILE_TITLE = 'Bản tin <script>alert(1)</script>"><img src=x onerror=alert(2)> thử'
HOSTILE_TEXT = (
    f"Title: {HOSTILE_TITLE}\n\n"
    'Chiều 3/12/2025, Bộ Công Thương cho biết <script>alert(3)</script> và "><img src=x onerror=alert(4)> '
    "không làm gián đoạn buổi làm việc với Văn phòng Đại diện Thương mại Hoa Kỳ (USTR) tại Hà Nội.\n"
)
SCRIPT_URL = "javascript:alert(document.domain)"
SCRIPT_URL_TEXT = "Bài này có đường dẫn gốc độc hại, trang không được biến nó thành liên kết."
#: Run in every page before its own code: records Content-Security-Policy violations the page reports.
WATCH_CSP = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any) -> str:
    """A running server over the demo corpus (+ seeds) + the hostile article."""
    require_chromium()
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.model import Article
    from tradetalks.store import open_store

    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    inputs = [str(demo_corpus_path()), str(hostile)]
    if SHARED_SEEDS.is_dir():
        inputs.append(str(SHARED_SEEDS))
    db = str(root / "web.db")
    with open_store(db) as store:
        report = ingest_paths(store, inputs)
        store.add_article(Article(source="script-url.txt", text=SCRIPT_URL_TEXT, title="Liên kết lạ", url=SCRIPT_URL))
    assert not report.failed, report.to_dict()["failures"]
    return str(module_live_server(db).url)


@pytest.fixture(scope="module")
def browser_args() -> list[str]:
    """Chromium's usual switches and three more that keep it from reaching out on its own."""
    return [*CHROMIUM_ARGS, "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog (none may fire) and failed request."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.dialogs = dialogs
    refused: list[str] = []
    pg.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    pg.csp_console = refused
    pg.add_init_script(WATCH_CSP)
    yield pg
    assert dialogs == [], f"a dialog fired: {dialogs}"
    assert refused == [], f"the page broke its Content-Security-Policy: {refused}"
    assert pg.evaluate("window.__csp || []") == [], "the page reported a CSP violation"
    context.close()


def test_timeline_filter_and_open_event_sources(site: str, page: Any) -> None:
    page.goto(site + "/")
    events = page.locator("#timeline details.event")
    assert events.count() >= 3
    page.select_option("#filter-type", "negotiation_round")
    page.click("#filter-apply")
    page.wait_for_url("**type=negotiation_round**")
    rounds = page.locator("#timeline details.event")
    assert rounds.count() >= 1
    assert rounds.count() == page.locator("#timeline details.type-negotiation_round").count()
    first = rounds.first
    first.locator("summary").click()
    assert first.get_attribute("open") is not None
    sources = first.locator("ol.sources li.source")
    assert sources.count() >= 1
    assert sources.first.locator("blockquote").first.inner_text().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-timeline.png"), full_page=True)


def test_filter_by_person_keeps_only_their_events(site: str, page: Any) -> None:
    import httpx

    people = httpx.get(site + "/api/entities", params={"q": "nguyen hong dien", "type": "person"}).json()["items"]
    assert people, "the demo corpus names Nguyễn Hồng Diên"
    page.goto(site + "/")
    everything = page.locator("#timeline details.event").count()
    page.fill("#filter-person", "nguyen hong dien")
    page.click("#filter-apply")
    page.wait_for_url("**person=**")
    events = page.locator("#timeline details.event")
    assert 1 <= events.count() < everything
    for n in range(events.count()):
        assert events.nth(n).locator(f"a[href='/entity/{people[0]['id']}']").count() == 1


def test_search_without_diacritics(site: str, page: Any) -> None:
    page.goto(site + "/search")
    page.fill("#search-q", "thue doi ung")
    page.click("#search-go")
    hits = page.locator("#hits li.hit")
    assert hits.count() >= 1
    marks = page.locator("#hits mark")
    assert marks.count() >= 1
    assert "thuế" in " ".join(marks.all_inner_texts()).lower()


def test_ask_shows_answer_with_citation(site: str, page: Any) -> None:
    page.goto(site + "/ask")
    page.fill("#ask-q", "Vòng đàm phán thứ 5 diễn ra khi nào?")
    page.click("#ask-go")
    answer = page.locator("#answer")
    assert "5" in answer.locator("p.text").inner_text()
    citations = page.locator("#citations li.source")
    assert citations.count() >= 1
    assert citations.first.locator("blockquote").inner_text().strip()
    href = citations.first.locator("a").get_attribute("href")
    assert href and href.startswith("/article/")
    page.screenshot(path=str(ARTIFACTS / "browser-ask.png"), full_page=True)


def test_hostile_article_renders_inert(site: str, page: Any) -> None:
    page.goto(site + "/search?q=" + "gian đoạn buổi làm việc")
    link = page.locator("#hits li.hit a").first
    link.click()
    page.wait_for_url("**/article/**")
    page.wait_for_load_state("load")
    assert "<script>alert(3)</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.locator("img").count() == 0
    page.goto(site + "/?all=true")
    page.goto(site + "/search?q=" + "onerror")
    page.screenshot(path=str(ARTIFACTS / "browser-hostile.png"), full_page=True)


def test_article_page_highlights_spans(site: str, page: Any) -> None:
    page.goto(site + "/search?q=vong dam phan thu 5")
    page.locator("#hits li.hit a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator("#article-text .hl-person").count() >= 1
    assert page.locator("#article-text .hl-date").count() >= 1
    assert page.locator("#article-text .hl-evidence").count() >= 1


def test_language_switch_to_english(site: str, page: Any) -> None:
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "Dòng thời gian"
    page.click("#lang-switch")
    assert page.locator("h1").inner_text() == "Timeline"
    page.goto(site + "/search")
    assert page.locator("h1").inner_text() == "Search", "the choice is remembered in a cookie"


def test_readable_on_a_phone(site: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    pg = context.new_page()
    pg.goto(site + "/")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page is {width}px wide on a 390px screen"
    pg.screenshot(path=str(ARTIFACTS / "browser-phone.png"), full_page=True)
    context.close()


def test_script_url_of_an_article_is_no_link(site: str, page: Any) -> None:
    page.goto(site + "/search?q=duong dan goc doc hai")
    page.locator("#hits li.hit a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator("h1").inner_text() == "Liên kết lạ"
    assert page.locator("#original-link").count() == 0
    assert page.locator("a[href*='script:' i]").count() == 0
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert href.startswith(("/", "http://", "https://")), href
    page.locator("a").last.click()  # every remaining link stays harmless


@pytest.mark.parametrize("path", ["/", "/search?q=thue", "/ask?q=vong+5", "/api/timeline", "/static/style.css"])
def test_every_page_sends_its_policy(site: str, page: Any, path: str) -> None:
    response = page.goto(site + path)
    assert response is not None and response.ok
    headers = response.all_headers()
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_injected_inline_script_is_refused_by_the_policy(site: str, page: Any) -> None:
    """The policy really holds: an inline script put into a page is blocked and reported, no dialog fires."""
    page.goto(site + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'alert(7)';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
    page.evaluate("window.__csp = []")
    page.csp_console.clear()
