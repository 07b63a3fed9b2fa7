"""Event cues in one sentence, with what the sentence says about each (ordinal, level, dates, people)."""

from __future__ import annotations

import re
from functools import lru_cache

from tradetalks.extract.cues import CueHit, ends_with, event_lexicon, event_table, starts_with, text_cues, words_pattern
from tradetalks.extract.events_cue import CueMention
from tradetalks.extract.events_tariffs import rate_re, split_tariffs, tariff_mentions
from tradetalks.model import Doc, Sentence

_CLAUSE_END = re.compile(r"[,;:.(]\s|[;:(]|\.$")
_YEAR_SPAN = re.compile(r"^\d{4}(?:/\d{4})?$")
_LETTERS = re.compile(r"[^\W\d_]")
_TITLED_TYPES = ("meeting", "call", "roundtable")  # events whose subject may be a bare title
_FOLD_GAP = 15  # how far apart a signing verb and the document it signs may stand ("ký kết 17 biên bản")
_PLACE_GAP = 100  # how far after its event's cue a place may stand, past one comma


@lru_cache(maxsize=1)
def _ordinal_re() -> re.Pattern[str]:
    """The ordinal in the noun phrase after a cue ("… trực tiếp lần thứ 5", "… thứ hai", "… đầu tiên")."""
    gap = rf"(?:(?!\s(?:{words_pattern('ordinal_stop')})\s)[^\d,;.()])"
    number = rf"(?:{words_pattern('ordinal_marker')})\s+(\d{{1,2}}|{words_pattern('number')})(?!\w)"
    # "đầu tiên" right after the cue, or after its mode and level ("phiên đàm phán trực tiếp cấp Bộ trưởng đầu tiên")
    described = rf"(?:\s+(?:{words_pattern('mode')}|{words_pattern('level')}))*"
    return re.compile(rf"{gap}{{0,90}}?{number}|{described}\s+({words_pattern('ordinal_word')})(?!\w)")


@lru_cache(maxsize=1)
def _round_number_re() -> re.Pattern[str]:
    """A round named by its number before the talks word: "vòng 3 đàm phán", "vòng thứ hai của đàm phán"."""
    talks = rf"(?=[^.;]{{0,40}}?(?:{words_pattern('talks')}))"
    return re.compile(rf"(?:{words_pattern('round_lead')})\s+(\d{{1,2}}|{words_pattern('number')})(?!\w){talks}")


@lru_cache(maxsize=1)
def _round_ordinal_re() -> re.Pattern[str]:
    """A round named by "vòng thứ N" alone ("chuẩn bị cho vòng thứ ba"): a round only after rounds are told."""
    return re.compile(rf"vòng\s+thứ\s+(\d{{1,2}}|{words_pattern('number')})(?!\w)")


@lru_cache(maxsize=1)
def _between_re() -> re.Pattern[str]:
    return re.compile(rf"^[^,;.]{{0,25}}?(?<!\w)(?:{words_pattern('between')})\s")


@lru_cache(maxsize=1)
def _count_re() -> re.Pattern[str]:
    """A number right before a cue ("ba vòng đàm phán", "2 phiên"), from the data file's number words."""
    words = sorted((w for w, v in event_table("number").items() if int(v) > 1), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:^|(?<=\s))(?:\d{{1,2}}|{alt})\s*$")


