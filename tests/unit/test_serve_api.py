"""The JSON API over a real SQLite store: endpoints, pagination, errors as JSON, the write token, hostile input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tradetalks.model import article_id
from tradetalks.serve.api import create_app

TOKEN = "phep-ghi-thu"
ROUND5 = article_id("https://vi.example.org/vong-5")


@pytest.fixture
def client(sample_store_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_store_path, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def readonly(sample_store_path: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("TRADETALKS_TOKEN", raising=False)
    with TestClient(create_app(sample_store_path), raise_server_exceptions=False) as c:
        yield c


def test_timeline_json(client: TestClient) -> None:
    data = client.get("/api/timeline").json()
    assert [e["id"] for e in data["events"]] == ["ev-tariff20", "ev-round5", "ev-tan-switzer"]
    assert [e["id"] for e in data["undated"]] == ["ev-joint"]
    assert data["events"][1]["sources"][0]["outlet"] == "Báo Ví Dụ"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("type=meeting", ["ev-tan-switzer"]),
        ("from=2025-11-13", ["ev-round5"]),
        ("topic=tariffs", ["ev-tariff20"]),
        ("person=switzer", ["ev-tan-switzer"]),
        ("all=true&from=2025-11-20", ["ev-eu"]),
    ],
)
def test_timeline_filters(client: TestClient, query: str, ids: list[str]) -> None:
    assert [e["id"] for e in client.get(f"/api/timeline?{query}").json()["events"]] == ids


def test_timeline_english_labels(client: TestClient) -> None:
    event = client.get("/api/timeline?lang=en").json()["events"][2]
    assert event["type_label"] == "Meeting" and event["time_of_day_label"] == "morning"


def test_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events?limit=2&offset=0").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    rest = client.get("/api/events?limit=2&offset=4").json()
    assert first["total"] == 5 and len(first["items"]) == 2 and len(rest["items"]) == 1
    ids = [e["id"] for page in (first, second, rest) for e in page["items"]]
    assert len(set(ids)) == 5


def test_timeline_one_page_read_from_rows(client: TestClient) -> None:
    whole = client.get("/api/timeline?all=true").json()
    listed = [e["id"] for e in whole["events"] + whole["undated"]]
    page = client.get("/api/timeline?all=true&limit=2&offset=2").json()
    assert [e["id"] for e in page["events"] + page["undated"]] == listed[2:4]
    assert page["total"] == whole["total"] == 5 and page["page"] == {"offset": 2, "limit": 2, "count": 2}
    assert "page" not in whole
    assert client.get("/api/timeline?limit=-1").status_code == 422


def test_one_event_entity_article(client: TestClient) -> None:
    event = client.get("/api/events/ev-round5").json()
    assert event["ordinal"] == 5 and event["conflicts"][0]["field"] == "end"
    entity = client.get("/api/entities/p-switzer").json()
    assert entity["aliases"] == ["Rick Switzer", "Bryan Switzer"] and entity["roles"][0]["title"].startswith("Phó")
    article = client.get(f"/api/articles/{ROUND5}").json()
    assert article["article"]["text"].startswith("Từ ngày 12 đến 14/11")


def test_entities_list_filter_and_search(client: TestClient) -> None:
    people = client.get("/api/entities?type=person&limit=10").json()
    assert people["total"] == 4
    found = client.get("/api/entities?q=nguyen hong dien").json()
    assert [e["id"] for e in found["items"]] == ["p-dien"]
    assert client.get("/api/articles?limit=1&offset=1").json()["total"] == 3


def test_search_without_diacritics(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "thue doi ung"}).json()
    assert data["items"] and data["items"][0]["article"] == article_id("https://en.example.org/thue-20")
    both = client.get("/api/search", params={"q": "thuong mai", "limit": 2}).json()["items"]
    second = client.get("/api/search", params={"q": "thuong mai", "limit": 1, "offset": 1}).json()["items"]
    assert len(both) == 2 and second == both[1:]


def test_ask_with_citation(client: TestClient) -> None:
    data = client.get("/api/ask", params={"q": "Vòng đàm phán thứ 5 diễn ra khi nào?"}).json()
    assert data["found"] and "12/11/2025" in data["answer"]
    assert data["sources"][0]["url"] == "https://vi.example.org/vong-5"


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/events/khong-co", 404, "no event"),
        ("/api/entities/khong-co", 404, "no entity"),
        ("/api/articles/khong-co", 404, "no article"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/events?offset=-1", 422, "offset"),
        ("/api/timeline?from=12-11-2025", 400, "--from"),
        ("/api/timeline?type=tiec", 400, "--type"),
        ("/api/khong-co", 404, "Not Found"),
    ],
)
def test_errors_are_json(client: TestClient, path: str, status: int, message: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert message in response.json()["error"]


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/timeline",
        "/api/events",
        "/api/events/{event_id}",
        "/api/entities",
        "/api/articles",
        "/api/search",
        "/api/ask",
        "/api/ingest",
    ):
        assert path in paths


HOSTILE = [
    'thuế" OR "mỹ',
    "NEAR(a b) AND * : ^ -",
    "'; DROP TABLE articles; --",
    "1 UNION SELECT * FROM sqlite_master",
    "x" * 10_240,
    "vòng\x00\x01\x1b[0m 5",
    "\u202e\ufeff\u200b",
    '"',
    "*",
]


@pytest.mark.parametrize("q", HOSTILE)
@pytest.mark.parametrize("path", ["/api/search", "/api/ask", "/search", "/ask", "/api/entities", "/"])
def test_hostile_inputs_never_500(client: TestClient, path: str, q: str) -> None:
    key = "person" if path == "/" else "q"
    response = client.get(path, params={key: q})
    assert response.status_code in (200, 400, 422), response.text[:300]


POST = [
    {
        "url": "https://post.example.org/1",
        "title": "Họp trực tuyến",
        "published": "2025-12-01",
        "text": "Chiều 1/12, Thứ trưởng Bộ Công Thương họp trực tuyến với phía Hoa Kỳ về nông nghiệp.",
    }
]


def test_ingest_needs_the_token(client: TestClient) -> None:
    assert client.post("/api/ingest", json=POST).status_code == 401
    assert client.post("/api/ingest", json=POST, headers={"Authorization": "Bearer sai"}).status_code == 401
    response = client.post("/api/ingest", json=POST, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["new"] == 1
    again = client.post("/api/ingest", json=POST, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["unchanged"] == 1
    assert client.get(f"/api/articles/{article_id('https://post.example.org/1')}").status_code == 200


def test_ingest_disabled_without_token(readonly: TestClient) -> None:
    response = readonly.post("/api/ingest", json=POST, headers={"Authorization": "Bearer bat-ky"})
    assert response.status_code == 403 and "TRADETALKS_TOKEN" in response.json()["error"]


@pytest.mark.parametrize(
    "body", [{"text": "một bài"}, [{"url": "https://x.example"}], "không phải json", [{"text": ""}]]
)
def test_ingest_bad_body_is_422(client: TestClient, body: object) -> None:
    response = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422 and response.json()["error"]


def test_real_server_on_loopback(sample_store_path: str, live_server: Any) -> None:
    server = live_server(sample_store_path, token=TOKEN)
    timeline = httpx.get(server.url + "/api/timeline", timeout=10).json()
    assert len(timeline["events"]) == 3
    page = httpx.get(server.url + "/", timeout=10)
    assert page.status_code == 200 and "Vòng đàm phán" in page.text
    assert httpx.get(server.url + "/api/search", params={"q": HOSTILE[0]}, timeout=10).status_code == 200
    posted = httpx.post(server.url + "/api/ingest", json=POST, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert posted.status_code == 200 and posted.json()["new"] == 1


def test_dossier_reloaded_when_the_store_changes(client: TestClient, sample_store_path: str) -> None:
    import time

    from tradetalks.store import open_store

    assert client.get("/api/events").json()["total"] == 5
    with open_store(sample_store_path) as other:
        dossier = other.load_dossier()
        assert dossier is not None
        dossier.events = dossier.events[:2]
        other.save_dossier(dossier)
    time.sleep(1.2)
    assert client.get("/api/events").json()["total"] == 2


def test_ingest_checks_the_token_before_the_body(readonly: TestClient, client: TestClient) -> None:
    assert readonly.post("/api/ingest", json="không phải danh sách").status_code == 403
    assert client.post("/api/ingest", json=[{"url": "thiếu text"}]).status_code == 401


def test_ingest_refuses_huge_bodies(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    response = client.post("/api/ingest", content=b"[" + b" " * (51 * 1_048_576) + b"]", headers=headers)
    assert response.status_code == 413 and "too large" in response.json()["error"]
    too_many = client.post("/api/ingest", json=[{"text": "một"}] * 1001, headers=headers)
    assert too_many.status_code == 422


def test_api_on_every_store_backend(store_url: str, sample_dossier: Any, sample_articles: list[Any]) -> None:
    from tradetalks.store import open_store

    with open_store(store_url) as store:
        for article in sample_articles:
            store.add_article(article)
        store.save_dossier(sample_dossier)
    with TestClient(create_app(store_url), raise_server_exceptions=False) as c:
        assert len(c.get("/api/timeline").json()["events"]) == 3
        assert c.get("/api/search", params={"q": "quy tac xuat xu"}).json()["items"][0]["article"] == ROUND5
        assert c.get("/api/ask", params={"q": "Who is the Deputy USTR?"}).json()["found"]
        assert c.get(f"/article/{ROUND5}").status_code == 200
        assert c.get("/api/search", params={"q": HOSTILE[0]}).status_code == 200
