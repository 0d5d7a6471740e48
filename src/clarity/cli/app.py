"""The typer app: the top-level options and the list of commands.

Each command is declared in its own module (``app_<name>.py``) and built only when it is
invoked: a run pays for its own command's options, not for every command's. ``clarity --help``
lists the commands from ``COMMANDS`` below without building any of them. ``lint`` reads its
``lint`` and ``check`` read their own arguments (cli/lintargs.py, cli/checkargs.py: the one
parser of each command line, light enough for hooks and scripts): their commands here hand the
arguments over unread (:func:`own_parser`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

from clarity import __version__
from clarity.cli.helptext import plain_usage
from clarity.cli.options import DebugOption


def new_app(name: str, help: str | None = None, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """A typer app with clarity's settings: no completion, no pretty tracebacks, no markup
    (the help of a group; a module of one command names no help: its docstring is it)."""
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


#: The commands in the order a user meets them, each with the one line help lists for it; the
#: command itself is declared in ``clarity.cli.app_<name>``.
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


def build(name: str) -> Any:
    """The click command of one top-level command, from its module."""
    declared = import_module(f"clarity.cli.app_{name}").app
    if isinstance(declared, typer.Typer):
        declared = get_command(declared)
    return declared


class OwnParser(TyperCommand):
    """A command that reads its own arguments (its help and usage errors too): the app hands
    them over unread to the ``run`` of the module named ``module``."""

    module = ""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.args = list(args)
        return []

    def invoke(self, ctx: Any) -> Any:
        run = import_module(self.module).run
        raise typer.Exit(run(ctx.args, prog=ctx.command_path, columns=ctx.make_formatter().width))


def own_parser(name: str, module: str, help: str) -> OwnParser:
    """The app's command ``name``, whose command line ``module`` (its ``run``) reads."""
    command = OwnParser(name, add_help_option=False, help=help)
    command.module = module
    return command


class Commands(TyperGroup):
    """The top-level commands, listed in ``COMMANDS`` order with their one-line help, each
    built when it is invoked."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        command = build(name)
        command.short_help = COMMANDS[name]
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command named first in ``args``; a name it does not know is told with the
        commands it resembles ("Did you mean 'check'?"), from ``COMMANDS``."""
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            from difflib import get_close_matches

            matches = get_close_matches(name, list(COMMANDS))
            suggestions = ", ".join(f"{m!r}" for m in matches)
            ctx.fail(
                f"No such command {name!r}." + (f" Did you mean {suggestions}?" if matches else "")
            )
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list in ``clarity --help``, without building the commands."""
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a bad option value is told in clarity's words (the option
        parser's validation library would otherwise speak its own, "Value error, ...")."""
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = plain_usage(exc.message)
            raise


app = new_app(
    "clarity",
    "The clarity test for delegated work: did the boundaries (autonomy) or the "
    "consequences (accountability) break down?",
    cls=Commands,
)


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


__all__ = [
    "COMMANDS",
    "Commands",
    "OwnParser",
    "app",
    "build",
    "new_app",
    "own_parser",
    "plain_usage",
]
