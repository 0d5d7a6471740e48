"""The typer app: options and help. Each command hands its work to clarity.cli.commands."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from clarity import __version__
from clarity.cli.guard import guarded
from clarity.cli.options import (
    DebugOption,
    DetailOption,
    JournalOption,
    OutputOption,
    PagerOption,
    RulesOption,
)


def new_app(name: str, help: str, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """A typer app with clarity's settings: no completion, no pretty tracebacks, no markup."""
    return typer.Typer(
        name=name,
        help=help,
        cls=cls,
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


#: The commands in the order a user meets them, each with the one line help lists for it.
COMMANDS = {
    "check": "Run the clarity test on one delegation.",
    "lint": "Lint the delegations of team charters (YAML or Markdown).",
    "compare": "Compare two views of one delegation (leader and report, or two dates).",
    "history": "Show the saved checks of a task over time.",
    "session": "Run a coach's session over several delegations.",
    "rules": "List, explain, validate, test and evaluate rule packs.",
    "config": "Show the effective configuration and where each value came from.",
    "init": "Write an example charter and a configuration.",
    "schema": "Print the JSON Schema of a file format.",
}


_PLAIN = {
    "a valid integer": "a whole number",
    "a valid number": "a number",
    "a valid boolean": "yes or no",
    "greater than or equal to": "at least",
    "less than or equal to": "at most",
}


def plain_usage(message: str) -> str:
    """A bad option value's message without the validation library's wording: "Value error,
    'x' is not one of 'a', 'b'." and "Input should be a valid number, unable to parse ..."."""
    import re

    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    found = re.fullmatch(r"(.+?) is not one of (.+?)\.?", message)
    if found:
        choices = [c.strip().strip("'") for c in found.group(2).split(",")]
        listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        return f"{found.group(1)} is not one of the choices; use {listed}"
    if message.startswith("Input should be "):
        wanted = message[len("Input should be ") :].split(",")[0].rstrip(".")
        for theirs, ours in _PLAIN.items():
            wanted = wanted.replace(theirs, ours)
        return f"must be {wanted}"
    return message


class Commands(TyperGroup):
    """The top-level commands, listed in ``COMMANDS`` order with their one-line help."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: list(COMMANDS).index(n) if n in COMMANDS else 99)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a bad option value is told in clarity's words (the option
        parser's validation library would otherwise speak its own, "Value error, ...")."""
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = plain_usage(exc.message)
            raise

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is not None and name in COMMANDS:
            command.short_help = COMMANDS[name]
        return command


app = new_app(
    "clarity",
    "The clarity test for delegated work: did the boundaries (autonomy) or the "
    "consequences (accountability) break down?",
    cls=Commands,
)


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clarity {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """clarity: autonomy is how work gets done; accountability is what gets delivered."""
    from clarity.cli import guard

    guard.DEBUG = debug


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


class SchemaName(str, Enum):
    answers = "answers"
    delegation = "delegation"
    charter = "charter"
    rules = "rules"
    config = "config"
    session = "session"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format, as shipped in the package (and under schemas/)."""

    def run() -> int:
        from clarity.core.reading.schemas import shipped_text

        sys.stdout.write(shipped_text(name.value))
        return 0

    raise typer.Exit(guarded(run))


# Each further command lives in its own module and registers itself on `app`.
from clarity.cli import (  # noqa: E402
    app_compare,
    app_config,
    app_history,
    app_init,
    app_lint,
    app_rules,
    app_session,
)

__all__ = [
    "app",
    "app_compare",
    "app_config",
    "app_history",
    "app_init",
    "app_lint",
    "app_rules",
    "app_session",
]
