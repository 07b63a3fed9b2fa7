"""``tradetalks correct`` and ``tradetalks corrections``: an editor's corrections from the command line."""

from __future__ import annotations

import getpass
import os
from typing import Annotated, Optional

import typer

from tradetalks.store import open_store

correct_app = typer.Typer(
    help="""Correct the dossier: mark a fact wrong, set a value, split or merge events or entities.

A correction is kept as data with who, when and why, and applied after the rules on every rebuild, also
after the rules change. IDs are those of today's dossier (see `timeline --json`, `who --json`, /event/ID).

Examples:

  [bold]tradetalks correct set e-2a67dce3d24c start 2025-11-13 --why "the ministry's release says 13/11"[/bold]

  [bold]tradetalks correct wrong e-2a67dce3d24c --why "not a round: a seminar"[/bold]

  [bold]tradetalks correct wrong e-4fb367d41576 location --why "held in Hà Nội"[/bold]

  [bold]tradetalks correct wrong e-4fb367d41576 participant p-89246292cc --why "he was not there"[/bold]

  [bold]tradetalks correct wrong p-52c55bb749 role "Bộ trưởng" --why "Deputy Minister then"[/bold]

  [bold]tradetalks correct split e-2a67dce3d24c ARTICLE_ID --why "a later round"[/bold]

  [bold]tradetalks correct split p-89246292cc "Rick Switzer" --why "two people"[/bold]

  [bold]tradetalks correct merge e-4fb367d41576 e-1d05425188ca --why "the same call"[/bold]
""",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

DbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: $TRADETALKS_DB or ./tradetalks.db)."),
]
WhyOption = Annotated[str, typer.Option("--why", help="Why the correction is right (required).")]
ByOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--by", help="The editor's name (default: the user name)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _editor(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "editor"


def _record(db: str | None, json_out: bool, **fields: object) -> None:
    from pydantic import ValidationError

    from tradetalks.cli import _print_json, console, err
    from tradetalks.errors import TradeTalksError
    from tradetalks.export.json import correction_json
    from tradetalks.serve.corrections import CorrectionIn, record_correction

    try:
        item = CorrectionIn.model_validate(fields)
        with open_store(db) as store:
            done = record_correction(store, item)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        err.print(f"[red]error:[/red] {problems}", markup=True)
        raise typer.Exit(2) from None
    except TradeTalksError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if json_out:
        _print_json(correction_json(done))
        return
    console.print(f"correction {done.id}: {done.kind} {done.target} — {done.status}", markup=False)
    if done.note:
        console.print(f"  {done.note}", markup=False)
    if done.status != "applied":
        err.print("[yellow]the correction is stored but did not apply (see `tradetalks corrections`)[/yellow]")


@correct_app.command("set")
def set_value(
    target: Annotated[str, typer.Argument(help="An event or entity id.")],
    attribute: Annotated[str, typer.Argument(help="start, end, location, status, rate, ordinal, type, name, side…")],
    value: Annotated[str, typer.Argument(help="The right value (empty to clear).")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Set an attribute of an event (or the name or side of an entity) to the right value.

    Example: [bold]tradetalks correct set e-2a67dce3d24c start 2025-11-13 --why "the release says 13/11"[/bold]
    """
    _record(db, json_out, kind="set_value", id=target, attribute=attribute, value=value, why=why, by=_editor(by))


@correct_app.command("wrong")
def mark_wrong(
    target: Annotated[str, typer.Argument(help="An event or entity id.")],
    why: WhyOption,
    attribute: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Nothing (the whole record), an attribute, participant, alias or role."),
    ] = None,
    value: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="The wrong value (default: today's); the participant's entity id; the alias or title."),
    ] = None,
    by: ByOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Mark a fact wrong: an event or entity, an attribute's value, a participant, an alias or a title.

    Example: [bold]tradetalks correct wrong e-4fb367d41576 participant p-89246292cc --why "not there"[/bold]
    """
    _record(db, json_out, kind="mark_wrong", id=target, attribute=attribute, value=value, why=why, by=_editor(by))


@correct_app.command("split")
def split(
    target: Annotated[str, typer.Argument(help="An event or entity id.")],
    parts: Annotated[list[str], typer.Argument(help="Event: article ids whose reports leave; entity: aliases.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Split an event (the reports of some articles make a new event) or an entity (by the names used).

    Example: [bold]tradetalks correct split p-89246292cc "Rick Switzer" --why "two different people"[/bold]
    """
    _record(db, json_out, kind="split", id=target, parts=parts, why=why, by=_editor(by))


@correct_app.command("merge")
def merge(
    target: Annotated[str, typer.Argument(help="The event or entity that stays.")],
    other: Annotated[str, typer.Argument(help="The event or entity that joins it.")],
    why: WhyOption,
    by: ByOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Merge two events or two entities into one (the first stays).

    Example: [bold]tradetalks correct merge e-4fb367d41576 e-1d05425188ca --why "the same call"[/bold]
    """
    _record(db, json_out, kind="merge", id=target, other=other, why=why, by=_editor(by))


def corrections(
    remove: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--remove", help="Remove the correction with this number (the dossier is rebuilt)."),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the editors' corrections with their status (applied, or orphaned when the facts they were made on
    are gone), or remove one.

    Example: [bold]tradetalks corrections[/bold]; [bold]tradetalks corrections --remove 3[/bold]
    """
    from tradetalks.cli import _current, _print_json, console, err
    from tradetalks.serve.corrections import listed, remove_correction

    with open_store(db) as store:
        if remove is not None:
            if not remove_correction(store, remove):
                err.print(f"no correction number {remove}")
                raise typer.Exit(1)
            console.print(f"removed correction {remove}")
            return
        rows = listed(_current(store))
    if json_out:
        _print_json(rows)
        return
    if not rows:
        console.print("no corrections")
    for r in rows:
        what = " ".join(str(x) for x in (r["attribute"], r["value"]) if x not in (None, ""))
        console.print(
            f"{r['id']:>4}  {r['status']:<8} {r['kind']} {r['target']} {what}  by {r['by']} {r['at'][:10]}: {r['why']}",
            markup=False,
        )
        if r["note"]:
            console.print(f"      {r['note']}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``correct`` and ``corrections`` to the main command."""
    app.add_typer(correct_app, name="correct")
    app.command("corrections")(corrections)
