"""Sentence splitting with rules, no model: paragraphs, then sentence ends (. ! ? …).

A period does not end a sentence inside a number ("1.5", "12.11.2025"), after an
abbreviation ("TP. Hồ Chí Minh", "Mr. Greer") or an initial ("Bryan R. Switzer", "D.C."),
but does when glued to a capitalised word, as scraped text often has ("trước.Thông tin").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from tradetalks.limits import MAX_SENTENCE_CHARS
from tradetalks.model import Doc, Sentence
from tradetalks.stage import stage

#: Sentence-ending punctuation with any closing quotes or brackets after it ("..." is a run of periods). The
#: pattern opens with one character class so that the regex engine skips ahead to where it can match.
_END = re.compile(r"[.!?…][.!?…]*[\"'”’»)\]]*")
#: Line breaks; a blank line always ends a paragraph.
_LINE = re.compile(r"\n")
#: Characters that may open a sentence besides capital letters and digits.
_OPENERS = frozenset("\"'“‘«([-–—•*")
#: Characters that may end a line that is a paragraph (heading, list item, sentence).
_LINE_ENDS = frozenset(".!?…:;\"'”’»)]")
#: Closing brackets and quotes that may stand between a sentence and its period.
_CLOSERS = frozenset(")]\"'”’»")
_INITIALISM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
#: A list or heading number: "1.", "12.", "II.", "a." (at the start of a paragraph or after a colon).
_LIST_MARKER = re.compile(r"^(?:\d{1,2}|[IVXLC]{1,6}|[a-zđ])$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations after which a period does not end a sentence (resources/abbreviations.tsv)."""
    text = resources.files("tradetalks.resources").joinpath("abbreviations.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t")[0].strip().lower() for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(row for row in rows if row)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, trimmed of whitespace, in order."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        start = p_start
        for cut in _cuts(text, p_start, p_end):
            _add(text, start, cut, spans)
            start = cut
        _add(text, start, p_end, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the span trimmed of whitespace, when anything is left; a run longer than
    ``MAX_SENTENCE_CHARS`` is split at its last "; ", ", " or space before the bound (no real sentence is
    that long: rules that look at "the whole sentence" for each word must not read a megabyte each time)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _long_run_cut(text, start, start + MAX_SENTENCE_CHARS)
        _add(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _long_run_cut(text: str, start: int, stop: int) -> int:
    """Where to split a run of text that has no sentence end before ``stop``."""
    lo = start + MAX_SENTENCE_CHARS // 2
    for mark in ("; ", ", ", " "):
        at = text.rfind(mark, lo, stop)
        if at >= 0:
            return at + len(mark)
    return stop


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: a line break ends one unless the line was soft-wrapped mid-sentence."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _LINE.finditer(text):
        last = m.start()  # the line's last visible character, read back over blanks only
        while last > start and text[last - 1].isspace():
            last -= 1
        after = text[m.end() : m.end() + 1]
        soft = last > start and text[last - 1] not in _LINE_ENDS and after.islower()
        if not soft:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, len(text)))
    return out


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets inside one paragraph where a new sentence begins."""
    cuts: list[int] = []
    for m in _END.finditer(text, start, end):
        after = m.end()
        if after >= end:
            continue
        nxt = text[after]
        if nxt.isspace():
            i = after
            while i < end and text[i].isspace():
                i += 1
            if i < end and _opens_sentence(text[i]) and not _no_end_after(text, start, m):
                cuts.append(i)
        elif _glued_start(text, m.start(), after, end) and not _no_end_after(text, start, m):
            cuts.append(after)
    return cuts


def _opens_sentence(ch: str) -> bool:
    """A capital letter, a digit or an opening quote/bracket/dash."""
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _glued_start(text: str, punct: int, after: int, end: int) -> bool:
    """ "trước.Thông", "(USTR).Hai", "năm 2025.Hai": the end of a sentence, then a capitalised word, no space."""
    if punct < 2 or not (after + 1 < end and text[after].isupper() and text[after + 1].islower()):
        return False
    before, second = text[punct - 1], text[punct - 2]
    if before.islower():
        return second.isalpha()  # a word, not an initial or "Th.S"
    if before.isdigit() or before in _CLOSERS:
        return True
    return before.isupper() and second.isupper() and punct >= 3 and text[punct - 3].isupper()  # "ASEAN.Hai"


_LONGEST_SHORT_FORM = 40  # characters: longer than any abbreviation, initialism or list number


def _no_end_after(text: str, para_start: int, m: re.Match[str]) -> bool:
    """True when the period is part of an abbreviation, an initial or a number."""
    if m.group()[0] != "." or m.group().startswith("..."):
        return False
    i = m.start()
    j = i
    while j > para_start and not text[j - 1].isspace() and text[j - 1] not in "(\"'“‘«":
        j -= 1
        if i - j > _LONGEST_SHORT_FORM:
            return False  # no abbreviation, initial or list number is this long: read no further back
    token = text[j:i]
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "Bryan R. Switzer"
    if _INITIALISM.match(token):
        return True  # "D.C.", "U.S."
    if _LIST_MARKER.match(token):
        k = j
        while k > para_start and text[k - 1].isspace():
            k -= 1
        if k == para_start or text[k - 1] in ":;.!?":
            return True  # "1. Thuế quan", "Gồm: a. dịch vụ"
    return token.lower() in abbreviations()


@stage(requires={"text"}, provides={"sentences"})
def split_sentences(doc: Doc) -> Doc:
    """Split the text into sentences: "Hai bên đã họp. Vòng sau diễn ra vào tháng 12." -> 2 spans."""
    doc.sentences = [Sentence(s, e) for s, e in sentence_spans(doc.text)]
    return doc
