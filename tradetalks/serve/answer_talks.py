"""Answers about where a negotiation stands: its latest round or session and the next one planned."""

from __future__ import annotations

from tradetalks.event_types import event_types, types_where
from tradetalks.model import Event
from tradetalks.serve.answers import Found, default_talks, event_words, next_event, talks
from tradetalks.serve.index import DossierIndex, is_dated
from tradetalks.serve.question import Question
from tradetalks.serve.wording import event_name, when_text


def status_types(q: Question) -> tuple[str, ...]:
    """The event types a status question looks among: the rounds and sessions, and every type when it names a
    negotiation (whose events are few)."""
    return tuple(event_types()) if q.negotiation else types_where("series")


def _latest(index: DossierIndex, q: Question) -> Event | None:
    """Rule status_latest: the latest held round or session (highest number, then date) of the talks asked about,
    else their latest dated held event of any kind."""
    events = [e for e in talks(index, status_types(q), q.negotiation) if default_talks(e, q) and e.status == "held"]
    series = [e for e in events if e.type in types_where("series")]
    if series:
        return max(series, key=lambda e: (e.ordinal or 0, index.event_order(e)))
    dated = [e for e in events if is_dated(e.start)]
    return max(dated, key=index.event_order, default=None)


def _told(event: Event, lang: str) -> str:
    """ "Vòng đàm phán thứ 19 (tại Geneva, ngày 25/11/2025)"."""
    parts = []
    if event.location:
        parts.append(("tại " if lang == "vi" else "in ") + event.location.rstrip(". "))
    if is_dated(event.start):
        parts.append(when_text(event, lang))
    return event_name(event, lang) + (f" ({', '.join(parts)})" if parts else "")


def answer_status(index: DossierIndex, q: Question) -> Found | None:
    """ "Đàm phán FTA Việt Nam – EFTA đang ở giai đoạn nào?": the latest round held, then the next one planned."""
    latest = _latest(index, q)
    if latest is None:
        return None
    following = next_event(index, q, types_where("series"))
    vi, en = f"{_told(latest, 'vi')}: diễn biến gần nhất", f"{_told(latest, 'en')}: the latest step"
    evidence = list(latest.evidence)
    if following is not None and following is not latest:
        vi += f"; tiếp theo: {_told(following, 'vi').lower()}"
        en += f"; next: {_told(following, 'en').lower()}"
        evidence += following.evidence
    ids = [e.id for e in (latest, following) if e is not None]
    return Found(vi + ".", en + ".", evidence, {"events": ids}, event_words(latest))
