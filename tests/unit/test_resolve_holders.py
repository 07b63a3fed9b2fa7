"""Rule ``dominant_surname_holder``: a bare foreign surname joins the one holder of it the news names far more
often than the others, agreeing in the form of address; a surname two people share about equally, a word that may
be a Vietnamese given name and a family name written first are never joined this way."""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from test_resolve_incremental import BACKENDS, _fresh_store

from tradetalks.ingest.articles import build_article
from tradetalks.model import Doc, Dossier, Entity
from tradetalks.pipeline import default_pipeline
from tradetalks.resolve import build_dossier, rebuild_dossier
from tradetalks.resolve.holders import (
    NO_CUE,
    HolderRuleError,
    RowCounts,
    dominant_holder,
    gender_cue,
    holder_rule,
    parse_rule,
)
from tradetalks.resolve.incremental import current_revision, resolve_new
from tradetalks.store.codec import to_dict

_RUN = default_pipeline()
_DONE: dict[str, Doc] = {}


def _doc(aid: str, text: str, published: str) -> Doc:
    if aid not in _DONE:
        url = f"https://bao.example.vn/{aid}"
        _DONE[aid] = _RUN(build_article(url, text, title=aid, url=url, published=published))
    return copy.deepcopy(_DONE[aid])


def _many(prefix: str, n: int, sentence: str) -> list[Doc]:
    """``n`` short reports of our own words, one a day from 2019-03-01, naming someone in full."""
    return [
        _doc(f"{prefix}{i}", sentence.format(i=i + 1), f"2019-{3 + i // 28:02d}-{i % 28 + 1:02d}") for i in range(n)
    ]


def _donald(n: int = 32) -> list[Doc]:
    return _many("dt", n, "Ông Donald Trump phát biểu về thuế nhập khẩu trong cuộc họp thứ {i} tại Nhà Trắng.")


def _melania(n: int = 4) -> list[Doc]:
    return _many("mt", n, "Bà Melania Trump thăm một trường tiểu học ở bang thứ {i} của nước Mỹ.")


def _bare() -> list[Doc]:
    return [
        _doc("ong", "Chiều qua, ông Trump nói với các phóng viên rằng thuế thép sẽ tăng.", "2019-06-01"),
        _doc("ba", "Sáng nay, bà Trump đến thăm một bệnh viện nhi và tặng quà các em nhỏ.", "2019-06-02"),
    ]


def _holder_of(dossier: Dossier, article: str) -> Entity:
    found = [e for e in dossier.entities if e.type == "person" and any(m.article == article for m in e.mentions)]
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def _aid(name: str) -> str:
    return build_article(f"https://bao.example.vn/{name}", "x").id or ""


def test_dominant_surname_holder_thresholds_are_validated() -> None:
    rule = holder_rule()
    assert rule.min_articles >= 2 and rule.ratio >= 1.5
    for bad in ({"min_articles": 20}, {"min_articles": 1, "ratio": 4}, {"min_articles": 20, "ratio": "4"}, []):
        with pytest.raises(HolderRuleError, match="surname_holders.json"):
            parse_rule(bad)
    with pytest.raises(HolderRuleError, match="min_artciles"):
        parse_rule({"min_artciles": 20, "ratio": 4})


@pytest.mark.parametrize(
    ("text", "cue"),
    [("Hôm qua bà Trump", "f"), ("Theo ông Trump", "m"), ("ông bà Trump", None), ("Tổng thống Trump", None)],
)
def test_dominant_surname_holder_reads_the_form_of_address(text: str, cue: str | None) -> None:
    assert gender_cue(text, text.index("Trump")) == cue


def _counts(**holders: tuple[int, str]) -> RowCounts:
    counts = RowCounts()
    for given, (n, gender) in holders.items():
        counts.rows[("h:trump", f"{given}|{gender}")] += n
    return counts


def test_dominant_surname_holder_counts() -> None:
    counts = _counts(donald=(400, "m"), melania=(40, "f"), ivanka=(30, "f"))
    assert dominant_holder(counts, "trump", "m") == "donald"
    assert dominant_holder(counts, "trump", NO_CUE) == "donald"
    assert dominant_holder(counts, "trump", "f") is None  # Melania does not dominate Ivanka
    even = _counts(donald=(100, "m"), fred=(60, "m"))
    assert dominant_holder(even, "trump", NO_CUE) is None
    few = _counts(donald=(10, "m"))
    assert dominant_holder(few, "trump", NO_CUE) is None  # too few articles to call him the holder
    first = _counts(donald=(100, "m"))
    first.rows[("hf", "trump")] = 40  # full names that start with the word: it may be a family name written first
    assert dominant_holder(first, "trump", NO_CUE) is None
    vn = RowCounts()
    vn.rows[("h:kim", "jim|m")] = 100
    assert dominant_holder(vn, "kim", NO_CUE) is None  # "Kim" may be a Vietnamese given name


