"""Near-duplicate articles (MinHash LSH over word shingles) and articles grouped into one story."""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

import numpy as np

from tradetalks.model import Doc, Event, content_hash
from tradetalks.resolve.bands import BandIndex
from tradetalks.resolve.names import fold_text

NUM_PERM = 64
SHINGLE = 3
#: Jaccard similarity from which two articles are one text republished or lightly edited.
DUPLICATE = 0.8
#: Jaccard similarity from which two articles may tell the same story (checked with names and dates).
RELATED = 0.3
#: Share of their events two articles must have in common to tell one story (when they share just one).
SAME_EVENTS = 0.5
#: Articles of one story lie this many days apart at most, when both dates are known.
STORY_DAYS = 7
#: A name told by at most this share of the articles (or by two) is rare enough to tie two articles.
RARE_NAME_SHARE = 0.05
#: How many rare names two dated articles of the same days must share to tell one story.
RARE_NAMES = 2
_WORD = re.compile(r"\w+")
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Multipliers (odd) and offsets of the multiply-shift hash functions, fixed by a seed."""
    gen = np.random.RandomState(1)
    a = gen.randint(1, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
    return a, b


class _Vocabulary(dict[str, int]):
    """Word -> crc32, computed once per word (the same value in every process and run)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


class Shingler:
    """Hashes of the word 3-shingles of folded text (repeats kept: they do not change a MinHash)."""

    def __init__(self) -> None:
        self.words = _Vocabulary()

    def hashes(self, folded: str) -> np.ndarray:
        ids = list(map(self.words.__getitem__, _WORD.findall(folded)))
        if not ids:
            return np.zeros(0, dtype=np.uint64)
        arr = np.asarray(ids, dtype=np.uint64)
        if len(arr) < SHINGLE:
            return arr
        mixed = arr[:-2] * np.uint64(0x9E3779B1) ^ arr[1:-1] * np.uint64(0x85EBCA77) ^ arr[2:] * np.uint64(0xC2B2AE3D)
        return mixed & _MAX_HASH


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash values of a bag of 32-bit hashes under NUM_PERM multiply-shift hash functions."""
    a, b = _permutations()
    out = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    for lo in range(0, len(hashes), 4096):
        chunk = hashes[lo : lo + 4096].reshape(-1, 1)
        out = np.minimum(out, ((chunk * a + b) >> np.uint64(32)).min(axis=0))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(slots=True)
class StoryInput:
    """What clustering needs of one article: id, date, text hash, folded text, names and events it holds."""

    id: str
    published: str | None
    hash: str
    folded: str
    entities: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)
    lead: str | None = None  # the event the article tells first
    signature: np.ndarray | None = None  # MinHash of ``folded``, when computed ahead (folded then may be empty)
    key: str = ""  # the article's URL, else its source: which of two same-day copies is the original


@dataclass(slots=True)
class StoryResult:
    story: dict[str, str]
    duplicate_of: dict[str, str | None]
    exact: int = 0
    near: int = 0


class _Union:
    def __init__(self, keys: Iterable[str], rank: Mapping[str, tuple[str, ...]]) -> None:
        self.parent = {k: k for k in keys}
        self.rank = rank

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        lo, hi = sorted((ra, rb), key=lambda k: self.rank[k])
        self.parent[hi] = lo
        return True


class _Stories(_Union):
    """Articles grouped into stories, each story with the dates its articles speak of.

    Rule ``stories_meet_in_time``: two groups join only when some dates of theirs lie within STORY_DAYS (or
    one has none), so an undated article telling of the April tariffs does not bridge an April story and a
    September one that both mention them."""

    def __init__(self, items: Sequence[StoryInput], rank: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__(rank, rank)
        self.dates: dict[str, list[date]] = {it.id: sorted(set(it.dates)) for it in items}

    def join(self, a: str, b: str, always: bool = False) -> bool:
        """Join the stories of two articles when their dates meet (``always``: copies of one text)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not always and not _dates_meet(self.dates[ra], self.dates[rb]):
            return False
        merged = sorted(set(self.dates[ra]) | set(self.dates[rb]))
        self.union(ra, rb)
        self.dates[self.find(ra)] = merged
        return True


