"""Lines of an article that cannot be evidence of an event: headlines and photo captions."""

from __future__ import annotations

import re

from tradetalks.extract.cues import event_table

_LETTERS = re.compile(r"[^\W\d_]")
_CAPTION_MAX = 300  # a longer line with a photo credit in it is a paragraph the credit was glued into


def is_headline(line: str) -> bool:
    """An all-capitals line ("VÒNG ĐÀM PHÁN KỸ THUẬT LÀ CHẶNG THEN CHỐT") or a "Title:" line."""
    if line.lstrip().startswith("Title:"):
        return True
    return line.upper() == line and len(_LETTERS.findall(line)) >= 8


def is_caption(line: str) -> bool:
    """A photo caption line ("… (Ảnh: Moit).", "Ông A (phải) và ông B …") in lower case; a long paragraph that
    a credit was glued into ("… Ảnh: TTXVN phát Theo phóng viên …, trong cuộc họp …") is no caption."""
    return len(line) <= _CAPTION_MAX and any(marker in line for marker in event_table("caption"))


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
