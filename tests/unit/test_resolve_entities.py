"""One entity per real person or organisation: aliases, nicknames, acronyms, titles over time."""

from __future__ import annotations

import pytest
from conftest import build_doc, talks_corpus

from tradetalks.model import Dossier, Entity
from tradetalks.resolve import build_dossier


def _person(dossier: Dossier, spelling: str) -> Entity:
    found = [e for e in dossier.entities if e.name == spelling or spelling in e.aliases]
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def _people(dossier: Dossier) -> list[Entity]:
    return [e for e in dossier.entities if e.type == "person"]


@pytest.fixture(scope="module")
def corpus_dossier() -> Dossier:
    return build_dossier(talks_corpus())


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Rick Switzer", "Bryan R. Switzer"),
        ("Joseph (Joe) Damond", "Joseph “Joe” Damond"),
        ("Diên", "Nguyễn Hồng Diên"),
    ],
)
def test_resolve_entities_aliases_join(corpus_dossier: Dossier, one: str, other: str) -> None:
    assert _person(corpus_dossier, one).id == _person(corpus_dossier, other).id


def test_resolve_entities_longest_full_form_is_the_name(corpus_dossier: Dossier) -> None:
    switzer = _person(corpus_dossier, "Rick Switzer")
    assert switzer.name == "Bryan R. Switzer" and switzer.name_en == "Bryan R. Switzer"
    assert _person(corpus_dossier, "Nguyễn Sinh Nhật Tân").name_en == "Nguyen Sinh Nhat Tan"


def test_resolve_entities_every_mention_kept(corpus_dossier: Dossier) -> None:
    texts = {"a-washington": "", "c-october-call": "", "d-technical-2025": ""}
    docs = {d.article.id: d for d in talks_corpus()}
    switzer = _person(corpus_dossier, "Rick Switzer")
    assert {m.article for m in switzer.mentions} == set(texts)
    for m in switzer.mentions:
        assert docs[m.article].text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("name", "title", "first", "last"),
    [
        ("Lê Mạnh Hùng", "Quyền Bộ trưởng", "2026-02-02", "2026-02-04"),
        ("Bryan R. Switzer", "Phó Đại diện Thương mại", "2025-10-15", "2025-11-14"),
    ],
)
def test_resolve_entities_roles_dated(corpus_dossier: Dossier, name: str, title: str, first: str, last: str) -> None:
    roles = {r.title: r for r in _person(corpus_dossier, name).roles}
    assert roles[title].first_seen == first and roles[title].last_seen == last
    assert roles[title].evidence


