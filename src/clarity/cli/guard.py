"""One handler for every command: errors become one line and an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from clarity.core.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    ClarityError,
)
from clarity.core.text import visible

#: An error line longer than this is cut in the middle: its start names the place, its end
#: says what to do, and a huge value quoted in between would bury both.
MAX_LINE = 1000


def err(line: str) -> None:
    """Write one line to standard error, with control characters made visible."""
    text = visible(line, newlines=False)
    if len(text) > MAX_LINE:
        text = f"{text[: MAX_LINE * 6 // 10]} [...] {text[-(MAX_LINE * 3 // 10) :]}"
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def interrupted() -> int:
    """Say the run was interrupted (once), and return its exit code."""
    from clarity.core.linting.procs import REPORTED

    if not REPORTED:
        REPORTED.append(True)
        err("clarity: interrupted")
    return EXIT_INTERRUPTED


#: Set by the global ``clarity --debug`` option (and by ``CLARITY_DEBUG=1``).
DEBUG = False


def debugging(debug: bool = False) -> bool:
    """Whether internal errors show their traceback: --debug, global or per command."""
    return debug or DEBUG or os.environ.get("CLARITY_DEBUG", "") not in ("", "0")


def internal_error(exc: BaseException, *, debug: bool = False) -> int:
    """The last line of defence: one line asking for a bug report, exit 3.

    The traceback (without local variables) only with --debug; the message is cut short, so
    a huge value caught up in the error cannot flood the terminal.
    """
    if debugging(debug):  # escaped too: the message may quote data
        import traceback  # only here: it costs every run's start-up several milliseconds

        lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
        sys.stderr.write(visible("".join(lines)))
    detail = str(exc)
    if len(detail) > 300:
        detail = detail[:297] + "..."
    err(
        f"clarity: internal error: {type(exc).__name__}: {detail}. "
        "This is a bug: please report it with the command you ran "
        "(clarity --debug COMMAND ... shows the traceback)"
    )
    return EXIT_INTERNAL


#: While clarity starts up, the handler Ctrl-C had and the interrupts noted since (see
#: hold_interrupts); empty when nothing is held.
_HELD: list[Any] = []


def hold_interrupts() -> None:
    """Note Ctrl-C instead of raising it while clarity starts up.

    Libraries call back into Python from compiled code while they load (pydantic does, as it
    builds its validators); a KeyboardInterrupt raised in such a call is swallowed ("Exception
    ignored") or turned into another error, and the run goes on. Until a command starts (see
    ``guarded``) or the run ends, SIGINT is only noted; :func:`release_interrupts` then raises
    it where clarity handles it.
    """
    import signal

    if _HELD:
        return
    noted: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: noted.append(number))
    except ValueError:  # not the main thread: signals are not ours to hold
        return
    _HELD.extend((previous, noted))


def release_interrupts() -> None:
    """Stop holding Ctrl-C; one noted meanwhile is raised now, as KeyboardInterrupt."""
    if not _HELD:
        return
    import signal

    previous, noted = _HELD
    _HELD.clear()
    signal.signal(signal.SIGINT, previous)
    if noted:
        raise KeyboardInterrupt


#: The exit code of a command whose reader left before the end (``clarity lint | head``): the
#: code a shell gives a program that SIGPIPE ended, as grep or cat under ``set -o pipefail``,
#: since what was not written may have been a failure (0 hid a failed lint in such a pipeline).
EXIT_READER_LEFT = 141


def _reader_left() -> int:
    """Point standard output at nothing, so that the interpreter's last flush does not fail
    again on the closed pipe, and say the output was cut short by its exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_READER_LEFT


def guarded(run: Callable[[], int], *, debug: bool = False) -> int:
    """Run a command body; map clarity errors to 2, Ctrl-C to 130 and anything else to 3."""
    try:
        release_interrupts()  # the command starts: Ctrl-C from here on is an interrupt
        return run()
    except ClarityError as exc:
        err(f"clarity: error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        return _reader_left()
    except Exception as exc:  # the last line of defence: one line, never locals
        return internal_error(exc, debug=debug)
