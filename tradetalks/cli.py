"""The ``tradetalks`` command: thin wrappers that parse options, call the library, show progress."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from tradetalks.errors import TradeTalksError
from tradetalks.store import Store, open_store

app = typer.Typer(
    help="TradeTalks: a sourced, deduplicated dossier of a trade negotiation from Vietnamese news.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
#: Tables stay readable when the output is a file or a pipe (Rich would otherwise assume 80 columns).
console = Console() if sys.stdout.isatty() else Console(width=140)
err = Console(stderr=True)

FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links in directories also when they lead out of the given tree (skipped by default).",
    ),
]
DbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: $TRADETALKS_DB or ./tradetalks.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
#: Events a table shows when no --limit is given (JSON output holds every event).
TABLE_EVENTS = 50


def _current(store: Store) -> Store:
    """The store, its dossier rebuilt first if it is older than the stored articles (said on stderr)."""
    from tradetalks.serve.fresh import repair_stale_dossier

    repair_stale_dossier(store, lambda message: err.print(f"[yellow]{message}[/yellow]"))
    return store


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, RSS/Atom, .jsonl.")],
    follow_links: FollowLinksOption = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Read articles, extract facts, store them, and rebuild the dossier.

    Example: [bold]tradetalks ingest articles/ feed.xml archive.jsonl[/bold]
    """
    from tradetalks.ingest.articles import InputPolicy
    from tradetalks.ingest.batch import ingest_paths, print_report

    policy = InputPolicy(follow_links=follow_links)
    with open_store(db) as store:
        report = ingest_paths(store, [str(p) for p in paths], console=None if json_out else err, policy=policy)
    if json_out:
        _print_json(report.to_dict())
    else:
        print_report(report, console)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def reprocess(db: DbOption = None) -> None:
    """Re-run extraction on every stored article (after the rules change) and rebuild the dossier.

    Example: [bold]tradetalks reprocess --db news.db[/bold]
    """
    from tradetalks.ingest.batch import reprocess_store

    with open_store(db) as store:
        n = reprocess_store(store, console=err)
    console.print(f"re-extracted {n} articles")


