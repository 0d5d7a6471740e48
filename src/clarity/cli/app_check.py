"""The `clarity check` command, built by the one typer app when it is invoked."""

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
    RulesOption,
)

app = new_app("check")


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    svg = "svg"
    jsonl = "jsonl"


class View(str, Enum):
    leader = "leader"
    report = "report"


@app.command()
def check(
    task: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="The delegated responsibility (the 'task' answer)."),
    ] = None,
    answers: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help=(
                "Answers file, YAML or JSON; - for stdin; journal:ID for a saved check; a "
                "folder scores every *.yaml|*.yml|*.json in it (with --format jsonl)."
            ),
        ),
    ] = None,
    sets: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--set", "-s", metavar="KEY=VALUE", help="One answer; repeatable; wins over the file."
        ),
    ] = None,
    perspective: Annotated[
        Optional[View],  # noqa: UP045
        typer.Option(
            "--as", help="Whose view: the leader's or the report's (default: the answers')."
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.text,
    output: OutputOption = None,
    detail: DetailOption = False,
    pager: PagerOption = False,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults",
            help="Ask nothing: what is not given comes from the task's latest saved check.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 unless the verdict is in-harmony.")
    ] = False,
    rules: RulesOption = None,
    save: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--save/--no-save",
            help="Keep the check in the journal (default: 'save' in the configuration).",
        ),
    ] = None,
    journal: JournalOption = None,
    debug: DebugOption = False,
) -> None:
    """Run the three-question clarity test on one delegation and report what broke down."""
    from clarity.cli.commands.check import CheckOptions, run

    opts = CheckOptions(
        task=task,
        answers=answers,
        sets=list(sets or []),
        perspective=perspective.value if perspective else None,
        format=fmt.value,
        output=output,
        strict=strict,
        rules=list(rules or []),
        save=save,
        journal=journal,
        detail=detail,
        pager=pager,
        defaults=defaults,
    )
    raise typer.Exit(guarded(lambda: run(opts), debug=debug))


__all__ = ["app", "check"]
