"""The timeline and ``who`` read from the dossier's rows answer exactly as the views over the whole dossier do,
on every backend, while loading only the events they show."""

from __future__ import annotations

from typing import Any

import pytest

from tradetalks.model import Dossier
from tradetalks.resolve import build_dossier
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.row_views import entity_from_rows, timeline_from_rows
from tradetalks.serve.timeline import QueryError, build_timeline, entity_from_index, find_entity, timeline_from_index

FILTERS: list[dict[str, Any]] = [
    {},
    {"all_negotiations": True},
    {"all_negotiations": True, "lang": "en"},
    {"type_": "negotiation_round", "all_negotiations": True},
    {"type_": "meeting"},
    {"date_from": "2025-11-13"},
    {"date_to": "2025-11", "all_negotiations": True},
    {"date_from": "2025", "date_to": "2026-12-31"},
    {"negotiation": "vn-us-reciprocal"},
    {"negotiation": "vn-efta-fta"},
    {"negotiation": "vn-eu-fta"},
    {"topic": "tariffs", "all_negotiations": True},
    {"topic": "energy"},
    {"person": "nguyen sinh nhat tan", "all_negotiations": True},
    {"person": "Greer"},
    {"person": "nobody at all"},
]


def _dossiers(sample_dossier: Dossier) -> list[Dossier]:
    from tests.conftest import talks_corpus

    return [sample_dossier, build_dossier(talks_corpus())]


@pytest.mark.parametrize("which", [0, 1])
def test_timeline_rows_answer_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    dossier = _dossiers(sample_dossier)[which]
    store.save_dossier(dossier)
    index = DossierIndex(store.load_dossier() or Dossier())
    assert index.events, "a dossier with events"
    for filters in FILTERS:
        assert timeline_from_rows(store.rows(), **filters) == timeline_from_index(index, **filters), filters
    assert build_timeline(store, all_negotiations=True) == timeline_from_index(index, all_negotiations=True)


def test_rule_talks_related_rows_select_as_the_whole_dossier(store: Any, sample_dossier: Dossier) -> None:
    """Rule talks_related in SQL selects the same keyless events as over the whole dossier."""
    from tests.unit.test_serve_timeline import keyless_events

    sample_dossier.events += keyless_events()
    store.save_dossier(sample_dossier)
    index = DossierIndex(store.load_dossier() or Dossier())
    for filters in ({}, {"negotiation": "vn-us-reciprocal"}):
        shown = timeline_from_rows(store.rows(), **filters)
        assert shown == timeline_from_index(index, **filters), filters
        assert {"ev-in-pair", "ev-in-topic"} <= {e["id"] for e in shown["events"]}
        assert not any(e["id"].startswith("ev-out") for e in shown["events"])


