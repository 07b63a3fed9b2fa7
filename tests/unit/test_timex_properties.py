"""Property tests: offsets slice to the quoted text, values are valid ISO, dates round-trip."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks.extract.timex import complete_year, find_timexes, infer_year, is_valid_value

FRAGMENTS = [
    "ngày ",
    "hôm ",
    "sáng ",
    "chiều ",
    "tối ",
    "rạng sáng ",
    "tháng ",
    "năm ",
    "quý ",
    "từ ",
    "đến ",
    "và ",
    "tuần tới",
    "năm ngoái",
    "hôm qua",
    "thứ Hai ",
    "cuối ",
    "đầu ",
    "giai đoạn ",
    "lúc ",
    "số ",
    "thứ ",
    "/",
    "-",
    "–",
    "—",
    ".",
    ",",
    " ",
    "(",
    ")",
    "\n",
    "%",
    "Nghị định ",
    "USD",
    "tỷ lệ ",
    "người",
]
NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(1890, 2110).map(str),
    st.sampled_from(["01", "09", "142", "2.000", "III", "IV"]),
)
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NUMBERS), max_size=40).map("".join)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.one_of(st.none(), DATES.map(date.isoformat)))
def test_timex_offsets_and_values(text: str, published: str | None) -> None:
    found = find_timexes(text, published)
    previous_end = 0
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
        assert timex.text == timex.text.strip() and timex.text
        assert previous_end <= timex.start
        previous_end = timex.end
        assert is_valid_value(timex.value), timex
        assert (timex.resolved_by is None) == ("XXXX" in timex.value)


FORMATS = [
    "ngày {d}/{m}/{y}",
    "ngày {d:02d}-{m:02d}-{y}",
    "{d}.{m}.{y}",
    "ngày {d} tháng {m} năm {y}",
    "sáng {d}/{m}/{y}",
]


@settings(max_examples=200, deadline=None)
@given(DATES, st.sampled_from(FORMATS))
def test_timex_full_dates_round_trip(day: date, form: str) -> None:
    phrase = form.format(d=day.day, m=day.month, y=day.year)
    text = f"Hai bên đã gặp nhau {phrase}, tại Hà Nội."
    (timex,) = find_timexes(text)
    assert (timex.text, timex.value, timex.resolved_by) == (phrase, day.isoformat(), "explicit")


@settings(max_examples=200, deadline=None)
@given(DATES.filter(lambda d: 1901 < d.year < 2099), DATES.filter(lambda d: 1901 < d.year < 2099))
def test_timex_publication_year_is_nearest_unless_far_ahead(day: date, published: date) -> None:
    """Without a tense word, the nearest year; a date that year puts over 90 days ahead is last year's."""
    if (day.month, day.day) == (2, 29):
        return
    text = f"Ngày {day.day}/{day.month}, hai bên trao đổi."
    (timex,) = find_timexes(text, published.isoformat())
    resolved = date.fromisoformat(timex.value)
    assert (resolved.month, resolved.day) == (day.month, day.day)
    nearest = infer_year(day.month, day.day, published)
    if (date(nearest, day.month, day.day) - published).days <= 90:
        assert resolved.year == nearest
    else:
        assert resolved.year == nearest - 1 and resolved < published


@settings(max_examples=200, deadline=None)
@given(DATES.filter(lambda d: 1901 < d.year < 2099), DATES.filter(lambda d: 1901 < d.year < 2099))
def test_timex_past_tense_is_never_far_ahead(day: date, published: date) -> None:
    if (day.month, day.day) == (2, 29):
        return
    (timex,) = find_timexes(f"Ngày {day.day}/{day.month}, hai bên đã trao đổi.", published.isoformat())
    resolved = date.fromisoformat(timex.value)
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert -366 <= (resolved - published).days <= 90


@settings(max_examples=200, deadline=None)
@given(DATES, st.integers(0, 40), st.integers(1901, 2099))
def test_timex_complete_year_gives_valid_values(start: date, length: int, year: int) -> None:
    end = start + timedelta(days=length)
    value = f"XXXX-{start:%m-%d}/XXXX-{end:%m-%d}"
    completed = complete_year(value, year)
    assert is_valid_value(completed)
    if (start.month, start.day) != (2, 29) and (end.month, end.day) != (2, 29):
        first, last = (date.fromisoformat(p) for p in completed.split("/"))
        assert first.year == year and 0 <= (last - first).days <= 41  # one more in a leap year
