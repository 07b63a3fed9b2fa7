"""Rule agreement_named_by_place: an agreement named by the city it was reached in is that agreement, told as
background, and the articles naming it join (sentences written for these tests)."""

from __future__ import annotations

from tradetalks.ingest.articles import build_article
from tradetalks.pipeline import default_pipeline
from tradetalks.resolve import build_dossier


def _agreements(text: str, published: str | None = "2025-09-03") -> list[tuple[str | None, bool, str | None]]:
    doc = default_pipeline()(build_article("named.txt", text, published=published))
    return [(e.location, e.reference, e.start) for e in doc.events if e.type == "agreement"]


def test_agreement_named_by_place_direct() -> None:
    """ "thỏa thuận Stockholm" in a sentence about trade: that agreement, placed there, undated."""
    text = "Ngày 2/9/2025, Nhật Bản và Hàn Quốc cáo buộc nhau vi phạm thỏa thuận Stockholm về thuế quan."
    assert _agreements(text) == [("Stockholm", True, None)]


def test_agreement_named_by_place_through_a_link() -> None:
    """ "thỏa thuận đình chiến" reached at a place ("đạt được ở"), quotes around the name."""
    text = (
        'Nhật Bản và Hàn Quốc đề nghị kéo dài "thỏa thuận đình chiến" đạt được ở Stockholm thêm hai tháng, '
        "về thuế quan."
    )
    assert _agreements(text) == [("Stockholm", True, None)]


def test_agreement_named_by_place_of_no_negotiation() -> None:
    """Named by a city, but no negotiation the article tells ("hai nước" only): none."""
    assert _agreements('Hai nước đề nghị kéo dài "thỏa thuận đình chiến" đạt được ở Stockholm, về thuế quan.') == []


def test_agreement_named_by_place_needs_trade() -> None:
    """A city's accord on another matter ("hiệp định Paris về khí hậu") in an article of no trade is none."""
    assert _agreements("Nhiều nước khẳng định ủng hộ hiệp định Paris về khí hậu.") == []


def test_agreement_named_by_place_of_another_matter() -> None:
    """Beside trade, an accord on the climate named by its city is still no trade agreement."""
    text = "Đức và Pháp bàn về thương mại, thuế quan và thỏa thuận Madrid về biến đổi khí hậu."
    assert _agreements(text) == []


def test_agreement_named_by_place_not_a_meeting_place() -> None:
    """A place where talks were held is no agreement's name ("đàm phán tại Stockholm")."""
    text = "Ngày 2/9/2025, Nhật Bản và Hàn Quốc đàm phán thương mại tại Stockholm."
    assert _agreements(text) == []


def _doc(name: str, text: str, published: str) -> object:
    return default_pipeline()(build_article(f"{name}.txt", text, published=published))


def test_agreement_named_by_place_joins_articles() -> None:
    """Two articles naming the Stockholm agreement of one negotiation tell one event; the Madrid one is another."""
    docs = [
        _doc("a", "Nhật Bản và Hàn Quốc cáo buộc nhau vi phạm thỏa thuận Stockholm về thuế quan.", "2025-09-03"),
        _doc(
            "b",
            'Nhật Bản và Hàn Quốc đề nghị kéo dài "thỏa thuận đình chiến" đạt được ở Stockholm, về thuế quan.',
            "2025-10-01",
        ),
        _doc("c", "Nhật Bản và Hàn Quốc tiếp tục thực hiện thỏa thuận Madrid về thuế quan.", "2025-10-02"),
    ]
    named = [e for e in build_dossier(docs).events if e.type == "agreement"]
    by_place = sorted((e.location or "", len({x.article for x in e.evidence})) for e in named)
    assert by_place == [("Madrid", 1), ("Stockholm", 2)]


def test_agreement_named_by_place_keeps_negotiations_apart() -> None:
    """The Stockholm agreement of two other negotiations are two events."""
    docs = [
        _doc("a", "Nhật Bản và Hàn Quốc cáo buộc nhau vi phạm thỏa thuận Stockholm về thuế quan.", "2025-09-03"),
        _doc("b", "Canada và Mexico cáo buộc nhau vi phạm thỏa thuận Stockholm về thuế quan.", "2025-09-04"),
    ]
    named = [e for e in build_dossier(docs).events if e.type == "agreement"]
    assert len(named) == 2


def test_agreement_named_by_place_not_the_dated_one_of_its_article() -> None:
    """An article telling the agreement reached in Madrid on a day and naming the Stockholm one: two agreements,
    the named one never taking the other's day."""
    text = (
        "Ngày 4/9/2025, Nhật Bản và Hàn Quốc đạt được thỏa thuận thương mại tại Madrid. "
        "Thỏa thuận này thay cho thỏa thuận Stockholm về thuế quan."
    )
    named = [e for e in build_dossier([_doc("a", text, "2025-09-05")]).events if e.type == "agreement"]
    assert sorted((e.location or "", e.start or "") for e in named) == [("Madrid", "2025-09-04"), ("Stockholm", "")]
