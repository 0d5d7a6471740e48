"""Writing reports: to standard output, or to the file the user named."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from clarity.core.fileio import write_file


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Send a rendered report where the user asked: the whole text, or its pieces one by one
    as they are drawn (never joined, so a long report is never held whole). A regular file is
    replaced whole; a terminal, device or pipe is written to (see clarity.core.fileio)."""
    if output is None or str(output) == "-":
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        write_file(output, text, what="the report")
