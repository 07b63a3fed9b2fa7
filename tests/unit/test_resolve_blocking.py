"""Candidate pairs of reports come from blocks of one negotiation, type and season, never the whole archive."""

from __future__ import annotations

from datetime import date

from conftest import build_doc

from tradetalks.model import VN_US_RECIPROCAL
from tradetalks.resolve.entities import cluster_entities
from tradetalks.resolve.events import _candidate_pairs, collect_reports
from tradetalks.resolve.state import EventState


def _state(docs: list) -> EventState:
    published = {d.article.id: date.fromisoformat(d.article.published) if d.article.published else None for d in docs}
    return EventState(collect_reports(docs, cluster_entities(docs)), {}, published)


def _tariff(aid: str, published: str | None) -> object:
    text = "Mỹ giữ mức thuế 20% với hàng hóa Việt Nam."
    event = {"type": "tariff_action", "quote": "giữ mức thuế 20%", "rate": 0.2, "negotiation": VN_US_RECIPROCAL}
    return build_doc(aid, text, published=published, events=[event])


def test_resolve_blocking_by_season_grows_linearly() -> None:
    """Sixty reports of one rate, one a month over five years: each meets its own month and the next."""
    docs = [_tariff(f"t{n}", f"{2020 + n // 12}-{n % 12 + 1:02d}-10") for n in range(60)]
    state = _state(docs)
    pairs = _candidate_pairs(state)
    assert len(pairs) <= 2 * len(docs)  # all pairs would be 1,770
    assert (0, 1) in pairs and (0, 30) not in pairs


def test_resolve_blocking_undated_article_meets_every_season() -> None:
    docs = [_tariff("a", "2021-03-10"), _tariff("b", "2024-08-10"), _tariff("undated", None)]
    state = _state(docs)
    pairs = _candidate_pairs(state)
    undated = next(i for i, r in enumerate(state.reports) if r.article == "undated")
    assert len(pairs) == 2 and all(undated in p for p in pairs)
