"""A bounded fuzz run of the input readers (hypothesis): plain text, HTML, RSS/Atom feeds, JSON Lines
(plain and gzip) and whole files of any name, for a fixed time; prints the inputs tried and the crashes.

A crash is any exception a reader lets out, or anything it yields other than an Article or an
IngestError (reader errors are data: a bad input must come back as an IngestError naming it).

    .venv/bin/python bench/fuzz_readers.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tradetalks.errors import IngestError  # noqa: E402
from tradetalks.ingest.articles import InputPolicy  # noqa: E402
from tradetalks.ingest.feeds import parse_feed  # noqa: E402
from tradetalks.ingest.files import read_inputs  # noqa: E402
from tradetalks.ingest.html import html_to_text, parse_html  # noqa: E402
from tradetalks.ingest.jsonl import read_jsonl  # noqa: E402
from tradetalks.ingest.text import parse_text  # noqa: E402
from tradetalks.model import Article  # noqa: E402

WORDS = ["Bộ Công Thương", "đàm phán", "ngày 12/3", "thuế 20%", "Hoa Kỳ", "vòng thứ 5", "1/2", "\u0301", "&amp;", "x"]
TAGS = ["p", "div", "script", "style", "article", "h1", "title", "br", "a", "table", "meta"]
words = st.lists(st.sampled_from(WORDS) | st.text(max_size=20), max_size=40).map(" ".join)


@st.composite
def html_pages(draw: Any) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        parts.append(f"<{tag}>{draw(words)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>"])) + "".join(parts)


@st.composite
def feeds(draw: Any) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 5))):
        fields = {
            "title": draw(words),
            "link": draw(st.sampled_from(["https://a.example/t", "", "javascript:x", "/rel"])),
            "description": draw(html_pages()),
            "pubDate": draw(st.sampled_from(["Mon, 03 Nov 2025 01:00:00 GMT", "", "hôm qua", "2025-13-45"])),
        }
        items.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</item>")
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF", "x"]))
    text = f"<?xml version='1.0'?><{root}><channel><title>{draw(words)}</title>{''.join(items)}</channel></{root}>"
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=50))
    return data


@st.composite
def jsonl_files(draw: Any) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            text = draw(words).replace("\\", "").replace('"', "")
            lines.append(f'{{"text": "{text}", "published": "{draw(st.text(max_size=12))}"}}'.encode(errors="replace"))
        elif kind == 1:
            lines.append(draw(st.binary(max_size=80)))
        elif kind == 2:
            lines.append(b"[" * draw(st.integers(1, 5000)))
        elif kind == 3:
            lines.append(b"")
        else:
            lines.append(b'{"text": ' + str(draw(st.integers())).encode() + b"}")
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    return data


class Tally:
    """Inputs tried and crashes of one reader."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tried = 0
        self.crashes: list[str] = []


def check(items: Iterable[Any], tally: Tally) -> None:
    tally.tried += 1
    for item in items:
        if not isinstance(item, Article | IngestError):
            raise TypeError(f"reader yielded {type(item).__name__}")


def one_or_error(parse: Callable[[], Article]) -> list[Article | IngestError]:
    try:
        return [parse()]
    except IngestError as exc:
        return [exc]


def targets(tmp: Path) -> dict[str, tuple[Any, Callable[..., None]]]:
    """Reader name -> (strategy, function checking one input)."""

    def on_file(name: str, data: bytes) -> list[Article | IngestError]:
        path = tmp / name
        path.write_bytes(data)
        return list(read_inputs([str(path)], InputPolicy(max_decompressed_bytes=1_000_000)))

    names = st.sampled_from(["a.txt", "b.html", "c.xml", "d.jsonl", "e.jsonl.gz", "no-extension"])
    return {
        "text": (st.text(max_size=3000), lambda t, tally: check(one_or_error(lambda: parse_text(t, "t.txt")), tally)),
        "html": (
            html_pages(),
            lambda h, tally: (html_to_text(h), check(one_or_error(lambda: parse_html(h, "h")), tally)),
        ),
        "feed": (feeds(), lambda d, tally: check(parse_feed(d, "f.xml"), tally)),
        "jsonl": (
            jsonl_files(),
            lambda d, tally: (
                tmp.joinpath("j.jsonl").write_bytes(d),
                check(read_jsonl(str(tmp / "j.jsonl"), "j"), tally),
            ),
        ),
        "any file": (
            st.tuples(names, st.binary(max_size=4000)),
            lambda pair, tally: check(on_file(*pair), tally),
        ),
    }


def run(name: str, strategy: Any, body: Callable[..., None], seconds: float) -> Tally:
    """Run batches of examples until ``seconds`` have passed; each failing example found is a crash."""
    tally = Tally(name)
    stop = time.monotonic() + seconds

    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(value=strategy)
    def batch(value: Any) -> None:
        if time.monotonic() > stop:
            return
        body(value, tally)

    while time.monotonic() < stop:
        try:
            batch()
        except Exception as exc:  # noqa: BLE001 - a crash: record it and go on fuzzing
            tally.crashes.append("".join(traceback.format_exception_only(exc)).strip()[:300])
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="total time, shared by the readers")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        readers = targets(Path(tmp))
        share = args.seconds / len(readers)
        tallies = [run(name, strategy, body, share) for name, (strategy, body) in readers.items()]
    print(f"{'reader':<10} {'inputs':>8} {'crashes':>8}")
    for t in tallies:
        print(f"{t.name:<10} {t.tried:>8} {len(t.crashes):>8}")
        for crash in t.crashes[:3]:
            print(f"    {crash}")
    total = sum(t.tried for t in tallies)
    crashes = sum(len(t.crashes) for t in tallies)
    print(f"total: {total} inputs in {time.monotonic() - started:.1f} s, {crashes} crashes")


if __name__ == "__main__":
    main()
