"""How answers word dates, events, people and titles, in Vietnamese and English."""

from __future__ import annotations

from tradetalks.model import Entity, Event, Role
from tradetalks.serve.index import DossierIndex, fold_name
from tradetalks.serve.labels import label


def format_date(value: str | None, lang: str) -> str:
    """ "2025-11-12" -> "12/11/2025" (vi) or "2025-11-12" (en); "2025-11" -> "tháng 11/2025"."""
    if not value:
        return label(lang, "unknown")
    parts = value.split("-")
    if lang == "vi" and len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        year = f"/{parts[0]}" if parts[0].isdigit() else ""
        return f"{int(parts[2])}/{int(parts[1])}{year}"
    if lang == "vi" and len(parts) == 2 and parts[1].isdigit():
        return f"tháng {int(parts[1])}/{parts[0]}"
    return value


def when_text(event: Event, lang: str) -> str:
    """ "sáng ngày 12/11/2025", "từ 12/11/2025 đến 14/11/2025" / "on 2025-11-12 (morning)"."""
    if event.end and event.end != event.start:
        pattern = "từ {} đến {}" if lang == "vi" else "from {} to {}"
        text = pattern.format(format_date(event.start, lang), format_date(event.end, lang))
    else:
        text = ("ngày {}" if lang == "vi" else "on {}").format(format_date(event.start, lang))
    if event.time_of_day and lang == "vi":
        return f"{label(lang, 'tod.' + event.time_of_day)} {text}"
    if event.time_of_day:
        return f"{text} ({label(lang, 'tod.' + event.time_of_day)})"
    return text


def event_name(event: Event, lang: str) -> str:
    """ "Vòng đàm phán thứ 5" / "Negotiation round 5"."""
    name = label(lang, f"type.{event.type}")
    if event.ordinal:
        name += f" thứ {event.ordinal}" if lang == "vi" else f" {event.ordinal}"
    return name


def person_with_title(index: DossierIndex, entity: Entity, date: str | None, lang: str) -> str:
    """ "Thứ trưởng Nguyễn Sinh Nhật Tân" / "Nguyễn Sinh Nhật Tân (Deputy Minister)"."""
    role = index.role_at(entity, date)
    if role is None:
        return entity.name
    if lang == "en":
        return f"{entity.name_en or entity.name} ({role.title_en or role.title})"
    return f"{role.title} {entity.name}"


def role_text(index: DossierIndex, role: Role, lang: str) -> str:
    """ "Thứ trưởng, Bộ Công Thương (2025-11-12 – 2025-11-16)"."""
    title = role.title if lang == "vi" else role.title_en or role.title
    if role.former:
        title = ("nguyên " if lang == "vi" else "former ") + title
    org_entity = index.entity_by_id.get(role.organization or "")
    org = (org_entity.name_en if lang == "en" else None) or index.entity_name(role.organization) if org_entity else None
    if org and fold_name(org) not in fold_name(title):
        title += f", {org}"
    if role.first_seen or role.last_seen:
        title += f" ({format_date(role.first_seen, lang)} – {format_date(role.last_seen, lang)})"
    return title