def test_dominant_surname_holder_joins_him_and_not_her_in_any_order() -> None:
    docs = _donald() + _melania() + _bare()
    first = build_dossier(docs)
    donald = _holder_of(first, _aid("dt0"))
    assert donald.name == "Donald Trump"
    assert _holder_of(first, _aid("ong")).id == donald.id
    assert _holder_of(first, _aid("ba")).id not in (donald.id, _holder_of(first, _aid("mt0")).id)
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    assert to_dict(build_dossier(shuffled).entities) == to_dict(first.entities)


def test_dominant_surname_holder_leaves_a_surname_two_people_share() -> None:
    docs = _many("bl", 25, "Bà Barbara Lee, nghị sĩ Mỹ, phát biểu tại phiên họp thứ {i} của Quốc hội.")
    docs += _many("ml", 25, "Ông Mike Lee, thượng nghị sĩ Mỹ, phản đối dự luật thứ {i} về thuế.")
    docs.append(_doc("lee", "Hôm qua, ông Lee nói rằng dự luật thuế cần được sửa đổi.", "2019-07-01"))
    dossier = build_dossier(docs)
    bare = _holder_of(dossier, _aid("lee"))
    assert bare.name == "Lee" and {m.article for m in bare.mentions} == {_aid("lee")}


@pytest.mark.parametrize("backend", BACKENDS)
def test_dominant_surname_holder_holds_across_incremental_ingest(backend: str, tmp_path: Path) -> None:
    """The bare "ông Trump" of a new article joins the stored Donald Trump though no article it re-resolves names
    him in full (his name is shared by too many articles to be followed): the other articles' counts are read from
    the stored rows, and the dossier is the one a full rebuild gives."""
    with _fresh_store(backend, tmp_path) as store:
        for batch in (_donald() + _melania(), _bare()):
            since = current_revision(store)
            ids = []
            for doc in batch:
                outcome = store.add_article(copy.deepcopy(doc.article), doc)
                ids.append(outcome.article_id or "")
            result = resolve_new(store, ids, since)
        assert result.rebuilt is None and len(result.articles) <= 3, result
        kept = store.load_dossier()
        assert _holder_of(kept, _aid("ong")).id == _holder_of(kept, _aid("dt0")).id
        rebuild_dossier(store)
        assert to_dict(kept) == to_dict(store.load_dossier())


def test_dominant_surname_holder_shift_takes_the_full_rebuild(tmp_path: Path) -> None:
    """A new article that makes a holder dominant (the twentieth naming him) changes how every stored bare name of
    the surname is read: the incremental resolution runs the full rebuild, which joins the stored "ông Trump"."""
    low = holder_rule().min_articles
    with _fresh_store("sqlite", tmp_path) as store:
        for batch in (_donald(low - 1) + _bare(), _donald(low)[-1:]):
            since = current_revision(store)
            ids = [store.add_article(copy.deepcopy(d.article), d).article_id or "" for d in batch]
            result = resolve_new(store, ids, since)
        assert result.rebuilt is not None and "trump" in result.rebuilt
        kept = store.load_dossier()
        assert _holder_of(kept, _aid("ong")).id == _holder_of(kept, _aid("dt0")).id


def test_dominant_surname_holder_resource_is_json() -> None:
    path = Path(__file__).parents[2] / "tradetalks" / "resources" / "surname_holders.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert parse_rule(data) == holder_rule()
    assert Counter(k for k in data if not k.startswith("_")) == Counter({"min_articles": 1, "ratio": 1})


@pytest.mark.parametrize("count", [1, 3])
def test_dominant_surname_holder_in_cluster_partitions(count: int) -> None:
    """Resolved in entity partitions (as ``bulk`` does on the cluster, here in one process), "ông Trump" joins
    Donald Trump and "bà Trump" stays apart, as in one pass: the holders are counted over every article."""
    from tradetalks.resolve import dossier_order
    from tradetalks.resolve.distributed import entity_part, plan_parts, prepare_docs, reduce_parts
    from tradetalks.resolve.entities import cluster_entities

    prepared = {p.doc.article.id or p.doc.article.source: p for p in prepare_docs(_donald() + _melania() + _bare())}
    digests = {aid: p.digest[0] for aid, p in prepared.items()}
    ordered = dossier_order([p.doc for p in prepared.values()], digests)
    planned, _ = plan_parts(ordered, prepared, count)
    index = reduce_parts(ordered, [entity_part(p) for p in planned])
    one = cluster_entities(ordered)
    assert index.entities == one.entities
    donald = next(e for e in one.entities if e.name == "Donald Trump")
    assert _aid("ong") in {m.article for m in donald.mentions}
