"""Shared fixtures: paths to ../shared (seeds, gold, scorer, external data) and the package's resources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tradetalks.model import Article, Doc, Event, Mention, Participant, RoleMention, TimeExpr

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "data" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"
VIETNEWS = SHARED / "data" / "external" / "vietnews"


def require_shared() -> Path:
    """Skip the calling test when ../shared (seeds, gold, scorer) is not beside the repo."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return require_shared()


@pytest.fixture
def seed_files() -> list[Path]:
    require_shared()
    return sorted(SEEDS.glob("*.txt"))


# --- a hand-built dossier for the serve, ask and export tests -----------------------------------------
# Sentences written for these tests from public facts about the Vietnam–US talks; not taken from any article.

SAMPLE_TEXTS: dict[str, tuple[str, str, str, str]] = {
    # url: (outlet, title, published, text)
    "https://vi.example.org/vong-5": (
        "Báo Ví Dụ",
        "Vòng đàm phán thứ năm khép lại ở Washington",
        "2025-11-16",
        "Từ ngày 12 đến 14/11, vòng đàm phán thứ năm về thương mại đối ứng giữa Việt Nam và Hoa Kỳ "
        "được tổ chức tại Washington. Các nhóm kỹ thuật bàn về dịch vụ và quy tắc xuất xứ.\n\n"
        "Sáng 12/11, Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân làm việc với Phó Đại diện Thương mại "
        "Hoa Kỳ Rick Switzer tại trụ sở USTR.\n\n"
        "Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên là Trưởng đoàn đàm phán của Việt Nam, còn phía Mỹ do "
        "Đại diện Thương mại Jamieson Greer dẫn đầu.",
    ),
    "https://en.example.org/thue-20": (
        "Tin Mẫu",
        "Mỹ áp mức thuế đối ứng 20% với hàng Việt Nam",
        "2025-08-08",
        "Kể từ ngày 7/8/2025, hàng hóa Việt Nam vào Mỹ chịu mức thuế đối ứng 20%. "
        "Ông Bryan Switzer cho biết hai bên sẽ còn tiếp tục trao đổi về thương mại số.\n\n"
        "Một tuyên bố chung về khuôn khổ hiệp định sẽ được công bố khi hai bên hoàn tất đàm phán.",
    ),
    "https://xss.example.org/bai": (
        "Trang Lạ",
        'Tiêu đề <script>alert(1)</script>"><img src=x onerror=alert(1)>',
        "2025-11-20",
        'Bài có mã lạ <script>alert(1)</script> và "><img src=x onerror=alert(1)> ở giữa câu. '
        "Ngày 20/11, đại diện Liên minh châu Âu gặp Bộ Công Thương tại Hà Nội.",
    ),
}


def _span(article: str, text: str, quote: str) -> Any:
    """Evidence for the first occurrence of ``quote`` in ``text``."""
    from tradetalks.model import Evidence

    start = text.index(quote)
    return Evidence(article, start, start + len(quote), quote)


