"""Answers to questions from the dossier, each with its quoted sources; says so when it does not know."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape

from tradetalks.model import Evidence, SearchHit
from tradetalks.serve.answer_heads import answer_head
from tradetalks.serve.answer_rates import answer_tariff
from tradetalks.serve.answer_talks import answer_status
from tradetalks.serve.answer_titles import answer_holder, answer_title
from tradetalks.serve.answers import (
    Found,
    answer_count,
    answer_met,
    answer_topics,
    answer_when,
    answer_where,
)
from tradetalks.serve.index import DossierIndex, fold_name
from tradetalks.serve.labels import label
from tradetalks.serve.question import Question, cues, parse_question
from tradetalks.store.base import Store
from tradetalks.store.row_reads import DossierRows

Searcher = Callable[[str, int], list[SearchHit]]
#: One answering rule per kind of question, tried in this order for the intents a question has. What each rule
#: looks at in the dossier is read for it by ``ask_rows.question_part``: a rule that looks at more must say so there.
HANDLERS: list[tuple[str, Callable[[DossierIndex, Question], Found | None]]] = [
    ("count_rounds", answer_count),
    ("tariff_rate", answer_tariff),
    ("head_delegation", answer_head),
    ("met_on", answer_met),
    ("topics", answer_topics),
    ("where", answer_where),
    ("when", answer_when),
    ("title_of", answer_title),
    ("holder", answer_holder),
    ("status", answer_status),
]
#: An answer cites at most this many articles.
MAX_SOURCES = 5


def tried(q: Question) -> list[str]:
    """The kinds of question ``q`` is tried as, in the order of ``HANDLERS``."""
    return [
        kind
        for kind, _ in HANDLERS
        if kind in q.intents or (kind == "when" and (q.ordinal is not None or q.latest) and not q.intents)
    ]


def find_answer(index: DossierIndex, q: Question) -> tuple[str, Found] | None:
    """The first answering rule that finds an answer, and its answer."""
    rules = dict(HANDLERS)
    for kind in tried(q):
        found = rules[kind](index, q)
        if found is not None:
            return kind, found
    return None


def answer_question(store: Store, question: str) -> dict[str, Any]:
    """``tradetalks ask``: the answer, its sources [{article, url, quote}], kind and whether it was found.

    Only the part of the dossier the question's rules look at is read (``ask_rows.question_part``), and the
    records of the articles the answer cites.
    """
    from tradetalks.serve.phrasing import phrase_answer

    q = parse_question(question)
    with store.rows().snapshot() as rows:
        answer = answer_from_rows(rows, q)
    return phrase_answer(answer or _not_found(q, lambda text, n: store.search(text, limit=n)))


def answer_from_rows(rows: DossierRows, q: Question) -> dict[str, Any] | None:
    """The answer found over the part of the dossier's rows the question needs, or None (inside one snapshot)."""
    from tradetalks.serve.ask_rows import question_part

    index = question_part(rows, q, tried(q))
    result = find_answer(index, q)
    if result is None:
        return None
    cited = [ev.article for ev in _best_quotes(result[1].evidence, result[1].prefer)]
    index.article_by_id.update((a.id, a) for a in rows.articles(cited))
    return _finish(index, result[1], q, result[0])


def answer_served(
    rendered: Callable[[Any, Callable[[DossierRows], bytes]], bytes], question: str, search: Searcher
) -> dict[str, Any]:
    """The server's answer: the one found over the rows, kept by ``rendered`` (a server's response cache over its
    shared connection) until the store changes; a question nothing answers searches afresh."""
    q = parse_question(question)

    def build(rows: DossierRows) -> bytes:
        return json.dumps(answer_from_rows(rows, q), ensure_ascii=False).encode("utf-8")

    found: dict[str, Any] | None = json.loads(rendered(("ask", q.text), build))
    return found if found is not None else _not_found(q, search)


def answer_from_index(index: DossierIndex, question: str, search: Searcher | None = None) -> dict[str, Any]:
    """Answer over an index already loaded; ``search`` gives the closest passages when nothing is found."""
    q = parse_question(question)
    result = find_answer(index, q)
    if result is None:
        return _not_found(q, search)
    return _finish(index, result[1], q, result[0])


