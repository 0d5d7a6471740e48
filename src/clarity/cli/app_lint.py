"""The `clarity lint` command of the typer app: it hands the arguments after ``lint``, unread,
to lint's own parser (cli/lintargs.py), the one reader of lint's command line. The console
script goes to that parser directly (cli/main.py); this command serves ``clarity --debug lint``,
the runs where the app must go first (Windows, shell completion) and the tests' runner."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand


class LintCommand(TyperCommand):
    """A command whose arguments, help and usage errors are lintargs'."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.args = list(args)
        return []

    def invoke(self, ctx: Any) -> Any:
        from clarity.cli.lintargs import run

        raise typer.Exit(run(ctx.args, prog=ctx.command_path, columns=ctx.make_formatter().width))


app = LintCommand("lint", add_help_option=False, help=__doc__)

__all__ = ["LintCommand", "app"]
