"""The `clarity history` command, built by the one typer app when it is invoked."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from clarity.cli.app import new_app
from clarity.cli.guard import guarded
from clarity.cli.options import (
    DebugOption,
    DetailOption,
    JournalOption,
    OutputOption,
    PagerOption,
)

app = new_app("history")


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    svg = "svg"
    yaml = "yaml"


@app.command("history")
def history_command(
    task: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            help="The task whose checks to show, or one saved check as journal:ID; "
            "without it, list the tasks."
        ),
    ] = None,
    fmt: Annotated[
        HistoryFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format; yaml: the answers of the latest check (or of journal:ID), "
            "as an answers file for 'clarity check --answers'.",
        ),
    ] = HistoryFormat.text,
    journal: JournalOption = None,
    output: OutputOption = None,
    detail: DetailOption = False,
    pager: PagerOption = False,
    debug: DebugOption = False,
) -> None:
    """The saved checks of a task over time, with a trend chart; or every task saved."""
    from clarity.cli.commands.history import HistoryOptions, run

    opts = HistoryOptions(
        task=task, format=fmt.value, journal=journal, output=output, detail=detail, pager=pager
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


__all__ = ["app", "history_command"]
