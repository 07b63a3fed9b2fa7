"""Hostile inputs on disk: symbolic links out of the given tree, and a gzip that decompresses to far more
than it looks (a limit through InputPolicy, kept small here)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tradetalks.errors import IngestError, SkippedInput
from tradetalks.ingest import read_inputs
from tradetalks.ingest.articles import InputPolicy
from tradetalks.ingest.batch import ingest_paths
from tradetalks.model import Article
from tradetalks.store.base import Store

CLI = str(Path(sys.executable).parent / "tradetalks")
INSIDE = "Title: Tin trong thư mục\n\nHai bộ trao đổi trực tuyến về thuế đối ứng và quy tắc xuất xứ hàng dệt may.\n"
OUTSIDE = "Title: Tệp bên ngoài\n\nNội dung này nằm ngoài thư mục được đưa vào nên không được đọc khi không cho phép.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tree/ with a file, a link to it, a link to a file outside, a link to a directory outside, a loop."""
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.txt").write_text(OUTSIDE, encoding="utf-8")
    (outside / "khac.txt").write_text(OUTSIDE.replace("Nội dung này", "Một tệp khác"), encoding="utf-8")
    root = tmp_path / "cay"
    (root / "con").mkdir(parents=True)
    (root / "con" / "bai.txt").write_text(INSIDE, encoding="utf-8")
    os.symlink(root / "con" / "bai.txt", root / "lien-ket-trong.txt")
    os.symlink(outside / "bi-mat.txt", root / "lien-ket-ngoai.txt")
    os.symlink(outside, root / "thu-muc-ngoai")
    os.symlink(root, root / "con" / "vong")  # a link to an ancestor: inside the tree, must not loop
    return root


def texts(items: list[Article | IngestError]) -> list[str]:
    return [i.text for i in items if isinstance(i, Article)]


def test_links_out_of_the_tree_are_skipped_with_the_reason(tree: Path) -> None:
    items = list(read_inputs([str(tree)]))
    skipped = {Path(i.source).name: i.reason for i in items if isinstance(i, SkippedInput)}
    assert set(skipped) == {"lien-ket-ngoai.txt", "thu-muc-ngoai"}
    assert "outside" in skipped["lien-ket-ngoai.txt"] and "bi-mat.txt" in skipped["lien-ket-ngoai.txt"]
    assert "--follow-links" in skipped["thu-muc-ngoai"]
    assert len(texts(items)) == 2 and not any("ngoài thư mục" in t for t in texts(items))
    assert not [i for i in items if isinstance(i, IngestError) and not isinstance(i, SkippedInput)]


def test_follow_links_reads_outside_and_still_does_not_loop(tree: Path) -> None:
    items = list(read_inputs([str(tree)], InputPolicy(follow_links=True)))
    assert not [i for i in items if isinstance(i, IngestError)]
    assert sum("ngoài thư mục" in t for t in texts(items)) == 3  # the file link and the directory's two files


def test_a_link_given_by_name_is_read(tree: Path) -> None:
    items = list(read_inputs([str(tree / "lien-ket-ngoai.txt")]))
    assert len(texts(items)) == 1  # named on the command line: the user chose it


def test_ingest_reports_skipped_links_and_stores_nothing_from_outside(store: Store, tree: Path) -> None:
    report = ingest_paths(store, [str(tree)])
    assert not report.failed and len(report.skipped) == 2
    assert report.to_dict()["skipped"] == 2
    assert not any("ngoài thư mục" in a.text for a in store.articles())


