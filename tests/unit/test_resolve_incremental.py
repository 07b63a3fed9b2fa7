"""Incremental resolution (resolve/incremental.py) gives the dossier a full rebuild gives, on both backends: articles
stored one at a time or in batches, in any order, re-resolve only what they touch; a new article that bridges two
events merges them."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, pg_test_url

from tradetalks.ingest.articles import build_article
from tradetalks.model import Article, Doc
from tradetalks.pipeline import default_pipeline
from tradetalks.resolve import rebuild_dossier
from tradetalks.resolve.incremental import Outcome, current_revision, resolve_new
from tradetalks.store import open_store
from tradetalks.store.codec import to_dict

#: Our own short reports (published date, text): a dated session of the talks, the same talks' seventh round
#: told without a date two months later, the article that gives the seventh round that date (it bridges the
#: two), and two articles that share nothing with any other.
OWN = {
    "phien": (
        "2025-03-15",
        "Ngày 14/3/2025, Việt Nam và Hoa Kỳ tiến hành phiên đàm phán về thuế đối ứng tại Washington.",
    ),
    "vong7": (
        "2025-05-20",
        "Vòng đàm phán thứ bảy về thuế đối ứng giữa Việt Nam và Hoa Kỳ đã kết thúc tại Washington.",
    ),
    "cau-noi": (
        "2025-03-16",
        "Vòng đàm phán thứ bảy về thuế đối ứng giữa Việt Nam và Hoa Kỳ diễn ra ngày 14/3/2025 tại Washington.",
    ),
    "rau": ("2024-09-02", "Giá rau xanh ở các chợ đầu mối tăng nhẹ trong tuần qua vì mưa lớn kéo dài."),
    "lua": ("2023-06-11", "Nông dân miền Tây bắt đầu thu hoạch lúa hè thu sớm hơn mọi năm."),
    # a foreign minister, then the same name misspelt a vowel apart in each word; two people of surnames a vowel
    # apart but of other given names
    "vieira": ("2025-03-10", "Ngoại trưởng Brazil Mauro Vieira đã tiếp Đại sứ Việt Nam tại Brasilia hôm thứ Hai."),
    "viera": ("2025-03-12", "Ngoại trưởng Brazil Maurio Viera cho biết hai nước sẽ mở rộng hợp tác thương mại."),
    "lee": (
        "2025-03-10",
        "Ông Mark Lee, Giám đốc một hãng tàu Hàn Quốc, cho biết giá cước vận tải biển tăng.",
    ),
    "lea": ("2025-03-11", "Ông John Lea, chuyên gia kinh tế người Anh, nhận định xuất khẩu gạo của Việt Nam sẽ tăng."),
    # a foreign official's name read into Vietnamese syllables, then written with its last syllable read otherwise
    "cuong": ("2025-04-10", "Thứ trưởng Bộ Thương mại Trung Quốc Lý Thành Cương tới Hà Nội bàn về nông sản."),
    "cang": ("2025-04-12", "Ông Lý Thành Cảng cho biết Trung Quốc muốn mua thêm sầu riêng của Việt Nam."),
}


class _Pipeline:
    """The default pipeline, each text extracted once for the whole module (a copy handed out each time)."""

    def __init__(self) -> None:
        self.run = default_pipeline()
        self.done: dict[str, Doc] = {}

    def __call__(self, article: Article) -> Doc:
        key = f"{article.key}|{article.hash}"
        if key not in self.done:
            self.done[key] = self.run(copy.deepcopy(article))
        doc = copy.deepcopy(self.done[key])
        doc.article = article
        return doc


@pytest.fixture(scope="module")
def pipeline() -> _Pipeline:
    return _Pipeline()


def _own(name: str) -> Article:
    published, text = OWN[name]
    url = f"https://tin.example.vn/{name}"
    return build_article(url, text, title=f"Tin {name}", url=url, published=published)


def _corpus() -> list[Article]:
    """The five seeds (read at run time), the cross-article development articles and our own reports."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present beside the repository")
    dev = sorted((Path(__file__).parents[1] / "eval" / "dev" / "resolve" / "articles").glob("*.txt"))
    out = [build_article(str(p), p.read_text(encoding="utf-8")) for p in seeds + dev]
    return out + [_own(name) for name in OWN]


