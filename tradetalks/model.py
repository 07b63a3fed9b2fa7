"""Typed records that flow through TradeTalks: article -> Doc -> stages -> Store -> dossier.

Every offset (``start``/``end``) is a Python string index into ``Article.text``, the
article's stored normalised text; ``text[start:end]`` always equals the quoted text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tradetalks.event_types import event_types

EntityType = Literal["person", "organization", "location", "country"]
EventType = Literal[
    "negotiation_round",
    "ministerial_session",
    "meeting",
    "call",
    "roundtable",
    "agreement",
    "tariff_action",
]
#: Every event type, in the order of ``resources/event_types.tsv`` (``EventType`` spells them for mypy).
EVENT_TYPES: tuple[str, ...] = tuple(event_types())
Side = Literal["VN", "US", "other"]

#: The negotiation key of the Vietnam–United States reciprocal trade talks.
VN_US_RECIPROCAL = "vn-us-reciprocal"


def article_id(key: str) -> str:
    """The stable id of an article (all its versions): derived from its URL or source."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def content_hash(text: str) -> str:
    """The identity of an article version: sha256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One version of one article, with its normalised text (``text``)."""

    source: str  # the path or URL it was read from
    text: str  # normalised text (NFC, repaired); offsets point into it
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD or None
    id: str | None = None  # set by the store: stable across versions of one article
    version: int = 1
    published_from: str | None = None  # when the input gave no date: "url" or "article_dates" (not stored)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def key(self) -> str:
        """What makes two versions the same article: the URL, else the source."""
        return self.url or self.source


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class RoleMention:
    """A title next to a person: "Thứ trưởng Bộ Công Thương" -> title + organisation."""

    text: str  # the title string as written
    start: int
    end: int
    title: str  # canonical Vietnamese title, e.g. "Thứ trưởng"
    title_en: str | None = None  # "Deputy Minister"
    organization: str | None = None  # canonical organisation name, e.g. "Bộ Công Thương"
    country: str | None = None  # canonical country name, e.g. "Hoa Kỳ"
    acting: bool = False  # "Quyền Bộ trưởng"
    former: bool = False  # "từng là", "nguyên"


@dataclass(slots=True)
class Mention:
    """A name in the text: a person, organisation, place or country."""

    start: int
    end: int
    text: str
    type: str  # EntityType
    key: str  # canonical form for matching within the article, e.g. "nguyen sinh nhat tan"
    canonical: str | None = None  # known canonical name from resources (organisations, countries)
    role: RoleMention | None = None  # people only
    side: str | None = None  # VN | US | other, when the text settles it
    acronym: str | None = None  # "USTR" for "Văn phòng Đại diện Thương mại Hoa Kỳ (USTR)"
    ref: int | None = None  # index of the full mention this one refers to ("ông Damond")
    gender: str | None = None  # people: "m" | "f" of the form of address before the name ("bà Trump"), read by
    # resolution from the text (resolve/holders.py mark_genders)


@dataclass(slots=True)
class TimeExpr:
    """A time expression normalised to an ISO 8601 value (TIMEX3 style)."""

    start: int
    end: int
    text: str
    value: str  # "2025-11-12", "2025-11-12/2025-11-14", "2025-11", "XXXX-02-04", "1989/2001"
    # explicit | nearby_year | publication_date (url | article_dates when that date was inferred) | article
    # | sequence | None
    resolved_by: str | None = None
    time_of_day: str | None = None  # morning | noon | afternoon | evening | night
    kind: str = "date"  # date | interval | month | quarter | year | year_part | relative


@dataclass(slots=True)
class Evidence:
    article: str
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class Participant:
    """A participant of an event: a mention index within a Doc, or an entity id after resolution."""

    entity: str  # per-article: "m<index>" of the Mention; after resolution: entity id
    side: str | None = None
    name: str | None = None  # display name, for readers of a single Doc


@dataclass(slots=True)
class TariffFacts:
    """What a reader learns about one tariff rate beyond its figure (tariff_action only)."""

    country: str | None = None  # whose goods bear the rate ("Hàn Quốc"), canonical country name
    scope: str | None = None  # which goods: all_goods | transshipment | steel_aluminium | autos | … (resources)
    effective: str | None = None  # ISO date the rate applies from ("có hiệu lực từ 7/8"); start is the announcement
    action: str | None = None  # announced | imposed | suspended | proposed


@dataclass(slots=True)
class Conflict:
    field: str
    values: list[Any]
    evidence: list[list[Evidence]]
    chosen: Any = None
    reason: str | None = None


