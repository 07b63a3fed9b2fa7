"""ingest_paths, print_report and reprocess_store on real stores (SQLite; PostgreSQL when available)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from tradetalks.ingest.batch import IngestReport, demo_corpus_path, ingest_paths, print_report, reprocess_store
from tradetalks.model import Doc, article_id
from tradetalks.nlp.normalize import add_matching_views
from tradetalks.nlp.sentences import split_sentences
from tradetalks.pipeline import Pipeline, stage

TEXT_V1 = "Ngày 12/11, hai đoàn đàm phán họp tại Washington về thuế đối ứng."
TEXT_V2 = "Ngày 12/11, hai đoàn đàm phán họp tại Washington về thuế đối ứng và thương mại số."


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def statuses(report: IngestReport) -> list[str]:
    return [o.status for o in report.outcomes]


def test_same_article_twice_is_stored_once(store: Any, tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text("Title: Họp về thuế\n\n" + TEXT_V1, encoding="utf-8")
    first = ingest_paths(store, [str(path)])
    second = ingest_paths(store, [str(path)])
    assert statuses(first) == ["new"] and statuses(second) == ["unchanged"]
    assert first.outcomes[0].article_id == second.outcomes[0].article_id == article_id(str(path))
    assert store.stats()["articles"] == 1 and store.stats()["versions"] == 1


def test_same_url_with_changed_text_is_a_new_version(store: Any, tmp_path: Path) -> None:
    url = "https://vd.example.org/hop-ve-thue"
    old = write_jsonl(tmp_path / "cu.jsonl", [{"url": url, "title": "Họp", "text": TEXT_V1}])
    new = write_jsonl(tmp_path / "moi.jsonl", [{"url": url, "title": "Họp (cập nhật)", "text": TEXT_V2}])
    assert statuses(ingest_paths(store, [old])) == ["new"]
    report = ingest_paths(store, [new])
    assert statuses(report) == ["updated"]
    versions = store.versions(article_id(url))
    assert [v.text for v in versions] == [TEXT_V1, TEXT_V2]
    latest = store.get_article(article_id(url))
    assert latest is not None and latest.title == "Họp (cập nhật)"
    assert store.get_doc(article_id(url)) is not None


def test_bad_inputs_are_reported_and_recorded(store: Any, tmp_path: Path) -> None:
    good = tmp_path / "tot.txt"
    good.write_text(TEXT_V1, encoding="utf-8")
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    lines = tmp_path / "dong.jsonl"
    lines.write_text('{"text": "Một bài hợp lệ."}\n{hỏng\n', encoding="utf-8")
    report = ingest_paths(store, [str(good), str(empty), str(lines), str(tmp_path / "khong-co.txt")])
    assert statuses(report) == ["new", "failed", "new", "failed", "failed"]
    reasons = {o.source: o.reason for o in report.failed}
    assert reasons == {
        str(empty): "empty file",
        f"{lines}:2": reasons[f"{lines}:2"],
        str(tmp_path / "khong-co.txt"): "no such file or directory",
    }
    assert reasons[f"{lines}:2"].startswith("invalid JSON")
    assert store.stats()["failures"] == 3 and store.stats()["articles"] == 2


def test_an_extraction_error_fails_only_that_article(store: Any, tmp_path: Path) -> None:
    @stage(requires={"sentences"}, provides={"checked"})
    def refuse_the_word_loi(doc: Doc) -> Doc:
        if "lỗi" in doc.text:
            raise ValueError("không xử lý được")
        return doc

    pipeline = Pipeline([add_matching_views, split_sentences, refuse_the_word_loi])
    path = write_jsonl(tmp_path / "kho.jsonl", [{"text": "Bài có lỗi."}, {"text": TEXT_V1}])
    report = ingest_paths(store, [path], pipeline=pipeline)
    assert statuses(report) == ["failed", "new"]
    assert report.failed[0].reason == "extraction failed (ValueError: không xử lý được)"
    assert store.stats()["articles"] == 1


def test_demo_corpus_ingests_cleanly_then_is_unchanged(store: Any) -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    first = ingest_paths(store, [str(demo_corpus_path())], console=console)
    assert len(first.new) == 8 and not first.failed
    second = ingest_paths(store, [str(demo_corpus_path())])
    assert len(second.unchanged) == 8 and not second.new and not second.updated
    assert store.stats()["articles"] == 8
    titles = {a.title for a in store.articles()}
    assert "Mỹ công bố mức thuế đối ứng 46% với hàng hóa Việt Nam" in titles
    assert any(store.search("dam phan", limit=3))
    assert reprocess_store(store) == 8


def test_report_dict_and_table(tmp_path: Path, store: Any) -> None:
    good = tmp_path / "tot.txt"
    good.write_text(TEXT_V1, encoding="utf-8")
    bad = tmp_path / "[lạ] hỏng.html"
    bad.write_text("<html><body><p>ngắn", encoding="utf-8")
    report = ingest_paths(store, [str(good), str(bad)])
    as_dict = report.to_dict()
    assert {k: as_dict[k] for k in ("new", "unchanged", "updated", "failed")} == {
        "new": 1,
        "unchanged": 0,
        "updated": 0,
        "failed": 1,
    }
    assert as_dict["failures"] == [{"source": str(bad), "reason": "no main text found in the HTML page"}]
    json.dumps(as_dict)
    out = io.StringIO()
    print_report(report, Console(file=out, width=200, color_system=None))
    printed = out.getvalue()
    assert "new" in printed and "failed" in printed
    assert "[lạ] hỏng.html" in printed and "no main text found in the HTML page" in printed
