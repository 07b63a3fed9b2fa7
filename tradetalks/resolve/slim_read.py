"""Stored extractions read straight into the slim docs resolution keeps (the full rebuild's read).

``slim`` in ``resolve/__init__.py`` turns a whole stored Doc into a slim one; reading 45k extractions that way
decodes every sentence and every field through the generic codec only to drop most of it. Here each stored row
goes to its slim Doc directly: mentions, time expressions, events and topics are built from the JSON values,
sentences are never made, repeated values (a name as written, its type, side and key, a title, a date) are shared
strings, and the text is kept only while its hash, MinHash and role quotes are taken. The result equals
``slim(doc_from_row(row))``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from tradetalks.model import Doc, Event, Mention, RoleMention, TimeExpr
from tradetalks.resolve.holders import gender_cue
from tradetalks.resolve.stories import text_digest
from tradetalks.store.codec import extraction_from_dict, from_dict
from tradetalks.store.reads import article_from_row
from tradetalks.store.search import fold_text

_intern = sys.intern


def slim_docs(rows: Iterable[tuple[Any, ...]], digests: dict[str, tuple[str, np.ndarray]]) -> Iterator[Doc]:
    """Slim docs of stored rows (``store/reads.py`` DOC_SQL columns: the article's, then the extraction); each
    article's text hash and MinHash go to ``digests``."""
    for row in rows:
        article = article_from_row(row[:-1])
        aid = article.id or article.source
        data = row[-1]
        if data is None:
            digests[aid] = text_digest(article.text)
            article.text = ""
            yield Doc(article=article, layers={"text"})
            continue
        values = data if isinstance(data, dict) else json.loads(data)
        text = article.text
        key = values.get("key")
        if key is None:
            key = text
        folded = values.get("folded")
        if folded is None:
            folded = fold_text(key)
        digests[aid] = text_digest(text, folded)
        try:
            mentions = [_mention(m, text) for m in values.get("mentions", ())]
            timexes = [_timex(t) for t in values.get("timexes", ())]
        except TypeError:  # fields of another version of the records: the generic codec knows their defaults
            doc = extraction_from_dict(article, values)
            mentions, timexes = doc.mentions, doc.timexes
            for m in mentions:
                if m.role is not None:
                    m.role.text = text[m.role.start : m.role.end]
        for m in mentions:  # the form of address before each name, read while the text is there (as ``slim``)
            if m.type == "person" and m.gender is None and text:
                m.gender = gender_cue(text, m.start)
        events = [from_dict(Event, e) for e in values.get("events", ())]
        article.text = ""
        yield Doc(
            article, set(values.get("layers", ())), "", "", [], mentions, timexes, events, values.get("topics", [])
        )


def _mention(m: dict[str, Any], text: str) -> Mention:
    role = m.get("role")
    canonical, side = m.get("canonical"), m.get("side")
    return Mention(
        start=m["start"],
        end=m["end"],
        text=_intern(m["text"]),
        type=_intern(m["type"]),
        key=_intern(m["key"]),
        canonical=_intern(canonical) if canonical is not None else None,
        role=_role(role, text) if role is not None else None,
        side=_intern(side) if side is not None else None,
        acronym=m.get("acronym"),
        ref=m.get("ref"),
        **_rest(m, _MENTION),
    )


def _role(r: dict[str, Any], text: str) -> RoleMention:
    """A role as stored, its quote taken from the text (as ``slim`` does)."""
    organization, country, title_en = r.get("organization"), r.get("country"), r.get("title_en")
    return RoleMention(
        text=text[r["start"] : r["end"]],
        start=r["start"],
        end=r["end"],
        title=_intern(r["title"]),
        title_en=_intern(title_en) if title_en is not None else None,
        organization=_intern(organization) if organization is not None else None,
        country=_intern(country) if country is not None else None,
        acting=r.get("acting", False),
        former=r.get("former", False),
        **_rest(r, _ROLE),
    )


def _timex(t: dict[str, Any]) -> TimeExpr:
    resolved_by, time_of_day = t.get("resolved_by"), t.get("time_of_day")
    return TimeExpr(
        start=t["start"],
        end=t["end"],
        text=_intern(t["text"]),
        value=_intern(t["value"]),
        resolved_by=_intern(resolved_by) if resolved_by is not None else None,
        time_of_day=_intern(time_of_day) if time_of_day is not None else None,
        kind=_intern(t.get("kind", "date")),
        **_rest(t, _TIMEX),
    )


_MENTION = frozenset(("start", "end", "text", "type", "key", "canonical", "role", "side", "acronym", "ref"))
_ROLE = frozenset(("text", "start", "end", "title", "title_en", "organization", "country", "acting", "former"))
_TIMEX = frozenset(("start", "end", "text", "value", "resolved_by", "time_of_day", "kind"))


def _rest(values: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Nothing when the stored record has only the fields read above; else a field no record has, so the
    constructor raises TypeError and the generic codec reads the row."""
    if len(values) <= len(known) and known.issuperset(values):
        return {}
    return {"_unknown": True}
