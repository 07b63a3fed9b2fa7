"""HTML pages: main text, title, publication date and outlet with trafilatura."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

from tradetalks.errors import IngestError
from tradetalks.ingest.articles import build_article
from tradetalks.model import Article

#: A page whose main text has fewer words than this has no article in it (a menu, an error page).
MIN_WORDS = 20

_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section"})


def parse_html(html: str, source: str, url: str | None = None) -> Article:
    """The article in an HTML page; refuse a page with no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise IngestError(source, f"unreadable HTML ({type(exc).__name__})") from None
    text = getattr(found, "text", None) or ""
    if len(text.split()) < MIN_WORDS:
        raise IngestError(source, "no main text found in the HTML page")
    title = getattr(found, "title", None)
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    return build_article(
        source,
        text.replace("\n", "\n\n"),
        title=title,
        url=url or getattr(found, "url", None),
        outlet=getattr(found, "sitename", None),
        published=getattr(found, "date", None),
    )


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The plain text of an HTML fragment (feed summaries): "<p>Hai bên</p><p>đã họp</p>" -> 2 paragraphs."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join(p.split()) for p in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
