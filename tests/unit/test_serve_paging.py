"""The web timeline shows one page of events at a time, with links to the pages before and after that keep the
filters; one page that holds every event shows no pager."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradetalks.serve import web
from tradetalks.serve.api import create_app


@pytest.fixture
def client(sample_store_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_store_path), raise_server_exceptions=False) as c:
        yield c


def _cards(html: str) -> list[str]:
    return re.findall(r'href="/event/([^"]+)"', html)


def test_web_timeline_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = client.get("/?all=true&lang=en").text
    assert 'id="pager"' not in whole
    everything = list(dict.fromkeys(_cards(whole)))
    assert len(everything) == 5
    monkeypatch.setattr(web, "PAGE_EVENTS", 2)
    first = client.get("/?all=true&lang=en").text
    assert "Events 1–2 of 5" in first and 'id="page-prev"' not in first
    link = re.search(r'id="page-next"', first) and re.search(r'href="(\?[^"]*page=2[^"]*)" rel="next"', first)
    assert link and "all=true" in link.group(1).replace("&amp;", "&")
    second = client.get("/" + link.group(1).replace("&amp;", "&")).text
    third = client.get("/?all=true&lang=en&page=3").text
    assert "Events 5–5 of 5" in third and 'id="page-next"' not in third and 'id="page-prev"' in third
    paged = [list(dict.fromkeys(_cards(page))) for page in (first, second, third)]
    assert [i for ids in paged for i in ids] == everything
    assert client.get("/?page=0").status_code == 422
