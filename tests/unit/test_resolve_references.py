"""References donate no attributes: a round named only as background attaches to its round, nothing more."""

from __future__ import annotations

from conftest import build_doc

from tradetalks.ingest.articles import build_article
from tradetalks.model import VN_US_RECIPROCAL
from tradetalks.pipeline import default_pipeline
from tradetalks.resolve import build_dossier


def test_resolve_references_marked_by_extraction() -> None:
    text = (
        "Kể từ vòng đàm phán thứ hai, đoàn Việt Nam đã làm việc với phía Hoa Kỳ tại Washington "
        "ngày 12/6/2025 về thuế đối ứng."
    )
    doc = default_pipeline()(build_article("ref.txt", text, published="2025-06-13"))
    rounds = [e for e in doc.events if e.type == "negotiation_round"]
    assert [(e.ordinal, e.reference) for e in rounds] == [(2, True)]


def test_resolve_references_donate_no_attributes() -> None:
    own = "Vòng đàm phán thứ ba diễn ra tại Washington từ ngày 2 đến 4/6/2025."
    later = "Sau vòng đàm phán thứ ba, hai bên họp trực tuyến tại Hà Nội ngày 20/6/2025."
    round_three = {"type": "negotiation_round", "ordinal": 3, "negotiation": VN_US_RECIPROCAL}
    docs = [
        build_doc(
            "own",
            own,
            published="2025-06-05",
            events=[
                {
                    **round_three,
                    "quote": "Vòng đàm phán thứ ba",
                    "start": "2025-06-02",
                    "end": "2025-06-04",
                    "location": "Washington",
                }
            ],
        ),
        build_doc(
            "later",
            later,
            published="2025-06-21",
            events=[
                {
                    **round_three,
                    "quote": "vòng đàm phán thứ ba",
                    "location": "Hà Nội",
                    "reference": True,
                }
            ],
        ),
    ]
    (ev,) = build_dossier(docs).events
    assert {e.article for e in ev.evidence} == {"own", "later"}
    assert (ev.start, ev.end, ev.location, ev.mode) == ("2025-06-02", "2025-06-04", "Washington", None)
    assert not ev.conflicts and not ev.reference
