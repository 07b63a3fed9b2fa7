"""Rule corrected_badge in a real headless Chromium: after an editor corrects an event, the timeline (/) and the
negotiation page's lists mark that event, and only that event, "corrected"; the page fits a phone screen.
Screenshots go to artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import browser_demo_site, ingest_demo

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TOKEN = "badge-test-token-1357924680"
TALKS = "vn-us-reciprocal"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any) -> str:
    return browser_demo_site(tmp_path_factory, module_live_server, "badge", TOKEN)


@pytest.fixture(scope="module")
def corrected(site: str) -> dict[str, Any]:
    """The latest sitting of the talks, its place corrected by an editor through the API."""
    latest = httpx.get(f"{site}/api/n/{TALKS}").json()["state"]["latest"]
    assert latest, "the demo corpus has a sitting of the talks"
    body = {"kind": "set_value", "id": latest["id"], "attribute": "location", "value": "Hội An",
            "why": "the ministry's notice", "by": "Lan"}  # fmt: skip
    made = httpx.post(f"{site}/api/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert made.status_code == 201 and made.json()["status"] == "applied", made.text
    return dict(latest)


@pytest.mark.parametrize("width", [1400, 390])
def test_corrected_badge_on_the_timeline_and_the_negotiation_lists(
    site: str, corrected: dict[str, Any], browser: Any, width: int
) -> None:
    event_id = corrected["id"]
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    page.goto(f"{site}/?type={corrected['type']}")
    card = page.locator(f'[id="event-{event_id}"]')
    assert card.count() == 1, "the corrected event is listed on the timeline"
    badge = card.locator("summary .badge.corrected")
    assert badge.count() == 1 and badge.is_visible()
    assert badge.inner_text().strip() in ("đã hiệu chỉnh", "corrected")
    assert page.locator(".badge.corrected").count() == 1  # no other event is marked
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"corrected-badge-timeline-{width}.png"), full_page=True)

    page.goto(f"{site}/n/{TALKS}")
    marked = page.locator(f'#play-latest [data-corrected="{event_id}"]')
    assert marked.count() == 1 and marked.is_visible()
    others = page.evaluate("[...document.querySelectorAll('[data-corrected]')].map(b => b.dataset.corrected)")
    assert set(others) == {event_id}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / f"corrected-badge-negotiation-{width}.png"), full_page=True)
    context.close()


def test_no_badge_before_any_correction(tmp_path: Path, live_server: Any) -> None:
    """The same pages over a store without corrections mark nothing (the badge is not always there)."""
    db = str(tmp_path / "plain.db")
    ingest_demo(db)
    site = live_server(db).url
    for path in ("/", f"/n/{TALKS}", "/?all=true"):
        assert "badge corrected" not in httpx.get(site + path).text, path


def test_corrections_page_links_what_each_correction_changed(site: str, corrected: dict[str, Any]) -> None:
    page = httpx.get(f"{site}/corrections?lang=en").text
    assert f'href="/event/{corrected["id"]}"' in page
