"""The dossier stored as rows: the round trip is exact on every backend, and the rows carry their keys."""

from __future__ import annotations

from typing import Any

from tradetalks.model import (
    ArticleRecord,
    Conflict,
    Dossier,
    DossierTimex,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Participant,
    Role,
)
from tradetalks.store.rows import event_columns, name_keys


def test_store_rows_round_trip_is_exact(store: Any, sample_dossier: Dossier) -> None:
    store.save_dossier(sample_dossier)
    assert store.load_dossier() == sample_dossier
    store.save_dossier(Dossier())
    assert store.load_dossier() == Dossier(), "a rebuild replaces every row"
    store.save_dossier(sample_dossier)
    assert store.load_dossier() == sample_dossier


def test_store_rows_no_dossier_before_the_first_resolution(store: Any) -> None:
    assert store.load_dossier() is None


def test_store_rows_event_keys_month_and_days() -> None:
    event = Event("negotiation_round", [], start="2025-11-12", end="2025-11-14", time_of_day="morning")
    assert event_columns(event) == ("2025-11", "2025-11-12", "2025-11-14", 1)
    month = Event("meeting", [], start="2025-11")
    assert event_columns(month) == ("2025-11", "2025-11-01", "2025-11-31", 0)
    assert event_columns(Event("call", [], start="XXXX-02-04"))[:3] == (None, None, None)


def test_store_rows_entities_are_found_by_folded_name_keys(sample_dossier: Dossier) -> None:
    entity = sample_dossier.entities[0]
    keys = name_keys(entity)
    assert all(k == k.lower() and k.isascii() for k in keys)
    assert len(keys) >= 1


def _dossiers() -> Any:
    """Any dossier whose events, entities and articles have distinct ids (as resolution gives them); text without
    NUL (PostgreSQL stores it as U+FFFD) and integers that fit a 32-bit column."""
    from hypothesis import strategies as st

    from tests.unit.test_store_codec import strategy_for

    ints = st.integers(-(2**31), 2**31 - 1)
    text = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=10)
    evidence = st.builds(Evidence, text, ints, ints, text)
    event = st.builds(
        Event,
        type=text,
        evidence=st.lists(evidence, max_size=3),
        negotiation=st.none() | text,
        ordinal=st.none() | ints,
        start=st.none() | st.sampled_from(["2025-11-12", "2025-11", "2025", "XXXX-02-04", "2025-13-40"]),
        end=st.none() | st.sampled_from(["2025-11-14", "2026"]),
        time_of_day=st.none() | st.sampled_from(["morning", "evening", "later"]),
        participants=st.lists(st.builds(Participant, text, st.none() | text, st.none() | text), max_size=3),
        topics=st.lists(text, max_size=3),
        rate=st.none() | st.floats(allow_nan=False, allow_infinity=False),
        conflicts=st.lists(strategy_for(Conflict), max_size=2),
        id=text.filter(bool),
        sources=st.dictionaries(text, text, max_size=2),  # an empty id is named "ev<place>", as readers did
    )
    role = st.builds(Role, text, st.none() | text, st.none() | text, st.none() | text, st.lists(evidence, max_size=2))
    entity = st.builds(
        Entity,
        id=text,
        type=text,
        name=text,
        name_en=st.none() | text,
        aliases=st.lists(text, max_size=3),
        roles=st.lists(role, max_size=2),
        mentions=st.lists(st.builds(EntityMention, text, ints, ints, text), max_size=3),
        side=st.none() | text,
    )
    article = st.builds(ArticleRecord, text, text, *([st.none() | text] * 6))

    def timexes(article_id: str) -> Any:
        timex = st.builds(DossierTimex, st.just(article_id), ints, ints, text, text, st.none() | text, st.none() | text)
        return st.lists(timex, max_size=2)

    def with_timexes(articles: list[ArticleRecord]) -> Any:
        """Timexes belong to the dossier's articles and come article by article, in their order (as resolution
        lists them: the rows number them within their article)."""
        return st.tuples(*(timexes(a.id) for a in articles)).map(lambda parts: [t for part in parts for t in part])

    articles = st.lists(article, max_size=3, unique_by=lambda a: a.id)
    return articles.flatmap(
        lambda arts: st.builds(
            Dossier,
            st.just(arts),
            st.lists(entity, max_size=3, unique_by=lambda e: e.id),
            st.lists(event, max_size=4, unique_by=lambda e: e.id),
            with_timexes(arts),
        )
    )


def test_store_rows_round_trip_of_any_dossier(store: Any) -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_dossiers())
    def check(dossier: Dossier) -> None:
        store.save_dossier(dossier)
        assert store.load_dossier() == dossier

    check()


def test_store_rows_snapshot_reads_one_dossier_while_a_rebuild_commits(store_url: str, sample_dossier: Dossier) -> None:
    from tradetalks.store import open_store

    with open_store(store_url) as reader, open_store(store_url) as writer:
        writer.save_dossier(sample_dossier)
        with reader.rows().snapshot() as rows:
            ids = [i for i, _, _ in rows.event_ids()]
            writer.save_dossier(Dossier())  # another connection replaces every row meanwhile
            assert [e.id for e in rows.events(ids)] == ids, "the snapshot still sees the dossier it began with"
        assert reader.rows().event_ids() == [], "after it, the new dossier"