def make_sample_dossier() -> tuple[list[Any], Any]:
    """Three articles and a resolved dossier over them: people with titles, five events, two negotiations."""
    from tradetalks.model import (
        Article,
        ArticleRecord,
        Conflict,
        Dossier,
        DossierTimex,
        Entity,
        EntityMention,
        Event,
        Participant,
        Role,
        article_id,
    )

    articles = []
    for url, (outlet, title, published, text) in SAMPLE_TEXTS.items():
        articles.append(Article(source=url, text=text, title=title, url=url, outlet=outlet, published=published,
                                id=article_id(url)))
    a5, a20, ax = articles
    t5, t20, tx = a5.text, a20.text, ax.text
    i5, i20, ix = a5.id or "", a20.id or "", ax.id or ""

    def mention(a: Any, quote: str) -> Any:
        start = a.text.index(quote)
        return EntityMention(a.id, start, start + len(quote), quote)

    entities = [
        Entity("p-tan", "person", "Nguyễn Sinh Nhật Tân", aliases=["Nhật Tân"], side="VN",
               roles=[Role("Thứ trưởng", "o-moit", "2025-11-16", "2025-11-16",
                           [_span(i5, t5, "Thứ trưởng Bộ Công Thương")], "Deputy Minister")],
               mentions=[mention(a5, "Nguyễn Sinh Nhật Tân")]),
        Entity("p-switzer", "person", "Bryan R. Switzer", aliases=["Rick Switzer", "Bryan Switzer"], side="US",
               roles=[Role("Phó Đại diện Thương mại Hoa Kỳ", "o-ustr", "2025-11-16", "2025-11-16",
                           [_span(i5, t5, "Phó Đại diện Thương mại Hoa Kỳ")], "Deputy US Trade Representative")],
               mentions=[mention(a5, "Rick Switzer"), mention(a20, "Bryan Switzer")]),
        Entity("p-dien", "person", "Nguyễn Hồng Diên", side="VN",
               roles=[Role("Bộ trưởng", "o-moit", "2025-11-16", "2025-11-16",
                           [_span(i5, t5, "Bộ trưởng Bộ Công Thương")], "Minister"),
                      Role("Trưởng đoàn đàm phán", None, "2025-11-16", "2025-11-16",
                           [_span(i5, t5, "Trưởng đoàn đàm phán của Việt Nam")], "Head of delegation")],
               mentions=[mention(a5, "Nguyễn Hồng Diên")]),
        Entity("p-greer", "person", "Jamieson Greer", side="US",
               roles=[Role("Đại diện Thương mại Hoa Kỳ", "o-ustr", "2025-11-16", "2025-11-16",
                           [_span(i5, t5, "phía Mỹ do Đại diện Thương mại Jamieson Greer dẫn đầu")],
                           "US Trade Representative")],
               mentions=[mention(a5, "Jamieson Greer")]),
        Entity("o-moit", "organization", "Bộ Công Thương", "Ministry of Industry and Trade", ["MOIT"], side="VN",
               mentions=[mention(a5, "Bộ Công Thương"), mention(ax, "Bộ Công Thương")]),
        Entity("o-ustr", "organization", "Văn phòng Đại diện Thương mại Hoa Kỳ", "USTR", ["USTR"], side="US",
               mentions=[mention(a5, "USTR")]),
        Entity("l-washington", "location", "Washington", mentions=[mention(a5, "Washington")]),
    ]
    events = [
        Event("negotiation_round", [_span(i5, t5, "vòng đàm phán thứ năm về thương mại đối ứng")],
              negotiation="vn-us-reciprocal", ordinal=5, level="technical", mode="in_person",
              start="2025-11-12", end="2025-11-14", location="Washington",
              participants=[Participant("o-moit", "VN"), Participant("o-ustr", "US")],
              topics=["services", "rules_of_origin"], summary="Vòng đàm phán thứ 5 tại Washington",
              summary_en="Fifth negotiation round in Washington", id="ev-round5",
              conflicts=[Conflict("end", ["2025-11-14", "2025-11-15"], [[], []], "2025-11-14", "majority")]),
        Event("meeting", [_span(i5, t5, "Sáng 12/11, Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân làm việc")],
              negotiation="vn-us-reciprocal", start="2025-11-12", time_of_day="morning", location="USTR",
              participants=[Participant("p-tan", "VN"), Participant("p-switzer", "US")],
              summary="Thứ trưởng Nguyễn Sinh Nhật Tân làm việc với Rick Switzer",
              summary_en="Deputy Minister Nguyen Sinh Nhat Tan meets Rick Switzer", id="ev-tan-switzer"),
        Event("tariff_action", [_span(i20, t20, "chịu mức thuế đối ứng 20%")],
              negotiation="vn-us-reciprocal", start="2025-08-07", rate=0.2, topics=["tariffs"],
              participants=[Participant("o-ustr", "US")],
              summary="Mỹ áp thuế đối ứng 20%", summary_en="US reciprocal tariff of 20%", id="ev-tariff20"),
        Event("agreement", [_span(i20, t20, "Một tuyên bố chung về khuôn khổ hiệp định")],
              negotiation="vn-us-reciprocal", status="planned", id="ev-joint",
              summary="Tuyên bố chung dự kiến", summary_en="Planned joint statement"),
        Event("meeting", [_span(ix, tx, 'Bài có mã lạ <script>alert(1)</script> và "><img src=x onerror=alert(1)>')],
              negotiation="vn-eu-fta", start="2025-11-20", location="Hà Nội",
              participants=[Participant("o-moit", "VN")], id="ev-eu",
              summary='Gặp <script>alert(1)</script>', summary_en="EU meeting"),
    ]
    records = [ArticleRecord(a.id or "", a.source, a.url, a.outlet, a.title, a.published, story=a.id)
               for a in articles]
    timexes = [DossierTimex(i5, t5.index("12 đến 14/11"), t5.index("12 đến 14/11") + len("12 đến 14/11"),
                            "12 đến 14/11", "2025-11-12/2025-11-14", "publication_date")]
    return articles, Dossier(articles=records, entities=entities, events=events, timexes=timexes)


