"""The negotiation pages, their pictures and the event page in a real headless Chromium, at 1400 px and 390 px.

One server holds the real-news set and the seeds when ../shared is present (else the bundled demo corpus);
another holds the hand-built sample dossier with hostile names (script tags, quotes, a right-to-left override).
Screenshots go to artifacts/ (ignored by git).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import require_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
ARTIFACTS = REPO / "artifacts"
WIDTHS = (1400, 390)
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)> \u202eRTL'
TALKS = "vn-us-reciprocal"
#: Text nodes holding a right-to-left override whose element does not isolate them (a <bdi>, an element with
#: unicode-bidi isolate, or a block of their own); quotes of an article stay as the article has them.
UNISOLATED = """(() => {
  const bad = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    if (!node.data.includes("\u202e")) continue;
    const parent = node.parentElement;
    if (parent.closest("blockquote")) continue;
    const style = getComputedStyle(parent);
    const alone = parent.childNodes.length === 1 && style.display !== "inline";
    if (!(alone || ["isolate", "isolate-override", "plaintext"].includes(style.unicodeBidi))) {
      bad.push(parent.outerHTML.slice(0, 160));
    }
  }
  return bad;
})()"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any) -> str:
    require_chromium()
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.store import open_store

    real = SHARED / "data" / "real" / "articles.jsonl"
    inputs = [str(real), str(SHARED / "seeds")] if real.is_file() else [str(demo_corpus_path())]
    db = str(tmp_path_factory.mktemp("pages") / "pages.db")
    with open_store(db) as store:
        report = ingest_paths(store, inputs)
    assert not report.failed
    return str(module_live_server(db).url)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any) -> str:
    require_chromium()
    from conftest import make_sample_dossier

    from tradetalks.model import Participant
    from tradetalks.store import open_store

    articles, dossier = make_sample_dossier()
    dossier = copy.deepcopy(dossier)
    for entity in dossier.entities:
        if entity.id == "p-switzer":
            entity.name = HOSTILE
    for event in dossier.events:
        event.summary = event.summary_en = HOSTILE
        event.location = HOSTILE if event.location else None
    round5 = next(e for e in dossier.events if e.id == "ev-round5")
    round5.participants += [Participant("p-tan", "VN"), Participant("p-switzer", "US")]
    db = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    with open_store(db) as store:
        for article in articles:
            store.add_article(article)
        store.save_dossier(dossier)
    return str(module_live_server(db).url)


def open_page(browser: Any, width: int) -> tuple[Any, Any, list[str]]:
    """A fresh page of this width that records dialogs (none may fire)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, page, dialogs


def pages_to_visit(site: str) -> dict[str, str]:
    """/n, the talks' page, the page of its latest round or session, and a person page from who met whom."""
    state = httpx.get(f"{site}/api/n/{TALKS}").json()["state"]
    html = httpx.get(f"{site}/n/{TALKS}").text
    person = html.split('id="chart-people"', 1)[1].split('href="/entity/', 1)[1].split('"', 1)[0]
    return {
        "index": "/n",
        "talks": f"/n/{TALKS}",
        "event": f"/event/{state['latest']['id']}",
        "person": f"/entity/{person}",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_each_page_loads_and_fits_the_screen(site: str, browser: Any, width: int) -> None:
    context, page, dialogs = open_page(browser, width)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in pages_to_visit(site).items():
        response = page.goto(site + path)
        assert response and response.status == 200, path
        assert page.locator("h1").inner_text().strip()
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll <= inner, f"{path} scrolls sideways at {width}px ({scroll} > {inner})"
        page.screenshot(path=str(ARTIFACTS / f"pages-{name}-{width}.png"), full_page=True)
    assert dialogs == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_pictures_are_present_and_marks_link_where_they_say(site: str, browser: Any, width: int) -> None:
    context, page, _ = open_page(browser, width)
    page.goto(f"{site}/n/{TALKS}")
    for key in ("timeline", "tariffs", "people", "topics"):
        assert page.locator(f"#chart-{key} svg").count() == 1, key
        assert page.locator(f"#chart-{key} svg").bounding_box()["height"] > 40
        assert page.locator(f"#table-{key} tbody tr").count() >= 1
    for key in ("timeline", "tariffs", "people"):
        hrefs = page.eval_on_selector_all(f"#chart-{key} svg a", "els => els.map(a => a.getAttribute('href'))")
        assert hrefs, key
        table = set(page.eval_on_selector_all(f"#table-{key} a", "els => els.map(a => a.getAttribute('href'))"))
        assert set(hrefs) <= table, f"{key}: a mark links somewhere its table does not"
        for href in sorted(set(hrefs))[:5]:
            assert httpx.get(site + href).status_code == 200, href
    mark = page.locator("#chart-timeline svg a").last
    href = mark.get_attribute("href")
    tip = mark.locator("title").text_content()
    mark.click()
    page.wait_for_url(f"**{href}")
    assert tip and tip.split(" · ")[0][:7] in page.locator("h1").inner_text()
    context.close()


def test_keyboard_reaches_the_links_of_the_pictures(site: str, browser: Any) -> None:
    context, page, _ = open_page(browser, 1400)
    page.goto(f"{site}/n/{TALKS}")
    reached: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "(() => { const a = document.activeElement; const c = a && a.closest('section.picture, section.play');"
            " return (c ? c.id : '') + ' ' + (a.getAttribute('href') || a.tagName); })()"
        )
        reached.append(where)
        if where.startswith("chart-people /entity/"):
            break
    assert any(r.startswith("state-of-play /event/") for r in reached)
    assert any(r.startswith("chart-timeline /event/") for r in reached)
    assert any(r.startswith("chart-people /entity/") for r in reached)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_hostile_names_are_inert_in_pictures_and_pages(hostile_site: str, browser: Any, width: int) -> None:
    context, page, dialogs = open_page(browser, width)
    for path in (f"/n/{TALKS}", "/event/ev-round5", "/entity/p-switzer", "/n"):
        page.goto(hostile_site + path)
        assert page.evaluate("document.scripts.length") == 0, path
        assert page.locator("img").count() == 0, path
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll <= inner, path
        assert page.evaluate(UNISOLATED) == [], f"{path}: a direction override can reorder the text after it"
    page.goto(f"{hostile_site}/n/{TALKS}")
    names = page.locator("#chart-people svg text").all_text_contents()
    assert any("<script>alert(1)</script>" in n for n in names), names
    assert not any("\u202e" in n for n in names)
    page.screenshot(path=str(ARTIFACTS / f"pages-hostile-{width}.png"), full_page=True)
    assert dialogs == []
    context.close()
