"""Writing reports: to standard output, or to a file atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.fileio import write_atomic as _write_atomic


def write_atomic(path: Path, text: str) -> None:
    """Write a report whole or not at all (see clarity.core.fileio)."""
    _write_atomic(path, text, what="the report")


def emit(text: str, output: Path | None) -> None:
    """Send a rendered report where the user asked."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