@pytest.fixture
def sample_dossier() -> Any:
    """The hand-built dossier (see ``make_sample_dossier``)."""
    return make_sample_dossier()[1]


@pytest.fixture
def sample_articles() -> list[Any]:
    """The three hand-written articles of the sample dossier."""
    return make_sample_dossier()[0]


# --- stores: every store test runs on SQLite and on PostgreSQL ($TRADETALKS_TEST_PG) -------------------

PG_ENV = "TRADETALKS_TEST_PG"


def pg_test_url() -> str:
    """The PostgreSQL server for tests (scripts/pg-test-server.sh); skip when unset, fail if required (CI)."""
    import os

    url = os.environ.get(PG_ENV, "")
    if not url and os.environ.get("TRADETALKS_REQUIRE_PG"):
        pytest.fail(f"TRADETALKS_REQUIRE_PG is set but {PG_ENV} is empty: the PostgreSQL tests cannot run")
    if not url:
        pytest.skip(f"{PG_ENV} is not set (start a server with: export {PG_ENV}=$(scripts/pg-test-server.sh start))")
    return url


@pytest.fixture
def pg_schema_url() -> Any:
    """A postgresql:// URL whose tables live in a fresh schema, dropped after the test."""
    import uuid

    import psycopg

    base = pg_test_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema},public"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store location: a SQLite file path or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def store(store_url: str) -> Any:
    """A fresh, open store of each backend, closed after the test."""
    from tradetalks.store import open_store

    with open_store(store_url) as opened:
        yield opened


# --- hand-built Docs for cross-article resolution tests -------------------------------------