@contextmanager
def _fresh_store(backend: str, tmp: Path) -> Iterator[Any]:
    """An empty store of the backend (a new file, or a new PostgreSQL schema dropped afterwards)."""
    if backend == "sqlite":
        with open_store(str(tmp / f"{uuid.uuid4().hex}.db")) as store:
            yield store
        return
    import psycopg

    base, schema = pg_test_url(), f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        with open_store(f"{base}{sep}options=-csearch_path%3D{schema},public") as store:
            yield store
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _store_batch(store: Any, batch: list[Article], pipeline: _Pipeline) -> Outcome:
    """Store articles as ``ingest`` does, then resolve what they touch."""
    since = current_revision(store)
    ids = []
    for article in batch:
        article = copy.deepcopy(article)
        outcome = store.add_article(article, pipeline(article))
        if outcome.status in ("new", "updated") and outcome.article_id:
            ids.append(outcome.article_id)
    return resolve_new(store, ids, since)


def _as_rebuilt(store: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the dossier as stored, the dossier a full rebuild of the same store gives) as plain data."""
    kept = to_dict(store.load_dossier())
    rebuild_dossier(store)
    return kept, to_dict(store.load_dossier())


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_incremental_resolution_equals_rebuild_in_any_order_and_batches(
    backend: str, tmp_path: Path, pipeline: _Pipeline
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    corpus = _corpus()
    if backend == "postgres":
        pg_test_url()

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.permutations(range(len(corpus))), st.lists(st.integers(1, 3), min_size=len(corpus), max_size=len(corpus)))
    def check(order: list[int], sizes: list[int]) -> None:
        batches, at = [], 0
        for size in sizes:
            if at < len(order):
                batches.append([corpus[i] for i in order[at : at + size]])
                at += size
        with _fresh_store(backend, tmp_path) as store:
            outcomes = [_store_batch(store, batch, pipeline) for batch in batches]
            assert all(o.rebuilt is None for o in outcomes[1:]), [o.rebuilt for o in outcomes]
            assert store.dossier_is_current()
            kept, rebuilt = _as_rebuilt(store)
            assert kept == rebuilt

    check()


@pytest.mark.parametrize("backend", BACKENDS)
def test_new_article_bridging_two_events_merges_them(backend: str, tmp_path: Path, pipeline: _Pipeline) -> None:
    """A dated session without a number and the undated seventh round, told two months apart, are two events;
    the article telling the seventh round on that day makes them one (rows replaced, the same as a rebuild)."""
    with _fresh_store(backend, tmp_path) as store:
        _store_batch(store, [_own("phien"), _own("vong7"), _own("rau")], pipeline)
        rounds = [e for e in store.load_dossier().events if e.type == "negotiation_round"]
        assert len(rounds) == 2 and {(e.ordinal, e.start) for e in rounds} == {(None, "2025-03-14"), (7, None)}
        outcome = _store_batch(store, [_own("cau-noi")], pipeline)
        assert outcome.rebuilt is None
        assert "rau" not in " ".join(outcome.articles), "an article that shares nothing is not resolved again"
        rounds = [e for e in store.load_dossier().events if e.type == "negotiation_round"]
        assert [(e.ordinal, e.start) for e in rounds] == [(7, "2025-03-14")]
        assert len({v.article for v in rounds[0].evidence}) == 3
        kept, rebuilt = _as_rebuilt(store)
        assert kept == rebuilt


def test_unrelated_article_resolves_alone(tmp_path: Path, pipeline: _Pipeline) -> None:
    """Rule: what an article touches is found by its keys; an article sharing none re-resolves only itself."""
    with _fresh_store("sqlite", tmp_path) as store:
        _store_batch(store, [_own("phien"), _own("vong7"), _own("rau")], pipeline)
        outcome = _store_batch(store, [_own("lua")], pipeline)
        assert outcome.rebuilt is None and len(outcome.articles) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_spelling_variant_re_resolves_its_namesake_and_a_vowel_apart_surname_does_not(
    backend: str, tmp_path: Path, pipeline: _Pipeline
) -> None:
    """Rule ``spelling_variant_keys``: a name misspelt a vowel apart in each word re-resolves the stored article
    of the name and becomes one person with it; a surname a vowel apart under another given name ("John Lea"
    beside a stored "Mark Lee") re-resolves only its own article. Both give the rebuild's dossier."""
    with _fresh_store(backend, tmp_path) as store:
        _store_batch(store, [_own("vieira"), _own("lee"), _own("rau")], pipeline)
        outcome = _store_batch(store, [_own("viera")], pipeline)
        assert outcome.rebuilt is None and len(outcome.articles) == 2
        people = [
            e for e in store.load_dossier().entities if e.type == "person" and "Vieira" in e.name + str(e.aliases)
        ]
        assert len(people) == 1 and len({m.article for m in people[0].mentions}) == 2
        outcome = _store_batch(store, [_own("lea")], pipeline)
        assert outcome.rebuilt is None and len(outcome.articles) == 1
        kept, rebuilt = _as_rebuilt(store)
        assert kept == rebuilt


