"""One handler for every command: errors become one line and an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from clarity.core.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    ClarityError,
)
from clarity.core.text import visible


def err(line: str) -> None:
    """Write one line to standard error, with control characters made visible."""
    sys.stderr.write(visible(line, newlines=False) + "\n")
    sys.stderr.flush()


def guarded(run: Callable[[], int], *, debug: bool = False) -> int:
    """Run a command body; map clarity errors to 2, Ctrl-C to 130 and anything else to 3."""
    try:
        return run()
    except ClarityError as exc:
        err(f"clarity: error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        err("clarity: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one line, never locals
        if debug:
            traceback.print_exc()
        err(
            f"clarity: internal error: {type(exc).__name__}: {exc}. "
            "This is a bug: please report it with the command you ran "
            "(--debug shows the traceback)"
        )
        return EXIT_INTERNAL
