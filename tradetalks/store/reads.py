"""The read side shared by the SQL backends: the same queries over the same tables, only the
parameter mark differs ("?" for SQLite, "%s" for PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

from tradetalks.model import Article, Correction, Doc
from tradetalks.store.codec import extraction_from_dict
from tradetalks.store.row_reads import DossierRows

ARTICLE_COLS = "a.id, a.latest_version, v.source, v.url, v.outlet, v.title, v.published, v.text"
LATEST = "FROM articles a JOIN versions v ON v.article_id = a.id AND v.version = a.latest_version "
DOC_SQL = (
    f"SELECT {ARTICLE_COLS}, e.data {LATEST}"
    "LEFT JOIN extractions e ON e.article_id = a.id AND e.version = a.latest_version "
)
#: Run in the transaction of every write that changes what the dossier is built from.
BUMP_REVISION = "UPDATE revision SET n = n + 1 WHERE id = 1"
#: Rows fetched per query when streaming articles or extractions.
PAGE = 200


def article_from_row(row: tuple[Any, ...], version: int | None = None) -> Article:
    """An Article from the ARTICLE_COLS columns (``version`` overrides the latest one)."""
    aid, latest, source, url, outlet, title, published, text = row
    return Article(source, text, title, url, outlet, published, aid, latest if version is None else version)


def doc_from_row(row: tuple[Any, ...]) -> Doc:
    """A Doc from DOC_SQL columns: the stored extraction, or a bare Doc when there is none."""
    article = article_from_row(row[:-1])
    data = row[-1]
    if data is None:
        return Doc(article=article, layers={"text"})
    return extraction_from_dict(article, data if isinstance(data, dict) else json.loads(data))


def correction_row(c: Correction) -> tuple[Any, ...]:
    """The columns (kind, target, data, why, editor, at) a correction is stored in."""
    data = json.dumps(
        {"anchor": c.anchor, "attribute": c.attribute, "value": c.value, "other": c.other}, ensure_ascii=False
    )
    return (c.kind, c.target, data, c.why, c.by, c.at)


def correction_from_row(row: tuple[Any, ...]) -> Correction:
    """A Correction from (id, kind, target, data, why, editor, at)."""
    number, kind, target, data, why, editor, at = row
    d = data if isinstance(data, dict) else json.loads(data)
    return Correction(
        kind, target, d["anchor"], why, editor, at, d.get("attribute"), d.get("value"), d.get("other"), number
    )


class SQLReads:
    """Articles, versions, extractions and failures read back; a backend sets ``mark`` and ``conn``."""

    mark: ClassVar[str] = "?"
    failure_order: ClassVar[str] = "rowid"
    conn: Any

    def _q(self, sql: str) -> str:
        return sql.replace("?", self.mark)

    def failures(self) -> list[tuple[str, str]]:
        """Every recorded failure as (source, reason), oldest first."""
        rows = self.conn.execute(f"SELECT source, reason FROM failures ORDER BY {self.failure_order}")
        return [(r[0], r[1]) for r in rows]

    def get_article(self, article_id: str) -> Article | None:
        """The latest version of an article."""
        row = self.conn.execute(self._q(f"SELECT {ARTICLE_COLS} {LATEST}WHERE a.id = ?"), (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def articles(self) -> Iterator[Article]:
        """The latest version of every article, in id order (fetched a page at a time)."""
        for row in self._pages(f"SELECT {ARTICLE_COLS} {LATEST}WHERE a.id > ? ORDER BY a.id LIMIT ?"):
            yield article_from_row(row)

    def versions(self, article_id: str) -> list[Article]:
        """Every stored version of an article, oldest first."""
        rows = self.conn.execute(
            self._q(
                f"SELECT {ARTICLE_COLS}, v.version FROM articles a JOIN versions v ON v.article_id = a.id "
                "WHERE a.id = ? ORDER BY v.version"
            ),
            (article_id,),
        ).fetchall()
        return [article_from_row(r[:-1], r[-1]) for r in rows]

    def revision(self) -> int:
        """A counter raised by every stored article version and extraction (the dossier's input changed)."""
        row = self.conn.execute("SELECT n FROM revision WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def dossier_is_current(self) -> bool:
        """Whether the saved dossier was built from every stored article: its revision is the store's. Without
        a dossier, true only while nothing is stored (an ingest killed before its first rebuild is stale)."""
        row = self.conn.execute("SELECT built_from FROM dossier WHERE id = 1").fetchone()
        return int(row[0]) == self.revision() if row else self.revision() == 0

    def corrections(self) -> list[Correction]:
        """Every stored correction, in the order they were made."""
        rows = self.conn.execute("SELECT id, kind, target, data, why, editor, at FROM corrections ORDER BY id")
        return [correction_from_row(r) for r in rows.fetchall()]

    def rows(self) -> DossierRows:
        """The dossier's rows, to be read a piece at a time."""
        return DossierRows(self.conn, self.mark)

    def get_doc(self, article_id: str) -> Doc | None:
        """The extraction of the latest version (a bare Doc when it was stored without extraction)."""
        row = self.conn.execute(self._q(DOC_SQL + "WHERE a.id = ?"), (article_id,)).fetchone()
        return doc_from_row(row) if row else None

    def docs(self) -> Iterator[Doc]:
        """Extractions of the latest version of every article, in id order (fetched a page at a time)."""
        for row in self._pages(DOC_SQL + "WHERE a.id > ? ORDER BY a.id LIMIT ?"):
            yield doc_from_row(row)

    def extraction_rows(self) -> Iterator[tuple[Any, ...]]:
        """What ``docs`` decodes, undecoded: each article's latest version (``ARTICLE_COLS``) and its stored
        extraction (JSON, None without one), in id order, a page at a time (the full rebuild's read)."""
        return self._pages(DOC_SQL + "WHERE a.id > ? ORDER BY a.id LIMIT ?")

    def _pages(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` (keyed on the first column, ``> ?`` then ``LIMIT ?``), one page per query."""
        last = ""
        while True:
            rows = self.conn.execute(self._q(sql), (last, PAGE)).fetchall()
            yield from rows
            if len(rows) < PAGE:
                return
            last = rows[-1][0]

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.conn.close()

    def __exit__(self, *exc: object) -> None:
        self.close()
