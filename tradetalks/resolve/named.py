"""Rule ``agreement_named_by_place``: agreements named by the city they were reached in join across articles.

"Hai bên cáo buộc nhau vi phạm thỏa thuận Stockholm" in one article and "gia hạn thỏa thuận đình chiến đạt được
ở Stockholm" in another name one agreement: the one their negotiation reached in that city. Extraction gives
each such name as a background agreement placed in its city (``extract/events/named_agreements.py``); here the
undated ones of one negotiation and one city become one event. Agreements of two negotiations, or of two
cities, stay apart; so does one whose reports tell a date, which the date rules place instead.
"""

from __future__ import annotations

from collections import defaultdict

from tradetalks.resolve.names import fold_text
from tradetalks.resolve.reports import talks_of
from tradetalks.resolve.state import EventState


def _named_key(state: EventState, members: list[int]) -> tuple[str, str] | None:
    """(negotiation, folded city) of an event whose every report is an undated agreement named by that city."""
    reports = [state.reports[i] for i in members]
    if not all(r.event.type == "agreement" and r.event.reference and r.range is None for r in reports):
        return None
    places = {fold_text(r.event.location) for r in reports if r.event.location}
    talks = {talks_of(r) for r in reports}
    if len(places) != 1 or len(talks) != 1:
        return None
    talk = next(iter(talks))
    return (talk, next(iter(places))) if talk is not None else None


def join_named_agreements(state: EventState) -> bool:
    """Join the undated agreements of one negotiation named by one city (see the module)."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for root in sorted(state.groups):
        key = _named_key(state, state.groups[root])
        if key is not None:
            by_key[key].append(root)
    changed = False
    for _, roots in sorted(by_key.items()):
        for other in roots[1:]:
            a, b = state.find(roots[0]), state.find(other)
            if a != b and state.fits(state.groups[a], state.groups[b]):
                state.union(a, b)
                changed = True
    return changed
