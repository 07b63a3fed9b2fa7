"""Event cues in one sentence, with what the sentence says about each (ordinal, level, dates, people)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from tradetalks.event_types import spec, types_where
from tradetalks.extract.cues import CueHit, ends_with, event_lexicon, event_table, starts_with, text_cues, words_pattern
from tradetalks.extract.doc_index import Coverage, doc_index, inside_any
from tradetalks.extract.events.cue import CueFlag, CueMention, CueValue, flag_named, parse_cue_value
from tradetalks.extract.events.dates import attach_timexes, owner_of
from tradetalks.extract.events.places import (
    leading_places,
    location_text,
    share_joined_place,
    sole_owner,
    unnamed_places,
)
from tradetalks.extract.events.tariffs import rate_re, split_tariffs, tariff_mentions
from tradetalks.model import Doc, Sentence

_CLAUSE_END = re.compile(r"[,;:.(]\s|[;:(]|\.$")
_LETTERS = re.compile(r"[^\W\d_]")
_TITLED_TYPES = types_where("encounter")  # events whose subject may be a bare title
_SUBJECT_GAP = 35  # how far before its encounter's cue a subject's name may start ("Tổng Bí thư A đã có cuộc gặp")
_FOLD_GAP = 15  # how far apart a signing verb and the document it signs may stand ("ký kết 17 biên bản")


@lru_cache(maxsize=1)
def _ordinal_re() -> re.Pattern[str]:
    """The ordinal in the noun phrase after a cue ("… trực tiếp lần thứ 5", "… thứ hai", "… đầu tiên")."""
    gap = rf"(?:(?!\s(?:{words_pattern('ordinal_stop')})\s)[^\d,;.)])"  # "vòng … gần đây (thứ 15)" too
    number = rf"(?:{words_pattern('ordinal_marker')})\s+(\d{{1,2}}|{words_pattern('number')})(?!\w)"
    # "đầu tiên" right after the cue, or after its mode and level ("phiên đàm phán trực tiếp cấp Bộ trưởng đầu tiên")
    described = rf"(?:\s+(?:{words_pattern('mode')}|{words_pattern('level')}))*"
    return re.compile(rf"{gap}{{0,90}}?{number}|{described}\s+({words_pattern('ordinal_word')})(?!\w)")


@lru_cache(maxsize=1)
def _paren_ordinal_re() -> re.Pattern[str]:
    """An ordinal in brackets shortly after a cue: "Vòng đàm phán gần đây (thứ 15)"."""
    number = rf"(?:{words_pattern('ordinal_marker')})\s+(\d{{1,2}}|{words_pattern('number')})(?!\w)"
    return re.compile(rf"[^,;.()]{{0,30}}?\(\s*{number}\s*\)")


@lru_cache(maxsize=1)
def _round_number_re() -> re.Pattern[str]:
    """A round word and its number ("vòng 3", "phiên thứ hai"); a round when a talks word follows it ("vòng 3
    đàm phán", "Phiên 13 đàm phán FTA") or stands right before it ("đàm phán vòng thứ ba")."""
    number = rf"(\d{{1,2}}(?![-/.]\d)|{words_pattern('number')})(?!\w){_not_a_span()}"  # not "phiên 10-5", a day
    return re.compile(rf"(?:{words_pattern('round_lead')})\s+{number}")


def _not_a_span() -> str:
    """Rule ``span_is_no_round``: "(trong) vòng 90 ngày", "vòng 2 tuần" count a stretch of time, not a round: a
    number followed by a unit of a period is no round's number."""
    return rf"(?!\s+(?:{words_pattern('period_unit')})(?!\w))"


@lru_cache(maxsize=1)
def _signed_re() -> re.Pattern[str]:
    """Rule ``signed_passive``: "Hiệp định … được ký tại Washington ngày 13/7/2000": a document named before "được
    ký" in its clause was signed (group 1: the words "được ký", the cue)."""
    return re.compile(rf"(?:{words_pattern('signed_document')})(?!\w)[^.,;:\n]{{0,50}}?\s(được ký)(?!\s*kết)(?!\w)")


@lru_cache(maxsize=1)
def _talks_ahead_re() -> re.Pattern[str]:
    return re.compile(rf"[^.;]{{0,40}}?(?:{words_pattern('talks')})")


def _numbered_rounds(low: str, key: str) -> list[re.Match[str]]:
    """The round words with a number that name a round of talks (see ``_round_number_re``)."""
    out = []
    for m in _round_number_re().finditer(low):
        if _talks_ahead_re().match(low, m.end()) or ends_with("talks", low, key, max(0, m.start() - 20), m.start()):
            out.append(m)
    return out


@lru_cache(maxsize=1)
def _round_ordinal_re() -> re.Pattern[str]:
    """A round named by "vòng thứ N", "phiên 13" alone ("chuẩn bị cho vòng thứ ba", "Tại phiên 13"), or as the next
    one ("phiên sau"): a round only after rounds are told."""
    number = rf"(?:thứ\s+)?(\d{{1,2}}(?![-/.]\d)|{words_pattern('number')})(?!\w){_not_a_span()}"
    return re.compile(rf"(?:{words_pattern('round_word')})\s+(?:{number}|((?:{words_pattern('next')})(?!\w)))")


@lru_cache(maxsize=1)
def _between_re() -> re.Pattern[str]:
    return re.compile(rf"^[^,;.]{{0,25}}?(?<!\w)(?:{words_pattern('between')})\s")


@lru_cache(maxsize=1)
def _count_re() -> re.Pattern[str]:
    """A number right before a cue ("ba vòng đàm phán", "2 phiên"), from the data file's number words."""
    words = sorted((w for w, v in event_table("number").items() if int(v) > 1), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:^|(?<=\s))(?:\d{{1,2}}|{alt})\s*$")


@lru_cache(maxsize=64)
def cue_value(value: str) -> CueValue:
    """The flags and implied values of a cue's value column ("weak;level=technical"), checked at load."""
    return parse_cue_value(value)


def number_value(text: str) -> int | None:
    """``"5"`` -> 5, ``"hai"`` -> 2, ``"đầu tiên"`` -> 1 (words from the data file)."""
    text = re.sub(r"\s+", " ", text.strip())
    if text.isdigit():
        return int(text)
    value = event_table("number").get(text) or event_table("ordinal_word").get(text)
    return int(value) if value else None


_OPENING_MARKS = re.compile(r"[ \"'“”\-–]*")  # what may stand before a cue that opens its sentence
_BLANK = re.compile(r"\s*")


def _last_before(doc: Doc, low: str, mark: str, pos: int) -> int:
    """``low.rfind(mark, 0, pos)`` by bisection over the positions of ``mark``, found once per text."""
    marks = doc_index(doc).remember(("marks", mark), lambda: [m.start() for m in re.finditer(re.escape(mark), low)])
    i = bisect.bisect_left(marks, pos - len(mark) + 1)
    return marks[i - 1] if i else -1


def _clause_end(low: str, start: int, stop: int) -> int:
    m = _CLAUSE_END.search(low, start, stop)
    return m.start() if m else stop


def _word_start(low: str, i: int) -> bool:
    return i == 0 or not low[i - 1].isalnum()


def cue_hits(low: str, key: str) -> list[CueHit]:
    """Every event cue of the text, left to right, without overlaps and without "ignore" phrases."""
    found = text_cues(low, key)
    hits = list(found.get("event", []))
    ignored = found.get("ignore", [])
    if ignored and hits:
        ignore = Coverage(len(low), ((i.start, i.end) for i in ignored))
        hits = [h for h in hits if not ignore.meets(h.start, h.end)]
    numbered = _numbered_rounds(low, key)
    # "vòng thứ N" alone only in an article that has told of a round before it
    first = min([h.start for h in hits if h.label == "negotiation_round"] + [m.start() for m in numbered], default=-1)
    bare = list(_round_ordinal_re().finditer(low, first + 1)) if first >= 0 else []
    # "phiên sau" is the next round, "vòng sau khi …" is not
    bare = [m for m in bare if not m.group(2) or not starts_with("next_stop", low, key, m.start(2), m.end(2) + 10)]
    covered = Coverage(len(low), ((h.start, h.end) for h in hits))
    for m in numbered + bare:
        if _word_start(low, m.start()) and not covered.covers(m.start()):
            number = m.group(1)
            value = f"ordinal={number}" if number else "next;upcoming"  # "phiên sau"
            hits.append(CueHit(m.start(), m.end(), m.group(0), "negotiation_round", value))
            covered.add(hits[-1].start, hits[-1].end)
    for m in _signed_re().finditer(low):  # "Hiệp định … được ký ngày 13/7/2000"
        if not covered.meets(m.start(1), m.end(1)):
            hits.append(CueHit(m.start(1), m.end(1), m.group(1), "agreement", ""))
            covered.add(m.start(1), m.end(1))
    rated = "%" in low  # every rate pattern ends with "%": a text without one needs neither pass
    for m in rate_re("rate_lead").finditer(low) if rated else ():  # "chịu thuế 20%", "thuế quan 25%"
        if _word_start(low, m.start()) and not covered.meets(m.start(), m.end()):
            hits.append(CueHit(m.start(), m.start() + 4, "thuế", "tariff_action", ""))
            covered.add(hits[-1].start, hits[-1].end)
    for m in rate_re("rate_verb").finditer(low) if rated else ():  # "bị áp mức 46%", "chịu thêm 34%"
        if _word_start(low, m.start()) and not covered.meets(m.start(), m.end()):
            verb_end = low.find(" ", m.start())
            hits.append(CueHit(m.start(), verb_end, low[m.start() : verb_end], "tariff_action", "action"))
            covered.add(hits[-1].start, hits[-1].end)
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[CueHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _describe(doc: Doc, low: str, key: str, s: Sentence, si: int, h: CueHit, next_start: int) -> CueMention:
    implied = cue_value(h.value)
    m = CueMention(h.label, h.start, h.end, si, implied.flags, span=(s.start, s.end))
    # what stands before the cue: plural words, frames ("bên lề"), anaphora ("Tại buổi làm việc")
    lo = max(s.start, h.start - 40)
    before = h.start
    plural = ends_with("plural", low, key, lo, before)
    if plural:
        m.flags |= CueFlag.PLURAL
        before = plural.start
    counted = _count_re().search(low, lo, before)
    if counted:  # "ba vòng đàm phán": a count of events, not one of them
        m.flags |= CueFlag.PLURAL
        m.count = number_value(counted.group(0))
    if ends_with("frame", low, key, lo, before):
        m.flags |= CueFlag.FRAME
    anaphor = ends_with("anaphor_before", low, key, lo, before)
    if anaphor:
        m.flags |= CueFlag.ANAPHOR
        if anaphor.value:  # "tham dự …" (attend), "Đó là …" (identity)
            m.flags |= flag_named(anaphor.value)
        before = anaphor.start
    if h.label in _TITLED_TYPES and ends_with("both_sides", low, key, lo, before):
        m.flags |= CueFlag.BILATERAL  # "Ngay sau lễ đón, hai bên tiến hành hội đàm": the two sides' own talks
    if _OPENING_MARKS.fullmatch(low, s.start, max(s.start, before)):
        m.flags |= CueFlag.INITIAL
    if spec(h.label).series and ends_with("reference", low, key, lo, h.start):
        m.flags |= CueFlag.REFERENCE  # "sau vòng đàm phán thứ ba", "kể từ vòng thứ hai"
    # the noun phrase after the cue: ordinal, level, mode, "lần này", "vừa qua"
    np_end = _clause_end(low, h.end, min(next_start, s.end, h.end + 100))
    near = min(np_end, h.end + 30)
    if implied.ordinal is not None:
        m.ordinal = number_value(implied.ordinal)
    else:
        om = _ordinal_re().match(low, h.end, np_end)
        pm = _paren_ordinal_re().match(low, h.end, s.end)
        if om:
            m.ordinal = number_value(om.group(1) or om.group(2))
        elif pm:
            m.ordinal = number_value(pm.group(1))
    level = event_lexicon("level").find(low, key, h.end, near)
    m.level = implied.level or (level[0].value if level else None)
    mode = event_lexicon("mode").find(low, key, h.end, min(s.end, h.end + 40))
    m.mode = implied.mode or (mode[0].value if mode else None)
    after = starts_with("next", low, key, h.end, near)
    if after is not None and not starts_with("next_stop", low, key, h.end, near):
        m.flags |= CueFlag.NEXT  # "vòng thương thuyết mới", "phiên đàm phán tiếp theo"
        if after.value:
            m.flags |= flag_named(after.value)
    if event_lexicon("anaphor_after").find(low, key, h.end, near):
        m.flags |= CueFlag.ANAPHOR
    if event_lexicon("past").find(low, key, h.end, near):
        m.flags |= CueFlag.PAST
    if event_lexicon("bilateral").find(low, key, h.end, near):
        m.flags |= CueFlag.BILATERAL
    window_lo, window_hi = max(s.start, h.start - 60), min(s.end, h.end + 90, next_start)  # not the next event's words
    # a planned phrase right before the next cue is that event's ("… trao đổi trực tuyến nhằm rà soát công
    # việc chuẩn bị cho vòng đàm phán này": the round is to come, the exchange took place)
    planned = [
        p
        for p in event_lexicon("planned").find(low, key, window_lo, window_hi)
        if not (p.start >= h.end and next_start < len(low) and _BLANK.fullmatch(low, p.end, max(p.end, next_start)))
    ]
    # "đã đạt được thỏa thuận, theo đó Mỹ sẽ giảm …": past right before the cue, what is to come is something else
    done = ends_with("done", low, key, lo, h.start)
    if planned and not done and not event_lexicon("held").any(low, key, window_lo, window_hi):
        m.status = "planned"
    if ends_with("paves_way", low, key, lo, h.start):
        m.status = "planned"  # rule paves_way: "…, tạo tiền đề cho cuộc gặp giữa hai nhà lãnh đạo": still to come
    if spec(h.label).stands_alone:  # "hướng tới ký kết", "sẵn sàng đưa thuế về 0%": not done
        clause = max(lo, low.rfind(",", lo, h.start) + 1)
        if clause > lo and not low[clause : h.start].strip():
            # rule ``listed_action``: "nhằm chuẩn bị cho việc rà soát, ký hiệp định": an action listed right after a
            # comma shares the head of its list
            clause = max(lo, low.rfind(",", lo, clause - 1) + 1)
        if event_lexicon("aspiration" if h.label == "agreement" else "proposal").any(low, key, clause, h.start):
            m.flags |= CueFlag.ASPIRATION
        if h.label == "agreement" and event_lexicon("conditional").any(low, key, clause, h.start):
            m.flags |= CueFlag.CONDITIONAL
        if h.label == "agreement" and ends_with("as_topic", low, key, clause, h.start):
            m.flags |= CueFlag.CONDITIONAL  # "việc ký kết FTA sẽ mở ra …": what a signing brings, no signing
        if h.label == "agreement" and event_lexicon("many_parties").any(low, key, clause, h.start):
            m.flags |= CueFlag.PLURAL  # "các nước đã đạt thỏa thuận với Mỹ": many agreements, none told
    clause_start = max(s.start, _last_before(doc, low, ";", h.start) + 1)
    same_day = event_lexicon("same_day").find(low, key, clause_start, min(h.start, clause_start + 25))
    # "trong cuộc điện đàm tối cùng ngày": right after the cue, the day of the event told before too
    own_day = starts_with("same_day", low, key, h.end, near)
    same_day = same_day or ([own_day] if own_day is not None else [])
    if same_day:
        m.flags |= CueFlag.SAME_DAY
        # "chiều cùng ngày": that day, in the afternoon
        m.time_of_day = max(same_day, key=lambda x: x.end - x.start).value or None
    return m


def _attach_modes(low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    """ "… được tổ chức trực tuyến": an online mode later in the clause belongs to the cue before it."""
    for h in event_lexicon("mode").find(low, key, s.start, s.end):
        if h.value != "online":
            continue
        before = [c for c in cues if c.end <= h.start]
        if before and before[-1].mode is None and not any(c.start < h.start < c.end for c in cues):
            before[-1].mode = h.value


def _is_attributed(doc: Doc, low: str, key: str, mi: int) -> bool:
    men = doc.mentions[mi]
    head = men.role.start if men.role is not None and men.role.start < men.start else men.start
    return ends_with("attribution", low, key, max(0, head - 15), head) is not None


def _attach_mentions(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    head_cues = [c for c in cues if CueFlag.FRAME not in c.flags]
    head = head_cues[0] if head_cues else None
    index = doc_index(doc)
    in_role = index.remember(
        "in_role", lambda: inside_any([(m.role.start, m.role.end) for m in doc.mentions if m.role is not None])
    )
    for mi in index.mention_ids_in(s.start, s.end):
        men = doc.mentions[mi]
        if men.start < s.start or men.end > s.end:
            continue
        if men.type in ("location", "organization", "country"):
            where = location_text(doc, low, key, mi)
            if where:  # a tariff is announced, not held somewhere: "vòng đàm phán về thuế … diễn ra tại X"
                held = [c for c in cues if spec(c.type).kind != "action"]
                owner = owner_of(held, low, men.start, men.end, strict=True)
                if owner is None and sole_owner(head_cues, low, key, men.start):
                    owner = head_cues[0]  # "vòng … dự kiến diễn ra vào tuần tới, tiếp tục tại Washington"
                if owner is not None:
                    owner.locations.append(where)
                continue
        if men.type == "person":
            if _is_attributed(doc, low, key, mi):
                continue
            owner = _person_owner(cues, low, men.start)
            for c in cues:  # "cuộc làm việc giữa X và Y": the people named right after a cue are its own
                if CueFlag.REFERENCE in c.flags:
                    continue
                gap = low[c.end : men.start]
                if c.end <= men.start and _between_re().search(gap) and "," not in gap and len(gap) <= 120:
                    owner = c
            if owner is not None:
                owner.people.append(mi)
        elif men.type == "organization" and head is not None and men.start >= head.end:
            if not in_role(men.start, men.end):
                head.orgs.append(mi)
    _share_subject(doc, [c for c in cues if CueFlag.FRAME not in c.flags])
    for c in cues:
        if spec(c.type).two_sided and c.people:
            _sides_after(doc, low, key, c)


def _person_owner(cues: list[CueMention], low: str, pos: int) -> CueMention | None:
    """The event a person at ``pos`` takes part in: the nearest event cue before it in its clause
    ("A làm việc với B, sau đó tiếp C"), else the first one after it (its subject)."""
    heads = [c for c in cues if not c.flags & (CueFlag.FRAME | CueFlag.REFERENCE)]
    if not heads:
        return None
    left = [c for c in heads if c.end <= pos]
    if not left:
        return heads[0]
    gap = low[left[-1].end : pos]
    if ";" in gap:
        return next((c for c in heads if c.start >= pos), left[-1])
    framing = bool(left[-1].flags & (CueFlag.ANAPHOR | CueFlag.ATTEND))  # "Nhân dịp tham dự X, A có cuộc gặp với B"
    if "," in gap and (framing or not spec(left[-1].type).encounter):
        # "… về thuế đối ứng, sáng 15/7 Bộ trưởng A làm việc với B": past a comma, the subject of the next
        # encounter (a round, a tariff or an event only attended or referred to takes no list of people after it)
        following = next((c for c in heads if c.start >= pos), None)
        near = following is not None and following.start - pos <= _SUBJECT_GAP
        if following is not None and near and spec(following.type).encounter and "," not in low[pos : following.start]:
            return following
    return left[-1]


def _titled_people(doc: Doc) -> dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Full person mentions by lower-case title ("quyền …" too when acting): (start, index) sorted, the
    Vietnamese ones apart."""
    out: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for mi, m in enumerate(doc.mentions):
        if m.type != "person" or m.role is None or m.ref is not None:
            continue
        title = m.role.title.lower()
        for form in {title, *(["quyền " + title] if m.role.acting else [])}:
            vn, other = out.setdefault(form, ([], []))
            (vn if m.side == "VN" else other).append((m.start, mi))
    for vn, other in out.values():
        vn.sort()
        other.sort()
    return out


def _last_titled(doc: Doc, clause: str, before: int) -> int | None:
    """The person last told before ``before`` whose title opens ``clause``, a Vietnamese one first."""
    titled = doc_index(doc).remember("titled_people", lambda: _titled_people(doc))
    longest = max(map(len, titled), default=0)
    forms = [clause[:i] for i in range(min(len(clause), longest + 1)) if clause[i] == " "]
    if len(clause) <= longest:
        forms.append(clause)
    best: tuple[bool, int, int] | None = None
    for form in forms:
        for vn, group in zip((True, False), titled.get(form, ([], [])), strict=True):
            i = bisect.bisect_left(group, (before, -1))
            if i:
                rank = (vn, group[i - 1][0], -group[i - 1][1])
                if best is None or rank > best:
                    best = rank
    return -best[2] if best is not None else None


def _title_subjects(doc: Doc, low: str, s: Sentence, cues: list[CueMention]) -> None:
    """ "Quyền Bộ trưởng lần lượt tiếp …": a clause opening with a bare title names the person last told
    with that title (a Vietnamese one first: the article's own official)."""
    index = doc_index(doc)
    for c in cues:
        if c.type not in _TITLED_TYPES or CueFlag.FRAME in c.flags:
            continue
        lo = max(s.start, low.rfind(",", s.start, c.start) + 1)
        if any(lo <= doc.mentions[p].start < c.start for p in c.people):
            continue
        clause = low[lo : c.start].strip()
        if any(m.type == "person" for m in index.mentions_in(lo, c.start)):
            continue
        pick = _last_titled(doc, clause, s.start)
        if pick is not None and pick not in c.people:
            c.people.insert(0, pick)


_JOINED = re.compile(r"[^.;:]*\svà\s[^.;:,]*")  # a cue's clause joined to the one before by "và"


def _sides_after(doc: Doc, low: str, key: str, c: CueMention) -> None:
    """Rule ``sides_after_between``: "Nhà nghiên cứu A nhận định cuộc điện đàm giữa Thủ tướng B và Tổng thống C …":
    an encounter whose cue goes on with "giữa" and two people is between them, the person before it is someone else
    (who spoke of it); "Bộ trưởng A nói … cuộc gặp giữa hai thủ tướng": nor is one whose title is not the one the
    two sides are told by ("giữa hai bên", "giữa hai bộ trưởng" may hold him)."""
    at = starts_with("between", low, key, c.end, c.end + 10)
    if at is None:
        return
    before = [p for p in c.people if doc.mentions[p].start < c.start]
    after = [p for p in c.people if doc.mentions[p].start >= c.end]
    if not before:
        return
    if len(after) >= 2:
        c.people = after
        return
    rest = low[at.end : at.end + 40].lstrip()
    if after or not rest.startswith(("hai ", "2 ")) or starts_with("bilateral", low, key, c.end, c.end + 20):
        return
    told = rest.split(" ", 1)[1]  # "thủ tướng”. …": the title the two sides are told by
    c.people = [p for p in before if (r := doc.mentions[p].role) is not None and told.startswith(r.title.lower())]


def _share_subject(doc: Doc, heads: list[CueMention]) -> None:
    """ "A làm việc với B và tiếp C": a later cue with no subject of its own shares the earlier one's; so does a
    later cue with no people at all joined by "và" ("A và B gặp nhau tại X và đồng ý về một thỏa thuận")."""
    key = doc.key or doc.text
    for prev, c in zip(heads, heads[1:], strict=False):
        joined = not c.people and _JOINED.fullmatch(key, prev.end, c.start) is not None
        if joined or (c.people and all(doc.mentions[p].start > c.start for p in c.people)):
            subject = [p for p in prev.people if doc.mentions[p].start < prev.start]
            c.people[:0] = [p for p in subject if p not in c.people]


def sentence_cues(doc: Doc, low: str, key: str, si: int, hits: list[CueHit]) -> list[CueMention]:
    """The event cues of sentence ``si`` (its ``hits``) with their attributes, in text order."""
    s = doc.sentences[si]
    cues: list[CueMention] = []
    for i, h in enumerate(hits):
        # a tariff word inside another event's phrase ("phiên đàm phán … về thuế đối ứng … sẽ được tiến hành …") does
        # not end that event's words
        later = (o.start for o in hits[i + 1 :] if o.label != "tariff_action" or h.label == "tariff_action")
        nxt = next(later, s.end)
        cues.append(_describe(doc, low, key, s, si, h, nxt))
    if not cues:
        return []
    cues = _fold_agreements(low, cues)
    attach_timexes(doc, low, key, s, cues)
    _attach_modes(low, key, s, cues)
    _attach_mentions(doc, low, key, s, cues)
    unnamed_places(doc, low, key, s, cues)
    leading_places(doc, low, key, s, cues)
    share_joined_place(key, cues)
    _title_subjects(doc, low, s, cues)
    out: list[CueMention] = []
    tariffs: list[CueMention] = []
    for c in cues:
        if c.type == "tariff_action":
            parts = tariff_mentions(doc, low, key, s, c)
            clause = out and not event_lexicon("before_after").any(low, key, out[-1].end, c.start)
            if not parts and clause and not out[-1].timexes:  # "vòng đàm phán về thuế đối ứng kết thúc ngày 27/6"
                out[-1].timexes = list(c.timexes)
            for p in parts:
                p.timexes, p.people, p.orgs, p.locations = list(c.timexes), list(c.people), list(c.orgs), []
            tariffs.extend(parts)
        else:
            out.append(c)
    if tariffs:
        split = split_tariffs(low, key, s, tariffs)
        if len(split) > 1:  # "thuế 20%, thấp hơn mức 46% công bố hồi tháng 4": each rate keeps the dates of its clause
            first = min(c.start for c in split)  # or else the dates leading the sentence ("Ngày 2/4, …")
            for p in split:
                own = [t for t in p.timexes if p.span[0] <= doc.timexes[t].start < p.span[1]]
                p.timexes = own or [t for t in p.timexes if doc.timexes[t].end <= first]
        out.extend(split)
        out.sort(key=lambda c: c.start)
    return out


def _fold_agreements(low: str, cues: list[CueMention]) -> list[CueMention]:
    """ "ký kết các biên bản ghi nhớ (MOU)": a signing verb and the documents it signs are one agreement."""
    out: list[CueMention] = []
    for c in cues:
        prev = out[-1] if out else None
        gap = low[prev.end : c.start] if prev is not None else ""
        if prev is not None and prev.type == c.type == "agreement" and len(gap) <= _FOLD_GAP and "," not in gap:
            prev.end = c.end
            prev.flags |= c.flags & CueFlag.MOU
            continue
        out.append(c)
    return out
