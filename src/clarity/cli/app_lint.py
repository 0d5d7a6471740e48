"""The `clarity lint` command of the typer app: it hands the arguments after ``lint``, unread,
to lint's own parser (cli/lintargs.py), the one reader of lint's command line. The console
script goes to that parser directly (cli/main.py); this command serves ``clarity --debug lint``,
the runs where the app must go first (Windows, shell completion) and the tests' runner."""

from __future__ import annotations

from clarity.cli.app import own_parser

app = own_parser("lint", "clarity.cli.lintargs", __doc__ or "")

__all__ = ["app"]