def number_value(text: str) -> int | None:
    """``"5"`` -> 5, ``"hai"`` -> 2, ``"đầu tiên"`` -> 1 (words from the data file)."""
    text = re.sub(r"\s+", " ", text.strip())
    if text.isdigit():
        return int(text)
    value = event_table("number").get(text) or event_table("ordinal_word").get(text)
    return int(value) if value else None


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
        hits = [h for h in hits if not any(i.start < h.end and h.start < i.end for i in ignored)]
    numbered = list(_round_number_re().finditer(low))
    # "vòng thứ N" alone only in an article that has told of a round before it
    first = min([h.start for h in hits if h.label == "negotiation_round"] + [m.start() for m in numbered], default=-1)
    bare = [m for m in _round_ordinal_re().finditer(low) if 0 <= first < m.start()]
    for m in numbered + bare:
        if _word_start(low, m.start()) and not any(h.start <= m.start() < h.end for h in hits):
            hits.append(CueHit(m.start(), m.end(), m.group(0), "negotiation_round", f"ordinal={m.group(1)}"))
    for m in rate_re("rate_lead").finditer(low):  # "chịu thuế 20%", "thuế quan 25%"
        if _word_start(low, m.start()) and not any(h.start < m.end() and m.start() < h.end for h in hits):
            hits.append(CueHit(m.start(), m.start() + 4, "thuế", "tariff_action", ""))
    for m in rate_re("rate_verb").finditer(low):  # "bị áp mức 46%", "chịu thêm 34%"
        if _word_start(low, m.start()) and not any(h.start < m.end() and m.start() < h.end for h in hits):
            verb_end = low.find(" ", m.start())
            hits.append(CueHit(m.start(), verb_end, low[m.start() : verb_end], "tariff_action", "action"))
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[CueHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _describe(doc: Doc, low: str, key: str, s: Sentence, si: int, h: CueHit, next_start: int) -> CueMention:
    flags = {f for f in h.value.split(";") if f and "=" not in f}
    implied = dict(f.split("=", 1) for f in h.value.split(";") if "=" in f)
    m = CueMention(h.label, h.start, h.end, si, flags, span=(s.start, s.end))
    # what stands before the cue: plural words, frames ("bên lề"), anaphora ("Tại buổi làm việc")
    lo = max(s.start, h.start - 40)
    before = h.start
    plural = ends_with("plural", low, key, lo, before)
    if plural:
        m.flags.add("plural")
        before = plural.start
    if _count_re().search(low, lo, before):  # "ba vòng đàm phán": a count of events, not one of them
        m.flags.add("plural")
    if ends_with("frame", low, key, lo, before):
        m.flags.add("frame")
    anaphor = ends_with("anaphor_before", low, key, lo, before)
    if anaphor:
        m.flags.add("anaphor")
        if anaphor.value in ("attend", "identity"):
            m.flags.add(anaphor.value)
        before = anaphor.start
    if not low[s.start : before].strip(" \"'“”-–"):
        m.flags.add("initial")
    if ends_with("reference", low, key, lo, h.start):  # "sau vòng thứ ba", "kể từ vòng thứ hai": named, not told
        m.flags.add("reference")
    # the noun phrase after the cue: ordinal, level, mode, "lần này", "vừa qua"
    np_end = min(next_start, _clause_end(low, h.end, s.end), h.end + 100)
    near = min(np_end, h.end + 30)
    if "ordinal" in implied:
        m.ordinal = number_value(implied["ordinal"])
    else:
        om = _ordinal_re().match(low, h.end, np_end)
        if om:
            m.ordinal = number_value(om.group(1) or om.group(2))
    level = event_lexicon("level").find(low, key, h.end, near)
    m.level = implied.get("level") or (level[0].value if level else None)
    mode = event_lexicon("mode").find(low, key, h.end, min(s.end, h.end + 40))
    m.mode = implied.get("mode") or (mode[0].value if mode else None)
    if event_lexicon("anaphor_after").find(low, key, h.end, near):
        m.flags.add("anaphor")
    if event_lexicon("past").find(low, key, h.end, near):
        m.flags.add("past")
    if event_lexicon("bilateral").find(low, key, h.end, near):
        m.flags.add("bilateral")
    window_lo, window_hi = max(s.start, h.start - 60), min(s.end, h.end + 90, next_start)  # not the next event's words
    # a planned phrase right before the next cue is that event's ("… trao đổi trực tuyến nhằm rà soát công
    # việc chuẩn bị cho vòng đàm phán này": the round is to come, the exchange took place)
    planned = [
        p
        for p in event_lexicon("planned").find(low, key, window_lo, window_hi)
        if not (p.start >= h.end and next_start < len(low) and not low[p.end : next_start].strip())
    ]
    if planned and not event_lexicon("held").any(low, key, window_lo, window_hi):
        m.status = "planned"
    if h.label in ("agreement", "tariff_action"):  # "hướng tới ký kết", "sẵn sàng đưa thuế về 0%": not done
        clause = max(lo, low.rfind(",", lo, h.start) + 1)
        if event_lexicon("aspiration" if h.label == "agreement" else "proposal").any(low, key, clause, h.start):
            m.flags.add("aspiration")
        if h.label == "agreement" and event_lexicon("conditional").any(low, key, clause, h.start):
            m.flags.add("conditional")
    clause_start = max(s.start, low.rfind(";", s.start, h.start) + 1)
    same_day = event_lexicon("same_day").find(low, key, clause_start, min(h.start, clause_start + 25))
    if same_day:
        m.flags.add("same_day")
        tod = max(same_day, key=lambda x: x.end - x.start).value
        if tod:  # "chiều cùng ngày": that day, in the afternoon
            m.flags.add(f"tod:{tod}")
    return m


def _governed(low: str, lo: int, cue: int) -> bool:
    """Whether "trước khi"/"sau khi" between a date and a cue puts the cue in a clause of its own (no comma
    closes that clause before the cue)."""
    found = event_lexicon("before_after").find(low, low, lo, cue)
    return bool(found) and "," not in low[found[-1].end : cue]


def _owner(cues: list[CueMention], low: str, pos: int, end: int, strict: bool = False) -> CueMention | None:
    """The cue a dated or located phrase at ``[pos, end)`` belongs to (``strict``: only a clear one)."""
    before = [c for c in cues if c.end <= pos]
    if before:
        last = before[-1]
        gap = low[last.end : pos]
        if "," not in gap and ";" not in gap and len(gap) <= 120:
            return last
    for c in cues:
        if c.start >= end and "frame" not in c.flags:
            if _governed(low, end, c.start):
                return None  # "tuần tới … họp trực tuyến … trước khi bước vào vòng thứ 6": not that round's date
            return c
    if strict:
        return None
    if before:
        return before[-1]
    return cues[0] if cues else None


def _attach_timexes(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    leading: list[tuple[int, CueMention]] = []
    for ti, t in enumerate(doc.timexes):
        if t.start < s.start or t.end > s.end or _YEAR_SPAN.match(t.value or "") or not t.value:
            continue
        if starts_with("reporting", low, key, t.end, min(s.end, t.end + 20)):
            continue  # "Bộ Công Thương ngày 15/6 cho biết …": the day of the report, not of the event
        owner = _owner(cues, low, t.start, t.end)
        if owner is not None:
            owner.timexes.append(ti)
            if t.end <= owner.start:
                leading.append((ti, owner))
    # "Sáng 5/3, A tiếp B và làm việc với C": both that day; not a cue with a date of its own, one in a clause
    # of its own ("trước khi …"), nor one named as a reference ("kể từ vòng thứ hai", "chuẩn bị cho vòng thứ ba")
    for ti, owner in leading:
        t = doc.timexes[ti]
        for c in cues:
            later = c.start > owner.start and ";" not in low[t.end : c.start] and not _governed(low, t.end, c.start)
            if not later or c.timexes or "frame" in c.flags:
                continue
            if ends_with("reference", low, key, max(s.start, c.start - 30), c.start) is None:
                c.timexes.append(ti)


def _attach_modes(low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    """ "… được tổ chức trực tuyến": an online mode later in the clause belongs to the cue before it."""
    for h in event_lexicon("mode").find(low, key, s.start, s.end):
        if h.value != "online":
            continue
        before = [c for c in cues if c.end <= h.start]
        if before and before[-1].mode is None and not any(c.start < h.start < c.end for c in cues):
            before[-1].mode = h.value


def _location_text(doc: Doc, low: str, key: str, mi: int) -> str | None:
    """The place an event happens at if mention ``mi`` follows "tại"/"ở" ("tại trụ sở USTR")."""
    men = doc.mentions[mi]
    site = ends_with("site", low, key, max(0, men.start - 30), men.start)
    head = site.start if site else men.start
    loc = ends_with("locative", low, key, max(0, head - 30), head)
    if loc is None or ends_with("before_after", low, key, max(0, loc.start - 20), loc.start):
        return None  # "Trước khi sang Washington, …": where the people went next, not where the event was
    name = men.acronym or men.text if men.type == "organization" else men.text
    if site:
        return f"{doc.text[site.start : site.end]} {name}"
    if men.type == "organization":
        return None
    return name


def _sole_owner(heads: list[CueMention], low: str, key: str, pos: int) -> bool:
    """A place shortly after the only event of its sentence is that event's, past a comma too; not after
    "Tại cuộc gặp, …" (what follows is what was said there). "diễn ra", "tổ chức" before it say where the
    event is held, farther from its cue too ("Vòng đàm phán thứ 6 Hiệp định …, … dự kiến diễn ra tại X")."""
    if len(heads) != 1 or "anaphor" in heads[0].flags:
        return False
    venue = event_lexicon("venue").any(low, key, heads[0].end, pos)  # "… diễn ra trong bốn ngày, từ 9–12/6, tại X"
    gap = _PLACE_GAP * 2 if venue else _PLACE_GAP
    return 0 <= pos - heads[0].end <= gap and low.count(",", heads[0].end, pos) <= (2 if venue else 1)


def _is_attributed(doc: Doc, low: str, key: str, mi: int) -> bool:
    men = doc.mentions[mi]
    head = men.role.start if men.role is not None and men.role.start < men.start else men.start
    return ends_with("attribution", low, key, max(0, head - 15), head) is not None


def _attach_mentions(doc: Doc, low: str, key: str, s: Sentence, cues: list[CueMention]) -> None:
    head_cues = [c for c in cues if "frame" not in c.flags]
    head = head_cues[0] if head_cues else None
    role_spans = [(m.role.start, m.role.end) for m in doc.mentions if m.role is not None]
    for mi, men in enumerate(doc.mentions):
        if men.start < s.start or men.end > s.end:
            continue
        if men.type in ("location", "organization", "country"):
            where = _location_text(doc, low, key, mi)
            if where:
                owner = _owner(cues, low, men.start, men.end, strict=True)
                if owner is None and _sole_owner(head_cues, low, key, men.start):
                    owner = head_cues[0]  # "vòng … dự kiến diễn ra vào tuần tới, tiếp tục tại Washington"
                if owner is not None:
                    owner.locations.append(where)
                continue
        if men.type == "person":
            if _is_attributed(doc, low, key, mi):
                continue
            owner = _person_owner(cues, low, men.start)
            for c in cues:  # "cuộc làm việc giữa X và Y": the people named right after a cue are its own
                gap = low[c.end : men.start]
                if c.end <= men.start and _between_re().search(gap) and "," not in gap and len(gap) <= 120:
                    owner = c
            if owner is not None:
                owner.people.append(mi)
        elif men.type == "organization" and head is not None and men.start >= head.end:
            if not any(a <= men.start and men.end <= b for a, b in role_spans):
                head.orgs.append(mi)
    _share_subject(doc, [c for c in cues if "frame" not in c.flags])


def _person_owner(cues: list[CueMention], low: str, pos: int) -> CueMention | None:
    """The event a person at ``pos`` takes part in: the nearest event cue before it in its clause
    ("A làm việc với B, sau đó tiếp C"), else the first one after it (its subject)."""
    heads = [c for c in cues if "frame" not in c.flags]
    if not heads:
        return None
    left = [c for c in heads if c.end <= pos]
    if not left:
        return heads[0]
    if ";" in low[left[-1].end : pos]:
        return next((c for c in heads if c.start >= pos), left[-1])
    return left[-1]


def _title_subjects(doc: Doc, low: str, s: Sentence, cues: list[CueMention]) -> None:
    """ "Quyền Bộ trưởng lần lượt tiếp …": a clause opening with a bare title names the person last told
    with that title (a Vietnamese one first: the article's own official)."""
    for c in cues:
        if c.type not in _TITLED_TYPES or "frame" in c.flags:
            continue
        lo = max(s.start, low.rfind(",", s.start, c.start) + 1)
        if any(lo <= doc.mentions[p].start < c.start for p in c.people):
            continue
        clause = low[lo : c.start].strip()
        if any(lo <= m.start < c.start for m in doc.mentions if m.type == "person"):
            continue
        best: tuple[bool, int] | None = None
        for mi, m in enumerate(doc.mentions):
            if m.type != "person" or m.role is None or m.start >= s.start or m.ref is not None:
                continue
            forms = {m.role.title.lower(), *(["quyền " + m.role.title.lower()] if m.role.acting else [])}
            if any(clause == f or clause.startswith(f + " ") for f in forms):
                rank = (m.side == "VN", m.start)
                if best is None or rank > best:
                    best = rank
                    pick = mi
        if best is not None and pick not in c.people:
            c.people.insert(0, pick)


def _share_subject(doc: Doc, heads: list[CueMention]) -> None:
    """ "A làm việc với B và tiếp C": a later cue with no subject of its own shares the earlier one's."""
    for prev, c in zip(heads, heads[1:], strict=False):
        if c.people and all(doc.mentions[p].start > c.start for p in c.people):
            subject = [p for p in prev.people if doc.mentions[p].start < prev.start]
            c.people[:0] = [p for p in subject if p not in c.people]


def sentence_cues(doc: Doc, low: str, key: str, si: int, hits: list[CueHit]) -> list[CueMention]:
    """The event cues of sentence ``si`` (its ``hits``) with their attributes, in text order."""
    s = doc.sentences[si]
    cues: list[CueMention] = []
    for i, h in enumerate(hits):
        nxt = hits[i + 1].start if i + 1 < len(hits) else s.end
        cues.append(_describe(doc, low, key, s, si, h, nxt))
    if not cues:
        return []
    cues = _fold_agreements(low, cues)
    _attach_timexes(doc, low, key, s, cues)
    _attach_modes(low, key, s, cues)
    _attach_mentions(doc, low, key, s, cues)
    _title_subjects(doc, low, s, cues)
    out: list[CueMention] = []
    tariffs: list[CueMention] = []
    for c in cues:
        if c.type == "tariff_action":
            parts = tariff_mentions(doc, low, key, s, c)
            if not parts and out and not out[-1].timexes:  # "vòng đàm phán về thuế đối ứng kết thúc ngày 27/6"
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
            prev.flags |= c.flags & {"mou"}
            continue
        out.append(c)
    return out


def is_headline(line: str) -> bool:
    """An all-capitals line ("VÒNG ĐÀM PHÁN KỸ THUẬT LÀ CHẶNG THEN CHỐT") or a "Title:" line."""
    if line.lstrip().startswith("Title:"):
        return True
    return line.upper() == line and len(_LETTERS.findall(line)) >= 8


def is_caption(line: str) -> bool:
    """A photo caption line ("… (Ảnh: Moit).", "Ông A (phải) và ông B …") in lower case."""
    return any(marker in line for marker in event_table("caption"))


def skipped_lines(text: str, low: str) -> list[tuple[int, int]]:
    """Spans of the lines that cannot be evidence of an event: headlines and photo captions."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if is_headline(line) or is_caption(low[start:end]):
            out.append((start, end))
        start = end + 1
    return out