def _dates_meet(xs: list[date], ys: list[date]) -> bool:
    """Some date of one sorted list lies within STORY_DAYS of some date of the other (or a list is empty)."""
    if not xs or not ys:
        return True
    if len(xs) > len(ys):
        xs, ys = ys, xs
    for x in xs:
        k = bisect_left(ys, x)
        if any(abs((ys[i] - x).days) <= STORY_DAYS for i in (k - 1, k) if 0 <= i < len(ys)):
            return True
    return False


def _close_in_time(a: StoryInput, b: StoryInput) -> bool:
    if not a.dates or not b.dates:
        return True
    return any(abs((x - y).days) <= STORY_DAYS for x in a.dates for y in b.dates)


def cluster_stories(items: Sequence[StoryInput], elsewhere: Elsewhere | None = None) -> StoryResult:
    """Mark near-duplicates (earliest, then by URL or source, first) and group articles telling one story.

    The original of two copies never depends on ids, which come from the path an article was read from.
    ``elsewhere`` counts the names of articles resolved outside ``items`` (see _rare_names_shared).
    """
    # by content, then id: which links join first (stories_meet_in_time) never depends on paths
    items = sorted(items, key=lambda it: (it.hash, it.id))
    rank = {it.id: (it.published or "9999-99-99", it.key, it.id) for it in items}
    dups = _Union(rank, rank)
    stories = _Stories(items, rank)
    exact = near = 0
    first_of_hash: dict[str, str] = {}
    shingler = Shingler()
    sigs: dict[str, np.ndarray] = {}  # of the first article of each text (a copy of one is never compared)
    for it in items:
        if it.hash not in first_of_hash:
            first_of_hash[it.hash] = it.id
            sigs[it.id] = it.signature if it.signature is not None else signature(shingler.hashes(it.folded))
    dup_index, rel_index = BandIndex(DUPLICATE, NUM_PERM, sigs), BandIndex(RELATED, NUM_PERM, sigs)
    by_id = {it.id: it for it in items}
    for it in items:
        if first_of_hash[it.hash] != it.id:
            exact += dups.union(it.id, first_of_hash[it.hash])
            continue
        sig = sigs[it.id]
        for other in dup_index.query(it.id):
            if similarity(sig, sigs[other]) >= DUPLICATE:
                near += dups.union(it.id, other)
        dup_index.insert(it.id)
        if len(it.entities) < 2:
            continue  # similarity alone never makes a story: at least two shared names are needed
        for other in sorted(rel_index.query(it.id), key=lambda k: (by_id[k].hash, k)):
            o = by_id[other]
            if similarity(sig, sigs[other]) >= RELATED and len(it.entities & o.entities) >= 2 and _close_in_time(it, o):
                stories.join(it.id, other)
        rel_index.insert(it.id)
    for it in items:
        stories.join(it.id, dups.find(it.id), always=True)
    by_event: dict[str, list[str]] = defaultdict(list)
    for it in items:
        for ev in it.events:
            by_event[ev].append(it.id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for members in by_event.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[(a, b)] += 1
    content = {it.id: it.hash for it in items}
    for (a, b), n in sorted(shared.items(), key=lambda kv: (-kv[1], sorted(content[x] for x in kv[0]), kv[0])):
        union = len(by_id[a].events | by_id[b].events)
        leads = by_id[a].lead in by_id[b].events or by_id[b].lead in by_id[a].events
        if (n >= 2 or n / union >= SAME_EVENTS or leads) and _close_in_time(by_id[a], by_id[b]):
            stories.join(a, b)
    for a, b in _rare_names_shared(items, elsewhere):
        stories.join(a, b)
    duplicate_of = {it.id: (None if dups.find(it.id) == it.id else dups.find(it.id)) for it in items}
    story = {it.id: "s-" + stories.find(it.id) for it in items}
    return StoryResult(story, duplicate_of, exact, near)


class Elsewhere(Protocol):
    """How many articles resolved outside the items name an entity (in a week), fall in a week, exist: an
    incremental resolution of some articles counts names against the whole archive (``resolve/incremental.py``)."""

    def naming(self, entity: str, week: int | None) -> int: ...

    def week(self, week: int) -> int: ...

    def articles(self) -> int: ...


class _Nowhere:
    def naming(self, entity: str, week: int | None) -> int:
        return 0

    def week(self, week: int) -> int:
        return 0

    def articles(self) -> int:
        return 0


def _rare_names_shared(items: Sequence[StoryInput], elsewhere: Elsewhere | None = None) -> list[tuple[str, str]]:
    """Rule ``rare_names_same_days``: two articles dated within STORY_DAYS that both name two or more people or
    organisations the news seldom names (a ship's captain, a university) tell one story, whatever their
    wording. A name is rare when at most RARE_NAME_SHARE of all the articles (or two) name it, and as few of
    its week's: a prime minister named every day is no tie, in a small set or a large archive. Pairs are
    sought per name and week (and the weeks beside it), never over all articles."""
    total: dict[str, int] = defaultdict(int)
    for it in items:
        for e in it.entities:
            total[e] += 1
    per_week: dict[int, int] = defaultdict(int)
    by_week: dict[tuple[str, int], list[StoryInput]] = defaultdict(list)
    for it in items:
        for w in {d.toordinal() // 7 for d in it.dates}:
            per_week[w] += 1
            for e in it.entities:
                by_week[(e, w)].append(it)
    if elsewhere is not None:  # only the keys that can make a pair here ask how often the others name them
        pairable = {(e, w) for e, w in by_week if sum(len(by_week.get((e, k), ())) for k in (w - 1, w, w + 1)) > 1}
        by_week = {key: members for key, members in by_week.items() if key in pairable}
    out = elsewhere or _Nowhere()
    rare = {
        key: members
        for key, members in by_week.items()
        if total[key[0]] + out.naming(key[0], None) <= max(2, int(RARE_NAME_SHARE * (len(items) + out.articles())))
        and len(members) + out.naming(key[0], key[1])
        <= max(2, int(RARE_NAME_SHARE * (per_week[key[1]] + out.week(key[1]))))
    }
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (e, w), members in rare.items():
        near = members + [o for k in (w - 1, w + 1) for o in rare.get((e, k), [])]
        for a in members:
            for b in near:
                if a.id < b.id and _close_in_time(a, b):
                    shared[(a.id, b.id)].add(e)
    content = {it.id: it.hash for it in items}
    found = [pair for pair, names in shared.items() if len(names) >= RARE_NAMES]
    return sorted(found, key=lambda p: (sorted(content[x] for x in p), p))


def text_digest(text: str, folded: str = "") -> tuple[str, np.ndarray]:
    """What clustering needs of an article's text: its content hash and the MinHash of its folded words."""
    return content_hash(text), signature(_shared_shingler().hashes(folded or fold_text(text)))


@lru_cache(maxsize=1)
def _shared_shingler() -> Shingler:
    """One word-hash cache for every digest of a run."""
    return Shingler()


def story_inputs(
    docs: Sequence[Doc],
    events: Sequence[Event],
    entity_of: dict[tuple[str, int], str],
    digests: Mapping[str, tuple[str, np.ndarray]] | None = None,
) -> list[StoryInput]:
    """Each doc's text (or its digest), named entities (not countries or places) and dossier events."""
    per_article: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[date]] = defaultdict(set)
    first: dict[str, tuple[int, str]] = {}
    for ev in events:
        for e in ev.evidence:
            per_article[e.article].add(ev.id or "")
            first[e.article] = min(first.get(e.article, (e.start, ev.id or "")), (e.start, ev.id or ""))
        if ev.start and not ev.start.startswith("X"):
            try:
                d = date.fromisoformat(ev.start[:10])
            except ValueError:
                continue
            for e in ev.evidence:
                dates[e.article].add(d)
    out = []
    for doc in docs:
        aid = doc.article.id or doc.article.source
        ents = {
            entity_of[(aid, i)]
            for i, m in enumerate(doc.mentions)
            if m.type in ("person", "organization") and (aid, i) in entity_of
        }
        day = []
        if doc.article.published:
            try:
                day = [date.fromisoformat(doc.article.published)]
            except ValueError:
                day = []
        digest = digests.get(aid) if digests is not None else None
        folded = "" if digest is not None else doc.folded or fold_text(doc.article.text)
        out.append(
            StoryInput(
                aid,
                doc.article.published,
                digest[0] if digest is not None else doc.article.hash,
                folded,
                ents,
                per_article[aid],
                day or sorted(dates[aid]),
                first[aid][1] if aid in first else None,
                digest[1] if digest is not None else None,
                doc.article.key,
            )
        )
    return out
