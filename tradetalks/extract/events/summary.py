"""An event's one-line summary, built from its fields: the same for an extracted and a corrected event."""

from __future__ import annotations

from tradetalks.event_types import spec
from tradetalks.extract.cues import event_table
from tradetalks.model import Event


def _date_vi(start: str | None, end: str | None) -> str:
    def dm(v: str) -> tuple[str, str, str]:
        y, m, dd = (v.split("-") + ["", ""])[:3]
        return y, m.lstrip("0"), dd.lstrip("0")

    if not start:
        return ""
    y, m, dd = dm(start)
    if not m:  # "Hiệp định … ký năm 2000": a year only
        return f"{event_table('word_vi')['year']} {y}"
    year = "" if y.startswith("X") else f"/{y}"
    if not dd:
        return f"tháng {m}{year}"
    if end:
        y2, m2, d2 = dm(end)
        if m2 == m:
            return f"{dd}–{d2}/{m}{year}"
        return f"{dd}/{m}–{d2}/{m2}{year}"
    return f"{dd}/{m}{year}"


def event_summaries(ev: Event, names: list[str], names_en: list[str]) -> tuple[str, str]:
    """The event's one-line summaries (Vietnamese, English) from its fields and its participants' names.

    Extraction builds them from what the article says; the corrections pass builds them again from the
    corrected fields, so a corrected place, date or participant shows in the summary too.
    """
    vi: list[str] = [spec(ev.type).label_vi]
    en: list[str] = [spec(ev.type).label_en]
    if ev.level and ev.type == "negotiation_round":
        vi.append(event_table("level_vi").get(ev.level, ev.level))
        en.insert(0, event_table("level_en").get(ev.level, ev.level))
    if ev.ordinal is not None:
        vi.append(f"{event_table('word_vi')['ordinal']} {ev.ordinal}")
        en.append(f"{event_table('word_en')['ordinal']} {ev.ordinal}")
    if ev.mode:
        vi.append(f"({event_table('mode_vi').get(ev.mode, ev.mode)})")
        en.insert(0, event_table("mode_en").get(ev.mode, ev.mode))
    if ev.rate is not None:
        vi.append(f"{ev.rate * 100:g}%")
        en.append(f"{ev.rate * 100:g}%")
    head_vi, head_en = " ".join(vi), " ".join(en)
    head_en = head_en[:1].upper() + head_en[1:]
    tail_vi = [", ".join(names)] if names else []
    tail_en = [", ".join(names_en)] if names_en else []
    if ev.location:
        tail_vi.append(ev.location)
        tail_en.append(ev.location)
    if ev.start:
        tail_vi.append(_date_vi(ev.start, ev.end))
        tail_en.append(ev.start + (f" to {ev.end}" if ev.end else ""))
    if ev.status == "planned":
        tail_vi.append(f"({event_table('word_vi')['planned']})")
        tail_en.append(f"({event_table('word_en')['planned']})")
    summary_vi = ", ".join([head_vi, *tail_vi])
    summary_en = ", ".join([head_en, *tail_en])
    return summary_vi, summary_en
