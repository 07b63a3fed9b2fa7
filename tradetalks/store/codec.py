"""Exact, JSON-ready round trip of the records in ``model.py`` (nested dataclasses, sets as sorted lists)."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from tradetalks.model import Article, Doc, Dossier

Converter = Callable[[Any], Any]

__all__ = [
    "doc_from_dict",
    "doc_to_dict",
    "dossier_from_dict",
    "dossier_to_dict",
    "extraction_from_dict",
    "extraction_to_dict",
    "from_dict",
    "to_dict",
]


def to_dict(obj: Any) -> Any:
    """Any model record (or list/dict/set of them) as plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, set | frozenset):
        return sorted(to_dict(v) for v in obj)
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild an instance of the dataclass ``cls`` from what ``to_dict`` made of it."""
    return _converter(cls)(data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _converter(tp: Any) -> Converter:
    """A function turning JSON values into a value of type ``tp``."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_converter(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            conv = _converter(inner[0])
            return lambda v: None if v is None else conv(v)
        return _identity
    if origin is list:
        item = _converter(args[0]) if args else _identity
        return lambda v: [item(x) for x in v]
    if origin in (set, frozenset):
        item = _converter(args[0]) if args else _identity
        return lambda v: {item(x) for x in v}
    if origin is dict:
        value = _converter(args[1]) if len(args) == 2 else _identity
        return lambda v: {k: value(x) for k, x in v.items()}
    if tp is float:
        return lambda v: None if v is None else float(v)
    return _identity


def _identity(value: Any) -> Any:
    return value


def _dataclass_converter(cls: type) -> Converter:
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    fields = {name: _converter(hints[name]) for name in names}

    def build(data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
        return cls(**{name: conv(data[name]) for name, conv in fields.items() if name in data})

    return build


def doc_to_dict(doc: Doc) -> dict[str, Any]:
    """A Doc (article and every layer) as a JSON-serialisable dict."""
    out: dict[str, Any] = to_dict(doc)
    return out


def doc_from_dict(data: dict[str, Any]) -> Doc:
    """The Doc that ``doc_to_dict`` was made from."""
    doc: Doc = from_dict(Doc, data)
    return doc


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """A Dossier as a JSON-serialisable dict."""
    out: dict[str, Any] = to_dict(dossier)
    return out


def dossier_from_dict(data: dict[str, Any]) -> Dossier:
    """The Dossier that ``dossier_to_dict`` was made from."""
    dossier: Dossier = from_dict(Dossier, data)
    return dossier


def extraction_to_dict(doc: Doc) -> dict[str, Any]:
    """A Doc's layers without its article (stored beside the article version it belongs to).

    ``key`` is left out when it equals the text, ``folded`` when it equals ``fold(key)``:
    both are rebuilt on load, so the round trip stays exact while the text is stored once.
    """
    from tradetalks.store.search import fold_text

    data = doc_to_dict(doc)
    del data["article"]
    if doc.key == doc.text:
        data["key"] = None
    if doc.folded and doc.folded == fold_text(doc.key):
        data["folded"] = None
    return data


def extraction_from_dict(article: Article, data: dict[str, Any]) -> Doc:
    """The Doc that ``extraction_to_dict`` was made from, around its article."""
    from tradetalks.store.search import fold_text

    data = dict(data)
    if data.get("key") is None:
        data["key"] = article.text
    if data.get("folded") is None:
        data["folded"] = fold_text(data["key"])
    data["article"] = to_dict(article)
    return doc_from_dict(data)