@dataclass(slots=True)
class Event:
    type: str  # EventType
    evidence: list[Evidence]
    negotiation: str | None = None  # VN_US_RECIPROCAL or another key ("vn-eu-fta", "tpp", "tifa")
    ordinal: int | None = None
    level: str | None = None  # technical | ministerial | leaders
    mode: str | None = None  # in_person | online
    start: str | None = None  # ISO date or partial ("2025-11", "XXXX-02-04")
    end: str | None = None
    time_of_day: str | None = None
    location: str | None = None
    status: str = "held"  # held | planned
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    rate: float | None = None  # tariff_action: 0.46 for 46%
    tariff: TariffFacts | None = None  # tariff_action: whose goods, which goods, from when
    summary: str = ""
    summary_en: str = ""
    timex: list[int] = field(default_factory=list)  # indices of the Doc's TimeExprs the dates come from
    conflicts: list[Conflict] = field(default_factory=list)
    id: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # attribute -> article id it was completed from
    # named only as background in its report ("sau vòng đàm phán thứ ba", "kể từ vòng thứ hai", "chuẩn bị cho
    # vòng thứ tư"): its date, place and people are only those written in its own phrase, never the report's
    reference: bool = False

    def first_told(self) -> tuple[str, int]:
        """(article, offset) of the earliest evidence: where the event is first told."""
        return min(((e.article, e.start) for e in self.evidence), default=("", 0))


@dataclass(slots=True)
class Doc:
    """An article with the layers the pipeline stages add to it."""

    article: Article
    layers: set[str] = field(default_factory=set)
    key: str = ""  # matching view of article.text: same length, canonical tone marks, plain dashes/quotes
    folded: str = ""  # key without diacritics, lower case, same length ("đ" -> "d")
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings about the extraction (a text cut at the limit)

    @property
    def text(self) -> str:
        return self.article.text

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of this document, quoting the stored text."""
        return Evidence(self.article.id or "", start, end, self.article.text[start:end])


@dataclass(slots=True)
class Role:
    title: str
    organization: str | None  # entity id
    first_seen: str | None
    last_seen: str | None
    evidence: list[Evidence] = field(default_factory=list)
    title_en: str | None = None
    former: bool = False  # only ever seen as a past title ("từng là", "nguyên")


@dataclass(slots=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    id: str
    type: str  # EntityType
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    side: str | None = None


@dataclass(slots=True)
class Story:
    id: str
    articles: list[str]
    duplicates: dict[str, str] = field(default_factory=dict)  # article id -> article id it duplicates


@dataclass(slots=True)
class ArticleRecord:
    """An article as it appears in the dossier."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    story: str | None = None
    duplicate_of: str | None = None


@dataclass(slots=True)
class DossierTimex:
    article: str
    start: int
    end: int
    text: str
    value: str
    resolved_by: str | None
    time_of_day: str | None = None


#: What an editor can do to the dossier (see resolve/corrections.py).
CORRECTION_KINDS: tuple[str, ...] = ("mark_wrong", "set_value", "split", "merge")
#: What a correction is about.
CORRECTION_TARGETS: tuple[str, ...] = ("event", "entity")


@dataclass(slots=True)
class Correction:
    """An editor's correction, stored as data and applied after the rules on every rebuild.

    The target is found by its ``anchor`` (evidence quotes of an event, folded names of an entity), never by
    an id alone: ids change when the rules do. ``status``, ``note`` and ``applied_to`` say what the last
    rebuild did with it ("applied", or "orphaned" when its anchor no longer matches anything).
    """

    kind: str  # mark_wrong | set_value | split | merge
    target: str  # event | entity
    anchor: dict[str, Any]
    why: str
    by: str
    at: str = ""  # when it was made, ISO 8601 UTC
    attribute: str | None = None  # the attribute ("start", "participant", "alias", "role"); None: the whole record
    value: Any = None  # set_value: the new value; mark_wrong: the wrong value; split: articles or aliases moved
    other: dict[str, Any] | None = None  # merge: the anchor of the second record; participant: the entity's anchor
    id: int | None = None
    status: str = "pending"  # pending | applied | orphaned
    note: str = ""  # what the last rebuild did, or why it found nothing to apply to
    applied_to: list[str] = field(default_factory=list)  # event/entity ids it changed in this dossier


@dataclass(slots=True)
class Dossier:
    """The resolved, deduplicated result across all articles (the JSON export)."""

    articles: list[ArticleRecord] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timexes: list[DossierTimex] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class IngestOutcome:
    """What happened to one input article."""

    source: str
    status: Literal["new", "unchanged", "updated", "failed", "skipped"]
    article_id: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class SearchHit:
    article: str
    title: str | None
    snippet: str  # with the matches wrapped in [ and ] (CLI) or <mark> (web, escaped first)
    url: str | None = None
    source: str | None = None
    published: str | None = None
    score: float = 0.0
