"""A progress line on standard error for long runs whose report goes to a file.

Shown only when standard error is a terminal and the report is not on it (``--output FILE``),
not with ``--quiet``, and only once a run has taken longer than ``AFTER`` seconds; redrawn at
most ten times a second and wiped when the run ends.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

AFTER = 0.5
EVERY = 0.1


class Progress:
    def __init__(self, stream: TextIO, after: float = AFTER) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.after = after
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total:
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
            return
        if now - self.start < self.after or now - self.last < EVERY:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\rclarity: linting {done}/{total} files ({done * 100 // total}%)")
        self.stream.flush()


def progress_for(output: Path | None, *, quiet: bool) -> Callable[[int, int], None] | None:
    """The progress display for this run, or None when it would not be seen or would mix
    with the report."""
    if quiet or output is None or str(output) == "-":
        return None
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return Progress(sys.stderr)
