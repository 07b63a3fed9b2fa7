"""The negotiation pages, the event page, the feeds and calendars, through the ASGI app over a real SQLite store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
from fastapi.testclient import TestClient

from tradetalks.model import article_id
from tradetalks.serve.api import create_app

ROUND5 = article_id("https://vi.example.org/vong-5")
HOSTILE = article_id("https://xss.example.org/bai")


def test_negotiation_index_lists_counts_and_latest_dates(web: TestClient) -> None:
    html = web.get("/n?lang=en").text
    row = re.search(r'<a href="/n/vn-us-reciprocal">([^<]+)</a>.*?<td>(\d+)</td><td>([^<]+)</td>', html, re.S)
    assert row and row.group(2) == "4" and row.group(3) == "2025-11-12"
    assert 'href="/n/vn-eu-fta"' in html
    assert web.get("/api/n").json()[0]["key"] == "vn-us-reciprocal"


def test_negotiation_page_shows_state_of_play_and_four_pictures(web: TestClient) -> None:
    response = web.get("/n/vn-us-reciprocal?lang=en")
    assert response.status_code == 200
    html = response.text
    latest = re.search(r'<dd id="play-latest">(.*?)</dd>', html, re.S)
    assert latest and 'href="/event/ev-round5"' in latest.group(1) and "2025-11-12" in latest.group(1)
    tariff = re.search(r'<dd class="tariff" id="play-tariff-US">(.*?)</dd>', html, re.S)
    assert tariff and "20%" in tariff.group(1) and 'href="/event/ev-tariff20"' in tariff.group(1)
    for key in ("timeline", "tariffs", "people", "topics"):
        assert f'id="chart-{key}"' in html and f'id="table-{key}"' in html
    assert html.count("<svg ") == 4
    undated = re.search(r'<details class="undated-group" id="undated-events">(.*?)</details>', html, re.S)
    assert undated and 'href="/event/ev-joint"' in undated.group(1)  # not drawn, still listed
    assert "style=" not in html and "<script" not in html and "<style" not in html


def test_negotiation_api_matches_the_page(web: TestClient) -> None:
    found = web.get("/api/n/vn-us-reciprocal").json()
    assert found["state"]["latest"]["id"] == "ev-round5"
    assert {e["id"] for e in found["events"]} == {"ev-round5", "ev-tan-switzer", "ev-tariff20", "ev-joint"}
    assert web.get("/api/n/nothing-here").status_code == 404
    assert web.get("/n/nothing-here").status_code == 404


def test_event_page_shows_reports_conflicts_and_the_quote_highlighted(web: TestClient) -> None:
    html = web.get("/event/ev-round5?lang=en").text
    assert '<article class="report">' in html
    assert "<mark>vòng đàm phán thứ năm về thương mại đối ứng</mark>" in html
    source = re.search(r'<a class="src" href="/article/([^"]+)">(.*?)</a>', html, re.S)
    assert source and source.group(1) == ROUND5
    assert "Báo Ví Dụ" in source.group(2) and "2025-11-16" in source.group(2) and "Washington" in source.group(2)
    conflict = re.search(r'<section class="conflict">(.*?)</section>', html, re.S)
    assert conflict and "2025-11-14" in conflict.group(1) and "2025-11-15" in conflict.group(1)
    assert "majority" in conflict.group(1) and 'class="chosen"' in conflict.group(1)
    assert web.get("/event/no-such").status_code == 404


def test_sources_read_as_outlet_date_title_everywhere(web: TestClient) -> None:
    ask = "/ask?q=V%C3%B2ng%20%C4%91%C3%A0m%20ph%C3%A1n%20th%E1%BB%A9%205%20di%E1%BB%85n%20ra%20khi%20n%C3%A0o%3F"
    for path in ("/", "/entity/p-switzer", f"/article/{ROUND5}", "/event/ev-tan-switzer", ask):
        html = web.get(path).text
        lines = re.findall(r'<a class="src" href="/article/[^"]+">(.*?)</a>', html, re.S)
        assert lines, path
        for line in lines:
            outlet, date, title = (re.sub(r"<[^>]+>", "", part).strip() for part in line.split(" · "))
            assert outlet and title and re.match(r"\d{4}-\d{2}-\d{2}$", date), (path, line)


def test_title_history_one_line_per_title_with_sources_folded(web: TestClient) -> None:
    html = web.get("/entity/p-dien").text
    roles = re.search(r'<ul class="roles">(.*?)</ul>\s*<h2', html, re.S)
    assert roles
    items = re.findall(
        r"<li><strong>(.*?)</strong>.*?<details class=\"role-sources\"><summary>(\d+)", roles.group(1), re.S
    )
    assert [t for t, _ in items] == ["Bộ trưởng", "Trưởng đoàn đàm phán"] and all(n == "1" for _, n in items)


def test_atom_feed_parses_with_an_entry_per_event(web: TestClient) -> None:
    response = web.get("/n/vn-us-reciprocal/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("Hiệp định Thương mại đối ứng")
    links = {e.link for e in feed.entries}
    assert links == {f"http://testserver/event/{i}" for i in ("ev-round5", "ev-tan-switzer", "ev-tariff20", "ev-joint")}
    first = feed.entries[0]
    assert first.updated.startswith("2025-11-16") and "Báo Ví Dụ · 2025-11-16" in first.summary


def test_calendar_parses_with_the_dated_events(web: TestClient) -> None:
    response = web.get("/n/vn-us-reciprocal/calendar.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"ev-round5@tradetalks", "ev-tan-switzer@tradetalks", "ev-tariff20@tradetalks"}
    round5 = events["ev-round5@tradetalks"]
    assert round5.decoded("dtstart").isoformat() == "2025-11-12" and round5.decoded("dtend").isoformat() == "2025-11-15"
    assert str(round5["url"]) == "http://testserver/event/ev-round5"
    assert str(cal["x-wr-calname"]).startswith("Hiệp định")


def test_hostile_text_is_inert_on_the_new_pages(web: TestClient) -> None:
    for path in ("/n/vn-eu-fta", "/event/ev-eu", "/n/vn-eu-fta/feed.atom"):
        body = web.get(path).text
        assert "<script>alert" not in body and "<img src=x" not in body, path
    feed = feedparser.parse(web.get("/n/vn-eu-fta/feed.atom").content)
    assert "<script>alert(1)</script>" in feed.entries[0].title  # text, escaped in the XML


def test_passages_rule_quotes_sharing_surroundings_share_one_passage() -> None:
    from tradetalks.model import Evidence
    from tradetalks.serve.event_page import passages

    text = "Mở đầu bài. Câu thứ nhất nói về vòng đàm phán. Câu thứ hai nói về thuế.\n\nĐoạn khác hẳn."
    first = Evidence("a", text.index("Câu thứ nhất"), text.index(" Câu thứ hai"), "")
    first.quote = text[first.start : first.end]
    second = Evidence("a", text.index("Câu thứ hai"), text.index("\n"), "")
    second.quote = text[second.start : second.end]
    [only] = passages(text, [second, first])
    assert [p["text"] for p in only if p["quote"]] == [first.quote, second.quote]
    assert "".join(p["text"] for p in only) == text[: text.index("\n")]  # cut at the paragraph break
    stale = Evidence("a", 0, 5, "khác")
    assert passages(text, [stale]) == [[{"text": "khác", "quote": True}]]  # text changed: the quote alone


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from tradetalks.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_status_and_timeline_negotiation_commands(sample_store_path: str) -> None:
    done = _cli("status", "--json", "--db", sample_store_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["latest"]["id"] == "ev-round5"
    done = _cli("status", "--db", sample_store_path)
    assert "ev-round5" in done.stdout and "20%" in done.stdout
    listed = json.loads(_cli("status", "all", "--json", "--db", sample_store_path).stdout)
    assert {r["key"] for r in listed} == {"vn-us-reciprocal", "vn-eu-fta"}
    assert _cli("status", "no-such-talks", "--db", sample_store_path).returncode == 1
    done = _cli("timeline", "--negotiation", "vn-eu-fta", "--json", "--db", sample_store_path)
    assert [e["id"] for e in json.loads(done.stdout)["events"]] == ["ev-eu"]
    done = _cli("timeline", "--negotiation", "vn-us-reciprocal", "--db", sample_store_path)
    assert "Báo Ví Dụ ·" in done.stdout and "2025-11-16" in done.stdout  # outlet · date · title, not an id
    assert _cli("timeline", "--negotiation", "no-such-talks", "--db", sample_store_path).returncode != 0


def test_feed_entry_of_an_event_told_again_is_updated(sample_dossier: Any) -> None:
    from tradetalks.export.atom import events_feed
    from tradetalks.serve.index import DossierIndex

    index = DossierIndex(sample_dossier)
    tariff = index.event_by_id["ev-tariff20"]
    before = feedparser.parse(events_feed(index, [tariff], "t", "http://x", "/f"))
    [entry] = before.entries
    assert entry.published.startswith("2025-08-08") and entry.updated.startswith("2025-08-08")
    later = index.event_by_id["ev-round5"].evidence[0]
    tariff.evidence.append(later)  # a later article tells of the tariff again
    [entry] = feedparser.parse(events_feed(index, [tariff], "t", "http://x", "/f")).entries
    assert entry.published.startswith("2025-08-08") and entry.updated.startswith("2025-11-16")


def test_person_page_of_a_much_named_person_stays_light(tmp_path: Path) -> None:
    """A person in hundreds of events: the page lists the latest MAX_PERSON_EVENTS with the whole count, and at
    most MAX_ROLE_SOURCES sources per title with MAX_SOURCE_QUOTES quotes each."""
    from dataclasses import replace

    from conftest import make_sample_dossier

    from tradetalks.model import Event, Participant
    from tradetalks.serve.web import MAX_PERSON_EVENTS, MAX_ROLE_SOURCES, MAX_SOURCE_QUOTES
    from tradetalks.store import open_store

    articles, dossier = make_sample_dossier()
    tan = next(e for e in dossier.entities if e.id == "p-tan")
    quote = tan.roles[0].evidence[0]
    tan.roles[0].evidence = [replace(quote) for _ in range(MAX_ROLE_SOURCES + 10)]
    many = MAX_PERSON_EVENTS + 10
    for n in range(many):
        dossier.events.append(
            Event(
                "meeting",
                [quote],
                negotiation="vn-us-reciprocal",
                start=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                participants=[Participant("p-tan", "VN")],
                id=f"ev-many-{n}",
                summary=f"Buổi làm việc số {n}",
            )
        )
    db = str(tmp_path / "many.db")
    with open_store(db) as store:
        for article in articles:
            store.add_article(article)
        store.save_dossier(dossier)
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        page = client.get("/entity/p-tan").text
    assert page.count('href="/event/ev-many-') <= MAX_PERSON_EVENTS
    assert str(many + 1) in page  # the whole count of the person's events is still told
    assert page.count("<blockquote>") <= MAX_SOURCE_QUOTES * len(tan.roles)  # 30 quotes of one title, 3 shown
    assert 'id="events-more"' in page and "/?all=1&amp;person=" in page  # the rest are a link away


def test_negotiation_index_pages(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """/n lists PAGE_NEGOTIATIONS negotiations a page, most events first, with links to the pages around."""
    from tradetalks.serve import pages

    whole = web.get("/n?lang=en").text
    everything = re.findall(r'<a href="/n/([^"]+)">', whole)
    assert len(everything) >= 2 and 'id="pager"' not in whole
    monkeypatch.setattr(pages, "PAGE_NEGOTIATIONS", 1)
    first = web.get("/n?lang=en").text
    assert re.findall(r'<a href="/n/([^"]+)">', first) == everything[:1]
    assert f"Negotiations 1–1 of {len(everything)}" in first and 'href="?page=2"' in first
    last = web.get(f"/n?lang=en&page={len(everything)}").text
    assert re.findall(r'<a href="/n/([^"]+)">', last) == everything[-1:] and 'id="page-next"' not in last
    assert web.get("/n?page=0").status_code == 422
