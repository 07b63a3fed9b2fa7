"""A batch of bad and oddly encoded inputs through the CLI: good ones stored, bad ones reported, no traceback."""

from __future__ import annotations

import codecs
import json
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).parent / "tradetalks")
_TONES = "\u0300\u0301\u0309\u0303\u0323"

WIN1258_TEXT = "Thứ trưởng Nguyễn Sinh Nhật Tân làm việc với phía Hoa Kỳ về thương mại số."
UTF16_TEXT = "Bộ trưởng Nguyễn Hồng Diên trao đổi trực tuyến với Đại diện Thương mại Hoa Kỳ."
MOJIBAKE_TEXT = "Vòng đàm phán thứ năm diễn ra tại Washington trong ba ngày."


def to_windows_1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese editors wrote it: base letter, then a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def bad_batch(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A folder of inputs; returns it, the good files (name -> text) and the bad ones (name -> reason start)."""
    d = tmp_path / "dau-vao"
    d.mkdir()
    (d / "rong.txt").write_bytes(b"")
    (d / "nhi-phan.txt").write_bytes(bytes(range(256)) * 64)
    with open(d / "lon.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    (d / "hong.html").write_text("<html><body><div><p>Trang bị cắt giữa chừ", encoding="utf-8")
    (d / "dong.jsonl").write_text(
        '{"title": "Một dòng tốt", "text": "Hai bên họp trực tuyến về quy tắc xuất xứ."}\n'
        "{không phải JSON}\n"
        '{"title": "Thiếu nội dung"}\n'
        "[1, 2, 3]\n",
        encoding="utf-8",
    )
    (d / "windows-1258.txt").write_bytes(b"Title: Windows-1258\r\n\r\n" + to_windows_1258(WIN1258_TEXT))
    (d / "utf-16.txt").write_bytes(("Title: UTF-16\n\n" + UTF16_TEXT).encode("utf-16"))
    (d / "bom.txt").write_bytes(codecs.BOM_UTF8 + ("Title: BOM\n\n" + UTF16_TEXT + " Có BOM.").encode("utf-8"))
    (d / "mojibake.txt").write_text("Title: Mojibake\n\n" + MOJIBAKE_TEXT.encode("utf-8").decode("latin-1"))
    good = {"windows-1258.txt": WIN1258_TEXT, "utf-16.txt": UTF16_TEXT, "mojibake.txt": MOJIBAKE_TEXT}
    bad = {
        "rong.txt": "empty file",
        "nhi-phan.txt": "binary content",
        "lon.txt": "too large (50.0 MB",
        "hong.html": "no main text",
        "dong.jsonl:2": "invalid JSON",
        "dong.jsonl:3": 'no "text" field',
        "dong.jsonl:4": "expected a JSON object",
    }
    return d, good, bad


def test_bad_batch_through_cli(bad_batch: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    folder, good, bad = bad_batch
    db = tmp_path / "tt.db"
    done = run_cli("ingest", str(folder), "--db", str(db), "--json")
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["new"] == 5 and report["failed"] == len(bad)
    failures = {Path(f["source"]).name: f["reason"] for f in report["failures"]}
    assert set(failures) == set(bad)
    for name, reason in bad.items():
        assert failures[name].startswith(reason), (name, failures[name])

    with sqlite3.connect(db) as conn:
        texts = {Path(src).name: text for src, text in conn.execute("SELECT source, text FROM versions")}
        stored_failures = conn.execute("SELECT count(*) FROM failures").fetchone()[0]
    for name, text in good.items():
        assert texts[name] == text
    assert stored_failures == len(bad)

    again = run_cli("ingest", str(folder), "--db", str(db))
    assert again.returncode == 1 and "Traceback" not in again.stdout + again.stderr
    assert "no main text found in the HTML page" in again.stdout
    assert "too large" in again.stdout


def test_good_batch_exits_zero(bad_batch: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    folder, good, _ = bad_batch
    paths = [str(folder / name) for name in good]
    done = run_cli("ingest", *paths, "--db", str(tmp_path / "tot.db"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    stats = json.loads(run_cli("stats", "--json", "--db", str(tmp_path / "tot.db")).stdout)
    assert stats["articles"] == 3 and stats["failures"] == 0
    hits = json.loads(run_cli("search", "nguyen sinh nhat tan", "--json", "--db", str(tmp_path / "tot.db")).stdout)
    assert [Path(h["source"]).name for h in hits] == ["windows-1258.txt"]


def test_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    done = run_cli("ingest", str(tmp_path / "khong-ton-tai.txt"), "--db", str(tmp_path / "x.db"))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "no such file or directory" in done.stdout
