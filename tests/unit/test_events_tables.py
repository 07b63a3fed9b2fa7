"""The event type table and the cue table are checked when they load: a typo is an error naming the line."""

from __future__ import annotations

import typing
from importlib import resources

import pytest

from tradetalks.event_types import EventTypesError, event_types, parse_event_types, spec, types_where
from tradetalks.extract.cue_table import CueTableError, cue_rows, parse_cue_rows
from tradetalks.extract.cues import event_lexicon
from tradetalks.extract.events.cue import CueFlag, parse_cue_value
from tradetalks.model import EVENT_TYPES, EventType

_ROUND = "negotiation_round\tseries\tyes\tyes\tno\tyes\tVòng đàm phán\tnegotiation round"


def _cue_table() -> str:
    return resources.files("tradetalks.resources").joinpath("event_cues.tsv").read_text(encoding="utf-8")


def test_the_types_are_declared_once() -> None:
    assert EVENT_TYPES == tuple(event_types()) == typing.get_args(EventType)
    assert types_where("series") == ("negotiation_round", "ministerial_session")
    assert types_where("encounter") == ("meeting", "call", "roundtable")
    assert types_where("needs_context") == ("negotiation_round", "ministerial_session", "tariff_action")
    assert spec("call").two_sided and not spec("call").placed
    assert spec("tariff_action").stands_alone and not spec("tariff_action").refers_back


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (_ROUND.replace("series", "serie"), "unknown kind 'serie'"),
        (_ROUND.replace("\tyes\tyes", "\tja\tyes", 1), "needs_context must be yes or no"),
        (_ROUND.rsplit("\t", 1)[0], "expected 8 non-empty columns"),
        (_ROUND + "\n" + _ROUND, "declared twice"),
    ],
)
def test_a_malformed_type_table_names_its_line(line: str, reason: str) -> None:
    with pytest.raises(EventTypesError, match=reason) as err:
        parse_event_types("# header\n" + line, "types.tsv")
    assert "types.tsv:" in str(err.value)


def test_an_unknown_type_is_an_error() -> None:
    with pytest.raises(EventTypesError, match="unknown event type 'meting'"):
        spec("meting")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("negotiation_round\tvòng đàm phán mới\twaek", "unknown cue flag 'waek'"),
        ("meeting\tbuổi gặp mới\tmode=onlin", "unknown mode 'onlin'"),
        ("meeting\tbuổi gặp mới\tlevle=technical", "unknown implied value"),
        ("plurals\tnhững", "unknown group 'plurals'"),
        ("same_day\tkhuya cùng ngày\tlate", "unknown part of day 'late'"),
        ("anaphor_before\tcùng có mặt\tattends", "unknown cue flag 'attends'"),
    ],
)
def test_a_typo_in_the_cue_table_names_its_line(row: str, reason: str) -> None:
    text = _cue_table()
    lines = text.count("\n") + 1
    with pytest.raises(CueTableError, match=reason) as err:
        parse_cue_rows(text + "\n" + row, "cues.tsv")
    assert f"cues.tsv:{lines + 1}:" in str(err.value)


def test_an_empty_group_is_an_error() -> None:
    text = "\n".join(line for line in _cue_table().splitlines() if not line.startswith("venue\t"))
    with pytest.raises(CueTableError, match="no row for group.*venue"):
        parse_cue_rows(text, "cues.tsv")


def test_an_unknown_group_asked_for_is_an_error() -> None:
    with pytest.raises(CueTableError, match="unknown group 'venu'"):
        event_lexicon("venu")


def test_flags_are_typed() -> None:
    value = parse_cue_value("weak;level=technical;teams", levels=["technical"])
    assert value.flags == CueFlag.WEAK | CueFlag.TEAMS and value.level == "technical"
    assert CueFlag.WEAK in value.flags and "weak" in value.flags and CueFlag.VERB not in value.flags
    with pytest.raises(ValueError, match="unknown cue flag 'wek'"):
        _ = "wek" in value.flags
    assert all(parse_cue_value(r.value) is not None for r in cue_rows("meeting"))
