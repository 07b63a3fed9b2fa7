"""Plain-text articles: an optional ``Title:`` line and ``date YYYY-MM-DD`` line, then the body."""

from __future__ import annotations

import re

from tradetalks.errors import IngestError
from tradetalks.ingest.articles import build_article
from tradetalks.model import Article

_TITLE = re.compile(r"^\s*(?:title|tiêu đề)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_DATE = re.compile(r"^\s*(?:date|ngày)\s*:?\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})\b\s*(?P<rest>.*)$", re.IGNORECASE)
_URL = re.compile(r"^\s*(?:url|link)\s*:\s*(?P<rest>\S+)\s*$", re.IGNORECASE)
_OUTLET = re.compile(r"^\s*(?:outlet|source|nguồn)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)


def parse_text(text: str, source: str) -> Article:
    """Read header lines (Title:, date, URL:, Source:) at the top, then the body.

    `` date 2025-10-15 Thông tin mới`` on one line gives the date and, after it, the title.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i].strip("\r\ufeff")
        if not line.strip():
            i += 1
            continue
        if (m := _TITLE.match(line)) and "title" not in fields:
            fields["title"] = m["rest"]
        elif (m := _DATE.match(line)) and "date" not in fields:
            fields["date"] = m["date"]
            rest = m["rest"].strip()
            if rest and "title" in fields:
                lines[i] = rest  # the title is known: the rest of the line starts the body
                break
            if rest:
                fields["title"] = rest
        elif (m := _URL.match(line)) and "url" not in fields:
            fields["url"] = m["rest"]
        elif (m := _OUTLET.match(line)) and "outlet" not in fields:
            fields["outlet"] = m["rest"]
        else:
            break
        i += 1
    body = "\n".join(lines[i:])
    if not body.strip():
        raise IngestError(source, "empty file" if not text.strip() else "no article text after the header lines")
    return build_article(
        source,
        body,
        title=fields.get("title"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        published=fields.get("date"),
    )
