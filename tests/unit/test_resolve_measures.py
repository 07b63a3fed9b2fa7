"""Tariff reports across articles: a rate tied to several days by the dossier names no one measure."""

from __future__ import annotations

from conftest import build_doc

from tradetalks.model import VN_US_RECIPROCAL, TariffFacts
from tradetalks.resolve import build_dossier

_TEXT = "Washington áp mức thuế 25% lên hàng hóa của Việt Nam."


def _rate(aid: str, published: str | None = None, start: str | None = None, effective: str | None = None) -> object:
    """One article telling a 25% tariff of the Viet Nam–US talks, with or without its days."""
    event = {
        "type": "tariff_action",
        "quote": "áp mức thuế 25%",
        "rate": 0.25,
        "start": start,
        "negotiation": VN_US_RECIPROCAL,
        "tariff": TariffFacts(country="Việt Nam", effective=effective),
    }
    return build_doc(aid, _TEXT, published=published, events=[event])


def _tariffs(docs: list) -> list:
    return [e for e in build_dossier(docs).events if e.type == "tariff_action"]


def test_resolve_measures_rate_of_several_measures_is_no_link() -> None:
    """25% announced on 3/3 and 25% in force from 20/3 are two measures: two articles that tell "25%" with
    no day cannot say which they mean, so neither joins the other nor a dated one."""
    docs = [
        _rate("announced", "2025-03-04", start="2025-03-03"),
        _rate("in-force", "2025-03-21", effective="2025-03-20"),
        _rate("bare-one"),
        _rate("bare-two"),
    ]
    tariffs = _tariffs(docs)
    assert len(tariffs) == 4
    assert all(len({e.article for e in ev.evidence}) == 1 for ev in tariffs)


def test_resolve_measures_rate_of_one_measure_still_links() -> None:
    """With 25% tied to one day only, the undated reports of 25% are that measure."""
    docs = [_rate("announced", "2025-03-04", start="2025-03-03"), _rate("bare-one"), _rate("bare-two")]
    assert len(_tariffs(docs)) == 1


def test_resolve_measures_same_day_of_force_links() -> None:
    """Two undated reports that both give the day the rate comes into force name that measure, though the
    rate was also announced on another day."""
    docs = [
        _rate("announced", "2025-03-04", start="2025-03-03"),
        _rate("in-force", "2025-03-21", effective="2025-03-20"),
        _rate("in-force-too", "2025-03-22", effective="2025-03-20"),
    ]
    assert len(_tariffs(docs)) == 2


def test_resolve_measures_baseline_is_no_pause() -> None:
    """A floor rate of 10% set on every partner, told with no day, is not the pause that left a country at 10%
    (dated 9/4): the two stay apart, while two reports of the pause join."""

    def ten(aid: str, published: str | None, scope: str | None, action: str, start: str | None = None) -> object:
        event = {
            "type": "tariff_action",
            "quote": "mức 10%",
            "rate": 0.1,
            "start": start,
            "negotiation": VN_US_RECIPROCAL,
            "tariff": TariffFacts(country="Việt Nam", scope=scope, action=action),
        }
        return build_doc(aid, "Hàng hóa chịu mức 10% trong thời gian tới.", published=published, events=[event])

    docs = [
        ten("pause", "2025-04-10", None, "suspended", start="2025-04-09"),
        ten("pause-too", None, None, "suspended"),
        ten("floor", None, "baseline", "imposed"),
    ]
    groups = sorted(sorted({e.article for e in ev.evidence}) for ev in _tariffs(docs))
    assert groups == [["floor"], ["pause", "pause-too"]]
