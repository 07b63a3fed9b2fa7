"""Terminal rendering of stored records for the CLI (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tradetalks.model import SearchHit


def print_search_hits(hits: list[SearchHit], console: Console) -> None:
    """Print search results: title, id, date and source, then the snippet with the matches highlighted."""
    if not hits:
        console.print("no articles match")
        return
    for n, hit in enumerate(hits, 1):
        head = Text(f"{n:>2}. ", style="dim")
        head.append(hit.title or "(no title)", style="bold")
        head.append(f"  {hit.article}", style="cyan")
        if hit.published:
            head.append(f"  {hit.published}", style="green")
        console.print(head)
        console.print(Text(f"    {hit.url or hit.source or ''}", style="dim"))
        console.print(_marked(hit.snippet, indent="    "))


def _marked(snippet: str, indent: str = "") -> Text:
    """The snippet with each ``[match]`` shown highlighted (brackets kept for plain terminals)."""
    out = Text(indent)
    pos = 0
    while True:
        start = snippet.find("[", pos)
        end = snippet.find("]", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(snippet[pos:])
            return out
        out.append(snippet[pos:start])
        out.append(snippet[start : end + 1], style="bold yellow")
        pos = end + 1
