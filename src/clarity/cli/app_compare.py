"""The `clarity compare` command, built by the one typer app when it is invoked."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded
from clarity.cli.options import (
    DebugOption,
    DetailOption,
    JournalOption,
    OutputOption,
    PagerOption,
    RulesOption,
)

app = new_app("compare")


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
    output: OutputOption = None,
    detail: DetailOption = False,
    pager: PagerOption = False,
    journal: JournalOption = None,
    rules: RulesOption = None,
    debug: DebugOption = False,
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
        detail=detail,
        pager=pager,
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


__all__ = ["app", "compare_command"]
