"""The `clarity check` command of the typer app: it hands the arguments after ``check``,
unread, to check's own parser (cli/checkargs.py), the one reader of check's command line. The
console script goes to that parser directly (cli/main.py); this command serves ``clarity --debug
check``, the runs where the app must go first (Windows, shell completion) and the tests'
runner."""

from __future__ import annotations

from clarity.cli.app import own_parser

app = own_parser("check", "clarity.cli.checkargs", __doc__ or "")

__all__ = ["app"]
