"""Answers about titles: what a person's titles are, and who holds a title the question names."""

from __future__ import annotations

from tradetalks.keys import date_ceiling, date_floor, is_dated
from tradetalks.model import Entity, Role
from tradetalks.serve.answers import Found, people_in, side_of
from tradetalks.serve.index import DossierIndex, fold_name
from tradetalks.serve.question import Question, cues, has_phrase
from tradetalks.serve.wording import role_text


def answer_title(index: DossierIndex, q: Question) -> Found | None:
    """What is X's title, or who holds title T ("Who is the Deputy USTR?")."""
    people = [p for p in people_in(index, q, loose=False) if p.roles]
    if people:
        return _titles_of(index, people[0], q.date)
    holder = _holder(index, q)
    if holder is not None:
        return holder
    people = [p for p in people_in(index, q) if p.roles]
    return _titles_of(index, people[0], q.date) if people else None


def _held_then(role: Role, date: str | None) -> bool:
    """Whether a title was seen held in the period asked ("2025-04": any day of April 2025)."""
    if not date or not is_dated(date):
        return False
    first, last = role.first_seen or "0000", date_ceiling(role.last_seen or "9999")
    return first <= date_ceiling(date) and last >= date_floor(date)


def _titles_of(index: DossierIndex, person: Entity, date: str | None = None) -> Found:
    """A person's titles over time; rule title_at_date: only those held in the period asked, when any is ("What
    title did X hold in April 2025?"), else all of them."""
    roles = sorted(person.roles, key=lambda r: (r.first_seen or "", r.title))
    then = [r for r in roles if _held_then(r, date)] or roles
    vi = f"{person.name}: " + "; ".join(role_text(index, r, "vi") for r in then) + "."
    en = f"{person.name_en or person.name}: " + "; ".join(role_text(index, r, "en") for r in then) + "."
    return Found(vi, en, [ev for r in then for ev in r.evidence], {"entities": [person.id]})


def _holder(index: DossierIndex, q: Question) -> Found | None:
    """Who holds the title named in the question, most recently seen first: of the side the question names (rule
    holder_of_side: "trưởng đoàn của Nhật Bản" is no Vietnamese head), and of the organisation its words name
    (rule holder_with_org: "Bộ trưởng Tài chính Mỹ" is the minister whose ministry is of finance)."""
    wanted = q.title
    if wanted is None:
        titles = {fold_name(r.title) for e in index.dossier.entities for r in e.roles}
        wanted = next((t for t in sorted(titles, key=len, reverse=True) if t and has_phrase(q.folded, t)), None)
    if wanted is None:
        return None
    people = [e for e in index.dossier.entities if e.type == "person"]
    if q.side:
        people = [e for e in people if side_of(index, e) == q.side]
    holders = [(e, r) for e in people for r in e.roles if _holds(index, r, wanted)]
    if not holders:
        return None
    asked = set(q.folded.split()) - set(wanted.split()) - set(cues()["stop_words"])

    def org_words(role: Role) -> int:
        org = index.entity_by_id.get(role.organization or "")
        return len(asked & set(fold_name(org.name).split())) if org else 0

    best = max(org_words(r) for _, r in holders)
    holders = [(e, r) for e, r in holders if org_words(r) == best]
    holders.sort(key=lambda er: (not er[1].former, er[1].last_seen or "", index.weight(er[0].id)), reverse=True)
    entity, role = holders[0]
    org = index.entity_by_id.get(role.organization or "")
    where_vi = f", {org.name}" if org and fold_name(org.name) not in fold_name(role.title) else ""
    where_en = f", {org.name_en or org.name}" if where_vi and org else ""
    vi = f"{entity.name} ({role.title}{where_vi})."
    en = f"{entity.name_en or entity.name} ({role.title_en or role.title}{where_en})."
    return Found(vi, en, role.evidence, {"entities": [entity.id]})


def _holds(index: DossierIndex, role: Role, wanted: str) -> bool:
    """Whether a role is the title asked: its title starts with the asked words, or the asked words are its title
    followed by words of its organisation's name ("bo truong tai chinh": "Bộ trưởng" of "Bộ Tài chính")."""
    title = fold_name(role.title)
    if title.startswith(wanted):
        return True
    rest = wanted[len(title) :].split() if title and wanted.startswith(title + " ") else []
    org = index.entity_by_id.get(role.organization or "")
    return bool(rest) and org is not None and set(rest) <= set(fold_name(org.name).split())


def answer_holder(index: DossierIndex, q: Question) -> Found | None:
    """ "Ai là Bộ trưởng Tài chính Hoa Kỳ?": who holds the title the question names (never a person guessed from
    a capitalised word, as "Chính" of "Chính phủ")."""
    return _holder(index, q)
