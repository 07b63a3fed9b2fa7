"""Near-duplicate articles marked, articles telling one story grouped, unrelated ones kept apart."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import build_doc, talks_corpus

from tradetalks.model import Article, Doc
from tradetalks.resolve import build_dossier
from tradetalks.resolve.stories import StoryInput, cluster_stories

BODY = (
    "Sáng nay, đoàn đàm phán của Việt Nam và đoàn của Hoa Kỳ đã bước vào ngày làm việc thứ hai tại Washington. "
    "Hai bên rà soát các nhóm vấn đề về nông nghiệp, dịch vụ và thương mại số, đồng thời thống nhất lịch họp "
    "cho những tuần tiếp theo. Trưởng đoàn Việt Nam cho biết các nhóm kỹ thuật sẽ tiếp tục trao đổi trực tuyến "
    "để sớm thu hẹp khác biệt còn lại trước phiên họp cấp bộ trưởng dự kiến vào cuối tháng."
)
OTHER = (
    "Mưa lớn kéo dài khiến nhiều tuyến phố ở miền Trung bị ngập sâu, giao thông bị chia cắt. "
    "Chính quyền địa phương đã sơ tán hàng trăm hộ dân khỏi vùng nguy hiểm và chuẩn bị lương thực dự phòng."
)


def _doc(aid: str, text: str, published: str | None = None) -> Doc:
    return Doc(Article(source=f"{aid}.txt", text=text, id=aid, published=published))


def test_resolve_stories_light_edit_is_a_duplicate() -> None:
    edited = BODY.replace("Sáng nay", "Sáng 12/11").replace("cuối tháng", "cuối tháng này")
    dossier = build_dossier([_doc("k2", edited), _doc("k1", BODY), _doc("k3", OTHER)])
    by_id = {a.id: a for a in dossier.articles}
    assert by_id["k1"].duplicate_of is None and by_id["k2"].duplicate_of == "k1"
    assert by_id["k1"].story == by_id["k2"].story != by_id["k3"].story
    assert by_id["k3"].duplicate_of is None


def test_resolve_stories_earliest_publication_is_the_original() -> None:
    dossier = build_dossier([_doc("a1", BODY, "2025-11-13"), _doc("z9", BODY + " ", "2025-11-12")])
    by_id = {a.id: a for a in dossier.articles}
    assert by_id["a1"].duplicate_of == "z9" and by_id["z9"].duplicate_of is None


def test_resolve_stories_exact_copies_under_two_keys() -> None:
    result = cluster_stories([StoryInput("b", None, "h1", "x y z w"), StoryInput("a", None, "h1", "x y z w")])
    assert result.duplicate_of == {"a": None, "b": "a"} and result.exact == 1


def test_resolve_stories_seed_like_corpus() -> None:
    by_id = {a.id: a.story for a in build_dossier(talks_corpus()).articles}
    assert by_id["a-washington"] == by_id["d-technical-2025"]
    for x, y in [
        ("a-washington", "c-october-call"),
        ("a-washington", "e-round-six"),
        ("c-october-call", "e-round-six"),
    ]:
        assert by_id[x] != by_id[y]


# one negotiation named: an ordinal or a rate alone links reports of unknown negotiation only when dated
ROUND_FIVE = {
    "type": "negotiation_round",
    "quote": "Vòng đàm phán thứ 5",
    "ordinal": 5,
    "negotiation": "vn-us-reciprocal",
}
SESSION = {"type": "ministerial_session", "quote": "điện đàm", "ordinal": 3, "negotiation": "vn-us-reciprocal"}
TARIFF = {"type": "tariff_action", "quote": "thuế 20%", "rate": 0.2, "negotiation": "vn-us-reciprocal"}


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ([ROUND_FIVE], [ROUND_FIVE], True),  # one write-up each of the same round
        ([ROUND_FIVE, SESSION], [ROUND_FIVE, TARIFF], True),  # both lead with the same round
        ([ROUND_FIVE, TARIFF], [SESSION, TARIFF], False),  # one shared event, told first by neither
        ([ROUND_FIVE, SESSION], [ROUND_FIVE, SESSION, TARIFF], True),  # two shared events
        ([SESSION], [TARIFF], False),
    ],
)
def test_resolve_stories_shared_events(first: list[dict], second: list[dict], together: bool) -> None:
    text = "Vòng đàm phán thứ 5 đã kết thúc; trước đó có cuộc điện đàm và mức thuế 20% được bàn. {}"
    docs = [
        build_doc(aid, text.format(extra), events=events)
        for aid, extra, events in [("s1", "giá lúa gạo tăng mạnh", first), ("s2", "xuất khẩu cà phê giảm", second)]
    ]
    by_id = {a.id: a.story for a in build_dossier(docs).articles}
    assert (by_id["s1"] == by_id["s2"]) is together


def test_resolve_stories_stories_meet_in_time() -> None:
    """An undated article sharing an event with an April story and a September one joins one of them and
    never makes the two one story (rule stories_meet_in_time)."""
    items = [
        StoryInput("undated", None, "h0", "ba muoi", events={"e-46"}),
        StoryInput("april", "2025-04-04", "h1", "mot hai", events={"e-46"}, dates=[date(2025, 4, 4)]),
        StoryInput("september", "2025-09-08", "h2", "bon nam", events={"e-46"}, dates=[date(2025, 9, 8)]),
    ]
    story = cluster_stories(items).story
    assert story["april"] != story["september"]
    assert story["undated"] in (story["april"], story["september"])


def _named(aid: str, day: date, names: set[str]) -> StoryInput:
    return StoryInput(aid, day.isoformat(), "h" + aid, "bai " + aid, entities=names, dates=[day])


def test_resolve_stories_rare_names_same_days() -> None:
    """Two articles of the same days naming the same captain and port, in other words, tell one story; the
    same names three weeks apart, or names every article of the week carries, tie nothing."""
    names = {"p-captain", "o-port"}
    story = cluster_stories(
        [_named("a", date(2025, 12, 8), names), _named("b", date(2025, 12, 9), names | {"p-mayor"})]
    ).story
    assert story["a"] == story["b"]
    far = cluster_stories([_named("a", date(2025, 12, 8), names), _named("b", date(2025, 12, 29), names)]).story
    assert far["a"] != far["b"]
    common = {"p-president", "o-assembly"}
    week = [_named(k, date(2025, 12, 8 + n), common) for n, k in enumerate("abc")]
    assert len(set(cluster_stories(week).story.values())) == 3