def build_doc(
    article_id: str,
    text: str,
    *,
    published: str | None = None,
    mentions: list[dict] | None = None,
    timexes: list[dict] | None = None,
    events: list[dict] | None = None,
) -> Doc:
    """A Doc whose layers are given by the quoted text they sit on (offsets found in ``text``).

    mentions: {"text", "type", "canonical"?, "acronym"?, "side"?, "title"?, "organization"?,
    "country"?, "acting"?, "ref"? (text of the mention referred to), "nth"?};
    timexes: {"text", "value", "nth"?, "time_of_day"?}; events: {"type", "quote", "people": [texts],
    "timex": [texts], other Event fields}.
    """

    def at(needle: str, nth: int = 0) -> int:
        pos = -1
        for _ in range(nth + 1):
            pos = text.index(needle, pos + 1)
        return pos

    article = Article(source=f"{article_id}.txt", text=text, published=published, id=article_id)
    doc = Doc(article=article, layers={"text", "mentions", "timexes", "events"})
    for m in mentions or []:
        start = at(m["text"], m.get("nth", 0))
        role = None
        if m.get("title"):
            tstart = text.index(m["title"])
            role = RoleMention(
                text=m["title"],
                start=tstart,
                end=tstart + len(m["title"]),
                title=m.get("title_canonical", m["title"]),
                title_en=m.get("title_en"),
                organization=m.get("organization"),
                country=m.get("country"),
                acting=m.get("acting", False),
            )
        ref = None
        if m.get("ref"):
            ref = next(i for i, other in enumerate(doc.mentions) if other.text == m["ref"])
        doc.mentions.append(
            Mention(
                start=start,
                end=start + len(m["text"]),
                text=m["text"],
                type=m.get("type", "person"),
                key=m["text"].lower(),
                canonical=m.get("canonical"),
                role=role,
                side=m.get("side"),
                acronym=m.get("acronym"),
                ref=ref,
            )
        )
    for t in timexes or []:
        start = at(t["text"], t.get("nth", 0))
        doc.timexes.append(
            TimeExpr(start, start + len(t["text"]), t["text"], t["value"], t.get("resolved_by"), t.get("time_of_day"))
        )
    for e in events or []:
        spec = dict(e)
        quote = spec.pop("quote")
        start = at(quote, spec.pop("nth", 0))
        people = spec.pop("people", [])
        tx = spec.pop("timex", [])
        participants = []
        for name in people:
            i = next(i for i, m in enumerate(doc.mentions) if m.text == name)
            participants.append(Participant(f"m{i}", doc.mentions[i].side, name))
        timex_idx = [next(i for i, t in enumerate(doc.timexes) if t.text == x) for x in tx]
        doc.events.append(
            Event(
                evidence=[doc.evidence(start, start + len(quote))], participants=participants, timex=timex_idx, **spec
            )
        )
    return doc


@pytest.fixture
def make_doc() -> object:
    """The ``build_doc`` helper, for tests that build Docs by hand."""
    return build_doc


