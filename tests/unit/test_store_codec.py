"""Round trip of the model records through store/codec.py (and JSON)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks.model import Article, Conflict, Doc, Dossier, Event, Evidence, Mention, RoleMention, TimeExpr
from tradetalks.store.codec import (
    doc_from_dict,
    doc_to_dict,
    dossier_from_dict,
    dossier_to_dict,
    extraction_from_dict,
    extraction_to_dict,
)

JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=8)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any type used in model.py, built from the dataclass annotations."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(tp) if f.init}
        return st.builds(tp, **fields)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[strategy_for(a) for a in args])
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=2)
    if origin is set:
        return st.sets(strategy_for(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(st.text(max_size=5), strategy_for(args[1]), max_size=2)
    if origin is typing.Literal:
        return st.sampled_from(args)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: st.text(max_size=12),
        int: st.integers(),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        type(None): st.none(),
        Any: JSON_LEAF | st.lists(JSON_LEAF, max_size=2),
    }
    return simple[tp]


@settings(max_examples=60, deadline=None)
@given(strategy_for(Doc))
def test_codec_doc_round_trip(doc: Doc) -> None:
    data = json.loads(json.dumps(doc_to_dict(doc)))
    assert doc_from_dict(data) == doc


@settings(max_examples=40, deadline=None)
@given(strategy_for(Dossier))
def test_codec_dossier_round_trip(dossier: Dossier) -> None:
    data = json.loads(json.dumps(dossier_to_dict(dossier)))
    assert dossier_from_dict(data) == dossier


@settings(max_examples=60, deadline=None)
@given(strategy_for(Doc))
def test_codec_extraction_round_trip_without_article(doc: Doc) -> None:
    data = json.loads(json.dumps(extraction_to_dict(doc)))
    assert "article" not in data
    assert extraction_from_dict(doc.article, data) == doc


def test_codec_sets_become_sorted_lists() -> None:
    doc = Doc(Article("a.txt", "Hà Nội"), layers={"text", "key", "folded"})
    assert doc_to_dict(doc)["layers"] == ["folded", "key", "text"]


def test_codec_nested_records_are_rebuilt_as_dataclasses(sample_dossier: Dossier) -> None:
    back = dossier_from_dict(json.loads(json.dumps(dossier_to_dict(sample_dossier), ensure_ascii=False)))
    assert back == sample_dossier
    assert isinstance(back.events[0].evidence[0], Evidence)
    assert isinstance(back.events[0].conflicts[0], Conflict)
    assert back.entities[0].roles[0].title == "Thứ trưởng"


def test_codec_doc_with_vietnamese_layers() -> None:
    text = "Sáng 12/11, Thứ trưởng Bộ Công Thương gặp phía Hoa Kỳ."
    role = RoleMention("Thứ trưởng Bộ Công Thương", 12, 37, "Thứ trưởng", "Deputy Minister", "Bộ Công Thương")
    doc = Doc(
        Article("bai.txt", text, title="Gặp gỡ", id="abc", version=2),
        layers={"text", "mentions"},
        mentions=[Mention(38, 52, "Bộ Công Thương", "organization", "bo cong thuong", role=role, side="VN")],
        timexes=[TimeExpr(0, 10, "Sáng 12/11", "2025-11-12", "publication_date", "morning")],
        events=[Event("meeting", [Evidence("abc", 0, 10, "Sáng 12/11")], rate=0.2, sources={"start": "abc"})],
    )
    assert doc_from_dict(json.loads(json.dumps(doc_to_dict(doc), ensure_ascii=False))) == doc
