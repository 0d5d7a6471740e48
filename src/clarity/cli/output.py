"""Writing reports: to standard output, or to a file atomically."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from clarity.core.fileio import write_atomic as _write_atomic


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a report whole or not at all (see clarity.core.fileio)."""
    _write_atomic(path, text, what="the report")


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Send a rendered report where the user asked: the whole text, or its pieces one by one
    as they are drawn (never joined, so a long report is never held whole)."""
    if output is None or str(output) == "-":
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