def _best_quotes(evidence: list[Evidence], prefer: list[str]) -> list[Evidence]:
    """One quote per article (the one holding most of the preferred words), at most MAX_SOURCES articles."""
    by_article: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_article.setdefault(ev.article, []).append(ev)

    def fit(ev: Evidence) -> int:
        folded = f" {fold_name(ev.quote)} "
        return sum(f" {w} " in folded for w in prefer)

    # the best fit, the first quote among equals (max keeps the first of equal keys)
    best = [max(quotes, key=fit) for quotes in by_article.values()]
    best.sort(key=lambda ev: -fit(ev))
    return best[:MAX_SOURCES]


def _sources(index: DossierIndex, evidence: list[Evidence], prefer: list[str]) -> list[dict[str, Any]]:
    """Evidence as answer sources: article id, url, title, outlet, quote and span."""
    out: list[dict[str, Any]] = []
    for ev in _best_quotes(evidence, prefer):
        record = index.article_by_id.get(ev.article)
        out.append(
            {
                "article": ev.article,
                "url": record.url if record else None,
                "title": record.title if record else None,
                "label": index.article_label(ev.article),
                "outlet": record.outlet if record else None,
                "outlet_label": index.outlet_label(ev.article),
                "published": record.published if record else None,
                "quote": ev.quote,
                "start": ev.start,
                "end": ev.end,
            }
        )
    return out


def _finish(index: DossierIndex, found: Found, q: Question, kind: str) -> dict[str, Any]:
    """The answer object of a found answer."""
    return {
        "question": q.text,
        "kind": kind,
        "found": True,
        "lang": q.lang,
        "answer": found.vi if q.lang == "vi" else found.en,
        "answer_vi": found.vi,
        "answer_en": found.en,
        "sources": _sources(index, found.evidence, found.prefer),
        "passages": [],
        **found.extra,
    }


def _search_queries(q: Question) -> list[str]:
    """Queries for the closest passages: the content words, then without numbers, then the three longest."""
    stop = set(cues()["stop_words"])
    words = [w for w in (t.strip("?!.,;:\"'()") for t in q.text.split()) if fold_name(w) and fold_name(w) not in stop]
    plain = [w for w in words if not any(ch.isdigit() for ch in w)]
    longest = sorted(plain, key=len, reverse=True)[:3]
    out = [" ".join(ws)[:300] for ws in (words, plain, longest) if ws]
    return list(dict.fromkeys(out))


def _not_found(q: Question, search: Searcher | None) -> dict[str, Any]:
    """ "Chưa có thông tin" / "Not found in the sources", with the closest passages from search."""
    hits: list[SearchHit] = []
    for query in _search_queries(q) if search is not None else []:
        try:
            hits = search(query, 3) if search is not None else []
        except Exception:  # noqa: BLE001 - a failed search must not hide the "not found" answer
            hits = []
        if hits:
            break
    passages = [
        {"article": h.article, "title": h.title, "url": h.url, "snippet": h.snippet, "score": h.score} for h in hits
    ]
    return {
        "question": q.text,
        "kind": "unknown",
        "found": False,
        "lang": q.lang,
        "answer": label(q.lang, "not_found"),
        "answer_vi": label("vi", "not_found"),
        "answer_en": label("en", "not_found"),
        "sources": [],
        "passages": passages,
    }


def citation(source: dict[str, Any]) -> str:
    """A source as a reader cites it: "outlet · date · title" (the parts known; the article id when none is)."""
    parts = [source.get("outlet") or source.get("outlet_label"), source.get("published"), source.get("title")]
    return " · ".join(p for p in parts if p) or source.get("label") or source["article"]


def print_answer(answer: dict[str, Any], console: Console) -> None:
    """Print the answer, then each source with its quote, or the closest passages when not found."""
    console.print(f"[bold]{escape(answer['answer'])}[/bold]")
    if answer.get("answer_phrased"):
        console.print(escape(answer["answer_phrased"]), style="italic")
    other = answer.get("answer_en") if answer.get("lang") == "vi" else answer.get("answer_vi")
    if other and other != answer["answer"]:
        console.print(escape(other), style="dim")
    for n, source in enumerate(answer["sources"], 1):
        console.print(f"  [{n}] {escape(citation(source))} {escape(source.get('url') or '')}")
        console.print(f"      “{escape(source['quote'])}”")
    if answer["passages"]:
        console.print(label(answer.get("lang"), "closest") + ":")
        for passage in answer["passages"]:
            console.print(f"  - {escape(passage.get('title') or passage['article'])}: {escape(passage['snippet'])}")