@pytest.mark.parametrize("backend", BACKENDS)
def test_transcribed_name_re_resolves_the_official_it_may_be(backend: str, tmp_path: Path, pipeline: _Pipeline) -> None:
    """Rule ``name_blocks_as_keys`` ("vt"/"vo" keys): a foreign official's transcribed name written with another
    last syllable re-resolves the stored article of the official (``transcribed_foreign_name`` may join them),
    and gives the rebuild's dossier."""
    with _fresh_store(backend, tmp_path) as store:
        _store_batch(store, [_own("cuong"), _own("rau")], pipeline)
        outcome = _store_batch(store, [_own("cang")], pipeline)
        assert outcome.rebuilt is None and len(outcome.articles) == 2
        people = [e for e in store.load_dossier().entities if e.type == "person" and e.name.startswith("Lý Thành")]
        assert len(people) == 1 and len(people[0].mentions) == 2
        kept, rebuilt = _as_rebuilt(store)
        assert kept == rebuilt


def test_stale_dossier_or_corrections_take_the_full_rebuild(tmp_path: Path, pipeline: _Pipeline) -> None:
    with _fresh_store("sqlite", tmp_path) as store:
        first = _store_batch(store, [_own("phien")], pipeline)
        assert first.rebuilt == "the stored dossier has no resolution keys yet"
        article = _own("vong7")
        store.add_article(article, pipeline(article))  # stored, never resolved: the dossier is stale
        later = _store_batch(store, [_own("rau")], pipeline)
        assert later.rebuilt == "the dossier was not current before these articles"
        assert store.dossier_is_current()


