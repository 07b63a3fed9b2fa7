"""Extraction time on hostile texts: ms per KB of the whole default pipeline at growing sizes.

usage: python bench/hostile_text.py [--sizes 10,100,1000] [--family NAME ...] [--stages]

Families: date phrases ("ngày 12/3 ...") repeated, ordinary sentences repeated, event cues in one endless
sentence, titled people with short references, "loạt cuộc gặp" repeated, one official meeting ever new
people, "1/2 " runs, digits and slashes, one very long word, and VietNews articles concatenated
(../shared/data/external/vietnews; skipped when absent). Each text is cut to the size in KB (UTF-8 bytes)
and run through ``default_pipeline()`` with no length limit, so the figures show the stages themselves.
Times are CPU seconds (below 200 KB, the best of up to five runs). Target: no family grows by more than
2x in ms/KB from the smallest size to the largest, and the slowest is <= 5 ms/KB.
With --stages, prints each stage's share for the largest size.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tradetalks.model import Article, Doc  # noqa: E402
from tradetalks.pipeline import default_pipeline  # noqa: E402


def _repeat(pieces: Callable[[int], str], size: int) -> str:
    """Concatenate ``pieces(i)`` until the UTF-8 text holds ``size`` bytes, then cut it there."""
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = pieces(i)
        out.append(piece)
        total += len(piece.encode("utf-8"))
        i += 1
    return "".join(out).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def dates(size: int) -> str:
    return _repeat(lambda i: f"ngày {i % 28 + 1}/{i % 12 + 1} đoàn đàm phán họp, ", size)


def sentences(size: int) -> str:
    lines = [
        "Sáng 12/11, Bộ trưởng Bộ Công Thương đã tiếp Đại diện Thương mại Hoa Kỳ tại Hà Nội.",
        "Hai bên thống nhất sẽ tổ chức vòng đàm phán thứ năm vào tháng 12 năm nay tại Washington.",
        "Ông Nguyễn Văn An, Thứ trưởng Bộ Ngoại giao, cho biết thuế đối ứng 20% sẽ áp dụng từ 1/8/2025.",
        "Trước đó, cuộc điện đàm giữa hai nhà lãnh đạo diễn ra chiều 2/7 và kéo dài 45 phút.\n",
    ]
    return _repeat(lambda i: lines[i % len(lines)] + " ", size)


def cues(size: int) -> str:
    """Event and tariff cues in one sentence without end: every per-cue look at "its sentence" reads it all."""
    parts = ["Mỹ áp thuế 20% với hàng Việt Nam", "vòng đàm phán thứ 5 tại Washington", "Bộ trưởng tiếp Đại sứ"]
    return _repeat(lambda i: parts[i % len(parts)] + " và ", size)


def people(size: int) -> str:
    """Titled people with short references ("ông Minh"), 504 different names over and over."""
    given = ["An", "Bình", "Cường", "Dũng", "Hải", "Khánh", "Lâm", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Vinh"]
    middle = ["Văn", "Thị", "Hồng", "Đức", "Minh", "Quốc"]
    surname = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]

    def piece(i: int) -> str:
        first = given[(i // 36) % 14]
        name = f"{surname[i % 6]} {middle[(i // 6) % 6]} {first}"
        return f"Thứ trưởng {name} gặp Bộ trưởng Nhật Bản, ông {first} cho biết hai bên sẽ họp. "

    return _repeat(piece, size)


def series(size: int) -> str:
    """ "loạt cuộc gặp" told again and again: each list of meetings would read every later report."""
    told = "Bộ trưởng Nguyễn Văn An có loạt cuộc gặp với các doanh nghiệp. Ông tiếp đại diện Boeing. "
    return _repeat(lambda i: told, size)


def namesakes(size: int) -> str:
    """One official meeting ever new people: one event whose people grow with the text."""
    return _repeat(lambda i: f"Thứ trưởng Nhật Tân gặp Thứ trưởng Nguyễn Văn Nhật {i % 50}. ", size)


def halves(size: int) -> str:
    return _repeat(lambda i: "1/2 ", size)


def slashes(size: int) -> str:
    rng = random.Random(7)
    return _repeat(lambda i: rng.choice("0123456789/// -"), size)


def long_word(size: int) -> str:
    return "Hoa Kỳ " + "a" * size


def vietnews(size: int) -> str | None:
    try:
        from false_events import VIETNEWS, vietnews_articles
    except ImportError:
        return None
    if not VIETNEWS.is_dir():
        return None
    texts: list[str] = []
    total = 0
    for art in vietnews_articles(5000, stride=3):
        texts.append(art.text)
        total += len(art.text.encode("utf-8")) + 2
        if total >= size:
            break
    return "\n\n".join(texts).encode("utf-8")[:size].decode("utf-8", errors="ignore")


FAMILIES: dict[str, Callable[[int], str | None]] = {
    "dates": dates,
    "sentences": sentences,
    "cues": cues,
    "people": people,
    "series": series,
    "namesakes": namesakes,
    "halves": halves,
    "slashes": slashes,
    "long_word": long_word,
    "vietnews": vietnews,
}


def run_once(text: str, stages: dict[str, float] | None = None) -> float:
    """CPU seconds of the default pipeline over ``text``; adds per-stage seconds to ``stages``."""
    pipe = default_pipeline(limit=None)
    doc = Doc(article=Article(source="bench:hostile", text=text, published="2025-11-14"), layers={"text"})
    t0 = time.process_time()
    for spec in pipe.stages:
        s0 = time.process_time()
        doc = spec.fn(doc)
        doc.layers |= spec.provides
        if stages is not None:
            stages[spec.name] = stages.get(spec.name, 0.0) + time.process_time() - s0
    return time.process_time() - t0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="sizes in KB, comma-separated")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    parser.add_argument("--stages", action="store_true")
    opts = parser.parse_args(argv)
    sizes = [int(s) for s in opts.sizes.split(",")]
    for make in FAMILIES.values():  # load resources and compile patterns before timing
        if (warm := make(2000)) is not None:
            run_once(warm)
    print(f"{'family':<10} " + " ".join(f"{s:>8} KB" for s in sizes) + "   growth  (ms per KB)")
    worst = 0.0
    worst_growth = 0.0
    for name in opts.family or list(FAMILIES):
        row: list[float] = []
        shares: dict[str, float] = {}
        for kb in sizes:
            text = FAMILIES[name](kb * 1000)
            if text is None:
                break
            seconds = run_once(text, shares if kb == sizes[-1] and opts.stages else None)
            for _ in range(min(4, 200 // kb)):  # small texts: the best of a few runs, the machine being shared
                seconds = min(seconds, run_once(text))
            row.append(seconds * 1000 / kb)
            print(f"  {name} {kb} KB: {seconds:.2f} s", file=sys.stderr, flush=True)
        if not row:
            print(f"{name:<10} (no data)")
            continue
        growth = row[-1] / row[0] if row[0] > 0 else 0.0
        worst, worst_growth = max(worst, max(row)), max(worst_growth, growth)
        print(f"{name:<10} " + " ".join(f"{v:>11.3f}" for v in row) + f"   {growth:5.2f}x", flush=True)
        if shares:
            total = sum(shares.values()) or 1.0
            print("           " + ", ".join(f"{k} {v / total:.0%}" for k, v in shares.items()))
    print(f"slowest {worst:.3f} ms/KB (target <= 5), largest growth {worst_growth:.2f}x (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
