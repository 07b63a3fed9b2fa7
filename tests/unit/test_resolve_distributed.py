"""Rule ``people_partition_keys`` (``resolve/distributed.py``): the keys that cut people into partitions."""

from __future__ import annotations

import pytest

from tradetalks.model import Article, Doc, Mention
from tradetalks.resolve import dossier_order
from tradetalks.resolve.distributed import _people_keys, entity_part, plan_parts, prepare_docs, reduce_parts
from tradetalks.resolve.entities import cluster_entities


def test_people_partition_keys_join_what_merge_people_joins() -> None:
    """Rule ``people_partition_keys``: a one-word name meets the full names it may belong to by its block; two
    spellings one vowel apart share a vowel key; unrelated names share nothing."""

    def doc(*names: str) -> Doc:
        text = ". ".join(names)
        mentions, at = [], 0
        for n in names:
            mentions.append(Mention(at, at + len(n), n, "person", n.lower(), side="other"))
            at += len(n) + 2
        return Doc(Article("mem", text, id="a"), mentions=mentions)

    def keys(*names: str) -> set[str]:
        return {k for _, ks in _people_keys(doc(*names)) for k in ks}

    assert keys("Greer") & keys("Jamieson Greer") == {"b:0:greer"}
    assert keys("Mauro Vieira") & keys("Maurio Viera")
    assert not keys("Mauro Vieira") & keys("Jamieson Greer")
    assert prepare_docs([doc("Jamieson Greer")])[0].people[0][1][0].startswith("b:0:")


@pytest.mark.parametrize("count", [1, 2, 5])
def test_entity_partitions_give_the_entities_of_one_pass(count: int) -> None:
    """Clustered in partitions (as on the workers, here in one process) and reduced, the corpus's entities,
    their ids, mentions, aliases and sides are those ``cluster_entities`` gives in one pass."""
    from tests.conftest import talks_corpus

    prepared = {p.doc.article.id or p.doc.article.source: p for p in prepare_docs(talks_corpus())}
    digests = {aid: p.digest[0] for aid, p in prepared.items()}
    ordered = dossier_order([p.doc for p in prepared.values()], digests)
    planned, largest = plan_parts(ordered, prepared, count)
    parts = list(planned)
    assert len(parts) == min(count, len(parts)) and largest > 0
    if count > 1:
        assert len(parts) > 1
    index = reduce_parts(ordered, [entity_part(p) for p in parts])
    one = cluster_entities(ordered)
    assert [e.id for e in index.entities] == [e.id for e in one.entities]
    assert index.entities == one.entities
    assert (index.of, index.members, index.by_name) == (one.of, one.members, one.by_name)