def _doc(aid: str, text: str, published: str | None, *mentions: dict) -> object:
    return build_doc(aid, text, published=published, mentions=list(mentions))


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # spaces inside a surname
        (
            ("Đại sứ Brian Mc Feeters dự buổi gặp.", {"text": "Brian Mc Feeters", "side": "US"}),
            ("Ông Brian McFeeters phát biểu.", {"text": "Brian McFeeters", "side": "US"}),
            True,
        ),
        # one surname, different given names, different titles: two people
        (
            ("Thượng nghị sỹ John Smith ủng hộ.", {"text": "John Smith", "side": "US", "title": "Thượng nghị sỹ"}),
            ("Thứ trưởng Mary Smith phát biểu.", {"text": "Mary Smith", "side": "US", "title": "Thứ trưởng"}),
            False,
        ),
        # one surname and title, but opposite sides: two people
        (
            (
                "Phó Đại diện Thương mại Tom Lee đến.",
                {"text": "Tom Lee", "side": "US", "title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ"},
            ),
            (
                "Phó Đại diện Thương mại Ann Lee đến.",
                {"text": "Ann Lee", "side": "other", "title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ"},
            ),
            False,
        ),
        # one surname, title and side: the same person under another first name
        (
            (
                "Phó Đại diện Thương mại Tom Lee đến.",
                {"text": "Tom Lee", "side": "US", "title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ"},
            ),
            (
                "Phó Đại diện Thương mại Thomas A. Lee đến.",
                {"text": "Thomas A. Lee", "side": "US", "title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ"},
            ),
            True,
        ),
        # one title, once with the country and once with the office of that country
        (
            (
                "Phó Đại diện Thương mại Tom Lee đến.",
                {"text": "Tom Lee", "side": "US", "title": "Phó Đại diện Thương mại", "country": "Hoa Kỳ"},
            ),
            (
                "Phó Đại diện Thương mại Thomas A. Lee đến.",
                {
                    "text": "Thomas A. Lee",
                    "side": "US",
                    "title": "Phó Đại diện Thương mại",
                    "organization": "Văn phòng Đại diện Thương mại Hoa Kỳ",
                },
            ),
            True,
        ),
        # Vietnamese names sharing a given name are different people
        (
            ("Thứ trưởng Phan Thị Thắng dự họp.", {"text": "Phan Thị Thắng", "side": "VN", "title": "Thứ trưởng"}),
            ("Thứ trưởng Trần Quốc Thắng dự họp.", {"text": "Trần Quốc Thắng", "side": "VN", "title": "Thứ trưởng"}),
            False,
        ),
        # given_names.tsv: a short form of an English given name before one surname
        (
            ("Đô đốc Tom Hale đến thăm.", {"text": "Tom Hale", "side": "US"}),
            ("Đô đốc Thomas Hale đến thăm.", {"text": "Thomas Hale", "side": "US"}),
            True,
        ),
        # tail_of: a foreign name of two words or more that ends a longer one
        (
            ("Tổng thống Pedro da Costa đến.", {"text": "Pedro da Costa", "side": "other"}),
            ("Tổng thống João Pedro da Costa đến.", {"text": "João Pedro da Costa", "side": "other"}),
            True,
        ),
        # spelling_variant: each word one vowel apart is a misspelling of one name
        (
            ("Ngoại trưởng Marco Riera phát biểu.", {"text": "Marco Riera", "side": "other"}),
            ("Ngoại trưởng Mario Rieira phát biểu.", {"text": "Mario Rieira", "side": "other"}),
            False,
        ),
        (
            ("Ngoại trưởng Maurio Riera phát biểu.", {"text": "Maurio Riera", "side": "other"}),
            ("Ngoại trưởng Mauro Rieira phát biểu.", {"text": "Mauro Rieira", "side": "other"}),
            True,
        ),
        # a consonant apart is another person: "Carey" is not "Carney"
        (
            ("Thủ tướng Mark Carey phát biểu.", {"text": "Mark Carey", "side": "other"}),
            ("Thủ tướng Mark Carney phát biểu.", {"text": "Mark Carney", "side": "other"}),
            False,
        ),
        # given_conflict: two different first names under one surname and one title are two people
        (
            (
                "Tổng thống Jack Brenner đến.",
                {"text": "Jack Brenner", "side": "US", "title": "Tổng thống", "country": "Hoa Kỳ"},
            ),
            (
                "Tổng thống Laura Brenner đến.",
                {"text": "Laura Brenner", "side": "US", "title": "Tổng thống", "country": "Hoa Kỳ"},
            ),
            False,
        ),
        # ... unless one first name is a misspelling of the other
        (
            (
                "Tổng thống Donal Brenner đến.",
                {"text": "Donal Brenner", "side": "US", "title": "Tổng thống", "country": "Hoa Kỳ"},
            ),
            (
                "Tổng thống Donald Brenner đến.",
                {"text": "Donald Brenner", "side": "US", "title": "Tổng thống", "country": "Hoa Kỳ"},
            ),
            True,
        ),
        # an initial matches the given name it stands for
        (
            ("Ông J. Greer có mặt.", {"text": "J. Greer", "side": "US"}),
            ("Ông Jamieson Greer có mặt.", {"text": "Jamieson Greer", "side": "US"}),
            True,
        ),
    ],
)
def test_resolve_entities_people_pairs(first: tuple, second: tuple, same: bool) -> None:
    d1 = _doc("x1", first[0], "2025-11-01", first[1])
    d2 = _doc("x2", second[0], "2025-11-20", second[1])
    people = _people(build_dossier([d1, d2]))
    assert (len(people) == 1) is same


def test_resolve_entities_surname_alone_follows_full_name_in_article() -> None:
    doc = build_doc(
        "x1",
        "Ông Jacob Helberg cho biết Mỹ muốn mở rộng hợp tác. Ông Helberg cũng nói về năng lượng.",
        mentions=[{"text": "Jacob Helberg", "side": "US"}, {"text": "Helberg", "side": "US", "nth": 1}],
    )
    people = _people(build_dossier([doc]))
    assert len(people) == 1 and people[0].name == "Jacob Helberg" and len(people[0].mentions) == 2


@pytest.mark.parametrize(
    ("spellings", "entities"),
    [
        ([("Mỹ", "Hoa Kỳ"), ("Hoa Kỳ", "Hoa Kỳ"), ("Hợp Chúng quốc Hoa Kỳ", "Hoa Kỳ")], 1),
        ([("Mỹ", "Hoa Kỳ"), ("Nhật Bản", "Nhật Bản")], 2),
    ],
)
def test_resolve_entities_countries(spellings: list[tuple[str, str]], entities: int) -> None:
    docs = [
        build_doc(f"c{i}", f"Tin về {text} hôm nay.", mentions=[{"text": text, "type": "country", "canonical": canon}])
        for i, (text, canon) in enumerate(spellings)
    ]
    countries = [e for e in build_dossier(docs).entities if e.type == "country"]
    assert len(countries) == entities


