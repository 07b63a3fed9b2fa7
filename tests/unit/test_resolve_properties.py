"""Resolution does not depend on the order articles arrive in, and more articles never split what was merged."""

from __future__ import annotations

import copy
import random

import pytest
from conftest import SEEDS, require_shared, talks_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradetalks.export.json import dossier_to_json
from tradetalks.model import Doc, Dossier
from tradetalks.resolve import build_dossier

CORPUS = talks_corpus()


def _shape(dossier: Dossier) -> tuple:
    """The dossier with ids replaced by what they stand for (mentions, evidence)."""
    name = {e.id: (e.type, tuple((m.article, m.start) for m in e.mentions)) for e in dossier.entities}
    entities = sorted(name.values())
    events = sorted(
        (
            e.type,
            e.ordinal or 0,
            e.start or "",
            e.end or "",
            e.status,
            tuple(sorted(name.get(p.entity, ("?", ())) for p in e.participants)),
            tuple((x.article, x.start, x.end) for x in e.evidence),
        )
        for e in dossier.events
    )
    timexes = sorted((t.article, t.start, t.value, t.resolved_by or "") for t in dossier.timexes)
    groups: dict[str | None, set[str]] = {}
    for a in dossier.articles:
        groups.setdefault(a.story, set()).add(a.id)
    stories = sorted(tuple(sorted(g)) for g in groups.values())
    return entities, events, timexes, stories


EXPECTED = _shape(build_dossier(copy.deepcopy(CORPUS)))


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(CORPUS))), st.randoms(use_true_random=False))
def test_resolve_properties_order_does_not_matter(order: list[int], rnd: random.Random) -> None:
    docs = [copy.deepcopy(CORPUS[i]) for i in order]
    for doc in docs:
        rnd.shuffle(doc.events)
        for ev in doc.events:
            rnd.shuffle(ev.participants)
    assert _shape(build_dossier(docs)) == EXPECTED


@pytest.fixture(scope="module")
def seed_docs(tmp_path_factory: pytest.TempPathFactory) -> list[Doc]:
    require_shared()
    from tradetalks.ingest.batch import ingest_paths
    from tradetalks.store import open_store

    with open_store(str(tmp_path_factory.mktemp("seeds") / "seeds.db")) as store:
        ingest_paths(store, [str(SEEDS)], console=None)
        return list(store.docs())


@pytest.mark.shared
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(5)))
def test_resolve_properties_seed_order_does_not_matter(seed_docs: list[Doc], order: list[int]) -> None:
    order = [i for i in order if i < len(seed_docs)] + list(range(5, len(seed_docs)))
    expected = dossier_to_json(build_dossier(copy.deepcopy(seed_docs)))
    assert dossier_to_json(build_dossier([copy.deepcopy(seed_docs[i]) for i in order])) == expected


def test_resolve_properties_same_input_same_ids() -> None:
    one = dossier_to_json(build_dossier(copy.deepcopy(CORPUS)))
    two = dossier_to_json(build_dossier(copy.deepcopy(list(reversed(CORPUS)))))
    assert one == two


def _together(dossier: Dossier) -> tuple[set[frozenset], set[frozenset]]:
    """Pairs of mentions sharing an entity and pairs of evidence spans sharing an event."""
    ents = set()
    for e in dossier.entities:
        ms = [(m.article, m.start) for m in e.mentions]
        ents |= {frozenset((a, b)) for a in ms for b in ms if a < b}
    evs = set()
    for ev in dossier.events:
        xs = [(x.article, x.start) for x in ev.evidence]
        evs |= {frozenset((a, b)) for a in xs for b in xs if a < b}
    return ents, evs


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(0, len(CORPUS) - 1), min_size=1), st.integers(0, len(CORPUS) - 1))
def test_resolve_properties_adding_an_article_never_splits(subset: set[int], extra: int) -> None:
    before = _together(build_dossier([copy.deepcopy(CORPUS[i]) for i in sorted(subset)]))
    after = _together(build_dossier([copy.deepcopy(CORPUS[i]) for i in sorted(subset | {extra})]))
    assert before[0] <= after[0]
    assert before[1] <= after[1]
