"""The full rebuild's read: stored extraction rows straight to slim docs, equal to decoding whole docs and
slimming them (``resolve.slim``), on both backends."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from tests.conftest import talks_corpus
from tradetalks.model import Article
from tradetalks.resolve import slim
from tradetalks.resolve.slim_read import slim_docs
from tradetalks.store.codec import extraction_to_dict, to_dict
from tradetalks.store.reads import doc_from_row


def _same(rows: list[tuple[Any, ...]]) -> None:
    whole: dict[str, tuple[str, np.ndarray]] = {}
    direct: dict[str, tuple[str, np.ndarray]] = {}
    expected = [to_dict(slim(doc_from_row(r), whole)) for r in rows]
    assert [to_dict(d) for d in slim_docs(rows, direct)] == expected
    assert whole.keys() == direct.keys()
    for aid, (digest, sig) in whole.items():
        assert direct[aid][0] == digest and np.array_equal(direct[aid][1], sig)


def test_slim_read_equals_whole_docs_slimmed(store: Any) -> None:
    for doc in talks_corpus():
        store.add_article(doc.article, doc)
    store.add_article(Article("bare.txt", "Một bài chưa được trích xuất, không có tên người nào."))
    rows = list(store.extraction_rows())
    assert len(rows) == 6 and sum(r[-1] is None for r in rows) == 1
    _same(rows)
    assert any(m.role is not None and m.role.text for d in slim_docs(rows, {}) for m in d.mentions)


def test_slim_read_a_field_of_another_version_goes_through_the_codec() -> None:
    doc = talks_corpus()[0]
    data = extraction_to_dict(doc)
    data["mentions"][0]["weight"] = 3  # a field these records do not have: the codec ignores it
    data["timexes"][0]["weight"] = 3
    a = doc.article
    row = (a.id or "a1", 1, a.source, a.url, a.outlet, a.title, a.published, a.text, json.dumps(data))
    _same([row])
