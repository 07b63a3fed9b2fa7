"""Any article text survives the store: stored once, read back as written, searchable without errors."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradetalks.model import Article

texts = st.text(min_size=1, max_size=300)
unique = itertools.count()  # the store lives across examples: each example's article is a new one


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=st.none() | st.text(max_size=40))
def test_store_any_text_round_trips(store: Any, text: str, title: str | None) -> None:
    n = next(unique)
    text = f"{text}\n{n}"
    url = f"https://tin.example.vn/{n}"
    first = store.add_article(Article("x.txt", text, title=title, url=url))
    assert first.status == "new"
    again = store.add_article(Article("x.txt", text, title=title, url=url))
    assert again.status == "unchanged"
    stored = store.get_article(first.article_id)
    nul_free = text.replace("\x00", "\ufffd")  # PostgreSQL text cannot hold NUL; SQLite keeps it
    assert stored.text in (text, nul_free)
    assert stored.title in (title, title.replace("\x00", "\ufffd") if title else title)
    words = text.split()
    assert isinstance(store.search(words[0] if words else text), list)