def test_resolve_entities_acronym_joins_long_name() -> None:
    long_ = build_doc(
        "o1",
        "Văn phòng Đại diện Thương mại Hoa Kỳ (USTR) công bố lịch họp.",
        mentions=[
            {
                "text": "Văn phòng Đại diện Thương mại Hoa Kỳ",
                "type": "organization",
                "canonical": "Văn phòng Đại diện Thương mại Hoa Kỳ",
                "acronym": "USTR",
            }
        ],
    )
    short = build_doc(
        "o2", "Theo USTR, cuộc họp kéo dài hai ngày.", mentions=[{"text": "USTR", "type": "organization"}]
    )
    other = build_doc(
        "o3",
        "Bộ Công thương cho biết kết quả.",
        mentions=[{"text": "Bộ Công thương", "type": "organization", "canonical": "Bộ Công Thương"}],
    )
    orgs = [e for e in build_dossier([long_, short, other]).entities if e.type == "organization"]
    assert len(orgs) == 2
    ustr = next(e for e in orgs if "USTR" in e.aliases)
    assert ustr.name == "Văn phòng Đại diện Thương mại Hoa Kỳ" and {m.article for m in ustr.mentions} == {"o1", "o2"}


def test_resolve_entities_past_title_is_marked_former() -> None:
    """A title only ever seen as past ("từng là") is a former role; the current one is not."""
    from tradetalks.model import Article
    from tradetalks.pipeline import default_pipeline

    text = (
        "Ngày 3/3/2026, Bộ trưởng Nguyễn Văn Bình tiếp ông Peter Hall, Chủ tịch Hiệp hội Cà phê Hoa Kỳ. "
        "Ông Peter Hall từng là Đại sứ Hoa Kỳ tại Thái Lan."
    )
    doc = default_pipeline()(Article(source="x.txt", text=text, id="x1"))
    hall = _person(build_dossier([doc]), "Peter Hall")
    by_title = {r.title: r.former for r in hall.roles}
    assert by_title == {"Chủ tịch": False, "Đại sứ": True}


def test_resolve_entities_given_names_resource_is_validated() -> None:
    from tradetalks.resolve.names import short_forms

    pairs = short_forms()
    assert ("thomas", "tom") in pairs and all(a.isalpha() and b.isalpha() for a, b in pairs)


def test_resolve_entities_surname_alone_joins_the_one_with_its_title() -> None:
    """Of several people with one surname across articles, "Tổng thống Brenner" joins the one who is president."""
    d1 = _doc(
        "x1",
        "Tổng thống Jack Brenner đến.",
        "2025-11-01",
        {"text": "Jack Brenner", "side": "US", "title": "Tổng thống", "country": "Hoa Kỳ"},
    )
    d2 = _doc("x2", "Bà Laura Brenner đến.", "2025-11-02", {"text": "Laura Brenner", "side": "US"})
    d3 = _doc("x3", "Tổng thống Brenner nói.", "2025-11-03", {"text": "Brenner", "side": "US", "title": "Tổng thống"})
    people = _people(build_dossier([d1, d2, d3]))
    assert sorted(len(p.mentions) for p in people) == [1, 2]
    assert _person(build_dossier([d1, d2, d3]), "Jack Brenner").aliases == ["Brenner"]


def test_resolve_entities_one_word_joins_the_full_name_it_is_a_word_of() -> None:
    """_join_by_other_word: "Li-ma" (= "Lima") in another article joins "Pedro Lima da Costa"."""
    d1 = _doc(
        "x1", "Tổng thống Pedro Lima da Costa đến.", "2025-11-01", {"text": "Pedro Lima da Costa", "side": "other"}
    )
    d2 = _doc("x2", "Tổng thống Li-ma phát biểu.", "2025-11-02", {"text": "Li-ma", "side": "other"})
    assert len(_people(build_dossier([d1, d2]))) == 1


@pytest.mark.parametrize(
    ("second", "country_named", "same"),
    [
        ("Ông Trương Kiến Quang cho biết Trung Quốc sẵn sàng đàm phán.", True, True),
        # the other article never names the country of the office: no tie
        ("Ông Trương Kiến Quang cho biết hai bên sẵn sàng đàm phán.", False, False),
        # the last syllables start with other consonants: two names
        ("Ông Trương Kiến Hoàng cho biết Trung Quốc sẵn sàng đàm phán.", True, False),
    ],
)
def test_resolve_entities_transcribed_foreign_name(second: str, country_named: bool, same: bool) -> None:
    """Rule transcribed_foreign_name: a foreign official's name in Vietnamese syllables, its last syllable read
    another way by another outlet, is one person when one holds an office of a country the other article names."""
    d1 = _doc(
        "x1",
        "Thứ trưởng Bộ Thương mại Trung Quốc Trương Kiến Quân phát biểu.",
        "2025-11-01",
        {"text": "Trương Kiến Quân", "side": "other", "title": "Thứ trưởng", "country": "Trung Quốc"},
        {"text": "Trung Quốc", "type": "country", "canonical": "Trung Quốc", "side": "other"},
    )
    name = second.split(" cho")[0].removeprefix("Ông ")
    mentions: list[dict] = [{"text": name}]
    if country_named:
        mentions.append({"text": "Trung Quốc", "type": "country", "canonical": "Trung Quốc", "side": "other"})
    d2 = _doc("x2", second, "2025-11-20", *mentions)
    people = _people(build_dossier([d1, d2]))
    assert (len(people) == 1) is same
