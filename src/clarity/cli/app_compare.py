"""The `clarity compare` command, registered on the one typer app."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from clarity.cli.app import app
from clarity.cli.guard import guarded


class CompareFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    svg = "svg"


@app.command("compare")
def compare_command(
    a: Annotated[
        str,
        typer.Argument(metavar="A", help="Answers file (YAML or JSON; - for stdin) or journal:ID."),
    ],
    b: Annotated[
        str,
        typer.Argument(metavar="B", help="Answers file (YAML or JSON; - for stdin) or journal:ID."),
    ],
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CompareFormat.text,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here, atomically."),
    ] = None,
    journal: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--journal",
            metavar="PATH",
            readable=False,  # clarity reports an unreadable journal itself, in one line
            help="The journal for journal:ID (default: $CLARITY_JOURNAL or the user data folder).",
        ),
    ] = None,
    rules: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--rules",
            metavar="PATH",
            help="A further rule pack layered over the built-in one; repeatable.",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """Compare two answer sets for one task (leader and report, or two review dates)."""
    from clarity.cli.commands.compare import CompareOptions, run

    opts = CompareOptions(
        a=a,
        b=b,
        format=fmt.value,
        output=output,
        journal=journal,
        rules=list(rules or []),
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


__all__ = ["app", "compare_command"]
