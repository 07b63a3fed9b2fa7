"""The pictures of a negotiation page as server-rendered SVG, each with the same facts as a table: a timeline of
its events, the tariff rate on each side's goods as a step line, who met whom, and the topics of each sitting.

Builders take the dossier index, the negotiation's events (date order) and a language; they return a ``Chart``.
Colours and shapes come from classes in static/style.css (no style attribute, no script).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations
from urllib.parse import quote

from tradetalks.model import Event
from tradetalks.serve.index import DossierIndex, date_floor, is_dated
from tradetalks.serve.labels import label
from tradetalks.serve.negotiations import MEETINGS, SITTINGS, tariff_setter
from tradetalks.serve.svg import Cell, Chart, DateAxis, axis_marks, day_number, link, svg_root, svg_text

WIDTH = 900
#: Event types drawn on the timeline, one lane each, top to bottom (tariffs have their own picture).
TIMELINE_TYPES: tuple[str, ...] = (
    "negotiation_round",
    "ministerial_session",
    "meeting",
    "call",
    "roundtable",
    "agreement",
)
#: A timeline spanning more days than this shows only its latest stretch of this length (the table lists all).
WINDOW_DAYS = 730
#: At most this many people per side in "who met whom", the most present first.
PEOPLE_PER_SIDE = 10
#: At most this many sittings (rows) and topics (columns) in "topics by round".
TOPIC_ROWS, TOPIC_COLUMNS = 14, 10


def event_href(event: Event) -> str:
    return "/event/" + quote(event.id or "", safe="")


def entity_href(entity_id: str) -> str:
    return "/entity/" + quote(entity_id, safe="")


def _name(event: Event, lang: str) -> str:
    """ "Vòng đàm phán #5" / "Round #5"."""
    return label(lang, f"type.{event.type}") + (f" #{event.ordinal}" if event.ordinal else "")


def _tip(event: Event, lang: str) -> str:
    """A mark's tooltip: date, kind, status, summary."""
    status = f" ({label(lang, 'status.planned')})" if event.status == "planned" else ""
    summary = (event.summary if lang == "vi" else event.summary_en) or event.summary
    return f"{event.start} · {_name(event, lang)}{status} · {summary}"


def _sources(event: Event) -> str:
    return str(len({v.article for v in event.evidence}))


def recent_window(events: list[Event]) -> list[Event]:
    """The events a date axis can show legibly: all of them when they span at most ``WINDOW_DAYS``, else those
    of the last ``WINDOW_DAYS`` before the latest (older ones stay in the table beside the picture)."""
    if not events:
        return events
    days = [day_number(date_floor(e.start or "")) for e in events]
    last = max(days)
    if last - min(days) <= WINDOW_DAYS:
        return events
    return [e for e, d in zip(events, days, strict=True) if d >= last - WINDOW_DAYS]


def timeline_chart(index: DossierIndex, events: list[Event], lang: str = "vi") -> Chart:
    """Rounds, sessions, meetings, calls, roundtables and agreements by date on one axis, a lane per type;
    planned events hollow; a span drawn when the event lasts several days; each mark links to its event."""
    listed = [e for e in events if e.type in TIMELINE_TYPES and is_dated(e.start)]
    shown = recent_window(listed)
    lanes = [t for t in TIMELINE_TYPES if any(e.type == t for e in shown)]
    left, lane_h, top = 200, 36, 8
    note = 16 if len(shown) < len(listed) else 0
    height = top + lane_h * max(1, len(lanes)) + 26 + note
    ends = [e.end or "" for e in shown if is_dated(e.end)]
    axis = DateAxis.over([e.start or "" for e in shown] + ends, left + 12, WIDTH - 12)
    body = axis_marks(axis, top, height - 22 - note)
    if note:
        earlier = svg_text(f"← {len(listed) - len(shown)} {label(lang, 'earlier_in_table')}")
        body.append(f'<text class="tick" x="{left}" y="{height - 4}">{earlier}</text>')
    links: list[str] = []
    taken: Counter[tuple[int, int]] = Counter()
    for n, kind in enumerate(lanes):
        y = top + lane_h * n + lane_h / 2
        body.append(f'<line class="lane" x1="{left}" y1="{y}" x2="{WIDTH - 6}" y2="{y}"/>')
        text = svg_text(label(lang, f"type.{kind}"), 30)
        body.append(f'<text class="lane-label" x="{left - 8}" y="{y + 4}" text-anchor="end">{text}</text>')
        for event in (e for e in shown if e.type == kind):
            x = axis.x(event.start or "")
            slot = taken[(n, round(x / 6))]
            taken[(n, round(x / 6))] += 1
            dy = (0, -9, 9, -4, 4)[slot % 5]
            mark = ""
            if is_dated(event.end) and event.end != event.start:
                x2 = axis.x(event.end or "")
                mark += f'<rect class="span t-{kind}" x="{x}" y="{y + dy - 4}" width="{max(2.0, x2 - x)}" height="8"/>'
            state = "planned" if event.status == "planned" else "held"
            mark += f'<circle class="mark t-{kind} {state}" cx="{x}" cy="{y + dy}" r="7"/>'
            body.append(link(event_href(event), mark, _tip(event, lang)))
            links.append(event_href(event))
    if not lanes:
        body.append(f'<text class="empty" x="{WIDTH / 2}" y="{top + 20}" text-anchor="middle">–</text>')
    rows = [
        [
            Cell(e.start or ""),
            Cell(_name(e, lang), event_href(e)),
            Cell(label(lang, f"status.{e.status}")),
            Cell((e.summary if lang == "vi" else e.summary_en) or e.summary),
            Cell(_sources(e)),
        ]
        for e in listed
    ]
    title = label(lang, "chart.timeline")
    columns = [label(lang, k) for k in ("date", "event", "status", "summary", "sources")]
    return Chart("timeline", title, svg_root(WIDTH, height, title, body), columns, rows, links)


