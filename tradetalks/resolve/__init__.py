"""Cross-article resolution: many Docs in, one dossier out (entities, events, timexes, stories)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from tradetalks.model import ArticleRecord, Correction, Doc, Dossier, DossierTimex, Event
from tradetalks.resolve.corrections import apply_corrections
from tradetalks.resolve.dates import parse_range
from tradetalks.resolve.entities import EntityIndex, Resolved, add_roles, cluster_entities
from tradetalks.resolve.events import resolve_events
from tradetalks.resolve.holders import mark_genders
from tradetalks.resolve.resolution_keys import (
    KEYS_VERSION,
    article_keys,
    article_order,
    band_keys,
    event_order,
    story_weeks,
    told_of,
)
from tradetalks.resolve.slim_read import slim_docs
from tradetalks.resolve.stories import cluster_stories, story_inputs, text_digest
from tradetalks.store.keys_rows import Resolution

if TYPE_CHECKING:
    from tradetalks.store.base import Store

__all__ = ["build_dossier", "rebuild_dossier", "slim"]


def _aid(doc: Doc) -> str:
    return doc.article.id or doc.article.source


def article_dates(docs: Sequence[Doc], events: Sequence[Event]) -> dict[str, tuple[str, str]]:
    """When each article speaks: its publication date, else the dates of the events it reports."""
    seen: dict[str, list[str]] = {}
    for ev in events:
        rng = parse_range(ev.start, ev.end)
        days = rng.days() if rng is not None and rng.has_year else None
        if days is None:
            continue
        for e in ev.evidence:
            seen.setdefault(e.article, []).extend([days[0].isoformat(), days[1].isoformat()])
    out: dict[str, tuple[str, str]] = {}
    for doc in docs:
        aid = _aid(doc)
        pub = doc.article.published
        try:
            if pub:
                date.fromisoformat(pub)
                out[aid] = (pub, pub)
                continue
        except ValueError:
            pass
        if aid in seen:
            out[aid] = (min(seen[aid]), max(seen[aid]))
    return out


def slim(doc: Doc, digests: dict[str, tuple[str, np.ndarray]]) -> Doc:
    """What resolution keeps of a stored Doc: mentions (role quotes taken from the text), timexes, events, topics.

    The text, sentences and matching views are dropped; the text's hash and MinHash go to ``digests``.
    """
    digests[_aid(doc)] = text_digest(doc.text, doc.folded)
    mark_genders(doc)  # the form of address before each name, read while the text is there
    for m in doc.mentions:
        if m.role is not None:
            m.role.text = doc.text[m.role.start : m.role.end]
    article = replace(doc.article, text="")
    return Doc(article, set(doc.layers), "", "", [], doc.mentions, doc.timexes, doc.events, doc.topics)


def build_dossier(
    docs: Iterable[Doc],
    digests: Mapping[str, tuple[str, np.ndarray]] | None = None,
    corrections: Sequence[Correction] = (),
    known: Resolved | None = None,
    entities: Callable[[list[Doc]], EntityIndex] | None = None,
) -> Dossier:
    """Resolve many articles' extractions into one dossier; the same set in any order gives the same dossier.

    ``digests`` (article id -> text hash and MinHash) stands in for the text of slim docs. The editors'
    ``corrections`` are applied last, after every rule (each reported applied or orphaned in the dossier).
    ``known``: what a dossier resolved before knows of entities outside ``docs`` (incremental resolution).
    ``entities``: clusters the ordered docs' mentions instead of ``cluster_entities`` (the same groups, built
    on a cluster: ``resolve/distributed.py``).
    """
    docs = list(docs)  # first: a generator of slim docs fills ``digests`` as it goes
    hashes = {aid: digest[0] for aid, digest in (digests or {}).items()}
    hashes.update({_aid(d): d.article.hash for d in docs if _aid(d) not in hashes})
    ordered = dossier_order(docs, hashes)
    place = {_aid(doc): n for n, doc in enumerate(ordered)}
    holders = known.holders() if known is not None else None
    index = cluster_entities(ordered, holders) if entities is None else entities(ordered)
    if known is not None:
        known.adopt(ordered, index)
    timexes = {
        _aid(doc): [
            DossierTimex(_aid(doc), t.start, t.end, t.text, t.value, t.resolved_by, t.time_of_day) for t in doc.timexes
        ]
        for doc in ordered
    }
    events = resolve_events(ordered, index, timexes, hashes, known.anchor if known else None)
    add_roles(ordered, index, article_dates(ordered, events), known.organization if known else None)
    index.members = {}  # which mentions each entity holds: read by the roles alone (a reference per mention)
    stories = cluster_stories(story_inputs(ordered, events, index.of, digests), known.elsewhere() if known else None)
    articles = [
        ArticleRecord(
            _aid(doc),
            doc.article.source,
            doc.article.url,
            doc.article.outlet,
            doc.article.title,
            doc.article.published,
            stories.story.get(_aid(doc)),
            stories.duplicate_of.get(_aid(doc)),
        )
        for doc in ordered
    ]
    all_timexes = sorted((t for ts in timexes.values() for t in ts), key=lambda t: (place[t.article], t.start, t.end))
    return apply_corrections(Dossier(articles, index.entities, events, all_timexes), corrections)


def dossier_order(docs: Sequence[Doc], hashes: Mapping[str, str]) -> list[Doc]:
    """The docs by date and text, never by id alone (ids come from paths): the dossier lists articles so."""
    return sorted(docs, key=lambda d: (d.article.published or "9999", hashes[_aid(d)], d.article.key, _aid(d)))


def resolution_of(
    docs: Sequence[Doc],
    digests: Mapping[str, tuple[str, np.ndarray]],
    dossier: Dossier,
    keys: Mapping[str, list[tuple[str, str, str]]] | None = None,
    bands: bool = True,
) -> Resolution:
    """The resolution keys of every article and the order keys of its articles and events (store/keys_rows.py);
    ``keys``: each article's ``article_keys`` when computed already (taken as they are); without ``bands`` the
    keys made here leave the MinHash band keys out (``band_rows`` makes them from the digests alone)."""
    hashes = {aid: d[0] for aid, d in digests.items()}
    res = Resolution()
    for doc in docs:
        digest = digests.get(_aid(doc))
        known = keys.get(_aid(doc)) if keys is not None else None
        if known is None:
            known = article_keys(doc, digest[1] if digest is not None and bands else None)
        res.keys.extend(known)
        res.order.append(("a", _aid(doc), article_order(doc, hashes.get(_aid(doc), doc.article.hash))))
    for aid, weeks in story_weeks(docs, dossier.events).items():
        res.keys.extend(("w", str(w), aid) for w in sorted(weeks))
    told = told_of(docs, hashes)
    res.order.extend(("e", ev.id or "", event_order(ev, told)) for ev in dossier.events)
    return res


def band_rows(digests: Mapping[str, tuple[str, np.ndarray]]) -> Iterator[tuple[str, str, str]]:
    """The "b" rows ``article_keys`` gives each article with a MinHash (its text's LSH band keys), in primary-key
    order: one band at a time (a band's keys share their "d3:" prefix), sorted. The keys wait as fixed-width
    bytes in one array (every signature has the same bands), not as a string object each."""
    ids = list(digests)
    if not ids:
        return
    first = list(band_keys(digests[ids[0]][1]))
    keys = np.empty((len(ids), len(first)), dtype=f"S{max(len(k) for k in first)}")  # ASCII: byte order is str order
    for row, aid in enumerate(ids):
        keys[row] = [k.encode("ascii") for k in band_keys(digests[aid][1])]
    names = np.array(ids)
    for _, n in sorted((key[: key.index(":") + 1], n) for n, key in enumerate(first)):
        column = keys[:, n]
        for row in np.lexsort((names, column)).tolist():
            yield ("b", column[row].decode("ascii"), ids[row])


def rebuild_dossier(store: Store) -> Dossier:
    """Resolve every stored extraction into a dossier, save it in the store (with every article's resolution
    keys) and return it."""
    built_from = store.revision()  # read first: an article stored meanwhile leaves the dossier stale, not lost
    digests: dict[str, tuple[str, np.ndarray]] = {}
    collecting = gc.isenabled()
    gc.disable()  # millions of records, none in a cycle: the collector would walk them all again and again
    try:
        docs = list(slim_docs(store.extraction_rows(), digests))
        dossier = build_dossier(docs, digests, store.corrections())
        resolution = resolution_of(docs, digests, dossier, bands=False)
        del docs  # the rows are written from the dossier and the keys alone: the docs' records go first
        resolution.keys.sort()  # in primary-key order: each row goes in at the end of the key's index
        # most of the keys (the bands, "b" before every other kind) are made as they are written
        store.save_dossier(dossier, built_from, resolution, band_rows(digests))
    finally:
        if collecting:
            gc.enable()
    store.put_state("resolution", "keys", {"version": KEYS_VERSION})
    return dossier
