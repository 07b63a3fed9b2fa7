"""Building an Article from what a reader found: normalised text, ISO date, stable id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from tradetalks.errors import IngestError
from tradetalks.ingest.published import infer_published
from tradetalks.model import Article, article_id
from tradetalks.nlp.normalize import normalize_text

#: Inputs larger than this are refused before they are read.
MAX_BYTES = 20 * 1024 * 1024
#: A compressed input (.jsonl.gz) is read up to this many decompressed bytes; the rest is refused.
MAX_DECOMPRESSED_BYTES = 2 * 1024**3


@dataclass(frozen=True, slots=True)
class InputPolicy:
    """How inputs are read: the decompressed-size limit, and whether links out of a directory are followed."""

    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    follow_links: bool = False  # follow symbolic links in directories that lead out of the given tree


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def iso_date(value: object) -> str | None:
    """ "2025-10-15T08:00:00+07:00" -> "2025-10-15"; None when the value holds no valid date."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.search(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _clean_field(value: object) -> str | None:
    """A one-line metadata field, normalised, or None when empty or not text."""
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def build_article(
    source: str,
    text: str,
    *,
    title: object = None,
    url: object = None,
    outlet: object = None,
    published: object = None,
) -> Article:
    """A normalised Article with its id; refuse one with no text."""
    body = normalize_text(text)
    if not body:
        raise IngestError(source, "no article text")
    article = Article(
        source=source,
        text=body,
        title=_clean_field(title),
        url=_clean_field(url),
        outlet=_clean_field(outlet),
        published=iso_date(published),
    )
    if article.published is None:
        article.published, article.published_from = infer_published(article.url, body)
    article.id = article_id(article.key)
    return article


def size_error(source: str, size: int) -> IngestError:
    """The error for an input over the size limit, with both sizes in MB."""
    return IngestError(source, f"too large ({size / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB)")
