"""Corrections over HTTP on a real server (uvicorn on 127.0.0.1): the JSON API with the bearer token, and the
page forms with a signed session cookie and a CSRF field."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradetalks.serve.editor import SESSION_SECONDS, editor_of, local_path, new_session

TOKEN = "a-long-test-token-0123456789"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.store import open_store

    db = str(tmp_path_factory.mktemp("corrections") / "demo.db")
    with open_store(db) as store:
        assert not ingest_paths(store, [str(demo_corpus_path())]).failed
    return db


@pytest.fixture(scope="module")
def site(demo_db: str, module_live_server: Any) -> str:
    return str(module_live_server(demo_db, token=TOKEN).url)


def _dated(site: str, n: int) -> dict[str, Any]:
    events = httpx.get(f"{site}/api/events?limit=500&lang=en").json()["items"]
    return [e for e in events if e["start"] and len(e["start"]) == 10][n]


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_corrections_write_needs_the_bearer(site: str) -> None:
    body = {"kind": "set_value", "id": _dated(site, 0)["id"], "attribute": "location", "value": "Huế", "why": "x"}
    assert httpx.post(f"{site}/api/corrections", json=body).status_code == 401
    assert httpx.post(f"{site}/api/corrections", json=body, headers=_bearer("wrong")).status_code == 401
    assert httpx.post(f"{site}/api/corrections", json=body, headers={"Authorization": TOKEN}).status_code == 401
    assert httpx.delete(f"{site}/api/corrections/1").status_code == 401
    assert not [c for c in httpx.get(f"{site}/api/corrections").json() if c["value"] == "Huế"]


def test_api_correction_applied_listed_and_removed(site: str) -> None:
    event = _dated(site, 1)
    body = {"kind": "set_value", "id": event["id"], "attribute": "start", "value": "2024-02-03",
            "why": "the official notice", "by": "Hoa"}  # fmt: skip
    made = httpx.post(f"{site}/api/corrections", json=body, headers=_bearer(), timeout=60)
    assert made.status_code == 201, made.text
    done = made.json()
    assert (done["status"], done["by"], done["applied_to"]) == ("applied", "Hoa", [event["id"]])
    corrected = httpx.get(f"{site}/api/events/{event['id']}").json()
    assert corrected["start"] == "2024-02-03"
    assert [(m["by"], m["why"], m["attribute"]) for m in corrected["corrections"]] == [
        ("Hoa", "the official notice", "start")
    ]
    listed = {c["id"]: c for c in httpx.get(f"{site}/api/corrections").json()}
    assert listed[done["id"]]["why"] == "the official notice"
    assert listed[done["id"]]["anchor"]["evidence"]
    gone = httpx.delete(f"{site}/api/corrections/{done['id']}", headers=_bearer(), timeout=60)
    assert gone.status_code == 200 and gone.json() == {"removed": done["id"]}
    assert httpx.get(f"{site}/api/events/{event['id']}").json()["start"] == event["start"]
    assert httpx.delete(f"{site}/api/corrections/{done['id']}", headers=_bearer()).status_code == 404


def test_api_correction_bad_requests_are_clear(site: str) -> None:
    event = _dated(site, 2)
    bad_date = {"kind": "set_value", "id": event["id"], "attribute": "start", "value": "3/2/2024", "why": "x"}
    answer = httpx.post(f"{site}/api/corrections", json=bad_date, headers=_bearer())
    assert answer.status_code == 400 and "not a date" in answer.json()["error"]
    no_why = {"kind": "set_value", "id": event["id"], "attribute": "start", "value": "2024-02-03", "why": ""}
    assert httpx.post(f"{site}/api/corrections", json=no_why, headers=_bearer()).status_code == 422
    unknown = {"kind": "merge", "id": "e-none", "other": event["id"], "why": "x"}
    answer = httpx.post(f"{site}/api/corrections", json=unknown, headers=_bearer())
    assert answer.status_code == 400 and "no event or entity" in answer.json()["error"]


def test_openapi_describes_the_corrections_api(site: str) -> None:
    paths = httpx.get(f"{site}/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/corrections"])
    assert "delete" in paths["/api/corrections/{number}"]
    schema = paths["/api/corrections"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"kind", "id", "why"} <= set(schema["required"])


def _signed_in(site: str, back: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=site, follow_redirects=False, timeout=60)
    answer = client.post("/signin", data={"name": "Quang <b>", "token": TOKEN, "next": back})
    assert answer.status_code == 303 and answer.headers["location"] == back
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
    page = client.get(back)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, "no correction form for a signed-in editor"
    return client, csrf.group(1)


def test_page_form_needs_session_and_csrf_then_marks_the_change(site: str) -> None:
    event = _dated(site, 3)
    back = f"/event/{event['id']}"
    page = httpx.get(site + back)
    assert 'id="signin-link"' in page.text and 'name="csrf"' not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    wrong = httpx.post(f"{site}/signin", data={"name": "x", "token": "nope", "next": back})
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    client, csrf = _signed_in(site, back)
    form = {"kind": "set_value", "id": event["id"], "attribute": "location", "value": "Đà Nẵng", "why": "photo caption",
            "back": back}  # fmt: skip
    assert httpx.post(f"{site}/correct", data={**form, "csrf": csrf}).status_code == 403  # no session cookie
    assert client.post("/correct", data={**form, "csrf": "forged"}).status_code == 403
    assert (
        client.post("/correct", data={**form, "csrf": csrf, "back": "//evil.example/"})
        .headers["location"]
        .startswith("/#")
    )
    html = client.get(back).text
    assert "Đà Nẵng" in html and 'class="badge corrected"' in html
    assert "Quang &lt;b&gt;" in html and "photo caption" in html
    assert "<script" not in html and "style=" not in html and "<style" not in html
    signed_out = client.post("/signout", data={"csrf": csrf, "back": back})
    assert signed_out.status_code == 303
    assert 'id="signin-link"' in client.get(back).text


def test_editor_session_checked() -> None:
    now = time.time()
    cookie = new_session("k1", "Lan", now)
    editor = editor_of(cookie, "k1", now + 60)
    assert editor is not None and editor.name == "Lan" and editor.csrf
    assert editor_of(cookie, "k2", now) is None  # another token
    assert editor_of(cookie, None, now) is None  # writing disabled
    assert editor_of(cookie, "k1", now + SESSION_SECONDS + 1) is None  # expired
    issued, name, mac = cookie.split(".")
    assert editor_of(f"{issued}.{name}x.{mac}", "k1", now) is None  # name changed
    assert editor_of("garbage", "k1", now) is None
    assert editor_of(new_session("k1", "Lan", now), "k1", now).csrf != editor.csrf  # per session
    assert local_path("//evil.example") == "/" and local_path("/event/e-1") == "/event/e-1"
    assert local_path("https://evil.example") == "/" and local_path("/\\evil") == "/"


def test_page_of_a_record_removed_by_a_correction(site: str, tmp_path: Path) -> None:
    event = _dated(site, 4)
    body = {"kind": "mark_wrong", "id": event["id"], "why": "a rumour, not a meeting", "by": "Hoa"}
    made = httpx.post(f"{site}/api/corrections", json=body, headers=_bearer(), timeout=60)
    assert made.status_code == 201 and made.json()["status"] == "applied"
    page = httpx.get(f"{site}/event/{event['id']}")
    assert page.status_code == 404 and "a rumour, not a meeting" in page.text and "Hoa" in page.text


def test_entity_page_form_merges_two_people(site: str) -> None:
    people = httpx.get(f"{site}/api/entities?type=person&limit=500").json()["items"]
    keep, join = people[0], people[1]
    back = f"/entity/{keep['id']}"
    client, csrf = _signed_in(site, back)
    form = {"csrf": csrf, "kind": "merge", "id": keep["id"], "other": join["id"], "why": "one person", "back": back}
    assert client.post("/correct", data=form).status_code == 303
    html = client.get(back).text
    assert "one person" in html and join["name"] in html  # the mark, and the name now an alias
    gone = httpx.get(f"{site}/entity/{join['id']}")
    assert gone.status_code == 404 and "one person" in gone.text and f'href="/entity/{keep["id"]}"' in gone.text


def test_orphaned_correction_listed_on_the_corrections_page(site: str) -> None:
    url = "https://tin.example.vn/dien-dam-thu"
    told = ("Sáng 3/3/2025, Bộ trưởng Bộ Công Thương Trần Văn Khải đã điện đàm với Đại diện Thương mại Hoa Kỳ "
            "về thuế đối ứng đối với hàng dệt may.")  # fmt: skip
    item = {"url": url, "title": "Điện đàm", "published": "2025-03-03", "text": told}
    assert httpx.post(f"{site}/api/ingest", json=[item], headers=_bearer(), timeout=120).status_code == 200
    events = httpx.get(f"{site}/api/events?limit=500").json()["items"]
    call = next(e for e in events if e["type"] == "call" and e["start"] == "2025-03-03")
    body = {"kind": "set_value", "id": call["id"], "attribute": "location", "value": "Hà Nội", "why": "by phone from"}
    made = httpx.post(f"{site}/api/corrections", json=body, headers=_bearer(), timeout=60).json()
    assert made["status"] == "applied"
    # the outlet rewrites the article: the call is gone from it, the correction stays, orphaned
    rewritten = {**item, "text": "Bài viết đã được gỡ bỏ theo yêu cầu của tòa soạn."}
    assert httpx.post(f"{site}/api/ingest", json=[rewritten], headers=_bearer(), timeout=120).status_code == 200
    listed = {c["id"]: c for c in httpx.get(f"{site}/api/corrections").json()}
    assert listed[made["id"]]["status"] == "orphaned" and "no event" in listed[made["id"]]["note"]
    page = httpx.get(f"{site}/corrections?lang=en")
    row = page.text.split(f'id="correction-{made["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert "orphaned" in row and "by phone from" in row
    client, csrf = _signed_in(site, "/corrections")
    assert client.post(f"/corrections/{made['id']}/remove", data={"csrf": "no"}).status_code == 403
    assert client.post(f"/corrections/{made['id']}/remove", data={"csrf": csrf}).status_code == 303
    assert made["id"] not in {c["id"] for c in httpx.get(f"{site}/api/corrections").json()}
