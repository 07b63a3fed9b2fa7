"""Each rule of ``extract/events/rules.py`` by name: a sentence of our own where that rule is the one that
decides (or, for the rules that reshape a cue, what it makes of the cue), through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from tradetalks.extract.cues import lower_view
from tradetalks.extract.events.cue import CueFlag, CueMention
from tradetalks.extract.events.extract import article_cues
from tradetalks.extract.events.negotiation import doc_negotiations
from tradetalks.extract.events.rules import RULES, Context, Decision, settle
from tradetalks.extract.timex import extract_timexes
from tradetalks.extract.topics import tag_topics
from tradetalks.model import Article
from tradetalks.nlp.names import extract_names
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline, default_pipeline

_BEFORE_EVENTS = Pipeline([add_matching_views, split_sentences, extract_names, extract_timexes, tag_topics])

#: rule -> (text, the phrase its cue starts with, what the rule decides, or what the cue is after it)
CASES: dict[str, tuple[str, str, Decision | dict[str, Any]]] = {
    "continuation": (
        "Ngày 5/3/2025, vòng đàm phán thứ hai về thương mại giữa Việt Nam và Hoa Kỳ diễn ra tại Hà Nội. "
        "Hai bên đã trao đổi về thuế quan và nông sản.",
        "Hai bên",
        Decision.JOIN,
    ),
    "outcome_of_encounter": (
        "Sáng 2/3/2025, Bộ trưởng Nguyễn Hồng Diên điện đàm với Bộ trưởng Thương mại Úc Don Farrell. Hai bên nhất "
        "trí khởi động đàm phán về thuế quan.",
        "nhất trí",
        {"type": "agreement"},
    ),
    "teams_over_days": (
        "Từ ngày 3 đến 6/6/2025, các nhóm kỹ thuật của Việt Nam và Hoa Kỳ làm việc về thuế đối ứng tại Washington.",
        "nhóm kỹ thuật",
        {"type": "negotiation_round", "teams": False},
    ),
    "teams_to_meet": (
        "Tuần tới, các nhóm kỹ thuật hai nước sẽ họp trực tuyến để bàn tiếp về thuế đối ứng.",
        "nhóm kỹ thuật",
        {"type": "meeting", "teams": False},
    ),
    "teams_go_on": (
        "Ngày 12/5/2025, vòng đàm phán thứ ba về thuế đối ứng diễn ra tại Washington. "
        "Các nhóm kỹ thuật đã làm việc khẩn trương suốt nhiều giờ.",
        "nhóm kỹ thuật",
        Decision.JOIN,
    ),
    "ministerial_session": (
        "Ngày 20/5/2025, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên và Đại diện Thương mại Hoa Kỳ Jamieson Greer "
        "có phiên đàm phán về thuế đối ứng.",
        "phiên đàm phán",
        {"type": "ministerial_session", "level": "ministerial"},
    ),
    "next_round": (
        "Vòng đàm phán thứ 9 về FTA với khối EFTA kết thúc ngày 4/3/2016. Các nội dung còn lại sẽ được bàn tiếp "
        "tại vòng đàm phán tiếp theo ở Geneva.",
        "vòng đàm phán tiếp theo",
        {"ordinal": 10},
    ),
    "next_round_met": (
        "Bộ trưởng Thương mại Úc Don Farrell cho biết ông sẽ gặp Phó Thủ tướng Indonesia Airlangga Hartarto tại Bali "
        "vào cuối tháng này để bàn về thuế nhập khẩu. Hai nước cũng đồng ý sớm mở vòng đàm phán mới.",
        "vòng đàm phán",
        Decision.JOIN,
    ),
    "rounds_at_places": (
        "Ngày 14/9/2025, Ấn Độ và Anh mở vòng đàm phán thương mại thứ ba tại New Delhi. Hai vòng đàm phán trước đó "
        "tại London và Geneva đã giúp hai nước thu hẹp bất đồng về ô tô.",
        "vòng đàm phán trước đó",
        Decision.NEW,
    ),
    "needs_trade_context": (
        "Câu lạc bộ và tiền đạo người Brazil đã kết thúc vòng đàm phán thứ hai về mức lương.",
        "vòng đàm phán",
        Decision.DROP,
    ),
    "unofficial_verb": (
        "Sáng 3/4/2025, anh Nam làm việc với công an phường về vụ mất xe máy.",
        "làm việc với",
        Decision.DROP,
    ),
    "aspiration": (
        "Hai nước hướng tới sớm ký kết hiệp định thương mại đối ứng.",
        "ký kết",
        Decision.DROP,
    ),
    "firms_deal": (
        "Ngày 5/6/2025, Công ty Sao Mai ký thỏa thuận với Tập đoàn Hải Đăng về cung ứng thép tấm.",
        "ký thỏa thuận",
        Decision.DROP,
    ),
    "conditional": (
        "Các cam kết về thuế sẽ có hiệu lực sau khi hiệp định được ký kết.",
        "ký kết",
        Decision.DROP,
    ),
    "identity": (
        "Ngày 2/5/2025, Bộ trưởng Nguyễn Hồng Diên đã gặp Đại diện Thương mại Hoa Kỳ Jamieson Greer tại Paris. "
        "Đó là phiên đàm phán cấp Bộ trưởng đầu tiên giữa hai bên về thuế đối ứng.",
        "phiên đàm phán",
        Decision.JOIN,
    ),
    "either_exchange": (
        "Tối 6/7/2025, Thủ tướng Phạm Minh Chính điện đàm với Bộ trưởng Tài chính Hoa Kỳ Scott Bessent. "
        "Tại cuộc trao đổi, hai bên nhất trí thúc đẩy thương mại.",
        "cuộc trao đổi",
        Decision.JOIN,
    ),
    "refers_back": (
        "Ngày 8/4/2025, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Hoa Kỳ Marc Knapper. "
        "Tại buổi làm việc, ông Diên đề nghị phía Hoa Kỳ hoãn áp thuế.",
        "buổi làm việc",
        Decision.JOIN,
    ),
    "nobody_met": (
        "Tại phiên làm việc sáng 12/5/2025, hội nghị đã biểu quyết thông qua nghị quyết về ngân sách.",
        "phiên làm việc",
        Decision.DROP,
    ),
    "weak_cue": (
        "Vòng đàm phán thứ tư về thuế đối ứng diễn ra ngày 10/6/2025 tại Washington. "
        "Theo Bộ Công Thương, cuộc đàm phán tập trung vào quy tắc xuất xứ.",
        "cuộc đàm phán",
        Decision.JOIN,
    ),
    "many_rounds": (
        "Hai nước đã trải qua ba vòng đàm phán thương mại.",
        "vòng đàm phán",
        Decision.DROP,
    ),
    "many_meetings": (
        "Theo ông Nam, các cuộc gặp trực tuyến giữa hai đoàn về thương mại diễn ra đều đặn.",
        "cuộc gặp",
        Decision.DROP,
    ),
    "named_again": (
        "Ngày 10/6/2025, vòng đàm phán thứ tư về thuế đối ứng diễn ra tại Washington. "
        "Theo Bộ Công Thương, vòng đàm phán đã đạt nhiều tiến triển.",
        "vòng đàm phán đã",
        Decision.JOIN,
    ),
    "bare_past": (
        "Theo các chuyên gia, vòng đàm phán vừa qua đã giúp thu hẹp bất đồng về thương mại.",
        "vòng đàm phán",
        Decision.DROP,
    ),
    "bare_mention": (
        "Theo các chuyên gia, cuộc gặp diễn ra trong bầu không khí cởi mở.",
        "cuộc gặp",
        Decision.DROP,
    ),
    "sides_named_before": (
        "Sáng 9/7/2025, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn chủ trì lễ đón Ngoại trưởng Canada Mélanie "
        "Joly. Sau lễ đón, hai bên tiến hành hội đàm.",
        "hội đàm",
        {"type": "meeting", "locations": ["Hà Nội"]},
    ),
    "led_before": (
        "Phái đoàn Úc gồm 40 doanh nghiệp, do Bộ trưởng Thương mại Don Farrell dẫn đầu. Chuyến thăm diễn ra trong ba "
        "ngày, từ 3 đến 5/6/2025.",
        "Chuyến thăm",
        {"type": "meeting"},
    ),
    "new_event": (
        "Ngày 12/11/2025, Bộ trưởng Nguyễn Hồng Diên làm việc với Đại sứ Hoa Kỳ Marc Knapper tại Hà Nội.",
        "làm việc với",
        Decision.NEW,
    ),
}


def _cue_at(text: str, phrase: str) -> tuple[Context, CueMention]:
    """The article's rule context, with every cue before the one starting with ``phrase`` already settled."""
    doc = _BEFORE_EVENTS(Article(source="test.txt", text=text, id="a1"))
    key = doc.key or doc.text
    low = lower_view(key)
    cues = article_cues(doc, low, key)
    target = next((c for c in cues if low.startswith(lower_view(phrase), c.start)), None)
    assert target is not None, [(key[c.start : c.end], c.type) for c in cues]
    ctx = Context(doc, low, key, cues, negotiations=bool(doc_negotiations(doc, low, key)))
    for c in cues:
        if c is target:
            break
        settle(ctx, c)
    return ctx, target


