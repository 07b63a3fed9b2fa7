"""The time vocabulary file: documented, well-formed, and bad lines named with file and line."""

from __future__ import annotations

from importlib import resources

import pytest

from tradetalks.extract.timex.words import CATEGORIES, TimeWordsError, parse_time_words, time_words


def test_timex_words_file_says_where_it_comes_from() -> None:
    text = resources.files("tradetalks.resources").joinpath("time_words.tsv").read_text(encoding="utf-8")
    head = text.splitlines()[:2]
    assert head[0].startswith("# source: ") and head[1].startswith("# columns: ")


def test_timex_words_every_category_present() -> None:
    assert set(time_words().tables) == CATEGORIES


@pytest.mark.parametrize(
    ("category", "phrase", "value"),
    [
        ("part_of_day", "sáng", "morning"),
        ("part_of_day", "Trưa", "noon"),
        ("part_of_day", "chiều", "afternoon"),
        ("part_of_day", "tối", "evening"),
        ("part_of_day", "đêm", "night"),
        ("part_of_day", "rạng  sáng", "morning"),
        ("weekday", "thứ Hai", "1"),
        ("weekday", "Chủ nhật", "7"),
        ("month_name", "Mười Một", "11"),
        ("relative_period", "tuần tới", "week:1"),
        ("relative_period", "năm ngoái", "year:-1"),
        ("relative_day", "hôm qua", "-1"),
        ("modifier", "cuối", "END"),
    ],
)
def test_timex_words_values(category: str, phrase: str, value: str) -> None:
    assert time_words().value(category, phrase) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# source: x\npart_of_day\tsáng\n", "time_words.tsv:2: expected category"),
        ("# source: x\n\nseason\tmùa hè\tsummer\n", "time_words.tsv:3: unknown category 'season'"),
        ("part_of_day\t\tmorning\n", "time_words.tsv:1: expected category"),
    ],
)
def test_timex_words_bad_lines(text: str, message: str) -> None:
    with pytest.raises(TimeWordsError, match=message):
        parse_time_words(text)


def test_timex_words_longest_first() -> None:
    phrases = time_words().phrases("part_of_day")
    assert phrases.index("rạng sáng") < phrases.index("sáng")
