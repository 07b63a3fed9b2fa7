"""Vietnamese text normalisation: decoding, the stored text, and same-length matching views.

Three views of an article, all sharing offsets except the first:

* ``normalize_text``: the stored text (NFC, repaired, tidy whitespace), keeping the
  article's own tone-mark placement, dashes and quotes;
* ``matching_view``: same length, one canonical tone-mark placement, plain dashes/quotes;
* ``fold``: same length, lower case, no diacritics, "đ" -> "d".
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from tradetalks.errors import IngestError
from tradetalks.model import Doc
from tradetalks.stage import stage

# --- decoding ------------------------------------------------------------------------

#: Leading bytes of common binary formats: (magic, name).
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
)
_UNDECODABLE = "not valid text in UTF-8, UTF-16 or Windows-1258"


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes to NFC text: UTF-8 (BOM or not), UTF-16, Windows-1258, mojibake repaired."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            raise IngestError(source, f"binary content ({name})")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8", source)
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _strict(data, "utf-32", source)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", source)
    elif (utf16 := _sniff_utf16(data)) is not None:
        text = _strict(data, utf16, source)
    elif b"\x00" in data:
        raise IngestError(source, "binary content (NUL bytes)")
    else:
        text = _decode_8bit(data, source)
    if "\x00" in text:
        raise IngestError(source, "binary content (NUL characters)")
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    if _control_ratio(text) > 0.01:
        raise IngestError(source, "binary content (control characters)")
    return text


def _strict(data: bytes, encoding: str, source: str) -> str:
    """Decode with one encoding or refuse the input naming it."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"not valid {encoding.upper()} text (byte {exc.start})") from None


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM by its NUL high bytes on ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    pairs = len(sample) // 2
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd >= pairs * 0.25 and nul_even <= pairs * 0.02:
        return "utf-16-le"
    if nul_even >= pairs * 0.25 and nul_odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, source: str) -> str:
    """UTF-8, or UTF-8 with a few damaged bytes, else Windows-1258; refuse anything implausible."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F) - damaged
    if damaged and multibyte >= 20 * damaged:
        return lenient  # mostly UTF-8: a truncated or slightly damaged file
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise IngestError(source, _UNDECODABLE) from None
    if not _plausible_1258(text):
        raise IngestError(source, _UNDECODABLE)
    return text


#: Control characters (Unicode category Cc) other than tab, newline, vertical tab, form feed, carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: The five tone marks Windows-1258 writes as separate characters, and one not after a letter.
_CP1258_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_STRAY_MARK = re.compile("(?:^|(?<=[\\W\\d_]))[\u0300\u0301\u0303\u0309\u0323]")


def _plausible_1258(text: str) -> bool:
    """Windows-1258 text: few control characters, tone marks only after vowels."""
    if _control_ratio(text) > 0.01:
        return False
    marks = len(_CP1258_MARK.findall(text))
    stray = len(_STRAY_MARK.findall(text))
    return stray <= max(1, marks // 50)


def _control_ratio(text: str) -> float:
    """Share of control characters other than tab, newline, carriage return and form feed."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


# --- mojibake ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _byte_of() -> dict[str, int]:
    """Character -> byte for text that was UTF-8 misread as Windows-1252 or Latin-1."""
    table = {chr(b): b for b in range(0x80, 0x100)}  # Latin-1 (and cp1252's undefined slots)
    for b in range(0x80, 0x100):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return table


@lru_cache(maxsize=2)
def _mojibake_re(space_for_nbsp: bool = False) -> re.Pattern[str]:
    """A UTF-8 lead byte followed by its continuation bytes, as misread characters.

    With ``space_for_nbsp`` a plain space may stand for byte 0xA0, whose misreading (a
    no-break space) is often turned into a space later: "NgÃ y" for "Ngày".
    """
    by = _byte_of()
    cont = "".join(re.escape(ch) for ch, b in by.items() if 0x80 <= b <= 0xBF) + (" " if space_for_nbsp else "")
    lead2 = "".join(re.escape(ch) for ch, b in by.items() if 0xC2 <= b <= 0xDF)
    lead3 = "".join(re.escape(ch) for ch, b in by.items() if 0xE0 <= b <= 0xEF)
    lead4 = "".join(re.escape(ch) for ch, b in by.items() if 0xF0 <= b <= 0xF4)
    return re.compile(f"(?=[{lead2}{lead3}{lead4}])(?:[{lead4}][{cont}]{{3}}|[{lead3}][{cont}]{{2}}|[{lead2}][{cont}])")


