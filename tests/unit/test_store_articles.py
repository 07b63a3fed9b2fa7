"""Articles, versions and extractions in every store backend (SQLite file, PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from tradetalks.model import Article, Conflict, Doc, Event, Evidence, Mention, TimeExpr, article_id
from tradetalks.store import StoreError, open_store

# Sentences written for these tests from public facts; not taken from any article.
TEXT_1 = "Ngày 12/11, đoàn đàm phán Việt Nam làm việc với Văn phòng Đại diện Thương mại Hoa Kỳ."
TEXT_2 = TEXT_1 + " Hai bên thống nhất sẽ gặp lại trong tháng tới."


def art(text: str = TEXT_1, url: str | None = "https://tin.example.vn/dam-phan", **kw: Any) -> Article:
    return Article(source=kw.pop("source", "bai.txt"), text=text, url=url, title=kw.pop("title", "Đàm phán"), **kw)


def extraction(article: Article) -> Doc:
    start = article.text.index("Văn phòng")
    end = start + len("Văn phòng Đại diện Thương mại Hoa Kỳ")
    return Doc(
        article,
        layers={"text", "mentions", "timexes", "events"},
        key=article.text,
        mentions=[Mention(start, end, article.text[start:end], "organization", "van phong", side="US")],
        timexes=[TimeExpr(5, 10, "12/11", "2025-11-12", "publication_date")],
        events=[Event("meeting", [Evidence(article.id or "", 0, 10, article.text[:10])], start="2025-11-12")],
    )


@pytest.mark.parametrize(
    ("second", "status", "versions"),
    [
        (TEXT_1, "unchanged", 1),  # same text again
        (TEXT_2, "updated", 2),  # same URL, changed text
    ],
)
def test_store_add_article_outcomes(store: Any, second: str, status: str, versions: int) -> None:
    first = store.add_article(art())
    assert first.status == "new"
    assert first.article_id == article_id("https://tin.example.vn/dam-phan")
    again = store.add_article(art(second))
    assert (again.status, again.article_id) == (status, first.article_id)
    assert [a.version for a in store.versions(first.article_id)] == list(range(1, versions + 1))
    assert store.get_article(first.article_id).text == second
    assert store.stats()["articles"] == 1
    assert store.stats()["versions"] == versions


def test_store_same_text_under_another_url_is_unchanged(store: Any) -> None:
    store.add_article(art())
    outcome = store.add_article(art(url="https://khac.example.vn/bai"))
    assert outcome.status == "unchanged"
    assert store.stats()["articles"] == 1


def test_store_key_falls_back_to_source(store: Any) -> None:
    a = store.add_article(art(url=None, source="thu-muc/bai-1.txt"))
    b = store.add_article(art(TEXT_2, url=None, source="thu-muc/bai-1.txt"))
    assert a.article_id == b.article_id == article_id("thu-muc/bai-1.txt")
    assert b.status == "updated"


def test_store_versions_keep_old_text_and_fields(store: Any) -> None:
    store.add_article(art(published="2025-11-12", outlet="Báo A"))
    store.add_article(art(TEXT_2, published="2025-11-13", outlet="Báo A", title="Đàm phán (cập nhật)"))
    old, new = store.versions(article_id("https://tin.example.vn/dam-phan"))
    assert (old.text, old.published, old.title, old.version) == (TEXT_1, "2025-11-12", "Đàm phán", 1)
    assert (new.text, new.published, new.title, new.version) == (TEXT_2, "2025-11-13", "Đàm phán (cập nhật)", 2)


def test_store_add_sets_id_and_version_on_the_article(store: Any) -> None:
    store.add_article(art())
    a = art(TEXT_2)
    store.add_article(a)
    assert (a.id, a.version) == (article_id("https://tin.example.vn/dam-phan"), 2)


def test_store_doc_round_trip(store: Any) -> None:
    article = art()
    article.id = article_id(article.key)
    doc = extraction(article)
    store.add_article(article, doc)
    back = store.get_doc(article.id)
    assert back == doc
    assert back.text[back.mentions[0].start : back.mentions[0].end] == "Văn phòng Đại diện Thương mại Hoa Kỳ"


def test_store_update_replaces_extraction(store: Any) -> None:
    article = art()
    article.id = article_id(article.key)
    store.add_article(article, extraction(article))
    store.add_article(art(TEXT_2))
    doc = store.get_doc(article.id)
    assert doc.article.version == 2
    assert doc.text == TEXT_2
    assert doc.mentions == [] and doc.layers == {"text"}


def test_store_save_doc_replaces(store: Any) -> None:
    article = art()
    store.add_article(article)
    doc = extraction(article)
    store.save_doc(doc)
    doc.topics = ["services"]
    store.save_doc(doc)
    assert store.get_doc(article.id).topics == ["services"]


def test_store_save_doc_without_stored_version_is_refused(store: Any) -> None:
    with pytest.raises(StoreError):
        store.save_doc(extraction(art()))


def test_store_failed_extraction_stores_nothing(store: Any) -> None:
    """One transaction per article: an extraction that cannot be written leaves no trace."""
    article = art()
    doc = extraction(article)
    doc.events[0].conflicts = [Conflict("start", [object()], [[]])]  # not JSON: the write fails
    with pytest.raises((StoreError, TypeError)):
        store.add_article(article, doc)
    assert store.stats()["articles"] == 0 and store.stats()["versions"] == 0
    assert store.search("đàm phán") == []
    assert store.add_article(art()).status == "new"


def test_store_articles_and_docs_stream_in_id_order(store: Any) -> None:
    urls = [f"https://tin.example.vn/bai-{i}" for i in range(450)]
    for i, url in enumerate(urls):
        store.add_article(art(f"Bài số {i} về thương mại Việt Nam – Hoa Kỳ.", url=url))
    ids = [a.id for a in store.articles()]
    assert ids == sorted(article_id(u) for u in urls)
    docs = list(store.docs())
    assert [d.article.id for d in docs] == ids
    assert all(d.layers == {"text"} for d in docs)


def test_store_docs_can_be_saved_while_streaming(store: Any) -> None:
    for i in range(250):
        store.add_article(art(f"Tin thứ {i} về xuất khẩu.", url=f"https://x.example.vn/{i}"))
    for doc in store.docs():
        doc.topics = ["market_access"]
        store.save_doc(doc)
    assert {tuple(d.topics) for d in store.docs()} == {("market_access",)}


def test_store_missing_article_is_none(store: Any) -> None:
    assert store.get_article("000000000000") is None
    assert store.get_doc("000000000000") is None
    assert store.versions("000000000000") == []


def test_store_reopen_keeps_everything(store_url: str) -> None:
    with open_store(store_url) as first:
        first.add_article(art())
        first.put_state("crawl", "https://tin.example.vn/rss", {"etag": "x1"})
    with open_store(store_url) as again:
        assert again.stats()["articles"] == 1
        assert again.get_state("crawl", "https://tin.example.vn/rss") == {"etag": "x1"}
        assert again.add_article(art()).status == "unchanged"


def test_store_batch_keeps_each_article_whole(store: Any) -> None:
    """Inside a batch each article is still all or nothing: a failing one leaves no trace, the others stay."""
    first = art("Bài thứ nhất về phiên đàm phán thương mại.", url="https://tin.example.vn/1")
    broken = art("Bài thứ hai, có phần trích xuất hỏng.", url="https://tin.example.vn/2")
    bad = Doc(article=broken, layers={"text"}, mentions=[Mention(0, 3, "Bài", "person", "bai")])
    bad.mentions[0].start = object()  # type: ignore[assignment]  # cannot be serialised: the write fails
    third = art("Bài thứ ba về thuế đối ứng.", url="https://tin.example.vn/3")
    with store.batch():
        assert store.add_article(first).status == "new"
        with pytest.raises(Exception):  # noqa: B017 - either backend's error type
            store.add_article(broken, bad)
        assert store.add_article(third).status == "new"
    assert store.stats()["articles"] == 2
    assert store.get_article(article_id("https://tin.example.vn/2")) is None
    assert {a.text for a in store.articles()} == {first.text, third.text}
