"""decode_bytes: every encoding Vietnamese files come in, and clear refusals."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from tradetalks.errors import IngestError
from tradetalks.nlp.normalize import decode_bytes

SAMPLE = "Thứ trưởng Bộ Công Thương làm việc với đoàn Hoa Kỳ về thuế đối ứng, hoà khí “tích cực”.\nỨng xử, Ủy ban."
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def to_windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 the way Vietnamese legacy editors do: base letter, then tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("utf-8 decomposed", unicodedata.normalize("NFD", SAMPLE).encode("utf-8")),
        ("utf-16 with BOM", SAMPLE.encode("utf-16")),
        ("utf-16-le without BOM", SAMPLE.encode("utf-16-le")),
        ("utf-16-be without BOM", SAMPLE.encode("utf-16-be")),
        ("utf-32 with BOM", SAMPLE.encode("utf-32")),
        ("windows-1258", to_windows_1258(SAMPLE)),
        ("mojibake cp1252", SAMPLE.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8")),
        ("mojibake latin-1", SAMPLE.encode("utf-8").decode("latin-1").encode("utf-8")),
    ],
)
def test_decode_bytes_recovers_text(name: str, data: bytes) -> None:
    text = decode_bytes(data, "bai.txt")
    if name == "mojibake cp1252":  # cp1252 has no byte 0x81/0x8D/0x8F/0x90/0x9D: those letters were lost
        assert "Thứ trưởng" in text and "Hoa Kỳ" in text and "Ã" not in text
    else:
        assert text == SAMPLE


def test_decode_bytes_windows_1258_is_composed() -> None:
    text = decode_bytes(to_windows_1258("Nguyễn Sinh Nhật Tân"), "x.txt")
    assert text == "Nguyễn Sinh Nhật Tân"
    assert unicodedata.is_normalized("NFC", text)


def test_decode_bytes_tolerates_a_cut_utf8_tail() -> None:
    data = (SAMPLE * 5).encode("utf-8")[:-1]  # the last letter's bytes are cut
    assert decode_bytes(data, "x.txt").startswith(SAMPLE)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02\x03binary\x00\xff\xfe" * 50, "binary content"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content (PDF document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (PNG image)"),
        (bytes(range(1, 32)) * 40, "binary content (control characters)"),
        (b"\xcc\xcc\xcc\xec\xec\xd2\xd2\xde\xf2" * 30, "not valid text in UTF-8, UTF-16 or Windows-1258"),
        (b"\x81\x8a\x8d" * 20, "not valid text in UTF-8, UTF-16 or Windows-1258"),
    ],
)
def test_decode_bytes_refuses_binary(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "hong.bin")
    assert caught.value.source == "hong.bin"
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith("hong.bin: ")