def tariff_chart(index: DossierIndex, events: list[Event], key: str, lang: str = "vi") -> Chart:
    """The tariff rate on each side's goods over time: rates in force as a step line, announced rates as
    hollow marks on a dashed line; each mark links to the event that set or announced it."""
    steps = [e for e in events if e.type == "tariff_action" and e.rate is not None and is_dated(e.start)]
    left, top, plot_h = 56, 12, 220
    height = top + plot_h + 30
    axis = DateAxis.over([e.start or "" for e in steps], left + 10, WIDTH - 16)
    most = max([e.rate or 0 for e in steps] + [0.1])
    ceiling = math.ceil(most * 10) / 10

    def y(rate: float) -> float:
        return round(top + plot_h - rate / ceiling * plot_h, 1)

    body = axis_marks(axis, top, top + plot_h)
    for k in range(0, 11):
        value = ceiling * k / 10
        if k % 2 == 0 or ceiling <= 0.5:
            body.append(f'<line class="grid" x1="{left}" y1="{y(value)}" x2="{WIDTH - 10}" y2="{y(value)}"/>')
            tick = f'<text class="tick" x="{left - 6}" y="{y(value) + 4}" text-anchor="end">'
            body.append(f"{tick}{value * 100:g}%</text>")
    links: list[str] = []
    rows: list[list[Cell]] = []
    by_side: dict[str, list[Event]] = defaultdict(list)
    for event in steps:
        by_side[tariff_setter(event, key)].append(event)
    for side, found in sorted(by_side.items()):
        for status in ("held", "planned"):
            points = [e for e in found if e.status == status]
            if not points:
                continue
            path = []
            for n, e in enumerate(points):
                x, level = axis.x(e.start or ""), y(e.rate or 0)
                path.append(f"M{x},{level}" if n == 0 else f"H{x}V{level}")
            path.append(f"H{WIDTH - 16}")
            body.append(f'<path class="step side-{side} {status}" d="{"".join(path)}"/>')
            for e in points:
                cx, cy = axis.x(e.start or ""), y(e.rate or 0)
                dot = f'<circle class="mark side-{side} {status}" cx="{cx}" cy="{cy}" r="6"/>'
                body.append(link(event_href(e), dot, f"{e.rate * 100 if e.rate else 0:g}% · {_tip(e, lang)}"))
                links.append(event_href(e))
        for e in found:
            rows.append(
                [
                    Cell(label(lang, f"goods.{side}")),
                    Cell(e.start or ""),
                    Cell(f"{(e.rate or 0) * 100:g}%"),
                    Cell(label(lang, "in_force") if e.status == "held" else label(lang, "announced")),
                    Cell(_name(e, lang), event_href(e)),
                    Cell(_sources(e)),
                ]
            )
    title = label(lang, "chart.tariffs")
    columns = [label(lang, k) for k in ("goods", "date", "rate", "status", "event", "sources")]
    return Chart("tariffs", title, svg_root(WIDTH, height, title, body), columns, rows, links)


