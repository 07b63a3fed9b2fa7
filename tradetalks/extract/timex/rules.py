"""The reader's rules for each pattern: valid days, ratios and identifiers, durations, lunar dates."""

from __future__ import annotations

from datetime import date, timedelta

from tradetalks.extract.timex.calendar import day_exists, shift_months, week_value, weekday_in_week
from tradetalks.extract.timex.context import Context
from tradetalks.extract.timex.found import VETO, Found, Handler, Joined, Outcome, Point
from tradetalks.extract.timex.patterns import patterns
from tradetalks.extract.timex.words import time_words

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _int(match: Joined, *names: str) -> int | None:
    """The first of the named groups that is set, as a number."""
    for name in names:
        value = match[name]
        if value:
            return int(value)
    return None


def _req(match: Joined, name: str) -> int:
    """A group the core always sets, as a number."""
    return int(match[name] or 0)


def _time_of_day(match: Joined, stop: int) -> str | None:
    """The part of the day written in the expression's head ("chiều ngày 2/2" -> afternoon)."""
    head = match.string[match.start() : stop]
    pod = patterns().part_of_day.search(head)
    return time_words().value("part_of_day", pod.group()) if pod else None


def _year_offset(phrase: str | None) -> int | None:
    """Offset of a "năm nay"/"năm ngoái" phrase from the publication year."""
    if not phrase:
        return None
    value = time_words().value("relative_period", phrase)
    return int(value.split(":")[1]) if value else None


def _month_name(match: Joined) -> int | None:
    """The month of a numeral or a month word; 0 for lunar month words ("tháng Giêng")."""
    if match["m"]:
        return _req(match, "m")
    value = time_words().value("month_name", match["mname"] or "")
    return int(value) if value is not None else None


def _start(match: Joined, ctx: Context) -> int:
    """Where the expression starts: after "đầu" when it belongs to the word before ("bắt đầu tháng 4")."""
    if match["mod"] and ctx.modifier_taken(match.start()):
        text, end = match.string, match.end("mod")
        while end < len(text) and text[end].isspace():
            end += 1
        return end
    return match.start()


def _found(match: Joined, ctx: Context, kind: str, points: list[Point], **extra: object) -> Found:
    """A candidate for a calendar expression, with the direction word after it ("tới", "vừa qua")."""
    found = Found(_start(match, ctx), match.end(), kind, points, **extra)  # type: ignore[arg-type]
    found.direction = ctx.direction(found.end) or (-1 if ctx.looks_back(found.start) else 0)
    return found