def test_every_rule_has_a_case() -> None:
    assert list(CASES) == list(RULES)


@pytest.mark.parametrize("name", list(RULES))
def test_rule(name: str) -> None:
    text, phrase, want = CASES[name]
    ctx, cue = _cue_at(text, phrase)
    for other, rule in RULES.items():
        decision = rule(ctx, cue)
        if other == name:
            break
        assert decision is Decision.PASS, f"{other} decided {decision} before {name}"
    if isinstance(want, Decision):
        assert decision is want
        return
    assert decision is Decision.PASS
    for attr, value in want.items():
        if attr == "teams":
            assert (CueFlag.TEAMS in cue.flags) is value
        else:
            assert getattr(cue, attr) == value, (attr, getattr(cue, attr))


def test_next_held_on() -> None:
    """Rule ``next_held_on`` (within ``refers_back``): the day past the comma after "phiên sau", in a clause saying
    when it is held, is the next session's own day; without that clause it is no day of it."""
    told = (
        "Phiên 5 đàm phán Hiệp định thương mại tự do Việt Nam – EFTA diễn ra tại Hà Nội từ ngày 3 đến 6/3/2015. "
        "Các vấn đề chưa thống nhất sẽ được bàn tiếp tại phiên sau, dự kiến sẽ được tổ chức trong tuần từ ngày 4 "
        "tháng 5 năm 2015."
    )
    said = told.replace("dự kiến sẽ được tổ chức trong tuần", "các bên cũng hẹn trao đổi thư")
    for text, start in ((told, "2015-05-04"), (said, None)):
        doc = default_pipeline()(Article(source="t.txt", text=text, published="2015-03-10", id="a1"))
        nxt = [e for e in doc.events if e.ordinal == 6]
        assert len(nxt) == 1 and nxt[0].start == start, [e.summary for e in doc.events]