def people_chart(index: DossierIndex, events: list[Event], lang: str = "vi") -> Chart:
    """Who met whom: Vietnamese people on the left, the other side's on the right, each sized by the number of
    meetings, calls and sittings they took part in; a line per pair who met, thicker the more often."""
    counts: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    side_of: dict[str, str] = {}
    for event in events:
        if event.type not in MEETINGS or event.status != "held":
            continue
        people = []
        for p in event.participants:
            entity = index.entity_by_id.get(p.entity)
            side = p.side or (entity.side if entity else None)
            if entity is None or entity.type != "person" or side is None:
                continue
            side_of.setdefault(p.entity, side)
            people.append(p.entity)
        people = sorted(set(people))
        counts.update(people)
        pairs.update((a, b) for a, b in combinations(people, 2) if side_of[a] != side_of[b])
    columns_of = {"VN": [], "other": []}  # type: dict[str, list[str]]
    for person, _ in sorted(counts.items(), key=lambda kv: (-kv[1], index.entity_name(kv[0]) or "")):
        group = columns_of["VN" if side_of[person] == "VN" else "other"]
        if len(group) < PEOPLE_PER_SIDE:
            group.append(person)
    row_h, top = 34, 22
    height = top + row_h * max(1, len(columns_of["VN"]), len(columns_of["other"])) + 8
    xs = {"VN": 300, "other": WIDTH - 300}
    place = {p: (xs[s], top + row_h * n + row_h / 2) for s, ps in columns_of.items() for n, p in enumerate(ps)}
    body = [
        f'<text class="head" x="{xs["VN"]}" y="14" text-anchor="end">{svg_text(label(lang, "side.VN"))}</text>',
        f'<text class="head" x="{xs["other"]}" y="14">{svg_text(label(lang, "side.partner"))}</text>',
    ]
    for (a, b), n in sorted(pairs.items()):
        if a in place and b in place:
            (x1, y1), (x2, y2) = place[a], place[b]
            width = min(8, 1 + n)
            body.append(f'<line class="met w{width}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    links: list[str] = []
    for person, (x, y) in place.items():
        name = index.entity_name(person) or person
        radius = round(4 + 2.5 * math.sqrt(counts[person]), 1)
        anchor, dx = ("end", -radius - 6) if x < WIDTH / 2 else ("start", radius + 6)
        mark = (
            f'<circle class="person side-{side_of[person]}" cx="{x}" cy="{y}" r="{radius}"/>'
            f'<text class="name" x="{x + dx}" y="{y + 4}" text-anchor="{anchor}">{svg_text(name, 34)}</text>'
        )
        body.append(link(entity_href(person), mark, f"{name}: {counts[person]}"))
        links.append(entity_href(person))
    rows = []
    for person in place:
        met = Counter({(b if a == person else a): n for (a, b), n in pairs.items() if person in (a, b)})
        others = ", ".join(f"{index.entity_name(o)} ({n})" for o, n in met.most_common())
        rows.append(
            [
                Cell(index.entity_name(person) or person, entity_href(person)),
                Cell(label(lang, f"side.{side_of[person]}")),
                Cell(str(counts[person])),
                Cell(others),
            ]
        )
    title = label(lang, "chart.people")
    columns = [label(lang, k) for k in ("person", "side", "meetings", "met")]
    return Chart("people", title, svg_root(WIDTH, height, title, body), columns, rows, links)


def topics_chart(index: DossierIndex, events: list[Event], lang: str = "vi") -> Chart:
    """Topics by round: a row per round or ministerial session (else per meeting when there is none) that
    reported topics, a column per topic, a filled cell where that sitting reported that topic."""
    held = [e for e in events if e.status == "held" and e.topics]
    sittings = [e for e in held if e.type in SITTINGS] or [e for e in held if e.type in MEETINGS]
    sittings = sittings[-TOPIC_ROWS:]
    topics = [t for t, _ in Counter(t for e in sittings for t in e.topics).most_common(TOPIC_COLUMNS)]
    left, cell, top = 250, 44, 96
    height = top + cell * max(1, len(sittings)) + 8
    body = []
    for n, topic in enumerate(topics):
        x = left + cell * n + cell / 2
        text = svg_text(label(lang, f"topic.{topic}", topic), 22)
        body.append(f'<text class="col" x="{x}" y="{top - 8}" transform="rotate(-40 {x} {top - 8})">{text}</text>')
    links: list[str] = []
    for r, event in enumerate(sittings):
        y = top + cell * r
        when = date_floor(event.start or "") if is_dated(event.start) else "?"
        head = f'<text class="row" x="{left - 8}" y="{y + cell / 2 + 4}" text-anchor="end">'
        head += f"{svg_text(when)} · {svg_text(_name(event, lang), 26)}</text>"
        body.append(link(event_href(event), head, _tip(event, lang)))
        links.append(event_href(event))
        for n, topic in enumerate(topics):
            state = "on" if topic in event.topics else "off"
            x = left + cell * n + 4
            body.append(f'<rect class="cell {state}" x="{x}" y="{y + 4}" width="{cell - 8}" height="{cell - 8}"/>')
    title = label(lang, "chart.topics")
    rows = [
        [
            Cell(e.start or ""),
            Cell(_name(e, lang), event_href(e)),
            Cell(", ".join(label(lang, f"topic.{t}", t) for t in e.topics)),
        ]
        for e in sittings
    ]
    width = max(WIDTH // 2, left + cell * len(topics) + 110)
    columns = [label(lang, k) for k in ("date", "event", "topics")]
    css = "narrow" if width < WIDTH else ""
    return Chart("topics", title, svg_root(width, height, title, body, css), columns, rows, links)


def negotiation_charts(index: DossierIndex, events: list[Event], key: str, lang: str = "vi") -> list[Chart]:
    """The four pictures of a negotiation page, in page order."""
    return [
        timeline_chart(index, events, lang),
        tariff_chart(index, events, key, lang),
        people_chart(index, events, lang),
        topics_chart(index, events, lang),
    ]