def test_ingest_resolves_incrementally(tmp_path: Path, pipeline: _Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ingest`` of a file into a store with a current dossier resolves only what the file touches."""
    from tradetalks.ingest import batch
    from tradetalks.resolve import incremental

    seen: list[Outcome] = []
    real = incremental.resolve_new

    def traced(*args: Any) -> Outcome:  # the real resolution, its outcome kept
        seen.append(real(*args))
        return seen[-1]

    monkeypatch.setattr(incremental, "resolve_new", traced)
    folder = tmp_path / "in"
    folder.mkdir()
    with _fresh_store("sqlite", tmp_path) as store:
        for name in ("phien", "rau", "cau-noi"):
            published, text = OWN[name]
            (folder / f"{name}.txt").write_text(f"Title: Tin {name}\nDate: {published}\n\n{text}\n", encoding="utf-8")
            batch.ingest_paths(store, [str(folder / f"{name}.txt")], pipeline=pipeline)
        assert [o.rebuilt is None for o in seen] == [False, True, True]
        assert len(seen[-1].articles) == 2, "the bridging article and the session it names, not the market report"
        kept, rebuilt = _as_rebuilt(store)
        assert kept == rebuilt


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_stores_articles_and_dossier_rows_in_one_transaction(
    backend: str, tmp_path: Path, pipeline: _Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When resolving the new articles fails, the articles are not left stored beside a stale dossier: both are
    written in one transaction, so neither is."""
    from tradetalks.ingest import batch
    from tradetalks.resolve import incremental

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("phien", "rau"):
        published, text = OWN[name]
        (folder / f"{name}.txt").write_text(f"Title: Tin {name}\nDate: {published}\n\n{text}\n", encoding="utf-8")
    with _fresh_store(backend, tmp_path) as store:
        batch.ingest_paths(store, [str(folder / "phien.txt")], pipeline=pipeline)
        revision = store.revision()

        def broken(*args: Any) -> Outcome:
            raise RuntimeError("resolution interrupted")

        monkeypatch.setattr(incremental, "resolve_new", broken)
        with pytest.raises(RuntimeError):
            batch.ingest_paths(store, [str(folder / "rau.txt")], pipeline=pipeline)
        assert store.revision() == revision
        assert len(list(store.articles())) == 1
        assert store.dossier_is_current()


@pytest.mark.parametrize("backend", BACKENDS)
def test_update_computed_from_an_older_dossier_is_refused(backend: str, tmp_path: Path, pipeline: _Pipeline) -> None:
    """Another process wrote the dossier while an incremental update was computed: the update is refused (and
    resolve_new then takes the full rebuild) instead of mixing two states."""
    from tradetalks.model import Dossier
    from tradetalks.store.keys_rows import DossierMoved, Resolution, RowChange

    with _fresh_store(backend, tmp_path) as store:
        _store_batch(store, [_own("phien")], pipeline)
        current = store.revision()
        stale = RowChange([], Dossier(), Resolution(), based_on=current - 1)
        with pytest.raises(DossierMoved):
            store.update_dossier(stale, current)
        store.update_dossier(RowChange([], Dossier(), Resolution(), based_on=current), current)
        assert store.dossier_is_current()


def test_spelling_variant_keys_meet_for_every_variant_and_not_for_a_mere_vowel_of_the_surname() -> None:
    """Rule ``spelling_variant_keys``: two foreign names ``spelling_variant`` may join share a key (the number of
    words, the first and the last word each as is or with a vowel taken out); names whose surnames are one vowel
    apart but whose given names are not share none, so a new "Li Qiang" does not re-resolve every stored "Lu"."""
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st

    from tradetalks.resolve.names import vowel_variant
    from tradetalks.resolve.resolution_keys import spelling_keys

    word = st.text(alphabet="abdeikloru", min_size=4, max_size=8)

    def vary(w: str, how: int, at: int) -> str:  # one vowel added, dropped or changed (or the word kept)
        k = at % len(w)
        if how == 1:
            return w[:k] + "e" + w[k:]
        if how == 2 and w[k] in "aeiou":
            return w[:k] + w[k + 1 :]
        if how == 3 and w[k] in "aeiou":
            return w[:k] + ("a" if w[k] != "a" else "o") + w[k + 1 :]
        return w

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(word, st.integers(0, 3), st.integers(0, 7)), min_size=2, max_size=4))
    def check(parts: list[tuple[str, int, int]]) -> None:
        a = [w for w, _, _ in parts]
        b = [vary(w, how, at) for w, how, at in parts]
        assume(all(vowel_variant(x, y) for x, y in zip(a, b, strict=True)))  # a 3-letter word is no variant
        assert spelling_keys(a) & spelling_keys(b), (a, b)

    check()
    assert spelling_keys(["mauro", "vieira"]) & spelling_keys(["maurio", "viera"])
    assert not spelling_keys(["li", "qiang"]) & spelling_keys(["lu", "qiang"])
    assert not spelling_keys(["mark", "lee"]) & spelling_keys(["john", "lea"])
    assert not spelling_keys(["mark", "lee", "smith"]) & spelling_keys(["mark", "lee"])