def test_timeline_rows_one_page(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(sample_dossier)
    whole = timeline_from_rows(store.rows(), all_negotiations=True)
    listed = [e["id"] for e in whole["events"] + whole["undated"]]
    assert len(listed) >= 3
    page = timeline_from_rows(store.rows(), all_negotiations=True, limit=2, offset=1)
    assert [e["id"] for e in page["events"] + page["undated"]] == listed[1:3]
    assert page["total"] == whole["total"] and page["page"] == {"offset": 1, "limit": 2, "count": 2}


def test_timeline_rows_unknown_negotiation_is_a_query_error(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(sample_dossier)
    with pytest.raises(QueryError, match="--negotiation"):
        timeline_from_rows(store.rows(), negotiation="no-such-talks")


@pytest.mark.parametrize("which", [0, 1])
def test_who_rows_answer_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    dossier = _dossiers(sample_dossier)[which]
    store.save_dossier(dossier)
    index = DossierIndex(store.load_dossier() or Dossier())
    names = [e.id for e in dossier.entities] + [e.name for e in dossier.entities]
    names += [a for e in dossier.entities for a in e.aliases] + ["nguyen sinh", "Jamieson", "Grer", "xyz nobody"]
    for name in names:
        assert entity_from_rows(store.rows(), name) == entity_from_index(index, name), name
    assert find_entity(store, dossier.entities[0].name) == entity_from_index(index, dossier.entities[0].name)


QUESTIONS = [
    "Vòng đàm phán thứ 5 diễn ra khi nào?",
    "When was the fifth round?",
    "Vòng 5 diễn ra ở đâu?",
    "What topics were discussed at the 5th round?",
    "Ông Tân gặp ai ngày 12/11?",
    "Who did Greer meet?",
    "Ai là trưởng đoàn Việt Nam?",
    "Who heads the US delegation?",
    "Ông Nguyễn Sinh Nhật Tân giữ chức vụ gì?",
    "Ai là Phó Đại diện Thương mại Hoa Kỳ?",
    "Đã có bao nhiêu vòng đàm phán?",
    "Mỹ áp thuế bao nhiêu phần trăm lên hàng Việt Nam?",
    "Vòng đàm phán gần nhất là khi nào?",
    "Ai là Bộ trưởng Bộ Công Thương?",
    "Thời tiết hôm nay thế nào?",
]


@pytest.mark.parametrize("which", [0, 1])
def test_ask_rows_answer_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    from tradetalks.serve.ask import answer_from_index
    from tradetalks.serve.row_views import question_index

    dossier = _dossiers(sample_dossier)[which]
    store.save_dossier(dossier)
    whole = DossierIndex(store.load_dossier() or Dossier())
    part = question_index(store.rows())
    assert len(part.dossier.entities) <= len(whole.dossier.entities)
    found = 0
    for question in QUESTIONS:
        answer = answer_from_index(part, question)
        assert answer == answer_from_index(whole, question), question
        found += bool(answer.get("found"))
    assert found >= 5, "the questions reach the answering rules"


@pytest.mark.parametrize("which", [0, 1])
def test_negotiations_rows_answer_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    from tradetalks.serve.negotiation_rows import negotiation_list_rows, state_from_rows
    from tradetalks.serve.negotiations import UnknownNegotiation, negotiation_list, state_of_play

    dossier = _dossiers(sample_dossier)[which]
    store.save_dossier(dossier)
    whole = DossierIndex(store.load_dossier() or Dossier())
    assert negotiation_list_rows(store.rows()) == negotiation_list(whole)
    keys = {e.negotiation for e in dossier.events if e.negotiation} | {"vn-us-reciprocal", "vn-efta-fta"}
    for key in sorted(keys):
        for lang in ("vi", "en"):
            assert state_from_rows(store.rows(), key, lang) == state_of_play(whole, key, lang), key
    with pytest.raises(UnknownNegotiation):
        state_from_rows(store.rows(), "no-such-talks")


@pytest.mark.parametrize("which", [0, 1])
def test_event_and_article_rows_answer_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    from tradetalks.serve.row_views import article_from_rows, event_from_rows

    dossier = _dossiers(sample_dossier)[which]
    store.save_dossier(dossier)
    whole = DossierIndex(store.load_dossier() or Dossier())
    for event in whole.events:
        assert event_from_rows(store.rows(), event.id or "", "en") == whole.event_view(event, "en")
    assert event_from_rows(store.rows(), "no-such-event") is None
    articles = [a.id for a in dossier.articles] or sorted({v.article for e in dossier.events for v in e.evidence})
    assert articles
    for article in [*articles, "no-such-article"]:
        shown = article_from_rows(store.rows(), article)
        assert shown["spans"] == whole.spans_by_article.get(article, []), article
        assert shown["events"] == [whole.event_view(e) for e in whole.events_by_article.get(article, [])]
        assert shown["record"] == whole.article_by_id.get(article)


def _entity_list_from_index(index: DossierIndex, q: str, type_: str | None, limit: int, offset: int) -> Any:
    """What /api/entities answered when it read the whole dossier."""
    chosen = index.find_entities(q, limit=50) if q else index.dossier.entities
    items = [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "name_en": e.name_en,
            "aliases": e.aliases,
            "side": e.side,
            "titles": [r.title for r in e.roles],
            "events": len(index.events_by_entity.get(e.id, [])),
        }
        for e in chosen
        if type_ in (None, e.type)
    ]
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


@pytest.mark.parametrize("which", [0, 1])
def test_entity_list_rows_answers_as_the_whole_dossier(store: Any, sample_dossier: Dossier, which: int) -> None:
    from tradetalks.serve.api import entity_list

    store.save_dossier(_dossiers(sample_dossier)[which])
    whole = DossierIndex(store.load_dossier() or Dossier())
    for q in ("", "nguyen", "Greer", "Bộ Công Thương", "zzz"):
        for type_ in (None, "person", "organization"):
            for limit, offset in ((50, 0), (2, 1), (1, 5)):
                expected = _entity_list_from_index(whole, q, type_, limit, offset)
                assert entity_list(store.rows(), q, type_, limit, offset) == expected, (q, type_, limit, offset)


def test_cli_rebuild_and_paged_timeline(store_url: str) -> None:
    """`tradetalks rebuild` resolves every stored extraction into rows; `timeline --limit` prints one page."""
    import json
    import subprocess
    import sys

    from tests.conftest import talks_corpus
    from tradetalks.store import open_store

    with open_store(store_url) as store:
        for doc in talks_corpus():
            store.add_article(doc.article, doc)
        assert not store.dossier_is_current()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        code = "from tradetalks.cli import main; main()"
        return subprocess.run([sys.executable, "-c", code, *args, "--db", store_url], capture_output=True, text=True)

    done = cli("rebuild")
    assert done.returncode == 0 and "rebuilt the dossier" in done.stdout, done.stderr
    with open_store(store_url) as store:
        assert store.dossier_is_current() and store.rows().count("d_events") > 2
    whole = json.loads(cli("timeline", "--all", "--json").stdout)
    page = json.loads(cli("timeline", "--all", "--json", "--limit", "2", "--offset", "1").stdout)
    listed = [e["id"] for e in whole["events"] + whole["undated"]]
    assert [e["id"] for e in page["events"] + page["undated"]] == listed[1:3]
    assert page["total"] == whole["total"] == len(listed)


def test_entity_page_rows_read_only_what_the_page_shows(store: Any, sample_dossier: Dossier) -> None:
    """The bounded entity page gives the same views as ``entity_from_rows`` for what it shows: the latest events,
    each title's first sources (its whole count kept), and the latest articles naming the entity."""
    from tests.unit.test_serve_timeline import keyless_events
    from tradetalks.serve.person_page import entity_page_from_rows

    sample_dossier.events += keyless_events()
    store.save_dossier(sample_dossier)
    rows = store.rows()
    whole = entity_from_rows(rows, "p-tan", "en")
    assert whole is not None and whole["events_total"] >= 2
    shown = entity_page_from_rows(rows, "p-tan", "en", 1, 1, 1, 1)
    assert shown is not None
    page, entity = shown
    assert entity.id == "p-tan" and page["events_total"] == whole["events_total"]
    assert page["events"] == whole["events"][-1:]
    assert page["mentions"] == whole["mentions"] and page["articles"] == len(whole["articles"])
    for mine, theirs in zip(page["roles"], whole["roles"], strict=True):
        assert mine["source_total"] == len(theirs["sources"])
        assert [s["article"] for s in mine["sources"]] == [s["article"] for s in theirs["sources"]][:1]
        assert all(len(s["quotes"]) <= 1 for s in mine["sources"])
    dates = {a.id: a.published or "" for a in sample_dossier.articles}
    latest = max(whole["articles"], key=lambda a: dates[a])
    assert [r["article"] for r in page["article_records"]] == [latest]
    assert entity_page_from_rows(rows, "no-such-entity", "en", 1, 1, 1, 1) is None
    from tradetalks.store.row_reads import MANY_ARTICLES

    few, many = (rows.latest_mentioning_articles("p-tan", 5, n) for n in (1, MANY_ARTICLES))
    assert few == many and few  # both ways of finding the latest articles agree
    newest = sorted(few, key=lambda a: a.published or "", reverse=True)
    assert [a.published for a in few] == [a.published for a in newest]
    total, last = rows.latest_event_ids("1 = 1", [], 2)
    assert total == len(sample_dossier.events) and [i for i, _, _ in last] == [i for i, _, _ in rows.event_ids()][-2:]


@pytest.mark.parametrize("which", [0, 1])
def test_negotiation_page_index_shows_what_the_whole_index_shows(
    store: Any, sample_dossier: Dossier, which: int
) -> None:
    """The negotiation page reads sources as counts only; its state of play, pictures and tables are the same."""
    from tradetalks.serve.charts import negotiation_charts
    from tradetalks.serve.negotiation_rows import negotiation_index, negotiation_page_index
    from tradetalks.serve.negotiations import negotiation_events, state_of_play

    store.save_dossier(_dossiers(sample_dossier)[which])
    rows = store.rows()
    for key in ("vn-us-reciprocal", "vn-efta-fta"):
        whole, light = negotiation_index(rows, key), negotiation_page_index(rows, key)
        assert not light.dossier.articles and all(not e.conflicts for e in light.events)
        assert state_of_play(light, key, "en") == state_of_play(whole, key, "en")
        charts = [negotiation_charts(ix, negotiation_events(ix, key), key, "vi") for ix in (light, whole)]
        assert charts[0] == charts[1]