@app.command()
def rebuild(db: DbOption = None) -> None:
    """Resolve every stored extraction again into the dossier's rows (the full path; no re-extraction).

    Example: [bold]tradetalks rebuild --db news.db[/bold]
    """
    from tradetalks.resolve import rebuild_dossier

    with open_store(db) as store:
        dossier = rebuild_dossier(store)
    console.print(f"rebuilt the dossier: {len(dossier.events)} events, {len(dossier.entities)} entities")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; diacritics optional.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="At most this many results.")] = 10,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Full-text search over articles, with or without Vietnamese diacritics.

    Example: [bold]tradetalks search "thuong mai so" --limit 5[/bold]
    """
    from tradetalks.serve.render import print_search_hits

    with open_store(db) as store:
        hits = store.search(query, limit=limit)
    if json_out:
        from dataclasses import asdict

        _print_json([asdict(h) for h in hits])
    else:
        print_search_hits(hits, console)


@app.command()
def stats(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Counts of articles, versions, failures, entities and events in the store.

    Example: [bold]tradetalks stats --json[/bold]
    """
    with open_store(db) as store:
        _current(store)
        figures = store.stats()
    if json_out:
        _print_json(figures)
    else:
        for k, v in figures.items():
            console.print(f"{k:>12}  {v}")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (see `search` or `export`).")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Print an article with its extractions: people and titles, organisations, dates, events.

    Example: [bold]tradetalks show a1b2c3d4e5f6[/bold]
    """
    from tradetalks.serve.render import doc_as_dict, print_doc

    with open_store(db) as store:
        _current(store)
        doc = store.get_doc(article_id)
    if doc is None:
        err.print(f"[red]no article with id {article_id!r}[/red]")
        raise typer.Exit(1)
    if json_out:
        _print_json(doc_as_dict(doc))
    else:
        print_doc(doc, console)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv | graphml | ics")] = "json",
    db: DbOption = None,
) -> None:
    """Write the dossier: JSON (see SPEC), JSON Lines, CSV, GraphML or iCalendar.

    Example: [bold]tradetalks export --format json --output dossier.json[/bold]
    """
    from tradetalks.export import write_dossier

    with open_store(db) as store:
        _current(store)
        n = write_dossier(store, format, output)
    err.print(f"wrote {output} ({format}, {n} events)")


@app.command()
def timeline(
    date_from: Annotated[Optional[str], typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,  # noqa: UP045
    date_to: Annotated[Optional[str], typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,  # noqa: UP045
    type_: Annotated[Optional[str], typer.Option("--type", help="Only events of this type.")] = None,  # noqa: UP045
    all_negotiations: Annotated[bool, typer.Option("--all", help="Include other negotiations.")] = False,
    negotiation: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--negotiation", help="Only this negotiation (a key such as vn-efta-fta)."),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--limit",
            min=0,
            help=f"At most this many events (dated first, then undated); the table shows {TABLE_EVENTS} by default.",
        ),
    ] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many events first.")] = 0,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """The events in date order, each once, with their sources; undated events listed apart.

    Example: [bold]tradetalks timeline --from 2025-11-01 --type negotiation_round[/bold]
    """
    from tradetalks.serve.timeline import build_timeline, print_timeline

    with open_store(db) as store:
        _current(store)
        tl = build_timeline(
            store,
            date_from=date_from,
            date_to=date_to,
            type_=type_,
            all_negotiations=all_negotiations,
            negotiation=negotiation,
            limit=TABLE_EVENTS if limit is None and not json_out else limit,
            offset=offset,
        )
    if json_out:
        _print_json(tl)
    else:
        print_timeline(tl, console)
        shown = tl["page"]["count"]
        if shown or offset:
            more = tl["total"] - offset - shown
            line = f"events {offset + 1}-{offset + shown} of {tl['total']}"
            if more > 0:
                line += f"; {more} more: --offset {offset + shown} for the next page, --limit {tl['total']} for all"
            err.print(line, markup=False, soft_wrap=True)


@app.command()
def status(
    negotiation: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="A negotiation key (default vn-us-reciprocal); 'all' lists every negotiation."),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Where a negotiation stands: latest round or session, next planned event, tariff rates, recent topics.

    Example: [bold]tradetalks status vn-us-reciprocal[/bold]
    """
    from tradetalks.model import VN_US_RECIPROCAL
    from tradetalks.serve.negotiation_rows import negotiation_list_rows, state_from_rows
    from tradetalks.serve.negotiations import UnknownNegotiation, print_state

    with open_store(db) as store:
        dossier_rows = _current(store).rows()
        if negotiation == "all":
            with dossier_rows.snapshot():
                rows = negotiation_list_rows(dossier_rows)
        else:
            try:
                with dossier_rows.snapshot():
                    found = state_from_rows(dossier_rows, negotiation or VN_US_RECIPROCAL)
            except UnknownNegotiation:
                err.print(f"no negotiation with key {negotiation!r} (try: tradetalks status all)")
                raise typer.Exit(1) from None
    if negotiation == "all":
        if json_out:
            _print_json(rows)
        for row in [] if json_out else rows:
            console.print(
                f"{row['key']:<20} {row['events']:>4} events  latest {row['latest'] or '?'}  {row['name']}",
                markup=False,
            )
        return
    if json_out:
        _print_json(found)
    else:
        print_state(found, console)


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A name or alias; diacritics optional.")],
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--limit", min=1, help=f"Show the latest this many events (the table shows {TABLE_EVENTS} by default)."
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Show every event.")] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """A person or organisation: aliases, titles over time with sources, events (the latest ones in a table).

    Example: [bold]tradetalks who "nguyen sinh nhat tan"[/bold]
    """
    from tradetalks.serve.timeline import find_entity, print_entity

    shown = None if every or (json_out and limit is None) else (limit or TABLE_EVENTS)
    with open_store(db) as store:
        _current(store)
        found = find_entity(store, name, max_events=shown)
    if found is None:
        err.print(f"no person or organisation matches {name!r}")
        raise typer.Exit(1)
    if json_out:
        _print_json(found)
    else:
        print_entity(found, console)
        more = found["events_total"] - len(found["events"])
        if more > 0:
            err.print(
                f"the latest {len(found['events'])} of {found['events_total']} events; {more} more: --limit N, --all",
                markup=False,
                soft_wrap=True,
            )


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in Vietnamese or English.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Answer a question from the dossier, with the quoted sources; says so when it does not know.

    Example: [bold]tradetalks ask "Vòng đàm phán thứ 5 diễn ra khi nào?"[/bold]
    """
    from tradetalks.serve.ask import answer_question, print_answer

    with open_store(db) as store:
        _current(store)
        answer = answer_question(store, question)
    if json_out:
        _print_json(answer)
    else:
        print_answer(answer, console)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the JSON API (OpenAPI at /openapi.json) and the web page.

    Writing through the API needs the token in $TRADETALKS_TOKEN. Example: [bold]tradetalks serve --port 8000[/bold]
    """
    import uvicorn

    from tradetalks.serve.api import create_app
    from tradetalks.store import resolve_db

    with open_store(db) as store:
        _current(store)
    uvicorn.run(create_app(resolve_db(db)), host=host, port=port, log_level="info")


@app.command()
def crawl(
    config: Annotated[Optional[Path], typer.Option("--config", help="A feeds.toml file.")] = None,  # noqa: UP045
    feed: Annotated[Optional[list[str]], typer.Option("--feed", help="A feed URL (repeatable).")] = None,  # noqa: UP045
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then stop.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Keep polling; print new events.")] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Also fetch from loopback, private and link-local addresses (intranet feeds); refused by default.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Poll RSS/Atom feeds and pages politely, ingest what is new, report it.

    Example: [bold]tradetalks crawl --config feeds.toml --once[/bold]
    """
    from tradetalks.ingest.crawl import run_crawl

    with open_store(db) as store:
        report = run_crawl(
            store,
            config=config,
            feeds=feed or [],
            once=once or not watch,
            watch=watch,
            console=err,
            allow_private=allow_private,
        )
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def bulk(
    inputs: Annotated[list[Path], typer.Argument(help="JSON Lines archives or directories.")],
    scheduler: Annotated[Optional[str], typer.Option(help="tcp://HOST:PORT of a Dask scheduler.")] = None,  # noqa: UP045
    workers: Annotated[int, typer.Option(help="Local workers when no scheduler is given.")] = 2,
    follow_links: FollowLinksOption = False,
    db: DbOption = None,
) -> None:
    """Extract a large archive on Dask distributed, store in batches, then resolve on the same cluster.

    Example: [bold]tradetalks bulk archive.jsonl.gz --workers 2[/bold]
    """
    from tradetalks.ingest.articles import InputPolicy
    from tradetalks.ingest.bulk import run_bulk

    policy = InputPolicy(follow_links=follow_links)
    with open_store(db) as store:
        report = run_bulk(
            store, [str(p) for p in inputs], scheduler=scheduler, workers=workers, console=err, policy=policy
        )
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus into a SQLite file and print what it holds.

    Example: [bold]tradetalks demo --db demo.db[/bold]
    """
    from tradetalks.ingest.batch import demo_corpus_path, ingest_paths, print_report
    from tradetalks.serve.timeline import build_timeline, print_timeline

    with open_store(db or "tradetalks-demo.db") as store:
        report = ingest_paths(store, [str(demo_corpus_path())], console=err)
        print_report(report, console)
        figures = store.stats()
        console.print(" ".join(f"{k}={v}" for k, v in figures.items()))
        print_timeline(build_timeline(store), console)


def _register_corrections() -> None:
    from tradetalks.cli_corrections import register

    register(app)


_register_corrections()


def main() -> None:
    """Entry point: run the app; report our own errors without a traceback."""
    try:
        app()
    except TradeTalksError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
