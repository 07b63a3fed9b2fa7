"""Turn fetched bytes into feed links or an Article: charset, feed items, main text."""

from __future__ import annotations

import codecs
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import feedparser

from tradetalks.errors import IngestError
from tradetalks.ingest.html import parse_html
from tradetalks.ingest.http import FetchResult
from tradetalks.model import Article, article_id
from tradetalks.nlp.normalize import decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(result: FetchResult) -> str | None:
    """The charset the server or the page declares (header, then <meta> or <?xml?>), if Python knows it."""
    head = result.content[:4096]
    candidates = [result.charset]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        candidates.append(found.group(1).decode("ascii") if found else None)
    for name in candidates:
        if not name:
            continue
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_page(result: FetchResult) -> str:
    """The page's text: its declared charset (e.g. windows-1258, composed to NFC), else sniffed."""
    charset = declared_charset(result)
    if charset is not None:
        try:
            return unicodedata.normalize("NFC", result.content.decode(charset))
        except UnicodeDecodeError:
            pass  # the declaration lies: fall back to detection
    return decode_bytes(result.content, result.url)


def is_empty_feed(parsed: feedparser.FeedParserDict) -> bool:
    """Rule empty_feed: a whole RSS/Atom document with no item yet is a feed with nothing new, not an error.

    It must read as a feed (a version) and be well formed; feedparser's notes that change nothing it read (a
    missing or non-XML Content-Type, an overridden charset) do not count against it. A truncated or an HTML
    document stays "not a feed":
    ``<rss version="2.0"><channel><title>Tin</title></channel></rss>`` -> True.
    """
    if parsed.entries or not parsed.get("version"):
        return False
    return not parsed.bozo or isinstance(parsed.get("bozo_exception"), feedparser.ThingsNobodyCaresAboutButMe)


def feed_links(result: FetchResult) -> list[str]:
    """The http(s) item links of an RSS/Atom feed, in feed order, each once (none for an empty feed)."""
    parsed = feedparser.parse(result.content, response_headers={"content-location": result.url})
    if not parsed.entries and not is_empty_feed(parsed):
        raise IngestError(result.url, "not an RSS or Atom feed (no items could be read)")
    links: dict[str, None] = {}
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        url = urljoin(result.url, str(link).strip())
        if urlsplit(url).scheme in ("http", "https"):
            links[url.split("#", 1)[0]] = None
    return list(links)


def page_article(result: FetchResult, url: str) -> Article:
    """Extract an Article (main text, title, date, outlet) from a fetched HTML page."""
    article = parse_html(decode_page(result), source=url, url=url)
    article.id = article_id(article.key)
    return article
