"""An editor in a real headless Chromium: signs in with the token, reaches the correction form with the
keyboard, corrects an event's date on its page, and sees the new date with the mark "corrected by"; the page
fits a phone screen and breaks no Content-Security-Policy rule. Screenshots go to artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import browser_demo_site

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TOKEN = "browser-test-token-9876543210"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any) -> str:
    return browser_demo_site(tmp_path_factory, module_live_server, "editor", TOKEN)


def _dated_event(site: str) -> dict[str, Any]:
    events = httpx.get(f"{site}/api/events?limit=500").json()["items"]
    return next(e for e in events if e["start"] and len(e["start"]) == 10)


def _tab_to(page: Any, element_id: str, presses: int = 300) -> list[str]:
    """Press Tab until the element with this id has the focus; the ids (or tags) passed on the way."""
    passed: list[str] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        here = page.evaluate("(() => { const a = document.activeElement; return a.id || a.tagName; })()")
        passed.append(here)
        if here == element_id:
            return passed
    raise AssertionError(f"Tab never reached #{element_id}; passed {passed[-20:]}")


@pytest.mark.parametrize("width", [1400, 390])
def test_editor_signs_in_and_corrects_a_date_with_the_keyboard(site: str, browser: Any, width: int) -> None:
    event = _dated_event(site)
    new_date = "2024-03-04" if width > 600 else "2024-03-05"
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    page.goto(f"{site}/event/{event['id']}")
    _tab_to(page, "signin-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/signin**")
    page.fill("#signin-name", "Thu Trang")
    page.fill("#signin-token", TOKEN)
    page.click("#signin-submit")
    page.wait_for_url(f"**/event/{event['id']}")
    _tab_to(page, "form-set-attribute")  # the keyboard reaches the correction form
    page.select_option("#form-set-attribute", "start")
    page.keyboard.press("Tab")
    page.keyboard.type(new_date)
    page.keyboard.press("Tab")
    page.keyboard.type("the ministry's notice gives this day")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/event/{event['id']}#correction-*")
    assert new_date in page.locator("h1").inner_text()
    mark = page.locator("li.corrected-mark").last
    assert "Thu Trang" in mark.inner_text() and "the ministry's notice gives this day" in mark.inner_text()
    assert page.locator("a.badge.corrected").count() >= 1
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"the corrected event page scrolls sideways at {width}px ({scroll} > {inner})"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"corrected-event-{width}.png"), full_page=True)
    assert httpx.get(f"{site}/api/events/{event['id']}").json()["start"] == new_date
    assert problems == []
    context.close()
