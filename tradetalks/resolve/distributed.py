"""The full resolution on a Dask cluster: the same dossier as ``rebuild_dossier``, its costly parts on workers.

1. **Prepare** (workers): what resolution reads of each article (``slim``), the text's hash and MinHash, its
   resolution keys and its people grouped inside it with their name keys; ``bulk`` prepares an article on the
   worker that stores it, the articles stored before are read in chunks (by the workers when they can open
   the store, else sent by the client).
2. **Entities** (workers, partitions): the people of two articles can only be joined when their groups share a
   name key (a full name, a given name or surname as others write it alone, a spelling or transcription key,
   see ``_people_keys``), so the connected components of that key graph are independent. Components are packed
   into about two partitions per worker thread; each partition joins its people (``merge_people``) and builds
   the entity records of its people and of its share of the organisations, countries and places (grouped by
   name on the client: a cheap pass over every mention, with acronyms that span the archive).
3. **Reduce** (client): the records in the order of their first mention, ids taken twice suffixed as a single
   pass would, then events, roles and stories (``build_dossier``: settling a year reads a person's other
   events and rare names are counted over the whole archive), the resolution keys, and one write of the rows
   into the store (SQLite or PostgreSQL).
"""

from __future__ import annotations

import heapq
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tradetalks.model import Doc, Dossier, Entity, Mention, RoleMention
from tradetalks.resolve import build_dossier, dossier_order, resolution_of, slim
from tradetalks.resolve.entities import EntityIndex, entity_record_id, index_entities, other_groups
from tradetalks.resolve.holders import HolderCounts
from tradetalks.resolve.names import fold_text, parse_person, syllable_onset, vowel_keys
from tradetalks.resolve.people import Ref, UnionFind, holder_counts, merge_people, person_groups
from tradetalks.resolve.resolution_keys import KEYS_VERSION, article_keys
from tradetalks.store.base import Store

#: Articles per prepare task.
PREPARE_CHUNK = 250
#: Entity partitions per worker thread (more than one, so a large component does not leave a thread idle).
PARTS_PER_THREAD = 2

Progressed = Callable[[str, int, int | None], None]  # stage, done, total


@dataclass(slots=True)
class Prepared:
    """What a worker prepares of one article for resolution."""

    doc: Doc  # slim
    digest: tuple[str, np.ndarray]
    keys: list[tuple[str, str, str]]  # article_keys
    people: list[tuple[list[int], list[str]]]  # groups of person mentions inside the article, with name keys


def _aid(doc: Doc) -> str:
    return doc.article.id or doc.article.source


# worker side ----------------------------------------------------------------


def prepare_docs(docs: Sequence[Doc]) -> list[Prepared]:
    """Slim docs, digests, resolution keys and in-article person groups of full docs."""
    out = []
    for doc in docs:
        digests: dict[str, tuple[str, np.ndarray]] = {}
        small = slim(doc, digests)
        digest = digests[_aid(doc)]
        out.append(Prepared(small, digest, article_keys(small, digest[1]), _people_keys(small)))
    return out


def prepare_stored(db: str, ids: list[str]) -> list[Prepared]:
    """``prepare_docs`` of the stored extractions of ``ids``, read by the worker itself."""
    from tradetalks.ingest.bulk import worker_store

    store = worker_store(db)
    return prepare_docs([doc for aid in ids if (doc := store.get_doc(aid)) is not None])


def _people_keys(doc: Doc) -> list[tuple[list[int], list[str]]]:
    """Rule ``people_partition_keys``: the keys under which ``person_groups`` and ``merge_people`` can join a
    group of one article's person mentions to another article's: each full name of the group; and of its fullest
    name (the one ``merge_people`` compares a group by), the (Vietnamese or not, last word) block, for a foreign
    full name the vowel keys of its surname and its given words of four letters or more, for a one-word foreign
    name that word, for a Vietnamese name of three syllables or more its transcription block. Groups that share
    no key, even through others, are never joined.

    E.g. "Jamieson Greer" -> "p:jamiesongreer", "b:0:greer", "w:jamieson", "v:…"; "ông Greer" -> "b:0:greer".
    """
    uf = UnionFind()
    person_groups([doc], uf)
    out = []
    for refs in uf.groups():
        names = [parse_person(doc.mentions[i].text, doc.mentions[i].side) for _, i in refs]
        keys = {"p:" + n.key for n in names if len(n.tokens) >= 2}
        best = max(names, key=lambda n: (len(n.tokens), not n.nicknames, len(n.text), n.text, n.vietnamese))
        t = best.tokens
        if t:
            keys.add(f"b:{int(best.vietnamese)}:{best.surname}")
            if best.vietnamese:
                if len(t) >= 3:
                    keys.add(f"t:{' '.join(t[:-1])}|{syllable_onset(t[-1])}")
            elif len(t) >= 2:
                keys.update("v:" + k for k in vowel_keys(best.surname))
                keys.update("w:" + w for w in t[:-1] if len(w) >= 4)
            else:
                keys.add("w:" + best.surname)
        out.append(([i for _, i in refs], sorted(keys)))
    return out


