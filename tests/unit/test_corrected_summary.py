"""Rule corrected_event_summarized: a corrected place, date or participant shows in the event's summary (and so
on its page, in the timeline and in the exports), rebuilt from the corrected fields, in a real store."""

from __future__ import annotations

from typing import Any

from tradetalks.export.json import dossier_to_json
from tradetalks.model import Article, Event
from tradetalks.pipeline import default_pipeline
from tradetalks.resolve import rebuild_dossier
from tradetalks.resolve.correction_values import new_correction

# Our own sentence: a meeting with two named people, a place and a day.
TEXT = (
    "Bộ trưởng Công Thương Nguyễn Hồng Diên gặp Đại diện Thương mại Hoa Kỳ Jamieson Greer tại Washington "
    "ngày 12/11/2025 để bàn về thuế đối ứng.\n\nHai bên nhất trí tiếp tục đàm phán trong thời gian tới."
)


def _meeting(store: Any) -> Event:
    return next(e for e in store.load_dossier().events if e.type == "meeting")


def _filled(store: Any) -> Event:
    doc = default_pipeline()(Article(source="gap-mat.txt", text=TEXT, published="2025-11-13"))
    store.add_article(doc.article, doc)
    rebuild_dossier(store)
    meeting = _meeting(store)
    assert "Washington" in meeting.summary and "12/11/2025" in meeting.summary
    assert "Jamieson Greer" in meeting.summary
    return meeting


def _correct(store: Any, event: Event, kind: str, attribute: str, value: Any) -> Event:
    c = new_correction(store.load_dossier(), kind, "event", event.id or "", attribute=attribute, value=value,
                       why="the ministry's release", by="Lan")  # fmt: skip
    store.add_correction(c)
    dossier = rebuild_dossier(store)
    (done,) = [x for x in dossier.corrections if x.id == c.id]
    assert done.status == "applied"
    return _meeting(store)


def test_corrected_location_shows_in_summary_page_timeline_and_export(store: Any) -> None:
    after = _correct(store, _filled(store), "set_value", "location", "Hà Nội")
    assert after.location == "Hà Nội"
    for text in (after.summary, after.summary_en):
        assert "Hà Nội" in text and "Washington" not in text
    assert "Nguyễn Hồng Diên" in after.summary and "12/11/2025" in after.summary  # the rest is kept
    exported = next(e for e in dossier_to_json(store.load_dossier())["events"] if e["id"] == after.id)
    assert "Hà Nội" in exported["summary"] and "Washington" not in exported["summary"]


def test_corrected_date_shows_in_summary(store: Any) -> None:
    after = _correct(store, _filled(store), "set_value", "start", "2025-11-14")
    assert "14/11/2025" in after.summary and "12/11/2025" not in after.summary
    assert "2025-11-14" in after.summary_en and "2025-11-12" not in after.summary_en


def test_participant_marked_wrong_leaves_the_summary(store: Any) -> None:
    meeting = _filled(store)
    greer = next(p.entity for p in meeting.participants if p.name == "Jamieson Greer")
    after = _correct(store, meeting, "mark_wrong", "participant", greer)
    assert "Jamieson Greer" not in after.summary and "Jamieson Greer" not in after.summary_en
    assert "Bộ trưởng Nguyễn Hồng Diên" in after.summary and "Minister Nguyễn Hồng Diên" in after.summary_en


def test_summary_written_by_an_editor_is_kept(store: Any) -> None:
    meeting = _filled(store)
    _correct(store, meeting, "set_value", "summary", "Cuộc gặp của hai trưởng đoàn")
    after = _correct(store, meeting, "set_value", "location", "Hà Nội")
    assert after.summary == "Cuộc gặp của hai trưởng đoàn"
    assert "Hà Nội" in after.summary_en
