"""Question understanding and answers with sources, over a hand-built dossier."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from tradetalks.model import SearchHit
from tradetalks.serve.ask import answer_from_index, print_answer
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.question import clean_question, parse_question


@pytest.fixture
def index(sample_dossier: Any) -> DossierIndex:
    return DossierIndex(sample_dossier)


@pytest.mark.parametrize(
    ("question", "intent", "event_type", "ordinal"),
    [
        ("Vòng đàm phán thứ 5 diễn ra khi nào?", "when", "negotiation_round", 5),
        ("vong dam phan thu nam dien ra khi nao", "when", "negotiation_round", 5),
        ("When was round 5?", "when", "negotiation_round", 5),
        ("When did the 5th round take place?", "when", "negotiation_round", 5),
        ("When was the fifth round?", "when", "negotiation_round", 5),
        ("Phiên đàm phán cấp Bộ trưởng thứ 8 diễn ra khi nào?", "when", "ministerial_session", 8),
        ("Vòng 6 diễn ra ở đâu?", "where", "negotiation_round", 6),
        ("Where was round 5 held?", "where", "negotiation_round", 5),
        ("Vòng thứ năm bàn về những nội dung gì?", "topics", "negotiation_round", 5),
        ("What topics were discussed at the 5th round?", "topics", "negotiation_round", 5),
    ],
)
def test_parse_round_questions(question: str, intent: str, event_type: str, ordinal: int) -> None:
    q = parse_question(question)
    assert intent in q.intents
    assert (q.event_type, q.ordinal) == (event_type, ordinal)


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("Ông Tân gặp ai ngày 12/11?", "--11-12"),
        ("Ông Tân gặp ai ngày 12/11/2025?", "2025-11-12"),
        ("ong tan gap ai ngay 12 thang 11", "--11-12"),
        ("Who did Tan meet on November 12?", "--11-12"),
        ("Who did Tan meet on 12 Nov 2025?", "2025-11-12"),
        ("Who did Tan meet on 2025-11-12?", "2025-11-12"),
        ("Ông Tân gặp ai?", None),
    ],
)
def test_parse_dates(question: str, date: str | None) -> None:
    assert parse_question(question).date == date


@pytest.mark.parametrize(
    ("question", "lang"), [("Ai là trưởng đoàn?", "vi"), ("ai la truong doan", "vi"), ("Who is the head?", "en")]
)
def test_parse_language(question: str, lang: str) -> None:
    assert parse_question(question).lang == lang


@pytest.mark.parametrize(
    ("question", "kind", "must_contain", "quote_start"),
    [
        ("Vòng đàm phán thứ 5 diễn ra khi nào?", "when", "12/11/2025 đến 14/11/2025", "vòng đàm phán thứ năm"),
        ("vong dam phan thu 5 dien ra khi nao", "when", "Washington", "vòng đàm phán thứ năm"),
        ("When was the 5th round?", "when", "2025-11-12 to 2025-11-14", "vòng đàm phán thứ năm"),
        ("Vòng 5 diễn ra ở đâu?", "where", "Washington", "vòng đàm phán"),
        ("Vòng đàm phán thứ 5 bàn về nội dung gì?", "topics", "quy tắc xuất xứ", "vòng đàm phán"),
        ("What topics were discussed at round 5?", "topics", "rules of origin", "vòng đàm phán"),
        ("Ai là trưởng đoàn đàm phán của Việt Nam?", "head_delegation", "Nguyễn Hồng Diên", "Trưởng đoàn"),
        ("Who heads the delegation of Vietnam?", "head_delegation", "Nguyễn Hồng Diên", "Trưởng đoàn"),
        ("Who is the Deputy USTR?", "title_of", "Bryan R. Switzer", "Phó Đại diện"),
        ("Phó Đại diện Thương mại Hoa Kỳ là ai?", "title_of", "Bryan R. Switzer", "Phó Đại diện"),
        ("Chức vụ của Nguyễn Sinh Nhật Tân là gì?", "title_of", "Thứ trưởng", "Thứ trưởng Bộ Công Thương"),
        ("What is the title of Rick Switzer?", "title_of", "Deputy US Trade Representative", "Phó Đại diện"),
        ("Thứ trưởng Tân gặp ai ngày 12/11?", "met_on", "Bryan R. Switzer", "Sáng 12/11"),
        ("Who did Nguyen Sinh Nhat Tan meet on November 12?", "met_on", "Bryan R. Switzer", "Sáng 12/11"),
        ("Mức thuế đối ứng Mỹ áp với hàng Việt Nam là bao nhiêu?", "tariff_rate", "20%", "chịu mức thuế"),
        ("What tariff rate applies to Vietnamese goods?", "tariff_rate", "20%", "chịu mức thuế"),
        ("Đã có bao nhiêu vòng đàm phán?", "count_rounds", "5 vòng", "vòng đàm phán"),
        ("How many rounds have been held?", "count_rounds", "5 negotiation rounds", "vòng đàm phán"),
    ],
)
def test_answers_cite_their_sources(
    index: DossierIndex, question: str, kind: str, must_contain: str, quote_start: str
) -> None:
    answer = answer_from_index(index, question)
    assert answer["found"] is True
    assert answer["kind"] == kind
    assert must_contain in answer["answer"]
    assert answer["sources"], "a found answer cites at least one source"
    source = answer["sources"][0]
    assert source["quote"].startswith(quote_start)
    assert source["url"] and source["article"]


def test_sources_quote_the_article_text(index: DossierIndex, sample_articles: list[Any]) -> None:
    texts = {a.id: a.text for a in sample_articles}
    answer = answer_from_index(index, "Vòng đàm phán thứ 5 diễn ra khi nào?")
    for source in answer["sources"]:
        assert texts[source["article"]][source["start"] : source["end"]] == source["quote"]


@pytest.mark.parametrize(
    "question",
    [
        "Vòng đàm phán thứ 9 diễn ra khi nào?",
        "When was round 42?",
        "Hôm nay trời thế nào?",
        "Ai là trưởng đoàn đàm phán của Nhật Bản?",
        "Who did Nguyen Van Khong meet on May 3?",
    ],
)
def test_unknown_says_so_and_shows_passages(index: DossierIndex, question: str) -> None:
    asked: list[str] = []

    def search(query: str, limit: int) -> list[SearchHit]:
        asked.append(query)
        return [SearchHit(article="a1", title="Một bài", snippet="đoạn [gần] nhất")]

    answer = answer_from_index(index, question, search)
    assert answer["found"] is False
    assert answer["answer"] in ("Chưa có thông tin trong các nguồn.", "Not found in the sources.")
    assert answer["sources"] == []
    assert answer["passages"][0]["snippet"] == "đoạn [gần] nhất"
    assert asked and len(asked[0]) <= 300


@pytest.mark.parametrize(
    "question",
    [
        "vòng\x00 thứ \x1b[31m5",
        "' OR 1=1; DROP TABLE articles; --",
        'NEAR(thuế "mỹ") AND * OR -',
        "x" * 10_000,
        "",
        "   ",
        "\u202evòng 5\u202c",
    ],
)
def test_hostile_questions_never_raise(index: DossierIndex, question: str) -> None:
    answer = answer_from_index(index, question, lambda q, n: [])
    assert isinstance(answer["answer"], str) and answer["answer"]
    assert len(answer["question"]) <= 1000


def test_clean_question_drops_control_characters() -> None:
    assert clean_question("vòng\x00 5\n\t?") == "vòng 5 ?"


def test_print_answer_shows_quote_and_source(index: DossierIndex) -> None:
    console = Console(record=True, width=200)
    print_answer(answer_from_index(index, "Who is the Deputy USTR?"), console)
    text = console.export_text()
    assert "Bryan R. Switzer" in text and "Báo Ví Dụ" in text and "Phó Đại diện Thương mại Hoa Kỳ" in text


@pytest.mark.parametrize(
    ("question", "kind", "must_contain"),
    [
        ("Vòng đàm phán thứ năm được tổ chức ở đâu?", "where", "Washington"),
        ("Vòng 5 diễn ra vào thời gian nào?", "when", "12/11/2025"),
        ("Khi nào diễn ra vòng đàm phán thứ 5?", "when", "12/11/2025"),
        ("Where did the fifth round take place?", "where", "Washington"),
        ("Vòng đàm phán gần nhất diễn ra khi nào?", "when", "Vòng đàm phán thứ 5"),
        ("When was the latest round?", "when", "round 5"),
        ("Ông Rick Switzer giữ chức vụ gì?", "title_of", "Phó Đại diện Thương mại Hoa Kỳ"),
        ("Bryan Switzer là ai?", "title_of", "Phó Đại diện Thương mại Hoa Kỳ"),
        ("Thứ trưởng Nguyễn Sinh Nhật Tân đã gặp những ai?", "met_on", "Bryan R. Switzer"),
        ("Who did Nhat Tan meet with?", "met_on", "Bryan R. Switzer"),
        ("Mỹ áp thuế bao nhiêu phần trăm với hàng Việt Nam?", "tariff_rate", "20%"),
        ("Hai bên đã đàm phán bao nhiêu vòng?", "count_rounds", "5"),
        ("Ai dẫn đầu đoàn đàm phán Việt Nam?", "head_delegation", "Nguyễn Hồng Diên"),
    ],
)
def test_other_phrasings(index: DossierIndex, question: str, kind: str, must_contain: str) -> None:
    answer = answer_from_index(index, question)
    assert answer["found"] and answer["kind"] == kind, answer
    assert must_contain in answer["answer"]


def test_dates_without_a_year(sample_dossier: Any) -> None:
    from tradetalks.model import Event, Evidence, Participant

    quote = Evidence("x", 0, 4, "ngày")
    sample_dossier.events += [
        Event("negotiation_round", [quote], negotiation="vn-us-reciprocal", ordinal=7, start="XXXX-02-04", id="r7"),
        Event(
            "meeting",
            [quote],
            start="XXXX-02-04",
            id="m7",
            participants=[Participant("p-tan", "VN"), Participant("p-greer", "US")],
        ),
    ]
    index = DossierIndex(sample_dossier)
    when = answer_from_index(index, "Vòng đàm phán thứ 7 diễn ra khi nào?")
    assert when["found"] and "4/2" in when["answer"] and "không nêu năm" in when["answer"]
    met = answer_from_index(index, "Ông Nguyễn Sinh Nhật Tân gặp ai ngày 4/2/2026?")
    assert met["found"] and "Jamieson Greer" in met["answer"]