class _Article(NamedTuple):
    """What a partition reads of an article (tuples travel to a worker several times faster than records)."""

    source: str
    id: str | None
    published: str | None


class _Mention(NamedTuple):
    """A ``Mention`` with the same fields, as a tuple; its ``role`` stays a record (few mentions have one)."""

    start: int
    end: int
    text: str
    type: str
    key: str
    canonical: str | None
    role: RoleMention | None
    side: str | None
    acronym: str | None
    ref: int | None
    gender: str | None


class _Doc(NamedTuple):
    article: _Article
    mentions: list[_Mention]


#: Stands in for a mention a partition does not read (one shared object: sent once).
_ABSENT = _Mention(0, 0, "", "", "", None, None, None, None, None, None)


def _light(m: Mention) -> _Mention:
    return _Mention(m.start, m.end, m.text, m.type, m.key, m.canonical, m.role, m.side, m.acronym, m.ref, m.gender)


@dataclass(slots=True)
class Part:
    """One entity partition as sent to a worker (pickled by us: Dask walks the fields of the arguments it is
    given, which for tens of thousands of mentions cost more than the work).

    ``docs``: the articles its mentions are in, by their place in the dossier's order (mentions only)."""

    docs: dict[int, _Doc]  # read as Docs are: .article.id, .source, .published and .mentions[i]
    people: list[list[Ref]]  # in-article person groups
    others: list[list[Ref]]  # groups of organisations, countries and places
    holders: HolderCounts | None = None  # rule dominant_surname_holder: the counts of the whole archive


def entity_part_sent(part: bytes) -> bytes:
    """``entity_part`` of a pickled Part, its records pickled (transport between client and worker only)."""
    return pickle.dumps(entity_part(pickle.loads(part)), protocol=pickle.HIGHEST_PROTOCOL)


def entity_part(part: Part) -> list[tuple[Entity, list[Ref]]]:
    """The entity records of one partition: its in-article person groups joined across articles as
    ``cluster_entities`` joins them, and its groups of organisations, countries and places."""
    docs, people, others = part.docs, part.people, part.others
    uf = UnionFind()
    first: dict[str, Ref] = {}
    for refs in people:
        for r in refs:
            uf.find(r)
            uf.union(refs[0], r)
            m = docs[r[0]].mentions[r[1]]
            name = parse_person(m.text, m.side)
            if len(name.tokens) >= 2:  # identical full names across articles (person_groups)
                if name.key in first:
                    uf.union(r, first[name.key])
                else:
                    first[name.key] = r
    merge_people(docs, uf, counted=part.holders)  # type: ignore[arg-type]  # indexed by place, as a list would be
    index = index_entities(docs, sorted(uf.groups() + [sorted(g) for g in others]))  # type: ignore[arg-type]
    return [(e, index.members[e.id]) for e in index.entities]


# client side ----------------------------------------------------------------


def _part_docs(ordered: Sequence[Doc], countries: dict[int, list[int]], groups: list[list[Ref]]) -> dict[int, _Doc]:
    """What a partition reads of its articles, by place: their mentions in its groups and the countries they
    name (``countries``: their indexes in the articles with a transcribed name, which ``merge_people`` compares
    by them), each at its index, ``_ABSENT`` elsewhere."""
    out: dict[int, _Doc] = {}
    for g in groups:
        for d, i in g:
            doc = out.get(d)
            if doc is None:
                whole = ordered[d]
                a = whole.article
                doc = out[d] = _Doc(_Article(a.source, a.id, a.published), [_ABSENT] * len(whole.mentions))
                for c in countries.get(d, ()):
                    doc.mentions[c] = _light(whole.mentions[c])
            doc.mentions[i] = _light(ordered[d].mentions[i])
    return out


