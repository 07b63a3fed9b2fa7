"""The gold-free checks each find what they name, and nothing in a sound dossier."""

from __future__ import annotations

from tradetalks.model import ArticleRecord, Conflict, Dossier, DossierTimex, Event, Evidence
from tradetalks.resolve.sanity import check_dossier


def _article(aid: str, published: str | None) -> ArticleRecord:
    return ArticleRecord(aid, f"{aid}.txt", None, None, None, published)


def _event(eid: str, article: str, **attrs: object) -> Event:
    ev = Event("negotiation_round", [Evidence(article, 0, 4, "vòng")], **attrs)  # type: ignore[arg-type]
    ev.id = eid
    return ev


def test_resolve_sanity_finds_each_fault() -> None:
    mixed = _event("mixed", "a", negotiation="vn-us-reciprocal")
    mixed.conflicts.append(Conflict("negotiation", ["vn-us-reciprocal", "vn-efta"], [[], []]))
    dossier = Dossier(
        articles=[_article("a", "2025-05-05"), _article("b", "2025-11-20")],
        events=[
            mixed,
            _event("late", "a", start="2025-05-07"),
            _event("far", "a", start="2013-05-01"),
            _event("stated", "b", start="2013-11-04"),
            _event("r5", "b", negotiation="vn-us-reciprocal", ordinal=5, start="2025-10-01"),
            _event("r6", "b", negotiation="vn-us-reciprocal", ordinal=6, start="2025-09-01"),
            _event("planned", "a", start="2025-06-01", status="planned"),
        ],
        timexes=[DossierTimex("b", 0, 9, "4/11/2013", "2013-11-04", "explicit")],
    )
    found = check_dossier(dossier)
    assert found.mixed_negotiations == ["mixed"]
    assert found.held_after_published == ["late"]
    assert found.far_years == ["far"]
    assert found.rounds_out_of_order == [("r5", "r6")]
    assert found.counts() == {
        "mixed_negotiations": 1,
        "held_after_published": 1,
        "far_years": 1,
        "rounds_out_of_order": 1,
    }


def test_resolve_sanity_announced_before_held() -> None:
    """Rule ``announced_before_held``: an article that told the meeting only as planned, before its day, is no
    fault; one that told it as held before its day still is."""
    told = Evidence("a", 0, 4, "sẽ gặp")
    done = Evidence("b", 0, 4, "đã gặp")
    ev = _event("summit", "a", start="2025-02-27")
    ev.evidence.append(done)
    ev.conflicts.append(Conflict("status", ["held", "planned"], [[done], [told]]))
    early = Dossier(articles=[_article("a", "2025-02-10"), _article("b", "2025-02-28")], events=[ev])
    assert check_dossier(early).held_after_published == []
    late = Dossier(articles=[_article("a", "2025-02-10"), _article("b", "2025-02-20")], events=[ev])
    assert check_dossier(late).held_after_published == ["summit"]