def handle_iso(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "2025-11-12" as written in metadata lines."""
    y, m, d = _req(match, "y"), _req(match, "m"), _req(match, "d")
    if not day_exists(y, m, d):
        return None
    return _found(match, ctx, "date", [Point(m, d, y)])


def handle_date(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "sáng 12/11", "ngày 4/2", "12/11/2025", "thứ Hai (10/11)", and bare "12/11" where safe."""
    d, m, year = _req(match, "d"), _req(match, "m"), _int(match, "y", "yw")
    if not day_exists(year, m, d):
        return None
    start, end = match.start(), match.end()
    pod = _time_of_day(match, match.start("d"))
    listed_day = patterns().may_end_prefix(match.string, start, ",") and patterns().day_listed.search(
        match.string, max(0, start - 24), start
    )
    strong = bool(match["wd"] or match["dw"] or pod or listed_day)
    if ctx.lunar(start, end):
        return VETO
    if year is None and match["sep"] == "." and not (match["wd"] or match["dw"]):
        return None  # "tối 7.10" may be a clock time; "ngày 7.10" is a date
    if year is None and not strong:
        if match["sep"] != "/":
            return None
        closed = match["ry"] or ctx.closes(end)  # "từ 14/10 năm ngoái vẫn …": the year word ends the date
        if not closed or ctx.ratio_or_id(start) or not (ctx.opens(start) or ctx.after_preposition(start)):
            return VETO
    elif not strong and ctx.identifier(start):
        return VETO
    strong = strong or year is not None
    weekday = match["wd"] and time_words().value("weekday", match["wd"].rstrip(" ,("))
    if weekday and not pod and not ctx.weekday_context(start):
        start = match.start("dw") if match["dw"] else match.start("d")
        if match["paren"]:
            end = max(match.end(g) for g in ("m", "y", "yw", "ry") if match[g])
    listed = None
    if not strong and patterns().may_end_prefix(match.string, start, ","):
        listed = patterns().listed.search(match.string, max(0, start - 24), start)
    rel_year = _year_offset(match["ry"])
    found = _found(match, ctx, "date", [Point(m, d, year)], strong=strong, time_of_day=pod, rel_year=rel_year)
    found.start, found.end = start, end
    found.listed_after = listed.start() if listed else None
    return found


def handle_day_month(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "ngày 12 tháng 11 năm 2025", "chiều 2 tháng Hai"."""
    month = _month_name(match)
    d, year = _req(match, "d"), _int(match, "y")
    pod = _time_of_day(match, match.start("d"))
    if not (match["wd"] or match["dw"] or pod or year or match["ry"]):
        return None
    if not month or ctx.lunar(match.start(), match.end()):
        return VETO
    if not day_exists(year, month, d):
        return None
    return _found(match, ctx, "date", [Point(month, d, year)], time_of_day=pod, rel_year=_year_offset(match["ry"]))


def handle_day_list(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like the "ngày 12" of "ngày 12 và 13/11": the first day of a list takes the month of the last."""
    d1, d2, month, year = _req(match, "d1"), _req(match, "d2"), _req(match, "m"), _int(match, "y")
    if not match["dw"] or d1 >= d2 or not day_exists(year, month, d2) or ctx.lunar(match.start(), match.end()):
        return None
    pod = _time_of_day(match, match.start("d1"))
    found = _found(match, ctx, "date", [Point(month, d1, year)], time_of_day=pod)
    found.end = match.end("d1")
    return found


def handle_day_range(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "12-14/11", "12–14/11/2025", "từ ngày 12 đến 14-11", "ngày 12 đến ngày 14 tháng 11"."""
    d1, d2 = _req(match, "d1"), _req(match, "d2")
    month, year = _int(match, "m", "mt"), _int(match, "y", "yt", "yw")
    conn = (match["conn"] or "").strip().lower()
    if month is None or d1 >= d2 or not day_exists(year, month, d2):
        return None
    if conn == "-" and match["sep"] == "-":
        return None
    start, end = match.start(), match.end()
    pod = _time_of_day(match, match.start("d1"))
    strong = bool(match["dw"] or pod or match["mt"])
    if ctx.lunar(start, end):
        return VETO
    if not strong:
        if ctx.ratio_or_id(start):
            return VETO
        if conn == "-" and match["sep"] != "/" and year is None:
            return None
        if conn != "-" and not (ctx.after_period_word(start) and ctx.closes(end)):
            return VETO
    points = [Point(month, d1, year), Point(month, d2, year)]
    return _found(match, ctx, "interval", points, strong=strong, time_of_day=pod, rel_year=_year_offset(match["ry"]))


def _day_of_year(month: int, day: int) -> int:
    return (date(2000, month, day) - date(2000, 1, 1)).days


def handle_date_range(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "12/11-14/11", "từ 28/12/2025 đến 2/1/2026", "từ ngày 12/11 đến ngày 14/11"."""
    d1, m1, y1 = _req(match, "d1"), _req(match, "m1"), _int(match, "y1")
    d2, m2, y2 = _req(match, "d2"), _req(match, "m2"), _int(match, "y2", "yw")
    raw_conn = match["conn"] or "-"
    conn = raw_conn.strip().lower()
    if not (day_exists(y1, m1, d1) and day_exists(y2, m2, d2)):
        return None
    if conn == "-" and "-" in (match["s1"], match["s2"]) and not (raw_conn[0].isspace() and raw_conn[-1].isspace()):
        return None
    start, end = match.start(), match.end()
    pod = _time_of_day(match, match.start("d1"))
    strong = bool(match["dw"] or match["dw2"] or pod or y1 or y2 or match["ry"])
    if y1 is not None and y2 is not None:
        ordered = date(y1, m1, d1) < date(y2, m2, d2)
    else:
        first, last = _day_of_year(m1, d1), _day_of_year(m2, d2)
        ordered = first < last or first > last and (366 - first) + last <= 183
    if not ordered:
        return None if strong else VETO
    if ctx.lunar(start, end):
        return VETO
    if not strong:
        slashes = match["s1"] == match["s2"] == "/"
        dashes = match["s1"] == match["s2"] == "-" and ctx.after_period_word(start)
        if not (slashes or dashes) or ctx.ratio_or_id(start) or not ctx.closes(end):
            return VETO
    points = [Point(m1, d1, y1), Point(m2, d2, y2)]
    return _found(match, ctx, "interval", points, strong=strong, time_of_day=pod, rel_year=_year_offset(match["ry"]))


def handle_day_month_range(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "từ ngày 12 tháng 11 đến ngày 14 tháng 11 năm 2025": a span of two written-out days."""
    pod = _time_of_day(match, match.start("d1"))
    if not (match["dw"] or match["dw2"] or pod or match["y1"] or match["y2"] or match["ry"]):
        return None
    return handle_date_range(match, ctx, pub)


def handle_month_range(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "tháng 3-5/2025", "từ tháng 11/2024 đến tháng 2/2025"."""
    m1, m2, y1, y2 = _req(match, "m1"), _req(match, "m2"), _int(match, "y1"), _int(match, "y2", "yw")
    conn = (match["conn"] or "").strip().lower()
    if conn != "-" and not (match["th"] or match["y2"]):
        return None
    if y1 is not None and y2 is not None:
        if (y1, m1) >= (y2, m2):
            return None
    elif m1 == m2 or m1 > m2 and m1 - m2 < 6:
        return None
    if not match["mod"] and ctx.counted(match.start()) or ctx.lunar(match.start(), match.end()):
        return VETO
    if y1 is None and y2 is None and not match["ry"] and ctx.unit_after(match.end()):
        return VETO
    points = [Point(m1, None, y1), Point(m2, None, y2)]
    return _found(match, ctx, "interval", points, rel_year=_year_offset(match["ry"]))


def handle_month(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "tháng 11", "trong tháng 11/2025", "cuối tháng 5", "tháng Mười Một năm nay"."""
    month, year = _month_name(match), _int(match, "y", "yw")
    if not month:
        return VETO
    if not match["mod"] and ctx.counted(match.start()) or ctx.lunar(match.start(), match.end()):
        return VETO
    if year is None and not match["ry"] and ctx.unit_after(match.end()):
        return VETO
    return _found(match, ctx, "month", [Point(month, None, year)], rel_year=_year_offset(match["ry"]))


def handle_quarter(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "quý III/2025", "quý 4 năm nay"."""
    q = (match["q"] or "1").lower()
    quarter = ROMAN.get(q) or int(q)
    year = _int(match, "y", "yw")
    if year is None and not match["ry"] and ctx.unit_after(match.end()):
        return VETO
    point = Point(quarter * 3 - 2, None, year, quarter)
    return _found(match, ctx, "quarter", [point], rel_year=_year_offset(match["ry"]))


def handle_year_range(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "1989–2001", "giai đoạn 1995-2000", "từ năm 2020 đến năm 2024"."""
    y1, y2 = _int(match, "y1") or 0, _int(match, "y2") or 0
    conn = (match["conn"] or "").strip().lower()
    if not y1 < y2 <= y1 + 100:
        return None
    if conn != "-" and not (match["nam"] or ctx.after_period_word(match.start())):
        return None
    if ctx.unit_after(match.end()) or not match["nam"] and ctx.ratio_or_id(match.start()):
        return VETO
    return Found(match.start(), match.end(), "interval", value=f"{y1:04d}/{y2:04d}", resolved_by="explicit")


def _parenthesized(text: str, start: int, end: int) -> bool:
    """A year alone in brackets after what it dates: "biên giới phía Bắc (1979)", "Chợ cá ( 2008 )"."""
    before, after = text[max(0, start - 2) : start].rstrip(" "), text[end : end + 2].lstrip(" ")
    return before.endswith("(") and after.startswith(")")


def handle_year(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "năm 2024", "cuối năm 2025", and the "2018" of "các năm 2008 và 2018"."""
    listed = None
    alone = _parenthesized(match.string, match.start(), match.end())
    if not match["nam"] and not alone:
        listed = patterns().year_listed.search(match.string, max(0, match.start() - 16), match.start())
        if listed is None:
            return None
    if ctx.unit_after(match.end()):
        return VETO
    start, year = _start(match, ctx), _req(match, "y")
    if listed is not None:
        value = f"{year:04d}"
        return Found(start, match.end(), "year", value=value, resolved_by="explicit", listed_after=listed.start())
    listing = patterns().year_follows.match(match.string, match.end()) is not None
    if year % 10 == 0 and not match["mod"] and not listing and ctx.decade(start):
        # "những năm 1960" is the decade
        return Found(start, match.end(), "interval", value=f"{year:04d}/{year + 9:04d}", resolved_by="explicit")
    return Found(start, match.end(), "year", value=f"{year:04d}", resolved_by="explicit")


def handle_year_part(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "6 tháng đầu năm 2025" (2025-01/2025-06), "nửa cuối năm nay" (July to December of the publication
    year), "10 tháng năm 2024" (January to October): a count of months from the start or the end of a year."""
    share = match["share"]
    months = int(time_words().value("year_share", share) or 0) if share else _req(match, "n")
    mod = time_words().value("modifier", match["mod"]) if match["mod"] else None
    if not 1 <= months <= 12 or mod == "MID" or mod is None and not match["y"]:
        return None  # "6 tháng năm" alone, "nửa giữa năm": no part of a year
    before = ctx.before(match.start(), 1)
    if before and before[0].lower() in ctx.cues.date_word:
        return None  # "ngày 10 tháng năm 2025" is a day written without its month
    offset = _year_offset(match["ry"])
    year, resolved_by = _int(match, "y"), "explicit"
    if year is None and pub is not None:
        year, resolved_by = pub.year + (offset or 0), "publication_date"
    first, last = (13 - months, 12) if mod == "END" else (1, months)
    y = "XXXX" if year is None else f"{year:04d}"
    value = f"{y}-{first:02d}/{y}-{last:02d}"
    return Found(match.start(), match.end(), "year_part", value=value, resolved_by=resolved_by if year else None)


def handle_relative(match: Joined, ctx: Context, pub: date | None) -> Outcome:
    """Like "hôm qua", "sáng nay", "tuần tới", "hôm thứ Ba", "cuối tháng này": only with a publication date."""
    if pub is None or ctx.counted(match.start()) or ctx.narrative_after(match.end()):
        return None
    words = time_words()
    weekday_named = match["wd"] or match["pwd"] or match["nwd"]
    if not weekday_named and any(w[0].isupper() for w in match.group().split()[1:]):
        return None
    pod = _time_of_day(match, match.end())
    value: str
    if match["rday"] or match["suffix"]:
        phrase = match["rday"] or match["suffix"] or ""
        category = "relative_day" if match["rday"] else "day_suffix"
        value = (pub + timedelta(days=int(words.value(category, phrase) or 0))).isoformat()
    elif match["pwd"] or match["nwd"]:
        if match["nwd"] and not pod and not ctx.weekday_context(match.start()):
            return None  # "vòng thứ Năm tới" is the coming fifth round
        weekday = int(words.value("weekday", match["pwd"] or match["nwd"] or "") or 1)
        if match["pwd"]:
            value = (pub - timedelta(days=(pub.isoweekday() - weekday) % 7 or 7)).isoformat()
        else:
            value = (pub + timedelta(days=(weekday - pub.isoweekday()) % 7 or 7)).isoformat()
    elif match["wd"]:
        weeks = int((words.value("relative_period", match["wrel"] or "") or "week:0").split(":")[1])
        weekday = int(words.value("weekday", match["wd"] or "") or 1)
        value = weekday_in_week(pub, weeks, weekday).isoformat()
    else:
        unit, offset = (words.value("relative_period", match["period"] or "") or "year:0").split(":")
        if unit == "week":
            mod = time_words().value("modifier", match["mod"] or "") if match["mod"] else None
            if mod == "END":  # "cuối tuần qua": that week's Saturday and Sunday
                saturday = weekday_in_week(pub, int(offset), 6)
                value = f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}"
            else:  # "tuần tới", and "đầu tuần này", "giữa tuần tới": within that week
                value = week_value(pub + timedelta(weeks=int(offset)))
        elif unit == "month":
            year, month = shift_months(pub, int(offset))
            value = f"{year:04d}-{month:02d}"
        else:
            value = f"{pub.year + int(offset):04d}"
        pod = None
    start = _start(match, ctx)
    return Found(start, match.end(), "relative", time_of_day=pod, value=value, resolved_by="publication_date")


HANDLERS: dict[str, Handler] = {
    "iso": handle_iso,
    "date_range": handle_date_range,
    "day_range": handle_day_range,
    "day_list": handle_day_list,
    "date": handle_date,
    "day_month": handle_day_month,
    "day_month_range": handle_day_month_range,
    "month_range": handle_month_range,
    "month": handle_month,
    "quarter": handle_quarter,
    "year_range": handle_year_range,
    "year": handle_year,
    "year_part": handle_year_part,
    "year_share": handle_year_part,
    "relative": handle_relative,
}
