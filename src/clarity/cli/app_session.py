"""The `clarity session` commands, built by the one typer app when it is invoked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded
from clarity.cli.options import JournalOption

session_app = new_app(
    "session", "A coach's session: walk through several delegations, one after another."
)
app = session_app

SessionFile = Annotated[
    Path, typer.Argument(metavar="FILE", help="The session file (YAML).", show_default=False)
]
ExtraPacks = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option(
        "--rules",
        metavar="PATH",
        help="A rule pack (file or folder) laid over the built-in one; repeatable.",
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]


@session_app.command("run", short_help="Ask each item's questions, save each check, then sum up.")
def run_command(
    file: SessionFile,
    journal: JournalOption = None,
    state: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--state",
            metavar="PATH",
            help="Where to keep the progress (default: FILE.state.json next to FILE).",
        ),
    ] = None,
    restart: Annotated[
        bool,
        typer.Option("--restart", help="Start over, dropping the progress of an interrupted run."),
    ] = False,
    rules: ExtraPacks = None,
    debug: Debug = False,
) -> None:
    """Ask each item's questions, save each check, and close with a summary.

    Ctrl-C stops; running it again goes on where it stopped, with the answers already given.
    """
    from clarity.cli.commands.session import SessionOptions, run

    opts = SessionOptions(
        file=file, journal=journal, state=state, restart=restart, rules=list(rules or [])
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


@session_app.command("check")
def check_command(file: SessionFile, rules: ExtraPacks = None, debug: Debug = False) -> None:
    """Check a session file without running it; errors name file:line:col."""
    from clarity.cli.commands.session import check

    raise typer.Exit(guarded(lambda: check(file, list(rules or [])), debug=debug))


__all__ = ["app", "session_app"]