def talks_corpus() -> list[Doc]:
    """Five short reports of the 2025-2026 Vietnam-US rounds, written for the tests (not copied)."""
    tan = {"text": "Nguyễn Sinh Nhật Tân", "side": "VN", "title": "Thứ trưởng", "organization": "Bộ Công Thương"}
    dien = {"text": "Nguyễn Hồng Diên", "side": "VN", "title": "Bộ trưởng", "organization": "Bộ Công Thương"}
    greer = {"text": "Jamieson Greer", "side": "US", "title": "Trưởng Đại diện Thương mại", "country": "Hoa Kỳ"}
    deputy = {"title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ", "side": "US"}
    a = build_doc(
        "a-washington",
        "Trong các ngày 12-14/11, đoàn Việt Nam và đoàn Mỹ họp vòng đàm phán kỹ thuật tại Washington. "
        "Sáng 12/11, Thứ trưởng Nguyễn Sinh Nhật Tân gặp Phó Đại diện Thương mại Rick Switzer để mở đầu vòng này. "
        "Cuộc gặp diễn ra ngay sau phiên đàm phán cấp bộ trưởng.",
        mentions=[tan, {"text": "Rick Switzer", **deputy}, {"text": "Mỹ", "type": "country", "canonical": "Hoa Kỳ"}],
        timexes=[{"text": "12-14/11", "value": "XXXX-11-12/XXXX-11-14"}, {"text": "12/11", "value": "XXXX-11-12"}],
        events=[
            {"type": "negotiation_round", "quote": "vòng đàm phán kỹ thuật tại Washington", "level": "technical",
             "start": "XXXX-11-12", "end": "XXXX-11-14", "location": "Washington", "timex": ["12-14/11"],
             "negotiation": "vn-us-reciprocal"},
            {"type": "meeting", "quote": "Nguyễn Sinh Nhật Tân gặp Phó Đại diện Thương mại Rick Switzer",
             "start": "XXXX-11-12", "time_of_day": "morning", "people": ["Nguyễn Sinh Nhật Tân", "Rick Switzer"],
             "timex": ["12/11"]},
            {"type": "ministerial_session", "quote": "phiên đàm phán cấp bộ trưởng", "negotiation": "vn-us-reciprocal"},
        ],
    )
    b = build_doc(
        "b-round-five",
        "Vòng đàm phán trực tiếp lần thứ 5 giữa hai nước khép lại sau ba ngày làm việc. "
        "Trước đó, Bộ trưởng Nguyễn Hồng Diên và Trưởng Đại diện Thương mại Jamieson Greer đã có phiên đàm phán riêng. "
        "Hai bên dự kiến họp trực tuyến cấp bộ trưởng ngay trong tháng 11.",
        mentions=[dien, greer],
        timexes=[{"text": "tháng 11", "value": "XXXX-11"}],
        events=[
            {"type": "negotiation_round", "quote": "Vòng đàm phán trực tiếp lần thứ 5", "ordinal": 5,
             "mode": "in_person", "negotiation": "vn-us-reciprocal"},
            {"type": "ministerial_session", "quote": "phiên đàm phán riêng", "negotiation": "vn-us-reciprocal",
             "people": ["Nguyễn Hồng Diên", "Jamieson Greer"]},
            {"type": "ministerial_session", "quote": "họp trực tuyến cấp bộ trưởng", "mode": "online",
             "status": "planned", "start": "XXXX-11", "timex": ["tháng 11"], "negotiation": "vn-us-reciprocal"},
        ],
    )
    c = build_doc(
        "c-october-call",
        "Thứ trưởng Nguyễn Sinh Nhật Tân vừa điện đàm với ông Bryan R. Switzer, Phó Đại diện Thương mại Mỹ. "
        "Năm 2024, trao đổi hàng hóa hai chiều đạt gần 150 tỷ USD.",
        published="2025-10-15",
        mentions=[tan, {"text": "Bryan R. Switzer", **deputy}],
        timexes=[{"text": "2024", "value": "2024"}],
        events=[
            {"type": "call", "quote": "điện đàm với ông Bryan R. Switzer",
             "people": ["Nguyễn Sinh Nhật Tân", "Bryan R. Switzer"]},
        ],
    )
    d = build_doc(
        "d-technical-2025",
        "Từ 12–14/11/2025, vòng đàm phán kỹ thuật diễn ra tại Washington. "
        "Chiều 10/11, Bộ trưởng Nguyễn Hồng Diên và Trưởng Đại diện Thương mại Jamieson Greer "
        "họp phiên cấp Bộ trưởng lần thứ 8. "
        "Sáng 12/11, Thứ trưởng Nguyễn Sinh Nhật Tân làm việc với Phó Đại diện Thương mại Rick Switzer. "
        "Chiều 12/11, Bộ trưởng Nguyễn Hồng Diên tiếp ông Joseph (Joe) Damond. "
        "Cùng ngày, ông Diên làm việc với ông Rock Bordelon về năng lượng. "
        "Trong buổi gặp, ông Joseph “Joe” Damond bàn về chính sách thương mại.",
        mentions=[
            dien, greer, tan, {"text": "Rick Switzer", **deputy},
            {"text": "Nguyễn Hồng Diên", "side": "VN", "nth": 1},
            {"text": "Joseph (Joe) Damond", "side": "US"},
            {"text": "Diên", "side": "VN", "nth": 2},
            {"text": "Rock Bordelon", "side": "US"},
            {"text": "Joseph “Joe” Damond", "side": "US"},
        ],
        timexes=[
            {"text": "12–14/11/2025", "value": "2025-11-12/2025-11-14", "resolved_by": "explicit"},
            {"text": "10/11", "value": "XXXX-11-10", "time_of_day": "afternoon"},
            {"text": "12/11", "value": "XXXX-11-12", "time_of_day": "morning"},
        ],
        events=[
            {"type": "negotiation_round", "quote": "vòng đàm phán kỹ thuật diễn ra tại Washington",
             "level": "technical",
             "start": "2025-11-12", "end": "2025-11-14", "location": "Washington", "timex": ["12–14/11/2025"],
             "negotiation": "vn-us-reciprocal"},
            {"type": "ministerial_session", "quote": "họp phiên cấp Bộ trưởng lần thứ 8", "ordinal": 8,
             "start": "XXXX-11-10", "time_of_day": "afternoon", "people": ["Nguyễn Hồng Diên", "Jamieson Greer"],
             "timex": ["10/11"], "negotiation": "vn-us-reciprocal"},
            {"type": "meeting", "quote": "Nguyễn Sinh Nhật Tân làm việc với Phó Đại diện Thương mại Rick Switzer",
             "start": "XXXX-11-12", "time_of_day": "morning", "people": ["Nguyễn Sinh Nhật Tân", "Rick Switzer"],
             "timex": ["12/11"], "location": "Washington"},
            {"type": "meeting", "quote": "tiếp ông Joseph (Joe) Damond", "start": "XXXX-11-12",
             "people": ["Nguyễn Hồng Diên", "Joseph (Joe) Damond"]},
            {"type": "meeting", "quote": "làm việc với ông Rock Bordelon", "start": "XXXX-11-12",
             "people": ["Diên", "Rock Bordelon"], "topics": ["energy"]},
            {"type": "meeting", "quote": "ông Joseph “Joe” Damond bàn", "start": "XXXX-11-12",
             "people": ["Joseph “Joe” Damond"]},
        ],
    )
    e = build_doc(
        "e-round-six",
        "Ngày 4/2, bên lề Vòng đàm phán thứ 6, Quyền Bộ trưởng Lê Mạnh Hùng gặp Thượng nghị sỹ Bill Hagerty. "
        "Chiều 2/2, ông Lê Mạnh Hùng đã làm việc với ông Jacob Helberg.",
        mentions=[
            {"text": "Lê Mạnh Hùng", "side": "VN", "title": "Quyền Bộ trưởng", "title_canonical": "Bộ trưởng",
             "acting": True, "organization": "Bộ Công Thương"},
            {"text": "Bill Hagerty", "side": "US", "title": "Thượng nghị sỹ", "country": "Hoa Kỳ"},
            {"text": "Lê Mạnh Hùng", "side": "VN", "nth": 1},
            {"text": "Jacob Helberg", "side": "US"},
        ],
        timexes=[{"text": "4/2", "value": "XXXX-02-04"},
                 {"text": "2/2", "value": "XXXX-02-02", "time_of_day": "afternoon"}],
        events=[
            {"type": "negotiation_round", "quote": "Vòng đàm phán thứ 6", "ordinal": 6,
             "negotiation": "vn-us-reciprocal"},
            {"type": "meeting", "quote": "gặp Thượng nghị sỹ Bill Hagerty", "start": "XXXX-02-04",
             "people": ["Lê Mạnh Hùng", "Bill Hagerty"], "timex": ["4/2"]},
            {"type": "meeting", "quote": "làm việc với ông Jacob Helberg", "start": "XXXX-02-02",
             "time_of_day": "afternoon", "people": ["Lê Mạnh Hùng", "Jacob Helberg"], "timex": ["2/2"]},
        ],
    )
    return [a, b, c, d, e]