def test_cli_ingest_skips_then_follows_links(tmp_path: Path, tree: Path) -> None:
    db = str(tmp_path / "t.db")
    command = [CLI, "ingest", str(tree), "--db", db, "--json"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["skipped"] == 2 and out["failed"] == 0
    assert {Path(s["source"]).name for s in out["skips"]} == {"lien-ket-ngoai.txt", "thu-muc-ngoai"}
    run = subprocess.run([*command, "--follow-links"], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["new"] == 2  # the outside file and the other file of the outside directory


# --- gzip that decompresses to much more than it looks --------------------------------------------------

CAP = 1_000_000


def line(n: int) -> bytes:
    return json.dumps({"title": f"Tin {n}", "text": f"Bản tin số {n} về xuất khẩu nông sản."}).encode() + b"\n"


def bomb(path: Path, blank_mb: int, before: int = 2, after: int = 1) -> Path:
    """Some JSON lines, then ``blank_mb`` MB of newlines, then more lines; gzip-compressed."""
    with gzip.open(path, "wb", compresslevel=9) as f:
        for n in range(before):
            f.write(line(n))
        for _ in range(blank_mb):
            f.write(b"\n" * (1 << 20))
        for n in range(before, before + after):
            f.write(line(n))
    return path


def test_gzip_over_the_decompressed_limit_is_cut_and_what_came_before_is_kept(tmp_path: Path) -> None:
    path = bomb(tmp_path / "kho.jsonl.gz", blank_mb=4)
    assert path.stat().st_size < 50_000
    items = list(read_inputs([str(path)], InputPolicy(max_decompressed_bytes=CAP)))
    assert [a.title for a in items if isinstance(a, Article)] == ["Tin 0", "Tin 1"]
    error = items[-1]
    assert isinstance(error, IngestError) and error.source == str(path)
    assert "over the limit of 1,000,000 bytes once decompressed" in error.reason


def test_gzip_under_the_limit_is_read_whole_with_line_numbers(tmp_path: Path) -> None:
    path = bomb(tmp_path / "kho.jsonl.gz", blank_mb=4, after=1)
    items = list(read_inputs([str(path)], InputPolicy(max_decompressed_bytes=10 * CAP)))
    assert [a.title for a in items if isinstance(a, Article)] == ["Tin 0", "Tin 1", "Tin 2"]
    assert items[-1].source == f"{path}:{2 + 4 * (1 << 20) + 1}"


def test_a_line_cut_by_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "dai.jsonl.gz"
    path.write_bytes(gzip.compress(line(0) + b'{"text": "' + b"x" * 2000 + b'"}\n'))
    items = list(read_inputs([str(path)], InputPolicy(max_decompressed_bytes=len(line(0)) + 500)))
    assert len(items) == 2 and isinstance(items[0], Article) and "over the limit" in items[1].reason  # type: ignore


def test_reading_reports_progress(tmp_path: Path) -> None:
    path = bomb(tmp_path / "kho.jsonl.gz", blank_mb=3)
    seen: list[tuple[int, int, int]] = []
    list(read_inputs([str(path)], on_read=lambda source, done, size, decoded: seen.append((done, size, decoded))))
    assert len(seen) >= 3
    assert all(size == path.stat().st_size and done <= size for done, size, _ in seen)
    assert [d for _, _, d in seen] == sorted(d for _, _, d in seen) and seen[-1][2] > 3 * (1 << 20)


def test_ingest_stores_the_lines_before_the_limit_and_reports_the_file(store: Store, tmp_path: Path) -> None:
    path = bomb(tmp_path / "kho.jsonl.gz", blank_mb=3)
    report = ingest_paths(store, [str(path)], policy=InputPolicy(max_decompressed_bytes=CAP))
    assert len(report.new) == 2 and [o.source for o in report.failed] == [str(path)]
    assert "once decompressed" in (report.failed[0].reason or "")


@pytest.mark.parametrize("blank", [b"\n", b"\r\n", b" \n", b"\t\r\n"])
def test_runs_of_blank_lines_keep_line_numbers(tmp_path: Path, blank: bytes) -> None:
    path = tmp_path / "trong.jsonl"
    path.write_bytes(line(0) + blank * 5 + b"{not json}\n" + blank * 3 + line(1))
    items = list(read_inputs([str(path)]))
    assert [i.source for i in items[1:]] == [f"{path}:7", f"{path}:11"]