#: Second characters that make a two-character sequence ambiguous on its own ("NGÃ”").
_AMBIGUOUS_TAIL = frozenset("‘’“”•–—…€™")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1: "Viá»‡t Nam" -> "Việt Nam"; other text unchanged."""
    if not text or text.isascii():
        return text
    strict, spaced = _mojibake_re(False), _mojibake_re(True)
    by = dict(_byte_of())
    by[" "] = 0xA0

    def redecode(m: re.Match[str]) -> str:
        return _redecode(m.group(), by)

    while True:
        matches = list(strict.finditer(text))
        if not matches or all(len(m.group()) == 2 and m.group()[1] in _AMBIGUOUS_TAIL for m in matches):
            return text
        repaired = spaced.sub(redecode, strict.sub(redecode, text))
        if repaired == text:
            return text
        text = repaired


def _redecode(chunk: str, by: dict[str, int]) -> str:
    """The character a misread UTF-8 sequence stood for, or the chunk when it was not one."""
    try:
        out = bytes(by[ch] for ch in chunk).decode("utf-8")
    except UnicodeDecodeError:
        return chunk
    return chunk if out == "\u2020" and chunk.endswith(" ") else out


# --- the stored text -----------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACE_RUN = re.compile(r" {2,}")
_TRAILING = re.compile(r" +\n")
_MANY_NEWLINES = re.compile(r"\n{3,}")
#: Unicode planes scanned for control, format and space characters (BMP, SMP, tags).
_PLANES = (range(0x10000), range(0x10000, 0x20000), range(0xE0000, 0xE1000))


def _cleaned(ch: str) -> str | None:
    """What the stored text holds for one character: odd spaces -> " ", control/format characters dropped."""
    if ch == "\n":
        return ch
    if ch.isspace() or unicodedata.category(ch) == "Zs":
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
        return None
    return ch


class _CleanTable(dict[int, str | None]):
    """str.translate table of what ``_cleaned`` makes of each character of the planes scanned (others are kept),
    filled as characters are met: a process reading one article looks up its few hundred characters, not the
    200,000 code points of those planes."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        out = _cleaned(ch) if any(code in plane for plane in _PLANES) else ch
        self[code] = out
        return out


_CLEAN = _CleanTable()


def _needs_cleaning(text: str) -> bool:
    """Whether the cleaning step would change a character of ``text`` (a quick test before the slow path)."""
    return any(_CLEAN[ord(ch)] != ch for ch in set(text))


def _normalize_once(text: str) -> tuple[str, bool]:
    """One pass of the normalisation steps; True when only whitespace steps changed it (a fixpoint)."""
    settled = True
    repaired = repair_mojibake(text)
    if repaired != text:
        text, settled = repaired, False
    if _needs_cleaning(text):
        text, settled = _NEWLINES.sub("\n", text).translate(_CLEAN), False
    if not unicodedata.is_normalized("NFC", text):
        text, settled = unicodedata.normalize("NFC", text), False
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text:
        text = _TRAILING.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip(), settled


def normalize_text(text: str) -> str:
    """The stored text: NFC, mojibake repaired, tidy spaces and newlines; spelling kept. Idempotent."""
    for _ in range(5):
        out, settled = _normalize_once(text)
        if settled or out == text:
            return out
        text = out
    return text


# --- same-length views -------------------------------------------------------------------

