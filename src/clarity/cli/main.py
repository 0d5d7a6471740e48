"""The console script."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    try:
        from clarity.cli.guard import hold_interrupts, release_interrupts

        hold_interrupts()  # until the command starts: see hold_interrupts
        if argv is None:  # the console script (not a caller's process): see core/linting/procs.py
            from clarity.core.linting.procs import end_on_interrupt

            end_on_interrupt()
        try:
            return _main(argv)
        finally:
            release_interrupts()
    except KeyboardInterrupt:  # Ctrl-C while clarity starts up, before a command runs
        from clarity.cli.guard import interrupted

        return interrupted()


def _main(argv: list[str] | None) -> int:
    from clarity.cli import guard

    guard.DEBUG = False  # the global --debug sets it again, for this run only
    args = list(sys.argv[1:] if argv is None else argv)
    if (
        args[:1] in (["lint"], ["check"])
        and os.name != "nt"
        and "_CLARITY_COMPLETE" not in os.environ
    ):
        # The hot paths of pre-commit hooks, CI and scripts: lint and check read their own
        # arguments (see cli/argtable.py), without the typer app. (On Windows the app expands
        # wildcards first, and it answers shell completion; its commands read them the same way.)
        from importlib import import_module

        run = import_module(f"clarity.cli.{args[0]}args").run
        try:
            return int(run(args[1:]))
        except KeyboardInterrupt:
            from clarity.cli.guard import interrupted

            return interrupted()
    from clarity.cli.guard import err

    try:
        from clarity.cli.app import app  # inside: Ctrl-C while importing is an interrupt too

        app(args=argv, prog_name="clarity", standalone_mode=True)
    except SystemExit as exc:
        status = exc.code
        if status is None:
            return 0
        if isinstance(status, int):
            return status
        err(str(status))
        return 2
    except KeyboardInterrupt:
        from clarity.cli.guard import interrupted

        return interrupted()
    except Exception as exc:  # outside any command body (parsing options, start-up)
        from clarity.cli.guard import internal_error

        return internal_error(exc, debug="--debug" in (argv if argv is not None else sys.argv))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