def _components(ordered: Sequence[Doc], prepared: dict[str, Prepared]) -> tuple[list[list[list[Ref]]], set[int]]:
    """The people's groups (as refs into ``ordered``) in connected components of their shared keys, and the
    places of the articles with a name of a transcription block (whose countries ``merge_people`` reads)."""
    nodes: list[list[Ref]] = []
    transcribed: set[int] = set()
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, int] = {}
    for d, doc in enumerate(ordered):
        for indices, keys in prepared[_aid(doc)].people:
            n = len(nodes)
            nodes.append([(d, i) for i in indices])
            parent.append(n)
            for key in keys:
                if key.startswith("t:"):
                    transcribed.add(d)
                if key in owner:
                    a, b = find(n), find(owner[key])
                    parent[max(a, b)] = min(a, b)
                else:
                    owner[key] = n
    comps: dict[int, list[list[Ref]]] = {}
    for n, refs in enumerate(nodes):
        comps.setdefault(find(n), []).append(refs)
    return list(comps.values()), transcribed


def _pack(items: list[tuple[int, Any]], parts: int) -> list[list[Any]]:
    """Items (weight, item) into ``parts`` bins of about equal weight, heaviest first."""
    bins: list[list[Any]] = [[] for _ in range(parts)]
    heap = [(0, b) for b in range(parts)]
    for weight, item in sorted(items, key=lambda x: -x[0]):
        load, b = heapq.heappop(heap)
        bins[b].append(item)
        heapq.heappush(heap, (load + weight, b))
    return [b for b in bins if b]


def reduce_parts(ordered: Sequence[Doc], parts: list[list[tuple[Entity, list[Ref]]]]) -> EntityIndex:
    """One EntityIndex from the partitions' records, as ``index_entities`` of every group would give it."""
    records = sorted((refs[0], ent, refs) for part in parts for ent, refs in part)
    index = EntityIndex()
    taken: set[str] = set()
    for _, ent, refs in records:
        ent.id = entity_record_id(ent.type, ent.name, refs, ordered, taken)
        taken.add(ent.id)
        index.entities.append(ent)
        index.members[ent.id] = refs
        for d, i in refs:
            index.of[(_aid(ordered[d]), i)] = ent.id
        if ent.type != "person":
            for spelling in [ent.name, *ent.aliases]:
                index.by_name.setdefault(fold_text(spelling), ent.id)
    index.entities.sort(key=lambda e: e.id)
    return index


@dataclass(slots=True)
class ClusterRun:
    """What a resolution on the cluster did."""

    dossier: Dossier
    articles: int = 0
    prepared_before: int = 0  # prepared as the workers stored them (the others were read again)
    partitions: int = 0  # entity partitions
    largest: int = 0  # mentions in the largest component of people
    seconds: dict[str, float] = field(default_factory=dict)  # wall per stage: prepare, entities, resolve, write


def plan_parts(ordered: Sequence[Doc], prepared: dict[str, Prepared], count: int) -> tuple[Iterator[Part], int]:
    """The entity partitions (at most ``count``, built as they are taken, so the first can be sent while the
    next is built) of the ordered docs, and the mentions of the largest component of people: people's
    components and organisations' groups packed by their mentions."""
    uf = UnionFind()
    other_groups(ordered, uf)
    comps, transcribed = _components(ordered, prepared)
    items: list[tuple[int, tuple[str, list[list[Ref]]]]] = [(sum(len(g) for g in c), ("p", c)) for c in comps]
    largest = max((w for w, _ in items), default=0)
    items += [(len(g), ("o", [g])) for g in uf.groups()]
    countries = {d: [i for i, m in enumerate(ordered[d].mentions) if m.type == "country"] for d in transcribed}
    holders = holder_counts(ordered, None)  # a surname's holders are counted over every article, as in one pass

    def parts() -> Iterator[Part]:
        for b in _pack(items, count):
            people = [g for kind, groups in b if kind == "p" for g in groups]
            others = [g for kind, groups in b if kind == "o" for g in groups]
            yield Part(_part_docs(ordered, countries, people + others), people, others, holders)

    return parts(), largest