# --- a real web server (``tradetalks serve`` in a child process on a free loopback port) ----------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``tradetalks serve`` over a database, started in a child process; ``url`` is its base address."""

    def __init__(self, db: str, token: str | None = None):
        import os
        import subprocess
        import sys
        import time

        import httpx

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "TRADETALKS_TOKEN"}
        if token:
            env["TRADETALKS_TOKEN"] = token
        command = [sys.executable, "-c", "from tradetalks.cli import main; main()", "serve", "--db", db,
                   "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.proc.stderr.read().decode()[-2000:] if self.proc.stderr else ""
                raise RuntimeError(f"server exited: {tail}")
            try:
                if httpx.get(self.url + "/api/articles?limit=1", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start within 30 s")

    def stop(self) -> None:
        """Stop the child process (terminate, then kill after 10 s)."""
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def write_sample_store(path: str) -> str:
    """A SQLite store holding the sample articles and the hand-built dossier; returns its path."""
    from tradetalks.store import open_store

    articles, dossier = make_sample_dossier()
    with open_store(path) as s:
        for article in articles:
            s.add_article(article)
        s.save_dossier(dossier)
    return path


@pytest.fixture
def sample_store_path(tmp_path: Path) -> str:
    """A SQLite file with the sample articles and dossier."""
    return write_sample_store(str(tmp_path / "sample.db"))

@pytest.fixture
def web(sample_store_path: str) -> Any:
    """The web app over the sample store, through Starlette's test client (server errors become 500 pages)."""
    from fastapi.testclient import TestClient

    from tradetalks.serve.api import create_app

    with TestClient(create_app(sample_store_path), raise_server_exceptions=False) as client:
        yield client



def _live_servers() -> Any:
    """Yield ``start(db, token=None) -> LiveServer``; stop every server started once the caller is done."""
    started: list[LiveServer] = []

    def start(db: str, token: str | None = None) -> LiveServer:
        server = LiveServer(db, token)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def live_server() -> Any:
    """Start ``tradetalks serve`` over a database: ``live_server(db, token=None) -> LiveServer``; stopped after."""
    yield from _live_servers()


@pytest.fixture(scope="module")
def module_live_server() -> Any:
    """Like ``live_server``, for servers shared by the tests of one module."""
    yield from _live_servers()


#: Debian's Chromium, which the browser tests drive through Playwright, and the switches it starts with.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def require_chromium() -> None:
    """Skip the calling test when /usr/bin/chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")


def ingest_demo(db: str) -> None:
    """Ingest the bundled demo corpus into the store at ``db``; no article may fail."""
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths
    from tradetalks.store import open_store

    with open_store(db) as store:
        assert not ingest_paths(store, [str(demo_corpus_path())]).failed


def browser_demo_site(tmp_path_factory: pytest.TempPathFactory, module_live_server: Any, name: str, token: str) -> str:
    """For a browser test module: skip without Chromium, else the URL of a server (taking edits with ``token``) over
    the demo corpus in a fresh store named ``name``."""
    require_chromium()
    db = str(tmp_path_factory.mktemp(name) / f"{name}.db")
    ingest_demo(db)
    return str(module_live_server(db, token=token).url)


@pytest.fixture(scope="module")
def browser_args() -> list[str]:
    """The switches ``browser`` starts Chromium with; a module may override this fixture to add its own."""
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser(site: str, browser_args: list[str]) -> Any:
    """A headless Chromium shared by a module's tests, started after the module's ``site`` fixture."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=browser_args)
        yield b
        b.close()


def check_events(text: str, published: str | None, expected: list[dict[str, Any]]) -> Doc:
    """Run the whole pipeline on a text and check its events against expected field values, in order.

    Besides Event fields, ``expected`` may give ``n_evidence``, ``n_participants``, ``topics`` (a subset)
    and ``no_topics`` (none of these).
    """
    from tradetalks.pipeline import default_pipeline

    doc = default_pipeline()(Article(source="test.txt", text=text, published=published, id="a1"))
    assert [e.type for e in doc.events] == [w["type"] for w in expected], [e.summary for e in doc.events]
    for ev, want in zip(doc.events, expected, strict=True):
        for field, value in want.items():
            if field == "n_evidence":
                assert len(ev.evidence) == value, ev.evidence
            elif field == "n_participants":
                assert len(ev.participants) == value, ev.participants
            elif field == "no_topics":
                assert not set(value) & set(ev.topics), ev.topics
            elif field == "topics":
                assert set(value) <= set(ev.topics), ev.topics
            else:
                got = getattr(ev, field)
                assert got == value, f"{field}: {got!r} != {value!r} ({ev.summary})"
    return doc