#: Typographic dashes, quotes and spaces -> plain ASCII, one character for one; "Ð" -> "Đ".
_PLAIN_PUNCT = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
    "\u00d0": "Đ", "\u00f0": "đ",  # the Icelandic eth, typed for "Đ" by some old Vietnamese converters
}  # fmt: skip

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
#: Vowel pairs whose tone mark sits on the first vowel in the classic style: hòa, hòe, thủy.
_GLIDE_PAIRS = ("oa", "oe", "uy")


@lru_cache(maxsize=1)
def _tone_swaps() -> dict[str, str]:
    """New-style pair -> classic pair, every tone and case: "oà" -> "òa", "uý" -> "úy", "OÀ" -> "ÒA"."""
    swaps: dict[str, str] = {}
    for pair in _GLIDE_PAIRS:
        for first_upper in (False, True):
            for second_upper in (False, True):
                a = pair[0].upper() if first_upper else pair[0]
                b = pair[1].upper() if second_upper else pair[1]
                for tone in _TONES:
                    new = a + unicodedata.normalize("NFC", b + tone)
                    classic = unicodedata.normalize("NFC", a + tone) + b
                    swaps[new] = classic
    return swaps


@lru_cache(maxsize=1)
def _view_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A typographic dash/quote/space; a new-style pair ending a syllable (not the "qu" of "quý").

    Two patterns, each opening with a character class so that the regex engine skips ahead to the
    characters it can match; the two never overlap (punctuation is never a vowel), so running one after
    the other is the same as one pass.
    """
    firsts = "".join(sorted({k[0] for k in _tone_swaps()}))
    seconds = "".join(sorted({k[1] for k in _tone_swaps()}))
    punct = "".join(sorted(_PLAIN_PUNCT))
    return re.compile(f"[{punct}]"), re.compile(f"[{firsts}](?<![qQ].)[{seconds}](?![^\\W\\d_])")


def _punct_swap(m: re.Match[str]) -> str:
    """The plain form of one typographic dash, quote or space."""
    return _PLAIN_PUNCT[m.group()]


def _pair_swap(m: re.Match[str]) -> str:
    """The classic form of one new-style vowel pair, of the same length."""
    found = m.group()
    return _tone_swaps().get(found, found)


def matching_view(text: str) -> str:
    """Same length as ``text``: classic tone placement ("hoà" -> "hòa", "thuý" -> "thúy"), plain dashes/quotes.

    The canonical style is the classic one used by most Vietnamese newspapers: in an open
    syllable ending in "oa", "oe" or "uy" the mark sits on the first vowel (hòa, khỏe, thủy).
    """
    punct, pair = _view_res()
    if punct.search(text) is not None:
        text = punct.sub(_punct_swap, text)
    return pair.sub(_pair_swap, text)


def _folded(ch: str) -> str:
    """One character -> one lower-case character without diacritics ("Ế" -> "e", "đ" -> "d")."""
    if ch in "đĐðÐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)
    if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
        ch = base[0]  # "İ" -> "I" before lower-casing, whose "i̇" would be two characters
    low = ch.lower()
    return low if len(low) == 1 else ch


class _FoldTable(dict[int, str]):
    """str.translate table of ``_folded`` over the Basic Multilingual Plane (other characters are kept), filled as
    characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = _folded(ch) if code < 0x10000 else ch
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Same length as ``text``: lower case, no diacritics, "đ" -> "d" ("Đàm phán" -> "dam phan")."""
    return text.translate(_FOLD)


_QUERY_SPACE = re.compile(r"\s+")


def fold_query(text: str) -> str:
    """Fold free text for searching: "  Thương  Mại Số " -> "thuong mai so" (length may change)."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _QUERY_SPACE.sub(" ", fold(matching_view(text))).strip()


@stage(requires={"text"}, provides={"key", "folded"})
def add_matching_views(doc: Doc) -> Doc:
    """Add the matching view (``doc.key``) and its accent-free fold (``doc.folded``)."""
    doc.key = matching_view(doc.text)
    doc.folded = fold(doc.key)
    return doc