def cluster_entities_on(
    client: Any, prepared: dict[str, Prepared], progress: Progressed, run: ClusterRun
) -> Callable[[list[Doc]], EntityIndex]:
    """A stand-in for ``cluster_entities`` that clusters on the workers of ``client``."""
    from distributed import as_completed

    def cluster(ordered: list[Doc]) -> EntityIndex:
        started = time.perf_counter()
        threads = max(1, sum(client.nthreads().values()))
        planned = plan_parts(ordered, prepared, threads * PARTS_PER_THREAD)
        run.largest = planned[1]
        futures = [
            client.submit(entity_part_sent, pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL), pure=False)
            for p in planned[0]
        ]
        parts = []
        run.partitions = len(futures)
        progress("entities", 0, len(futures))
        for n, future in enumerate(as_completed(futures), 1):
            parts.append(pickle.loads(future.result()))
            future.release()
            progress("entities", n, len(futures))
        index = reduce_parts(ordered, parts)
        run.seconds["entities"] = time.perf_counter() - started
        return index

    return cluster


def _prepare(
    client: Any, store: Store, db: str | None, done: dict[str, Prepared], progress: Progressed
) -> dict[str, Prepared]:
    """Every stored article prepared: ``done`` (prepared as the workers stored them), the others on the
    workers (read there from ``db``, else read here and sent)."""
    from distributed import as_completed

    ids = stored_ids(store)
    out = {aid: done[aid] for aid in ids if aid in done}
    rest = [aid for aid in ids if aid not in out]
    futures = []
    if db is not None:
        for n in range(0, len(rest), PREPARE_CHUNK):
            futures.append(client.submit(prepare_stored, db, rest[n : n + PREPARE_CHUNK], pure=False))
    else:
        for n in range(0, len(rest), PREPARE_CHUNK):
            chunk = [doc for aid in rest[n : n + PREPARE_CHUNK] if (doc := store.get_doc(aid)) is not None]
            futures.append(client.submit(prepare_docs, chunk, pure=False))
    progress("reading", len(out), len(ids))
    for future in as_completed(futures):
        for p in future.result():
            out[_aid(p.doc)] = p
        future.release()
        progress("reading", len(out), len(ids))
    return out


def stored_ids(store: Store) -> list[str]:
    """The ids of every stored article."""
    return [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY id")]  # type: ignore[attr-defined]


def rebuild_on_cluster(
    client: Any,
    store: Store,
    db: str | None,
    console: Console | None = None,
    done: dict[str, Prepared] | None = None,
) -> ClusterRun:
    """``rebuild_dossier`` with its costly parts on the workers of ``client``; the same dossier and rows.

    ``db``: the store URL the workers can open to read the extractions themselves (None: sent from here);
    ``done``: articles prepared already, by id (the latest stored version of each).
    """
    built_from = store.revision()  # read first, as rebuild_dossier does
    with _progress(console) as progress:
        started = time.perf_counter()
        prepared = _prepare(client, store, db, done or {}, progress)
        run = ClusterRun(Dossier([], [], [], []), len(prepared), sum(1 for aid in prepared if aid in (done or {})))
        run.seconds["prepare"] = time.perf_counter() - started
        started = time.perf_counter()
        digests = {aid: p.digest for aid, p in prepared.items()}
        docs = [p.doc for p in prepared.values()]
        ordered = dossier_order(docs, {aid: d[0] for aid, d in digests.items()})
        dossier = build_dossier(
            ordered, digests, store.corrections(), entities=cluster_entities_on(client, prepared, progress, run)
        )
        run.seconds["resolve"] = time.perf_counter() - started - run.seconds.get("entities", 0.0)
        started = time.perf_counter()
        progress("writing", 0, None)
        keys = {aid: p.keys for aid, p in prepared.items()}
        by_id = [prepared[aid].doc for aid in sorted(prepared)]  # as the store lists them
        store.save_dossier(dossier, built_from, resolution_of(by_id, digests, dossier, keys))
        store.put_state("resolution", "keys", {"version": KEYS_VERSION})
        run.seconds["write"] = time.perf_counter() - started
    run.dossier = dossier
    return run


@contextmanager
def _progress(console: Console | None) -> Iterator[Progressed]:
    """A Rich progress bar of the resolution's stages; yields ``progress(stage, done, total)``."""
    if console is None:
        yield lambda stage, done, total: None
        return
    columns = (TextColumn("resolve: {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield progress
