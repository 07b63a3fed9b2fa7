"""RSS and Atom feeds: each item becomes an article (title, link, date, text without HTML)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from tradetalks.errors import IngestError
from tradetalks.ingest.articles import build_article
from tradetalks.ingest.html import html_to_text
from tradetalks.model import Article


def parse_feed(data: bytes, source: str) -> Iterator[Article | IngestError]:
    """Each item of an RSS/Atom feed as an Article, or an IngestError naming the item."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = f"not a valid RSS/Atom feed ({type(parsed.get('bozo_exception')).__name__})"
        else:
            reason = "the feed has no items"
        yield IngestError(source, reason)
        return
    outlet = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        item_source = link or f"{source}#{n}"
        try:
            yield build_article(
                item_source,
                _entry_text(entry),
                title=html_to_text(entry.get("title", "")),
                url=link,
                outlet=outlet,
                published=_entry_date(entry),
            )
        except IngestError as exc:
            yield IngestError(f"{source}#{n}", exc.reason)


def _entry_text(entry: Any) -> str:
    """The longest of the item's content and summary, stripped of HTML."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(c) for c in candidates if isinstance(c, str)]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> str | None:
    """The item's publication (else update) date as YYYY-MM-DD."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except ValueError:
                continue
    return None
